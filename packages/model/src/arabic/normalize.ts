/**
 * The matching normalisation as functions: MATCH_FOLD (every step) and each named step alone, for
 * code that needs one fold and not the others.
 */
import { Fold, MATCH_FOLD, type Folded, type FoldStep } from './fold.ts';

const step = (s: FoldStep): ((text: string) => string) => {
  const f = new Fold([s]);
  return (text) => f.apply(text);
};

/** Drops harakat, tanwin, shadda, sukun, superscript alef, Quranic and honorific marks. */
export const dediacritize = step('diacritics');
export const dropTatweel = step('tatweel');
/** Drops zero-width characters, direction marks and soft hyphens. */
export const dropInvisibles = step('invisibles');
/** أ إ آ ٱ ٲ ٳ → ا */
export const foldAlef = step('alef');
/** ى → ي */
export const foldAlefMaksura = step('alefMaksura');
/** ة → ه */
export const foldTehMarbuta = step('tehMarbuta');
/** Persian, Urdu and Maghrebi letters → the Arabic letter news spells the same sound with (ڨ → ق, ڤ → ف, گ → ك, پ → ب, چ → ج, ژ → ز, ی → ي…). */
export const foldLookalikes = step('lookalikes');
/** Arabic-Indic and Eastern Arabic-Indic digits → ASCII. */
export const foldDigits = step('digits');
/** Lower case, wherever one code unit lower-cases to one. */
export const foldCase = step('lowerCase');
/** Presentation forms (FB50–FDFF, FE70–FEFC) → the letters they stand for (ﻻ → لا). */
export const decomposePresentationForms = step('presentationForms');

/** The matching form of a string: every step of FOLD_TABLE. */
export function fold(s: string): string {
  return MATCH_FOLD.apply(s);
}

/** fold(s), and for every folded character the index in `s` it came from. */
export function foldWithOffsets(s: string): Folded {
  return MATCH_FOLD.withOffsets(s);
}

/** Index in `original` where character `foldedIndex` of fold(original) begins (see Fold.originalIndex). */
export function originalIndex(original: string, foldedIndex: number): number {
  return MATCH_FOLD.originalIndex(original, foldedIndex);
}

/** True for the code units the matching form drops (diacritics, tatweel, invisible marks). */
export function isDropped(code: number): boolean {
  return MATCH_FOLD.drops(code);
}

/** The matching form of one code unit ('' when dropped, several letters for a ligature). */
export function foldChar(code: number): string {
  return MATCH_FOLD.char(code);
}
