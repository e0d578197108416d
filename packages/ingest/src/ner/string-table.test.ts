import { describe, expect, it } from 'vitest';
import { stringCount, stringIndex, stringTable } from './string-table.ts';
import { wordHash } from './word-cache.ts';

describe('a string table', () => {
  // written for this test: a prefix, a one-letter difference, an empty string, a long word
  const words = ['كتب', 'كتاب', 'كتابة', '', 'ك', 'استراتيجياتهم', 'abc'];

  it('finds each of its strings at its index, and nothing else', () => {
    const hash = (s: string) => wordHash(s, false);
    const t = stringTable(words, hash);
    expect(stringCount(t)).toBe(words.length);
    words.forEach((w, i) => expect(stringIndex(t, w, hash(w)), w).toBe(i));
    for (const w of ['كتا', 'كتابه', 'ab', 'abcd', 'استراتيجياتهن']) expect(stringIndex(t, w, hash(w)), w).toBe(-1);
  });

  it('tells apart strings of one hash (the probe goes on past them)', () => {
    const t = stringTable(words, () => 7);
    words.forEach((w, i) => expect(stringIndex(t, w, 7), w).toBe(i));
    expect(stringIndex(t, 'كتا', 7)).toBe(-1);
  });

  it('tells apart long strings that share the letters its slots hold', () => {
    const hash = (s: string) => wordHash(s, false);
    // written for this test: twelve letters alike, then one apart; and one of the same length that differs first
    const long = ['استراتيجياتهم', 'استراتيجياتهن', 'استراتيجيات', 'باستراتيجياته'];
    const t = stringTable(long, hash);
    long.forEach((w, i) => expect(stringIndex(t, w, hash(w)), w).toBe(i));
    for (const w of ['استراتيجياتها', 'استراتيجياتي', 'استراتيجيا']) expect(stringIndex(t, w, hash(w)), w).toBe(-1);
    const same = stringTable(long, () => 7);
    long.forEach((w, i) => expect(stringIndex(same, w, 7), w).toBe(i));
    expect(stringIndex(same, 'استراتيجياتها', 7)).toBe(-1);
  });

  it('may be empty', () => {
    const t = stringTable([], (s) => wordHash(s, false));
    expect(stringCount(t)).toBe(0);
    expect(stringIndex(t, 'كتب', wordHash('كتب', false))).toBe(-1);
  });
});
