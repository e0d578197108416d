/**
 * Entity resolution across the articles of a run: the names discovery found (each under a
 * provisional id, one per normalised spelling) are grouped into entities, and groups that are a
 * gazetteer entity's spelling join it. Runs once per run over the run's vocabulary of discovered
 * names (bounded by the vocabulary, not the corpus), after every document is processed; the
 * result is a map from provisional id to final id that the writer applies to the staged mentions.
 *
 * Two names are one entity when
 *  - their spelling keys are equal (key.ts: transliteration variants, compound spacing);
 *  - (persons) they have the same number of words, three or more, the same first and last word,
 *    and one middle word that differs by one letter of its key, neither a native Arabic name
 *    («كيم جونغ أون» / «كيم يونغ أون»);
 *  - (persons) a two-word name is the first and last, or the first two, words of longer names of
 *    one entity only («مارك ميلي» / «مارك ألكسندر ميلي»; «كيم يونغ» / «كيم يونغ أون»; not across
 *    «بن» or an Arabic given name, the father's: «محمد سليمان» is not «محمد الهادي بن سليمان»,
 *    «محمد يوسف» not «محمد أحمد يوسف»);
 *  - (persons) a one-word name is the family name of one entity only in the run («عباس» after a
 *    title, when «محمود عباس» is the only person of the run named so; never after «بن»);
 *  - (persons) a one-word name is the first word of the names of one entity only and the last word
 *    of none, which the run names in full at least as often («إيفانكا» of «إيفانكا ترامب»).
 *  - (persons) a name of three words or more is the name of its words but the last, or but the
 *    first, when the run writes that one far more often (gluedWords: «ستورمي دانييلز يسعى»).
 * A discovered person spelt like a discovered organisation or place that the run mentions at least
 * as often is that organisation or place (otherTyped). A discovered person whose first or last word
 * is a word of the sentence, which the corpus writes often and the run's names almost never, is no
 * entity (sentenceWordNames: «صديقه بيرزوفيسكي», «عدو هيلاري», «هاليب تستعيد»).
 * The subset rules ask for uniqueness among the run's entities (gazetteer ones included), so a
 * short name shared by two people stays apart. A group never joins two gazetteer entities.
 *
 * The id of a discovered group is the hash of its canonical spelling, chosen from the counts
 * alone (names of two words or more first, then the most frequent, then the one of fewer words,
 * then code point order): it does not depend on the order articles were read in or on how many
 * workers processed them, and a name found alone keeps the id it always had.
 */
import { createHash } from 'node:crypto';
import type { EntityRow } from '@mirsad/model';
import { fold } from '@mirsad/model/arabic';
import type { CorpusWords } from './corpus-words.ts';
import { isNativeName, nameWords, nameWordsAsWritten, withinOneEdit, wordKey } from './key.ts';

export type EntityType = 'person' | 'organization' | 'location';

/** A discovered spelling: its provisional entity id, type, display form and how many mentions wrote it. */
export interface Spelling {
  entityId: string;
  type: EntityType;
  name: string;
  n: number;
  /** Of the n, how many a role word introduced («الأمير فيليب»); absent: none. */
  role?: number;
}

/** An entity the run knows by config: its id, type and every name it is matched under. */
export interface KnownEntity {
  entityId: string;
  type: EntityType;
  names: readonly string[];
}

export interface Resolution {
  /** Provisional id → final id, for every discovered id that changes. */
  remap: Map<string, string>;
  /** One row per discovered entity left after resolution, sorted by id. */
  entities: EntityRow[];
  /** Discovered ids that are no entity (bareGivenNames, sentenceWordNames): their mentions go. */
  dropped: Set<string>;
}

/** Words before a last word that make it a patronymic or a particle, not a family name. */
const NOT_FAMILY_NAME_AFTER = new Set(['بن', 'بنت', 'ولد', 'ول', 'اغ', 'دي', 'دو', 'فون', 'فان', 'ال'].map(fold));

/**
 * A one-word name has no other word to confirm a loose match: it is compared as spelt unless its
 * key has this many letters («بلينكين» = «بلينكن», but «مقرن» is not «ماكرون», «عون» not «عنان»).
 */
const MIN_SINGLE_KEY = 5;
/** Fewest key letters of a one-word name taken for the family name of a two-word one («مرسي»). */
const MIN_FAMILY_KEY = 4;

interface Node {
  /** Provisional id (discovered) or gazetteer id (known). */
  id: string;
  type: EntityType;
  known: boolean;
  words: string[];
  /** Per word: written «أل…»/«إل…», no article (key.ts nameWordsAsWritten). */
  hamzaAlef: boolean[];
  keys: string[];
  /** Display spellings and their counts (discovered only). */
  spellings: Map<string, number>;
  /** Mentions a role word introduced (discovered only). */
  role: number;
}

class Groups {
  private readonly parent: number[];
  /** The gazetteer id a group contains, if any. */
  private readonly anchor: (string | null)[];

  constructor(nodes: readonly Node[]) {
    this.parent = nodes.map((_, i) => i);
    this.anchor = nodes.map((n) => (n.known ? n.id : null));
  }

  root(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r] as number;
    while (this.parent[i] !== r) {
      const next = this.parent[i] as number;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Joins the groups of a and b unless they hold two different gazetteer entities; the smaller index is the root. */
  union(a: number, b: number): boolean {
    const [ra, rb] = [this.root(a), this.root(b)];
    if (ra === rb) return true;
    const [x, y] = [this.anchor[ra], this.anchor[rb]];
    if (x && y && x !== y) return false;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent[drop] = keep;
    this.anchor[keep] = x ?? y ?? null;
    return true;
  }

  anchorOf(i: number): string | null {
    return this.anchor[this.root(i)] ?? null;
  }
}

/**
 * `words`: the run's word estimates (corpus-words.ts), null when the run is too small for them, and
 * then no name is judged by its words.
 */
export function resolveEntities(spellings: readonly Spelling[], known: readonly KnownEntity[], words: CorpusWords | null = null): Resolution {
  const nodes = buildNodes(spellings, known);
  const groups = new Groups(nodes);

  // 1. equal keys (gazetteer names first: a key two gazetteer entities share decides nothing)
  const byKey = new Map<string, number[]>();
  nodes.forEach((n, i) => push(byKey, `${n.type}|${n.keys.join(' ')}`, i));
  for (const members of byKey.values()) {
    const knownIds = new Set(members.filter((i) => nodes[i]!.known).map((i) => nodes[i]!.id));
    const joined = knownIds.size > 1 ? members.filter((i) => !nodes[i]!.known) : members;
    for (const i of joined) groups.union(joined[0]!, i);
  }

  // 2. long names one transliterated middle word apart
  const byEdges = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.type === 'person' && n.keys.length >= 3) push(byEdges, `${n.keys.length}|${n.keys[0]}|${n.keys[n.keys.length - 1]}`, i);
  });
  for (const members of byEdges.values()) {
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        if (oneMiddleWordApart(nodes[members[x]!]!, nodes[members[y]!]!)) groups.union(members[x]!, members[y]!);
      }
    }
  }

  // 3a. a name with a word of the sentence glued on: «ستورمي دانييلز يسعى» is «ستورمي دانييلز»
  for (const [i, t] of gluedWords(nodes, groups)) groups.union(i, t);

  // 3b. a name with a conjunction or preposition glued on, or one the tagger's span left a letter of
  // the name out of: «بإسطنبول» is «إسطنبول», «سام راضي» is «بسام راضي»
  for (const [i, t] of procliticVariants(nodes, groups)) groups.union(i, t);

  // 3. a two-word name inside longer names of one group only
  const longer = new Map<string, Set<number>>();
  // a gazetteer name takes in longer discovered names spelt like it only («جون كيري» is not «جون ماري كاري»)
  const longerAsSpelt = new Map<string, Set<number>>();
  // the last two words of a discovered name of three: «خاقان عباسي» of «شاهد خاقان عباسي», «دي خيا» of
  // «دافيد دي خيا»; not when they start with an Arabic given name («علي حسن» of «محمد علي حسن» is
  // the father's name), a kunya or a patronymic's «بن» («أبو يوسف», «بن سلمان» may be anyone so called)
  const suffixes = new Map<string, Set<number>>();
  const pairKeys = new Set<string>();
  for (const n of nodes) if (n.type === 'person' && n.keys.length === 2) pairKeys.add(n.keys.join(' '));
  nodes.forEach((n, i) => {
    if (n.type !== 'person' || n.keys.length < 3) return;
    const r = groups.root(i);
    // the first and last words, not across a patronymic: «محمد الهادي بن سليمان» is of the «بن سليمان»
    // family, «محمد سليمان» someone else («حمد بن خليفة» is not «حمد خليفة»); nor across an Arabic given
    // name, the father's («محمد أحمد يوسف», «محمد بن عبدالله العمري»: «محمد يوسف», «محمد العمري» may be anyone so
    // called; «مارك ألكسندر ميلي» is «مارك ميلي»)
    const middle = n.words.slice(1, -1);
    if (!PATRONYMIC.has(n.words[n.words.length - 2]!) && !middle.some((w) => PATRONYMIC.has(w) || isNativeName(w)))
      add(longer, `${n.keys[0]} ${n.keys[n.keys.length - 1]}`, r);
    add(longerAsSpelt, `${n.words[0]} ${n.words[n.words.length - 1]}`, r);
    // the first two words: «كيم يونغ» of «كيم يونغ أون», but not «محمد صلاح» of «محمد صلاح السبكي»,
    // where the second word is the father's given name and «محمد صلاح» may be anyone
    if (!NOT_FAMILY_NAME_AFTER.has(n.words[1]!) && !isNativeName(n.words[1]!)) add(longer, `${n.keys[0]} ${n.keys[1]}`, r);
    // the last two: «خاقان عباسي» of «شاهد خاقان عباسي», «دي خيا» of «دافيد دي خيا»; not when they
    // start with an Arabic given name («علي حسن» of «محمد علي حسن» is the father's name), a kunya or
    // a patronymic's «بن» («أبو يوسف», «بن سلمان» may be anyone so called)
    if (n.keys.length === 3 && !n.known && !isNativeName(n.words[1]!) && !KUNYA.has(n.words[1]!) && !PATRONYMIC.has(n.words[1]!)) {
      // «جون كريستوفر لويس» beside «جون لويس»: the middle word is a given name of its own, or two
      // names run together; the last two words are then not this name
      const [a, b, c] = n.keys as [string, string, string];
      if (!pairKeys.has(`${a} ${b}`) && !pairKeys.has(`${a} ${c}`)) add(suffixes, `${b} ${c}`, r);
    }
  });
  const counts = mentionCounts(nodes, groups);
  const pairs: [number, number][] = [];
  nodes.forEach((n, i) => {
    if (n.type !== 'person' || n.keys.length !== 2) return;
    const self = groups.root(i);
    if (n.known) {
      const target = only(longerAsSpelt.get(n.words.join(' ')), self);
      if (target !== null) pairs.push([i, target]);
      return;
    }
    const key = n.keys.join(' ');
    const target = only(new Set([...(longer.get(key) ?? []), ...(suffixes.get(key) ?? [])]), self);
    if (target === null) return;
    // a longer name the run writes far more rarely than the last two words is the name with a word
    // of the sentence before it («البشير معتز موسى») or two names run together
    if (!longer.get(key)?.has(target) && GLUED_RATIO * (counts.get(target) ?? 0) < (counts.get(self) ?? 0)) return;
    pairs.push([i, target]);
  });
  for (const [i, t] of pairs) groups.union(i, t);

  // 4. a one-word discovered name that is the family name of one group only: the last word of a
  // two-word name of the group (a third word is often the sentence going on: «أنغيلا ميركل مهلة»);
  // never a native given name, a short key, or a word that starts another name of the run
  const families = new Map<string, Set<number>>();
  const firstWords = new Set<string>();
  nodes.forEach((n, i) => {
    if (n.type !== 'person' || n.keys.length < 2) return;
    firstWords.add(n.keys[0]!);
    if (n.keys.length === 2 && !NOT_FAMILY_NAME_AFTER.has(n.words[0]!)) add(families, n.keys[1]!, groups.root(i));
  });
  const singles: [number, number][] = [];
  nodes.forEach((n, i) => {
    if (n.known || n.type !== 'person' || n.keys.length !== 1) return;
    const key = wordKey(n.words[0]!, n.hamzaAlef[0]);
    if (isNativeName(n.words[0]!) || key.length < MIN_FAMILY_KEY || firstWords.has(key)) return;
    const target = only(families.get(key), groups.root(i));
    if (target !== null) singles.push([i, target]);
  });
  for (const [i, t] of singles) groups.union(i, t);

  // 5. a one-word discovered name that starts the names of one group only and ends none: a given
  // name that stands for the one person of the run so named («إيفانكا» of «إيفانكا ترامب»)
  for (const [i, t] of givenNames(nodes, groups)) groups.union(i, t);

  const retyped = otherTyped(nodes, groups);
  const dropped = bareGivenNames(nodes, groups);
  const ofSentence = words ? sentenceWords(nodes, words) : null;
  if (ofSentence) for (const id of sentenceWordNames(nodes, groups, retyped, ofSentence)) dropped.add(id);
  return finalIds(nodes, groups, retyped, dropped, ofSentence);
}

/**
 * Share of a word's estimated articles that the run's discovered names must write it in, and share
 * of its cluster's: under both, the word is one of the sentence («صديقه», his friend: some 260
 * articles of ANT, the first word of three discovered names, each once). Names of one cluster are
 * found often (the cluster of «فيكتوريا» and «إليزابيث»: 28% of its estimate), a cluster of nouns or
 * verbs almost never (under 1%).
 */
const NAME_SHARE = 0.02;
const CLUSTER_NAME_SHARE = 0.1;
/** Fewest estimated articles of the run a word needs for its rare use in names to tell. */
const MIN_WORD_ARTICLES = 20;
/** Shorter words are as often syllables of foreign names («مون تشونج-إن», «كيم جونغ أون») as words of the sentence. */
const MIN_WORD_LETTERS = 3;
type Inflection = 'verb' | 'feminine dual' | 'dual';
/**
 * Endings, folded, of forms the clusters' 100,000 words often lack, with what they inflect: a past
 * verb's dual or feminine («تدربا», «تسلمتا», «شجبت»; the stem a word of the sentence whose plural in
 * «وا» the clusters list), the dual of a feminine noun («جارتان» of «جاره»), a dual or plural («مشابهان»).
 */
const INFLECTIONS: [string, Inflection, string][] = [
  ['تان', 'feminine dual', 'ه'],
  ['تين', 'feminine dual', 'ه'],
  ['تا', 'verb', 'وا'],
  ['ا', 'verb', 'وا'],
  ['ت', 'verb', 'وا'],
  ['ان', 'dual', ''],
  ['ين', 'dual', ''],
];
const MIN_STEM_LETTERS = 3;
/** A form glued on is found in few names: in more, it is a name's own. */
const MAX_INFLECTED_USES = 3;
/** Regnal and ordinal numbers end names of their own («قسطنطين الأول», «السادس عشر»). */
const ORDINALS = new Set(['الاول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع', 'العاشر', 'عشر'].map(fold));

/** The run's test of a word of the sentence, and what it counts (sentenceWordNames, canonicalName). */
interface SentenceWords {
  /** Mentions of the run's person names (discovered by spelling, gazetteer ones none) that write a word. */
  uses: ReadonlyMap<string, number>;
  /** Words of gazetteer persons' names. */
  gazetteer: ReadonlySet<string>;
  ofSentence: (w: string) => boolean;
  /** The inflection of a word of the sentence that a word the clusters do not list is, if any (INFLECTIONS). */
  inflected: (w: string) => Inflection | null;
  /** A word whose cluster the run's names write at least CLUSTER_NAME_SHARE of, or that no cluster lists. */
  nameLike: (w: string) => boolean;
}

function sentenceWords(nodes: readonly Node[], words: CorpusWords): SentenceWords {
  // a node's spellings fold to one name: its words are the node's
  const uses = new Map<string, number>();
  const gazetteer = new Set<string>();
  for (const n of nodes) {
    if (n.type !== 'person') continue;
    if (n.known) for (const w of n.words) gazetteer.add(w);
    let c = 0;
    for (const x of n.spellings.values()) c += x;
    for (const w of new Set(n.words)) uses.set(w, (uses.get(w) ?? 0) + c);
  }
  const clusterUses = new Map<number, number>();
  for (const [w, u] of uses) {
    const c = words.cluster(w);
    if (c !== undefined) clusterUses.set(c, (clusterUses.get(c) ?? 0) + u);
  }
  const ofSentence = (w: string): boolean => {
    const a = words.articles(w);
    // «كريمة», «إلهام», «إيمان»: an Arabic given name that is a common word too
    if (a === undefined || a < MIN_WORD_ARTICLES || w.length < MIN_WORD_LETTERS || gazetteer.has(w) || isNativeName(w) || (uses.get(w) ?? 0) >= NAME_SHARE * a)
      return false;
    const c = words.cluster(w) as number;
    return (clusterUses.get(c) ?? 0) < CLUSTER_NAME_SHARE * words.clusterArticles(c);
  };
  // a word the clusters do not list, in few names, that inflects a word of the sentence (INFLECTIONS)
  const inflected = (w: string): Inflection | null => {
    if (words.articles(w) !== undefined || isNativeName(w) || (uses.get(w) ?? 0) > MAX_INFLECTED_USES) return null;
    for (const [end, kind, back] of INFLECTIONS) {
      if (w.length - end.length < MIN_STEM_LETTERS || !w.endsWith(end)) continue;
      const stem = w.slice(0, -end.length);
      const base = kind === 'verb' ? stem : stem + back;
      if (words.articles(base) === undefined || !ofSentence(base)) continue;
      // a past verb's stem: the clusters list its plural («تدربوا»)
      if (kind === 'verb' && words.articles(stem + back) === undefined) continue;
      return kind;
    }
    return null;
  };
  // a word of a cluster of names, or one too rare for the clusters
  const nameLike = (w: string): boolean => {
    const c = words.cluster(w);
    return c === undefined || (clusterUses.get(c) ?? 0) >= CLUSTER_NAME_SHARE * words.clusterArticles(c);
  };
  return { uses, gazetteer, ofSentence, inflected, nameLike };
}

/**
 * Discovered person groups, of no gazetteer person, whose every spelling is a name with a word of
 * the sentence on it: the tagger's span took in a noun or a verb next to a name («عدو هيلاري»,
 * «هاليب تستعيد», «بيدرو مهاجم») or is a phrase («طابعا خاصا», «ثوران بركان»). A word is of the
 * sentence when the run writes it in an estimated MIN_WORD_ARTICLES articles or more, its
 * discovered names (persons, by mentions) under NAME_SHARE of them, the names of its word cluster
 * under CLUSTER_NAME_SHARE of theirs, it has MIN_WORD_LETTERS letters or more, it is no native given name and no
 * gazetteer person's name has it. A spelling is judged
 * when all its words are of the sentence, or when its first or last one is and one of the others is
 * written in another name of the run: the rest is a name of its own, and the word glued on. Not a
 * last word after «بن», «أبو», «آل» (a father's or a family's name: «بن مساعد»), nor an ordinal; and
 * one word glued on a name a role word introduced is left to the role. Returns the ids to drop.
 */
function sentenceWordNames(nodes: readonly Node[], groups: Groups, retyped: ReadonlyMap<number, number>, sentence: SentenceWords): string[] {
  const { uses, gazetteer, ofSentence, inflected } = sentence;
  const judged = (node: Node): boolean => {
    const ws = node.words;
    if (ws.length < 2) return false;
    let n = 0;
    for (const x of node.spellings.values()) n += x;
    const forms = ws.map(inflected);
    // a verb's or a feminine noun's dual glued on counts as a word of the sentence; a dual or plural
    // in «ان»/«ين» only when every word is one, as a noun and its adjective agree («حادثان مشابهان»):
    // alone it is as often the end of a foreign name («توم هيتون», «جويل كابلان»)
    const flags = ws.map((w, i) => ofSentence(w) || (forms[i] !== null && forms[i] !== 'dual'));
    if (ws.every((w, i) => flags[i] || forms[i] === 'dual')) return true;
    if (node.role > 0) return false;
    // a word of the rest that another name of the run writes too
    const elsewhere = (rest: readonly string[]) => rest.some((w) => (uses.get(w) ?? 0) > n || gazetteer.has(w));
    const last = ws[ws.length - 1] as string;
    const before = ws[ws.length - 2] as string;
    if (flags[0] && elsewhere(ws.slice(1))) return true;
    return (flags[ws.length - 1] as boolean) && !ORDINALS.has(last) && !NOT_FAMILY_NAME_AFTER.has(before) && !KUNYA.has(before) && elsewhere(ws.slice(0, -1));
  };
  const members = new Map<number, Node[]>();
  nodes.forEach((n, i) => {
    if (n.type === 'person' && !n.known) push(members, groups.root(i), n);
  });
  const out: string[] = [];
  for (const [root, group] of members) {
    if (groups.anchorOf(root) || retyped.has(root)) continue;
    if (group.every(judged)) for (const n of group) out.push(n.id);
  }
  return out;
}

/**
 * One-word discovered persons that are the first word of the names (two words or more) of one
 * group only, and the last word of no name of the run: the given name of that person, written alone
 * after the full name elsewhere («إيفانكا», «أيميريك» of «أيميريك لابورت»). The run must write the
 * full name, as discovered, at least as often as the word alone, which a given name shared by
 * someone the run names only so fails («الأمير تشارلز» beside a rarer «تشارلز ميشيل»); a gazetteer
 * person's given name is left to its own variants. Never a native given name («محمد» is anyone) or
 * a short key. Returns pairs to join.
 */
function givenNames(nodes: readonly Node[], groups: Groups): [number, number][] {
  const starts = new Map<string, Set<number>>();
  const lastWords = new Set<string>();
  nodes.forEach((n, i) => {
    if (n.type !== 'person' || n.keys.length < 2) return;
    // as spelt: a one-word name has no other word to confirm a loose match («أمانو» is not «أمينو ماي-أنغوا»)
    add(starts, n.words[0]!, groups.root(i));
    lastWords.add(n.keys[n.keys.length - 1]!);
  });
  const counts = mentionCounts(nodes, groups);
  const out: [number, number][] = [];
  nodes.forEach((n, i) => {
    if (n.known || n.type !== 'person' || n.keys.length !== 1) return;
    const key = wordKey(n.words[0]!, n.hamzaAlef[0]);
    if (isNativeName(n.words[0]!) || key.length < MIN_FAMILY_KEY || lastWords.has(key)) return;
    const self = groups.root(i);
    const target = only(starts.get(n.words[0]!), self);
    if (target !== null && (counts.get(target) ?? 0) >= (counts.get(self) ?? 0)) out.push([i, target]);
  });
  return out;
}

/**
 * Times more often a word must start the run's names of two words or more than end them for a
 * one-word person of it to be a given name written alone: «مايكل» starts 360 names of ANT and ends
 * one, «سليم» 192 and 54 (a father's name ends many Arabic names), «مارغريت» 17 and 1; surnames
 * («مكين», «دوروف») start none, «فيليب» of «إدوار فيليب» 205 and 48.
 */
const GIVEN_NAME_RATIO = 3;
/** Fewest mentions of the run's longer names a word must start to be read as a given name. */
const MIN_GIVEN_STARTS = 3;

/**
 * One-word discovered persons left alone after resolution (no longer name of the run took them
 * in, givenNames) whose word the run's names of two words or more start GIVEN_NAME_RATIO times as
 * often as they end it, and at least as often as the run writes the word alone: a bare given name
 * («مارغريت», «هاشم», the hurricane «مايكل») that stands for someone the run never names in full,
 * or for anyone; not a discovered person entity. East Asian surnames, which start their names
 * («تشوي», «تساي»), are lost with them when the run writes the full names more often. Kept when
 * a role word introduced it once («الأمير فيليب», «الملكة رانيا»), and a word of no longer name is
 * never judged (a surname, a nickname). Returns the provisional ids to drop.
 */
function bareGivenNames(nodes: readonly Node[], groups: Groups): Set<string> {
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  const size = new Map<number, number>();
  nodes.forEach((n, i) => {
    size.set(groups.root(i), (size.get(groups.root(i)) ?? 0) + 1);
    if (n.type !== 'person' || n.words.length < 2) return;
    // gazetteer names count once, discovered ones by mentions
    let c = n.known ? 1 : 0;
    for (const x of n.spellings.values()) c += x;
    const [first, last] = [n.words[0]!, n.words[n.words.length - 1]!];
    // «أبو سليم», «بن هاشم»: a word after a connector is a given name too, not a surname
    starts.set(first, (starts.get(first) ?? 0) + c);
    if (!NOT_FAMILY_NAME_AFTER.has(n.words[n.words.length - 2]!) && !KUNYA.has(n.words[n.words.length - 2]!)) ends.set(last, (ends.get(last) ?? 0) + c);
  });
  const out = new Set<string>();
  nodes.forEach((n, i) => {
    if (n.known || n.type !== 'person' || n.words.length !== 1 || n.role > 0) return;
    const r = groups.root(i);
    if (size.get(r) !== 1 || groups.anchorOf(r)) return;
    const w = n.words[0]!;
    const s = starts.get(w) ?? 0;
    let own = 0;
    for (const x of n.spellings.values()) own += x;
    // a word the run writes alone more often than the longer names it starts is a mononym
    // («مارسيلو», «شيرين») or a surname («كاتس»), as givenNames reads «تشارلز»
    if (s >= MIN_GIVEN_STARTS && s >= own && s >= GIVEN_NAME_RATIO * (ends.get(w) ?? 0)) out.add(n.id);
  });
  return out;
}

/** «أبو», «أم»: a kunya's head, after which a given name ends a name («أبو سليم»). */
const KUNYA = new Set(['ابو', 'ام'].map(fold));
/** Words of a patronymic or a tribe's name («بن», «ولد», «أغ»), after which a father's given name ends a name. */
const PATRONYMIC = new Set(['بن', 'بنت', 'ابن', 'ولد', 'ول', 'اغ', 'ال'].map(fold));

/** How many times a group's discovered spellings were written, by group root. */
function mentionCounts(nodes: readonly Node[], groups: Groups): Map<number, number> {
  const counts = new Map<number, number>();
  nodes.forEach((n, i) => {
    let c = 0;
    for (const x of n.spellings.values()) c += x;
    counts.set(groups.root(i), (counts.get(groups.root(i)) ?? 0) + c);
  });
  return counts;
}

/**
 * Times a shorter name must be more frequent than the longer one it is read inside: the run writes
 * the person's name alone often, and the longer spelling is that name with the sentence going on
 * (a verb, a noun after it) or a word before it, found once or twice.
 */
const GLUED_RATIO = 3;

/**
 * Discovered persons of three words or more whose words but the last (or but the first) are the
 * name of one other person group that the run writes at least GLUED_RATIO times as often: «ستورمي
 * دانييلز يسعى», «زميلي أنس الصوردو». Not when the shorter name ends with a native given name,
 * where the longer one adds the family name to a father's given name («محمد صلاح السبكي»), nor when
 * the word left out before is one («محمد علي حسن» is not «علي حسن»). Returns pairs to join.
 */
function gluedWords(nodes: readonly Node[], groups: Groups): [number, number][] {
  const byKey = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (n.type === 'person' && n.keys.length >= 2) byKey.set(n.keys.join(' '), groups.root(i));
  });
  const counts = mentionCounts(nodes, groups);
  const pairs: [number, number][] = [];
  nodes.forEach((n, i) => {
    if (n.type !== 'person' || n.known || n.keys.length < 3) return;
    const root = groups.root(i);
    const own = counts.get(root) ?? 0;
    const candidates: (number | undefined)[] = [];
    if (!isNativeName(n.words[n.words.length - 2]!)) candidates.push(byKey.get(n.keys.slice(0, -1).join(' ')));
    if (!isNativeName(n.words[0]!)) candidates.push(byKey.get(n.keys.slice(1).join(' ')));
    for (const target of candidates) {
      if (target === undefined || target === root) continue;
      if ((counts.get(target) ?? 0) >= GLUED_RATIO * own) {
        pairs.push([i, target]);
        return;
      }
    }
  });
  return pairs;
}

/**
 * Letters of conjunction and preposition that may stand glued before a name, longest first: «و», «ف»
 * and then «ب», «ل» («وبالقاهرة», «لبرشلونة»). A «ل» before «ال» drops the alef («للأهلي» is «ل» +
 * «الأهلي»). Not «ك»: on ANT the pairs it made were two words («كوست» and «وست», «كنيس» and «نيس»).
 */
const PROCLITICS = ['وب', 'ول', 'فب', 'فل', 'و', 'ف', 'ب', 'ل'].map(fold);
/** Fewest letters the name must keep without its proclitic. */
const MIN_BARE_LETTERS = 3;

/**
 * Pairs of one type where a discovered name is another with a proclitic before its first word, and
 * the run writes one of the two at least GLUED_RATIO times as often as the other, or the other is a
 * gazetteer name: the rarer is a spelling of the more frequent. A first word that is a native given
 * name with the letter («بسام») takes in the cut form only («سام راضي»), never the reverse. Either way round: the tagger's span
 * keeps the preposition of a word the corpus often writes with it («بإسطنبول» beside «إسطنبول»,
 * «لبرشلونة», «للأهلي»), or cuts a name's own first letter off as one («سام راضي» beside «بسام
 * راضي», «برون جيمس» beside «ليبرون جيمس»). Two names written about as often stay apart («بوست»
 * and «وست» may be a newspaper and a surname). Returns pairs to join.
 */
function procliticVariants(nodes: readonly Node[], groups: Groups): [number, number][] {
  const byKey = new Map<string, number[]>();
  nodes.forEach((n, i) => push(byKey, `${n.type}|${n.keys.join(' ')}`, i));
  const counts = mentionCounts(nodes, groups);
  const pairs: [number, number][] = [];
  nodes.forEach((n, i) => {
    if (n.known) return;
    const first = n.words[0]!;
    // «بسام», «وسام»: a given name of its own; only its cut form may join it
    const ownName = isNativeName(first);
    for (const p of PROCLITICS) {
      if (!first.startsWith(p) || first.length - p.length < MIN_BARE_LETTERS) continue;
      const bare = first.slice(p.length);
      // «للأهلي»: the preposition's «ل» before «ال» writes the article as one «ل»
      const bares = p.endsWith('ل') && bare.startsWith('ل') && !bare.startsWith('ال') ? [bare, `ا${bare}`] : [bare];
      for (const b of bares) {
        for (const j of byKey.get(`${n.type}|${keysOf([b, ...n.words.slice(1)], [false, ...n.hamzaAlef.slice(1)]).join(' ')}`) ?? []) {
          const other = nodes[j]!;
          const [glued, cut] = [counts.get(groups.root(i)) ?? 0, counts.get(groups.root(j)) ?? 0];
          // a gazetteer name without the proclitic: the glued spelling is it
          if (other.known ? !ownName : glued >= GLUED_RATIO * cut || (!ownName && cut >= GLUED_RATIO * glued)) pairs.push([i, j]);
        }
      }
    }
  });
  return pairs;
}

/**
 * Discovered persons that the run finds as an organisation or a place under the same key: a person
 * group (with no gazetteer person in it) whose spelling key a discovered organisation or place has
 * with at least as many mentions is that entity («كورنثيانز» the tagger read once as a person is
 * the club it read three times elsewhere). A gazetteer name decides nothing here: its context rules
 * refused the span (a person spelt like a place stays a person). Returns person group root → the
 * node of the other type it joins.
 */
function otherTyped(nodes: readonly Node[], groups: Groups): Map<number, number> {
  const mentions = mentionCounts(nodes, groups);
  const others = new Map<string, number>();
  const strength = (i: number) => mentions.get(groups.root(i)) ?? 0;
  nodes.forEach((n, i) => {
    if (n.type === 'person' || n.known) return;
    const key = n.keys.join(' ');
    const seen = others.get(key);
    if (seen === undefined || strength(i) > strength(seen)) others.set(key, i);
  });
  const out = new Map<number, number>();
  nodes.forEach((n, i) => {
    if (n.type !== 'person' || n.known) return;
    const root = groups.root(i);
    if (groups.anchorOf(root) || out.has(root)) return;
    const other = others.get(n.keys.join(' '));
    if (other !== undefined && strength(other) >= (mentions.get(root) ?? 0)) out.set(root, other);
  });
  return out;
}

function buildNodes(spellings: readonly Spelling[], known: readonly KnownEntity[]): Node[] {
  const nodes: Node[] = [];
  for (const e of known) {
    const seen = new Set<string>();
    for (const name of e.names) {
      const { words, hamzaAlef } = nameWordsAsWritten(name);
      const k = words.join(' ');
      if (words.length === 0 || seen.has(k)) continue;
      seen.add(k);
      nodes.push({ id: e.entityId, type: e.type, known: true, words, hamzaAlef, keys: keysOf(words, hamzaAlef), spellings: new Map(), role: 0 });
    }
  }
  const byId = new Map<string, Node>();
  // sorted, so that node order (and so every tie) is the same whatever order the spellings came in
  const sorted = [...spellings].sort((a, b) => cmp(a.entityId, b.entityId) || cmp(a.name, b.name));
  for (const s of sorted) {
    let node = byId.get(s.entityId);
    if (!node) {
      const { words, hamzaAlef } = nameWordsAsWritten(s.name);
      if (words.length === 0) continue;
      node = { id: s.entityId, type: s.type, known: false, words, hamzaAlef, keys: keysOf(words, hamzaAlef), spellings: new Map(), role: 0 };
      byId.set(s.entityId, node);
      nodes.push(node);
    }
    node.spellings.set(s.name, (node.spellings.get(s.name) ?? 0) + s.n);
    node.role += s.role ?? 0;
  }
  return nodes;
}

/** The key two names of one type are one entity on (rule 1), as resolution compares them. */
export function resolutionKey(name: string): string {
  const { words, hamzaAlef } = nameWordsAsWritten(name);
  return keysOf(words, hamzaAlef).join(' ');
}

/**
 * Word keys (`hamzaAlef`: which words were written «أل…», no article: key.ts nameWordsAsWritten); a
 * name of one short word keeps its spelling, having no other words to confirm it.
 */
function keysOf(words: readonly string[], hamzaAlef: readonly boolean[]): string[] {
  const keys = words.map((w, i) => wordKey(w, hamzaAlef[i]));
  if (keys.length === 1 && keys[0]!.length < MIN_SINGLE_KEY) return [`=${words[0]}`];
  return keys;
}

function oneMiddleWordApart(a: Node, b: Node): boolean {
  let diff = -1;
  for (let k = 1; k < a.keys.length - 1; k++) {
    if (a.keys[k] === b.keys[k]) continue;
    if (diff >= 0) return false;
    diff = k;
  }
  if (diff < 0) return false;
  const [x, y] = [a.words[diff]!, b.words[diff]!];
  if (isNativeName(x) || isNativeName(y) || x.length < 3 || y.length < 3) return false;
  return withinOneEdit(a.keys[diff]!, b.keys[diff]!);
}

/** The one group of `candidates` other than `self`, or null when there are none or several. */
function only(candidates: ReadonlySet<number> | undefined, self: number): number | null {
  if (!candidates) return null;
  let found: number | null = null;
  for (const c of candidates) {
    if (c === self) continue;
    if (found !== null) return null;
    found = c;
  }
  return found;
}

function finalIds(
  nodes: readonly Node[],
  groups: Groups,
  retyped: ReadonlyMap<number, number>,
  dropped: Set<string>,
  sentence: SentenceWords | null,
): Resolution {
  const members = new Map<number, Node[]>();
  nodes.forEach((n, i) => {
    if (!n.known && !dropped.has(n.id)) push(members, groups.root(i), n);
  });
  // how many names of the run (persons, two words or more) start with a word
  const firstWords = new Map<string, number>();
  for (const n of nodes) if (n.type === 'person' && n.words.length >= 2) firstWords.set(n.words[0]!, (firstWords.get(n.words[0]!) ?? 0) + 1);
  const remap = new Map<string, string>();
  const entities: EntityRow[] = [];
  const idOf = new Map<number, string>();
  for (const [root, group] of members) {
    if (retyped.has(root)) continue;
    const anchor = groups.anchorOf(root);
    let finalId: string;
    if (anchor) {
      finalId = anchor;
    } else {
      const name = canonicalName(
        group,
        sentence && { ofSentence: sentence.ofSentence, givenName: (w) => (firstWords.get(w) ?? 0) >= MIN_GIVEN_NAMES && sentence.nameLike(w) },
      );
      const type = (group[0] as Node).type;
      finalId = discoveredId(name, type);
      entities.push({ entity_id: finalId, type, name_ar: name, name_en: null, origin: 'discovered' });
    }
    idOf.set(root, finalId);
    for (const n of group) if (n.id !== finalId) remap.set(n.id, finalId);
  }
  for (const [root, other] of retyped) {
    const finalId = idOf.get(groups.root(other)) as string;
    for (const n of members.get(root) ?? []) remap.set(n.id, finalId);
  }
  entities.sort((a, b) => cmp(a.entity_id, b.entity_id));
  return { remap, entities, dropped };
}

/**
 * Names of two words or more first, then the most frequent spelling, then the one of fewer words
 * (a third word found once is often the sentence going on: «منتظر الزيدي راشق»), then code point order.
 * With the run's word estimates (`words`), a spelling of the group that is the chosen one with a
 * given name before it is taken instead, again while one is: a word that starts other names of the
 * run and is of a cluster of names or none, no word of the sentence, no Arabic given name (before an Arabic name it is as often the
 * father's or a relative's: «محمد محمد عرفان», «أسما شريف منير»), in a spelling the run writes at least
 * a GLUED_RATIO-th as often, or any when the chosen one starts with a particle: the given name the
 * span missed («[فيرجيل] فان ديك», «[كاثرين] زيتا جونز»).
 */
export function canonicalName(
  group: readonly { spellings: ReadonlyMap<string, number> }[],
  words?: { ofSentence: (w: string) => boolean; givenName: (w: string) => boolean } | null,
): string {
  let best: Candidate | null = null;
  const all: Candidate[] = [];
  for (const node of group) {
    for (const [name, n] of node.spellings) {
      const c = { name, n, words: name.split(' ').length };
      all.push(c);
      if (!best || better(c, best)) best = c;
    }
  }
  if (!best || !words || all.length === 1) return best?.name ?? '';
  for (let current = best; ;) {
    const shorter = nameWords(current.name);
    let next: Candidate | null = null;
    for (const c of all) {
      if (c.n * GLUED_RATIO < current.n && !PARTICLES.has(shorter[0]!)) continue;
      const ws = nameWords(c.name);
      if (ws.length !== shorter.length + 1 || !shorter.every((w, k) => ws[k + 1] === w)) continue;
      const given = ws[0]!;
      if (!words.givenName(given) || words.ofSentence(given) || isNativeName(given) || PATRONYMIC.has(given) || KUNYA.has(given)) continue;
      if (!next || better(c, next)) next = c;
    }
    if (!next) return current.name;
    current = next;
  }
}

/** Fewest names of the run a word must start to be read as a given name before a name (canonicalName). */
const MIN_GIVEN_NAMES = 2;

interface Candidate {
  name: string;
  n: number;
  words: number;
}

/** Particles that start a family name («فان ديك», «دي خيا»): written without the given name, it is a surname alone. */
const PARTICLES = new Set(['دي', 'دو', 'دا', 'دل', 'ديل', 'فون', 'فان', 'تير'].map(fold));

function better(a: Candidate, b: Candidate): boolean {
  const [ma, mb] = [a.words >= 2 ? 1 : 0, b.words >= 2 ? 1 : 0];
  if (ma !== mb) return ma > mb;
  if (a.n !== b.n) return a.n > b.n;
  if (a.words !== b.words) return a.words < b.words;
  return cmp(a.name, b.name) < 0;
}

/**
 * The id of a discovered entity: a hash of its canonical name in the matching form, as discovery
 * gives it (discover.ts discoveredEntity); other types than person hash their type too.
 */
export function discoveredId(name: string, type: EntityType): string {
  const key = fold(name.replace(/\s+/g, ' ').trim());
  const hash = createHash('sha1')
    .update(type === 'person' ? key : `${type}:${key}`)
    .digest('hex')
    .slice(0, 12);
  return `discovered:${hash}`;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const cur = m.get(k);
  if (cur) cur.push(v);
  else m.set(k, [v]);
}

function add<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const cur = m.get(k);
  if (cur) cur.add(v);
  else m.set(k, new Set([v]));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
