/**
 * Entity resolution over a run: spelling variants across articles are one entity with a canonical
 * name, discovered spellings of a gazetteer person are that person, and the result does not depend
 * on the order of the files or the number of workers. The corpus is written here, for this test.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest } from '../packages/ingest/src/pipeline.ts';
import { readParquetSql } from '../packages/model/src/tables.ts';
import { openWarehouse } from '../packages/model/src/warehouse.ts';
import { CONFIG, SUBSTRING_VIOLATIONS, query, tempDir } from './helpers.ts';

const ARTICLES: Record<string, string> = {
  'a1.txt': 'المستشارة تلتقي نظراءها\n\nاستقبلت المستشارة الألمانية انجيلا ميركل وفدا من رجال الأعمال في برلين يوم الاثنين.',
  'a2.txt': 'محادثات في برلين\n\nقالت المستشارة الألمانية أنغيلا ميركل إن بلادها تدعم الحوار. وأضافت ميركل أن الحل سياسي.',
  'a3.txt': 'ميركل في باريس\n\nوصلت المستشارة الألمانية أنغيلا ميركل إلى باريس حيث التقت نظيرها.',
  'a4.txt': 'زيارة إلى سيول\n\nقال الزعيم الكوري الشمالي كيم جونغ أون إن التجارب ستتواصل. وصرح الخبير جون هارتمان بأن الأمر متوقع.',
  'a5.txt': 'تجارب صاروخية\n\nأشرف الزعيم الكوري الشمالي كيم جونج أون على تجربة جديدة، بحسب الوكالة الرسمية.',
  'a6.txt': 'جولة في المنطقة\n\nوصل وزير الخارجية الأمريكي أنتوني بلينكنن إلى الرباط. وقال بلينكنن إن الشراكة قوية.',
  'a7.txt': 'تصريحات\n\nصرح الخبير جون هارتمان للصحفيين بأن الوضع هادئ. وأضاف هارتمان أن المفاوضات مستمرة.',
  'a8.txt': 'بيان\n\nقال عباس في بيان إن الحوار ضروري.',
};

describe('entity resolution in a run', () => {
  const dir = tempDir('resolve');
  const corpus = path.join(dir, 'corpus');
  const [one, two] = [path.join(dir, 'one'), path.join(dir, 'two')];
  const files = Object.keys(ARTICLES).map((f) => path.join(corpus, f));

  beforeAll(async () => {
    mkdirSync(corpus, { recursive: true });
    for (const [f, text] of Object.entries(ARTICLES)) writeFileSync(path.join(corpus, f), text);
    await runIngest({ inputs: files, out: one, configDir: CONFIG, progress: 'off', jobs: 1 });
    // the other order, on two workers
    await runIngest({ inputs: [...files].reverse(), out: two, configDir: CONFIG, progress: 'off', jobs: 2, inlineDocs: 0 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same entities, mentions and aliases whatever the order of the files and the number of workers', async () => {
    const wh = await openWarehouse(one);
    try {
      for (const t of ['entities', 'mentions', 'entity_aliases'] as const) {
        const [x, y] = [readParquetSql(one, t), readParquetSql(two, t)];
        const diff = await wh.query(
          `SELECT count(*) AS n FROM (SELECT * FROM ${x} EXCEPT ALL SELECT * FROM ${y}) UNION ALL SELECT count(*) FROM (SELECT * FROM ${y} EXCEPT ALL SELECT * FROM ${x})`,
        );
        expect(diff, t).toEqual([{ n: 0 }, { n: 0 }]);
      }
    } finally {
      wh.close();
    }
  });

  it('makes one entity of a name spelt differently across articles, under its most frequent spelling', async () => {
    const persons = await query(one, `SELECT name_ar, origin FROM entities WHERE origin = 'discovered' AND type = 'person' ORDER BY name_ar`);
    expect(persons).toEqual([
      { name_ar: 'أنغيلا ميركل', origin: 'discovered' },
      { name_ar: 'جون هارتمان', origin: 'discovered' },
      // one article each: the tie goes to code point order (ج before غ), not to the article read first
      { name_ar: 'كيم جونج أون', origin: 'discovered' },
    ]);
    const merkel = await query(
      one,
      `
      SELECT m.surface, m.method, count(*) AS n FROM mentions m JOIN entities e USING (entity_id)
      WHERE e.name_ar = 'أنغيلا ميركل' GROUP BY ALL ORDER BY ALL`,
    );
    expect(merkel).toEqual([
      { surface: 'أنغيلا ميركل', method: 'role', n: 2 },
      { surface: 'انجيلا ميركل', method: 'role', n: 1 },
      { surface: 'ميركل', method: 'coref', n: 1 },
    ]);
  });

  it('gives a discovered spelling of a gazetteer person (a doubled letter the gazetteer does not list), and its family name after it, that person', async () => {
    expect(await query(one, `SELECT surface, method, entity_id FROM mentions WHERE surface LIKE '%بلينكنن%' ORDER BY start`)).toEqual([
      { surface: 'أنتوني بلينكنن', method: 'role', entity_id: 'antony-blinken' },
      { surface: 'بلينكنن', method: 'coref', entity_id: 'antony-blinken' },
    ]);
  });

  it('leaves a bare name with no full name before it unlinked', async () => {
    expect(await query(one, `SELECT m.surface FROM mentions m JOIN articles a USING (article_id) WHERE a.source LIKE '%a8.txt'`)).toEqual([]);
  });

  it('counts every spelling of every entity in entity_aliases, as the mentions give them', async () => {
    const diff = await query(
      one,
      `
      WITH m AS (SELECT entity_id, surface AS alias, count(*)::INTEGER AS n FROM mentions GROUP BY ALL)
      SELECT count(*) AS n FROM (SELECT * FROM m EXCEPT ALL SELECT * FROM entity_aliases
        UNION ALL (SELECT * FROM entity_aliases EXCEPT ALL SELECT * FROM m))`,
    );
    expect(diff).toEqual([{ n: 0 }]);
    expect(await query(one, `SELECT alias, n FROM entity_aliases WHERE entity_id = 'antony-blinken' ORDER BY alias`)).toEqual([
      { alias: 'أنتوني بلينكنن', n: 1 },
      { alias: 'بلينكنن', n: 1 },
    ]);
    expect(await query(one, SUBSTRING_VIOLATIONS)).toEqual([]);
  });
});
