import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bandKeys, estimateJaccard, exactKey, shingleSignature } from './duplicates.ts';
import { markDuplicates } from './duplicate-groups.ts';

const WORDS = (
  'وزير الدفاع بحث اليوم مع نظيره ملفات الأمن والتعاون العسكري في المنطقة وأكد الجانبان أهمية تعزيز الشراكة ' +
  'وتبادل المعلومات والتدريب المشترك ومكافحة الإرهاب على الحدود الجنوبية حيث تنشط جماعات مسلحة منذ سنوات ' +
  'وقال مسؤول في الوزارة إن الزيارة تأتي ضمن جولة إقليمية تشمل ثلاث دول وتستمر أسبوعا كاملا'
).split(' ');

/** A text of `n` words drawn from WORDS by a fixed sequence (no Math.random: the same text every run). */
function text(n: number, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(WORDS[x % WORDS.length] as string);
  }
  return out;
}

let db: DuckDBInstance;
let c: DuckDBConnection;
beforeEach(async () => {
  db = await DuckDBInstance.create(':memory:', { memory_limit: '128MB' });
  c = await db.connect();
  await c.run(`CREATE TABLE stage_articles (article_id VARCHAR, published_date DATE, seq INTEGER, exact_key VARCHAR,
    minhash UINTEGER[], bands VARCHAR[])`);
});
afterEach(() => {
  c.closeSync();
  db.closeSync();
});

async function stage(articles: { id: string; words: string[]; date?: string }[]): Promise<void> {
  const appender = await c.createAppender('stage_articles');
  for (const [seq, a] of articles.entries()) {
    const sig = shingleSignature(a.words);
    appender.appendVarchar(a.id);
    if (a.date) appender.appendVarchar(a.date);
    else appender.appendNull();
    appender.appendInteger(seq);
    appender.appendVarchar(exactKey(a.words));
    appender.appendVarchar(`[${[...sig].join(',')}]`);
    appender.appendVarchar(
      `[${bandKeys(sig)
        .map((k) => `'${k}'`)
        .join(',')}]`,
    );
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
}

async function pointers(): Promise<Map<string, string | null>> {
  const r = await c.runAndReadAll('SELECT s.article_id, d.duplicate_of FROM stage_articles s LEFT JOIN stage_duplicates d ON d.article_id = s.article_id');
  return new Map(r.getRows().map(([id, dup]) => [id as string, dup as string | null]));
}

describe('markDuplicates', () => {
  it('puts 2,000 near copies of one story in one group with work linear in the group', async () => {
    const story = text(400, 7);
    const copies = Array.from({ length: 2000 }, (_, i) => {
      // each copy its own headline word and one changed word: no two are exact copies
      const words = [`نسخة${i}`, ...story];
      words[1 + ((i * 37) % story.length)] = `تعديل${i}`;
      return { id: `copy-${String(i).padStart(4, '0')}`, words };
    });
    const unrelated = { id: 'unrelated', words: text(400, 99) };
    await stage([...copies, unrelated]);
    const r = await markDuplicates(c, { threshold: 0.6 });
    const dup = await pointers();
    expect(r.duplicates).toBe(1999);
    expect(dup.get('copy-0000')).toBeNull();
    expect([...dup].filter(([id, to]) => id.startsWith('copy-') && id !== 'copy-0000' && to !== 'copy-0000')).toEqual([]);
    expect(dup.get('unrelated')).toBeNull();
    // one comparison per article and band at most (16 bands), never the 2 million pairs of the group
    expect(r.comparisons).toBeLessThanOrEqual(2001 * 16);
  });

  it('joins a chain of copies (A like B, B like C, A not like C) under the earliest, by date then input order', async () => {
    const a = text(300, 3);
    const b = [...a.slice(0, 240), ...text(60, 4)];
    const c2 = [...text(90, 5), ...b.slice(90)];
    const j = (x: string[], y: string[]) => estimateJaccard(shingleSignature(x), shingleSignature(y));
    // a threshold that a and c fall below, and each neighbour pair reaches
    const threshold = (j(a, c2) + Math.min(j(a, b), j(b, c2))) / 2;
    expect(j(a, c2)).toBeLessThan(threshold);
    expect(Math.min(j(a, b), j(b, c2))).toBeGreaterThanOrEqual(threshold);
    await stage([
      { id: 'c', words: c2, date: '2021-01-03' },
      { id: 'a', words: a, date: '2021-01-01' },
      { id: 'b', words: b, date: '2021-01-02' },
      { id: 'a-again', words: [...a], date: '2021-01-01' },
    ]);
    const r = await markDuplicates(c, { threshold });
    expect(Object.fromEntries(await pointers())).toEqual({ a: null, 'a-again': 'a', b: 'a', c: 'a' });
    expect(r.duplicates).toBe(3);
  });

  it('keeps short texts apart unless they are exact copies', async () => {
    await stage([
      { id: 's1', words: ['زيارة', 'رسمية'] },
      { id: 's2', words: ['زيارة', 'رسمية'] },
      { id: 's3', words: ['زيارة', 'قصيرة'] },
    ]);
    await markDuplicates(c, { threshold: 0.6 });
    expect(Object.fromEntries(await pointers())).toEqual({ s1: null, s2: 's1', s3: null });
  });
});
