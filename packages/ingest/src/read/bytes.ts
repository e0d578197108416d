/** File bytes with size limits: whole files (gzipped or not) and the lines of a stream. */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { sniffStreamEncoding } from './decode.ts';

export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`over the ${limit}-byte limit`);
  }
}

/** The path is not a regular file (any more): a FIFO, socket or device put in its place. */
export class NotAFile extends Error {
  constructor(readonly what: string) {
    super(`${what}, not a regular file`);
  }
}

const CHUNK = 1 << 20;

/**
 * Opens a regular file for reading and nothing else. O_NONBLOCK makes opening a FIFO return at
 * once (it would otherwise wait for a writer forever), and the type is checked on the open handle,
 * so a file swapped for a FIFO or a device after the walk looked at it is still never read.
 */
async function openRegular(file: string | Buffer, maxBytes = Infinity): Promise<FileHandle> {
  const fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new NotAFile(specialKind(st));
    if (st.size > maxBytes) throw new TooLarge(maxBytes); // it grew since the walk saw it
    return fh;
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** What a non-regular file is, in words. */
export function specialKind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'a special file';
}

/** The file's bytes as a stream, inflated when gzipped; destroying it closes the file too. */
export async function openStream(file: string | Buffer, gz: boolean): Promise<Readable> {
  const fh = await openRegular(file);
  const raw = fh.createReadStream({ highWaterMark: CHUNK });
  if (!gz) return raw;
  // pipeline forwards errors and destruction both ways, so no file handle outlives the reader
  return pipeline(raw, createGunzip({ chunkSize: CHUNK }), () => {});
}

/**
 * The chunks of a stream up to `limit` bytes in all; past it, the bytes up to the limit and then
 * TooLarge. The caller destroys the stream, which stops the gzip from inflating any further.
 */
export async function* upTo(stream: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > limit) {
      const room = chunk.length - (total - limit);
      if (room > 0) yield chunk.subarray(0, room);
      throw new TooLarge(limit);
    }
    yield chunk;
  }
}

/**
 * The whole file; a gzipped one is inflated as a stream and abandoned as soon as it passes the
 * limit (its size on disk says little about its size inflated). Size on disk is checked by the
 * caller before reading.
 */
export async function readWhole(file: string | Buffer, gz: boolean, limit: number): Promise<Buffer> {
  if (!gz) {
    const fh = await openRegular(file, limit);
    try {
      return await fh.readFile();
    } finally {
      await fh.close();
    }
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = await openStream(file, true);
  try {
    for await (const chunk of upTo(stream, limit)) {
      total += chunk.length;
      chunks.push(chunk);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks, total);
}

const LF_RUN = Buffer.alloc(4096, '\n');
const CRLF_RUN = Buffer.alloc(4096, '\r\n');

export type LineItem =
  /** A line's bytes, without its line ending. */
  | { line: number; bytes: Buffer }
  /** A line longer than the limit: its bytes were skipped, never held in memory. */
  | { line: number; oversize: true };

/**
 * The lines of a byte stream, split on LF (CR before it dropped). A byte split is safe for UTF-8
 * (0x0A never occurs inside a multi-byte character) and lets each line be decoded and judged
 * alone: one bad line is one reject. A stream in UTF-16 (with a byte-order mark or without) is
 * transcoded to UTF-8 first. Blank lines are counted and skipped byte by byte, never yielded (a
 * small gzip of line ends inflates to gigabytes of them), and a line's leading white space goes
 * with them.
 */
export async function* splitLines(stream: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<LineItem> {
  let parts: Buffer[] = [];
  let pending = 0;
  let oversize = false;
  let line = 0;
  const take = (last: Buffer): LineItem => {
    line++;
    if (oversize) {
      oversize = false;
      return { line, oversize: true };
    }
    let bytes = parts.length === 0 ? last : Buffer.concat([...parts, last], pending + last.length);
    parts = [];
    pending = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    return { line, bytes };
  };
  for await (const chunk of utf8Stream(stream)) {
    const end = chunk.length;
    let start = 0;
    while (start < end) {
      if (pending === 0 && !oversize) {
        let i = start;
        for (; i < end; i++) {
          const b = chunk[i];
          if (b === 0x0a) {
            line++;
            // a run of empty lines (what a gzip bomb of blank lines is made of) goes a block at a time
            const run = chunk[i + 1] === 0x0a ? LF_RUN : chunk[i + 1] === 0x0d && chunk[i + 2] === 0x0a ? CRLF_RUN : null;
            if (run !== null) {
              const step = run.length;
              while (i + 1 + step <= end && chunk.compare(run, 0, step, i + 1, i + 1 + step) === 0) {
                i += step;
                line += run === LF_RUN ? step : step / 2;
              }
            }
          } else if (b !== 0x20 && b !== 0x09 && b !== 0x0d) break;
        }
        start = i;
        if (start === end) break;
      }
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) {
        const rest = chunk.subarray(start);
        if (oversize) break;
        if (pending + rest.length > maxLineBytes) {
          oversize = true;
          parts = [];
          pending = 0;
        } else {
          parts.push(rest);
          pending += rest.length;
        }
        break;
      }
      const piece = chunk.subarray(start, nl);
      if (!oversize && pending + piece.length > maxLineBytes) oversize = true;
      if (oversize) {
        parts = [];
        pending = 0;
      }
      yield take(piece);
      start = nl + 1;
    }
  }
  if (oversize || pending > 0) yield take(Buffer.alloc(0));
}

/** UTF-8 bytes unchanged (BOM dropped); UTF-16, with a BOM or without, decoded and re-encoded as UTF-8. */
async function* utf8Stream(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = null;
  let first = true;
  for await (let chunk of stream) {
    if (first) {
      first = false;
      const sniffed = sniffStreamEncoding(chunk);
      if (sniffed?.encoding === 'utf-8') chunk = chunk.subarray(3);
      else if (sniffed) decoder = new TextDecoder(sniffed.encoding); // strips a BOM itself
    }
    yield decoder === null ? chunk : Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
  }
  if (decoder !== null) {
    const tail = decoder.decode();
    if (tail !== '') yield Buffer.from(tail, 'utf8');
  }
}
