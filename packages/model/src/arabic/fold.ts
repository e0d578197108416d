/**
 * The one fold table of Mirsad's matching normalisation (after CAMeL Tools' utils/charmap and
 * normalize, and Lucene's ArabicNormalizer): every character that matching folds, the character it
 * becomes ('' to drop it), and the named step it belongs to. A Fold is a compiled selection of
 * steps; MATCH_FOLD is all of them, the form every name, cue, alias and token is compared in.
 * For comparing only: text as written is never rewritten, and every folded index maps back to it.
 */
import {
  ARABIC_INDIC_DIGITS,
  EXTENDED_DIGITS,
  HARAKAT,
  HONORIFIC_MARKS,
  INVISIBLES,
  PRESENTATION_FORMS,
  QURANIC_MARKS,
  SUPERSCRIPT_ALEF,
  TATWEEL,
  type CodeRange,
} from './charsets.ts';

export type FoldStep =
  'diacritics' | 'tatweel' | 'invisibles' | 'alef' | 'alefMaksura' | 'tehMarbuta' | 'lookalikes' | 'digits' | 'lowerCase' | 'presentationForms';

export interface FoldRule {
  step: FoldStep;
  /** Characters (or code unit ranges) the rule applies to. */
  from: string | readonly (number | CodeRange)[];
  /** What each becomes: one character, or '' to drop it. */
  to: string;
  why?: string;
}

export const FOLD_TABLE: readonly FoldRule[] = [
  { step: 'diacritics', from: [HARAKAT, SUPERSCRIPT_ALEF, QURANIC_MARKS, HONORIFIC_MARKS], to: '' },
  { step: 'tatweel', from: [TATWEEL], to: '' },
  { step: 'invisibles', from: INVISIBLES, to: '' },
  { step: 'alef', from: 'أإآٱٲٳ', to: 'ا', why: 'hamza seats and wasla are written or left out at will' },
  { step: 'alefMaksura', from: 'ى', to: 'ي' },
  { step: 'tehMarbuta', from: 'ة', to: 'ه' },
  // Persian, Urdu and Maghrebi letters for sounds Arabic spells with a near letter; never to a
  // letter that would change a word's meaning (گ is «ك», not «غ»; ڭ likewise)
  { step: 'lookalikes', from: 'یےې', to: 'ي', why: 'Persian and Urdu yeh' },
  { step: 'lookalikes', from: 'ہەۃ', to: 'ه', why: 'heh goal, ae, teh marbuta goal' },
  { step: 'lookalikes', from: 'کگڭ', to: 'ك', why: 'keheh, gaf, Maghrebi ng (گ kept with ك, as before)' },
  { step: 'lookalikes', from: 'ڤڢ', to: 'ف', why: 'veh (ڤيينا), Maghrebi feh' },
  { step: 'lookalikes', from: 'ڨڧ', to: 'ق', why: 'Algerian and Tunisian g (شنڨريحة), Maghrebi qaf' },
  { step: 'lookalikes', from: 'پ', to: 'ب' },
  { step: 'lookalikes', from: 'چ', to: 'ج' },
  { step: 'lookalikes', from: 'ژ', to: 'ز' },
  ...digitRules(ARABIC_INDIC_DIGITS),
  ...digitRules(EXTENDED_DIGITS),
  { step: 'presentationForms', from: PRESENTATION_FORMS, to: '', why: 'decomposed (NFKC), then folded' },
];

function digitRules(r: CodeRange): FoldRule[] {
  return Array.from({ length: 10 }, (_, d) => ({ step: 'digits' as const, from: [r[0] + d], to: String(d) }));
}

export const ALL_STEPS: readonly FoldStep[] = [
  'diacritics',
  'tatweel',
  'invisibles',
  'alef',
  'alefMaksura',
  'tehMarbuta',
  'lookalikes',
  'digits',
  'lowerCase',
  'presentationForms',
];

const REMOVE = -1;
const EXPAND = -2;

/** What a string looks like after folding, and where each folded character came from. */
export interface Folded {
  text: string;
  /** offsets[i] is the index in the original of folded char i; offsets[text.length] is the original length. */
  offsets: Int32Array;
}

/**
 * A selection of FOLD_TABLE's steps, compiled into a code unit table: 0 unchanged, -1 dropped,
 * -2 a presentation form (decomposed, then folded), otherwise the replacement code unit.
 */
export class Fold {
  private table: Int32Array | null = null;
  private readonly expanded = new Map<number, string>();

  constructor(readonly steps: readonly FoldStep[]) {}

  private get map(): Int32Array {
    return (this.table ??= compile(this.steps));
  }

  /** The folded form of a short string (a word, a cue, a name); returns `s` itself when nothing folds. */
  apply(s: string): string {
    const map = this.map;
    let out = '';
    // start of the run of unchanged characters not yet copied into `out`: runs are copied whole, not
    // a character at a time (a word with one hamza is two slices and a letter, not a string per letter)
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      const m = map[s.charCodeAt(i)] as number;
      if (m === 0) continue;
      if (i > from) out += s.slice(from, i);
      from = i + 1;
      if (m === REMOVE) continue;
      out += m === EXPAND ? this.expand(s.charCodeAt(i)) : String.fromCharCode(m);
    }
    if (from === 0) return s;
    return from < s.length ? out + s.slice(from) : out;
  }

  /** The folded form of `s` with, for every folded character, where it came from. */
  withOffsets(s: string): Folded {
    const map = this.map;
    const offsets = new Int32Array(s.length * 3 + 1);
    const parts: string[] = [];
    let n = 0;
    let run = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const m = map[c] as number;
      if (m === REMOVE) continue;
      if (m === EXPAND) {
        const e = this.expand(c);
        for (let k = 0; k < e.length; k++) offsets[n++] = i;
        run += e;
        continue;
      }
      offsets[n++] = i;
      run += m === 0 ? s[i] : String.fromCharCode(m);
      if (run.length > 4096) {
        parts.push(run);
        run = '';
      }
    }
    if (run) parts.push(run);
    offsets[n] = s.length;
    return { text: parts.join(''), offsets: offsets.slice(0, n + 1) };
  }

  /**
   * Index in `original` where folded character `foldedIndex` of it begins (original.length when it
   * is the folded length). Dropped characters before a kept one belong to the gap, so a span [a, b)
   * of the folded form maps to [originalIndex(a), originalIndex(b)) and keeps trailing diacritics
   * with their word; a span never starts on a dropped character.
   */
  originalIndex(original: string, foldedIndex: number): number {
    const map = this.map;
    if (foldedIndex <= 0) {
      let i = 0;
      while (i < original.length && map[original.charCodeAt(i)] === REMOVE) i++;
      return i;
    }
    let n = 0;
    for (let i = 0; i < original.length; i++) {
      const c = original.charCodeAt(i);
      const m = map[c] as number;
      if (m === REMOVE) continue;
      if (n >= foldedIndex) return i;
      n += m === EXPAND ? this.expand(c).length : 1;
    }
    return original.length;
  }

  /**
   * 1 for every code unit this fold may change (drops, replaces or decomposes; a presentation form without
   * a decomposition comes out as it was), 0 for those it keeps: apply(s) is s when no unit of s has a 1.
   */
  changedUnits(): Uint8Array {
    if (this.changed) return this.changed;
    // a plain loop: Uint8Array.from with a mapping function calls it 65,536 times from the
    // interpreter at start-up (the tokenizer asks as it loads), 30–100 ms of a small run's CPU
    const map = this.map;
    const changed = new Uint8Array(map.length);
    for (let c = 0; c < map.length; c++) if (map[c] !== 0) changed[c] = 1;
    return (this.changed = changed);
  }

  private changed: Uint8Array | null = null;

  /** True for the code units this fold drops. */
  drops(code: number): boolean {
    return this.map[code] === REMOVE;
  }

  /** The folded form of one code unit: itself, '', one character, or several (ﻻ → لا). */
  char(code: number): string {
    const m = this.map[code] as number;
    if (m === 0) return String.fromCharCode(code);
    if (m === REMOVE) return '';
    return m === EXPAND ? this.expand(code) : String.fromCharCode(m);
  }

  private expand(c: number): string {
    let e = this.expanded.get(c);
    if (e === undefined) {
      // a decomposition's spaces (ﷺ spelt out) are dropped: the form was one character
      e = '';
      for (const d of String.fromCharCode(c).normalize('NFKC')) {
        const code = d.charCodeAt(0);
        if (code === c) {
          e += d; // no decomposition (ornate parentheses, unassigned): kept as it is
          continue;
        }
        if (code === 0x20 || d.length > 1) continue;
        const m = this.map[code] as number;
        if (m === REMOVE || m === EXPAND) continue;
        e += m === 0 ? d : String.fromCharCode(m);
      }
      this.expanded.set(c, e);
    }
    return e;
  }
}

function compile(steps: readonly FoldStep[]): Int32Array {
  const chosen = new Set(steps);
  const map = new Int32Array(0x10000);
  if (chosen.has('lowerCase')) {
    // one code unit to one code unit only: «İ» lower-cases to two and stays as it is. A block of 256
    // units that lower-casing leaves as it is holds none that changes alone (most blocks: no script
    // with case), and is passed over with one call rather than 256 (a run's start-up built this
    // table from 65,536 one-character strings: 30–80 ms)
    const units = new Uint16Array(256);
    for (let block = 0; block < 0x10000; block += 256) {
      if (block >= 0xd800 && block <= 0xdfff) continue;
      for (let k = 0; k < 256; k++) units[k] = block + k;
      const text = String.fromCharCode(...units);
      if (text.toLowerCase() === text) continue;
      for (let c = block; c < block + 256; c++) {
        const lower = String.fromCharCode(c).toLowerCase();
        if (lower.length === 1 && lower.charCodeAt(0) !== c) map[c] = lower.charCodeAt(0);
      }
    }
  }
  for (const rule of FOLD_TABLE) {
    if (!chosen.has(rule.step)) continue;
    const value = rule.step === 'presentationForms' ? EXPAND : rule.to === '' ? REMOVE : rule.to.charCodeAt(0);
    const items = typeof rule.from === 'string' ? [...rule.from].map((ch) => ch.charCodeAt(0)) : rule.from;
    for (const item of items) {
      const [first, last] = typeof item === 'number' ? [item, item] : item;
      for (let c = first; c <= last; c++) map[c] = value;
    }
  }
  return map;
}

/** Every step: the matching form. */
export const MATCH_FOLD = new Fold(ALL_STEPS);
