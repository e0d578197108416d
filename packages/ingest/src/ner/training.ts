/**
 * Training of the tagger from «token TAG» sentences, pure: sentences in, model weights out. The
 * features of a sentence are exactly those decoding computes (features.ts), the priors those the
 * rules of extract/ give on the rebuilt sentence.
 *
 * The first pass is the mean of `orders` averaged perceptrons, each visiting the sentences in its
 * own seeded order: on the dev part one order against another moved micro F1 by up to 2.5 points
 * (72.0 and 74.5 for two seeds, second pass off), and the mean of several is a model that depends less
 * on which order training happened to take. Eight orders rather than four: dev micro F1 of the
 * tagger alone 78.3 → 78.7 averaged over three seeds (each seed +0.3 to +0.6), for half as much
 * training CPU again and a fifth more weight rows. The CRF (crf.ts) scored as the mean of four orders did
 * (72.4 against 72.5 without the second pass) for six times the CPU, so it is an option, not the default.
 */
import { createHash } from 'node:crypto';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { rulePriors } from '../extract/mentions.ts';
import type { Token } from '../types.ts';
import { alignGold, type TaggedSentence } from './conll.ts';
import {
  BIAS,
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
  contextFeatureIds,
  OFFSETS,
  wordFeatureIds,
  wordProperties,
  type WordResources,
  type WordView,
} from './features.ts';
import { L, LABELS, O } from './labels.ts';
import { parseModel, serializeModel, Tagger, type ModelWeights } from './model.ts';
import type { CorpusCollector } from './clusters.ts';
import type { NameLexicon } from './names.ts';
import { serializeLabelLexicon, tagCorpus } from './tagged.ts';
import { trainCrf } from './crf.ts';
import { FeatureIndex, trainPerceptron, type EncodedSentence, type TrainedWeights } from './perceptron.ts';
import { addDocumentWeights, DOC_FEATURES, documentCounts, documentFeatures, documentKey } from './document.ts';
import { seededRandom, shuffleInPlace } from './random.ts';
import { viterbi } from './viterbi.ts';

export interface TrainConfig {
  /** The first pass's learner: a linear-chain CRF (crf.ts) or the averaged perceptron (perceptron.ts). */
  learner: 'crf' | 'perceptron';
  epochs: number;
  /** The perceptron: how many runs, each in its own order of the sentences, are averaged into one model. */
  orders: number;
  /** The CRF's L2 penalty and AdaGrad step (crf.ts); the perceptron has neither. */
  l2: number;
  rate: number;
  /** Second pass (document.ts): folds of the jackknife that gives it first-pass labels as at run time (each fold's first pass averaged over foldOrders orders), its epochs, and the sentences of one pseudo-document. */
  folds: number;
  foldOrders: number;
  documentEpochs: number;
  documentSentences: number;
  seed: number;
  /** The dev part: this fraction of the file's sentences, taken from its end. */
  devFraction: number;
  /**
   * The lexicon of how a first tagger labels the ANT corpus's words (tagged.ts): 0 for none, else
   * the folds of the jackknife that gives each training sentence a lexicon from a first tagger that
   * never saw it. The first taggers are averaged over lexiconOrders orders, without a second pass.
   * Off by default: with the SVD clusters it scored within the seed noise of the tagger without it on
   * the dev part (77.0 micro F1 against 77.8; 77.7 against 77.1 on 40,000-word clusters) for four
   * times the training CPU (six first taggers, the ANT corpus tagged six times).
   */
  lexiconFolds: number;
  lexiconOrders: number;
  /**
   * Subtracted from the bias weight of O of the trained model (not of the jackknife's folds the
   * second pass learns from): every token pays it for staying outside an entity. The perceptron
   * leaves the tagger precise rather than complete (dev 81.7 P / 72.7 R); this trades a little of
   * the one for more of the other.
   */
  outsidePenalty: number;
}

export const TRAIN_CONFIG: TrainConfig = {
  learner: 'perceptron',
  epochs: 12,
  orders: 8,
  l2: 1,
  rate: 0.1,
  folds: 5,
  foldOrders: 1,
  documentEpochs: 8,
  documentSentences: 20,
  seed: 20_260_412,
  devFraction: 0.1,
  lexiconFolds: 0,
  lexiconOrders: 1,
  outsidePenalty: 10,
};

/** The fixed split: the last devFraction of the sentences is dev, the rest train. */
export function splitDev<T>(sentences: readonly T[], devFraction: number): { train: T[]; dev: T[] } {
  const cut = sentences.length - Math.round(sentences.length * devFraction);
  return { train: sentences.slice(0, cut), dev: sentences.slice(cut) };
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface TrainInput {
  sentences: readonly TaggedSentence[];
  gazetteer: Gazetteer;
  resources: WordResources;
  config: TrainConfig;
  /** Recorded in the model header: where the data came from (digests), for the rebuild check. */
  provenance: Record<string, unknown>;
  log?: (s: string) => void;
  /** Per fold of the sentences (contiguous blocks, in order), the resources its sentences read instead of `resources`. */
  foldResources?: readonly WordResources[];
}

/** The training sentences as the learners read them: feature rows per token, gold labels, and each token's document key. */
export interface EncodedTraining {
  index: FeatureIndex;
  encoded: EncodedSentence[];
  /** Per encoded sentence (empty sentences are left out of both), its tokens' keys for the second pass. */
  keys: (string | null)[][];
}

/**
 * Encodes the sentences with the features decoding computes, the rules' priors included: what the
 * learners see, and so what `trainingDigest` checks the committed model against when the rules or
 * features change under it.
 */
export function encodeTraining(input: Pick<TrainInput, 'sentences' | 'gazetteer' | 'resources' | 'foldResources'>): EncodedTraining {
  const index = new FeatureIndex();
  const folds = input.foldResources ?? [input.resources];
  const props = folds.map(() => new Map<string, [string, string][]>());
  let fold = 0;
  const propsOf = (w: WordView) => {
    const key = w.kind === 'latin' ? `\u0001${w.text}` : w.norm;
    const cache = props[fold] as Map<string, [string, string][]>;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = wordProperties(w, folds[fold] as WordResources)));
    return p;
  };
  const encoded: EncodedSentence[] = [];
  const keys: (string | null)[][] = [];
  const ids: number[] = [];
  for (const [si, s] of input.sentences.entries()) {
    while (si >= foldStart(fold + 1, input.sentences.length, folds.length)) fold++;
    const { a, labels } = alignGold(s);
    const n = a.tokens.length;
    if (n === 0) continue;
    const priors = rulePriors(a, input.gazetteer);
    const rows: number[] = [];
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      ids.length = 0;
      for (const o of OFFSETS) {
        const j = i + o;
        const w = j < 0 ? BOUNDARY_BEFORE : j >= n ? BOUNDARY_AFTER : (a.tokens[j] as Token);
        wordFeatureIds(propsOf(w), o, ids);
      }
      contextFeatureIds(priors, i, ids);
      for (const h of ids) rows.push(index.rowOf(h));
      offsets[i + 1] = rows.length;
    }
    encoded.push({ rows: Int32Array.from(rows), offsets, gold: labels });
    keys.push(a.tokens.map(documentKey));
  }
  return { index, encoded, keys };
}

/** sha256 of the encoded training input (features by hash, offsets, gold labels, document keys): equal inputs, equal digests. */
export function trainingDigest({ index, encoded, keys }: EncodedTraining): string {
  const h = createHash('sha256');
  const hashes = Uint32Array.from(index.hashes);
  for (const [i, x] of encoded.entries()) {
    const features = new Uint32Array(x.rows.length);
    for (let k = 0; k < x.rows.length; k++) features[k] = hashes[x.rows[k] as number] as number;
    h.update(new Uint8Array(x.offsets.buffer, x.offsets.byteOffset, x.offsets.byteLength));
    h.update(new Uint8Array(features.buffer));
    h.update(x.gold);
    h.update(JSON.stringify(keys[i]));
  }
  return h.digest('hex');
}

export function trainTagger(input: TrainInput): ModelWeights {
  const training = encodeTraining(input);
  const { index, encoded, keys } = training;
  input.log?.(`${encoded.length} sentences, ${index.size} features`);
  const { config } = input;
  const trained = trainFirstPass(encoded, index.size, config, config.seed, input.log);
  const document =
    config.folds > 0 ? trainDocumentPass(encoded, keys, index.size, config, trained.transitions, trained.start, input.log) : new Float64Array(DOC_FEATURES * L);
  // after the second pass has learnt on the folds' unpenalised labels (with them penalised too, the
  // dev micro F1 was 77.6 and 76.7 for two seeds, against 78.3 and 77.3 for the final model alone)
  trained.weights[index.rowOf(BIAS) * L + O]! -= config.outsidePenalty;
  return {
    header: {
      labels: [...LABELS],
      features: index.size,
      scale: 1,
      training: { ...input.config, sentences: encoded.length, ...input.provenance, inputSha256: trainingDigest(training) },
    },
    hashes: Uint32Array.from(index.hashes),
    weights: Float32Array.from(trained.weights),
    transitions: Float32Array.from(trained.transitions),
    start: Float32Array.from(trained.start),
    document: Float32Array.from(document),
  };
}

/** The first pass's weights, by the configured learner. */
export function trainFirstPass(
  encoded: readonly EncodedSentence[],
  features: number,
  config: TrainConfig,
  seed: number,
  log?: (s: string) => void,
): TrainedWeights {
  if (config.learner === 'crf') return trainCrf(encoded, features, { epochs: config.epochs, seed, l2: config.l2, rate: config.rate, log });
  // the mean of `orders` averaged perceptrons, each visiting the sentences in its own seeded order
  const runs: TrainedWeights[] = [];
  for (let k = 0; k < config.orders; k++) runs.push(trainPerceptron(encoded, features, { epochs: config.epochs, seed: seed + 7919 * k, log }));
  const mean = (pick: (r: TrainedWeights) => Float64Array) => {
    const out = new Float64Array(pick(runs[0] as TrainedWeights).length);
    for (const r of runs) {
      const a = pick(r);
      for (let i = 0; i < out.length; i++) out[i]! += a[i] as number;
    }
    for (let i = 0; i < out.length; i++) out[i]! /= runs.length;
    return out;
  };
  return runs.length === 1
    ? (runs[0] as TrainedWeights)
    : { weights: mean((r) => r.weights), transitions: mean((r) => r.transitions), start: mean((r) => r.start) };
}

function emissionsOf(x: EncodedSentence, w: Float64Array): Float64Array {
  const n = x.gold.length;
  const e = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    for (let k = x.offsets[i] as number; k < (x.offsets[i + 1] as number); k++) {
      const base = (x.rows[k] as number) * L;
      for (let y = 0; y < L; y++) e[i * L + y]! += w[base + y] as number;
    }
  }
  return e;
}

/**
 * The second pass's weights: a jackknife gives every training sentence the emissions and labels
 * of a first pass that never saw it (as at run time), the sentences are grouped into
 * pseudo-documents of consecutive sentences, and an averaged perceptron learns the document
 * weights on top of those fixed emissions, with the first pass's transitions.
 */
function trainDocumentPass(
  encoded: readonly EncodedSentence[],
  keys: readonly (string | null)[][],
  features: number,
  config: TrainConfig,
  transitions: Float64Array,
  start: Float64Array,
  log?: (s: string) => void,
): Float64Array {
  const n = encoded.length;
  const emissions: Float64Array[] = new Array(n);
  const first: Uint8Array[] = new Array(n);
  for (let f = 0; f < config.folds; f++) {
    const from = Math.floor((f * n) / config.folds);
    const to = Math.floor(((f + 1) * n) / config.folds);
    const fold = trainFirstPass([...encoded.slice(0, from), ...encoded.slice(to)], features, { ...config, orders: config.foldOrders }, config.seed + f + 1);
    for (let i = from; i < to; i++) {
      const x = encoded[i] as EncodedSentence;
      emissions[i] = emissionsOf(x, fold.weights);
      first[i] = viterbi(emissions[i] as Float64Array, x.gold.length, fold.transitions, fold.start);
    }
    log?.(`document pass: fold ${f + 1}/${config.folds}`);
  }
  const docFeatures: number[][][] = new Array(n);
  for (let d = 0; d < n; d += config.documentSentences) {
    const end = Math.min(n, d + config.documentSentences);
    const allKeys: (string | null)[] = [];
    const allLabels: number[] = [];
    for (let i = d; i < end; i++) {
      allKeys.push(...(keys[i] as (string | null)[]));
      allLabels.push(...(first[i] as Uint8Array));
    }
    const counts = documentCounts(allKeys, allLabels);
    for (let i = d; i < end; i++) {
      const k = keys[i] as (string | null)[];
      const labels = first[i] as Uint8Array;
      docFeatures[i] = k.map((key, t) => {
        const out: number[] = [];
        if (key !== null) documentFeatures(counts.get(key), 0, labels[t] as number, out);
        return out;
      });
    }
  }
  const w = new Float64Array(DOC_FEATURES * L);
  const u = new Float64Array(DOC_FEATURES * L);
  let c = 1;
  const random = seededRandom(config.seed);
  const order = [...encoded.keys()].filter((i) => (docFeatures[i] as number[][]).some((fs) => fs.length > 0));
  for (let epoch = 0; epoch < config.documentEpochs; epoch++) {
    shuffleInPlace(order, random);
    let mistakes = 0;
    for (const i of order) {
      const x = encoded[i] as EncodedSentence;
      const fs = docFeatures[i] as number[][];
      const e = Float64Array.from(emissions[i] as Float64Array);
      fs.forEach((f, t) => addDocumentWeights(w, f, e, t * L));
      const pred = viterbi(e, x.gold.length, transitions, start);
      for (let t = 0; t < pred.length; t++) {
        if (pred[t] === x.gold[t]) continue;
        mistakes++;
        for (const f of fs[t] as number[]) {
          w[f * L + (x.gold[t] as number)]! += 1;
          u[f * L + (x.gold[t] as number)]! += c;
          w[f * L + (pred[t] as number)]! -= 1;
          u[f * L + (pred[t] as number)]! -= c;
        }
      }
      c++;
    }
    log?.(`document pass: epoch ${epoch + 1}/${config.documentEpochs}: ${mistakes} tokens wrong in ${order.length} sentences with document features`);
  }
  return w.map((v, k) => v - (u[k] as number) / c);
}

/** First sentence of fold f of n sentences in k contiguous folds (f = k: n). */
export function foldStart(f: number, n: number, k: number): number {
  return Math.floor((f * n) / k);
}

/** The model and the tagged-word lexicon it reads at run time (tagged.ts). */
export interface TwoStageModel {
  weights: ModelWeights;
  tagged: NameLexicon | null;
}

/**
 * The tagger with the lexicon of how a first tagger labels the corpus's words: first taggers on
 * all the sentences (its lexicon is the one shipped) and on each jackknife fold's complement (the
 * lexicon that fold's sentences read in training), then the tagger itself. Without a corpus or
 * with lexiconFolds = 0, the tagger alone.
 */
export function trainTwoStage(input: TrainInput, corpus: CorpusCollector | null): TwoStageModel {
  const { config } = input;
  const plain = { ...input.resources, tagged: null };
  // no first taggers: the tagger reads the resources as given (a lexicon passed in is used as is)
  if (!corpus || config.lexiconFolds <= 0) return { weights: trainTagger(input), tagged: input.resources.tagged ?? null };
  const first = { ...config, orders: config.lexiconOrders, folds: 0 };
  const lexiconOf = (sentences: readonly TaggedSentence[], seed: number) => {
    const w = trainTagger({ ...input, sentences, resources: plain, config: { ...first, seed }, log: undefined });
    return tagCorpus(new Tagger(parseModel(serializeModel(w)), plain), corpus);
  };
  const n = input.sentences.length;
  const tagged = lexiconOf(input.sentences, config.seed);
  input.log?.(`tagged-word lexicon: ${tagged.size} words`);
  const foldResources: WordResources[] = [];
  for (let f = 0; f < config.lexiconFolds; f++) {
    const from = foldStart(f, n, config.lexiconFolds);
    const to = foldStart(f + 1, n, config.lexiconFolds);
    const lex = lexiconOf([...input.sentences.slice(0, from), ...input.sentences.slice(to)], config.seed + 101 * (f + 1));
    foldResources.push({ ...input.resources, tagged: lex });
    input.log?.(`tagged-word lexicon, fold ${f + 1}/${config.lexiconFolds}: ${lex.size} words`);
  }
  const weights = trainTagger({
    ...input,
    resources: { ...input.resources, tagged },
    foldResources,
    provenance: { ...input.provenance, taggedSha256: sha256(serializeLabelLexicon(tagged)) },
  });
  return { weights, tagged };
}
