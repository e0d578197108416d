/**
 * The article ids a run has staged, for making repeats unique (pipeline.ts uniqueIds). The one
 * structure of the main thread that grows with every article: a Set of a million 16-character id
 * strings holds 51 MiB of V8 heap; here an id of 16 hex digits is two 32-bit numbers in an
 * open-addressed typed array (16 MiB for a million, no object per id). Any other id is kept as a
 * string beside it.
 */
const INITIAL_SLOTS = 1 << 12;
const HEX_ID_LENGTH = 16;

export class ArticleIdSet {
  /** (high, low) 32-bit halves per slot; `used` tells a slot holding id 0 from an empty one. */
  private halves = new Uint32Array(2 * INITIAL_SLOTS);
  private used = new Uint8Array(INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  private hexCount = 0;
  private readonly others = new Set<string>();

  get size(): number {
    return this.hexCount + this.others.size;
  }

  has(id: string): boolean {
    if (!isHexId(id)) return this.others.has(id);
    return this.slotOf(hexHalf(id, 0), hexHalf(id, 8)) < 0;
  }

  add(id: string): void {
    if (!isHexId(id)) {
      this.others.add(id);
      return;
    }
    const hi = hexHalf(id, 0);
    const lo = hexHalf(id, 8);
    const slot = this.slotOf(hi, lo);
    if (slot < 0) return;
    this.put(slot, hi, lo);
    // at most half full: probe sequences stay short
    if (++this.hexCount * 2 > this.used.length) this.grow();
  }

  /** -1 when (hi, lo) is present, else the empty slot where it belongs. */
  private slotOf(hi: number, lo: number): number {
    // the ids are hashes already: their low bits are as good as any hash of them
    let s = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.used[s] === 1) {
      if (this.halves[2 * s] === hi && this.halves[2 * s + 1] === lo) return -1;
      s = (s + 1) & this.mask;
    }
    return s;
  }

  private put(slot: number, hi: number, lo: number): void {
    this.used[slot] = 1;
    this.halves[2 * slot] = hi;
    this.halves[2 * slot + 1] = lo;
  }

  private grow(): void {
    const { halves, used } = this;
    const slots = used.length * 2;
    this.halves = new Uint32Array(2 * slots);
    this.used = new Uint8Array(slots);
    this.mask = slots - 1;
    for (let s = 0; s < used.length; s++) {
      if (used[s] === 1) this.put(this.slotOf(halves[2 * s]!, halves[2 * s + 1]!), halves[2 * s]!, halves[2 * s + 1]!);
    }
  }
}

/** 16 lowercase hex digits, the form of article ids (process.ts articleId). */
function isHexId(id: string): boolean {
  if (id.length !== HEX_ID_LENGTH) return false;
  for (let i = 0; i < HEX_ID_LENGTH; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** The 32-bit number of the 8 hex digits of `id` from `from`. */
function hexHalf(id: string, from: number): number {
  let v = 0;
  for (let i = from; i < from + 8; i++) {
    const c = id.charCodeAt(i);
    v = (v << 4) | (c <= 57 ? c - 48 : c - 87);
  }
  return v >>> 0;
}
