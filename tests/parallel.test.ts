/** Worker threads change how fast a warehouse is made, never what is in it. */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIngest } from '../packages/ingest/src/pipeline.ts';
import { readParquetSql, TABLE_NAMES } from '../packages/model/src/tables.ts';
import { openWarehouse } from '../packages/model/src/warehouse.ts';
import { CONFIG, RAW, tempDir } from './helpers.ts';

describe('ingest on worker threads', () => {
  const dir = tempDir('parallel');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same rows, in the same order, as the main thread alone', async () => {
    const single = path.join(dir, 'single');
    const pooled = path.join(dir, 'pooled');
    // .txt and .json documents on the main thread, the HTML pages on one worker
    const a = await runIngest({ inputs: [RAW], out: single, configDir: CONFIG, progress: 'off', jobs: 1 });
    // every document goes through the pool, in batches spread over two workers
    const b = await runIngest({ inputs: [RAW], out: pooled, configDir: CONFIG, progress: 'off', jobs: 2, inlineDocs: 0 });
    expect([a.workers, b.workers]).toEqual([1, 2]);
    expect({ ...b, seconds: 0, out: '', workers: 0 }).toEqual({ ...a, seconds: 0, out: '', workers: 0 });
    const wh = await openWarehouse(single);
    try {
      for (const t of TABLE_NAMES) {
        const [x, y] = [readParquetSql(single, t), readParquetSql(pooled, t)];
        const diff = await wh.query(
          `SELECT count(*) AS n FROM (SELECT * FROM ${x} EXCEPT ALL SELECT * FROM ${y}) UNION ALL SELECT count(*) FROM (SELECT * FROM ${y} EXCEPT ALL SELECT * FROM ${x})`,
        );
        expect(diff, t).toEqual([{ n: 0 }, { n: 0 }]);
      }
      const order = await wh.query(`SELECT string_agg(source, ',') AS s FROM ${readParquetSql(single, 'articles')}`);
      const pooledOrder = await wh.query(`SELECT string_agg(source, ',') AS s FROM ${readParquetSql(pooled, 'articles')}`);
      expect(pooledOrder).toEqual(order);
    } finally {
      wh.close();
    }
  });
});
