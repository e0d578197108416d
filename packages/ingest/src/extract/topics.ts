/**
 * Topic tagging with weighted cue phrases and exclusion phrases (GDELT-style theme dictionaries).
 *
 * Matching: cues and body are compared in their matching form (text/normalize.ts). A cue's first
 * word is looked up once per body word, through a map built from the config, on every proclitic
 * reading of the word (text/clitics.ts), so «والإرهاب», «بالإرهاب», «للإرهاب» all reach the cue
 * «الإرهاب». A cue word written without ال also matches the word with it («إرهاب» finds
 * «الإرهاب», «جماعات إرهابية» finds «الجماعات الإرهابية»); a word written with ال needs it. The
 * later words of a phrase may carry the preposition ل («عمليات لحفظ السلام»).
 * Cue syntax: a word ending in `*` is a stem («إرهابي*» finds «الإرهابيين»); `...` stands for up
 * to GAP_WORDS words; `A + B` is a co-occurrence cue, scored once per sentence that holds every part.
 * A phrase never runs across a sentence end or a comma. Per topic, overlapping cues count once
 * (leftmost, then longest).
 *
 * Exclusions: an exclusion phrase of a topic cancels the topic's cue occurrence it overlaps
 * («الطاقة الاستيعابية» cancels «الطاقة»; «القاعدة الجوية» cancels «القاعدة»); one that overlaps
 * no cue silences the topic in its sentence («ركلة جزاء» next to «هجوم انتحاري»).
 *
 * Scope: a topic's and a cue's `requires` (entities, countries, words; article-wide or within a
 * window of words) must all be met near an occurrence for it to count; the scan records where
 * each requirement's words and mentions are, and occurrences are checked after it.
 *
 * Score of a topic, with n_c the occurrences of cue c of weight w_c and L the article's words:
 *   S = Σ_c w_c · (1 + ½·log2 n_c)            repeats add, with diminishing returns
 *     + Σ_e w_e over mentioned entity cues     (only when the text already gave S > 0)
 *   λ = max(1, √(L / REF_WORDS))               a long article needs more evidence
 *   lead = 1 when an occurrence is in the headline or the first sentence after it, else 0
 *   score = σ(A + B · ln(S / λ) + C · lead)    calibrated: the chance the topic is right
 * Calibration: 298 assignments of the 16 topics on ANT judged by hand (src/bench/topic-judgements.csv:
 * ids, topic, label), 153 spread over the range of S/λ with the thresholds off and 200 sampled from the
 * kept assignments of an earlier run, the rest dropped by the scopes of topics.yaml), fitted by logistic
 * regression: A = −0.372, B = 1.919, C = 0.714 (log-likelihood −107.3; a bias per topic gained 5 points
 * for 16 parameters, the number of sentences with evidence nothing). Right means the article says at
 * least one thing within the topic's scope — an agenda item counts, as in the seeds' expectations;
 * wrong means another sense of the cue, another scope, or a bare name with nothing said about the topic.
 * Observed right, without / with the lead: S/λ < 1.2: 26% / 27%; 1.2–1.85: 56% / 67%; 1.85–2.5:
 * 66% / 96%; ≥ 2.5: 91% / 96%. A score of 0.5 is as likely right as wrong. The threshold is set on
 * that scale: a topic is kept when score ≥ min_score, by default 0.7 (at least 70% likely right), so that
 * the kept assignments' mean score — their expected share right — is about 0.87 on ANT, averaged over
 * the topics (0.80 with a threshold of 0.5, 0.81 with 0.6). With no cue in the lead that is S/λ ≥ 1.89:
 * one defining cue (weight 2) or two strong ones; in the lead, S/λ ≥ 1.30.
 */
import { CUE_LANGS, DEFAULT_PATTERN_WINDOW, type TopicCue, type TopicDef, type TopicRequirement } from '@mirsad/model/config/topics';
import { cliticSplits, withoutArticle } from '../text/clitics.ts';
import { normalizeText, originalIndex } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import { keyBits, mayBeKey, mayStart, startBits, startCode, unitsHash, type KeyBits, type StartBits } from '../text/trie.ts';
import type { AnalyzedText, Token, TopicHit, TopicOccurrence } from '../types.ts';

/** See the module comment: at least 70% likely right. */
const DEFAULT_MIN_SCORE = 0.7;
/** Logistic calibration of ln(S/λ) and the lead (see the module comment). */
const CALIBRATION_A = -0.372;
const CALIBRATION_B = 1.919;
const CALIBRATION_LEAD = 0.714;
const REF_WORDS = 700;
/** Sentences 0..LEAD_SENTENCE are the headline and the lead. */
const LEAD_SENTENCE = 1;
const GAP_WORDS = 3;
const MAX_EVIDENCE = 12;
const GAP = '...';
const LAM = 0x0644;
const ALEF = 0x0627;

/**
 * A word of a cue. `light`: compared on light stems (lightStem), so that definite, plural, dual,
 * feminine and construct forms of the word all match; otherwise on the form written (`stem`: as a
 * prefix), with ال optional unless `definite`.
 */
interface WordStep {
  kind: 'word';
  norm: string;
  stem: boolean;
  definite: boolean;
  light: boolean;
  /** startCode of norm, for a light step: a body word that cannot reach it is not stemmed. */
  start?: number;
}
/** One of several word sequences, after at most `window` other words (a pattern's next set). */
interface SetStep {
  kind: 'set';
  options: WordStep[][];
  window: number;
  /** Options by the light stem of their first word, so a body word is tried only against the options it can start. */
  byFirstStem: ReadonlyMap<string, WordStep[][]>;
  /** Options whose first word is matched otherwise (`=word`, `word*`, Latin). */
  otherOptions: WordStep[][];
  /** startCode of every key of byFirstStem: a body word none of whose readings starts so is skipped without stemming. */
  firstStarts: StartBits;
}
type Step = { kind: 'gap' } | WordStep | SetStep;

/** What a cue counts towards: a topic's weight, an exclusion, or one part of a co-occurrence cue. */
interface Scored {
  topic: number;
  weight: number;
  text: string;
  /** topic_evidence.cue_id */
  id: string;
  /** Number of parts for a co-occurrence cue, 1 otherwise. */
  parts: number;
  /** Indexes into CompiledTopics.requirements that each occurrence needs (the topic's and the cue's). */
  requires: readonly number[];
}

interface Phrase {
  owner: Scored;
  /** Index of this phrase among the owner's parts. */
  part: number;
  exclusion: boolean;
  /** For a word of requirements: the requirements (indexes into CompiledTopics.requirements) it meets; empty for cues and exclusions. */
  contexts: number[];
  /** The first word carries ال: the body word must too. */
  firstDefinite: boolean;
  rest: Step[];
  /** Scratch for candidatesOf. */
  stamp: number;
}

interface CompiledTopic {
  id: string;
  minScore: number;
  entities: readonly { id: string; weight: number }[];
}

interface CompiledRequirement {
  entities: ReadonlySet<string>;
  countries: ReadonlySet<string>;
  /** Words either side of the occurrence; null: anywhere in the article. */
  window: number | null;
}

export interface CompiledTopics {
  readonly topics: readonly CompiledTopic[];
  readonly requirements: readonly CompiledRequirement[];
  /** First word (without ال) → phrases starting with it. */
  readonly exact: ReadonlyMap<string, readonly Phrase[]>;
  /** Light stem of a first word → phrases (pattern and requirement words). */
  readonly light: ReadonlyMap<string, readonly Phrase[]>;
  /** Stem of a first word written with `*` → phrases; looked up at each length in stemLengths. */
  readonly stems: ReadonlyMap<string, readonly Phrase[]>;
  readonly stemLengths: readonly number[];
  /** Codes of the first letters of every key (see startCode): a word whose readings start with none of them starts no cue. */
  readonly keyStarts: StartBits;
  /** The same per map: a reading whose start is in none of them needs no lookup there. */
  readonly exactStarts: StartBits;
  readonly stemStarts: StartBits;
  readonly lightStarts: StartBits;
  /** keyBits of each map's keys: a reading whose span's bit is clear is not sliced to be looked up. */
  readonly exactBits: KeyBits;
  readonly stemBits: KeyBits;
  readonly lightBits: KeyBits;
  /** The same taxonomy with the cues of another language (cues_en, cues_fr), for articles in it. */
  readonly languages: ReadonlyMap<string, CompiledTopics>;
}

/** A phrase's words, split the way tokenize splits body text, keeping `*` and `...`. */
function phraseSteps(text: string): Step[] {
  const steps: Step[] = [];
  for (const piece of text.trim().split(/\s+/)) {
    if (piece === GAP || piece === '…') {
      steps.push({ kind: 'gap' });
      continue;
    }
    const stem = piece.endsWith('*');
    const words = tokenize(normalizeText(stem ? piece.slice(0, -1) : piece)).filter((t) => t.kind !== 'punct');
    words.forEach((w, i) => {
      const definite = w.kind === 'arabic' && w.norm.startsWith('ال') && w.norm.length >= 4;
      steps.push({ kind: 'word', norm: definite ? w.norm.slice(2) : w.norm, stem: stem && i === words.length - 1, definite, light: false });
    });
  }
  return steps;
}

/**
 * The words of a pattern element or a requirement word: each matched on its light stem, unless
 * written `=word` (the form as written, article optional) or `word*` (a prefix).
 */
function lightSteps(text: string): WordStep[] {
  const steps: WordStep[] = [];
  for (const piece of text.trim().split(/\s+/)) {
    const exactForm = piece.startsWith('=');
    const bare = exactForm ? piece.slice(1) : piece;
    const stem = bare.endsWith('*');
    const words = tokenize(normalizeText(stem ? bare.slice(0, -1) : bare)).filter((t) => t.kind !== 'punct');
    words.forEach((w, i) => {
      const isStem = stem && i === words.length - 1;
      if (exactForm || isStem || w.kind !== 'arabic') {
        const definite = w.kind === 'arabic' && w.norm.startsWith('ال') && w.norm.length >= 4;
        steps.push({ kind: 'word', norm: definite ? w.norm.slice(2) : w.norm, stem: isStem, definite: definite && exactForm, light: false });
      } else {
        const norm = lightStem(withoutArticle(w.norm).stem);
        steps.push({ kind: 'word', norm, stem: false, definite: false, light: true, start: startCode(norm, 0) });
      }
    });
  }
  return steps;
}

/** A cue's id in topic_evidence: the analyst's `id`, or the topic and the cue as written. */
export function cueIdOf(topicId: string, cue: TopicCue): string {
  return cue.id ?? `${topicId}:${cue.text}`;
}

export function compileTopics(defs: readonly TopicDef[]): CompiledTopics {
  const languages = new Map<string, CompiledTopics>();
  for (const lang of CUE_LANGS) {
    if (defs.some((d) => d[`cues_${lang}`])) languages.set(lang, compileCues(defs, lang, new Map()));
  }
  return compileCues(defs, 'ar', languages);
}

/**
 * One language's cues: Arabic `cues` and `exclude`, or `cues_<lang>`. An exclusion is an Arabic phrase
 * and so is a requirement's `words`: in English or French text they have nothing to match, so a Latin
 * taxonomy keeps only the requirements that entities or countries can meet.
 */
function compileCues(defs: readonly TopicDef[], lang: 'ar' | (typeof CUE_LANGS)[number], languages: ReadonlyMap<string, CompiledTopics>): CompiledTopics {
  const arabic = lang === 'ar';
  const cuesOf = (def: TopicDef): readonly TopicCue[] => (arabic ? def.cues : (def[`cues_${lang}`] ?? []));
  const scoped = (list: readonly TopicRequirement[] | undefined) =>
    arabic ? list : list?.filter((r) => (r.entities?.length ?? 0) + (r.countries?.length ?? 0) > 0);
  const exact = new Map<string, Phrase[]>();
  const stems = new Map<string, Phrase[]>();
  const light = new Map<string, Phrase[]>();
  const lengths = new Set<number>();
  const requirements: CompiledRequirement[] = [];
  const register = (phrase: Phrase, first: WordStep) => {
    const map = first.light ? light : first.stem ? stems : exact;
    if (first.stem) lengths.add(first.norm.length);
    const list = map.get(first.norm);
    if (list) list.push(phrase);
    else map.set(first.norm, [phrase]);
  };
  const addPhrase = (where: string, text: string, owner: Scored, part: number, exclusion: boolean) => {
    const steps = phraseSteps(text);
    const first = steps[0];
    if (!first || first.kind !== 'word' || steps[steps.length - 1]?.kind === 'gap') throw new Error(`topic ${where}: cue "${text}" has no words to match`);
    register({ owner, part, exclusion, contexts: [], firstDefinite: first.definite, rest: steps.slice(1), stamp: 0 }, first);
  };
  const wordsOf = (where: string, text: string): WordStep[] => {
    const steps = lightSteps(text);
    if (steps.length === 0) throw new Error(`${where}: "${text}" has no words to match`);
    return steps;
  };
  const addPattern = (where: string, pattern: readonly (readonly string[])[], window: number, owner: Scored) => {
    const sets = pattern.map((set) => set.map((text) => wordsOf(where, text)));
    const later: SetStep[] = sets.slice(1).map((options) => {
      const byFirstStem = new Map<string, WordStep[][]>();
      const otherOptions: WordStep[][] = [];
      for (const option of options) {
        const first = option[0] as WordStep;
        if (!first.light) otherOptions.push(option);
        else byFirstStem.set(first.norm, [...(byFirstStem.get(first.norm) ?? []), option]);
      }
      return { kind: 'set', options, window, byFirstStem, otherOptions, firstStarts: startBits([...byFirstStem.keys()].map((k) => startCode(k, 0))) };
    });
    for (const option of sets[0] ?? []) {
      const [first, ...rest] = option as [WordStep, ...WordStep[]];
      register({ owner, part: 0, exclusion: false, contexts: [], firstDefinite: first.definite, rest: [...rest, ...later], stamp: 0 }, first);
    }
  };
  // the same requirement (a YAML anchor shared by many cues) is compiled once: its words are looked up once
  const requirementIndex = new Map<string, number>();
  const contextPhrases = new Map<string, Phrase>();
  const contextOwner: Scored = { topic: -1, weight: 0, text: '', id: '', parts: 1, requires: [] };
  const addRequirements = (where: string, topic: number, list: readonly TopicRequirement[] | undefined): number[] =>
    (list ?? []).map((r) => {
      const key = JSON.stringify([r.entities ?? [], r.countries ?? [], r.words ?? [], r.window ?? null]);
      const known = requirementIndex.get(key);
      if (known !== undefined) return known;
      const index = requirements.length;
      requirementIndex.set(key, index);
      requirements.push({ entities: new Set(r.entities ?? []), countries: new Set(r.countries ?? []), window: r.window ?? null });
      for (const text of r.words ?? []) {
        const steps = wordsOf(where, text);
        // a word several requirements share is one phrase that meets them all
        const wordKey = JSON.stringify(steps);
        const shared = contextPhrases.get(wordKey);
        if (shared) {
          shared.contexts.push(index);
          continue;
        }
        const [first, ...rest] = steps as [WordStep, ...WordStep[]];
        const phrase: Phrase = { owner: contextOwner, part: 0, exclusion: false, contexts: [index], firstDefinite: first.definite, rest, stamp: 0 };
        contextPhrases.set(wordKey, phrase);
        register(phrase, first);
      }
      return index;
    });
  const topics = defs.map((def, topic): CompiledTopic => {
    const topicRequires = addRequirements(`topic ${def.id}: requires`, topic, scoped(def.requires));
    for (const cue of cuesOf(def)) {
      const where = cue.where ? `${cue.where}: topic ${def.id}` : `topic ${def.id}`;
      const requires = [...topicRequires, ...addRequirements(`${where}: requires`, topic, scoped(cue.requires))];
      if (cue.pattern) {
        const owner: Scored = { topic, weight: cue.weight, text: cue.text, id: cueIdOf(def.id, cue), parts: 1, requires };
        addPattern(where, cue.pattern, cue.window ?? DEFAULT_PATTERN_WINDOW, owner);
        continue;
      }
      const parts = cue.text.split(/\s\+\s/);
      const owner: Scored = { topic, weight: cue.weight, text: cue.text, id: cueIdOf(def.id, cue), parts: parts.length, requires };
      parts.forEach((p, i) => addPhrase(where, p, owner, i, false));
    }
    if (arabic) for (const text of def.exclude) addPhrase(def.id, text, { topic, weight: 0, text, id: '', parts: 1, requires: [] }, 0, true);
    return { id: def.id, minScore: def.min_score ?? DEFAULT_MIN_SCORE, entities: def.entities ?? [] };
  });
  const startsOf = (keys: Iterable<string>) => [...keys].map((key) => startCode(key, 0));
  const exactStarts = startBits(startsOf(exact.keys()));
  const stemStarts = startBits(startsOf(stems.keys()));
  const lightStarts = startBits(startsOf(light.keys()));
  const keyStarts = startBits([...startsOf(exact.keys()), ...startsOf(stems.keys()), ...startsOf(light.keys())]);
  return {
    topics,
    requirements,
    exact,
    light,
    stems,
    stemLengths: [...lengths].sort((a, b) => a - b),
    keyStarts,
    exactStarts,
    stemStarts,
    lightStarts,
    exactBits: keyBits(exact.keys()),
    stemBits: keyBits(stems.keys()),
    lightBits: keyBits(light.keys()),
    languages,
  };
}

const PRONOUN_ENDINGS = ['هما', 'هم', 'ها', 'ه'];
const NUMBER_ENDINGS = ['يات', 'تان', 'تين', 'تا', 'تي', 'ات', 'ون', 'ين', 'ان'];
const ADJECTIVE_ENDINGS = ['يه', 'ي', 'ه'];
const MIN_LIGHT_STEM = 3;

/**
 * A light stem of a normalised word without proclitics and article: one third-person pronoun
 * (ه ها هم هما, the ت of a feminine noun before it taken as ة), then one plural or dual ending
 * (ات ون ين ان; تان تين تا تي of a feminine dual; يات), then one nisba or feminine ending (ية ي ة), each only when three
 * letters stay. «مكافحتها», «المكافحة» → مكافح; «الجماعات» → جماع; «الإرهابيين», «الإرهابية» →
 * ارهاب; «الدولتين», «أزمتي» → دول, ازم. Conservative by design: broken plurals and verb forms are not reached
 * (list them), and a cue word that collides with another word's stem can be written `=word`.
 */
export function lightStem(word: string): string {
  const end = lightStemEnd(word, 0);
  return end === word.length ? word : word.slice(0, end);
}

/**
 * Where the light stem of word.slice(from) ends in `word`: lightStem(word.slice(from)) is
 * word.slice(from, lightStemEnd(word, from)). The word is read in place, no string per step.
 */
function lightStemEnd(word: string, from: number): number {
  let end = word.length;
  for (const p of PRONOUN_ENDINGS) {
    if (end - from - p.length >= MIN_LIGHT_STEM && endsWithAt(word, end, p)) {
      end -= p.length;
      if (word.charCodeAt(end - 1) === TEH && end - 1 - from >= (p === 'ه' ? MIN_LIGHT_STEM + 1 : MIN_LIGHT_STEM)) end--;
      break;
    }
  }
  for (const e of NUMBER_ENDINGS) {
    if (end - from - e.length >= MIN_LIGHT_STEM && endsWithAt(word, end, e)) {
      end -= e.length;
      break;
    }
  }
  for (const e of ADJECTIVE_ENDINGS) {
    if (end - from - e.length >= MIN_LIGHT_STEM && endsWithAt(word, end, e)) {
      end -= e.length;
      break;
    }
  }
  return end;
}

const TEH = 0x062a;

/** word.slice(0, end).endsWith(suffix), without the slice. */
function endsWithAt(word: string, end: number, suffix: string): boolean {
  const from = end - suffix.length;
  if (from < 0) return false;
  for (let i = 0; i < suffix.length; i++) if (word.charCodeAt(from + i) !== suffix.charCodeAt(i)) return false;
  return true;
}

const LIGHT_CACHE_LIMIT = 200_000;
const LIGHT_CACHE = new Map<string, readonly string[]>();

/** The light stems of every proclitic reading of a body word. */
function lightStemsOf(word: string): readonly string[] {
  const cached = LIGHT_CACHE.get(word);
  if (cached) return cached;
  const out: string[] = [];
  for (const { stem } of cliticSplits(word)) {
    const l = lightStem(stem);
    if (!out.includes(l)) out.push(l);
  }
  if (LIGHT_CACHE.size >= LIGHT_CACHE_LIMIT) LIGHT_CACHE.clear();
  LIGHT_CACHE.set(word, out);
  return out;
}

/** Punctuation a phrase may run across: quotes, brackets, dashes, slashes. */
const SOFT_PUNCT = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '‹', '›', '(', ')', '[', ']', '{', '}', '-', '–', '—', '_', '/', '\\', '#', '*']);

interface Words {
  tokens: Token[];
  /** Index into tokens of each word (Arabic, Latin or number token). */
  index: Int32Array;
  sentence: Int32Array;
  /** A phrase may not run from word k-1 into word k. */
  breakBefore: Uint8Array;
  count: number;
}

function words(a: AnalyzedText): Words {
  const { tokens, sentenceStarts } = a;
  const index = new Int32Array(tokens.length);
  const sentence = new Int32Array(tokens.length);
  const breakBefore = new Uint8Array(tokens.length);
  let n = 0;
  let s = 0;
  let broken = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'punct') {
      if (!SOFT_PUNCT.has(t.text)) broken = true;
      continue;
    }
    let next = s;
    while (next + 1 < sentenceStarts.length && (sentenceStarts[next + 1] as number) <= t.start) next++;
    index[n] = i;
    sentence[n] = next;
    breakBefore[n] = broken || next !== s ? 1 : 0;
    s = next;
    broken = false;
    n++;
  }
  return { tokens, index, sentence, breakBefore, count: n };
}

function formMatches(step: WordStep, word: string): boolean {
  let w = word;
  if (word.startsWith('ال') && word.length >= 4) w = word.slice(2);
  else if (step.definite) return false;
  return step.stem ? w.startsWith(step.norm) : w === step.norm;
}

/**
 * A word after the first matches with or without the article, and with or without the
 * preposition ل: «عمليات لحفظ السلام» is «عمليات حفظ السلام», «للطاقة» is «الطاقة».
 */
function stepMatches(step: WordStep, word: string): boolean {
  if (step.light) return mayStartWithCode(word, step.start as number) && lightStemsOf(word).includes(step.norm);
  if (formMatches(step, word)) return true;
  if (word.length < 4 || word.charCodeAt(0) !== LAM) return false;
  const rest = word.slice(1);
  return formMatches(step, rest) || (rest.charCodeAt(0) === LAM && formMatches(step, `ا${rest}`));
}

/** Index of the last word of `rest[r..]` matched from word `k` on, or -1. */
function matchRest(w: Words, rest: readonly Step[], r: number, k: number): number {
  if (r === rest.length) return k - 1;
  const step = rest[r] as Step;
  if (step.kind === 'set') {
    // the next set of a pattern: one of its options after 0..window other words; the nearest wins
    for (let skip = 0; skip <= step.window; skip++) {
      const at = k + skip;
      if (at >= w.count || w.breakBefore[at]) return -1;
      const word = (w.tokens[w.index[at] as number] as Token).norm;
      for (const stem of mayStartWith(word, step.firstStarts) ? lightStemsOf(word) : NO_STEMS) {
        const options = step.byFirstStem.get(stem);
        if (!options) continue;
        for (const option of options) {
          const end = matchRest(w, option, 1, at + 1);
          if (end < 0) continue;
          const last = matchRest(w, rest, r + 1, end + 1);
          if (last >= 0) return last;
        }
      }
      for (const option of step.otherOptions) {
        const end = matchRest(w, option, 0, at);
        if (end < 0) continue;
        const last = matchRest(w, rest, r + 1, end + 1);
        if (last >= 0) return last;
      }
    }
    return -1;
  }
  if (step.kind === 'gap') {
    // the gap stands for 0..GAP_WORDS words; the shortest reading wins
    for (let skip = 0; skip <= GAP_WORDS; skip++) {
      const at = k + skip;
      if (at >= w.count || w.breakBefore[at]) return -1;
      const end = matchRest(w, rest, r + 1, at);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (k >= w.count || w.breakBefore[k]) return -1;
  return stepMatches(step, (w.tokens[w.index[k] as number] as Token).norm) ? matchRest(w, rest, r + 1, k + 1) : -1;
}

interface Hit {
  phrase: Phrase;
  word: number;
  lastWord: number;
  /** Normalised characters of proclitics before the surface starts. */
  skip: number;
  definite: boolean;
}

const NO_STEMS: readonly string[] = [];
/** A reading's stem starts this many letters into the word at most: و/ف + ب/ك/ل + ال. */
const MAX_STEM_OFFSET = 4;

function mayStartWithCode(word: string, code: number): boolean {
  for (let at = 0; at <= MAX_STEM_OFFSET && word.length - at >= 2; at++) {
    if (startCode(word, at) === code) return true;
  }
  return false;
}

/** False when no proclitic reading of `word` can start with one of `starts` (startCode values). */
function mayStartWith(word: string, starts: StartBits): boolean {
  for (let at = 0; at <= MAX_STEM_OFFSET && word.length - at >= 2; at++) {
    if (mayStart(starts, startCode(word, at))) return true;
  }
  return false;
}

const WAW = 0x0648;
const FEH = 0x0641;
const BEH = 0x0628;
const KAF = 0x0643;

/**
 * The phrases word k can start, on every proclitic reading of it, in the order of cliticSplits
 * (the unsplit word first, then by increasing prefix length), each phrase once: written into the
 * scratch arrays below, which hitsAt reads before the next word. No memo: a probe of a memo of
 * every word seen (tens of thousands of strings) misses the CPU cache and cost more than the few
 * look-ups in the small maps of first words, which only readings whose first letters start a key make.
 */
function candidatesOf(token: Token, t: CompiledTopics): number {
  candidateCount = 0;
  const word = token.norm;
  if (token.kind !== 'arabic') {
    const code = startCode(word, 0);
    if (mayStart(t.keyStarts, code)) readingCandidates(word, 0, 0, false, code, false, false, t);
    return candidateCount;
  }
  const n = word.length;
  const c0 = word.charCodeAt(0);
  const conjs = c0 === WAW || c0 === FEH ? 1 : 0;
  let stamped = false;
  // cliticSplits' readings: after و/ف (conj), then ب/ك/ل (prep), «لل» (ل + the article's ل), ال, or none
  for (let conj = 0; conj <= conjs; conj++) {
    const p0 = word.charCodeAt(conj);
    const preps = p0 === BEH || p0 === KAF || p0 === LAM ? 1 : 0;
    for (let prep = 0; prep <= preps; prep++) {
      const at = conj + prep;
      if (prep === 1 && p0 === LAM && word.charCodeAt(at) === LAM && n - at - 1 >= 2) {
        const code = startCode(word, at + 1);
        if (mayStart(t.keyStarts, code)) stamped = readingCandidates(word, at + 1, at, true, code, true, stamped, t);
      }
      if (word.charCodeAt(at) === ALEF && word.charCodeAt(at + 1) === LAM && n - at - 2 >= 2) {
        const code = startCode(word, at + 2);
        if (mayStart(t.keyStarts, code)) stamped = readingCandidates(word, at + 2, at, true, code, true, stamped, t);
      }
      if (n - at >= 2) {
        const code = startCode(word, at);
        if (mayStart(t.keyStarts, code)) stamped = readingCandidates(word, at, at, false, code, true, stamped, t);
      }
    }
  }
  return candidateCount;
}

/** The phrases of one reading (its stem from `from`, startCode `code`) not yet among the candidates. */
function readingCandidates(
  word: string,
  from: number,
  skip: number,
  definite: boolean,
  code: number,
  arabic: boolean,
  stamped: boolean,
  t: CompiledTopics,
): boolean {
  const exact = mayStart(t.exactStarts, code);
  const light = arabic && mayStart(t.lightStarts, code);
  const stems = mayStart(t.stemStarts, code);
  if (!exact && !light && !stems) return stamped;
  if (!stamped) candidateStamp++;
  // each look-up's span is hashed in place first: most spans are no key, and are never sliced
  const n = word.length;
  if (exact && mayBeKey(t.exactBits, unitsHash(word, from, n))) addCandidates(t.exact.get(from === 0 ? word : word.slice(from)), skip, definite);
  if (light) {
    const end = lightStemEnd(word, from);
    if (mayBeKey(t.lightBits, unitsHash(word, from, end))) addCandidates(t.light.get(from === 0 && end === n ? word : word.slice(from, end)), skip, definite);
  }
  if (stems) {
    // the hash of each prefix of the stem, one letter on from the last
    let h = unitsHash(word, from, from);
    let at = from;
    for (const len of t.stemLengths) {
      if (len > n - from) break;
      for (; at < from + len; at++) h = Math.imul(h ^ word.charCodeAt(at), 0x01000193);
      if (mayBeKey(t.stemBits, h)) addCandidates(t.stems.get(word.slice(from, from + len)), skip, definite);
    }
  }
  return true;
}

function addCandidates(phrases: readonly Phrase[] | undefined, skip: number, definite: boolean): void {
  if (!phrases) return;
  const stamp = candidateStamp;
  for (const phrase of phrases) {
    if (phrase.firstDefinite && !definite) continue;
    if (phrase.stamp === stamp) continue;
    phrase.stamp = stamp;
    const i = candidateCount++;
    candidatePhrase[i] = phrase;
    candidateSkip[i] = skip;
    candidateDefinite[i] = definite;
  }
}

/** Marks the phrases already added by the current candidatesOf call (no set to allocate per word). */
let candidateStamp = 0;
/** candidatesOf's answer: phrase, proclitic letters skipped and article, for the first candidateCount entries. */
let candidateCount = 0;
const candidatePhrase: Phrase[] = [];
const candidateSkip: number[] = [];
const candidateDefinite: boolean[] = [];

/** Every phrase occurrence starting at word k. */
function hitsAt(w: Words, k: number, t: CompiledTopics, out: Hit[]): void {
  const count = candidatesOf(w.tokens[w.index[k] as number] as Token, t);
  for (let i = 0; i < count; i++) {
    const phrase = candidatePhrase[i] as Phrase;
    const last = matchRest(w, phrase.rest, 0, k + 1);
    if (last >= 0) out.push({ phrase, word: k, lastWord: last, skip: candidateSkip[i] as number, definite: candidateDefinite[i] as boolean });
  }
}

/** One counted occurrence of a cue: a phrase, or every part of a co-occurrence cue in one sentence. */
interface Occurrence {
  cue: Scored;
  sentence: number;
  spans: Hit[];
}

export interface TopicContext {
  /** Entities the article mentions, for topics with entity cues. */
  mentionEntityIds?: ReadonlySet<string>;
  /** Where the article mentions them (offsets into body), for requirements. */
  mentions?: readonly { entityId: string; start: number }[];
  /** The country of an entity (a country, a place in it, one of its officials), for `countries:` requirements. */
  entityCountry?: (entityId: string) => string | null;
}

export interface ScoreOptions {
  /** Return every topic with a counted occurrence, under the threshold too (for calibration). */
  all?: boolean;
}

/** Word index of the word holding body offset `at` (the last word starting at or before it). */
function wordAt(w: Words, at: number): number {
  let lo = 0;
  let hi = w.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((w.tokens[w.index[mid] as number] as Token).start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Word positions where each requirement is met: its words, and mentions of its entities or countries. */
function requirementPositions(w: Words, t: CompiledTopics, contextHits: readonly Hit[], context: TopicContext): number[][] {
  const at: number[][] = t.requirements.map(() => []);
  for (const h of contextHits) for (const r of h.phrase.contexts) at[r]?.push(h.word, h.lastWord);
  if (context.mentions && w.count > 0) {
    for (const m of context.mentions) {
      const country = context.entityCountry?.(m.entityId) ?? null;
      let k = -1;
      t.requirements.forEach((r, i) => {
        if (!r.entities.has(m.entityId) && !(country !== null && r.countries.has(country))) return;
        if (k < 0) k = wordAt(w, m.start);
        at[i]?.push(k);
      });
    }
  } else if (context.mentionEntityIds) {
    // without positions, an entity requirement can only be met article-wide
    t.requirements.forEach((r, i) => {
      if (r.window === null && [...r.entities].some((id) => context.mentionEntityIds?.has(id))) at[i]?.push(0);
    });
  }
  return at;
}

function inScope(o: Occurrence, t: CompiledTopics, positions: readonly number[][]): boolean {
  if (o.cue.requires.length === 0) return true;
  const first = (o.spans[0] as Hit).word;
  const last = Math.max(...o.spans.map((s) => s.lastWord));
  for (const r of o.cue.requires) {
    const req = t.requirements[r] as CompiledRequirement;
    const ps = positions[r] as number[];
    if (req.window === null ? ps.length === 0 : !ps.some((p) => p >= first - (req.window as number) && p <= last + (req.window as number))) return false;
  }
  return true;
}

/** Topics of an article, with the cues of its language (articles.lang): Arabic `cues` unless the taxonomy has cues_<lang>. */
export function scoreTopics(a: AnalyzedText, compiled: CompiledTopics, context: TopicContext = {}, options: ScoreOptions = {}): TopicHit[] {
  const t = compiled.languages.get(a.lang) ?? compiled;
  const w = words(a);
  const nTopics = t.topics.length;
  const coveredUntil = new Int32Array(nTopics).fill(-1);
  const occurrences: Occurrence[] = [];
  const exclusions: Hit[] = [];
  const contextHits: Hit[] = [];
  /** Co-occurrence cue → sentence → its parts found there. */
  const partial = new Map<Scored, Map<number, (Hit | undefined)[]>>();
  const here: Hit[] = [];
  const longest: (Hit | undefined)[] = new Array(nTopics);

  for (let k = 0; k < w.count; k++) {
    if (here.length > 0) here.length = 0; // setting length is a runtime call, even to its own value
    hitsAt(w, k, t, here);
    if (here.length === 0) continue;
    longest.fill(undefined);
    const sentence = w.sentence[k] as number;
    for (const h of here) {
      const { owner } = h.phrase;
      if (h.phrase.contexts.length > 0) contextHits.push(h);
      else if (h.phrase.exclusion) exclusions.push(h);
      else if (owner.parts > 1) {
        let bySentence = partial.get(owner);
        if (!bySentence) partial.set(owner, (bySentence = new Map()));
        let parts = bySentence.get(sentence);
        if (!parts) bySentence.set(sentence, (parts = new Array<Hit | undefined>(owner.parts).fill(undefined)));
        parts[h.phrase.part] ??= h;
      } else {
        const b = longest[owner.topic];
        if (!b || h.lastWord > b.lastWord || (h.lastWord === b.lastWord && owner.weight > b.phrase.owner.weight)) longest[owner.topic] = h;
      }
    }
    for (let topic = 0; topic < nTopics; topic++) {
      const h = longest[topic];
      if (!h || k <= (coveredUntil[topic] as number)) continue;
      coveredUntil[topic] = h.lastWord;
      occurrences.push({ cue: h.phrase.owner, sentence, spans: [h] });
    }
  }
  for (const [cue, bySentence] of partial) {
    for (const [sentence, parts] of bySentence) {
      if (parts.every(Boolean)) occurrences.push({ cue, sentence, spans: (parts as Hit[]).slice().sort((x, y) => x.word - y.word) });
    }
  }

  const cancelled = new Set<Occurrence>();
  const silenced = new Set<number>(); // topic * 2^21 + sentence
  // the occurrences of each topic in each sentence: an exclusion looks at its own (a long document
  // has thousands of both, and every exclusion against every occurrence was their product)
  const bySentence = new Map<number, Occurrence[]>();
  if (exclusions.length > 0)
    for (const o of occurrences) {
      const key = o.cue.topic * 0x200000 + o.sentence;
      const list = bySentence.get(key);
      if (list) list.push(o);
      else bySentence.set(key, [o]);
    }
  for (const ex of exclusions) {
    const topic = ex.phrase.owner.topic;
    let overlapped = false;
    for (const o of bySentence.get(topic * 0x200000 + (w.sentence[ex.word] as number)) ?? []) {
      if (o.spans.some((s) => s.word <= ex.lastWord && ex.word <= s.lastWord)) {
        cancelled.add(o);
        overlapped = true;
      }
    }
    if (!overlapped) silenced.add(topic * 0x200000 + (w.sentence[ex.word] as number));
  }

  // an occurrence outside its scope (a requirement unmet) does not count, and is no evidence
  const positions = t.requirements.length > 0 ? requirementPositions(w, t, contextHits, context) : [];
  const perTopic = new Map<number, Occurrence[]>();
  for (const o of occurrences) {
    if (cancelled.has(o) || silenced.has(o.cue.topic * 0x200000 + o.sentence)) continue;
    if (!inScope(o, t, positions)) continue;
    const list = perTopic.get(o.cue.topic);
    if (list) list.push(o);
    else perTopic.set(o.cue.topic, [o]);
  }

  const lambda = Math.max(1, Math.sqrt(w.count / REF_WORDS));
  const out: TopicHit[] = [];
  for (const [topic, found] of perTopic) {
    const def = t.topics[topic] as CompiledTopic;
    const counts = new Map<Scored, number>();
    for (const o of found) counts.set(o.cue, (counts.get(o.cue) ?? 0) + 1);
    let s = 0;
    for (const [cue, n] of counts) s += cue.weight * (1 + 0.5 * Math.log2(n));
    for (const e of def.entities) if (context.mentionEntityIds?.has(e.id)) s += e.weight;
    const lead = found.some((o) => o.sentence <= LEAD_SENTENCE);
    const score = calibratedScore(s, lambda, lead);
    if (!options.all && score < def.minScore) continue;
    found.sort((x, y) => (x.spans[0] as Hit).word - (y.spans[0] as Hit).word);
    const occ = occurrencesOf(a.body, w, found);
    const hit: TopicHit = {
      topicId: def.id,
      score: Math.round(score * 1e4) / 1e4,
      hits: found.length,
      evidence: evidenceOf(occ),
      occurrences: occ,
    };
    if (options.all) {
      const sentences = new Set(found.map((o) => o.sentence));
      hit.strength = { s, lambda, cues: counts.size, lead, sentences: sentences.size };
    }
    out.push(hit);
  }
  return out.sort((x, y) => y.score - x.score || (x.topicId < y.topicId ? -1 : 1));
}

/** The chance a topic is right from its evidence S, the length factor λ and a cue in the lead (see the module comment). */
export function calibratedScore(s: number, lambda: number, lead: boolean): number {
  if (s <= 0) return 0;
  return 1 / (1 + Math.exp(-(CALIBRATION_A + CALIBRATION_B * Math.log(s / lambda) + (lead ? CALIBRATION_LEAD : 0))));
}

/**
 * Each counted occurrence's spans as written in body, proclitics before them left out: a phrase or
 * pattern gives one span from its first to its last word, a co-occurrence cue one per part.
 */
function occurrencesOf(body: string, w: Words, found: readonly Occurrence[]): TopicOccurrence[] {
  const out: TopicOccurrence[] = [];
  for (const o of found) {
    for (const h of o.spans) {
      const first = w.tokens[w.index[h.word] as number] as Token;
      const last = w.tokens[w.index[h.lastWord] as number] as Token;
      // after «لل» the article's alef is elided: «للإرهاب» holds no «الإرهاب», so the whole word stands
      const skip = h.definite && !first.norm.startsWith('ال', h.skip) ? 0 : h.skip;
      const start = first.start + originalIndex(first.text, skip);
      out.push({ cueId: o.cue.id, start, end: last.end, sentence: w.sentence[h.word] as number, surface: body.slice(start, last.end) });
    }
  }
  return out.sort((x, y) => x.start - y.start || x.end - y.end);
}

/** topics.evidence: the distinct surfaces of the occurrences, in order of first appearance. */
function evidenceOf(occ: readonly TopicOccurrence[]): string[] {
  const seen = new Set<string>();
  for (const o of occ) {
    seen.add(o.surface);
    if (seen.size === MAX_EVIDENCE) break;
  }
  return [...seen];
}
