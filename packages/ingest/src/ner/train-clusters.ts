/**
 * `npm run train:clusters`: learns the word clusters from the ANT corpus (../shared) and writes
 * model/clusters.tsv.gz. Deterministic: the same corpus and config give the same bytes.
 */
import { createReadStream, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { ANT_CORPUS, hasAnt } from '../testing/shared.ts';
import { tokenize } from '../text/tokenize.ts';
import { CLUSTER_CONFIG, CorpusCollector, learnClusters, serializeClusters } from './clusters.ts';
import { CLUSTERS_FILE } from './paths.ts';

export async function main(): Promise<number> {
  if (!hasAnt) {
    console.warn(`[skip] train:clusters: ${ANT_CORPUS} is absent (../shared is there for developers and CI only); the committed clusters stay.`);
    return 0;
  }
  const t0 = performance.now();
  const corpus = new CorpusCollector();
  const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  let articles = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { title?: string; text?: string };
    for (const part of [rec.title ?? '', ...(rec.text ?? '').split('\n')]) if (part.trim()) corpus.add(tokenize(part));
    articles++;
  }
  console.log(`read ${articles} articles, ${corpus.tokens} tokens (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const clusters = learnClusters(corpus, CLUSTER_CONFIG, (s) => console.log(`${s} (${((performance.now() - t0) / 1000).toFixed(1)} s)`));
  const tmp = `${CLUSTERS_FILE}.tmp`;
  writeFileSync(tmp, serializeClusters(clusters));
  renameSync(tmp, CLUSTERS_FILE);
  console.log(`wrote ${CLUSTERS_FILE}: ${clusters.of.size} words (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
