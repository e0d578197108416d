/**
 * Document-level (non-local) features, the second pass of the tagger: how the same word was
 * labelled by the first pass elsewhere in the article. A name is usually written in full once and
 * then alone («نيسان», «جوزيه», «الليكود»), often where its own context says little; the label its
 * other occurrences got says what it is (Ratinov & Roth 2009, "extended prediction history").
 *
 * The second pass adds a small table of weights (DOC_FEATURES × L) to the first pass's emissions
 * and decodes again, only for the sentences holding a word labelled elsewhere: the word-local
 * work is not repeated.
 */
import { cliticSplits } from '../text/clitics.ts';
import type { Token } from '../types.ts';
import { L, O } from './labels.ts';

/**
 * Feature f < L: another occurrence of the word got label f (f ≠ O); f = L: the word is also left
 * outside any entity elsewhere while labelled somewhere (an ambiguous word); f = L + 1: every other
 * occurrence is labelled.
 */
export const DOC_FEATURES = L + 2;
const MIXED = L;
const ALWAYS = L + 1;

/** The word a document's occurrences are compared by: the stem without proclitics or article, so «للأهلي» is «الأهلي». */
export function documentKey(t: Pick<Token, 'kind' | 'norm'>): string | null {
  if (t.kind === 'latin') return t.norm.length >= 2 ? t.norm : null;
  if (t.kind !== 'arabic' || t.norm.length < 2) return null;
  let best = t.norm;
  let strip = 0;
  for (const s of cliticSplits(t.norm)) {
    const n = s.skip + (s.definite ? 2 : 0);
    if (n > strip && s.stem.length >= 2) {
      strip = n;
      best = s.stem;
    }
  }
  return best;
}

/** Label counts per document key over a document's first-pass labels. */
export function documentCounts(keys: readonly (string | null)[], labels: ArrayLike<number>): Map<string, Uint16Array> {
  const counts = new Map<string, Uint16Array>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === null || k === undefined) continue;
    let c = counts.get(k);
    if (!c) counts.set(k, (c = new Uint16Array(L)));
    c[labels[i] as number]!++;
  }
  return counts;
}

/**
 * The document features of one token (its own first-pass label left out of the counts; its
 * word's L counts start at `at`), pushed
 * into `into`; returns how many were pushed. Nothing for a word no other occurrence labelled.
 */
export function documentFeatures(counts: Uint16Array | undefined, at: number, own: number, into: number[]): number {
  if (!counts) return 0;
  let labelled = 0;
  let outside = counts[at + O] as number;
  if (own === O) outside--;
  const before = into.length;
  for (let y = 1; y < L; y++) {
    const n = (counts[at + y] as number) - (own === y ? 1 : 0);
    if (n > 0) {
      into.push(y);
      labelled += n;
    }
  }
  if (labelled === 0) return 0;
  into.push(outside > 0 ? MIXED : ALWAYS);
  return into.length - before;
}

/** Adds the document weights of token i's features to its emission row. */
export function addDocumentWeights(
  weights: Float32Array | Float64Array,
  features: readonly number[],
  emissions: Float32Array | Float64Array,
  row: number,
): void {
  for (const f of features) {
    const base = f * L;
    for (let y = 0; y < L; y++) emissions[row + y]! += weights[base + y] as number;
  }
}
