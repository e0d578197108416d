/**
 * The tagger's fast decoding (word cache slab, unrolled emissions and Viterbi, the document pass
 * over buffers) against the straightforward computation: every feature's weight summed one by one,
 * a Viterbi over all label pairs, the document pass from string keys. Same labels, same scores.
 */
import { describe, expect, it } from 'vitest';
import { sentenceRanges } from '../extract/mentions.ts';
import { analyze } from '../text/index.ts';
import type { Token } from '../types.ts';
import { addDocumentWeights, documentCounts, documentFeatures, documentKey } from './document.ts';
import { PRIOR_CODES } from './features.ts';
import { ALLOWED, allowedAtStart, L, labelIndex, O } from './labels.ts';
import { defaultTagger, Tagger } from './model.ts';
import { emissionsByDefinition, handTagger, viterbiByDefinition as byDefinition } from './testing.ts';
import { seededRandom } from './random.ts';
import { viterbi } from './viterbi.ts';

/** Viterbi written out (testing.ts) over the tagger's labels: every pair ALLOWED permits, the lowest label on ties. */
function viterbiByDefinition(e: Float64Array, n: number, transitions: Float64Array, start: Float64Array): Uint8Array {
  return Uint8Array.from(byDefinition(e, n, L, (p, y) => ALLOWED[p * L + y] === 1, allowedAtStart, transitions, start));
}

/** tagDocument by definition: each sentence alone, then the document pass from string keys (document.ts). */
function tagDocumentByDefinition(tagger: Tagger, tokens: readonly Token[], ranges: readonly [number, number][], priors: Uint8Array) {
  const transitions = Float64Array.from(tagger.model.transitions);
  const start = Float64Array.from(tagger.model.start);
  const labels = new Uint8Array(tokens.length);
  const emissions = new Float64Array(tokens.length * L);
  for (const [f, e] of ranges) {
    const em = emissionsByDefinition(tagger, tokens, f, e, priors);
    emissions.set(em, f * L);
    labels.set(viterbiByDefinition(em, e - f, transitions, start), f);
  }
  let changedRows = 0;
  if (labels.some((y) => y !== O)) {
    const keys = tokens.map(documentKey);
    // only the words labelled somewhere take part
    const labelledKeys = new Set(keys.filter((k, i) => k !== null && labels[i] !== O));
    const counts = documentCounts(
      keys.map((k) => (k !== null && labelledKeys.has(k) ? k : null)),
      labels,
    );
    const first = Uint8Array.from(labels);
    for (const [f, e] of ranges) {
      let changed = false;
      for (let t = f; t < e; t++) {
        const features: number[] = [];
        const k = keys[t];
        if (k === null || k === undefined || documentFeatures(counts.get(k), 0, first[t]!, features) === 0) continue;
        addDocumentWeights(tagger.model.document, features, emissions, t * L);
        changed = true;
        changedRows++;
      }
      if (changed) labels.set(viterbiByDefinition(emissions.subarray(f * L, e * L), e - f, transitions, start), f);
    }
  }
  return { labels, emissions, changedRows };
}

// written for this test: articles with names repeated in full and alone, clitics, Latin words and numbers
const ARTICLES = [
  'استقبل الرئيس التونسي قيس سعيد في قصر قرطاج وزير الخارجية الإيطالي أنطونيو تاياني.\n' +
    'وبحث سعيد وتاياني ملف الهجرة غير النظامية في البحر المتوسط.\n' +
    'وقال تاياني إن روما تدعم تونس في مفاوضاتها مع صندوق النقد الدولي.',
  'أعلنت شركة أرامكو السعودية عن أرباح بلغت 30 مليار دولار.\n' +
    'وقال أمين الناصر رئيس أرامكو للصحفيين في الظهران إن الطلب على النفط سيرتفع.\n' +
    'وأضاف الناصر أن الشركة ستستثمر في مشاريع الغاز مع Total و Shell.',
  'فاز نادي الزمالك على الأهلي بهدفين في القاهرة، وسجل للزمالك اللاعب أحمد سيد زيزو.\n' +
    'وأشاد مدرب الزمالك جوزيه غوميز بأداء زيزو وبالجماهير.\n' +
    'ويلتقي الأهلي والزمالك مجددا في نهائي كأس مصر بالإسكندرية.',
];

const tagger = defaultTagger();

describe('viterbi', () => {
  it('finds the path Viterbi over every allowed label pair finds, on random scores and on ties', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 12);
      // coarse scores make ties common: the lowest label must win them as in the definition
      const coarse = trial % 2 === 0;
      const draw = () => (coarse ? Math.floor(random() * 3) : random() * 10 - 5);
      const e = Float64Array.from({ length: n * L }, draw);
      const transitions = Float64Array.from({ length: L * L }, draw);
      const start = Float64Array.from({ length: L }, draw);
      expect([...viterbi(e, n, transitions, start)], `trial ${trial}`).toEqual([...viterbiByDefinition(e, n, transitions, start)]);
    }
  });
});

describe('the cost of reading tokens as one span', () => {
  it('is the best path less the best path that labels them B- then I- of the type, on random scores', () => {
    const random = seededRandom(7);
    const t = handTagger([]);
    const transitions = Float64Array.from(t.model.transitions);
    const start = Float64Array.from(t.model.start);
    // a path's score: its emissions (the hand-made model's transitions and starts are 0)
    const score = (e: Float64Array, labels: ArrayLike<number>) => {
      let s = 0;
      for (let i = 0; i < labels.length; i++) s += e[i * L + (labels[i] as number)] as number;
      return s;
    };
    for (let trial = 0; trial < 20; trial++) {
      const n = 6;
      const e = Float64Array.from({ length: n * L }, () => Math.round(random() * 20) - 10);
      const labels = viterbiByDefinition(e, n, transitions, start);
      const [from, to] = [1 + (trial % 3), 3 + (trial % 3)];
      const forced = Float64Array.from(e);
      for (let i = from; i <= to; i++) for (let y = 0; y < L; y++) if (y !== labelIndex(i === from ? 'B-PER' : 'I-PER')) forced[i * L + y] = -1e9;
      const expected = score(e, labels) - score(forced, viterbiByDefinition(forced, n, transitions, start));
      expect(t.spanCost({ labels, emissions: e }, n, from, to, 'PER')).toBeCloseTo(expected, 9);
    }
  });
});

describe.skipIf(tagger === null)('the committed tagger, decoding fast', () => {
  const docs = ARTICLES.map((text) => {
    const a = analyze(text);
    const priors = Uint8Array.from(a.tokens, (_, i) => (i % 11 === 3 ? 1 + (i % (PRIOR_CODES - 1)) : 0));
    return { tokens: a.tokens, ranges: sentenceRanges(a), priors };
  });

  it('labels and scores documents as the straightforward computation does, its word cache cold, warm or evicting', () => {
    const t = tagger as Tagger;
    const expected = docs.map((d) => tagDocumentByDefinition(t, d.tokens, d.ranges, d.priors));
    // the test means something: the model finds entities, and the document pass changes scores
    expect(expected.every((x) => x.labels.some((y) => y !== O))).toBe(true);
    expect(expected.some((x) => x.changedRows > 0)).toBe(true);
    for (const cacheWords of [undefined, 8, 40]) {
      const fast = new Tagger(t.model, t.resources, { cacheWords });
      // twice over the articles: the second time from a warm (or partly evicted) cache
      for (const pass of [1, 2]) {
        docs.forEach((d, i) => {
          const got = fast.tagDocument(d.tokens, d.ranges, d.priors);
          const label = `cache ${cacheWords ?? 'default'}, pass ${pass}, article ${i}`;
          expect([...got.labels], label).toEqual([...expected[i]!.labels]);
          expect(Float64Array.from(got.emissions), label).toEqual(expected[i]!.emissions);
        });
      }
    }
  });

  it('keeps a document of more word types than its cache holds', () => {
    const t = tagger as Tagger;
    const d = docs[0]!;
    const expected = tagDocumentByDefinition(t, d.tokens, d.ranges, d.priors);
    const tiny = new Tagger(t.model, t.resources, { cacheWords: 4 });
    tiny.tagDocument(docs[1]!.tokens, docs[1]!.ranges, docs[1]!.priors);
    const got = tiny.tagDocument(d.tokens, d.ranges, d.priors);
    expect([...got.labels]).toEqual([...expected.labels]);
    expect(Float64Array.from(got.emissions)).toEqual(expected.emissions);
  });
});
