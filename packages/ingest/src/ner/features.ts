/**
 * Features of the tagger, hashed to 32-bit ids (FNV-1a over a template seed and the value), so that
 * neither training nor decoding builds feature strings per token.
 *
 * Most features are properties of one word — its normalised form, its proclitic-stripped stems,
 * affixes, shape, clusters, membership in the role tables, how a first tagger labelled it over the ANT
 * corpus (tagged.ts) — seen from a token at a relative offset
 * (−2 … +2). Their weights can therefore be summed once per word type and offset (see model.ts):
 * decoding a token costs a cache lookup per neighbour. The rest come from the sentence: the
 * gazetteer's and the role discovery's spans over the token and its neighbours.
 */
import { cliticSplits } from '../text/clitics.ts';
import type { Token } from '../types.ts';
import { ROLE_TABLES } from '../extract/discover.ts';
import type { Clusters } from './clusters.ts';
import type { NameLexicon } from './names.ts';

/** What the features read besides the word: resources learned from unlabelled text. */
export interface WordResources {
  clusters: Clusters | null;
  names: NameLexicon | null;
  /** How a tagger labelled each word over the ANT corpus (tagged.ts); absent in older setups. */
  tagged?: NameLexicon | null;
}

export const OFFSETS = [-2, -1, 0, 1, 2] as const;
export const WINDOW = 2;

export function fnv(seed: number, s: string): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

const FNV_BASIS = 2166136261;

/** Seed of template `name` seen at `offset`. */
function seedOf(offset: number, name: string): number {
  return fnv(FNV_BASIS, `${offset}|${name}|`);
}

/** Which templates a word contributes at which offsets (far neighbours only say who they are). */
const AT: Record<string, readonly number[]> = {
  w: [-2, -1, 0, 1, 2],
  stem: [-2, -1, 0, 1, 2],
  bare: [-2, -1, 0, 1, 2],
  pro: [-1, 0, 1],
  pre: [-1, 0, 1],
  suf: [-2, -1, 0, 1, 2],
  shape: [-2, -1, 0, 1, 2],
  c0: [-2, -1, 0, 1, 2],
  c1: [-2, -1, 0, 1, 2],
  c2: [-1, 0, 1],
  cs0: [-1, 0, 1],
  lex: [-2, -1, 0, 1, 2],
  nm: [-2, -1, 0, 1, 2],
  nms: [-1, 0, 1],
  tg: [-1, 0, 1],
  tgs: [-1, 0, 1],
};

const SEEDS = new Map<string, number>();
for (const [name, offsets] of Object.entries(AT)) for (const o of offsets) SEEDS.set(`${o}|${name}`, seedOf(o, name));
/** The same seeds per offset (index o + WINDOW) and template, so a word's ids need no key strings. */
const SEEDS_AT: readonly ReadonlyMap<string, number>[] = OFFSETS.map((o) => {
  const m = new Map<string, number>();
  for (const [name, offsets] of Object.entries(AT)) if (offsets.includes(o)) m.set(name, SEEDS.get(`${o}|${name}`) as number);
  return m;
});

/** Per template, its seed at each offset (index o + WINDOW), 0 where the template is not used there. */
const SEEDS_BY_TEMPLATE: ReadonlyMap<string, Uint32Array> = new Map(
  Object.keys(AT).map((name) => [name, Uint32Array.from(OFFSETS, (o) => SEEDS.get(`${o}|${name}`) ?? 0)]),
);

/** Word sets of discover.ts's tables: a word after a title, a connector inside a name… */
const LEXICON: readonly [string, ReadonlySet<string>][] = (() => {
  const roleWords = new Set<string>();
  const walk = (m: ReadonlyMap<string, { next: Map<string, unknown> | null }>) => {
    for (const [w, node] of m) {
      roleWords.add(w);
      if (node.next) walk(node.next as ReadonlyMap<string, { next: Map<string, unknown> | null }>);
    }
  };
  walk(ROLE_TABLES.root);
  return [
    ['role', roleWords],
    ['mod', ROLE_TABLES.modifiers],
    ['stop', ROLE_TABLES.stopwords],
    ['conn', ROLE_TABLES.connectors],
    ['given', ROLE_TABLES.givenNames],
    ['place', ROLE_TABLES.placeHeads],
  ];
})();

function lengthBucket(n: number): string {
  return n <= 4 ? String(n) : n <= 6 ? '5-6' : n <= 9 ? '7-9' : '10+';
}

export interface WordView {
  norm: string;
  text: string;
  kind: Token['kind'];
}

/**
 * The word-local properties of a word as (template, value) pairs; computed once per word type.
 * `bare` is the stem with every proclitic and the article removed (وبالرئيس → رئيس), `stem` each
 * other reading, `pro` the proclitics the full reading removes («وبال»).
 */
export function wordProperties(w: WordView, res: WordResources): [string, string][] {
  const { clusters, names } = res;
  const out: [string, string][] = [];
  const { norm, kind } = w;
  out.push(['w', norm]);
  let bare = norm;
  let pro = '';
  if (kind === 'arabic') {
    const splits = cliticSplits(norm);
    for (const s of splits) {
      if (s.skip === 0 && !s.definite) continue;
      out.push(['stem', s.stem]);
    }
    let full = splits[0];
    for (const s of splits) if (full && s.skip + (s.definite ? 2 : 0) > full.skip + (full.definite ? 2 : 0)) full = s;
    if (full && (full.skip > 0 || full.definite)) {
      bare = full.stem;
      pro = norm.slice(0, norm.length - full.stem.length);
    }
  }
  out.push(['bare', bare]);
  out.push(['pro', pro]);
  for (let k = 1; k <= 3 && k <= bare.length; k++) out.push(['pre', `${k}:${bare.slice(0, k)}`]);
  for (let k = 1; k <= 3 && k <= norm.length; k++) out.push(['suf', `${k}:${norm.slice(-k)}`]);
  const cap = kind === 'latin' && w.text[0] !== undefined && w.text[0] !== w.text[0].toLowerCase() ? 'C' : '';
  out.push(['shape', `${kind}${cap}:${lengthBucket(norm.length)}${/[0-9]/.test(norm) ? ':d' : ''}`]);
  if (clusters) {
    const own = clusters.of.get(norm);
    const viaStem = own ?? clusters.of.get(bare) ?? (bare !== norm ? clusters.of.get(`ال${bare}`) : undefined);
    if (own) {
      own.forEach((c, level) => out.push([`c${level}`, String(c)]));
    } else {
      out.push(['c0', viaStem ? `s${viaStem[0]}` : 'none']);
    }
    if (viaStem && !own) out.push(['c1', `s${viaStem[1] ?? viaStem[0]}`]);
    const stemClusters = clusters.of.get(bare);
    if (stemClusters && bare !== norm) out.push(['cs0', String(stemClusters[0])]);
  }
  if (names) {
    const own = names.get(norm);
    if (own) for (const code of own) out.push(['nm', code]);
    const viaStem = bare !== norm ? names.get(bare) : undefined;
    if (viaStem) for (const code of viaStem) out.push(['nms', code]);
  }
  if (res.tagged) {
    const own = res.tagged.get(norm);
    if (own) for (const code of own) out.push(['tg', code]);
    else {
      const viaStem = bare !== norm ? res.tagged.get(bare) : undefined;
      if (viaStem) for (const code of viaStem) out.push(['tgs', code]);
    }
  }
  for (const [name, set] of LEXICON) if (set.has(norm) || (bare !== norm && set.has(bare))) out.push(['lex', name]);
  return out;
}

/** The id of one feature: template `name` with `value`, of the word at `offset` from the token. */
export function featureId(offset: number, name: string, value: string): number {
  const seed = SEEDS.get(`${offset}|${name}`);
  if (seed === undefined) throw new Error(`no feature template "${name}" at offset ${offset}`);
  return fnv(seed, value);
}

/** The hashed ids of a word's properties as seen from offset `o`. */
export function wordFeatureIds(props: readonly [string, string][], o: number, into: number[]): void {
  const seeds = SEEDS_AT[o + WINDOW];
  if (!seeds) return;
  for (const [name, value] of props) {
    const seed = seeds.get(name);
    if (seed !== undefined) into.push(fnv(seed, value));
  }
}

/**
 * The hashed ids of a word's properties at every offset at once, as (offset index, id) pairs into
 * `into` (one template look-up per property rather than one per property and offset).
 */
export function wordFeatureIdsAllOffsets(props: readonly [string, string][], into: number[]): void {
  for (const [name, value] of props) {
    const seeds = SEEDS_BY_TEMPLATE.get(name);
    if (seeds === undefined) continue;
    if (seeds.length !== 5) {
      for (let k = 0; k < seeds.length; k++) if (seeds[k] !== 0) into.push(k, fnv(seeds[k] as number, value));
      continue;
    }
    // fnv() under the five seeds at once: one pass over the value
    let h0 = seeds[0] as number;
    let h1 = seeds[1] as number;
    let h2 = seeds[2] as number;
    let h3 = seeds[3] as number;
    let h4 = seeds[4] as number;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h0 = Math.imul(h0 ^ c, 16777619);
      h1 = Math.imul(h1 ^ c, 16777619);
      h2 = Math.imul(h2 ^ c, 16777619);
      h3 = Math.imul(h3 ^ c, 16777619);
      h4 = Math.imul(h4 ^ c, 16777619);
    }
    if (seeds[0] !== 0) into.push(0, h0 >>> 0);
    if (seeds[1] !== 0) into.push(1, h1 >>> 0);
    if (seeds[2] !== 0) into.push(2, h2 >>> 0);
    if (seeds[3] !== 0) into.push(3, h3 >>> 0);
    if (seeds[4] !== 0) into.push(4, h4 >>> 0);
  }
}

/** Pseudo-words beyond the ends of a sentence. */
export const BOUNDARY_BEFORE: WordView = { norm: '<s>', text: '<s>', kind: 'punct' };
export const BOUNDARY_AFTER: WordView = { norm: '</s>', text: '</s>', kind: 'punct' };

/**
 * What the gazetteer and role discovery said about a token, as a small code: 0 nothing, else
 * 1 + (B/I) + 2 × (method) + 4 × (type), see priorCode.
 */
export type PriorMethod = 'gazetteer' | 'role' | 'coref';
const METHODS: readonly PriorMethod[] = ['gazetteer', 'role', 'coref'];
const TYPES = ['person', 'organization', 'location'] as const;

export function priorCode(inside: boolean, method: PriorMethod, type: 'person' | 'organization' | 'location'): number {
  return 1 + (inside ? 1 : 0) + 2 * METHODS.indexOf(method) + 6 * TYPES.indexOf(type);
}

const PRIOR_SEEDS = [-1, 0, 1].map((o) => seedOf(o, 'prior'));
const PRIOR_TYPE_SEEDS = [-1, 0, 1].map((o) => seedOf(o, 'priorType'));
export const BIAS = fnv(seedOf(0, 'bias'), '');

/** Ids of the sentence-context features of token i: a bias, and the priors over i−1 … i+1 (priorFeatureIds). */
export function contextFeatureIds(priors: Uint8Array, i: number, into: number[]): void {
  into.push(BIAS);
  priorFeatureIds(priors, i, into);
}

export function priorFeatureIds(priors: Uint8Array, i: number, into: number[]): void {
  for (let d = -1; d <= 1; d++) {
    const k = i + d;
    const p = k >= 0 && k < priors.length ? (priors[k] as number) : 0;
    if (p !== 0) priorPairIds(d, p, into);
  }
}

/** Prior codes: 0 (nothing) and 1 … PRIOR_CODES − 1 (priorCode). */
export const PRIOR_CODES = 1 + 2 * METHODS.length * TYPES.length;

/** The ids of prior code p (≠ 0) seen at offset d (−1, 0, 1) from the token. */
export function priorPairIds(d: number, p: number, into: number[]): void {
  into.push(fnv(PRIOR_SEEDS[d + 1] as number, String(p)));
  // the type and B/I alone, whatever found it
  into.push(fnv(PRIOR_TYPE_SEEDS[d + 1] as number, String(((p - 1) % 2) + 2 * Math.floor((p - 1) / 6))));
}
