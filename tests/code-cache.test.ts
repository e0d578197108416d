/**
 * The CLI bundle is compiled with V8's code cache of an earlier run (packages/ingest/scripts/load-bundle.mjs).
 * The cache may only ever be a shortcut: a cache of other bytes (a rebuilt bundle, even of the same
 * length, which is all V8 itself checks of the source), a garbled one or one V8 refuses (another Node)
 * falls back to compiling the bundle as it is, and the run leaves a fresh cache behind.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../packages/ingest/src/testing/shared.ts';
import { tempDir } from './helpers.ts';

const LOADER = pathToFileURL(path.join(REPO_ROOT, 'packages', 'ingest', 'scripts', 'load-bundle.mjs')).href;

/**
 * loadBundle in a process of its own (V8 keeps what one process compiled: a second load there would
 * not read the cache), then saveCache(complete) when `save` is given: what the cache was, what the
 * bundle's functions answer, whether a cache was written.
 */
function load(file: string, save?: boolean): { cache: string; answer: string; nested: number; saved: boolean | null } {
  const script = `const { loadBundle } = await import(${JSON.stringify(LOADER)});
const b = loadBundle(${JSON.stringify(file)});
const out = { cache: b.cache, answer: b.exports.answer(), nested: b.exports.nested(), saved: ${save === undefined ? 'null' : `b.saveCache(${save})`} };
process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { cache: string; answer: string; nested: number; saved: boolean | null };
}

const dir = tempDir('code-cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A CommonJS module whose answer is `word`; every word gives a source of the same length. */
const bundle = (word: string) =>
  `"use strict";\nconst inner = (n) => n * 2;\nmodule.exports = { answer: () => ${JSON.stringify(word)} + ' ' + __filename.length, nested: () => inner(21) };\n`;

describe('the code cache of the CLI bundle', () => {
  const file = path.join(dir, 'cli.cjs');
  const cacheFile = `${file}.cache`;

  it('is written by a run without one, and used by the next', () => {
    writeFileSync(file, bundle('alpha'));
    expect(load(file, true)).toEqual({ cache: 'none', answer: `alpha ${file.length}`, nested: 42, saved: true });
    // accepted and made by a run as complete: nothing to write
    expect(load(file, true)).toEqual({ cache: 'accepted', answer: `alpha ${file.length}`, nested: 42, saved: false });
  });

  it('is not used for a rebuilt bundle of the same length: the new code runs, and a new cache is left', () => {
    writeFileSync(file, bundle('gamma'));
    expect(bundle('gamma').length).toBe(bundle('alpha').length);
    expect(load(file, true)).toEqual({ cache: 'stale', answer: `gamma ${file.length}`, nested: 42, saved: true });
    expect(load(file)).toMatchObject({ cache: 'accepted', answer: `gamma ${file.length}` });
  });

  it('falls back to compiling when the cache is garbled or refused by V8', () => {
    writeFileSync(cacheFile, 'not a cache');
    expect(load(file, false)).toEqual({ cache: 'stale', answer: `gamma ${file.length}`, nested: 42, saved: true });
    // the header names this bundle, the data is not V8's (another Node version's cache looks like this to V8)
    const raw = readFileSync(cacheFile);
    const headerEnd = raw.indexOf(10, raw.indexOf(10) + 1) + 1;
    writeFileSync(cacheFile, Buffer.concat([raw.subarray(0, headerEnd), Buffer.alloc(raw.length - headerEnd, 7)]));
    expect(load(file, false)).toEqual({ cache: 'rejected', answer: `gamma ${file.length}`, nested: 42, saved: true });
  });

  it('made by a run that ran less (another command) is replaced after an ingest', () => {
    // the cache above was saved as not complete
    expect(load(file, true)).toMatchObject({ cache: 'accepted', saved: true });
    expect(load(file, true)).toMatchObject({ cache: 'accepted', saved: false });
  });
});
