/**
 * Matching normalisation for Arabic (Lucene's ArabicNormalizer, CAMeL Tools): strips diacritics,
 * tatweel and invisible marks; أ إ آ ٱ → ا; ى → ي; ة → ه; Persian/Urdu look-alikes → Arabic;
 * Arabic-Indic digits → ASCII; ASCII letters → lower case. Used for matching only: `body` is never
 * rewritten, and every normalised index maps back to the text as written.
 */

const REMOVE = -1;
/** Code unit → replacement code unit, REMOVE, or 0 for "unchanged". */
const MAP = new Int32Array(0x10000);

function setRange(from: number, to: number, value: number): void {
  for (let c = from; c <= to; c++) MAP[c] = value;
}

setRange(0x064b, 0x065f, REMOVE); // harakat, tanwin, shadda, sukun, and the extended marks
MAP[0x0670] = REMOVE; // superscript alef
setRange(0x06d6, 0x06ed, REMOVE); // Quranic annotation marks
setRange(0x0610, 0x061a, REMOVE); // honorific and small marks
MAP[0x0640] = REMOVE; // tatweel
for (const c of [0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x061c, 0xfeff, 0x00ad, 0x2066, 0x2067, 0x2068, 0x2069, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e]) {
  MAP[c] = REMOVE; // zero-width joiners, direction marks, soft hyphen
}
for (const c of [0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673]) MAP[c] = 0x0627; // alef variants → ا
MAP[0x0649] = 0x064a; // ى → ي
MAP[0x06cc] = 0x064a; // Persian yeh → ي
MAP[0x06d2] = 0x064a; // yeh barree → ي
MAP[0x0629] = 0x0647; // ة → ه
MAP[0x06c1] = 0x0647; // heh goal → ه
MAP[0x06d5] = 0x0647; // ae → ه
MAP[0x06a9] = 0x0643; // keheh → ك
MAP[0x06af] = 0x0643; // gaf → ك (غ would change meaning; Maghrebi ڭ likewise)
MAP[0x06a4] = 0x0641; // veh → ف (ڤ in names like ڤيينا)
MAP[0x067e] = 0x0628; // peh → ب
for (let d = 0; d < 10; d++) {
  MAP[0x0660 + d] = 0x30 + d; // Arabic-Indic digits
  MAP[0x06f0 + d] = 0x30 + d; // Eastern Arabic (Persian) digits
}
for (let c = 0x41; c <= 0x5a; c++) MAP[c] = c + 32; // ASCII upper → lower

/** Arabic presentation forms decompose to one or more letters (ﻻ → لا); NFKC knows how. */
function isPresentationForm(c: number): boolean {
  return (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc);
}

function expand(c: number): string {
  const decomposed = String.fromCharCode(c).normalize('NFKC');
  let out = '';
  for (let i = 0; i < decomposed.length; i++) {
    const d = decomposed.charCodeAt(i);
    const m = MAP[d] ?? 0;
    if (m === REMOVE || d === 0x20) continue;
    out += String.fromCharCode(m === 0 ? d : m);
  }
  return out;
}

export interface Normalized {
  /** The matching form. */
  text: string;
  /** offsets[i] is the index in the original of normalised char i; offsets[text.length] is the original length. */
  offsets: Int32Array;
}

/** Normalises `s` and keeps, for every normalised character, where it came from. */
export function normalizeForMatch(s: string): Normalized {
  const offsets = new Int32Array(s.length * 3 + 1);
  const parts: string[] = [];
  let n = 0;
  let run = '';
  const flush = () => {
    if (run) parts.push(run);
    run = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = MAP[c] ?? 0;
    if (m === REMOVE) continue;
    if (isPresentationForm(c)) {
      const e = expand(c);
      for (let k = 0; k < e.length; k++) offsets[n++] = i;
      run += e;
      continue;
    }
    offsets[n++] = i;
    run += m === 0 ? s[i] : String.fromCharCode(m);
    if (run.length > 4096) flush();
  }
  flush();
  offsets[n] = s.length;
  return { text: parts.join(''), offsets: offsets.slice(0, n + 1) };
}

/** The matching form of a short string (a word, a cue, a name), without an offset map. */
export function normalizeText(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = MAP[c] ?? 0;
    if (m === 0 && !isPresentationForm(c)) {
      if (changed) out += s[i];
      continue;
    }
    if (!changed) {
      out = s.slice(0, i);
      changed = true;
    }
    if (m === REMOVE) continue;
    out += isPresentationForm(c) ? expand(c) : String.fromCharCode(m);
  }
  return changed ? out : s;
}

/**
 * Index in `original` where normalised character `normIndex` of it begins (original.length when
 * normIndex is the normalised length). Characters removed by normalisation before a kept one
 * belong to the gap, so a span [a, b) of the normalised form maps to
 * [originalIndex(a), originalIndex(b)) and keeps trailing diacritics with their word.
 */
export function originalIndex(original: string, normIndex: number): number {
  if (normIndex <= 0) {
    // skip leading removable marks so a span never starts on a stray diacritic
    let i = 0;
    while (i < original.length && MAP[original.charCodeAt(i)] === REMOVE) i++;
    return i;
  }
  let n = 0;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    const m = MAP[c] ?? 0;
    if (m === REMOVE) continue;
    const width = isPresentationForm(c) ? expand(c).length : 1;
    if (n >= normIndex) return i;
    n += width;
  }
  return original.length;
}

/** True for the code units normalisation drops (diacritics, tatweel, invisible marks). */
export function isRemovable(code: number): boolean {
  return MAP[code] === REMOVE;
}
