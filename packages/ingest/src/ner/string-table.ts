/**
 * A read-only set of strings in three typed arrays, for the tagger's load pack (model.ts): the
 * strings' UTF-16 code units one after another, where each starts, and an open-addressed table of
 * their hashes. A look-up (with the hash the caller already has) reads the table and compares the
 * code units in place: a thread that is handed the pack builds no string, Map or object per entry.
 *
 * Each slot of the table holds the string's first INLINE code units beside its hash, index and
 * length (ENTRY int32, half a cache line), so that finding a word of INLINE letters or fewer (most
 * words) reads one place in memory rather than three (the slot, the string's start, its letters):
 * a token of an ANT article costs the tagger that look-up, and the pack's 100,000 words are too
 * many for the processor's cache.
 */

export interface StringTable {
  /** String i is chars[starts[i], starts[i + 1]). */
  chars: Uint16Array;
  starts: Int32Array;
  /**
   * ENTRY int32 per slot: hash, index + 1 (0: an empty slot), length, then the first INLINE code
   * units two to an int32 (the lower one first). At most half the slots are full.
   */
  table: Int32Array;
}

const ENTRY = 8;
const HASH = 0;
const INDEX = 1;
const LENGTH = 2;
const CHARS = 3;
const INLINE = (ENTRY - CHARS) * 2;

/** The code units i and i + 1 of s (0 past its end) as one int32, the lower one first. */
function pairAt(s: string, i: number, n: number): number {
  return s.charCodeAt(i) | (i + 1 < n ? s.charCodeAt(i + 1) << 16 : 0);
}

/** The table of `strings` (distinct), each found by hash(string). */
export function stringTable(strings: readonly string[], hash: (s: string) => number): StringTable {
  const starts = new Int32Array(strings.length + 1);
  let n = 0;
  strings.forEach((s, i) => {
    starts[i] = n;
    n += s.length;
  });
  starts[strings.length] = n;
  const chars = new Uint16Array(n);
  strings.forEach((s, i) => {
    for (let k = 0; k < s.length; k++) chars[(starts[i] as number) + k] = s.charCodeAt(k);
  });
  let size = 4;
  while (size < strings.length * 2) size <<= 1;
  const table = new Int32Array(size * ENTRY);
  const mask = size - 1;
  strings.forEach((s, i) => {
    const h = hash(s) | 0;
    let p = h & mask;
    while (table[p * ENTRY + INDEX] !== 0) p = (p + 1) & mask;
    const at = p * ENTRY;
    table[at + HASH] = h;
    table[at + INDEX] = i + 1;
    table[at + LENGTH] = s.length;
    for (let k = 0, w = at + CHARS; k < s.length && k < INLINE; k += 2, w++) table[w] = pairAt(s, k, s.length);
  });
  return { chars, starts, table };
}

/** Index of `key` (whose hash is h) in the table, or -1. */
export function stringIndex(t: StringTable, key: string, h: number): number {
  const table = t.table;
  const mask = table.length / ENTRY - 1;
  const n = key.length;
  let p = h & mask;
  for (; ; p = (p + 1) & mask) {
    const at = p * ENTRY;
    const v = table[at + INDEX] as number;
    if (v === 0) return -1;
    if (table[at + HASH] !== h || table[at + LENGTH] !== n) continue;
    let k = 0;
    for (let w = at + CHARS; k < n && k < INLINE; k += 2, w++) if (table[w] !== pairAt(key, k, n)) break;
    if (k < n && k < INLINE) continue;
    if (n > INLINE) {
      // the rest of a long string, from the strings' own code units
      const from = t.starts[v - 1] as number;
      while (k < n && t.chars[from + k] === key.charCodeAt(k)) k++;
      if (k < n) continue;
    }
    return v - 1;
  }
}

/**
 * The table of t's first n strings (or all, when it holds fewer), each at its index in t, over t's
 * own code units: a small table that stays in the processor's cache, probed before t when those
 * strings are the ones most often asked for. It is sized for those strings alone.
 */
export function prefixTable(t: StringTable, n: number, hash: (s: string) => number): StringTable {
  const count = Math.min(n, stringCount(t));
  const strings: string[] = [];
  for (let i = 0; i < count; i++) strings.push(String.fromCharCode(...t.chars.subarray(t.starts[i] as number, t.starts[i + 1] as number)));
  // a long string's letters past those its slot holds are read from t (the same index there)
  return { chars: t.chars, starts: t.starts, table: stringTable(strings, hash).table };
}

/** How many strings the table holds. */
export function stringCount(t: StringTable): number {
  return t.starts.length - 1;
}
