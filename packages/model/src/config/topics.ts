/**
 * The topic taxonomy (data/config/topics.yaml): weighted cue phrases per topic plus exclusion
 * phrases, in the manner of GDELT's theme dictionaries. Scoring lives in
 * packages/ingest/src/extract/topics.ts; this module only reads and validates.
 */
import path from 'node:path';
import { isMap, isSeq } from 'yaml';
import { ConfigError, ConfigNode, uniqueIds } from './node.ts';

export interface TopicCue {
  /**
   * As the analyst wrote it; matching normalises both sides. `*` ends a stem, `...` is a gap of a
   * few words, `A + B` means every part in one sentence. For a pattern, a readable rendering of it.
   */
  text: string;
  weight: number;
  /** Explicit stable id (topic_evidence.cue_id); when absent the id is derived from the text. */
  id?: string;
  /**
   * A pattern: word sets matched in order, each element a word or a few words matched on their
   * light stems (article, proclitics, plural, dual, feminine and pronoun endings left out), with at
   * most `window` other words between two consecutive sets.
   */
  pattern?: string[][];
  window?: number;
  /** Context every occurrence of this cue needs (besides the topic's own `requires`). */
  requires?: TopicRequirement[];
  /** file:line of the cue, for errors found when compiling. */
  where?: string;
}

/**
 * Context an occurrence needs: any of the listed entities (by id), countries (ISO code of a
 * mentioned country, place or official) or words (light-stem phrases) is mentioned — within `window`
 * words of the occurrence when a window is given, anywhere in the article otherwise. A topic's or a
 * cue's requirements all must hold.
 */
export interface TopicRequirement {
  entities?: string[];
  countries?: string[];
  words?: string[];
  window?: number;
}

export interface TopicEntityCue {
  id: string;
  weight: number;
}

export interface TopicDef {
  id: string;
  label_ar: string;
  label_en: string;
  description?: string;
  cues: TopicCue[];
  /** Cues for English and French articles (articles.lang), in the same syntax; Arabic `cues` serve Arabic ones. */
  cues_en?: TopicCue[];
  cues_fr?: TopicCue[];
  /** Phrases that silence this topic's cues in the sentence where they occur. */
  exclude: string[];
  /** Entity ids whose mention in the article adds weight (only to a topic that already has a text cue). */
  entities?: TopicEntityCue[];
  /** Context every cue occurrence of the topic needs; an occurrence without it does not count. */
  requires?: TopicRequirement[];
  min_score?: number;
}

export const TOPICS_FILE = 'topics.yaml';
export const MAX_CUE_WEIGHT = 3;
/** A gap token inside a cue: a few other words may stand there (GAP_WORDS in packages/ingest/src/extract/topics.ts). */
export const CUE_GAP = '...';
/** Most words a pattern's window, or a requirement's window, may span. */
export const MAX_WINDOW = 30;
export const DEFAULT_PATTERN_WINDOW = 3;

const TOPIC_KEYS = [
  'id',
  'label_ar',
  'label_en',
  'description',
  'cues',
  'cues_en',
  'cues_fr',
  'patterns',
  'exclude',
  'entities',
  'requires',
  'min_score',
] as const;
/** Languages with cue lists of their own, beside the Arabic `cues`. */
export const CUE_LANGS = ['en', 'fr'] as const;
export type CueLang = (typeof CUE_LANGS)[number];
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const CUE_KEYS = ['id', 'text', 'pattern', 'window', 'weight', 'requires'] as const;
const REQUIRE_KEYS = ['entities', 'countries', 'words', 'window'] as const;

export function loadTopics(configDir: string, knownEntityIds?: ReadonlySet<string>): TopicDef[] {
  return readTopics(ConfigNode.load(path.join(configDir, TOPICS_FILE)), knownEntityIds);
}

/** `knownEntityIds`, when given, is checked against the topics' entity cues. */
export function parseTopics(file: string, text: string, knownEntityIds?: ReadonlySet<string>): TopicDef[] {
  return readTopics(ConfigNode.parse(file, text), knownEntityIds);
}

function readTopics(root: ConfigNode, knownEntityIds?: ReadonlySet<string>): TopicDef[] {
  root.only(['topics']);
  const list = root.get('topics').required('a list of topics');
  const topicId = uniqueIds('topic');
  const topics = list.items().map((node) => {
    node.only(TOPIC_KEYS);
    const id = topicId(node.get('id'));

    const entityCheck = (entityId: string, at: ConfigNode) => {
      if (!/^[a-z0-9][a-z0-9_:-]*$/.test(entityId)) at.fail(`expected an entity id, got "${entityId}"`);
      if (knownEntityIds && !knownEntityIds.has(entityId)) at.fail(`unknown entity id "${entityId}" (not in entities.yaml)`);
    };
    const cueIds = new Map<string, number>();
    const cues = weightedList(node.get('cues'), 'cue', (text, at) => checkCueText(text, at), entityCheck);
    const patterns = node
      .get('patterns')
      .items()
      .map((item) => {
        if (!isMap(item.node)) item.fail('expected a mapping with "pattern" (a list of word lists), "window" and "weight"');
        if (item.get('pattern').isMissing) item.fail('is required: pattern (a list of word lists)');
        return cueItem(item, entityCheck);
      });
    cues.push(...patterns);
    if (cues.length === 0) node.get('cues').fail('needs at least one cue');
    for (const cue of cues) {
      if (cue.id === undefined) continue;
      const first = cueIds.get(cue.id);
      if (first !== undefined) throw ConfigError.at(cue.where ?? root.file, `duplicate cue id "${cue.id}" (first defined at line ${first})`);
      cueIds.set(cue.id, Number(/:(\d+)$/.exec(cue.where ?? '')?.[1] ?? 0));
    }
    const topicRequires = requirements(node.get('requires'), entityCheck);
    const latinCues = CUE_LANGS.map((lang) =>
      weightedList(
        node.get(`cues_${lang}`),
        'cue',
        (text, at) => {
          checkCueText(text, at);
          if (ARABIC_LETTER.test(text)) at.fail(`"${text}": cues_${lang} are ${lang === 'en' ? 'English' : 'French'} phrases; Arabic cues go in "cues"`);
        },
        entityCheck,
      ),
    );
    const exclude = node
      .get('exclude')
      .items()
      .map((n) => {
        const phrase = n.string();
        checkCueText(phrase, n);
        if (/\s\+\s/.test(phrase)) n.fail(`"${phrase}": an exclusion is a phrase; "A + B" is for cues`);
        return phrase;
      });
    const entities = weightedList(node.get('entities'), 'entity', entityCheck, entityCheck);

    const minNode = node.get('min_score');
    const minScore = minNode.isMissing ? undefined : minNode.number();
    if (minScore !== undefined && !(minScore > 0 && minScore < 1)) minNode.fail(`min_score must be between 0 and 1, got ${minScore}`);

    const description = node.get('description').optString();
    const def: TopicDef = {
      id,
      label_ar: node.get('label_ar').string(),
      label_en: node.get('label_en').string(),
      cues,
      exclude,
    };
    if (description !== null) def.description = description;
    if (entities.length > 0) def.entities = entities.map((e) => ({ id: e.text, weight: e.weight }));
    if (topicRequires.length > 0) def.requires = topicRequires;
    CUE_LANGS.forEach((lang, i) => {
      const list = latinCues[i] as TopicCue[];
      if (list.length > 0) def[`cues_${lang}`] = list;
    });
    if (minScore !== undefined) def.min_score = minScore;
    return def;
  });
  if (topics.length === 0) list.fail('needs at least one topic');
  return topics;
}

/**
 * Cues are written either as a mapping `phrase: weight` (the compact form analysts use) or as a
 * list whose items are `{ text, weight }` or a bare phrase (weight 1).
 */
function weightedList(
  node: ConfigNode,
  what: string,
  check: (text: string, at: ConfigNode) => void,
  entityCheck: (id: string, at: ConfigNode) => void,
): TopicCue[] {
  if (node.isMissing) return [];
  const out: TopicCue[] = [];
  const seen = new Set<string>();
  const add = (cue: TopicCue, textAt: ConfigNode, weightAt: ConfigNode) => {
    if (cue.pattern === undefined) check(cue.text, textAt);
    if (seen.has(cue.text)) textAt.fail(`duplicate ${what} "${cue.text}"`);
    seen.add(cue.text);
    if (!(cue.weight > 0 && cue.weight <= MAX_CUE_WEIGHT)) weightAt.fail(`weight must be in (0, ${MAX_CUE_WEIGHT}], got ${cue.weight}`);
    out.push(cue);
  };
  if (isSeq(node.node)) {
    for (const item of node.items()) {
      if (!isMap(item.node)) {
        add({ text: item.string(), weight: 1 }, item, item);
        continue;
      }
      if (what !== 'cue') {
        item.only(['text', 'weight']);
        add({ text: item.get('text').string(), weight: item.get('weight').optNumber(1) }, item.get('text'), item.get('weight'));
        continue;
      }
      add(cueItem(item, entityCheck), item.get('text').isMissing ? item : item.get('text'), item.get('weight'));
    }
    return out;
  }
  for (const [text, value] of node.entries()) {
    if (what === 'cue' && isMap(value.node)) {
      // `phrase: { weight, requires, id }`: the compact form with a scope
      value.only(['id', 'weight', 'requires']);
      const cue = cueItem(value, entityCheck, text.trim());
      add(cue, value, value.get('weight'));
      continue;
    }
    add({ text: text.trim(), weight: value.number() }, value, value);
  }
  return out;
}

/** A cue written as a mapping: `{ text | pattern, window, weight, id, requires }`. */
function cueItem(item: ConfigNode, entityCheck: (id: string, at: ConfigNode) => void, keyText?: string): TopicCue {
  if (keyText === undefined) item.only(CUE_KEYS);
  const patternNode = item.get('pattern');
  const textNode = item.get('text');
  const weightNode = item.get('weight');
  const weight = weightNode.optNumber(1);
  let cue: TopicCue;
  if (!patternNode.isMissing) {
    if (!textNode.isMissing) textNode.fail('a cue has either "text" or "pattern", not both');
    const pattern = patternWords(patternNode);
    const windowNode = item.get('window');
    const window = windowNode.optNumber(DEFAULT_PATTERN_WINDOW);
    if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW)
      windowNode.fail(`window must be a whole number of words from 0 to ${MAX_WINDOW}, got ${window}`);
    cue = { text: pattern.map((set) => `[${set.join('|')}]`).join(` ~${window} `), weight, pattern, window };
  } else {
    if (!item.get('window').isMissing) item.get('window').fail('"window" belongs to a "pattern" cue');
    cue = { text: keyText ?? textNode.required('the cue phrase (or "pattern")').string(), weight };
  }
  const idNode = item.get('id');
  if (!idNode.isMissing) cue.id = idNode.id();
  const requires = requirements(item.get('requires'), entityCheck);
  if (requires.length > 0) cue.requires = requires;
  // where is kept for what the scorer checks when compiling (pattern words) and for duplicate ids
  if (cue.pattern || cue.id !== undefined) cue.where = `${item.file}:${item.line}`;
  return cue;
}

/** `[[مكافحة, محاربة], [الإرهاب, الجماعات المتشددة]]`: at least two sets, each of words. */
function patternWords(node: ConfigNode): string[][] {
  const sets = node.items();
  if (!isSeq(node.node) || sets.length < 2) node.fail('a pattern is a list of at least two word lists, e.g. [[مكافحة, محاربة], [الإرهاب]]');
  return sets.map((set) => {
    if (!isSeq(set.node)) set.fail('expected a list of words, e.g. [مكافحة, محاربة]');
    const words = set.stringItems().map(([w, at]) => {
      checkPatternWord(w, at);
      return w;
    });
    if (words.length === 0) set.fail('a word list of a pattern is empty');
    return words;
  });
}

function checkPatternWord(phrase: string, at: ConfigNode): void {
  for (const w of phrase.split(/\s+/)) {
    if (w === CUE_GAP || w === '+') at.fail(`"${phrase}": "${w}" has no place in a pattern word (the pattern's window stands for the gap)`);
    const bare = w.replace(/^=/, '').replace(/\*$/, '');
    if (/[=*]/.test(bare)) at.fail(`"${phrase}": "=" may only start a word and "*" only end one`);
    if (bare.length < 2) at.fail(`"${phrase}": a word needs at least 2 letters`);
  }
}

function requirements(node: ConfigNode, entityCheck: (id: string, at: ConfigNode) => void): TopicRequirement[] {
  return node.items().map((item) => {
    if (!isMap(item.node)) item.fail('expected a mapping with entities, countries or words (and an optional window)');
    item.only(REQUIRE_KEYS);
    const r: TopicRequirement = {};
    const entities = item.get('entities').stringItems();
    for (const [id, at] of entities) entityCheck(id, at);
    if (entities.length) r.entities = entities.map(([id]) => id);
    const countries = item
      .get('countries')
      .stringItems()
      .map(([, at]) => at.country());
    if (countries.length) r.countries = countries;
    const words = item.get('words').stringItems();
    for (const [w, at] of words) checkPatternWord(w, at);
    if (words.length) r.words = words.map(([w]) => w);
    if (!r.entities && !r.countries && !r.words) item.fail('a requirement needs entities, countries or words');
    const windowNode = item.get('window');
    if (!windowNode.isMissing) {
      const window = windowNode.number();
      if (!Number.isInteger(window) || window < 0 || window > MAX_WINDOW)
        windowNode.fail(`window must be a whole number of words from 0 to ${MAX_WINDOW}, got ${window}`);
      r.window = window;
    }
    return r;
  });
}

function checkCueText(text: string, at: ConfigNode): void {
  for (const part of text.split(/\s\+\s/)) {
    const words = part.split(/\s+/).filter(Boolean);
    if (words.length === 0) at.fail(`"${text}": a part of a "A + B" cue is empty`);
    if (words[0] === CUE_GAP || words[words.length - 1] === CUE_GAP) at.fail(`"${text}": a phrase cannot start or end with "${CUE_GAP}"`);
    for (const w of words) {
      if (w === CUE_GAP) continue;
      const star = w.indexOf('*');
      if (star >= 0 && star !== w.length - 1) at.fail(`"${text}": "*" may only end a word`);
      if (star >= 0 && w.length < 4) at.fail(`"${text}": a stem before "*" needs at least 3 letters`);
    }
  }
}
