/**
 * `npm run train:clusters`: learns what the tagger takes from the ANT corpus (../shared) without
 * labels — the word clusters (model/clusters.tsv.gz) and the lexicon of name words the rules find
 * (model/names.tsv.gz) — and records what they were made from in model/clusters.manifest.json
 * (the config, the corpus's digest, and the name lexicon of the corpus's first articles, which a
 * test recomputes cheaply). Deterministic: the same corpus, config and code give the same bytes.
 * `… train-clusters.ts names` rebuilds the lexicon only; `--out DIR` writes the three files to DIR
 * instead of the model directory, to compare a rebuild with the committed files (through npm:
 * `npm run train:clusters -w @mirsad/ingest -- --out DIR`; from the root npm takes --out as its own).
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createGunzip } from 'node:zlib';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer, type Gazetteer } from '../extract/gazetteer.ts';
import { ANT_CORPUS, CONFIG_DIR, hasAnt } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import { tokenize } from '../text/tokenize.ts';
import { CLUSTER_CONFIG, type ClusterConfig, CorpusCollector, learnClusters, serializeClusters } from './clusters.ts';
import { NameCounter, serializeNames } from './names.ts';
import { CLUSTERS_FILE, CLUSTERS_MANIFEST, MODEL_DIR, NAMES_FILE } from './paths.ts';
import { sha256 } from './training.ts';

/** Articles whose name lexicon the manifest records: enough to see a change of the rules or the gazetteer, a few seconds to recompute. */
export const NAMES_SAMPLE_ARTICLES = 5000;

export interface ClustersManifest {
  config: ClusterConfig;
  corpus: { sha256: string; articles: number };
  clusters: { sha256: string; words: number };
  names: { sha256: string; words: number; sample: { articles: number; sha256: string } };
}

export async function* antArticles(limit = Infinity): AsyncGenerator<{ title: string; text: string }> {
  if (limit <= 0) return;
  const input = createReadStream(ANT_CORPUS);
  const lines = createInterface({ input: input.pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { title?: string; text?: string };
      yield { title: rec.title ?? '', text: rec.text ?? '' };
      if (++n >= limit) return;
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

/** The ANT corpus's titles and paragraphs as token-id segments (clusters.ts CorpusCollector). */
export async function collectAnt(): Promise<CorpusCollector> {
  const corpus = new CorpusCollector();
  for await (const rec of antArticles()) for (const part of [rec.title, ...rec.text.split('\n')]) if (part.trim()) corpus.add(tokenize(part));
  return corpus;
}

/** What the name lexicon's counter reads of an article: its title and text as one analysed text. */
function countNames(names: NameCounter, rec: { title: string; text: string }, g: Gazetteer): void {
  names.add(analyze(rec.title ? `${rec.title}\n\n${rec.text}` : rec.text), g);
}

/** The serialised name lexicon of the corpus's first `limit` articles (the manifest's sample). */
export async function sampleNames(limit: number, g: Gazetteer): Promise<Buffer> {
  const names = new NameCounter();
  for await (const rec of antArticles(limit)) countNames(names, rec, g);
  return serializeNames(names.lexicon());
}

function write(file: string, bytes: Buffer | string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

function outDir(args: string[]): string {
  const at = args.indexOf('--out');
  if (at < 0) return MODEL_DIR;
  const dir = args[at + 1];
  if (!dir) throw new Error('train:clusters: --out needs a directory');
  mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
}

export async function main(args: string[] = []): Promise<number> {
  if (!hasAnt) {
    console.warn(`[skip] train:clusters: ${ANT_CORPUS} is absent (../shared is there for developers and CI only); the committed files stay.`);
    return 0;
  }
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const namesOnly = args.includes('names');
  const dir = outDir(args);
  const files = {
    clusters: path.join(dir, path.basename(CLUSTERS_FILE)),
    names: path.join(dir, path.basename(NAMES_FILE)),
    manifest: path.join(dir, path.basename(CLUSTERS_MANIFEST)),
  };
  const corpus = new CorpusCollector();
  const names = new NameCounter();
  const g = compileGazetteer(loadEntities(CONFIG_DIR));
  let n = 0;
  let sample: Buffer | null = null;
  for await (const rec of antArticles()) {
    if (!namesOnly) for (const part of [rec.title, ...rec.text.split('\n')]) if (part.trim()) corpus.add(tokenize(part));
    countNames(names, rec, g);
    if (++n === NAMES_SAMPLE_ARTICLES) sample = serializeNames(names.lexicon());
  }
  sample ??= serializeNames(names.lexicon());
  const lexicon = names.lexicon();
  const namesBytes = serializeNames(lexicon);
  write(files.names, namesBytes);
  console.log(`read ${n} articles; wrote ${files.names}: ${lexicon.size} name words (${secs()})`);
  const namesPart = { sha256: sha256(namesBytes), words: lexicon.size, sample: { articles: Math.min(n, NAMES_SAMPLE_ARTICLES), sha256: sha256(sample) } };
  const corpusPart = { sha256: sha256(readFileSync(ANT_CORPUS)), articles: n };
  let manifest: ClustersManifest;
  if (namesOnly) {
    // the clusters stay as they were: keep what the manifest says of them (or of the file there)
    const before = existsSync(files.manifest) ? (JSON.parse(readFileSync(files.manifest, 'utf8')) as ClustersManifest) : null;
    const clustersPart = before?.clusters ?? { sha256: existsSync(files.clusters) ? sha256(readFileSync(files.clusters)) : '', words: 0 };
    manifest = { config: before?.config ?? CLUSTER_CONFIG, corpus: corpusPart, clusters: clustersPart, names: namesPart };
  } else {
    const clusters = learnClusters(corpus, CLUSTER_CONFIG, (s) => console.log(`${s} (${secs()})`));
    const clustersBytes = serializeClusters(clusters);
    write(files.clusters, clustersBytes);
    console.log(`wrote ${files.clusters}: ${clusters.of.size} words (${secs()})`);
    manifest = { config: CLUSTER_CONFIG, corpus: corpusPart, clusters: { sha256: sha256(clustersBytes), words: clusters.of.size }, names: namesPart };
  }
  write(files.manifest, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${files.manifest}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
