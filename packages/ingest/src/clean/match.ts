import { normalizeText } from '../text/normalize.ts';

const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * The form in which lines and chrome phrases are compared: the matching normalisation of
 * text/normalize.ts (diacritics, tatweel, hamza forms, ى, ة, case) with punctuation and runs of
 * spaces turned into single spaces. For comparing only; body keeps the text as written.
 */
export function matchKey(s: string): string {
  return normalizeText(s).replace(NOT_WORD, ' ').trim();
}
