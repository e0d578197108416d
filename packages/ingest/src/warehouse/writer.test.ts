import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse } from '@mirsad/model/warehouse';
import { versionsDir } from './publish.ts';
import { articleRow, DUPLICATE_STEP } from '../testing/writer-rows.ts';
import { STATE_DIR, stateFiles, WarehouseWriter } from './writer.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mirsad-writer-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const DUP = DUPLICATE_STEP;
const article = articleRow;

async function writeRun(out: string, ids: string[]) {
  const w = await WarehouseWriter.create(out);
  await w.open();
  ids.forEach((id, i) => w.appendArticle(...article(id, i, '2020-10-01', id, [i, i, i, i], [`0:${id}`])));
  w.append('mentions', { article_id: ids[0]!, entity_id: 'mark-esper', surface: 'إسبر', start: 0, end: 4, sentence: 0, method: 'gazetteer' });
  w.append('topics', { article_id: ids[0]!, topic_id: 'energy', score: 0.5, hits: 2, evidence: ['الغاز', 'النفط'] });
  return w.finish(DUP);
}

describe('WarehouseWriter', () => {
  it('publishes every table of the contract as Parquet behind a link, with views.sql', async () => {
    const out = path.join(root, 'wh');
    const counts = await writeRun(out, ['a1', 'a2']);
    expect(counts.rows.articles).toBe(2);
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    for (const t of ['articles', 'outlets', 'entities', 'entity_aliases', 'mentions', 'topics', 'topic_defs', 'visits', 'article_visits', 'rejects']) {
      expect(readdirSync(path.join(out, t)).some((f) => f.endsWith('.parquet'))).toBe(true);
    }
    expect(readFileSync(path.join(out, 'views.sql'), 'utf8')).toContain('CREATE OR REPLACE VIEW "mentions"');
    const wh = await openWarehouse(out);
    try {
      expect(await wh.query('SELECT article_id, published_date, duplicate_of FROM articles ORDER BY article_id')).toEqual([
        { article_id: 'a1', published_date: '2020-10-01', duplicate_of: null },
        { article_id: 'a2', published_date: '2020-10-01', duplicate_of: null },
      ]);
      expect(await wh.query('SELECT evidence FROM topics')).toEqual([{ evidence: ['الغاز', 'النفط'] }]);
    } finally {
      wh.close();
    }
  });

  it('stages articles in row groups of one flush each (4,096 rows), so that a flush fills whole row groups', async () => {
    const w = await WarehouseWriter.create(path.join(root, 'wh'));
    try {
      await w.open();
      const n = 3 * 4096 + 100;
      for (let i = 0; i < n; i++) w.appendArticle(...article(`a${i}`, i, '2020-10-01', `a${i}`, [i, i, i, i], [`0:a${i}`]));
      await w.flush();
      const groups: number[] = [];
      for await (const rows of w.rows(
        `SELECT row_group_id, sum(count) FROM pragma_storage_info('stage_articles') WHERE column_path = '[0]' GROUP BY ALL ORDER BY 1`,
      ))
        for (const [, count] of rows) groups.push(Number(count));
      expect(groups).toEqual([4096, 4096, 4096, 100]);
      expect(await w.scalar('SELECT count(*) FROM stage_articles')).toBe(n);
    } finally {
      await w.abort();
    }
  });

  it('replaces the previous run atomically and keeps no more than two versions', async () => {
    const out = path.join(root, 'wh');
    await writeRun(out, ['a1']);
    await writeRun(out, ['b1', 'b2']);
    await writeRun(out, ['c1', 'c2', 'c3']);
    const wh = await openWarehouse(out);
    try {
      expect((await wh.query('SELECT count(*) AS n FROM articles'))[0]).toEqual({ n: 3 });
    } finally {
      wh.close();
    }
    expect(readdirSync(versionsDir(out)).filter((n) => !n.startsWith('.'))).toHaveLength(2);
  });

  it('gives staged mentions their resolved entity ids, drops those of entities resolution dropped, and counts every spelling in entity_aliases', async () => {
    const out = path.join(root, 'wh');
    const w = await WarehouseWriter.create(out);
    await w.open();
    w.appendArticle(...article('a1', 0, null, 'a1', [1], ['0:a1']));
    const m = (entity_id: string, surface: string, start: number, method: string) =>
      w.append('mentions', { article_id: 'a1', entity_id, surface, start, end: start + surface.length, sentence: 0, method });
    m('discovered:p1', 'انجيلا ميركل', 0, 'role');
    m('discovered:p2', 'أنغيلا ميركل', 20, 'role');
    m('discovered:p2', 'ميركل', 40, 'coref');
    m('discovered:p3', 'بلينكين', 60, 'role');
    m('antony-blinken', 'بلينكن', 80, 'gazetteer');
    // a bare given name (resolve/cluster.ts bareGivenNames)
    m('discovered:p4', 'مايكل', 100, 'tagger');
    const counts = await w.finish(DUP, {
      entities: new Map([
        ['discovered:p1', 'discovered:p2'],
        ['discovered:p3', 'antony-blinken'],
      ]),
      droppedEntities: new Set(['discovered:p4']),
    });
    expect(counts.rows.entity_aliases).toBe(5);
    expect(counts.rows.mentions).toBe(5);
    const wh = await openWarehouse(out);
    try {
      expect(await wh.query('SELECT entity_id, method FROM mentions ORDER BY start')).toEqual([
        { entity_id: 'discovered:p2', method: 'role' },
        { entity_id: 'discovered:p2', method: 'role' },
        { entity_id: 'discovered:p2', method: 'coref' },
        { entity_id: 'antony-blinken', method: 'role' },
        { entity_id: 'antony-blinken', method: 'gazetteer' },
      ]);
      expect(await wh.query('SELECT entity_id, alias, n FROM entity_aliases ORDER BY entity_id, alias')).toEqual([
        { entity_id: 'antony-blinken', alias: 'بلينكن', n: 1 },
        { entity_id: 'antony-blinken', alias: 'بلينكين', n: 1 },
        { entity_id: 'discovered:p2', alias: 'أنغيلا ميركل', n: 1 },
        { entity_id: 'discovered:p2', alias: 'انجيلا ميركل', n: 1 },
        { entity_id: 'discovered:p2', alias: 'ميركل', n: 1 },
      ]);
    } finally {
      wh.close();
    }
  });

  it('an aborted run leaves the previous warehouse readable and no staging behind', async () => {
    const out = path.join(root, 'wh');
    await writeRun(out, ['a1']);
    const w = await WarehouseWriter.create(out);
    await w.open();
    w.appendArticle(...article('zz', 0, null, 'zz', [1], ['0:zz']));
    await w.abort();
    const wh = await openWarehouse(out);
    try {
      expect(await wh.query('SELECT article_id FROM articles')).toEqual([{ article_id: 'a1' }]);
    } finally {
      wh.close();
    }
    expect(readdirSync(versionsDir(out)).filter((n) => n.startsWith('.work'))).toEqual([]);
  });

  it('marks exact and near copies as duplicates of the earliest article, by date then input order', async () => {
    const out = path.join(root, 'wh');
    const w = await WarehouseWriter.create(out);
    await w.open();
    const sig = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const near = [1, 2, 3, 4, 5, 6, 7, 8, 9, 99]; // 9 of 10 positions agree
    const other = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
    // input order is not date order: the copy published first is the original
    w.appendArticle(...article('late', 0, '2020-10-03', 'k1', sig, ['0:x', '1:y']));
    w.appendArticle(...article('first', 1, '2020-10-01', 'k2', near, ['0:x', '1:z']));
    w.appendArticle(...article('exact', 2, '2020-10-05', 'k1', sig, ['0:x', '1:y']));
    w.appendArticle(...article('unrelated', 3, '2020-10-02', 'k3', other, ['0:q', '1:r']));
    w.appendArticle(...article('shares-a-band', 4, '2020-10-06', 'k4', [1, 2, 30, 40, 50, 60, 70, 80, 90, 100], ['0:x', '1:w']));
    const counts = await w.finish(DUP);
    expect(counts.steps).toEqual([{ step: 'duplicates', done: true, detail: null }]);
    expect(counts.duplicates).toBe(2);
    const wh = await openWarehouse(out);
    try {
      const rows = await wh.query('SELECT article_id, duplicate_of FROM articles ORDER BY article_id');
      expect(Object.fromEntries(rows.map((r) => [r.article_id, r.duplicate_of]))).toEqual({
        late: 'first',
        first: null,
        exact: 'first',
        unrelated: null,
        'shares-a-band': null,
      });
    } finally {
      wh.close();
    }
  });

  it('stages and publishes more article text than its memory limit', async () => {
    const out = path.join(root, 'big');
    const w = await WarehouseWriter.create(out, { memoryLimit: '96MB' });
    await w.open();
    const paragraph = 'وصل وزير الخارجية إلى العاصمة في زيارة رسمية تناولت التعاون الأمني والاقتصادي بين البلدين. '.repeat(40);
    const n = 30_000; // ~190 MB of bodies in UTF-8, twice the limit
    for (let i = 0; i < n; i++) {
      const [row, extras] = article(`a${i}`, i, '2020-10-01', `k${i}`, [i], [`0:${i}`]);
      w.appendArticle({ ...row, body: `${i} ${paragraph}`, n_chars: 0 }, extras);
    }
    const counts = await w.finish(DUP);
    expect(counts.rows.articles).toBe(n);
    const wh = await openWarehouse(out);
    try {
      expect(await wh.query('SELECT count(*) AS n, min(article_id) AS first, sum(length(body)) > 96 * 1024 * 1024 AS bigger FROM articles')).toEqual([
        { n, first: 'a0', bigger: true },
      ]);
      // written in input order without a sort
      const firstRows = await wh.query('SELECT article_id FROM articles LIMIT 3');
      expect(firstRows.map((r) => r.article_id)).toEqual(['a0', 'a1', 'a2']);
      // and the search index of all of it, written within the same limit (its sort spills)
      expect(await wh.query("SELECT count(DISTINCT article_id) AS n FROM search_tokens WHERE token = 'وزير'")).toEqual([{ n }]);
    } finally {
      wh.close();
    }
  }, 300_000);

  it('keeps a dictionary and a bloom filter on mentions.article_id however many articles a row group holds', async () => {
    // 20,000 articles with one mention and one topic each: 20,000 distinct ids in one row group, past
    // DuckDB's default dictionary limit (a tenth of the rows), which wrote that column PLAIN, so a
    // look-up of one article's mentions read every row group
    const out = path.join(root, 'ids');
    const w = await WarehouseWriter.create(out);
    await w.open();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const id = `id${String(i).padStart(6, '0')}`;
      w.appendArticle(...article(id, i, '2020-10-01', id, [i, i + 1, i + 2, i + 3], [`0:${id}`]));
      w.append('mentions', { article_id: id, entity_id: 'mark-esper', surface: 'إسبر', start: 0, end: 4, sentence: 0, method: 'gazetteer' });
      w.append('topics', { article_id: id, topic_id: 'energy', score: 0.5, hits: 1, evidence: ['الغاز'] });
    }
    await w.finish(DUP);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      for (const table of ['mentions', 'topics']) {
        const glob = path.join(out, table, '*.parquet').replaceAll("'", "''");
        const groups = (
          await c.runAndReadAll(
            `SELECT encodings, bloom_filter_offset IS NOT NULL AS bloom FROM parquet_metadata('${glob}') WHERE path_in_schema = 'article_id'`,
          )
        ).getRowObjects();
        expect(groups.length).toBeGreaterThan(0);
        for (const g of groups)
          expect({ table, encodings: String(g.encodings), bloom: g.bloom }).toEqual({ table, encodings: expect.stringContaining('DICTIONARY'), bloom: true });
      }
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  it("after oneThread() the steps after the reading keep to one DuckDB thread, through the articles' export too", async () => {
    const out = path.join(root, 'wh');
    const threadsAt: Record<string, unknown> = {};
    let w = null as WarehouseWriter | null;
    const threads = async () => (await (w as WarehouseWriter).scalars(["SELECT current_setting('threads')"]))[0];
    w = await WarehouseWriter.create(out, { checkpoint: async (phase) => void (threadsAt[phase] = phase === 'parquet' ? await threads() : undefined) });
    await w.open();
    ['a1', 'a2'].forEach((id, i) => w.appendArticle(...article(id, i, '2020-10-01', id, [i, i, i, i], [`0:${id}`])));
    await w.markResumable({});
    await w.oneThread();
    expect(await threads()).toBe(1);
    await w.finish(DUP);
    expect(threadsAt.parquet).toBe(1);
  });

  it('refuses to replace a folder that is not a warehouse', async () => {
    const out = path.join(root, 'docs');
    mkdirSync(out);
    writeFileSync(path.join(out, 'thesis.md'), 'x');
    await expect(WarehouseWriter.create(out)).rejects.toThrow(/not a Mirsad warehouse/);
    expect(existsSync(path.join(out, 'thesis.md'))).toBe(true);
  });
});

describe('stateFiles', () => {
  it('lists a state part in the order appends added its files: the first, then by number (2 before 10)', () => {
    const state = path.join(root, 'v', STATE_DIR);
    mkdirSync(state, { recursive: true });
    for (const f of ['items.10.parquet', 'items.parquet', 'items.2.parquet', 'items.1.parquet', 'itemsx.parquet', 'articles.1.parquet', 'items.3.parquet.tmp'])
      writeFileSync(path.join(state, f), '');
    expect(stateFiles(path.join(root, 'v'), 'items').map((f) => path.basename(f))).toEqual([
      'items.parquet',
      'items.1.parquet',
      'items.2.parquet',
      'items.10.parquet',
    ]);
    expect(stateFiles(path.join(root, 'v'), 'mentions').map((f) => path.basename(f))).toEqual(['mentions.parquet']);
  });
});
