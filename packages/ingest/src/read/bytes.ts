/** File bytes with size limits: whole files (gzipped or not) and the lines of a stream. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { createGunzip } from 'node:zlib';
import { bomEncoding } from './decode.ts';

export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`over the ${limit}-byte limit`);
  }
}

const CHUNK = 1 << 20;

/** The file's bytes as a stream, inflated when gzipped; destroying it closes the file too. */
export function openStream(file: string, gz: boolean): Readable {
  const raw = createReadStream(file, { highWaterMark: CHUNK });
  if (!gz) return raw;
  // pipeline forwards errors and destruction both ways, so no file handle outlives the reader
  return pipeline(raw, createGunzip({ chunkSize: CHUNK }), () => {});
}

/**
 * The whole file; a gzipped one is inflated as a stream and abandoned as soon as it passes the
 * limit (its size on disk says little about its size inflated). Size on disk is checked by the
 * caller before reading.
 */
export async function readWhole(file: string, gz: boolean, limit: number): Promise<Buffer> {
  if (!gz) return readFile(file);
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = openStream(file, true);
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      throw new TooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export type LineItem =
  /** A line's bytes, without its line ending. */
  | { line: number; bytes: Buffer }
  /** A line longer than the limit: its bytes were skipped, never held in memory. */
  | { line: number; oversize: true };

/**
 * The lines of a byte stream, split on LF (CR before it dropped). A byte split is safe for UTF-8
 * (0x0A never occurs inside a multi-byte character) and lets each line be decoded and judged
 * alone: one bad line is one reject. A stream that starts with a UTF-16 byte-order mark is
 * transcoded to UTF-8 first.
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
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const piece = chunk.subarray(start, nl);
      if (!oversize && pending + piece.length > maxLineBytes) oversize = true;
      if (oversize) {
        parts = [];
        pending = 0;
      }
      yield take(piece);
      start = nl + 1;
    }
    if (start < chunk.length && !oversize) {
      const rest = chunk.subarray(start);
      if (pending + rest.length > maxLineBytes) {
        oversize = true;
        parts = [];
        pending = 0;
      } else {
        parts.push(rest);
        pending += rest.length;
      }
    }
  }
  if (oversize || pending > 0) yield take(Buffer.alloc(0));
}

/** UTF-8 bytes unchanged (BOM dropped); UTF-16 with a BOM decoded and re-encoded as UTF-8. */
async function* utf8Stream(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | null = null;
  let first = true;
  for await (let chunk of stream) {
    if (first) {
      first = false;
      const bom = bomEncoding(chunk);
      if (bom === 'utf-8') chunk = chunk.subarray(3);
      else if (bom !== null) decoder = new TextDecoder(bom); // strips the BOM itself
    }
    yield decoder === null ? chunk : Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
  }
  if (decoder !== null) {
    const tail = decoder.decode();
    if (tail !== '') yield Buffer.from(tail, 'utf8');
  }
}
