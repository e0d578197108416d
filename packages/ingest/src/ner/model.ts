/**
 * The trained tagger at run time: hashed feature ids → weight rows (open addressing over a typed
 * array), per-word-type emission vectors (the frequent words' summed once in the load pack and
 * shared, the others cached per worker), Viterbi per sentence. And the model
 * file: gzip of a magic line, a JSON header (labels, training config, data digests, dev scores),
 * the sorted feature hashes, their int16 weights and the transition scores.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildId } from '@mirsad/model/config/cache';
import type { Token } from '../types.ts';
import { clusterTableParts, clustersFromParts, parseClusters, type Clusters } from './clusters.ts';
import {
  BIAS,
  BOUNDARY_AFTER,
  BOUNDARY_BEFORE,
  PRIOR_CODES,
  priorPairIds,
  WINDOW,
  OFFSETS,
  wordFeatureIdsAllOffsets,
  wordProperties,
  type WordResources,
  type WordView,
} from './features.ts';
import { parseNames } from './names.ts';
import { L, LABELS, labelIndex, O, type EntityType } from './labels.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE, TAGGED_FILE } from './paths.ts';
import { cachedPack, pack, readCachedPack, unpack } from './pack.ts';
import { parseLabelLexicon } from './tagged.ts';
import { pathScore, viterbi } from './viterbi.ts';
import { addDocumentWeights, DOC_FEATURES, documentFeatures, documentKey } from './document.ts';
import { prefixTable, stringCount, stringIndex, stringTable, type StringTable } from './string-table.ts';
import { AFTER_SLOT, BEFORE_SLOT, WordCache, wordHash } from './word-cache.ts';

const MAGIC = 'MIRSAD-NER 2\n';

export interface ModelHeader {
  labels: readonly string[];
  features: number;
  /** Weight = int16 × scale. */
  scale: number;
  /** What the model was trained from and how: checked by a test against the training script's config. */
  training: Record<string, unknown>;
}

export interface ModelWeights {
  header: ModelHeader;
  /** Ascending feature hashes. */
  hashes: Uint32Array;
  /** hashes.length × L weights. */
  weights: Float32Array;
  transitions: Float32Array;
  start: Float32Array;
  /** The second pass's weights, DOC_FEATURES × L (document.ts). */
  document: Float32Array;
}

/** Quantises to int16 with one scale; rows that round to all zeros are left out. */
export function serializeModel(m: ModelWeights): Buffer {
  let max = 0;
  for (const w of m.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const keep: number[] = [];
  const order = [...m.hashes.keys()].sort((a, b) => (m.hashes[a] as number) - (m.hashes[b] as number));
  for (const r of order) {
    let any = false;
    for (let y = 0; y < L; y++) if (Math.round((m.weights[r * L + y] as number) / scale) !== 0) any = true;
    if (any) keep.push(r);
  }
  const hashes = new Uint32Array(keep.length);
  const q = new Int16Array(keep.length * L);
  keep.forEach((r, k) => {
    hashes[k] = m.hashes[r] as number;
    for (let y = 0; y < L; y++) q[k * L + y] = Math.round((m.weights[r * L + y] as number) / scale);
  });
  const header: ModelHeader = { ...m.header, features: keep.length, scale };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const body = Buffer.concat([
    Buffer.from(MAGIC, 'utf8'),
    len,
    json,
    le(hashes),
    le(q),
    le(Float32Array.from(m.transitions)),
    le(Float32Array.from(m.start)),
    le(Float32Array.from(m.document)),
  ]);
  return gzipSync(body, { level: 9 });
}

/** Typed array bytes, little-endian (every platform Node runs on here is). */
function le(a: Uint32Array | Int16Array | Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function parseModel(gz: Uint8Array): ModelWeights {
  const buf = gunzipSync(gz);
  if (buf.toString('utf8', 0, MAGIC.length) !== MAGIC) throw new Error('not a Mirsad tagger model (bad magic)');
  let at = MAGIC.length;
  const jsonLength = buf.readUInt32LE(at);
  at += 4;
  const header = JSON.parse(buf.toString('utf8', at, at + jsonLength)) as ModelHeader;
  at += jsonLength;
  if (header.labels.join(' ') !== LABELS.join(' ')) throw new Error(`tagger model labels ${header.labels.join(' ')} differ from the code's`);
  const n = header.features;
  const copy = (bytes: number) => {
    const b = new Uint8Array(bytes);
    b.set(buf.subarray(at, at + bytes));
    at += bytes;
    return b.buffer;
  };
  const hashes = new Uint32Array(copy(n * 4));
  const q = new Int16Array(copy(n * L * 2));
  const transitions = new Float32Array(copy(L * L * 4));
  const start = new Float32Array(copy(L * 4));
  const document = new Float32Array(copy(DOC_FEATURES * L * 4));
  const weights = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) weights[i] = (q[i] as number) * header.scale;
  return { header, hashes, weights, transitions, start, document };
}

/** Index of hash h in the ascending hashes, or -1. */
function rowOf(hashes: Uint32Array, h: number): number {
  const key = h >>> 0;
  let lo = 0;
  let hi = hashes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = hashes[mid] as number;
    if (m === key) return mid;
    if (m < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Bits of the feature filter (2^FILTER_BITS bits): one set per model feature, so ~7% of absent features pass. */
const FILTER_BITS = 21;

function filterBit(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - FILTER_BITS);
}

/**
 * Templates whose values are the word's own (features.ts wordProperties): looked up in the model
 * at each new word. The other templates' values (affixes, shape, clusters, lexicon codes) are
 * shared by many words (on ANT, the 16,000 words of 3,000 articles not among the precomputed ones
 * hold 6,500 prefixes, 6,300 suffixes, 42 shapes, 311 clusters): the model rows of each value at
 * every offset are found once per tagger and kept as a block (Tagger.newBlock). A word's vector is
 * the same either way: its sums are exact (vectorInto), whatever their order.
 */
const OWN_VALUES: ReadonlySet<string> = new Set(['w', 'stem', 'bare']);
/** Blocks a tagger keeps (a few model rows each); full, it starts again. */
const MAX_BLOCKS = 65_536;

/** Precomputed words (the most frequent first) found through the tagger's small table (Tagger.hot). */
const HOT_WORDS = 8192;

/** Word types a tagger keeps (word-cache.ts); an ANT worker meets ~170k. */
const CACHE_WORDS = 160_000;
const SPAN = OFFSETS.length;
/** Doubles per word type: its emission scores seen from each offset (OFFSETS.length × L). */
const WIDTH = SPAN * L;

/** The labels of a document and the emissions they were decoded from (tokens × L, reused by the next call). */
export interface TaggedDocument {
  labels: Uint8Array;
  emissions: Float64Array;
}

export interface TaggerOptions {
  /** Word types whose vectors stay cached (default CACHE_WORDS); tests make it small to force evictions. */
  cacheWords?: number;
  /** featureTables(model), made before (the load pack's, shared between threads): read, never written. */
  tables?: FeatureTables;
  /** Vectors of frequent Arabic words summed before (precomputeWords, the load pack's): read, never written. */
  precomputed?: PrecomputedWords;
  /** Precomputed words found through the small table (default HOT_WORDS); tests make it small to use both tables. */
  hotWords?: number;
}

/**
 * The vectors of frequent Arabic words, summed once (when the load pack is made) rather than by each
 * thread at each word's first use, and shared by the threads: an ANT worker meets some 150,000 word
 * types in its first 10,000 articles, and summing a type's weights (its properties, their hashes,
 * some 60 look-ups) cost some 20 µs, most of the tagger's time. A word's vector depends on its
 * normalised form alone when it is Arabic (wordProperties reads the text only for a Latin word's
 * capital), so Arabic tokens are found here by their norm.
 */
export interface PrecomputedWords {
  /** The words, found by wordHash(norm, false) (as the word cache finds them). */
  words: StringTable;
  /** words × WIDTH: word i's vector at i × WIDTH, the sums vectorInto makes. */
  vectors: Float64Array;
  /** Per word, its document key's index in `keys`, or -1 (no key). */
  keyOf: Int32Array;
  /** The words' document keys (documentKey), found by wordHash(key, false). */
  keys: StringTable;
  /** The table of the first HOT_WORDS words over words' code units (prefixTable): Tagger.hot. */
  hot: Int32Array;
}

/**
 * The tagger's feature lookup (see Tagger): where each bucket of the model's sorted hashes begins, and
 * the filter. The hashes and weights are the model's own arrays: nothing of the model is copied.
 */
export interface FeatureTables {
  /** 2^bits + 1 rows of model.hashes: bucket b (a hash's top `bits` bits) is rows index[b] to index[b + 1]. */
  index: Int32Array;
  filter: Int32Array;
}

/**
 * A model's bucket index and filter, as a Tagger builds them (the load pack keeps them made). About
 * one feature per bucket: a 141k-feature model's index is half a megabyte, where an open-addressing
 * table holding the weights beside each hash at a quarter full took 21 MB, every page of which a
 * thread that tags touched first at start (some 65 ms of page faults on a small run).
 */
export function featureTables(model: ModelWeights): FeatureTables {
  const hashes = model.hashes;
  const bits = indexBits(hashes.length);
  const size = 2 ** bits;
  const shift = 32 - bits;
  const index = new Int32Array(size + 1);
  for (let k = 1; k < hashes.length; k++) if ((hashes[k] as number) <= (hashes[k - 1] as number)) throw new Error('tagger model hashes are not ascending');
  let r = 0;
  for (let b = 0; b <= size; b++) {
    while (r < hashes.length && (hashes[r] as number) >>> shift < b) r++;
    index[b] = r;
  }
  const filter = new Int32Array(1 << (FILTER_BITS - 5));
  for (let k = 0; k < hashes.length; k++) {
    const bit = filterBit((hashes[k] as number) | 0);
    filter[bit >>> 5]! |= 1 << (bit & 31);
  }
  return { index, filter };
}

/** Bits of the bucket index for n features: 2^bits ≥ n / 2 buckets (1 to 2 features each). */
function indexBits(n: number): number {
  let bits = 1;
  while (2 ** bits * 2 < n) bits++;
  return bits;
}

/** A sentence's labels and the emissions they were decoded from (Tagger.tagScored; margins and span costs read both). */
export interface Scored {
  labels: Uint8Array;
  emissions: Float64Array;
}

export class Tagger {
  /**
   * The model's sorted hashes (as int32) and their weights (L per row), found through a bucket index
   * by the hash's top bits (hash >>> shift; multiplicative hashes mix their top bits best); and a
   * one-bit-per-hash filter over them: most of a new word's features, which the model lacks, are
   * turned away by the filter (a quarter of a megabyte, which stays in the processor's cache)
   * without a look into the index.
   */
  private readonly featureHashes: Int32Array;
  private readonly featureWeights: Float32Array;
  private readonly featureIndex: Int32Array;
  private readonly featureFilter: Int32Array;
  private readonly shift: number;
  /** Word types seen by this tagger: their emission vectors and document keys' numbers (-1: none). */
  private readonly words: WordCache;
  /** Precomputed words (slot ~i in this.slots is precomputed word i) and their document keys' numbers. */
  private readonly precomputed: PrecomputedWords | null;
  /**
   * The first HOT_WORDS precomputed words (the most frequent: three Arabic tokens in four of ANT), each
   * at its index there, in a table of half a megabyte that stays in the processor's cache: a token of
   * one of them is found without a probe into the whole table (8 MB, a cache miss per token). Made
   * with the pack (PrecomputedWords.hot), not by each thread.
   */
  private readonly hot: StringTable | null;
  private readonly precomputedVectors: Float64Array;
  private readonly precomputedKeys: Int32Array;
  /** Numbers below keyBase are the precomputed document keys; those of other keys follow. */
  private readonly keyBase: number;
  private readonly bias = new Float64Array(L);
  /** The model's transition and start scores as doubles, like every array Viterbi reads. */
  private readonly transitions: Float64Array;
  private readonly start: Float64Array;
  private readonly document: Float64Array;
  /** Weights of each prior code seen at offset −1, 0, 1: (3 × PRIOR_CODES) × L. */
  private readonly priorVectors: Float64Array;
  /** Per-call buffers, grown as needed: a worker tags one document at a time. */
  private slots = new Int32Array(1024);
  /** Document keys as numbers, and per key number the document it was last counted in and its slot there. */
  private readonly keyNumbers = new Map<string, number>();
  private keyStamp: Int32Array;
  private keySlot: Int32Array;
  private documents = 0;
  private emissionBuffer = new Float64Array(1024 * L);
  private labelBuffer = new Uint8Array(1024);
  private firstBuffer = new Uint8Array(1024);
  private countBuffer = new Uint16Array(256 * L);
  private countAt = new Int32Array(1024);
  private marginBuffer = new Float64Array(256 * L);
  private marginLabels = new Uint8Array(256);
  private readonly ids: number[] = [];
  /** vectorInto's buffers: the (offset index, id) pairs the feature filter lets through, and the hash in each one's home slot. */
  private candidates = new Int32Array(256);
  private homes = new Int32Array(256);
  private readonly features: number[] = [];
  /**
   * Per template of shared values (null: one of OWN_VALUES), the block of each of its values met so
   * far (-1: the model has no weight for it), so that a new word's vector adds a few blocks rather
   * than look up its ~40 features one by one in the model (newBlock). Block b is the model rows its
   * value has at each offset: blockRows[blockStarts[b], blockStarts[b + 1]) as (offset index × L,
   * row × L) pairs, a few int32 each, rather than its OFFSETS.length × L sums as doubles (360 bytes,
   * six cache lines, most of them zeros: a template is seldom in the model at every offset). A new
   * word adds some fifteen blocks: the small ones stay in the processor's cache, the summed ones
   * (thousands of them, megabytes) did not, and reading them was most of a new word's cost.
   */
  private readonly blockOf = new Map<string, Map<string, number> | null>();
  private blockStarts = new Int32Array(1024 + 1);
  private blockRows = new Int32Array(4096);
  private blocks = 0;
  private readonly blockIds: number[] = [];
  /** found()'s answer: the (offset index × L, row × L) pairs of the features the model has. */
  private hits = new Int32Array(256);
  private readonly oneProperty: [string, string][] = [['', '']];

  constructor(
    readonly model: ModelWeights,
    readonly resources: WordResources,
    readonly options: TaggerOptions = {},
  ) {
    const opts = options;
    const tables = opts.tables ?? featureTables(model);
    this.precomputed = opts.precomputed ?? null;
    const pre = this.precomputed;
    this.hot =
      pre === null
        ? null
        : opts.hotWords === undefined
          ? { chars: pre.words.chars, starts: pre.words.starts, table: pre.hot }
          : prefixTable(pre.words, opts.hotWords, (w) => wordHash(w, false));
    this.precomputedVectors = this.precomputed?.vectors ?? new Float64Array(0);
    this.precomputedKeys = this.precomputed?.keyOf ?? new Int32Array(0);
    this.keyBase = this.precomputed ? stringCount(this.precomputed.keys) : 0;
    this.keyStamp = new Int32Array(this.keyBase + 4096);
    this.keySlot = new Int32Array(this.keyBase + 4096);
    this.shift = 32 - (31 - Math.clz32(tables.index.length - 1));
    this.featureHashes = new Int32Array(model.hashes.buffer, model.hashes.byteOffset, model.hashes.length);
    this.featureWeights = model.weights;
    this.featureIndex = tables.index;
    this.featureFilter = tables.filter;
    this.transitions = Float64Array.from(model.transitions);
    this.start = Float64Array.from(model.start);
    this.document = Float64Array.from(model.document);
    this.words = new WordCache(opts.cacheWords ?? CACHE_WORDS, WIDTH);
    this.vectorInto(BOUNDARY_BEFORE, this.words.vectors, BEFORE_SLOT * WIDTH);
    this.vectorInto(BOUNDARY_AFTER, this.words.vectors, AFTER_SLOT * WIDTH);
    this.addRow(BIAS, this.bias, 0);
    this.priorVectors = new Float64Array(3 * PRIOR_CODES * L);
    for (let d = -1; d <= 1; d++) {
      for (let p = 1; p < PRIOR_CODES; p++) {
        const ids: number[] = [];
        priorPairIds(d, p, ids);
        for (const h of ids) this.addRow(h, this.priorVectors, ((d + 1) * PRIOR_CODES + p) * L);
      }
    }
  }

  /** A tagger over the same model, resources and shared tables, with a word cache of its own (empty). */
  fresh(opts: { cacheWords?: number; precomputed?: boolean; hotWords?: number } = {}): Tagger {
    const { precomputed, ...rest } = this.options;
    return new Tagger(this.model, this.resources, {
      ...rest,
      ...(opts.precomputed === false ? {} : { precomputed }),
      ...(opts.cacheWords ? { cacheWords: opts.cacheWords } : {}),
      ...(opts.hotWords !== undefined ? { hotWords: opts.hotWords } : {}),
    });
  }

  /** The vector of a word (OFFSETS.length × L scores) added into `into` from `at`, as the word cache holds it. */
  wordVector(w: WordView, into: Float64Array, at: number): void {
    this.vectorInto(w, into, at);
  }

  /** Row of a feature hash in model.hashes and model.weights, or -1 when the model has no weight for it. */
  row(h: number): number {
    return rowOf(this.model.hashes, h);
  }

  private addRow(h: number, into: Float64Array, at: number): void {
    const r = this.row(h);
    if (r < 0) return;
    const w = this.model.weights;
    const base = r * L;
    for (let y = 0; y < L; y++) into[at + y]! += w[base + y] as number;
  }

  /**
   * Σ weights of the word's properties at each offset: OFFSETS.length × L scores from `at` (zeros
   * there before). The order of the additions does not matter: every weight is an int16 times one
   * scale, rounded to float32, so these sums (of far fewer than 2^14 terms) are exact in float64.
   */
  private vectorInto(w: WordView, v: Float64Array, at: number): void {
    const pairs = this.ids;
    pairs.length = 0;
    const one = this.oneProperty;
    for (const property of wordProperties(w, this.resources)) {
      const [name, value] = property;
      let values = this.blockOf.get(name);
      if (values === undefined) this.blockOf.set(name, (values = OWN_VALUES.has(name) ? null : new Map()));
      if (values === null) {
        one[0] = property;
        wordFeatureIdsAllOffsets(one, pairs);
        continue;
      }
      let b = values.get(value);
      if (b === undefined) values.set(value, (b = this.newBlock(property)));
      if (b < 0) continue;
      this.addRows(this.blockRows, this.blockStarts[b] as number, this.blockStarts[b + 1] as number, v, at);
    }
    this.addRows(this.hits, 0, this.found(pairs), v, at);
  }

  /** Adds the model rows of (offset index × L, row × L) pairs rows[from, end) into v (OFFSETS.length × L from `at`). */
  private addRows(rows: Int32Array, from: number, end: number, v: Float64Array, at: number): void {
    const fw = this.featureWeights;
    for (let i = from; i < end; i += 2) {
      const to = at + (rows[i] as number);
      const r = rows[i + 1] as number;
      for (let y = 0; y < L; y++) v[to + y]! += fw[r + y] as number;
    }
  }

  /**
   * The block of one property of shared values (see OWN_VALUES): the model rows of its features at
   * each offset, appended to blockRows; -1 when the model has none of them. Full, the blocks start again.
   */
  private newBlock(property: [string, string]): number {
    if (this.blocks >= MAX_BLOCKS) {
      for (const values of this.blockOf.values()) values?.clear();
      this.blocks = 0;
    }
    const pairs = this.blockIds;
    pairs.length = 0;
    this.oneProperty[0] = property;
    wordFeatureIdsAllOffsets(this.oneProperty, pairs);
    const n = this.found(pairs);
    if (n === 0) return -1;
    const b = this.blocks;
    if (this.blockStarts.length < b + 2) {
      const starts = new Int32Array(Math.min(MAX_BLOCKS, 2 * b) + 1);
      starts.set(this.blockStarts.subarray(0, b + 1));
      this.blockStarts = starts;
    }
    const from = this.blockStarts[b] as number;
    if (this.blockRows.length < from + n) {
      const rows = new Int32Array(2 * (from + n));
      rows.set(this.blockRows.subarray(0, from));
      this.blockRows = rows;
    }
    this.blockRows.set(this.hits.subarray(0, n), from);
    this.blockStarts[b + 1] = from + n;
    this.blocks++;
    return b;
  }

  /**
   * The features (offset index, id pairs) the model has, as (offset index × L, row × L) pairs into
   * this.hits; returns their length (twice their number).
   */
  private found(pairs: readonly number[]): number {
    const fh = this.featureHashes;
    const index = this.featureIndex;
    const filter = this.featureFilter;
    const shift = this.shift;
    if (this.candidates.length < pairs.length) {
      this.candidates = new Int32Array(pairs.length * 2);
      this.homes = new Int32Array(pairs.length * 2);
      this.hits = new Int32Array(pairs.length * 2);
    }
    const candidates = this.candidates;
    const homes = this.homes;
    const hits = this.hits;
    // the ids the filter lets through, as (offset index, id) pairs
    let m = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      const h = (pairs[i + 1] as number) | 0;
      const bit = filterBit(h);
      if (((filter[bit >>> 5] as number) & (1 << (bit & 31))) === 0) continue;
      candidates[m++] = pairs[i] as number;
      candidates[m++] = h;
    }
    // each one's bucket (first row, end): loads that depend on nothing before them, so the processor
    // has many of these cache misses under way at once (one look-up after another would wait for each)
    for (let j = 0; j < m; j += 2) {
      const b = (candidates[j + 1] as number) >>> shift;
      homes[j] = index[b] as number;
      homes[j + 1] = index[b + 1] as number;
    }
    let n = 0;
    for (let j = 0; j < m; j += 2) {
      const h = candidates[j + 1] as number;
      const end = homes[j + 1] as number;
      let r = homes[j] as number;
      while (r < end && fh[r] !== h) r++;
      if (r === end) continue;
      hits[n++] = (candidates[j] as number) * L;
      hits[n++] = r * L;
    }
    return n;
  }

  /** The slot of a token's word type: ~i for precomputed word i, else its cache slot, its vector computed at the first use. */
  private slotOf(t: Token): number {
    const latin = t.kind === 'latin';
    const key = latin ? t.text : t.norm;
    const h = wordHash(key, latin);
    const pre = this.precomputed;
    if (pre !== null && t.kind === 'arabic') {
      let i = stringIndex(this.hot as StringTable, key, h);
      if (i < 0) i = stringIndex(pre.words, key, h);
      if (i >= 0) return ~i;
    }
    const words = this.words;
    let s = words.find(key, latin, h);
    if (s >= 0) return s;
    s = words.add(key, latin, h);
    this.vectorInto(t, words.vectors, s * WIDTH);
    words.tags[s] = this.keyNumber(documentKey(t));
    return s;
  }

  private keyNumber(k: string | null): number {
    if (k === null) return -1;
    if (this.precomputed !== null) {
      const i = stringIndex(this.precomputed.keys, k, wordHash(k, false));
      if (i >= 0) return i;
    }
    let number = this.keyNumbers.get(k);
    if (number === undefined) {
      number = this.keyBase + this.keyNumbers.size;
      this.keyNumbers.set(k, number);
      if (number >= this.keyStamp.length) {
        const stamp = new Int32Array(this.keyStamp.length * 2);
        stamp.set(this.keyStamp);
        this.keyStamp = stamp;
        this.keySlot = new Int32Array(stamp.length);
      }
    }
    return number;
  }

  /** Looks up (or computes) the word of every token of tokens[first, end) into this.slots, for one document. */
  private slotsOf(tokens: readonly Token[], first: number, end: number): Int32Array {
    if (this.slots.length < end) this.slots = new Int32Array(end * 2);
    const slots = this.slots;
    this.words.nextDocument();
    for (let t = first; t < end; t++) slots[t] = this.slotOf(tokens[t] as Token);
    return slots;
  }

  /**
   * Emission scores of tokens[first, end) (one sentence) into `e` from row `at`, each word's slot in
   * this.slots: the bias, the blocks of the words at offsets −2 … +2 (the pseudo-words beyond the
   * sentence's ends), then the priors of the token and its neighbours. The sums are exact
   * (vectorInto), so this order gives the scores a feature-by-feature sum gives.
   */
  private fillEmissions(first: number, end: number, priors: Uint8Array, e: Float64Array, at: number): void {
    FILL_EMISSIONS(this.slots, this.words.vectors, this.precomputedVectors, this.bias, this.priorVectors, first, end, priors, e, at);
  }

  /** Emission scores of tokens[first, end) (one sentence), n × L. */
  emissions(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Float64Array {
    this.slotsOf(tokens, first, end);
    const e = new Float64Array((end - first) * L);
    this.fillEmissions(first, end, priors, e, 0);
    return e;
  }

  /**
   * Every sentence of a document (token ranges, ascending), in two passes: the first labels each
   * sentence on its own; the second adds what the other occurrences of each word were labelled
   * (document.ts) and decodes again the sentences where that says anything. Labels and emission
   * rows are indexed like tokens; both live in buffers the next call reuses.
   */
  tagDocument(tokens: readonly Token[], ranges: readonly (readonly [number, number])[], priors: Uint8Array): TaggedDocument {
    const n = tokens.length;
    if (this.labelBuffer.length < n) {
      this.labelBuffer = new Uint8Array(n * 2);
      this.firstBuffer = new Uint8Array(n * 2);
      this.emissionBuffer = new Float64Array(n * 2 * L);
    }
    const labels = this.labelBuffer.subarray(0, n);
    const e = this.emissionBuffer.subarray(0, n * L);
    labels.fill(O);
    const slots = this.slotsOf(tokens, 0, n);
    const { transitions, start, document } = this;
    let labelled = false;
    for (const [first, end] of ranges) {
      this.fillEmissions(first, end, priors, e, first);
      const out = labels.subarray(first, end);
      viterbi(e.subarray(first * L, end * L), end - first, transitions, start, out);
      if (!labelled) for (let i = 0; i < out.length; i++) if (out[i] !== O) labelled = true;
    }
    if (!labelled) return { labels, emissions: e };
    // the second pass: label counts of the words labelled somewhere, over all their occurrences
    const tags = this.words.tags;
    const preKeys = this.precomputedKeys;
    const stamp = this.keyStamp;
    const slot = this.keySlot;
    const doc = ++this.documents;
    let keys = 0;
    for (let t = 0; t < n; t++) {
      const s = slots[t] as number;
      const k = (s < 0 ? preKeys[~s] : tags[s]) as number;
      if (labels[t] !== O && k >= 0 && stamp[k] !== doc) {
        stamp[k] = doc;
        slot[k] = keys++;
      }
    }
    if (this.countBuffer.length < keys * L) this.countBuffer = new Uint16Array(keys * 2 * L);
    const counts = this.countBuffer.subarray(0, keys * L);
    counts.fill(0);
    // per token, where its word's counts start (-1: a word labelled nowhere)
    if (this.countAt.length < n) this.countAt = new Int32Array(n * 2);
    const countAt = this.countAt;
    for (let t = 0; t < n; t++) {
      const s = slots[t] as number;
      const k = (s < 0 ? preKeys[~s] : tags[s]) as number;
      const at = k >= 0 && stamp[k] === doc ? (slot[k] as number) * L : -1;
      countAt[t] = at;
      if (at >= 0) counts[at + (labels[t] as number)]!++;
    }
    const features = this.features;
    const first = this.firstBuffer.subarray(0, n);
    first.set(labels);
    for (const [from, end] of ranges) {
      let changed = false;
      for (let t = from; t < end; t++) {
        const at = countAt[t] as number;
        if (at < 0) continue;
        features.length = 0;
        if (documentFeatures(counts, at, first[t] as number, features) === 0) continue;
        addDocumentWeights(document, features, e, t * L);
        changed = true;
      }
      if (changed) viterbi(e.subarray(from * L, end * L), end - from, transitions, start, labels.subarray(from, end));
    }
    return { labels, emissions: e };
  }

  /** Label indices of tokens[first, end); priors are indexed like tokens (see features.ts priorCode). */
  tag(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Uint8Array {
    return this.tagScored(tokens, first, end, priors).labels;
  }

  /** The labels, and the emissions they were decoded from (for margins). */
  tagScored(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Scored {
    const emissions = this.emissions(tokens, first, end, priors);
    return { labels: viterbi(emissions, end - first, this.transitions, this.start), emissions };
  }

  /**
   * How much better the best path is than the best one that leaves tokens [from, to] (sentence
   * positions) outside any entity: the model's confidence in that span.
   */
  margin(scored: Scored, n: number, from: number, to: number): number {
    return this.costOfLabels(scored, n, from, to, () => O);
  }

  /**
   * How much worse the best path is that labels tokens [from, to] (sentence positions) one span of
   * `type` (B- then I-) than the best path: how near the model came to reading them as one name.
   */
  spanCost(scored: Scored, n: number, from: number, to: number, type: EntityType): number {
    const b = labelIndex(`B-${type}`);
    const inside = labelIndex(`I-${type}`);
    return this.costOfLabels(scored, n, from, to, (i) => (i === from ? b : inside));
  }

  /** How much worse the best path is that gives each token i of [from, to] the label `label(i)` than the best path. */
  private costOfLabels(scored: Scored, n: number, from: number, to: number, label: (i: number) => number): number {
    const { transitions, start } = this;
    const best = pathScore(scored.emissions, scored.labels, transitions, start);
    if (this.marginBuffer.length < n * L) {
      this.marginBuffer = new Float64Array(n * 2 * L);
      this.marginLabels = new Uint8Array(n * 2);
    }
    const e = this.marginBuffer.subarray(0, n * L);
    e.set(scored.emissions.subarray(0, n * L));
    for (let i = from; i <= to; i++) {
      const keep = label(i);
      for (let y = 0; y < L; y++) if (y !== keep) e[i * L + y] = -1e9;
    }
    const labels = viterbi(e, n, transitions, start, this.marginLabels.subarray(0, n));
    return best - pathScore(e, labels, transitions, start);
  }
}

type EmissionFiller = (
  slots: Int32Array,
  vectors: Float64Array,
  precomputed: Float64Array,
  bias: Float64Array,
  priorVectors: Float64Array,
  first: number,
  end: number,
  priors: Uint8Array,
  e: Float64Array,
  at: number,
) => void;

/**
 * Tagger.fillEmissions written out for L labels and compiled: a token's L sums in locals (bias, the
 * SPAN word blocks, the priors over −1 … +1, in this order), stored once. A third faster on ANT than
 * the same additions as loops over y (which store to `e` at every step).
 */
function unrolledEmissions(): EmissionFiller {
  const ys = [...Array(L).keys()];
  const add = (from: string, base: string) => ys.map((y) => `a${y} += ${from}[${base} + ${y}];`);
  const body = [
    'const n = priors.length;',
    'for (let t = first; t < end; t++) {',
    ...ys.map((y) => `let a${y} = bias[${y}];`),
    `for (let k = 0; k < ${SPAN}; k++) {`,
    `const j = t + k - ${WINDOW};`,
    `const s = j < first ? ${BEFORE_SLOT} : j >= end ? ${AFTER_SLOT} : slots[j];`,
    // slot ~i: precomputed word i
    'const from = s < 0 ? precomputed : vectors;',
    `const b = (s < 0 ? ~s : s) * ${WIDTH} + k * ${L};`,
    ...add('from', 'b'),
    '}',
    'for (let d = -1; d <= 1; d++) {',
    'const j = t + d;',
    'const p = j >= 0 && j < n ? priors[j] : 0;',
    'if (p === 0) continue;',
    `const b = ((d + 1) * ${PRIOR_CODES} + p) * ${L};`,
    ...add('priorVectors', 'b'),
    '}',
    `const row = (at + t - first) * ${L};`,
    ...ys.map((y) => `e[row + ${y}] = a${y};`),
    '}',
  ];
  return new Function('slots', 'vectors', 'precomputed', 'bias', 'priorVectors', 'first', 'end', 'priors', 'e', 'at', body.join('\n')) as EmissionFiller;
}

const FILL_EMISSIONS = unrolledEmissions();

let shared: Tagger | null | undefined;

/** The name lexicons of the committed model (the pack holds the model and clusters, not these). */
function readLexicons(): Omit<WordResources, 'clusters'> {
  return {
    names: parseNames(readFileSync(NAMES_FILE)),
    // made by train:ner only when its config asks for the lexicon (TRAIN_CONFIG.lexiconFolds > 0)
    tagged: existsSync(TAGGED_FILE) ? parseLabelLexicon(readFileSync(TAGGED_FILE)) : null,
  };
}

/** The committed model, loaded once per process (worker); null when its files are missing. */
export function defaultTagger(): Tagger | null {
  if (shared === undefined) {
    try {
      const sab = taggerPack();
      const lexicons = readLexicons();
      shared = sab
        ? unpackTagger(sab, lexicons)
        : new Tagger(parseModel(readFileSync(MODEL_FILE)), { clusters: parseClusters(readFileSync(CLUSTERS_FILE)), ...lexicons });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      shared = null;
    }
  }
  return shared;
}

/** Where the compiled CLI keeps the packs of the committed model (pack.ts), by build and model files. */
export const TAGGER_CACHE_DIR = path.join(tmpdir(), 'mirsad-tagger-cache');

/**
 * Words of the cluster file (the most frequent first) whose vectors a pack holds: every word of the
 * committed file (100,000: 36 MB of vectors, summed once per build in some 2 s) in the compiled
 * CLI's cached pack; a few in the pack the TypeScript sources (tests) make at each start, so that
 * both ways to a word's vector run there too, at little cost.
 */
const PACK_WORDS = 100_000;
const SOURCE_PACK_WORDS = 2_000;
/**
 * Words precomputed in the compiled CLI's pack for a small run (preloadTaggerPack): the 36 MB of
 * vectors of all 100,000 cost a run some 9,000 page faults (0.15–0.2 s of CPU) to read, more than
 * a few dozen documents save by not summing their rarer words' vectors; with 2,000 the main thread
 * summed more of them than it saved (data/raw, main thread's CPU at load 30, 3 runs each: 2,000
 * words 1.31 s, 10,000 1.22 s, 25,000 1.23 s, 100,000 1.40 s).
 */
export const SMALL_RUN_PACK_WORDS = 10_000;
/** Words of the compiled CLI's pack this thread reads or makes (set by preloadTaggerPack). */
let buildPackWords = PACK_WORDS;

/** This thread's pack of the committed model: loaded, handed over by the thread that started it, or not yet (undefined). */
let packed: SharedArrayBuffer | null | undefined;

/**
 * The cache key of a pack: its format, the build, how many words it precomputes and every file it
 * is made from (the model, the clusters, the name lexicons: the precomputed vectors read them all),
 * each by its SHA-256 (taggerPackKeyOf: the same key from the files' paths).
 */
export function taggerPackKey(build: string, words: number, files: readonly (Uint8Array | null)[]): string {
  return keyOfDigests(
    build,
    words,
    files.map((f) => (f === null ? ABSENT : createHash('sha256').update(f).digest('hex'))),
  );
}

const ABSENT = 'absent';

function keyOfDigests(build: string, words: number, digests: readonly string[]): string {
  return createHash('sha256')
    .update(`tagger-pack 6\0${build}\0${words}\0${digests.join('\0')}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * taggerPackKey of the files at `paths`, each read through one small buffer into its hash: what a
 * run's start-up spends on the key of the pack it reads ahead (preloadTaggerPack) is the hashing,
 * not 2.5 MB of fresh memory to fill (some 600 page faults, 10 ms on the 2-core machine). A path in
 * `optional` that is missing counts as an absent file (null); any other missing file throws.
 */
export function taggerPackKeyOf(build: string, words: number, paths: readonly string[], optional: ReadonlySet<string> = new Set()): string {
  const buffer = Buffer.allocUnsafe(1 << 16);
  const digests = paths.map((p) => {
    let fd: number;
    try {
      fd = openSync(p, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && optional.has(p)) return ABSENT;
      throw err;
    }
    try {
      const hash = createHash('sha256');
      for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0;) hash.update(buffer.subarray(0, n));
      return hash.digest('hex');
    } finally {
      closeSync(fd);
    }
  });
  return keyOfDigests(build, words, digests);
}

/**
 * The committed model and clusters with the tagger's tables made from them and the vectors of the
 * most frequent words (precomputeWords), in one shared buffer (pack.ts): what defaultTagger()
 * reads, and what the worker pool hands to each worker it starts. The compiled CLI caches it by its
 * build and the files' bytes (TAGGER_CACHE_DIR, taggerPackKey); the TypeScript sources (tests) have
 * no build id and make it at each start. Null when the clusters cannot be read in place (a file
 * ClusterTable does not take).
 */
export function taggerPack(options: { build?: string | null; cacheDir?: string; words?: number } = {}): SharedArrayBuffer | null {
  if (packed !== undefined && options.build === undefined) return packed;
  const modelBytes = readFileSync(MODEL_FILE);
  const clusterBytes = readFileSync(CLUSTERS_FILE);
  const build = options.build === undefined ? buildId() : options.build;
  const words = options.words ?? (build ? buildPackWords : SOURCE_PACK_WORDS);
  const make = () => packTagger(parseModel(modelBytes), parseClusters(clusterBytes), readLexicons(), words);
  let sab: SharedArrayBuffer | null;
  if (!build) sab = make();
  else {
    const lexiconFiles = [readFileSync(NAMES_FILE), existsSync(TAGGED_FILE) ? readFileSync(TAGGED_FILE) : null];
    sab = cachedPack(options.cacheDir ?? TAGGER_CACHE_DIR, taggerPackKey(build, words, [modelBytes, clusterBytes, ...lexiconFiles]), make);
  }
  if (options.build === undefined) packed = sab;
  return sab;
}

/**
 * Starts reading this thread's pack from the cache on the thread pool, for taggerPack() (the tagger's
 * first use) to find it there rather than read it then; resolves when it is read, or found not to be
 * cached (taggerPack() makes it). `words`: the words the compiled CLI's pack precomputes (default
 * all of PACK_WORDS; SMALL_RUN_PACK_WORDS for a small run). The TypeScript sources make their pack
 * at first use: nothing to read ahead.
 */
export function preloadTaggerPack(words = PACK_WORDS): Promise<void> {
  buildPackWords = words;
  const build = buildId();
  if (packed !== undefined || !build) return Promise.resolve();
  let key: string;
  try {
    key = taggerPackKeyOf(build, words, [MODEL_FILE, CLUSTERS_FILE, NAMES_FILE, TAGGED_FILE], new Set([TAGGED_FILE]));
  } catch {
    return Promise.resolve(); // a missing model: defaultTagger() says so
  }
  return readCachedPack(TAGGER_CACHE_DIR, key).then((sab) => {
    if (sab) packed ??= sab;
  });
}

/** The pack this thread has loaded (or was handed), else null: the pool gives it to the workers it starts. */
export function loadedTaggerPack(): SharedArrayBuffer | null {
  return packed ?? null;
}

/** A worker's: the pack the thread that started it loaded, read in place rather than loaded again. */
export function adoptTaggerPack(sab: SharedArrayBuffer): void {
  packed ??= sab;
}

/**
 * The vectors and document keys of the first `limit` words (as Arabic words), summed by `tagger`
 * (its model and resources: those of every tagger that reads them).
 */
export function precomputeWords(tagger: Tagger, words: Iterable<string>, limit: number): PrecomputedWords {
  const list: string[] = [];
  for (const w of words) {
    if (list.length >= limit) break;
    list.push(w);
  }
  const vectors = new Float64Array(list.length * WIDTH);
  const keyOf = new Int32Array(list.length);
  const keyIds = new Map<string, number>();
  list.forEach((w, i) => {
    tagger.wordVector({ norm: w, text: w, kind: 'arabic' }, vectors, i * WIDTH);
    const k = documentKey({ kind: 'arabic', norm: w });
    let n = k === null ? -1 : keyIds.get(k);
    if (n === undefined) keyIds.set(k as string, (n = keyIds.size));
    keyOf[i] = n;
  });
  const hash = (s: string) => wordHash(s, false);
  const table = stringTable(list, hash);
  return { words: table, vectors, keyOf, keys: stringTable([...keyIds.keys()], hash), hot: prefixTable(table, HOT_WORDS, hash).table };
}

interface PackMeta {
  header: ModelHeader;
  sizes: number[];
}

function packTagger(model: ModelWeights, clusters: Clusters, lexicons: Omit<WordResources, 'clusters'>, words: number): SharedArrayBuffer | null {
  const parts = clusterTableParts(clusters);
  if (!parts) return null;
  const tables = featureTables(model);
  const pre = precomputeWords(new Tagger(model, { clusters, ...lexicons }, { tables, cacheWords: 0 }), clusters.of.keys(), words);
  const { hashes, weights, transitions, start, document } = model;
  return pack<PackMeta>(
    { header: model.header, sizes: [...clusters.sizes] },
    {
      hashes,
      weights,
      transitions,
      start,
      document,
      index: tables.index,
      filter: tables.filter,
      clusterBytes: parts.bytes,
      clusterStarts: parts.starts,
      clusterEnds: parts.ends,
      clusterIds: parts.ids,
      clusterAt: parts.at,
      clusterTable: parts.table,
      wordChars: pre.words.chars,
      wordStarts: pre.words.starts,
      wordTable: pre.words.table,
      wordVectors: pre.vectors,
      wordKeys: pre.keyOf,
      keyChars: pre.keys.chars,
      keyStarts: pre.keys.starts,
      keyTable: pre.keys.table,
      hotTable: pre.hot,
    },
  );
}

/** A tagger over a pack's arrays (no copy, nothing parsed but the small lexicons). */
export function unpackTagger(sab: SharedArrayBuffer, lexicons: Omit<WordResources, 'clusters'>, opts: TaggerOptions = {}): Tagger {
  const { meta, arrays: a } = unpack<PackMeta>(sab);
  const model: ModelWeights = {
    header: meta.header,
    hashes: a.hashes as Uint32Array,
    weights: a.weights as Float32Array,
    transitions: a.transitions as Float32Array,
    start: a.start as Float32Array,
    document: a.document as Float32Array,
  };
  const clusters = clustersFromParts(meta.sizes, {
    bytes: a.clusterBytes as Uint8Array,
    starts: a.clusterStarts as Int32Array,
    ends: a.clusterEnds as Int32Array,
    ids: a.clusterIds as Uint16Array,
    at: a.clusterAt as Int32Array,
    table: a.clusterTable as Int32Array,
  });
  const precomputed: PrecomputedWords = {
    words: { chars: a.wordChars as Uint16Array, starts: a.wordStarts as Int32Array, table: a.wordTable as Int32Array },
    vectors: a.wordVectors as Float64Array,
    keyOf: a.wordKeys as Int32Array,
    keys: { chars: a.keyChars as Uint16Array, starts: a.keyStarts as Int32Array, table: a.keyTable as Int32Array },
    hot: a.hotTable as Int32Array,
  };
  return new Tagger(model, { clusters, ...lexicons }, { precomputed, ...opts, tables: { index: a.index as Int32Array, filter: a.filter as Int32Array } });
}
