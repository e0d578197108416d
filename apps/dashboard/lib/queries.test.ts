import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { col, mentionFileView, quoteLiteral } from '@mirsad/model';
import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { COPY_OPTIONS, DERIVED_TABLES, POOL_COPIED_TABLES, openWarehouse, openWarehousePool, type CopyFormat, type Warehouse } from '@mirsad/model/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, REPO_ROOT, SAMPLE_CORPUS, SHARED_SEEDS, seedsPresent } from '../test-support/warehouse';
import { exportFileName, toArrowIpc, toFile } from './export';
import { fold } from '@mirsad/model/arabic';
import { changedCodePoints, FOLD_FROM, FOLD_TO, queryWords, rawWordPattern, wordPattern } from './search';
import { Binder, type BuiltQuery } from './sql';
import { DEFAULT_FILTERS, NO_OUTLET, parseFilters, type Filters } from './filters';
import { highlightSegments } from './highlight';
import * as q from './queries';
import { differences, parseSide, sideFilters } from './compare';
import { VIEWS, viewQuery, type ViewName } from './views';

let dir: string;
let exportDir: string;
let wh: Warehouse;

const F = (over: Partial<Filters> = {}): Filters => ({ ...DEFAULT_FILTERS, ...over });
/** The pool's copyTo, on the test's one connection. */
const copier = {
  copyTo: (sql: string, params: BuiltQuery['params'] | undefined, file: string, format: CopyFormat) =>
    wh.query(`COPY (${sql}) TO ${quoteLiteral(file)} ${COPY_OPTIONS[format]}`, params).then(() => undefined),
};
const num = (v: unknown) => Number(v);

beforeAll(async () => {
  dir = ingest([SAMPLE_CORPUS]);
  exportDir = mkdtempSync(path.join(tmpdir(), 'mirsad-dash-export-'));
  wh = await openWarehouse(dir, { sandbox: true, exportDir });
}, 300_000);

afterAll(() => {
  wh?.close();
  if (dir) rmSync(path.dirname(dir), { recursive: true, force: true });
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
});

/**
 * The keyword search reads the search index the ingest wrote (`_search/`), and finds exactly the articles
 * the scan it replaced found: regexp_matches of rawWordPattern over every title and body, word by word.
 * Queries: words of the corpus, and words written with hamzas, diacritics, tatweel and clitics the text may
 * not have.
 */
async function expectIndexSearchAsScan(w: Warehouse): Promise<void> {
  const [view] = await w.query("SELECT sql FROM duckdb_views() WHERE view_name = 'search_tokens'");
  expect(String(view?.sql ?? ''), 'search_tokens reads the _search/ files').toContain(`${path.sep}_search${path.sep}`);
  const sampled = await w.query(
    `SELECT w FROM (SELECT DISTINCT unnest(string_split(title || ' ' || body, ' ')) AS w FROM articles) WHERE length(w) >= 2 ORDER BY md5(w) LIMIT 40`,
  );
  const queries = [
    ...sampled.map((r) => String(r.w)),
    'إسرائيلُ',
    'أمريكـــا',
    'الجزائر',
    'بالجزائر',
    'للجزائر',
    'وزيرُ الخارجيّة',
    'الأمم المتحدة',
    'عسكر',
    'مؤتمر',
    'آثار',
    'ال',
    'و',
    'كلمةلاتوجدابدا',
  ];
  let found = 0;
  for (const query of queries) {
    const words = queryWords(query);
    if (words.length === 0) continue;
    const b = new Binder();
    const conds = words.map((word, i) => `regexp_matches(title || ' ' || body, ${b.bind(`w${i}`, rawWordPattern(word))})`);
    const scan = b.build(`SELECT article_id FROM articles WHERE ${conds.join(' AND ')} ORDER BY article_id`, []);
    const want = (await w.query(scan.sql, scan.params)).map((r) => String(r.article_id));
    const got = (await q.run(w, q.articleExportQuery(F({ q: query, dups: true })))).map((r) => r.article_id).sort();
    expect(got, query).toEqual(want);
    if (want.length > 0) found++;
  }
  expect(found, 'queries that find articles').toBeGreaterThan(25);
}

describe('overview queries over a warehouse built by mirsad ingest', () => {
  it('counts what a plain SQL count over the tables gives', async () => {
    const s = await q.summary(wh, F());
    const [want] = await wh.query(`
      SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL) AS articles,
             (SELECT count(*) FROM mentions WHERE article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL)) AS mentions,
             (SELECT count(DISTINCT outlet_id) FROM articles WHERE duplicate_of IS NULL) AS outlets,
             (SELECT count(DISTINCT visit_id) FROM article_visits WHERE is_primary AND article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL)) AS visits`);
    expect(s).toMatchObject(want!);
    const [allLinks] = await wh.query(
      'SELECT count(DISTINCT visit_id) AS n FROM article_visits WHERE article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL)',
    );
    expect((await q.summary(wh, F({ links: 'all' }))).visits).toBe(num(allLinks!.n));
    expect(s.articles).toBeGreaterThan(0);
    const withDups = await q.summary(wh, F({ dups: true }));
    const [all] = await wh.query('SELECT count(*) AS n FROM articles');
    expect(withDups.articles).toBe(num(all!.n));
  });

  it('topics per outlet: counts and shares of the outlet’s coverage', async () => {
    const rows = await q.outletTopics(wh, F());
    expect(rows.length).toBeGreaterThan(0);
    const want = await wh.query(`
      SELECT coalesce(a.outlet_id, '${NO_OUTLET}') AS outlet_id, t.topic_id, count(DISTINCT a.article_id) AS n
      FROM articles a JOIN topics t ON t.article_id = a.article_id
      WHERE a.duplicate_of IS NULL GROUP BY 1, 2 ORDER BY 1, 2`);
    const got = rows
      .map((r) => ({ outlet_id: r.outlet_id, topic_id: r.topic_id, n: r.n }))
      .sort((a, b) => `${a.outlet_id} ${a.topic_id}`.localeCompare(`${b.outlet_id} ${b.topic_id}`));
    expect(got).toEqual(
      want
        .map((w) => ({ outlet_id: w.outlet_id, topic_id: w.topic_id, n: num(w.n) }))
        .sort((a, b) => `${a.outlet_id} ${a.topic_id}`.localeCompare(`${b.outlet_id} ${b.topic_id}`)),
    );
    const totals = await wh.query(`SELECT coalesce(outlet_id, '${NO_OUTLET}') AS o, count(*) AS n FROM articles WHERE duplicate_of IS NULL GROUP BY 1`);
    for (const r of rows) {
      expect(r.total).toBe(num(totals.find((t) => t.o === r.outlet_id)!.n));
      expect(r.share).toBeCloseTo(r.n / r.total, 10);
      expect(r.share).toBeGreaterThan(0);
      expect(r.share).toBeLessThanOrEqual(1);
    }
  });

  it('a topic filter narrows the topics counted, not the outlet’s coverage', async () => {
    const all = await q.outletTopics(wh, F());
    const topic = all[0]!.topic_id;
    const only = await q.outletTopics(wh, F({ topics: [topic] }));
    expect(new Set(only.map((r) => r.topic_id))).toEqual(new Set([topic]));
    for (const r of only) expect(r.total).toBe(all.find((a) => a.outlet_id === r.outlet_id)!.total);
    const list = await q.articleList(wh, F({ topics: [topic] }));
    const [n] = await wh.query(
      'SELECT count(DISTINCT t.article_id) AS n FROM topics t JOIN articles a USING (article_id) WHERE t.topic_id = $t AND a.duplicate_of IS NULL',
      { t: topic },
    );
    expect(list.total).toBe(num(n!.n));
  });

  it('outlet, date, visit and entity filters select the articles they say', async () => {
    const [o] = await wh.query('SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const outlet = String(o!.outlet_id);
    const byOutlet = await q.outletTopics(wh, F({ outlets: [outlet] }));
    expect(new Set(byOutlet.map((r) => r.outlet_id))).toEqual(new Set([outlet]));

    const dated = await q.summary(wh, F({ from: '2020-09-01', to: '2020-10-31' }));
    const [d] = await wh.query(
      "SELECT count(*) AS n FROM articles WHERE duplicate_of IS NULL AND published_date BETWEEN DATE '2020-09-01' AND DATE '2020-10-31'",
    );
    expect(dated.articles).toBe(num(d!.n));

    const [v] = await wh.query('SELECT visit_id FROM article_visits GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const visit = String(v!.visit_id);
    const byVisit = await q.visitTopics(wh, F({ visits: [visit] }));
    expect(new Set(byVisit.map((r) => r.visit_id))).toEqual(new Set([visit]));

    const [e] = await wh.query('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(DISTINCT article_id) DESC, 1 LIMIT 1');
    const entity = String(e!.entity_id);
    const byEntity = await q.articleList(wh, F({ entity }));
    const [ne] = await wh.query(
      'SELECT count(DISTINCT m.article_id) AS n FROM mentions m JOIN articles a USING (article_id) WHERE m.entity_id = $e AND a.duplicate_of IS NULL',
      { e: entity },
    );
    expect(byEntity.total).toBe(num(ne!.n));
  });

  it('visits are ordered by date, not by country code', async () => {
    const rows = await q.visitTopics(wh, F({ links: 'all' }));
    const order = [...new Map(rows.map((r) => [r.visit_id, `${r.start_date}|${r.visit_id}`])).values()];
    expect(order.length).toBeGreaterThan(1);
    expect(order).toEqual([...order].sort());
  });

  it('the outlet × visit matrix: articles per cell and leading topics, primary stop or every link, as plain SQL counts', async () => {
    for (const links of ['primary', 'all'] as const) {
      const rows = await q.visitMatrix(wh, F({ links }));
      expect(rows.length).toBeGreaterThan(0);
      const cond = links === 'primary' ? 'AND av.is_primary' : '';
      const want = await wh.query(`
        SELECT coalesce(a.outlet_id, '${NO_OUTLET}') AS outlet_id, av.visit_id, count(DISTINCT a.article_id) AS total
        FROM article_visits av JOIN articles a USING (article_id)
        WHERE a.duplicate_of IS NULL ${cond} GROUP BY 1, 2`);
      const cells = new Map(rows.map((r) => [`${r.outlet_id}|${r.visit_id}`, r.total]));
      expect(cells.size).toBe(want.length);
      for (const w of want) expect(cells.get(`${w.outlet_id}|${w.visit_id}`), `${w.outlet_id} ${w.visit_id}`).toBe(num(w.total));
      const topics = await wh.query(`
        SELECT coalesce(a.outlet_id, '${NO_OUTLET}') AS outlet_id, av.visit_id, t.topic_id, count(DISTINCT a.article_id) AS n
        FROM article_visits av JOIN articles a USING (article_id) JOIN topics t ON t.article_id = a.article_id
        WHERE a.duplicate_of IS NULL ${cond} GROUP BY 1, 2, 3`);
      for (const r of rows.filter((x) => x.topic_id)) {
        const w = topics.find((x) => x.outlet_id === r.outlet_id && x.visit_id === r.visit_id && x.topic_id === r.topic_id);
        expect(r.n).toBe(num(w!.n));
        expect(r.share).toBeCloseTo(r.n / r.total, 10);
        // rank 1 is a topic no other topic of the cell beats
        if (r.rank === 1) {
          for (const o of topics.filter((x) => x.outlet_id === r.outlet_id && x.visit_id === r.visit_id)) expect(num(o.n)).toBeLessThanOrEqual(r.n);
        }
      }
      // columns by tour start, then stop date: never by id or country
      const starts = [...new Map(rows.map((r) => [r.visit_id, `${r.tour_start}|${r.tour}|${r.start_date}`])).values()];
      expect(starts).toEqual([...starts].sort());
    }
    // a tour article counts once under primary, for every stop it names under all links
    const [tourArticles] = await wh.query('SELECT count(*) AS n FROM (SELECT article_id FROM article_visits GROUP BY 1 HAVING count(*) > 1)');
    if (num(tourArticles!.n) > 0) {
      const sum = (rows: q.VisitMatrixRow[]) => [...new Map(rows.map((r) => [`${r.outlet_id}|${r.visit_id}`, r.total])).values()].reduce((a, b) => a + b, 0);
      expect(sum(await q.visitMatrix(wh, F({ links: 'all' })))).toBeGreaterThan(sum(await q.visitMatrix(wh, F())));
    }
  });

  it('a visit filter follows the links mode', async () => {
    const [v] = await wh.query('SELECT visit_id FROM article_visits WHERE NOT is_primary GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const visit = String(v!.visit_id);
    const [p] = await wh.query(
      'SELECT count(DISTINCT article_id) AS n FROM article_visits JOIN articles USING (article_id) WHERE visit_id = $v AND is_primary AND duplicate_of IS NULL',
      { v: visit },
    );
    const [a] = await wh.query(
      'SELECT count(DISTINCT article_id) AS n FROM article_visits JOIN articles USING (article_id) WHERE visit_id = $v AND duplicate_of IS NULL',
      { v: visit },
    );
    expect((await q.articleList(wh, F({ visits: [visit] }))).total).toBe(num(p!.n));
    expect((await q.articleList(wh, F({ visits: [visit], links: 'all' }))).total).toBe(num(a!.n));
  });

  it('attention around a visit: articles per outlet and day from −7 to +7 of the visit start', async () => {
    const rows = await q.visitDays(wh, F({ links: 'all' }));
    expect(rows.length).toBeGreaterThan(0);
    const want = await wh.query(`
      SELECT av.visit_id, coalesce(a.outlet_id, '${NO_OUTLET}') AS outlet_id, a.published_date - v.start_date AS day, count(DISTINCT a.article_id) AS n
      FROM article_visits av JOIN articles a USING (article_id) JOIN visits v ON v.visit_id = av.visit_id
      WHERE a.duplicate_of IS NULL AND a.published_date IS NOT NULL AND abs(a.published_date - v.start_date) <= 7
      GROUP BY 1, 2, 3`);
    expect(rows.length).toBe(want.length);
    for (const r of rows) {
      expect(r.day).toBeGreaterThanOrEqual(-7);
      expect(r.day).toBeLessThanOrEqual(7);
      const w = want.find((x) => x.visit_id === r.visit_id && x.outlet_id === r.outlet_id && num(x.day) === r.day);
      expect(r.n, `${r.visit_id} ${r.outlet_id} ${r.day}`).toBe(num(w!.n));
    }
    expect(rows.some((r) => r.day !== 0)).toBe(true);
  });

  it('coverage per outlet: articles per month and outlet', async () => {
    const rows = await q.coverage(wh, F());
    const want = await wh.query(`
      SELECT coalesce(outlet_id, '${NO_OUTLET}') AS o, CAST(date_trunc('month', published_date) AS DATE) AS p, count(*) AS n
      FROM articles WHERE duplicate_of IS NULL AND published_date IS NOT NULL GROUP BY 1, 2`);
    expect(rows.length).toBe(want.length);
    for (const r of rows) expect(r.n).toBe(num(want.find((w) => w.o === r.outlet_id && w.p === r.period)!.n));
  });

  it('keyword search: Arabic-normalised and clitic-aware, agreeing with the model’s fold over every article', async () => {
    const all = await wh.query('SELECT article_id, title, body FROM articles WHERE duplicate_of IS NULL');
    // a word of some article, written with a hamza and a clitic the text may not have
    const probe = ['الجزائر', 'أمريكا', 'إسرائيل', 'النفط', 'وزير'];
    let tried = 0;
    for (const word of probe) {
      const re = new RegExp(`(?:^|[^\\p{L}\\p{N}])[وف]?[بكل]?(?:ال|لل)?${fold(word).replace(/^ال/, '')}`, 'u');
      const want = all
        .filter((a) => re.test(fold(`${a.title} ${a.body}`)))
        .map((a) => String(a.article_id))
        .sort();
      const got = (await q.articleList(wh, F({ q: word, dups: false }))).total;
      expect(got, word).toBe(want.length);
      if (want.length > 0) tried++;
    }
    expect(tried).toBeGreaterThan(0);
    expect((await q.articleList(wh, F({ q: 'كلمةلاتوجدابدا' }))).total).toBe(0);
    expect((await q.summary(wh, F({ q: '!!!' }))).articles).toBe(0);
  });

  it('keyword search through the search index finds exactly what the scan of every title and body found', async () => {
    await expectIndexSearchAsScan(wh);
    // and on the server's pool, where the derived tables are in memory
    const pool = await openWarehousePool(dir, { sandbox: true, selectOnly: true, cacheBytes: 0, connections: 1 });
    try {
      for (const query of ['الجزائر', 'أمريكا', 'النفط والغاز']) {
        expect(await q.articleList(pool, F({ q: query })), query).toEqual(await q.articleList(wh, F({ q: query })));
        expect(await q.summary(pool, F({ q: query })), query).toEqual(await q.summary(wh, F({ q: query })));
      }
    } finally {
      pool.close();
    }
  });

  it('the raw-text search pattern: DuckDB folds each code point as the pattern assumes, and random texts match as their folded form does', async () => {
    // DuckDB's lower() of every code point it changes, then translate() (a plain table) applied over all code points.
    const lowered = await wh.query(
      `SELECT cp::INTEGER AS cp, lower(chr(cp::INTEGER)) AS l FROM range(1, 1114112) r(cp)
       WHERE (cp < 55296 OR cp > 57343) AND lower(chr(cp::INTEGER)) <> chr(cp::INTEGER)`,
    );
    const lower = new Map(lowered.map((r) => [Number(r.cp), String(r.l)]));
    const to = [...FOLD_TO];
    const table = new Map([...FOLD_FROM].map((c, i) => [c, to[i] ?? ''] as const));
    const duck = new Map<number, string>();
    for (let cp = 1; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const l = lower.get(cp) ?? String.fromCodePoint(cp);
      const g = [...l].map((c) => table.get(c) ?? c).join('');
      if (g !== String.fromCodePoint(cp)) duck.set(cp, g);
    }
    expect(duck).toEqual(changedCodePoints());

    // Texts built from the pieces the fold treats specially: hamza forms, marks, tatweel, presentation forms, Latin capitals, clitics.
    const pieces = [
      'ال',
      'لل',
      'و',
      'ف',
      'ب',
      'ك',
      'ل',
      'إ',
      'أ',
      'آ',
      'ا',
      'ة',
      'ه',
      'ى',
      'ي',
      'ـ',
      'َ',
      'ّ',
      'ٌ',
      '\u200f',
      'ﻻ',
      'ﺍ',
      'س',
      'ر',
      'ئ',
      'ؤ',
      'م',
      'ن',
      'ع',
      'د',
      ' ',
      '،',
      '-',
      '1',
      '٣',
      'T',
      'r',
      'U',
      'M',
      'p',
      'É',
      'é',
      'İ',
      'K',
    ];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const texts = Array.from({ length: 400 }, () => Array.from({ length: 4 + rand(14) }, () => pieces[rand(pieces.length)]).join(''));
    const queries = ['إسرائيل', 'السعودية', 'الامم', 'سر', 'مرء', 'Trump', 'é', 'لا', 'ال١', 'رس'];
    let agreed = 0;
    for (const query of queries) {
      for (const w of queryWords(query)) {
        const rows = await wh.query(
          `SELECT t, regexp_matches(translate(lower(t), $f, $t), $folded) AS folded, regexp_matches(t, $raw) AS raw FROM unnest($texts) u(t)`,
          { f: FOLD_FROM, t: FOLD_TO, folded: wordPattern(w), raw: rawWordPattern(w), texts: listValue(texts) },
        );
        for (const r of rows) expect(r.raw, `${w} in ${JSON.stringify(r.t)}`).toBe(r.folded);
        agreed += rows.filter((r) => r.folded === true).length;
      }
    }
    expect(agreed, 'some random texts match').toBeGreaterThan(20);
  });
  it('article exports carry URL, outlet, date, primary visit and topics; CSV names carry the filters', async () => {
    const rows = await q.run(wh, q.articleExportQuery(F()));
    const want = await wh.query('SELECT article_id, url FROM articles WHERE duplicate_of IS NULL');
    expect(rows.length).toBe(want.length);
    const primary = await wh.query('SELECT article_id, visit_id FROM article_visits WHERE is_primary');
    for (const r of rows) {
      expect(r.url).toBe(want.find((w) => w.article_id === r.article_id)!.url ?? null);
      expect(r.primary_visit).toBe(primary.find((p) => p.article_id === r.article_id)?.visit_id ?? null);
    }
    expect(rows.some((r) => r.primary_visit)).toBe(true);
    expect(exportFileName('articles', F({ outlets: ['hespress'], visits: ['esper-2020-morocco'], from: '2020-09-01', links: 'all' }), null, 'csv')).toBe(
      'mirsad-articles_2020-09-01__hespress_esper-2020-morocco_all-links.csv',
    );
    expect(exportFileName('summary', F(), null, 'csv')).toBe('mirsad-summary.csv');
  });

  it('compare sides: topic shares and top entities of an outlet, as plain SQL gives them', async () => {
    const [o] = await wh.query(
      'SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL AND duplicate_of IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
    );
    const side = sideFilters(F(), parseSide(`outlet:${o!.outlet_id}`)!);
    const shares = await q.topicShares(wh, side);
    const want = await wh.query(
      `
      SELECT t.topic_id, count(DISTINCT a.article_id) AS n, any_value(tt.total) AS total
      FROM articles a JOIN topics t USING (article_id),
        (SELECT count(*) AS total FROM articles WHERE outlet_id = $o AND duplicate_of IS NULL) tt
      WHERE a.outlet_id = $o AND a.duplicate_of IS NULL GROUP BY 1`,
      { o: String(o!.outlet_id) },
    );
    expect(shares.length).toBe(want.length);
    for (const r of shares) {
      const w = want.find((x) => x.topic_id === r.topic_id)!;
      expect([r.n, r.total]).toEqual([num(w.n), num(w.total)]);
      expect(r.share).toBeCloseTo(r.n / r.total, 10);
    }
    const ents = await q.topEntities(wh, side);
    expect(ents.length).toBeGreaterThan(0);
    for (const e of ents) {
      const [w] = await wh.query(
        'SELECT count(DISTINCT m.article_id) AS n FROM mentions m JOIN articles a USING (article_id) WHERE m.entity_id = $e AND a.outlet_id = $o AND a.duplicate_of IS NULL',
        { e: e.entity_id, o: String(o!.outlet_id) },
      );
      expect(e.articles, e.entity_id).toBe(num(w!.n));
    }
    // top 10 per type: nothing of the same type with more articles left out
    const byType = new Map<string, number>();
    for (const e of ents) byType.set(e.type, Math.min(byType.get(e.type) ?? Infinity, e.articles));
    expect([...byType.keys()].length).toBeGreaterThan(0);
    expect(
      differences(
        new Map([['x', 0.5]]),
        new Map([
          ['x', 0.2],
          ['y', 0.1],
        ]),
      ),
    ).toEqual([
      { key: 'x', a: 0.5, b: 0.2, diff: 0.2 - 0.5 },
      { key: 'y', a: 0, b: 0.1, diff: 0.1 },
    ]);
  });

  it('the entity index finds a name by a folded part of it, and counts as mentions do', async () => {
    const all = await q.entityIndex(wh, F(), null);
    expect(all.length).toBeGreaterThan(0);
    const [w] = await wh.query('SELECT count(DISTINCT m.entity_id) AS n FROM mentions m JOIN articles a USING (article_id) WHERE a.duplicate_of IS NULL');
    expect(all.length).toBe(Math.min(500, num(w!.n)));
    const withHamza = all.find((e) => /[أإآ]/.test(e.name_ar ?? ''));
    if (withHamza) {
      const part = fold(withHamza.name_ar!).split(' ')[0]!;
      const found = await q.entityIndex(wh, F(), part.replace(/^ا/, 'أ'));
      expect(found.map((e) => e.entity_id)).toContain(withHamza.entity_id);
    }
    expect(await q.entityIndex(wh, F(), 'لااسمبهذا')).toEqual([]);
  });

  it('topics come in the taxonomy’s order (topics.yaml), not by id', async () => {
    const defs = await q.topicDefs(wh);
    const ids = defs.map((d) => d.topic_id);
    expect(ids.length).toBeGreaterThan(2);
    expect(ids).not.toEqual([...ids].sort());
    const yaml = readFileSync(path.join(REPO_ROOT, 'data', 'config', 'topics.yaml'), 'utf8');
    const inFile = [...yaml.matchAll(/^ {2}- id: (\S+)/gm)].map((m) => m[1]);
    expect(ids).toEqual(inFile);
  });

  it('timeline: per period, topic counts over the period’s dated articles', async () => {
    const rows = await q.timeline(wh, F({ grain: 'month' }));
    expect(rows.length).toBeGreaterThan(0);
    const totals = await wh.query(
      "SELECT CAST(date_trunc('month', published_date) AS DATE) AS p, count(*) AS n FROM articles WHERE duplicate_of IS NULL AND published_date IS NOT NULL GROUP BY 1",
    );
    for (const r of rows) {
      expect(r.total).toBe(num(totals.find((t) => t.p === r.period)!.n));
      if (r.topic_id) expect(r.share).toBeCloseTo(r.n / r.total, 10);
    }
    const weeks = await q.timeline(wh, F({ grain: 'week' }));
    expect(weeks.length).toBeGreaterThan(0);
    for (const r of weeks) expect(new Date(`${r.period}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('article lists are paginated in DuckDB and stable', async () => {
    const first = await q.articleList(wh, F({ dups: true }));
    expect(first.rows.length).toBe(Math.min(q.PAGE_SIZE, first.total));
    const past = await q.articleList(wh, F({ dups: true, page: 999 }));
    expect(past.page).toBe(past.pages);
    const ids = new Set<string>();
    for (let page = 1; page <= first.pages; page++) for (const r of (await q.articleList(wh, F({ dups: true, page }))).rows) ids.add(r.article_id);
    expect(ids.size).toBe(first.total);
  });
});

describe('records', () => {
  it('an article comes with the topic evidence behind its topics, offsets pointing at their surface, and its primary stop first', async () => {
    const [row] = await wh.query('SELECT article_id FROM topic_evidence GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const d = (await q.articleDetail(wh, String(row!.article_id)))!;
    expect(d.topicEvidence.length).toBeGreaterThan(0);
    const chars = Array.from(d.article.body);
    for (const e of d.topicEvidence) expect(chars.slice(e.start, e.end).join('')).toBe(e.surface);
    for (const e of d.topicEvidence) expect(d.topics.map((t) => t.topic_id)).toContain(e.topic_id);
    const [p] = await wh.query('SELECT article_id FROM article_visits GROUP BY 1 HAVING count(*) > 1 AND bool_or(is_primary) ORDER BY 1 LIMIT 1');
    if (p) {
      const v = (await q.articleDetail(wh, String(p.article_id)))!.visits;
      expect(v[0]!.is_primary).toBe(true);
      expect(v.filter((x) => x.is_primary)).toHaveLength(1);
    }
  });

  it('an article comes with mentions whose offsets point at their surface, topics and visits', async () => {
    const [m] = await wh.query('SELECT article_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const d = await q.articleDetail(wh, String(m!.article_id));
    expect(d).not.toBeNull();
    expect(d!.mentions.length).toBeGreaterThan(0);
    const cps = [...d!.article.body];
    for (const x of d!.mentions) expect(cps.slice(x.start, x.end).join('')).toBe(x.surface);
    const segs = highlightSegments(
      d!.article.body,
      d!.mentions,
      d!.topics.map((t) => ({ topic_id: t.topic_id, evidence: t.evidence })),
    );
    expect(segs.map((s) => s.text).join('')).toBe(d!.article.body);
    expect(segs.some((s) => s.entities.length > 0)).toBe(true);
  });

  it('entity pages: co-mentions, outlets and visits agree with the tables', async () => {
    const [e] = await wh.query('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(DISTINCT article_id) DESC, 1 LIMIT 1');
    const id = String(e!.entity_id);
    const info = await q.entityInfo(wh, F(), id);
    expect(info?.entity_id).toBe(id);
    const co = await q.coMentions(wh, F(), id);
    expect(co.every((c) => c.entity_id !== id)).toBe(true);
    const outlets = await q.entityOutlets(wh, F(), id);
    const [n] = await wh.query(
      'SELECT count(DISTINCT m.article_id) AS n FROM mentions m JOIN articles a USING (article_id) WHERE m.entity_id = $id AND a.duplicate_of IS NULL',
      { id },
    );
    expect(outlets.reduce((s, o) => s + o.articles, 0)).toBe(num(n!.n));
    const visits = await q.entityVisits(wh, F(), id);
    expect(visits.length).toBeGreaterThan(0);
    for (const v of visits) expect(v.articles).toBeGreaterThan(0);
  });

  it('an entity page counts the articles its link lists, under the same filters (duplicates, topics)', async () => {
    const [e] = await wh.query(`
      SELECT m.entity_id FROM mentions m JOIN articles a USING (article_id)
      WHERE a.duplicate_of IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    expect(e, 'the sample corpus has a duplicate article with mentions').toBeDefined();
    const id = String(e!.entity_id);
    const [t] = await wh.query(
      'SELECT topic_id FROM topics t JOIN mentions m USING (article_id) WHERE m.entity_id = $id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
      { id },
    );
    for (const f of [F(), F({ dups: true }), F({ topics: [String(t!.topic_id)] })]) {
      const listed = (await q.articleList(wh, { ...f, entity: id })).total;
      expect((await q.entityInfo(wh, f, id))!.articles, JSON.stringify(f)).toBe(listed);
      expect((await q.entityOutlets(wh, f, id)).reduce((s, o) => s + o.articles, 0)).toBe(listed);
    }
    const withDups = (await q.entityInfo(wh, F({ dups: true }), id))!.articles;
    expect((await q.entityInfo(wh, F(), id))!.articles).toBe(withDups - 1);
  });
});

/**
 * The articles a filter selects (fsel), written the plain way over the Parquet tables: no derived table,
 * keyword search by translate(lower()) of the text, as the dashboard first did it.
 */
function plainFsel(b: Binder, f: Filters): string {
  const where: string[] = [];
  if (!f.dups) where.push('a.duplicate_of IS NULL');
  if (f.from) where.push(`a.published_date >= CAST(${b.bind('date_from', f.from)} AS DATE)`);
  if (f.to) where.push(`a.published_date <= CAST(${b.bind('date_to', f.to)} AS DATE)`);
  if (f.outlets.length) where.push(`coalesce(a.outlet_id, '${NO_OUTLET}') IN (SELECT unnest(${b.bind('outlets', f.outlets)}))`);
  if (f.visits.length)
    where.push(
      `a.article_id IN (SELECT article_id FROM article_visits WHERE visit_id IN (SELECT unnest(${b.bind('visits', f.visits)}))${f.links === 'primary' ? ' AND is_primary' : ''})`,
    );
  if (f.entity) where.push(`a.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ${b.bind('entity', f.entity)})`);
  if (f.topics.length) where.push(`a.article_id IN (SELECT article_id FROM topics WHERE topic_id IN (SELECT unnest(${b.bind('topics', f.topics)})))`);
  for (const [i, w] of queryWords(f.q ?? '').entries()) {
    where.push(
      `regexp_matches(translate(lower(a.title || ' ' || a.body), ${b.bind('fold_from', FOLD_FROM)}, ${b.bind('fold_to', FOLD_TO)}), ${b.bind(`word_${i}`, wordPattern(w))})`,
    );
  }
  return `SELECT a.article_id, a.outlet_id FROM articles a${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/** Rows of plain SQL built on plainFsel. */
async function plain(f: Filters, sql: (fsel: string, b: Binder) => string, params: Record<string, string> = {}) {
  const b = new Binder();
  for (const [k, v] of Object.entries(params)) b.bind(k, v);
  const built = b.build(sql(plainFsel(b, f), b), []);
  return wh.query(built.sql, built.params);
}

describe('entity counts read entity_articles alone, and give what plain SQL over mentions and articles gives', () => {
  it('top entities, the entity index, co-mentions, an entity’s outlets and header, the summary’s mentions, under every kind of filter', async () => {
    const [top] = await wh.query(
      'SELECT entity_id, any_value(outlet_id) AS outlet FROM mentions JOIN articles USING (article_id) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
    );
    const id = String(top!.entity_id);
    const [t] = await wh.query('SELECT topic_id FROM topics GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const [v] = await wh.query('SELECT visit_id FROM article_visits GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const [d] = await wh.query('SELECT quantile_disc(published_date, 0.5) AS mid FROM articles');
    const [word] = await wh.query(
      `SELECT w FROM (SELECT unnest(string_split(title, ' ')) AS w FROM articles) WHERE length(w) >= 4 GROUP BY w ORDER BY count(*) DESC, w LIMIT 1`,
    );
    const filters = [
      F(),
      F({ dups: true }),
      F({ outlets: [String(top!.outlet), NO_OUTLET] }),
      F({ to: String(d!.mid) }),
      F({ from: String(d!.mid), dups: true }),
      F({ topics: [String(t!.topic_id)] }),
      F({ visits: [String(v!.visit_id)], links: 'all' }),
      F({ entity: id }),
      F({ q: String(word!.w) }),
    ];
    const counted = (fsel: string, extra = '') => `fsel AS (${fsel}),
      counted AS (
        SELECT m.entity_id, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
        FROM mentions m WHERE m.article_id IN (SELECT article_id FROM fsel)${extra} GROUP BY m.entity_id
      )`;
    let nonEmpty = 0;
    for (const f of filters) {
      const label = JSON.stringify(f);
      const topWant = await plain(
        f,
        (fsel) => `WITH ${counted(fsel)}
        SELECT c.entity_id, e.type, e.name_ar, e.name_en, c.articles, (SELECT count(*) FROM fsel) AS total, c.articles / (SELECT count(*) FROM fsel) AS share
        FROM counted c JOIN entities e ON e.entity_id = c.entity_id
        QUALIFY row_number() OVER (PARTITION BY e.type ORDER BY c.articles DESC, c.entity_id) <= 10
        ORDER BY e.type, c.articles DESC, c.entity_id`,
      );
      expect(await q.topEntities(wh, f), label).toEqual(topWant);
      if (topWant.length > 0) nonEmpty++;
      expect(await q.entityIndex(wh, f, null), label).toEqual(
        await plain(
          f,
          (fsel) => `WITH ${counted(fsel)}
          SELECT e.entity_id, e.type, e.name_ar, e.name_en, c.articles, c.mentions
          FROM counted c JOIN entities e ON e.entity_id = c.entity_id ORDER BY c.articles DESC, c.mentions DESC, e.entity_id LIMIT 500`,
        ),
      );
      const g = { ...f, entity: id };
      expect(await q.coMentions(wh, f, id), label).toEqual(
        await plain(
          g,
          (fsel) => `WITH ${counted(fsel, ' AND m.entity_id <> $entity')}
          SELECT c.entity_id, e.type, e.name_ar, e.name_en, c.articles, c.mentions
          FROM counted c LEFT JOIN entities e ON e.entity_id = c.entity_id ORDER BY c.articles DESC, c.mentions DESC, c.entity_id LIMIT 50`,
        ),
      );
      expect(await q.entityOutlets(wh, f, id), label).toEqual(
        await plain(
          g,
          (fsel) => `WITH fsel AS (${fsel})
          SELECT coalesce(s.outlet_id, '${NO_OUTLET}') AS outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en, count(DISTINCT s.article_id) AS articles,
            count(m.entity_id) AS mentions
          FROM fsel s JOIN mentions m ON m.article_id = s.article_id AND m.entity_id = $entity
          LEFT JOIN outlets o ON o.outlet_id = coalesce(s.outlet_id, '${NO_OUTLET}')
          GROUP BY ALL ORDER BY articles DESC, outlet_id`,
        ),
      );
      expect(await q.entityInfo(wh, f, id), label).toEqual(
        (
          await plain(
            g,
            (fsel) => `WITH fsel AS (${fsel})
            SELECT e.entity_id, e.type, e.name_ar, e.name_en, e.origin,
              (SELECT count(*) FROM mentions m WHERE m.entity_id = $entity AND m.article_id IN (SELECT article_id FROM fsel)) AS mentions,
              (SELECT count(*) FROM fsel) AS articles
            FROM entities e WHERE e.entity_id = $entity`,
          )
        )[0],
      );
      const [mentions] = await plain(f, (fsel) => `SELECT count(*) AS n FROM mentions WHERE article_id IN (SELECT article_id FROM (${fsel}))`);
      expect((await q.summary(wh, f)).mentions, label).toBe(num(mentions!.n));
    }
    expect(nonEmpty, 'filters that select entities').toBeGreaterThan(filters.length / 2);
    for (const selected of [null, id, 'not-an-entity']) {
      expect((await q.options(wh, selected)).entities).toEqual(
        await plain(
          F({ dups: true }),
          () => `SELECT * FROM (
            SELECT e.entity_id AS id, e.name_ar, e.name_en, e.type, count(DISTINCT m.article_id) AS articles
            FROM entities e JOIN mentions m ON m.entity_id = e.entity_id GROUP BY ALL
          ) QUALIFY row_number() OVER (ORDER BY articles DESC, id) <= 200 OR id = $selected ORDER BY articles DESC, id`,
          { selected: selected ?? '' },
        ),
      );
    }
  });
});

describe('mentions after characters outside the Basic Multilingual Plane', () => {
  let emojiDir: string;
  let emojiWh: Warehouse;
  beforeAll(async () => {
    const corpus = mkdtempSync(path.join(tmpdir(), 'mirsad-emoji-corpus-'));
    // A family emoji is 5 code points and 8 UTF-16 units, a flag 2 and 4: offsets counted in the wrong unit land elsewhere.
    writeFileSync(
      path.join(corpus, 'emoji.txt'),
      'وزير الدفاع الأمريكي في الجزائر 🇺🇸🇩🇿\n\n👨‍👩‍👧 😀 وصل وزير الدفاع الأمريكي مارك إسبر إلى الجزائر يوم الخميس لبحث مكافحة الإرهاب مع الرئيس عبد المجيد تبون.\n',
    );
    emojiDir = ingest([corpus]);
    rmSync(corpus, { recursive: true, force: true });
    emojiWh = await openWarehouse(emojiDir, { sandbox: true });
  }, 300_000);
  afterAll(() => {
    emojiWh?.close();
    if (emojiDir) rmSync(path.dirname(emojiDir), { recursive: true, force: true });
  });

  it('the article page marks exactly the surface DuckDB’s substring() gives', async () => {
    const [a] = await emojiWh.query('SELECT article_id FROM articles');
    const d = (await q.articleDetail(emojiWh, String(a!.article_id)))!;
    expect(d.article.body).toMatch(/😀/);
    const afterEmoji = d.mentions.filter((m) => m.start > [...d.article.body].indexOf('😀'));
    expect(afterEmoji.map((m) => m.surface)).toContain('مارك إسبر');
    const [agree] = await emojiWh.query(`
      SELECT bool_and(substring(a.body, m.start + 1, m."end" - m.start) = m.surface) AS ok
      FROM mentions m JOIN articles a USING (article_id)`);
    expect(agree!.ok).toBe(true);
    for (const m of d.mentions) {
      const marked = highlightSegments(d.article.body, [m], []).filter((s) => s.entities.length > 0);
      expect(marked.map((s) => s.text)).toEqual([m.surface]);
    }
  });
});

describe('co-mentions, in two steps (the entity’s articles by entity_key, then their rows), over the pool’s tables and the views', () => {
  it('give what plain SQL over mentions and articles gives, for entities of every kind, under every kind of filter, past the cut at 50', async () => {
    const pool = await openWarehousePool(dir, { sandbox: true, selectOnly: true, cacheBytes: 0, connections: 1 });
    try {
      // the entities named in most articles (the longest lists), then others in no particular order (md5)
      const ids = (
        await wh.query(`(SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(DISTINCT article_id) DESC, 1 LIMIT 8)
          UNION ALL (SELECT entity_id FROM (SELECT DISTINCT entity_id FROM mentions) ORDER BY md5(entity_id) LIMIT 16)`)
      ).map((r) => String(r.entity_id));
      const [top] = await wh.query(
        'SELECT entity_id, any_value(outlet_id) AS outlet FROM mentions JOIN articles USING (article_id) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
      );
      const [t] = await wh.query('SELECT topic_id FROM topics GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
      const [v] = await wh.query('SELECT visit_id FROM article_visits GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
      const [d] = await wh.query('SELECT quantile_disc(published_date, 0.5) AS mid FROM articles');
      const [word] = await wh.query(
        `SELECT w FROM (SELECT unnest(string_split(title, ' ')) AS w FROM articles) WHERE length(w) >= 4 GROUP BY w ORDER BY count(*) DESC, w LIMIT 1`,
      );
      const mid = String(d!.mid);
      const everyEntity = [
        F(),
        F({ dups: true }),
        F({ outlets: [String(top!.outlet), NO_OUTLET] }),
        F({ from: mid, dups: true }),
        F({ to: mid, topics: [String(t!.topic_id)] }),
        F({ visits: [String(v!.visit_id)] }),
        F({ visits: [String(v!.visit_id)], links: 'all', dups: true }),
        // the page's own entity replaces the entity filter
        F({ entity: String(top!.entity_id) }),
      ];
      const someEntities = [F({ q: String(word!.w) }), F({ q: String(word!.w), dups: true, to: mid }), F({ from: mid, to: mid }), F({ from: '2030-01-01' })];
      const want = (f: Filters, id: string) =>
        plain(
          { ...f, entity: id },
          (fsel) => `WITH fsel AS (${fsel}),
          counted AS (
            SELECT m.entity_id, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
            FROM mentions m WHERE m.article_id IN (SELECT article_id FROM fsel) AND m.entity_id <> $entity GROUP BY m.entity_id
          )
          SELECT c.entity_id, e.type, e.name_ar, e.name_en, c.articles, c.mentions
          FROM counted c LEFT JOIN entities e ON e.entity_id = c.entity_id ORDER BY c.articles DESC, c.mentions DESC, c.entity_id LIMIT 50`,
        );
      const lengths = new Set<number>();
      const check = async (f: Filters, id: string, views: boolean) => {
        const label = `${id} ${JSON.stringify(f)}`;
        const expected = await want(f, id);
        lengths.add(expected.length);
        expect(await q.coMentions(pool, f, id), label).toEqual(expected);
        // the views compute entity_articles from the Parquet files on every query: a few entities there
        if (views) expect(await q.coMentions(wh, f, id), label).toEqual(expected);
      };
      for (const f of everyEntity) for (const [i, id] of [...ids, 'not-an-entity'].entries()) await check(f, id, i % 8 === 0);
      for (const f of someEntities) for (const id of ids.slice(0, 6)) await check(f, id, false);
      // the cut at 50 was reached, and lists shorter than it and empty ones were compared too
      expect(lengths.has(50)).toBe(true);
      expect(lengths.has(0)).toBe(true);
      expect([...lengths].some((n) => n > 0 && n < 50)).toBe(true);
    } finally {
      pool.close();
    }
  }, 300_000);
});

describe('the server pool’s per-version derived tables', () => {
  it('are in-memory tables there, views over the Parquet files elsewhere, and every page query gives the same rows on both', async () => {
    const pool = await openWarehousePool(dir, { sandbox: true, selectOnly: true, cacheBytes: 0, connections: 1 });
    try {
      const derived = Object.keys(DERIVED_TABLES);
      expect(derived).toEqual(expect.arrayContaining(['entity_articles', 'article_keys', 'article_topics', 'visit_links', 'entity_totals']));
      expect(POOL_COPIED_TABLES).toEqual(expect.arrayContaining(['entities', 'article_visits']));
      const names = [...derived, ...POOL_COPIED_TABLES];
      const listed = names.map((n) => quoteLiteral(n)).join(', ');
      const kinds = `SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE table_name IN (${listed})
        UNION ALL SELECT view_name, 'view' FROM duckdb_views() WHERE view_name IN (${listed}) ORDER BY name`;
      const sorted = [...names].sort();
      expect(await pool.query(kinds)).toEqual(sorted.map((name) => ({ name, kind: 'table' })));
      expect(await wh.query(kinds)).toEqual(sorted.map((name) => ({ name, kind: 'view' })));
      for (const name of POOL_COPIED_TABLES) {
        const copied = await pool.query(`SELECT * FROM ${name} ORDER BY ALL`);
        expect(copied.length, name).toBeGreaterThan(0);
        expect(copied, name).toEqual(await wh.query(`SELECT * FROM ${name} ORDER BY ALL`));
      }
      // The tables against their definitions over the Parquet files, written out here independently.
      const plain: Record<string, string> = {
        // article_no: the article's number in article_keys, the same in entity_articles
        // is_dup: 1 or 0 (an integer DuckDB skips row groups by); entity_key: the id's hash, which the table is stored by
        entity_articles: `SELECT m.entity_id, e.type, m.article_id, any_value(k.article_no) AS article_no, count(*) AS mentions, a.outlet_id, a.published_date,
            a.duplicate_of, CASE WHEN a.duplicate_of IS NULL THEN 0 ELSE 1 END AS is_dup, hash(m.entity_id) AS entity_key
          FROM mentions m LEFT JOIN entities e ON e.entity_id = m.entity_id LEFT JOIN articles a ON a.article_id = m.article_id
          LEFT JOIN article_keys k ON k.article_id = m.article_id GROUP BY ALL`,
        // file_no: the part file's place among the version's article files sorted by path; row_no: its row there
        // article_no: file_no in the high 32 bits, row_no in the low ones
        // mentions: the article's mention rows; mention_file, mention_row: the mentions file (its place among them sorted by path)
        // and the first of the article's rows there, when they are consecutive rows of one file
        article_keys: `SELECT k.*, coalesce(m.mentions, 0) AS mentions, m.mention_file, m.mention_row
          FROM (SELECT *, (file_no::BIGINT << 32) | row_no AS article_no FROM (SELECT article_id, outlet_id, published_date, duplicate_of,
            CASE WHEN duplicate_of IS NULL THEN 0 ELSE 1 END AS is_dup, CAST(dense_rank() OVER (ORDER BY filename) - 1 AS INTEGER) AS file_no, file_row_number AS row_no
          FROM read_parquet(${quoteLiteral(path.join(realpathSync(dir), 'articles', '**', '*.parquet'))}, filename = true, file_row_number = true))) k
          LEFT JOIN (SELECT article_id, count(*) AS mentions,
              if(count(DISTINCT f) = 1 AND max(r) - min(r) + 1 = count(*), min(f), NULL) AS mention_file,
              if(count(DISTINCT f) = 1 AND max(r) - min(r) + 1 = count(*), min(r), NULL) AS mention_row
            FROM (SELECT article_id, dense_rank() OVER (ORDER BY filename) - 1 AS f, file_row_number AS r
              FROM read_parquet(${quoteLiteral(path.join(realpathSync(dir), 'mentions', '**', '*.parquet'))}, filename = true, file_row_number = true))
            GROUP BY article_id) m ON m.article_id = k.article_id`,
        // the distinct (article, topic) pairs, and each visit link, of the articles the articles table has, with the
        // article's number and duplicate flag (visit_links: and the columns filters select on)
        article_topics: `SELECT t.article_id, t.topic_id, k.article_no, CASE WHEN a.duplicate_of IS NULL THEN 0 ELSE 1 END AS is_dup
          FROM (SELECT article_id, topic_id FROM topics GROUP BY ALL) t JOIN articles a ON a.article_id = t.article_id
          JOIN article_keys k ON k.article_id = t.article_id`,
        visit_links: `SELECT v.article_id, v.visit_id, v.score, v.is_primary, k.article_no, a.outlet_id, a.published_date,
            CASE WHEN a.duplicate_of IS NULL THEN 0 ELSE 1 END AS is_dup
          FROM article_visits v JOIN articles a ON a.article_id = v.article_id JOIN article_keys k ON k.article_id = v.article_id`,
        // kept: those of the articles that are not duplicates; type: the entity's
        entity_totals: `SELECT m.entity_id, e.type, count(DISTINCT m.article_id) AS articles, count(DISTINCT m.article_id) FILTER (WHERE a.article_id IS NOT NULL AND a.duplicate_of IS NULL) AS kept
          FROM mentions m JOIN entities e ON e.entity_id = m.entity_id LEFT JOIN articles a ON a.article_id = m.article_id GROUP BY ALL`,
      };
      for (const name of derived) {
        const rows = await pool.query(`SELECT * FROM ${name} ORDER BY ALL`);
        expect(rows.length, name).toBeGreaterThan(0);
        expect(rows, name).toEqual(await wh.query(`${plain[name]} ORDER BY ALL`));
      }

      // Stored in the order its filters skip row groups by: articles that are not duplicates first, each part by the entity id's hash.
      const [order] = await pool.query(`SELECT count(*) AS rows,
          count(*) FILTER (WHERE d < prev_d OR (d = prev_d AND h < prev_h)) AS out_of_order
        FROM (SELECT duplicate_of IS NOT NULL AS d, hash(entity_id) AS h, lag(duplicate_of IS NOT NULL) OVER w AS prev_d, lag(hash(entity_id)) OVER w AS prev_h
          FROM entity_articles WINDOW w AS (ORDER BY rowid))`);
      expect(num(order!.rows)).toBeGreaterThan(0);
      expect(num(order!.out_of_order)).toBe(0);
      // article_topics and visit_links: by duplicate flag, then article number (a page's articles are a few row groups)
      for (const name of ['article_topics', 'visit_links']) {
        const [byArticle] = await pool.query(`SELECT count(*) AS rows,
            count(*) FILTER (WHERE is_dup < prev_d OR (is_dup = prev_d AND article_no < prev_no)) AS out_of_order
          FROM (SELECT is_dup, article_no, lag(is_dup) OVER w AS prev_d, lag(article_no) OVER w AS prev_no FROM ${name} WINDOW w AS (ORDER BY rowid))`);
        expect(num(byArticle!.rows), name).toBeGreaterThan(0);
        expect(num(byArticle!.out_of_order), name).toBe(0);
        const [dupRows] = await pool.query(`SELECT count(*) FILTER (WHERE is_dup = 1) AS dups, count(*) FILTER (WHERE is_dup = 0) AS kept FROM ${name}`);
        expect(num(dupRows!.dups), `${name}: the sample has duplicates with ${name} rows`).toBeGreaterThan(0);
        expect(num(dupRows!.kept), name).toBeGreaterThan(0);
      }
      const [dups] = await pool.query('SELECT count(*) AS n FROM entity_articles WHERE duplicate_of IS NOT NULL');
      expect(num(dups!.n), 'the sample corpus has duplicates, or the order is not tested').toBeGreaterThan(0);

      const [top] = await wh.query(
        'SELECT entity_id, any_value(outlet_id) AS outlet FROM mentions JOIN articles USING (article_id) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
      );
      const id = String(top!.entity_id);
      const [visit] = await wh.query('SELECT visit_id FROM article_visits GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
      const filters = [
        F(),
        F({ dups: true }),
        F({ outlets: [String(top!.outlet)] }),
        F({ entity: id }),
        F({ topics: ['counterterrorism'], links: 'all' }),
        F({ visits: [String(visit!.visit_id)] }),
        F({ q: 'الجزائر' }),
        F({ q: 'الجزائر', entity: id, topics: ['counterterrorism'], dups: true, links: 'all' }),
      ];
      for (const f of filters) {
        for (const view of Object.keys(VIEWS) as ViewName[]) {
          const built = viewQuery(view, f, id)!;
          expect(await q.run(pool, built), `${view} ${JSON.stringify(f)}`).toEqual(await q.run(wh, built));
        }
        expect(await q.entityIndex(pool, f, null)).toEqual(await q.entityIndex(wh, f, null));
        expect(await q.entityInfo(pool, f, id)).toEqual(await q.entityInfo(wh, f, id));
        expect(await q.articleList(pool, { ...f, page: 2 })).toEqual(await q.articleList(wh, { ...f, page: 2 }));
        // the list's two steps (page from memory, then 50 rows by where they are) give the one statement's rows
        for (const page of [1, 2]) expect(await q.articleListRows(pool, f, page)).toEqual(await q.run(wh, q.articleListQuery(f, page)));
      }
      expect(await q.options(pool, id)).toEqual(await q.options(wh, id));
      // an article's page reads its row where article_keys says it is: every article, as the articles table has it
      const articles = await wh.query(`SELECT a.article_id, a.source, a.title, a.body, a.published_date, a.date_source, a.outlet_id, o.name_ar AS outlet_ar,
          o.name_en AS outlet_en, a.url, a.duplicate_of, a.n_chars, a.headline_chars, a.lang
        FROM articles a LEFT JOIN outlets o ON o.outlet_id = a.outlet_id ORDER BY md5(a.article_id) LIMIT 12`);
      expect(articles.length).toBeGreaterThan(0);
      for (const a of articles) expect((await q.articleDetail(pool, String(a.article_id)))?.article).toEqual(a);
      // and its mentions where article_keys says they are: the same page as on the views
      for (const a of articles) expect(await q.articleDetail(pool, String(a.article_id))).toEqual(await q.articleDetail(wh, String(a.article_id)));
    } finally {
      pool.close();
    }
  }, 300_000);
});

describe('an article’s mentions, read where article_keys says they are', () => {
  let shuffled: string;
  let sw: Warehouse;
  beforeAll(async () => {
    // A copy of the warehouse whose mentions files hold their rows in another order: an article's mentions are no longer together.
    shuffled = path.join(mkdtempSync(path.join(tmpdir(), 'mirsad-dash-shuffled-')), 'warehouse');
    cpSync(realpathSync(dir), shuffled, { recursive: true });
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    for (const f of readdirSync(path.join(shuffled, 'mentions'), { recursive: true, encoding: 'utf8' }).filter((x) => x.endsWith('.parquet'))) {
      const file = path.join(shuffled, 'mentions', f);
      await c.run(`COPY (SELECT * FROM read_parquet(${quoteLiteral(file)}) ORDER BY md5(surface || start)) TO ${quoteLiteral(`${file}.tmp`)} (FORMAT parquet)`);
      renameSync(`${file}.tmp`, file);
    }
    c.closeSync();
    db.closeSync();
    sw = await openWarehouse(shuffled, { sandbox: true });
  }, 300_000);
  afterAll(() => {
    sw?.close();
    if (shuffled) rmSync(path.dirname(shuffled), { recursive: true, force: true });
  });

  const plainMentions = (w: Warehouse, id: string) =>
    w.query(
      `SELECT m.entity_id, m.surface, m.start, m."end", e.name_ar, e.name_en, e.type
      FROM mentions m LEFT JOIN entities e ON e.entity_id = m.entity_id WHERE m.article_id = $id ORDER BY m.start, m."end", m.entity_id`,
      { id },
    );

  it('article_keys counts each article’s mentions and says where they are: one range of one file’s rows, as the writer writes them', async () => {
    const keys =
      await wh.query(`SELECT k.article_id, k.mentions, k.mention_file, k.mention_row, (SELECT count(*) FROM mentions m WHERE m.article_id = k.article_id) AS n
      FROM article_keys k ORDER BY k.article_id`);
    expect(keys.filter((k) => num(k.n) > 1).length).toBeGreaterThan(5);
    for (const k of keys) {
      expect(num(k.mentions), String(k.article_id)).toBe(num(k.n));
      if (num(k.n) === 0) continue;
      expect(k.mention_file, String(k.article_id)).not.toBeNull();
      const [range] = await wh.query(
        `SELECT count(*) AS n, bool_and(article_id = $id) AS his FROM ${mentionFileView(num(k.mention_file))} WHERE row_no BETWEEN $lo AND $hi`,
        { id: String(k.article_id), lo: num(k.mention_row), hi: num(k.mention_row) + num(k.n) - 1 },
      );
      expect(range).toEqual({ n: num(k.n), his: true });
    }
  });

  it('are the article’s rows of the mentions table with their entities’ names, together in one file or not', async () => {
    const [apart] = await sw.query('SELECT count(*) AS n FROM article_keys WHERE mentions > 1 AND mention_file IS NULL');
    expect(num(apart!.n), 'the shuffled copy has articles whose mentions are not together').toBeGreaterThan(0);
    const ids = (await wh.query('SELECT article_id FROM articles ORDER BY md5(article_id) LIMIT 30')).map((r) => String(r.article_id));
    let seen = 0;
    for (const id of ids) {
      const plain = await plainMentions(wh, id);
      seen += plain.length;
      expect((await q.articleDetail(wh, id))!.mentions, id).toEqual(plain);
      expect((await q.articleDetail(sw, id))!.mentions, id).toEqual(plain);
    }
    expect(seen).toBeGreaterThan(0);
    expect(await q.summary(sw, F())).toEqual(await q.summary(wh, F()));
  });

  it('the header counts the mentions of the selected articles, as entity_articles sums them', async () => {
    const word = String(
      (
        await wh.query(
          "SELECT w FROM (SELECT unnest(string_split(title, ' ')) AS w FROM articles) WHERE length(w) >= 4 GROUP BY w ORDER BY count(*) DESC, w LIMIT 1",
        )
      )[0]!.w,
    );
    for (const f of [F(), F({ dups: true }), F({ q: word }), F({ topics: ['counterterrorism'] })]) {
      const listed = q.articleExportQuery(f);
      const [fsel] = await wh.query(
        `SELECT coalesce(sum(m.mentions), 0) AS n FROM entity_articles m WHERE m.article_id IN (SELECT article_id FROM (${listed.sql}))`,
        listed.params,
      );
      expect((await q.summary(wh, f)).mentions, JSON.stringify(f)).toBe(num(fsel!.n));
    }
  });
});

describe('hostile input', () => {
  const hostile = ["' OR 1=1 --", "x'); DROP TABLE articles; --", '../../etc/passwd', "\"; SELECT * FROM read_csv('/etc/passwd') --", '%27%20OR%201%3D1'];

  it('reaches SQL only as bound values: nothing matches, nothing breaks', async () => {
    for (const h of hostile) {
      const f = F({ outlets: [h], visits: [h], topics: [h], entity: h, from: null });
      expect(await q.summary(wh, f)).toEqual({ articles: 0, mentions: 0, outlets: 0, visits: 0, undated: 0 });
      expect(await q.outletTopics(wh, F({ outlets: [h] }))).toEqual([]);
      expect(await q.visitTopics(wh, F({ visits: [h] }))).toEqual([]);
      expect((await q.articleList(wh, F({ entity: h }))).total).toBe(0);
      expect(await q.articleDetail(wh, h)).toBeNull();
      expect(await q.entityInfo(wh, F(), h)).toBeNull();
      expect(await q.coMentions(wh, F(), h)).toEqual([]);
    }
    const [n] = await wh.query('SELECT count(*) AS n FROM articles');
    expect(num(n!.n)).toBeGreaterThan(0);
  });

  it('never pastes a value into the executed SQL; the displayed SQL quotes it', () => {
    const h = "' OR 1=1 --";
    const built = q.outletTopicsQuery(F({ outlets: [h], topics: ['energy'] }));
    expect(built.sql).not.toContain(h);
    expect(built.sql).toContain('$outlets');
    expect(built.display).toContain("[''' OR 1=1 --']");
  });

  it('URL values that are not ids never reach a query', () => {
    const { filters, rejected } = parseFilters({ outlets: hostile, entity: '../../etc/passwd', topics: "energy' --" });
    expect(filters.outlets).toEqual([]);
    expect(filters.entity).toBeNull();
    expect(filters.topics).toEqual([]);
    expect(rejected).toEqual(['entity', 'outlets', 'topics']);
  });

  it('the sandboxed connection reads nothing outside the warehouse', async () => {
    await expect(wh.query("SELECT * FROM read_csv('/etc/passwd')")).rejects.toThrow();
  });
});

describe('exports', () => {
  const f = F();

  it('every view builds, runs, and yields the columns it declares', async () => {
    // the most mentioned entity, so that every view has rows whose columns can be compared
    const [e] = await wh.query('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    for (const name of Object.keys(VIEWS) as ViewName[]) {
      const built = viewQuery(name, f, String(e!.entity_id))!;
      const rows = await q.run(wh, built);
      expect(rows.length, name).toBeGreaterThan(0);
      expect(Object.keys(rows[0]!), name).toEqual(built.columns.map((c) => c.name));
    }
    expect(viewQuery('entity-outlets', f, null)).toBeNull();
  });

  it('the SQL shown under a chart, pasted as is, gives the rows the chart was drawn from', async () => {
    const [e] = await wh.query('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const [o] = await wh.query('SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2');
    const [t] = await wh.query('SELECT topic_id FROM topics GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const views: [ViewName, Filters][] = [
      ['outlet-topics', F({ from: '2020-01-01', to: '2022-12-31', measure: 'share' })],
      ['visit-topics', F({ topics: [String(t!.topic_id)] })],
      ['timeline', F({ grain: 'week', outlets: [String(o!.outlet_id)] })],
      ['articles', F({ entity: String(e!.entity_id), dups: true })],
      ['summary', F({ topics: [String(t!.topic_id)], from: '2020-09-01' })],
      ['entity-outlets', F({ to: '2022-12-31' })],
    ];
    for (const [name, f] of views) {
      const built = viewQuery(name, f, String(e!.entity_id))!;
      expect(built.display).not.toMatch(/\$[a-z]/);
      expect(await wh.query(built.display), name).toEqual(await wh.query(built.sql, built.params));
    }
  });

  it('CSV, Arrow IPC and Parquet carry the same rows', async () => {
    const built = q.outletTopicsQuery(f);
    const rows = await q.run(wh, built);
    const csv = Buffer.from(await toFile(copier, exportDir, built, 'csv')).toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(built.columns.map((c) => c.name).join(','));
    expect(lines.length).toBe(rows.length + 1);
    const r = rows[0]!;
    expect(lines[1]!.startsWith(`${[r.outlet_id, r.outlet_ar ?? '', r.outlet_en ?? '', r.topic_id, r.n, r.total].join(',')},`)).toBe(true);

    const arrow = tableFromIPC(toArrowIpc(rows, built.columns));
    expect(arrow.numRows).toBe(rows.length);
    expect(arrow.schema.fields.map((x) => x.name)).toEqual(built.columns.map((c) => c.name));
    expect(Number(arrow.get(0)?.toJSON().n)).toBe(rows[0]!.n);

    const parquet = await toFile(copier, exportDir, built, 'parquet');
    expect(Buffer.from(parquet.subarray(0, 4)).toString()).toBe('PAR1');
    const back = path.join(exportDir, 'check.parquet');
    writeFileSync(back, parquet);
    const [cnt] = await wh.query(`SELECT count(*) AS n, sum(n) AS total FROM read_parquet(${quoteLiteral(back)})`);
    expect(num(cnt!.n)).toBe(rows.length);
    expect(num(cnt!.total)).toBe(rows.reduce((s, r) => s + Number(r.n), 0));
  });

  it('CSV quotes commas, quotes and newlines; NULL is an empty field, a list is written as DuckDB prints it', async () => {
    const built = { sql: `SELECT 'x,"y"' || chr(10) || 'z' AS a, NULL::INTEGER AS b, ['p', 'q'] AS c`, params: {}, display: '', columns: [] };
    expect(Buffer.from(await toFile(copier, exportDir, built, 'csv')).toString('utf8')).toBe('a,b,c\r\n"x,""y""\nz",,"[p, q]"\r\n');
  });

  it('checks every row against its declared columns: a renamed or retyped column fails by name', async () => {
    const b = new Binder();
    const renamed = b.build('SELECT 1 AS articles', [col('n', 'INTEGER')] as const);
    await expect(q.run(wh, renamed)).rejects.toThrow(/columns \(articles\), declared \(n\)/);
    const nulls = new Binder().build('SELECT NULL::VARCHAR AS title', [col('title', 'VARCHAR')] as const);
    await expect(q.run(wh, nulls)).rejects.toThrow(/title is null, declared VARCHAR NOT NULL/);
    const typed = new Binder().build("SELECT '3' AS n", [col('n', 'INTEGER')] as const);
    await expect(q.run(wh, typed)).rejects.toThrow(/n is "3", declared INTEGER/);
  });
});

describe.skipIf(!seedsPresent())('with the warehouse built from ../shared/seeds', () => {
  let seeds: Warehouse;
  beforeAll(async () => {
    // Without the manifest: ingest must work without it, and the visit chart does not depend on it.
    const out = ingest([SHARED_SEEDS]);
    seeds = await openWarehouse(out, { sandbox: true });
  }, 300_000);
  afterAll(() => seeds?.close());

  it('keyword search through the search index finds exactly what the scan of every title and body found', async () => {
    await expectIndexSearchAsScan(seeds);
  });

  it('the visit chart lists Esper’s Algiers stop (2020) before Blinken’s (2022): by date, as the matrix does', async () => {
    const stops = await seeds.query(`
      SELECT v.visit_id, e.name_en FROM visits v JOIN entities e ON e.entity_id = v.official_entity_id
      WHERE v.host_country = 'DZ' ORDER BY v.start_date`);
    const esper = stops.find((s) => /esper/i.test(String(s.name_en)))?.visit_id;
    const blinken = stops.find((s) => /blinken/i.test(String(s.name_en)))?.visit_id;
    expect(esper, 'a visit of Esper to Algeria').toBeTruthy();
    expect(blinken, 'a visit of Blinken to Algeria').toBeTruthy();
    const rows = await q.visitTopics(seeds, F({ links: 'all' }));
    const order = [...new Set(rows.map((r) => r.visit_id))];
    const i = order.indexOf(String(esper));
    const j = order.indexOf(String(blinken));
    expect(i, `Esper's Algiers stop among ${order.join(', ')}`).toBeGreaterThanOrEqual(0);
    expect(j, `Blinken's Algiers stop among ${order.join(', ')}`).toBeGreaterThan(i);
    const matrix = [...new Set((await q.visitMatrix(seeds, F({ links: 'all' }))).map((r) => r.visit_id))];
    expect(matrix.indexOf(String(blinken))).toBeGreaterThan(matrix.indexOf(String(esper)));
  });
});
