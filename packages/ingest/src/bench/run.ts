/**
 * Benchmarks: ingest of the ANT corpus (41,661 real articles) — articles/s, MB/s, peak RSS — and,
 * where the NER evaluation exists, precision/recall on AQMAR. Measurements are printed, never asserted.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createInterface } from 'node:readline';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { loadConfig } from '@mirsad/model/config';
import { openWarehouse } from '@mirsad/model/warehouse';
import { DEFAULT_CONFIG } from '../paths.ts';
import { formatSummary } from '../cli.ts';
import { runIngest } from '../pipeline.ts';
import { ANT_CORPUS, hasAnt } from '../testing/shared.ts';
import { readingFloor, regexPeer, type Rate } from './peers.ts';

/** Articles the regex peer is timed on (it runs at a few articles per second). */
const REGEX_SAMPLE = Number(process.env.MIRSAD_BENCH_REGEX_SAMPLE ?? 1000);

function throughputTable(floor: Rate, mirsad: Rate, peer: Rate & { sample: number }): string {
  const row = (what: string, r: Rate) =>
    `| ${what.padEnd(44)} | ${r.perSecond.toFixed(0).padStart(10)} | ${(r.perSecond / floor.perSecond).toFixed(3).padStart(7)} | ${r.seconds.toFixed(1).padStart(6)} | ${r.cpuSeconds.toFixed(1).padStart(5)} |`;
  return [
    `| ${'what'.padEnd(44)} | articles/s | × floor | wall s | CPU s |`,
    `|${'-'.repeat(46)}|-----------:|--------:|-------:|------:|`,
    row('reading floor: gunzip + JSON.parse, one core', floor),
    row('mirsad ingest, end to end', mirsad),
    row(`regex peer (DuckDB), ${peer.sample} articles`, peer),
  ].join('\n');
}

async function uncompressedBytes(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file).pipe(createGunzip())) n += (chunk as Buffer).length;
  return n;
}

export async function main(args: string[]): Promise<number> {
  const only = args[0];
  if (!only || only === 'ingest') {
    if (!hasAnt) {
      console.warn(`[skip] ingest benchmark: ${ANT_CORPUS} is absent (../shared is there for developers and CI only).`);
    } else {
      const out = mkdtempSync(path.join(tmpdir(), 'mirsad-bench-'));
      try {
        const bytes = await uncompressedBytes(ANT_CORPUS);
        const floor = await readingFloor(ANT_CORPUS);
        const rss0 = process.memoryUsage().rss;
        const cpu0 = process.cpuUsage();
        const summary = await runIngest({ inputs: [ANT_CORPUS], out: path.join(out, 'warehouse'), configDir: DEFAULT_CONFIG, progress: 'auto' });
        const cpu = process.cpuUsage(cpu0);
        const peak = process.resourceUsage().maxRSS * 1024;
        const mirsad: Rate = {
          articles: summary.articles,
          seconds: summary.seconds,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          perSecond: summary.articles / summary.seconds,
        };
        const peer = await regexPeer(ANT_CORPUS, loadConfig(DEFAULT_CONFIG).entities, REGEX_SAMPLE);
        console.log(formatSummary(summary));
        console.log('');
        console.log(`ANT corpus: ${(statSync(ANT_CORPUS).size / 1e6).toFixed(1)} MB gzip, ${(bytes / 1e6).toFixed(1)} MB of JSON`);
        console.log(throughputTable(floor, mirsad, { ...peer, sample: REGEX_SAMPLE }));
        console.log(`mirsad: ${(bytes / 1e6 / summary.seconds).toFixed(2)} MB/s; CPU s counts every thread (workers, DuckDB); target ≥ 0.35 × floor`);
        console.log(`regex peer: ${peer.matches} alias matches in the sample`);
        console.log(`peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB (RSS before the run: ${(rss0 / 2 ** 20).toFixed(0)} MiB)`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  }
  // one thread, no worker: what the extractors cost per article (`npm run bench -- process 3000 --no-tagger`;
  // --long: and the same articles as one document)
  if (only === 'process') {
    const { main: inThread } = await import('./in-thread.ts');
    await inThread(Number(args.find((a, i) => i > 0 && /^\d+$/.test(a)) ?? 3000), !args.includes('--no-tagger'), {
      once: args.includes('--once'),
      long: args.includes('--long'),
    });
  }
  if (!only || only === 'tagger') {
    const { main: taggerBench } = await import('./tagger.ts');
    await taggerBench(Number(args[1] ?? 5000));
  }
  // the tagger's output digests, to compare before and after a change meant to leave it alone
  if (only === 'tagger-labels') {
    const { main: taggerLabels } = await import('./tagger-labels.ts');
    if ((await taggerLabels(Number(args[1] ?? 3000))) !== 0) return 1;
  }
  // heavy: only when asked for (`npm run bench -- scale`)
  if (only === 'scale') await scaleBench(Number(args[1] ?? 24));
  if (only === 'append') {
    const [out, fullSeconds] = args.slice(1);
    if (!out) throw new Error('usage: npm run bench -- append WAREHOUSE [FULL_RUN_WALL_S FULL_RUN_CPU_S ARTICLES]');
    const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-append-'));
    try {
      const full = fullSeconds ? { seconds: Number(fullSeconds), cpuSeconds: Number(args[3]), articles: Number(args[4]) } : null;
      await appendBench(path.resolve(out), path.join(dir, 'new-articles.jsonl.gz'), full);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  // `npm run bench -- replicate SOURCE OUT COPIES`: a large warehouse from a small one (bench/replicate.ts)
  if (only === 'replicate') {
    const [source, out, copies] = args.slice(1);
    if (!source || !out) throw new Error('usage: npm run bench -- replicate SOURCE_WAREHOUSE OUT COPIES');
    const t = performance.now();
    await (await import('./replicate.ts')).replicate(source, out, Number(copies ?? 24));
    console.log(`replicated ${source} × ${copies ?? 24} into ${out} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  if (!only || only === 'ner') {
    try {
      const ner = (await import('./ner-eval.ts')) as { main?: () => Promise<number> | number };
      if (ner.main) await ner.main();
    } catch (err) {
      console.warn(`[skip] NER evaluation: ${(err as Error).message}`);
    }
  }
  return 0;
}

const MiB = 2 ** 20;

/** Seconds between the n-th and the m-th article, from the progress hook's timestamps (every 1,000). */
function span(marks: Map<number, number>, from: number, to: number): number {
  const at = (n: number) =>
    marks.get(n) ?? [...marks].reduce((best, [k, t]) => (Math.abs(k - n) < Math.abs(best[0] - n) ? [k, t] : best), [0, 0] as [number, number])[1];
  return (at(to) - at(from)) / 1000;
}

/**
 * `n` new articles: ANT records with another headline and an added closing line, gzipped JSONL at
 * `file`; `stamp` makes them new to a warehouse that took an earlier batch.
 */
async function writeNewArticles(file: string, n: number, stamp: string): Promise<void> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()) });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as Record<string, unknown>;
    for (const k of ['title', 'headline']) if (typeof rec[k] === 'string') rec[k] = `تحديث ${stamp}-${lines.length + 1}: ${rec[k] as string}`;
    for (const k of ['text', 'body', 'content'])
      if (typeof rec[k] === 'string') rec[k] = `${rec[k] as string}\n\nأضيفت هذه الفقرة في النسخة المحدثة رقم ${stamp}-${lines.length + 1} من الخبر.`;
    lines.push(JSON.stringify(rec));
    if (lines.length === n) break;
  }
  rl.close();
  writeFileSync(file, gzipSync(`${lines.join('\n')}\n`));
}

async function countArticles(out: string): Promise<number> {
  const wh = await openWarehouse(out);
  try {
    const [row] = await wh.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM articles');
    return row?.n ?? 0;
  } finally {
    wh.close();
  }
}

/**
 * 1,000 new articles added to the warehouse at `out` with --append: wall and CPU time, the share of
 * the full run's (when known), peak RSS of the process. `npm run bench -- append WAREHOUSE [FULL_RUN_S]`
 * runs it alone on a warehouse made before (a scale run kept with MIRSAD_BENCH_KEEP=1, or bench/replicate.ts).
 */
async function appendBench(out: string, file: string, full: { seconds: number; cpuSeconds: number; articles: number } | null): Promise<void> {
  await writeNewArticles(file, 1000, Date.now().toString(36));
  const before = await countArticles(out);
  const rss0 = process.resourceUsage().maxRSS * 1024;
  const cpuA = process.cpuUsage();
  const appended = await runIngest({ inputs: [file], out, configDir: DEFAULT_CONFIG, progress: 'off', append: true }).catch((err: Error) => {
    console.log(`append: FAILED: ${err.message}`);
    return null;
  });
  if (!appended) return;
  const cpuAppend = process.cpuUsage(cpuA);
  const cpuS = (cpuAppend.user + cpuAppend.system) / 1e6;
  const share = full
    ? `: ${((100 * appended.seconds) / full.seconds).toFixed(1)}% of the full run's wall time, ${((100 * cpuS) / full.cpuSeconds).toFixed(1)}% of its CPU (target < 10%)`
    : '';
  console.log(
    `append: ${(appended.articles - before).toLocaleString('en-US')} new articles (${appended.articles.toLocaleString('en-US')} in all) in ${appended.seconds.toFixed(1)} s wall, ${cpuS.toFixed(0)} s CPU${share}`,
  );
  console.log(
    `  steps: ${appended.steps.map((s) => `${s.step} ${s.done ? 'done' : `NOT DONE (${s.detail})`}`).join(', ')}; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(`  peak RSS of the process: ${(peak / MiB).toFixed(0)} MiB${peak > rss0 ? ' (reached during the append)' : ' (reached before it)'}`);
}

/**
 * The ANT corpus `copies` times (every article `copies` copies, under other file names: links, not
 * copies on disk), ingested into a fresh warehouse: time, peak RSS, the rate over the first and the
 * last 100k articles; then 1,000 new articles (ANT records given another headline and a closing line)
 * added with --append, timed against the full run.
 */
async function scaleBench(copies: number): Promise<void> {
  if (!hasAnt) {
    console.warn(`[skip] scale benchmark: ${ANT_CORPUS} is absent.`);
    return;
  }
  // MIRSAD_BENCH_KEEP=1 keeps the warehouse (and its inputs) for `npm run bench:dashboard`
  const keep = process.env.MIRSAD_BENCH_KEEP === '1';
  const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-scale-'));
  try {
    const inputs: string[] = [];
    mkdirSync(path.join(dir, 'in'));
    for (let i = 1; i <= copies; i++) {
      const link = path.join(dir, 'in', `ant-${String(i).padStart(2, '0')}.jsonl.gz`);
      symlinkSync(ANT_CORPUS, link);
      inputs.push(link);
    }
    const out = path.join(dir, 'warehouse');
    const marks = new Map<number, number>();
    // CPU time at the same marks: on a shared machine the wall-clock rate follows the load, CPU per article does not
    const cpuMarks = new Map<number, number>();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const summary = await runIngest({
      inputs,
      out,
      configDir: DEFAULT_CONFIG,
      progress: 'auto',
      onProgress: (n) => {
        marks.set(n, performance.now() - t0);
        const c = process.cpuUsage(cpu0);
        cpuMarks.set(n, (c.user + c.system) / 1000);
      },
    });
    const cpu = process.cpuUsage(cpu0);
    const peak = process.resourceUsage().maxRSS * 1024;
    const readEnd = Math.max(...marks.keys());
    console.log(formatSummary(summary));
    console.log('');
    console.log(
      `scale: ${summary.articles.toLocaleString('en-US')} articles (ANT × ${copies}) in ${summary.seconds.toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU (all threads)`,
    );
    console.log(
      `  reading and processing: ${(marks.get(readEnd)! / 1000).toFixed(0)} s; corpus-level steps, Parquet and publication: ${(summary.seconds - marks.get(readEnd)! / 1000).toFixed(0)} s`,
    );
    const lastFrom = Math.floor((readEnd - 100_000) / 1000) * 1000;
    const lastTo = Math.floor(readEnd / 1000) * 1000;
    const first = span(marks, 0, 100_000);
    const last = span(marks, lastFrom, lastTo);
    const firstCpu = span(cpuMarks, 0, 100_000);
    const lastCpu = span(cpuMarks, lastFrom, lastTo);
    console.log(
      `  rate over the first 100k: ${(100_000 / first).toFixed(0)}/s; over the last 100k: ${(100_000 / last).toFixed(0)}/s (last/first ${(first / last).toFixed(2)})`,
    );
    console.log(
      `  CPU per 1,000 articles over the first 100k: ${(firstCpu / 100).toFixed(2)} s; over the last 100k: ${(lastCpu / 100).toFixed(2)} s (first/last ${(firstCpu / lastCpu).toFixed(2)}); load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `  peak RSS: ${(peak / MiB).toFixed(0)} MiB; steps: ${summary.steps.map((s) => `${s.step} ${s.done ? 'done' : `NOT DONE (${s.detail})`}`).join(', ')}`,
    );

    await appendBench(out, path.join(dir, 'new-articles.jsonl.gz'), {
      seconds: summary.seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      articles: summary.articles,
    });
  } finally {
    if (keep) console.log(`warehouse kept (MIRSAD_BENCH_KEEP=1): ${path.join(dir, 'warehouse')}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
