import { describe, expect, it } from 'vitest';
import { analyze } from '../text/index.ts';
import { sentenceRanges } from '../extract/mentions.ts';
import { DOC_FEATURES, documentCounts, documentFeatures, documentKey } from './document.ts';
import { featureId } from './features.ts';
import { L, labelIndex, LABELS } from './labels.ts';
import { handTagger } from './testing.ts';

const B_PER = labelIndex('B-PER');

describe('document features', () => {
  it('compare words without their proclitics and article', () => {
    const key = (w: string) => documentKey(analyze(w).tokens[0]!);
    expect(key('وكمال')).toBe(key('كمال'));
    expect(key('للأهلي')).toBe(key('الأهلي'));
    expect(key('،')).toBeNull();
  });

  it('say how the other occurrences of a word were labelled, never the token itself', () => {
    const counts = documentCounts(['كمال', 'كمال', 'قال'], [B_PER, 0, 0]);
    const out: number[] = [];
    // the O occurrence sees one B-PER elsewhere, and no other O: always labelled elsewhere
    expect(documentFeatures(counts.get('كمال'), 0, 0, out)).toBe(2);
    expect(out).toEqual([B_PER, L + 1]);
    out.length = 0;
    // the B-PER occurrence sees only an O: nothing labelled elsewhere, no feature
    expect(documentFeatures(counts.get('كمال'), 0, B_PER, out)).toBe(0);
    expect(documentFeatures(counts.get('قال'), 0, 0, out)).toBe(0);
  });
});

describe('Tagger.tagDocument', () => {
  it('relabels a word its own sentence says nothing about from how it was labelled elsewhere in the article', () => {
    const document = new Float32Array(DOC_FEATURES * L);
    document[B_PER * L + B_PER] = 10;
    const tagger = handTagger([[featureId(0, 'w', 'كمال'), 'B-PER', 5]], 1, undefined, document);
    const a = analyze('وصل كمال أمس.\nوقال وكمال إن الوفد جاهز.');
    const ranges = sentenceRanges(a);
    expect(ranges.length).toBe(2);
    const priors = new Uint8Array(a.tokens.length);
    const labelsOf = (labels: Uint8Array) => a.tokens.map((t, i) => [t.text, LABELS[labels[i]!]]).filter(([, y]) => y !== 'O');
    // sentence by sentence, «وكمال» has no weight of its own
    const alone = new Uint8Array(a.tokens.length);
    for (const [f, e] of ranges) alone.set(tagger.tag(a.tokens, f, e, priors), f);
    expect(labelsOf(alone)).toEqual([['كمال', 'B-PER']]);
    expect(labelsOf(tagger.tagDocument(a.tokens, ranges, priors).labels)).toEqual([
      ['كمال', 'B-PER'],
      ['وكمال', 'B-PER'],
    ]);
  });
});
