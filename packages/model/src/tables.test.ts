import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLES, TABLE_NAMES } from './tables.ts';

const DOC = new URL('../../../docs/WAREHOUSE.md', import.meta.url);

describe('docs/WAREHOUSE.md', () => {
  const doc = readFileSync(DOC, 'utf8');
  it('has a section for every table and lists every declared column', () => {
    for (const table of TABLE_NAMES) {
      expect(doc, table).toMatch(new RegExp(`^## .*\\b${table}\\b`, 'm'));
      for (const col of TABLES[table]) expect(doc, `${table}.${col.name}`).toContain(`\`${col.name}\``);
    }
  });
});
