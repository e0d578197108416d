/**
 * The character sets of Arabic-script news text, as code point ranges (after CAMeL Tools'
 * utils/charsets), and the class of every BMP code unit the tokenizer and the name keys share.
 */

/** An inclusive range of UTF-16 code units. */
export type CodeRange = readonly [first: number, last: number];

/** Tanwin, harakat, shadda, sukun and the extended marks up to U+065F. */
export const HARAKAT: CodeRange = [0x064b, 0x065f];
export const SUPERSCRIPT_ALEF = 0x0670;
export const QURANIC_MARKS: CodeRange = [0x06d6, 0x06ed];
/** Honorifics (ﷺ written small) and the small marks above letters. */
export const HONORIFIC_MARKS: CodeRange = [0x0610, 0x061a];
export const TATWEEL = 0x0640;
/** Zero-width characters, direction marks and the soft hyphen: invisible, never part of a word's spelling. */
export const INVISIBLES: readonly number[] = [
  0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0xfeff, 0x00ad, 0x2066, 0x2067, 0x2068, 0x2069, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e,
];
/** Presentation forms A (ligatures, contextual Persian/Urdu letters) and B (contextual letter shapes). */
export const PRESENTATION_FORMS: readonly CodeRange[] = [
  [0xfb50, 0xfdff],
  [0xfe70, 0xfefc],
];
/** Letters of the Arabic block and its supplements (with the presentation forms). */
export const ARABIC_LETTERS: readonly CodeRange[] = [
  [0x0621, 0x064a],
  [0x066e, 0x06d3],
  [0x06d5, 0x06d5],
  [0x06fa, 0x06ff],
  [0x0750, 0x077f],
  [0x08a0, 0x08ff],
  ...PRESENTATION_FORMS,
];
/** Marks written on a letter: they stay inside its word. */
export const ARABIC_MARKS: readonly CodeRange[] = [HARAKAT, [SUPERSCRIPT_ALEF, SUPERSCRIPT_ALEF], QURANIC_MARKS, HONORIFIC_MARKS, [TATWEEL, TATWEEL]];
export const LATIN_LETTERS: readonly CodeRange[] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0xd6],
  [0xd8, 0xf6],
  [0xf8, 0x24f],
  [0x1e00, 0x1eff], // Latin Extended Additional (Vietnamese, some transliterations)
];
/** Combining accents: «Saïed» typed as i + U+0308 is one word. */
export const COMBINING_MARKS: CodeRange = [0x0300, 0x036f];
export const ASCII_DIGITS: CodeRange = [0x30, 0x39];
export const ARABIC_INDIC_DIGITS: CodeRange = [0x0660, 0x0669];
/** Eastern Arabic-Indic (Persian, Urdu) digits. */
export const EXTENDED_DIGITS: CodeRange = [0x06f0, 0x06f9];
/** Joiners and the soft hyphen sit inside a word. */
export const JOINERS: readonly number[] = [0x200c, 0x200d, 0x00ad];
/** White space, plus the invisible direction marks, which must never glue two words together. */
export const SPACES: readonly (number | CodeRange)[] = [
  0x09,
  0x0a,
  0x0b,
  0x0c,
  0x0d,
  0x20,
  0x85,
  0xa0,
  0x1680,
  0x2028,
  0x2029,
  0x202f,
  0x205f,
  0x3000,
  0x200b,
  0xfeff,
  [0x2000, 0x200a],
  0x200e,
  0x200f,
  0x061c,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
];

export function inRange(c: number, r: CodeRange): boolean {
  return c >= r[0] && c <= r[1];
}

export function isPresentationForm(c: number): boolean {
  return (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

/** What a code unit is to the tokenizer. */
export const CharClass = {
  Space: 0,
  Arabic: 1,
  Mark: 2,
  Latin: 3,
  Digit: 4,
  Joiner: 5,
  Punct: 6,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

/** CHAR_CLASS[code unit]: every code unit not in a set above is punctuation (a token of its own). */
export const CHAR_CLASS: Uint8Array = buildClasses();

function buildClasses(): Uint8Array {
  const cls = new Uint8Array(0x10000).fill(CharClass.Punct);
  const set = (items: readonly (number | CodeRange)[], k: CharClass) => {
    for (const item of items) {
      const [from, to] = typeof item === 'number' ? [item, item] : item;
      for (let c = from; c <= to; c++) cls[c] = k;
    }
  };
  // order matters: marks (tatweel) sit inside the letter range, spaces and joiners are set last
  set(ARABIC_LETTERS, CharClass.Arabic);
  set(ARABIC_MARKS, CharClass.Mark);
  set(JOINERS, CharClass.Joiner);
  set(LATIN_LETTERS, CharClass.Latin);
  set([COMBINING_MARKS], CharClass.Mark);
  set([ASCII_DIGITS, ARABIC_INDIC_DIGITS, EXTENDED_DIGITS], CharClass.Digit);
  set(SPACES, CharClass.Space);
  return cls;
}

/**
 * Splits `s` into words the way the ingest tokenizer and the config keys both need: a word is a run of
 * letters of one script, with marks, digits and joiners inside it ("ARLINGTONبلينكن" is two words);
 * every other non-space character is a word of its own, a surrogate pair kept whole. `visit` gets
 * each word's span and what it is: Arabic, Latin, Punct, or Digit for a run with no letter.
 */
export function forEachWord(s: string, visit: (start: number, end: number, kind: CharClass) => void): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const cls = CHAR_CLASS[c] as CharClass;
    if (cls === CharClass.Space) {
      i++;
      continue;
    }
    if (cls === CharClass.Punct || (c >= 0xd800 && c <= 0xdfff)) {
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      visit(i, i + w, CharClass.Punct);
      i += w;
      continue;
    }
    const start = i;
    let script: CharClass | null = null;
    while (i < n) {
      const k = CHAR_CLASS[s.charCodeAt(i)] as CharClass;
      if (k === CharClass.Arabic || k === CharClass.Latin) {
        if (script !== null && script !== k) break;
        script = k;
      } else if (k !== CharClass.Mark && k !== CharClass.Digit && k !== CharClass.Joiner) break;
      i++;
    }
    visit(start, i, script ?? CharClass.Digit);
  }
}
