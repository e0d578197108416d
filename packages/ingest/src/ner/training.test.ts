import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { CONFIG_DIR, skipNotice } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import { parseTagged } from './conll.ts';
import { L, labelSpans, O } from './labels.ts';
import { parseModel, serializeModel, Tagger } from './model.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE, TAGGED_FILE } from './paths.ts';
import { parseLabelLexicon, serializeLabelLexicon } from './tagged.ts';
import { CorpusCollector, parseClusters } from './clusters.ts';
import { tokenize } from '../text/tokenize.ts';
import { ANERCORP_TRAIN } from './train.ts';
import { trainPerceptron, type EncodedSentence } from './perceptron.ts';
import { BIAS, featureId } from './features.ts';
import {
  encodeTraining,
  foldStart,
  sha256,
  splitDev,
  TRAIN_CONFIG,
  trainFirstPass,
  trainingDigest,
  trainTagger,
  trainTwoStage,
  type TrainConfig,
} from './training.ts';
import { loadEntities } from '@mirsad/model/config/entities';
import { parseNames } from './names.ts';

// written for this test: a handful of sentences in the ANERcorp layout
const SENTENCES = parseTagged(
  [
    'قال O',
    'سمير B-PERS',
    'نوري I-PERS',
    'إن O',
    'شركة B-ORG',
    'زيتونة I-ORG',
    'تعمل O',
    'في O',
    'حلب B-LOC',
    '. O',
    '',
    'وصل O',
    'كمال B-PERS',
    'حداد I-PERS',
    'إلى O',
    'حمص B-LOC',
    'أمس O',
    '. O',
    '',
    'أعلنت O',
    'شركة B-ORG',
    'النخيل I-ORG',
    'أن O',
    'هالة B-PERS',
    'بكري I-PERS',
    'ستزور O',
    'حلب B-LOC',
    '. O',
    '',
    'التقى O',
    'سمير B-PERS',
    'حداد I-PERS',
    'وفدا O',
    'من O',
    'حمص B-LOC',
    '. O',
    '',
  ].join('\n'),
);
const g = compileGazetteer([]);
const TINY: TrainConfig = {
  learner: 'perceptron',
  epochs: 4,
  orders: 1,
  l2: 1,
  rate: 0.1,
  folds: 2,
  foldOrders: 1,
  documentEpochs: 2,
  documentSentences: 2,
  seed: 7,
  devFraction: 0,
  lexiconFolds: 0,
  lexiconOrders: 1,
  outsidePenalty: 0,
};
const resources = { clusters: null, names: null };

function train(seed: number) {
  return serializeModel(
    trainTagger({
      sentences: SENTENCES,
      gazetteer: g,
      resources,
      config: { ...TINY, seed },
      provenance: { note: 'test' },
    }),
  );
}

describe('training', () => {
  it('gives the same bytes when run twice with the same data and seed', () => {
    const a = train(7);
    const b = train(7);
    expect(sha256(a)).toBe(sha256(b));
    expect(a.length).toBeGreaterThan(100);
  });

  it('learns its training sentences, and records its config in the header', () => {
    const model = parseModel(train(7));
    expect(model.header.training).toMatchObject({ epochs: 4, seed: 7, devFraction: 0, sentences: 4, note: 'test' });
    const tagger = new Tagger(model, resources);
    const a = analyze('وصل كمال حداد إلى حمص أمس .');
    const spans = labelSpans(tagger.tag(a.tokens, 0, a.tokens.length, new Uint8Array(a.tokens.length)));
    expect(spans).toEqual([
      { first: 1, last: 2, type: 'PER' },
      { first: 4, last: 4, type: 'LOC' },
    ]);
  });

  it('averages the perceptrons of several sentence orders into one model (orders)', () => {
    // three feature rows, one a token: the order the sentences are visited in decides a run's weights
    const sentences: EncodedSentence[] = [
      { rows: Int32Array.from([0, 1, 0]), offsets: Int32Array.from([0, 1, 2, 3]), gold: Uint8Array.from([0, 1, 0]) },
      { rows: Int32Array.from([1, 0, 2]), offsets: Int32Array.from([0, 1, 2, 3]), gold: Uint8Array.from([1, 0, 3]) },
      { rows: Int32Array.from([2, 1, 1]), offsets: Int32Array.from([0, 1, 2, 3]), gold: Uint8Array.from([3, 1, 2]) },
      { rows: Int32Array.from([0, 2, 1]), offsets: Int32Array.from([0, 1, 2, 3]), gold: Uint8Array.from([0, 3, 1]) },
    ];
    const config = { ...TINY, epochs: 2 };
    const one = trainPerceptron(sentences, 3, { epochs: 2, seed: 11 });
    const other = trainPerceptron(sentences, 3, { epochs: 2, seed: 11 + 7919 });
    expect([...one.weights]).not.toEqual([...other.weights]);
    const both = trainFirstPass(sentences, 3, { ...config, orders: 2 }, 11);
    expect([...both.weights]).toEqual([...one.weights].map((w, i) => (w + (other.weights[i] as number)) / 2));
    expect([...both.transitions]).toEqual([...one.transitions].map((w, i) => (w + (other.transitions[i] as number)) / 2));
    expect([...trainFirstPass(sentences, 3, { ...config, orders: 1 }, 11).weights]).toEqual([...one.weights]);
  });

  it('gives each fold of the sentences the resources of that fold (the tagged-word lexicon of a first tagger that never saw it)', () => {
    const lexicon = (code: string) => new Map([['سمير', [code]]]);
    const w = trainTagger({
      sentences: SENTENCES,
      gazetteer: g,
      resources: { ...resources, tagged: lexicon('MISC:4') },
      foldResources: [
        { ...resources, tagged: lexicon('PER:4') },
        { ...resources, tagged: lexicon('LOC:1') },
      ],
      config: TINY,
      provenance: {},
    });
    const hashes = new Set(w.hashes);
    // «سمير» is in the first sentence (fold 1 of 2) and the last (fold 2)
    expect(hashes.has(featureId(0, 'tg', 'PER:4'))).toBe(true);
    expect(hashes.has(featureId(0, 'tg', 'LOC:1'))).toBe(true);
    expect(hashes.has(featureId(0, 'tg', 'MISC:4'))).toBe(false);
  });

  it('trains on a lexicon of first taggers over a corpus, each fold reading one made without it (trainTwoStage)', () => {
    const corpus = new CorpusCollector();
    for (const line of ['قال سمير نوري إن الطقس حار', 'قال سمير نوري إن الطريق مغلق', 'قال سمير نوري إن البحر هادئ', 'وصل كمال حداد إلى حمص'])
      corpus.add(tokenize(line));
    const run = () => trainTwoStage({ sentences: SENTENCES, gazetteer: g, resources, config: { ...TINY, lexiconFolds: 2 }, provenance: {} }, corpus);
    const { weights, tagged } = run();
    expect(tagged?.get('سمير')?.[0]).toMatch(/^PER:/);
    expect(weights.header.training.taggedSha256).toBe(sha256(serializeLabelLexicon(tagged!)));
    expect([...weights.hashes].some((h) => h === featureId(0, 'tg', tagged!.get('سمير')![0]!))).toBe(true);
    // deterministic
    expect(sha256(serializeModel(run().weights))).toBe(sha256(serializeModel(weights)));
    // without a corpus, no lexicon and no first taggers
    expect(trainTwoStage({ sentences: SENTENCES, gazetteer: g, resources, config: { ...TINY, lexiconFolds: 2 }, provenance: {} }, null).tagged).toBeNull();
  });

  it('takes the outside penalty from O’s bias weight of the trained model, after the second pass has learnt (outsidePenalty)', () => {
    const run = (outsidePenalty: number, folds: number) =>
      trainTagger({ sentences: SENTENCES, gazetteer: g, resources, config: { ...TINY, folds, outsidePenalty, documentSentences: 4 }, provenance: {} });
    const plain = run(0, 0);
    const penalised = run(7, 0);
    const bias = [...plain.hashes].indexOf(BIAS);
    expect(bias).toBeGreaterThanOrEqual(0);
    expect(penalised.weights[bias * L + O]).toBeCloseTo((plain.weights[bias * L + O] as number) - 7, 4);
    // nothing else moves
    const rest = (w: Float32Array) => [...w].filter((_, k) => k !== bias * L + O);
    expect(rest(penalised.weights)).toEqual(rest(plain.weights));
    expect([...penalised.transitions]).toEqual([...plain.transitions]);
    // the second pass learns on its folds' labels without it
    const withSecond = run(1000, 2);
    expect([...withSecond.document]).toEqual([...run(0, 2).document]);
    expect(withSecond.weights[bias * L + O]).toBeCloseTo((plain.weights[bias * L + O] as number) - 1000, 3);
  });

  it('cuts folds where the jackknife cuts them', () => {
    expect([0, 1, 2, 3].map((f) => foldStart(f, 10, 3))).toEqual([0, 3, 6, 10]);
  });

  it('carves the dev part from the end of the file', () => {
    expect(splitDev([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1)).toEqual({ train: [1, 2, 3, 4, 5, 6, 7, 8, 9], dev: [10] });
  });
});

describe('the committed model', () => {
  const model = parseModel(readFileSync(MODEL_FILE));

  it('was trained with the training script config and the committed clusters and name lexicon', () => {
    const t = model.header.training;
    expect(Object.fromEntries(Object.keys(TRAIN_CONFIG).map((k) => [k, t[k]]))).toEqual(TRAIN_CONFIG);
    expect(t.clustersSha256).toBe(sha256(readFileSync(CLUSTERS_FILE)));
    expect(t.namesSha256).toBe(sha256(readFileSync(NAMES_FILE)));
  });

  it('comes with the tagged-word lexicon of the same training run exactly when its config makes one', () => {
    if (TRAIN_CONFIG.lexiconFolds > 0) {
      expect(model.header.training.taggedSha256).toBe(sha256(readFileSync(TAGGED_FILE)));
      expect(parseLabelLexicon(readFileSync(TAGGED_FILE)).size).toBeGreaterThan(5000);
    } else {
      expect(model.header.training.taggedSha256).toBeUndefined();
      expect(existsSync(TAGGED_FILE)).toBe(false);
    }
  });

  it.skipIf(skipNotice('ANERcorp training file', existsSync(ANERCORP_TRAIN), ANERCORP_TRAIN))(
    'was trained on ../shared/ner/anercorp/train.txt as it is',
    () => {
      expect(model.header.training.trainSha256).toBe(sha256(readFileSync(ANERCORP_TRAIN)));
    },
  );

  // The rules' priors and the word features are code: a change of either changes what the learner
  // sees, and `npm run train:ner` would no longer give the committed bytes. Checked here in seconds
  // instead of minutes of training.
  it.skipIf(skipNotice('ANERcorp training file', existsSync(ANERCORP_TRAIN), ANERCORP_TRAIN))(
    "was trained on the features today's code computes for it (else run npm run train:ner)",
    () => {
      expect(TRAIN_CONFIG.lexiconFolds, 'with a tagged-word lexicon, the folds read resources of their own').toBe(0);
      const { train } = splitDev(parseTagged(readFileSync(ANERCORP_TRAIN, 'utf8')), TRAIN_CONFIG.devFraction);
      const resources = { clusters: parseClusters(readFileSync(CLUSTERS_FILE)), names: parseNames(readFileSync(NAMES_FILE)) };
      const gazetteer = compileGazetteer(loadEntities(CONFIG_DIR));
      const digest = trainingDigest(encodeTraining({ sentences: train, gazetteer, resources }));
      expect(model.header.training.inputSha256).toBe(digest);
    },
    60_000,
  );
});
