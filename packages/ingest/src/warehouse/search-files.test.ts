import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_MAX_SMALL_FILES, SEARCH_ROW_GROUP } from '@mirsad/model/search-index';
import { compactSearchFiles, writeSearchRanges } from './search-files.ts';
import { parquetFiles, scratchDuckDB } from '../testing/scratch-db.ts';

const scratch = scratchDuckDB('search-files-');
const root = scratch.root;

// tokens over the ranges an index holds: Latin, digits, Arabic, presentation forms past U+E000, letters past the BMP
const LETTERS = ['a', 'z', '7', 'ب', 'س', 'ي', 'ﻻ', '𝐀'];

/** A run of `n` rows (distinct tokens × articles), sorted by token, as the writer's runs are. */
async function writeRun(file: string, seed: number, n: number): Promise<void> {
  await scratch.c.run(`COPY (
    SELECT token, article_id, after_al FROM (
      SELECT DISTINCT ${JSON.stringify(LETTERS).replaceAll('"', "'")}[1 + (i * 7 + ${seed}) % ${LETTERS.length}]
               || ${JSON.stringify(LETTERS).replaceAll('"', "'")}[1 + (i * 13 + ${seed * 3}) % ${LETTERS.length}]
               || (i % 97)::VARCHAR AS token,
             'art-${seed}-' || (i % 50)::VARCHAR AS article_id, i % 3 = 0 AS after_al
      FROM range(${n}) t(i))
    ORDER BY token, article_id, after_al) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
}

const rows = scratch.rows;
const files = parquetFiles;

/** Each file sorted by (token, article_id, after_al), the files' token ranges disjoint (in DuckDB's order), and the rows. */
async function layout(dir: string) {
  const list = `[${files(dir)
    .map((f) => `'${f}'`)
    .join(', ')}]`;
  const unsorted = await rows(`SELECT count(*) FROM (
    SELECT filename, (token, article_id, after_al) < lag((token, article_id, after_al)) OVER (PARTITION BY filename ORDER BY file_row_number) AS back
    FROM read_parquet(${list}, filename = true, file_row_number = true)) WHERE back`);
  const overlaps = await rows(`WITH r AS (SELECT filename, min(token) AS lo, max(token) AS hi FROM read_parquet(${list}, filename = true) GROUP BY filename)
    SELECT count(*) FROM r a JOIN r b ON a.filename < b.filename AND a.lo <= b.hi AND b.lo <= a.hi`);
  const rowGroups = await rows(`SELECT max(row_group_num_rows) FROM parquet_metadata(${list})`);
  return { unsorted: Number(unsorted[0]![0]), overlaps: Number(overlaps[0]![0]), maxRowGroup: Number(rowGroups[0]![0]), files: files(dir).length };
}

const EXCEPT = (a: string, b: string) =>
  `SELECT count(*) FROM (SELECT token, article_id, after_al FROM read_parquet(${a}) EXCEPT ALL SELECT token, article_id, after_al FROM read_parquet(${b}))`;

describe('writeSearchRanges', () => {
  it('rewrites sorted runs that each hold every token as files of disjoint token ranges, each sorted, with the same rows', async () => {
    const runs = path.join(root, 'runs');
    const out = path.join(root, 'out');
    mkdirSync(runs);
    mkdirSync(out);
    for (let k = 0; k < 6; k++) await writeRun(path.join(runs, `run-${k}.parquet`), k, 20_000);
    const before = await layout(runs);
    expect(before.overlaps).toBeGreaterThan(0);
    const next = await writeSearchRanges(scratch.c, files(runs), out, 3, 10_000);
    const after = await layout(out);
    expect(after.files).toBeGreaterThan(1);
    expect(next).toBe(3 + after.files);
    expect(after).toMatchObject({ unsorted: 0, overlaps: 0 });
    expect(after.maxRowGroup).toBeLessThanOrEqual(SEARCH_ROW_GROUP);
    const a = `'${runs}/*.parquet'`;
    const b = `'${out}/*.parquet'`;
    expect(Number((await rows(EXCEPT(a, b)))[0]![0])).toBe(0);
    expect(Number((await rows(EXCEPT(b, a)))[0]![0])).toBe(0);
  });

  it('writes nothing for runs without rows', async () => {
    const runs = path.join(root, 'empty-runs');
    const out = path.join(root, 'empty-out');
    mkdirSync(runs);
    mkdirSync(out);
    await scratch.c.run(`COPY (SELECT 'x' AS token, 'a' AS article_id, false AS after_al WHERE false) TO '${runs}/run-0.parquet' (FORMAT parquet)`);
    expect(await writeSearchRanges(scratch.c, files(runs), out, 0, 10)).toBe(0);
    expect(files(out)).toEqual([]);
  });
});

describe('compactSearchFiles', () => {
  it(`merges the small files once more than ${SEARCH_MAX_SMALL_FILES} accumulate, and leaves the large ones`, async () => {
    const dir = path.join(root, 'compact');
    mkdirSync(dir);
    await writeRun(path.join(dir, 'tokens-000000.parquet'), 100, 40_000);
    for (let k = 1; k <= SEARCH_MAX_SMALL_FILES; k++) await writeRun(path.join(dir, `tokens-00000${k}.parquet`), k, 300);
    const large = (await rows(`SELECT num_rows FROM parquet_file_metadata('${dir}/tokens-000000.parquet')`))[0]![0];
    const fileRows = Number(large);
    // as many small files as allowed: nothing changes
    expect(await compactSearchFiles(scratch.c, dir, 10, fileRows)).toBe(10);
    expect(files(dir).length).toBe(1 + SEARCH_MAX_SMALL_FILES);
    const all = path.join(root, 'compact-before');
    mkdirSync(all);
    await scratch.c.run(`COPY (SELECT token, article_id, after_al FROM read_parquet('${dir}/*.parquet')) TO '${all}/all.parquet' (FORMAT parquet)`);
    // one more: the small ones become one file (their rows are few), the large one stays
    await writeRun(path.join(dir, `tokens-00000${SEARCH_MAX_SMALL_FILES + 1}.parquet`), 9, 300);
    await scratch.c.run(`COPY (SELECT token, article_id, after_al FROM read_parquet('${dir}/*.parquet')) TO '${all}/all.parquet' (FORMAT parquet)`);
    const next = await compactSearchFiles(scratch.c, dir, 10, fileRows);
    expect(next).toBe(11);
    expect(files(dir).map((f) => path.basename(f))).toEqual(['tokens-000000.parquet', 'tokens-000010.parquet']);
    expect(Number((await rows(EXCEPT(`'${all}/*.parquet'`, `'${dir}/*.parquet'`)))[0]![0])).toBe(0);
    expect(Number((await rows(EXCEPT(`'${dir}/*.parquet'`, `'${all}/*.parquet'`)))[0]![0])).toBe(0);
  });
});
