import { describe, expect, it } from 'vitest';
import { L, labelIndex, labelSpans } from './labels.ts';
import { seededRandom } from './random.ts';
import { viterbiByDefinition } from './testing.ts';
import { unrolledViterbi, viterbi } from './viterbi.ts';

const O = labelIndex('O');
const B_PER = labelIndex('B-PER');
const I_PER = labelIndex('I-PER');
const B_LOC = labelIndex('B-LOC');
const I_LOC = labelIndex('I-LOC');

/** Emission rows from {label: score} per token; everything else scores 0. */
function emissions(rows: Partial<Record<number, number>>[]): Float32Array {
  const e = new Float32Array(rows.length * L);
  rows.forEach((r, i) => {
    for (const [y, s] of Object.entries(r)) e[i * L + Number(y)] = s as number;
  });
  return e;
}

describe('viterbi', () => {
  it('finds the best path through transitions, not the best label per token', () => {
    // token 1 prefers B-LOC alone, but B-PER → I-PER is rewarded enough to win the pair
    const e = emissions([{ [B_PER]: 2 }, { [I_PER]: 1, [B_LOC]: 1.5 }, { [O]: 1 }]);
    const t = new Float32Array(L * L);
    t[B_PER * L + I_PER] = 1;
    expect([...viterbi(e, 3, t, new Float32Array(L))]).toEqual([B_PER, I_PER, O]);
  });

  it('never puts I-X after O, after another type, or first in the sentence', () => {
    // I-PER scores highest everywhere; the best legal path opens the span with B-PER
    const e = emissions([
      { [I_PER]: 5, [B_PER]: 1 },
      { [I_PER]: 5, [B_LOC]: -10 },
      { [O]: 2, [I_LOC]: 5 },
    ]);
    const path = viterbi(e, 3, new Float32Array(L * L), new Float32Array(L));
    expect([...path]).toEqual([B_PER, I_PER, O]);
    // a strong I-LOC after a person span cannot continue it: the third token is not I-LOC
    expect(labelSpans(path)).toEqual([{ first: 0, last: 1, type: 'PER' }]);
  });

  it('uses start scores for the first token and handles a one-token sentence', () => {
    const start = new Float32Array(L);
    start[B_LOC] = 3;
    expect([...viterbi(emissions([{ [B_PER]: 2 }]), 1, new Float32Array(L * L), start)]).toEqual([B_LOC]);
    expect([...viterbi(new Float32Array(0), 0, new Float32Array(L * L), start)]).toEqual([]);
  });
});

describe('unrolledViterbi', () => {
  it('decodes any label set as Viterbi by definition does, ties and forbidden starts included', () => {
    // five labels, each with its own predecessors (label 3 only after 1 or 3; 0 never after 4), 3 and 4 not first
    const labels = 5;
    const allowed = (p: number, y: number) => (y === 3 ? p === 1 || p === 3 : !(y === 0 && p === 4));
    const atStart = (y: number) => y < 3;
    const predecessors = Array.from({ length: labels }, (_, y) => Array.from({ length: labels }, (_, p) => p).filter((p) => allowed(p, y)));
    const decode = unrolledViterbi(labels, predecessors, atStart);
    const random = seededRandom(12);
    // scores of few values, so that equal path scores are frequent
    const draw = (n: number) => Float64Array.from({ length: n }, () => Math.floor(random() * 4) - 2);
    for (let round = 0; round < 300; round++) {
      const n = round % 9;
      const e = draw(n * labels);
      const t = draw(labels * labels);
      const start = draw(labels);
      const out = decode(e, n, t, start, new Uint8Array(n), new Uint8Array(n * labels));
      expect([...out], `round ${round}`).toEqual(viterbiByDefinition(e, n, labels, allowed, atStart, t, start));
    }
  });
});
