/** Helpers for the reader tests: a scratch folder of input files, and legacy encodings. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { readInputs, type ReadOptions } from './read-inputs.ts';
import type { RawDoc, ReadResult, Reject } from '../types.ts';

export class Scratch {
  readonly root = mkdtempSync(path.join(os.tmpdir(), 'mirsad-read-'));

  /** Writes a file under the scratch folder (folders created) and returns its absolute path. */
  file(rel: string, content: string | Uint8Array): string {
    const abs = path.join(this.root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return abs;
  }

  path(rel: string): string {
    return path.join(this.root, rel);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export async function readAll(paths: string[], opts?: ReadOptions): Promise<ReadResult[]> {
  const out: ReadResult[] = [];
  for await (const r of readInputs(paths, opts)) out.push(r);
  return out;
}

export function docs(results: ReadResult[]): RawDoc[] {
  return results.flatMap((r) => (r.kind === 'doc' ? [r.doc] : []));
}

export function rejects(results: ReadResult[]): Reject[] {
  return results.flatMap((r) => (r.kind === 'reject' ? [r.reject] : []));
}

let cp1256: Map<string, number> | null = null;

/** Arabic text in the windows-1256 code page (every character must exist there). */
export function encodeWindows1256(s: string): Buffer {
  if (cp1256 === null) {
    const decoder = new TextDecoder('windows-1256');
    cp1256 = new Map();
    for (let b = 0; b < 256; b++) cp1256.set(decoder.decode(Uint8Array.of(b)), b);
  }
  const table = cp1256;
  return Buffer.from(
    [...s].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`"${ch}" is not in windows-1256`);
      return b;
    }),
  );
}

export function utf16le(s: string, bom = true): Buffer {
  const body = Buffer.from(s, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

export function utf16be(s: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);
}
