/**
 * The whole ANT corpus (41,661 real articles from six outlets, ../shared only): nothing is lost, the
 * substring rule holds for every mention, and every record date is read. Throughput is measured by
 * `npm run bench`, not here.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANT_CORPUS, hasAnt, skipNotice } from '../packages/ingest/src/testing/shared.ts';
import { quoteLiteral } from '../packages/model/src/tables.ts';
import { cli, query, HEADLINE_VIOLATIONS, SUBSTRING_VIOLATIONS, TOPIC_EVIDENCE_VIOLATIONS, tempDir } from './helpers.ts';

const ANT_RECORDS = 41_661;

describe.skipIf(skipNotice('ANT corpus tests', hasAnt, ANT_CORPUS))('ingest of the ANT corpus', () => {
  let dir: string;
  let wh: string;
  beforeAll(() => {
    dir = tempDir('ant');
    wh = path.join(dir, 'wh');
    const r = cli(['ingest', ANT_CORPUS, '--out', wh, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // the whole corpus beside the suite's other files: about 2 minutes alone, over 5 on a busy machine
  }, 900_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accounts for every record: an article or a reject with its reason', async () => {
    const [counts] = await query(wh, 'SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM rejects) AS rejects');
    expect(Number(counts?.articles) + Number(counts?.rejects)).toBe(ANT_RECORDS);
    expect(Number(counts?.rejects)).toBeLessThan(10);
    const sources = await query(wh, 'SELECT count(DISTINCT source) AS n, min(source) AS first FROM articles');
    expect(sources[0]?.n).toBe(counts?.articles);
    expect(String(sources[0]?.first)).toMatch(/^ant-news\.jsonl\.gz#\d+$/);
    for (const r of await query(wh, 'SELECT reason, detail FROM rejects')) {
      expect(r.reason).toMatch(/^[a-z_]+$/);
      expect(String(r.detail).length).toBeGreaterThan(5);
    }
  });

  it('keeps the substring rule for every mention, in DuckDB', async () => {
    expect(await query(wh, `${SUBSTRING_VIOLATIONS} LIMIT 5`)).toEqual([]);
    expect(await query(wh, `${HEADLINE_VIOLATIONS} LIMIT 5`)).toEqual([]);
    // a body starts with a headline exactly when its record has a title (read by DuckDB's own JSON reader)
    const mismatched = await query(
      wh,
      `WITH rec AS (SELECT row_number() OVER () AS n, trim(coalesce(title, '')) <> '' AS titled
                    FROM read_json(${quoteLiteral(ANT_CORPUS)}, format = 'newline_delimited', columns = {title: 'VARCHAR'}))
       SELECT count(*) AS n, count(*) FILTER (WHERE rec.titled <> (a.headline_chars > 0)) AS bad
       FROM articles a JOIN rec ON a.source = 'ant-news.jsonl.gz#' || rec.n`,
    );
    expect(mismatched).toEqual([{ n: ANT_RECORDS - 1, bad: 0 }]);
    expect(Number((await query(wh, 'SELECT count(*) AS n FROM mentions'))[0]?.n)).toBeGreaterThan(200_000);
  });

  it('keeps the substring rule for every topic_evidence row, in DuckDB', async () => {
    expect(await query(wh, `${TOPIC_EVIDENCE_VIOLATIONS} LIMIT 5`)).toEqual([]);
    expect(Number((await query(wh, 'SELECT count(*) AS n FROM topic_evidence'))[0]?.n)).toBeGreaterThan(20_000);
  });

  it('tags under 1% of the sport section with counterterrorism', async () => {
    const [r] = await query(
      wh,
      `WITH rec AS (SELECT row_number() OVER () AS n, category
                    FROM read_json(${quoteLiteral(ANT_CORPUS)}, format = 'newline_delimited', columns = {category: 'VARCHAR'}))
       SELECT count(*) AS sport,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM topics t WHERE t.article_id = a.article_id AND t.topic_id = 'counterterrorism')) AS ct
       FROM articles a JOIN rec ON a.source = 'ant-news.jsonl.gz#' || rec.n WHERE rec.category = 'sport'`,
    );
    expect(Number(r?.sport)).toBeGreaterThan(7000);
    expect(Number(r?.ct) / Number(r?.sport)).toBeLessThan(0.01);
  });

  it('reads every record date and every outlet, with its country', async () => {
    expect(await query(wh, "SELECT count(*) AS n FROM articles WHERE published_date IS NULL OR date_source <> 'record'")).toEqual([{ n: 0 }]);
    const range = await query(wh, 'SELECT min(published_date) AS lo, max(published_date) AS hi FROM articles');
    expect(String(range[0]?.lo) >= '2012-01-01').toBe(true); // a few records predate the corpus's stated 2014 start
    expect(String(range[0]?.hi) <= '2018-12-31').toBe(true);
    const outlets = await query(wh, 'SELECT o.name_en, o.country, count(*) AS n FROM articles a JOIN outlets o USING (outlet_id) GROUP BY ALL ORDER BY n DESC');
    expect(outlets).toHaveLength(6);
    for (const o of outlets) expect(o.country).toMatch(/^[A-Z]{2}$/);
  });

  it('points every duplicate at an article published no later than the copy', async () => {
    const bad = await query(
      wh,
      `SELECT c.source, o.source AS original FROM articles c JOIN articles o ON o.article_id = c.duplicate_of
       WHERE o.published_date > c.published_date OR o.duplicate_of IS NOT NULL OR o.article_id = c.article_id LIMIT 5`,
    );
    expect(bad).toEqual([]);
    expect(
      await query(
        wh,
        'SELECT count(*) AS n FROM articles a LEFT JOIN articles o ON o.article_id = a.duplicate_of WHERE a.duplicate_of IS NOT NULL AND o.article_id IS NULL',
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('gives mentions only to entities in the entities table, and scores in (0, 1]', async () => {
    expect(await query(wh, 'SELECT count(*) AS n FROM mentions m LEFT JOIN entities e USING (entity_id) WHERE e.entity_id IS NULL')).toEqual([{ n: 0 }]);
    expect(await query(wh, 'SELECT count(*) AS n FROM topics WHERE score <= 0 OR score > 1 OR hits < 1 OR len(evidence) = 0')).toEqual([{ n: 0 }]);
    expect(await query(wh, 'SELECT count(*) AS n FROM (SELECT entity_id FROM entities GROUP BY 1 HAVING count(*) > 1)')).toEqual([{ n: 0 }]);
  });
});
