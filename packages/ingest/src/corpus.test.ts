import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATE_WINDOW, stateRows } from './corpus.ts';
import { WarehouseWriter } from './warehouse/writer.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mirsad-corpus-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function collect(writer: WarehouseWriter, kind: 'discovered' | 'claim', columns: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const row of stateRows(writer, kind, columns)) out.push(row);
  return out;
}

describe('stateRows', () => {
  it('gives one kind of state in input order (seq, pos) across windows of seqs, whatever the staging order', async () => {
    const w = await WarehouseWriter.create(path.join(root, 'wh'));
    try {
      await w.open();
      // staged out of order (as shards merged are), on both sides of window boundaries
      const seqs = [3 * STATE_WINDOW + 7, 5, STATE_WINDOW, STATE_WINDOW - 1, 2 * STATE_WINDOW + 1, 0];
      for (const seq of seqs) for (const pos of [2, 0, 1]) w.appendState('discovered', seq, pos, `a${seq}`, { seq, pos });
      w.appendState('claim', STATE_WINDOW + 3, 0, 'other', { kind: 'claim' });
      await w.flush();
      const got = (await collect(w, 'discovered', 'payload')).map(([p]) => JSON.parse(p as string) as { seq: number; pos: number });
      const expected = [...seqs].sort((a, b) => a - b).flatMap((seq) => [0, 1, 2].map((pos) => ({ seq, pos })));
      expect(got).toEqual(expected);
      expect(await collect(w, 'claim', 'article_id')).toEqual([['other']]);
    } finally {
      await w.abort();
    }
  });

  it('reads a large state under a small memory limit, which one ORDER BY over all of it does not fit', async () => {
    const w = await WarehouseWriter.create(path.join(root, 'wh'), { memoryLimit: '48MB' });
    try {
      await w.open();
      const filler = 'x'.repeat(300);
      const n = 200_000;
      for (let i = 0; i < n; i++) w.appendState('discovered', n - i, 0, null, { i, filler });
      await w.flush();
      let count = 0;
      let last = -1;
      for await (const [seq] of stateRows(w, 'discovered', 'seq')) {
        expect(Number(seq)).toBeGreaterThan(last);
        last = Number(seq);
        count++;
      }
      expect(count).toBe(n);
      let payloads = 0;
      for await (const [p] of stateRows(w, 'discovered', 'payload')) payloads += (p as string).length > 300 ? 1 : 0;
      expect(payloads).toBe(n);
    } finally {
      await w.abort();
    }
  });
});
