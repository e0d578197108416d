/**
 * The keyword-search index (`_search/`, @mirsad/model/search-index) built from the articles' tokens in
 * JS, instead of a DuckDB sort of their rows: the rows of the index are (token, article, after_al), one
 * per distinct token of an article, and their order is that of the distinct tokens (a few hundred
 * thousand) then of the articles. So each token is given a number as it is met, each row kept as two
 * integers (token number; article number and after_al), and once every article is in, the tokens and
 * the article ids are sorted (code point order, as DuckDB compares strings) and the rows put in order
 * by a counting sort on the token's rank, each token's rows then sorted as numbers. DuckDB writes the
 * Parquet files from a table function that hands it the rows a chunk at a time, tokens and article ids
 * as ENUM indexes (no string is made per row), cast back to text on the way out.
 *
 * Memory: the rows are held as 8 bytes each up to a bound (IN_MEMORY_ROWS) and past it spilled to a
 * file; the rows of more than SEARCH_FILE_ROWS are cut into files of disjoint token ranges, and each
 * file is put in order a part of at most SORT_ROWS rows at a time (from that part's share of the spill)
 * while DuckDB writes it, in buffers used again for every part. What stays for the whole build is the
 * vocabulary and the article ids. At 1M articles (237M rows, 15 files) sorting a whole file at once
 * held some 250 MB of rows, their token ranks and keys, and as much again in the arrays of the file
 * before until they were collected.
 */
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import duckdb from '@duckdb/node-bindings';
import { DuckDBTableFunction, type DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '@mirsad/model';
import { SEARCH_COPY_OPTIONS, SEARCH_FILE_ROWS, searchFileName } from '@mirsad/model/search-index';

/** Rows held in memory before they are spilled to disk (8 bytes each). */
const IN_MEMORY_ROWS = 1 << 24;

/** Rows put in order at once (16 bytes each while they are), whatever the size of a file. */
const SORT_ROWS = 1 << 22;

/**
 * -1, 0 or 1 as `a` sorts before, with or after `b` by code point (the order of their UTF-8 bytes,
 * DuckDB's for VARCHAR): JS compares UTF-16 units, where a character past U+FFFF (a surrogate pair,
 * D800–DFFF) sorts before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** `values` sorted by code point; the plain (UTF-16) sort where no value holds a unit from U+D800 up. */
function sortedByCodePoint(values: string[]): string[] {
  const high = /[\ud800-\uffff]/;
  return values.some((v) => high.test(v)) ? values.sort(compareCodePoints) : values.sort();
}

/** Bytes of an ENUM index of a type of `n` members (DuckDB: 8 bits up to 255 members, 16 up to 65,535, then 32). */
const enumWidth = (n: number): 1 | 2 | 4 => (n < 256 ? 1 : n < 65_536 ? 2 : 4);

function grown(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const out = new Uint32Array(2 * a.length);
  out.set(a);
  return out;
}

function enumIndexes(width: 1 | 2 | 4, n: number): Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer> {
  return width === 1 ? new Uint8Array(n) : width === 2 ? new Uint16Array(n) : new Uint32Array(n);
}

let functionNumber = 0;

export class SearchIndexBuilder {
  /** The distinct tokens' UTF-8 bytes, one after another; each token's start, length and hash by its number. */
  private arena = new Uint8Array(1 << 20);
  private arenaUsed = 0;
  private starts = new Uint32Array(1 << 16);
  private lengths = new Uint32Array(1 << 16);
  private hashes = new Uint32Array(1 << 16);
  private counts = new Uint32Array(1 << 16);
  private vocabulary = 0;
  /** Open addressing on the tokens' hashes, four numbers a slot: hash, token number + 1 (0 where free), length, start. */
  private table = new Int32Array(4 << 17);
  private readonly articleIds = new Map<string, number>();
  private readonly articles: string[] = [];
  /** Rows as pairs: token number, then article number × 2 + after_al. */
  private pairs = new Uint32Array(2 * 1024);
  private held = 0;
  private spilled = 0;
  private spill: number | null = null;
  private readonly spillFiles: string[] = [];
  private readonly encoder = new TextEncoder();

  /** `spillDir`: where rows past IN_MEMORY_ROWS go (removed by dispose). */
  constructor(
    private readonly spillDir: string,
    private readonly inMemoryRows = IN_MEMORY_ROWS,
  ) {}

  /** Rows added so far. */
  get rows(): number {
    return this.spilled + this.held;
  }

  /**
   * One article's rows (@mirsad/model/search-index SearchTokens: distinct tokens, separated by one
   * space), as text or as its UTF-8 bytes (what DuckDB hands over without making a string of each).
   */
  add(articleId: string, tokens: string | Uint8Array, tokensAl: string | Uint8Array): void {
    let a = this.articleIds.get(articleId);
    if (a === undefined) {
      a = this.articles.length;
      this.articleIds.set(articleId, a);
      this.articles.push(articleId);
    }
    this.addTokens(typeof tokens === 'string' ? this.encoder.encode(tokens) : tokens, 2 * a);
    this.addTokens(typeof tokensAl === 'string' ? this.encoder.encode(tokensAl) : tokensAl, 2 * a + 1);
  }

  private addTokens(bytes: Uint8Array, key: number): void {
    const n = bytes.length;
    let s = 0;
    while (s < n) {
      let e = s;
      let h = 0x811c9dc5;
      for (; e < n; e++) {
        const b = bytes[e]!;
        if (b === 0x20) break;
        h = Math.imul(h ^ b, 0x01000193);
      }
      if (e > s) this.addRow(this.intern(bytes, s, e, h >>> 0), key);
      s = e + 1;
    }
  }

  /**
   * The number of the token bytes[s, e) (hash h), given one if it is new. A slot of the table holds
   * the hash, the number + 1, the length and the start in the arena of its token: a look-up reads one
   * slot and the token's bytes (its cost is the memory it touches).
   */
  private intern(bytes: Uint8Array, s: number, e: number, h: number): number {
    let table = this.table;
    let mask = (table.length >> 2) - 1;
    let slot = h & mask;
    const len = e - s;
    const arena = this.arena;
    for (;;) {
      const at = 4 * slot;
      const entry = table[at + 1]!;
      if (entry === 0) break;
      if (table[at] === (h | 0) && table[at + 2] === len) {
        const start = table[at + 3]!;
        let k = 0;
        while (k < len && arena[start + k] === bytes[s + k]) k++;
        if (k === len) return entry - 1;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.vocabulary++;
    if (id === this.starts.length) {
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
      this.hashes = grown(this.hashes);
      this.counts = grown(this.counts);
    }
    if (this.arenaUsed + len > this.arena.length) {
      const more = new Uint8Array(Math.max(2 * this.arena.length, this.arenaUsed + len));
      more.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = more;
    }
    this.arena.set(bytes.subarray(s, e), this.arenaUsed);
    this.starts[id] = this.arenaUsed;
    this.lengths[id] = len;
    this.hashes[id] = h;
    this.arenaUsed += len;
    if (2 * this.vocabulary > table.length >> 2) {
      // keep the table at most half full
      table = this.table = new Int32Array(2 * table.length);
      mask = (table.length >> 2) - 1;
      for (let t = 0; t < this.vocabulary; t++) this.place(this.hashes[t]!, t, mask);
    } else this.place(h, id, mask);
    return id;
  }

  private place(h: number, id: number, mask: number): void {
    const table = this.table;
    let at = 4 * (h & mask);
    while (table[at + 1] !== 0) at = (at + 4) & (4 * mask + 3);
    table[at] = h | 0;
    table[at + 1] = id + 1;
    table[at + 2] = this.lengths[id]!;
    table[at + 3] = this.starts[id]!;
  }

  private addRow(id: number, key: number): void {
    this.counts[id]!++;
    if (2 * this.held === this.pairs.length) this.grow();
    this.pairs[2 * this.held] = id;
    this.pairs[2 * this.held + 1] = key;
    this.held++;
  }

  /** The tokens as text, by number. */
  private tokenTexts(): string[] {
    const joined = new Uint8Array(this.arenaUsed + this.vocabulary);
    let at = 0;
    for (let t = 0; t < this.vocabulary; t++) {
      if (t > 0) joined[at++] = 0x20;
      joined.set(this.arena.subarray(this.starts[t], this.starts[t]! + this.lengths[t]!), at);
      at += this.lengths[t]!;
    }
    return this.vocabulary === 0 ? [] : new TextDecoder().decode(joined.subarray(0, at)).split(' ');
  }

  private grow(): void {
    if (this.held < this.inMemoryRows) {
      const grown = new Uint32Array(Math.min(2 * this.pairs.length, 2 * this.inMemoryRows));
      grown.set(this.pairs);
      this.pairs = grown;
      return;
    }
    this.flushSpill();
  }

  private flushSpill(): void {
    if (this.held === 0) return;
    if (this.spill === null) {
      const file = path.join(this.spillDir, 'search-rows.bin');
      this.spillFiles.push(file);
      this.spill = openSync(file, 'w');
    }
    writeSync(this.spill, this.pairs, 0, 8 * this.held);
    this.spilled += this.held;
    this.held = 0;
  }

  /**
   * Writes the index files into `dir`, numbered from `next`: one file when the rows are at most
   * `fileRows`, else files of disjoint token ranges of about `fileRows` rows each. Returns the next
   * free file number. A file's rows are put in order a part at a time, parts of consecutive tokens of
   * at most `sortRows` rows (more only for a token of more rows alone), as DuckDB takes them: what is
   * held for the sort does not grow with the corpus (see SortParts).
   */
  async write(c: DuckDBConnection, dir: string, next: number, fileRows = SEARCH_FILE_ROWS, sortRows = SORT_ROWS): Promise<number> {
    const total = this.rows;
    if (total === 0) return next;
    // token ranks: the vocabulary in code point order
    const texts = this.tokenTexts();
    const order = Array.from(texts.keys());
    order.sort((x, y) => compareCodePoints(texts[x]!, texts[y]!));
    const vocabulary = order.map((id) => texts[id]!);
    const rankOf = new Uint32Array(vocabulary.length);
    for (let r = 0; r < order.length; r++) rankOf[order[r]!] = r;
    const perRank = new Uint32Array(vocabulary.length);
    for (let id = 0; id < this.vocabulary; id++) perRank[rankOf[id]!] = this.counts[id]!;
    // the interning tables are done with
    this.arena = new Uint8Array(0);
    this.table = new Int32Array(0);
    this.starts = this.lengths = this.hashes = this.counts = new Uint32Array(0);
    const ids = sortedByCodePoint(this.articles);
    const articleRank = new Uint32Array(ids.length);
    for (let r = 0; r < ids.length; r++) articleRank[this.articleIds.get(ids[r]!)!] = r;
    this.articleIds.clear();
    const articleType = duckdb.create_enum_type(ids);
    const articleWidth = enumWidth(ids.length);
    this.articles.length = 0;

    // the files' ranges: cut where the rows before reach k × total / parts
    const parts = Math.max(1, Math.ceil(total / fileRows));
    const cuts = [0];
    let sum = 0;
    for (let r = 0; r < vocabulary.length && cuts.length < parts; r++) {
      sum += perRank[r]!;
      if (sum >= (cuts.length * total) / parts && r + 1 < vocabulary.length) cuts.push(r + 1);
    }
    cuts.push(vocabulary.length);
    // each file's parts: consecutive tokens while their rows stay within sortRows
    const files: { lo: number; hi: number; parts: SortPart[] }[] = [];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const lo = cuts[k]!;
      const hi = cuts[k + 1]!;
      const fileParts: SortPart[] = [];
      let part: SortPart = { lo, hi: lo, rows: 0, file: null };
      for (let r = lo; r < hi; r++) {
        if (part.rows > 0 && part.rows + perRank[r]! > sortRows) {
          fileParts.push(part);
          part = { lo: r, hi: r, rows: 0, file: null };
        }
        part.hi = r + 1;
        part.rows += perRank[r]!;
      }
      fileParts.push(part);
      files.push({ lo, hi, parts: fileParts });
    }
    const all = files.flatMap((f) => f.parts);
    let held: { pairs: Uint32Array; rows: number } | null = { pairs: this.pairs, rows: this.held };
    if (this.spill !== null) {
      this.flushSpill();
      closeSync(this.spill);
      this.spill = null;
      held = null;
    }
    this.pairs = new Uint32Array(0);
    if (!held) this.distribute(all, rankOf);
    const sorter = new SortParts(all, rankOf, articleRank, held);
    try {
      for (const file of files) {
        const words = vocabulary.slice(file.lo, file.hi);
        await this.copyRows(c, sorter, file, words, articleType, articleWidth, path.join(dir, searchFileName(next++)));
      }
    } finally {
      for (const p of all) if (p.file !== null) rmSync(p.file, { force: true });
    }
    this.sortedAtOnce = sorter.sortedAtOnce;
    return next;
  }

  /** The most rows write() put in order at once (tests: the bound holds). */
  sortedAtOnce = 0;

  /** The spilled rows, one file per part (its rows in spill order), named in each part's `file`. */
  private distribute(parts: SortPart[], rankOf: Uint32Array): void {
    const files = parts.map((p, k) => (p.file = path.join(this.spillDir, `search-part-${k}.bin`)));
    // the part of each token, by its number
    const partOfRank = new Uint32Array(rankOf.length);
    for (const [k, p] of parts.entries()) partOfRank.fill(k, p.lo, p.hi);
    const partOf = rankOf.map((rank) => partOfRank[rank]!);
    const fds: number[] = [];
    const BLOCK = 1 << 14;
    const outs = parts.map(() => ({ buf: new Uint32Array(0), n: 0 }));
    const input = new Uint32Array(2 * (1 << 18));
    try {
      for (const f of files) fds.push(openSync(f, 'w'));
      for (const file of this.spillFiles) {
        const fd = openSync(file, 'r');
        try {
          for (;;) {
            const bytes = readSync(fd, input, 0, input.byteLength, null);
            if (bytes === 0) break;
            for (let i = 0; i < bytes / 4; i += 2) {
              const k = partOf[input[i]!]!;
              const out = outs[k]!;
              if (out.buf.length === 0) out.buf = new Uint32Array(2 * BLOCK);
              out.buf[2 * out.n] = input[i]!;
              out.buf[2 * out.n + 1] = input[i + 1]!;
              if (++out.n === BLOCK) {
                writeSync(fds[k]!, out.buf, 0, 8 * out.n);
                out.n = 0;
              }
            }
          }
        } finally {
          closeSync(fd);
        }
        rmSync(file, { force: true });
      }
      for (const [k, out] of outs.entries()) if (out.n > 0) writeSync(fds[k]!, out.buf, 0, 8 * out.n);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
    this.spillFiles.length = 0;
  }

  /**
   * One index file, the rows of a range of token ranks, written by DuckDB from a table function that
   * puts each part of the range in order when DuckDB has taken the one before (every chunk full but
   * the last, as one sorted range gave them: the same row groups).
   */
  private async copyRows(
    c: DuckDBConnection,
    sorter: SortParts,
    file: { lo: number; hi: number; parts: SortPart[] },
    words: string[],
    articleType: duckdb.LogicalType,
    articleWidth: 1 | 2 | 4,
    out: string,
  ): Promise<void> {
    const tokenType = duckdb.create_enum_type(words);
    const tokenWidth = enumWidth(words.length);
    const cap = duckdb.vector_size();
    const tokenOut = enumIndexes(tokenWidth, cap);
    const articleOut = enumIndexes(articleWidth, cap);
    const alOut = new Uint8Array(cap);
    let part = 0;
    let sorted: SortedRange | null = null;
    let base = 0;
    let at = 0;
    let t = 0;
    const fn = new DuckDBTableFunction();
    const name = `mirsad_search_rows_${++functionNumber}`;
    fn.setName(name);
    duckdb.table_function_set_bind(fn.table_function, (info) => {
      duckdb.bind_add_result_column(info, 'token', tokenType);
      duckdb.bind_add_result_column(info, 'article_id', articleType);
      duckdb.bind_add_result_column(info, 'after_al', duckdb.create_logical_type(duckdb.Type.BOOLEAN));
    });
    duckdb.table_function_set_init(fn.table_function, () => {});
    duckdb.table_function_set_function(fn.table_function, (info, output) => {
      let n = 0;
      try {
        while (n < cap) {
          if (sorted === null || at === sorted.keys.length) {
            if (part === file.parts.length) break;
            const p = file.parts[part]!;
            sorted = sorter.sort(p);
            base = p.lo - file.lo;
            part++;
            at = 0;
            t = 0;
            continue;
          }
          const { keys, starts } = sorted;
          const m = Math.min(cap - n, keys.length - at);
          for (let i = 0; i < m; i++, at++, n++) {
            while (starts[t + 1]! <= at) t++;
            const key = keys[at]!;
            tokenOut[n] = base + t;
            articleOut[n] = key >>> 1;
            alOut[n] = key & 1;
          }
        }
      } catch (err) {
        duckdb.function_set_error(info, (err as Error).message);
        return;
      }
      duckdb.data_chunk_set_size(output, n);
      if (n === 0) return;
      duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(output, 0), 0, tokenOut.buffer, 0, n * tokenWidth);
      duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(output, 1), 0, articleOut.buffer, 0, n * articleWidth);
      duckdb.copy_data_to_vector(duckdb.data_chunk_get_vector(output, 2), 0, alOut.buffer, 0, n);
    });
    c.registerTableFunction(fn);
    await c.run(
      `COPY (SELECT token::VARCHAR AS token, article_id::VARCHAR AS article_id, after_al FROM ${name}()) TO ${quoteLiteral(out)} ${SEARCH_COPY_OPTIONS}`,
    );
  }

  /** Removes the spill files, if any. */
  dispose(): void {
    if (this.spill !== null) closeSync(this.spill);
    this.spill = null;
    for (const f of this.spillFiles) rmSync(f, { force: true });
  }
}

/** A run of consecutive token ranks [lo, hi) of a file, put in order at once: its rows, and the file they were spilled to. */
interface SortPart {
  lo: number;
  hi: number;
  rows: number;
  file: string | null;
}

interface SortedRange {
  /** Article rank × 2 + after_al of each row, in the index's order. */
  keys: Uint32Array;
  /** Where each token of the part (by rank from the part's first) starts in keys; one more at the end. */
  starts: Uint32Array;
}

/**
 * Puts the rows of a part in order by two stable counting sorts (by article rank and after_al first,
 * then by token rank) in buffers sized once for the largest part and used again for every part: what
 * the sort holds is 16 bytes a row of the largest part (its rows as read, the token ranks by key, the
 * keys in order) and 8 bytes an article, whatever the corpus.
 */
class SortParts {
  readonly largest: number;
  /** The most rows put in order at once. */
  sortedAtOnce = 0;
  private readonly pairs: Uint32Array;
  private readonly tokens: Uint32Array;
  private readonly keys: Uint32Array;
  private readonly byKey: Uint32Array;
  private readonly fill: Uint32Array;

  /** `held`: the rows in memory (none spilled), else each part's rows are read from its file. */
  constructor(
    parts: readonly SortPart[],
    private readonly rankOf: Uint32Array,
    private readonly articleRank: Uint32Array,
    private readonly held: { pairs: Uint32Array; rows: number } | null,
  ) {
    this.largest = Math.max(0, ...parts.map((p) => p.rows));
    this.pairs = held ? held.pairs : new Uint32Array(2 * this.largest);
    this.tokens = new Uint32Array(this.largest);
    this.keys = new Uint32Array(this.largest);
    this.byKey = new Uint32Array(2 * articleRank.length + 1);
    this.fill = new Uint32Array(2 * articleRank.length);
  }

  /** The rows of `part` in order (views of buffers the next call writes over). */
  sort(part: SortPart): SortedRange {
    let rows = 0;
    if (this.held) rows = this.held.rows;
    else if (part.file !== null) {
      rows = readPairs(part.file, this.pairs) / 2;
      rmSync(part.file, { force: true });
    }
    const { lo, hi } = part;
    const width = hi - lo;
    const pairs = this.pairs;
    const rankOf = this.rankOf;
    const articleRank = this.articleRank;
    const keyCount = 2 * articleRank.length;
    const byKey = this.byKey;
    byKey.fill(0);
    const starts = new Uint32Array(width + 1);
    for (let i = 0; i < rows; i++) {
      const r = rankOf[pairs[2 * i]!]! - lo;
      if (r < 0 || r >= width) continue;
      const key = pairs[2 * i + 1]!;
      byKey[2 * articleRank[key >>> 1]! + (key & 1) + 1]!++;
      starts[r + 1]!++;
    }
    for (let k = 0; k < keyCount; k++) byKey[k + 1]! += byKey[k]!;
    for (let r = 0; r < width; r++) starts[r + 1]! += starts[r]!;
    const n = starts[width]!;
    this.sortedAtOnce = Math.max(this.sortedAtOnce, n);
    const tokens = this.tokens;
    const fill = this.fill;
    fill.set(byKey.subarray(0, keyCount));
    for (let i = 0; i < rows; i++) {
      const r = rankOf[pairs[2 * i]!]! - lo;
      if (r < 0 || r >= width) continue;
      const key = pairs[2 * i + 1]!;
      tokens[fill[2 * articleRank[key >>> 1]! + (key & 1)]!++] = r;
    }
    const keys = this.keys;
    const at = starts.slice(0, width);
    for (let k = 0; k < keyCount; k++) {
      for (let j = byKey[k]!; j < byKey[k + 1]!; j++) keys[at[tokens[j]!]!++] = k;
    }
    return { keys: keys.subarray(0, n), starts };
  }
}

/** Reads `file` into `into`; returns the number of 32-bit values read. */
function readPairs(file: string, into: Uint32Array): number {
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    let at = 0;
    while (at < size) {
      const n = readSync(fd, into, at, size - at, null);
      if (n === 0) break;
      at += n;
    }
    return at / 4;
  } finally {
    closeSync(fd);
  }
}
