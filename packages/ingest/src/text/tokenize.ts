/**
 * Tokens with offsets into the text as written. A word is a run of Arabic letters (with their
 * diacritics and tatweel), Latin letters or digits; every other non-space character is a
 * punctuation token of its own. JavaScript's \b does not see Arabic letters, so classification
 * is by code point here: the words of forEachWord of @mirsad/model/arabic (which the config's name
 * keys share), walked here in one loop with its table rather than through a callback per token.
 */
import type { Token } from '../types.ts';
import { CHAR_CLASS, CharClass } from '@mirsad/model/arabic';
import { foldLatin } from './latin.ts';
import { normalizeText } from './normalize.ts';

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
      const end = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1);
      const text = body.slice(i, end);
      tokens.push({ start: i, end, text, norm: text, kind: 'punct' });
      i = end;
      continue;
    }
    // as forEachWord: letters of one script, with marks, digits and joiners inside the word
    const start = i;
    let script: CharClass | null = null;
    while (i < n) {
      const k = CHAR_CLASS[body.charCodeAt(i)] as CharClass;
      if (k === CharClass.Arabic || k === CharClass.Latin) {
        if (script !== null && script !== k) break;
        script = k;
      } else if (k !== CharClass.Mark && k !== CharClass.Digit && k !== CharClass.Joiner) break;
      i++;
    }
    const text = body.slice(start, i);
    if (script === CharClass.Arabic) {
      tokens.push({ start, end: i, text, norm: normalizeText(text), kind: 'arabic' });
    } else if (script === CharClass.Latin) {
      tokens.push({ start, end: i, text, norm: foldLatin(normalizeText(text)), kind: 'latin' });
    } else {
      const norm = normalizeText(text);
      tokens.push({ start, end: i, text, norm, kind: /[0-9]/.test(norm) ? 'number' : 'punct' });
    }
  }
  return tokens;
}
