/**
 * The tagger's per-worker cache of word types: each type's emission vector (width doubles) in one
 * slab, found by an open-addressed table over the word's own FNV hash. Each slot's bookkeeping and
 * its word's characters (up to KEY_CHARS of them) sit in one record of a typed array, so a token
 * costs one probe into the table and one record read: no string is kept per type (nothing for the
 * garbage collector to trace) and no object, Map entry or typed array is made per type. Full, it
 * evicts by CLOCK (a slot used since the hand last passed gets a second chance), never a slot the
 * current document uses: its vectors must stay put until the document is decoded.
 */

/** Slots of the pseudo-words beyond a sentence's ends; never evicted. */
export const BEFORE_SLOT = 0;
export const AFTER_SLOT = 1;
const RESERVED = 2;

const LATIN_SEED = 0x9e3779b9;
const ARABIC_SEED = 2166136261;

/**
 * Int32 words per slot record: the document it was last used in, the one the CLOCK hand last
 * passed it in, 1 + its key's length × 2 + (1 for a Latin word) (0: free), its hash, then the key's
 * characters two to a word. Sixteen words: a record is one 64-byte cache line.
 */
const REC = 16;
const LAST_USE = 0;
const PASSED = 1;
const HEADER = 2;
const HASH = 3;
const CHARS = 4;
/** Longest key stored in its record; longer ones are kept as strings beside (rare). */
const KEY_CHARS = (REC - CHARS) * 2;

export class WordCache {
  /** capacity × width: the vector of the word in slot s at s × width. */
  vectors: Float64Array;
  /** Per slot: a number the owner keeps with the word (the tagger: its document key's number). */
  tags: Int32Array;
  /** capacity × REC: the slots' records. */
  private records: Int32Array;
  /** Keys longer than KEY_CHARS, by slot. */
  private longKeys: (string | undefined)[];
  /** Open addressing, (hash, slot + 1) pairs; slot + 1 = 0: empty. */
  private table: Int32Array;
  private mask: number;
  private capacity: number;
  private used = RESERVED;
  private hand = RESERVED;
  private document = 0;
  /** Vectors computed (misses), for benchmarks. */
  misses = 0;

  /**
   * The arrays are made at their full size (`capacity` types) at once: zeros (a free record is all
   * zeros) that the system gives a page at the first write to it, so a short run still takes little
   * memory, and a long one copies nothing as it fills them.
   */
  constructor(
    limit: number,
    readonly width: number,
  ) {
    this.capacity = Math.max(limit, RESERVED + 1);
    this.vectors = new Float64Array(this.capacity * width);
    this.tags = new Int32Array(this.capacity);
    this.records = new Int32Array(this.capacity * REC);
    this.longKeys = [];
    this.table = new Int32Array(0);
    this.mask = 0;
    this.rehash();
  }

  /** Starts a document: the slots found or added from now on stay until the next call. */
  nextDocument(): void {
    this.document++;
  }

  /** The slot of word `key` (`latin`: a Latin word, keyed by its text), or -1 when it is not cached; `h` is wordHash(key, latin). */
  find(key: string, latin: boolean, h = wordHash(key, latin)): number {
    const table = this.table;
    const mask = this.mask;
    const header = 1 + key.length * 2 + (latin ? 1 : 0);
    let p = h & mask;
    for (;;) {
      const v = table[2 * p + 1] as number;
      if (v === 0) return -1;
      if (table[2 * p] === h) {
        const s = v - 1;
        if (this.holds(s, key, header)) {
          this.records[s * REC + LAST_USE] = this.document;
          return s;
        }
      }
      p = (p + 1) & mask;
    }
  }

  /** Slot s holds `key` (its header: length and script, see REC). */
  private holds(s: number, key: string, header: number): boolean {
    const r = this.records;
    const base = s * REC;
    if (r[base + HEADER] !== header) return false;
    const n = key.length;
    if (n > KEY_CHARS) return this.longKeys[s] === key;
    for (let i = 0, w = base + CHARS; i < n; i += 2, w++) {
      const pair = key.charCodeAt(i) | (i + 1 < n ? key.charCodeAt(i + 1) << 16 : 0);
      if (r[w] !== pair) return false;
    }
    return true;
  }

  /** A slot for a word find() did not find; the caller fills its vector (zeros here) and tag. */
  add(key: string, latin: boolean, h = wordHash(key, latin)): number {
    this.misses++;
    const fresh = this.used < this.capacity;
    const s = fresh ? this.used++ : this.evict();
    const r = this.records;
    const base = s * REC;
    const n = key.length;
    r[base + LAST_USE] = this.document;
    r[base + PASSED] = this.document;
    r[base + HEADER] = 1 + n * 2 + (latin ? 1 : 0);
    r[base + HASH] = h;
    if (n > KEY_CHARS) {
      this.longKeys[s] = key;
    } else {
      for (let i = 0, w = base + CHARS; i < n; i += 2, w++) r[w] = key.charCodeAt(i) | (i + 1 < n ? key.charCodeAt(i + 1) << 16 : 0);
    }
    // a slot never used is zeros already (the arrays are made zero, and grow() copies into zeros)
    if (!fresh) this.vectors.fill(0, s * this.width, (s + 1) * this.width);
    const table = this.table;
    let p = h & this.mask;
    while (table[2 * p + 1] !== 0) p = (p + 1) & this.mask;
    table[2 * p] = h;
    table[2 * p + 1] = s + 1;
    return s;
  }

  /** The vector of a reserved slot (BEFORE_SLOT, AFTER_SLOT), for its owner to fill. */
  reserved(slot: number): Float64Array {
    return this.vectors.subarray(slot * this.width, (slot + 1) * this.width);
  }

  /** Frees a slot not used since the hand last passed it (nor in this document), and returns it. */
  private evict(): number {
    const cap = this.capacity;
    const r = this.records;
    for (let steps = 0; ; steps++) {
      if (steps > 2 * cap) return this.grow();
      const s = this.hand;
      this.hand = s + 1 === cap ? RESERVED : s + 1;
      const last = r[s * REC + LAST_USE] as number;
      if (last === this.document) continue;
      if (last >= (r[s * REC + PASSED] as number)) {
        r[s * REC + PASSED] = this.document;
        continue;
      }
      this.unlink(s);
      return s;
    }
  }

  /** Every slot is in the current document (a document of more types than the cache holds): twice the room. */
  private grow(): number {
    this.resize(this.capacity * 2);
    this.hand = RESERVED;
    return this.used++;
  }

  private resize(capacity: number): void {
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T, per = 1): T => {
      const b = make(capacity * per);
      b.set(a);
      return b;
    };
    this.vectors = grow(this.vectors, (n) => new Float64Array(n), this.width);
    this.tags = grow(this.tags, (n) => new Int32Array(n));
    this.records = grow(this.records, (n) => new Int32Array(n), REC);
    this.capacity = capacity;
    this.rehash();
  }

  /** A table of at least twice the capacity, holding the words of the slots in use. */
  private rehash(): void {
    let size = 4;
    while (size < this.capacity * 2) size <<= 1;
    this.table = new Int32Array(size * 2);
    this.mask = size - 1;
    for (let s = RESERVED; s < this.used; s++) {
      if (this.records[s * REC + HEADER] === 0) continue;
      const h = this.records[s * REC + HASH] as number;
      let p = h & this.mask;
      while (this.table[2 * p + 1] !== 0) p = (p + 1) & this.mask;
      this.table[2 * p] = h;
      this.table[2 * p + 1] = s + 1;
    }
  }

  /** Removes slot s from the table (linear probing: the entries after it move back over the hole). */
  private unlink(s: number): void {
    const table = this.table;
    const mask = this.mask;
    let hole = (this.records[s * REC + HASH] as number) & mask;
    while (table[2 * hole + 1] !== s + 1) hole = (hole + 1) & mask;
    let p = hole;
    for (;;) {
      p = (p + 1) & mask;
      const v = table[2 * p + 1] as number;
      if (v === 0) break;
      const home = (table[2 * p] as number) & mask;
      // the entry at p may fill the hole when its home is not in (hole, p] (cyclically)
      const stays = hole <= p ? home > hole && home <= p : home > hole || home <= p;
      if (stays) continue;
      table[2 * hole] = table[2 * p] as number;
      table[2 * hole + 1] = v;
      hole = p;
    }
    table[2 * hole] = 0;
    table[2 * hole + 1] = 0;
    this.records[s * REC + HEADER] = 0;
    this.longKeys[s] = undefined;
  }
}

/** The hash a word is found by (FNV-1a over its UTF-16 code units, one seed per script); the pack's precomputed words use it too. */
export function wordHash(key: string, latin: boolean): number {
  let h = latin ? LATIN_SEED : ARABIC_SEED;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h | 0;
}
