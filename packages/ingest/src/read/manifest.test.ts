import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSeeds, SEEDS_DIR, skipNotice } from '../testing/shared.ts';
import { loadManifest } from './manifest.ts';
import { readAll, Scratch } from './test-fixtures.ts';

const HEADER = 'file,outlet_ar,outlet_en,url,published_date,notes';

describe('loadManifest', () => {
  const s = new Scratch();
  afterAll(() => s.remove());
  const write = (name: string, ...lines: string[]) => s.file(name, `${lines.join('\n')}\n`);

  it('reads the rows, ignoring extra columns, with empty cells as null', () => {
    const file = write(
      'm.csv',
      HEADER,
      'a.txt,صحيفة المثال,Example Daily,https://example.com/a,2020-10-02,"a note, with a comma"',
      './news/b.html,,,,,',
      'feed.jsonl#3,وكالة,Agency,,2022-03-30,',
    );
    const m = loadManifest(file);
    expect(m.file).toBe(file);
    expect(m.entries).toEqual([
      { file: 'a.txt', outlet_ar: 'صحيفة المثال', outlet_en: 'Example Daily', url: 'https://example.com/a', published_date: '2020-10-02', line: 2 },
      { file: 'news/b.html', outlet_ar: null, outlet_en: null, url: null, published_date: null, line: 3 },
      { file: 'feed.jsonl#3', outlet_ar: 'وكالة', outlet_en: 'Agency', url: null, published_date: '2022-03-30', line: 4 },
    ]);
  });

  it('accepts stray quotes inside an unquoted free-text cell', () => {
    const m = loadManifest(write('quotes.csv', HEADER, 'a.txt,,,,2020-10-02,Text says "yesterday" (Thursday)'));
    expect(m.entries[0]?.published_date).toBe('2020-10-02');
  });

  it('throws configuration errors (the CLI exits 2 on them)', () => {
    expect(() => loadManifest(write('cfg.csv', HEADER, 'a.txt,,,,soon,'))).toThrow(expect.objectContaining({ name: 'ConfigError', line: 2 }));
  });

  it('accepts a BOM, CRLF, any column order and missing optional columns', () => {
    const m = loadManifest(s.file('crlf.csv', '\ufeffpublished_date,file\r\n2021-01-05,x.txt\r\n'));
    expect(m.entries).toEqual([{ file: 'x.txt', outlet_ar: null, outlet_en: null, url: null, published_date: '2021-01-05', line: 2 }]);
  });

  it('looks a source up by path, then without #N, then by a base name only one entry has', () => {
    const m = loadManifest(
      write('lookup.csv', HEADER, 'a.txt,أ,A,,,', 'dir/b.txt,ب,B,,,', 'x/c.txt,ج1,C1,,,', 'y/c.txt,ج2,C2,,,', 'feed.jsonl#2,د,D,,,', 'feed.jsonl,هـ,E,,,'),
    );
    expect(m.lookup('a.txt')?.outlet_en).toBe('A');
    expect(m.lookup('sub/a.txt')?.outlet_en).toBe('A');
    expect(m.lookup('dir/b.txt')?.outlet_en).toBe('B');
    expect(m.lookup('b.txt')?.outlet_en).toBe('B');
    expect(m.lookup('x/c.txt')?.outlet_en).toBe('C1');
    expect(m.lookup('c.txt')).toBeUndefined(); // two entries named c.txt: no guess
    expect(m.lookup('feed.jsonl#2')?.outlet_en).toBe('D');
    expect(m.lookup('feed.jsonl#5')?.outlet_en).toBe('E');
    expect(m.lookup('other/feed.jsonl#5')?.outlet_en).toBe('E');
    expect(m.lookup('missing.txt')).toBeUndefined();
  });

  it('names the file and the line of a bad date', () => {
    const file = write('date.csv', HEADER, 'a.txt,,,,2020-10-02,', 'b.txt,,,,02/10/2020,', 'c.txt,,,,,');
    expect(() => loadManifest(file)).toThrow(`${file}:3:1: published_date "02/10/2020" is not a date written YYYY-MM-DD`);
    expect(() => loadManifest(write('feb.csv', HEADER, 'a.txt,,,,2021-02-30,'))).toThrow(/feb\.csv:2:1: .*2021-02-30/);
  });

  it('counts lines through quoted cells that span lines', () => {
    const file = write('multi.csv', HEADER, 'a.txt,,,,,"first line', 'second line"', 'b.txt,,,,2020-13-01,');
    expect(() => loadManifest(file)).toThrow(`${file}:4:1:`);
  });

  it('rejects a missing header, an empty file cell, a repeated file and broken CSV, naming file and line', () => {
    expect(() => loadManifest(write('noheader.csv', 'a.txt,صحيفة,Paper,,2020-10-02'))).toThrow(/noheader\.csv:1:1: the header must name the columns file/);
    expect(() => loadManifest(write('nofile.csv', HEADER, ',صحيفة,Paper,,,'))).toThrow(/nofile\.csv:2:1: the file column is empty/);
    expect(() => loadManifest(write('twice.csv', HEADER, 'a.txt,,,,,', './a.txt,,,,,'))).toThrow(/twice\.csv:3:1: "a\.txt" is already listed on line 2/);
    expect(() => loadManifest(write('quote.csv', HEADER, 'a.txt,"open,,,,'))).toThrow(/quote\.csv:\d+:1: not valid CSV/);
    expect(() => loadManifest(s.file('empty.csv', ''))).toThrow(/empty\.csv:1:1: empty/);
    expect(() => loadManifest(s.path('absent.csv'))).toThrow(/absent\.csv:1:1: cannot read the manifest/);
  });
});

describe.skipIf(skipNotice('seed pages', hasSeeds, SEEDS_DIR))('the seed manifest', () => {
  it('has an entry for every seed page the readers produce', async () => {
    const m = loadManifest(path.join(SEEDS_DIR, 'manifest.csv'));
    expect(m.entries).toHaveLength(5);
    const results = await readAll([SEEDS_DIR]);
    for (const r of results) {
      expect(r.kind).toBe('doc');
      if (r.kind === 'doc') expect(m.lookup(r.doc.source)?.file).toBe(r.doc.source);
    }
    expect(m.entries.filter((e) => e.published_date !== null)).toHaveLength(4);
  });
});
