/** The sample corpus in data/raw, written for the project: what `npm start` and `npx turbo run ingest` ingest. */
import { readFileSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, DEFAULT_VISIT_IDS, HEADLINE_VIOLATIONS, query, RAW, SUBSTRING_VIOLATIONS, tempDir, TOPIC_EVIDENCE_VIOLATIONS, warningsOf } from './helpers.ts';

describe('ingest of the sample corpus', () => {
  let dir: string;
  let wh: string;
  beforeAll(() => {
    dir = tempDir('sample');
    wh = path.join(dir, 'wh');
    const r = cli(['ingest', RAW, '--out', wh]);
    expect(warningsOf(r.stderr)).toBe('');
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

  for (const doc of ['README.md', 'docs/WAREHOUSE.md']) {
    it(`runs every SQL example of ${doc}, each giving rows`, async () => {
      const text = readFileSync(new URL(`../${doc}`, import.meta.url), 'utf8');
      const statements = [...text.matchAll(/```sql\n([\s\S]*?)```/g)]
        .flatMap((m) => (m[1] as string).split(/;\s*\n/))
        .map((sql) =>
          sql
            .replace(/^\.read .*$/m, '')
            .replace(/^--.*$/gm, '')
            .trim(),
        )
        .filter(Boolean);
      expect(statements.length).toBeGreaterThan(0);
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      try {
        await c.run(readFileSync(path.join(wh, 'views.sql'), 'utf8'));
        for (const sql of statements) {
          const rows = (await c.runAndReadAll(sql)).getRowObjects();
          // the sample corpus has no rejects: that example may come back empty
          if (!/FROM rejects/.test(sql)) expect(rows.length, sql).toBeGreaterThan(0);
        }
      } finally {
        c.closeSync();
        db.closeSync();
      }
    });
  }

  it('discovers the visits the sample pages report but config lacks, with visitor, host, dates and tour', async () => {
    const found = await query(
      wh,
      "SELECT visit_id, official_entity_id, host_country, city, start_date, end_date, tour_id FROM visits WHERE origin = 'discovered' ORDER BY visit_id",
    );
    const byId = new Map(found.map((v) => [v.visit_id, v]));
    // Pompeo at the signing of the US–Taliban agreement in Doha, Saturday 29 February 2020
    expect(byId.get('pompeo-2020-qatar')).toMatchObject({
      official_entity_id: 'mike-pompeo',
      host_country: 'QA',
      city: 'Doha',
      start_date: '2020-02-29',
      end_date: '2020-02-29',
      tour_id: null,
    });
    // Pompeo meeting Netanyahu in Lisbon on 4 December 2019, the day he flew on to Rabat: one trip
    expect(byId.get('pompeo-2019-portugal')).toMatchObject({
      official_entity_id: 'mike-pompeo',
      host_country: 'PT',
      city: 'Lisbon',
      start_date: '2019-12-04',
      end_date: '2019-12-04',
    });
    const [rabat] = await query(wh, "SELECT tour_id FROM visits WHERE visit_id = 'pompeo-2019-morocco'");
    expect(rabat?.tour_id).toBeTruthy();
    expect(byId.get('pompeo-2019-portugal')?.tour_id).toBe(rabat?.tour_id);
    // the one sentence recalling Le Drian's trip to Algiers makes no visit
    expect(found.filter((v) => v.official_entity_id === 'jean-yves-le-drian')).toEqual([]);
    // every discovered visit rests on sentences that keep the substring rule
    expect(
      await query(
        wh,
        `SELECT e.* FROM visit_evidence e JOIN articles a USING (article_id)
        WHERE substring(a.body, e.start + 1, e."end" - e.start) <> e.surface`,
      ),
    ).toEqual([]);
    expect(await query(wh, "SELECT v.visit_id FROM visits v WHERE origin = 'discovered' AND visit_id NOT IN (SELECT visit_id FROM visit_evidence)")).toEqual(
      [],
    );
  });

  it('gives each article at most one primary stop, the one its text is about, and none to a tour article', async () => {
    expect(await query(wh, 'SELECT article_id FROM article_visits GROUP BY article_id HAVING count(*) FILTER (WHERE is_primary) > 1')).toEqual([]);
    const primary = async (file: string) =>
      (await query(wh, 'SELECT av.visit_id FROM article_visits av JOIN articles a USING (article_id) WHERE a.source = $s AND av.is_primary', { s: file })).map(
        (r) => r.visit_id,
      );
    expect(await primary('txt/mosaique_esper_saied_carthage.txt')).toEqual(['esper-2020-tunisia']);
    expect(await primary('txt/elkhabar_esper_tebboune.txt')).toEqual(['esper-2020-algeria']);
    expect(await primary('txt/hespress_esper_defense_roadmap.txt')).toEqual(['esper-2020-morocco']);
    expect(await primary('txt/alquds_pompeo_doha_taliban_signing.txt')).toEqual(['pompeo-2020-qatar']);
    // a roundup of the three Esper stops from Dubai is about the tour: linked to every stop, primary for none
    expect(await primary('txt/alarabiya_great_power_competition_esper.txt')).toEqual([]);
    const links = await query(
      wh,
      "SELECT count(*) AS n FROM article_visits av JOIN articles a USING (article_id) WHERE a.source = 'txt/alarabiya_great_power_competition_esper.txt'",
    );
    expect(links[0]?.n).toBe(3);
  });

  it('counts visit topics in views that agree with the links they rest on', async () => {
    // the view is the count a user would write by hand over the primary links
    const direct = `SELECT a.outlet_id, av.visit_id, t.topic_id, count(DISTINCT a.article_id)::INTEGER AS articles
      FROM article_visits av JOIN articles a USING (article_id) JOIN topics t USING (article_id)
      WHERE av.is_primary AND a.duplicate_of IS NULL GROUP BY ALL`;
    expect(await query(wh, `(SELECT outlet_id, visit_id, topic_id, articles FROM visit_topic_counts_primary) EXCEPT (${direct})`)).toEqual([]);
    expect(await query(wh, `(${direct}) EXCEPT (SELECT outlet_id, visit_id, topic_id, articles FROM visit_topic_counts_primary)`)).toEqual([]);
    const [all] = await query(wh, 'SELECT sum(articles) AS n FROM visit_topic_counts_all');
    const [prim] = await query(wh, 'SELECT sum(articles) AS n FROM visit_topic_counts_primary');
    expect(Number(all?.n)).toBeGreaterThan(Number(prim?.n));
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
    const [r] = await query(
      wh,
      `SELECT count(*) FILTER (WHERE headline_chars > 0) AS headed, count(*) AS n,
      (SELECT count(*) FROM mentions m JOIN articles a USING (article_id) WHERE m.start < a.headline_chars) AS in_headline FROM articles`,
    );
    expect(Number(r?.headed)).toBeGreaterThan(Number(r?.n) * 0.9);
    expect(Number(r?.in_headline)).toBeGreaterThan(Number(r?.n));
    expect(await query(wh, 'SELECT count(*) AS n FROM outlets WHERE origin IS NULL')).toEqual([{ n: 0 }]);
  });

  it('covers every default visit and at least 8 outlets', async () => {
    const visits = await query(wh, 'SELECT v.visit_id, count(av.article_id) AS n FROM visits v LEFT JOIN article_visits av USING (visit_id) GROUP BY 1');
    expect(visits.map((v) => v.visit_id)).toEqual(expect.arrayContaining([...DEFAULT_VISIT_IDS]));
    for (const v of visits) expect(Number(v.n), String(v.visit_id)).toBeGreaterThan(0);
    const outlets = await query(wh, 'SELECT count(DISTINCT outlet_id) AS n FROM articles');
    expect(Number(outlets[0]?.n)).toBeGreaterThanOrEqual(8);
    // every outlet an article points at is in the outlets table, with a country
    expect(
      await query(
        wh,
        'SELECT DISTINCT a.outlet_id FROM articles a LEFT JOIN outlets o USING (outlet_id) WHERE a.outlet_id IS NOT NULL AND o.outlet_id IS NULL',
      ),
    ).toEqual([]);
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

  it('reads the pages of the v1.1 shapes: one paragraph, unknown outlets, day-first date, a preview', async () => {
    const rows = await query(
      wh,
      `SELECT a.source, a.headline_chars, a.title, a.published_date, a.date_source, o.origin, o.name_ar
       FROM articles a LEFT JOIN outlets o USING (outlet_id) ORDER BY a.source`,
    );
    const by = new Map(rows.map((r) => [String(r.source).replace(/^txt\//, ''), r]));
    // an aggregator's one-line page: an article with no headline, titled by its first sentence
    const oneLine = by.get('aggregator_esper_tunis_oneline.txt');
    expect(oneLine).toMatchObject({ headline_chars: 0 });
    expect(String(oneLine?.title)).toMatch(/^وصل وزير الدفاع الأمريكي مارك إسبر صباح الأربعاء .*[.…]$/);
    // outlets that name themselves in a masthead and byline, unknown to outlets.yaml
    expect(by.get('rue20_blinken_bourita_rabat.txt')).toMatchObject({ origin: 'discovered', name_ar: 'زنقة 20' });
    expect(by.get('kech24_pompeo_rabat_dayfirst.txt')).toMatchObject({ origin: 'discovered', name_ar: 'كش24' });
    // 05/12/2019 is day-first: 5 December, the day of Pompeo's talks in Rabat
    expect(by.get('kech24_pompeo_rabat_dayfirst.txt')).toMatchObject({ published_date: '2019-12-05', date_source: 'text' });
    // «غدا الخميس» about the Algiers stop (Thursday 1 October): written the day before
    expect(by.get('echorouk_esper_algiers_preview.txt')).toMatchObject({ published_date: '2020-09-30', date_source: 'inferred' });
    // the credit «نقلا عن وكالة تونس إفريقيا للأنباء» is a source, not the page's outlet
    expect(by.get('aggregator_esper_tunis_oneline.txt')?.origin).toBeNull();
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
