#!/usr/bin/env node
/**
 * Compiles the CLI, its worker and the benchmarks into packages/ingest/dist, one ES module each, with
 * @mirsad/model and the npm dependencies bundled in (but EXTERNAL). Runs at install (`prepare`), so a
 * user's `mirsad` starts on plain JavaScript; the bins rebuild when a source is newer than dist
 * (a developer's edit), and vitest keeps running the TypeScript sources.
 *
 * Bundling the npm dependencies is for start-up: Node imports a CommonJS package from an ES module by
 * reading and lexing every file it re-exports first (@duckdb/node-api: some 60 files), which cost a
 * small run a third of a second before any work; one file of plain functions loads in half the time.
 *
 * dist/ sits at the same depth as src/, so `new URL('../../../', import.meta.url)` (the project root)
 * and `new URL('./worker.mjs', import.meta.url)` (the worker beside the CLI) resolve the same in both.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PKG = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = path.join(PKG, 'dist');
/** Every folder whose files go into a bundle (a change there makes dist stale). */
const SOURCES = [path.join(PKG, 'src'), path.resolve(PKG, '..', 'model', 'src')];

/**
 * npm packages left to Node: the DuckDB binding (a native addon, its platform's package chosen at run
 * time), and those LAZY loads at first use.
 */
const EXTERNAL = ['@duckdb/node-bindings'];
/**
 * Packages the sources require lazily (`requireCjs('name')`, read/html.ts: the DOM and Readability, at
 * the first HTML page) that the worker's bundle holds all the same: the build turns the call into a plain require,
 * which esbuild bundles and still evaluates only when the call runs. Node's own require of linkedom
 * reads and compiles some 200 files (it loads part of them as ES modules): 270–410 ms of a worker's
 * CPU before its first page, against 130–190 ms bundled (measured on the busy machine).
 */
const BUNDLED_LAZY = ['linkedom', '@mozilla/readability'];
const requireCjsCall = new RegExp(`requireCjs\\((['"])(${BUNDLED_LAZY.map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})\\1\\)`, 'g');
/**
 * Packages whose default export is required at its first use, not at start: i18n-iso-countries reads
 * every locale (80 JSON files, 35 ms of CPU), which only a config parse needs, and a run usually
 * finds its config in the cache (@mirsad/model config/cache.ts).
 */
const LAZY = ['i18n-iso-countries'];
/**
 * CommonJS modules the DOM's bundle holds but requires only when a function of theirs is first called:
 * linkedom requires its CSS parser (cssomnom, 340 KB) as it loads, for a <style> element's `sheet`,
 * which Readability never reads; its module body was a tenth of a worker's start-up.
 */
const LAZY_CJS = { 'cssomnom/parse': ['parse'] };
const lazyCjs = (name) =>
  `let loaded;\nconst load = () => (loaded ??= require(${JSON.stringify(name)}));\n` +
  LAZY_CJS[name].map((f) => `exports.${f} = (...args) => load().${f}(...args);`).join('\n');

const isExternal = (spec) => EXTERNAL.some((name) => spec === name || spec.startsWith(`${name}/`));

/**
 * What `@duckdb/node-bindings` stands for in the bundles: its platform package's addon required
 * directly, and the package itself only when that fails. The package picks the addon by asking
 * detect-libc whether Linux runs musl, which loads child_process (≈ 10 ms of a small run's main
 * thread); npm installs a `-musl` or glibc addon only where it runs (their `libc` field), and a glibc
 * addon that does not load on musl falls back to the package's own choice.
 */
const DUCKDB_BINDING = `let binding;
try {
  const bindings = require.resolve('@duckdb/node-bindings');
  binding = require('node:module').createRequire(bindings)(\`@duckdb/node-bindings-\${process.platform}-\${process.arch}/duckdb.node\`);
} catch {
  binding = require('@duckdb/node-bindings');
}
module.exports = binding;
`;

/** A module whose default export stands for `name`'s, required at the first property read. */
const lazyDefault = (name) => `import { createRequire } from 'node:module';
let loaded;
const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(name)}));
export default new Proxy({}, { get: (_, key) => (typeof load()[key] === 'function' ? load()[key].bind(load()) : load()[key]) });
`;

/** Names of the worker's chunks in dist/. */
const CHUNK_PREFIX = 'worker-chunk-';
/** A chunk no current build has is removed once older than this (a run of an older build imports its chunks early). */
const STALE_CHUNK_MS = 24 * 3600_000;

export const ENTRIES = {
  cli: 'src/cli.ts',
  worker: 'src/parallel/worker.ts',
  bench: 'src/bench/run.ts',
  'topic-sample': 'src/bench/topic-sample.ts',
};

/** The TypeScript files bundles are made of, in a stable order. */
function sourceFiles(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const newestSource = () => Math.max(...SOURCES.flatMap((d) => sourceFiles(d)).map((f) => statSync(f).mtimeMs));

/** What the bundles are made of, as a hash: keys caches of work done by one build (the parsed config). */
function sourcesHash(createHash) {
  const hash = createHash('sha256');
  for (const f of SOURCES.flatMap((d) => sourceFiles(d))) hash.update(path.relative(PKG, f)).update('\0').update(readFileSync(f));
  return hash.digest('hex').slice(0, 16);
}

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** isFresh(), with the stats made on libuv's threads: the bins import the CLI meanwhile (bin/mirsad.mjs). */
export async function isFreshAsync() {
  const built = Math.min(
    ...(await Promise.all(
      Object.keys(ENTRIES).map((name) =>
        stat(path.join(DIST, `${name}.mjs`)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      ),
    )),
  );
  if (built === 0) return false;
  const lists = await Promise.all(SOURCES.map((d) => readdir(d, { recursive: true }).then((names) => names.map((n) => path.join(d, n)))));
  const sources = lists.flat().filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const times = await Promise.all(sources.map((f) => stat(f).then((s) => s.mtimeMs)));
  return built >= Math.max(...times);
}

/** The URL of a bundle, as it is (see entry()). */
export function bundleUrl(name) {
  return pathToFileURL(path.join(DIST, `${name}.mjs`)).href;
}

/** True when every bundle exists and is newer than every source it is made of. */
export function isFresh() {
  const built = Math.min(...Object.keys(ENTRIES).map((name) => mtime(path.join(DIST, `${name}.mjs`))));
  return built > 0 && built >= newestSource();
}

export async function build() {
  const [{ build: esbuild }, { createHash }] = await Promise.all([import('esbuild'), import('node:crypto')]);
  const buildId = sourcesHash(createHash);
  const options = (entryPoints, bundleLazy) => ({
    absWorkingDir: PKG,
    entryPoints,
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // the worker's: what only processing needs (the config, the extractors, the tagger) in chunks of
    // their own, imported at the first document to process; a worker that only reads a small run's
    // HTML pages compiles half the code. Beside the bundles, so that module-relative URLs resolve alike.
    ...(bundleLazy ? { splitting: true, chunkNames: `${CHUNK_PREFIX}[hash]` } : {}),
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    define: { MIRSAD_BUILD_ID: JSON.stringify(buildId) },
    logLevel: 'warning',
    // the bundled CommonJS packages call require() (node: built-ins, the DuckDB binding)
    banner: { js: "import { createRequire as mirsadCreateRequire } from 'node:module'; const require = mirsadCreateRequire(import.meta.url);" },
    plugins: [
      {
        name: 'external-npm',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path === '@duckdb/node-bindings' && args.namespace !== 'duckdb-binding') return { path: args.path, namespace: 'duckdb-binding' };
            if (LAZY.includes(args.path) && args.namespace !== 'lazy') return { path: args.path, namespace: 'lazy' };
            return isExternal(args.path) || args.namespace === 'lazy' || args.namespace === 'duckdb-binding' ? { path: args.path, external: true } : undefined;
          });
          b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: lazyDefault(args.path), loader: 'js', resolveDir: PKG }));
          b.onLoad({ filter: /.*/, namespace: 'duckdb-binding' }, () => ({ contents: DUCKDB_BINDING, loader: 'js', resolveDir: PKG }));
          if (bundleLazy) {
            b.onResolve({ filter: /^cssomnom\// }, (args) =>
              args.path in LAZY_CJS && args.namespace !== 'lazy-cjs' ? { path: args.path, namespace: 'lazy-cjs', pluginData: args.resolveDir } : undefined,
            );
            b.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, (args) => ({ contents: lazyCjs(args.path), loader: 'js', resolveDir: args.pluginData }));
          }
          if (bundleLazy)
            b.onLoad({ filter: /\.ts$/ }, (args) => {
              const source = readFileSync(args.path, 'utf8');
              if (!source.includes('requireCjs(')) return undefined;
              return { contents: source.replace(requireCjsCall, 'require($1$2$1)'), loader: 'ts' };
            });
        },
      },
    ],
  });
  // BUNDLED_LAZY in the worker only: the main thread hands HTML pages to a worker, and a bundle's
  // every line is parsed at start whether it runs or not
  const { worker, ...rest } = ENTRIES;
  const results = await Promise.all([esbuild(options({ worker }, true)), esbuild(options(rest, false))]);
  const outputFiles = results.flatMap((r) => r.outputFiles);
  mkdirSync(DIST, { recursive: true });
  // write, then rename: several `mirsad` processes may rebuild at once, and none may load half a file
  // (chunks first: a bundle is only renamed into place once the chunks it imports are there)
  const isChunk = (file) => path.basename(file.path).startsWith(CHUNK_PREFIX);
  for (const file of [...outputFiles.filter(isChunk), ...outputFiles.filter((f) => !isChunk(f))]) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  // chunks of earlier builds, once no run started from one can still be importing them
  const current = new Set(outputFiles.map((f) => path.basename(f.path)));
  for (const name of readdirSync(DIST)) {
    const file = path.join(DIST, name);
    if (name.startsWith(CHUNK_PREFIX) && !current.has(name) && Date.now() - mtime(file) > STALE_CHUNK_MS) rmSync(file, { force: true });
  }
}

/** The URL of a bundle to import, built first when missing or older than the sources. */
export async function entry(name) {
  const file = path.join(DIST, `${name}.mjs`);
  if (!isFresh()) {
    try {
      await build();
    } catch (err) {
      // a read-only install with a touched source: the build made at install still runs
      if (mtime(file) === 0)
        throw new Error(`mirsad: ${file} is missing and could not be built (${err.message}); run \`npm run build -w @mirsad/ingest\``, { cause: err });
      process.emitWarning(`could not rebuild ${DIST} (${err.message}); running the existing build`);
    }
  }
  return pathToFileURL(file).href;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
