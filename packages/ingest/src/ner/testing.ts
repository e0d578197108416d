/**
 * A hand-built tagger for tests: given features and the weights they add to labels, a model whose
 * decisions are known in advance. Every token leans to O by `bias`.
 */
import type { Token } from '../types.ts';
import { BIAS, BOUNDARY_AFTER, BOUNDARY_BEFORE, contextFeatureIds, OFFSETS, wordFeatureIds, wordProperties } from './features.ts';
import { L, labelIndex, O, type Label } from './labels.ts';
import type { WordResources } from './features.ts';
import { Tagger } from './model.ts';
import { DOC_FEATURES } from './document.ts';

export function handTagger(
  weights: readonly [feature: number, label: Label, weight: number][],
  bias = 1,
  resources: WordResources = { clusters: null, names: null },
  document: Float32Array = new Float32Array(DOC_FEATURES * L),
): Tagger {
  const rows = new Map<number, Float32Array>();
  const rowOf = (h: number) => {
    let r = rows.get(h);
    if (!r) rows.set(h, (r = new Float32Array(L)));
    return r;
  };
  rowOf(BIAS)[O] = bias;
  for (const [h, label, w] of weights) rowOf(h)[labelIndex(label)]! += w;
  const hashes = [...rows.keys()].sort((a, b) => a - b);
  const flat = new Float32Array(hashes.length * L);
  hashes.forEach((h, i) => flat.set(rows.get(h) as Float32Array, i * L));
  return new Tagger(
    {
      header: { labels: [], features: hashes.length, scale: 1, training: {} },
      hashes: Uint32Array.from(hashes),
      weights: flat,
      transitions: new Float32Array(L * L),
      start: new Float32Array(L),
      document,
    },
    resources,
  );
}

/** A token's emission scores as training defines them: the weights of every feature id, summed one by one. */
export function emissionsByDefinition(tagger: Tagger, tokens: readonly Token[], first: number, end: number, priors: Uint8Array): Float64Array {
  const out = new Float64Array((end - first) * L);
  const ids: number[] = [];
  for (let i = first; i < end; i++) {
    ids.length = 0;
    for (const o of OFFSETS) {
      const j = i + o;
      const w = j < first ? BOUNDARY_BEFORE : j >= end ? BOUNDARY_AFTER : (tokens[j] as Token);
      wordFeatureIds(wordProperties(w, tagger.resources), o, ids);
    }
    contextFeatureIds(priors, i, ids);
    for (const h of ids) {
      const r = tagger.row(h);
      if (r < 0) continue;
      for (let y = 0; y < L; y++) out[(i - first) * L + y]! += tagger.model.weights[r * L + y] as number;
    }
  }
  return out;
}

/** Viterbi written out for any label set: every allowed (previous, current) pair, the lowest label on ties. */
export function viterbiByDefinition(
  e: Float64Array,
  n: number,
  labels: number,
  allowed: (p: number, y: number) => boolean,
  atStart: (y: number) => boolean,
  t: Float64Array,
  start: Float64Array,
): number[] {
  if (n === 0) return [];
  let score = Array.from({ length: labels }, (_, y) => (atStart(y) ? start[y]! + e[y]! : -Infinity));
  const back: number[][] = [[]];
  for (let i = 1; i < n; i++) {
    const next: number[] = [];
    const from: number[] = [];
    for (let y = 0; y < labels; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < labels; p++) {
        if (!allowed(p, y)) continue;
        const s = score[p]! + t[p * labels + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      next.push(best + e[i * labels + y]!);
      from.push(arg);
    }
    score = next;
    back.push(from);
  }
  let y = 0;
  for (let k = 1; k < labels; k++) if (score[k]! > score[y]!) y = k;
  const out = [y];
  for (let i = n - 1; i > 0; i--) out.unshift((y = back[i]![y]!));
  return out;
}
