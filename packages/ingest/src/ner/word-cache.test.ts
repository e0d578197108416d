import { describe, expect, it } from 'vitest';
import { WordCache } from './word-cache.ts';

describe('WordCache', () => {
  it('tells apart keys that share a start, differ in one character, or differ only in script', () => {
    const cache = new WordCache(100, 1);
    cache.nextDocument();
    // written for this test: odd and even lengths, a one-letter difference at the end, a prefix
    const words = ['كتب', 'كتاب', 'كتابه', 'كتابة', 'ك', 'ab', 'abc'];
    const slots = words.map((w) => cache.add(w, false));
    const latin = cache.add('ab', true);
    expect(new Set([...slots, latin]).size).toBe(words.length + 1);
    words.forEach((w, i) => expect(cache.find(w, false), w).toBe(slots[i]));
    expect(cache.find('ab', true)).toBe(latin);
    expect(cache.find('abc', true)).toBe(-1);
    expect(cache.find('كتا', false)).toBe(-1);
    expect(cache.find('', false)).toBe(-1);
  });

  it('finds words longer than a record holds, and only the same word', () => {
    const cache = new WordCache(100, 1);
    cache.nextDocument();
    const long = 'ل'.repeat(30) + 'ا';
    const other = 'ل'.repeat(30) + 'ب';
    const s = cache.add(long, false);
    expect(cache.find(long, false)).toBe(s);
    expect(cache.find(other, false)).toBe(-1);
    expect(cache.find('ل'.repeat(24), false)).toBe(-1);
  });

  it('reuses the slot of an evicted word without finding it again, and keeps the current document', () => {
    const cache = new WordCache(4, 1);
    cache.nextDocument();
    const first = cache.add('الأول', false);
    cache.add('الثاني', false);
    // two documents later, the first words were not used: new words take their slots
    cache.nextDocument();
    cache.nextDocument();
    const a = cache.add('جديد', false);
    const b = cache.add('آخر', false);
    expect(cache.find('جديد', false)).toBe(a);
    expect(cache.find('آخر', false)).toBe(b);
    expect([a, b]).toContain(first);
    expect(cache.find('الأول', false)).toBe(-1);
  });
});
