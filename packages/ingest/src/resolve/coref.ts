/**
 * In-article coreference: once an article has named a person in full («مارك ميلي», «محمود عباس»),
 * a shorter form of that name later in the same article stands for them — the family name alone
 * («ميلي»), or the first and last words of a longer name («أبو بكر البغدادي» for «أبو بكر عمر
 * البغدادي»). Antecedents are the persons discovery found and the gazetteer persons matched in the
 * article (their family name is often not a variant of its own: alone, «عباس» could be anyone).
 * A short form two antecedents share stays unlinked, as does one written before any full name.
 * Linear in tokens: one hash lookup per uncovered word (two for a word followed by another).
 */
import { lookupEndings, mayCarryProclitics, type WordKeys } from '../extract/gazetteer.ts';
import type { Token } from '../types.ts';
import { soundClass, wordKey } from './key.ts';

/** A person named in full in the article: token range and entity. */
export interface Antecedent {
  entityId: string;
  first: number;
  last: number;
  /** Gazetteer persons: a definite last word («الشريفين», «السادس») is not taken for a family name. */
  known: boolean;
}

export interface CorefMatch {
  entityId: string;
  first: number;
  last: number;
  /** Normalised proclitic letters before the form on its first word. */
  skip: number;
}

export interface CorefWords {
  /** Words that cannot stand for a person alone: function words, adjectives, regnal numbers. */
  never: ReadonlySet<string>;
  /** Joining words: a last word after one («بن سلمان») is a father's name, not a family name. */
  connectors: ReadonlySet<string>;
  /**
   * True when the gazetteer matches `norm` alone as `entityId` wherever it stands («ترامب»): that
   * family name needs no coreference, and an article whose short forms are all such is not scanned.
   */
  matchedAlone?: (norm: string, entityId: string) => boolean;
}

interface Form {
  /** Entity id, or null once two antecedents share the form. */
  owner: string | null;
  /** Token index after which the form may stand for its owner (the end of the first full name). */
  after: number;
}

const MIN_FORM = 3;
const SON_OF = new Set(['بن', 'ابن']);
/** Key letters a family name needs to be matched by its key, not only as spelt («ميركل»: 4). */
const MIN_LOOSE_FORM = 4;
const ONE_LETTER_PROCLITICS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

/** Family names by spelling key, and what a word must look like to be worth keying. */
interface LooseForms {
  byKey: Map<string, Form>;
  firstClasses: Set<string>;
  minLength: number;
  maxLength: number;
}

/** The words of a token range, punctuation and initials («ت.») left out. */
function wordsOf(tokens: readonly Token[], first: number, last: number): number[] {
  const out: number[] = [];
  for (let k = first; k <= last; k++) {
    const t = tokens[k] as Token;
    if (t.kind === 'punct' || t.norm.length < 2) continue;
    out.push(k);
  }
  return out;
}

function addForm(forms: Map<string, Form>, key: string, owner: string, after: number): void {
  const f = forms.get(key);
  if (!f) forms.set(key, { owner, after });
  else if (f.owner !== owner) f.owner = null;
  else f.after = Math.min(f.after, after);
}

/**
 * The short forms of every antecedent: its family name (the last word, unless a connector comes
 * before it; «بن» and the last word when «بن» does), and for names of three words or more their
 * first and last words.
 */
export function shortForms(tokens: readonly Token[], antecedents: readonly Antecedent[], words: CorefWords) {
  const single = new Map<string, Form>();
  const pair = new Map<string, Form>();
  const loose: LooseForms = { byKey: new Map(), firstClasses: new Set(), minLength: Infinity, maxLength: -1 };
  for (const a of antecedents) {
    const w = wordsOf(tokens, a.first, a.last);
    if (w.length < 2) continue;
    const lastNorm = (tokens[w[w.length - 1]!] as Token).norm;
    const before = (tokens[w[w.length - 2]!] as Token).norm;
    const family =
      lastNorm.length >= MIN_FORM &&
      !words.never.has(lastNorm) &&
      !words.connectors.has(before) &&
      !(a.known && (lastNorm.startsWith('ال') || words.matchedAlone?.(lastNorm, a.entityId)));
    if (family) {
      addForm(single, lastNorm, a.entityId, a.last);
      const key = wordKey(lastNorm);
      // not a name in ة either: Arabic nouns are keyed alike («غديرة» / «قدرة»)
      if (key.length >= MIN_LOOSE_FORM && !key.startsWith('=') && !lastNorm.endsWith('ه')) {
        addForm(loose.byKey, key, a.entityId, a.last);
        loose.firstClasses.add(soundClass(lastNorm[0] as string));
        loose.minLength = Math.min(loose.minLength, lastNorm.length - 2);
        loose.maxLength = Math.max(loose.maxLength, lastNorm.length + 2);
      }
    }
    // «بن دغر» for «أحمد بن دغر», «بن سلمان» for «محمد بن سلمان»: the family name keeps its «بن»
    if (SON_OF.has(before) && lastNorm.length >= MIN_FORM - 1 && !words.never.has(lastNorm)) {
      for (const b of SON_OF) addForm(pair, `${b} ${lastNorm}`, a.entityId, a.last);
    }
    if (w.length >= 3) {
      const firstNorm = (tokens[w[0]!] as Token).norm;
      if (!words.connectors.has(firstNorm)) addForm(pair, `${firstNorm} ${lastNorm}`, a.entityId, a.last);
    } else if (w.length === 2 && a.last - a.first === 1) {
      // «حسين الفردان» again after «السيد حسين الفردان»: the name in full, not its family name alone
      addForm(pair, `${(tokens[w[0]!] as Token).norm} ${lastNorm}`, a.entityId, a.last);
    }
  }
  return { single, pair, loose };
}

/**
 * Mentions of short forms on the words no other mention covers (`covered[i] === -1`). `next(i)`
 * is the word after token i on its line, or -1.
 */
export function corefMentions(
  tokens: readonly Token[],
  keys: WordKeys,
  antecedents: readonly Antecedent[],
  covered: Int32Array,
  words: CorefWords,
  next: (i: number) => number,
): CorefMatch[] {
  const { single, pair, loose } = shortForms(tokens, antecedents, words);
  if (single.size === 0 && pair.size === 0) return [];
  const firstWords = new Set<string>();
  for (const k of pair.keys()) firstWords.add(k.slice(0, k.indexOf(' ')));
  const endings = lookupEndings([...single.keys(), ...firstWords]);
  const out: CorefMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (covered[i] !== -1 || t.kind !== 'arabic') continue;
    let found: CorefMatch | null = null;
    if (!single.has(t.norm) && !firstWords.has(t.norm) && !mayCarryProclitics(t.norm, endings)) {
      // «ميركيل» after «أنغيلا ميركل»: the family name in another transliteration
      found = looseMatch(t.norm, i, loose);
      if (found) out.push(found);
      continue;
    }
    for (const k of keys.at(i)) {
      if (firstWords.has(k.key)) {
        const j = next(i);
        const u = j >= 0 ? (tokens[j] as Token) : null;
        const f = u && u.kind === 'arabic' && covered[j] === -1 ? pair.get(`${k.key} ${u.norm}`) : undefined;
        if (f?.owner && i > f.after) {
          found = { entityId: f.owner, first: i, last: j, skip: k.skip };
          break;
        }
      }
      const f = single.get(k.key);
      if (f?.owner && i > f.after) {
        found = { entityId: f.owner, first: i, last: i, skip: k.skip };
        break;
      }
    }
    if (found) {
      out.push(found);
      i = found.last;
    }
  }
  return out;
}

/** The family name `norm` (or `norm` after one proclitic letter) is another spelling of, after its full name. */
function looseMatch(norm: string, i: number, loose: LooseForms): CorefMatch | null {
  if (loose.byKey.size === 0) return null;
  for (let skip = 0; skip <= 1; skip++) {
    if (skip === 1 && !ONE_LETTER_PROCLITICS.has(norm[0] as string)) break;
    const stem = skip === 0 ? norm : norm.slice(1);
    if (stem.length < loose.minLength || stem.length > loose.maxLength || !loose.firstClasses.has(soundClass(stem[0] as string))) continue;
    const f = loose.byKey.get(wordKey(stem));
    if (f?.owner && i > f.after) return { entityId: f.owner, first: i, last: i, skip };
  }
  return null;
}

/**
 * The antecedent a one-word name found after a title stands for («الرئيس عباس» after «محمود
 * عباس», «الأمير تميم» after «الأمير تميم بن حمد»): the one antecedent before it whose family name
 * or first word it is; null when none or several are.
 */
export function singleNameAntecedent(tokens: readonly Token[], word: number, antecedents: readonly Antecedent[], words: CorefWords): string | null {
  const norm = (tokens[word] as Token).norm;
  let owner: string | null = null;
  for (const a of antecedents) {
    if (a.last >= word) continue;
    const w = wordsOf(tokens, a.first, a.last);
    if (w.length < 2) continue;
    const first = (tokens[w[0]!] as Token).norm;
    const last = (tokens[w[w.length - 1]!] as Token).norm;
    const before = (tokens[w[w.length - 2]!] as Token).norm;
    const isFamily = last === norm && !words.connectors.has(before);
    if (!isFamily && first !== norm) continue;
    if (owner !== null && owner !== a.entityId) return null;
    owner = a.entityId;
  }
  return owner;
}
