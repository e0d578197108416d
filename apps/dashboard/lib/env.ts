/**
 * The dashboard's configuration, read and checked here once; nothing else reads process.env.
 *
 *   MIRSAD_WAREHOUSE         folder of the published warehouse (default: <repo root>/data/warehouse)
 *   MIRSAD_DB_CONNECTIONS    queries run at once, i.e. DuckDB connections (default: the machine's cores)
 *   MIRSAD_DB_THREADS        DuckDB threads (default: the cores shared among the connections, at least 1)
 *   MIRSAD_DB_MEMORY         DuckDB memory_limit, e.g. 512MB or 2GB (default 1GB)
 *   MIRSAD_QUERY_TIMEOUT_MS  a query's limit, waiting for a connection included (default 10000)
 *   MIRSAD_QUERY_CACHE_MB    results of identical queries kept per warehouse version (default 32; 0: none)
 *   MIRSAD_PAGE_CACHE_MB     rendered pages kept per warehouse version (default 32; 0: none)
 *   MIRSAD_DB_IDLE_REOPEN_S  seconds without a query after which DuckDB is reopened, returning the memory
 *                            its queries left with the allocator (default 30; 0: never)
 *   MIRSAD_PAGE_RENDERS      pages the page cache renders at once; others wait before running any query
 *                            (default: the machine's cores)
 *   MIRSAD_IDLE_GC_S         seconds without a request after which V8 runs a full garbage collection,
 *                            returning the heap pages a load grew (lib/idle-gc.ts; default 10; 0: never)
 */
import 'server-only';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/**
 * The repository root: the nearest folder above the working directory holding packages/model.
 * Built server code runs from .next/, so the module's own location says nothing; `next start` runs with
 * cwd apps/dashboard, a root-level script with cwd at the root.
 */
function findRepoRoot(from: string): string | null {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(/*turbopackIgnore: true*/ dir, 'packages', 'model', 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

/** A positive whole number from the environment, or the default; a bad value stops the server with its name. */
function count(name: string, min: number): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < min) throw new Error(`${name}=${raw}: expected a whole number of at least ${min}`);
  return Number(raw);
}

function memory(name: string): string | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(raw)) throw new Error(`${name}=${raw}: expected a size such as 512MB or 2GB`);
  return raw;
}

function readEnv() {
  const cwd = process.cwd();
  const repoRoot = findRepoRoot(cwd);
  const raw = process.env.MIRSAD_WAREHOUSE?.trim();
  // turbopackIgnore: a folder chosen at run time, not a file of the app to trace into the build.
  const warehouseDir = raw ? path.resolve(/*turbopackIgnore: true*/ cwd, raw) : path.join(/*turbopackIgnore: true*/ repoRoot ?? cwd, 'data', 'warehouse');
  const cacheMb = count('MIRSAD_QUERY_CACHE_MB', 0);
  const pool = Object.freeze({
    connections: count('MIRSAD_DB_CONNECTIONS', 1),
    threads: count('MIRSAD_DB_THREADS', 1),
    memoryLimit: memory('MIRSAD_DB_MEMORY'),
    queryTimeoutMs: count('MIRSAD_QUERY_TIMEOUT_MS', 1),
    cacheBytes: cacheMb === undefined ? undefined : cacheMb * 1024 * 1024,
    idleReopenMs: (count('MIRSAD_DB_IDLE_REOPEN_S', 0) ?? 30) * 1000,
  });
  const pageCacheMb = count('MIRSAD_PAGE_CACHE_MB', 0) ?? 32;
  const idleGcMs = (count('MIRSAD_IDLE_GC_S', 0) ?? 10) * 1000;
  const pageRenders = count('MIRSAD_PAGE_RENDERS', 1) ?? availableParallelism();
  return Object.freeze({ repoRoot, warehouseDir, pool, pageCacheBytes: pageCacheMb * 1024 * 1024, pageRenders, idleGcMs });
}

export const env = readEnv();

/** How to name the warehouse's views.sql to a user at the repository root. */
export function viewsSqlPath(): string {
  const file = path.join(/*turbopackIgnore: true*/ env.warehouseDir, 'views.sql');
  if (env.repoRoot && !path.relative(env.repoRoot, file).startsWith('..')) return path.relative(env.repoRoot, file);
  return file;
}

/**
 * Where this server answers on loopback (`next start` sets PORT once it listens), for the page cache's own
 * renders; null in development or before the server listens. Never taken from a request's Host header.
 */
export function loopbackOrigin(): string | null {
  if (process.env.NODE_ENV !== 'production') return null;
  const port = process.env.PORT?.trim();
  return port && /^\d{1,5}$/.test(port) ? `http://127.0.0.1:${port}` : null;
}
