/**
 * The compiled CLI keeps each config it has validated as JSON, keyed by its build and by every byte of
 * the config folder: parsing the YAML (about 150 KB) cost most of a small run's start-up, in the main
 * thread and in every worker. The TypeScript sources (tests) have no build id and always parse.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Set by the bundler (packages/ingest/scripts/build.mjs): a hash of the sources the bundle was made from. */
declare const MIRSAD_BUILD_ID: string | undefined;

export function buildId(): string | null {
  return typeof MIRSAD_BUILD_ID === 'string' ? MIRSAD_BUILD_ID : null;
}

/** The cache key of a config folder: the build, then every file's name and bytes (sub-folders one level down, as entities/). */
function folderKey(build: string, dir: string): string {
  const hash = createHash('sha256').update(build).update('\0').update(path.resolve(dir));
  const walk = (d: string, depth: number) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && depth === 0) walk(p, 1);
      else if (e.isFile()) hash.update('\0').update(p).update('\0').update(readFileSync(p));
    }
  };
  walk(dir, 0);
  return hash.digest('hex').slice(0, 32);
}

/** load(), or what it returned before for the same build and the same files; any cache trouble means a fresh load. */
export function cachedLoad<T>(dir: string, load: () => T, options: { build?: string | null; cacheDir?: string } = {}): T {
  const build = options.build === undefined ? buildId() : options.build;
  const cacheDir = options.cacheDir ?? path.join(tmpdir(), 'mirsad-config-cache');
  if (!build) return load();
  let file: string;
  try {
    file = path.join(cacheDir, `${folderKey(build, dir)}.json`);
  } catch {
    return load();
  }
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    // missing or unreadable: parse below
  }
  const value = load();
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    renameSync(tmp, file);
  } catch {
    // a read-only or full disk costs only the next run's parse
  }
  return value;
}
