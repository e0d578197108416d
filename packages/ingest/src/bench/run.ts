/**
 * Benchmarks: ingest of the ANT corpus (41,661 real articles) — articles/s, MB/s, peak RSS — and,
 * where the NER evaluation exists, precision/recall on AQMAR. Measurements are printed, never asserted.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { DEFAULT_CONFIG } from '../paths.ts';
import { formatSummary } from '../cli.ts';
import { runIngest } from '../pipeline.ts';
import { ANT_CORPUS, hasAnt } from '../testing/shared.ts';

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
        const rss0 = process.memoryUsage().rss;
        const summary = await runIngest({ inputs: [ANT_CORPUS], out: path.join(out, 'warehouse'), configDir: DEFAULT_CONFIG, progress: 'auto' });
        const peak = process.resourceUsage().maxRSS * 1024;
        console.log(formatSummary(summary));
        console.log('');
        console.log(`ANT corpus: ${(statSync(ANT_CORPUS).size / 1e6).toFixed(1)} MB gzip, ${(bytes / 1e6).toFixed(1)} MB of JSON`);
        console.log(`throughput: ${(summary.articles / summary.seconds).toFixed(0)} articles/s, ${(bytes / 1e6 / summary.seconds).toFixed(2)} MB/s`);
        console.log(`peak RSS: ${(peak / 2 ** 20).toFixed(0)} MiB (RSS before the run: ${(rss0 / 2 ** 20).toFixed(0)} MiB)`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  }
  if (!only || only === 'tagger') {
    const { main: taggerBench } = await import('./tagger.ts');
    await taggerBench(Number(args[1] ?? 5000));
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
