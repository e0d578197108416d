/**
 * Tokens with offsets into the text as written. A word is a run of Arabic letters (with their
 * diacritics and tatweel), Latin letters or digits; every other non-space character is a
 * punctuation token of its own. JavaScript's \b does not see Arabic letters, so classification
 * is by code point here: the words of forEachWord of @mirsad/model/arabic (which the config's name keys
 * share), split by the same table in the loop below.
 */
import type { Token } from '../types.ts';
import { CHAR_CLASS, CharClass, MATCH_FOLD } from '@mirsad/model/arabic';
import { foldLatin } from './latin.ts';
import { normalizeText } from './normalize.ts';

/** 1 for the code units the matching fold changes: a word with none is its own matching form. */
const CHANGED = MATCH_FOLD.changedUnits();

/**
 * forEachWord's words (one loop here rather than a call per word), each with its matching form: the
 * fold is asked only of a word that holds a unit it changes (it gives any other word back as it is).
 */
export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  const n = body.length;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    const cls = CHAR_CLASS[c] as CharClass;
    if (cls === CharClass.Space) {
      i++;
      continue;
    }
    if (cls === CharClass.Punct || (c >= 0xd800 && c <= 0xdfff)) {
      const end = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? i + 2 : i + 1;
      const text = body.slice(i, end);
      tokens.push({ start: i, end, text, norm: text, kind: 'punct' });
      i = end;
      continue;
    }
    const start = i;
    let script: CharClass | null = null;
    let changed = 0;
    while (i < n) {
      const u = body.charCodeAt(i);
      const k = CHAR_CLASS[u] as CharClass;
      if (k === CharClass.Arabic || k === CharClass.Latin) {
        if (script !== null && script !== k) break;
        script = k;
      } else if (k !== CharClass.Mark && k !== CharClass.Digit && k !== CharClass.Joiner) break;
      changed |= CHANGED[u] as number;
      i++;
    }
    const text = body.slice(start, i);
    const folded = changed === 0 ? text : normalizeText(text);
    if (script === CharClass.Arabic) tokens.push({ start, end: i, text, norm: folded, kind: 'arabic' });
    else if (script === CharClass.Latin) tokens.push({ start, end: i, text, norm: foldLatin(folded), kind: 'latin' });
    else tokens.push({ start, end: i, text, norm: folded, kind: /[0-9]/.test(folded) ? 'number' : 'punct' });
  }
  return tokens;
}
