/**
 * Values computed from one published warehouse version, kept while that version is current: least
 * recently used first out, bounded in bytes, and a value asked for by several callers at once is computed
 * once (single flight). A version's files never change, so an entry is never stale while its version is
 * current; the first request that names another version drops every entry of the old one.
 */
export interface VersionCacheStats {
  readonly version: string | null;
  readonly entries: number;
  readonly bytes: number;
  /** Times a value was computed (a miss that started a fill). */
  readonly fills: number;
  readonly hits: number;
}

export type Lookup = 'hit' | 'shared' | 'miss';

export class VersionCache<V> {
  private version: string | null = null;
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private readonly pending = new Map<string, Promise<V>>();
  private bytes = 0;
  private fills = 0;
  private hits = 0;

  /**
   * @param limitBytes the most bytes kept; a single value over a quarter of it is returned but not kept,
   *   so one huge answer cannot flush everything else
   * @param sizeOf the bytes a value holds
   * @param keep whether a computed value may be kept (e.g. only successful answers)
   */
  constructor(
    private readonly limitBytes: number,
    private readonly sizeOf: (value: V) => number,
    private readonly keep: (value: V) => boolean = () => true,
  ) {}

  /** The value of `key` under `version`: kept, being computed, or computed now by `fill`. */
  async get(version: string, key: string, fill: () => Promise<V>): Promise<{ value: V; lookup: Lookup }> {
    if (version !== this.version) this.moveTo(version);
    const kept = this.entries.get(key);
    if (kept) {
      // Map order is the recency order: move the entry to the end.
      this.entries.delete(key);
      this.entries.set(key, kept);
      this.hits++;
      return { value: kept.value, lookup: 'hit' };
    }
    const running = this.pending.get(key);
    if (running) return { value: await running, lookup: 'shared' };
    this.fills++;
    const filling = fill().finally(() => {
      if (this.version === version) this.pending.delete(key);
    });
    this.pending.set(key, filling);
    const value = await filling;
    if (this.version === version && this.keep(value)) this.store(key, value);
    return { value, lookup: 'miss' };
  }

  stats(): VersionCacheStats {
    return { version: this.version, entries: this.entries.size, bytes: this.bytes, fills: this.fills, hits: this.hits };
  }

  private moveTo(version: string): void {
    this.version = version;
    this.entries.clear();
    // Fills still running for the old version finish for their callers but are not kept.
    this.pending.clear();
    this.bytes = 0;
  }

  private store(key: string, value: V): void {
    const bytes = key.length * 2 + this.sizeOf(value);
    if (bytes > this.limitBytes / 4) return;
    const prev = this.entries.get(key);
    if (prev) {
      this.entries.delete(key);
      this.bytes -= prev.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.limitBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}
