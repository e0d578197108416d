/**
 * Benchmarks: ingest of the ANT corpus (41,661 real articles) — articles/s, MB/s, peak RSS — and,
 * where the NER evaluation exists, precision/recall on AQMAR. Measurements are printed, never asserted.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { loadConfig } from '@mirsad/model/config';
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
        const mirsad: Rate = { articles: summary.articles, seconds: summary.seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, perSecond: summary.articles / summary.seconds };
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
