/**
 * The files of the keyword-search index (`_search/`, @mirsad/model/search-index) as a writer lays them
 * out: sorted runs of rows (one per batch of articles) rewritten as files of disjoint token ranges, each
 * sorted by token, with large row groups. A query word is one range of tokens: DuckDB reads the row
 * groups of one file that hold it and skips the rest by their min/max, and what it pays grows with the
 * row groups it looks at, read or skipped (at 1M articles, 24 files of 16,384-row groups each holding
 * every token: 150 ms of CPU for a token that matches nothing). Like an LSM tree's levels: --append adds
 * the new articles' rows as small files beside the kept ones, and when more than SEARCH_MAX_SMALL_FILES
 * of them accumulate they are merged into files of disjoint ranges.
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '@mirsad/model';
import { SEARCH_COPY_OPTIONS, SEARCH_FILE_ROWS, SEARCH_MAX_SMALL_FILES, searchFileName } from '@mirsad/model/search-index';

const list = (files: readonly string[]) => `[${files.map(quoteLiteral).join(', ')}]`;

/** Rows of each Parquet file, from the footers. */
async function rowsOf(c: DuckDBConnection, files: readonly string[]): Promise<Map<string, number>> {
  const rows = new Map<string, number>();
  if (files.length === 0) return rows;
  const result = await c.runAndReadAll(`SELECT file_name, num_rows FROM parquet_file_metadata(${list(files)})`);
  for (const [f, n] of result.getRows()) rows.set(String(f), Number(n));
  return rows;
}

/**
 * Where to cut `files` (each sorted by token) into `parts` ranges of about equal rows: quantiles of the
 * first token of their row groups, read from the footers (no scan; the same cuts for the same files).
 * Any strings would do as cuts: the ranges [cut i, cut i+1) cover every token whatever they are.
 */
async function cutsOf(c: DuckDBConnection, files: readonly string[], parts: number): Promise<string[]> {
  if (parts <= 1) return [];
  const qs = Array.from({ length: parts - 1 }, (_v, i) => (i + 1) / parts);
  const result = await c.runAndReadAll(
    `SELECT list_sort(list_distinct(list_filter(quantile_disc(stats_min_value, [${qs.join(', ')}]), x -> x <> '')))
     FROM parquet_metadata(${list(files)}) WHERE path_in_schema = 'token' AND stats_min_value IS NOT NULL`,
  );
  // sorted by DuckDB (by code point, as it compares the tokens), not by JS (by UTF-16 unit)
  const cuts = (result.getRows()[0]?.[0] as { items?: unknown[] } | null)?.items ?? [];
  return cuts.filter((x): x is string => typeof x === 'string');
}

/**
 * Rewrites the index rows of `runs` (Parquet files of token, article_id, after_al, each sorted by token)
 * into `dir` as files of disjoint token ranges of about `fileRows` rows (numbered from `next`), each
 * sorted by token, article_id, after_al: one range at a time, each reading only the runs' row groups
 * that can hold it. Returns the next free file number.
 */
export async function writeSearchRanges(c: DuckDBConnection, runs: readonly string[], dir: string, next: number, fileRows = SEARCH_FILE_ROWS): Promise<number> {
  const total = [...(await rowsOf(c, runs)).values()].reduce((a, b) => a + b, 0);
  if (total === 0) return next;
  const cuts = await cutsOf(c, runs, Math.ceil(total / fileRows));
  const bounds: (string | null)[] = [null, ...cuts, null];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const lo = bounds[i] ?? null;
    const hi = bounds[i + 1] ?? null;
    const where = [lo === null ? null : `token >= ${quoteLiteral(lo)}`, hi === null ? null : `token < ${quoteLiteral(hi)}`].filter((x) => x !== null);
    await c.run(
      `COPY (SELECT token, article_id, after_al FROM read_parquet(${list(runs)})${where.length ? ` WHERE ${where.join(' AND ')}` : ''}
       ORDER BY token, article_id, after_al) TO ${quoteLiteral(path.join(dir, searchFileName(next++)))} ${SEARCH_COPY_OPTIONS}`,
    );
  }
  return next;
}

/**
 * After --append added its files to `dir`: when more than SEARCH_MAX_SMALL_FILES files hold fewer than
 * a quarter of `fileRows` rows each, they are merged into files of disjoint ranges (numbered from
 * `next`) and removed. The large files stay as they are (each sorted, a query reads a row group or two
 * of each). Returns the next free file number.
 */
export async function compactSearchFiles(c: DuckDBConnection, dir: string, next: number, fileRows = SEARCH_FILE_ROWS): Promise<number> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .sort()
    .map((f) => path.join(dir, f));
  const rows = await rowsOf(c, files);
  const small = files.filter((f) => (rows.get(f) ?? 0) < fileRows / 4);
  if (small.length <= SEARCH_MAX_SMALL_FILES) return next;
  const after = await writeSearchRanges(c, small, dir, next, fileRows);
  for (const f of small) rmSync(f);
  return after;
}
