import { describe, expect, it } from 'vitest';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { tokenize } from '../text/tokenize.ts';
import { CorpusCollector } from './clusters.ts';
import { parseTagged } from './conll.ts';
import { L, labelIndex } from './labels.ts';
import { parseModel, serializeModel, Tagger } from './model.ts';
import { serializeNames } from './names.ts';
import { labelLexicon, parseLabelLexicon, serializeLabelLexicon, tagCorpus } from './tagged.ts';
import { trainTagger, type TrainConfig } from './training.ts';

function counts(rows: Record<string, number>[]): Uint32Array {
  const c = new Uint32Array(rows.length * L);
  rows.forEach((r, w) => {
    for (const [tag, n] of Object.entries(r)) c[w * L + labelIndex(tag as never)] = n;
  });
  return c;
}

describe('the tagged-word lexicon', () => {
  it('says how often a word was inside a name of each type, and whether it began or continued it', () => {
    const words = ['غوريندا', 'تالسا', 'قال', 'بيرسو', 'ميرادون'];
    const lex = labelLexicon(
      words,
      counts([
        { O: 1, 'B-PER': 9 }, // 90% a person's first word
        { O: 6, 'B-LOC': 2, 'I-ORG': 2 }, // a place at 20%, inside organisations at 20%
        { O: 500, 'B-PER': 1 }, // below 5%: nothing
        { 'I-PER': 2 }, // seen twice only
        { O: 30 }, // never labelled
      ]),
    );
    expect(lex.get('غوريندا')).toEqual(['PER:4', 'PERB:4']);
    expect(lex.get('تالسا')).toEqual(['LOC:2', 'LOCB:2', 'ORG:2', 'ORGI:2']);
    expect(lex.has('قال')).toBe(false);
    expect(lex.has('بيرسو')).toBe(false);
    expect(lex.has('ميرادون')).toBe(false);
  });

  it('is written and read back as it was, and refuses another file', () => {
    const lex = new Map([
      ['تالسا', ['LOC:3', 'LOCB:3']],
      ['غوريندا', ['PER:4', 'PERB:4']],
    ]);
    expect([...parseLabelLexicon(serializeLabelLexicon(lex))]).toEqual([...lex]);
    expect(() => parseLabelLexicon(serializeNames(lex))).toThrow(/#tagged 1/);
  });

  it('counts what a trained tagger makes of each word of a corpus, across its segments', () => {
    // written for this test: a name the tagger learns from its context alone
    const sentences = parseTagged(
      [
        'قال O',
        'السيد O',
        'رامز B-PERS',
        'إن O',
        'المطر O',
        'غزير O',
        '. O',
        '',
        'قال O',
        'السيد O',
        'وسام B-PERS',
        'إن O',
        'الطريق O',
        'مغلق O',
        '. O',
        '',
        'وصل O',
        'إلى O',
        'طرطوس B-LOC',
        'أمس O',
        '. O',
        '',
      ].join('\n'),
    );
    const config: TrainConfig = {
      learner: 'perceptron',
      epochs: 6,
      orders: 1,
      l2: 1,
      rate: 0.1,
      folds: 0,
      foldOrders: 1,
      documentEpochs: 0,
      documentSentences: 2,
      seed: 3,
      devFraction: 0,
      lexiconFolds: 0,
      lexiconOrders: 1,
      outsidePenalty: 0,
    };
    const resources = { clusters: null, names: null };
    const w = trainTagger({ sentences, gazetteer: compileGazetteer([]), resources, config, provenance: {} });
    const tagger = new Tagger(parseModel(serializeModel(w)), resources);
    const corpus = new CorpusCollector();
    for (const s of ['قال السيد رامز إن المطر غزير .', 'قال السيد رامز إن الطريق مغلق .', 'قال السيد رامز إن البحر هادئ .', 'وصل إلى طرطوس أمس .'])
      corpus.add(tokenize(s));
    const lex = tagCorpus(tagger, corpus);
    expect(lex.get('رامز')).toEqual(['PER:4', 'PERB:4']);
    // seen three times, never labelled; punctuation is never listed
    expect(lex.has('قال')).toBe(false);
    expect(lex.has('.')).toBe(false);
    // seen once only
    expect(lex.has('طرطوس')).toBe(false);
  });
});
