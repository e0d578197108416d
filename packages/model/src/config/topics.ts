/**
 * The topic taxonomy (data/config/topics.yaml): weighted cue phrases per topic plus exclusion
 * phrases, in the manner of GDELT's theme dictionaries. Scoring lives in
 * packages/ingest/src/extract/topics.ts; this module only reads and validates.
 */
import path from 'node:path';
import { isMap, isSeq } from 'yaml';
import { ConfigNode, uniqueIds } from './node.ts';

export interface TopicCue {
  /**
   * As the analyst wrote it; matching normalises both sides. `*` ends a stem, `...` is a gap of a
   * few words, `A + B` means every part in one sentence.
   */
  text: string;
  weight: number;
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
  min_score?: number;
}

export const TOPICS_FILE = 'topics.yaml';
export const MAX_CUE_WEIGHT = 3;
/** A gap token inside a cue: a few other words may stand there (GAP_WORDS in packages/ingest/src/extract/topics.ts). */
export const CUE_GAP = '...';

const TOPIC_KEYS = ['id', 'label_ar', 'label_en', 'description', 'cues', 'cues_en', 'cues_fr', 'exclude', 'entities', 'min_score'] as const;
/** Languages with cue lists of their own, beside the Arabic `cues`. */
export const CUE_LANGS = ['en', 'fr'] as const;
export type CueLang = (typeof CUE_LANGS)[number];
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

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

    const cues = weightedList(node.get('cues'), 'cue', (text, at) => checkCueText(text, at));
    if (cues.length === 0) node.get('cues').fail('needs at least one cue');
    const latinCues = CUE_LANGS.map((lang) =>
      weightedList(node.get(`cues_${lang}`), 'cue', (text, at) => {
        checkCueText(text, at);
        if (ARABIC_LETTER.test(text)) at.fail(`"${text}": cues_${lang} are ${lang === 'en' ? 'English' : 'French'} phrases; Arabic cues go in "cues"`);
      }),
    );
    const exclude = node.get('exclude').items().map((n) => {
      const phrase = n.string();
      checkCueText(phrase, n);
      if (/\s\+\s/.test(phrase)) n.fail(`"${phrase}": an exclusion is a phrase; "A + B" is for cues`);
      return phrase;
    });
    const entities = weightedList(node.get('entities'), 'entity', (entityId, at) => {
      if (!/^[a-z0-9][a-z0-9_:-]*$/.test(entityId)) at.fail(`expected an entity id, got "${entityId}"`);
      if (knownEntityIds && !knownEntityIds.has(entityId)) at.fail(`unknown entity id "${entityId}" (not in entities.yaml)`);
    });

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
    CUE_LANGS.forEach((lang, i) => {
      const list = latinCues[i] as TopicCue[];
      if (list.length > 0) def[`cues_${lang}`] = list;
    });
    if (entities.length > 0) def.entities = entities.map((e) => ({ id: e.text, weight: e.weight }));
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
function weightedList(node: ConfigNode, what: string, check: (text: string, at: ConfigNode) => void): TopicCue[] {
  if (node.isMissing) return [];
  const out: TopicCue[] = [];
  const seen = new Set<string>();
  const add = (text: string, weight: number, textAt: ConfigNode, weightAt: ConfigNode) => {
    check(text, textAt);
    if (seen.has(text)) textAt.fail(`duplicate ${what} "${text}"`);
    seen.add(text);
    if (!(weight > 0 && weight <= MAX_CUE_WEIGHT)) weightAt.fail(`weight must be in (0, ${MAX_CUE_WEIGHT}], got ${weight}`);
    out.push({ text, weight });
  };
  if (isSeq(node.node)) {
    for (const item of node.items()) {
      if (!isMap(item.node)) {
        add(item.string(), 1, item, item);
        continue;
      }
      item.only(['text', 'weight']);
      add(item.get('text').string(), item.get('weight').optNumber(1), item.get('text'), item.get('weight'));
    }
    return out;
  }
  for (const [text, value] of node.entries()) add(text.trim(), value.number(), value, value);
  return out;
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
