import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { foldUnitsForTests, searchRowsSql, searchTokensOf, searchTokensSql } from './search-index.ts';

let db: DuckDBInstance;
let c: DuckDBConnection;

beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  c = await db.connect();
});

afterAll(() => {
  c?.closeSync();
  db?.closeSync();
});

/** The index rows of `texts` (as [title, body]) both ways: searchTokensSql over the texts, searchRowsSql over searchTokensOf's. */
async function bothWays(texts: readonly (readonly [string, string])[]): Promise<{ onlySql: number; onlyJs: number; rows: number }> {
  await c.run('CREATE OR REPLACE TABLE docs (article_id VARCHAR, title VARCHAR, body VARCHAR)');
  await c.run('CREATE OR REPLACE TABLE toks (article_id VARCHAR, tokens VARCHAR, tokens_al VARCHAR)');
  const docs = await c.createAppender('docs');
  const toks = await c.createAppender('toks');
  for (const [i, [title, body]] of texts.entries()) {
    const id = `a${i}`;
    docs.appendVarchar(id);
    docs.appendVarchar(title);
    docs.appendVarchar(body);
    docs.endRow();
    const t = searchTokensOf(title, body);
    toks.appendVarchar(id);
    toks.appendVarchar(t.tokens);
    toks.appendVarchar(t.tokensAl);
    toks.endRow();
  }
  docs.closeSync();
  toks.closeSync();
  await c.run(`CREATE OR REPLACE TABLE by_sql AS ${searchTokensSql('docs')}`);
  await c.run(`CREATE OR REPLACE TABLE by_js AS ${searchRowsSql('toks')}`);
  const n = async (sql: string) => Number((await c.runAndReadAll(sql)).getRows()[0]?.[0]);
  return {
    onlySql: await n('SELECT count(*) FROM (FROM by_sql EXCEPT ALL FROM by_js)'),
    onlyJs: await n('SELECT count(*) FROM (FROM by_js EXCEPT ALL FROM by_sql)'),
    rows: await n('SELECT count(*) FROM by_sql'),
  };
}

describe('the search index rows made in JS (the ingest workers) and in SQL', () => {
  it('cuts clitic prefixes and marks the tokens after ال and لل', () => {
    expect(searchTokensOf('', 'وبالجزائر')).toEqual({ tokens: 'وبالجزائر بالجزائر الجزائر', tokensAl: 'جزائر' });
    expect(searchTokensOf('', 'للجزائر')).toEqual({ tokens: 'للجزائر لجزائر', tokensAl: 'جزائر' });
    // diacritics and tatweel dropped, hamzas on alif, ta marbuta and Arabic digits folded, Latin lowered, each token once per article
    const t = searchTokensOf('Trump', 'إسرائيـلُ والمدرسةِ، trump ٣');
    expect(t.tokens.split(' ').sort()).toEqual(['trump', 'اسرائيل', 'والمدرسه', 'المدرسه', '3'].sort());
    expect(t.tokensAl).toBe('مدرسه');
  });

  it('gives the rows searchTokensSql gives for texts of clitics, hamzas, diacritics, tatweel, presentation forms, marks and capitals', async () => {
    const pieces = [
      ...['ال', 'لل', 'و', 'ف', 'ب', 'ك', 'ل', 'وال', 'فلل', 'بال', 'كال'],
      ...['إ', 'أ', 'آ', 'ا', 'ٱ', 'ة', 'ه', 'ى', 'ي', 'ئ', 'ؤ', 'ء', 'ـ', 'َ', 'ّ', 'ٌ', 'ْ', 'ٰ', '\u200f', '\u200c', '\u200d', '\u202b', '\u2066'],
      ...['ﻻ', 'ﺍ', 'ﷲ', 'ﻹ', 'ﺓ', 'س', 'ر', 'م', 'ن', 'ع', 'د', 'ج', 'ز'],
      ...[' ', '،', '-', '.', '\n', '"', '«', '1', '٣', '۴', 'T', 'r', 'U', 'M', 'É', 'é', 'İ', 'K', 'Σ', 'ß', 'ǅ'],
      ...['\u088f', '\ua7cb', '𐐀', '𝐀', '😀', '\u0301', '\ufeff', 'ڤ', 'گ', 'پ', 'ک', 'ی'],
    ];
    let seed = 2024;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const text = (k: number) => Array.from({ length: k }, () => pieces[rand(pieces.length)]).join('');
    const texts = Array.from({ length: 2000 }, () => [text(rand(6)), text(10 + rand(60))] as const);
    const r = await bothWays(texts);
    expect(r.rows).toBeGreaterThan(10_000);
    expect([r.onlySql, r.onlyJs]).toEqual([0, 0]);
  });

  it('folds and splits every code point as DuckDB does (lower, translate, RE2 letters and digits)', async () => {
    // each code point between two letters ب: the token «بXب» says what it folds to and that it is a letter
    // or digit; «ب» alone that it ends a word; «بب» that it is dropped
    const texts: [string, string][] = [];
    let body: string[] = [];
    for (let cp = 1; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      body.push(`ب${String.fromCodePoint(cp)}ب`);
      if (body.length === 64) {
        texts.push(['', body.join(' ')]);
        body = [];
      }
    }
    texts.push(['', body.join(' ')]);
    const r = await bothWays(texts);
    expect([r.onlySql, r.onlyJs]).toEqual([0, 0]);
  }, 120_000);
});

describe("the fold tables, worked out a code unit at a time as articles use them (the ingest's start-up)", () => {
  it('work out only the code units of the texts met so far', async () => {
    vi.resetModules(); // a module of its own, which the tests above have not used
    const fresh = await import('./search-index.ts');
    expect(fresh.foldUnitsKnownForTests()).toBe(0);
    fresh.searchTokensOf('Trump', 'إسرائيـلُ والمدرسةِ، trump ٣');
    expect(fresh.foldUnitsKnownForTests()).toBeLessThan(30);
  });

  it('are, for every BMP code unit, what lowering them all in one toLowerCase, folding and the word test give', () => {
    const { lazy, eager } = foldUnitsForTests();
    const differing = Array.from({ length: 0x10000 }, (_, c) => c).filter((c) => lazy[c] !== eager[c]);
    expect(differing).toEqual([]);
    // the cases a string lowered at once could get wrong: a final sigma, İ (two code points lowered), the separator
    expect([lazy[0x3a3], lazy[0x0a], lazy[0x41], lazy[0xd800]]).toEqual([0x3c3, 0x20, 0x61, 0x20]);
  });
});
