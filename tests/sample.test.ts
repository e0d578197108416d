/** The sample corpus in data/raw, written for the project: what `npm start` and `npx turbo run ingest` ingest. */
import { readFileSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, query, RAW, HEADLINE_VIOLATIONS, SUBSTRING_VIOLATIONS, TOPIC_EVIDENCE_VIOLATIONS, tempDir } from './helpers.ts';

describe('ingest of the sample corpus', () => {
  let dir: string;
  let wh: string;
  beforeAll(() => {
    dir = tempDir('sample');
    wh = path.join(dir, 'wh');
    const r = cli(['ingest', RAW, '--out', wh]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every format without a reject', async () => {
    expect(await query(wh, 'SELECT * FROM rejects')).toEqual([]);
    const formats = await query(wh, 'SELECT format, count(*) AS n FROM articles GROUP BY format ORDER BY format');
    expect(formats.map((f) => f.format)).toEqual(['html', 'json', 'txt']);
    expect((await query(wh, 'SELECT count(*) AS n FROM articles'))[0]?.n).toBeGreaterThanOrEqual(30);
    // a record of a JSON file is named by its number
    expect((await query(wh, "SELECT count(*) AS n FROM articles WHERE source LIKE 'feeds/%.jsonl#_'"))[0]?.n).toBeGreaterThanOrEqual(4);
  });

  it('views.sql gives a fresh DuckDB session every table by name, from any working directory', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      await c.run(readFileSync(path.join(wh, 'views.sql'), 'utf8'));
      const r = await c.runAndReadAll(
        'SELECT (SELECT count(*) FROM articles)::INT AS a, (SELECT count(*) FROM mentions)::INT AS m, (SELECT count(*) FROM topic_defs)::INT AS t',
      );
      const [a, m, t] = r.getRows()[0] as number[];
      expect(a).toBeGreaterThanOrEqual(30);
      expect(m).toBeGreaterThan(500);
      expect(t).toBe(16);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  it('runs the SQL of docs/WAREHOUSE.md, and finds names in the headlines', async () => {
    const doc = readFileSync(new URL('../docs/WAREHOUSE.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] as string).replace(/^\.read .*$/m, ''));
    expect(blocks.length).toBeGreaterThan(0);
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      await c.run(readFileSync(path.join(wh, 'views.sql'), 'utf8'));
      for (const sql of blocks) {
        const rows = (await c.runAndReadAll(sql)).getRowObjects();
        expect(rows.length, sql).toBeGreaterThan(0);
      }
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  it('keeps the substring rule for every mention', async () => {
    expect(await query(wh, SUBSTRING_VIOLATIONS)).toEqual([]);
  });

  it('keeps the substring rule for every topic_evidence row, and every topic rests on its rows', async () => {
    expect(await query(wh, TOPIC_EVIDENCE_VIOLATIONS)).toEqual([]);
    expect(Number((await query(wh, 'SELECT count(*) AS n FROM topic_evidence'))[0]?.n)).toBeGreaterThan(100);
  });

  it('starts every body with its headline, and reads mentions in the headlines', async () => {
    expect(await query(wh, HEADLINE_VIOLATIONS)).toEqual([]);
    const [r] = await query(wh, `SELECT count(*) FILTER (WHERE headline_chars > 0) AS headed, count(*) AS n,
      (SELECT count(*) FROM mentions m JOIN articles a USING (article_id) WHERE m.start < a.headline_chars) AS in_headline FROM articles`);
    expect(Number(r?.headed)).toBeGreaterThan(Number(r?.n) * 0.9);
    expect(Number(r?.in_headline)).toBeGreaterThan(Number(r?.n));
    expect(await query(wh, 'SELECT count(*) AS n FROM outlets WHERE origin IS NULL')).toEqual([{ n: 0 }]);
  });

  it('covers every default visit and at least 8 outlets', async () => {
    const visits = await query(wh, 'SELECT v.visit_id, count(av.article_id) AS n FROM visits v LEFT JOIN article_visits av USING (visit_id) GROUP BY 1');
    expect(visits.map((v) => v.visit_id)).toEqual(
      expect.arrayContaining(['esper-2020-tunisia', 'esper-2020-algeria', 'esper-2020-morocco', 'blinken-2022-morocco', 'blinken-2022-algeria', 'pompeo-2019-morocco']),
    );
    for (const v of visits) expect(Number(v.n), String(v.visit_id)).toBeGreaterThan(0);
    const outlets = await query(wh, 'SELECT count(DISTINCT outlet_id) AS n FROM articles');
    expect(Number(outlets[0]?.n)).toBeGreaterThanOrEqual(8);
    // every outlet an article points at is in the outlets table, with a country
    expect(await query(wh, 'SELECT DISTINCT a.outlet_id FROM articles a LEFT JOIN outlets o USING (outlet_id) WHERE a.outlet_id IS NOT NULL AND o.outlet_id IS NULL')).toEqual([]);
  });

  it('links the syndicated wire copy to the earlier one, and only it', async () => {
    const dups = await query(wh, 'SELECT a.source, e.source AS original FROM articles a JOIN articles e ON e.article_id = a.duplicate_of');
    expect(dups).toHaveLength(1);
    const pair = [dups[0]?.source, dups[0]?.original].map(String).sort();
    expect(pair).toEqual(['html/ammon_blinken_algeria_anadolu.html', 'txt/alquds_blinken_algiers_anadolu.txt']);
  });

  it('dates weekday-only articles from the visit they cover', async () => {
    const rows = await query(wh, "SELECT source, published_date FROM articles WHERE date_source = 'inferred' ORDER BY source");
    const bySource = Object.fromEntries(rows.map((r) => [r.source, r.published_date]));
    expect(bySource).toMatchObject({
      'txt/echorouk_esper_chanegriha_weekday.txt': '2020-10-02', // «أمس الخميس»: published the day after Thursday 1 October
      'txt/elkhabar_blinken_tebboune_weekday.txt': '2022-03-30',
      'txt/alayam24_pompeo_hammouchi_weekday.txt': '2019-12-05',
    });
  });

  it('reads dates written with Levantine, Egyptian and Maghrebi month names and Arabic-Indic digits', async () => {
    const text = await query(wh, "SELECT count(*) AS n FROM articles WHERE date_source = 'text'");
    expect(Number(text[0]?.n)).toBeGreaterThanOrEqual(15);
    // an HTML page's visible dateline («تم نشره الأربعاء 30th آذار / مارس 2022») sits outside its article element
    const html = await query(wh, "SELECT published_date, date_source FROM articles WHERE source = 'html/ammon_blinken_algeria_anadolu.html'");
    expect(html).toEqual([{ published_date: '2022-03-30', date_source: 'text' }]);
    expect(await query(wh, 'SELECT source FROM articles WHERE published_date IS NULL')).toEqual([]);
  });

  it('does not read the coast, the financial adjective or the sunset prayer as places', async () => {
    const bad = await query(
      wh,
      `SELECT m.entity_id, m.surface, substring(a.body, greatest(m.start - 10, 0) + 1, 30) AS context
       FROM mentions m JOIN articles a USING (article_id)
       WHERE (m.entity_id = 'mali' AND regexp_matches(substring(a.body, m.start - 5, 5), 'ال?دعم|ال?مالي'))
          OR (m.entity_id = 'morocco' AND substring(a.body, m.start - 5, 5) LIKE '%صلاة%')
          OR (m.entity_id = 'sahel' AND substring(a.body, m."end" + 1, 8) LIKE '%التونسي%')`,
    );
    expect(bad).toEqual([]);
  });
});
