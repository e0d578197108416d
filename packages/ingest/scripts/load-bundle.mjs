/**
 * Loads a CommonJS bundle (dist/cli.cjs) the way Node's `require` does, but compiled with V8's code
 * cache: the bytecode of every function an earlier run compiled, kept in `<bundle>.cache`. A run that
 * finds it skips parsing the bundle and compiling each function at its first call; Node 20 has no such
 * cache for ES modules (`module.enableCompileCache` is Node 22).
 *
 * The cache is only ever a shortcut: the bundle is compiled from its source whenever the cache is
 * missing, unreadable, of other bytes (V8 checks its own version and flags, and of the source only its
 * length, so the cache names the SHA-256 of the bundle it was made from), or refused by V8. A run that
 * compiled without it writes a new one when it ends (saveCache), next to the bundle, through a rename;
 * where that folder cannot be written, runs just compile.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const MAGIC = 'MIRSAD-CODE-CACHE 1\n';

/**
 * @typedef {object} LoadedBundle
 * @property {any} exports the bundle's module.exports
 * @property {'none' | 'stale' | 'rejected' | 'accepted'} cache what became of the code cache
 * @property {(complete: boolean) => boolean} saveCache writes the code cache of what has run so far, when
 *   there was none, or a stale or refused one, or (`complete`) one made by a run that ran less (a `mirsad
 *   help`'s, before an ingest); true when written
 */

/** @returns {LoadedBundle} */
export function loadBundle(file, cacheFile = `${file}.cache`) {
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest('hex');
  // the build writes it in ASCII: a string of one byte per character, half the memory of UTF-16
  const source = bytes.toString('utf8');
  const cached = readCache(cacheFile, digest);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    cachedData: cached?.data,
    // a dynamic import() in the bundle resolves as in any module (Node ≥ 20.? has the constant)
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {}),
  });
  const cache = cached === null ? 'none' : cached.data === undefined ? 'stale' : script.cachedDataRejected ? 'rejected' : 'accepted';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    saveCache(complete) {
      if (cache === 'accepted' && (cached.complete || !complete)) return false;
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        const header = JSON.stringify({ source: digest, complete, node: process.version });
        writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}${header}\n`), script.createCachedData()]));
        renameSync(tmp, cacheFile);
        return true;
      } catch {
        rmSync(tmp, { force: true });
        return false;
      }
    },
  };
}

/** The cache file's header and, when it was made from `digest`'s bytes, its data; null when there is none. */
function readCache(cacheFile, digest) {
  let raw;
  try {
    raw = readFileSync(cacheFile);
  } catch {
    return null;
  }
  const end = raw.indexOf(10, MAGIC.length);
  if (raw.toString('latin1', 0, MAGIC.length) !== MAGIC || end < 0) return { data: undefined, complete: false };
  try {
    const header = JSON.parse(raw.toString('utf8', MAGIC.length, end));
    return header.source === digest ? { data: raw.subarray(end + 1), complete: header.complete === true } : { data: undefined, complete: false };
  } catch {
    return { data: undefined, complete: false };
  }
}
