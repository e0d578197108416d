import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { PRIOR_CODES } from './features.ts';
import { defaultTagger, Tagger } from './model.ts';
import { emissionsByDefinition } from './testing.ts';

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
