/**
 * Keyword search over titles and bodies, in the matching form Mirsad compares Arabic in: the query is
 * folded with @mirsad/model/arabic's fold, the text with the same table written as one DuckDB
 * translate() (so «إسرائيل» finds «اسرائيل», «الجزائرية» finds «الجزائريه»). Clitic-aware: a query word
 * also matches after the prefixes و ف، ب ك ل، ال (and لل for ل + ال): «الجزائر» finds «وبالجزائر».
 */
import { fold } from '@mirsad/model/arabic';
import { FOLD_FROM, FOLD_TO, UNLOWERED_BY_DUCKDB } from '@mirsad/model/search-index';

export { FOLD_FROM, FOLD_TO };

/** The words of a query in matching form (at most 8, each at least one letter or digit). */
export function queryWords(q: string): string[] {
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, 8);
}

const PREFIXES = ['ال', 'لل'];

/**
 * The RE2 pattern a folded text must match for one query word: the word at a word start, after optional
 * و/ف, then ب/ك/ل, then ال. A query word that already has ال also matches after لل (للجزائر).
 */
export function wordPattern(word: string): string {
  const esc = word.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
  const bare = PREFIXES.some((p) => word.startsWith(p) && word.length > p.length + 1) ? esc.slice(2) : null;
  const core = bare ? `(?:ال|لل)${bare}` : `(?:ال|لل)?${esc}`;
  return `(?:^|[^\\pL\\pN])[وف]?[بكل]?${core}`;
}

/**
 * How the search index (search_tokens, @mirsad/model/search-index) is looked up for one query word: the
 * tokens that start with `prefix`, only those indexed after ال or لل when `afterAl`. The index holds each
 * word of the folded text under itself and under what follows each clitic prefix it starts with, so a
 * text matches wordPattern(word) exactly when one of its tokens does: the word itself after any
 * [وف]?[بكل]?(ال|لل)?, or, for a word that starts with ال (or لل), what follows that after a prefix
 * ending in ال or لل.
 */
export function indexLookup(word: string): { prefix: string; afterAl: boolean } {
  const bare = PREFIXES.some((p) => word.startsWith(p) && word.length > p.length + 1) ? word.slice(2) : null;
  return bare ? { prefix: bare, afterAl: true } : { prefix: word, afterAl: false };
}

/**
 * The half-open range [lo, hi) of strings that start with `prefix`: DuckDB compares VARCHARs by their
 * UTF-8 bytes, i.e. by code point, so hi is the prefix with its last code point one higher.
 */
export function prefixRange(prefix: string): [string, string] {
  const cps = [...prefix].map((c) => c.codePointAt(0)!);
  let last = cps.pop()! + 1;
  if (last >= 0xd800 && last <= 0xdfff) last = 0xe000;
  return [prefix, String.fromCodePoint(...cps, last)];
}

/**
 * What translate(lower(c), FOLD_FROM, FOLD_TO) makes of each code point it changes: one other code point,
 * or '' (dropped). DuckDB's lower() maps one code point to one (utf8proc's simple mapping: İ to i); JS's
 * toLowerCase() stands in for it where the two agree (a test compares them over every code point).
 */
export function changedCodePoints(): Map<number, string> {
  const changed = new Map<number, string>();
  const fromChars = [...FOLD_FROM];
  const toChars = [...FOLD_TO];
  const table = new Map(fromChars.map((c, i) => [c, toChars[i] ?? ''] as const));
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    const unlowered = UNLOWERED_BY_DUCKDB.some(([lo, hi]) => cp >= lo && cp <= hi);
    const low = unlowered ? ch : String.fromCodePoint(ch.toLowerCase().codePointAt(0)!);
    const g = table.get(low) ?? low;
    if (g !== ch) changed.set(cp, g);
  }
  return changed;
}

interface RawFold {
  /** Code points the fold drops (diacritics, tatweel, marks): skipped anywhere in the folded text. */
  readonly dropped: number[];
  /** Folded code point → every raw code point that folds to it (itself included when it stays). */
  readonly preimage: Map<number, number[]>;
  /** Raw code points whose letter-or-digit class differs from their folded one's: [raw not L/N, folds to L/N], [raw L/N, folds to neither]. */
  readonly becomeLN: number[];
  readonly leaveLN: number[];
}

let rawFold: RawFold | null = null;
const isLN = (s: string) => /^[\p{L}\p{N}]$/u.test(s);

function theRawFold(): RawFold {
  if (rawFold) return rawFold;
  const dropped: number[] = [];
  const preimage = new Map<number, number[]>();
  const becomeLN: number[] = [];
  const leaveLN: number[] = [];
  const changed = changedCodePoints();
  for (const [cp, g] of changed) {
    if (g === '') {
      dropped.push(cp);
      continue;
    }
    const to = g.codePointAt(0)!;
    preimage.set(to, [...(preimage.get(to) ?? (changed.has(to) ? [] : [to])), cp]);
    const raw = isLN(String.fromCodePoint(cp));
    if (!raw && isLN(g)) becomeLN.push(cp);
    if (raw && !isLN(g)) leaveLN.push(cp);
  }
  rawFold = { dropped, preimage, becomeLN, leaveLN };
  return rawFold;
}

/** An RE2 class body of code points, as \x{…} ranges. */
function classBody(cps: readonly number[]): string {
  const sorted = [...new Set(cps)].sort((a, b) => a - b);
  let out = '';
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const hex = (n: number) => `\\x{${n.toString(16)}}`;
    out += i === j ? hex(sorted[i]!) : `${hex(sorted[i]!)}-${hex(sorted[j]!)}`;
    i = j + 1;
  }
  return out;
}

/**
 * The RE2 pattern the raw text (title || ' ' || body, neither lowered nor translated) matches exactly when
 * its folded form matches wordPattern(word): each folded letter becomes the class of raw letters that fold
 * to it, the fold's dropped marks may stand between any two letters, and the word start is the last
 * character the fold keeps. Searching raw text spares lower() and translate() over every body.
 */
export function rawWordPattern(word: string): string {
  const f = theRawFold();
  const skip = f.dropped.length ? `[${classBody(f.dropped)}]*` : '';
  const letter = (ch: string) => {
    const cp = ch.codePointAt(0)!;
    return `[${classBody(f.preimage.get(cp) ?? [cp])}]`;
  };
  const seq = (s: string) => [...s].map(letter).join(skip);
  const oneOf = (chars: string) => `[${classBody([...chars].flatMap((c) => f.preimage.get(c.codePointAt(0)!) ?? [c.codePointAt(0)!]))}]`;
  const notLN = `[^\\pL\\pN${classBody([...f.dropped, ...f.becomeLN])}]`;
  const start = `(?:^|${f.leaveLN.length ? `${notLN}|[${classBody(f.leaveLN)}]` : notLN})${skip}`;
  const bare = PREFIXES.some((p) => word.startsWith(p) && word.length > p.length + 1) ? word.slice(2) : null;
  const article = `(?:${seq('ال')}|${seq('لل')})${skip}`;
  const core = bare ? `${article}${seq(bare)}` : `(?:${article})?${seq(word)}`;
  return `${start}(?:${oneOf('وف')}${skip})?(?:${oneOf('بكل')}${skip})?${core}`;
}
