/**
 * Training of the tagger from «token TAG» sentences, pure: sentences in, model weights out. The
 * features of a sentence are exactly those decoding computes (features.ts), the priors those the
 * rules of extract/ give on the rebuilt sentence.
 */
import { createHash } from 'node:crypto';
import type { Gazetteer } from '../extract/gazetteer.ts';
import { rulePriors } from '../extract/mentions.ts';
import type { Token } from '../types.ts';
import { alignGold, type TaggedSentence } from './conll.ts';
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, contextFeatureIds, OFFSETS, wordFeatureIds, wordProperties, type WordResources, type WordView } from './features.ts';
import { LABELS } from './labels.ts';
import type { ModelWeights } from './model.ts';
import { FeatureIndex, trainPerceptron, type EncodedSentence } from './perceptron.ts';

export interface TrainConfig {
  epochs: number;
  seed: number;
  /** The dev part: this fraction of the file's sentences, taken from its end. */
  devFraction: number;
}

export const TRAIN_CONFIG: TrainConfig = { epochs: 12, seed: 20_260_412, devFraction: 0.1 };

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
}

export function trainTagger(input: TrainInput): ModelWeights {
  const index = new FeatureIndex();
  const props = new Map<string, [string, string][]>();
  const propsOf = (w: WordView) => {
    const key = w.kind === 'latin' ? `\u0001${w.text}` : w.norm;
    let p = props.get(key);
    if (!p) props.set(key, (p = wordProperties(w, input.resources)));
    return p;
  };
  const encoded: EncodedSentence[] = [];
  const ids: number[] = [];
  for (const s of input.sentences) {
    const { a, labels } = alignGold(s);
    const priors = rulePriors(a, input.gazetteer);
    const n = a.tokens.length;
    if (n === 0) continue;
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
  }
  input.log?.(`${encoded.length} sentences, ${index.size} features`);
  const trained = trainPerceptron(encoded, index.size, { epochs: input.config.epochs, seed: input.config.seed, log: input.log });
  return {
    header: { labels: [...LABELS], features: index.size, scale: 1, training: { ...input.config, sentences: encoded.length, ...input.provenance } },
    hashes: Uint32Array.from(index.hashes),
    weights: Float32Array.from(trained.weights),
    transitions: Float32Array.from(trained.transitions),
    start: Float32Array.from(trained.start),
  };
}
