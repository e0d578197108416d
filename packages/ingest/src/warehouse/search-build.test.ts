import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEARCH_ROW_GROUP, searchRowsSql, searchTokensOf } from '@mirsad/model/search-index';
import { compareCodePoints, SearchIndexBuilder } from './search-build.ts';
import { parquetFiles, scratchDuckDB } from '../testing/scratch-db.ts';

const scratch = scratchDuckDB('search-build-');
const root = scratch.root;

// words over the ranges an index holds: Arabic with clitics (after_al), Latin, digits, presentation
// forms past U+E000 and letters past the BMP (which JS orders before U+E000, DuckDB after)
const WORDS = ['والكتاب', 'بالجزائر', 'للبيت', 'كتاب', 'alpha', 'Zeta', '2024', 'ﻻم', '𝐀lpha', '𝐀', 'ﬁx', 'فالرئيس', 'الرئيس', 'سلام'];

/** Articles of a few words each, with ids in no order (some repeat a word under another form). */
function articles(n: number): { id: string; title: string; body: string }[] {
  return Array.from({ length: n }, (_v, i) => ({
    id: `a${((i * 7919) % 1000).toString(36)}-${i}`,
    title: WORDS[i % WORDS.length]!,
    body: Array.from({ length: 1 + (i % 9) }, (_w, k) => WORDS[(i * 3 + k * k) % WORDS.length]! + (k % 4 === 0 ? String(i % 13) : '')).join(' '),
  }));
}

const rows = scratch.rows;
const files = parquetFiles;

/** DuckDB's rows of the index for the same articles (searchRowsSql: one ORDER BY), into table `expected`. */
async function expected(docs: { id: string; title: string; body: string }[]): Promise<void> {
  await scratch.c.run('CREATE OR REPLACE TABLE toks (article_id VARCHAR, tokens VARCHAR, tokens_al VARCHAR)');
  const appender = await scratch.c.createAppender('toks');
  for (const d of docs) {
    const t = searchTokensOf(d.title, d.body);
    appender.appendVarchar(d.id);
    appender.appendVarchar(t.tokens);
    appender.appendVarchar(t.tokensAl);
    appender.endRow();
  }
  appender.flushSync();
  appender.closeSync();
  await scratch.c.run(`CREATE OR REPLACE TABLE expected AS SELECT row_number() OVER () AS n, * FROM (${searchRowsSql('toks')})`);
}

async function build(
  docs: { id: string; title: string; body: string }[],
  dir: string,
  fileRows: number,
  inMemoryRows: number,
  sortRows?: number,
  built?: (builder: SearchIndexBuilder) => void,
): Promise<number> {
  mkdirSync(dir);
  const builder = new SearchIndexBuilder(root, inMemoryRows);
  try {
    for (const [i, d] of docs.entries()) {
      const t = searchTokensOf(d.title, d.body);
      // as text, and as the UTF-8 bytes the writer reads from DuckDB
      if (i % 2 === 0) builder.add(d.id, t.tokens, t.tokensAl);
      else builder.add(d.id, new TextEncoder().encode(t.tokens), new TextEncoder().encode(t.tokensAl));
    }
    const next = await builder.write(scratch.c, dir, 5, fileRows, sortRows);
    built?.(builder);
    return next;
  } finally {
    builder.dispose();
  }
}

describe('SearchIndexBuilder', () => {
  it('writes the rows DuckDB sorts, in its order (code points), in one file when they fit', async () => {
    const docs = articles(400);
    await expected(docs);
    const dir = path.join(root, 'one');
    expect(await build(docs, dir, 1_000_000, 1_000_000)).toBe(6);
    const [file] = files(dir);
    // row by row: the same rows in the same order
    const diff = await rows(`SELECT count(*) FROM (SELECT row_number() OVER () AS n, * FROM read_parquet('${file}')) f
      FULL JOIN expected e ON e.n = f.n WHERE e.token IS DISTINCT FROM f.token OR e.article_id IS DISTINCT FROM f.article_id OR e.after_al IS DISTINCT FROM f.after_al`);
    expect(Number(diff[0]![0])).toBe(0);
    expect(Number((await rows('SELECT count(*) FROM expected'))[0]![0])).toBeGreaterThan(1000);
    const types = await rows(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${file}'))`);
    expect(types).toEqual([
      ['token', 'VARCHAR'],
      ['article_id', 'VARCHAR'],
      ['after_al', 'BOOLEAN'],
    ]);
  });

  it('spills past its memory bound and cuts files of disjoint token ranges, each sorted, with the same rows', async () => {
    const docs = articles(600);
    await expected(docs);
    const total = Number((await rows('SELECT count(*) FROM expected'))[0]![0]);
    const dir = path.join(root, 'ranges');
    const next = await build(docs, dir, Math.ceil(total / 4), 100);
    const out = files(dir);
    expect(out.length).toBe(4);
    expect(next).toBe(9);
    const list = `[${out.map((f) => `'${f}'`).join(', ')}]`;
    // the files one after another are the rows in order
    const diff =
      await rows(`SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY filename, file_row_number) AS n, * FROM read_parquet(${list}, filename = true, file_row_number = true)) f
      FULL JOIN expected e ON e.n = f.n WHERE e.token IS DISTINCT FROM f.token OR e.article_id IS DISTINCT FROM f.article_id OR e.after_al IS DISTINCT FROM f.after_al`);
    expect(Number(diff[0]![0])).toBe(0);
    const overlaps = await rows(`WITH r AS (SELECT filename, min(token) AS lo, max(token) AS hi FROM read_parquet(${list}, filename = true) GROUP BY filename)
      SELECT count(*) FROM r a JOIN r b ON a.filename < b.filename AND a.lo <= b.hi AND b.lo <= a.hi`);
    expect(Number(overlaps[0]![0])).toBe(0);
    expect(Number((await rows(`SELECT max(row_group_num_rows) FROM parquet_metadata(${list})`))[0]![0])).toBeLessThanOrEqual(SEARCH_ROW_GROUP);
    // the spill files are gone
    expect(readdirSync(root).filter((f) => f.endsWith('.bin'))).toEqual([]);
  });

  it('puts a file in order a part of at most sortRows rows at a time, spilled or held, with the same rows', async () => {
    const docs = articles(600);
    await expected(docs);
    const total = Number((await rows('SELECT count(*) FROM expected'))[0]![0]);
    // the most rows of one token: a part holds more only for such a token alone
    const most = Number((await rows('SELECT max(n) FROM (SELECT count(*) AS n FROM expected GROUP BY token)'))[0]![0]);
    const sortRows = Math.max(most, Math.ceil(total / 10));
    for (const [name, inMemory] of [
      ['parts-spilled', 100],
      ['parts-held', 1_000_000],
    ] as const) {
      const dir = path.join(root, name);
      let atOnce = 0;
      expect(await build(docs, dir, Math.ceil(total / 2), inMemory, sortRows, (b) => (atOnce = b.sortedAtOnce))).toBe(7);
      expect(atOnce).toBeGreaterThan(0);
      expect(atOnce).toBeLessThanOrEqual(sortRows);
      const list = `[${files(dir)
        .map((f) => `'${f}'`)
        .join(', ')}]`;
      const diff =
        await rows(`SELECT count(*) FROM (SELECT row_number() OVER (ORDER BY filename, file_row_number) AS n, * FROM read_parquet(${list}, filename = true, file_row_number = true)) f
        FULL JOIN expected e ON e.n = f.n WHERE e.token IS DISTINCT FROM f.token OR e.article_id IS DISTINCT FROM f.article_id OR e.after_al IS DISTINCT FROM f.after_al`);
      expect(Number(diff[0]![0])).toBe(0);
      expect(readdirSync(root).filter((f) => f.endsWith('.bin'))).toEqual([]);
    }
  });

  it('writes nothing for articles without tokens', async () => {
    const dir = path.join(root, 'empty');
    mkdirSync(dir);
    const builder = new SearchIndexBuilder(root);
    builder.add('x', '', '');
    expect(await builder.write(scratch.c, dir, 3)).toBe(3);
    expect(files(dir)).toEqual([]);
  });
});

describe('compareCodePoints', () => {
  it('orders as DuckDB orders text (UTF-8 bytes), where JS puts a character past U+FFFF before U+E000–U+FFFF', async () => {
    const words = ['ﻻ', '𝐀', 'a', 'ب', '', 'ab', 'a𝐀', 'aﻻ', '\uffff', '\ue000'];
    const [[sorted]] = (await rows(`SELECT list_sort([${words.map((w) => `'${w}'`).join(', ')}])`)) as [[{ items: string[] }]];
    expect([...words].sort(compareCodePoints)).toEqual(sorted.items);
    expect([...words].sort()).not.toEqual(sorted.items);
  });
});
