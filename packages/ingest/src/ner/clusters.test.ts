import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { CLUSTER_CONFIG, CorpusCollector, learnClusters, symmetricEigen } from './clusters.ts';
import { seededRandom } from './random.ts';

describe('symmetricEigen', () => {
  it('finds A v = λ v for every eigenpair of a symmetric matrix', () => {
    const K = 7;
    const random = seededRandom(5);
    const m = new Float64Array(K * K);
    for (let i = 0; i < K; i++) for (let j = i; j < K; j++) m[i * K + j] = m[j * K + i] = random() * 10 - 5;
    const { values, vectors } = symmetricEigen(m, K);
    let trace = 0;
    for (let i = 0; i < K; i++) trace += m[i * K + i]!;
    expect([...values].reduce((a, b) => a + b, 0)).toBeCloseTo(trace, 9);
    for (let e = 0; e < K; e++) {
      let norm = 0;
      for (let i = 0; i < K; i++) {
        let av = 0;
        for (let j = 0; j < K; j++) av += m[i * K + j]! * vectors[j * K + e]!;
        expect(av).toBeCloseTo(values[e]! * vectors[i * K + e]!, 9);
        norm += vectors[i * K + e]! ** 2;
      }
      expect(norm).toBeCloseTo(1, 9);
    }
  });
});

// written for this test: persons' first names and towns, each group in contexts of its own
const NAMES = ['رامز', 'وسام', 'كنان', 'هيثم', 'غيث'];
const TOWNS = ['طرطوس', 'بانياس', 'درعا', 'القامشلي', 'منبج'];
function corpus(rare: readonly string[] = []): CorpusCollector {
  const c = new CorpusCollector();
  const random = seededRandom(9);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T;
  for (let i = 0; i < 400; i++) {
    const n = pick(NAMES);
    const t = pick(TOWNS);
    c.add(tokenize(pick([`قال السيد ${n} إن الوضع هادئ`, `صرح ${n} أمس للصحفيين`, `التقى الوزير ب${n} صباحا`, `وأكد ${n} أن الاتفاق قريب`])));
    c.add(tokenize(pick([`وصل الوفد إلى ${t} مساء`, `في مدينة ${t} اليوم`, `غادر سكان ${t} بيوتهم`, `سقط المطر على ${t} ليلا`])));
  }
  for (const w of rare) c.add(tokenize(`قال السيد ${w} إن الوضع هادئ`));
  return c;
}
const small = { ...CLUSTER_CONFIG, vocab: 200, minCount: 1, contexts: 40, dims: 4, sizes: [8], iterations: 10, seed: 3 };

describe('word clusters', () => {
  it('by a truncated SVD of the PPMI rows, put the first names together and the towns together', () => {
    const clusters = learnClusters(corpus(), { ...small, svd: true, weight: 0.5 });
    const of = (w: string) => clusters.of.get(w)?.[0];
    const names = new Set(NAMES.map(of));
    const towns = new Set(TOWNS.map(of));
    expect(names.size).toBe(1);
    expect(towns.size).toBe(1);
    expect([...names][0]).not.toBe([...towns][0]);
    // the same input and seed, the same clusters
    expect([...learnClusters(corpus(), { ...small, svd: true, weight: 0.5 }).of]).toEqual([...clusters.of]);
  });

  it('gives a word rarer than the fitted ones the cluster of the words it is used like', () => {
    const clusters = learnClusters(corpus(['نزار']), { ...small, svd: true, weight: 0.5, fit: 40 });
    expect(clusters.of.get('نزار')?.[0]).toBe(clusters.of.get('رامز')?.[0]);
    expect(clusters.of.get('نزار')?.[0]).not.toBe(clusters.of.get('طرطوس')?.[0]);
  });
});
