import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTableSql, quoteLiteral, TABLE_NAMES } from './tables.ts';
import { openWarehouse, openWarehousePool, QueryTimeoutError, type WarehousePool } from './warehouse.ts';

let root: string;
let link: string;
let versions: string;
let serial = 0;

/** A version folder holding `articles` articles (ids a1…an), every table present, as the ingest writes one. */
async function writeVersion(articles: number): Promise<string> {
  const dir = path.join(versions, `v${++serial}`);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    for (const t of TABLE_NAMES) {
      await c.run(createTableSql(t));
      mkdirSync(path.join(dir, t), { recursive: true });
    }
    for (let i = 1; i <= articles; i++) {
      await c.run(
        `INSERT INTO articles (article_id, source, title, published_date, date_source, body, headline_chars, lang, n_chars, format) VALUES ('a${i}', 'x${i}.txt', 'عنوان', DATE '2020-10-01', 'text', 'نص', 0, 'ar', 2, 'txt')`,
      );
    }
    for (const t of TABLE_NAMES) await c.run(`COPY ${t} TO ${quoteLiteral(path.join(dir, t, 'part-0.parquet'))} (FORMAT parquet)`);
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return dir;
}

/** Swaps the warehouse link to `dir` with one rename, as publication does. */
function publish(dir: string): void {
  const tmp = `${link}.tmp-${serial}`;
  symlinkSync(dir, tmp, 'dir');
  renameSync(tmp, link);
}

const count = async (q: { query: WarehousePool['query'] }) => Number((await q.query('SELECT count(*) AS n FROM articles'))[0]!.n);

// Slow on purpose, and interruptible: DuckDB checks for an interrupt between vectors.
const SLOW = 'SELECT sum(a.range * b.range) AS s FROM range(200000) a, range(200000) b';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'mirsad-pool-'));
  versions = path.join(root, '.warehouse.versions');
  link = path.join(root, 'warehouse');
  publish(await writeVersion(1));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readers pinned to one version', { timeout: 120_000 }, () => {
  it('openWarehouse reads the version the link pointed to when it opened, not the one it points to now', async () => {
    const wh = await openWarehouse(link, { sandbox: true });
    try {
      const before = wh.version;
      expect(await count(wh)).toBe(1);
      publish(await writeVersion(2));
      expect(wh.version).toBe(before);
      expect(await count(wh)).toBe(1);
    } finally {
      wh.close();
    }
    const fresh = await openWarehouse(link);
    expect(await count(fresh)).toBe(2);
    fresh.close();
  });

  it('the pool moves to a new version between queries and keeps answering while versions are published and pruned', async () => {
    const pool = await openWarehousePool(link, { sandbox: true, selectOnly: true, connections: 2, threads: 1, cacheBytes: 0 });
    try {
      publish(await writeVersion(3));
      expect(await count(pool)).toBe(3);
      const errors: unknown[] = [];
      const seen = new Set<number>();
      let publishing = true;
      const readers = Array.from({ length: 4 }, async () => {
        let n = 0;
        while (publishing || n < 25) {
          n++;
          try {
            seen.add(await count(pool));
          } catch (err) {
            errors.push(err);
          }
        }
      });
      // Five publications; the ingest side keeps one previous version, so the one before it goes.
      const published: string[] = [];
      for (let i = 0; i < 5; i++) {
        const dir = await writeVersion(10 + i);
        publish(dir);
        published.push(dir);
        if (published.length > 2) rmSync(published.at(-3)!, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 50));
      }
      publishing = false;
      await Promise.all(readers);
      expect(errors).toEqual([]);
      expect(await count(pool)).toBe(14);
      expect(seen.has(14)).toBe(true);
      // old versions are closed once their queries are done: one instance left
      expect(pool.stats().versions).toBe(1);
      expect(pool.stats().version).toBe(published.at(-1));
    } finally {
      pool.close();
    }
  });

  it('a query in flight when the link moves finishes on its version; the next one runs on the new version', async () => {
    const pool = await openWarehousePool(link, { connections: 2, threads: 1, cacheBytes: 0 });
    try {
      const start = await count(pool);
      const inFlight = pool.query(`SELECT (SELECT count(*) FROM articles) AS n, (${SLOW.replaceAll('200000', '10000')}) AS s`);
      publish(await writeVersion(start + 5));
      const [row] = await inFlight;
      expect(Number(row!.n)).toBe(start);
      expect(await count(pool)).toBe(start + 5);
    } finally {
      pool.close();
    }
  });
});

describe('the connection pool', { timeout: 120_000 }, () => {
  /**
   * Two slow queries at once: each reports when DuckDB started it (get_current_timestamp is the start of
   * its transaction). Side by side, both start together; one after the other, the second starts about a
   * whole query later. Measured against the queries' own length, not a fixed time.
   */
  async function startGap(pool: WarehousePool): Promise<{ gap: number; shortest: number }> {
    const timed = async () => {
      const [row] = await pool.query(`SELECT epoch_ms(get_current_timestamp()) AS started, (${SLOW.replaceAll('200000', '10000')}) AS s`);
      const started = Number(row!.started);
      return { started, took: Date.now() - started };
    };
    const [a, b] = await Promise.all([timed(), timed()]);
    return { gap: Math.abs(a!.started - b!.started), shortest: Math.min(a!.took, b!.took) };
  }

  it('runs queries side by side, one per connection', async () => {
    const pool = await openWarehousePool(link, { connections: 2, threads: 1, cacheBytes: 0, queryTimeoutMs: 600_000 });
    try {
      const { gap, shortest } = await startGap(pool);
      expect(gap).toBeLessThan(shortest / 2);
      expect(pool.stats()).toMatchObject({ busy: 0, connections: 2 });
    } finally {
      pool.close();
    }
  });

  it('shares the cores among its connections: DuckDB threads per instance are cores / connections, at least 1', async () => {
    const cores = availableParallelism();
    for (const connections of [1, 2, cores * 2]) {
      const pool = await openWarehousePool(link, { connections, cacheBytes: 0 });
      try {
        const [row] = await pool.query("SELECT current_setting('threads') AS threads");
        expect(Number(row!.threads), `${connections} connections on ${cores} cores`).toBe(Math.max(1, Math.floor(cores / connections)));
      } finally {
        pool.close();
      }
    }
    const pinned = await openWarehousePool(link, { connections: 1, threads: 3, cacheBytes: 0 });
    try {
      expect(Number((await pinned.query("SELECT current_setting('threads') AS threads"))[0]!.threads)).toBe(3);
    } finally {
      pinned.close();
    }
  });

  it('gives every instance a spill folder of its own, used when a query outgrows memory, removed when it closes', async () => {
    // DuckDB's default for an in-memory database is «.tmp» in the working directory: two instances (a
    // reopened version beside the one finishing its queries) would spill into the same file.
    const opts = { memoryLimit: '64MB', sandbox: true, connections: 1 };
    const a = await openWarehousePool(link, opts);
    const b = await openWarehousePool(link, opts);
    const spillOf = async (p: WarehousePool) => String((await p.query("SELECT current_setting('temp_directory') AS d"))[0]!.d);
    const dirs: string[] = [];
    try {
      dirs.push(await spillOf(a), await spillOf(b));
      expect(dirs[0]).not.toBe(dirs[1]);
      for (const d of dirs) {
        expect(path.isAbsolute(d)).toBe(true);
        expect(existsSync(d)).toBe(true);
      }
      const sorted = 'SELECT count(DISTINCT h) AS n FROM (SELECT md5(range::VARCHAR) AS h FROM range(600000) ORDER BY h)';
      const [ra, rb] = await Promise.all([a.query(sorted), b.query(sorted)]);
      expect(Number(ra[0]!.n)).toBe(600000);
      expect(Number(rb[0]!.n)).toBe(600000);
    } finally {
      await a.close();
      await b.close();
    }
    for (const d of dirs) expect(existsSync(d)).toBe(false);
  });

  it('with one connection, queries run one after another', async () => {
    const pool = await openWarehousePool(link, { connections: 1, threads: 1, cacheBytes: 0, queryTimeoutMs: 600_000 });
    try {
      const { gap, shortest } = await startGap(pool);
      expect(gap).toBeGreaterThan(shortest / 2);
    } finally {
      pool.close();
    }
  });

  it('interrupts a query that runs past its time, and one that waits that long for a connection, then keeps working', async () => {
    const pool = await openWarehousePool(link, { connections: 1, threads: 1, cacheBytes: 0, queryTimeoutMs: 300 });
    try {
      const running = pool.query(SLOW).catch((e: unknown) => e);
      const waiting = pool.query('SELECT 1 AS one').catch((e: unknown) => e);
      const [ran, waited] = await Promise.all([running, waiting]);
      expect(ran).toBeInstanceOf(QueryTimeoutError);
      expect(String(ran)).toMatch(/interrupted/);
      expect(waited).toBeInstanceOf(QueryTimeoutError);
      expect(String(waited)).toMatch(/busy/);
      expect(await pool.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      expect(pool.stats()).toMatchObject({ busy: 0, waiting: 0, connections: 1 });
    } finally {
      pool.close();
    }
  });

  it('reopens an instance left idle after queries, only then, and answers the same on the new one', async () => {
    const pool = await openWarehousePool(link, { connections: 1, cacheBytes: 0, idleReopenMs: 100 });
    try {
      await new Promise((r) => setTimeout(r, 400));
      expect(pool.stats().opens, 'no reopen before any query').toBe(1);
      const before = await count(pool);
      await new Promise((r) => setTimeout(r, 600));
      expect(pool.stats()).toMatchObject({ opens: 2, versions: 1, connections: 1, busy: 0 });
      await new Promise((r) => setTimeout(r, 400));
      expect(pool.stats().opens, 'no second reopen without queries in between').toBe(2);
      expect(await count(pool)).toBe(before);
    } finally {
      pool.close();
    }
  });

  it('keeps identical results within its byte budget and runs identical queries in flight once', async () => {
    const pool = await openWarehousePool(link, { connections: 2, cacheBytes: 4096 });
    try {
      const many = await Promise.all(Array.from({ length: 20 }, () => count(pool)));
      expect(new Set(many).size).toBe(1);
      expect(pool.stats().cacheEntries).toBe(1);
      for (let i = 0; i < 60; i++) await pool.query('SELECT $i AS i, repeat($s, 20) AS s', { i, s: 'x' });
      expect(pool.stats().cachedBytes).toBeLessThanOrEqual(4096);
      expect(pool.stats().cacheEntries).toBeLessThan(60);
    } finally {
      pool.close();
    }
  });

  it('sandboxes every connection, not just the first, and writes Parquet only into its export folder', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'mirsad-pool-export-'));
    const pool = await openWarehousePool(link, { sandbox: true, selectOnly: true, exportDir: out, connections: 3, cacheBytes: 0 });
    try {
      const reads = await Promise.all(Array.from({ length: 3 }, () => pool.query("SELECT * FROM read_csv('/etc/passwd')").catch((e: unknown) => e)));
      for (const r of reads) expect(String(r)).toMatch(/Permission|access/i);
      await expect(pool.query(`COPY (SELECT 1) TO ${quoteLiteral(path.join(out, 'x.parquet'))}`)).rejects.toThrow(/SELECT/);
      await pool.copyTo('SELECT article_id FROM articles WHERE title <> $t', { t: 'x' }, path.join(out, 'ok.parquet'), 'parquet');
      await expect(pool.copyTo('SELECT 1', undefined, path.join(tmpdir(), 'mirsad-escape.parquet'), 'parquet')).rejects.toThrow(/export folder/);
      await expect(pool.copyTo('SELECT 1; SELECT 2', undefined, path.join(out, 'two.parquet'), 'parquet')).rejects.toThrow();
      await expect(pool.copyTo('SELECT 1 AS x', undefined, path.join(tmpdir(), 'mirsad-escape.csv'), 'csv')).rejects.toThrow(/export folder/);
    } finally {
      pool.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
