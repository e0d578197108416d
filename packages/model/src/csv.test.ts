import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { queryCsv } from './warehouse.ts';

describe('queryCsv', () => {
  it("writes a SELECT's rows with DuckDB's CSV writer: header, quoting, NULL as an empty field", async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      expect(await queryCsv(c, `SELECT 'a,"b"' AS x, NULL::INTEGER AS y, ['p', 'q'] AS z, DATE '2022-03-30' AS d;`)).toBe(
        'x,y,z,d\n"a,""b""",,"[p, q]",2022-03-30',
      );
      expect(await queryCsv(c, 'CREATE TABLE t AS SELECT 1 AS n')).toBe('');
      expect(await queryCsv(c, 'SELECT n FROM t')).toBe('n\n1');
      await expect(queryCsv(c, 'SELECT nope FROM t')).rejects.toThrow(/nope/);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });
});
