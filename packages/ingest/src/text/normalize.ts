/**
 * Matching normalisation for the text core: the one fold of @mirsad/model/arabic (diacritics,
 * tatweel and invisible marks dropped; hamza seats, ى, ة, Persian/Urdu/Maghrebi letters and
 * presentation forms folded; Arabic-Indic digits to ASCII; lower case), under the names the
 * extractors use. Used for matching only: `body` is never rewritten, and every normalised index
 * maps back to the text as written.
 */
import { fold, foldWithOffsets, isDropped, originalIndex as foldedToOriginal, type Folded } from '@mirsad/model/arabic';

export type Normalized = Folded;

/** Normalises `s` and keeps, for every normalised character, where it came from. */
export function normalizeForMatch(s: string): Normalized {
  return foldWithOffsets(s);
}

/** The matching form of a short string (a word, a cue, a name), without an offset map. */
export function normalizeText(s: string): string {
  return fold(s);
}

/** The matching forms of words, given as a list or as one string of words separated by spaces (cue lists). */
export function normalizedSet(words: string | readonly string[]): Set<string> {
  const list = typeof words === 'string' ? words.split(/\s+/).filter(Boolean) : words;
  return new Set(list.map((w) => normalizeText(w)));
}

/**
 * Index in `original` where normalised character `normIndex` of it begins (original.length when
 * normIndex is the normalised length); trailing diacritics stay with their word.
 */
export function originalIndex(original: string, normIndex: number): number {
  return foldedToOriginal(original, normIndex);
}

/** True for the code units normalisation drops (diacritics, tatweel, invisible marks). */
export function isRemovable(code: number): boolean {
  return isDropped(code);
}
