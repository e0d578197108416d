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

/**
 * The best label path of a sentence (n tokens, emissions n × L), into `out`. Among equal scores
 * the lowest label wins, at every step and at the end.
 */
export function viterbi(
  emissions: Float32Array | Float64Array,
  n: number,
  transitions: Float32Array | Float64Array,
  start: Float32Array | Float64Array,
  out: Uint8Array = new Uint8Array(n),
): Uint8Array {
  return BIO9 ? viterbi9(emissions, n, transitions, start, out) : viterbiAny(emissions, n, transitions, start, out);
}

function viterbiAny(
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

/** The labels of labels.ts are O and B-/I- of four types, in this order: viterbi9 may run. */
const BIO9 = (() => {
  if (L !== 9) return false;
  for (let y = 0; y < L; y++) {
    const expected = y > 0 && y % 2 === 0 ? [y - 1, y] : [...Array(L).keys()];
    const actual = [...PREDECESSORS.subarray(PRED_FROM[y], PRED_FROM[y + 1])];
    if (actual.join() !== expected.join() || allowedAtStart(y) !== (y === 0 || y % 2 === 1)) return false;
  }
  return true;
})();

/**
 * viterbiAny for the nine BIO labels, unrolled: the previous token's scores stay in locals, only
 * the back pointers are stored. Same additions and comparisons in the same order, so the same path.
 */
function viterbi9(
  emissions: Float32Array | Float64Array,
  n: number,
  t: Float32Array | Float64Array,
  start: Float32Array | Float64Array,
  out: Uint8Array,
): Uint8Array {
  if (n === 0) return out;
  if (backBuffer.length < n * L) {
    scoreBuffer = new Float64Array(n * L * 2);
    backBuffer = new Uint8Array(n * L * 2);
  }
  const back = backBuffer;
  const e = emissions;
  let p0 = (start[0] as number) + (e[0] as number);
  let p1 = (start[1] as number) + (e[1] as number);
  let p2 = -Infinity;
  let p3 = (start[3] as number) + (e[3] as number);
  let p4 = -Infinity;
  let p5 = (start[5] as number) + (e[5] as number);
  let p6 = -Infinity;
  let p7 = (start[7] as number) + (e[7] as number);
  let p8 = -Infinity;
  for (let i = 1; i < n; i++) {
    const r = i * 9;
    const c0 = fromAny(p0, p1, p2, p3, p4, p5, p6, p7, p8, t, 0, back, r) + (e[r] as number);
    const c1 = fromAny(p0, p1, p2, p3, p4, p5, p6, p7, p8, t, 1, back, r + 1) + (e[r + 1] as number);
    const c2 = fromSame(p1, p2, t, 2, back, r + 2) + (e[r + 2] as number);
    const c3 = fromAny(p0, p1, p2, p3, p4, p5, p6, p7, p8, t, 3, back, r + 3) + (e[r + 3] as number);
    const c4 = fromSame(p3, p4, t, 4, back, r + 4) + (e[r + 4] as number);
    const c5 = fromAny(p0, p1, p2, p3, p4, p5, p6, p7, p8, t, 5, back, r + 5) + (e[r + 5] as number);
    const c6 = fromSame(p5, p6, t, 6, back, r + 6) + (e[r + 6] as number);
    const c7 = fromAny(p0, p1, p2, p3, p4, p5, p6, p7, p8, t, 7, back, r + 7) + (e[r + 7] as number);
    const c8 = fromSame(p7, p8, t, 8, back, r + 8) + (e[r + 8] as number);
    p0 = c0;
    p1 = c1;
    p2 = c2;
    p3 = c3;
    p4 = c4;
    p5 = c5;
    p6 = c6;
    p7 = c7;
    p8 = c8;
  }
  let y = 0;
  let best = -Infinity;
  const last = [p0, p1, p2, p3, p4, p5, p6, p7, p8];
  for (let k = 0; k < 9; k++) {
    if ((last[k] as number) > best) {
      best = last[k] as number;
      y = k;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = y;
    y = back[i * 9 + y] as number;
  }
  return out;
}

/** The best of the nine labels before label y, its back pointer stored at back[at]. */
function fromAny(
  p0: number,
  p1: number,
  p2: number,
  p3: number,
  p4: number,
  p5: number,
  p6: number,
  p7: number,
  p8: number,
  t: Float32Array | Float64Array,
  y: number,
  back: Uint8Array,
  at: number,
): number {
  let b = -Infinity;
  let a = 0;
  let s: number;
  s = p0 + (t[0 + y] as number);
  if (s > b) {
    b = s;
    a = 0;
  }
  s = p1 + (t[9 + y] as number);
  if (s > b) {
    b = s;
    a = 1;
  }
  s = p2 + (t[18 + y] as number);
  if (s > b) {
    b = s;
    a = 2;
  }
  s = p3 + (t[27 + y] as number);
  if (s > b) {
    b = s;
    a = 3;
  }
  s = p4 + (t[36 + y] as number);
  if (s > b) {
    b = s;
    a = 4;
  }
  s = p5 + (t[45 + y] as number);
  if (s > b) {
    b = s;
    a = 5;
  }
  s = p6 + (t[54 + y] as number);
  if (s > b) {
    b = s;
    a = 6;
  }
  s = p7 + (t[63 + y] as number);
  if (s > b) {
    b = s;
    a = 7;
  }
  s = p8 + (t[72 + y] as number);
  if (s > b) {
    b = s;
    a = 8;
  }
  back[at] = a;
  return b;
}

/** The best of B-X (y − 1) and I-X (y) before I-X. */
function fromSame(pb: number, pi: number, t: Float32Array | Float64Array, y: number, back: Uint8Array, at: number): number {
  let b = -Infinity;
  let a = 0;
  const sb = pb + (t[(y - 1) * 9 + y] as number);
  if (sb > b) {
    b = sb;
    a = y - 1;
  }
  const si = pi + (t[y * 9 + y] as number);
  if (si > b) {
    b = si;
    a = y;
  }
  back[at] = a;
  return b;
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
