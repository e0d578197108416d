import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { col } from '@mirsad/model';
import { ingest, SAMPLE_CORPUS } from '../test-support/warehouse';
import { DEFAULT_FILTERS } from './filters';

// The data layer refuses to load outside a React server environment; here it is the subject under test.
vi.mock('server-only', () => ({}));

async function loadDataLayer(warehouse: string) {
  vi.resetModules();
  vi.stubEnv('MIRSAD_WAREHOUSE', warehouse);
  return import('./data');
}

describe('the server-only data layer', () => {
  let dir: string;
  beforeAll(() => {
    dir = ingest([SAMPLE_CORPUS]);
  }, 300_000);
  afterAll(() => {
    vi.unstubAllEnvs();
    if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  it('without a warehouse, says which folder and tables are missing and names the command', async () => {
    const nowhere = path.join(tmpdir(), 'mirsad-no-such-warehouse');
    const data = await loadDataLayer(nowhere);
    const status = data.warehouseStatus();
    expect(status).toMatchObject({ ok: false, dir: nowhere });
    expect(status.ok ? [] : status.missing).toContain('articles');
    const err = await data.getSummary(DEFAULT_FILTERS).catch((e: unknown) => e);
    expect(data.isWarehouseMissing(err)).toBe(true);
    expect(String(err)).toMatch(/mirsad ingest/);
  });

  it('reads MIRSAD_WAREHOUSE, runs concurrent queries on its pool, exports Parquet and cleans up', async () => {
    const data = await loadDataLayer(dir);
    expect(data.warehouseStatus()).toEqual({ ok: true, dir });
    const results = await Promise.all([
      data.getSummary(DEFAULT_FILTERS),
      data.getOutletTopics(DEFAULT_FILTERS),
      data.getVisitTopics(DEFAULT_FILTERS),
      data.getTimeline(DEFAULT_FILTERS),
      data.getOptions(null),
      data.getTopicDefs(),
    ]);
    expect(results[0].articles).toBeGreaterThan(0);
    expect(results[5].length).toBeGreaterThan(0);
    const { outletTopicsQuery } = await import('./queries');
    const bytes = await data.queryToFile(outletTopicsQuery(DEFAULT_FILTERS), 'parquet');
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('PAR1');
    const csv = Buffer.from(await data.queryToFile(outletTopicsQuery(DEFAULT_FILTERS), 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('outlet_id,outlet_ar,outlet_en,topic_id,n,total,share');
    const exportDirs = readdirSync(tmpdir()).filter((d) => d.startsWith('mirsad-export-'));
    expect(exportDirs.length).toBeGreaterThan(0);
    for (const d of exportDirs) expect(readdirSync(path.join(tmpdir(), d)).filter((f) => /\.(parquet|csv)$/.test(f))).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });

  it('refuses a malformed pool setting at start, naming the variable', async () => {
    vi.stubEnv('MIRSAD_DB_CONNECTIONS', 'lots');
    await expect(loadDataLayer(dir)).rejects.toThrow(/MIRSAD_DB_CONNECTIONS=lots/);
    vi.stubEnv('MIRSAD_DB_CONNECTIONS', '');
    vi.stubEnv('MIRSAD_DB_MEMORY', '1 bucket');
    await expect(loadDataLayer(dir)).rejects.toThrow(/MIRSAD_DB_MEMORY/);
    vi.stubEnv('MIRSAD_DB_MEMORY', '');
  });

  it('is read-only: a statement that writes never runs, even inside the warehouse folder the sandbox allows', async () => {
    const data = await loadDataLayer(dir);
    const planted = path.join(dir, 'articles', 'planted.parquet');
    const writes = [
      `COPY (SELECT 'x' AS article_id) TO '${planted}' (FORMAT parquet)`,
      `SELECT 1 AS n; COPY (SELECT 'x' AS article_id) TO '${planted}' (FORMAT parquet)`,
      `ATTACH '${path.join(dir, 'planted.duckdb')}' AS planted`,
      'CREATE TABLE planted AS SELECT 1 AS n',
    ];
    for (const sql of writes) {
      await expect(data.runQuery({ sql, params: {}, display: sql, columns: [] }), sql).rejects.toThrow();
    }
    expect(existsSync(planted)).toBe(false);
    expect(existsSync(path.join(dir, 'planted.duckdb'))).toBe(false);
    expect(await data.runQuery({ sql: 'SELECT count(*) AS n FROM articles', params: {}, display: '', columns: [col('n', 'INTEGER')] as const })).toEqual([
      { n: (await data.getSummary({ ...DEFAULT_FILTERS, dups: true })).articles },
    ]);
  });
});
