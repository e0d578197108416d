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
 * viterbiAny for the nine BIO labels, unrolled: the transitions and the previous token's scores
 * stay in locals, only the back pointers are stored. Same additions and comparisons in the same
 * order (predecessors ascending, a later one wins only when strictly better), so the same path.
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
  // the transitions the BIO labels allow, in locals
  const t00 = t[0] as number;
  const t01 = t[1] as number;
  const t03 = t[3] as number;
  const t05 = t[5] as number;
  const t07 = t[7] as number;
  const t10 = t[9] as number;
  const t11 = t[10] as number;
  const t12 = t[11] as number;
  const t13 = t[12] as number;
  const t15 = t[14] as number;
  const t17 = t[16] as number;
  const t20 = t[18] as number;
  const t21 = t[19] as number;
  const t22 = t[20] as number;
  const t23 = t[21] as number;
  const t25 = t[23] as number;
  const t27 = t[25] as number;
  const t30 = t[27] as number;
  const t31 = t[28] as number;
  const t33 = t[30] as number;
  const t34 = t[31] as number;
  const t35 = t[32] as number;
  const t37 = t[34] as number;
  const t40 = t[36] as number;
  const t41 = t[37] as number;
  const t43 = t[39] as number;
  const t44 = t[40] as number;
  const t45 = t[41] as number;
  const t47 = t[43] as number;
  const t50 = t[45] as number;
  const t51 = t[46] as number;
  const t53 = t[48] as number;
  const t55 = t[50] as number;
  const t56 = t[51] as number;
  const t57 = t[52] as number;
  const t60 = t[54] as number;
  const t61 = t[55] as number;
  const t63 = t[57] as number;
  const t65 = t[59] as number;
  const t66 = t[60] as number;
  const t67 = t[61] as number;
  const t70 = t[63] as number;
  const t71 = t[64] as number;
  const t73 = t[66] as number;
  const t75 = t[68] as number;
  const t77 = t[70] as number;
  const t78 = t[71] as number;
  const t80 = t[72] as number;
  const t81 = t[73] as number;
  const t83 = t[75] as number;
  const t85 = t[77] as number;
  const t87 = t[79] as number;
  const t88 = t[80] as number;
  let p0 = (start[0] as number) + (e[0] as number);
  let p1 = (start[1] as number) + (e[1] as number);
  let p2 = -Infinity;
  let p3 = (start[3] as number) + (e[3] as number);
  let p4 = -Infinity;
  let p5 = (start[5] as number) + (e[5] as number);
  let p6 = -Infinity;
  let p7 = (start[7] as number) + (e[7] as number);
  let p8 = -Infinity;
  let s: number;
  for (let i = 1; i < n; i++) {
    const r = i * 9;
    let b0 = -Infinity;
    let a0 = 0;
    s = p0 + t00;
    if (s > b0) {
      b0 = s;
      a0 = 0;
    }
    s = p1 + t10;
    if (s > b0) {
      b0 = s;
      a0 = 1;
    }
    s = p2 + t20;
    if (s > b0) {
      b0 = s;
      a0 = 2;
    }
    s = p3 + t30;
    if (s > b0) {
      b0 = s;
      a0 = 3;
    }
    s = p4 + t40;
    if (s > b0) {
      b0 = s;
      a0 = 4;
    }
    s = p5 + t50;
    if (s > b0) {
      b0 = s;
      a0 = 5;
    }
    s = p6 + t60;
    if (s > b0) {
      b0 = s;
      a0 = 6;
    }
    s = p7 + t70;
    if (s > b0) {
      b0 = s;
      a0 = 7;
    }
    s = p8 + t80;
    if (s > b0) {
      b0 = s;
      a0 = 8;
    }
    let b1 = -Infinity;
    let a1 = 0;
    s = p0 + t01;
    if (s > b1) {
      b1 = s;
      a1 = 0;
    }
    s = p1 + t11;
    if (s > b1) {
      b1 = s;
      a1 = 1;
    }
    s = p2 + t21;
    if (s > b1) {
      b1 = s;
      a1 = 2;
    }
    s = p3 + t31;
    if (s > b1) {
      b1 = s;
      a1 = 3;
    }
    s = p4 + t41;
    if (s > b1) {
      b1 = s;
      a1 = 4;
    }
    s = p5 + t51;
    if (s > b1) {
      b1 = s;
      a1 = 5;
    }
    s = p6 + t61;
    if (s > b1) {
      b1 = s;
      a1 = 6;
    }
    s = p7 + t71;
    if (s > b1) {
      b1 = s;
      a1 = 7;
    }
    s = p8 + t81;
    if (s > b1) {
      b1 = s;
      a1 = 8;
    }
    let b2 = -Infinity;
    let a2 = 0;
    s = p1 + t12;
    if (s > b2) {
      b2 = s;
      a2 = 1;
    }
    s = p2 + t22;
    if (s > b2) {
      b2 = s;
      a2 = 2;
    }
    let b3 = -Infinity;
    let a3 = 0;
    s = p0 + t03;
    if (s > b3) {
      b3 = s;
      a3 = 0;
    }
    s = p1 + t13;
    if (s > b3) {
      b3 = s;
      a3 = 1;
    }
    s = p2 + t23;
    if (s > b3) {
      b3 = s;
      a3 = 2;
    }
    s = p3 + t33;
    if (s > b3) {
      b3 = s;
      a3 = 3;
    }
    s = p4 + t43;
    if (s > b3) {
      b3 = s;
      a3 = 4;
    }
    s = p5 + t53;
    if (s > b3) {
      b3 = s;
      a3 = 5;
    }
    s = p6 + t63;
    if (s > b3) {
      b3 = s;
      a3 = 6;
    }
    s = p7 + t73;
    if (s > b3) {
      b3 = s;
      a3 = 7;
    }
    s = p8 + t83;
    if (s > b3) {
      b3 = s;
      a3 = 8;
    }
    let b4 = -Infinity;
    let a4 = 0;
    s = p3 + t34;
    if (s > b4) {
      b4 = s;
      a4 = 3;
    }
    s = p4 + t44;
    if (s > b4) {
      b4 = s;
      a4 = 4;
    }
    let b5 = -Infinity;
    let a5 = 0;
    s = p0 + t05;
    if (s > b5) {
      b5 = s;
      a5 = 0;
    }
    s = p1 + t15;
    if (s > b5) {
      b5 = s;
      a5 = 1;
    }
    s = p2 + t25;
    if (s > b5) {
      b5 = s;
      a5 = 2;
    }
    s = p3 + t35;
    if (s > b5) {
      b5 = s;
      a5 = 3;
    }
    s = p4 + t45;
    if (s > b5) {
      b5 = s;
      a5 = 4;
    }
    s = p5 + t55;
    if (s > b5) {
      b5 = s;
      a5 = 5;
    }
    s = p6 + t65;
    if (s > b5) {
      b5 = s;
      a5 = 6;
    }
    s = p7 + t75;
    if (s > b5) {
      b5 = s;
      a5 = 7;
    }
    s = p8 + t85;
    if (s > b5) {
      b5 = s;
      a5 = 8;
    }
    let b6 = -Infinity;
    let a6 = 0;
    s = p5 + t56;
    if (s > b6) {
      b6 = s;
      a6 = 5;
    }
    s = p6 + t66;
    if (s > b6) {
      b6 = s;
      a6 = 6;
    }
    let b7 = -Infinity;
    let a7 = 0;
    s = p0 + t07;
    if (s > b7) {
      b7 = s;
      a7 = 0;
    }
    s = p1 + t17;
    if (s > b7) {
      b7 = s;
      a7 = 1;
    }
    s = p2 + t27;
    if (s > b7) {
      b7 = s;
      a7 = 2;
    }
    s = p3 + t37;
    if (s > b7) {
      b7 = s;
      a7 = 3;
    }
    s = p4 + t47;
    if (s > b7) {
      b7 = s;
      a7 = 4;
    }
    s = p5 + t57;
    if (s > b7) {
      b7 = s;
      a7 = 5;
    }
    s = p6 + t67;
    if (s > b7) {
      b7 = s;
      a7 = 6;
    }
    s = p7 + t77;
    if (s > b7) {
      b7 = s;
      a7 = 7;
    }
    s = p8 + t87;
    if (s > b7) {
      b7 = s;
      a7 = 8;
    }
    let b8 = -Infinity;
    let a8 = 0;
    s = p7 + t78;
    if (s > b8) {
      b8 = s;
      a8 = 7;
    }
    s = p8 + t88;
    if (s > b8) {
      b8 = s;
      a8 = 8;
    }
    back[r] = a0;
    back[r + 1] = a1;
    back[r + 2] = a2;
    back[r + 3] = a3;
    back[r + 4] = a4;
    back[r + 5] = a5;
    back[r + 6] = a6;
    back[r + 7] = a7;
    back[r + 8] = a8;
    p0 = b0 + (e[r] as number);
    p1 = b1 + (e[r + 1] as number);
    p2 = b2 + (e[r + 2] as number);
    p3 = b3 + (e[r + 3] as number);
    p4 = b4 + (e[r + 4] as number);
    p5 = b5 + (e[r + 5] as number);
    p6 = b6 + (e[r + 6] as number);
    p7 = b7 + (e[r + 7] as number);
    p8 = b8 + (e[r + 8] as number);
  }
  // the best last label, the lowest among equals
  let y = 0;
  let best = p0;
  if (p1 > best) {
    best = p1;
    y = 1;
  }
  if (p2 > best) {
    best = p2;
    y = 2;
  }
  if (p3 > best) {
    best = p3;
    y = 3;
  }
  if (p4 > best) {
    best = p4;
    y = 4;
  }
  if (p5 > best) {
    best = p5;
    y = 5;
  }
  if (p6 > best) {
    best = p6;
    y = 6;
  }
  if (p7 > best) {
    best = p7;
    y = 7;
  }
  if (p8 > best) y = 8;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = y;
    y = back[i * 9 + y] as number;
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
