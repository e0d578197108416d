/** A phrase trie over words: the first level keyed by a phrase's first word, each node's children by the next. */
export interface WordTrieNode<N> {
  next: Map<string, N> | null;
}

/**
 * The node a phrase's words lead to in `root`, made with `make` wherever the path is missing (the
 * gazetteer's names and the role phrases share this; each node type carries its own payload).
 * Undefined for a phrase without words.
 */
export function insertWords<N extends WordTrieNode<N>>(root: Map<string, N>, words: readonly string[], make: () => N): N | undefined {
  const [first, ...rest] = words;
  if (first === undefined) return undefined;
  let node = root.get(first);
  if (!node) root.set(first, (node = make()));
  for (const w of rest) {
    node.next ??= new Map();
    let child = node.next.get(w);
    if (!child) node.next.set(w, (child = make()));
    node = child;
  }
  return node;
}

/**
 * The first three code units of `s` from `at` (fewer when fewer are left) as a small integer: Arabic
 * letters differ in their low byte, and a collision only lets a word through to the full lookup. A
 * set of the start codes of a map's keys tells most words that are no key without hashing them.
 */
export function startCode(s: string, at: number): number {
  const n = Math.min(3, s.length - at);
  let code = n;
  for (let i = 0; i < n; i++) code = (code << 8) | (s.charCodeAt(at + i) & 0xff);
  return code << ((3 - n) * 8);
}

/**
 * A set of startCode values as bits of their 16-bit hash (8 KiB): asking it is an array read where a
 * Set of numbers hashes and probes. A word whose code hashes to a clear bit is no key; a set bit may
 * be another code's (a collision only lets a word through to the full look-up).
 */
export type StartBits = Uint32Array;

const startHash = (code: number) => (code ^ (code >>> 16) ^ Math.imul(code >>> 8, 0x9e37)) & 0xffff;

export function startBits(codes: Iterable<number>): StartBits {
  const bits = new Uint32Array(0x10000 / 32);
  for (const code of codes) {
    const b = startHash(code);
    bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
  }
  return bits;
}

/** Whether `code` may be among the codes `bits` was made of (false: it is not). */
export function mayStart(bits: StartBits, code: number): boolean {
  const b = startHash(code);
  return ((bits[b >>> 5] as number) & (1 << (b & 31))) !== 0;
}

/** FNV-1a over the code units s[from, to): what keyBits hashes a key with, computed in place (no slice). */
export function unitsHash(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/**
 * The keys of a map as bits of their unitsHash (about 32 bits a key, at most 2^17 bits, 16 KiB): a span
 * of a word whose hash's bit is clear is no key, told without slicing the word (a new string to hash
 * and look up); a set bit may be another key's, and the look-up decides.
 */
export type KeyBits = Uint32Array;

export function keyBits(keys: Iterable<string>): KeyBits {
  const list = [...keys];
  let size = 1024;
  while (size < list.length * 32 && size < 1 << 17) size *= 2;
  const bits = new Uint32Array(size / 32);
  for (const k of list) {
    const b = unitsHash(k, 0, k.length) & (size - 1);
    bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
  }
  return bits;
}

/** Whether a span whose unitsHash is `h` may be one of the keys of `bits`. */
export function mayBeKey(bits: KeyBits, h: number): boolean {
  const b = h & (bits.length * 32 - 1);
  return ((bits[b >>> 5] as number) & (1 << (b & 31))) !== 0;
}
