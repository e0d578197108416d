/**
 * Visit claims: the sentences of one article that say an official went somewhere. A claim is a
 * visitor (a gazetteer person, or a person role discovery found after a foreign title such as
 * «وزير الخارجية الأمريكي»), a host country (a country, or a city or site with its country), a day
 * when the text gives one, and where the sentence stands (headline, lead, body). Claims are
 * per-document and pure; link/discovered-visits.ts turns the claims of a whole run into visits.
 *
 * A claim needs a cue word in the sentence, one of the ways Arabic news reports a visit:
 *   visit    يزور، زار، زيارة (… إلى/ل), خلال زيارته، في إطار زيارة
 *   arrive   يصل (إلى)، وصل، وصوله، حل ب، يحل ضيفا على
 *   tour     جولة تشمل … (every place the tour names is a host)
 *   receive  استقبل … ضيفه (the host is the receiving official's country, or a place after في)
 *   meet     التقى … في (only with a place after في/ب: a meeting alone is not a visit)
 * The host is the first place after the cue (within HOST_WINDOW words) that is not the visitor's
 * own country and not the origin of a journey («قادما من الرباط»).
 */
import { findDateClues, resolveEventDate } from './dates.ts';
import { dayNumber, fromDayNumber } from '@mirsad/model/dates';
import { normalizedSet, normalizeText } from '../text/normalize.ts';
import { keyBits, mayBeKey, unitsHash } from '../text/trie.ts';
import type { AnalyzedText, MentionHit, Token } from '../types.ts';

export type ClaimPattern = 'visit' | 'arrive' | 'tour' | 'guest' | 'receive' | 'meet';

export interface VisitClaim {
  /** Entity id of the visitor (a gazetteer person or `discovered:…`). */
  visitor: string;
  /** ISO alpha-2 of the visitor's country, when known. */
  visitorCountry: string | null;
  host: string;
  /** Entity id of the city or site the claim names, when it names one. */
  place: string | null;
  /** Host-country persons in the sentence (the officials who received the visitor). */
  hostPersons: string[];
  /** The day of the visit the sentence implies (publication date moved by its day clue), or null. */
  date: string | null;
  /** 'clue' when a day clue of the sentence set the date, 'published' when it is the article's date. */
  dateFrom: 'clue' | 'published' | null;
  /** The sentence places the stop after (قادما من، بعد جولة) or before (متوجها إلى، قبل أن يتوجه) another one. */
  sequence: 'after' | 'before' | null;
  where: 'headline' | 'lead' | 'body';
  pattern: ClaimPattern;
  /** UTF-16 span in body from the first to the last word the claim rests on (cue, visitor, host). */
  start: number;
  end: number;
  sentence: number;
  /** The cue word as written. */
  cue: string;
}

export interface ClaimContext {
  entityCountry: (entityId: string) => string | null;
  entityType: (entityId: string) => 'person' | 'location' | 'organization' | null;
  /** The entity is a country itself (not a city or site of it). */
  isCountry: (entityId: string) => boolean;
  publishedDate: string | null;
  /** Where the text below the headline starts (as for scoreVisits). */
  lead?: { start: number; sentence: number };
}

const HOST_WINDOW = 12;
const TOUR_WINDOW = 14;
const VISITOR_WINDOW = 14;
const VISITOR_BEFORE = 8;
/** «زيارته», «جولتها», «وصوله»: the visit of someone named before. */
const POSSESSIVE = /(?:ه|ها|هم|هما)[\u064B-\u0652]*$/; // as written: ة folds to ه when normalised
const LEAD_SENTENCES = 3;
/** Words before a discovered person's name that make them an official: a title. */
const TITLE_WINDOW = 8;

const norms = normalizedSet;

const CUES: [ClaimPattern, Set<string>][] = [
  ['visit', norms('يزور تزور سيزور ستزور زار زارت يزوران زيارة زيارته زيارتها زيارتهم الزيارة زيارات بزيارة وزيارة لزيارة بزيارته وبزيارة يؤدي')],
  ['arrive', norms('يصل تصل سيصل ستصل وصل وصلت وصوله وصولها لدى حل حلت يحل تحل سيحل حلوله')],
  ['tour', norms('جولة جولته جولتها بجولة وجولة الجولة تشمل شملت')],
  ['guest', norms('ضيفا ضيف ضيفه ضيفها')],
  ['receive', norms('استقبل استقبلت يستقبل تستقبل سيستقبل')],
  ['meet', norms('التقى التقت يلتقي تلتقي سيلتقي اجتمع اجتمعت يجتمع')],
];
const CUE_OF = new Map<string, ClaimPattern>();
for (const [pattern, words] of CUES) for (const w of words) if (!CUE_OF.has(w)) CUE_OF.set(w, pattern);
/** The low bytes of the first two code units of a word from `at` (Arabic letters differ in their low byte). */
const pairAt = (s: string, at: number) => ((s.charCodeAt(at) & 0xff) << 8) | (s.charCodeAt(at + 1) & 0xff);
/** Opening pairs (pairAt) of the keys of CUE_OF, one bit each: a set bit may still be another pair, the map decides. */
const CUE_PAIRS = new Uint8Array(0x10000);
for (const w of CUE_OF.keys()) CUE_PAIRS[pairAt(w, 0)] = 1;
/** keyBits of the keys of CUE_OF: a word (or its rest after و/ف) whose hash's bit is clear is no cue, told without a look-up or a slice. */
const CUE_BITS = keyBits(CUE_OF.keys());
const cueMayStartAt = (norm: string, at: number) =>
  norm.length - at >= 2 && CUE_PAIRS[pairAt(norm, at)] === 1 && mayBeKey(CUE_BITS, unitsHash(norm, at, norm.length));
const WAW = 0x0648;
const FEH = 0x0641;
/** «يؤدي زيارة», «لدى وصوله»: words that count only next to another cue; kept out of CUE_OF when alone. */
const WEAK = norms('يؤدي لدى ضيف تشمل شملت');

const ORIGIN = norms('من قادما قادمة قادمين آتيا');
const AFTER = norms('قادما قادمة قادمين آتيا إنهاء انتهاء ختام اختتام أنهى');
const BEFORE = norms('متوجها متوجهة يتوجه سيتوجه يغادر');
const IN = norms('في ب');
const TO = norms('إلى الى في على نحو صوب قاصدا');
const CAPITAL = norms('العاصمة عاصمة مدينة');
/** A person without a name in the sentence is the article's visitor when the sentence refers to them by role. */
const ROLE_REFERENCE = norms('الوزير المسؤول الضيف الجنرال وزير رئيس قائد المبعوث');
const TITLES = norms(
  'وزير وزيرة الوزير رئيس رئيسة الرئيس قائد القائد الجنرال الفريق الأميرال الادميرال المبعوث مبعوث مساعد مساعدة نائب السيناتور مستشار المستشار السفير أركان الأركان',
);
const FEMALE_TITLES = norms('المستشارة الوزيرة رئيسة');
/** Nationality adjectives (masculine and feminine) → ISO alpha-2: the title's country. */
const NATIONALITY = new Map<string, string>();
for (const [cc, words] of Object.entries({
  US: 'الأمريكي الأمريكية الأميركي الأميركية',
  FR: 'الفرنسي الفرنسية',
  GB: 'البريطاني البريطانية',
  RU: 'الروسي الروسية',
  CN: 'الصيني الصينية',
  DE: 'الألماني الألمانية',
  IT: 'الإيطالي الإيطالية',
  ES: 'الإسباني الإسبانية',
  TR: 'التركي التركية',
  IR: 'الإيراني الإيرانية',
  SA: 'السعودي السعودية',
  AE: 'الإماراتي الإماراتية',
  QA: 'القطري القطرية',
  EG: 'المصري المصرية',
  DZ: 'الجزائري الجزائرية',
  MA: 'المغربي المغربية',
  TN: 'التونسي التونسية',
  LY: 'الليبي الليبية',
  IL: 'الإسرائيلي الإسرائيلية',
  UA: 'الأوكراني الأوكرانية',
  JO: 'الأردني الأردنية',
})) {
  for (const w of norms(words)) NATIONALITY.set(w, cc);
}

const [ALEF, LAM] = [0x627, 0x644];
/** The country of a nationality adjective, read with or without a leading و/ف; null for any other word (most: no ال after the و/ف). */
function nationality(norm: string): string | null {
  const at = norm.charCodeAt(0) === WAW || norm.charCodeAt(0) === FEH ? 1 : 0;
  if (norm.charCodeAt(at) !== ALEF || norm.charCodeAt(at + 1) !== LAM) return null;
  return NATIONALITY.get(norm) ?? NATIONALITY.get(bare(norm)) ?? null;
}
/** The word without a leading و/ف (and, then), for cue lookups. */
function bare(norm: string): string {
  return norm.length > 3 && (norm[0] === 'و' || norm[0] === 'ف') ? norm.slice(1) : norm;
}

/** The word, or the word without a leading و/ف, is in the set («وزير» is a word, «والوزير» carries و). */
function has(set: ReadonlySet<string>, norm: string): boolean {
  return set.has(norm) || set.has(bare(norm));
}

function cueOf(t: Token): ClaimPattern | null {
  if (t.kind !== 'arabic') return null;
  const norm = t.norm;
  // most words' letters open no cue: told by two code units, before any look-up or slice
  if (cueMayStartAt(norm, 0)) {
    const p = CUE_OF.get(norm);
    if (p) return WEAK.has(norm) ? null : p;
  }
  if (norm.length <= 3 || (norm.charCodeAt(0) !== WAW && norm.charCodeAt(0) !== FEH) || !cueMayStartAt(norm, 1)) return null;
  const b = norm.slice(1);
  const q = CUE_OF.get(b);
  return q && !WEAK.has(b) ? q : null;
}

/** First token index at or after body offset `at` (binary search). */
function tokenAt(tokens: readonly Token[], at: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The token containing body offset `at` (a mention may start after a proclitic, inside its token). */
function tokenOf(tokens: readonly Token[], at: number): number {
  const i = tokenAt(tokens, at);
  return i < tokens.length && (tokens[i] as Token).start === at ? i : Math.max(0, i - 1);
}

/**
 * A discovered person counts as an official visitor when a title stands before one of their
 * mentions («رئيس هيئة الأركان المشتركة الأمريكي الجنرال …»); its nationality adjective gives the
 * country (null: a title without one, e.g. «الجنرال»).
 */
export function discoveredOfficials(a: AnalyzedText, mentions: readonly MentionHit[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const m of mentions) {
    if (!m.entityId.startsWith('discovered:')) continue;
    const i = tokenOf(a.tokens, m.start);
    let title = false;
    let country: string | null = null;
    for (let k = i - 1; k >= 0 && k >= i - TITLE_WINDOW; k--) {
      const t = a.tokens[k] as Token;
      if (t.kind === 'punct' && /[.!?؟\n]/.test(t.text)) break;
      if (has(TITLES, t.norm)) title = true;
      country ??= nationality(t.norm);
    }
    // the title may follow the name: «مارك ميلي رئيس هيئة الأركان الأمريكي»
    const j = tokenAt(a.tokens, m.end);
    for (let k = j; k < a.tokens.length && k < j + TITLE_WINDOW; k++) {
      const t = a.tokens[k] as Token;
      if (t.kind === 'punct' && /[.!?؟\n،,]/.test(t.text)) break;
      if (k === j && !has(TITLES, t.norm)) break;
      if (has(TITLES, t.norm)) title = true;
      country ??= nationality(t.norm);
    }
    // a foreign-official title names its country («وزير الخارجية الصيني»); without one the person
    // may be the host's own official
    if (!title || country === null) continue;
    const prev = out.get(m.entityId);
    if (prev === undefined || (prev === null && country !== null)) out.set(m.entityId, country);
  }
  return out;
}

const SINCE = norms('منذ سبق سابقة السابق يلغي ألغى الغاء إلغاء تأجيل أرجأ يرجئ');
const TOPIC = norms('بشأن حول لبحث لمناقشة الوضع الأوضاع الأزمة ملف');
const FORMER = norms('السابق السابقة الراحل الأسبق');

function topicBetween(tokens: readonly Token[], a: number, b: number): boolean {
  for (let j = a + 1; j < b; j++) if (has(TOPIC, (tokens[j] as Token).norm)) return true;
  return false;
}

/** «الرئيس الأميركي السابق ريتشارد نيكسون», «نيكسون الراحل»: a former official recalls history. */
function former(tokens: readonly Token[], i: number): boolean {
  for (let j = Math.max(0, i - 3); j <= i + 4 && j < tokens.length; j++) if (has(FORMER, (tokens[j] as Token).norm)) return true;
  return false;
}
const RETRO_BEFORE = 3;
const YEAR_WINDOW = 8;

/**
 * A cue about another time: «منذ زيارة رامسفيلد» (since), «سبق أن زار», or a year near the cue
 * other than the article's («زيارة … عام 2006»). Such sentences recall a visit, they do not report one.
 */
function retrospective(tokens: readonly Token[], k: number, first: number, last: number, published: string | null): boolean {
  for (let j = Math.max(first, k - RETRO_BEFORE); j < k; j++) if (has(SINCE, (tokens[j] as Token).norm)) return true;
  const year = published ? published.slice(0, 4) : null;
  for (let j = Math.max(first, k - YEAR_WINDOW); j < Math.min(last, k + YEAR_WINDOW); j++) {
    const t = tokens[j] as Token;
    if (t.kind === 'number' && /^(19|20)\d\d$/.test(t.norm) && t.norm !== year) return true;
  }
  return false;
}

/** «زيارة … إلى الجزائر منذ زيارة رامسفيلد»: a person across «منذ» from the cue belongs to another visit. */
function sinceBetween(tokens: readonly Token[], a: number, b: number): boolean {
  for (let j = Math.min(a, b) + 1; j < Math.max(a, b); j++) if ((tokens[j] as Token).norm === SINCE_WORD) return true;
  return false;
}
const SINCE_WORD = normalizeText('منذ');

/** The day a sentence's first day clue names, given the article's date, or null. */
function clueDate(sentence: string, published: string): string | null {
  for (const clue of findDateClues(sentence)) {
    if (clue.span !== 'day') continue;
    if (clue.weekday !== null) {
      const r = resolveEventDate(clue, published);
      if (r && r.from === r.to) return r.from;
      continue;
    }
    const p = dayNumber(published);
    return p === null ? null : fromDayNumber(p + clue.likely);
  }
  return null;
}

export function extractVisitClaims(a: AnalyzedText, mentions: readonly MentionHit[], c: ClaimContext): VisitClaim[] {
  const { tokens, sentenceStarts, body } = a;
  const lead = c.lead ?? { start: 0, sentence: 0 };
  // the sentences with a cue word, found in one pass: most sentences have none, many articles neither
  const cueSentences = new Set<number>();
  for (let k = 0, s = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    while (s + 1 < sentenceStarts.length && (sentenceStarts[s + 1] as number) <= t.start) s++;
    if (cueOf(t) !== null) cueSentences.add(s);
  }
  if (cueSentences.size === 0) return [];
  const officials = discoveredOfficials(a, mentions);
  const visitorCountry = (id: string): string | null | undefined => {
    if (id.startsWith('discovered:')) return officials.has(id) ? officials.get(id) : undefined;
    return c.entityType(id) === 'person' ? c.entityCountry(id) : undefined;
  };
  // the article's main official: the foreign person it names most, headline and lead counting more
  const weight = new Map<string, number>();
  for (const m of mentions) {
    if (visitorCountry(m.entityId) === undefined) continue;
    const w = m.start < lead.start ? 4 : m.sentence - lead.sentence < LEAD_SENTENCES ? 2 : 1;
    weight.set(m.entityId, (weight.get(m.entityId) ?? 0) + w);
  }
  const ranked = [...weight].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([id]) => id);

  const bySentence = new Map<number, MentionHit[]>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence);
    if (list) list.push(m);
    else bySentence.set(m.sentence, [m]);
  }

  const claims: VisitClaim[] = [];
  const seen = new Set<string>();
  for (const [s, ms] of bySentence) {
    if (!cueSentences.has(s)) continue;
    const sStart = sentenceStarts[s] as number;
    const sEnd = (sentenceStarts[s + 1] as number | undefined) ?? body.length;
    const locations = ms.filter((m) => c.entityType(m.entityId) === 'location');
    const places = locations.filter((m) => c.entityCountry(m.entityId) !== null);
    const persons = ms.filter((m) => visitorCountry(m.entityId) !== undefined);
    if (places.length === 0 && !persons.some((p) => c.entityType(p.entityId) === 'person')) continue;
    const first = tokenAt(tokens, sStart);
    const last = tokenAt(tokens, sEnd);
    let sequence: VisitClaim['sequence'] = null;
    for (let k = first; k < last; k++) {
      const w = (tokens[k] as Token).norm;
      if (has(AFTER, w)) sequence = 'after';
      else if (has(BEFORE, w) && sequence === null) sequence = 'before';
    }
    const where: VisitClaim['where'] = sStart < lead.start ? 'headline' : s - lead.sentence < LEAD_SENTENCES ? 'lead' : 'body';
    const sentenceText = body.slice(sStart, sEnd);
    let dated: { date: string | null; dateFrom: VisitClaim['dateFrom'] } | null = null;
    const dateOf = () => {
      if (dated) return dated;
      const d = c.publishedDate ? clueDate(sentenceText, c.publishedDate) : null;
      return (dated = d ? { date: d, dateFrom: 'clue' } : { date: c.publishedDate, dateFrom: c.publishedDate ? 'published' : null });
    };

    for (let k = first; k < last; k++) {
      const cueTok = tokens[k] as Token;
      const pattern = cueOf(cueTok);
      if (!pattern) continue;
      if (retrospective(tokens, k, first, last, c.publishedDate)) continue;
      // hosts: places after the cue (the tour's every place), or the receiving official's country
      const hostMentions: MentionHit[] = [];
      const window = pattern === 'tour' ? TOUR_WINDOW : pattern === 'meet' || pattern === 'receive' ? last - k : HOST_WINDOW;
      for (const p of locations) {
        if (p.start < cueTok.end) continue;
        const pi = tokenOf(tokens, p.start);
        if (pi - k > window) break;
        // «زيارته إلى أميركا اللاتينية»: the first place after the cue is the destination, even a region
        if (c.entityCountry(p.entityId) === null) {
          if (pattern === 'tour') continue;
          break;
        }
        // «اجتمع مع فريقه بشأن الوضع في سوريا»: a place after a topic word is what was discussed
        if (topicBetween(tokens, k, pi)) break;
        const before = (tokens[pi - 1] as Token | undefined)?.norm ?? '';
        const before2 = (tokens[pi - 2] as Token | undefined)?.norm ?? '';
        if (has(ORIGIN, before) || has(ORIGIN, before2)) continue;
        const proclitics = body.slice((tokens[pi] as Token).start, p.start);
        // a destination follows the cue, a preposition, «العاصمة (القطرية)» or a list's «و»; «القنصلية
        // السعودية» is an adjective of another noun
        const introduced =
          pi === k + 1 ||
          has(TO, before) ||
          /[لبو]/.test(proclitics) ||
          has(CAPITAL, before) ||
          has(CAPITAL, before2) ||
          (tokens[pi - 1] as Token | undefined)?.kind === 'punct' ||
          CUE_OF.has(before) ||
          CUE_OF.has(bare(before)) ||
          persons.some((m) => m.end === (tokens[pi - 1] as Token | undefined)?.end);
        if (!introduced) break;
        if ((pattern === 'meet' || pattern === 'receive') && !(has(IN, before) || /ب/.test(proclitics) || has(IN, before2))) continue;
        hostMentions.push(p);
        if (pattern !== 'tour') break;
      }

      // the visitor: the nearest foreign official of the sentence, else the article's main one when the sentence names them by role
      const possessive = POSSESSIVE.test(cueTok.text);
      const side = (p: MentionHit) => (p.start > cueTok.start ? (possessive ? 1 : 0) : possessive ? 0 : 1);
      const candidates = persons
        .filter((p) => {
          const d = tokenOf(tokens, p.start) - k;
          return (
            (d > 0 ? d <= VISITOR_WINDOW : -d <= VISITOR_BEFORE) &&
            !sinceBetween(tokens, k, tokenOf(tokens, p.start)) &&
            !former(tokens, tokenOf(tokens, p.start))
          );
        })
        .sort((x, y) => side(x) - side(y) || Math.abs(x.start - cueTok.start) - Math.abs(y.start - cueTok.start));
      let roleRef = false;
      for (let j = first; j < last && !roleRef; j++) roleRef = has(ROLE_REFERENCE, (tokens[j] as Token).norm);

      const hosts: { country: string; place: MentionHit | null }[] = hostMentions.map((p) => ({ country: c.entityCountry(p.entityId) as string, place: p }));
      let forced: MentionHit | undefined;
      if (pattern === 'receive' && hosts.length === 0) {
        // «تبون يستقبل إسبر»: the receiver stands just before the verb; «استقبل الرئيس تبون ضيفه
        // الأمريكي إسبر»: it is the first person after it. The visitor is a person of another country.
        const named = persons.filter((p) => c.entityType(p.entityId) === 'person');
        const receiver = named.filter((p) => p.end <= cueTok.start && tokenAt(tokens, p.end) >= k - 1).pop() ?? named.find((p) => p.start >= cueTok.end);
        const receiverCountry = receiver ? c.entityCountry(receiver.entityId) : null;
        const visitor = receiverCountry ? named.find((p) => p !== receiver && visitorCountry(p.entityId) !== receiverCountry) : undefined;
        if (visitor && receiver) {
          forced = visitor;
          hosts.push({ country: receiverCountry as string, place: null });
        }
      }
      // «وصلت المستشارة الألمانية … إلى إسرائيل»: a title right after the cue introduces the visitor
      // there; a person named elsewhere in the sentence is not them, the article's main official only
      // when the title's nationality is theirs
      let titled = false;
      let titleCountry: string | null = null;
      if (!possessive) {
        for (let j = k + 1; j <= k + 2 && j < last; j++) titled ||= has(TITLES, (tokens[j] as Token).norm) || has(FEMALE_TITLES, (tokens[j] as Token).norm);
        for (let j = k + 1; titled && j <= k + 6 && j < last; j++) titleCountry ??= nationality((tokens[j] as Token).norm);
      }
      for (const host of hosts) {
        if (!host.country) continue;
        // the visitor named after a verb or noun cue stands before the destination («وصل X إلى Y»);
        // after a «receive» verb the first person is the one who receives
        const receiver = pattern === 'receive' ? candidates.find((p) => p.start > cueTok.start && tokenOf(tokens, p.start) - k <= 4) : undefined;
        let visitor =
          forced ??
          candidates.find(
            (p) =>
              p !== receiver &&
              visitorCountry(p.entityId) !== host.country &&
              !(host.place && p.start > host.place.start && !possessive) &&
              !(titled && (p.start < cueTok.start || tokenOf(tokens, p.start) - k > 8)),
          );
        if (!visitor && roleRef) {
          const main = ranked.find((id) => visitorCountry(id) !== host.country && (!titled || titleCountry === null || visitorCountry(id) === titleCountry));
          if (main && !(titled && titleCountry === null))
            visitor = { entityId: main, method: 'coref', surface: '', start: cueTok.start, end: cueTok.end, sentence: s };
        }
        if (!visitor) continue;
        const vc = visitorCountry(visitor.entityId) ?? null;
        if (vc === host.country) continue;
        const key = `${visitor.entityId}|${host.country}|${s}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const spans: { start: number; end: number }[] = [cueTok, visitor, host.place].filter((x): x is Token | MentionHit => x !== null && x.end > x.start);
        const hostPersons = ms
          .filter((m) => c.entityType(m.entityId) === 'person' && m.entityId !== visitor.entityId && c.entityCountry(m.entityId) === host.country)
          .map((m) => m.entityId);
        claims.push({
          visitor: visitor.entityId,
          visitorCountry: vc,
          host: host.country,
          place: host.place && !c.isCountry(host.place.entityId) ? host.place.entityId : null,
          hostPersons: [...new Set(hostPersons)],
          ...dateOf(),
          sequence,
          where,
          pattern,
          start: Math.min(...spans.map((x) => x.start)),
          end: Math.max(...spans.map((x) => x.end)),
          sentence: s,
          cue: cueTok.text,
        });
      }
    }
  }
  return claims.sort((x, y) => x.start - y.start);
}
