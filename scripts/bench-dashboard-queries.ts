/**
 * Server-side time of every query the dashboard's pages run, one after another on the warehouse pool the
 * server uses (sandboxed, SELECT only), with its result cache off: what a request pays when the cache
 * does not have the answer. Part of `npm run bench:dashboard` (scripts/bench-dashboard.mjs).
 */
import { openWarehousePool } from '@mirsad/model/warehouse';
import { DEFAULT_FILTERS, type Filters } from '../apps/dashboard/lib/filters.ts';
import * as q from '../apps/dashboard/lib/queries.ts';
import type { BuiltQuery } from '../apps/dashboard/lib/sql.ts';
import { VIEWS, viewQuery, type ViewName } from '../apps/dashboard/lib/views.ts';

export interface QueryTiming {
  readonly name: string;
  readonly firstMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly cpuMs: number;
  readonly runs: number;
}

const pct = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** A word of the most frequent title words, for the keyword search (q=) query. */
async function searchWord(pool: q.Queryable): Promise<string | null> {
  const [row] = await pool.query(
    `SELECT w FROM (SELECT unnest(string_split(title, ' ')) AS w FROM articles LIMIT 20000) WHERE length(w) >= 5 GROUP BY w ORDER BY count(*) DESC, w LIMIT 1`,
  );
  return typeof row?.w === 'string' ? row.w : null;
}

export async function timeQueries(warehouse: string, ids: { article: string; entity: string }, runs = 20): Promise<QueryTiming[]> {
  // One thread, as each of the server's connections has by default (the cores shared among a connection per core).
  const openT = performance.now();
  const openCpu = process.cpuUsage();
  const pool = await openWarehousePool(warehouse, { sandbox: true, selectOnly: true, cacheBytes: 0, connections: 1, threads: 1, queryTimeoutMs: 300_000 });
  // Opening a version builds the pool's derived tables (entity_articles …): what the first page after a publication waits for.
  const opened = process.cpuUsage(openCpu);
  const openMs = performance.now() - openT;
  try {
    const f: Filters = DEFAULT_FILTERS;
    const built = (b: BuiltQuery) => () => q.run(pool, b);
    const jobs: [string, () => Promise<unknown>][] = [];
    for (const v of Object.keys(VIEWS) as ViewName[]) {
      if (v === 'articles') continue; // the export, not a chart: the list below is what a page runs
      jobs.push([v, built(viewQuery(v, f, ids.entity)!)]);
    }
    jobs.push(
      ['article-count', built(q.articleCountQuery(f))],
      // the list's rows as the articles page reads them: the page from memory, then its 50 titles by where their rows are
      ['article-list', () => q.articleListRows(pool, f)],
      ['entity-index', built(q.entityIndexQuery(f, null))],
      ['entity-info', () => q.entityInfo(pool, f, ids.entity)],
      ['filter-options (5 queries)', () => q.options(pool, null)],
      ['article (5 queries)', () => q.articleDetail(pool, ids.article)],
    );
    const word = await searchWord(pool);
    if (word) jobs.push([`summary, q=${word}`, built(q.summaryQuery({ ...f, q: word }))]);
    const out: QueryTiming[] = [
      { name: 'open a version (derived tables)', firstMs: openMs, p50Ms: NaN, p95Ms: NaN, cpuMs: (opened.user + opened.system) / 1000, runs: 1 },
    ];
    for (const [name, job] of jobs) {
      const ms: number[] = [];
      const cpu = process.cpuUsage();
      // Slow queries (a keyword search over every body) get fewer runs: at least 3, or up to 15 s.
      for (let i = 0, spent = 0; i < runs && (i < 3 || spent < 15_000); i++) {
        const t = performance.now();
        await job();
        ms.push(performance.now() - t);
        spent += ms.at(-1)!;
      }
      const used = process.cpuUsage(cpu);
      const [first] = ms;
      const rest = ms.slice(1).sort((a, b) => a - b);
      out.push({ name, firstMs: first!, p50Ms: pct(rest, 50), p95Ms: pct(rest, 95), cpuMs: (used.user + used.system) / 1000 / ms.length, runs: ms.length });
    }
    return out;
  } finally {
    pool.close();
  }
}

/** The last publication date in the warehouse (the bench varies the overview's `to=` back from it). */
export async function lastDate(warehouse: string): Promise<string | null> {
  const pool = await openWarehousePool(warehouse, { cacheBytes: 0, connections: 1 });
  try {
    const [row] = await pool.query('SELECT max(published_date) AS last FROM articles');
    return typeof row?.last === 'string' ? row.last : null;
  } finally {
    pool.close();
  }
}

export function printTimings(rows: readonly QueryTiming[]): void {
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : '–').padStart(8);
  console.log('query (default filters, result cache off)   first ms    p50 ms    p95 ms   CPU ms/run   runs  (p50/p95: the runs after the first)');
  for (const r of rows) {
    console.log(
      `${r.name.slice(0, 42).padEnd(42)}  ${r.firstMs.toFixed(0).padStart(8)}  ${ms(r.p50Ms)}  ${ms(r.p95Ms)}  ${r.cpuMs.toFixed(0).padStart(10)}  ${String(r.runs).padStart(5)}`,
    );
  }
}
