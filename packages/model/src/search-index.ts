/**
 * The keyword-search index each warehouse version holds beside its tables (`_search/`, not a contract
 * table): the words of every article's title and body in matching form (DuckDB's lower(), then the fold of
 * @mirsad/model/arabic as one translate()), each also under what follows its clitic prefixes
 * (searchTokensSql), one row per distinct (token, article, after_al). The files are sorted by token, so a query word is one
 * range of tokens and DuckDB reads only the row groups that can hold it. The files hold disjoint
 * ranges of tokens (but for a few small ones an --append adds; search-files.ts in the ingest package). The ingest writer (also for
 * --append, merge and --resume) and the replicate bench write it; the dashboard's keyword search reads it
 * (view search_tokens) instead of scanning every body.
 */
import { foldChar } from './arabic/index.ts';
import { quoteLiteral } from './tables.ts';

/** Code units the fold maps to one other unit (from → to), and those it drops, over the ranges Arabic news uses. */
function foldMaps(): { from: string; to: string; drop: string } {
  let from = '';
  let to = '';
  let drop = '';
  const ranges: [number, number][] = [
    [0x0600, 0x08ff],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0xfb50, 0xfdff],
    [0xfe70, 0xfeff],
  ];
  for (const [lo, hi] of ranges) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const f = foldChar(c);
      if (f === '') drop += ch;
      else if (f.length === 1 && f !== ch) {
        from += ch;
        to += f;
      }
    }
  }
  return { from, to, drop };
}

const MAPS = foldMaps();
/** translate(lower(text), FOLD_FROM, FOLD_TO) is the text in matching form (characters past FOLD_TO's end are dropped). */
export const FOLD_FROM = MAPS.from + MAPS.drop;
export const FOLD_TO = MAPS.to;

/** The folder of a version that holds the index, and the name its files start with. */
export const SEARCH_DIR = '_search';
export const SEARCH_FILE_PREFIX = 'tokens-';

/**
 * Rows per row group of an index file: the unit DuckDB skips or reads for a token range. DuckDB pays
 * for every row group of the files it scans, read or skipped: at 1M articles (237M rows), 24 files of
 * 16,384-row groups cost 150 ms of CPU for a token that matches nothing.
 */
export const SEARCH_ROW_GROUP = 131_072;

/**
 * Rows per index file, about: an index of more rows is written as files of disjoint token ranges of
 * this many rows each, each put in order on its own (one range at a time: bounded memory).
 */
export const SEARCH_FILE_ROWS = 16_777_216;

/**
 * Files of fewer than SEARCH_FILE_ROWS / 4 rows (those of --append runs) a version keeps before they
 * are merged into files of disjoint ranges: each overlaps every token range, so each costs a query
 * the row group it reads.
 */
export const SEARCH_MAX_SMALL_FILES = 4;

/** Clitic prefixes a query word may follow (dashboard lib/search.ts wordPattern): [وف]?[بكل]? then ال, لل or nothing. */
export const CLITIC_PREFIXES: readonly string[] = [
  ...new Set(['', 'و', 'ف'].flatMap((a) => ['', 'ب', 'ك', 'ل'].flatMap((b) => ['', 'ال', 'لل'].map((al) => a + b + al)))),
];

/**
 * The index rows of the articles `from` selects (a table, a read_parquet() call or a parenthesised
 * SELECT with article_id, title and body), sorted by token then article. Each word of the text (a
 * maximal run of letters and digits in matching form) is indexed under itself and under what follows
 * each clitic prefix it starts with (CLITIC_PREFIXES, at most 4 letters: «وبالجزائر» under «وبالجزائر»,
 * «بالجزائر», «الجزائر», «جزائر»), `after_al` telling that the prefix ended in ال or لل. One row per
 * distinct (token, article, after_al). A query word is then one range of tokens: those that start with it.
 * The words are made distinct within each article (lists), so that the one operation over all the rows
 * is the sort, which spills to disk within the memory limit (a DISTINCT over a million articles' words
 * did not).
 */
export function searchTokensSql(from: string): string {
  const prefixes = `[${CLITIC_PREFIXES.map(quoteLiteral).join(', ')}]`;
  const folded = `translate(lower(title || ' ' || body), ${quoteLiteral(FOLD_FROM)}, ${quoteLiteral(FOLD_TO)})`;
  const cuts = `list_transform(list_filter(range(0, 5), i -> length(w) > i AND list_contains(${prefixes}, left(w, i::BIGINT))),
      i -> {'token': substr(w, i + 1), 'after_al': i > 0 AND (suffix(left(w, i::BIGINT), 'ال') OR suffix(left(w, i::BIGINT), 'لل'))})`;
  return `SELECT x.token, article_id, x.after_al FROM (
  SELECT article_id, unnest(list_distinct(flatten(list_transform(list_distinct(regexp_split_to_array(${folded}, '[^\\pL\\pN]+')), w -> ${cuts})))) AS x
  FROM ${from}
)
ORDER BY x.token, article_id, x.after_al`;
}

/**
 * Code points JS's \p{L}\p{N} (Unicode 17 in Node 20.20) counts as letters or digits and the RE2 of
 * DuckDB 1.5 (an older Unicode) does not: in the SQL above they end a word. Among them U+088F, an
 * Arabic letter (noon with a ring above, Unicode 17) that no Arabic news text uses; the rest are other
 * scripts' letters and digits added since. (No code point is a letter or digit to RE2 and not to JS.)
 */
const NOT_LN_IN_DUCKDB: readonly [number, number][] = [
  [0x088f, 0x088f],
  [0x0c5c, 0x0c5c],
  [0x0cdc, 0x0cdc],
  [0x1c89, 0x1c8a],
  [0xa7cb, 0xa7cf],
  [0xa7d2, 0xa7d2],
  [0xa7d4, 0xa7d4],
  [0xa7da, 0xa7dc],
  [0xa7f1, 0xa7f1],
  [0x105c0, 0x105f3],
  [0x10940, 0x10959],
  [0x10d40, 0x10d65],
  [0x10d6f, 0x10d85],
  [0x10ec2, 0x10ec7],
  [0x11380, 0x11389],
  [0x1138b, 0x1138b],
  [0x1138e, 0x1138e],
  [0x11390, 0x113b5],
  [0x113b7, 0x113b7],
  [0x113d1, 0x113d1],
  [0x113d3, 0x113d3],
  [0x116d0, 0x116e3],
  [0x11bc0, 0x11be0],
  [0x11bf0, 0x11bf9],
  [0x11db0, 0x11ddb],
  [0x11de0, 0x11de9],
  [0x13460, 0x143fa],
  [0x16100, 0x1611d],
  [0x16130, 0x16139],
  [0x16d40, 0x16d6c],
  [0x16d70, 0x16d79],
  [0x16ea0, 0x16eb8],
  [0x16ebb, 0x16ed3],
  [0x16ff2, 0x16ff6],
  [0x187f8, 0x187ff],
  [0x18cff, 0x18cff],
  [0x18d09, 0x18d1e],
  [0x18d80, 0x18df2],
  [0x1ccf0, 0x1ccf9],
  [0x1e5d0, 0x1e5ed],
  [0x1e5f0, 0x1e5fa],
  [0x1e6c0, 0x1e6de],
  [0x1e6e0, 0x1e6e2],
  [0x1e6e4, 0x1e6e5],
  [0x1e6e7, 0x1e6ed],
  [0x1e6f0, 0x1e6f4],
  [0x1e6fe, 0x1e6ff],
  [0x2b73a, 0x2b73f],
  [0x2cea2, 0x2cead],
  [0x2ebf0, 0x2ee5d],
  [0x323b0, 0x33479],
];

/** Capitals JS lowers and DuckDB 1.5's lower() (utf8proc, an older Unicode) leaves as they are. */
export const UNLOWERED_BY_DUCKDB: readonly [number, number][] = [
  [0x1c89, 0x1c89],
  [0xa7cb, 0xa7cc],
  [0xa7ce, 0xa7ce],
  [0xa7d2, 0xa7d2],
  [0xa7d4, 0xa7d4],
  [0xa7da, 0xa7da],
  [0xa7dc, 0xa7dc],
  [0x10d50, 0x10d65],
  [0x16ea0, 0x16eb8],
];

const within = (ranges: readonly [number, number][], cp: number) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/**
 * What DuckDB's translate(lower(c), FOLD_FROM, FOLD_TO) makes of one code point: one code point, or -1
 * (dropped). lower() maps a code point to one code point (utf8proc's simple mapping: İ to i, where JS's
 * toLowerCase gives i and a combining dot).
 */
function foldCodePoint(cp: number, table: ReadonlyMap<number, number>): number {
  const low = within(UNLOWERED_BY_DUCKDB, cp) ? cp : String.fromCodePoint(cp).toLowerCase().codePointAt(0)!;
  return table.get(low) ?? low;
}

/** Whether RE2's [\pL\pN] (in DuckDB) matches a code point. */
const isWordCodePoint = (cp: number): boolean =>
  !(cp >= 0xd800 && cp <= 0xdfff) && /^[\p{L}\p{N}]$/u.test(String.fromCodePoint(cp)) && !within(NOT_LN_IN_DUCKDB, cp);

interface FoldTables {
  /** For code points past the BMP: what foldCodePoint and isWordCodePoint give, filled as they are met. */
  astral: Map<number, { to: number; word: boolean }>;
  table: Map<number, number>;
  /**
   * What searchTokensOf writes for a BMP code unit: the folded unit, 0x20 for one that is no letter or
   * digit, -1 dropped, -2 folded past the BMP (foldInto asks foldCodePoint); UNKNOWN until first met.
   */
  units: Int32Array;
}

/** A code unit of FoldTables.units not worked out yet. */
const UNKNOWN = -3;

let tables: FoldTables | null = null;

/**
 * The tables, their BMP units worked out at each one's first sight (unitOf): an article uses a few
 * hundred distinct code units, and working out all 65,536 (one toLowerCase and one letter test each,
 * or one toLowerCase of them all at once) cost 15–30 ms of a small run's main thread.
 */
function foldTables(): FoldTables {
  if (tables) return tables;
  const to = [...FOLD_TO];
  const table = new Map([...FOLD_FROM].map((c, i) => [c.codePointAt(0)!, to[i] === undefined ? -1 : to[i]!.codePointAt(0)!] as const));
  return (tables = { astral: new Map(), table, units: new Int32Array(0x10000).fill(UNKNOWN) });
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/** The BMP code point searchTokensSql's translate(lower()) makes of code unit `c` (a lone surrogate stays), or -1 (dropped). */
const foldUnit = (c: number, table: ReadonlyMap<number, number>) => (isSurrogate(c) ? c : foldCodePoint(c, table));

/** FoldTables.units[c], worked out (and kept) at its first use. */
function unitOf(t: FoldTables, c: number): number {
  const known = t.units[c]!;
  if (known !== UNKNOWN) return known;
  const to = foldUnit(c, t.table);
  const u = to === -1 ? -1 : to >= 0x10000 ? -2 : isWordCodePoint(to) ? to : 0x20;
  t.units[c] = u;
  return u;
}

/** How many BMP code units searchTokensOf has worked out so far (for a test: those of the texts it was given, not all 65,536). */
export function foldUnitsKnownForTests(): number {
  return tables === null ? 0 : tables.units.reduce((n, u) => (u === UNKNOWN ? n : n + 1), 0);
}

/** For the test that the units worked out one at a time are what folding every BMP code unit in one toLowerCase gives. */
export function foldUnitsForTests(): { lazy: Int32Array; eager: Int32Array } {
  const t = foldTables();
  const lazy = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) lazy[c] = unitOf(t, c);
  // the code units lowered together, a separator after each (lowering is per character but for a
  // final sigma, which a separator before it rules out), read back one by one
  const SEPARATOR = 0x0a;
  const units = new Uint16Array(0x20000);
  for (let c = 0; c < 0x10000; c++) {
    units[2 * c] = isSurrogate(c) || c === SEPARATOR ? 0x20 : c;
    units[2 * c + 1] = SEPARATOR;
  }
  const lowered = new TextDecoder('utf-16le').decode(units).toLowerCase();
  const unlowered = (c: number) => within(UNLOWERED_BY_DUCKDB, c);
  const wordChar = /^[\p{L}\p{N}]$/u;
  const bmp = new Int32Array(0x10000);
  const word = new Uint8Array(0x10000);
  let at = 0;
  for (let c = 0; c < 0x10000; c++) {
    if (isSurrogate(c)) bmp[c] = c;
    else {
      const low = unlowered(c) || c === SEPARATOR ? c : lowered.codePointAt(at)!;
      bmp[c] = t.table.get(low) ?? low;
      word[c] = !within(NOT_LN_IN_DUCKDB, c) && wordChar.test(String.fromCharCode(c)) ? 1 : 0;
    }
    while (lowered.charCodeAt(at) !== SEPARATOR) at++;
    at++;
  }
  const eager = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const to = bmp[c]!;
    eager[c] = to === -1 ? -1 : to >= 0x10000 ? -2 : word[to] === 1 ? to : 0x20;
  }
  return { lazy, eager };
}

/**
 * The clitic prefixes as a table of states, so that a word's first letters are tried without making a
 * string of them: a state is a string that begins some prefix ('' is state 0), and
 * PREFIX_NEXT[state * 256 + letter - U+0600] is the state one letter on, plus one (0: no prefix begins so).
 */
const PREFIX_STATES: readonly string[] = [...new Set(CLITIC_PREFIXES.flatMap((p) => [...p].map((_, i) => p.slice(0, i + 1))))];
const PREFIX_NEXT = new Int16Array((PREFIX_STATES.length + 1) * 256);
for (const [i, state] of PREFIX_STATES.entries()) {
  const from = state.length === 1 ? 0 : PREFIX_STATES.indexOf(state.slice(0, -1)) + 1;
  PREFIX_NEXT[from * 256 + state.charCodeAt(state.length - 1) - 0x600] = i + 2;
}
/** By state (as PREFIX_NEXT gives it, minus one): 1 when the state is a whole clitic prefix. */
const PREFIX_WHOLE = Uint8Array.from([0, ...PREFIX_STATES.map((p) => (CLITIC_PREFIXES.includes(p) ? 1 : 0))]);
const ALEF = 0x627;
const LAM = 0x644;

/** An article's index rows, as searchTokensSql makes them: its distinct tokens, space-separated, by after_al. */
export interface SearchTokens {
  /** Tokens indexed with after_al false. */
  tokens: string;
  /** Tokens indexed with after_al true. */
  tokensAl: string;
}

/**
 * searchTokensSql's rows of one article, computed in JS (the ingest's workers do it beside their other
 * work, so that the index is not made by tokenising every body again in SQL): the same fold (DuckDB's
 * lower() then translate(), see foldCodePoint), the same words (maximal runs of what RE2 calls letters
 * and digits), the same cuts after clitic prefixes. searchRowsSql turns them into the index's rows.
 */
export function searchTokensOf(title: string, body: string): SearchTokens {
  const t = foldTables();
  // the folded text, every character that is not a letter or digit a space (the space between title and body too)
  const length = title.length + 1 + body.length;
  if (folded.length < 2 * length) folded = new Uint16Array(Math.max(2 * length, 2 * folded.length));
  const out = folded;
  let n = foldInto(title, t, out, 0);
  out[n++] = 0x20;
  n = foldInto(body, t, out, n);
  return distinctTokens(out, n);
}

/** searchTokensOf's buffer of folded units, kept from one article to the next (twice the text's length at most: a fold past the BMP). */
let folded = new Uint16Array(1 << 16);

/** Writes the fold of `text` into `out` from `n` on; returns where it ends. */
function foldInto(text: string, t: FoldTables, out: Uint16Array, n: number): number {
  const units = t.units;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0xd800 || cp > 0xdbff) {
      let u = units[cp]!;
      if (u === UNKNOWN) u = unitOf(t, cp);
      if (u >= 0) {
        out[n++] = u;
        continue;
      }
      if (u === -1) continue;
    } else if (i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    let to: number;
    let word: boolean;
    if (cp < 0x10000) {
      to = foldUnit(cp, t.table);
      if (to === -1) continue;
      word = isWordCodePoint(to);
    } else {
      let a = t.astral.get(cp);
      if (!a) {
        const f = foldCodePoint(cp, t.table);
        t.astral.set(cp, (a = { to: f, word: f !== -1 && isWordCodePoint(f) }));
      }
      if (a.to === -1) continue;
      to = a.to;
      word = a.word;
    }
    if (!word) out[n++] = 0x20;
    else if (to < 0x10000) out[n++] = to;
    else {
      // a code point past the BMP takes two units, as the one it folds from did
      out[n++] = 0xd800 + ((to - 0x10000) >> 10);
      out[n++] = 0xdc00 + ((to - 0x10000) & 0x3ff);
    }
  }
  return n;
}

/**
 * The distinct tokens of the folded units `units[0..n)` (words separated by spaces): each word, and
 * what follows each clitic prefix it starts with (a prefix of i letters, i ≤ 4, and more after it),
 * under after_al or not, each list in order of first appearance. The words and cuts are spans of
 * `units`, told apart by a hash table of spans: no string is made per word, only the two lists.
 */
function distinctTokens(units: Uint16Array, n: number): SearchTokens {
  spans.reset(units, n);
  const plain: number[] = [];
  const al: number[] = [];
  let i = 0;
  while (i < n) {
    if (units[i] === 0x20) {
      i++;
      continue;
    }
    const start = i;
    let h = HASH_SEED;
    while (i < n && units[i] !== 0x20) h = Math.imul(h ^ units[i++]!, HASH_PRIME);
    const len = i - start;
    const id = spans.intern(start, len, h);
    const f = spans.flags[id]!;
    if ((f & SEEN_AS_WORD) !== 0) continue;
    spans.flags[id] = f | SEEN_AS_WORD | IN_PLAIN;
    if ((f & IN_PLAIN) === 0) plain.push(id);
    let state = 0;
    for (let p = 1; p < 5 && len > p; p++) {
      const d = units[start + p - 1]! - 0x600;
      if (d < 0 || d > 255) break;
      state = PREFIX_NEXT[state * 256 + d]! - 1;
      if (state < 0) break; // no prefix begins with these letters, nor with any longer run of them
      if (PREFIX_WHOLE[state] === 0) continue;
      const afterAl = p >= 2 && units[start + p - 1] === LAM && (units[start + p - 2] === ALEF || units[start + p - 2] === LAM);
      let hc = HASH_SEED;
      for (let k = start + p; k < start + len; k++) hc = Math.imul(hc ^ units[k]!, HASH_PRIME);
      const cut = spans.intern(start + p, len - p, hc);
      const bit = afterAl ? IN_AL : IN_PLAIN;
      const fc = spans.flags[cut]!;
      if ((fc & bit) !== 0) continue;
      spans.flags[cut] = fc | bit;
      (afterAl ? al : plain).push(cut);
    }
  }
  return { tokens: spans.joined(plain), tokensAl: spans.joined(al) };
}

const HASH_SEED = 0x811c9dc5;
const HASH_PRIME = 0x01000193;
/** Flags of a span in SpanTable: met as a whole word (its cuts are made), among the tokens, among the tokens after ال. */
const SEEN_AS_WORD = 1;
const IN_PLAIN = 2;
const IN_AL = 4;

/**
 * The distinct strings among spans of one array of code units, each given an id in order of first
 * sight (open addressing over the spans' hashes). One table per thread, its arrays kept from one
 * article to the next and grown as needed.
 */
class SpanTable {
  private units: Uint16Array = new Uint16Array(0);
  private count = 0;
  start = new Int32Array(1024);
  len = new Int32Array(1024);
  private hash = new Int32Array(1024);
  flags = new Uint8Array(1024);
  /** Slot → id + 1 (0: empty); the first mask + 1 are in use. */
  private slots = new Int32Array(4096);
  private mask = 4095;

  reset(units: Uint16Array, n: number): void {
    this.units = units;
    this.count = 0;
    // a text of n units has at most n / 2 + 1 words and each at most 4 cuts
    const need = (n >> 1) * 5 + 8;
    if (this.start.length < need) {
      const size = 1 << Math.ceil(Math.log2(need));
      this.start = new Int32Array(size);
      this.len = new Int32Array(size);
      this.hash = new Int32Array(size);
      this.flags = new Uint8Array(size);
    }
    // the slots this text needs (at least twice its spans), cleared: a short text does not pay for a long one's table
    const size = 1 << Math.ceil(Math.log2(2 * need));
    if (this.slots.length < size) this.slots = new Int32Array(size);
    else this.slots.fill(0, 0, size);
    this.mask = size - 1;
  }

  /** The id of the string units[start, start + len), whose hash is `h`, made when it is new. */
  intern(start: number, len: number, h: number): number {
    const u = this.units;
    let slot = (h ^ (h >>> 15)) & this.mask;
    for (;;) {
      const e = this.slots[slot]!;
      if (e === 0) break;
      const id = e - 1;
      if (this.hash[id] === h && this.len[id] === len) {
        const s = this.start[id]!;
        let k = 0;
        while (k < len && u[s + k] === u[start + k]) k++;
        if (k === len) return id;
      }
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    this.start[id] = start;
    this.len[id] = len;
    this.hash[id] = h;
    this.flags[id] = 0;
    this.slots[slot] = id + 1;
    return id;
  }

  /** The strings of `ids`, separated by spaces. */
  joined(ids: readonly number[]): string {
    if (ids.length === 0) return '';
    let total = ids.length - 1;
    for (const id of ids) total += this.len[id]!;
    if (this.buffer.length < total) this.buffer = new Uint16Array(Math.max(total, 2 * this.buffer.length));
    const b = this.buffer;
    let at = 0;
    const u = this.units;
    for (const id of ids) {
      if (at > 0) b[at++] = 0x20;
      const s = this.start[id]!;
      const e = s + this.len[id]!;
      for (let k = s; k < e; k++) b[at++] = u[k]!;
    }
    return fromUnits(b, at);
  }

  private buffer = new Uint16Array(4096);
}

const spans = new SpanTable();

/**
 * Decodes code units as a string, as String.fromCharCode does for every unit but an unpaired surrogate
 * (never written here: searchTokensOf turns one into a space) and a byte order mark, kept.
 */
const utf16 = new TextDecoder(new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 'utf-16le' : 'utf-16be', { ignoreBOM: true });

/** The first `n` code units of `units` as a string: decoded from 256 units on (several times faster than fromCharCode there). */
function fromUnits(units: Uint16Array, n: number): string {
  if (n >= 256) return utf16.decode(units.subarray(0, n));
  let s = '';
  for (let k = 0; k < n; k += 4096) s += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return s;
}

/**
 * The index rows of the articles `from` selects (article_id, and SearchTokens as columns tokens and
 * tokens_al), sorted as searchTokensSql sorts them: the same rows, without reading a body.
 */
export function searchRowsSql(from: string): string {
  return `SELECT token, article_id, after_al FROM (
  SELECT unnest(string_split(tokens, ' ')) AS token, article_id, false AS after_al FROM ${from} WHERE tokens <> ''
  UNION ALL
  SELECT unnest(string_split(tokens_al, ' ')) AS token, article_id, true AS after_al FROM ${from} WHERE tokens_al <> ''
)
ORDER BY token, article_id, after_al`;
}

/** The COPY options of an index file. */
export const SEARCH_COPY_OPTIONS = `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${SEARCH_ROW_GROUP})`;

/** The COPY options of a run (smaller row groups: a range read from the runs reads less outside it). */
export const SEARCH_RUN_COPY_OPTIONS = '(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 16384)';

/** An index file's name: `tokens-000000.parquet`, … (readers take every file of the folder). */
export const searchFileName = (n: number): string => `${SEARCH_FILE_PREFIX}${String(n).padStart(6, '0')}.parquet`;
