import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import type { Token } from '../types.ts';
import { BOUNDARY_AFTER, BOUNDARY_BEFORE, contextFeatureIds, OFFSETS, PRIOR_CODES, wordFeatureIds, wordProperties } from './features.ts';
import { L } from './labels.ts';
import { defaultTagger, Tagger } from './model.ts';

/** A token's emission scores as training defines them: the weights of every feature id, summed one by one. */
function emissionsByDefinition(tagger: Tagger, tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Float64Array {
  const out = new Float64Array((end - first) * L);
  const ids: number[] = [];
  for (let i = first; i < end; i++) {
    ids.length = 0;
    for (const o of OFFSETS) {
      const j = i + o;
      const w = j < first ? BOUNDARY_BEFORE : j >= end ? BOUNDARY_AFTER : (tokens[j] as Token);
      wordFeatureIds(wordProperties(w, tagger.resources), o, ids);
    }
    contextFeatureIds(priors, i, ids);
    for (const h of ids) {
      const r = tagger.row(h);
      if (r < 0) continue;
      for (let y = 0; y < L; y++) out[(i - first) * L + y]! += tagger.model.weights[r * L + y] as number;
    }
  }
  return out;
}

const tagger = defaultTagger();

describe.skipIf(tagger === null)('the committed tagger', () => {
  // written for this test: a sentence with clitic-bearing words, a name, a number and a Latin word
  const tokens = tokenize('وقال الوزير سامي الخطيب للصحفيين في مدينة طرابلس إن الاتفاق مع شركة Petrobras يشمل 12 مشروعا جديدا');

  it('scores every token of sentences of every length as the sum of its features, near the ends too', () => {
    const t = tagger as Tagger;
    const priors = Uint8Array.from(tokens, (_, i) => (i * 7) % PRIOR_CODES);
    for (const [first, end] of [
      [0, 1],
      [0, 2],
      [3, 6],
      [2, 9],
      [0, tokens.length],
      [tokens.length - 4, tokens.length],
    ] as const) {
      expect(t.emissions(tokens, first, end, priors), `tokens ${first}–${end}`).toEqual(emissionsByDefinition(t, tokens, first, end, priors));
    }
  });

  it('gives the same scores with its word cache cold and warm', () => {
    const t = tagger as Tagger;
    const priors = new Uint8Array(tokens.length);
    const cold = new Tagger(t.model, t.resources).emissions(tokens, 0, tokens.length, priors);
    const fresh = new Tagger(t.model, t.resources);
    fresh.emissions(tokens, 2, 8, priors);
    expect(fresh.emissions(tokens, 0, tokens.length, priors)).toEqual(cold);
  });
});
