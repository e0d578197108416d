/**
 * The tagger's small table of the most frequent precomputed words (Tagger.hot), probed before the
 * whole table: the same word types found, so the same labels and scores as a tagger that sums every
 * word's vector itself; and a table of at most the words it is asked for.
 */
import { describe, expect, it } from 'vitest';
import { sentenceRanges } from '../extract/mentions.ts';
import { analyze } from '../text/index.ts';
import { hasSeeds, seedText, SEEDS_DIR, skipNotice } from '../testing/shared.ts';
import { defaultTagger, type Tagger } from './model.ts';
import { prefixTable, stringIndex, stringTable } from './string-table.ts';
import { wordHash } from './word-cache.ts';

const hash = (s: string) => wordHash(s, false);

describe('a prefix table', () => {
  // written for this test: words in the order of a frequency list
  const words = ['في', 'من', 'على', 'الرئيس', 'وزير', 'استراتيجياتهم', 'abc', 'ك'];
  const all = stringTable(words, hash);

  it('holds the first n strings, each at its index in the whole table, and none of the others, in a table sized for them', () => {
    for (const n of [0, 1, 3, 5, words.length, 100]) {
      const hot = prefixTable(all, n, hash);
      words.forEach((w, i) => expect(stringIndex(hot, w, hash(w)), `n ${n}, ${w}`).toBe(i < n ? i : -1));
      expect(hot.table.length, `n ${n}`).toBe(stringTable(words.slice(0, n), hash).table.length);
    }
    expect(prefixTable(all, 1, hash).table.length).toBeLessThan(all.table.length);
  });
});

const tagger = defaultTagger();

describe.skipIf(tagger === null || skipNotice('hot words on the seed pages', hasSeeds, SEEDS_DIR))('the tagger with its hot words', () => {
  const docs = ['000', '001', '002', '003', '004'].map((prefix) => {
    const a = analyze(seedText(prefix));
    return { tokens: a.tokens, ranges: sentenceRanges(a), priors: new Uint8Array(a.tokens.length) };
  });

  it('labels and scores the seed pages as a tagger that sums every word itself, whatever the size of its hot table', () => {
    const t = tagger as Tagger;
    const plain = t.fresh({ precomputed: false });
    const expected = docs.map((d) => {
      const got = plain.tagDocument(d.tokens, d.ranges, d.priors);
      return { labels: [...got.labels], emissions: Float64Array.from(got.emissions) };
    });
    // the test means something: the seed pages have entities
    expect(expected.some((x) => x.labels.some((y) => y !== 0))).toBe(true);
    // 0: every precomputed word through the whole table; 40: some through each; the default: all hot
    for (const hotWords of [0, 40, undefined]) {
      const hot = t.fresh(hotWords === undefined ? {} : { hotWords });
      for (const pass of [1, 2]) {
        docs.forEach((d, i) => {
          const got = hot.tagDocument(d.tokens, d.ranges, d.priors);
          const label = `hot ${hotWords ?? 'default'}, pass ${pass}, seed ${i}`;
          expect([...got.labels], label).toEqual(expected[i]!.labels);
          expect(Float64Array.from(got.emissions), label).toEqual(expected[i]!.emissions);
        });
      }
    }
  });
});
