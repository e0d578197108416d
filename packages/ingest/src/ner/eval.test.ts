import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.ts';
import { FIXTURE_CONFIG_DIR } from '../testing/fixtures.ts';
import { alignGold, parseTagged } from './conll.ts';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { formatRejections, formatScore, personRejections, scoreDocuments, scoreSentences, taggerPredictor, type Predictor } from './eval.ts';
import { featureId } from './features.ts';
import { LABELS } from './labels.ts';
import { handTagger } from './testing.ts';

// written for this test: ANERcorp-style tags (PERS, MISC) and AQMAR-style ones (MIS1, a stray I-)
const FILE = [
  'زار O',
  'سمير B-PERS',
  'نوري I-PERS',
  'مدينة O',
  'ودمشق B-LOC',
  '. O',
  '',
  'فاز I-MIS1',
  'نادي I-MIS1',
  'الوحدة I-MIS1',
  'في O',
  'حلب B-LOC',
  'الجديدة I-LOC',
  '',
  'وقالت O',
  'منظمة B-ORG',
  'الزيتون I-ORG',
  'إن O',
  'هالة B-PER',
  'بكري I-PER',
  'وصلت O',
  '',
].join('\n');

describe('token TAG files', () => {
  it('reads ANERcorp and AQMAR tags: PERS is PER, MIS* is MISC, a stray I- opens a span', () => {
    const s = parseTagged(FILE);
    expect(s).toHaveLength(3);
    expect(s[0]!.gold).toEqual([
      { first: 1, last: 2, type: 'PER' },
      { first: 4, last: 4, type: 'LOC' },
    ]);
    expect(s[1]!.gold).toEqual([
      { first: 0, last: 2, type: 'MISC' },
      { first: 4, last: 5, type: 'LOC' },
    ]);
  });

  it('gives a file token split by the tokenizer its label on the first piece and I- on the rest', () => {
    const { a, labels } = alignGold({ tokens: ['زار', 'U.N.', 'اليوم'], gold: [{ first: 1, last: 1, type: 'ORG' }] });
    expect(a.tokens.map((t) => t.text)).toEqual(['زار', 'U', '.', 'N', '.', 'اليوم']);
    expect([...labels].map((y) => LABELS[y])).toEqual(['O', 'B-ORG', 'I-ORG', 'I-ORG', 'I-ORG', 'O']);
  });
});

describe('the tagger alone', () => {
  // a model that knows three words; «U.N.» is five of our tokens, so positions shift after it
  const tagger = handTagger([
    [featureId(0, 'w', 'سمير'), 'B-PER', 5],
    [featureId(0, 'w', 'نوري'), 'I-PER', 5],
    [featureId(0, 'w', 'حلب'), 'B-LOC', 5],
  ]);
  const doc = [
    { tokens: ['زار', 'U.N.', 'حلب', 'مع', 'سمير', 'نوري'], gold: [{ first: 2, last: 2, type: 'LOC' as const }] },
    { tokens: ['وصل', 'سمير', 'نوري', 'أمس'], gold: [{ first: 1, last: 2, type: 'PER' as const }] },
  ];

  it('maps its spans back to each sentence of a document, on the file tokens', () => {
    expect(taggerPredictor(compileGazetteer([]), tagger)(doc)).toEqual([
      [
        { first: 2, last: 2, type: 'LOC' },
        { first: 4, last: 5, type: 'PER' },
      ],
      [{ first: 1, last: 2, type: 'PER' }],
    ]);
  });

  it('is scored like any predictor: the person the gold of the first sentence lacks is a false positive', () => {
    const s = scoreDocuments([doc], taggerPredictor(compileGazetteer([]), tagger));
    expect(s.byType.LOC).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(s.byType.PER).toEqual({ tp: 1, fp: 1, fn: 0 });
  });
});

describe('the persons findMentions leaves out, per filter', () => {
  // the model reads «سمير نوري» and «كيارا» as persons; «كيارا» alone is too unsure to be kept
  const tagger = handTagger([
    [featureId(0, 'w', 'سمير'), 'B-PER', 5],
    [featureId(0, 'w', 'نوري'), 'I-PER', 5],
    [featureId(0, 'w', 'كيارا'), 'B-PER', 3],
    [featureId(0, 'w', 'ثم'), 'B-PER', 5],
  ]);
  const doc = [
    { tokens: ['وصل', 'سمير', 'نوري', 'أمس'], gold: [{ first: 1, last: 2, type: 'PER' as const }] },
    { tokens: ['وقال', 'كيارا', 'إن', 'الوفد', 'وصل', 'ثم', 'غادر'], gold: [{ first: 1, last: 1, type: 'PER' as const }] },
  ];

  it('counts each refused tagger person under its reason, gold persons apart from the rest', () => {
    const r = personRejections([doc], compileGazetteer([]), tagger);
    expect(Object.fromEntries([...r.byReason].map(([reason, c]) => [reason, [c.gold, c.other]]))).toEqual({
      'one word, unknown alone, margin': [1, 0],
      'function word': [0, 1],
    });
    expect(formatRejections(r)).toMatch(/one word, unknown alone, margin\s+gold persons\s+1, others\s+0/);
  });
});

describe('scoring', () => {
  const sentences = parseTagged(FILE);
  // a fixed prediction per sentence, to check the counting
  const predict: Predictor = (s) =>
    s === sentences[0]
      ? [
          { first: 1, last: 2, type: 'PER' }, // right
          { first: 4, last: 4, type: 'ORG' }, // right span, wrong type
        ]
      : s === sentences[1]
        ? [
            { first: 1, last: 2, type: 'ORG' }, // inside the MISC span: not counted
            { first: 4, last: 4, type: 'LOC' }, // too short
          ]
        : [{ first: 1, last: 2, type: 'ORG' }];

  it('counts exact span and type only, and leaves mentions inside MISC out', () => {
    const s = scoreSentences(sentences, predict);
    expect(s.byType.PER).toEqual({ tp: 1, fp: 0, fn: 1 });
    expect(s.byType.LOC).toEqual({ tp: 0, fp: 1, fn: 2 });
    expect(s.byType.ORG).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(s.insideMisc).toBe(1);
  });

  it('ends with «micro P R F1» in percent with one decimal', () => {
    const lines = formatScore(scoreSentences(sentences, predict)).split('\n');
    // tp 2, fp 2, fn 3: P 50.0, R 40.0, F1 44.4
    expect(lines[lines.length - 1]).toBe('micro 50.0 40.0 44.4');
    expect(lines.find((l) => l.startsWith('PER '))).toMatch(/PER\s+2\s+1\s+1\s+100\.0\s+50\.0\s+66\.7$/);
  });
});

describe('mirsad eval-ner', () => {
  it('scores a file through the mention pipeline and prints the micro line last', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-eval-'));
    try {
      const file = path.join(dir, 'gold.txt');
      // the unit-test gazetteer knows Tebboune, Morocco and Algeria; the second person only a tagger could find
      writeFileSync(
        file,
        [
          'التقى O',
          'عبد B-PERS',
          'المجيد I-PERS',
          'تبون I-PERS',
          'سفير O',
          'المغرب B-LOC',
          'في O',
          'الجزائر B-LOC',
          '. O',
          '',
          'ووصلت O',
          'هالة B-PERS',
          'بكري I-PERS',
          'أمس O',
          '',
        ].join('\n'),
      );
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['eval-ner', file, '--no-tagger', '--config', FIXTURE_CONFIG_DIR], { out: (s) => out.push(s), err: (s) => err.push(s) });
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const lines = out.join('\n').split('\n');
      expect(lines[lines.length - 1]).toBe('micro 100.0 75.0 85.7');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a missing file with a message', async () => {
    const err: string[] = [];
    const code = await main(['eval-ner', '/nonexistent/gold.txt'], { out: () => {}, err: (s) => err.push(s) });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/cannot read "\/nonexistent\/gold.txt"/);
  });
});
