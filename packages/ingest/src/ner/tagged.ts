/**
 * How a first tagger labelled each word over unlabelled running text (the ANT corpus): for a word
 * seen at least MIN_COUNT times, the share of its occurrences inside a person, place, organisation
 * or other name, and whether it mostly starts or continues one. The second tagger reads these as
 * features: «بنتانكور» is never in ANERcorp, but the first tagger found it as a person's name in
 * the contexts where ANT uses it, so it is a person's name word wherever the sentence at hand says
 * little (a corpus-wide "prediction history", Ratinov & Roth 2009).
 *
 * Training avoids trusting the feature more than it deserves: each fold of the training sentences
 * reads a lexicon made by a first tagger that never saw that fold (training.ts), as a sentence at
 * run time reads one made by a tagger that never saw it.
 */
import type { Token } from '../types.ts';
import type { CorpusCollector } from './clusters.ts';
import { L, O } from './labels.ts';
import type { NameLexicon } from './names.ts';
import type { Tagger } from './model.ts';
import { parseLexicon, serializeLexicon } from './lexicon-file.ts';

const TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
const MIN_COUNT = 3;
const HEADER = '#tagged 1';
/** Sentences of the corpus are cut at these tokens, and at most every MAX_SENTENCE tokens. */
const SENTENCE_ENDS = new Set(['.', '!', '?', '؟']);
const MAX_SENTENCE = 80;

/** Share bucket: 4 (≥ 80%), 3 (≥ 50%), 2 (≥ 20%), 1 (≥ 5%); below 5% nothing is said. */
export function shareBucket(share: number): number {
  return share >= 0.8 ? 4 : share >= 0.5 ? 3 : share >= 0.2 ? 2 : share >= 0.05 ? 1 : 0;
}

/**
 * The lexicon from per-word label counts (word w's L counts at counts[w * L …]): codes «PER:3»
 * (share of its occurrences inside a person's name) and «PERB:3» / «PERI:3» (the same share, with
 * whether the word mostly begins the name or continues it).
 */
export function labelLexicon(words: readonly string[], counts: Uint32Array, minCount = MIN_COUNT): NameLexicon {
  const out = new Map<string, string[]>();
  words.forEach((w, id) => {
    let n = 0;
    for (let y = 0; y < L; y++) n += counts[id * L + y] as number;
    if (n < minCount || n === (counts[id * L + O] as number)) return;
    const codes: string[] = [];
    TYPES.forEach((type, k) => {
      const b = counts[id * L + 1 + 2 * k] as number;
      const i = counts[id * L + 2 + 2 * k] as number;
      const bucket = shareBucket((b + i) / n);
      if (bucket === 0) return;
      codes.push(`${type}:${bucket}`, `${type}${b >= i ? 'B' : 'I'}:${bucket}`);
    });
    if (codes.length > 0) out.set(w, codes);
  });
  return out;
}

function kindOf(w: string): Token['kind'] {
  return /[\u0621-\u064A]/.test(w) ? 'arabic' : /[a-z]/i.test(w) ? 'latin' : /[0-9]/.test(w) ? 'number' : 'punct';
}

/**
 * Tags every segment of a collected corpus (no gazetteer or role priors: the lexicon says what the
 * tagger's own features make of a word) and counts the labels per word; only words (Arabic or
 * Latin) enter the lexicon.
 */
export function tagCorpus(tagger: Tagger, corpus: CorpusCollector, minCount = MIN_COUNT): NameLexicon {
  const words = corpus.words;
  const tokens: Token[] = words.map((w) => ({ start: 0, end: w.length, text: w, norm: w, kind: kindOf(w) }));
  const counts = new Uint32Array(words.length * L);
  const seq = corpus.sequence();
  const ranges: [number, number][] = [];
  const toks: Token[] = [];
  let from = 0;
  for (let t = 0; t <= seq.length; t++) {
    if (t < seq.length && (seq[t] as number) >= 0) continue;
    if (t > from) {
      toks.length = 0;
      ranges.length = 0;
      let s = 0;
      for (let i = from; i < t; i++) {
        const tok = tokens[seq[i] as number] as Token;
        toks.push(tok);
        const k = i - from;
        if (SENTENCE_ENDS.has(tok.norm) || k + 1 - s >= MAX_SENTENCE) {
          ranges.push([s, k + 1]);
          s = k + 1;
        }
      }
      if (s < toks.length) ranges.push([s, toks.length]);
      const { labels } = tagger.tagDocument(toks, ranges, new Uint8Array(toks.length));
      for (let i = from; i < t; i++) counts[(seq[i] as number) * L + (labels[i - from] as number)]!++;
    }
    from = t + 1;
  }
  const wordish = words.map((w, id) => (corpus.isWord(id) ? w : ''));
  return labelLexicon(wordish, counts, minCount);
}

/** gzip of a header line and «word<TAB>code code…» lines, sorted by word. */
export function serializeLabelLexicon(lex: NameLexicon): Buffer {
  return serializeLexicon(lex, HEADER);
}

export function parseLabelLexicon(gz: Uint8Array): NameLexicon {
  return parseLexicon(gz, HEADER, 'tagged-word lexicon');
}
