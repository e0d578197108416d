/**
 * The language of an article (ISO 639-1), from its script and, for Latin script, its function
 * words: a script profile plus a stop-word profile, as simple language identifiers do (CLD's
 * script pass, franc's trigram fallback is not needed for the few languages a Maghreb or Gulf
 * outlet publishes in). One pass over the characters and one over the tokens already made.
 * The script with most words wins, so an Arabic article with an English caption stays `ar`.
 */
import type { Token } from '../types.ts';

/** Function words per Latin-script language, in matching form (lower case, no accents); no single letters, which lists and codes are full of. */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'the',
    'and',
    'of',
    'to',
    'in',
    'is',
    'that',
    'for',
    'on',
    'with',
    'as',
    'was',
    'by',
    'at',
    'from',
    'it',
    'be',
    'has',
    'have',
    'are',
    'were',
    'said',
    'this',
    'which',
    'an',
    'will',
    'its',
    'not',
    'but',
    'their',
    'after',
    'he',
    'she',
    'they',
    'who',
    'would',
  ],
  fr: [
    'le',
    'la',
    'les',
    'des',
    'du',
    'de',
    'et',
    'un',
    'une',
    'est',
    'que',
    'qui',
    'dans',
    'pour',
    'sur',
    'au',
    'aux',
    'par',
    'avec',
    'pas',
    'ce',
    'cette',
    'sont',
    'il',
    'elle',
    'ont',
    'ete',
    'ses',
    'leur',
    'lors',
    'selon',
    'entre',
    'mais',
    'ou',
    'son',
    'sa',
    'qu',
  ],
  es: [
    'el',
    'los',
    'las',
    'del',
    'en',
    'que',
    'por',
    'con',
    'para',
    'una',
    'es',
    'se',
    'su',
    'al',
    'como',
    'mas',
    'fue',
    'ha',
    'sus',
    'este',
    'esta',
    'pero',
    'entre',
    'sobre',
  ],
  it: [
    'il',
    'lo',
    'gli',
    'della',
    'dei',
    'delle',
    'del',
    'che',
    'per',
    'con',
    'una',
    'sono',
    'nel',
    'nella',
    'alla',
    'anche',
    'non',
    'ha',
    'si',
    'al',
    'un',
    'di',
    'da',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'mit',
    'von',
    'den',
    'dem',
    'ein',
    'eine',
    'zu',
    'auf',
    'fur',
    'sich',
    'auch',
    'im',
    'des',
    'wird',
    'werden',
    'bei',
    'nach',
  ],
  pt: ['os', 'as', 'da', 'do', 'das', 'dos', 'em', 'no', 'na', 'um', 'uma', 'que', 'para', 'com', 'nao', 'por', 'mais', 'foi', 'ao', 'pelo', 'pela'],
  nl: ['de', 'het', 'een', 'van', 'en', 'in', 'is', 'dat', 'op', 'te', 'met', 'voor', 'zijn', 'niet', 'aan', 'er', 'ook', 'bij', 'werd'],
};
const LATIN_LANGS = Object.keys(STOPWORDS);

/** word → weight per language: a word shared by k languages counts 1/k for each. */
const WORD_WEIGHTS = new Map<string, Float64Array>();
for (const [li, lang] of LATIN_LANGS.entries()) {
  for (const w of STOPWORDS[lang] as readonly string[]) {
    let v = WORD_WEIGHTS.get(w);
    if (!v) WORD_WEIGHTS.set(w, (v = new Float64Array(LATIN_LANGS.length)));
    v[li] = 1;
  }
}
for (const v of WORD_WEIGHTS.values()) {
  const k = v.reduce((a, b) => a + b, 0);
  for (let i = 0; i < v.length; i++) if (v[i]) v[i] = 1 / k;
}

/** Scripts other than Arabic and Latin, by code point range, with the language they imply. */
const OTHER_SCRIPTS: readonly [from: number, to: number, lang: string][] = [
  [0x0370, 0x03ff, 'el'],
  [0x0400, 0x04ff, 'ru'],
  [0x0590, 0x05ff, 'he'],
  [0x0900, 0x097f, 'hi'],
  [0x0530, 0x058f, 'hy'],
  [0x10a0, 0x10ff, 'ka'],
  [0x0e00, 0x0e7f, 'th'],
  [0x1200, 0x137f, 'am'],
  [0x3040, 0x30ff, 'ja'],
  [0x4e00, 0x9fff, 'zh'],
  [0xac00, 0xd7af, 'ko'],
];
// Ranges of code points, not characters: a combining mark at a range's end is meant.
// eslint-disable-next-line no-misleading-character-class
const OTHER_SCRIPT_CHAR = /[\u0370-\u05ff\u0900-\u097f\u0e00-\u0e7f\u10a0-\u10ff\u1200-\u137f\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/;
/** Cyrillic letters Ukrainian has and Russian does not: і ї є ґ. */
const UKRAINIAN = new Set([0x0456, 0x0457, 0x0454, 0x0491, 0x0406, 0x0407, 0x0404, 0x0490]);

export const DEFAULT_LANG = 'ar';

export function detectLang(body: string, tokens: readonly Token[]): string {
  let arabicWords = 0;
  let latinWords = 0;
  const scores = new Float64Array(LATIN_LANGS.length);
  for (const t of tokens) {
    if (t.kind === 'arabic') arabicWords++;
    else if (t.kind === 'latin') {
      latinWords++;
      const w = WORD_WEIGHTS.get(t.norm);
      if (w) for (let i = 0; i < w.length; i++) scores[i] = (scores[i] as number) + (w[i] as number);
    }
  }
  const other = otherScript(body, arabicWords + latinWords);
  if (other) return other;
  if (arabicWords === 0 && latinWords === 0) return DEFAULT_LANG;
  let best = 0;
  for (let i = 1; i < scores.length; i++) if ((scores[i] as number) > (scores[best] as number)) best = i;
  const functionWords = scores.reduce((x, y) => x + y, 0);
  // Latin prose is about one function word in three; a list of channels, codes or names is not prose
  const latinProse = functionWords >= MIN_FUNCTION_SHARE * latinWords;
  if (arabicWords > 0 && (arabicWords >= latinWords || !latinProse)) return arabicScriptLang(body, tokens);
  // Latin text without a single function word (a list of names, a short caption): English is the likelier guess
  return (scores[best] as number) > 0 ? (LATIN_LANGS[best] as string) : 'en';
}

const MIN_FUNCTION_SHARE = 0.15;

/**
 * A script other than Arabic and Latin, when its letters outnumber the Arabic and Latin words
 * (about five letters each); null otherwise.
 */
function otherScript(body: string, words: number): string | null {
  if (!OTHER_SCRIPT_CHAR.test(body)) return null;
  let counts: Map<string, number> | null = null;
  let ukrainian = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c < 0x0370 || (c >= 0x0600 && c <= 0x06ff) || (c >= 0xfb50 && c <= 0xfeff)) continue;
    for (const [from, to, lang] of OTHER_SCRIPTS) {
      if (c < from || c > to) continue;
      counts ??= new Map();
      counts.set(lang, (counts.get(lang) ?? 0) + 1);
      if (UKRAINIAN.has(c)) ukrainian++;
      break;
    }
  }
  if (!counts) return null;
  let best: string | null = null;
  let max = 0;
  for (const [lang, n] of counts) if (n > max) [best, max] = [lang, n];
  const letterWeight = best === 'zh' || best === 'ja' || best === 'ko' ? 2 : 5;
  if (best === null || max / letterWeight <= words) return null;
  if (best === 'ru' && ukrainian * 50 > max) return 'uk';
  return best;
}

/**
 * Function words of Persian (in matching form: ی → ي, ک → ك) and of Arabic. Some Arabic sites type
 * the Persian ی and ک throughout, so the letters alone do not make a text Persian: its words do
 * (a few Urdu ones too: «اور», «میں», «کو»).
 */
const PERSIAN_WORDS = new Set([
  'است',
  'اين',
  'كه',
  'را',
  'مي',
  'هاي',
  'براي',
  'بود',
  'شد',
  'كرد',
  'از',
  'به',
  'در',
  'با',
  'نيز',
  'خود',
  'اند',
  'شده',
  'كند',
  'هم',
  'اور',
  'ميں',
  'كو',
]);
const ARABIC_WORDS = new Set([
  'في',
  'من',
  'علي',
  'الي',
  'عن',
  'ان',
  'التي',
  'الذي',
  'هذا',
  'هذه',
  'مع',
  'كان',
  'قال',
  'او',
  'ما',
  'لا',
  'بين',
  'بعد',
  'ذلك',
  'حيث',
]);
/** Urdu's own letters (ٹ ڈ ڑ ں ے). */
const URDU = new Set([0x0679, 0x0688, 0x0691, 0x06ba, 0x06d2]);

/** Arabic script is Arabic unless Persian function words outnumber Arabic ones (then Urdu when its letters are there). */
function arabicScriptLang(body: string, tokens: readonly Token[]): string {
  if (body.indexOf('\u06a9') < 0 && body.indexOf('\u06cc') < 0) return 'ar';
  let persian = 0;
  let arabic = 0;
  let letters = 0;
  let urdu = 0;
  for (const t of tokens) {
    if (t.kind !== 'arabic') continue;
    if (PERSIAN_WORDS.has(t.norm)) persian++;
    else if (ARABIC_WORDS.has(t.norm)) arabic++;
    for (let i = t.start; i < t.end; i++) {
      letters++;
      if (URDU.has(body.charCodeAt(i))) urdu++;
    }
  }
  if (persian <= arabic) return 'ar';
  return urdu * 200 >= letters ? 'ur' : 'fa';
}
