/**
 * First-order Viterbi over label scores: emissions[i * L + y] plus transitions[prev * L + y]
 * (start[y] for the first token), restricted to the BIO transitions of labels.ts. Allocation is
 * two typed arrays per call, sized by the sentence.
 */
import { ALLOWED, allowedAtStart, L } from './labels.ts';

/** For each label y, the labels that may precede it, ascending: PREDECESSORS[PRED_FROM[y] … PRED_FROM[y + 1]). */
const PRED_FROM = new Int32Array(L + 1);
const PREDECESSORS: Uint8Array = (() => {
  const ps: number[] = [];
  for (let y = 0; y < L; y++) {
    for (let p = 0; p < L; p++) if (ALLOWED[p * L + y] === 1) ps.push(p);
    PRED_FROM[y + 1] = ps.length;
  }
  return Uint8Array.from(ps);
})();

let scoreBuffer = new Float64Array(64 * L);
let backBuffer = new Uint8Array(64 * L);

export function viterbi(
  emissions: Float32Array | Float64Array,
  n: number,
  transitions: Float32Array | Float64Array,
  start: Float32Array | Float64Array,
  out: Uint8Array = new Uint8Array(n),
): Uint8Array {
  if (n === 0) return out;
  if (scoreBuffer.length < n * L) {
    scoreBuffer = new Float64Array(n * L * 2);
    backBuffer = new Uint8Array(n * L * 2);
  }
  const score = scoreBuffer;
  const back = backBuffer;
  for (let y = 0; y < L; y++) score[y] = allowedAtStart(y) ? (start[y] as number) + (emissions[y] as number) : -Infinity;
  for (let i = 1; i < n; i++) {
    const row = i * L;
    const prevRow = row - L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      const to = PRED_FROM[y + 1] as number;
      for (let k = PRED_FROM[y] as number; k < to; k++) {
        const p = PREDECESSORS[k] as number;
        const s = (score[prevRow + p] as number) + (transitions[p * L + y] as number);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[row + y] = best + (emissions[row + y] as number);
      back[row + y] = arg;
    }
  }
  let y = 0;
  let best = -Infinity;
  const lastRow = (n - 1) * L;
  for (let k = 0; k < L; k++) {
    if ((score[lastRow + k] as number) > best) {
      best = score[lastRow + k] as number;
      y = k;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = y;
    y = back[i * L + y] as number;
  }
  return out;
}

/** Score of a label path: start, transitions and emissions. */
export function pathScore(
  emissions: Float32Array | Float64Array,
  labels: ArrayLike<number>,
  transitions: Float32Array | Float64Array,
  start: Float32Array | Float64Array,
): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    s += (emissions[i * L + y] as number) + (i === 0 ? (start[y] as number) : (transitions[(labels[i - 1] as number) * L + y] as number));
  }
  return s;
}
