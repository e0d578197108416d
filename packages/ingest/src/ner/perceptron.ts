/**
 * Averaged structured perceptron (Collins 2002) over the hashed features of features.ts, decoded
 * with the same constrained Viterbi as at run time. Sentences are visited in a seeded order each
 * epoch; averaging uses the usual lazy trick (w − u / c). Deterministic for a given input and seed.
 */
import { L } from './labels.ts';
import { seededRandom, shuffleInPlace } from './random.ts';
import { viterbi } from './viterbi.ts';

/** A training sentence: the feature rows of each token (rows[offsets[i] … offsets[i+1])) and its gold labels. */
export interface EncodedSentence {
  rows: Int32Array;
  offsets: Int32Array;
  gold: Uint8Array;
}

/** Feature hash → dense row, in order of first appearance. */
export class FeatureIndex {
  private readonly map = new Map<number, number>();
  readonly hashes: number[] = [];

  rowOf(h: number): number {
    let r = this.map.get(h);
    if (r === undefined) {
      r = this.hashes.length;
      this.map.set(h, r);
      this.hashes.push(h);
    }
    return r;
  }

  get size(): number {
    return this.hashes.length;
  }
}

export interface PerceptronOptions {
  epochs: number;
  seed: number;
  log?: (s: string) => void;
}

export interface TrainedWeights {
  weights: Float64Array;
  transitions: Float64Array;
  start: Float64Array;
}

export function trainPerceptron(sentences: readonly EncodedSentence[], features: number, opts: PerceptronOptions): TrainedWeights {
  const w = new Float64Array(features * L);
  const u = new Float64Array(features * L);
  const t = new Float64Array(L * L);
  const tu = new Float64Array(L * L);
  const s = new Float64Array(L);
  const su = new Float64Array(L);
  let c = 1;
  const random = seededRandom(opts.seed);
  const order = [...sentences.keys()];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    let mistakes = 0;
    let tokens = 0;
    for (const idx of order) {
      const x = sentences[idx] as EncodedSentence;
      const n = x.gold.length;
      tokens += n;
      const e = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        for (let k = x.offsets[i] as number; k < (x.offsets[i + 1] as number); k++) {
          const base = (x.rows[k] as number) * L;
          for (let y = 0; y < L; y++) e[i * L + y]! += w[base + y] as number;
        }
      }
      const pred = viterbi(e, n, t, s);
      let wrong = false;
      for (let i = 0; i < n; i++) if (pred[i] !== x.gold[i]) wrong = true;
      if (wrong) {
        const update = (labels: Uint8Array, d: number) => {
          for (let i = 0; i < n; i++) {
            const y = labels[i] as number;
            const prev = i > 0 ? (labels[i - 1] as number) : -1;
            const differs = pred[i] !== x.gold[i] || (i > 0 && pred[i - 1] !== x.gold[i - 1]);
            if (!differs) continue;
            if (pred[i] !== x.gold[i]) {
              for (let k = x.offsets[i] as number; k < (x.offsets[i + 1] as number); k++) {
                const at = (x.rows[k] as number) * L + y;
                w[at]! += d;
                u[at]! += c * d;
              }
            }
            if (prev < 0) {
              s[y]! += d;
              su[y]! += c * d;
            } else {
              t[prev * L + y]! += d;
              tu[prev * L + y]! += c * d;
            }
          }
        };
        update(x.gold, 1);
        update(pred, -1);
        for (let i = 0; i < n; i++) if (pred[i] !== x.gold[i]) mistakes++;
      }
      c++;
    }
    opts.log?.(`epoch ${epoch + 1}/${opts.epochs}: ${((100 * mistakes) / Math.max(1, tokens)).toFixed(2)}% tokens wrong`);
  }
  const avg = (a: Float64Array, au: Float64Array) => a.map((v, i) => v - (au[i] as number) / c);
  return { weights: avg(w, u), transitions: avg(t, tu), start: avg(s, su) };
}
