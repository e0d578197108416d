/** The CLI's contract: exit codes, rejects that never stop a run, config errors that say where, and mirsad sql. */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, CONFIG, query, tempDir } from './helpers.ts';

const ARTICLE = (n: number) =>
  `زيارة وزير الخارجية الأمريكي أنتوني بلينكن إلى الجزائر ${n}\n\nوصل وزير الخارجية الأمريكي أنتوني بلينكن إلى الجزائر العاصمة يوم الأربعاء في زيارة بحث خلالها مع الرئيس عبد المجيد تبون ملفات الطاقة والغاز والوضع في منطقة الساحل. وقال مسؤولون إن المحادثات تناولت أيضا الحرب في أوكرانيا. هذا نص رقم ${n}.\n`;

describe('mirsad ingest on bad inputs', () => {
  let dir: string;
  let input: string;
  let wh: string;
  let run: ReturnType<typeof cli>;
  beforeAll(() => {
    dir = tempDir('cli');
    input = path.join(dir, 'in');
    wh = path.join(dir, 'wh');
    mkdirSync(path.join(input, 'nested'), { recursive: true });
    writeFileSync(path.join(input, 'good.txt'), ARTICLE(1));
    writeFileSync(path.join(input, 'empty.txt'), '  \n\n ');
    writeFileSync(path.join(input, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x00, 0xff, 0x00, 0x10, 0x00]));
    writeFileSync(
      path.join(input, 'latin1.txt'),
      Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0x61, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65, 0xff, 0xfe]),
    );
    writeFileSync(path.join(input, 'broken.json'), '{"title": "x", "text": ');
    writeFileSync(
      path.join(input, 'nested', 'feed.jsonl'),
      [
        JSON.stringify({ title: 'أ', text: ARTICLE(2) }),
        '{not json',
        JSON.stringify({ title: 'بلا نص' }),
        JSON.stringify({ title: 'ب', text: ARTICLE(3) }),
      ].join('\n'),
    );
    writeFileSync(path.join(input, 'nested', 'feed2.jsonl.gz'), gzipSync(JSON.stringify({ headline: 'ج', body: ARTICLE(4), source: { name: 'Hespress' } })));
    writeFileSync(path.join(input, 'menu.html'), '<html><body><nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav></body></html>');
    writeFileSync(path.join(input, 'notes.md'), '# not an article');
    run = cli(['ingest', input, '--out', wh]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes with exit 0 and a summary', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/articles\s+4/);
    expect(run.stdout).toMatch(/rejects\s+7/);
  });

  it('records each bad input with its reason, and keeps the good records of a partly broken file', async () => {
    const rejects = await query(wh, 'SELECT source, reason, detail FROM rejects ORDER BY source');
    expect(rejects.map((r) => [r.source, r.reason])).toEqual([
      ['binary.txt', 'not_text'],
      ['broken.json', 'parse_error'],
      ['empty.txt', 'empty'],
      ['latin1.txt', 'encoding'],
      ['menu.html', 'no_article'],
      ['nested/feed.jsonl#2', 'parse_error'],
      ['nested/feed.jsonl#3', 'empty'],
    ]);
    for (const r of rejects) expect(String(r.detail).length).toBeGreaterThan(5);
    const sources = (await query(wh, 'SELECT source FROM articles ORDER BY source')).map((r) => r.source);
    expect(sources).toEqual(['good.txt', 'nested/feed.jsonl#1', 'nested/feed.jsonl#4', 'nested/feed2.jsonl.gz#1']);
    // the record's source object names the outlet
    expect((await query(wh, "SELECT outlet_id FROM articles WHERE source LIKE '%feed2%'"))[0]?.outlet_id).toBe('hespress');
  });
});

describe('mirsad ingest when it cannot produce a warehouse', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('cli-fail');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stops on a bad config with exit 2, naming file, line and key, and leaves the previous warehouse readable', async () => {
    const input = path.join(dir, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), ARTICLE(1));
    const wh = path.join(dir, 'wh');
    expect(cli(['ingest', input, '--out', wh]).code).toBe(0);

    const config = path.join(dir, 'config');
    cpSync(CONFIG, config, { recursive: true });
    const topics = path.join(config, 'topics.yaml');
    const text = readFileSync(topics, 'utf8');
    const lines = text.split('\n');
    // the first cue's weight (`phrase: weight`) becomes a word
    const at = lines.findIndex((l) => /^\s{6}\S.*:\s*[\d.]+\s*$/.test(l));
    expect(at).toBeGreaterThan(0);
    lines[at] = (lines[at] as string).replace(/:\s*[\d.]+\s*$/, ': heavy');
    writeFileSync(topics, lines.join('\n'));
    writeFileSync(path.join(input, 'b.txt'), ARTICLE(2));

    const r = cli(['ingest', input, '--out', wh, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`topics.yaml:${at + 1}:`);
    expect(r.stderr).toMatch(/cues/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
    expect(await query(wh, 'SELECT count(*) AS n FROM articles')).toEqual([{ n: 1 }]);
  });

  it('stops with exit 2 on two entities that differ only by ڤ/ف, naming the file and line of both', () => {
    const input = path.join(dir, 'in-fold');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), ARTICLE(1));
    const config = path.join(dir, 'config-fold');
    cpSync(CONFIG, config, { recursive: true });
    mkdirSync(path.join(config, 'entities'), { recursive: true });
    writeFileSync(
      path.join(config, 'entities', 'zz-first.yaml'),
      'entities:\n  - { id: victor-lamiri, type: person, name_ar: فيكتور لاميري, name_en: Victor Lamiri }\n',
    );
    writeFileSync(
      path.join(config, 'entities', 'zz-second.yaml'),
      '# the same person written with the Maghrebi veh\n\nentities:\n  - { id: victor-lamiri-2, type: person, name_ar: ڤيكتور لاميري, name_en: Victor Lamiri }\n',
    );
    const r = cli(['ingest', input, '--out', path.join(dir, 'wh-fold'), '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/zz-second\.yaml:4:\d+/);
    expect(r.stderr).toMatch(/zz-first\.yaml:2\b/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a missing input with exit 2 rather than publishing an empty warehouse', () => {
    const r = cli(['ingest', path.join(dir, 'nope'), '--out', path.join(dir, 'wh2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no input found/);
  });

  it('refuses to replace a folder that is not a warehouse, with exit 1', () => {
    const input = path.join(dir, 'in2');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), ARTICLE(1));
    const docs = path.join(dir, 'docs');
    mkdirSync(docs);
    writeFileSync(path.join(docs, 'thesis.md'), 'mine');
    const r = cli(['ingest', input, '--out', docs]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not a Mirsad warehouse/);
    expect(readFileSync(path.join(docs, 'thesis.md'), 'utf8')).toBe('mine');
  });
});

describe('mirsad sql', () => {
  let dir: string;
  let wh: string;
  beforeAll(() => {
    dir = tempDir('sql');
    const input = path.join(dir, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'a.txt'), ARTICLE(1));
    writeFileSync(path.join(input, 'b.txt'), ARTICLE(2));
    wh = path.join(dir, 'wh');
    expect(cli(['ingest', input, '--out', wh, '--quiet']).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs SQL over every table by name', () => {
    const r = cli([
      'sql',
      "SELECT count(*) AS n FROM articles JOIN mentions USING (article_id) WHERE entity_id = 'antony-blinken'",
      '--out',
      wh,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ n: 4 }); // in each headline and once in each text below it
  });

  it('reads statements from standard input and reports a bad one', () => {
    const r = cli(['sql', '--out', wh, '--format', 'csv'], { input: 'SELECT count(*) AS n FROM topic_defs;\nSELECT nope FROM articles;\n' });
    expect(r.stdout).toContain('n\n16');
    expect(r.stderr).toMatch(/error: .*nope/);
    expect(r.code).toBe(1);
  });

  it('gives every article its own id when the same file is ingested three times, and marks the repeats as copies', async () => {
    const input = path.join(dir, 'in');
    const out = path.join(dir, 'thrice');
    expect(cli(['ingest', input, input, input, '--out', out, '--quiet']).code).toBe(0);
    const [r] = await query(out, 'SELECT count(*) AS n, count(DISTINCT article_id) AS ids, count(duplicate_of) AS copies FROM articles');
    // a.txt and b.txt differ by one number, so all but the very first are copies of it
    expect(r).toEqual({ n: 6, ids: 6, copies: 5 });
  });

  it('says which command creates a missing warehouse', () => {
    const r = cli(['sql', 'SELECT 1', '--out', path.join(dir, 'none')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/mirsad ingest/);
  });
});
