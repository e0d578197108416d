/**
 * Hostile inputs of our own, for the reliability tests: every class of bad input the readers must
 * survive (gzip bombs, links out of the inputs, FIFOs, raw-byte names, UTF-16 without a BOM,
 * control characters, junk, truncated JSON, huge lines…) mixed with good articles written for the
 * project, in one input folder. Small on disk and quick to write (the bombs are many copies of one
 * small gzip member, which gunzip reads as one stream), so CI can run it on every change.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RejectReason } from '../types.ts';

/** One entry of the input folder and what reading it must give. */
export interface HostileInput {
  /** The source the pipeline gives it: a path relative to the input folder (records get `#N`). */
  source: string;
  /** What it is, for messages. */
  what: string;
  /** Titles of the good articles inside it, each of which must come out as an article. */
  good: string[];
  /** The reasons its rejects may have; empty when it holds only good articles. */
  reasons: RejectReason[];
}

export interface HostileSet {
  /** The input folder to ingest. */
  input: string;
  /** A folder beside it, outside the input, that links point into; nothing of it may be read. */
  outside: string;
  inputs: HostileInput[];
  /** Every good article's title. */
  goodTitles: string[];
  /** A phrase only the files outside the input contain. */
  secret: string;
}

export interface HostileOptions {
  /** Good articles to mix in (default 20, at least 16: some classes carry one). */
  good?: number;
  /** Size of the huge single-line inputs, in bytes (default 21 MiB: over the 20 MiB document limit). */
  hugeLineBytes?: number;
}

// Text written for these tests: a municipal news beat, varied by number so that no two articles
// are duplicates of each other.
const PLACES = ['الرباط', 'وهران', 'صفاقس', 'إربد', 'المنصورة', 'طرابلس', 'الخرطوم', 'نواكشوط', 'مسقط', 'الدوحة'];
const WORKS = [
  'محطة لتحلية المياه',
  'مستشفى للأطفال',
  'جسر فوق الوادي',
  'سوق للمنتجات المحلية',
  'مدرسة للتكوين المهني',
  'حديقة عامة',
  'خط للحافلات الكهربائية',
  'مركز ثقافي للشباب',
];

export function goodTitle(i: number): string {
  return `افتتاح ${WORKS[i % WORKS.length]} في ${PLACES[i % PLACES.length]} رقم ${i + 1}`;
}

export function goodBody(i: number): string {
  const place = PLACES[i % PLACES.length];
  const work = WORKS[i % WORKS.length];
  return [
    `افتتح والي ${place} صباح اليوم ${work} بعد أشغال دامت ${i + 14} شهرا، بكلفة قدرها ${(i + 3) * 17} مليون دينار.`,
    `وقال المهندس المسؤول عن المشروع إن المنشأة ستخدم نحو ${(i + 2) * 1200} من السكان، وإن فرق الصيانة تلقت تدريبا خاصا لتشغيلها.`,
    `وأضاف أن المرحلة الثانية من المشروع ستنطلق في الربيع المقبل، وأن البلدية خصصت لها ميزانية مستقلة رقمها ${i + 501}.`,
  ].join('\n\n');
}

function txt(i: number): string {
  return `${goodTitle(i)}\n\n${goodBody(i)}\n`;
}

interface GoodRecord {
  title: string;
  text: string;
  outlet: string;
  date: string;
}

function record(i: number): GoodRecord {
  return { title: goodTitle(i), text: goodBody(i), outlet: 'نشرة البلدية', date: `2024-0${(i % 9) + 1}-1${i % 10}` };
}

function utf16(s: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.from(s, 'utf16le');
  return order === 'le' ? le : le.swap16();
}

/** Arabic in windows-1256, for the characters the good articles use. */
function windows1256(s: string): Buffer {
  const decoder = new TextDecoder('windows-1256');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...s].map((ch) => table.get(ch) ?? 0x3f));
}

/** Deterministic junk bytes (a linear congruential sequence), zero bytes included. */
function junk(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/**
 * A gzip file of `head` and then `members` copies of one gzip member holding `memberBytes` of `byte`:
 * large unpacked, small on disk. Returns the unpacked size.
 */
export function gzipBomb(file: string, head: string, byte: number, memberBytes: number, members: number): number {
  const member = gzipSync(Buffer.alloc(memberBytes, byte), { level: 9 });
  const fd = openSync(file, 'w');
  try {
    if (head !== '') writeSync(fd, gzipSync(head));
    for (let i = 0; i < members; i++) writeSync(fd, member);
  } finally {
    closeSync(fd);
  }
  return head.length + memberBytes * members;
}

/** A file of `bytes` bytes written in pieces: `first`, then `fill` repeated, then `last`. */
function bigFile(file: string, first: string, fill: string, last: string, bytes: number): void {
  const piece = Buffer.from(fill.repeat(Math.ceil((1 << 20) / Buffer.byteLength(fill))));
  const fd = openSync(file, 'w');
  try {
    let written = writeSync(fd, first);
    while (written < bytes) written += writeSync(fd, piece, 0, Math.min(piece.length, bytes - written));
    writeSync(fd, last);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the hostile set under `dir` (which must exist and be empty): `dir/in` is the input folder,
 * `dir/outside` what links point to. A FIFO is made with mkfifo(1) where there is one.
 */
export function writeHostileInputs(dir: string, opts: HostileOptions = {}): HostileSet {
  const count = Math.max(16, opts.good ?? 20);
  const hugeLine = opts.hugeLineBytes ?? 21 * 1024 * 1024;
  const input = path.join(dir, 'in');
  const outside = path.join(dir, 'outside');
  mkdirSync(path.join(input, 'good'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  const inputs: HostileInput[] = [];
  const at = (rel: string) => path.join(input, rel);
  const add = (source: string, what: string, good: number[], reasons: RejectReason[]) => inputs.push({ source, what, good: good.map(goodTitle), reasons });

  // Outside the input: what a link out would leak.
  const secret = 'وثيقة سرية لا يجوز أن تقرأ';
  writeFileSync(path.join(outside, 'secret.txt'), `${secret}\n\n${secret} ${goodBody(0)}\n`);
  writeFileSync(path.join(outside, 'secret.jsonl'), `${JSON.stringify({ title: secret, text: `${secret} ${goodBody(1)}` })}\n`);

  // The good articles that each carry a class of hard-but-good input.
  let next = 0;
  const take = () => next++;
  const g = {
    le: take(),
    be: [take(), take()],
    leJsonl: take(),
    cp1256: take(),
    rawName: take(),
    controlsJson: take(),
    controlsTxt: take(),
    html: take(),
    mixed: [take(), take()],
    blank: take(),
    crlfBom: take(),
    lateNul: take(),
  };
  writeFileSync(at('utf16le-nobom.txt'), utf16(txt(g.le), 'le'));
  add('utf16le-nobom.txt', 'UTF-16LE .txt without a BOM', [g.le], []);
  writeFileSync(at('utf16be-nobom.jsonl'), utf16(g.be.map((i) => `${JSON.stringify(record(i))}\n`).join(''), 'be'));
  add('utf16be-nobom.jsonl', 'UTF-16BE .jsonl without a BOM', g.be, []);
  writeFileSync(at('utf16le-nobom.jsonl'), utf16(`${JSON.stringify(record(g.leJsonl))}\r\n`, 'le'));
  add('utf16le-nobom.jsonl', 'UTF-16LE .jsonl without a BOM, CRLF', [g.leJsonl], []);
  writeFileSync(at('windows-1256.txt'), windows1256(txt(g.cp1256)));
  add('windows-1256.txt', 'Arabic in windows-1256', [g.cp1256], []);
  writeFileSync(Buffer.concat([Buffer.from(`${input}/`), Buffer.from([0x66, 0xff, 0x2e, 0x74, 0x78, 0x74])]), txt(g.rawName));
  add('f%FF.txt', 'a file name that is not UTF-8', [g.rawName], []);
  const withControls = record(g.controlsJson);
  withControls.title = `${withControls.title}\u0000`;
  withControls.text = withControls.text.replace(/ /g, (s, k: number) => (k % 40 === 0 ? '\u0000 ' : k % 60 === 0 ? '\u0007\u007f ' : s));
  writeFileSync(at('controls.json'), JSON.stringify([withControls]));
  add('controls.json', 'NUL and other controls escaped in JSON', [g.controlsJson], []);
  writeFileSync(at('controls.txt'), txt(g.controlsTxt).replace(/\n\n/g, '\n\u0001\u001b\n'));
  add('controls.txt', 'raw control bytes in a .txt', [g.controlsTxt], []);
  writeFileSync(
    at('page.html'),
    `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>${goodTitle(g.html)}</title></head><body><nav><a href="/">الرئيسية</a></nav><article><h1>${goodTitle(g.html)}</h1>${goodBody(
      g.html,
    )
      .split('\n\n')
      .map((p) => `<p>${p}</p>`)
      .join('')}</article></body></html>`,
  );
  add('page.html', 'an HTML page', [g.html], []);
  const lines = [
    JSON.stringify(record(g.mixed[0] ?? 0)),
    '{"title": "خبر مبتور", "text": "بدأ ولم',
    junk(300, 7),
    '',
    '   ',
    JSON.stringify(record(g.mixed[1] ?? 0)),
    '{"title": 42}',
  ];
  writeFileSync(at('mixed.jsonl'), Buffer.concat(lines.flatMap((l) => [Buffer.from(l), Buffer.from('\n')])));
  add('mixed.jsonl', 'good records among truncated JSON and junk lines', g.mixed, ['parse_error', 'encoding', 'not_text', 'empty']);
  gzipBomb(at('blank-lines.jsonl.gz'), `${JSON.stringify(record(g.blank))}\n`, 0x0a, 1 << 20, 256);
  add('blank-lines.jsonl.gz', 'a good record, then 256 MiB of blank lines from 260 KB of gzip', [g.blank], ['too_large']);
  gzipBomb(at('bomb.json.gz'), `[${JSON.stringify(record(99))},`, 0x20, 1 << 20, 1024);
  add('bomb.json.gz', 'a .json.gz of 1 GiB unpacked', [], ['too_large']);
  writeFileSync(at('crlf-bom.jsonl'), `\ufeff${JSON.stringify(record(g.crlfBom))}\r\n`);
  add('crlf-bom.jsonl', 'UTF-8 with a BOM and CRLF', [g.crlfBom], []);
  // zero bytes past the 64 KiB the binary check samples: read as text, so they must be removed
  const filler = Array.from({ length: 150 }, (_, k) => goodBody(k + 100)).join('\n\n');
  const tail = Array.from({ length: 10 }, (_, k) => `${goodBody(k + 300)}\u0000`).join('\n\n');
  writeFileSync(at('late-nul.txt'), `${txt(g.lateNul)}\n${filler}\n\n${tail}\u0000\u0000\n`);
  add('late-nul.txt', 'zero bytes after the first 64 KiB', [g.lateNul], []);

  // Plain good articles make up the rest.
  for (let i = next; i < count; i++) {
    const name = `good/${String(i + 1).padStart(2, '0')}.txt`;
    writeFileSync(at(name), txt(i));
    add(name, 'a plain .txt article', [i], []);
  }
  // a link inside the input still works (the same article again, under another name)
  symlinkSync(at(`good/${String(count).padStart(2, '0')}.txt`), at('link-inside.txt'));
  add('link-inside.txt', 'a link to an article inside the input', [count - 1], []);

  // Bombs and huge inputs.
  gzipBomb(at('bomb.txt.gz'), '', 0x20, 1 << 20, 64);
  add('bomb.txt.gz', 'a .txt.gz of 64 MiB unpacked', [], ['too_large']);
  bigFile(at('huge-line.jsonl'), '{"title": "سطر طويل", "text": "', 'كلام ', '"}\n', hugeLine);
  add('huge-line.jsonl', 'one JSONL line over the document limit', [], ['too_large']);
  bigFile(at('huge.txt'), 'عنوان\n\n', 'كلام كثير ', '\n', hugeLine);
  add('huge.txt', 'a .txt over the document limit', [], ['too_large']);
  writeFileSync(at('deep.json'), `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  add('deep.json', 'JSON nested 200,000 deep', [], ['parse_error', 'empty']);

  // Links out, loops, nothing at the end of a link.
  symlinkSync(path.join(outside, 'secret.txt'), at('link-out.txt'));
  add('link-out.txt', 'a link to a file outside the input', [], ['outside_input']);
  symlinkSync(outside, at('link-out-dir'));
  add('link-out-dir', 'a link to a folder outside the input', [], ['outside_input']);
  symlinkSync('/proc/self/status', at('proc-status.txt'));
  add('proc-status.txt', 'a link to /proc/self/status', [], ['outside_input', 'read_error']);
  symlinkSync('/dev/zero', at('dev-zero.jsonl'));
  add('dev-zero.jsonl', 'a link to a device', [], ['outside_input', 'not_a_file']);
  symlinkSync(input, at('good/loop'));
  add('good/loop', 'a link to the input folder, from inside it', [], ['read_error']);
  symlinkSync(at('link-loop-b.txt'), at('link-loop-a.txt'));
  symlinkSync(at('link-loop-a.txt'), at('link-loop-b.txt'));
  add('link-loop-a.txt', 'two links to each other', [], ['read_error']);
  add('link-loop-b.txt', 'two links to each other', [], ['read_error']);
  symlinkSync(at('nothing.txt'), at('dangling.txt'));
  add('dangling.txt', 'a link to nothing', [], ['read_error']);

  // Special files: a FIFO would block a reader that opens it.
  if (spawnSync('mkfifo', [at('fifo.txt'), at('fifo.jsonl')]).status === 0) {
    add('fifo.txt', 'a FIFO', [], ['not_a_file']);
    add('fifo.jsonl', 'a FIFO', [], ['not_a_file']);
    symlinkSync(at('fifo.txt'), at('link-to-fifo.html'));
    add('link-to-fifo.html', 'a link to a FIFO inside the input', [], ['not_a_file']);
  }

  // A Unix socket, left behind by a process that listened on it and exited.
  const listen = "require('node:net').createServer().listen(process.argv[1], () => process.exit(0))";
  if (spawnSync(process.execPath, ['-e', listen, at('socket.jsonl')]).status === 0) add('socket.jsonl', 'a Unix socket', [], ['not_a_file']);

  // Empty, binary, truncated, wrongly encoded.
  const bad: [string, string | Buffer, string, RejectReason[]][] = [
    ['empty.txt', '', 'an empty file', ['empty']],
    ['empty.jsonl', '', 'an empty JSONL file', ['empty']],
    ['empty.json.gz', gzipSync(''), 'an empty gzip', ['empty']],
    ['blank.txt', ' \n\t\n\r\n', 'only white space', ['empty']],
    ['binary.txt', junk(4096, 1), 'binary junk', ['not_text', 'encoding']],
    ['binary.jsonl', junk(4096, 2), 'binary junk', ['not_text', 'encoding', 'parse_error']],
    ['binary.html', junk(4096, 3), 'binary junk', ['not_text', 'encoding']],
    ['binary.txt.gz', junk(4096, 4), 'junk that is not gzip', ['read_error']],
    ['nul-bytes.txt', Buffer.concat([Buffer.from(txt(0)), Buffer.alloc(64)]), 'a text followed by zero bytes', ['not_text']],
    ['truncated.json', JSON.stringify([record(0), record(1)]).slice(0, 300), 'truncated JSON', ['parse_error']],
    ['truncated.json.gz', gzipSync(JSON.stringify([record(0)])).subarray(0, 60), 'a truncated gzip', ['read_error']],
    ['latin1.txt', Buffer.from('Caf\xe9 cr\xe8me, d\xe9j\xe0 vu.\n', 'latin1'), 'neither UTF-8 nor Arabic', ['encoding']],
    ['headline-only.txt', `${goodTitle(99)}\n`, 'a headline and no text', ['empty']],
    ['menu.html', '<html><body><nav><a href="/">الرئيسية</a></nav></body></html>', 'a page without an article', ['no_article']],
  ];
  for (const [name, content, what, reasons] of bad) {
    writeFileSync(at(name), content);
    add(name, what, [], reasons);
  }

  const goodTitles = [...new Set(inputs.flatMap((i) => i.good))];
  return { input, outside, inputs, goodTitles, secret };
}
