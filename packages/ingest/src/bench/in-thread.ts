/**
 * `npm run bench -- process [N] [--no-tagger] [--once] [--long]`: processDoc on the first N ANT articles (default 3,000)
 * in this thread, with no worker, no DuckDB and no writing: what one article costs the extractors,
 * and the run to profile (`node --cpu-prof packages/ingest/dist/bench.mjs process 3000`). The
 * articles are processed twice; the second pass (caches and JIT warm, as in a long run) is the
 * figure. The digest of every output row tells whether a change kept the output. With --long, the
 * same articles are then processed as one document, and its CPU compared with theirs.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { loadConfig } from '@mirsad/model/config';
import { DEFAULT_CONFIG } from '../paths.ts';
import { compile, processDoc } from '../process.ts';
import { recordToResult } from '../read/records.ts';
import { ANT_CORPUS, hasAnt } from '../testing/shared.ts';
import type { RawDoc } from '../types.ts';

/** Typed arrays written as the plain arrays they hold, so that the digest does not depend on which an output uses. */
const plainArrays = (_key: string, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as Uint32Array) : v);

export async function main(articles = 3000, tagger = true, { once = false, long = false } = {}): Promise<number> {
  if (!hasAnt) {
    console.warn(`[skip] in-thread benchmark: ${ANT_CORPUS} is absent (../shared is there for developers and CI only).`);
    return 0;
  }
  const docs: RawDoc[] = [];
  const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const read = recordToResult(JSON.parse(line), `${ANT_CORPUS}:${docs.length + 1}`, 10_000_000);
    if (read.kind === 'doc') docs.push(read.doc);
    if (docs.length >= articles) break;
  }
  lines.close();
  const c = compile(loadConfig(DEFAULT_CONFIG), { tagger });
  void c.tagger; // the model is read here, not in the first pass's time
  const pass = () => {
    const digest = createHash('sha256');
    // the CPU of processDoc alone, not of the digest's JSON
    let us = 0;
    for (const doc of docs) {
      const cpu0 = process.cpuUsage();
      const out = processDoc(doc, c, null);
      const cpu = process.cpuUsage(cpu0);
      us += cpu.user + cpu.system;
      digest.update(JSON.stringify(out, plainArrays));
    }
    return { ms: us / 1000, digest: digest.digest('hex').slice(0, 16) };
  };
  const cold = pass();
  if (once) {
    // one pass, as a worker meets each article once (every word type new to it at its first use)
    console.log(`processDoc in one thread, ${docs.length} ANT articles once, tagger ${tagger ? 'on' : 'off'}, load average ${loadavg()[0]!.toFixed(1)}:`);
    console.log(`  ${((cold.ms / docs.length) * 1000).toFixed(0)} µs of CPU per article; output digest ${cold.digest}`);
    return 0;
  }
  const warm = pass();
  const per = (ms: number) => `${((ms / docs.length) * 1000).toFixed(0)} µs of CPU per article`;
  console.log(`processDoc in one thread, ${docs.length} ANT articles, tagger ${tagger ? 'on' : 'off'}, load average ${loadavg()[0]!.toFixed(1)}:`);
  console.log(
    `  first pass ${per(cold.ms)}; second pass ${per(warm.ms)} (${((docs.length / warm.ms) * 1000).toFixed(0)} articles per CPU second); output digest ${warm.digest}`,
  );
  if (cold.digest !== warm.digest) console.log(`  the two passes differ (${cold.digest}): processDoc depends on what came before`);
  if (long) {
    // the same articles as one document (a long report, a book): the rules that look a word up
    // across the document must stay linear in its length, so this costs about what the articles did
    const first = docs[0] as RawDoc;
    const text = docs.map((d) => `${d.title}\n\n${d.text}`).join('\n\n');
    const one: RawDoc = { ...first, source: `${ANT_CORPUS}:1-${docs.length}`, title: '', text };
    const cpu0 = process.cpuUsage();
    processDoc(one, c, null);
    const cpu = process.cpuUsage(cpu0);
    const ms = (cpu.user + cpu.system) / 1000;
    console.log(
      `  the ${docs.length} articles as one document of ${(text.length / 1e6).toFixed(2)}M characters: ${(ms / 1000).toFixed(1)} s of CPU, ${(ms / warm.ms).toFixed(2)} × the articles one by one`,
    );
  }
  return 0;
}
