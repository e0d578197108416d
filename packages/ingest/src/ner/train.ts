/**
 * `npm run train:ner`: trains the tagger on ANERcorp's training part (../shared/ner/anercorp) less
 * its last 10% of sentences (the dev part), with the committed clusters and data/config's
 * gazetteer, prints the dev figures and writes model/tagger.bin.gz. Fixed split, epochs and seed:
 * a rebuild gives the same bytes.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { CONFIG_DIR, SHARED_DIR } from '../testing/shared.ts';
import { parseClusters } from './clusters.ts';
import { parseTagged } from './conll.ts';
import { formatScore, pipelinePredictor, scoreDocuments } from './eval.ts';
import { parseModel, serializeModel, Tagger } from './model.ts';
import { parseNames } from './names.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE } from './paths.ts';
import { sha256, splitDev, TRAIN_CONFIG, trainTagger } from './training.ts';

export const ANERCORP_TRAIN = path.join(SHARED_DIR, 'ner', 'anercorp', 'train.txt');

export async function main(): Promise<number> {
  if (!existsSync(ANERCORP_TRAIN)) {
    console.warn(`[skip] train:ner: ${ANERCORP_TRAIN} is absent (../shared is there for developers and CI only); the committed model stays.`);
    return 0;
  }
  const t0 = performance.now();
  const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const raw = readFileSync(ANERCORP_TRAIN);
  const clustersBytes = readFileSync(CLUSTERS_FILE);
  const namesBytes = readFileSync(NAMES_FILE);
  const resources = { clusters: parseClusters(clustersBytes), names: parseNames(namesBytes) };
  const gazetteer = compileGazetteer(loadEntities(CONFIG_DIR));
  const { train, dev } = splitDev(parseTagged(raw.toString('utf8')), TRAIN_CONFIG.devFraction);
  console.log(`ANERcorp train.txt: ${train.length} training sentences, ${dev.length} dev sentences (the last ${TRAIN_CONFIG.devFraction * 100}%)`);
  const weights = trainTagger({
    sentences: train,
    gazetteer,
    resources,
    config: TRAIN_CONFIG,
    provenance: { trainSha256: sha256(raw), clustersSha256: sha256(clustersBytes), namesSha256: sha256(namesBytes) },
    log: (s) => console.log(`${s} (${secs()})`),
  });
  const bytes = serializeModel(weights);
  const tmp = `${MODEL_FILE}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, MODEL_FILE);
  const model = parseModel(bytes);
  console.log(`wrote ${MODEL_FILE}: ${(bytes.length / 1e6).toFixed(2)} MB, ${model.header.features} features (${secs()})`);
  const tagger = new Tagger(model, resources);
  console.log('\ndev part, full mention pipeline (gazetteer + roles + tagger):');
  console.log(formatScore(scoreDocuments([dev], pipelinePredictor(gazetteer, tagger), TRAIN_CONFIG.documentSentences)));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
