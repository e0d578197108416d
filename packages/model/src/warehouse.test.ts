import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleFileView, createTableSql, quoteLiteral, TABLE_NAMES } from './tables.ts';
import { openWarehouse, WarehouseMissingError, type Warehouse } from './warehouse.ts';

let dir: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'mirsad-wh-'));
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const t of TABLE_NAMES) {
    await c.run(createTableSql(t));
    mkdirSync(path.join(dir, t));
  }
  await c.run(
    `INSERT INTO articles (article_id, source, title, published_date, date_source, body, headline_chars, lang, n_chars, format) VALUES ('a1', 'x.txt', 'عنوان', DATE '2020-10-01', 'text', 'نص', 0, 'ar', 2, 'txt')`,
  );
  await c.run(`INSERT INTO topics VALUES ('a1', 'energy', 0.5, 2, ['الغاز', 'النفط'])`);
  for (const t of TABLE_NAMES) await c.run(`COPY ${t} TO ${quoteLiteral(path.join(dir, t, 'part-0.parquet'))} (FORMAT parquet)`);
  c.closeSync();
  wh = await openWarehouse(dir, { sandbox: true });
});
afterAll(() => {
  wh?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openWarehouse', () => {
  it('exposes every table by name with JSON-safe values', async () => {
    const [row] = await wh.query('SELECT published_date, n_chars, count(*) OVER () AS n FROM articles');
    expect(row).toEqual({ published_date: '2020-10-01', n_chars: 2, n: 1 });
    const [t] = await wh.query('SELECT evidence FROM topics');
    expect(t?.evidence).toEqual(['الغاز', 'النفط']);
  });
  it('binds parameters rather than pasting them', async () => {
    const count = 'SELECT count(*) AS n FROM articles WHERE title = $t';
    expect(await wh.query(count, { t: "' OR 1=1 --" })).toEqual([{ n: 0 }]);
    expect(await wh.query(count, { t: 'عنوان' })).toEqual([{ n: 1 }]);
  });
  it('in sandbox mode cannot read files outside the warehouse, nor lift the sandbox', async () => {
    await expect(wh.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow(/Permission|access/i);
    await expect(wh.query(`SELECT * FROM read_parquet(${quoteLiteral(path.join(dir, '..', '*.parquet'))})`)).rejects.toThrow();
    await expect(wh.query('SET enable_external_access = true')).rejects.toThrow(/configuration/i);
  });
  it('with exportDir, writes there and nowhere else', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'mirsad-wh-export-'));
    const ex = await openWarehouse(dir, { sandbox: true, exportDir: out });
    try {
      const file = path.join(out, 'x.parquet');
      await ex.query(`COPY (SELECT article_id FROM articles WHERE title <> $t) TO ${quoteLiteral(file)} (FORMAT parquet)`, { t: 'x' });
      expect(existsSync(file)).toBe(true);
      await expect(ex.query(`COPY (SELECT 1) TO ${quoteLiteral(path.join(tmpdir(), 'mirsad-escape.parquet'))} (FORMAT parquet)`)).rejects.toThrow(
        /Permission|access/i,
      );
      await expect(wh.query(`COPY (SELECT 1) TO ${quoteLiteral(path.join(out, 'y.parquet'))} (FORMAT parquet)`)).rejects.toThrow(/Permission|access/i);
    } finally {
      ex.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
  it('with selectOnly, refuses to write into the warehouse folder, to attach, or to run two statements', async () => {
    const guarded = await openWarehouse(dir, { sandbox: true, selectOnly: true });
    try {
      const planted = quoteLiteral(path.join(dir, 'articles', 'planted.parquet'));
      await expect(guarded.query(`COPY (SELECT * FROM articles) TO ${planted}`)).rejects.toThrow(/SELECT/);
      await expect(guarded.query(`ATTACH ${quoteLiteral(path.join(dir, 'x.db'))}`)).rejects.toThrow(/SELECT/);
      await expect(guarded.query('SELECT 1; DROP VIEW articles')).rejects.toThrow();
      expect(await guarded.query('SELECT count(*) AS n FROM articles WHERE title <> $t', { t: 'x' })).toEqual([{ n: 1 }]);
    } finally {
      guarded.close();
    }
    // the unguarded sandbox could have planted that file (which is why servers pass selectOnly)
    expect(await wh.query('SELECT count(*) AS n FROM articles')).toEqual([{ n: 1 }]);
  });

  it('gives each articles part file a view of its own, article_rows of that file, and numbers articles by where their row is', async () => {
    const two = mkdtempSync(path.join(tmpdir(), 'mirsad-wh-'));
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const t of TABLE_NAMES) {
        await c.run(createTableSql(t));
        mkdirSync(path.join(two, t));
      }
      const insert = (id: string, dup: string) =>
        `INSERT INTO articles (article_id, source, title, body, headline_chars, lang, n_chars, format, duplicate_of) VALUES ('${id}', 'x', 't ${id}', 'b', 0, 'ar', 1, 'txt', ${dup})`;
      for (const t of TABLE_NAMES) if (t !== 'articles') await c.run(`COPY ${t} TO ${quoteLiteral(path.join(two, t, 'part-0.parquet'))} (FORMAT parquet)`);
      await c.run(`${insert('b1', 'NULL')}; ${insert('b2', "'b1'")}`);
      await c.run(`COPY articles TO ${quoteLiteral(path.join(two, 'articles', 'part-0.parquet'))} (FORMAT parquet)`);
      await c.run(`DELETE FROM articles; ${insert('b3', "'b1'")}; ${insert('b4', 'NULL')}; ${insert('b5', 'NULL')}`);
      await c.run(`COPY articles TO ${quoteLiteral(path.join(two, 'articles', 'part-1.parquet'))} (FORMAT parquet)`);
    } finally {
      c.closeSync();
    }
    const w = await openWarehouse(two);
    try {
      expect(await w.query(`SELECT article_id, file_no, row_no FROM ${articleFileView(1)} ORDER BY row_no`)).toEqual([
        { article_id: 'b3', file_no: 1, row_no: 0 },
        { article_id: 'b4', file_no: 1, row_no: 1 },
        { article_id: 'b5', file_no: 1, row_no: 2 },
      ]);
      expect(await w.query(`SELECT * FROM ${articleFileView(0)} ORDER BY ALL`)).toEqual(
        await w.query('SELECT * FROM article_rows WHERE file_no = 0 ORDER BY ALL'),
      );
      expect(await w.query('SELECT article_id, is_dup, article_no FROM article_keys ORDER BY article_id')).toEqual([
        { article_id: 'b1', is_dup: 0, article_no: 0 },
        { article_id: 'b2', is_dup: 1, article_no: 1 },
        { article_id: 'b3', is_dup: 1, article_no: 2 ** 32 },
        { article_id: 'b4', is_dup: 0, article_no: 2 ** 32 + 1 },
        { article_id: 'b5', is_dup: 0, article_no: 2 ** 32 + 2 },
      ]);
      expect(() => articleFileView(-1)).toThrow();
    } finally {
      w.close();
      rmSync(two, { recursive: true, force: true });
    }
  });
  it('names the command that creates a missing warehouse', async () => {
    await expect(openWarehouse(path.join(dir, 'nope'))).rejects.toThrow(WarehouseMissingError);
    await expect(openWarehouse(path.join(dir, 'nope'))).rejects.toThrow(/mirsad ingest/);
  });
});
