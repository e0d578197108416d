/**
 * Entity mentions of one article: gazetteer names (longest match first, non-overlapping,
 * proclitics allowed on the first word, context rules for shared spellings), then persons
 * introduced by a role (discover.ts), then shorter forms of the persons named in full earlier in
 * the article (resolve/coref.ts), then what the statistical tagger (ner/) finds in the words none
 * of these took. Each mention says how it was found (`method`).
 * Linear in tokens: one trie walk per word, hash lookups for every context cue, one Viterbi pass
 * per sentence.
 */
import { cliticSplits } from '../text/clitics.ts';
import { sentenceAt } from '../text/sentences.ts';
import { isRemovable, normalizeText, originalIndex } from '../text/normalize.ts';
import type { AnalyzedText, MentionHit, MentionMethod, Token } from '../types.ts';
import { resolutionKey } from '../resolve/cluster.ts';
import { wordKey } from '../resolve/key.ts';
import { corefMentions, singleNameAntecedent, type Antecedent, type CorefWords } from '../resolve/coref.ts';
import { ARABIC_MONTH_WORDS } from '@mirsad/model/arabic';
import { clusterCounts } from '../ner/clusters.ts';
import { defaultTagger, type Scored, type Tagger } from '../ner/model.ts';
import { priorCode } from '../ner/features.ts';
import { L, labelIndex, labelSpans, O, type LabelSpan } from '../ner/labels.ts';
import {
  discoverNames,
  discoveredEntity,
  hasArticle,
  nextWord,
  notAName,
  prepositionalNoun,
  ROLE_TABLES,
  shapedLikeAWord,
  titleStartsAt,
  type Covered,
  type DiscoveredEntity,
  type DiscoveredName,
} from './discover.ts';
import { mayBeDual, mayBeRootKey, mayCarryProclitics, WordKeys, type CompiledGuard, type Gazetteer, type Terminal, type TrieNode } from './gazetteer.ts';

export type { DiscoveredEntity } from './discover.ts';

export interface MentionsResult {
  mentions: MentionHit[];
  /** The discovered persons mentioned, once each. */
  discovered: DiscoveredEntity[];
}

/** A match in token terms, before it becomes a MentionHit. */
interface Match {
  entityId: string;
  first: number;
  last: number;
  /** Normalised proclitic letters skipped on the first word. */
  skip: number;
  method: MentionMethod;
}

/** Punctuation a context rule looks through: «في "مالي"», «(منطقة) الساحل». */
const TRANSPARENT = new Set(['"', "'", '«', '»', '“', '”', '‘', '’', '(', ')', '[', ']', '{', '}', '-', '–', '—', 'ـ']);

export interface MentionOptions {
  /** The statistical tagger; null for gazetteer and roles only. Default: the committed model. */
  tagger?: Tagger | null;
  /** Told of each tagger span left out, with why (token range of `a`): for the evaluation's per-filter figures. */
  onRejected?: (rejected: RejectedSpan) => void;
}

/** Why a tagger span is not a mention: which rule of keptSpan or plausiblePerson refused it. */
export type Rejection = string;

export interface RejectedSpan {
  first: number;
  last: number;
  type: 'PER' | 'LOC' | 'ORG';
  reason: Rejection;
}

export function findMentions(a: AnalyzedText, g: Gazetteer, opts: MentionOptions = {}): MentionsResult {
  const tagger = opts.tagger === undefined ? defaultTagger() : opts.tagger;
  const found = ruleMentions(a, g, tagger);
  const { all, discovered } = found;
  // trained on Arabic news: English and French text is left to the gazetteer
  if (tagger && a.lang === 'ar') {
    for (const t of taggerMentions(a, g, tagger, found, opts.onRejected)) {
      if (t.entity?.type === 'location' && clubBeforeNationality(a.tokens, t.match, g)) {
        t.entity = discoveredEntity(t.entity.name_ar, 'organization');
        t.match.entityId = t.entity.entity_id;
      }
      all.push(t.match);
      if (t.entity && !discovered.has(t.entity.entity_id)) discovered.set(t.entity.entity_id, t.entity);
    }
    all.push(...repeatedNames(a, all, discovered, tagger));
    all.sort((x, y) => x.first - y.first);
  }
  const mentions = all.map((m) => toHit(m, a));
  return { mentions, discovered: [...discovered.values()] };
}

/**
 * Where the name of `words` may start again, ascending, from where the words stand (`at`): where its
 * rarest word after the first stands, less its place in the name; a name of one word, where it
 * stands with each proclitic of REPEAT_PROCLITICS (the tokens repeatedNames accepts, and more).
 */
function repeatStarts(at: ReadonlyMap<string, number[]>, words: readonly string[]): number[] {
  if (words.length > 1) {
    let rarest = 1;
    for (let j = 2; j < words.length; j++) if ((at.get(words[j] as string)?.length ?? 0) < (at.get(words[rarest] as string)?.length ?? 0)) rarest = j;
    return (at.get(words[rarest] as string) ?? []).map((i) => i - rarest).filter((i) => i >= 0);
  }
  const head = words[0] as string;
  const set = new Set<number>();
  for (const p of REPEAT_PROCLITICS) {
    for (const i of at.get(p + head) ?? []) set.add(i);
    if (p.endsWith('ل') && head.startsWith('ال')) for (const i of at.get(p + head.slice(1)) ?? []) set.add(i);
  }
  return [...set].sort((x, y) => x - y);
}

/** Names × tokens of an article past which repeatedNames reads where words stand instead of scanning every token. */
const REPEAT_SCAN_MAX = 50_000;

/** Proclitics a repeated name may carry on its first word («وليون», «بالأهلي»). */
const REPEAT_PROCLITICS = ['', 'و', 'ف', 'ب', 'ل', 'وب', 'ول', 'فب', 'فل'];

/**
 * «[هامبورغ] الألماني», «[ليون] الفرنسي»: a place the model found, with no article, right before a
 * masculine nationality adjective is a club or a team (a town or a country is feminine: «باريس
 * الفرنسية»), so the name is an organisation's.
 */
function clubBeforeNationality(tokens: readonly Token[], m: Match, g: Gazetteer): boolean {
  const next = tokens[m.last + 1];
  const head = tokens[m.first] as Token;
  if (
    !next ||
    next.kind !== 'arabic' ||
    !next.norm.endsWith('ي') ||
    !(g.nationalities.has(next.norm) || (!g.adjectives.has(next.norm) && gentilic(next.norm, g)))
  )
    return false;
  return !hasArticle(head.text.slice(m.skip > 0 ? originalIndex(head.text, m.skip) : 0));
}

/** The discovered types whose tagger names repeatedNames looks for again. */
const REPEATED_TYPES: ReadonlySet<string> = new Set(['person', 'organization']);

/**
 * «البنك التجاري» … «للبنك التجاري»: a person or organisation the tagger found, written again word
 * for word elsewhere in the article (with a proclitic on its first word or not) where no mention
 * stands, is that entity there too. A name of one word only when it is
 * no common word («الاتحاد», «السنة» stay as written). Places are left out: the model's places
 * are spelt like the adjectives and compounds it rightly leaves alone (dev LOC F1 −0.3).
 */
function repeatedNames(a: AnalyzedText, all: readonly Match[], discovered: ReadonlyMap<string, DiscoveredEntity>, tagger: Tagger): Match[] {
  const { tokens } = a;
  const common = commonWordsOf(tagger);
  const covered = new Uint8Array(tokens.length);
  for (const m of all) for (let k = m.first; k <= m.last; k++) covered[k] = 1;
  const names = new Map<string, string | null>();
  for (const m of all) {
    if (m.method !== 'tagger' || !REPEATED_TYPES.has(discovered.get(m.entityId)?.type ?? '')) continue;
    const words = [];
    for (let k = m.first; k <= m.last; k++) words.push(k === m.first ? (tokens[k] as Token).norm.slice(m.skip) : (tokens[k] as Token).norm);
    if (words.length === 1 && ((words[0] as string).length < 3 || common.has(words[0] as string) || nonNameWord(words[0] as string, tagger))) continue;
    const key = words.join(' ');
    const seen = names.get(key);
    names.set(key, seen === undefined || seen === m.entityId ? m.entityId : null);
  }
  const out: Match[] = [];
  if (names.size === 0) return out;
  // An article's few names are looked for at every token. In a long document (names × tokens past
  // REPEAT_SCAN_MAX) each is looked for only where its first word (with a proclitic or not), or its
  // rarest later word, stands: linear in the document's tokens, not tokens × names.
  let at: Map<string, number[]> | null = null;
  if (names.size * tokens.length > REPEAT_SCAN_MAX) {
    at = new Map();
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as Token;
      if (t.kind !== 'arabic') continue;
      const list = at.get(t.norm);
      if (list) list.push(i);
      else at.set(t.norm, [i]);
    }
  }
  // longer names first, so that a word alone does not take a word of a longer name written again
  const byLength = [...names].map(([key, entityId]) => ({ key, entityId, length: key.split(' ').length }));
  for (const { key, entityId } of byLength.sort((x, y) => y.length - x.length)) {
    if (!entityId) continue;
    const words = key.split(' ');
    const head = words[0] as string;
    const starts = at === null ? null : repeatStarts(at, words);
    for (let x = 0, end = starts ? starts.length : tokens.length; x < end; x++) {
      const i = starts ? (starts[x] as number) : x;
      if (i + words.length > tokens.length) continue;
      let free = true;
      for (let k = i; k < i + words.length && free; k++) if (covered[k] || (tokens[k] as Token).kind !== 'arabic') free = false;
      if (!free) continue;
      let same = true;
      for (let j = 1; j < words.length && same; j++) if ((tokens[i + j] as Token).norm !== words[j]) same = false;
      if (!same) continue;
      const first = (tokens[i] as Token).norm;
      let skip = -1;
      for (const p of REPEAT_PROCLITICS) {
        if (joins(first, p, head, 0)) skip = p.length;
        else if (p.endsWith('ل') && head.startsWith('ال') && joins(first, p, head, 1)) skip = p.length;
        if (skip >= 0) break;
      }
      if (skip < 0) continue;
      out.push({ entityId, first: i, last: i + words.length - 1, skip, method: 'coref' });
      for (let k = i; k < i + words.length; k++) covered[k] = 1;
    }
  }
  return out;
}

/** Whether `word` is `p` followed by `rest` from its index `from` (word === p + rest.slice(from)), without building either string. */
function joins(word: string, p: string, rest: string, from: number): boolean {
  if (word.length !== p.length + rest.length - from) return false;
  for (let k = 0; k < p.length; k++) if (word.charCodeAt(k) !== p.charCodeAt(k)) return false;
  for (let k = from, w = p.length; k < rest.length; k++, w++) if (word.charCodeAt(w) !== rest.charCodeAt(k)) return false;
  return true;
}

interface RuleMentions {
  all: Match[];
  discovered: Map<string, DiscoveredEntity>;
  /** Per token: the index of the gazetteer match covering it, -2 for a role or coreference name, -1 for none. */
  covered: Int32Array;
  keys: WordKeys;
  /** Per token: 1 where a context rule of the gazetteer refused the name there («صلاة المغرب»; not a guard's `otherwise`). */
  refused: Uint8Array;
}

/**
 * Gazetteer, role and coreference mentions: what the rules find, in token order. With the tagger's
 * word statistics, role names are cut where they stop being names (roleNamesAsNames); the
 * tagger's training priors and the name lexicon see the rules alone.
 */
function ruleMentions(a: AnalyzedText, g: Gazetteer, tagger: Tagger | null = null): RuleMentions {
  const { body, tokens } = a;
  const keys = new WordKeys(tokens, [lookupEndingsOf(g)]);
  const refused = new Uint8Array(tokens.length);
  const matches = matchGazetteer(body, tokens, keys, g, refused);

  const covered = new Int32Array(tokens.length).fill(-1);
  const hits: Covered[] = matches.map((m, h) => {
    for (let k = m.first; k <= m.last; k++) covered[k] = h;
    return { first: m.first, last: m.last, type: g.entities.get(m.entityId)?.type ?? 'location' };
  });
  const discovery = discoverNames(body, tokens, keys, g, covered, hits);
  const { extend } = discovery;
  const names = tagger ? roleNamesAsNames(discovery.names, a, tagger, covered) : discovery.names;
  for (const x of extend) {
    const m = matches[x.hit] as Match;
    for (let k = x.first; k < m.first; k++) covered[k] = x.hit;
    m.first = x.first;
    m.skip = 0;
  }

  // persons named in full: what a shorter form later in the article may stand for
  const antecedents: Antecedent[] = [];
  for (const m of matches)
    if (m.last > m.first && g.entities.get(m.entityId)?.type === 'person')
      antecedents.push({ entityId: m.entityId, first: m.first, last: m.last, known: true });
  // a discovered spelling of a gazetteer person («أنتوني بلينكين») is that person here already, so
  // that visits and topics see them; the run-level resolution finds the rest (resolve/cluster.ts)
  const personKeys = personKeysOf(g);
  const idOf = new Map<DiscoveredName, string>();
  for (const d of names) idOf.set(d, personKeys.get(resolutionKey(d.entity.name_ar)) ?? d.entity.entity_id);
  for (const d of names) if (d.last > d.first) antecedents.push({ entityId: idOf.get(d)!, first: d.first, last: d.last, known: false });
  const words = corefWordsOf(g);

  const all: Match[] = [...matches];
  const discovered = new Map<string, DiscoveredEntity>();
  for (const d of names) {
    // «الرئيس عباس» after «محمود عباس»: the title's one-word name is the person named before
    const earlier = d.first === d.last ? singleNameAntecedent(tokens, d.first, antecedents, words) : null;
    if (earlier) {
      all.push({ entityId: earlier, first: d.first, last: d.last, skip: 0, method: 'coref' });
    } else {
      const id = idOf.get(d)!;
      all.push({ entityId: id, first: d.first, last: d.last, skip: 0, method: 'role' });
      if (id === d.entity.entity_id) discovered.set(id, d.entity);
    }
    for (let k = d.first; k <= d.last; k++) covered[k] = -2;
  }
  for (const c of corefMentions(tokens, keys, antecedents, covered, words, (i) => nextWord(body, tokens, i))) {
    all.push({ ...c, method: 'coref' });
    for (let k = c.first; k <= c.last; k++) covered[k] = -2;
  }
  all.sort((x, y) => x.first - y.first);
  return { all, discovered, covered, keys, refused };
}

/**
 * What the rules found, as the tagger's prior codes per token (features.ts priorCode), so the
 * tagger sees the gazetteer and the roles exactly as at training time.
 */
export function rulePriors(a: AnalyzedText, g: Gazetteer): Uint8Array {
  const r = ruleMentions(a, g);
  return priorsOf(a.tokens.length, r.all, r.discovered, g);
}

function priorsOf(n: number, all: readonly Match[], discovered: ReadonlyMap<string, DiscoveredEntity>, g: Gazetteer): Uint8Array {
  const priors = new Uint8Array(n);
  for (const m of all) {
    const type = g.entities.get(m.entityId)?.type ?? discovered.get(m.entityId)?.type ?? 'person';
    const method = m.method === 'tagger' ? 'role' : m.method;
    for (let k = m.first; k <= m.last; k++) priors[k] = priorCode(k > m.first, method, type);
  }
  return priors;
}

/**
 * Role names without the words after them that are not names, and without the ones that hold no
 * name at all: «وزيرة الثقافة سنية مبارك جلسة» (a noun after the name) is «سنية مبارك»; «ويرى
 * المحلل تأثير طفيف» and «على رئيس الوزراء الجديد حل الأزمة» (the role's complement or the
 * sentence going on) name nobody. Dropped: a name whose words are all frequent non-name words
 * (commonWordsOf) or whose first word is a non-name word (nonNameWord: given names are well known
 * to the name lexicon); cut: a last word that is either and is shaped like a verb, a feminine noun
 * or an accusative («يتحدث», «جلسة», «حاضرا»). Surnames are not all known as names, and their
 * clusters vote less («ميلي»), so the shape decides; a definite word is never cut, frequent ones end
 * many names («الدوري», «الصغير»). Dropped too: a name no word of which has a name's evidence
 * (nameEvidence: «عندي», «قوض محاولات إظهار»); cut at a frequent past verb or a verbal noun and
 * all after it, definite words included («إرماك دخلت السجن», «جمال عبد الناصر تأميم»).
 */
function roleNamesAsNames(names: readonly DiscoveredName[], a: AnalyzedText, tagger: Tagger, covered: Int32Array): DiscoveredName[] {
  const { body, tokens } = a;
  const common = commonWordsOf(tagger);
  const out: DiscoveredName[] = [];
  const notName = (t: Token) =>
    !t.norm.startsWith('ال') && (common.has(t.norm) || nonNameWord(t.norm, tagger)) && (NOT_A_LAST_NAME.some((re) => re.test(t.norm)) || feminineNoun(t));
  for (const d of names) {
    let all = true;
    for (let k = d.first; k <= d.last && all; k++) all = common.has((tokens[k] as Token).norm) || ROLE_TABLES.connectors.has((tokens[k] as Token).norm);
    const start = (tokens[d.first] as Token).norm;
    // «ستمنحنا», «قالوا»: a future verb with its object or a plural verb the role took for a first name
    if (all || nonNameWord(start, tagger) || futureVerb(start, tagger) || (/^س[يتن].+(?:نا|ها|هم)$|..وا$/.test(start) && !knownNameWord(start, tagger)))
      continue;
    // «عندي», «قوض محاولات إظهار»: words the rules' own lexicon took in, but no word a name by the clusters or the role tables
    let evidence = false;
    for (let k = d.first; k <= d.last && !evidence; k++) evidence = nameEvidence((tokens[k] as Token).norm, tagger);
    if (!evidence) continue;
    // «النائبة إرماك دخلت السجن», «جمال عبد الناصر تأميم»: the sentence goes on from a verb or a verbal noun
    let last = d.last;
    for (let k = d.first + 1; k <= d.last; k++) {
      const t = tokens[k] as Token;
      // (a past verb among the frequent words only: «بلانت» is a rare surname the clusters put among nouns)
      // «والشيخ ناصر يوضح الأسباب», «مدير المطعم هيو هددنا»: an imperfect verb, or a past one with its
      // object «نا», that the clusters call a common word
      const verb = nonNameWord(t.norm, tagger) && (IMPERFECT_VERB.test(t.norm) || PAST_VERB_US.test(t.norm));
      if (!t.norm.startsWith('ال') && ((common.has(t.norm) && PAST_VERB.test(t.norm)) || (nonNameWord(t.norm, tagger) && VERBAL_NOUN.test(t.norm)) || verb)) {
        last = k - 1;
        break;
      }
    }
    while (last > d.first && notName(tokens[last] as Token)) last--;
    // «حيدر العبادي حرق», «محمد مرسي سخط», «نبيل أبو ردينة لوسائل»: a common Arabic word (commonArabicWord)
    // after a name of two words or more (not after one: «مختار خطاب», «صفوت مسلم» are names)
    while (last > d.first + 1 && !(tokens[last] as Token).norm.startsWith('ال') && commonArabicWord(tokens[last] as Token, tagger)) last--;
    while (last > d.first && ROLE_TABLES.connectors.has((tokens[last] as Token).norm)) last--;
    if (last === d.last) last = familyAfter(a, last, covered);
    // «الزعيم الكوري الشمالي [كيم جونغ]-أون»: role discovery stops at the hyphen
    if (last === d.last && last > d.first) last = throughHyphens(tokens, d.first, last, covered)[1];
    if (last === d.last) out.push(d);
    else out.push({ first: d.first, last, entity: discoveredEntity(body.slice((tokens[d.first] as Token).start, (tokens[last] as Token).end), d.entity.type) });
  }
  return out;
}

/** Shapes of a verb («يسعى», «سيزور», «دافعوا») or an accusative («حاضرا»), on the normalised word. */
const NOT_A_LAST_NAME = [/^[يت][^اويلسفز]../, /^س[يتن]..+/, /..وا$/, /^[^ا].+[^اوي]ا$/];
/** «زعمت», «قاومت», «مازالتا»: a verb in the past with its feminine (or feminine dual) ending, as the clusters and the shape tell. */
const PAST_VERB = /^[^ا]..+تا?$/;

/** «يوضح», «تطالب»: an imperfect verb's prefix on a word of four letters or more, on the normalised word. */
const IMPERFECT_VERB = /^[يت]...+$/;
/** «هددنا», «أخبرنا»: a past verb with the object «نا» (us), on the normalised word. */
const PAST_VERB_US = /^[^ا]..+نا$/;

/** «تأميم», «تعزيز»: the verbal noun of the second form (تفعيل), on the normalised word. */
const VERBAL_NOUN = /^ت..ي.$/;

/**
 * A word that the clusters or the role tables call a name: a given name of the tables, a word of a
 * cluster of names, one the rules saw ending a name or standing for one (knownAlone: «كيلي»,
 * «دياللو»), or one too rare for the clusters to vote on. A word the lexicon holds as a first name
 * only is no evidence: the rules' own errors after a title put it there («قوض»). Without clusters
 * every word counts.
 */
function nameEvidence(norm: string, tagger: Tagger): boolean {
  if (ROLE_TABLES.givenNames.has(norm) || ROLE_TABLES.shapeExceptions.has(norm)) return true;
  if (!clusterSharesOf(tagger) || !tagger.resources.clusters?.of.has(norm)) return true;
  if (knownAlone(norm, tagger)) return true;
  return clusterNameShare(norm, tagger) >= NAME_CLUSTER_SHARE;
}

/** «سيواصل»: the future mark س on an imperfect verb the clusters put among common words («ستيفن», «سنية» are not). */
function futureVerb(norm: string, tagger: Tagger): boolean {
  return /^س[يتن]/.test(norm) && norm.length >= 5 && nonNameWord(norm.slice(1), tagger);
}

/** «جلسة»: a word of three letters or more written with ta marbuta (the normalised form has ه). */
function feminineNoun(t: Token): boolean {
  return t.norm.length >= 4 && t.norm.endsWith('ه') && t.text.includes('ة');
}

/** Token ranges [first, end) of the sentences of `a`. */
export function sentenceRanges(a: AnalyzedText): [number, number][] {
  const out: [number, number][] = [];
  const { tokens, sentenceStarts } = a;
  let first = 0;
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const start = (tokens[i] as Token).start;
    let next = s;
    while (next + 1 < sentenceStarts.length && (sentenceStarts[next + 1] as number) <= start) next++;
    if (next !== s) {
      if (i > first) out.push([first, i]);
      first = i;
      s = next;
    }
  }
  if (tokens.length > first) out.push([first, tokens.length]);
  return out;
}

/** A tagger span of one sentence (`offset`: the sentence's first token) with the margin that decides a one-word person. */
interface TaggedSpan {
  span: LabelSpan;
  offset: number;
  margin: number;
  /** The model's own spans, when nameAfter or organisationAround took a word or span beside it in: kept instead if it is refused. */
  parts?: TaggedSpan[];
  /** Its last word is the one nameAfter tested and took in (plausiblePerson need not test its shape again). */
  vouched?: boolean;
}

const TYPE_OF = { PER: 'person', LOC: 'location', ORG: 'organization' } as const;

/**
 * Score margin (Tagger.margin, the model's units) a one-word tagger person needs when no longer
 * name of the article ends with it: on an ANT sample, the one-word persons below it were mostly
 * common words («شهيد», «السعيد», «صبري»), those above mostly surnames («ميركل», «يونكر»).
 */
const SINGLE_NAME_MARGIN = 40;
/**
 * The margin a one-word person needs when the rules never saw the word ending a name or standing
 * for one (knownAlone): on the ANT sample (bench/person-judgements.tsv) such words were as often
 * films, parties, parts of place names, plural nouns or a first name alone as surnames.
 */
const UNKNOWN_NAME_MARGIN = 80;
/**
 * Places of an article where the model reads a word as a person alone that make it as sure as
 * UNKNOWN_NAME_MARGIN (not a word the clusters vote common, nonNameWord): on the ANERcorp dev part
 * the surnames a sports article repeats («جوزيه» ×4, «رييس» ×2, «كوبل» ×2), on ANT mostly surnames
 * («اينستين», «إينجه», «ميركل», «رانييري»), and some given names alone.
 */
const REPEATED_ALONE = 2;

/** Spans of one kind the tagger may not keep: not a name whatever the model says. */
const NOT_NAMES: ReadonlySet<string> = new Set([...ROLE_TABLES.stopwords, ...ROLE_TABLES.modifiers, ...ROLE_TABLES.connectors]);

/** The tagger's PER/LOC/ORG spans over the words the rules left, as discovered entities. */
function taggerMentions(
  a: AnalyzedText,
  g: Gazetteer,
  tagger: Tagger,
  found: RuleMentions,
  onRejected?: (rejected: RejectedSpan) => void,
): { match: Match; entity: DiscoveredEntity | null }[] {
  const { tokens, body } = a;
  const priors = priorsOf(tokens.length, found.all, found.discovered, g);
  const out: { match: Match; entity: DiscoveredEntity | null }[] = [];
  const tagged: TaggedSpan[] = [];
  const ranges = sentenceRanges(a);
  const document = tagger.tagDocument(tokens, ranges, priors);
  for (const [first, end] of ranges) {
    const labels = document.labels.subarray(first, end);
    let any = false;
    for (let i = 0; i < labels.length && !any; i++) if (labels[i] !== 0) any = true;
    if (!any) continue;
    const scored = { labels, emissions: document.emissions.subarray(first * L, end * L) };
    // the margin only decides one-word persons (plausiblePerson)
    const own = (span: LabelSpan): TaggedSpan => ({
      span,
      offset: first,
      margin: span.type === 'PER' && span.first === span.last ? tagger.margin(scored, end - first, span.first, span.last) : Infinity,
    });
    const spans = labelSpans(labels);
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i] as LabelSpan;
      const next = spans[i + 1];
      if (span.type === 'ORG') {
        const prev = spans[i - 1];
        const [from, to] = organisationAround(a, g, tagger, found, scored, first, end, span, prev, next);
        if (from === span.first && to === span.last) {
          tagged.push(own(span));
          continue;
        }
        const parts = [own(span)];
        // a person or place the model read before or after the organisation's word is part of it
        if (prev && from <= prev.last && tagged.at(-1)?.span === prev) parts.unshift(tagged.pop() as TaggedSpan);
        if (next && next.first <= to) {
          parts.push(own(next));
          i++;
        }
        tagged.push({ span: { ...span, first: from, last: to }, offset: first, margin: Infinity, parts });
        continue;
      }
      const last = span.type === 'PER' ? nameAfter(a, tagger, found, scored, first, end, span, next) : -1;
      if (last < 0) {
        tagged.push(own(span));
        continue;
      }
      const parts = [own(span)];
      if (next && next.first <= last) {
        parts.push(own(next));
        i++;
      }
      tagged.push({ span: { ...span, last }, offset: first, margin: Infinity, parts, vouched: last === span.last + 1 });
    }
  }
  // first, so that a role name the tagger's span replaces maps to the span as cut
  cutWordsAfterSurnames(a, g, tagger, found, tagged);
  replaceRoleNames(a, g, tagger, found, tagged, document.labels, onRejected);
  replacePlacesInNames(a, g, tagger, found, tagged, document.labels);
  joinPlaceHeads(a, found, tagged, document.labels);
  replaceSurnamesInNames(a, g, tagger, found, tagged, document.labels);
  // last words of the persons of several words the rules found: coreference (resolve/coref.ts)
  // already linked them or refused them (two persons share it, or it came first), the tagger too
  const ruleSurnames = new Set<string>();
  for (const m of found.all) {
    const type = g.entities.get(m.entityId)?.type ?? found.discovered.get(m.entityId)?.type;
    if (type === 'person' && m.last > m.first) ruleSurnames.add((tokens[m.last] as Token).norm);
  }
  // tokens of the tagger mentions kept so far: a given name one of them took in is no mention of its own
  const used = new Uint8Array(tokens.length);
  // the tagger's own persons of several words: a word alone that ends or starts one of them, before
  // or after it, is that person (null: two persons of the article share it)
  const taggerSurnames = new Map<string, string | null>();
  const taggerGivenNames = new Map<string, string | null>();
  const named = (names: Map<string, string | null>, word: string, entityId: string) => {
    const seen = names.get(word);
    if (seen === undefined) names.set(word, entityId);
    else if (seen !== entityId) names.set(word, null);
  };
  const kept = (span: LabelSpan, offset: number, margin: number, vouched = false, quiet = false): boolean => {
    if (span.type === 'MISC') return false;
    const single = span.type === 'PER' && span.first === span.last;
    const norm = (tokens[offset + span.first] as Token).norm;
    // (a span with parts is not reported when refused: its parts are tried next, and report their own)
    const reject = (reason: Rejection) => {
      if (!quiet) onRejected?.({ first: offset + span.first, last: offset + span.last, type: span.type as RejectedSpan['type'], reason });
      return false;
    };
    if (single && ruleSurnames.has(norm)) return reject('surname of a rule person');
    // a place or organisation the analyst's context rule said is not there («صلاة المغرب»: a prayer time, not the country)
    let refusedAll = span.type !== 'PER';
    for (let k = offset + span.first; k <= offset + span.last && refusedAll; k++) if (found.refused[k] !== 1) refusedAll = false;
    if (refusedAll) return reject('refused by a context rule');
    const m = keptSpan(span, offset, a, g, tagger, found, { surnames: taggerSurnames, givenNames: taggerGivenNames }, margin, document.labels, used, vouched);
    if (typeof m === 'string') return reject(m);
    for (let k = m.first; k <= m.last; k++) used[k] = 1;
    const word = norm.slice(m.skip);
    const person = single && m.first === m.last ? (taggerSurnames.get(word) ?? (taggerSurnames.has(word) ? null : taggerGivenNames.get(word))) : undefined;
    if (person) {
      out.push({ match: { entityId: person, first: m.first, last: m.last, skip: m.skip, method: 'coref' }, entity: null });
      return true;
    }
    const t0 = tokens[m.first] as Token;
    const start = t0.start + (m.skip > 0 ? originalIndex(t0.text, m.skip) : 0);
    const entity = discoveredEntity(body.slice(start, (tokens[m.last] as Token).end), TYPE_OF[span.type]);
    out.push({ match: { entityId: entity.entity_id, first: m.first, last: m.last, skip: m.skip, method: 'tagger' }, entity });
    if (span.type === 'PER' && m.last > m.first) {
      named(taggerSurnames, (tokens[m.last] as Token).norm, entity.entity_id);
      named(taggerGivenNames, (tokens[m.first] as Token).norm.slice(m.skip), entity.entity_id);
    }
    return true;
  };
  // persons of one word after the others; a span nameAfter made that is refused gives way to the model's own
  const singles: TaggedSpan[] = [];
  const keep = (t: TaggedSpan) => {
    if (t.span.type === 'PER' && t.span.first === t.span.last) singles.push(t);
    else if (!kept(t.span, t.offset, t.margin, t.vouched === true, t.parts !== undefined) && t.parts) t.parts.forEach(keep);
  };
  tagged.forEach(keep);
  // «جوزيه» … «جوزيه»: a word the model reads as a person alone at two places of the article or more
  // is taken as surely as a word with a wide margin (a surname the article never writes after the
  // given name, or whose full form the model missed), unless the clusters vote it a common word
  const alone = new Map<string, number>();
  for (const { span, offset } of tagged.flatMap((t) => t.parts ?? [t])) {
    if (span.type !== 'PER' || span.first !== span.last) continue;
    const norm = (tokens[offset + span.first] as Token).norm;
    alone.set(norm, (alone.get(norm) ?? 0) + 1);
  }
  for (const { span, offset, margin } of singles) {
    const norm = (tokens[offset + span.first] as Token).norm;
    const repeated = (alone.get(norm) as number) >= REPEATED_ALONE && !nonNameWord(norm, tagger);
    kept(span, offset, repeated ? Math.max(margin, UNKNOWN_NAME_MARGIN) : margin);
  }
  out.sort((x, y) => x.match.first - y.match.first);
  return out;
}

/**
 * How near the best path that takes the next word or person into a tagger person may come to the
 * best path (Tagger.spanCost, the model's units) for nameAfter to join them.
 */
const EXTEND_COST = 35;

/**
 * «[كولو] توريه», «[مبارك] بوصوفة», «[كيني] [ميلر]»: the word right after a tagger person (in the
 * sentence, no mark between), or the tagger person that starts there, that the model nearly read
 * as the same name going on, when its first word is shaped like a surname: no article, no
 * conjunction, no verb's or accusative's shape, no common word of the corpus, no title or function
 * word, no word the rules took. The joined span's last token (sentence position), or -1.
 */
function nameAfter(
  a: AnalyzedText,
  tagger: Tagger,
  found: RuleMentions,
  scored: Scored,
  first: number,
  end: number,
  span: LabelSpan,
  next: LabelSpan | undefined,
): number {
  const k = first + span.last + 1;
  if (k >= end || found.covered[k] !== -1 || nextWord(a.body, a.tokens, k - 1) !== k) return -1;
  const label = scored.labels[span.last + 1] as number;
  let last = -1;
  if (label === O) last = span.last + 1;
  else if (label === B_PER && next?.first === span.last + 1) {
    // two persons side by side join when one of them is a word alone, and not before a given name
    // that starts a name of its own («[سعاد بلعزي] [سليم الهنتاتي]», «ميركادو [هوغو لوريس]»: a list)
    if ((span.last > span.first && next.last > next.first) || (next.last > next.first && givenNameWord((a.tokens[k] as Token).norm, tagger))) return -1;
    last = next.last;
  }
  if (last < 0) return -1;
  const t = a.tokens[k] as Token;
  const norm = t.norm;
  if (t.kind !== 'arabic' || norm.length < 3 || hasArticle(t.text) || NOT_NAMES.has(norm) || ROLE_WORDS.has(norm) || ROLE_WORDS.has(`ال${norm}`)) return -1;
  // («مبتهلين»: a participle's sound plural)
  if (LATER_NOT_NAME.some((re) => re.test(norm)) || NOT_A_LAST_NAME.some((re) => re.test(norm)) || /^ف|^م..+[وي]ن$/.test(norm)) return -1;
  if (commonWordsOf(tagger).has(norm) || commonArabicWord(t, tagger) || futureVerb(norm, tagger)) return -1;
  // «يلعبان», «يستمع», «زعمت», «أساسيان», «أوضاعها», «باكية», «ظانين»: an imperfect or past verb, a dual, a
  // pronoun on a noun, a participle (فاعلة, فاعلين), unless the clusters or the lexicon call it a name
  const shaped = /^[يت]...|^[^ا]..+تا?$|..ان$|...(ها|هم|هما)$|^.ا..?(ين|ون)$/.test(norm) || (/^.ا..?ه$/.test(norm) && t.text.includes('ة'));
  if (shaped && !nameLike(norm, tagger)) return -1;
  // «غرد», «اشترى»: a frequent word the clusters put among common ones (a rare name may sit there: «بوصوفة», «أدهم»)
  if (frequentWordsOf(tagger).has(norm) && nonNameWord(norm, tagger)) return -1;
  const c = tagger.spanCost(scored, end - first, span.first, last, 'PER');
  return c < EXTEND_COST ? last : -1;
}

/**
 * «[دينامو] كييف», «ستيوا [بوخارست]», «[للجزيرة] نت»: a word right before or after a tagger
 * organisation of one word (no mark between) that the model nearly read as part of it (the best
 * path that does costs less than EXTEND_COST), when it is a name's word: no function word,
 * conjunction, article or nationality adjective, no frequent common word (a gazetteer place after
 * it is a name: replacePlacesInNames then gives the organisation its span). A person or place of one
 * word the model read there is taken in whole. The span's new bounds (sentence positions).
 */
function organisationAround(
  a: AnalyzedText,
  g: Gazetteer,
  tagger: Tagger,
  found: RuleMentions,
  scored: Scored,
  first: number,
  end: number,
  span: LabelSpan,
  prev: LabelSpan | undefined,
  next: LabelSpan | undefined,
): [number, number] {
  const { tokens, body } = a;
  const none: [number, number] = [span.first, span.last];
  if (span.last !== span.first) return none;
  const word = (k: number, place: boolean) => {
    const t = tokens[first + k] as Token;
    const norm = t.norm;
    if (
      t.kind !== 'arabic' ||
      norm.length < 3 ||
      hasArticle(t.text) ||
      /^[وف]/.test(norm) ||
      NOT_NAMES.has(norm) ||
      ROLE_WORDS.has(norm) ||
      ROLE_WORDS.has(`ال${norm}`)
    )
      return false;
    if (g.adjectives.has(norm) || gentilic(norm, g)) return false;
    // (a place after the organisation's word when that word is no common noun: not «خليج غوانتانامو», «كنائس القدس»)
    const own = tokens[first + span.first] as Token;
    if (place) return !commonWordsOf(tagger).has(own.norm) && !commonArabicWord(own, tagger);
    // «[الاتحاد] تأجيل», «يواجه [دينامو]»: a verb or a verbal noun, unless the clusters or the lexicon call it a name
    // (after the organisation, the shapes of the sentence going on too: «يسعى», «دافعوا», «حاضرا»)
    const verb = /^[يت]...|^[^ا]..+تا?$/.test(norm) || VERBAL_NOUN.test(norm) || (k > span.last && NOT_A_LAST_NAME.some((re) => re.test(norm)));
    if (verb && !nameLike(norm, tagger)) return false;
    // «فيسبوك جهودنا», «سكاي لركوب», «مرسيدس رمادية»: a word the clusters vote a common one, or one after a proclitic
    return nameEvidence(norm, tagger) && !commonWordsOf(tagger).has(norm) && !commonArabicWord(t, tagger);
  };
  // what the model read at k: nothing, or a one-word span of another type that it may give up
  const free = (k: number, other: LabelSpan | undefined) => {
    const y = scored.labels[k] as number;
    return y === O || (other !== undefined && other.first === k && other.last === k && other.type !== 'ORG' && other.type !== 'MISC');
  };
  const after = span.last + 1;
  if (after < end - first && free(after, next) && nextWord(body, tokens, first + span.last) === first + after) {
    const h = found.covered[first + after] as number;
    const place =
      h >= 0 &&
      found.all.some(
        (m) => m.method === 'gazetteer' && m.first === first + after && m.last === first + after && g.entities.get(m.entityId)?.type === 'location',
      );
    if ((h === -1 || place) && word(after, place) && tagger.spanCost(scored, end - first, span.first, after, 'ORG') < EXTEND_COST) return [span.first, after];
  }
  const before = span.first - 1;
  if (before >= 0 && free(before, prev) && found.covered[first + before] === -1 && nextWord(body, tokens, first + before) === first + span.first) {
    if (word(before, false) && tagger.spanCost(scored, end - first, before, span.last, 'ORG') < EXTEND_COST) return [before, span.last];
  }
  return none;
}

/** The first and the last token where a word stands. */
interface Places {
  min: number;
  max: number;
}

/** Whether the word whose places are `seen` stands somewhere other than token k. */
function standsElsewhere(seen: Places | undefined, k: number): boolean {
  return seen !== undefined && (seen.min !== k || seen.max !== k);
}

/**
 * «يورغن كلوب … [كلوب مازحا]», «[نبيل رجب المسجون]», «[آبي أحمد خارجيا]»: a tagger person of several
 * words whose word before the last ends another person of the article (a tagger person or a rule's,
 * elsewhere) and starts none is that person, and its last word the sentence going on after the name
 * when it is a common Arabic word (commonArabicWord). The span loses that word; left with one, it
 * needs the article's longer name as any word alone does (its margin is not measured). Not after a
 * given name alone, which ends other names as a father's name («سيف الإسلام», «خليل شمام»). Edits
 * `tagged` in place.
 */
function cutWordsAfterSurnames(a: AnalyzedText, g: Gazetteer, tagger: Tagger, found: RuleMentions, tagged: TaggedSpan[]): void {
  const { tokens } = a;
  const common = commonWordsOf(tagger);
  // where a person of the article ends, by its last word (the first and last such place: all a
  // question whether the word stands anywhere else needs)
  const ends = new Map<string, Places>();
  // and where one of several words starts, by its first word
  const starts = new Map<string, Places>();
  const at = (words: Map<string, Places>, k: number) => {
    const norm = (tokens[k] as Token).norm;
    const seen = words.get(norm);
    if (seen) {
      seen.min = Math.min(seen.min, k);
      seen.max = Math.max(seen.max, k);
    } else words.set(norm, { min: k, max: k });
  };
  // and where one of several words ends
  const longEnds = new Map<string, Places>();
  const person = (first: number, last: number) => {
    at(ends, last);
    if (last > first) {
      at(starts, first);
      at(longEnds, last);
    }
  };
  for (const m of found.all) if ((g.entities.get(m.entityId)?.type ?? found.discovered.get(m.entityId)?.type) === 'person') person(m.first, m.last);
  for (const t of tagged) if (t.span.type === 'PER') person(t.offset + t.span.first, t.offset + t.span.last);
  tagged.forEach((t, i) => {
    const { span, offset } = t;
    if (span.type !== 'PER' || span.last === span.first) return;
    const last = offset + span.last;
    const before = (tokens[last - 1] as Token).norm;
    // (not a word that starts another name of the article: «عمرو» of «عمرو دياب» is no surname)
    if (standsElsewhere(starts.get(before), last - 1) || !standsElsewhere(ends.get(before), last - 1)) return;
    // (nor a given name alone before it, which ends other names as a father's: «سيف الإسلام», «خليل شمام»)
    if (span.last === span.first + 1 && givenNameWord(before, tagger)) return;
    if (!commonArabicWord(tokens[last] as Token, tagger)) return;
    // (the model's own parts and a last word nameAfter vouched for no longer describe the span)
    tagged[i] = { span: { ...span, last: span.last - 1 }, offset, margin: span.last - 1 === span.first ? 0 : t.margin };
  });
  // «ستيفن هوكينغ … [رماد هوكينغ]», «عدنان أوكتار … [درس أوكتار]»: the same, before the name: a tagger
  // person whose second word ends another person of several words of the article (and starts none)
  // and whose first word is a frequent common Arabic word (commonWordsOf and commonArabicWord) that
  // starts no person of the article and that neither the name lexicon (in any share of its uses:
  // «ليلى», «جهاد», «حافظ») nor the clusters call a name loses that word; left alone, the surname
  // stands for the article's longer name («ليلى الماطري» beside «صخر الماطري» stays: a family
  // shares its name; «وتشارلي», «ناديا», «بروس» are no frequent words, though read as a proclitic on
  // a verb, an accusative of «النادي», a ب on «الروس»)
  tagged.forEach((t, i) => {
    const { span, offset } = t;
    if (span.type !== 'PER' || span.last === span.first) return;
    const first = offset + span.first;
    const second = (tokens[first + 1] as Token).norm;
    const head = tokens[first] as Token;
    if (!standsElsewhere(longEnds.get(second), first + 1) || standsElsewhere(starts.get(second), first + 1)) return;
    if (standsElsewhere(starts.get(head.norm), first) || !common.has(head.norm) || nameLike(head.norm, tagger) || !commonArabicWord(head, tagger)) return;
    // (the word itself with the article added a word of the corpus: «رماد»/«الرماد», «درس»/«الدرس»; not
    // «فيكتوريا», which commonArabicWord reads as an accusative of «الفيكتوري»)
    if (head.norm.startsWith('ال') || tagger.resources.clusters?.of.has(`ال${head.norm}`) !== true) return;
    // (its last word, which nameAfter may have vouched for, stays; the model's own parts do not)
    tagged[i] = { span: { ...span, first: span.first + 1 }, offset, margin: span.first + 1 === span.last ? 0 : t.margin, vouched: t.vouched === true };
  });
}

/**
 * A common Arabic word, as its forms in the corpus's vocabulary tell: the word (or the rest after a
 * proclitic «و», «ف», «ب», «ل», «ك») in a cluster of common words, and the same word with the article
 * added or taken off, or an accusative «ا» taken off and the article added, also a word of the
 * corpus («المسجون»/«مسجون», «مستحيل»/«المستحيل», «موسما»/«الموسم», «بخير»/«الخير»). A foreign or a
 * family name has no such forms («راسموسن», «الراجحي», «جيقي») even where the clusters put it among
 * common words; a word the name lexicon or the role tables know as a name is none.
 */
function commonArabicWord(t: Token, tagger: Tagger): boolean {
  const vocab = tagger.resources.clusters?.of;
  if (!vocab || t.kind !== 'arabic') return false;
  const forms = (norm: string, definite: boolean) => {
    if (knownStrongly(norm, tagger) || !vocab.has(norm) || clusterNameShare(norm, tagger) >= NAME_CLUSTER_SHARE) return false;
    if (definite) return norm.length >= 5 && vocab.has(norm.slice(2));
    return vocab.has(`ال${norm}`) || (norm.length >= 4 && norm.endsWith('ا') && vocab.has(`ال${norm.slice(0, -1)}`));
  };
  const definite = hasArticle(t.text);
  if (forms(t.norm, definite && t.norm.startsWith('ال'))) return true;
  // «بوزير», «بخير», «كأفضل»: a proclitic on such a word; «فيشارك»: on a verb of the corpus («يشارك»)
  if (!definite && /^[وفبلك]/.test(t.norm) && t.norm.length >= 4) {
    const rest = t.norm.slice(1);
    return forms(rest, false) || (/^[يت]/.test(rest) && vocab.has(rest) && clusterNameShare(rest, tagger) < NAME_CLUSTER_SHARE && !knownStrongly(rest, tagger));
  }
  return false;
}

/** A given name of the role tables, or a word the name lexicon knows as a first name in a tenth or more of its uses. */
function givenNameWord(norm: string, tagger: Tagger): boolean {
  return ROLE_TABLES.givenNames.has(norm) || tagger.resources.names?.get(norm)?.some((code) => code === 'first:2' || code === 'first:3') === true;
}

/** A word the role tables hold as a name, or the name lexicon in a tenth or more of its uses at some place of a name. */
function knownStrongly(norm: string, tagger: Tagger): boolean {
  if (ROLE_TABLES.givenNames.has(norm) || ROLE_TABLES.shapeExceptions.has(norm) || ROLE_TABLES.connectors.has(norm)) return true;
  return tagger.resources.names?.get(norm)?.some((code) => code.endsWith(':2') || code.endsWith(':3')) === true;
}

/**
 * First words of compound place names: a saint, a monastery, a spring, a cape, a well, a hill, a
 * valley, a village, a house, a caravanserai, «نيو», «لوس»… The model often reads the second word
 * alone as the place, or the two as two places («[دير] [الزور]», «[سان] [بطرسبورغ]»). Not «جبل» nor
 * «جزيرة»: the benchmarks leave the common noun out of the name («جبل [قاسيون]»).
 */
const PLACE_HEADS: ReadonlySet<string> = new Set(
  [
    'سان',
    'سانت',
    'سانتا',
    'سانتو',
    'ساو',
    'دير',
    'عين',
    'رأس',
    'بئر',
    'تل',
    'وادي',
    'كفر',
    'بيت',
    'خان',
    'شرم',
    'نيو',
    'لوس',
    'لاس',
    'بني',
    'أم',
    'برج',
    'جسر',
    'مرسى',
    'حمام',
    'قصر',
    'بورت',
    'فورت',
    'جزر',
  ].map(normalizeText),
);

/**
 * A tagger place right after a first word of compound place names takes that word in, when the
 * model left it out or read it as a place of its own and the rules did not take it: «دير الزور»,
 * «سان بطرسبورغ», «خان شيخون». Not across a mark or a line. Edits `tagged` in place.
 */
function joinPlaceHeads(a: AnalyzedText, found: RuleMentions, tagged: TaggedSpan[], labels: Uint8Array): void {
  const { tokens, body } = a;
  const startsAt = new Map<number, number>();
  tagged.forEach((t, i) => startsAt.set(t.offset + t.span.first, i));
  const gone = new Set<number>();
  tagged.forEach((t, i) => {
    if (t.span.type !== 'LOC' || gone.has(i)) return;
    const head = t.offset + t.span.first - 1;
    if (head < t.offset || found.covered[head] !== -1 || nextWord(body, tokens, head) !== head + 1) return;
    const word = tokens[head] as Token;
    if (word.kind !== 'arabic' || !PLACE_HEADS.has(word.norm)) return;
    const own = startsAt.get(head);
    const alone = own !== undefined && tagged[own]!.span.type === 'LOC' && tagged[own]!.span.first === tagged[own]!.span.last;
    if (labels[head] !== O && !alone) return;
    if (own !== undefined) gone.add(own);
    t.span = { ...t.span, first: t.span.first - 1 };
  });
  if (gone.size === 0) return;
  const kept = tagged.filter((_, i) => !gone.has(i));
  tagged.length = 0;
  tagged.push(...kept);
}

/**
 * Role names the tagger reads with other bounds: «الرئيس جلال طالباني» where the role took
 * «طالباني» alone, «الوزير عبد الله بن خليفة العطية» where it stopped at «خليفة», «المبعوث جيمس
 * جونز توافر» where it ran on into the sentence. A tagger person of two words or more that starts
 * where a discovered role name starts, or holds it whole, and touches no other rule mention takes
 * its place when it passes the tests of the tagger's own persons; the role name's entity goes, and
 * its coreference mentions go to the tagger's person. On the ANERcorp dev part the tagger's persons
 * are more often exact than the role names (77% against 66%). Gazetteer persons keep their spans.
 */
function replaceRoleNames(
  a: AnalyzedText,
  g: Gazetteer,
  tagger: Tagger,
  found: RuleMentions,
  tagged: readonly TaggedSpan[],
  labels: Uint8Array,
  onRejected?: (rejected: RejectedSpan) => void,
): void {
  const { tokens, body } = a;
  let roles = false;
  for (const m of found.all) if (m.method === 'role' && found.discovered.has(m.entityId)) roles = true;
  if (!roles) return;
  const owner = new Int32Array(tokens.length).fill(-1);
  found.all.forEach((m, i) => {
    for (let k = m.first; k <= m.last; k++) owner[k] = i;
  });
  const replaced = new Map<string, string>();
  const gone = new Set<Match>();
  for (const { span, offset, margin } of tagged) {
    if (span.type !== 'PER' || span.last === span.first) continue;
    const first = offset + span.first;
    const last = offset + span.last;
    let role: Match | null = null;
    let other = false;
    for (let k = first; k <= last; k++) {
      const i = owner[k] as number;
      if (i < 0) continue;
      const m = found.all[i] as Match;
      if (m.method === 'role' && found.discovered.has(m.entityId) && (role === null || role === m)) role = m;
      else other = true;
    }
    if (!role || other || (role.first === first && role.last === last)) continue;
    if (role.first !== first && !(first < role.first && role.last <= last)) continue;
    // the words the tagger cuts off must not be names («مولود تشاووش [أوغلو]»), those it adds no frequent common words («أيوب قاسم [فجر] الثلاثاء»)
    if (!boundsMoveOverNonNames(tokens, role, first, last, tagger)) continue;
    // the words the role took are the tagger's to judge now
    for (let k = role.first; k <= role.last; k++) found.covered[k] = -1;
    const m = keptSpan(span, offset, a, g, tagger, found, NO_ARTICLE_PERSONS, margin, labels, new Uint8Array(tokens.length));
    if (typeof m === 'string' || m.last === m.first) {
      for (let k = role.first; k <= role.last; k++) found.covered[k] = -2;
      if (typeof m === 'string') onRejected?.({ first, last, type: 'PER', reason: `over a role name: ${m}` });
      continue;
    }
    const t0 = tokens[m.first] as Token;
    const start = t0.start + (m.skip > 0 ? originalIndex(t0.text, m.skip) : 0);
    replaced.set(role.entityId, discoveredEntity(body.slice(start, (tokens[m.last] as Token).end)).entity_id);
    gone.add(role);
    for (let k = role.first; k <= role.last; k++) owner[k] = -1;
  }
  if (gone.size === 0) return;
  const kept = found.all.filter((m) => !gone.has(m));
  found.all.length = 0;
  for (const m of kept) {
    const to = m.method === 'coref' ? replaced.get(m.entityId) : undefined;
    found.all.push(to ? { ...m, entityId: to } : m);
  }
  const still = new Set(found.all.map((m) => m.entityId));
  for (const id of replaced.keys()) if (!still.has(id)) found.discovered.delete(id);
}

/**
 * Places of the gazetteer that a longer name of the tagger holds: «دينامو كييف» and «سسكا موسكو»
 * are clubs, not mentions of Kyiv and Moscow; «كلاوس ايبرمان» is a person, not ك + «لاوس». A
 * tagger organisation or person of two words or more whose other words no rule took, that holds
 * one place of the gazetteer whole, takes its place when it passes the tests of the tagger's own
 * spans: for an organisation, the place ends it and the words before it are no institution's noun
 * or frequent common word («جامعة القاهرة», «حكومة لبنان» name the place too); for a person, the
 * place was read with a proclitic on the span's first word the tagger reads as a name's letter.
 */
function replacePlacesInNames(a: AnalyzedText, g: Gazetteer, tagger: Tagger, found: RuleMentions, tagged: readonly TaggedSpan[], labels: Uint8Array): void {
  const { tokens } = a;
  const common = commonWordsOf(tagger);
  const gone = new Set<Match>();
  const gazetteerAt = gazetteerMatchAt(found, tokens.length);
  for (const { span, offset, margin } of tagged) {
    if ((span.type !== 'ORG' && span.type !== 'PER') || span.last === span.first) continue;
    const first = offset + span.first;
    const last = offset + span.last;
    let place: Match | null = null;
    let other = false;
    for (let k = first; k <= last && !other; k++) {
      const h = found.covered[k] as number;
      if (h === -1) continue;
      const m = h >= 0 ? gazetteerAt(k) : undefined;
      if (!m || (place !== null && place !== m) || g.entities.get(m.entityId)?.type !== 'location' || m.first < first || m.last > last) other = true;
      else place = m;
    }
    if (!place || other) continue;
    if (span.type === 'ORG') {
      if (place.last !== last || place.first === first) continue;
      let names = true;
      for (let k = first; k < place.first && names; k++) {
        const t = tokens[k] as Token;
        names = t.kind === 'arabic' && !common.has(t.norm) && !hasArticle(t.text) && !found.keys.has(k, INSTITUTION_HEADS) && !NOT_NAMES.has(t.norm);
      }
      if (!names) continue;
    } else if (place.first !== first || place.skip === 0) {
      continue;
    }
    if (takesOver(place, place.first, place.last, span, offset, a, g, tagger, found, margin, labels)) gone.add(place);
  }
  dropMatches(found, gone);
}

/**
 * Whether the tagger's span, judged as the tagger's own (keptSpan) with the rule match's words left
 * free, keeps the words first..last: then the match is the span's to replace. Otherwise the match's
 * words are the rules' again.
 */
function takesOver(
  rule: Match,
  first: number,
  last: number,
  span: LabelSpan,
  offset: number,
  a: AnalyzedText,
  g: Gazetteer,
  tagger: Tagger,
  found: RuleMentions,
  margin: number,
  labels: Uint8Array,
): boolean {
  const saved = found.covered.slice(rule.first, rule.last + 1);
  found.covered.fill(-1, rule.first, rule.last + 1);
  const m = keptSpan(span, offset, a, g, tagger, found, NO_ARTICLE_PERSONS, margin, labels, new Uint8Array(a.tokens.length));
  if (typeof m !== 'string' && m.first <= first && m.last >= last) return true;
  found.covered.set(saved, rule.first);
  return false;
}

/**
 * The first gazetteer match of `found.all` over each token (as `found.all.find` would give it),
 * indexed on the first question: a long document asked that of every token of its tagger spans.
 */
function gazetteerMatchAt(found: RuleMentions, n: number): (k: number) => Match | undefined {
  let at: Int32Array | null = null;
  return (k) => {
    if (at === null) {
      at = new Int32Array(n).fill(-1);
      for (let i = found.all.length - 1; i >= 0; i--) {
        const x = found.all[i] as Match;
        if (x.method === 'gazetteer') at.fill(i, x.first, x.last + 1);
      }
    }
    const i = at[k] as number;
    return i < 0 ? undefined : found.all[i];
  };
}

/** The rule matches the tagger's spans replaced, out of the article's. */
function dropMatches(found: RuleMentions, gone: ReadonlySet<Match>): void {
  if (gone.size === 0) return;
  const kept = found.all.filter((m) => !gone.has(m));
  found.all.length = 0;
  found.all.push(...kept);
}

function boundsMoveOverNonNames(tokens: readonly Token[], role: Match, first: number, last: number, tagger: Tagger): boolean {
  const common = commonWordsOf(tagger);
  for (let k = Math.min(first, role.first); k <= Math.max(last, role.last); k++) {
    const t = tokens[k] as Token;
    if (t.kind !== 'arabic' && t.kind !== 'latin') continue;
    const inRole = k >= role.first && k <= role.last;
    const inTagger = k >= first && k <= last;
    if (inRole && !inTagger && nameLike(t.norm, tagger)) return false;
    if (inTagger && !inRole && common.has(t.norm) && !nameLike(t.norm, tagger)) return false;
  }
  return true;
}

/**
 * A gazetteer person matched on a surname alone that ends a longer person of the tagger whose other
 * words are names, none of them a word of that person's spellings: «إيفانكا ترامب» and «ميشيل
 * أوباما» are not the gazetteer's Donald Trump and Barack Obama, whose surnames the gazetteer
 * matches alone. The tagger's person takes the span when it passes the tests of the
 * tagger's own persons; a given name of the gazetteer person («دونالد ترامب») leaves the match.
 */
function replaceSurnamesInNames(a: AnalyzedText, g: Gazetteer, tagger: Tagger, found: RuleMentions, tagged: readonly TaggedSpan[], labels: Uint8Array): void {
  const { tokens } = a;
  const gone = new Set<Match>();
  const gazetteerAt = gazetteerMatchAt(found, tokens.length);
  for (const { span, offset, margin } of tagged) {
    if (span.type !== 'PER' || span.last === span.first) continue;
    const first = offset + span.first;
    const last = offset + span.last;
    const h = found.covered[last] as number;
    if (h < 0) continue;
    const m = gazetteerAt(last);
    const entity = m ? g.entities.get(m.entityId) : undefined;
    // «كيم وترامب», «وودورد لترامب»: a conjunction or preposition on the surname joins two names
    if (!m || !entity || entity.type !== 'person' || m.last !== last || m.first <= first || m.skip > 0 || gone.has(m)) continue;
    // the match holds the person's given name itself («[المنصف المرزوقي]» in «محمد المنصف المرزوقي»): no surname alone
    const givenName = withoutArticle(normalizeText(entity.name_ar).split(' ')[0] ?? '');
    if (m.last > m.first && sameNameWord(withoutArticle((tokens[m.first] as Token).norm), givenName)) continue;
    const own = ownWordsOf(g, m.entityId);
    let others = !ARABIC_CONNECTORS.has((tokens[first] as Token).norm);
    for (let k = first; k < m.first && others; k++) {
      const t = tokens[k] as Token;
      others = found.covered[k] === -1 && t.kind === 'arabic' && !own.some((o) => sameNameWord(withoutArticle(t.norm), o));
    }
    // «بومبيو ترامب»: the word before is another gazetteer person's surname, two persons side by side
    if (!others || personSurnamesOf(g).has((tokens[m.first - 1] as Token).norm)) continue;
    if (takesOver(m, first, last, span, offset, a, g, tagger, found, margin, labels)) gone.add(m);
  }
  dropMatches(found, gone);
}

/** A gazetteer person's words, without their article, as every spelling of the person writes them; made once per person. */
const OWN_WORDS = new WeakMap<Gazetteer, Map<string, readonly string[]>>();
function ownWordsOf(g: Gazetteer, entityId: string): readonly string[] {
  let byId = OWN_WORDS.get(g);
  if (!byId) OWN_WORDS.set(g, (byId = new Map()));
  let words = byId.get(entityId);
  if (!words) {
    words = (g.entities.get(entityId)?.variants ?? []).flatMap((v) => normalizeText(v).split(' ')).map(withoutArticle);
    byId.set(entityId, words);
  }
  return words;
}

function withoutArticle(norm: string): string {
  return norm.startsWith('ال') && norm.length > 4 ? norm.slice(2) : norm;
}

/** One word of a name spelt two ways (a hamza on its seat or not), or a short form of it: «فائز»/«فايز», «توني» of «أنتوني», «جيم» of «جيمس». */
function sameNameWord(a: string, b: string): boolean {
  if (a === b || wordKey(a) === wordKey(b) || a.replace(/ئ/g, 'ي') === b.replace(/ئ/g, 'ي')) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && long.includes(short);
}

/** The gazetteer persons' one-word spellings (surnames the gazetteer matches alone: «كيم», «ترامب»). */
const PERSON_SURNAMES = new WeakMap<Gazetteer, ReadonlySet<string>>();
function personSurnamesOf(g: Gazetteer): ReadonlySet<string> {
  let set = PERSON_SURNAMES.get(g);
  if (!set) {
    const out = new Set<string>();
    for (const e of g.entities.values()) {
      if (e.type !== 'person') continue;
      for (const v of e.variants) {
        const norm = normalizeText(v);
        if (!norm.includes(' ')) out.add(norm);
      }
    }
    PERSON_SURNAMES.set(g, (set = out));
  }
  return set;
}

const NO_ARTICLE_PERSONS: ArticlePersons = { surnames: new Map(), givenNames: new Map() };

/**
 * A tagger span as a match, or null: it must not touch what the rules found (they win their
 * spans), hold only words (no punctuation or digits, no title, function word or lone letter), and
 * loses a conjunction or preposition its first word carries when the rest is a known word. Persons
 * pass stricter tests (plausiblePerson): they become discovered entities of their own.
 */
function keptSpan(
  span: LabelSpan,
  offset: number,
  a: AnalyzedText,
  g: Gazetteer,
  tagger: Tagger,
  found: RuleMentions,
  persons: ArticlePersons,
  margin: number,
  labels: Uint8Array,
  used: Uint8Array,
  vouched = false,
): { first: number; last: number; skip: number } | Rejection {
  let first = offset + span.first;
  let last = offset + span.last;
  const { tokens, body } = a;
  // letters of a conjunction or preposition before a given name taken in (givenNameAfterProclitic)
  let givenSkip = 0;
  if (span.type === 'PER') {
    // «علي [العيساوي]»: a given name right before the span the model left out or read as a person
    // of its own, not kept as a mention (not before a conjunction: «وعلي مبخوت [ومحمد فوزي]» are two persons)
    const before = first - 1;
    const free = (k: number) =>
      k >= 0 &&
      found.covered[k] === -1 &&
      used[k] === 0 &&
      (labels[k] === O || (labels[k] === B_PER && labels[k + 1] !== I_PER)) &&
      nextWord(body, tokens, k) === k + 1;
    // (not a title before a name of several words: «الملك [فيصل الأول]», where the name lexicon holds «الملك» as a first word of «عبد الملك»)
    const opens = free(before) && !(tokens[first] as Token).norm.startsWith('و') && !(last > first && found.keys.has(before, ROLE_WORDS));
    if (opens && (givenNameBefore(tokens[before] as Token, tagger) || aliAsWritten(a, before))) {
      first = before;
      // «عبد المنعم [أبو الفتوح]»: a compound given name
      if (free(first - 1) && (tokens[first - 1] as Token).norm === 'عبد') first--;
      // «علي حمود [محمد عباد]»: a strong given name taken in, and another right before it (a chain of
      // given names: the person's and the father's); not a conjunction nor a title before it
      else if (
        free(first - 1) &&
        nextWord(body, tokens, first - 1) === first &&
        strongGivenName(tokens[first] as Token, tagger) &&
        (strongGivenName(tokens[first - 1] as Token, tagger) || aliAsWritten(a, first - 1)) &&
        !(tokens[first - 1] as Token).norm.startsWith('و') &&
        !found.keys.has(first - 1, ROLE_WORDS)
      )
        first--;
    } else if (opens && free(before - 1) && (tokens[before - 1] as Token).norm === 'عبد' && hasArticle((tokens[before] as Token).text)) {
      // «عبد الرحيم [أبو الفتوح]»: a compound given name «عبد» and a definite word the model left out
      first = before - 1;
    } else if (opens && (givenSkip = givenNameAfterProclitic(tokens[before] as Token, tagger)) > 0 && !(givenSkip === 1 && sentenceStartAt(a, before))) {
      // «وغادة [عادل]», «بايهود [اولمرت]», «لكوفي [أنان]»: a strong given name behind a conjunction or
      // a preposition the model left out with it; the mention starts after the letters (not a
      // conjunction opening a sentence, where the word is as often a verb: «. وأشرف [هالغريمسون] على …»)
      first = before;
    }
    // «[سيموني] زازا»: a given name alone the model stopped at, right before a word the name
    // lexicon or the clusters call a surname (not across a mark, nor onto a word the rules or another span took)
    if (
      first === last &&
      free(last + 1) &&
      nextWord(body, tokens, last) === last + 1 &&
      strongGivenName(tokens[first] as Token, tagger) &&
      surnameAfter(tokens[last + 1] as Token, tagger)
    )
      last++;
    // «سيف بن أحمد [آل ثاني]»: the family's «آل» and its name right after
    last = familyAfter(a, last, found.covered);
    // «[مراد جاويش] أوغلو»: a Turkish surname's «-oğlu» written apart is the name's
    const oglu = last + 1;
    if (nextWord(body, tokens, last) === oglu && found.covered[oglu] === -1 && used[oglu] === 0 && labels[oglu] === O && OGLU.has((tokens[oglu] as Token).norm))
      last++;
    // «[ليلى عطية] الله», «[خالد الجار] الله», «[أسامة رزق] الله»: the «الله» of a compound surname
    // written apart is the name's (not a formula of praise after it: «محمد صلى الله عليه وسلم»)
    const allah = last + 1;
    if (
      nextWord(body, tokens, last) === allah &&
      found.covered[allah] === -1 &&
      used[allah] === 0 &&
      // (the model reads «الله» alone as a name of its own, or as nothing)
      (labels[allah] === O || ((labels[allah] === B_PER || labels[allah] === B_MISC) && labels[allah + 1] !== I_PER && labels[allah + 1] !== I_MISC)) &&
      (tokens[allah] as Token).norm === ALLAH &&
      !(nextWord(body, tokens, allah) === allah + 1 && PRAISE_AFTER_ALLAH.has((tokens[allah + 1] as Token).norm))
    )
      last++;
    // «[كيم جونغ]-أون», «جان-[كلود يونكر]»: a name of two words or more goes on through a hyphen
    if (last > first) [first, last] = throughHyphens(tokens, first, last, found.covered, used);
    // trained on Arabic text, the model has no evidence for a name written in Latin letters
    // («A Wrinkle», «Smart Compose»: on ANT as often titles and products as persons)
    if (latinOnly(tokens, first, last)) return 'latin script';
  }
  // «[بيلد] الألمانية», «[بي ام دبليو] الالمانية»: a nationality after an organisation's own name,
  // one with no article, says where it is from and is no part of it (not «الجهاد الإسلامي»,
  // «جامعة الدول العربية», where the adjective makes the name)
  if (span.type === 'ORG' && last > first && nationalityAfterName(tokens, last, g)) last--;
  // a hyphen inside a name of three words or more («كيم جونغ-أون»); two words joined by one name two
  // things as often («تركي-بوعرقوب», a road between two towns)
  let words = 0;
  for (let k = first; k <= last; k++) if ((tokens[k] as Token).kind === 'arabic' || (tokens[k] as Token).kind === 'latin') words++;
  for (let k = first; k <= last; k++) {
    if (found.covered[k] !== -1) return 'taken by the rules';
    if (used[k] !== 0) return 'taken by another tagger person';
    const t = tokens[k] as Token;
    if (t.kind !== 'arabic' && t.kind !== 'latin' && !(words >= 3 && k > first && k < last && hyphenJoin(tokens, k, 1))) return 'not a word';
    if (k > first && nextWord(body, tokens, k - 1) !== k) return 'across a line';
  }
  const firstWord = tokens[first] as Token;
  const lastWord = tokens[last] as Token;
  if (first === last && (firstWord.norm.length < 2 || NOT_NAMES.has(firstWord.norm) || g.adjectives.has(firstWord.norm))) return 'function word';
  if (span.type !== 'PER' && first === last && monthName(tokens, first, span.type)) return 'month name';
  // «دكتور جانيني», «جنرال بلغاري»: a title written without its article is a title too
  if (found.keys.has(first, ROLE_WORDS) || ROLE_WORDS.has(`ال${firstWord.norm}`)) return 'title';
  // «الفريق أول [دو كور دارمي]»: a person holds no rank transliterated from French, which a particle («دو») starts
  if (span.type === 'PER') for (let k = first; k <= last; k++) if (titleStartsAt(k, body, tokens)) return 'title';
  if (NOT_NAMES.has(lastWord.norm) && !hyphenJoin(tokens, last - 1, -1) && !(span.type === 'PER' && nameStructureWord(tokens, first, last, last, tagger)))
    return 'function word';
  // «فإن موراي», «محامو إليوت برودي»: a particle or a plural in construct before the name is no part of it
  if (span.type === 'PER' && first < last && headWordNotAName(firstWord, tagger) && !(vouched && !frequentPlural(firstWord.norm, tagger)))
    // a word left alone has no margin of its own measured: only the article's longer names keep it
    return keptSpan({ ...span, first: first + 1 - offset }, offset, a, g, tagger, found, persons, first + 1 === last ? 0 : margin, labels, used);
  let skip = givenSkip > 0 && first === offset + span.first - 1 ? givenSkip : proclitics(firstWord, tagger) || conjunctionOnName(firstWord, tagger);
  // «[وايت]»: the letter is the name's own when the word as written is a name and the rest none (not
  // a و right after a name, which joins two: «ذيب اليامي وجاسر اليامي», «أوزيل وإيلكاي غندوغان»)
  if (
    skip === 1 &&
    givenSkip === 0 &&
    span.type === 'PER' &&
    ownFirstLetter(firstWord.norm, tagger) &&
    !(firstWord.norm.startsWith('و') && afterAName(a, first, found, labels, used, tagger))
  )
    skip = 0;
  // «الزميل [فريد زكريا]», «وزيرة الدفاع [فلورانس بارلي]», «مكانة [فالس]»: a ف read as a conjunction is
  // the name's own right after a word, with no mark between: the conjunction ف opens a clause, after
  // a mark or at a sentence's start («، فمحمد …»); not before a definite word («الدولية فالأسد»)
  // (a name of two words or more: a word alone after a noun is as often an adjective, «صفحة فريدة»)
  // «مدير السجن، [فريد بن حجا]، أن …»: nor between the commas of an apposition
  if (
    skip === 1 &&
    givenSkip === 0 &&
    span.type === 'PER' &&
    last > first &&
    firstWord.norm.startsWith('ف') &&
    (fAfterAWord(a, first) || betweenCommas(tokens, first, last))
  )
    skip = 0;
  // «وود»: a word alone left with two letters or fewer is no name without its first letter
  if (first === last && firstWord.norm.length - skip <= 2) skip = 0;
  const implausible = span.type === 'PER' ? plausiblePerson(a, first, last, skip, g, tagger, found, persons, margin, vouched) : null;
  return implausible ?? { first, last, skip };
}

/**
 * Month names as the fold writes them, in every regional calendar. The Levantine and Egyptian ones
 * are function words already (discover.ts); the Maghrebi ones («دجنبر», «يوليوز», «جوان») are not,
 * being also name words («تيريزا ماي»).
 */
const MONTH_WORDS: ReadonlySet<string> = new Set(ARABIC_MONTH_WORDS.map(normalizeText));

/**
 * A month's name the model read as a place or an organisation («في دجنبر 2020», «منذ يوليوز»):
 * as a place always, as an organisation beside a number only.
 */
function monthName(tokens: readonly Token[], k: number, type: 'LOC' | 'ORG' | 'MISC'): boolean {
  const norm = (tokens[k] as Token).norm;
  const bare = /^[وفبل]/.test(norm) && MONTH_WORDS.has(norm.slice(1)) ? norm.slice(1) : norm;
  if (!MONTH_WORDS.has(bare)) return false;
  return type === 'LOC' || tokens[k - 1]?.kind === 'number' || tokens[k + 1]?.kind === 'number';
}

/** The first and last words of the tagger's persons of several words in an article, each with its person (null when two share it). */
interface ArticlePersons {
  surnames: ReadonlyMap<string, string | null>;
  givenNames: ReadonlyMap<string, string | null>;
}

/**
 * Connectors that start a name of several words the tagger found: a kunya («أبو مجاهد») or «ابن
 * خلدون» of two words, «عبد» of three («عبد الهادي» alone is a compound given name). «بن» alone
 * starts the rest of a name the tagger cut short.
 */
const NAME_START_WORDS: ReadonlySet<string> = new Set(['أبو', 'عبد', 'ابن', 'فان', 'فون', 'دي', 'دو'].map(normalizeText));

const B_PER = labelIndex('B-PER');
const I_PER = labelIndex('I-PER');
const B_MISC = labelIndex('B-MISC');
const I_MISC = labelIndex('I-MISC');

/**
 * Connectors after which an Arabic name goes on with a father's or a family's name, whatever word
 * it is («بن الخطاب», «آل ثاني»); not a kunya's «أبو» (places: «أبو غريب», «أبو ظبي») nor the
 * particles of foreign names («وانغ دي سفير»), after which the sentence goes on as often on ANT.
 */
const ARABIC_CONNECTORS: ReadonlySet<string> = new Set(['بن', 'ابن', 'بنت', 'عبد', 'آل'].map(normalizeText));

/** First words of the role phrases («الرئيس», «وزير»): a span starting with one took the title for a name. */
const ROLE_WORDS: ReadonlySet<string> = new Set(ROLE_TABLES.root.keys());

/** The most frequent words of the clusters' corpus (its file is in frequency order) that are not name words. */
const COMMON_WORDS = 10_000;
/** The corpus's most frequent words, as many (the clusters' vocabulary is in frequency order). */
const FREQUENT_WORDS = 20_000;
const frequentWords = new WeakMap<Tagger, ReadonlySet<string>>();
function frequentWordsOf(tagger: Tagger): ReadonlySet<string> {
  return firstClusterWords(frequentWords, tagger, FREQUENT_WORDS, () => true);
}
const commonWords = new WeakMap<Tagger, ReadonlySet<string>>();
function commonWordsOf(tagger: Tagger): ReadonlySet<string> {
  return firstClusterWords(commonWords, tagger, COMMON_WORDS, (w) => !knownNameWord(w, tagger));
}

/** The first `limit` words of the clusters' vocabulary (frequency order) that `keep` takes, made once per tagger in `cache`. */
function firstClusterWords(cache: WeakMap<Tagger, ReadonlySet<string>>, tagger: Tagger, limit: number, keep: (w: string) => boolean): ReadonlySet<string> {
  let set = cache.get(tagger);
  if (!set) {
    const out = new Set<string>();
    for (const w of tagger.resources.clusters?.of.keys() ?? []) {
      if (out.size >= limit) break;
      if (keep(w)) out.add(w);
    }
    cache.set(tagger, (set = out));
  }
  return set;
}

/**
 * After a name's first word, as role discovery reads it: «هاري وميغان» (a conjunction joins two
 * names), «كيم سيبقى» (a future verb), «دخلوا» (a plural verb), «فؤاد يقاضي» (an imperfect verb).
 */
const LATER_NOT_NAME = [/^و/, /^س[يتن]..+/, /..وا$/, /^ي[^اويلسفز]/];

/** Nouns that head the name of an institution, a group, a place or a thing («شركة …», «فرقة …», «ملعب …», «تمثال …»). */
const INSTITUTION_HEADS: ReadonlySet<string> = new Set([
  ...ROLE_TABLES.placeHeads,
  ...[
    'شركة',
    'مجموعة',
    'جماعة',
    'فرقة',
    'منظمة',
    'وكالة',
    'مؤسسة',
    'صحيفة',
    'مجلة',
    'قناة',
    'موقع',
    'بنك',
    'مصرف',
    'حزب',
    'حركة',
    'كتائب',
    'لواء',
    'نادي',
    'فريق',
    'منتخب',
    'فندق',
    'مطعم',
    'برنامج',
    'تطبيق',
    'مستشفى',
    'ماركة',
    'علامة',
    'قرية',
    'بلدة',
    'كنيسة',
    'كاتدرائية',
    'ولاية',
    'سجن',
    // works, storms, islands and ships named after a person, or named like one: «أغنية "ماي
    // فيلينجز"», «تمثال فينوس دي ميلو», «الإعصار مايكل», «جزيرة …», «حاملة الطائرات هاري ترومان»
    // (the definite «الجزيرة» is the channel as often)
    // «سيدي علي بن عون», «سيدي حسين السيجومي», «سيدي داود»: the saint's name of a Maghreb town (a
    // Mauritanian «سيدي محمد ولد …» takes it in its span)
    'سيدي',
    // players and fans of a club («لاعبو شونجكينغ دانغداي», «جماهير كورنثيانز»), never of a person
    'لاعبو',
    'لاعبي',
    'جماهير',
    'مشجعو',
    'مشجعي',
    'أغنية',
    'ألبوم',
    'تمثال',
    'إعصار',
    'الإعصار',
    'عاصفة',
    'العاصفة',
    'جزيرة',
    'سفينة',
    'حاملة',
    'غواصة',
    'مدمرة',
    'فرقاطة',
  ].map(normalizeText),
]);

/**
 * Nouns right before a name that make it the name of a court, a place, an index, a channel, a
 * festival, a league, a disease or a drug named after a person or named like one, of a capital, a
 * republic, a building or a square, or a match's guest or host team («على ضيفه [يونغ بويز]»): «محكمة [هانيبين
 * كاونتي دستريكت]», «شاطئ [بارا دي تيغوكا]», «مصب وادي [نينو]», «المؤشر [ستاندرد آند بورز]», «راديو
 * [مونتي كارلو]», «بداء [أوزغود-شلاتر]», «عقار [نيكسيوم]». Only the word right before the span: two
 * words back, the noun has its own name and a person follows («رئيس إقليم كتالونيا [كارلوس
 * بوتشيمون]», «مدير مهرجان قرطاج [مختار الرصاع]»). Not «مرض» («مرض باربرا بوش»: her illness), nor
 * «بطولة» («من بطولة عادل إمام»: starring), «فيلم», «كتاب» (a work by its author).
 */
const NAMED_AFTER_HEADS: ReadonlySet<string> = new Set(
  [
    'محكمة',
    'شاطئ',
    'نهر',
    'بحيرة',
    'وادي',
    'مصب',
    'إقليم',
    'مقاطعة',
    'محافظة',
    'دائرة',
    'مؤشر',
    'المؤشر',
    'منتجع',
    'مصنع',
    'مقهى',
    'مهرجان',
    'دوري',
    'إذاعة',
    'راديو',
    'تلفزيون',
    'شبكة',
    'داء',
    'متلازمة',
    // «العاصمة [بورت أوبرنس]», «جمهورية [كابو فيردا]», «مبنى [كامبيل هول]», «ميدان [كيم إيل سونغ]»
    'العاصمة',
    'عاصمة',
    'جمهورية',
    'مبنى',
    'ميدان',
    // a team's guest or host in a match report: «بفوزه على ضيفه [يونغ بويز]», «أمام مضيفه [فيتا كلوب]»
    'ضيفه',
    'مضيفه',
    'ضيفها',
    'مضيفها',
    'فيروس',
    'عقار',
    'دواء',
    'لقاح',
  ].map(normalizeText),
);

/** «قريتي», «كنيستا»: the dual of an institution's or a place's feminine noun in a construct (its ة written ت). */
function dualHead(t: Token): boolean {
  const norm = t.norm;
  if (t.kind !== 'arabic' || norm.length < 4 || !/ت[يا]$/.test(norm)) return false;
  return INSTITUTION_HEADS.has(`${norm.slice(0, -2)}ه`);
}

const QUOTES = new Set(['"', "'", '«', '»', '“', '”', '(', ')']);
/** Quotation marks proper: brackets hold names in apposition («(إيهود أولمرت)»). */
const QUOTATION_MARKS = new Set(['"', '«', '»', '“', '”']);

/** A word the rules or the name lexicon know as part of persons' names. */
function knownNameWord(norm: string, tagger: Tagger): boolean {
  if (ROLE_TABLES.givenNames.has(norm) || ROLE_TABLES.shapeExceptions.has(norm)) return true;
  // a word the rules saw in names at least once in a hundred of its uses («عقد» only by mistake)
  return tagger.resources.names?.get(norm)?.some((code) => !code.endsWith(':0')) === true;
}

/**
 * Share of known name words (knownNameWord) below which a word cluster is one of common words: on
 * the committed clusters (1,024 of them), nouns and verbs of the corpus («تأثير», «جلسة», «يسعى»,
 * «الغاضب») sit in clusters of 0 to 5% name words, foreign names of the news («هاينكس», «أندرو»)
 * in clusters of 50% and more.
 */
const NAME_CLUSTER_SHARE = 0.1;
/** The cluster size whose vote counts: fine enough to part nouns from names, coarse enough to count. */
const VOTING_CLUSTERS = 1024;

const clusterShares = new WeakMap<Tagger, { level: number; share: Float32Array } | null>();
function clusterSharesOf(tagger: Tagger): { level: number; share: Float32Array } | null {
  let shares = clusterShares.get(tagger);
  if (shares === undefined) {
    const clusters = tagger.resources.clusters;
    const level = clusters ? clusters.sizes.indexOf(VOTING_CLUSTERS) : -1;
    if (!clusters || level < 0) {
      shares = null;
    } else {
      const size = clusters.sizes[level] as number;
      const names = new Float32Array(size);
      const all = clusterCounts(clusters, level, size);
      // the known name words (knownNameWord) looked up in the clusters, rather than every word of the
      // clusters tested for a name: a few thousand look-ups instead of 100,000 at a run's first article
      const nameWords = new Set([...ROLE_TABLES.givenNames, ...ROLE_TABLES.shapeExceptions]);
      for (const [w, codes] of tagger.resources.names ?? []) if (codes.some((code) => !code.endsWith(':0'))) nameWords.add(w);
      for (const w of nameWords) {
        const c = clusters.of.get(w);
        if (c) names[c[level] as number]! += 1;
      }
      for (let k = 0; k < size; k++) names[k] = (all[k] as number) > 0 ? (names[k] as number) / (all[k] as number) : 1;
      shares = { level, share: names };
    }
    clusterShares.set(tagger, shares);
  }
  return shares;
}

/**
 * The share of name words a frequent word's cluster needs for the word to be taken as a name the
 * rules do not know: on the committed clusters, the footballers' cluster («رونالدو», «ميسي») holds
 * 17%, the clusters of foreign given names 28 to 66%, the one of spelt Latin letters («بي», «سي»)
 * 11%, those of nouns and verbs 0 to 5%.
 */
const FREQUENT_NAME_CLUSTER_SHARE = 0.15;

/** The share of known name words in the voting cluster of a word of the vocabulary; 0 outside it or without clusters. */
function clusterNameShare(norm: string, tagger: Tagger): number {
  const shares = clusterSharesOf(tagger);
  const c = shares ? tagger.resources.clusters?.of.get(norm) : undefined;
  return shares && c ? (shares.share[c[shares.level] as number] as number) : 0;
}

/** A word the name lexicon knows, or a frequent one of a cluster of names («ليونيل», «بيتر»). */
function nameLike(norm: string, tagger: Tagger): boolean {
  return knownNameWord(norm, tagger) || clusterNameShare(norm, tagger) >= FREQUENT_NAME_CLUSTER_SHARE;
}

/**
 * A word of the corpus's vocabulary that is no name word and whose cluster holds almost none: the
 * clusters' vote that it is a common word, however rare («الغاضب», «حاضرا» are not among the
 * frequent words of commonWordsOf). A word outside the vocabulary is not judged.
 */
function nonNameWord(norm: string, tagger: Tagger): boolean {
  const shares = clusterSharesOf(tagger);
  const c = shares ? tagger.resources.clusters?.of.get(norm) : undefined;
  if (!shares || !c || knownNameWord(norm, tagger)) return false;
  return (shares.share[c[shares.level] as number] as number) < NAME_CLUSTER_SHARE;
}

/**
 * A word the rules saw ending a person's name or standing for one, in at least one use in a hundred
 * («ميركل», «الملقي»). A word alone that the model calls a person but no rule ever saw as a name was
 * on an ANT sample as often a film, a party, a place's part or a plural noun as a surname.
 */
function knownAlone(norm: string, tagger: Tagger): boolean {
  return tagger.resources.names?.get(norm)?.some((code) => (code.startsWith('last:') || code.startsWith('one:')) && !code.endsWith(':0')) === true;
}

/**
 * The tests a tagger person passes, the role discovery's own word tests among them: every word
 * shaped like a name (no verb, participle, pronoun suffix or preposition on a noun, no frequent
 * common word), no conjunction left on the first word, and a single word only when the article
 * names someone with it as last word («فالبيردي» after «إرنستو فالبيردي»).
 */
function plausiblePerson(
  a: AnalyzedText,
  first: number,
  last: number,
  skip: number,
  g: Gazetteer,
  tagger: Tagger,
  found: RuleMentions,
  persons: ArticlePersons,
  margin: number,
  vouched = false,
): string | null {
  const { tokens } = a;
  const common = commonWordsOf(tagger);
  const firstWord = (tokens[first] as Token).norm.slice(skip);
  // a trade or a nationality before the span: its frequent words and word shapes are the name's
  // (not a span that starts with a preposition on a word of the corpus: «الفنانة [بسرطان القولون]»)
  const introduced =
    skip === 0 && !(/^[بلك]/.test(firstWord) && tagger.resources.clusters?.of.has(firstWord.slice(1)) === true) && introducedByTrade(a, first, g, found.keys);
  for (let k = first; k <= last; k++) {
    const t = tokens[k] as Token;
    const norm = k === first && skip > 0 ? t.norm.slice(skip) : t.norm;
    const inside = k > first && k < last && ROLE_TABLES.connectors.has(norm);
    // «جونغ-أون», «جيه-إن»: the syllables of a hyphenated name are not Arabic words to test
    if (k > first && hyphenJoin(tokens, k - 1, -1)) continue;
    // «ابن بطوطة», «مروان بن الحكم», «فيصل الأول»: the name's own structure vouches for the word (nameStructureWord)
    if (nameStructureWord(tokens, first, k, last, tagger)) continue;
    // «أبو بكر», «ابن خلدون», «عبد القادر»: a connector that starts a name of several words
    if (inside || (k === first && last > first + (norm === 'عبد' ? 1 : 0) && NAME_START_WORDS.has(norm))) continue;
    // «علي» as the article writes it apart from «على» (aliAsWritten)
    // (not after a name word: «محمود علي يوسف» is one person whose father's name the span starts with)
    if (k === first && last > first && aliAsWritten(a, k) && !nameWordBefore(a, k, tagger)) continue;
    if (
      ((g.adjectives.has(norm) || gentilic(norm, g)) && !nisba(tokens, first, k, last, tagger)) ||
      ROLE_TABLES.modifiers.has(norm) ||
      ROLE_TABLES.stopwords.has(norm)
    )
      return 'function word';
    if (knownNameWord(norm, tagger)) continue;
    if (t.kind !== 'arabic') continue;
    // «رونالدو», «ميسي»: frequent in the news, unknown to the rules' name lexicon, in a cluster of names
    if (
      common.has(norm) &&
      clusterNameShare(norm, tagger) < FREQUENT_NAME_CLUSTER_SHARE &&
      // (not a definite word, nor a third word after a name: «الفنانة [بسرطان القولون]», «المصري [محمد صلاح مهاجم]»)
      !(introduced && !hasArticle(t.text) && (k < last || last === first + 1)) &&
      // «عمر بن الخطاب», «مروان بن الحكم», «صلاح الدين»: a father's name after «بن», the second part of a compound given name
      !(k > first && ARABIC_CONNECTORS.has((tokens[k - 1] as Token).norm)) &&
      !(k > first && ROLE_TABLES.compounds.has(norm))
    )
      return 'common word';
    // «جيرارد بيكيه», «ديدييه ديشان»: the ـيه of a foreign name, not a pronoun on a word the clusters know
    // «جوزيه», «فيفي عبده»: the ـيه or ـه ending of a last word the clusters put among names (a pronoun's
    // host is a noun of theirs); not a first word, which a pronoun makes a construct («ببطولته محمد رمضان»),
    // nor a third («محمد صلاح ناديه»)
    if (
      notAName(t) &&
      !(norm.endsWith('يه') && !common.has(norm) && !nonNameWord(norm, tagger)) &&
      !(k === last && last <= first + 1 && noTanween(t) && nameLike(norm, tagger))
    )
      return 'case or possessive ending';
    // «ويليام حاضرا», «سلمى حداد جلسة»: the sentence going on after the name, as the clusters and the
    // word's shape tell (not a definite word: «أشرف عبد الباقي» ends in a cluster of nouns)
    // (a word the model nearly read as the name going on passes: nameAfter tested its shape)
    if (
      k === last &&
      k > first &&
      !vouched &&
      nonNameWord(norm, tagger) &&
      (feminineNoun(t) || PAST_VERB.test(norm) || NOT_A_LAST_NAME.some((re) => re.test(norm)))
    )
      return 'last word not a name';
    // «سيواصل الحرباوي»: a future verb, the future mark on a verb of the corpus
    if (k === first && futureVerb(norm, tagger)) return 'future verb';
    const afterConnector = k > first && ROLE_TABLES.connectors.has((tokens[k - 1] as Token).norm);
    if (skip === 0 && !introduced && !(vouched && k === last) && shapedLikeAWord(t, k === first, afterConnector)) return 'word shape';
    // «ديفيد بيست», «توماس ليبتون»: after a known given name, a ب or ل of the word's own, unless the clusters call it a common word
    // «جوزي بيكرمان», «كاتارينا بارلي»: after a given name the clusters know or do not know at all, a ب
    // or ل of the name's own on a word they do not call a common one; a first word only among names
    const ownLetters =
      k > first
        ? (nameLike(firstWord, tagger) || tagger.resources.clusters?.of.has(firstWord) === false) &&
          !nonNameWord(norm, tagger) &&
          !(common.has(norm) && !nameLike(norm, tagger))
        : nameLike(norm, tagger);
    if ((k > first || skip === 0) && !ownLetters && prepositionalNoun(norm) && !lettersOfTheName(norm, tagger)) return 'preposition on a noun';
    if ((k > first || skip === 0) && onCommonWord(norm, tagger)) return 'preposition on a common word';
    if (k === first) {
      if (headWordNotAName(t, tagger) && !(vouched && !frequentPlural(norm, tagger))) return 'particle or plural before a name';
      // «وأغيرو»: a conjunction the proclitic reading did not remove; «اسألوا»: a plural verb
      if (skip === 0 && /^و/.test(norm) && !ROLE_TABLES.wNames.has(norm) && !ownFirstLetter(norm, tagger)) return 'conjunction on first word';
      if (/..وا$/.test(norm)) return 'plural verb';
      // «يتسلح برونالدو»: an imperfect verb; «المتخلي حسين العباسي»: a definite noun or participle before the name
      if (/^ي/.test(norm) && !ROLE_TABLES.yNames.has(norm)) return 'imperfect verb';
      // the article as written: «أليكس», «ألفريد» fold to a word starting with ال
      // (not before «بن»: «الوليد بن طلال», «الحسين بن علي» are given names with the article)
      if (last > first && norm.startsWith('ال') && hasArticle(t.text.slice(skip)) && !NASAB.has((tokens[first + 1] as Token).norm))
        return 'definite first word';
    } else if (
      (LATER_NOT_NAME.some((re) => re.test(norm)) || conjunctionOnName(t, tagger) > 0) &&
      !ROLE_TABLES.yNames.has(norm) &&
      !ROLE_TABLES.wNames.has(norm) &&
      // «سيلفا», «فريد»: a name the clusters know, though shaped like a future verb or ف on a name (never و: «ومحمد» is frequent among names)
      (norm.startsWith('و') || !nameLike(norm, tagger)) &&
      // «سنكلير», «سينغ»: a س of the name's own when the rest is no word of the corpus («سيجسد» is); a و
      // before a rare word is still the conjunction («ودفينا»)
      !(norm.startsWith('س') && norm.length >= 4 && tagger.resources.clusters?.of.has(norm.slice(1)) === false && !knownNameWord(norm.slice(1), tagger))
    ) {
      return 'later word not a name';
    }
  }
  // «وسام Padma Shri»: a name is written in one script
  for (let k = first + 1; k <= last; k++) if ((tokens[k] as Token).kind !== (tokens[first] as Token).kind && !hyphenJoin(tokens, k, 1)) return 'two scripts';
  // «شركة إديسون سوفتوير», «مدينة الأمير محمد بن عبد العزيز»: a name after an institution's or a place's noun names the institution
  for (let k = first - 1, words = 0; k >= 0 && words < 2; k--) {
    const t = tokens[k] as Token;
    if (t.kind === 'punct') {
      if (QUOTES.has(t.text)) continue;
      break;
    }
    words++;
    if (found.keys.has(k, INSTITUTION_HEADS) || dualHead(t)) return 'institution before';
    if (words === 1 && found.keys.has(k, NAMED_AFTER_HEADS)) return 'institution before';
  }
  // «[بورت أوبرنس]», «[فورت بليس]», «سان [أنطونيو سبيرز]»: a first word of foreign place names heads
  // the span or stands right before it (not after a name: «أونغ سان [سو تشي]»)
  if ((last > first && skip === 0 && FOREIGN_PLACE_HEADS.has(firstWord)) || foreignPlaceHeadBefore(a, first, found)) return 'place head';
  // «[هيوستون روكتس]», «[وفاق سطيف]»… : a team's nickname ends the span, or a club's first word heads it
  if (last > first && (TEAM_LAST_WORDS.has((tokens[last] as Token).norm) || TEAM_FIRST_WORDS.has(firstWord))) return 'team word';
  // «مسلسل "حريم الشاويش"», «دورية "نايتشر ميثودز"»: a name in quotes of its own is a title, a
  // product or a nickname; a person's name is written bare
  if (QUOTATION_MARKS.has(tokens[first - 1]?.text ?? '') && QUOTATION_MARKS.has(tokens[last + 1]?.text ?? '')) return 'in quotation marks';
  // «#محمد_مهران», «[غودفري]-غولدشتاين»: the name goes on through a hashtag mark, or a hyphen the tagger stopped at
  // after a word alone (throughHyphens took a longer name on)
  if (joinedOn(tokens, first - 1, -1) || joinedOn(tokens, last + 1, 1)) return 'joined on';
  // «بنادي …», «آل ثاني»: an institution's noun or a family's «آل» heads the span itself
  const head = tokens[first] as Token;
  if (head.text.startsWith('آل') && head.norm === 'ال') return 'family head';
  for (const c of cliticSplits(head.norm)) if (INSTITUTION_HEADS.has(c.definite ? `ال${c.stem}` : c.stem)) return 'institution head';
  if (last > first && dualHead(head)) return 'institution head';
  // a word alone is taken as the surname of a longer name of the article, or when the model is sure
  // of it; a common first name alone is anyone
  if (first === last) {
    const norm = (tokens[first] as Token).norm.slice(skip);
    const sure = margin >= UNKNOWN_NAME_MARGIN || (margin >= SINGLE_NAME_MARGIN && knownAlone(norm, tagger)) || introduced;
    // «لينوس» before or after «لينوس تورفالدز»: the first name of one person of the article stands for them
    if (persons.givenNames.get(norm) && !persons.surnames.has(norm)) return null;
    if (ROLE_TABLES.givenNames.has(norm)) return 'given name alone';
    if (!persons.surnames.has(norm) && !sure) return knownAlone(norm, tagger) ? 'one word, margin' : 'one word, unknown alone, margin';
  }
  return null;
}

/**
 * First words of foreign place names (saints' towns, ports, forts, «Las»/«Los»), which head a place or
 * a team named after one and no person's name: «بورت أوبرنس», «فورت كولينز», «سان أنطونيو سبيرز»,
 * «ساو باولو», «لاس ماناكاس».
 */
const FOREIGN_PLACE_HEADS: ReadonlySet<string> = new Set(['سان', 'سانت', 'سانتا', 'ساو', 'بورت', 'فورت', 'لاس', 'لوس'].map(normalizeText));

/**
 * Nicknames of teams written in Arabic letters that end a team's name and no person's («هيوستون
 * روكتس», «تشارلوت هورنتس», «غلاسكو رينجرز», «تشايكور ريزا سبور»; not «سبيرز», «بولز», «نيكس»,
 * which are surnames too: Spears, Balls, Nix), and first words of clubs' names («سبورتنغ», «راسينغ»,
 * «أتلتيكو», «دينامو»).
 */
const TEAM_LAST_WORDS: ReadonlySet<string> = new Set(
  [
    'روكتس',
    'هورنتس',
    'بليزرز',
    'بيستونز',
    'مافريكس',
    'تمبروولفز',
    'ليكرز',
    'سلتيكس',
    'ووريرز',
    'كافالييرز',
    'رابتورز',
    'كليبرز',
    'بيليكانز',
    'غريزليز',
    'غريزيليز',
    'سيكسرز',
    'بايسرز',
    'نغتس',
    'ناغتس',
    'رينجرز',
    'روفرز',
    'ووندررز',
    'هوتسبير',
    'يونايتد',
    'سبور',
  ].map(normalizeText),
);
const TEAM_FIRST_WORDS: ReadonlySet<string> = new Set(
  ['سبورتنغ', 'سبورتينغ', 'راسينغ', 'ريسينغ', 'أتلتيكو', 'أتليتكو', 'ديبورتيفو', 'دينامو', 'لوكوموتيف', 'أولمبيك', 'فوتبول'].map(normalizeText),
);

/** The word right before token k, with no mark between, is a first word of foreign place names, itself after no name. */
function foreignPlaceHeadBefore(a: AnalyzedText, k: number, found: RuleMentions): boolean {
  const { tokens, body } = a;
  const head = tokens[k - 1];
  if (!head || head.kind !== 'arabic' || !FOREIGN_PLACE_HEADS.has(head.norm) || nextWord(body, tokens, k - 1) !== k) return false;
  // «أونغ سان [سو تشي]»: a name's own word
  const prev = tokens[k - 2];
  return !(prev && prev.kind === 'arabic' && nextWord(body, tokens, k - 2) === k - 1 && found.covered[k - 2] !== -1);
}

/** «بن», «ابن», «بنت»: a son or daughter of, after which the father's name follows. */
const NASAB: ReadonlySet<string> = new Set(['بن', 'ابن', 'بنت'].map(normalizeText));
/** Connectors of a nasab or a kunya after which a tagger person's next word is a name. */
const NAME_CONNECTORS: ReadonlySet<string> = new Set([...NASAB, ...['أبو', 'عبد', 'آل'].map(normalizeText)]);
/**
 * Particles of foreign surnames («ألفريدو دي ستيفانو», «كيفن دي بروين», «فان دايك»), after which the
 * surname follows whatever its shape or frequency, even where the span starts with one.
 */
const FOREIGN_PARTICLES: ReadonlySet<string> = new Set(['دي', 'دى', 'دو', 'دا', 'ديل', 'فون', 'فان'].map(normalizeText));
/** «أبي», «أبا»: the kunya's «أبو» in the genitive or accusative, a connector only after «بن» («علي بن أبي طالب»; «آبي» folds to it). */
const ABI: ReadonlySet<string> = new Set(['أبي', 'أبا'].map(normalizeText));
/** Prepositions after «الأول» that make it a rank: «الأول في السباق», «الأول على العالم». */
const RANK_PREPOSITIONS: ReadonlySet<string> = new Set(['في', 'على', 'من', 'عن', 'بين', 'مع'].map(normalizeText));
/** Regnal numbers that end a ruler's or a pope's name («لويس السابع», «إليزابيث الثانية»). */
const REGNAL: ReadonlySet<string> = new Set(
  ['الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع', 'العاشر', 'الحادي']
    .flatMap((w) => [w, w === 'الأول' ? 'الأولى' : `${w}ة`])
    .map(normalizeText),
);

/**
 * A word of a tagger person of several words that the name's structure vouches for, whatever its
 * shape or frequency (no function word though: «أبي على»): the word right after a connector of a
 * nasab or a kunya («ابن بطوطة», «مروان بن الحكم», «علي بن أبي طالب»: the father's name, often a
 * common noun or shaped like a verb) or after a particle of a foreign name, or a regnal number,
 * as the last word or before a last «عشر», after a word the name lexicon does not know as a
 * surname only («فيصل الأول», «لويس السابع», «بنديكت السادس عشر»; not «مساعد كلوب الأول», where
 * the number qualifies the noun before the surname), which the role tables hold as a modifier of
 * titles («النائب الأول»).
 */
function nameStructureWord(tokens: readonly Token[], first: number, k: number, last: number, tagger: Tagger): boolean {
  if (k === first) return false;
  const norm = (tokens[k] as Token).norm;
  const prev = (tokens[k - 1] as Token).norm;
  const nasab = NASAB.has(prev) || (ABI.has(prev) && k - 2 >= first && NASAB.has((tokens[k - 2] as Token).norm));
  // (a function word only as «علي» after «بن», which the fold makes «على»; a kunya or «عبد» that
  // starts the span may be a place's: «جبال أبو النار», «حقل أبو سعفة»)
  // (not a title after a particle: «وانغ دي [سفير الصين]» names the person, then what he is)
  if (FOREIGN_PARTICLES.has(prev)) return !ROLE_WORDS.has(norm) && !ROLE_TABLES.stopwords.has(norm);
  if (nasab || (NAME_CONNECTORS.has(prev) && k - 1 > first)) return !ROLE_TABLES.stopwords.has(norm) || (nasab && norm === ALI);
  // (not «الأول» before a preposition: «حل محمد الأول في السباق» ranks a person, it does not name a king)
  const rank = /^الاول[ىي]?$/.test(norm) && RANK_PREPOSITIONS.has(tokens[k + 1]?.norm ?? '');
  if (REGNAL.has(norm)) return !rank && !surnameOnly(prev, tagger) && (k === last || (k + 1 === last && /^عشر[هة]?$/.test((tokens[last] as Token).norm)));
  return k === last && /^عشر[هة]?$/.test(norm) && k - 1 > first && REGNAL.has(prev) && !surnameOnly((tokens[k - 2] as Token).norm, tagger);
}

/**
 * A nationality adjective that is a name's nisba or a part of it: between two words of the name
 * («أشرف غاني أحمدزي»: no adjective comes before the noun it qualifies), or the last word of a name
 * of three words or more after a name word («سعيد محمد الكندي», «أبو عمرو الكندي»).
 */
function nisba(tokens: readonly Token[], first: number, k: number, last: number, tagger: Tagger): boolean {
  if (k === first) return false;
  if (k < last) return nameLike((tokens[k + 1] as Token).norm, tagger) || (tokens[k + 1] as Token).kind === 'arabic';
  return last >= first + 2 && nameLike((tokens[k - 1] as Token).norm, tagger);
}

/**
 * «بيكام», «لامبارد», «بيرلسكوني»: a ل or ب the shape test of prepositionalNoun reads as a
 * preposition, on a word of the corpus (the clusters' vocabulary) whose rest is no word of it, with
 * or without the article, where a preposition on a noun leaves one («لشركة», «بتطبيق», «للمجلس»):
 * the letters are the name's. A word outside the vocabulary («لستولمان») may be a preposition on a
 * rare name as well: not judged, nor any word without clusters.
 */
function lettersOfTheName(norm: string, tagger: Tagger): boolean {
  const vocab = tagger.resources.clusters?.of;
  if (!vocab || vocab.has(norm) === false) return false;
  const stem = norm.replace(/^[وف]?[لب]/, '');
  return !vocab.has(stem) && !vocab.has(`ال${stem}`) && !vocab.has(stem.replace(/^ل/, 'ال'));
}

/** A word the name lexicon knows as a name's last word and never as its first («كلوب»). */
function surnameOnly(norm: string, tagger: Tagger): boolean {
  const codes = tagger.resources.names?.get(norm);
  return (
    codes !== undefined && codes.some((c) => c.startsWith('last:') && !c.endsWith(':0')) && !codes.some((c) => c.startsWith('first:') && !c.endsWith(':0'))
  );
}

/**
 * «هيلي [لتلفزيون] فوكس», «أفيخاي [بذكرى] 11 سبتمبر», «[برونالدو]» alone: a ب or ل on a frequent common word of the
 * corpus (commonWordsOf, and a cluster of common words), which the word with the letter on it,
 * rarer, does not show. The rest must hold four letters or more and start with no proclitic of its
 * own: «لانا» is no ل on «أنا», «لوكاس» no ل on «وكاس». A word the name lexicon knows is never one.
 */
function onCommonWord(norm: string, tagger: Tagger): boolean {
  if (!/^[بل]/.test(norm) || knownNameWord(norm, tagger)) return false;
  const stem = norm.slice(1);
  return stem.length >= 4 && !/^[وفبلك]/.test(stem) && commonWordsOf(tagger).has(stem) && nonNameWord(stem, tagger);
}

/**
 * What introduces a person in the news («الحارس هيلتون», «للبرازيلي فريد», «الفرنسي لويس ساها»): a
 * player's or an artist's trade or a compatriot, a nationality adjective standing for a person (with
 * a proclitic, or not after a definite noun it would qualify: «النادي البرتغالي بنفيكا» is a club).
 * Not a verb of saying («وقال بوين»): on 4,000 ANT articles a third of the words alone it brought
 * were plurals, duals, professions or first names of longer names («وقال محققون», «وأكد الأكاديمي»).
 */
const PERSON_TRADES: ReadonlySet<string> = new Set(
  [
    'الحارس',
    'المدافع',
    'المهاجم',
    'اللاعب',
    'المدرب',
    'الفنان',
    'الفنانة',
    'الراقصة',
    'المطرب',
    'المطربة',
    'المغني',
    'المغنية',
    'الممثل',
    'الممثلة',
    'مواطنه',
    'زميله',
  ].map(normalizeText),
);

function introducedByTrade(a: AnalyzedText, k: number, g: Gazetteer, keys: WordKeys): boolean {
  const { body, tokens } = a;
  const before = k - 1;
  if (before < 0 || nextWord(body, tokens, before) !== k || (tokens[before] as Token).kind !== 'arabic') return false;
  if (keys.has(before, PERSON_TRADES)) return true;
  // «للبرازيلي», «والبرتغالي»: a proclitic makes the adjective a noun, a person
  if (keys.at(before).some((x) => x.skip > 0 && gentilic(x.key, g))) return true;
  if (!gentilic((tokens[before] as Token).norm, g)) return false;
  // an adjective after the definite noun it qualifies
  const noun = before - 1;
  return !(noun >= 0 && nextWord(body, tokens, noun) === before && (tokens[noun] as Token).kind === 'arabic' && hasArticle((tokens[noun] as Token).text));
}

/**
 * A definite nationality adjective: one of the gazetteer's, or «الإسباني», «الإيطالي» of a place
 * whose name ends in «يا» («إسبانيا»), which the gazetteer's derivation misses.
 */
function gentilic(norm: string, g: Gazetteer): boolean {
  if (!norm.startsWith('ال')) return false;
  if (g.adjectives.has(norm)) return true;
  if (!norm.endsWith('ي') || norm.length < 6) return false;
  const hit = g.root.get(`${norm.slice(2)}ا`)?.hit;
  return hit !== null && hit !== undefined && hit.guard === null && g.entities.get(hit.entityId)?.type === 'location';
}

/**
 * «علي» before a tagger person, where the article writes the preposition «على» with its alef
 * maqsura: the fold makes both one word (a function word), but a source that spells them apart
 * writes the given name with ي.
 */
function aliAsWritten(a: AnalyzedText, k: number): boolean {
  const t = a.tokens[k];
  return t !== undefined && t.kind === 'arabic' && t.norm === ALI && bareLetters(t.text) === 'علي' && writesAlefMaqsura(a);
}
const ALI = normalizeText('علي');

/** The article writes the preposition «على» with its alef maqsura somewhere. */
const MAQSURA = new WeakMap<AnalyzedText, boolean>();
function writesAlefMaqsura(a: AnalyzedText): boolean {
  let v = MAQSURA.get(a);
  if (v === undefined) {
    v = false;
    for (const t of a.tokens) if (t.kind === 'arabic' && t.norm === ALI && bareLetters(t.text) === 'على') v = true;
    MAQSURA.set(a, v);
  }
  return v;
}

/** A word written without the tanween marks of a case ending («كتاباً»): only its letters can look like a suffix. */
function noTanween(t: Token): boolean {
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text.charCodeAt(i);
    if (c >= 0x064b && c <= 0x064d) return false;
  }
  return true;
}

/** A word's letters as written, without diacritics and tatweel. */
function bareLetters(text: string): string {
  let s = '';
  for (let i = 0; i < text.length; i++) if (!isRemovable(text.charCodeAt(i))) s += text[i];
  return s;
}

/**
 * «باحثو», «محامو»: a plural in construct whose «…ون» or «…ين» form is among the corpus's frequent
 * words; a name the model read on into the next word («[كولو] توريه», nameAfter) may end in «و»
 * where those forms are rare words of their own («كولون»).
 */
function frequentPlural(norm: string, tagger: Tagger): boolean {
  const frequent = frequentWordsOf(tagger);
  return frequent.has(`${norm}ن`) || frequent.has(`${norm.slice(0, -1)}ين`);
}

/**
 * A first word of a tagger person that is no name, as written or as the corpus writes its forms:
 * the particle «إن» (with a conjunction or «ل»: «فإن», «لأن»), which the fold of its hamza makes
 * the particle «فان» of names; a masculine plural in construct («محامو», «فنانو»), whose «…ون»
 * and «…ين» forms are both words of the corpus the clusters call common ones («زينو» has neither,
 * «إيلو» an «إيلين» among names).
 */
function headWordNotAName(t: Token, tagger: Tagger): boolean {
  if (t.kind !== 'arabic') return false;
  if (/^[وفل]?[إأ]ن$/.test(bareLetters(t.text))) return true;
  const norm = t.norm;
  // a construct's first term has no article («ألفارو» is no «الفارون»)
  if (norm.length < 4 || !norm.endsWith('و') || norm.startsWith('ال') || knownNameWord(norm, tagger)) return false;
  return nonNameWord(`${norm}ن`, tagger) && nonNameWord(`${norm.slice(0, -1)}ين`, tagger);
}

/** The word right before token k, with no mark between, is one givenNameBefore would take in as a given name («محمود علي …»). */
function nameWordBefore(a: AnalyzedText, k: number, tagger: Tagger): boolean {
  const t = a.tokens[k - 1];
  return t !== undefined && nextWord(a.body, a.tokens, k - 1) === k && givenNameBefore(t, tagger);
}

/** A word before a tagger person that is its given name: a strong given name, or a word of a cluster of names and no frequent common word. */
function givenNameBefore(t: Token, tagger: Tagger): boolean {
  if (strongGivenName(t, tagger)) return true;
  // not «الصديق» (a definite noun), «محامو» (a plural in construct), «وسعد» (a conjunction joins two names)
  if (t.kind !== 'arabic' || NOT_NAMES.has(t.norm) || ROLE_WORDS.has(t.norm) || /^و|و$/.test(t.norm) || hasArticle(t.text)) return false;
  return clusterNameShare(t.norm, tagger) >= FREQUENT_NAME_CLUSTER_SHARE && !(commonWordsOf(tagger).has(t.norm) && !knownNameWord(t.norm, tagger));
}

/**
 * A word after a given name alone that is its surname: one the name lexicon knows ending names, or a
 * word of a cluster of names, and no frequent common word, title, function word, conjunction or
 * verb shape («زازا»; not «فيهرب», «يقول», «والد»).
 */
function surnameAfter(t: Token, tagger: Tagger): boolean {
  const norm = t.norm;
  if (t.kind !== 'arabic' || norm.length < 3 || NOT_NAMES.has(norm) || ROLE_WORDS.has(norm) || ROLE_WORDS.has(`ال${norm}`) || /^[وف]/.test(norm)) return false;
  if (LATER_NOT_NAME.some((re) => re.test(norm)) || commonWordsOf(tagger).has(norm) || nonNameWord(norm, tagger)) return false;
  const last = tagger.resources.names?.get(norm)?.some((c) => c.startsWith('last:') && !c.endsWith(':0')) === true;
  return last || clusterNameShare(norm, tagger) >= FREQUENT_NAME_CLUSTER_SHARE;
}

/** Token k a definite nationality adjective right after a word in Arabic letters with no article («بيلد الألمانية»). */
function nationalityAfterName(tokens: readonly Token[], k: number, g: Gazetteer): boolean {
  const t = tokens[k] as Token;
  const before = tokens[k - 1] as Token;
  if (t.kind !== 'arabic' || before.kind !== 'arabic' || !hasArticle(t.text) || hasArticle(before.text)) return false;
  return g.nationalities.has(t.norm);
}

/** Token k opens a sentence: no word before it, or a full stop, a question or exclamation mark, a colon or a line break. */
function sentenceStartAt(a: AnalyzedText, k: number): boolean {
  const prev = a.tokens[k - 1];
  if (!prev) return true;
  return /^[.!?؟:]$/.test(prev.text) || a.body.slice(prev.end, (a.tokens[k] as Token).start).includes('\n');
}

/**
 * The letters of a conjunction or preposition («و», «ب», «ل», «وب», «ول») on a word whose rest is a
 * strong given name, the word as written no frequent common word («وغادة», «وسلمى»), or 0. A ب or
 * ل only where the clusters' vocabulary lacks the word with it («بايهود», «لكوفي»; not «بيونغ»,
 * where the letter is the word's own, nor «لجمال», which the corpus writes as often for a noun).
 */
function givenNameAfterProclitic(t: Token, tagger: Tagger): number {
  if (t.kind !== 'arabic' || ROLE_TABLES.givenNames.has(t.norm) || commonWordsOf(tagger).has(t.norm)) return 0;
  const skip = /^(?:و[بل]?|[بل])/.exec(t.norm)?.[0].length ?? 0;
  if (skip === 0 || t.norm.length - skip < 3) return 0;
  const rest = t.norm.slice(skip);
  if (!strongGivenName({ ...t, norm: rest }, tagger)) return 0;
  // a ب or ل on a word the corpus writes so may be the word's own («وبيونغ يانغ»)
  const preposition = t.norm.startsWith('و') ? skip > 1 : true;
  if (preposition && tagger.resources.clusters?.of.has(t.norm.slice(t.norm.startsWith('و') ? 1 : 0)) !== false) return 0;
  return skip;
}

/** A given name of the role tables, or one the name lexicon knows mostly as a first name and no frequent word. */
function strongGivenName(t: Token, tagger: Tagger): boolean {
  // «علي» is also «على» as the fold writes it
  if (t.kind !== 'arabic' || NOT_NAMES.has(t.norm)) return false;
  if (ROLE_TABLES.givenNames.has(t.norm)) return true;
  return tagger.resources.names?.get(t.norm)?.some((c) => c.startsWith('first:') && c >= 'first:2') === true && !commonWordsOf(tagger).has(t.norm);
}

const ALLAH = normalizeText('الله');
/** Words after «الله» that make it a formula of praise or a saying, not a compound surname's end. */
const PRAISE_AFTER_ALLAH: ReadonlySet<string> = new Set(
  ['عليه', 'عنه', 'عنها', 'عنهما', 'عنهم', 'تعالى', 'وتعالى', 'سبحانه', 'عز', 'أكبر', 'يرحمه', 'له', 'لها', 'لك', 'عليكم'].map(normalizeText),
);

/** «أوغلو», «أغلو»: the «-oğlu» (son of) that ends Turkish surnames, often written as a word of its own («جاويش أوغلو»). */
const OGLU: ReadonlySet<string> = new Set(['أوغلو', 'أغلو'].map(normalizeText));

/** The last token of a name that «آل» and a word right after `last` (none of them taken) continue; else `last`. */
function familyAfter(a: AnalyzedText, last: number, covered: Int32Array): number {
  const { tokens, body } = a;
  const al = nextWord(body, tokens, last);
  if (al !== last + 1 || covered[al] !== -1) return last;
  const t = tokens[al] as Token;
  if (t.norm !== 'ال' || !t.text.startsWith('آل')) return last;
  const name = nextWord(body, tokens, al);
  if (name !== al + 1 || covered[name] !== -1 || (tokens[name] as Token).kind !== 'arabic') return last;
  return name;
}

const HYPHENS = new Set(['-', '‐']);

/** A hyphen at token k glued to the words on both sides of it (the word beyond it in direction dir). */
function hyphenJoin(tokens: readonly Token[], k: number, dir: 1 | -1): boolean {
  return HYPHENS.has(tokens[k]?.text ?? '') && joinedOn(tokens, k, dir);
}

/**
 * Bounds of a person of several words taken through the hyphens glued to its ends: «كيم جونغ-أون»,
 * «روبن لوفتوس-تشيك», «جان-كلود يونكر» (the model stops at the hyphen). The words taken in must be
 * Arabic and free of other mentions. A word alone is not taken on («قمة ترامب-كيم» joins two persons).
 */
function throughHyphens(tokens: readonly Token[], first: number, last: number, covered: Int32Array, used?: Uint8Array): [number, number] {
  const free = (k: number) => {
    const t = tokens[k];
    return covered[k] === -1 && (used?.[k] ?? 0) === 0 && t?.kind === 'arabic' && !/[0-9\u0660-\u0669]/.test(t.text);
  };
  while (hyphenJoin(tokens, last + 1, 1) && free(last + 2)) last += 2;
  while (hyphenJoin(tokens, first - 1, -1) && free(first - 2)) first -= 2;
  return [first, last];
}

/** Every word of tokens [first, last] in Latin letters. */
function latinOnly(tokens: readonly Token[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if ((tokens[k] as Token).kind !== 'latin') return false;
  return true;
}

/** A mark that glues a name's words together (hashtag underscore, hyphen) at token k, a word beyond it. */
const NAME_JOINERS = new Set(['_', '-', '‐']);
function joinedOn(tokens: readonly Token[], k: number, dir: 1 | -1): boolean {
  const mark = tokens[k];
  if (!mark || !NAME_JOINERS.has(mark.text)) return false;
  if (mark.text === '_') return true;
  const near = tokens[k - dir] as Token;
  const far = tokens[k + dir];
  // glued on both sides: «غودفري-غولدشتاين», not a dash between clauses
  const glued = dir === 1 ? near.end === mark.start && far?.start === mark.end : mark.end === near.start && far?.end === mark.start;
  return glued && far !== undefined && (far.kind === 'arabic' || far.kind === 'latin');
}

/**
 * A conjunction the vocabulary test of proclitics() left on a name's first word: «ودراماني» is
 * و + «دراماني» (a name starting with و is in the role tables' list), «فمحمد» is ف + a known word;
 * but «فيشمان», «فابريغاس» start with a ف of their own. Returns the letters to skip.
 */
function conjunctionOnName(t: Token, tagger: Tagger): number {
  if (t.kind !== 'arabic' || t.norm.length < 4) return 0;
  const c = t.norm.charCodeAt(0);
  if (c === 0x0648 /* و */) return ROLE_TABLES.wNames.has(t.norm) ? 0 : 1;
  // «فريد» is a name of its own, though «ريد» is one too
  if (c !== 0x0641 /* ف */ || knownNameWord(t.norm, tagger)) return 0;
  const rest = t.norm.slice(1);
  return knownNameWord(rest, tagger) || (tagger.resources.clusters?.of.has(rest) === true && !tagger.resources.clusters?.of.has(t.norm)) ? 1 : 0;
}

/**
 * «وايت» (White), «ويلز»: a first letter that reads as a conjunction or a preposition (و, ف, ب, ل)
 * but is the name's own, as the clusters tell: the word as written is no frequent common word and
 * sits in a cluster of names, and the rest is no name word, in a cluster of names or known to the
 * rules («ايت»; «وأوباما», «ومحمد», «بأحمد» keep their letter apart).
 */
function ownFirstLetter(norm: string, tagger: Tagger): boolean {
  if (norm.length < 4 || !/^[وفبل]/.test(norm) || commonWordsOf(tagger).has(norm)) return false;
  if (clusterNameShare(norm, tagger) < FREQUENT_NAME_CLUSTER_SHARE || procliticShare(norm, tagger) >= PROCLITIC_CLUSTER_SHARE) return false;
  const rest = norm.slice(1);
  return !nameLike(rest, tagger) && !knownAlone(rest, tagger);
}

/**
 * Token k, a word starting with ف, comes right after a word in Arabic or Latin letters with no mark
 * or line between, and its rest is no definite word of three letters or more: the ف is no
 * conjunction there (keptSpan).
 */
function fAfterAWord(a: AnalyzedText, k: number): boolean {
  const prev = a.tokens[k - 1];
  if (!prev || (prev.kind !== 'arabic' && prev.kind !== 'latin') || nextWord(a.body, a.tokens, k - 1) !== k) return false;
  const rest = (a.tokens[k] as Token).norm.slice(1);
  return !(rest.startsWith('ال') && rest.length >= 5);
}

const COMMAS = new Set(['،', ',']);
/** Tokens first…last stand between two commas (an apposition: «المدير، فريد بن حجا، أن»). */
function betweenCommas(tokens: readonly Token[], first: number, last: number): boolean {
  return COMMAS.has(tokens[first - 1]?.text ?? '') && COMMAS.has(tokens[last + 1]?.text ?? '');
}

/** The word right before token k, with no mark between, ends a name: a person the model or the rules read, or a name word. */
function afterAName(a: AnalyzedText, k: number, found: RuleMentions, labels: Uint8Array, used: Uint8Array, tagger: Tagger): boolean {
  const prev = k - 1;
  if (prev < 0 || nextWord(a.body, a.tokens, prev) !== k) return false;
  if (labels[prev] === B_PER || labels[prev] === I_PER || found.covered[prev] !== -1 || used[prev] !== 0) return true;
  return nameLike((a.tokens[prev] as Token).norm, tagger);
}

/**
 * Share of a voting cluster's words that are a conjunction or preposition (و, ف, ب, ل) on another word
 * of the vocabulary at or above which the cluster is one of such words: the clusters put «ومارسيل»
 * and «وإيلكاي» among given names, where a fifth or more of the words carry a conjunction
 * («وجون»), and «وايت», «وارنر», «وليامسون» among surnames, where a tenth or fewer do.
 */
const PROCLITIC_CLUSTER_SHARE = 0.2;
const procliticShares = new WeakMap<Tagger, Float32Array | null>();
/** The share of a word's voting cluster that is a proclitic on a word of the vocabulary; 1 outside the vocabulary or without clusters. */
function procliticShare(norm: string, tagger: Tagger): number {
  let shares = procliticShares.get(tagger);
  if (shares === undefined) {
    const clusters = tagger.resources.clusters;
    const level = clusterSharesOf(tagger)?.level ?? -1;
    if (!clusters || level < 0) {
      shares = null;
    } else {
      const size = clusters.sizes[level] as number;
      const all = new Float32Array(size);
      shares = new Float32Array(size);
      for (const [w, c] of clusters.of) {
        const k = c[level] as number;
        all[k]! += 1;
        const f = w.charCodeAt(0);
        // و ف ب ل
        if ((f === 0x0648 || f === 0x0641 || f === 0x0628 || f === 0x0644) && clusters.of.has(w.slice(1))) shares[k]! += 1;
      }
      for (let k = 0; k < size; k++) shares[k] = (all[k] as number) > 0 ? (shares[k] as number) / (all[k] as number) : 1;
    }
    procliticShares.set(tagger, shares);
  }
  const c = shares ? tagger.resources.clusters?.of.get(norm) : undefined;
  const level = clusterSharesOf(tagger)?.level ?? -1;
  return shares && c && level >= 0 ? (shares[c[level] as number] as number) : 1;
}

/** Letters of conjunction or preposition to leave out of the surface: «وأوباما» → «أوباما». */
function proclitics(t: Token, tagger: Tagger): number {
  if (t.kind !== 'arabic') return 0;
  // «لمحمد العويس», «بأحمد»: a preposition (ل, ب; a ك there starts «كيونغ») on a given name, though the corpus writes the pair often enough
  const preposition = /^[وف]?[لب]/.exec(t.norm)?.[0].length ?? 0;
  if (preposition > 0 && !ROLE_TABLES.givenNames.has(t.norm) && ROLE_TABLES.givenNames.has(t.norm.slice(preposition))) return preposition;
  const vocab = tagger.resources.clusters?.of;
  if (!vocab) return 0;
  // «فريدة» is a name, «وصبري» a conjunction on one: و is read as a proclitic even on a known word
  const whole = vocab.has(t.norm) && !t.norm.startsWith('و');
  if (whole || ROLE_TABLES.givenNames.has(t.norm)) return 0;
  for (const s of cliticSplits(t.norm)) {
    if (s.skip === 0) continue;
    if (vocab.has(s.definite ? `ال${s.stem}` : s.stem)) return s.skip;
  }
  return 0;
}

/** The gazetteer's and the roles' endings as one set, built once per gazetteer: one lookup per word instead of two. */
const ENDINGS = new WeakMap<Gazetteer, ReadonlySet<string>>();
function lookupEndingsOf(g: Gazetteer): ReadonlySet<string> {
  let endings = ENDINGS.get(g);
  if (!endings) ENDINGS.set(g, (endings = new Set([...g.endings, ...ROLE_TABLES.endings])));
  return endings;
}

function toHit(m: Match, a: AnalyzedText): MentionHit {
  const first = a.tokens[m.first] as Token;
  const last = a.tokens[m.last] as Token;
  const start = first.start + (m.skip > 0 ? originalIndex(first.text, m.skip) : 0);
  const end = last.end;
  return { entityId: m.entityId, method: m.method, surface: a.body.slice(start, end), start, end, sentence: sentenceAt(a.sentenceStarts, start) };
}

/** Greedy left to right: at each word the longest name that its context rules keep. */
function matchGazetteer(body: string, tokens: readonly Token[], keys: WordKeys, g: Gazetteer, refused?: Uint8Array): Match[] {
  const out: Match[] = [];
  const n = tokens.length;
  const options: Option[] = [];
  let i = 0;
  while (i < n) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      i++;
      continue;
    }
    if (options.length > 0) options.length = 0; // setting length is a runtime call, even to its own value
    const whole = mayBeRootKey(t.norm, g) ? g.root.get(t.norm) : undefined;
    if (whole) walk(whole, i, 0, body, tokens, options);
    if (keys.splits(i)) {
      for (const k of keys.at(i)) {
        const node = k.skip > 0 ? g.root.get(k.key) : undefined;
        if (node) walk(node, i, k.skip, body, tokens, options);
      }
    }
    let taken: Match | null = null;
    if (options.length > 0) {
      // longest first; on a tie the reading with fewer proclitics («لعمامرة» is a name, not ل + عمامرة)
      options.sort((x, y) => y.last - x.last || x.skip - y.skip);
      let dropped = -1;
      for (const o of options) {
        if (o.hit.upper && !inCapitals(tokens, i, o.last)) continue;
        const id = o.hit.guard ? resolve(o.hit.guard, i, o.last, o.skip, tokens, keys) : o.hit.entityId;
        if (id !== null) {
          taken = { entityId: id, first: i, last: o.last, skip: o.skip, method: 'gazetteer' };
          break;
        }
        // a rule that says drop, not the fallback of a guard that found no cue either way
        if (o.hit.guard && ruleFor(o.hit.guard, i, o.last, o.skip, tokens, keys)) dropped = Math.max(dropped, o.last);
      }
      if (!taken && refused) for (let k = i; k <= dropped; k++) refused[k] = 1;
    }
    if (taken) {
      const prev = out[out.length - 1];
      // «العاصمة القطرية الدوحة»: an apposition of two names of one entity is one mention
      if (prev && prev.entityId === taken.entityId && nextWord(body, tokens, prev.last) === taken.first && taken.skip === 0) {
        prev.last = taken.last;
      } else {
        out.push(taken);
      }
      i = taken.last + 1;
    } else {
      const pair = t.kind === 'arabic' && g.dualHeads.size > 0 ? matchDual(body, tokens, keys, g, i) : null;
      if (pair) {
        out.push(...pair);
        i = (pair[1] as Match).last + 1;
      } else {
        i++;
      }
    }
  }
  return out;
}

/** Latin words of a match are all in capitals: «MAP» the agency, not «map». */
function inCapitals(tokens: readonly Token[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) {
    const t = tokens[k] as Token;
    if (t.kind === 'latin' && t.text !== t.text.toUpperCase()) return false;
  }
  return true;
}

const YEH = 0x064a;
const ALEF = 0x0627;

/**
 * The dual of a name's first word in a construct with two complements: «تنظيمي الدولة والقاعدة»
 * is «تنظيم الدولة» and «تنظيم القاعدة», «حركتي حماس وفتح» «حركة حماس» and «حركة فتح». The
 * dual ends in ي (oblique) or ا (nominative, the ن dropped in a construct), a ة before it is
 * written ت. Both complements must complete a name, which keeps «رئيسي» (main) and a possessive
 * «وزيري» (my minister) out: a single complement is never read as a dual.
 */
function matchDual(body: string, tokens: readonly Token[], keys: WordKeys, g: Gazetteer, i: number): [Match, Match] | null {
  const norm = (tokens[i] as Token).norm;
  const end = norm.charCodeAt(norm.length - 1);
  if ((end !== YEH && end !== ALEF) || norm.length < 4 || !mayBeDual(norm, g)) return null;
  const stem = norm.slice(0, -1);
  for (const singular of stem.endsWith('ت') ? [stem, `${stem.slice(0, -1)}ه`] : [stem]) {
    if (g.dualHeads.has(singular)) {
      const pair = dualPair(body, tokens, keys, g, i, singular, 0);
      if (pair) return pair;
    }
    // «لتنظيمي», «وحركتي»: a proclitic on the dual
    if (!mayCarryProclitics(singular, g.dualEndings)) continue;
    for (const c of cliticSplits(singular)) {
      const head = c.definite ? `ال${c.stem}` : c.stem;
      if (c.skip === 0 || !g.dualHeads.has(head)) continue;
      const pair = dualPair(body, tokens, keys, g, i, head, c.skip);
      if (pair) return pair;
    }
  }
  return null;
}

function dualPair(body: string, tokens: readonly Token[], keys: WordKeys, g: Gazetteer, i: number, head: string, skip: number): [Match, Match] | null {
  const node = g.root.get(head) as TrieNode;
  const firsts: Option[] = [];
  walk(node, i, skip, body, tokens, firsts);
  firsts.sort((x, y) => y.last - x.last);
  for (const o of firsts) {
    if (o.last === i) continue;
    const first = o.hit.guard ? resolve(o.hit.guard, i, o.last, skip, tokens, keys) : o.hit.entityId;
    if (first === null) continue;
    const k = nextWord(body, tokens, o.last);
    const conj = k >= 0 ? (tokens[k] as Token) : null;
    if (!conj || conj.kind !== 'arabic' || !conj.norm.startsWith('و')) continue;
    const rest = node.next?.get(conj.norm.slice(1));
    if (!rest) continue;
    const seconds: Option[] = [];
    walk(rest, k, 1, body, tokens, seconds);
    seconds.sort((x, y) => y.last - x.last);
    for (const s of seconds) {
      const second = s.hit.guard ? resolve(s.hit.guard, k, s.last, 1, tokens, keys) : s.hit.entityId;
      if (second !== null)
        return [
          { entityId: first, first: i, last: o.last, skip, method: 'gazetteer' },
          { entityId: second, first: k, last: s.last, skip: 1, method: 'gazetteer' },
        ];
    }
  }
  return null;
}

interface Option {
  last: number;
  skip: number;
  hit: Terminal;
}

/**
 * Every name of the trie starting with `start` at word i, as options (last word, proclitics,
 * terminal). Between two words of a name, an initial (a single letter, optionally with its dot)
 * may stand written and not in config: «مارك ت. إيسبر» and «مارك ت إسبر» are «مارك إسبر».
 */
function walk(start: TrieNode, i: number, skip: number, body: string, tokens: readonly Token[], options: Option[]): void {
  let node: TrieNode | undefined = start;
  let j = i;
  while (node) {
    if (node.hit) options.push({ last: j, skip, hit: node.hit });
    if (!node.next) break;
    const w = nextWord(body, tokens, j);
    if (w < 0) break;
    // an initial sits between words of a name; a name of single letters («أ ب», «د ب أ») is an acronym and skips none
    const initial = (tokens[j] as Token).norm.length > 1 ? initialEnd(tokens, w) : -1;
    if (initial >= 0) {
      const v = nextWord(body, tokens, initial);
      const across = v >= 0 ? node.next.get((tokens[v] as Token).norm) : undefined;
      if (across) walk(across, v, skip, body, tokens, options);
    }
    node = node.next.get((tokens[w] as Token).norm);
    j = w;
  }
}

/**
 * When token w is an initial, the index of its last token (w, or the dot right after it); else -1.
 * A lone «و» is the conjunction written apart, an initial only with its dot.
 */
function initialEnd(tokens: readonly Token[], w: number): number {
  const t = tokens[w] as Token;
  if ((t.kind !== 'arabic' && t.kind !== 'latin') || t.norm.length !== 1) return -1;
  const dot = tokens[w + 1];
  if (dot && dot.kind === 'punct' && dot.text === '.' && dot.start === t.end) return w + 1;
  return t.norm === 'و' ? -1 : w;
}

function resolve(guard: CompiledGuard, first: number, last: number, skip: number, tokens: readonly Token[], keys: WordKeys): string | null {
  const r = ruleFor(guard, first, last, skip, tokens, keys);
  return r ? r.then : guard.otherwise;
}

/** The first context rule whose conditions hold around the name (null: none, the guard's `otherwise` decides). */
function ruleFor(
  guard: CompiledGuard,
  first: number,
  last: number,
  skip: number,
  tokens: readonly Token[],
  keys: WordKeys,
): CompiledGuard['rules'][number] | null {
  for (const r of guard.rules) {
    if (r.precededBy) {
      const p = neighbour(tokens, first, -1);
      if (p < 0 || !keys.has(p, r.precededBy)) continue;
    }
    if (r.followedBy) {
      const f = neighbour(tokens, last, 1);
      if (f < 0 || !keys.has(f, r.followedBy)) continue;
    }
    if (r.proclitic) {
      const prefix = (tokens[first] as Token).norm.slice(0, skip);
      let any = false;
      for (const c of prefix) if (r.proclitic.has(c)) any = true;
      if (!any) continue;
    }
    if (r.near && !nearby(tokens, keys, first, last, r.window, r.near)) continue;
    if (r.inArticle && !keys.inArticle(r.inArticle)) continue;
    return r;
  }
  return null;
}

/** The nearest token before (dir -1) or after (dir 1) `from`, looking through quotes and brackets. */
function neighbour(tokens: readonly Token[], from: number, dir: 1 | -1): number {
  for (let k = from + dir; k >= 0 && k < tokens.length; k += dir) {
    const t = tokens[k] as Token;
    if (t.kind === 'punct' && TRANSPARENT.has(t.text)) continue;
    return k;
  }
  return -1;
}

function nearby(tokens: readonly Token[], keys: WordKeys, first: number, last: number, window: number, cues: ReadonlySet<string>): boolean {
  for (const [from, dir] of [
    [first, -1],
    [last, 1],
  ] as const) {
    let words = 0;
    for (let k = from + dir; k >= 0 && k < tokens.length && words < window; k += dir) {
      if ((tokens[k] as Token).kind === 'punct') continue;
      words++;
      if (keys.has(k, cues)) return true;
    }
  }
  return false;
}

/** The gazetteer's persons by the resolution key of each of their names; a key two persons share is left out. */
const PERSON_KEYS = new WeakMap<Gazetteer, ReadonlyMap<string, string>>();
function personKeysOf(g: Gazetteer): ReadonlyMap<string, string> {
  let keys = PERSON_KEYS.get(g);
  if (!keys) {
    const owners = new Map<string, string | null>();
    for (const e of g.entities.values()) {
      if (e.type !== 'person') continue;
      for (const name of [e.name_ar, ...e.variants]) {
        const k = resolutionKey(name);
        const owner = owners.get(k);
        owners.set(k, owner === undefined || owner === e.id ? e.id : null);
      }
    }
    const unique = new Map<string, string>();
    for (const [k, id] of owners) if (id) unique.set(k, id);
    PERSON_KEYS.set(g, (keys = unique));
  }
  return keys;
}

/** What coreference refuses as a short form, and the joining words of names: built once per gazetteer. */
const COREF_WORDS = new WeakMap<Gazetteer, CorefWords>();
function corefWordsOf(g: Gazetteer): CorefWords {
  let w = COREF_WORDS.get(g);
  if (!w) {
    const never = new Set([...ROLE_TABLES.stopwords, ...ROLE_TABLES.modifiers, ...ROLE_TABLES.nameEndings, ...g.adjectives]);
    const matchedAlone = (norm: string, entityId: string) => {
      const hit = g.root.get(norm)?.hit;
      return hit !== null && hit !== undefined && hit.entityId === entityId && hit.guard === null;
    };
    COREF_WORDS.set(g, (w = { never, connectors: ROLE_TABLES.connectors, matchedAlone }));
  }
  return w;
}
