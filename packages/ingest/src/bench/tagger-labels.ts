/**
 * `npm run bench -- tagger-labels [N]`: digests of what the tagger outputs — every label and every
 * emission score of its two passes (Tagger.tagDocument, with the rules' priors) — on the dev part of
 * ANERcorp's training file (documents of TRAIN_CONFIG.documentSentences sentences, as train:ner
 * scores them) and on the first N ANT articles, with the default word cache and with one small
 * enough to evict all the time, and without the load pack's precomputed words. A change meant to make the tagger faster, not different, must leave
 * the digests as they were: run it before and after.
 */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer, type Gazetteer } from '../extract/gazetteer.ts';
import { rulePriors, sentenceRanges } from '../extract/mentions.ts';
import { parseTagged, sentenceText } from '../ner/conll.ts';
import { L } from '../ner/labels.ts';
import { defaultTagger, type Tagger } from '../ner/model.ts';
import { splitDev, TRAIN_CONFIG } from '../ner/training.ts';
import { CONFIG_DIR, SHARED_DIR } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import type { AnalyzedText } from '../types.ts';
import { antDocuments } from './tagger.ts';

const ANERCORP_TRAIN = path.join(SHARED_DIR, 'ner', 'anercorp', 'train.txt');
/** Word types the evicting tagger keeps: far fewer than one ANT article's worth of documents brings. */
const SMALL_CACHE = 600;

function devDocuments(): AnalyzedText[] {
  if (!existsSync(ANERCORP_TRAIN)) return [];
  const { dev } = splitDev(parseTagged(readFileSync(ANERCORP_TRAIN, 'utf8')), TRAIN_CONFIG.devFraction);
  const docs: AnalyzedText[] = [];
  for (let i = 0; i < dev.length; i += TRAIN_CONFIG.documentSentences) {
    const text = dev
      .slice(i, i + TRAIN_CONFIG.documentSentences)
      .map((s) => sentenceText(s.tokens).text)
      .join('\n');
    docs.push(analyze(text));
  }
  return docs;
}

/** The tagger's labels and emissions over the documents, into two digests; and how many labels are not O. */
function digest(
  tagger: Tagger,
  docs: readonly AnalyzedText[],
  g: Gazetteer,
  priors: Map<AnalyzedText, Uint8Array>,
): { labels: string; emissions: string; named: number } {
  const labels: Hash = createHash('sha256');
  const emissions: Hash = createHash('sha256');
  let named = 0;
  for (const a of docs) {
    let p = priors.get(a);
    if (!p) priors.set(a, (p = rulePriors(a, g)));
    const out = tagger.tagDocument(a.tokens, sentenceRanges(a), p);
    labels.update(out.labels);
    emissions.update(new Uint8Array(out.emissions.buffer, out.emissions.byteOffset, a.tokens.length * L * 8));
    for (const y of out.labels) if (y !== 0) named++;
  }
  return { labels: labels.digest('hex').slice(0, 16), emissions: emissions.digest('hex').slice(0, 16), named };
}

export async function main(articles = 3000): Promise<number> {
  const tagger = defaultTagger();
  if (!tagger) {
    console.warn('[skip] tagger-labels: the model is missing');
    return 0;
  }
  const g = compileGazetteer(loadEntities(CONFIG_DIR));
  const priors = new Map<AnalyzedText, Uint8Array>();
  for (const [what, docs] of [
    ['ANERcorp dev part', devDocuments()],
    [`ANT, first ${articles} articles`, await antDocuments(articles)],
  ] as const) {
    if (docs.length === 0) {
      console.warn(`[skip] tagger-labels: no ${what} (../shared is there for developers and CI only)`);
      continue;
    }
    const tokens = docs.reduce((n, a) => n + a.tokens.length, 0);
    const big = digest(tagger.fresh(), docs, g, priors);
    const small = digest(tagger.fresh({ cacheWords: SMALL_CACHE }), docs, g, priors);
    // every word's vector summed by the thread itself, none read from the pack's precomputed words
    const own = digest(tagger.fresh({ precomputed: false }), docs, g, priors);
    console.log(`${what}: ${docs.length} documents, ${tokens} tokens, ${big.named} labels not O`);
    console.log(`  default cache:     labels ${big.labels}, emissions ${big.emissions}`);
    console.log(`  ${SMALL_CACHE}-word cache: labels ${small.labels}, emissions ${small.emissions}`);
    console.log(`  no precomputed words: labels ${own.labels}, emissions ${own.emissions}`);
    if (small.labels !== big.labels || small.emissions !== big.emissions) {
      console.error('  the evicting cache gives other labels or emissions');
      return 1;
    }
    if (own.labels !== big.labels || own.emissions !== big.emissions) {
      console.error("  the pack's precomputed words give other labels or emissions");
      return 1;
    }
  }
  return 0;
}
