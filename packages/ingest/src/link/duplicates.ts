/**
 * Near-duplicate signatures for syndicated copies: a wire story reposted with another headline,
 * another first line, a sentence changed. MinHash over word 5-shingles of the matching form, LSH
 * band keys to find candidates, and an exact key for identical copies. Pure and deterministic: the
 * same body gives the same signature on every machine and run (fixed seeds, no Math.random), so the
 * pipeline can compare signatures in DuckDB.
 */
import { createHash } from 'node:crypto';
import { tokenize } from '../text/tokenize.ts';
import type { Token } from '../types.ts';
import { fnv1a } from '../text/hash.ts';

const SHINGLE_WORDS = 5;
/** Fewer shingles than this and a text is too short to call a near copy of anything. */
const MIN_SHINGLES = 5;
const DEFAULT_K = 64;
const DEFAULT_BANDS = 16;
/**
 * Estimated Jaccard of word 5-shingles from which two bodies are copies. Shingles are strict: a
 * 220-word wire story reposted with its first sentence reworded and one other sentence changed
 * shares 0.67, and the copy-pairs of ANT's outlets (the same agency text under two headlines) sit
 * between 0.6 and 1; two articles on the same visit, with the same names, share under 0.1.
 */
export const DEFAULT_THRESHOLD = 0.6;

/** The matching forms of the words of a text (punctuation dropped). */
export function wordsOf(body: string): string[] {
  return wordsOfTokens(tokenize(body));
}

/** The same from tokens already computed (analyze(body).tokens), to tokenise a body only once. */
export function wordsOfTokens(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) if (t.kind !== 'punct' && t.norm !== '') out.push(t.norm);
  return out;
}

/** sha1 of the normalised word sequence: equal for copies that differ only in spacing, punctuation, diacritics. */
export function exactKey(body: string | readonly string[]): string {
  const words = typeof body === 'string' ? wordsOf(body) : body;
  return createHash('sha1').update(words.join(' ')).digest('hex');
}

/** murmur3's finaliser: a bijection on 32 bits that mixes every input bit into every output bit. */
function fmix32(h: number): number {
  return fmix32Int(h) >>> 0;
}

/** fmix32 as a signed 32-bit integer (the same bits). */
function fmix32Int(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * MinHash signature of a body (or of its words, when the caller has tokenised it already), by
 * one-permutation hashing: each 5-shingle is hashed once, the hash picks one of k bins and the bin
 * keeps its smallest value; an empty bin borrows the value of a bin chosen by a fixed hash sequence
 * of its index ("optimal densification", Shrivastava 2017). Slot i of two signatures is equal with
 * probability ≈ their Jaccard similarity, like k independent minima, at the cost of one hash per
 * shingle instead of k. A body with fewer than MIN_SHINGLES shingles gets an empty signature, which
 * matches nothing: otherwise every short text would look like every other.
 */
export function shingleSignature(body: string | readonly string[], k = DEFAULT_K): Uint32Array {
  if (!Number.isInteger(k) || k < 1 || k > 1024) throw new RangeError(`k must be an integer in 1..1024, got ${k}`);
  const words = typeof body === 'string' ? wordsOf(body) : body;
  const n = words.length - SHINGLE_WORDS + 1;
  if (n < MIN_SHINGLES) return new Uint32Array(0);
  const wordHash = new Uint32Array(words.length);
  for (let i = 0; i < words.length; i++) wordHash[i] = fnv1a(words[i] as string);
  const sig = new Uint32Array(k);
  const filled = new Uint8Array(k);
  // a power of two of bins takes the hash's low bits, as h % k does (in 32-bit integers, not doubles)
  const binMask = (k & (k - 1)) === 0 ? k - 1 : -1;
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = Math.imul(((h << 5) | (h >>> 27)) ^ (wordHash[i + j] as number), 0x01000193);
    h = fmix32Int(h);
    const bin = binMask >= 0 ? h & binMask : (h >>> 0) % k;
    const value = fmix32(h ^ 0x5bd1e995);
    if (!filled[bin] || value < (sig[bin] as number)) {
      sig[bin] = value;
      filled[bin] = 1;
    }
  }
  const own = sig.slice();
  for (let bin = 0; bin < k; bin++) {
    if (filled[bin]) continue;
    // the same probe sequence for a bin in every signature, so borrowed slots stay comparable
    for (let attempt = 1; ; attempt++) {
      const from = fmix32(Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) % k;
      if (filled[from]) {
        sig[bin] = own[from] as number;
        break;
      }
    }
  }
  return sig;
}

/** LSH band keys: `${band}:${hash of the band's rows}`; two signatures sharing a key are candidates. */
export function bandKeys(sig: Uint32Array, bands = DEFAULT_BANDS): string[] {
  if (sig.length === 0) return [];
  if (!Number.isInteger(bands) || bands < 1 || sig.length % bands !== 0) {
    throw new RangeError(`bands must divide the signature length ${sig.length}, got ${bands}`);
  }
  const rows = sig.length / bands;
  const out: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = b * rows; r < (b + 1) * rows; r++) h = fmix32(h ^ (sig[r] as number));
    out.push(bandKey(b, h));
  }
  return out;
}

const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** `${b}:${h as 8 hex digits}`, made as one string (no number formatting, padding and concatenation). */
function bandKey(b: number, h: number): string {
  if (b >= 10) return `${b}:${h.toString(16).padStart(8, '0')}`;
  const x = (shift: number) => HEX[(h >>> shift) & 15] as number;
  return String.fromCharCode(0x30 + b, 0x3a, x(28), x(24), x(20), x(16), x(12), x(8), x(4), x(0));
}

/** Share of equal slots: an estimate of the Jaccard similarity of the two shingle sets. 0 if either is empty. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length !== b.length) throw new RangeError(`signatures of different lengths (${a.length} and ${b.length})`);
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
