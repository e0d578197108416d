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
import { BIAS, BOUNDARY_AFTER, BOUNDARY_BEFORE, priorFeatureIds, WINDOW, OFFSETS, wordFeatureIds, wordProperties, type WordResources, type WordView } from './features.ts';
import { parseNames } from './names.ts';
import { L, LABELS, O } from './labels.ts';
import { CLUSTERS_FILE, MODEL_FILE, NAMES_FILE } from './paths.ts';
import { pathScore, viterbi } from './viterbi.ts';
import { addDocumentWeights, DOC_FEATURES, documentCounts, documentFeatures, documentKey } from './document.ts';

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

const CACHE_LIMIT = 100_000;

export class Tagger {
  private readonly slots: Uint32Array;
  private readonly rows: Int32Array;
  private readonly mask: number;
  private readonly cache = new Map<string, Float32Array>();
  private readonly keys = new Map<string, string | null>();
  private readonly boundaryBefore: Float32Array;
  private readonly boundaryAfter: Float32Array;
  private readonly bias = new Float32Array(L);

  constructor(
    readonly model: ModelWeights,
    readonly resources: WordResources,
  ) {
    let size = 1;
    while (size < model.hashes.length * 2) size <<= 1;
    this.mask = size - 1;
    this.slots = new Uint32Array(size);
    this.rows = new Int32Array(size).fill(-1);
    model.hashes.forEach((h, r) => {
      let s = h & this.mask;
      while (this.rows[s] !== -1) s = (s + 1) & this.mask;
      this.slots[s] = h;
      this.rows[s] = r;
    });
    this.boundaryBefore = this.vectorOf(BOUNDARY_BEFORE);
    this.boundaryAfter = this.vectorOf(BOUNDARY_AFTER);
    this.addRow(BIAS, this.bias, 0);
  }

  /** Row of a feature hash, or -1 when the model has no weight for it. */
  row(h: number): number {
    let s = h & this.mask;
    for (;;) {
      const r = this.rows[s] as number;
      if (r === -1) return -1;
      if (this.slots[s] === h) return r;
      s = (s + 1) & this.mask;
    }
  }

  private addRow(h: number, into: Float32Array, at: number): void {
    const r = this.row(h);
    if (r < 0) return;
    const w = this.model.weights;
    const base = r * L;
    for (let y = 0; y < L; y++) into[at + y]! += w[base + y] as number;
  }

  /** Σ weights of the word's properties at each offset: OFFSETS.length × L scores. */
  private vectorOf(w: WordView): Float32Array {
    const v = new Float32Array(OFFSETS.length * L);
    const props = wordProperties(w, this.resources);
    const ids: number[] = [];
    OFFSETS.forEach((o, k) => {
      ids.length = 0;
      wordFeatureIds(props, o, ids);
      for (const h of ids) this.addRow(h, v, k * L);
    });
    return v;
  }

  private wordVector(t: Token): Float32Array {
    const key = t.kind === 'latin' ? `\u0001${t.text}` : t.norm;
    let v = this.cache.get(key);
    if (!v) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      v = this.vectorOf(t);
      this.cache.set(key, v);
    }
    return v;
  }

  /** Emission scores of tokens[first, end) (one sentence), n × L. */
  emissions(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Float32Array {
    const n = end - first;
    const e = new Float32Array(n * L);
    const vectors: Float32Array[] = new Array(n + 2 * WINDOW);
    for (let k = 0; k < WINDOW; k++) {
      vectors[k] = this.boundaryBefore;
      vectors[n + WINDOW + k] = this.boundaryAfter;
    }
    for (let i = 0; i < n; i++) vectors[i + WINDOW] = this.wordVector(tokens[first + i] as Token);
    const bias = this.bias;
    const ids: number[] = [];
    const span = OFFSETS.length;
    for (let i = 0; i < n; i++) {
      const row = i * L;
      for (let y = 0; y < L; y++) e[row + y] = bias[y] as number;
      // the word at offset o from token i sits at vectors[i + WINDOW + o]; its block o is at (o + WINDOW) × L
      for (let k = 0; k < span; k++) {
        const v = vectors[i + k] as Float32Array;
        const at = k * L;
        for (let y = 0; y < L; y++) e[row + y]! += v[at + y] as number;
      }
      const t = first + i;
      if (priors[t] !== 0 || (t > 0 && priors[t - 1] !== 0) || (t + 1 < priors.length && priors[t + 1] !== 0)) {
        ids.length = 0;
        priorFeatureIds(priors, t, ids);
        for (const h of ids) this.addRow(h, e, row);
      }
    }
    return e;
  }

  /** The document key of a token (document.ts), memoised per word type. */
  documentKey(t: Token): string | null {
    let k = this.keys.get(t.norm);
    if (k === undefined) {
      if (this.keys.size >= CACHE_LIMIT) this.keys.clear();
      k = documentKey(t);
      this.keys.set(t.norm, k);
    }
    return k;
  }

  /**
   * Every sentence of a document (token ranges), in two passes: the first labels each sentence on
   * its own; the second adds what the other occurrences of each word were labelled and decodes
   * again the sentences where that says anything. Labels are indexed like tokens.
   */
  tagDocument(tokens: readonly Token[], ranges: readonly (readonly [number, number])[], priors: Uint8Array): { labels: Uint8Array; emissions: Float32Array[] } {
    const labels = new Uint8Array(tokens.length);
    const emissions: Float32Array[] = [];
    for (const [first, end] of ranges) {
      const e = this.emissions(tokens, first, end, priors);
      emissions.push(e);
      viterbi(e, end - first, this.model.transitions, this.model.start, labels.subarray(first, end));
    }
    let any = false;
    for (let i = 0; i < tokens.length && !any; i++) if (labels[i] !== O) any = true;
    if (!any) return { labels, emissions };
    const keys: (string | null)[] = new Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) keys[i] = this.documentKey(tokens[i] as Token);
    const counts = documentCounts(keys, labels);
    const features: number[] = [];
    ranges.forEach(([first, end], s) => {
      let e = emissions[s] as Float32Array;
      let changed = false;
      for (let i = first; i < end; i++) {
        const key = keys[i];
        if (key === null || key === undefined) continue;
        features.length = 0;
        if (documentFeatures(counts.get(key), labels[i] as number, features) === 0) continue;
        if (!changed) emissions[s] = e = Float32Array.from(e);
        changed = true;
        addDocumentWeights(this.model.document, features, e, (i - first) * L);
      }
      if (changed) viterbi(e, end - first, this.model.transitions, this.model.start, labels.subarray(first, end));
    });
    return { labels, emissions };
  }

  /** Label indices of tokens[first, end); priors are indexed like tokens (see features.ts priorCode). */
  tag(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Uint8Array {
    return this.tagScored(tokens, first, end, priors).labels;
  }

  /** The labels, and the emissions they were decoded from (for margins). */
  tagScored(tokens: readonly Token[], first: number, end: number, priors: Uint8Array): { labels: Uint8Array; emissions: Float32Array } {
    const emissions = this.emissions(tokens, first, end, priors);
    return { labels: viterbi(emissions, end - first, this.model.transitions, this.model.start), emissions };
  }

  /**
   * How much better the best path is than the best one that leaves tokens [from, to] (sentence
   * positions) outside any entity: the model's confidence in that span.
   */
  margin(scored: { labels: Uint8Array; emissions: Float32Array }, n: number, from: number, to: number): number {
    const { transitions, start } = this.model;
    const best = pathScore(scored.emissions, scored.labels, transitions, start);
    const e = Float32Array.from(scored.emissions);
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
      shared = new Tagger(parseModel(readFileSync(MODEL_FILE)), { clusters: parseClusters(readFileSync(CLUSTERS_FILE)), names: parseNames(readFileSync(NAMES_FILE)) });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      shared = null;
    }
  }
  return shared;
}
