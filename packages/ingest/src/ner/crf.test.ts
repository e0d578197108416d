import { describe, expect, it } from 'vitest';
import { forwardBackward, trainCrf } from './crf.ts';
import { ALLOWED, allowedAtStart, L, labelIndex } from './labels.ts';
import type { EncodedSentence } from './perceptron.ts';
import { seededRandom } from './random.ts';
import { viterbi } from './viterbi.ts';

/** Every legal label sequence of length n, with its unnormalised score. */
function enumerate(e: Float64Array, n: number, t: Float64Array, s: Float64Array): { labels: number[]; score: number }[] {
  const out: { labels: number[]; score: number }[] = [];
  const walk = (labels: number[], score: number) => {
    const i = labels.length;
    if (i === n) {
      out.push({ labels: [...labels], score });
      return;
    }
    for (let y = 0; y < L; y++) {
      const prev = labels[i - 1];
      if (prev === undefined ? !allowedAtStart(y) : ALLOWED[prev * L + y] !== 1) continue;
      const step = (e[i * L + y] as number) + (prev === undefined ? (s[y] as number) : (t[prev * L + y] as number));
      walk([...labels, y], score + step);
    }
  };
  walk([], 0);
  return out;
}

describe('forwardBackward', () => {
  it('gives the log partition and the marginals that enumerating every legal path gives', () => {
    const random = seededRandom(3);
    const n = 4;
    const e = Float64Array.from({ length: n * L }, () => 4 * random() - 2);
    const t = Float64Array.from({ length: L * L }, () => 2 * random() - 1);
    const s = Float64Array.from({ length: L }, () => random() - 0.5);
    const paths = enumerate(e, n, t, s);
    const logZ = Math.log(paths.reduce((z, p) => z + Math.exp(p.score), 0));
    const marginals = new Float64Array(n * L);
    const pairs = new Float64Array(L * L);
    const first = new Float64Array(L);
    expect(forwardBackward(e, n, t, s, marginals, pairs, first)).toBeCloseTo(logZ, 10);
    const expected = new Float64Array(n * L);
    const expectedPairs = new Float64Array(L * L);
    for (const p of paths) {
      const prob = Math.exp(p.score - logZ);
      p.labels.forEach((y, i) => {
        expected[i * L + y]! += prob;
        if (i > 0) expectedPairs[(p.labels[i - 1] as number) * L + y]! += prob;
      });
    }
    for (let k = 0; k < n * L; k++) expect(marginals[k]).toBeCloseTo(expected[k] as number, 10);
    for (let k = 0; k < L * L; k++) expect(pairs[k]).toBeCloseTo(expectedPairs[k] as number, 10);
    for (let y = 0; y < L; y++) expect(first[y]).toBeCloseTo(expected[y] as number, 10);
    // an I- label never starts a sentence nor follows O
    expect(marginals[labelIndex('I-PER')]).toBe(0);
    expect(pairs[labelIndex('O') * L + labelIndex('I-LOC')]).toBe(0);
  });
});

describe('trainCrf', () => {
  // feature rows: 0 bias, 1 «a name word», 2 «a place word», 3 «the word before is a name word»
  const sentence = (words: ('name' | 'place' | 'other')[], gold: string[]): EncodedSentence => {
    const rows: number[] = [];
    const offsets = new Int32Array(words.length + 1);
    words.forEach((w, i) => {
      rows.push(0);
      if (w === 'name') rows.push(1);
      if (w === 'place') rows.push(2);
      if (words[i - 1] === 'name') rows.push(3);
      offsets[i + 1] = rows.length;
    });
    return { rows: Int32Array.from(rows), offsets, gold: Uint8Array.from(gold, (g) => labelIndex(g as 'O')) };
  };
  const data = [
    sentence(['other', 'name', 'name', 'other', 'place'], ['O', 'B-PER', 'I-PER', 'O', 'B-LOC']),
    sentence(['name', 'name', 'other', 'other'], ['B-PER', 'I-PER', 'O', 'O']),
    sentence(['other', 'place', 'other', 'name', 'name'], ['O', 'B-LOC', 'O', 'B-PER', 'I-PER']),
    sentence(['place', 'other', 'other'], ['B-LOC', 'O', 'O']),
  ];

  it('learns a tiny corpus: its loss falls and Viterbi reads its sentences back', () => {
    const losses: number[] = [];
    const w = trainCrf(data, 4, { epochs: 30, seed: 1, l2: 0.1, rate: 0.5, log: (s) => losses.push(Number(/loss ([0-9.]+)/.exec(s)?.[1])) });
    expect(losses).toHaveLength(30);
    expect(losses[29]).toBeLessThan((losses[0] as number) / 5);
    for (const x of data) {
      const n = x.gold.length;
      const e = new Float64Array(n * L);
      for (let i = 0; i < n; i++) {
        for (let k = x.offsets[i] as number; k < (x.offsets[i + 1] as number); k++)
          for (let y = 0; y < L; y++) e[i * L + y]! += w.weights[(x.rows[k] as number) * L + y] as number;
      }
      expect([...viterbi(e, n, w.transitions, w.start)]).toEqual([...x.gold]);
    }
  });

  it('is deterministic for a seed, and a stronger L2 penalty keeps the weights smaller', () => {
    const a = trainCrf(data, 4, { epochs: 5, seed: 9, l2: 0.1, rate: 0.5 });
    const b = trainCrf(data, 4, { epochs: 5, seed: 9, l2: 0.1, rate: 0.5 });
    expect([...a.weights]).toEqual([...b.weights]);
    const norm = (w: Float64Array) => w.reduce((s, v) => s + v * v, 0);
    const strong = trainCrf(data, 4, { epochs: 5, seed: 9, l2: 10, rate: 0.5 });
    expect(norm(strong.weights)).toBeLessThan(norm(a.weights));
  });
});
