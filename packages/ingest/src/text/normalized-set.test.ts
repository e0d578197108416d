import { describe, expect, it } from 'vitest';
import { normalizedSet, normalizeText } from './normalize.ts';

describe('normalizedSet', () => {
  it('folds each word of a space-separated list or of an array the same way, without empty words', () => {
    const written = ' أمس   البارحة\nغداً ';
    const want = new Set(['أمس', 'البارحة', 'غداً'].map(normalizeText));
    expect(normalizedSet(written)).toEqual(want);
    expect(normalizedSet(['أمس', 'البارحة', 'غداً'])).toEqual(want);
    expect(normalizedSet('البارحة').has('البارحه')).toBe(true);
    expect(normalizedSet('')).toEqual(new Set());
  });
});
