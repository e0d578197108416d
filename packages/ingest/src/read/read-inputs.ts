/**
 * Walks the input paths and turns every supported file into RawDocs or Rejects, one at a time.
 * Nothing a file contains makes this throw: a bad input is a Reject naming it.
 */
import { opendir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { ReadResult, Reject, RejectReason } from '../types.ts';
import { openStream, readWhole, splitLines, TooLarge } from './bytes.ts';
import { decodeBytes, decodeLine, sniffHtmlCharset } from './decode.ts';
import { htmlToResult } from './html.ts';
import { isRecord, RECORD_ARRAY_KEYS, recordToResult } from './records.ts';
import { clip, txtToResult } from './txt.ts';

export const DEFAULT_MAX_DOC_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024;

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
  /** Counters to fill in; see ReadStats. */
  stats?: ReadStats;
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
 * count). Hidden entries are skipped; files of other types inside folders are skipped and counted
 * in `opts.stats`; a file argument of another type is rejected as `unsupported`.
 */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ReadResult> {
  for await (const item of readInputItems(paths, opts)) yield item.kind === 'html' ? htmlToResult(item.html, item.source) : item;
}

/** An HTML page read and decoded, not yet parsed. */
export interface HtmlPage {
  kind: 'html';
  source: string;
  html: string;
}
export type ReadItem = ReadResult | HtmlPage;

/**
 * readInputs, with HTML pages handed over unparsed: parsing a page can take unbounded time and
 * memory, so the pipeline parses it on a worker it can stop.
 */
export async function* readInputItems(paths: string[], opts: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const limits = {
    doc: opts.maxDocBytes ?? DEFAULT_MAX_DOC_BYTES,
    json: opts.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES,
  };
  const stats = opts.stats ?? newReadStats();
  for (const p of paths) yield* readArgument(p, limits, stats);
}

interface Limits {
  doc: number;
  json: number;
}

function reject(source: string, reason: RejectReason, detail: string): ReadResult {
  const r: Reject = { source, reason, detail };
  return { kind: 'reject', reject: r };
}

function errorDetail(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
}

async function* readArgument(arg: string, limits: Limits, stats: ReadStats): AsyncGenerator<ReadItem> {
  const abs = path.resolve(arg);
  let st: Stats;
  try {
    st = await stat(abs);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    yield reject(arg, 'read_error', missing ? `no such file or folder: ${abs}` : `cannot read ${abs}: ${errorDetail(err)}`);
    return;
  }
  if (st.isDirectory()) {
    yield* walk(abs, '', limits, stats, new Set([await realpath(abs).catch(() => abs)]));
  } else if (st.isFile()) {
    const name = path.basename(abs);
    const kind = fileKind(name);
    if (kind === null) yield reject(name, 'unsupported', `not a .txt, .html, .json or .jsonl file (optionally .gz): ${abs}`);
    else yield* readFile(abs, name, kind, st.size, limits);
  } else {
    yield reject(arg, 'read_error', `not a file or a folder: ${abs}`);
  }
}

async function* walk(dir: string, rel: string, limits: Limits, stats: ReadStats, seen: Set<string>): AsyncGenerator<ReadItem> {
  let names: string[];
  try {
    names = [];
    for await (const entry of await opendir(dir)) names.push(entry.name);
  } catch (err) {
    yield reject(rel === '' ? dir : rel, 'read_error', `cannot list the folder: ${errorDetail(err)}`);
    return;
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const abs = path.join(dir, name);
    const source = rel === '' ? name : `${rel}/${name}`;
    if (name.startsWith('.')) {
      if (stats.hidden !== undefined) stats.hidden++;
      continue;
    }
    let st: Stats;
    try {
      st = await stat(abs); // follows symbolic links
    } catch (err) {
      yield reject(source, 'read_error', errorDetail(err));
      continue;
    }
    if (st.isDirectory()) {
      const real = await realpath(abs).catch(() => abs);
      if (seen.has(real)) continue; // a link back up the tree
      seen.add(real);
      yield* walk(abs, source, limits, stats, seen);
      seen.delete(real);
    } else if (st.isFile()) {
      const kind = fileKind(name);
      if (kind !== null) {
        yield* readFile(abs, source, kind, st.size, limits);
      } else {
        stats.skipped++;
        if (stats.skippedSample !== undefined && stats.skippedSample.length < SKIPPED_SAMPLE) stats.skippedSample.push(source);
      }
    }
  }
}

async function* readFile(abs: string, source: string, kind: FileKind, size: number, limits: Limits): AsyncGenerator<ReadItem> {
  try {
    if (kind.kind === 'jsonl') {
      yield* readJsonLines(abs, source, kind.gz, limits.doc);
      return;
    }
    const limit = kind.kind === 'json' ? limits.json : limits.doc;
    if (size > limit) {
      yield reject(source, 'too_large', `${size} bytes, over the ${limit}-byte limit`);
      return;
    }
    const bytes = await readWhole(abs, kind.gz, limit);
    const decoded = decodeBytes(bytes, { declared: kind.kind === 'html' ? sniffHtmlCharset(bytes) : null });
    if (!decoded.ok) {
      yield reject(source, decoded.reason, decoded.detail);
      return;
    }
    const text = decoded.text;
    if (text.trim() === '') {
      yield reject(source, 'empty', 'only white space');
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
    if (err instanceof TooLarge) yield reject(source, 'too_large', `inflated size ${err.message}`);
    else yield reject(source, 'read_error', errorDetail(err));
  }
}

/** A .json file: one record, an array of records, or an object holding one under a known key. */
function* jsonRecords(text: string, source: string, maxDocBytes: number): Generator<ReadResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    yield reject(source, 'parse_error', `not JSON: ${jsonErrorWhere(err, text)}`);
    return;
  }
  let records: unknown[] = [value];
  if (Array.isArray(value)) records = value;
  else if (isRecord(value)) {
    const key = RECORD_ARRAY_KEYS.find((k) => Array.isArray(value[k]));
    if (key !== undefined) records = value[key] as unknown[];
  } else {
    yield reject(source, 'parse_error', `expected an object or an array of objects, got ${typeof value}`);
    return;
  }
  if (records.length === 0) yield reject(source, 'empty', 'no records');
  for (let i = 0; i < records.length; i++) yield recordToResult(records[i], `${source}#${i + 1}`, maxDocBytes);
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

async function* readJsonLines(abs: string, source: string, gz: boolean, maxDocBytes: number): AsyncGenerator<ReadResult> {
  const stream = openStream(abs, gz);
  let n = 0;
  try {
    for await (const item of splitLines(stream, maxDocBytes)) {
      if ('oversize' in item) {
        n++;
        yield reject(`${source}#${n}`, 'too_large', `line ${item.line} is over the ${maxDocBytes}-byte limit`);
        continue;
      }
      if (isBlank(item.bytes)) continue;
      n++;
      const id = `${source}#${n}`;
      if (item.bytes.includes(0)) {
        if (n === 1) {
          // a binary file with a .jsonl name: one reject, not one per "line"
          yield reject(source, 'not_text', 'binary data: zero bytes in the first record');
          return;
        }
        yield reject(id, 'not_text', `line ${item.line} holds zero bytes`);
        continue;
      }
      const decoded = decodeLine(item.bytes);
      if (!decoded.ok) {
        yield reject(id, decoded.reason, `line ${item.line}: ${decoded.detail}`);
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(decoded.text);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        yield reject(id, 'parse_error', `line ${item.line} is not JSON: ${message} (${clip(decoded.text, 40)})`);
        continue;
      }
      yield recordToResult(value, id, maxDocBytes);
    }
    if (n === 0) yield reject(source, 'empty', 'no records');
  } finally {
    stream.destroy();
  }
}

function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  }
  return true;
}
