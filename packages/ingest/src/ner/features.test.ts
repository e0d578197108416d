import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { featureId, wordFeatureIds, wordProperties } from './features.ts';

const word = (s: string) => tokenize(s)[0]!;
const props = (s: string) => wordProperties(word(s), { clusters: null, names: null });
const values = (s: string, name: string) =>
  props(s)
    .filter(([n]) => n === name)
    .map(([, v]) => v);

describe('word features', () => {
  it('reads a word with conjunction, preposition and article as its bare stem', () => {
    // وبالرئيس = و + ب + ال + رئيس
    expect(values('وبالرئيس', 'bare')).toEqual(['رئيس']);
    expect(values('وبالرئيس', 'pro')).toEqual(['وبال']);
    expect(values('وبالرئيس', 'stem')).toContain('رئيس');
    expect(values('وبالرئيس', 'stem')).toContain('بالرئيس');
    // the stem's prefixes, the word's suffixes
    expect(values('وبالرئيس', 'pre')).toEqual(['1:ر', '2:رئ', '3:رئي']);
    expect(values('وبالرئيس', 'suf')).toEqual(['1:س', '2:يس', '3:ئيس']);
  });

  it('gives a clitic-bearing word and its plain form the same stem features', () => {
    const stemId = (s: string) => {
      const ids: number[] = [];
      wordFeatureIds(
        props(s).filter(([n]) => n === 'bare'),
        0,
        ids,
      );
      return ids;
    };
    expect(stemId('وللجزائر')).toEqual(stemId('الجزائر'));
    expect(stemId('وللجزائر')).toEqual([featureId(0, 'bare', 'جزائر')]);
    // «لل» is ل + the article
    expect(values('وللجزائر', 'pro')).toEqual(['ولل']);
  });

  it('marks role words, connectors and shapes, and leaves a plain word whole', () => {
    expect(values('والرئيس', 'lex')).toContain('role');
    expect(values('بن', 'lex')).toContain('conn');
    expect(values('سمير', 'bare')).toEqual(['سمير']);
    expect(values('سمير', 'pro')).toEqual(['']);
    expect(values('NASA', 'shape')).toEqual(['latinC:4']);
    expect(values('2024', 'shape')).toEqual(['number:4:d']);
  });

  it('reads how a first tagger labelled the word over the corpus, through its clitics when the word itself is not listed', () => {
    const tagged = new Map([
      ['غوريندا', ['PER:4', 'PERB:4']],
      ['وغوريندا', ['ORG:1', 'ORGB:1']],
    ]);
    const of = (s: string, name: string) =>
      wordProperties(word(s), { clusters: null, names: null, tagged })
        .filter(([n]) => n === name)
        .map(([, v]) => v);
    expect(of('غوريندا', 'tg')).toEqual(['PER:4', 'PERB:4']);
    // listed itself: its own entry only
    expect(of('وغوريندا', 'tg')).toEqual(['ORG:1', 'ORGB:1']);
    expect(of('وغوريندا', 'tgs')).toEqual([]);
    // not listed: its stem's entry, under a template of its own
    expect(of('لغوريندا', 'tg')).toEqual([]);
    expect(of('لغوريندا', 'tgs')).toEqual(['PER:4', 'PERB:4']);
    expect(of('سمير', 'tg')).toEqual([]);
  });

  it('hashes the same property differently at different offsets', () => {
    expect(featureId(0, 'w', 'سمير')).not.toBe(featureId(-1, 'w', 'سمير'));
    expect(() => featureId(2, 'pre', 'x')).toThrow(/no feature template/);
  });
});
