import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotAFile, openStream, readWhole } from './bytes.ts';
import { fileKind, newReadStats } from './read-inputs.ts';
import { gzipBomb } from '../testing/hostile.ts';
import { docs, encodeWindows1256, readAll, rejects, Scratch, utf16be, utf16le } from './test-fixtures.ts';

// Fixture texts are made up for these tests.
const TITLE = 'افتتاح مكتبة عامة جديدة في وسط المدينة';
const BODY = 'افتتحت البلدية اليوم مكتبة عامة تضم أكثر من عشرين ألف كتاب.\n\nوقال رئيس البلدية إن المكتبة ستفتح أبوابها كل يوم.';
const TXT = `${TITLE}\n\n${BODY}\n`;

describe('fileKind', () => {
  it('knows the input types, gzipped or not, in any case', () => {
    expect(fileKind('a.txt')).toEqual({ kind: 'txt', gz: false });
    expect(fileKind('A.HTM')).toEqual({ kind: 'html', gz: false });
    expect(fileKind('x.json.gz')).toEqual({ kind: 'json', gz: true });
    expect(fileKind('x.ndjson')).toEqual({ kind: 'jsonl', gz: false });
    expect(fileKind('x.jsonl.gz')).toEqual({ kind: 'jsonl', gz: true });
    expect(fileKind('manifest.csv')).toBeNull();
    expect(fileKind('x.gz')).toBeNull();
    expect(fileKind('.txt')).toBeNull();
  });
});

describe('readInputs: walking', () => {
  const s = new Scratch();
  beforeAll(() => {
    s.file('in/b.txt', TXT);
    s.file('in/a.txt', TXT);
    s.file('in/sub/z.txt', TXT);
    s.file('in/sub/deeper/c.txt', TXT);
    s.file('in/Z.txt', TXT); // upper case sorts before lower case, on every machine
    s.file('in/manifest.csv', 'file,outlet_ar\n');
    s.file('in/README.md', '# notes\n');
    s.file('in/photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0x00]));
    s.file('in/.hidden.txt', TXT);
    s.file('in/.git/x.txt', TXT);
    s.file('single/one.txt', TXT);
    s.file('single/notes.md', 'x');
  });
  afterAll(() => s.remove());

  it('walks a folder depth-first in name order, with posix sources relative to it', async () => {
    const stats = newReadStats();
    const results = await readAll([s.path('in')], { stats });
    expect(docs(results).map((d) => d.source)).toEqual(['Z.txt', 'a.txt', 'b.txt', 'sub/deeper/c.txt', 'sub/z.txt']);
    expect(rejects(results)).toEqual([]);
    expect(stats).toEqual({ skipped: 3, skippedSample: ['README.md', 'manifest.csv', 'photo.jpg'], hidden: 2 });
  });

  it('counts skipped files in a stats object that only has `skipped`', async () => {
    const stats = { skipped: 0 };
    await readAll([s.path('in')], { stats });
    expect(stats).toEqual({ skipped: 3 });
  });

  it('names a file argument by its base name, and keeps the order of the arguments', async () => {
    const results = await readAll([s.path('single/one.txt'), s.path('in/sub')]);
    expect(docs(results).map((d) => d.source)).toEqual(['one.txt', 'deeper/c.txt', 'z.txt']);
  });

  it('rejects a file argument of another type as unsupported', async () => {
    const results = await readAll([s.path('single/notes.md')]);
    expect(rejects(results)).toEqual([{ source: 'notes.md', reason: 'unsupported', detail: expect.stringContaining('notes.md') }]);
  });

  it('rejects a missing path as a read error that says so, and goes on', async () => {
    const results = await readAll([s.path('nowhere'), s.path('single/one.txt')]);
    expect(rejects(results)).toEqual([{ source: s.path('nowhere'), reason: 'read_error', detail: expect.stringMatching(/no such file or folder/) }]);
    expect(docs(results)).toHaveLength(1);
  });
});

describe('readInputs: .txt and bytes', () => {
  const s = new Scratch();
  afterAll(() => s.remove());
  const one = async (name: string, content: string | Uint8Array, maxDocBytes?: number) => {
    const results = await readAll([s.file(name, content)], { maxDocBytes });
    expect(results).toHaveLength(1);
    return results[0]!;
  };

  it('takes the first non-empty line as the headline and the rest as text, with LF line ends', async () => {
    const r = await one('a.txt', `\n\n  ${TITLE}  \r\n\r\n${BODY.replace(/\n/g, '\r\n')}\r\n`);
    expect(r).toEqual({
      kind: 'doc',
      doc: { source: 'a.txt', format: 'txt', title: TITLE, text: BODY, url: null, outletHint: null, dateHint: null },
    });
  });

  it('rejects empty, blank and headline-only files as empty', async () => {
    expect(await one('empty.txt', '')).toMatchObject({ kind: 'reject', reject: { reason: 'empty' } });
    expect(await one('blank.txt', ' \n\t\n  ')).toMatchObject({ kind: 'reject', reject: { reason: 'empty' } });
    expect(await one('headline.txt', `${TITLE}\n\n`)).toMatchObject({
      kind: 'reject',
      reject: { reason: 'empty', detail: expect.stringContaining('headline') },
    });
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const r = await one('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TXT)]));
    expect(r).toMatchObject({ kind: 'doc', doc: { title: TITLE } });
  });

  it('reads UTF-16 with a byte-order mark, little and big endian, and without one', async () => {
    expect(await one('le.txt', utf16le(TXT))).toMatchObject({ kind: 'doc', doc: { title: TITLE, text: BODY } });
    expect(await one('be.txt', utf16be(TXT))).toMatchObject({ kind: 'doc', doc: { title: TITLE, text: BODY } });
    expect(await one('nobom.txt', utf16le(TXT, false))).toMatchObject({ kind: 'doc', doc: { title: TITLE, text: BODY } });
  });

  it('reads Arabic saved in windows-1256', async () => {
    expect(await one('legacy.txt', encodeWindows1256(TXT))).toMatchObject({ kind: 'doc', doc: { title: TITLE, text: BODY } });
  });

  it('rejects bytes that are neither UTF-8 nor Arabic windows-1256 as an encoding problem', async () => {
    const latin1 = Buffer.from('Caf\xe9 cr\xe8me, d\xe9j\xe0 vu.\nUne phrase en fran\xe7ais.\n', 'latin1');
    expect(await one('latin1.txt', latin1)).toMatchObject({ kind: 'reject', reject: { reason: 'encoding', detail: expect.stringMatching(/offset 3/) } });
  });

  it('rejects binary data as not text', async () => {
    expect(await one('zeros.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x1a]))).toMatchObject({
      kind: 'reject',
      reject: { reason: 'not_text' },
    });
    const control = Buffer.alloc(400, 0x01);
    control.write(TITLE, 0);
    expect(await one('control.txt', control)).toMatchObject({ kind: 'reject', reject: { reason: 'not_text' } });
  });

  it('rejects a document over the size limit before reading it', async () => {
    expect(await one('big.txt', TXT, 50)).toMatchObject({
      kind: 'reject',
      reject: { source: 'big.txt', reason: 'too_large', detail: expect.stringContaining('50-byte') },
    });
  });

  it('reads gzipped text and stops inflating at the size limit', async () => {
    expect(await one('a.txt.gz', gzipSync(TXT))).toMatchObject({ kind: 'doc', doc: { source: 'a.txt.gz', title: TITLE, text: BODY } });
    const bomb = gzipSync(`${TITLE}\n${'ا'.repeat(100_000)}`);
    expect(bomb.length).toBeLessThan(2_000);
    expect(await one('bomb.txt.gz', bomb, 10_000)).toMatchObject({ kind: 'reject', reject: { reason: 'too_large' } });
  });

  it('rejects a corrupt gzip file as a read error', async () => {
    const broken = gzipSync(TXT).subarray(0, 20);
    expect(await one('broken.txt.gz', broken)).toMatchObject({ kind: 'reject', reject: { reason: 'read_error' } });
  });
});

describe('readInputs: .json', () => {
  const s = new Scratch();
  afterAll(() => s.remove());
  const read = async (name: string, value: unknown) => readAll([s.file(name, typeof value === 'string' ? value : JSON.stringify(value))]);

  it('reads the ANT record shape', async () => {
    const rec = { id: 'X-1', outlet: 'Example News', category: 'politics', title: TITLE, text: BODY, url: 'https://example.com/1', date: '2018-02-16' };
    expect(await read('ant.json', [rec])).toEqual([
      {
        kind: 'doc',
        doc: {
          source: 'ant.json#1',
          format: 'json',
          title: TITLE,
          text: BODY,
          url: 'https://example.com/1',
          outletHint: 'Example News',
          dateHint: '2018-02-16',
        },
      },
    ]);
  });

  it('reads one record, an array, or an array under articles/items/data/records', async () => {
    const rec = { title: TITLE, text: BODY };
    expect(docs(await read('one.json', rec)).map((d) => d.source)).toEqual(['one.json#1']);
    expect(docs(await read('arr.json', [rec, rec, rec])).map((d) => d.source)).toEqual(['arr.json#1', 'arr.json#2', 'arr.json#3']);
    for (const key of ['articles', 'items', 'data', 'records']) {
      expect(docs(await read(`${key}.json`, { total: 2, [key]: [rec, rec] }))).toHaveLength(2);
    }
  });

  it('understands the field aliases, outlets given as objects, and text given as paragraphs', async () => {
    const rec = {
      headline: TITLE,
      articleBody: ['الفقرة الأولى من الخبر.', 'الفقرة الثانية من الخبر.'],
      link: 'https://example.org/a',
      publisher: { '@type': 'Organization', name: 'صحيفة المثال' },
      publishedAt: '2022-03-30T09:00:00Z',
    };
    expect(docs(await read('aliases.json', rec))[0]).toEqual({
      source: 'aliases.json#1',
      format: 'json',
      title: TITLE,
      text: 'الفقرة الأولى من الخبر.\n\nالفقرة الثانية من الخبر.',
      url: 'https://example.org/a',
      outletHint: 'صحيفة المثال',
      dateHint: '2022-03-30T09:00:00Z',
    });
    expect(docs(await read('case.json', { Title: TITLE, Body: BODY, URL: 'u' }))[0]).toMatchObject({ title: TITLE, text: BODY, url: 'u' });
    expect(docs(await read('epoch.json', { text: BODY, time: 1648630800 }))[0]).toMatchObject({ title: '', dateHint: '1648630800' });
  });

  it('rejects a record without text as empty and a non-object record as a parse error, and goes on', async () => {
    const results = await read('mixed.json', [{ title: TITLE }, 'just a string', { title: TITLE, body: '   ' }, { text: BODY }]);
    expect(rejects(results)).toEqual([
      { source: 'mixed.json#1', reason: 'empty', detail: expect.stringContaining('no text') },
      { source: 'mixed.json#2', reason: 'parse_error', detail: expect.stringContaining('a string') },
      { source: 'mixed.json#3', reason: 'empty', detail: expect.stringContaining('no text') },
    ]);
    expect(docs(results).map((d) => d.source)).toEqual(['mixed.json#4']);
  });

  it('rejects a file that is not JSON, saying where', async () => {
    expect(rejects(await read('broken.json', '[\n  {"title": "x",\n   "text": }\n]'))).toEqual([
      { source: 'broken.json', reason: 'parse_error', detail: expect.stringMatching(/^not JSON: .*"text": }/s) },
    ]);
    expect(rejects(await read('truncated.json', '[\n{"text": "abc"'))[0]).toMatchObject({
      reason: 'parse_error',
      detail: expect.stringContaining('line 2, column'),
    });
    expect(rejects(await read('scalar.json', '42'))[0]).toMatchObject({ reason: 'parse_error' });
  });

  it('rejects a file with no records as empty', async () => {
    expect(rejects(await read('none.json', { articles: [] }))).toEqual([{ source: 'none.json', reason: 'empty', detail: 'no records' }]);
    expect(rejects(await readAll([s.file('blank.jsonl', '\n  \n')]))).toEqual([{ source: 'blank.jsonl', reason: 'empty', detail: 'no records' }]);
  });

  it('rejects a record whose text is over the document limit', async () => {
    const results = await readAll([s.file('long.json', JSON.stringify([{ text: 'ب'.repeat(300) }, { text: BODY }]))], { maxDocBytes: 200 });
    expect(rejects(results)).toEqual([{ source: 'long.json#1', reason: 'too_large', detail: expect.any(String) }]);
    expect(docs(results)).toHaveLength(1);
  });

  it('reads gzipped JSON', async () => {
    const results = await readAll([s.file('a.json.gz', gzipSync(JSON.stringify([{ title: TITLE, text: BODY }])))]);
    expect(docs(results)).toMatchObject([{ source: 'a.json.gz#1', title: TITLE }]);
  });
});

describe('readInputs: .jsonl', () => {
  const s = new Scratch();
  afterAll(() => s.remove());
  const line = (v: unknown) => JSON.stringify(v);
  const rec = { title: TITLE, text: BODY, outlet: 'وكالة المثال', date: '2020-10-01' };

  it('numbers records (not blank lines), and one bad line is one reject', async () => {
    const content = [line(rec), '', '   ', '{"title": "broken', line({ title: 'بلا نص' }), line(rec), ''].join('\n');
    const results = await readAll([s.file('feed.jsonl', content)]);
    expect(results.map((r) => (r.kind === 'doc' ? r.doc.source : `${r.reject.source} ${r.reject.reason}`))).toEqual([
      'feed.jsonl#1',
      'feed.jsonl#2 parse_error',
      'feed.jsonl#3 empty',
      'feed.jsonl#4',
    ]);
    expect(rejects(results)[0]?.detail).toMatch(/line 4/);
  });

  it('reads CRLF files, .ndjson, gzip, a BOM, and a last line without a newline', async () => {
    const crlf = `\ufeff${line(rec)}\r\n${line(rec)}`;
    expect(docs(await readAll([s.file('crlf.jsonl', crlf)]))).toHaveLength(2);
    expect(docs(await readAll([s.file('x.ndjson', crlf)]))).toHaveLength(2);
    const gz = await readAll([s.file('x.jsonl.gz', gzipSync(crlf))]);
    expect(docs(gz).map((d) => d.source)).toEqual(['x.jsonl.gz#1', 'x.jsonl.gz#2']);
    expect(docs(gz)[0]).toMatchObject({ title: TITLE, text: BODY, outletHint: 'وكالة المثال', dateHint: '2020-10-01' });
  });

  it('reads UTF-16 JSONL with a byte-order mark', async () => {
    expect(docs(await readAll([s.file('u16.jsonl', utf16le(`${line(rec)}\n${line(rec)}\n`))]))).toHaveLength(2);
  });

  it('decodes each line alone: a windows-1256 line is read, a broken one is an encoding reject', async () => {
    const legacy = encodeWindows1256(line({ title: TITLE, text: 'نص الخبر الكامل هنا.' }));
    const broken = Buffer.from('{"text": "caf\xe9"}', 'latin1');
    const content = Buffer.concat([Buffer.from(`${line(rec)}\n`), legacy, Buffer.from('\n'), broken, Buffer.from('\n'), Buffer.from(line(rec))]);
    const results = await readAll([s.file('enc.jsonl', content)]);
    expect(results.map((r) => (r.kind === 'doc' ? r.doc.source : r.reject.reason))).toEqual(['enc.jsonl#1', 'enc.jsonl#2', 'encoding', 'enc.jsonl#4']);
    expect(docs(results)[1]?.title).toBe(TITLE);
  });

  it('rejects a line over the limit without holding it, and reads on', async () => {
    const long = line({ title: TITLE, text: 'ج'.repeat(5_000) });
    const content = [line(rec), long, line(rec)].join('\n');
    const results = await readAll([s.file('long.jsonl', content)], { maxDocBytes: 1_000 });
    expect(results.map((r) => (r.kind === 'doc' ? r.doc.source : `${r.reject.source} ${r.reject.reason}`))).toEqual([
      'long.jsonl#1',
      'long.jsonl#2 too_large',
      'long.jsonl#3',
    ]);
  });

  it('rejects a binary file named .jsonl once, not once per line', async () => {
    const binary = Buffer.alloc(5_000);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7) % 256;
    expect(rejects(await readAll([s.file('bin.jsonl', binary)]))).toEqual([{ source: 'bin.jsonl', reason: 'not_text', detail: expect.any(String) }]);
  });

  it('hands lines over as their bytes (rawLines), and jsonLineDoc reads each as the reader does', async () => {
    const legacy = encodeWindows1256(line({ title: TITLE, text: 'نص الخبر الكامل هنا.' }));
    const broken = Buffer.from('{"text": "caf\xe9"}', 'latin1');
    const controls = `{"title": "\\u0007${TITLE}", "text": "${BODY.replace(/\n/g, '\\n')}\u0001"}`;
    const content = Buffer.concat(
      [line(rec), '{"title": "broken', line({ title: 'بلا نص' }), legacy, broken, controls, line(rec)].map((l) =>
        Buffer.concat([typeof l === 'string' ? Buffer.from(l) : l, Buffer.from('\n')]),
      ),
    );
    const file = s.file('raw.jsonl.gz', gzipSync(content));
    const { jsonLineDoc, readInputItems } = await import('./read-inputs.ts');
    const items = [];
    for await (const item of readInputItems([file], { rawLines: true })) items.push(item);
    expect(items.map((i) => i.kind)).toEqual(Array(7).fill('line'));
    for (const item of items) {
      // a buffer of its own: a view of the unpacked chunk would carry the whole chunk to a worker
      if (item.kind === 'line') expect(item.bytes.buffer.byteLength).toBe(item.bytes.byteLength);
    }
    const read = items.map((i) => {
      if (i.kind !== 'line') throw new Error(`a ${i.kind}, not a line`);
      return jsonLineDoc(i);
    });
    expect(read).toEqual(await readAll([file]));
    expect(docs(read).map((d) => d.title)).toEqual([TITLE, TITLE, TITLE, TITLE]);
    expect(rejects(read).map((r) => `${r.source} ${r.reason}`)).toEqual(['raw.jsonl.gz#2 parse_error', 'raw.jsonl.gz#3 empty', 'raw.jsonl.gz#5 encoding']);
  });

  it('yields the first record before reading the rest of a file', async () => {
    const many = Array.from({ length: 5_000 }, () => line(rec)).join('\n');
    const file = s.file('many.jsonl.gz', gzipSync(many));
    const it = (await import('./read-inputs.ts')).readInputs([file]);
    const first = await it.next();
    expect(first.value).toMatchObject({ kind: 'doc', doc: { source: 'many.jsonl.gz#1' } });
    await it.return(undefined); // and stopping early closes the file
  });
});

describe('readInputs: gzip bombs', () => {
  const s = new Scratch();
  afterAll(() => s.remove());
  const rec = JSON.stringify({ title: TITLE, text: BODY });

  it('skips the blank lines of a .jsonl.gz cheaply and stops unpacking at the bound, keeping the records before it', async () => {
    const file = s.path('blank.jsonl.gz');
    const unpacked = gzipBomb(file, `${rec}\n`, 0x0a, 1 << 20, 8);
    const onDisk = statSync(file).size;
    expect(unpacked / onDisk).toBeGreaterThan(500);
    const results = await readAll([file], { maxDocBytes: 1_000 });
    expect(docs(results).map((d) => d.title)).toEqual([TITLE]);
    expect(rejects(results)).toEqual([{ source: 'blank.jsonl.gz', reason: 'too_large', detail: expect.stringMatching(/unpacks to more than \d+ bytes/) }]);

    // blank lines still count in line numbers, across chunks and with CRLF
    const blanks = `${'\r\n  \t\n'.repeat(300_000)}${'\n'.repeat(10_001)}${'\r\n'.repeat(10_003)}`; // more than one 1 MiB chunk
    const plain = await readAll([s.file('lines.jsonl.gz', gzipSync(`${rec}\n${blanks}{"title": "broken\n${rec}\n`))]);
    expect(plain.map((r) => (r.kind === 'doc' ? r.doc.source : `${r.reject.source} ${r.reject.detail.slice(0, 12)}`))).toEqual([
      'lines.jsonl.gz#1',
      `lines.jsonl.gz#2 line ${2 + 620_004} `,
      'lines.jsonl.gz#3',
    ]);
  });

  it('bounds a .json.gz by its size on disk, not only by the whole-JSON limit', async () => {
    const file = s.path('spaces.json.gz');
    gzipBomb(file, `[${rec},`, 0x20, 1 << 20, 8);
    const results = await readAll([file], { maxDocBytes: 1_000 });
    expect(rejects(results)).toEqual([{ source: 'spaces.json.gz', reason: 'too_large', detail: expect.stringContaining('gzip') }]);
  });

  it('takes the ratio and the cap as options, and reads a well compressed file under them', async () => {
    const many = Array.from({ length: 2_000 }, () => rec).join('\n');
    const file = s.file('many.jsonl.gz', gzipSync(many));
    expect(docs(await readAll([file]))).toHaveLength(2_000);
    const capped = await readAll([file], { maxDocBytes: 1_000, maxInflatedBytes: 100_000 });
    expect(rejects(capped)).toEqual([{ source: 'many.jsonl.gz', reason: 'too_large', detail: expect.stringContaining('100000') }]);
    expect(docs(capped).length).toBeLessThan(2_000);
    const ratio = await readAll([file], { maxDocBytes: 1_000, maxInflateRatio: 2 });
    expect(rejects(ratio)).toMatchObject([{ reason: 'too_large' }]);
  });
});

describe('readInputs: links and special files', () => {
  const s = new Scratch();
  const outside = new Scratch();
  let fifoMade = false;
  beforeAll(() => {
    s.file('in/a.txt', TXT);
    s.file('in/sub/b.txt', TXT);
    outside.file('secret.txt', `سر\n\n${BODY}\n`);
    outside.file('dir/secret2.txt', `سر آخر\n\n${BODY}\n`);
    symlinkSync(outside.path('secret.txt'), s.path('in/out.txt'));
    symlinkSync(outside.path('dir'), s.path('in/outdir'));
    symlinkSync('/dev/null', s.path('in/null.txt'));
    symlinkSync(s.path('in/a.txt'), s.path('in/inside.txt'));
    symlinkSync(s.path('in/sub'), s.path('in/subagain'));
    symlinkSync(s.path('in'), s.path('in/sub/loop'));
    symlinkSync(s.path('in/nowhere.txt'), s.path('in/dangling.txt'));
    fifoMade = spawnSync('mkfifo', [s.path('in/pipe.txt'), s.path('in/pipe.md'), s.path('fifo.jsonl')]).status === 0;
    const listen = "require('node:net').createServer().listen(process.argv[1], () => process.exit(0))";
    expect(spawnSync(process.execPath, ['-e', listen, s.path('in/socket.html')]).status).toBe(0);
  });
  afterAll(() => {
    s.remove();
    outside.remove();
  });

  it('never reads a link out of the inputs, follows links inside them, and not twice round a loop', async () => {
    const results = await readAll([s.path('in')]);
    expect(docs(results).map((d) => d.source)).toEqual(['a.txt', 'inside.txt', 'sub/b.txt', 'subagain/b.txt']);
    expect(docs(results).every((d) => !d.title.startsWith('سر'))).toBe(true);
    const byReason = rejects(results).map((r) => `${r.source} ${r.reason}`);
    expect(byReason).toEqual(
      expect.arrayContaining([
        'out.txt outside_input',
        'outdir outside_input',
        'null.txt outside_input',
        'dangling.txt read_error',
        'sub/loop read_error',
        'subagain/loop read_error',
      ]),
    );
    expect(rejects(results).find((r) => r.source === 'out.txt')?.detail).toContain(outside.path('secret.txt'));

    // a link from one input into another is inside the inputs
    const both = await readAll([s.path('in'), outside.path('dir')]);
    expect(rejects(both).map((r) => `${r.source} ${r.reason}`)).not.toContain('outdir outside_input');
    expect(docs(both).map((d) => d.source)).toContain('outdir/secret2.txt');
  });

  it('rejects FIFOs and sockets as not files, never opening them, in a folder and as an argument', async (ctx) => {
    if (!fifoMade) ctx.skip();
    const results = await readAll([s.path('in'), s.path('fifo.jsonl')]);
    const special = rejects(results).filter((r) => r.reason === 'not_a_file');
    expect(special).toEqual([
      { source: 'pipe.md', reason: 'not_a_file', detail: expect.stringContaining('FIFO') },
      { source: 'pipe.txt', reason: 'not_a_file', detail: expect.stringContaining('FIFO') },
      { source: 'socket.html', reason: 'not_a_file', detail: expect.stringContaining('socket') },
      { source: s.path('fifo.jsonl'), reason: 'not_a_file', detail: expect.stringContaining('FIFO') },
    ]);
    // and a FIFO put where the walk saw a file is found out on the open handle, without waiting for a writer
    await expect(readWhole(s.path('fifo.jsonl'), false, 100)).rejects.toBeInstanceOf(NotAFile);
    await expect(openStream(s.path('fifo.jsonl'), true)).rejects.toBeInstanceOf(NotAFile);
  });
});

describe('readInputs: names, encodings and control characters', () => {
  const s = new Scratch();
  afterAll(() => s.remove());

  it('reads a file whose name is not UTF-8 by its bytes, and shows the bad bytes as %XX', async () => {
    const dir = s.path('names');
    mkdirSync(dir);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0x66, 0xff, 0x2e, 0x74, 0x78, 0x74])]), TXT);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from('س\n.txt')]), TXT);
    const results = await readAll([dir]);
    expect(rejects(results)).toEqual([]);
    expect(docs(results).map((d) => d.source)).toEqual(['f%FF.txt', 'س%0A.txt']);
    expect(docs(results)[0]).toMatchObject({ title: TITLE, text: BODY });
  });

  it('reads UTF-16 JSONL without a byte-order mark, little and big endian', async () => {
    const lines = `${JSON.stringify({ title: TITLE, text: BODY })}\n${JSON.stringify({ title: TITLE, text: BODY })}\n`;
    for (const [name, bytes] of [
      ['le.jsonl', utf16le(lines, false)],
      ['be.jsonl', utf16le(lines, false).swap16()],
      ['le.jsonl.gz', gzipSync(utf16le(lines, false))],
    ] as const) {
      const results = await readAll([s.file(name, bytes)]);
      expect(rejects(results)).toEqual([]);
      expect(docs(results).map((d) => d.title)).toEqual([TITLE, TITLE]);
    }
    // the same detection as for whole files, which does not take UTF-8 with a stray zero byte for UTF-16
    expect(docs(await readAll([s.file('u16.json', utf16le(JSON.stringify({ title: TITLE, text: BODY }), false).swap16())]))[0]).toMatchObject({ title: TITLE });
    const stray = Buffer.from(`${TXT}x`);
    stray[5] = 0;
    expect(rejects(await readAll([s.file('stray.txt', stray)]))).toMatchObject([{ reason: 'not_text' }]);
    expect(
      rejects(
        await readAll([
          s.file(
            'stray.jsonl',
            Buffer.concat([Buffer.from(`{"title": "${TITLE}`), Buffer.from([0]), Buffer.from(`", "text": "${BODY.replace(/\n/g, ' ')}"}\n`)]),
          ),
        ]),
      ),
    ).toMatchObject([{ reason: 'not_text' }]);
  });

  it('removes C0 controls (but tab and line ends), DEL and C1 controls from every field, spacing words a form feed separated', async () => {
    const rec = { title: `${TITLE}\u0000`, text: `فقرة\u0000 أولى\u0007.\u000cفقرة\u0085ثانية\u007f\u0091\tنهاية.\n\nالثالثة.`, outlet: 'وكالة\u0000 المثال' };
    const [json] = docs(await readAll([s.file('ctl.json', JSON.stringify(rec))]));
    expect(json).toMatchObject({ title: TITLE, text: 'فقرة أولى. فقرة ثانية\tنهاية.\n\nالثالثة.', outletHint: 'وكالة المثال' });
    const [jsonl] = docs(await readAll([s.file('ctl.jsonl', JSON.stringify(rec))]));
    expect(jsonl?.text).toBe(json?.text);
    const [txt] = docs(await readAll([s.file('ctl.txt', `${TITLE}\u0001\n\n${BODY}\u001b\u0002\n`)]));
    expect(txt).toMatchObject({ title: TITLE, text: BODY });
    // raw controls (invalid inside JSON strings) go before parsing, so the record is read
    const raw = `{"title": "${TITLE}\u0002", "text": "${BODY.replace(/\n/g, '\\n').replace(/ /g, '\u000b')}"}`;
    for (const name of ['raw.json', 'raw.jsonl']) {
      expect(docs(await readAll([s.file(name, raw)]))[0]).toMatchObject({ title: TITLE, text: BODY });
    }
  });
});
