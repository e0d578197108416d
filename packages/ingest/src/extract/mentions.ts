/**
 * Entity mentions of one article: gazetteer names (longest match first, non-overlapping,
 * proclitics allowed on the first word, context rules for shared spellings), then persons
 * introduced by a role (discover.ts), then the surnames of those persons used alone later on,
 * then what the statistical tagger (ner/) finds in the words none of these took.
 * Linear in tokens: one trie walk per word, hash lookups for every context cue, one Viterbi pass
 * per sentence.
 */
import { sentenceAt } from '../text/sentences.ts';
import { normalizeText, originalIndex } from '../text/normalize.ts';
import type { AnalyzedText, MentionHit, MentionMethod, Token } from '../types.ts';
import { defaultTagger, type Tagger } from '../ner/model.ts';
import { priorCode } from '../ner/features.ts';
import { labelSpans, type LabelSpan } from '../ner/labels.ts';
import { discoverNames, discoveredEntity, nextWord, notAName, prepositionalNoun, ROLE_TABLES, shapedLikeAWord, type Covered, type DiscoveredEntity } from './discover.ts';
import { cliticSplits } from '../text/clitics.ts';
import { lookupEndings, mayCarryProclitics, WordKeys, type CompiledGuard, type Gazetteer, type Terminal, type TrieNode } from './gazetteer.ts';

export type { DiscoveredEntity } from './discover.ts';

export interface MentionsResult {
  mentions: MentionHit[];
  /** The discovered entities mentioned (persons from roles and the tagger, organisations and locations from the tagger), once each. */
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
}

export function findMentions(a: AnalyzedText, g: Gazetteer, opts: MentionOptions = {}): MentionsResult {
  const tagger = opts.tagger === undefined ? defaultTagger() : opts.tagger;
  const found = ruleMentions(a, g);
  const { all, discovered, covered } = found;
  if (tagger) {
    for (const t of taggerMentions(a, g, tagger, found)) {
      all.push(t.match);
      if (!discovered.has(t.entity.entity_id)) discovered.set(t.entity.entity_id, t.entity);
    }
    all.sort((x, y) => x.first - y.first);
  }
  void covered;
  const mentions = all.map((m) => toHit(m, a));
  return { mentions, discovered: [...discovered.values()] };
}

interface RuleMentions {
  all: Match[];
  discovered: Map<string, DiscoveredEntity>;
  /** Per token: the index of the gazetteer match covering it, -2 for a role name, -1 for none. */
  covered: Int32Array;
  keys: WordKeys;
}

/** Gazetteer, role and surname mentions: what the rules find, in token order. */
function ruleMentions(a: AnalyzedText, g: Gazetteer): RuleMentions {
  const { body, tokens } = a;
  const keys = new WordKeys(tokens, [lookupEndingsOf(g)]);
  const matches = matchGazetteer(body, tokens, keys, g);

  const covered = new Int32Array(tokens.length).fill(-1);
  const hits: Covered[] = matches.map((m, h) => {
    for (let k = m.first; k <= m.last; k++) covered[k] = h;
    return { first: m.first, last: m.last, type: g.entities.get(m.entityId)?.type ?? 'location' };
  });
  const { names, extend } = discoverNames(body, tokens, keys, g, covered, hits);
  for (const x of extend) {
    const m = matches[x.hit] as Match;
    for (let k = x.first; k < m.first; k++) covered[k] = x.hit;
    m.first = x.first;
    m.skip = 0;
  }

  const all: Match[] = [...matches];
  const discovered = new Map<string, DiscoveredEntity>();
  for (const d of names) {
    all.push({ entityId: d.entity.entity_id, first: d.first, last: d.last, skip: 0, method: 'role' });
    discovered.set(d.entity.entity_id, d.entity);
    for (let k = d.first; k <= d.last; k++) covered[k] = -2;
  }
  const surnames = surnameMentions(tokens, keys, names, covered);
  for (const m of surnames) for (let k = m.first; k <= m.last; k++) covered[k] = -2;
  all.push(...surnames);
  all.sort((x, y) => x.first - y.first);
  return { all, discovered, covered, keys };
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

const TYPE_OF = { PER: 'person', LOC: 'location', ORG: 'organization' } as const;

/**
 * Score margin (Tagger.margin, the model's units) a one-word tagger person needs when no longer
 * name of the article ends with it: on an ANT sample, the one-word persons below it were mostly
 * common words («شهيد», «السعيد», «صبري»), those above mostly surnames («ميركل», «يونكر»).
 */
const SINGLE_NAME_MARGIN = 40;

/** Spans of one kind the tagger may not keep: not a name whatever the model says. */
const NOT_NAMES: ReadonlySet<string> = new Set([...ROLE_TABLES.stopwords, ...ROLE_TABLES.modifiers, ...ROLE_TABLES.connectors]);

/** The tagger's PER/LOC/ORG spans over the words the rules left, as discovered entities. */
function taggerMentions(a: AnalyzedText, g: Gazetteer, tagger: Tagger, found: RuleMentions): { match: Match; entity: DiscoveredEntity }[] {
  const { tokens, body } = a;
  const priors = priorsOf(tokens.length, found.all, found.discovered, g);
  const out: { match: Match; entity: DiscoveredEntity }[] = [];
  const tagged: { span: LabelSpan; offset: number; margin: number }[] = [];
  for (const [first, end] of sentenceRanges(a)) {
    const scored = tagger.tagScored(tokens, first, end, priors);
    for (const span of labelSpans(scored.labels)) {
      const margin = span.type === 'PER' ? tagger.margin(scored, end - first, span.first, span.last) : Infinity;
      tagged.push({ span, offset: first, margin });
    }
  }
  // last words of the persons of several words named in the article, by any method
  const surnames = new Set<string>();
  for (const m of found.all) {
    const type = g.entities.get(m.entityId)?.type ?? found.discovered.get(m.entityId)?.type;
    if (type === 'person' && m.last > m.first) surnames.add((tokens[m.last] as Token).norm);
  }
  for (const { span, offset } of tagged) if (span.type === 'PER' && span.last > span.first) surnames.add((tokens[offset + span.last] as Token).norm);
  for (const { span, offset, margin } of tagged) {
    if (span.type === 'MISC') continue;
    const m = keptSpan(span, offset, a, g, tagger, found, surnames, margin);
    if (!m) continue;
    const t0 = tokens[m.first] as Token;
    const start = t0.start + (m.skip > 0 ? originalIndex(t0.text, m.skip) : 0);
    const entity = discoveredEntity(body.slice(start, (tokens[m.last] as Token).end), TYPE_OF[span.type]);
    out.push({ match: { entityId: entity.entity_id, first: m.first, last: m.last, skip: m.skip, method: 'tagger' }, entity });
  }
  return out;
}

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
  persons: ReadonlySet<string>,
  margin: number,
): { first: number; last: number; skip: number } | null {
  const first = offset + span.first;
  const last = offset + span.last;
  const { tokens, body } = a;
  for (let k = first; k <= last; k++) {
    if (found.covered[k] !== -1) return null;
    const t = tokens[k] as Token;
    if (t.kind !== 'arabic' && t.kind !== 'latin') return null;
    if (k > first && nextWord(body, tokens, k - 1) !== k) return null;
  }
  const firstWord = tokens[first] as Token;
  const lastWord = tokens[last] as Token;
  if (first === last && (firstWord.norm.length < 2 || NOT_NAMES.has(firstWord.norm) || g.adjectives.has(firstWord.norm))) return null;
  if (found.keys.has(first, ROLE_WORDS) || NOT_NAMES.has(lastWord.norm)) return null;
  const skip = proclitics(firstWord, tagger);
  if (span.type === 'PER' && !plausiblePerson(a, first, last, skip, g, tagger, found, persons, margin)) return null;
  return { first, last, skip };
}

/** First words of the role phrases («الرئيس», «وزير»): a span starting with one took the title for a name. */
const ROLE_WORDS: ReadonlySet<string> = new Set(ROLE_TABLES.root.keys());

/** The most frequent words of the clusters' corpus (its file is in frequency order) that are not name words. */
const COMMON_WORDS = 10_000;
const commonWords = new WeakMap<Tagger, ReadonlySet<string>>();
function commonWordsOf(tagger: Tagger): ReadonlySet<string> {
  let set = commonWords.get(tagger);
  if (!set) {
    const out = new Set<string>();
    const names = tagger.resources.names;
    for (const w of tagger.resources.clusters?.of.keys() ?? []) {
      if (out.size >= COMMON_WORDS) break;
      if (!knownNameWord(w, tagger)) out.add(w);
    }
    commonWords.set(tagger, (set = out));
  }
  return set;
}

/**
 * After a name's first word, as role discovery reads it: «هاري وميغان» (a conjunction joins two
 * names), «كيم سيبقى» (a future verb), «دخلوا» (a plural verb), «فؤاد يقاضي» (an imperfect verb).
 */
const LATER_NOT_NAME = [/^[وف]/, /^س[يتن]..+/, /..وا$/, /^ي[^اويلسفز]/];

/** Nouns that head the name of an institution, a group or a place («شركة …», «فرقة …», «ملعب …»). */
const INSTITUTION_HEADS: ReadonlySet<string> = new Set([
  ...ROLE_TABLES.placeHeads,
  ...['شركة', 'مجموعة', 'جماعة', 'فرقة', 'منظمة', 'وكالة', 'مؤسسة', 'صحيفة', 'مجلة', 'قناة', 'موقع', 'بنك', 'مصرف', 'حزب', 'حركة', 'كتائب', 'لواء', 'نادي', 'فريق', 'منتخب', 'فندق', 'مطعم', 'برنامج', 'تطبيق', 'مستشفى', 'ماركة', 'علامة'].map(normalizeText),
]);

const QUOTES = new Set(['"', "'", '«', '»', '“', '”', '(', ')']);

/** A word the rules or the name lexicon know as part of persons' names. */
function knownNameWord(norm: string, tagger: Tagger): boolean {
  if (ROLE_TABLES.givenNames.has(norm) || ROLE_TABLES.shapeExceptions.has(norm)) return true;
  // a word the rules saw in names at least once in a hundred of its uses («عقد» only by mistake)
  return tagger.resources.names?.get(norm)?.some((code) => !code.endsWith(':0')) === true;
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
  persons: ReadonlySet<string>,
  margin: number,
): boolean {
  const { tokens } = a;
  const common = commonWordsOf(tagger);
  for (let k = first; k <= last; k++) {
    const t = tokens[k] as Token;
    const norm = k === first && skip > 0 ? t.norm.slice(skip) : t.norm;
    const inside = k > first && k < last && ROLE_TABLES.connectors.has(norm);
    if (inside) continue;
    if (g.adjectives.has(norm) || ROLE_TABLES.modifiers.has(norm) || ROLE_TABLES.stopwords.has(norm)) return false;
    if (knownNameWord(norm, tagger)) continue;
    if (t.kind !== 'arabic') continue;
    if (common.has(norm) || notAName(t)) return false;
    const afterConnector = k > first && ROLE_TABLES.connectors.has((tokens[k - 1] as Token).norm);
    if (skip === 0 && shapedLikeAWord(t, k === first, afterConnector)) return false;
    if ((k > first || skip === 0) && prepositionalNoun(norm)) return false;
    if (k === first) {
      // «وأغيرو»: a conjunction the proclitic reading did not remove; «اسألوا»: a plural verb
      if (skip === 0 && /^[وف]/.test(norm) && !ROLE_TABLES.wNames.has(norm)) return false;
      if (/..وا$/.test(norm)) return false;
      // «يتسلح برونالدو»: an imperfect verb; «المتخلي حسين العباسي»: a definite noun or participle before the name
      if (/^ي/.test(norm) && !ROLE_TABLES.yNames.has(norm)) return false;
      if (last > first && norm.startsWith('ال')) return false;
    } else if (LATER_NOT_NAME.some((re) => re.test(norm)) && !ROLE_TABLES.yNames.has(norm) && !ROLE_TABLES.wNames.has(norm)) {
      return false;
    }
  }
  // «وسام Padma Shri»: a name is written in one script
  for (let k = first + 1; k <= last; k++) if ((tokens[k] as Token).kind !== (tokens[first] as Token).kind) return false;
  // «شركة إديسون سوفتوير», «مدينة الأمير محمد بن عبد العزيز»: a name after an institution's or a place's noun names the institution
  for (let k = first - 1, words = 0; k >= 0 && words < 2; k--) {
    const t = tokens[k] as Token;
    if (t.kind === 'punct') {
      if (QUOTES.has(t.text)) continue;
      break;
    }
    words++;
    if (found.keys.has(k, INSTITUTION_HEADS)) return false;
  }
  // «#محمد_مهران»: the name goes on through a hashtag mark the tagger stopped at
  if (tokens[first - 1]?.text === '_' || tokens[last + 1]?.text === '_') return false;
  // a word alone is taken as the surname of a longer name of the article, or when the model is sure
  // of it; a common first name alone is anyone
  if (first === last) {
    const norm = (tokens[first] as Token).norm.slice(skip);
    return (persons.has(norm) || margin >= SINGLE_NAME_MARGIN) && !ROLE_TABLES.givenNames.has(norm);
  }
  return true;
}

/** Letters of conjunction or preposition to leave out of the surface: «وأوباما» → «أوباما». */
function proclitics(t: Token, tagger: Tagger): number {
  if (t.kind !== 'arabic') return 0;
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
  return { entityId: m.entityId, surface: a.body.slice(start, end), start, end, sentence: sentenceAt(a.sentenceStarts, start), method: m.method };
}

/** Greedy left to right: at each word the longest name that its context rules keep. */
function matchGazetteer(body: string, tokens: readonly Token[], keys: WordKeys, g: Gazetteer): Match[] {
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
    options.length = 0;
    const whole = g.root.get(t.norm);
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
      for (const o of options) {
        const id = o.hit.guard ? resolve(o.hit.guard, i, o.last, o.skip, tokens, keys) : o.hit.entityId;
        if (id !== null) {
          taken = { entityId: id, first: i, last: o.last, skip: o.skip, method: 'gazetteer' };
          break;
        }
      }
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
      i++;
    }
  }
  return out;
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
    const initial = initialEnd(tokens, w);
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
    return r.then;
  }
  return guard.otherwise;
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
  for (const [from, dir] of [[first, -1], [last, 1]] as const) {
    let words = 0;
    for (let k = from + dir; k >= 0 && k < tokens.length && words < window; k += dir) {
      if ((tokens[k] as Token).kind === 'punct') continue;
      words++;
      if (keys.has(k, cues)) return true;
    }
  }
  return false;
}

/**
 * «مايكل شوركين» introduced once, «شوركين» later: the last word of a discovered multi-word name
 * stands for the person in the rest of the article, unless two discovered names share it.
 */
function surnameMentions(tokens: readonly Token[], keys: WordKeys, names: readonly { entity: DiscoveredEntity; first: number; last: number }[], covered: Int32Array): Match[] {
  const bySurname = new Map<string, string | null>();
  const firstSeen = new Map<string, number>();
  for (const d of names) {
    if (d.last === d.first) continue;
    const surname = (tokens[d.last] as Token).norm;
    if (surname.length < 3) continue;
    const owner = bySurname.get(surname);
    bySurname.set(surname, owner === undefined || owner === d.entity.entity_id ? d.entity.entity_id : null);
    if (!firstSeen.has(surname)) firstSeen.set(surname, d.last);
  }
  if (bySurname.size === 0) return [];
  const endings = lookupEndings(bySurname.keys());
  const out: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (covered[i] !== -1 || t.kind !== 'arabic') continue;
    if (!bySurname.has(t.norm) && !mayCarryProclitics(t.norm, endings)) continue;
    for (const k of keys.at(i)) {
      const id = bySurname.get(k.key);
      if (id && i > (firstSeen.get(k.key) ?? Infinity)) {
        out.push({ entityId: id, first: i, last: i, skip: k.skip, method: 'coref' });
        break;
      }
    }
  }
  return out;
}
