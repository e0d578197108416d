/**
 * `npm run train:clusters`: learns what the tagger takes from the ANT corpus (../shared) without
 * labels — the word clusters (model/clusters.tsv.gz) and the lexicon of name words the rules find
 * (model/names.tsv.gz). Deterministic: the same corpus, config and code give the same bytes.
 * `… train-clusters.ts names` rebuilds the lexicon only.
 */
import { createReadStream, renameSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { ANT_CORPUS, CONFIG_DIR, hasAnt } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import { tokenize } from '../text/tokenize.ts';
import { CLUSTER_CONFIG, CorpusCollector, learnClusters, serializeClusters } from './clusters.ts';
import { NameCounter, serializeNames } from './names.ts';
import { CLUSTERS_FILE, NAMES_FILE } from './paths.ts';

async function* articles(): AsyncGenerator<{ title: string; text: string }> {
  const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { title?: string; text?: string };
    yield { title: rec.title ?? '', text: rec.text ?? '' };
  }
}

/** The ANT corpus's titles and paragraphs as token-id segments (clusters.ts CorpusCollector). */
export async function collectAnt(): Promise<CorpusCollector> {
  const corpus = new CorpusCollector();
  for await (const rec of articles()) for (const part of [rec.title, ...rec.text.split('\n')]) if (part.trim()) corpus.add(tokenize(part));
  return corpus;
}

function write(file: string, bytes: Buffer): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

export async function main(args: string[] = []): Promise<number> {
  if (!hasAnt) {
    console.warn(`[skip] train:clusters: ${ANT_CORPUS} is absent (../shared is there for developers and CI only); the committed files stay.`);
    return 0;
  }
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const namesOnly = args[0] === 'names';
  const corpus = new CorpusCollector();
  const names = new NameCounter();
  const g = compileGazetteer(loadEntities(CONFIG_DIR));
  let n = 0;
  for await (const rec of articles()) {
    if (!namesOnly) for (const part of [rec.title, ...rec.text.split('\n')]) if (part.trim()) corpus.add(tokenize(part));
    names.add(analyze(rec.title ? `${rec.title}\n\n${rec.text}` : rec.text), g);
    n++;
  }
  const lexicon = names.lexicon();
  write(NAMES_FILE, serializeNames(lexicon));
  console.log(`read ${n} articles; wrote ${NAMES_FILE}: ${lexicon.size} name words (${secs()})`);
  if (namesOnly) return 0;
  const clusters = learnClusters(corpus, CLUSTER_CONFIG, (s) => console.log(`${s} (${secs()})`));
  write(CLUSTERS_FILE, serializeClusters(clusters));
  console.log(`wrote ${CLUSTERS_FILE}: ${clusters.of.size} words (${secs()})`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
