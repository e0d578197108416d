/**
 * A linear-chain CRF (Lafferty et al. 2001) over the same hashed features and BIO constraints as
 * the perceptron, trained by AdaGrad on the log-likelihood with an L2 penalty: forward-backward
 * gives each token's label marginals and each pair of neighbours' transition marginals, and the
 * gradient is expected minus observed feature counts. Unlike the perceptron, every sentence moves
 * the weights (not only the misread ones), and by how unsure the model still is, which suits a
 * few thousand sentences and hundreds of thousands of sparse, correlated features.
 *
 * The L2 penalty is applied lazily, to the rows a sentence touches, by the number of sentences since
 * the row was last touched, so a sentence costs what its features cost. Deterministic for a given
 * input and seed (sentences in a seeded order, all arithmetic in a fixed order).
 */
import { ALLOWED, allowedAtStart, L } from './labels.ts';
import type { EncodedSentence, TrainedWeights } from './perceptron.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

export interface CrfOptions {
  epochs: number;
  seed: number;
  /** L2 penalty per sentence of the training set: the objective is Σ −log p(gold) + l2 / 2 · ‖w‖². */
  l2: number;
  /** AdaGrad's base step. */
  rate: number;
  log?: (s: string) => void;
}

/**
 * Forward-backward over emissions e (n × L), in probability space with each position rescaled to
 * sum to one: fills the token marginals (n × L), adds the transition marginals (L × L) and start
 * marginals (L) to theirs, and returns log Z.
 */
export function forwardBackward(
  e: Float64Array,
  n: number,
  transitions: Float64Array,
  start: Float64Array,
  marginals: Float64Array,
  pairMarginals: Float64Array,
  startMarginals: Float64Array,
): number {
  const expT = new Float64Array(L * L);
  for (let k = 0; k < L * L; k++) expT[k] = ALLOWED[k] === 1 ? Math.exp(transitions[k] as number) : 0;
  const expE = new Float64Array(n * L);
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  const scale = new Float64Array(n);
  let logZ = 0;
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let y = 0; y < L; y++) if ((e[i * L + y] as number) > max) max = e[i * L + y] as number;
    for (let y = 0; y < L; y++) expE[i * L + y] = Math.exp((e[i * L + y] as number) - max);
    logZ += max;
  }
  let c = 0;
  for (let y = 0; y < L; y++) {
    const a = allowedAtStart(y) ? Math.exp(start[y] as number) * (expE[y] as number) : 0;
    alpha[y] = a;
    c += a;
  }
  scale[0] = c;
  for (let y = 0; y < L; y++) alpha[y]! /= c;
  for (let i = 1; i < n; i++) {
    c = 0;
    for (let y = 0; y < L; y++) {
      let sum = 0;
      for (let p = 0; p < L; p++) sum += (alpha[(i - 1) * L + p] as number) * (expT[p * L + y] as number);
      const a = sum * (expE[i * L + y] as number);
      alpha[i * L + y] = a;
      c += a;
    }
    scale[i] = c;
    for (let y = 0; y < L; y++) alpha[i * L + y]! /= c;
  }
  for (let i = 0; i < n; i++) logZ += Math.log(scale[i] as number);
  for (let y = 0; y < L; y++) beta[(n - 1) * L + y] = 1;
  for (let i = n - 2; i >= 0; i--) {
    const next = (i + 1) * L;
    const cn = scale[i + 1] as number;
    for (let p = 0; p < L; p++) {
      let sum = 0;
      for (let y = 0; y < L; y++) sum += (expT[p * L + y] as number) * (expE[next + y] as number) * (beta[next + y] as number);
      beta[i * L + p] = sum / cn;
    }
  }
  for (let k = 0; k < n * L; k++) marginals[k] = (alpha[k] as number) * (beta[k] as number);
  for (let y = 0; y < L; y++) startMarginals[y]! += marginals[y] as number;
  for (let i = 1; i < n; i++) {
    const ci = scale[i] as number;
    for (let p = 0; p < L; p++) {
      const a = alpha[(i - 1) * L + p] as number;
      if (a === 0) continue;
      for (let y = 0; y < L; y++) {
        const tv = expT[p * L + y] as number;
        if (tv === 0) continue;
        pairMarginals[p * L + y]! += (a * tv * (expE[i * L + y] as number) * (beta[i * L + y] as number)) / ci;
      }
    }
  }
  return logZ;
}

export function trainCrf(sentences: readonly EncodedSentence[], features: number, opts: CrfOptions): TrainedWeights {
  const w = new Float64Array(features * L);
  const g2 = new Float64Array(features * L);
  /** The step (sentence count) at which each row's L2 shrink was last brought up to date. */
  const seen = new Float64Array(features);
  const t = new Float64Array(L * L);
  const tg2 = new Float64Array(L * L);
  const s = new Float64Array(L);
  const sg2 = new Float64Array(L);
  const N = sentences.length;
  const decay = opts.l2 / Math.max(1, N);
  const eps = 1e-8;
  const random = seededRandom(opts.seed);
  const order = [...sentences.keys()];
  let step = 0;
  /** The summed gradient of the rows the current sentence touches (valid where seen[r] = step). */
  const grad = new Float64Array(features * L);
  const touched: number[] = [];
  const adagrad = (weights: Float64Array, sq: Float64Array, at: number, grad: number) => {
    const q = (sq[at] as number) + grad * grad;
    sq[at] = q;
    weights[at]! -= (opts.rate * grad) / (Math.sqrt(q) + eps);
  };
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (const idx of order) {
      step++;
      const x = sentences[idx] as EncodedSentence;
      const n = x.gold.length;
      // bring the L2 shrink of this sentence's rows up to date (the sentences that did not touch them)
      for (let k = 0; k < x.rows.length; k++) {
        const r = x.rows[k] as number;
        const missed = step - 1 - (seen[r] as number);
        if (missed <= 0) continue;
        seen[r] = step - 1;
        for (let y = 0; y < L; y++) {
          const at = r * L + y;
          const q = g2[at] as number;
          if (q === 0) continue;
          const shrink = 1 - Math.min(1, (opts.rate * decay) / (Math.sqrt(q) + eps));
          w[at]! *= Math.pow(shrink, missed);
        }
      }
      const e = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        for (let k = x.offsets[i] as number; k < (x.offsets[i + 1] as number); k++) {
          const base = (x.rows[k] as number) * L;
          for (let y = 0; y < L; y++) e[i * L + y]! += w[base + y] as number;
        }
      }
      const marginals = new Float64Array(n * L);
      const pair = new Float64Array(L * L);
      const first = new Float64Array(L);
      const logZ = forwardBackward(e, n, t, s, marginals, pair, first);
      let gold = s[x.gold[0] as number] as number;
      for (let i = 0; i < n; i++) {
        gold += e[i * L + (x.gold[i] as number)] as number;
        if (i > 0) gold += t[(x.gold[i - 1] as number) * L + (x.gold[i] as number)] as number;
      }
      loss += logZ - gold;
      // the gradient of −log p(gold) + decay/2 ‖w‖² for this sentence's rows, summed per row first
      touched.length = 0;
      for (let i = 0; i < n; i++) {
        const yGold = x.gold[i] as number;
        for (let k = x.offsets[i] as number; k < (x.offsets[i + 1] as number); k++) {
          const r = x.rows[k] as number;
          if (seen[r] !== step) {
            seen[r] = step;
            touched.push(r);
            grad.fill(0, r * L, r * L + L);
          }
          for (let y = 0; y < L; y++) grad[r * L + y]! += marginals[i * L + y] as number;
          grad[r * L + yGold]! -= 1;
        }
      }
      for (const r of touched) {
        for (let y = 0; y < L; y++) {
          const at = r * L + y;
          const gv = (grad[at] as number) + decay * (w[at] as number);
          if (gv !== 0) adagrad(w, g2, at, gv);
        }
      }
      for (let i = 1; i < n; i++) pair[(x.gold[i - 1] as number) * L + (x.gold[i] as number)]! -= 1;
      first[x.gold[0] as number]! -= 1;
      for (let k = 0; k < L * L; k++) if (pair[k] !== 0) adagrad(t, tg2, k, pair[k] as number);
      for (let y = 0; y < L; y++) if (first[y] !== 0) adagrad(s, sg2, y, first[y] as number);
    }
    opts.log?.(`CRF epoch ${epoch + 1}/${opts.epochs}: loss ${(loss / N).toFixed(4)} a sentence`);
  }
  // every row's shrink up to the last step
  for (let r = 0; r < features; r++) {
    const missed = step - (seen[r] as number);
    if (missed <= 0) continue;
    for (let y = 0; y < L; y++) {
      const at = r * L + y;
      const q = g2[at] as number;
      if (q === 0) continue;
      w[at]! *= Math.pow(1 - Math.min(1, (opts.rate * decay) / (Math.sqrt(q) + eps)), missed);
    }
  }
  return { weights: w, transitions: t, start: s };
}
