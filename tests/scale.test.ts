/**
 * Incremental and sharded ingest give the tables one run gives: base + --append, shards + merge, and
 * 1 or N workers, compared table by table with EXCEPT ALL both ways. A corpus-level step that fails
 * still publishes the run's articles.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { TABLE_NAMES } from '../packages/model/src/tables.ts';
import { openWarehouse } from '../packages/model/src/warehouse.ts';
import { SEARCH_DIR, searchTokensSql } from '../packages/model/src/search-index.ts';
import { runIngest, runMerge } from '../packages/ingest/src/pipeline.ts';
import { stateFiles } from '../packages/ingest/src/warehouse/writer.ts';
import { cli, CONFIG, RAW, tempDir } from './helpers.ts';

const root = tempDir('scale');
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Files under `dir` in the order the reader walks them (names sorted, depth first), relative paths. */
function walk(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    if (statSync(path.join(dir, r)).isDirectory()) out.push(...walk(dir, r));
    else if (/\.(txt|html?|jsonl?)$/.test(name)) out.push(r);
  }
  return out;
}

function copyTo(dir: string, files: string[]): string {
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    copyFileSync(path.join(RAW, f), path.join(dir, f));
  }
  return dir;
}

/**
 * Per table, rows in one warehouse and not the other (EXCEPT ALL, both ways); {} when they are equal. The
 * search index (`_search/`, not a table) is compared too, and each warehouse's against the tokens of its
 * own articles.
 */
async function differences(a: string, b: string): Promise<Record<string, { onlyA: number; onlyB: number }>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const out: Record<string, { onlyA: number; onlyB: number }> = {};
  const articles = (w: string) => `read_parquet('${path.join(w, 'articles')}/**/*.parquet', union_by_name = true)`;
  try {
    for (const w of [a, b]) {
      const index = `(SELECT token, article_id, after_al FROM read_parquet('${path.join(w, SEARCH_DIR)}/*.parquet'))`;
      const tokens = `(${searchTokensSql(articles(w))})`;
      const stale = Number(
        (
          await c.runAndReadAll(`SELECT (SELECT count(*) FROM (${index} EXCEPT ALL ${tokens})) + (SELECT count(*) FROM (${tokens} EXCEPT ALL ${index}))`)
        ).getRows()[0]?.[0],
      );
      if (stale) out[`${SEARCH_DIR} of ${w === a ? 'a' : 'b'} against its articles`] = { onlyA: stale, onlyB: 0 };
    }
    for (const t of [...TABLE_NAMES, SEARCH_DIR]) {
      const read = (w: string) =>
        t === SEARCH_DIR
          ? `(SELECT token, article_id, after_al FROM read_parquet('${path.join(w, t)}/*.parquet'))`
          : `(SELECT * FROM read_parquet('${path.join(w, t)}/**/*.parquet', union_by_name = true))`;
      const count = async (x: string, y: string) =>
        Number((await c.runAndReadAll(`SELECT count(*) FROM (${read(x)} EXCEPT ALL ${read(y)})`)).getRows()[0]?.[0]);
      const onlyA = await count(a, b);
      const onlyB = await count(b, a);
      if (onlyA || onlyB) out[t] = { onlyA, onlyB };
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
  return out;
}

async function scalar(out: string, sql: string): Promise<unknown> {
  const wh = await openWarehouse(out);
  try {
    const [row] = await wh.query(sql);
    return Object.values(row ?? {})[0];
  } finally {
    wh.close();
  }
}

const full = path.join(root, 'full');
beforeAll(async () => {
  await runIngest({ inputs: [RAW], out: full, configDir: CONFIG, progress: 'off', jobs: 2, inlineDocs: 0 });
}, 180_000);

describe('one run, in parts', () => {
  it('gives the same tables with 1 worker as with 2, and says every corpus-level step was done', async () => {
    const one = path.join(root, 'one-worker');
    await runIngest({ inputs: [RAW], out: one, configDir: CONFIG, progress: 'off', jobs: 1, inlineDocs: 0 });
    expect(await differences(full, one)).toEqual({});
    expect(await scalar(full, `SELECT string_agg(step || ':' || done, ',' ORDER BY step) FROM run_steps`)).toBe('duplicates:true,entities:true,visits:true');
  }, 180_000);

  it('gives the same tables from a base run and --append of the rest as from one run over everything', async () => {
    const files = walk(RAW);
    const half = Math.ceil(files.length / 2);
    const base = copyTo(path.join(root, 'in-a'), files.slice(0, half));
    const out = path.join(root, 'appended');
    const first = await runIngest({ inputs: [base], out, configDir: CONFIG, progress: 'off' });
    // the whole folder again: the inputs already in the warehouse are passed over, not added twice
    const appended = await runIngest({ inputs: [RAW], out, configDir: CONFIG, progress: 'off', append: true });
    const whole = Number(await scalar(full, 'SELECT count(*) FROM articles'));
    expect(first.articles).toBeGreaterThan(0);
    expect(first.articles).toBeLessThan(whole);
    expect(appended.articles).toBe(whole);
    expect(await differences(full, out)).toEqual({});
  }, 180_000);

  it('passes over, on --append, the inputs already there: articles by source and content, rejects by source', async () => {
    const input = path.join(root, 'append-again');
    mkdirSync(input);
    writeFileSync(path.join(input, 'empty.txt'), '   \n');
    writeFileSync(
      path.join(input, 'one.txt'),
      'اجتماع وزاري\n\nعقد وزراء الخارجية اجتماعا في العاصمة لبحث التعاون الإقليمي وملفات الأمن والطاقة، وصدر في ختامه بيان مشترك.',
    );
    const out = path.join(root, 'append-again-out');
    const first = await runIngest({ inputs: [input], out, configDir: CONFIG, progress: 'off' });
    expect([first.articles, first.rejects]).toEqual([1, 1]);
    const again = await runIngest({ inputs: [input], out, configDir: CONFIG, progress: 'off', append: true });
    expect([again.articles, again.rejects]).toEqual([1, 1]);
    // a new file in the folder is the one new input
    writeFileSync(
      path.join(input, 'two.txt'),
      'لقاء ثنائي\n\nالتقى رئيس الحكومة سفير الاتحاد الأوروبي وبحث معه برامج الدعم الموجهة إلى الشباب والتكوين المهني.',
    );
    const more = await runIngest({ inputs: [input], out, configDir: CONFIG, progress: 'off', append: true });
    expect([more.articles, more.rejects]).toEqual([2, 1]);
  }, 180_000);

  it('gives the same tables from 2 shards merged as from one run', () => {
    const shards = [0, 1].map((k) => path.join(root, `shard-${k}`));
    for (const [k, out] of shards.entries()) {
      const r = cli(['ingest', RAW, '--out', out, '--config', CONFIG, '--shard', `${k}/2`, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const counts = shards.map((s) => cli(['sql', 'SELECT count(*) AS n FROM articles', '--out', s, '--format', 'csv']).stdout.split('\n')[1]);
    expect(counts.every((n) => Number(n) > 0)).toBe(true);
    const merged = path.join(root, 'merged');
    const r = cli(['merge', ...shards, '--out', merged, '--config', CONFIG, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return differences(full, merged).then((d) => expect(d).toEqual({}));
  }, 180_000);

  it('gives repeats of one article that landed in different shards the ids one run gives them', async () => {
    // the same page saved six times: one run gives the first its id and each repeat its own
    const page = [
      'وزير الخارجية يبحث مع نظيره ملف الطاقة',
      '',
      'بحث وزير الخارجية اليوم في العاصمة مع نظيره الزائر سبل تطوير التعاون في مجال الطاقة والغاز، وتناول اللقاء مشروع خط الأنابيب المشترك.',
      'وأكد الوزيران في مؤتمر صحفي مشترك عزم البلدين على رفع حجم المبادلات التجارية خلال السنوات الثلاث المقبلة.',
    ].join('\n');
    const input = path.join(root, 'repeats');
    mkdirSync(input);
    for (let i = 1; i <= 6; i++) writeFileSync(path.join(input, `copy-${i}.txt`), page);
    const one = path.join(root, 'repeats-one');
    await runIngest({ inputs: [input], out: one, configDir: CONFIG, progress: 'off' });
    const shards = [0, 1].map((k) => path.join(root, `repeats-shard-${k}`));
    for (const [k, out] of shards.entries()) await runIngest({ inputs: [input], out, configDir: CONFIG, progress: 'off', shard: { index: k, count: 2 } });
    const merged = path.join(root, 'repeats-merged');
    await runMerge({ warehouses: shards, out: merged, configDir: CONFIG });
    expect(await scalar(merged, 'SELECT count(DISTINCT article_id) FROM articles')).toBe(6);
    expect(await scalar(merged, 'SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL')).toBe(5);
    expect(await differences(one, merged)).toEqual({});

    // a shard given twice, or two warehouses that share inputs: refused, nothing written at --out
    const twice = path.join(root, 'repeats-twice');
    const r = cli(['merge', shards[0] as string, shards[1] as string, shards[0] as string, '--out', twice, '--config', CONFIG, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${shards[0]} and ${shards[0]} both hold the input`);
    expect(existsSync(twice)).toBe(false);
  }, 180_000);

  it('refuses a shard that is not K/N with K < N', () => {
    const r = cli(['ingest', RAW, '--out', path.join(root, 'bad-shard'), '--shard', '2/2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard takes K\/N/);
  });
});

describe('--append keeps the files of the rows it does not change', () => {
  // four unrelated reports (no two of them copies); the `more` line makes a copy that is not exact
  const stories: Record<string, string> = {
    health:
      'أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المحافظات الجنوبية خلال العام المقبل، وقالت في بيان إن الخطة تشمل إنشاء مراكز حديثة لغسيل الكلى وتدريب الممرضين. وأوضح المتحدث باسم الوزارة أن كلفة المشروع تبلغ مئتي مليون دينار تمولها الحكومة بالشراكة مع القطاع الخاص، وأن التنفيذ يبدأ في الربيع.',
    school:
      'افتتح المجلس البلدي صباح الأحد مدرسة ابتدائية في الحي الشرقي تتسع لستمئة تلميذ، بعد عامين من أعمال البناء التي تأخرت بسبب الأمطار. وقال رئيس المجلس للصحفيين إن المدرسة مجهزة بمختبر للعلوم ومكتبة وملعب مغطى، وإن حافلات مجانية ستنقل تلاميذ القرى المجاورة.',
    farm: 'توقع اتحاد المزارعين أن يرتفع محصول القمح هذا الموسم بنحو الربع مقارنة بالموسم الماضي، بفضل الأمطار الغزيرة التي هطلت في الشتاء. وطالب الاتحاد الحكومة برفع سعر شراء الطن من الفلاحين وبتوفير مخازن إضافية قرب الحقول قبل بدء الحصاد في أيار.',
    port: 'استقبل الميناء التجاري أمس أكبر سفينة حاويات في تاريخه، محملة بأكثر من عشرة آلاف حاوية قادمة من شرق آسيا. وذكرت إدارة الميناء أن أعمال توسيع الأرصفة وتعميق الحوض التي انتهت الشهر الماضي سمحت باستقبال السفن العملاقة لأول مرة.',
  };
  const story = (key: keyof typeof stories, more = '') => `${stories[key]}${more}`;
  const record = (title: string, text: string, date: string) => JSON.stringify({ title, text, date, url: `https://example.org/${encodeURIComponent(title)}` });
  const jsonl = (dir: string, name: string, lines: string[]) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), `${lines.join('\n')}\n`);
    return dir;
  };
  const ino = (file: string) => statSync(file).ino;

  it('links the old articles, topics and rejects into the new version and writes the new rows as another part file', async () => {
    const dir = path.join(root, 'kept');
    const a = jsonl(path.join(dir, 'a'), 'a.jsonl', [
      record('خطة الصحة', story('health'), '2026-03-10'),
      record('خطة التعليم', story('school'), '2026-03-11'),
      '{"title": 1',
    ]);
    const b = jsonl(path.join(dir, 'b'), 'b.jsonl', [record('خطة الزراعة', story('farm'), '2026-03-12')]);
    const c = jsonl(path.join(dir, 'c'), 'c.jsonl', [record('خطة النقل', story('port'), '2026-03-13')]);
    const out = path.join(dir, 'out');
    await runIngest({ inputs: [a], out, configDir: CONFIG, progress: 'off' });
    const before = realpathSync(out);
    await runIngest({ inputs: [a, b], out, configDir: CONFIG, progress: 'off', append: true });
    const after = realpathSync(out);
    expect(after).not.toBe(before);
    for (const t of ['articles', 'topics', 'topic_evidence', 'rejects']) {
      expect(ino(path.join(after, t, 'part-0.parquet')), t).toBe(ino(path.join(before, t, 'part-0.parquet')));
    }
    expect(readdirSync(path.join(after, 'articles')).sort()).toEqual(['part-0.parquet', 'part-000001.parquet']);
    // and so is the state the steps across articles read again: the old rows' files, one more for the new
    for (const f of ['articles', 'mentions', 'items'])
      expect(ino(path.join(after, '_state', `${f}.parquet`)), f).toBe(ino(path.join(before, '_state', `${f}.parquet`)));
    expect(
      readdirSync(path.join(after, '_state'))
        .filter((f) => f.startsWith('articles'))
        .sort(),
    ).toEqual(['articles.1.parquet', 'articles.parquet']);
    expect(await differences(after, (await runIngest({ inputs: [a, b], out: path.join(dir, 'full-ab'), configDir: CONFIG, progress: 'off' })).out)).toEqual({});
    // a second append adds a third part (the first version itself is pruned, its file lives on)
    const first = ino(path.join(before, 'articles', 'part-0.parquet'));
    await runIngest({ inputs: [a, b, c], out, configDir: CONFIG, progress: 'off', append: true });
    expect(readdirSync(path.join(out, 'articles')).sort()).toEqual(['part-0.parquet', 'part-000001.parquet', 'part-000002.parquet']);
    expect(ino(path.join(out, 'articles', 'part-0.parquet'))).toBe(first);
    const full = await runIngest({ inputs: [a, b, c], out: path.join(dir, 'full-abc'), configDir: CONFIG, progress: 'off' });
    expect(await scalar(out, 'SELECT count(*) FROM articles')).toBe(4);
    expect(await differences(full.out, out)).toEqual({});
  }, 180_000);

  it('rewrites the old articles when a new article is an earlier copy of an old one (its duplicate_of changes)', async () => {
    const dir = path.join(root, 'rewritten');
    const a = jsonl(path.join(dir, 'a'), 'a.jsonl', [record('خطة الصحة', story('health'), '2026-03-10'), record('خطة التعليم', story('school'), '2026-03-11')]);
    // the same story published a week earlier elsewhere, with a closing line of its own
    const b = jsonl(path.join(dir, 'b'), 'b.jsonl', [record('خطة الصحة الجديدة', story('health', ' وتنشر الوزارة تفاصيل الخطة على موقعها.'), '2026-03-03')]);
    const out = path.join(dir, 'out');
    await runIngest({ inputs: [a], out, configDir: CONFIG, progress: 'off' });
    const before = realpathSync(out);
    expect(await scalar(out, 'SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL')).toBe(0);
    await runIngest({ inputs: [a, b], out, configDir: CONFIG, progress: 'off', append: true });
    // the old article now points at the new, earlier one
    expect(
      await scalar(
        out,
        `SELECT count(*) FROM articles a JOIN articles e ON e.article_id = a.duplicate_of WHERE a.title = 'خطة الصحة' AND e.title = 'خطة الصحة الجديدة'`,
      ),
    ).toBe(1);
    expect(ino(path.join(out, 'articles', 'part-0.parquet'))).not.toBe(ino(path.join(before, 'articles', 'part-0.parquet')));
    expect(ino(path.join(out, 'topics', 'part-0.parquet'))).toBe(ino(path.join(before, 'topics', 'part-0.parquet')));
    const full = await runIngest({ inputs: [a, b], out: path.join(dir, 'full'), configDir: CONFIG, progress: 'off' });
    expect(await differences(full.out, out)).toEqual({});
    // and the next append reads the rewritten file with its state, row for row
    const c = jsonl(path.join(dir, 'c'), 'c.jsonl', [record('خطة النقل', story('port'), '2026-03-13')]);
    await runIngest({ inputs: [a, b, c], out, configDir: CONFIG, progress: 'off', append: true });
    const fullAbc = await runIngest({ inputs: [a, b, c], out: path.join(dir, 'full-abc'), configDir: CONFIG, progress: 'off' });
    expect(await differences(fullAbc.out, out)).toEqual({});
  }, 180_000);
  it('keeps the row order of the old articles it rewrites: that of the full run, and of _state/, which the next --append reads beside them by position', async () => {
    const dir = path.join(root, 'rewritten-order');
    // the old article whose duplicate_of changes comes after one that keeps its own
    const a = jsonl(path.join(dir, 'a'), 'a.jsonl', [
      record('خطة التعليم', story('school'), '2026-03-11'),
      record('خطة الزراعة', story('farm'), '2026-03-12'),
      record('خطة الصحة', story('health'), '2026-03-10'),
    ]);
    const b = jsonl(path.join(dir, 'b'), 'b.jsonl', [record('خطة الصحة الجديدة', story('health', ' وتنشر الوزارة تفاصيل الخطة على موقعها.'), '2026-03-03')]);
    const out = path.join(dir, 'out');
    await runIngest({ inputs: [a], out, configDir: CONFIG, progress: 'off' });
    await runIngest({ inputs: [a, b], out, configDir: CONFIG, progress: 'off', append: true });
    expect(await scalar(out, 'SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL')).toBe(1);
    const full = await runIngest({ inputs: [a, b], out: path.join(dir, 'full'), configDir: CONFIG, progress: 'off' });
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      const ids = async (files: string) => (await c.runAndReadAll(`SELECT article_id FROM read_parquet(${files})`)).getRows().map((r) => r[0]);
      const inState = await ids(
        `[${stateFiles(realpathSync(out), 'articles')
          .map((f) => `'${f}'`)
          .join(', ')}]`,
      );
      expect(inState).toHaveLength(4);
      expect(await ids(`'${realpathSync(out)}/articles/*.parquet'`)).toEqual(inState);
      expect(await ids(`'${realpathSync(full.out)}/articles/*.parquet'`)).toEqual(inState);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  }, 180_000);
});

describe('a corpus-level step that fails', () => {
  it('publishes the articles all the same, with the step marked not done in run_steps', async () => {
    const out = path.join(root, 'failed-steps');
    const s = await runIngest({ inputs: [RAW], out, configDir: CONFIG, progress: 'off', failStepsForTests: ['duplicates', 'visits', 'entities'] });
    expect(
      s.steps
        .filter((t) => !t.done)
        .map((t) => t.step)
        .sort(),
    ).toEqual(['duplicates', 'entities', 'visits']);
    expect(await scalar(out, 'SELECT count(*) FROM articles')).toBe(await scalar(full, 'SELECT count(*) FROM articles'));
    expect(await scalar(out, 'SELECT count(*) FROM mentions')).toBe(await scalar(full, 'SELECT count(*) FROM mentions'));
    expect(await scalar(out, 'SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL')).toBe(0);
    expect(await scalar(out, 'SELECT count(*) FROM run_steps WHERE NOT done')).toBe(3);
    // every mention still names an entity of the entities table (discovered ones under their provisional ids)
    expect(await scalar(out, 'SELECT count(*) FROM mentions m ANTI JOIN entities e USING (entity_id)')).toBe(0);
    // and a full run over it does the steps again
    const again = await runIngest({ inputs: [RAW], out, configDir: CONFIG, progress: 'off' });
    expect(again.steps.every((t) => t.done)).toBe(true);
    expect(await differences(full, out)).toEqual({});
  }, 180_000);
});
