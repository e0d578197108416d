/**
 * Tokens with offsets into the text as written. A word is a run of Arabic letters (with their
 * diacritics and tatweel), Latin letters or digits; every other non-space character is a
 * punctuation token of its own. JavaScript's \b does not see Arabic letters, so classification
 * is by code point here (CHAR_CLASS of @mirsad/model/arabic, which the config's name keys share).
 */
import type { Token } from '../types.ts';
import { CHAR_CLASS, CharClass } from '@mirsad/model/arabic';
import { foldLatin } from './latin.ts';
import { normalizeText } from './normalize.ts';

const Cls = CharClass;
const CLS = CHAR_CLASS;

export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  const n = body.length;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    const cls = CLS[c] as CharClass;
    if (cls === Cls.Space) {
      i++;
      continue;
    }
    if (cls === Cls.Punct || (c >= 0xd800 && c <= 0xdfff)) {
      // a surrogate pair (emoji…) is one punctuation token, never split in half
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      const text = body.slice(i, i + w);
      tokens.push({ start: i, end: i + w, text, norm: text, kind: 'punct' });
      i += w;
      continue;
    }
    const start = i;
    // a word of one script does not run into the other ("ARLINGTONبلينكن"); digits join either
    let script: CharClass | null = null;
    while (i < n) {
      const k = CLS[body.charCodeAt(i)] as CharClass;
      if (k === Cls.Arabic || k === Cls.Latin) {
        if (script !== null && script !== k) break;
        script = k;
      } else if (k !== Cls.Mark && k !== Cls.Digit && k !== Cls.Joiner) break;
      i++;
    }
    const text = body.slice(start, i);
    const norm = script === Cls.Latin ? foldLatin(normalizeText(text)) : normalizeText(text);
    const kind: Token['kind'] =
      script === Cls.Arabic ? 'arabic' : script === Cls.Latin ? 'latin' : /[0-9]/.test(norm) ? 'number' : 'punct';
    tokens.push({ start, end: i, text, norm, kind });
  }
  return tokens;
}
