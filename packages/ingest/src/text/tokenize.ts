/**
 * Tokens with offsets into the text as written. A word is a run of Arabic letters (with their
 * diacritics and tatweel), Latin letters or digits; every other non-space character is a
 * punctuation token of its own. JavaScript's \b does not see Arabic letters, so classification
 * is by code point here.
 */
import type { Token } from '../types.ts';
import { foldLatin } from './latin.ts';
import { normalizeText } from './normalize.ts';

const enum Cls {
  Space,
  Arabic,
  Mark,
  Latin,
  Digit,
  Joiner,
  Punct,
}

const CLS = new Uint8Array(0x10000).fill(Cls.Punct);
function set(from: number, to: number, cls: Cls): void {
  for (let c = from; c <= to; c++) CLS[c] = cls;
}
set(0x0621, 0x064a, Cls.Arabic);
set(0x066e, 0x06d3, Cls.Arabic);
CLS[0x06d5] = Cls.Arabic;
set(0x06fa, 0x06ff, Cls.Arabic);
set(0x0750, 0x077f, Cls.Arabic);
set(0x08a0, 0x08ff, Cls.Arabic);
set(0xfb50, 0xfdff, Cls.Arabic);
set(0xfe70, 0xfefc, Cls.Arabic);
set(0x064b, 0x065f, Cls.Mark);
CLS[0x0670] = Cls.Mark;
set(0x06d6, 0x06ed, Cls.Mark);
set(0x0610, 0x061a, Cls.Mark);
CLS[0x0640] = Cls.Mark; // tatweel
for (const c of [0x200c, 0x200d, 0x00ad]) CLS[c] = Cls.Joiner;
set(0x41, 0x5a, Cls.Latin);
set(0x61, 0x7a, Cls.Latin);
set(0xc0, 0x24f, Cls.Latin);
set(0x1e00, 0x1eff, Cls.Latin); // Latin Extended Additional (Vietnamese, some transliterations)
CLS[0xd7] = Cls.Punct;
CLS[0xf7] = Cls.Punct;
// combining accents: «Saïed» typed as i + U+0308 is one word
set(0x0300, 0x036f, Cls.Mark);
set(0x30, 0x39, Cls.Digit);
set(0x0660, 0x0669, Cls.Digit);
set(0x06f0, 0x06f9, Cls.Digit);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0x200b, 0xfeff]) {
  CLS[c] = Cls.Space;
}
set(0x2000, 0x200a, Cls.Space);
// direction marks are invisible: treat as space so they never glue two words together
for (const c of [0x200e, 0x200f, 0x061c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) CLS[c] = Cls.Space;

export function tokenize(body: string): Token[] {
  const tokens: Token[] = [];
  const n = body.length;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    const cls = CLS[c] as Cls;
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
    let script: Cls.Arabic | Cls.Latin | null = null;
    while (i < n) {
      const k = CLS[body.charCodeAt(i)] as Cls;
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
