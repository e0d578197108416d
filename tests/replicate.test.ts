/**
 * `npm run bench -- replicate`: the search index of the replicated warehouse is laid out as the writer
 * lays it out (files of disjoint token ranges, each sorted by token), and holds exactly the rows of its
 * articles' tokens, so the dashboard's keyword search finds what it found.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { SEARCH_DIR, searchTokensSql } from '../packages/model/src/search-index.ts';
import { replicate } from '../packages/ingest/src/bench/replicate.ts';
import { runIngest } from '../packages/ingest/src/pipeline.ts';
import { CONFIG, RAW, tempDir } from './helpers.ts';

const root = tempDir('replicate');
afterAll(() => rmSync(root, { recursive: true, force: true }));
const src = path.join(root, 'src');
const out = path.join(root, 'out');
const COPIES = 3;

beforeAll(async () => {
  await runIngest({ inputs: [RAW], out: src, configDir: CONFIG, progress: 'off', jobs: 1, inlineDocs: 0 });
  await replicate(src, out, COPIES);
}, 240_000);

async function query(sql: string): Promise<unknown[][]> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return (await c.runAndReadAll(sql)).getRows();
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

describe('replicate', () => {
  it('writes the search index as files of disjoint token ranges, each sorted, holding the tokens of its articles', async () => {
    const dir = path.join(out, SEARCH_DIR);
    const files = readdirSync(dir).filter((f) => f.endsWith('.parquet'));
    expect(files.length).toBeGreaterThan(0);
    const glob = `'${dir}/*.parquet'`;
    const [[overlaps, unsorted]] = (await query(`
      WITH t AS (SELECT * FROM read_parquet(${glob}, filename = true, file_row_number = true)),
      r AS (SELECT filename, min(token) AS lo, max(token) AS hi FROM t GROUP BY filename)
      SELECT (SELECT count(*) FROM r a JOIN r b ON a.filename < b.filename AND a.lo <= b.hi AND b.lo <= a.hi),
             (SELECT count(*) FROM (SELECT (token, article_id, after_al) < lag((token, article_id, after_al)) OVER (PARTITION BY filename ORDER BY file_row_number) AS back FROM t) WHERE back)`)) as [
      [bigint, bigint],
    ];
    expect(Number(overlaps)).toBe(0);
    expect(Number(unsorted)).toBe(0);
    const index = `(SELECT token, article_id, after_al FROM read_parquet(${glob}))`;
    const tokens = `(${searchTokensSql(`read_parquet('${out}/articles/**/*.parquet', union_by_name = true)`)})`;
    const [[onlyIndex, onlyTokens, n, articles]] = (await query(
      `SELECT (SELECT count(*) FROM (${index} EXCEPT ALL ${tokens})), (SELECT count(*) FROM (${tokens} EXCEPT ALL ${index})),
              (SELECT count(*) FROM ${index}), (SELECT count(DISTINCT article_id) FROM ${index})`,
    )) as [[bigint, bigint, bigint, bigint]];
    expect([Number(onlyIndex), Number(onlyTokens)]).toEqual([0, 0]);
    expect(Number(n)).toBeGreaterThan(0);
    const [[srcArticles]] = (await query(`SELECT count(DISTINCT article_id) FROM read_parquet('${src}/${SEARCH_DIR}/*.parquet')`)) as [[bigint]];
    expect(Number(articles)).toBe(COPIES * Number(srcArticles));
  });
});
