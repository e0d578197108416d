#!/usr/bin/env node
// `npm run bench:dashboard`: a bounded load test of the built dashboard on loopback. Builds the app if
// it is older than its sources, starts `next start` on 127.0.0.1 with a free port, and loads the overview
// and three other pages at 50 and 200 concurrent connections (each run bounded in requests and time).
// Prints requests/s, p50/p95/p99 and the server's RSS before load, at its highest, right after, and 10 s
// and 60 s later, with where it is (scripts/memory-probe.mjs: V8 heap, buffers, the rest native).
// Before the load: every query the pages run, timed server-side on the warehouse pool with its result
// cache off (scripts/bench-dashboard-queries.ts). After the fixed pages: the overview with a new filter on
// every request (`to=` one day earlier each time), which no cache has seen, at the first connection count.
//
// The warehouse: MIRSAD_WAREHOUSE if set; else the ANT corpus from ../shared ingested once into
// .tmp/bench-warehouse; else the sample corpus (data/raw) into .tmp/bench-warehouse-sample.
//
//   BENCH_CONNECTIONS  comma-separated connection counts (default 50,200)
//   BENCH_REQUESTS     most requests per page and connection count (default 1000)
//   BENCH_SECONDS      most seconds per page and connection count before no new request starts (default 20)
//   BENCH_QUERIES      0: skip the server-side query timings
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { newest } from './newest.mjs';

register();
const { lastDate, printTimings, timeQueries } = await import('./bench-dashboard-queries.ts');

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const dashboard = path.join(root, 'apps', 'dashboard');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const cli = path.join(root, 'packages', 'ingest', 'bin', 'mirsad.mjs');
const antCorpus = path.join(root, '..', 'shared', 'corpus', 'ant-news.jsonl.gz');

const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '50,200')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const MAX_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REQUEST_TIMEOUT_MS = 60_000;

const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);

function run(args, env, cwd = root) {
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function warehouseDir(env) {
  if (process.env.MIRSAD_WAREHOUSE) return path.resolve(process.env.MIRSAD_WAREHOUSE);
  const [dir, inputs, label] = existsSync(antCorpus)
    ? [path.join(root, '.tmp', 'bench-warehouse'), [antCorpus], 'the ANT corpus']
    : [path.join(root, '.tmp', 'bench-warehouse-sample'), [path.join(root, 'data', 'raw')], 'the sample corpus (../shared is absent)'];
  if (!existsSync(path.join(dir, 'views.sql'))) {
    console.log(`Ingesting ${label} into ${path.relative(root, dir)} …`);
    run([cli, 'ingest', ...inputs, '--out', dir], env);
  }
  return dir;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** RSS of a process and its descendants, in MiB (Linux /proc). */
function treeRssMiB(pid) {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // gone
    }
  }
  let kib = 0;
  for (const stack = [pid]; stack.length;) {
    const p = stack.pop();
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kib += Number(m[1]);
    } catch {
      // gone
    }
    stack.push(...(children.get(p) ?? []));
  }
  return Math.round(kib / 1024);
}

/** The memory breakdown the probe last wrote for the process with the most RSS in the tree, in MiB. */
function memoryBreakdown(probeDir) {
  let best = null;
  for (const name of readdirSync(probeDir).filter((f) => f.endsWith('.json'))) {
    try {
      const m = JSON.parse(readFileSync(path.join(probeDir, name), 'utf8'));
      if (!best || m.rss > best.rss) best = m;
    } catch {
      // being replaced
    }
  }
  if (!best) return '';
  const mib = (b) => Math.round(b / 2 ** 20);
  // What is neither the V8 heap nor buffers outside it: DuckDB, the C allocator's arenas, code, stacks.
  const native = best.rss - best.heapTotal - best.external;
  const sp = best.spaces
    ? ` [${Object.entries(best.spaces)
        .filter(([, v]) => v > 2 ** 20)
        .map(([k, v]) => `${k.replace('_space', '')} ${mib(v)}`)
        .join(', ')}]`
    : '';
  return `(V8 heap ${mib(best.heapUsed)}/${mib(best.heapTotal)}${sp}, external ${mib(best.external)} of which buffers ${mib(best.arrayBuffers)}, rest ${mib(native)} of which mapped files ${mib(best.rssFile)})`;
}

/** CPU seconds (user + system) used so far by a process and its descendants' threads (Linux /proc). */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const [utime, stime] = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .slice(11, 13)
    .map(Number);
  return (utime + stime) / 100; // clock ticks; USER_HZ is 100 on Linux
}

async function get(url) {
  const started = performance.now();
  try {
    // As a browser's navigation asks for a page (the page cache answers documents only).
    const res = await fetch(url, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await res.arrayBuffer();
    return { ms: performance.now() - started, status: res.status };
  } catch (err) {
    const code = err?.cause?.code ?? err?.code;
    return { ms: performance.now() - started, status: err?.name === 'TimeoutError' ? 'timeout' : code ? `error:${code}` : 'error' };
  }
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** `connections` loops, each fetching one request after another, until the count or the time is used up. */
async function load(url, connections) {
  return loadEach(() => url, connections);
}

/** As load, with the URL of the i-th request given by `urlOf(i)`. */
async function loadEach(urlOf, connections) {
  const deadline = performance.now() + MAX_SECONDS * 1000;
  const results = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (issued < MAX_REQUESTS && performance.now() < deadline) {
        results.push(await get(urlOf(issued++)));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const statuses = {};
  for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { requests: results.length, seconds, rps: results.length / seconds, p50: pct(ms, 50), p95: pct(ms, 95), p99: pct(ms, 99), statuses };
}

async function waitForHttp(url, server) {
  for (const until = Date.now() + 120_000; Date.now() < until;) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    const r = await get(url);
    if (r.status === 200) return;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`${url} did not answer 200 within 120 s`);
}

const links = async (url, re) => [...(await (await fetch(url)).text()).matchAll(re)].map((m) => m[1]);

/** An article page that links to an entity, and that entity's page. */
async function articleAndEntity(base) {
  for (const article of (await links(`${base}/articles`, /href="(\/articles\/[0-9a-f]+)[?"]/g)).slice(0, 50)) {
    const [entity] = await links(`${base}${article}`, /href="(\/entities\/[a-z0-9:_-]+)[?"]/g);
    if (entity) return [article, entity];
  }
  throw new Error('no article among the first 50 of /articles links to an entity');
}

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1', TZ: 'UTC' };
const probeDir = mkdtempSync(path.join(tmpdir(), 'mirsad-bench-memory-'));
process.on('exit', () => rmSync(probeDir, { recursive: true, force: true }));
env.MIRSAD_WAREHOUSE = warehouseDir(env);

if (mtime(path.join(dashboard, '.next', 'BUILD_ID')) < Math.max(newest(dashboard), newest(path.join(root, 'packages', 'model', 'src')))) {
  console.log('Building the dashboard …');
  run([nextBin, 'build'], env, dashboard);
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
  cwd: dashboard,
  env: {
    ...env,
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --import ${path.join(root, 'scripts', 'memory-probe.mjs')}`.trim(),
    MIRSAD_MEMORY_PROBE_DIR: probeDir,
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const stop = () => server.exitCode === null && server.kill('SIGTERM');
process.on('exit', stop);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

try {
  await waitForHttp(`${base}/`, server);
  const [article, entity] = await articleAndEntity(base);
  const pages = ['/', '/articles', article, entity];
  console.log(
    `warehouse ${env.MIRSAD_WAREHOUSE}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  if (process.env.BENCH_QUERIES !== '0') {
    printTimings(await timeQueries(env.MIRSAD_WAREHOUSE, { article: article.slice('/articles/'.length), entity: entity.slice('/entities/'.length) }));
    console.log('');
  }
  for (const p of pages) await get(`${base}${p}`); // compile caches, open the warehouse
  await new Promise((res) => setTimeout(res, 1000)); // a fresh probe reading
  const rssIdle = treeRssMiB(server.pid);
  console.log(`server RSS before load: ${rssIdle} MiB ${memoryBreakdown(probeDir)}`);
  console.log(`at most ${MAX_REQUESTS} requests or ${MAX_SECONDS} s per page and connection count, loopback\n`);
  console.log('connections  page                                  requests   req/s    p50 ms    p95 ms    p99 ms  CPU ms/req  statuses');
  let rssPeak = rssIdle;
  const report = (c, label, r, cpu) => {
    rssPeak = Math.max(rssPeak, treeRssMiB(server.pid));
    const st = Object.entries(r.statuses)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    console.log(
      `${String(c).padStart(11)}  ${label.slice(0, 36).padEnd(36)}  ${String(r.requests).padStart(8)}  ${r.rps.toFixed(1).padStart(6)}  ${r.p50.toFixed(0).padStart(8)}  ${r.p95.toFixed(0).padStart(8)}  ${r.p99.toFixed(0).padStart(8)}  ${((cpu * 1000) / r.requests).toFixed(0).padStart(10)}  ${st}`,
    );
  };
  for (const c of CONNECTIONS) {
    for (const p of pages) {
      const cpu = cpuSeconds(server.pid);
      const r = await load(`${base}${p}`, c);
      report(c, p, r, cpuSeconds(server.pid) - cpu);
    }
  }
  const last = await lastDate(env.MIRSAD_WAREHOUSE);
  if (last && CONNECTIONS.length) {
    const day = (i) => new Date(Date.parse(`${last}T00:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10);
    const cpu = cpuSeconds(server.pid);
    const r = await loadEach((i) => `${base}/?to=${day(i + 1)}`, CONNECTIONS[0]);
    report(CONNECTIONS[0], '/?to=… (new each request)', r, cpuSeconds(server.pid) - cpu);
  }
  const rssAfter = treeRssMiB(server.pid);
  const breakdownAfter = memoryBreakdown(probeDir);
  await new Promise((res) => setTimeout(res, 10_000));
  const rss10 = treeRssMiB(server.pid);
  const breakdown10 = memoryBreakdown(probeDir);
  await new Promise((res) => setTimeout(res, 50_000));
  console.log(
    `\nload average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`server RSS: before ${rssIdle} MiB, highest seen during load ${rssPeak} MiB`);
  console.log(`  right after ${rssAfter} MiB ${breakdownAfter}`);
  console.log(`  10 s later  ${rss10} MiB ${breakdown10}`);
  console.log(`  60 s later  ${treeRssMiB(server.pid)} MiB ${memoryBreakdown(probeDir)}`);
} finally {
  stop();
}
