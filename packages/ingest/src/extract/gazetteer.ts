/**
 * The gazetteer compiled once per run: a trie over the normalised words of every variant, the
 * context guards turned into sets, and the tables discovery needs. Pure; built from EntityDef[].
 * The loader already rejects what would not compile; definitions built otherwise get the same
 * ConfigError (file:line of both places), never a stack trace.
 */
import { ConfigError } from '@mirsad/model';
import type { EntityDef, Resolution } from '@mirsad/model/config/entities';
import { normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import { insertWords, keyBits, mayBeKey, mayStart, startBits, startCode, unitsHash, type KeyBits, type StartBits } from '../text/trie.ts';
import { cliticSplits } from '../text/clitics.ts';
import type { Token } from '../types.ts';

/** A word-level phrase trie; the first level is keyed by the name's first word with its article. */
export interface TrieNode {
  next: Map<string, TrieNode> | null;
  hit: Terminal | null;
}

export interface Terminal {
  entityId: string;
  /** The variant as written in config, for messages and tests. */
  variant: string;
  guard: CompiledGuard | null;
  /** Every spelling of these words is an acronym in capitals («MAP», «TAP»): lower-case text («map») is a word. */
  upper: boolean;
}

/** A context rule with its cue words normalised into sets; `then` is an entity id, or null to drop. */
export interface CompiledRule {
  precededBy: ReadonlySet<string> | null;
  followedBy: ReadonlySet<string> | null;
  proclitic: ReadonlySet<string> | null;
  near: ReadonlySet<string> | null;
  window: number;
  inArticle: ReadonlySet<string> | null;
  then: string | null;
}

export interface CompiledGuard {
  rules: readonly CompiledRule[];
  otherwise: string | null;
}

export interface Gazetteer {
  entities: ReadonlyMap<string, EntityDef>;
  root: ReadonlyMap<string, TrieNode>;
  /** startCode of every key of root: a word whose code is not here starts no name (no look-up needed). */
  rootStarts: StartBits;
  /** keyBits of the keys of root: a word whose hash's bit is clear is none of them. */
  rootKeys: KeyBits;
  /** Endings of words worth reading with proclitics (lookupEndings of the trie's first words). */
  endings: ReadonlySet<string>;
  /** Nationality adjectives (التونسي, الأمريكية…), derived from place names plus a fixed list. */
  adjectives: ReadonlySet<string>;
  /**
   * Nationalities (masculine and feminine, with the article) of the countries and regions alone, plus a
   * few of places the gazetteer lacks: what follows an organisation's own name to say where it is from.
   */
  nationalities: ReadonlySet<string>;
  /**
   * First words of multi-word Arabic names («تنظيم», «حركة», «وكالة»): their dual in a construct
   * («تنظيمي الدولة والقاعدة») names two entities. Endings as in lookupEndings, for proclitics.
   */
  dualHeads: ReadonlySet<string>;
  dualEndings: ReadonlySet<string>;
  /** The opening two letters of every dual head, by their low bytes (see mayBeDual). */
  dualPairs: Uint8Array;
}

export function compileGazetteer(entities: readonly EntityDef[]): Gazetteer {
  const byId = new Map<string, EntityDef>();
  for (const e of entities) {
    const prev = byId.get(e.id);
    if (prev) throw ConfigError.at(e.where, `duplicate entity id "${e.id}" (also at ${prev.where})`);
    byId.set(e.id, e);
  }
  const root = new Map<string, TrieNode>();
  for (const e of entities) {
    const guards = new Map<string, CompiledGuard>();
    for (const g of e.context) {
      const compiled = compileGuard(g.rules, g.otherwise, e, byId);
      for (const v of g.variants) guards.set(wordsKey(v), compiled);
    }
    const latin = new Set(e.variants_latin ?? []);
    for (const variant of [...e.variants, ...latin]) {
      const words = variantWords(variant);
      const node = insertWords<TrieNode>(root, words, () => ({ next: null, hit: null }));
      if (!node) throw ConfigError.at(e.where, `variant "${variant}" of "${e.id}" has no words to match`);
      if (node.hit && node.hit.entityId !== e.id) {
        const other = byId.get(node.hit.entityId);
        throw ConfigError.at(
          e.where,
          `variant "${variant}" of "${e.id}" matches the same words as "${node.hit.variant}" of "${node.hit.entityId}" (${other?.where ?? '?'})`,
        );
      }
      const upper = latin.has(variant) && isAcronym(variant);
      if (node.hit) node.hit.upper &&= upper;
      else node.hit = { entityId: e.id, variant, guard: guards.get(words.join(' ')) ?? null, upper };
    }
  }
  const dualHeads = new Set<string>();
  for (const [w, node] of root) if (node.next && !w.startsWith('ال') && /^[\u0621-\u064a]{3,}$/.test(w)) dualHeads.add(w);
  return {
    entities: byId,
    root,
    rootStarts: startBits([...root.keys()].map((k) => startCode(k, 0))),
    rootKeys: keyBits(root.keys()),
    endings: lookupEndings(root.keys()),
    adjectives: deriveAdjectives(entities),
    nationalities: deriveNationalities(entities),
    dualHeads,
    dualEndings: lookupEndings(dualHeads),
    dualPairs: openingPairs(dualHeads),
  };
}

const lowPair = (s: string, at: number) => ((s.charCodeAt(at) & 0xff) << 8) | (s.charCodeAt(at + 1) & 0xff);

function openingPairs(words: Iterable<string>): Uint8Array {
  const pairs = new Uint8Array(0x10000);
  for (const w of words) if (w.length >= 2) pairs[lowPair(w, 0)] = 1;
  return pairs;
}

/**
 * False when no reading of `norm` without its last letter, after at most two proclitic letters, can
 * begin a dual head (three letters or more, none written with ال): most words ending in ي or ا,
 * told without a slice or a look-up.
 */
export function mayBeDual(norm: string, g: Gazetteer): boolean {
  for (let at = 0; at <= MAX_PROCLITICS && norm.length - 1 - at >= 3; at++) if (g.dualPairs[lowPair(norm, at)] === 1) return true;
  return false;
}

/** Written in Latin capitals only, two letters or more («AP», «U.S.», «TASS»). */
function isAcronym(variant: string): boolean {
  const letters = variant.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/** The normalised words of a config string, punctuation kept as tokens of its own. */
export function variantWords(s: string): string[] {
  return tokenize(s).map((t) => t.norm);
}

function wordsKey(s: string): string {
  return variantWords(s).join(' ');
}

function cueSet(words: readonly string[]): ReadonlySet<string> | null {
  return words.length === 0 ? null : new Set(words.map((w) => normalizeText(w.trim())));
}

function compileGuard(rules: EntityDef['context'][number]['rules'], otherwise: Resolution, e: EntityDef, byId: ReadonlyMap<string, EntityDef>): CompiledGuard {
  const target = (r: Resolution): string | null => {
    if (r === 'drop') return null;
    if (r === 'keep') return e.id;
    if (!byId.has(r.entity)) throw ConfigError.at(e.where, `context rule of "${e.id}" names unknown entity "${r.entity}"`);
    return r.entity;
  };
  return {
    rules: rules.map((r) => ({
      precededBy: cueSet(r.preceded_by),
      followedBy: cueSet(r.followed_by),
      proclitic: cueSet(r.proclitic),
      near: cueSet(r.near),
      window: r.window,
      inArticle: cueSet(r.in_article),
      then: target(r.then),
    })),
    otherwise: target(otherwise),
  };
}

/**
 * Adjectives that are never part of a person's name: nationality forms of every one-word place
 * name («تونس» → التونسي, التونسية; «أمريكا» → الأمريكي; «سوريا» → السوري, السوريين) and a few
 * that derivation misses.
 */
function deriveAdjectives(entities: readonly EntityDef[]): Set<string> {
  const out = new Set<string>(EXTRA_ADJECTIVES.map(normalizeText));
  for (const e of entities) {
    if (e.type !== 'location') continue;
    for (const v of e.variants) {
      const words = variantWords(v);
      if (words.length !== 1) continue;
      const word = words[0] as string;
      const stem = nisbaStem(word.startsWith('ال') ? word.slice(2) : word);
      if (stem.length < 2) continue;
      const suffixes = endsInNisba(stem) ? ['', 'ه', 'ون', 'ين', 'ان'] : ['ي', 'يه', 'يون', 'يين', 'يان'];
      for (const suffix of suffixes) {
        out.add(`ال${stem}${suffix}`);
        out.add(`${stem}${suffix}`);
      }
    }
  }
  return out;
}

/** A one-word place name less the final alef or ta marbuta its nisba drops («تونس», «فرنسا» → «فرنس»). */
const nisbaStem = (word: string) => (word.endsWith('ا') || word.endsWith('ه') ? word.slice(0, -1) : word);
/** «سوري» of «سوريا», «ليبي» of «ليبيا»: the stem already ends in the nisba's ي (السوري, not السوريي). */
const endsInNisba = (stem: string) => stem.endsWith('ي') && stem.length >= 4;

/** Gazetteer.nationalities: singular nationalities of one-word country and region names, as deriveAdjectives makes them. */
function deriveNationalities(entities: readonly EntityDef[]): Set<string> {
  const out = new Set<string>(EXTRA_NATIONALITIES.flatMap((w) => [w, `${w}ة`]).map(normalizeText));
  for (const e of entities) {
    if (e.type !== 'location' || (e.kind !== 'country' && e.kind !== 'region')) continue;
    for (const v of e.variants) {
      const words = variantWords(v);
      if (words.length !== 1) continue;
      const word = words[0] as string;
      // «ألمانيا»: letters ال that are the name's own, not its article
      for (const written of word.startsWith('ال') ? [word, word.slice(2)] : [word]) {
        const stem = nisbaStem(written);
        if (stem.length < 3) continue;
        const masculine = endsInNisba(stem) ? `ال${stem}` : `ال${stem}ي`;
        out.add(masculine);
        out.add(`${masculine}ه`);
      }
    }
  }
  return out;
}

const EXTRA_NATIONALITIES = ['الأميركي', 'الأمريكي', 'الأوروبي', 'الأفريقي', 'البريطاني', 'الإماراتي'];

const EXTRA_ADJECTIVES = [
  'الأميركي',
  'الأميركية',
  'الأمريكي',
  'الأمريكية',
  'الأممي',
  'الأممية',
  'الأوروبي',
  'الأوروبية',
  'الأفريقي',
  'الأفريقية',
  'العربي',
  'العربية',
  'الخليجي',
  'الخليجية',
  'المغاربي',
  'المغاربية',
  'السعودي',
  'السعودية',
  'الإماراتي',
  'الإماراتية',
  'البريطاني',
  'البريطانية',
  'الصحراوي',
  'الصحراوية',
  'الغربي',
  'الغربية',
  'الدولي',
  'الدولية',
  'الإقليمي',
  'الإقليمية',
  'الإسلامي',
  'الإسلامية',
  'الأرجنتيني',
  'الهولندي',
  'البلجيكي',
  'الأسترالي',
  'الكوري',
  'الهندي',
];

/** A key a word can be looked up under, and how many normalised letters of proclitics precede it. */
export interface WordKey {
  key: string;
  skip: number;
}

/** و ف ب ك ل: a word starting with none of them has no proclitic (told by its code, no string made). */
const startsWithProclitic = (norm: string): boolean => {
  const c = norm.charCodeAt(0);
  return c === 0x0648 || c === 0x0641 || c === 0x0628 || c === 0x0643 || c === 0x0644;
};
/** و/ف + ب/ك/ل: at most two letters precede a name's own first letter (or its article). */
const MAX_PROCLITICS = 2;

/**
 * What the words of a text may be looked up against (the first words of names or roles), as the
 * endings a word must have for a proclitic reading to be worth computing: «الجزائر» is reached
 * from «والجزائر» and from «للجزائر» (ending «لجزائر»).
 */
export function lookupEndings(firstWords: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const w of firstWords) {
    out.add(w);
    if (w.startsWith('ال')) out.add(`ل${w.slice(2)}`);
  }
  return out;
}

/**
 * startCode (the low bytes of the first three letters and how many there are) of a string at `at`,
 * hashed to 16 bits: on Arabic words this nearly tells the three letters, and a collision only lets a
 * word through to the look-up.
 */
const openingAt = (s: string, at: number) => {
  const code = startCode(s, at);
  return (code ^ (code >>> 16) ^ Math.imul(code >>> 8, 0x9e37)) & 0xffff;
};

/**
 * Bits of the openings (openingAt) of a set of endings, 8 KiB: a word whose opening's bit is clear needs
 * no slice and no look-up; and the endings' keyBits, for those whose opening's bit is set.
 */
export interface PairBits {
  openings: Uint32Array;
  whole: KeyBits;
}

const PAIRS = new WeakMap<ReadonlySet<string>, PairBits>();
/** The openings of a set of endings: most words' endings start with none. */
function pairsOf(endings: ReadonlySet<string>): PairBits {
  let pairs = PAIRS.get(endings);
  if (!pairs) {
    const openings = new Uint32Array(0x10000 / 32);
    for (const e of endings) {
      if (e.length === 0) continue;
      const b = openingAt(e, 0);
      openings[b >>> 5] = (openings[b >>> 5] as number) | (1 << (b & 31));
    }
    pairs = { openings, whole: keyBits(endings) };
    PAIRS.set(endings, pairs);
  }
  return pairs;
}

/** True when some proclitic reading of `norm` could end up among `endings` (see lookupEndings). */
export function mayCarryProclitics(norm: string, endings: ReadonlySet<string>, pairs: PairBits = pairsOf(endings)): boolean {
  if (!startsWithProclitic(norm)) return false;
  const openings = pairs.openings;
  for (let p = 1; p <= MAX_PROCLITICS && p < norm.length; p++) {
    const b = openingAt(norm, p);
    // a set bit may be another word's opening, or ending, with the same hash: the ending itself decides
    if (((openings[b >>> 5] as number) & (1 << (b & 31))) !== 0 && mayBeKey(pairs.whole, unitsHash(norm, p, norm.length)) && endings.has(norm.slice(p)))
      return true;
  }
  return false;
}

/**
 * The keys of one article's words, computed on first use: the word itself and, when it starts
 * with a proclitic letter, each reading as proclitics + name (the article kept: «وللجزائر» →
 * «الجزائر»). Lookups first ask `splits`, so that most words never pay for cliticSplits: only
 * those whose ending is the start of some name or role (`endings`) are read with proclitics.
 */
export class WordKeys {
  private readonly cache: (readonly WordKey[] | undefined)[];
  /** 0 not asked yet, 1 the word is looked up whole only, 2 its proclitic readings too. */
  private readonly split: Uint8Array;
  private articleSet: Set<string> | null = null;
  private readonly pairs: readonly PairBits[];

  /** `endings`: of every trie the words will be looked up in (the gazetteer's, the roles'). */
  constructor(
    readonly tokens: readonly Token[],
    private readonly endings: readonly ReadonlySet<string>[],
  ) {
    this.cache = new Array(tokens.length);
    this.split = new Uint8Array(tokens.length);
    this.pairs = endings.map(pairsOf);
  }

  /** Every reading of word i, the whole word first. */
  at(i: number): readonly WordKey[] {
    const cached = this.cache[i];
    if (cached) return cached;
    const t = this.tokens[i] as Token;
    const keys: WordKey[] = [{ key: t.norm, skip: 0 }];
    if (t.kind === 'arabic' && startsWithProclitic(t.norm)) {
      for (const s of cliticSplits(t.norm)) {
        if (s.skip === 0) continue;
        keys.push({ key: s.definite ? `ال${s.stem}` : s.stem, skip: s.skip });
      }
    }
    this.cache[i] = keys;
    return keys;
  }

  /** Whether word i may name something of `endings` only after its proclitics are removed. */
  splits(i: number): boolean {
    let s = this.split[i];
    if (s === 0) {
      const t = this.tokens[i] as Token;
      s = 1;
      if (t.kind === 'arabic') {
        for (let k = 0; k < this.endings.length; k++) if (mayCarryProclitics(t.norm, this.endings[k] as ReadonlySet<string>, this.pairs[k])) s = 2;
      }
      this.split[i] = s;
    }
    return s === 2;
  }

  /** True when word i, read with or without its proclitics, is one of `cues`. */
  has(i: number, cues: ReadonlySet<string>): boolean {
    for (const k of this.at(i)) if (cues.has(k.key)) return true;
    return false;
  }

  /** Every key of every word of the article, built on the first question about the article. */
  inArticle(cues: ReadonlySet<string>): boolean {
    if (!this.articleSet) {
      this.articleSet = new Set();
      for (let i = 0; i < this.tokens.length; i++) {
        if (this.tokens[i]?.kind === 'punct') continue;
        for (const k of this.at(i)) this.articleSet.add(k.key);
      }
    }
    for (const c of cues) if (this.articleSet.has(c)) return true;
    return false;
  }
}

/** Whether `norm` may be a key of the gazetteer's root (false: it is not), told without a look-up. */
export function mayBeRootKey(norm: string, g: Gazetteer): boolean {
  return mayStart(g.rootStarts, startCode(norm, 0)) && mayBeKey(g.rootKeys, unitsHash(norm, 0, norm.length));
}
