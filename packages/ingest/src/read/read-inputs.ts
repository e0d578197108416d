/**
 * Walks the input paths and turns every supported file into RawDocs or Rejects, one at a time.
 * Nothing a file contains makes this throw: a bad input is a Reject naming it.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { RawDoc, ReadResult } from '../types.ts';
import { openStream, readWhole, specialKind, splitLines, upTo, NotAFile, TooLarge } from './bytes.ts';
import { decodeBytes, decodeLine, firstInvalidUtf8, removeControls, sniffHtmlCharset } from './decode.ts';
import { htmlToResult } from './html.ts';
import { isRecord, RECORD_ARRAY_KEYS, recordToResult } from './records.ts';
import { txtToResult } from './txt.ts';
import { excerpt, rejected } from './reject.ts';

export const DEFAULT_MAX_DOC_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024;
/** Unpacked bytes per byte of gzip beyond which a .json.gz/.jsonl.gz is a bomb (text compresses 3–10 times). */
export const DEFAULT_MAX_INFLATE_RATIO = 100;
/** Largest unpacked .jsonl.gz, whatever its size on disk (the ANT corpus is 115 MB unpacked). */
export const DEFAULT_MAX_INFLATED_BYTES = 16 * 1024 ** 3;
/** The ratio applies past this many times maxDocBytes: small files of repeated records compress far better than prose. */
const GZIP_FLOOR_DOCS = 4;

/**
 * What readInputs passed over without a doc or a reject; pass one in `ReadOptions.stats` and read
 * it when the generator is done. Docs and rejects are counted by whoever consumes them.
 */
export interface ReadStats {
  /** Files found while walking a folder that no reader handles (manifest.csv, README.md, images…). */
  skipped: number;
  /** The first few of them, as sources, for a summary line (filled in when present). */
  skippedSample?: string[];
  /** Hidden (dot-prefixed) files and folders not entered. */
  hidden?: number;
}

export function newReadStats(): Required<ReadStats> {
  return { skipped: 0, skippedSample: [], hidden: 0 };
}

export interface ReadOptions {
  /** Largest single document: a .txt/.html file, a JSON record's text, a JSONL line (default 20 MiB). */
  maxDocBytes?: number;
  /** Largest whole .json file, which is parsed in one piece (default 256 MiB; use JSONL beyond). */
  maxJsonBytes?: number;
  /**
   * A .json.gz or .jsonl.gz may unpack to at most this many times its size on disk, or to
   * 4 × maxDocBytes when that is more (default 100). See gzipBound.
   */
  maxInflateRatio?: number;
  /** Largest unpacked .jsonl.gz in any case (default 16 GiB). */
  maxInflatedBytes?: number;
  /** Counters to fill in; see ReadStats. */
  stats?: ReadStats;
  /**
   * Hand each line of a .jsonl file over as its bytes (JsonLine), not decoded or parsed: the thread
   * that processes it reads it (jsonLineDoc), so that the reading thread only unpacks and splits.
   */
  rawLines?: boolean;
}

type Kind = 'txt' | 'html' | 'json' | 'jsonl';
interface FileKind {
  kind: Kind;
  gz: boolean;
}

const KINDS: Record<string, Kind> = { txt: 'txt', html: 'html', htm: 'html', json: 'json', jsonl: 'jsonl', ndjson: 'jsonl' };
const SKIPPED_SAMPLE = 10;

/** The reader for a file name, or null: `.txt`, `.html`/`.htm`, `.json`, `.jsonl`/`.ndjson`, each optionally `.gz`. */
export function fileKind(name: string): FileKind | null {
  let n = name.toLowerCase();
  const gz = n.endsWith('.gz');
  if (gz) n = n.slice(0, -3);
  const dot = n.lastIndexOf('.');
  const kind = dot > 0 ? KINDS[n.slice(dot + 1)] : undefined;
  return kind === undefined ? null : { kind, gz };
}

/**
 * Every document of `paths`, in a fixed order: the arguments as given, a folder's entries sorted
 * by name (code units, the same on every machine) and walked depth-first.
 *
 * `source` is the path relative to the folder argument (posix separators), or a file argument's
 * base name; records of .json/.jsonl files get `#N`, N counting records from 1 (blank lines do not
 * count). A file name that is not valid UTF-8 is read by its bytes and shown with each bad byte
 * (and each control character) as `%XX`. Hidden entries are skipped; files of other types inside
 * folders are skipped and counted in `opts.stats`; a file argument of another type is rejected as
 * `unsupported`.
 *
 * Links are followed only to somewhere inside one of the arguments (`outside_input` otherwise) and
 * never twice round a loop; FIFOs, sockets and devices are `not_a_file` and never opened. Control
 * characters are removed from every field of a doc (see removeControls), before any offset exists.
 */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for await (const item of readInputItems(paths, opts))
    yield item.kind === 'html' ? htmlToResult(item.html, item.source) : item.kind === 'line' ? jsonLineDoc(item) : item;
}

/** An HTML page read and decoded, not yet parsed. */
export interface HtmlPage {
  kind: 'html';
  source: string;
  html: string;
}
/** A line of a .jsonl file, not yet decoded or parsed (ReadOptions.rawLines): jsonLineDoc reads it. */
export interface JsonLine {
  kind: 'line';
  /** The record's source (`file#N`), as its doc or reject has it. */
  source: string;
  /** Its bytes, in a buffer of their own (a view of the stream's chunk would carry the whole chunk to a worker). */
  bytes: Uint8Array;
  /** Its line number in the file, for a reject's detail. */
  line: number;
  maxDocBytes: number;
}
export type ReadItem = ReadResult | HtmlPage | JsonLine;

/**
 * readInputs, with HTML pages handed over unparsed: parsing a page can take unbounded time and
 * memory, so the pipeline parses it on a worker it can stop.
 */
export async function* readInputItems(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const ctx: Context = {
    limits: {
      doc: opts.maxDocBytes ?? DEFAULT_MAX_DOC_BYTES,
      json: opts.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES,
      ratio: opts.maxInflateRatio ?? DEFAULT_MAX_INFLATE_RATIO,
      inflated: opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES,
    },
    stats: opts.stats ?? newReadStats(),
    roots: await inputRoots(paths),
    rawLines: opts.rawLines === true,
  };
  for (const p of paths) {
    for await (const r of readArgument(p, ctx)) yield r.kind === 'doc' ? { kind: 'doc', doc: withoutControls(r.doc) } : r;
  }
}

interface Limits {
  doc: number;
  json: number;
  ratio: number;
  inflated: number;
}

interface Context {
  limits: Limits;
  stats: ReadStats;
  roots: Buffer[];
  rawLines: boolean;
}

function withoutControls(doc: RawDoc): RawDoc {
  const clean = (s: string | null) => (s === null ? null : removeControls(s));
  const out: RawDoc = {
    ...doc,
    title: removeControls(doc.title),
    text: removeControls(doc.text),
    url: clean(doc.url),
    outletHint: clean(doc.outletHint),
    dateHint: clean(doc.dateHint),
  };
  if (doc.dateline !== undefined) out.dateline = clean(doc.dateline);
  return out;
}

/**
 * A file name's bytes as text: UTF-8 as it is; a byte that is not part of valid UTF-8, and a
 * control character, as `%XX`. Escapes rather than U+FFFD keep two such names distinct and say
 * which bytes the file has; the file itself is always opened by its bytes.
 */
export function displayName(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const bad = firstInvalidUtf8(bytes.subarray(i));
    const good = bad < 0 ? bytes.subarray(i) : bytes.subarray(i, i + bad);
    out += good.toString('utf8');
    if (bad < 0) break;
    out += `%${hex(bytes[i + bad] ?? 0)}`;
    i += bad + 1;
  }
  return /[\u0000-\u001f\u007f]/.test(out) ? out.replace(/[\u0000-\u001f\u007f]/g, (c) => `%${hex(c.charCodeAt(0))}`) : out;
}

function hex(b: number): string {
  return b.toString(16).toUpperCase().padStart(2, '0');
}

function errorDetail(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
}

async function* readArgument(arg: string, ctx: Context): AsyncGenerator<ReadItem> {
  const abs = Buffer.from(path.resolve(arg));
  let st: Stats;
  try {
    st = await stat(abs);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    const where = displayName(abs);
    yield rejected(arg, 'read_error', missing ? `no such file or folder: ${where}` : `cannot read ${where}: ${errorDetail(err)}`);
    return;
  }
  if (st.isDirectory()) {
    const real = await realpath(abs, { encoding: 'buffer' }).catch(() => abs);
    yield* walk(abs, '', ctx, new Set([real.toString('latin1')]));
  } else if (st.isFile()) {
    const name = path.basename(arg);
    const kind = fileKind(name);
    if (kind === null) yield rejected(name, 'unsupported', `not a .txt, .html, .json or .jsonl file (optionally .gz): ${displayName(abs)}`);
    else yield* readFile(abs, name, kind, st.size, ctx);
  } else {
    yield rejected(arg, 'not_a_file', `${specialKind(st)}: ${displayName(abs)} (not read)`);
  }
}

/** The real paths of the arguments: links found while walking are followed only into these. */
async function inputRoots(paths: string[]): Promise<Buffer[]> {
  const roots: Buffer[] = [];
  for (const p of paths) {
    const real = await realpath(Buffer.from(path.resolve(p)), { encoding: 'buffer' }).catch(() => null);
    if (real !== null) roots.push(real);
  }
  return roots;
}

const SLASH = Buffer.from('/');

function insideRoots(real: Buffer, roots: Buffer[]): boolean {
  return roots.some((root) => {
    if (real.equals(root)) return true;
    const prefix = root[root.length - 1] === SLASH[0] ? root : Buffer.concat([root, SLASH]);
    return real.length > prefix.length && real.subarray(0, prefix.length).equals(prefix);
  });
}

async function* walk(dir: Buffer, rel: string, ctx: Context, seen: Set<string>): AsyncGenerator<ReadItem> {
  let entries: { name: string; bytes: Buffer }[];
  try {
    const names = await readdir(dir, { encoding: 'buffer' });
    entries = names.map((bytes) => ({ name: displayName(bytes), bytes }));
  } catch (err) {
    yield rejected(rel === '' ? displayName(dir) : rel, 'read_error', `cannot list the folder: ${errorDetail(err)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : Buffer.compare(a.bytes, b.bytes)));
  for (const { name, bytes } of entries) {
    const abs = Buffer.concat([dir, SLASH, bytes]);
    const source = rel === '' ? name : `${rel}/${name}`;
    if (bytes[0] === 0x2e) {
      if (ctx.stats.hidden !== undefined) ctx.stats.hidden++;
      continue;
    }
    let st: Stats;
    try {
      st = await lstat(abs);
      if (st.isSymbolicLink()) {
        const real = await realpath(abs, { encoding: 'buffer' });
        if (!insideRoots(real, ctx.roots)) {
          yield rejected(source, 'outside_input', `a link to ${displayName(real)}, outside the inputs (not read)`);
          continue;
        }
        st = await stat(abs);
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const detail = code === 'ENOENT' ? 'a link to nothing (its target does not exist)' : code === 'ELOOP' ? 'a loop of links' : errorDetail(err);
      yield rejected(source, 'read_error', detail);
      continue;
    }
    if (st.isDirectory()) {
      const real = await realpath(abs, { encoding: 'buffer' }).catch(() => abs);
      const key = real.toString('latin1');
      if (seen.has(key)) {
        yield rejected(source, 'read_error', `a link back to ${displayName(real)}, a folder being read (a loop): not followed`);
        continue;
      }
      seen.add(key);
      yield* walk(abs, source, ctx, seen);
      seen.delete(key);
    } else if (st.isFile()) {
      const kind = fileKind(name);
      if (kind !== null) {
        yield* readFile(abs, source, kind, st.size, ctx);
      } else {
        ctx.stats.skipped++;
        if (ctx.stats.skippedSample !== undefined && ctx.stats.skippedSample.length < SKIPPED_SAMPLE) ctx.stats.skippedSample.push(source);
      }
    } else {
      // never opened: opening a FIFO waits for a writer forever, and a device may never end
      yield rejected(source, 'not_a_file', `${specialKind(st)} (not read)`);
    }
  }
}

/**
 * How many bytes a gzip input may unpack to. Its size on disk says little: deflate reaches about
 * 1000:1, so a few hundred KB of gzip can hold gigabytes of line ends. A .txt.gz/.html.gz is held
 * to maxDocBytes like the plain file. A .json.gz/.jsonl.gz may unpack to `ratio` times its own
 * size, or to 4 × maxDocBytes when that is more (small files of repeated records compress far
 * better than prose), and never past maxJsonBytes (.json) or maxInflatedBytes (.jsonl).
 */
export function gzipBound(kind: Kind, gzBytes: number, limits: Limits): number {
  if (kind === 'txt' || kind === 'html') return limits.doc;
  const byRatio = Math.max(GZIP_FLOOR_DOCS * limits.doc, limits.ratio * gzBytes);
  return Math.min(kind === 'json' ? limits.json : limits.inflated, byRatio);
}

async function* readFile(abs: Buffer, source: string, kind: FileKind, size: number, ctx: Context): AsyncGenerator<ReadItem> {
  const limits = ctx.limits;
  const unpacked = kind.gz ? gzipBound(kind.kind, size, limits) : Infinity;
  try {
    if (kind.kind === 'jsonl') {
      yield* readJsonLines(abs, source, kind.gz, limits.doc, unpacked, ctx.rawLines);
      return;
    }
    const limit = kind.kind === 'json' ? limits.json : limits.doc;
    if (size > limit) {
      yield rejected(source, 'too_large', `${size} bytes, over the ${limit}-byte limit`);
      return;
    }
    const bytes = await readWhole(abs, kind.gz, Math.min(limit, unpacked));
    const decoded = decodeBytes(bytes, { declared: kind.kind === 'html' ? sniffHtmlCharset(bytes) : null });
    if (!decoded.ok) {
      yield rejected(source, decoded.reason, decoded.detail);
      return;
    }
    // raw control characters go before headlines, paragraphs or JSON are parsed; escaped ones (JSON's \u0000) in withoutControls
    const text = removeControls(decoded.text);
    if (text.trim() === '') {
      yield rejected(source, 'empty', 'only white space');
      return;
    }
    switch (kind.kind) {
      case 'txt':
        yield txtToResult(text, source);
        break;
      case 'html':
        yield { kind: 'html', source, html: text } satisfies HtmlPage;
        break;
      case 'json':
        yield* jsonRecords(text, source, limits.doc);
        break;
      default:
        throw new Error(`no reader for ${String(kind.kind satisfies never)}`);
    }
  } catch (err) {
    yield readFailure(source, err, size, kind.gz);
  }
}

function readFailure(source: string, err: unknown, size: number, gz: boolean): ReadResult {
  if (err instanceof TooLarge) {
    const detail = gz ? `unpacks to more than ${err.limit} bytes (the limit for ${size} bytes of gzip): not read further` : `over the ${err.limit}-byte limit`;
    return rejected(source, 'too_large', detail);
  }
  if (err instanceof NotAFile) return rejected(source, 'not_a_file', `${err.what} (not read)`);
  return rejected(source, 'read_error', errorDetail(err));
}

/** A .json file: one record, an array of records, or an object holding one under a known key. */
function* jsonRecords(text: string, source: string, maxDocBytes: number): Generator<ReadResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield rejected(source, 'parse_error', `not JSON: ${jsonErrorWhere(err, text)}`);
    return;
  }
  let records: unknown[] = [value];
  if (Array.isArray(value)) records = value;
  else if (isRecord(value)) {
    const key = RECORD_ARRAY_KEYS.find((k) => Array.isArray(value[k]));
    if (key !== undefined) records = value[key] as unknown[];
  } else {
    yield rejected(source, 'parse_error', `expected an object or an array of objects, got ${typeof value}`);
    return;
  }
  if (records.length === 0) yield rejected(source, 'empty', 'no records');
  for (let i = 0; i < records.length; i++) yield recordToResult(records[i], `${source}#${i + 1}`, maxDocBytes);
}

/** A JSONL line's record (readJsonLines), its fields' control characters not yet removed (readInputItems does). */
function jsonLineResult(bytes: Buffer, id: string, line: number, maxDocBytes: number): ReadResult {
  const decoded = decodeLine(bytes);
  if (!decoded.ok) return rejected(id, decoded.reason, `line ${line}: ${decoded.detail}`);
  let value: unknown;
  try {
    value = JSON.parse(removeControls(decoded.text));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return rejected(id, 'parse_error', `line ${line} is not JSON: ${message} (${excerpt(decoded.text, 40)})`);
  }
  return recordToResult(value, id, maxDocBytes);
}

/** A JsonLine read as readInputItems reads the lines it parses itself: its doc, control characters removed, or its reject. */
export function jsonLineDoc(line: JsonLine): ReadResult {
  const r = jsonLineResult(Buffer.from(line.bytes.buffer, line.bytes.byteOffset, line.bytes.byteLength), line.source, line.line, line.maxDocBytes);
  return r.kind === 'doc' ? { kind: 'doc', doc: withoutControls(r.doc) } : r;
}

/** V8 says "at position N" for some errors (others quote the text around it); a line and column are easier to find. */
function jsonErrorWhere(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const m = /position (\d+)/.exec(message);
  if (!m) return message;
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return `${message} (line ${line}, column ${column})`;
}

async function* readJsonLines(
  abs: Buffer,
  source: string,
  gz: boolean,
  maxDocBytes: number,
  maxInflated: number,
  raw: boolean,
): AsyncGenerator<ReadResult | JsonLine> {
  const stream = await openStream(abs, gz);
  let n = 0;
  try {
    for await (const item of splitLines(gz ? upTo(stream, maxInflated) : stream, maxDocBytes)) {
      if ('oversize' in item) {
        n++;
        yield rejected(`${source}#${n}`, 'too_large', `line ${item.line} is over the ${maxDocBytes}-byte limit`);
        continue;
      }
      n++;
      const id = `${source}#${n}`;
      if (item.bytes.includes(0)) {
        if (n === 1) {
          // a binary file with a .jsonl name: one reject, not one per "line"
          yield rejected(source, 'not_text', 'binary data: zero bytes in the first record');
          return;
        }
        yield rejected(id, 'not_text', `line ${item.line} holds zero bytes`);
        continue;
      }
      if (raw) yield { kind: 'line', source: id, bytes: new Uint8Array(item.bytes), line: item.line, maxDocBytes };
      else yield jsonLineResult(item.bytes, id, item.line, maxDocBytes);
    }
    if (n === 0) yield rejected(source, 'empty', 'no records');
  } finally {
    stream.destroy();
  }
}
