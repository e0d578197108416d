/**
 * Development harness for the tagger (`npm run experiment:ner -w @mirsad/ingest`; not part of the
 * build; needs ../shared): trains with the
 * training config overridden from the environment, or loads a model, and prints the dev and AQMAR
 * figures, tagger alone and end to end, in one line each; optionally a breakdown of the dev errors
 * (missed, boundary, type, spurious) and the sentences of one kind of error.
 *
 *   NER_FOLDS=0 NER_ORDERS=1 npx tsx packages/ingest/src/ner/experiment.ts   (no second pass, one order)
 *   NER_LEARNER=crf NER_L2=1 NER_RATE=0.1 …                                   (the CRF)
 *   NER_COMMITTED=1 NER_ERRORS=1 NER_SHOW=PER:boundary …                       (the committed model's errors)
 *   NER_SAVE=/tmp/m.bin.gz …, NER_LOAD=/tmp/m.bin.gz …, NER_QUICK=1 (dev only), NER_SEED=…
 *   NER_PENALTY=10 …                 (TrainConfig.outsidePenalty)
 *   NER_LOAD=/tmp/m.bin.gz NER_OBIAS=2 …   (that much more outside penalty on a saved model: no training)
 *   NER_LOAD=/tmp/m.bin.gz NER_PERBIAS=6 … (that much more on the person labels' bias weights of a saved model)
 *   NER_COMMITTED=1 NER_NODOC=1 …    (a loaded model without its second pass: its document weights zeroed)
 *   NER_CLUSTERS=/tmp/c.tsv.gz NER_NAMES=/tmp/n.tsv.gz …                      (other word resources)
 *   NER_LEXICON_FOLDS=0 …            (no tagged-word lexicon: no first taggers over ANT, minutes faster)
 *   NER_LOAD=/tmp/m.bin.gz NER_TAGGED=/tmp/m.bin.gz.tagged.gz …              (a saved model and its lexicon)
 *
 * Tune on the dev part only, never on AQMAR; and mind that one seed against another moves the dev
 * micro F1 by more than a point (864 gold spans): compare averages over orders, not single runs.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { AQMAR_DIR, CONFIG_DIR } from '../testing/shared.ts';
import { parseClusters } from './clusters.ts';
import { alignGold, parseTagged, type TaggedSentence } from './conll.ts';
import { formatScore, micro, pipelinePredictor, prf, scoreDocuments, taggerPredictor, type DocumentPredictor } from './eval.ts';
import { BIAS } from './features.ts';
import { L, labelIndex, labelSpans, O, type LabelSpan } from './labels.ts';
import { parseModel, serializeModel, Tagger } from './model.ts';
import { parseNames } from './names.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE, TAGGED_FILE } from './paths.ts';
import { ANERCORP_TRAIN } from './train.ts';
import { splitDev, TRAIN_CONFIG, trainTwoStage, type TrainConfig } from './training.ts';
import { collectAnt } from './train-clusters.ts';
import { parseLabelLexicon, serializeLabelLexicon } from './tagged.ts';

const env = (k: string, d: number) => (process.env[k] !== undefined ? Number(process.env[k]) : d);
const config: TrainConfig = {
  ...TRAIN_CONFIG,
  epochs: env('NER_EPOCHS', TRAIN_CONFIG.epochs),
  folds: env('NER_FOLDS', TRAIN_CONFIG.folds),
  documentEpochs: env('NER_DOC_EPOCHS', TRAIN_CONFIG.documentEpochs),
  learner: (process.env.NER_LEARNER as 'crf' | 'perceptron' | undefined) ?? TRAIN_CONFIG.learner,
  l2: env('NER_L2', TRAIN_CONFIG.l2),
  rate: env('NER_RATE', TRAIN_CONFIG.rate),
  orders: env('NER_ORDERS', TRAIN_CONFIG.orders),
  foldOrders: env('NER_FOLD_ORDERS', TRAIN_CONFIG.foldOrders),
  seed: env('NER_SEED', TRAIN_CONFIG.seed),
  lexiconFolds: env('NER_LEXICON_FOLDS', TRAIN_CONFIG.lexiconFolds),
  lexiconOrders: env('NER_LEXICON_ORDERS', TRAIN_CONFIG.lexiconOrders),
  outsidePenalty: env('NER_PENALTY', TRAIN_CONFIG.outsidePenalty),
};
const resources = {
  clusters: parseClusters(readFileSync(process.env.NER_CLUSTERS ?? CLUSTERS_FILE)),
  names: parseNames(readFileSync(process.env.NER_NAMES ?? NAMES_FILE)),
  tagged: process.env.NER_TAGGED
    ? parseLabelLexicon(readFileSync(process.env.NER_TAGGED))
    : process.env.NER_COMMITTED && existsSync(TAGGED_FILE)
      ? parseLabelLexicon(readFileSync(TAGGED_FILE))
      : null,
};
const g = compileGazetteer(loadEntities(CONFIG_DIR));
const { train, dev } = splitDev(parseTagged(readFileSync(ANERCORP_TRAIN, 'utf8')), TRAIN_CONFIG.devFraction);

// how much the alignment of gold tokens to ours loses
{
  let lost = 0;
  let total = 0;
  for (const s of dev) {
    const { a, labels } = alignGold(s);
    const gold = new Set(s.gold.filter((x) => x.type !== 'MISC').map((x) => `${x.first}:${x.last}:${x.type}`));
    total += gold.size;
    const ours = new Set<string>();
    const starts: number[] = [];
    let at = 0;
    for (const t of s.tokens) {
      starts.push(at);
      at += t.length + 1;
    }
    const idx = (o: number) => {
      let k = 0;
      while (k + 1 < starts.length && (starts[k + 1] as number) <= o) k++;
      return k;
    };
    for (const sp of labelSpans(labels)) ours.add(`${idx(a.tokens[sp.first]!.start)}:${idx(a.tokens[sp.last]!.end - 1)}:${sp.type}`);
    for (const k of gold) if (!ours.has(k)) lost++;
  }
  console.log(`alignment: ${lost} of ${total} dev gold spans lost by alignGold`);
}

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let tagger: Tagger;
if (process.env.NER_COMMITTED || process.env.NER_LOAD) {
  const m = parseModel(readFileSync(process.env.NER_LOAD ?? MODEL_FILE));
  // a further outside penalty on a trained model (TrainConfig.outsidePenalty), without training again
  if (process.env.NER_NODOC) m.document.fill(0);
  if (process.env.NER_OBIAS) m.weights[new Tagger(m, resources).row(BIAS) * L + O]! -= Number(process.env.NER_OBIAS);
  // that much more on the bias weights of B-PER and I-PER (a person-only bonus), without training again
  if (process.env.NER_PERBIAS) {
    const row = new Tagger(m, resources).row(BIAS) * L;
    for (const y of [labelIndex('B-PER'), labelIndex('I-PER')]) m.weights[row + y]! += Number(process.env.NER_PERBIAS);
  }
  tagger = new Tagger(m, resources);
} else {
  const corpus = config.lexiconFolds > 0 ? await collectAnt() : null;
  const { weights, tagged } = trainTwoStage(
    { sentences: train, gazetteer: g, resources, config, provenance: {}, log: process.env.NER_LOG ? console.log : undefined },
    corpus,
  );
  resources.tagged = tagged;
  const bytes = serializeModel(weights);
  console.log(
    `trained in ${((performance.now() - t0) / 1000).toFixed(1)} s wall, ${(process.cpuUsage(cpu0).user / 1e6).toFixed(1)} s CPU; ${(bytes.length / 1e6).toFixed(2)} MB`,
  );
  if (process.env.NER_SAVE) writeFileSync(process.env.NER_SAVE, bytes);
  if (process.env.NER_SAVE && tagged) writeFileSync(`${process.env.NER_SAVE}.tagged.gz`, serializeLabelLexicon(tagged));
  tagger = new Tagger(parseModel(bytes), resources);
}

function errors(sentences: readonly TaggedSentence[], predict: DocumentPredictor): string {
  const preds: LabelSpan[][] = [];
  for (let d = 0; d < sentences.length; d += 20) preds.push(...predict(sentences.slice(d, d + 20)));
  const cat: Record<string, Record<string, number>> = {};
  const bump = (type: string, what: string) => ((cat[type] ??= {})[what] = (cat[type]![what] ?? 0) + 1);
  const overlap = (a: LabelSpan, b: LabelSpan) => a.first <= b.last && b.first <= a.last;
  sentences.forEach((s, i) => {
    const gold = s.gold.filter((x) => x.type !== 'MISC');
    const misc = s.gold.filter((x) => x.type === 'MISC');
    const pred = (preds[i] ?? []).filter((p) => p.type !== 'MISC' && !misc.some((m) => m.first <= p.first && p.last <= m.last));
    for (const x of gold) {
      const same = pred.find((p) => p.first === x.first && p.last === x.last);
      if (same && same.type === x.type) bump(x.type, 'correct');
      else if (same) bump(x.type, `type->${same.type}`);
      else {
        const o = pred.filter((p) => overlap(p, x));
        if (o.length === 0) bump(x.type, 'missed');
        else if (o.some((p) => p.type === x.type)) bump(x.type, 'boundary');
        else bump(x.type, 'boundary+type');
      }
    }
    for (const p of pred) {
      if (gold.some((x) => x.first === p.first && x.last === p.last)) continue;
      if (!gold.some((x) => overlap(p, x))) bump(p.type, misc.some((m) => overlap(m, p)) ? 'spurious(misc-overlap)' : 'spurious');
    }
  });
  return Object.entries(cat)
    .map(
      ([t, c]) =>
        `  ${t}: ${Object.entries(c)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    )
    .join('\n');
}

const aqmar = readdirSync(AQMAR_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => parseTagged(readFileSync(path.join(AQMAR_DIR, f), 'utf8')));
const line = (name: string, s: ReturnType<typeof scoreDocuments>) => {
  const f = (c: { tp: number; fp: number; fn: number }) => (100 * prf(c).f).toFixed(1);
  const m = prf(micro(s));
  return `${name.padEnd(22)} micro ${(100 * m.p).toFixed(1)}/${(100 * m.r).toFixed(1)}/${(100 * m.f).toFixed(1)}  PER ${f(s.byType.PER)}  LOC ${f(s.byType.LOC)}  ORG ${f(s.byType.ORG)}`;
};
console.log(line('dev tagger alone', scoreDocuments([dev], taggerPredictor(g, tagger))));
console.log(line('dev end to end', scoreDocuments([dev], pipelinePredictor(g, tagger))));
if (!process.env.NER_QUICK) {
  console.log(line('AQMAR tagger alone', scoreDocuments(aqmar, taggerPredictor(g, tagger))));
  console.log(line('AQMAR end to end', scoreDocuments(aqmar, pipelinePredictor(g, tagger))));
}
if (process.env.NER_ERRORS) {
  console.log('dev errors, tagger alone:\n' + errors(dev, taggerPredictor(g, tagger)));
  console.log('dev errors, end to end:\n' + errors(dev, pipelinePredictor(g, tagger)));
  console.log(formatScore(scoreDocuments([dev], taggerPredictor(g, tagger))));
}
if (process.env.NER_SHOW) {
  const want = process.env.NER_SHOW; // e.g. PER:boundary
  const [type, kind] = want.split(':');
  const predict = taggerPredictor(g, tagger);
  const preds: LabelSpan[][] = [];
  for (let d = 0; d < dev.length; d += 20) preds.push(...predict(dev.slice(d, d + 20)));
  const overlap = (a: LabelSpan, b: LabelSpan) => a.first <= b.last && b.first <= a.last;
  const show = (s: TaggedSentence, x: LabelSpan) =>
    s.tokens.slice(Math.max(0, x.first - 3), x.first).join(' ') +
    ' [' +
    s.tokens.slice(x.first, x.last + 1).join(' ') +
    '] ' +
    s.tokens.slice(x.last + 1, x.last + 4).join(' ');
  dev.forEach((s, i) => {
    const pred = preds[i] ?? [];
    for (const x of s.gold.filter((x) => x.type === type)) {
      const same = pred.find((p) => p.first === x.first && p.last === x.last && p.type === x.type);
      if (same) continue;
      const o = pred.filter((p) => overlap(p, x));
      const k = o.length === 0 ? 'missed' : o.some((p) => p.type === x.type) ? 'boundary' : 'type';
      if (k === kind) console.log(`gold ${show(s, x)}   pred ${o.map((p) => `${p.type}:${show(s, p)}`).join(' | ')}`);
    }
  });
}
