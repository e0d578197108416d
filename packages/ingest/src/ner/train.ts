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
import { ANT_CORPUS, CONFIG_DIR, SHARED_DIR } from '../testing/shared.ts';
import { parseClusters } from './clusters.ts';
import { parseTagged } from './conll.ts';
import { formatScore, pipelinePredictor, scoreDocuments, taggerPredictor } from './eval.ts';
import { parseModel, serializeModel, Tagger } from './model.ts';
import { parseNames } from './names.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE, TAGGED_FILE } from './paths.ts';
import { serializeLabelLexicon } from './tagged.ts';
import { collectAnt } from './train-clusters.ts';
import { sha256, splitDev, TRAIN_CONFIG, trainTwoStage } from './training.ts';

export const ANERCORP_TRAIN = path.join(SHARED_DIR, 'ner', 'anercorp', 'train.txt');

function writeAtomically(file: string, bytes: Buffer): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

export async function main(): Promise<number> {
  // the ANT corpus only for the tagged-word lexicon (TRAIN_CONFIG.lexiconFolds > 0)
  for (const file of TRAIN_CONFIG.lexiconFolds > 0 ? [ANERCORP_TRAIN, ANT_CORPUS] : [ANERCORP_TRAIN]) {
    if (!existsSync(file)) {
      console.warn(`[skip] train:ner: ${file} is absent (../shared is there for developers and CI only); the committed model stays.`);
      return 0;
    }
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
  const corpus = TRAIN_CONFIG.lexiconFolds > 0 ? await collectAnt() : null;
  if (corpus) console.log(`ANT corpus: ${corpus.tokens} tokens (${secs()})`);
  const { weights, tagged } = trainTwoStage(
    {
      sentences: train,
      gazetteer,
      resources,
      config: TRAIN_CONFIG,
      provenance: {
        trainSha256: sha256(raw),
        clustersSha256: sha256(clustersBytes),
        namesSha256: sha256(namesBytes),
        ...(corpus ? { antSha256: sha256(readFileSync(ANT_CORPUS)) } : {}),
      },
      log: (s) => console.log(`${s} (${secs()})`),
    },
    corpus,
  );
  if (tagged) {
    const lexicon = serializeLabelLexicon(tagged);
    writeAtomically(TAGGED_FILE, lexicon);
    console.log(`wrote ${TAGGED_FILE}: ${tagged.size} words, ${(lexicon.length / 1e6).toFixed(2)} MB`);
  }
  const bytes = serializeModel(weights);
  writeAtomically(MODEL_FILE, bytes);
  const model = parseModel(bytes);
  console.log(`wrote ${MODEL_FILE}: ${(bytes.length / 1e6).toFixed(2)} MB, ${model.header.features} features (${secs()})`);
  const tagger = new Tagger(model, { ...resources, tagged });
  console.log('\ndev part, the tagger on its own:');
  console.log(formatScore(scoreDocuments([dev], taggerPredictor(gazetteer, tagger), TRAIN_CONFIG.documentSentences)));
  console.log('\ndev part, full mention pipeline (gazetteer + roles + tagger):');
  console.log(formatScore(scoreDocuments([dev], pipelinePredictor(gazetteer, tagger), TRAIN_CONFIG.documentSentences)));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
