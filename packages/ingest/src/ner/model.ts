/**
 * The trained tagger at run time: hashed feature ids → weight rows (open addressing over a typed
 * array), per-word-type emission vectors cached per worker, Viterbi per sentence. And the model
 * file: gzip of a magic line, a JSON header (labels, training config, data digests, dev scores),
 * the sorted feature hashes, their int16 weights and the transition scores.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Token } from '../types.ts';
import { parseClusters } from './clusters.ts';
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
import { L, LABELS, O } from './labels.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE } from './paths.ts';
import { pathScore, viterbi } from './viterbi.ts';
import { addDocumentWeights, DOC_FEATURES, documentFeatures, documentKey } from './document.ts';

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

const CACHE_LIMIT = 200_000;
const SPAN = OFFSETS.length;

/** What the tagger keeps per word type: its emission vector (OFFSETS.length × L) and its document key's number (-1: none). */
interface WordEntry {
  vector: Float64Array;
  key: number;
}

const NO_ENTRY: WordEntry = { vector: new Float64Array(0), key: -1 };

/** The labels of a document and the emissions they were decoded from (tokens × L, reused by the next call). */
export interface TaggedDocument {
  labels: Uint8Array;
  emissions: Float64Array;
}

export class Tagger {
  /** Open addressing, one slot per pair (hash as int32, row; row -1: empty): a probe reads one place. */
  private readonly table: Int32Array;
  private readonly mask: number;
  /**
   * Word entries in two generations of CACHE_LIMIT / 2: a hit in the older one moves the word to the
   * newer, and a full newer generation becomes the older, so frequent words survive while a
   * corpus's long tail of rare words (more types than the limit) passes through. Two of 100k: an
   * ANT worker meets ~170k types, and with two of 50k it summed most mid-frequency words again and
   * again (≈ 70 MB more at the peak in exchange).
   */
  private recent = new Map<string, WordEntry>();
  private older = new Map<string, WordEntry>();
  private readonly boundaryBefore: Float64Array;
  private readonly boundaryAfter: Float64Array;
  private readonly bias = new Float64Array(L);
  /** The model's transition and start scores as doubles, like every array Viterbi reads. */
  private readonly transitions: Float64Array;
  private readonly start: Float64Array;
  private readonly document: Float64Array;
  /** Weights of each prior code seen at offset −1, 0, 1: (3 × PRIOR_CODES) × L. */
  private readonly priorVectors: Float64Array;
  /** Per-call buffers, grown as needed: a worker tags one document at a time. */
  private entries: WordEntry[] = new Array<WordEntry>(1024).fill(NO_ENTRY);
  /** Document keys as numbers, and per key number the document it was last counted in and its slot there. */
  private readonly keyNumbers = new Map<string, number>();
  private keyStamp = new Int32Array(4096);
  private keySlot = new Int32Array(4096);
  private documents = 0;
  private emissionBuffer = new Float64Array(1024 * L);
  private labelBuffer = new Uint8Array(1024);
  private readonly ids: number[] = [];
  private readonly features: number[] = [];

  constructor(
    readonly model: ModelWeights,
    readonly resources: WordResources,
  ) {
    let size = 1;
    while (size < model.hashes.length * 2) size <<= 1;
    this.mask = size - 1;
    const table = new Int32Array(size * 2);
    for (let s = 0; s < size; s++) table[2 * s + 1] = -1;
    model.hashes.forEach((h, r) => {
      let s = h & this.mask;
      while (table[2 * s + 1] !== -1) s = (s + 1) & this.mask;
      table[2 * s] = h | 0;
      table[2 * s + 1] = r;
    });
    this.table = table;
    this.transitions = Float64Array.from(model.transitions);
    this.start = Float64Array.from(model.start);
    this.document = Float64Array.from(model.document);
    this.boundaryBefore = this.vectorOf(BOUNDARY_BEFORE);
    this.boundaryAfter = this.vectorOf(BOUNDARY_AFTER);
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

  /** Row of a feature hash, or -1 when the model has no weight for it. */
  row(h: number): number {
    const table = this.table;
    const mask = this.mask;
    const key = h | 0;
    let s = h & mask;
    for (;;) {
      const r = table[2 * s + 1] as number;
      if (r === -1) return -1;
      if (table[2 * s] === key) return r;
      s = (s + 1) & mask;
    }
  }

  private addRow(h: number, into: Float64Array, at: number): void {
    const r = this.row(h);
    if (r < 0) return;
    const w = this.model.weights;
    const base = r * L;
    for (let y = 0; y < L; y++) into[at + y]! += w[base + y] as number;
  }

  /**
   * Σ weights of the word's properties at each offset: OFFSETS.length × L scores. The order of the
   * additions does not matter: every weight is an int16 times one scale, rounded to float32, so
   * these sums (of far fewer than 2^14 terms) are exact in float64.
   */
  private vectorOf(w: WordView): Float64Array {
    const v = new Float64Array(SPAN * L);
    const pairs = this.ids;
    pairs.length = 0;
    wordFeatureIdsAllOffsets(wordProperties(w, this.resources), pairs);
    const weights = this.model.weights;
    for (let i = 0; i < pairs.length; i += 2) {
      const r = this.row(pairs[i + 1] as number);
      if (r < 0) continue;
      const at = (pairs[i] as number) * L;
      const base = r * L;
      for (let y = 0; y < L; y++) v[at + y]! += weights[base + y] as number;
    }
    return v;
  }

  private entryOf(t: Token): WordEntry {
    const key = t.kind === 'latin' ? `\u0001${t.text}` : t.norm;
    let e = this.recent.get(key);
    if (e) return e;
    e = this.older.get(key);
    if (!e) {
      const k = documentKey(t);
      let number = k === null ? -1 : this.keyNumbers.get(k);
      if (number === undefined) {
        number = this.keyNumbers.size;
        this.keyNumbers.set(k as string, number);
        if (number >= this.keyStamp.length) {
          const stamp = new Int32Array(this.keyStamp.length * 2);
          stamp.set(this.keyStamp);
          this.keyStamp = stamp;
          this.keySlot = new Int32Array(stamp.length);
        }
      }
      e = { vector: this.vectorOf(t), key: number };
    }
    if (this.recent.size >= CACHE_LIMIT / 2) {
      this.older = this.recent;
      this.recent = new Map();
    }
    this.recent.set(key, e);
    return e;
  }

  /**
   * Emission scores of tokens[first, end) (one sentence) into `e` from row `at`, each word's entry
   * already in this.entries. Each word adds its OFFSETS.length blocks to the tokens that see it
   * (block k of word j to token j − k + WINDOW), reading its vector once and in order; the sums are
   * exact (vectorOf), so this order gives the scores a token-by-token sum gives.
   */
  private fillEmissions(first: number, end: number, priors: Uint8Array, e: Float64Array, at: number): void {
    const entries = this.entries;
    const bias = this.bias;
    const before = this.boundaryBefore;
    const after = this.boundaryAfter;
    const priorVectors = this.priorVectors;
    const n = priors.length;
    const shift = (at - first) * L;
    for (let t = first; t < end; t++) {
      const row = shift + t * L;
      for (let y = 0; y < L; y++) e[row + y] = bias[y] as number;
    }
    for (let j = first; j < end; j++) {
      const v = (entries[j] as WordEntry).vector;
      const kFrom = Math.max(0, j + WINDOW - (end - 1));
      const kTo = Math.min(SPAN - 1, j + WINDOW - first);
      for (let k = kFrom; k <= kTo; k++) {
        const row = shift + (j - k + WINDOW) * L;
        const block = k * L;
        for (let y = 0; y < L; y++) e[row + y]! += v[block + y] as number;
      }
    }
    // the pseudo-words beyond the sentence's ends, seen from its first and last WINDOW tokens
    for (let t = first; t < end; t++) {
      if (t - first >= WINDOW && end - 1 - t >= WINDOW) {
        t = Math.max(t, end - 1 - WINDOW);
        continue;
      }
      const row = shift + t * L;
      for (let k = 0; k < SPAN; k++) {
        const j = t + k - WINDOW;
        if (j >= first && j < end) continue;
        const v = j < first ? before : after;
        const block = k * L;
        for (let y = 0; y < L; y++) e[row + y]! += v[block + y] as number;
      }
    }
    for (let t = first; t < end; t++) {
      const row = shift + t * L;
      for (let d = -1; d <= 1; d++) {
        const j = t + d;
        const p = j >= 0 && j < n ? (priors[j] as number) : 0;
        if (p === 0) continue;
        const base = ((d + 1) * PRIOR_CODES + p) * L;
        for (let y = 0; y < L; y++) e[row + y]! += priorVectors[base + y] as number;
      }
    }
  }

  /** Emission scores of tokens[first, end) (one sentence), n × L. */
  emissions(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Float64Array {
    if (this.entries.length < end) this.entries = new Array<WordEntry>(end * 2).fill(NO_ENTRY);
    for (let t = first; t < end; t++) this.entries[t] = this.entryOf(tokens[t] as Token);
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
      this.emissionBuffer = new Float64Array(n * 2 * L);
    }
    const labels = this.labelBuffer.subarray(0, n);
    const e = this.emissionBuffer.subarray(0, n * L);
    labels.fill(O);
    if (this.entries.length < n) this.entries = new Array<WordEntry>(n * 2).fill(NO_ENTRY);
    const entries = this.entries;
    for (let t = 0; t < n; t++) entries[t] = this.entryOf(tokens[t] as Token);
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
    const stamp = this.keyStamp;
    const slot = this.keySlot;
    const doc = ++this.documents;
    let slots = 0;
    for (let t = 0; t < n; t++) {
      const k = (entries[t] as WordEntry).key;
      if (labels[t] !== O && k >= 0 && stamp[k] !== doc) {
        stamp[k] = doc;
        slot[k] = slots++;
      }
    }
    const counts = new Uint16Array(slots * L);
    for (let t = 0; t < n; t++) {
      const k = (entries[t] as WordEntry).key;
      if (k >= 0 && stamp[k] === doc) counts[(slot[k] as number) * L + (labels[t] as number)]!++;
    }
    const features = this.features;
    const first = Uint8Array.from(labels);
    for (const [from, end] of ranges) {
      let changed = false;
      for (let t = from; t < end; t++) {
        const k = (entries[t] as WordEntry).key;
        if (k < 0 || stamp[k] !== doc) continue;
        features.length = 0;
        if (documentFeatures(counts, (slot[k] as number) * L, first[t] as number, features) === 0) continue;
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
  tagScored(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): { labels: Uint8Array; emissions: Float64Array } {
    const emissions = this.emissions(tokens, first, end, priors);
    return { labels: viterbi(emissions, end - first, this.transitions, this.start), emissions };
  }

  /**
   * How much better the best path is than the best one that leaves tokens [from, to] (sentence
   * positions) outside any entity: the model's confidence in that span.
   */
  margin(scored: { labels: Uint8Array; emissions: Float64Array }, n: number, from: number, to: number): number {
    const { transitions, start } = this;
    const best = pathScore(scored.emissions, scored.labels, transitions, start);
    const e = Float64Array.from(scored.emissions.subarray(0, n * L));
    for (let i = from; i <= to; i++) for (let y = 0; y < L; y++) if (y !== O) e[i * L + y] = -1e9;
    const labels = viterbi(e, n, transitions, start);
    return best - pathScore(e, labels, transitions, start);
  }
}

let shared: Tagger | null | undefined;

/** The committed model, loaded once per process (worker); null when its files are missing. */
export function defaultTagger(): Tagger | null {
  if (shared === undefined) {
    try {
      shared = new Tagger(parseModel(readFileSync(MODEL_FILE)), {
        clusters: parseClusters(readFileSync(CLUSTERS_FILE)),
        names: parseNames(readFileSync(NAMES_FILE)),
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      shared = null;
    }
  }
  return shared;
}
