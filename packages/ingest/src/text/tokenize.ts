/**
 * Tokens with offsets into the text as written. A word is a run of Arabic letters (with their
 * diacritics and tatweel), Latin letters or digits; every other non-space character is a
 * punctuation token of its own. JavaScript's \b does not see Arabic letters, so classification
 * is by code point here (forEachWord of @mirsad/model/arabic, which the config's name keys share).
 */
import type { Token } from '../types.ts';
import { CharClass, forEachWord } from '@mirsad/model/arabic';
import { foldLatin } from './latin.ts';
import { normalizeText } from './normalize.ts';

export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(body, (start, end, kind) => {
    const text = body.slice(start, end);
    if (kind === CharClass.Punct) {
      tokens.push({ start, end, text, norm: text, kind: 'punct' });
      return;
    }
    const norm = kind === CharClass.Latin ? foldLatin(normalizeText(text)) : normalizeText(text);
    tokens.push({
      start,
      end,
      text,
      norm,
      kind: kind === CharClass.Arabic ? 'arabic' : kind === CharClass.Latin ? 'latin' : /[0-9]/.test(norm) ? 'number' : 'punct',
    });
  });
  return tokens;
}
