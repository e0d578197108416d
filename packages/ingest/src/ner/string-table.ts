/**
 * A read-only set of strings in three typed arrays, for the tagger's load pack (model.ts): the
 * strings' UTF-16 code units one after another, where each starts, and an open-addressed table of
 * their hashes. A look-up (with the hash the caller already has) reads the table and compares the
 * code units in place: a thread that is handed the pack builds no string, Map or object per entry.
 */

export interface StringTable {
  /** String i is chars[starts[i], starts[i + 1]). */
  chars: Uint16Array;
  starts: Int32Array;
  /** (hash, index + 1) pairs; index + 1 = 0: an empty slot. At most half full. */
  table: Int32Array;
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
  const table = new Int32Array(size * 2);
  const mask = size - 1;
  strings.forEach((s, i) => {
    const h = hash(s) | 0;
    let p = h & mask;
    while (table[2 * p + 1] !== 0) p = (p + 1) & mask;
    table[2 * p] = h;
    table[2 * p + 1] = i + 1;
  });
  return { chars, starts, table };
}

/** Index of `key` (whose hash is h) in the table, or -1. */
export function stringIndex(t: StringTable, key: string, h: number): number {
  const { table, chars, starts } = t;
  const mask = (table.length >>> 1) - 1;
  const n = key.length;
  let p = h & mask;
  for (;;) {
    const v = table[2 * p + 1] as number;
    if (v === 0) return -1;
    if (table[2 * p] === h) {
      const from = starts[v - 1] as number;
      if ((starts[v] as number) - from === n) {
        let k = 0;
        while (k < n && chars[from + k] === key.charCodeAt(k)) k++;
        if (k === n) return v - 1;
      }
    }
    p = (p + 1) & mask;
  }
}

/** How many strings the table holds. */
export function stringCount(t: StringTable): number {
  return t.starts.length - 1;
}
