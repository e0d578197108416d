/**
 * Which outlet published a document. In order, the first that answers:
 *
 * 1. the name a record gives (a manifest row, a JSON field, og:site_name): a configured alias, or a
 *    new outlet under that name (origin 'record');
 * 2. a configured outlet crediting itself at the top of the text: a byline («المدينة نيوز :-»,
 *    «الرباط - هسبريس», «الدوحة ـ "القدس العربي":») or a masthead line («الخبر», «هسبريس | Hespress»);
 * 3. the URL's host, when it is (a sub-domain of) a configured domain;
 * 4. an outlet the config does not know, named by the page itself (origin 'discovered'): a dateline
 *    with a name that looks like an outlet's («الرباط - "زنقة 20"», «مراكش - كشـ24:»), a name opening
 *    a line before «متابعة», «خاص» or a reporter's credit («كشـ24 - متابعة»), a masthead with a tagline
 *    («زنقة 20 | أخبار المغرب»), else the URL's unknown domain alone (rue20.com → "Rue20"). A page
 *    naming itself and sitting on an unknown domain gives one outlet with both name and domain;
 * 5. last, and only when nothing above names the page: a closing self-credit that joins a configured
 *    outlet with wire services («المصدر: الجزيرة + وكالات»), the way a newsroom signs a story it
 *    compiled from agencies.
 *
 * A credit («المصدر: فرانس 24», «نقلا عن …», «حسب …», «وفق …», «عن موقع …») names a source the page
 * quoted, never the outlet: a credit naming one outlet alone is never taken, wherever it appears. A
 * wire credit («رويترز», «الجزائر/ الأناضول», «(أ ف ب)», «+ وكالات», a «وكالة …») says where the text
 * came from, never who published it. Discovery is conservative: a dateline city alone, a person's
 * byline («كتب: …», «بقلم …»), a place or a person of the gazetteer, and a quoted phrase that reads
 * as words rather than a name (a verb, a preposition, a date) are never outlets.
 */
import type { OutletRow } from '@mirsad/model';
import { aliasKey, type OutletDef, type OutletsConfig } from '@mirsad/model/config/outlets';
import { normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Token } from '../types.ts';
import { fnv1a } from '../text/hash.ts';
import { ARABIC_MONTH_WORDS, ARABIC_WEEKDAY_WORDS } from '@mirsad/model/arabic';

export interface OutletMatch {
  outletId: string;
  via: 'record' | 'text' | 'url';
  /** What decided it, as written: the record's name, the byline, masthead or credit line, the URL's host. */
  evidence: string;
  /** Not in the config: the caller adds it to `outlets`. */
  created: boolean;
  /** 'config' for a configured outlet; a created one was named by a record field or discovered in the page. */
  origin: 'config' | 'record' | 'discovered';
  /** Display name: the configured name_en, or the name as the record or the page writes it. */
  name: string;
  /** A created outlet's Latin name: the one its masthead prints beside the Arabic («… | Minbar Atlas»), else one made from its domain («Rue20»). */
  nameEn: string | null;
  domain: string | null;
}

interface NameEntry {
  /** Normalised words of the name; punctuation inside it («العربية.نت», «أ.ف.ب») is skipped. */
  words: string[];
  outlet: OutletDef | null;
  /** Set for a wire service's credit. */
  wire: string | null;
}

export interface CompiledOutlets {
  readonly byKey: ReadonlyMap<string, OutletDef>;
  readonly byDomain: ReadonlyMap<string, OutletDef>;
  /** Byline names (signatures and wire credits) by their first normalised word. */
  readonly names: ReadonlyMap<string, readonly NameEntry[]>;
  readonly ids: ReadonlySet<string>;
  /** aliasKey of every wire credit: a line that is only a wire's name is not a site header. */
  readonly wireKeys: ReadonlySet<string>;
  /** aliasKey of names that are never an outlet's: the gazetteer's places and people. */
  readonly notOutletKeys: ReadonlySet<string>;
}

/** `notOutlets`: names a discovered outlet may not have (the gazetteer's places and people, all spellings). */
export function compileOutlets(cfg: OutletsConfig, notOutlets: Iterable<string> = []): CompiledOutlets {
  const byKey = new Map<string, OutletDef>();
  const byDomain = new Map<string, OutletDef>();
  const names = new Map<string, NameEntry[]>();
  const addName = (name: string, outlet: OutletDef | null, wire: string | null) => {
    const words = tokenize(name)
      .filter((t) => t.kind !== 'punct')
      .map((t) => t.norm);
    const first = words[0];
    if (first === undefined) return;
    const list = names.get(first) ?? [];
    list.push({ words, outlet, wire });
    names.set(first, list);
  };
  for (const o of cfg.outlets) {
    for (const n of [o.name_ar, o.name_en, ...o.aliases, ...o.signatures]) byKey.set(aliasKey(n), o);
    if (o.domain) byDomain.set(o.domain, o);
    for (const s of o.signatures) addName(s, o, null);
  }
  const wireKeys = new Set<string>();
  for (const w of cfg.wire_services) {
    for (const n of w.names) {
      addName(n, null, w.id);
      wireKeys.add(aliasKey(n));
    }
  }
  const notOutletKeys = new Set<string>();
  for (const n of notOutlets) {
    const k = aliasKey(n);
    if (k && !byKey.has(k)) notOutletKeys.add(k);
  }
  return { byKey, byDomain, names, ids: new Set(cfg.outlets.map((o) => o.id)), wireKeys, notOutletKeys };
}

export interface OutletInput {
  /** The raw text before boilerplate removal, title excluded. */
  text: string;
  /** The text after boilerplate removal, where a closing «المصدر:» line survives page footers. */
  body?: string;
  /** A first line the reader took for the title but that may be the site's masthead (a .txt page's first line). */
  title?: string;
  outletHint: string | null;
  url: string | null;
}

export function detectOutlet(input: OutletInput, c: CompiledOutlets): OutletMatch | null {
  if (input.outletHint && input.outletHint.trim()) return fromHint(input.outletHint.trim(), input.url, c);
  const top = firstLines(input.text, TOP_LINES, TOP_CHARS);
  const heads = [...(input.title?.trim() ? [input.title.trim()] : []), ...top.slice(0, HEADER_LINES)];
  const known = knownInText(top, heads, c);
  if (known) return known;
  const host = input.url ? hostOf(input.url) : null;
  const byHost = host ? fromHost(host, c) : null;
  if (byHost) return byHost;
  const domain = host ? discoverableDomain(host) : null;
  const found = discoverInText(top, heads, c);
  if (found) return 'outlet' in found ? textMatch(found.outlet, found.evidence) : discovered(found.name, found.evidence, domain, 'text', c, found.latin);
  if (domain) return discovered(domainName(domain), host as string, domain, 'url', c);
  return selfCredit(input.text, input.body, c);
}

// ---------------------------------------------------------------------------------------------
// Record field

const HINT_PARTS = /\s*(?:[|｜•·]|\s[-–—]\s)\s*/;

function fromHint(hint: string, url: string | null, c: CompiledOutlets): OutletMatch {
  const whole = c.byKey.get(aliasKey(hint));
  if (whole) return configured(whole, 'record', hint);
  // og:site_name often pairs the name with a tagline or the other script: «هسبريس | Hespress»
  for (const part of hint.split(HINT_PARTS)) {
    const o = c.byKey.get(aliasKey(part));
    if (o) return configured(o, 'record', hint);
  }
  const byHost = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(hint) ? outletOfHost(hint.toLowerCase(), c) : null;
  if (byHost) return configured(byHost, 'record', hint);
  const host = url ? hostOf(url) : null;
  const domain = host ? (discoverableDomain(host) ?? host) : null;
  return { outletId: newOutletId(hint, c.ids), via: 'record', evidence: hint, created: true, origin: 'record', name: hint, nameEn: null, domain };
}

const configured = (o: OutletDef, via: OutletMatch['via'], evidence: string): OutletMatch => ({
  outletId: o.id,
  via,
  evidence: evidence.trim(),
  created: false,
  origin: 'config',
  name: o.name_en,
  nameEn: null,
  domain: o.domain,
});

const textMatch = (o: OutletDef, evidence: string): OutletMatch => configured(o, 'text', evidence);

/** A stable, readable id for an outlet the config does not know: «الغد» → "alghd". */
export function newOutletId(name: string, taken: ReadonlySet<string>): string {
  let slug = '';
  for (const ch of normalizeText(name).normalize('NFKD').toLowerCase()) {
    const t = TRANSLIT[ch];
    if (t !== undefined) slug += t;
    else if (/[a-z0-9]/.test(ch)) slug += ch;
    else if (/[\s\-_.]/.test(ch)) slug += '-';
  }
  slug = slug.replace(/-+/g, '-').replace(/^-|-$/g, '').slice(0, 48);
  if (slug === '' || taken.has(slug)) slug = `${slug || 'outlet'}-${fnv1a(name).toString(16).padStart(8, '0')}`;
  return slug;
}

const TRANSLIT: Record<string, string> = {
  ا: 'a',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: 'a',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  و: 'w',
  ي: 'y',
  ء: '',
  ئ: 'y',
  ؤ: 'w',
};

/**
 * A discovered outlet. Its id comes from its name as the page writes it, or from its domain when
 * the page does not name itself, so the same outlet gets the same id in every document and run.
 */
function discovered(name: string, evidence: string, domain: string | null, via: 'text' | 'url', c: CompiledOutlets, latin?: string): OutletMatch {
  return {
    outletId: newOutletId(via === 'url' && domain ? domainLabel(domain) : name, c.ids),
    via,
    evidence: evidence.trim(),
    created: true,
    origin: 'discovered',
    name,
    nameEn: latin ?? (domain ? domainName(domain) : null),
    domain,
  };
}

// ---------------------------------------------------------------------------------------------
// Text: configured outlets

/** Bylines and headers sit above the story: look at this many non-empty lines, or characters. */
const TOP_LINES = 25;
const TOP_CHARS = 3000;
/** A page header names the site on one of the first lines. */
const HEADER_LINES = 3;
/** A source line closes the story: look at this many non-empty lines from the end. */
const BOTTOM_LINES = 12;
/** A byline is short: only the start of a line is tokenised. */
const LINE_HEAD_CHARS = 100;
/** A line this short may be the outlet's name alone («هسبريس», «القدس العربي»). */
const BARE_NAME_CHARS = 40;
const BYLINE_SEPARATOR = /[:\-–—ـ|/(]/;
const SOURCE_START = /^[\s"«(]*(?:ال)?مص[اد]ر|^[\s"«(]*source/i;
/** «الدوحة ـ», «الدار البيضاء -»: a dateline city before the outlet's name. */
const MAX_CITY_WORDS = 3;

const norms = (words: readonly string[]) => new Set(words.map((w) => normalizeText(w).toLowerCase()));
/**
 * Words that stand in the place of a dateline city but are labels or credits: «للمزيد - الشرق
 * الأوسط:», «المصدر: فرانس 24», «نقلا عن - …», «كتب: …». Nothing after them is the page's own name.
 */
const NOT_A_CITY = norms([
  'للمزيد',
  'المزيد',
  'اقرأ',
  'أيضا',
  'اللغة',
  'القسم',
  'تصنيف',
  'التصنيف',
  'الوسوم',
  'وسوم',
  'شاهد',
  'تابع',
  'فيديو',
  'صور',
  'المصدر',
  'مصدر',
  'المصادر',
  'source',
  'نقلا',
  'نقلاً',
  'عن',
  'حسب',
  'بحسب',
  'وفق',
  'وفقا',
  'وفقاً',
  'كتب',
  'كتبت',
  'بقلم',
  'إعداد',
  'اعداد',
  'تحرير',
  'ترجمة',
  'تصوير',
  'مراسل',
  'مراسلة',
  'بواسطة',
  'by',
  'الكاتب',
  'المحرر',
  'تاريخ',
  'التاريخ',
  'نشر',
  'النشر',
  'آخر',
  'تحديث',
  'الرئيسية',
  'الصفحة',
  'رابط',
  'الرابط',
  'شارك',
  'مشاركة',
  'تعليق',
  'تعليقات',
]);

const QUOTES = new Set(['"', '“', '”', '«', '»', "'", '„', '‘', '’', '‹', '›']);
/** What follows a byline name; 'ـ' is a tatweel standing alone, as bylines write the dash. */
const SEPARATORS = new Set([':', '-', '–', '—', 'ـ', '|', '/', '(']);
/** Inside a name: «العربية.نت», «أ.ف.ب», «Al-Quds». */
const CONNECTORS = new Set(['.', '-', '_']);
const SOURCE_WORDS = norms(['المصدر', 'مصدر', 'source', 'المصادر']);
/** Between the names of a source line: «الجزيرة + وكالات», «رويترز، أ ف ب». */
const SOURCE_JOINERS = new Set(['+', '،', ',', '/', '&', 'و']);

function knownInText(top: readonly string[], heads: readonly string[], c: CompiledOutlets): OutletMatch | null {
  return firstInLines(
    top,
    heads,
    (line) => byline(line, c),
    (line) => header(line, c),
  );
}

/** The first line of the body's top that `inTop` reads an outlet from, else the first of the page's heads that `inHead` does. */
function firstInLines<T>(top: readonly string[], heads: readonly string[], inTop: (line: string) => T | null, inHead: (line: string) => T | null): T | null {
  for (const line of top) {
    const found = inTop(line);
    if (found) return found;
  }
  for (const line of heads) {
    const found = inHead(line);
    if (found) return found;
  }
  return null;
}

/** «المدينة نيوز :-», «أنا الخبر ـ متابعة», «الرباط - هسبريس», «الدوحة ـ “القدس العربي”:». */
function byline(line: string, c: CompiledOutlets): OutletMatch | null {
  const head = line.slice(0, LINE_HEAD_CHARS);
  // most lines are prose: a byline is a bare name, or has its separator near the start
  if (line.length > BARE_NAME_CHARS && !BYLINE_SEPARATOR.test(head)) return null;
  const tokens = tokenize(head);
  const atStart = nameAfterQuotes(tokens, 0, c);
  if (atStart) return atStart.entry.outlet ? textMatch(atStart.entry.outlet, line.slice(0, atStart.endOffset)) : null;
  // a city of a few words, a separator, then the name
  const i = cityWords(tokens);
  const sep = tokens[i];
  if (i === 0 || !isSeparator(sep)) return null;
  const quoted = QUOTES.has(tokens[i + 1]?.text ?? '');
  // «اللغة: العربية» is a label; «لندن: «الشرق الأوسط»» quotes the name after a colon
  if (sep?.text === ':' && !quoted) return null;
  const afterCity = nameAfterQuotes(tokens, i + 1, c);
  if (afterCity?.entry.outlet) return textMatch(afterCity.entry.outlet, line.slice(0, afterCity.endOffset));
  return null;
}

/** «المصدر - فرانس 24», «نقلا عن …»: a credit or a label, not the site's own header. */
function startsWithLabel(line: string): boolean {
  const first = tokenize(line.slice(0, 40)).find(isWord);
  return first !== undefined && NOT_A_CITY.has(first.norm.toLowerCase());
}

/** How many words of a dateline city open the line (0 when they are a label or a credit). */
function cityWords(tokens: readonly Token[]): number {
  let i = 0;
  while (i < tokens.length && i < MAX_CITY_WORDS && isWord(tokens[i])) i++;
  return tokens.slice(0, i).some((t) => NOT_A_CITY.has(t.norm.toLowerCase())) ? 0 : i;
}

/** A name at token i (after opening quotes), followed by closing quotes and a separator or the line's end. */
function nameAfterQuotes(tokens: readonly Token[], i: number, c: CompiledOutlets): { entry: NameEntry; endOffset: number } | null {
  while (i < tokens.length && QUOTES.has((tokens[i] as Token).text)) i++;
  const found = longestName(tokens, i, c);
  if (!found) return null;
  let j = found.end;
  while (j < tokens.length && QUOTES.has((tokens[j] as Token).text)) j++;
  if (j < tokens.length && !isSeparator(tokens[j])) return null;
  while (j < tokens.length && isSeparator(tokens[j])) j++; // «:-» belongs to the byline
  return { entry: found.entry, endOffset: (tokens[j - 1] as Token).end };
}

/** The longest byline name (signature or wire credit) starting at token i; a wire wins a tie. */
function longestName(tokens: readonly Token[], i: number, c: CompiledOutlets): { entry: NameEntry; end: number } | null {
  const first = tokens[i];
  if (!first || !isWord(first)) return null;
  let best: { entry: NameEntry; end: number } | null = null;
  for (const entry of c.names.get(first.norm) ?? []) {
    const end = matchWords(tokens, i, entry.words);
    if (end < 0) continue;
    if (!best || end > best.end || (end === best.end && entry.wire !== null && best.entry.wire === null)) best = { entry, end };
  }
  return best;
}

function matchWords(tokens: readonly Token[], i: number, words: readonly string[]): number {
  let j = i;
  for (let w = 0; w < words.length; w++) {
    if (w > 0 && j < tokens.length && CONNECTORS.has((tokens[j] as Token).text)) j++;
    const t = tokens[j];
    if (!t || t.norm !== words[w]) return -1;
    j++;
  }
  return j;
}

const isWord = (t: Token | undefined): boolean => t !== undefined && t.kind !== 'punct';
const isSeparator = (t: Token | undefined): boolean => t !== undefined && t.kind === 'punct' && SEPARATORS.has(t.text);

/** A line that is only the site's name: «الخبر», «Le360 عربية», «موزاييك أف أم | Mosaique FM». */
function header(line: string, c: CompiledOutlets): OutletMatch | null {
  if (line.length > 80 || startsWithLabel(line)) return null;
  for (const part of [line, ...line.split(HINT_PARTS)]) {
    const key = aliasKey(part);
    if (c.wireKeys.has(key)) continue;
    const o = c.byKey.get(key);
    if (o) return textMatch(o, line);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Text: outlets the config does not know

/** A discovered name has this many words at most. */
const MAX_NAME_WORDS = 4;
/** A masthead line is short. */
const MASTHEAD_CHARS = 60;

/** What follows a name opening a line when the page signs its own story: «كشـ24 - متابعة», «… ـ خاص». */
const SIGN_OFFS = norms([
  'متابعة',
  'متابعات',
  'خاص',
  'خاص',
  'حصري',
  'حصريا',
  'بقلم',
  'كتب',
  'كتبت',
  'إعداد',
  'مراسل',
  'مراسلة',
  'تقرير',
  'فريق',
  'هيئة',
  'التحرير',
]);
/** Words that make a name look like an outlet's when it is not quoted. */
const BRAND_WORDS = norms([
  'نيوز',
  'بريس',
  'برس',
  'بوست',
  'أونلاين',
  'اونلاين',
  'نت',
  'تيفي',
  'إنفو',
  'انفو',
  'ميديا',
  'بوابة',
  'موقع',
  'جريدة',
  'صحيفة',
  'راديو',
  'إذاعة',
  'قناة',
  'تلفزيون',
  'مجلة',
  'news',
  'press',
  'post',
  'online',
  'info',
  'tv',
  'fm',
  'media',
  'times',
  'journal',
]);
/** The outlet's words that make a line standing alone at the top its masthead («Atlas Info», «هبة بريس»). */
const MASTHEAD_WORDS = norms([
  'نيوز',
  'بريس',
  'برس',
  'بوست',
  'أونلاين',
  'اونلاين',
  'تيفي',
  'إنفو',
  'انفو',
  'ميديا',
  'press',
  'post',
  'online',
  'info',
  'tv',
  'fm',
  'media',
  'times',
]);
/** «News» and «online» as adjectives of a site, in both genders, with and without the article. */
const NEWS_ADJECTIVES = ['إخباري', 'الإخباري', 'إخبارية', 'الإخبارية', 'إلكترونية', 'الإلكترونية', 'إلكتروني', 'الإلكتروني'];
/** Words that describe a site: «جريدة إلكترونية مغربية», «الموقع الإخباري الأول». */
const SITE_WORDS = norms(['جريدة', 'صحيفة', 'موقع', 'الموقع', 'بوابة', ...NEWS_ADJECTIVES, 'news', 'journal', 'magazine', 'quotidien']);
/** Adjectives of a site's description, never in its name: «… إلكترونية مستقلة», «الموقع الإخباري». */
const DESCRIPTORS = norms([...NEWS_ADJECTIVES, 'مستقلة', 'المستقلة', 'يومية', 'اليومية', 'شاملة', 'الشاملة', 'الأولى', 'الأول', 'رائدة']);
/** A part of a masthead line that describes the site: «أخبار المغرب», «جريدة إلكترونية مغربية». */
const TAGLINE_WORDS = norms([
  'أخبار',
  'الأخبار',
  'بأخبار',
  'لأخبار',
  'الخبر',
  'جريدة',
  'صحيفة',
  'موقع',
  'بوابة',
  ...NEWS_ADJECTIVES,
  'مستقلة',
  'يومية',
  'شاملة',
  'مغربية',
  'جزائرية',
  'تونسية',
  'مصرية',
  'عربية',
  'news',
  'journal',
  'magazine',
  'actualité',
  'actualités',
  'actualites',
  'quotidien',
  'info',
  'infos',
]);
/** Words no outlet's name is made of: prepositions, particles, verbs of reporting, titles, dates. */
const NOT_NAME_WORDS = norms([
  'في',
  'من',
  'على',
  'إلى',
  'الى',
  'عن',
  'مع',
  'أن',
  'إن',
  'ان',
  'قد',
  'لم',
  'لن',
  'ما',
  'لا',
  'هذا',
  'هذه',
  'ذلك',
  'التي',
  'الذي',
  'الذين',
  'هو',
  'هي',
  'هم',
  'أنا',
  'أنت',
  'أنتم',
  'نحن',
  'هن',
  'إنه',
  'إنها',
  'إنهم',
  'أنه',
  'أنها',
  'كان',
  'كانت',
  'يكون',
  'بعد',
  'قبل',
  'خلال',
  'حول',
  'بين',
  'عند',
  'منذ',
  'حتى',
  'أو',
  'أم',
  'ثم',
  'بل',
  'لكن',
  'كل',
  'قال',
  'قالت',
  'أكد',
  'أكدت',
  'أعلن',
  'أعلنت',
  'كشف',
  'كشفت',
  'أفاد',
  'أفادت',
  'ذكر',
  'ذكرت',
  'أضاف',
  'أضافت',
  'وصل',
  'وصلت',
  'يقول',
  'تقول',
  'يؤكد',
  'تؤكد',
  'يعلن',
  'تعلن',
  'أوضح',
  'أوضحت',
  'أشار',
  'أشارت',
  'نقل',
  'نقلت',
  'التقى',
  'استقبل',
  'بحث',
  'دعا',
  'الرئيس',
  'رئيس',
  'الوزير',
  'وزير',
  'وزيرة',
  'الملك',
  'الأمير',
  'السفير',
  'الشيخ',
  'السيد',
  'الدكتور',
  'د',
  'العقيد',
  'اللواء',
  'الرئيسية',
  'سياسة',
  'اقتصاد',
  'رياضة',
  'ثقافة',
  'مجتمع',
  'دولي',
  'وطني',
  'محلي',
  'صحة',
  'تكنولوجيا',
  'فن',
  'منوعات',
  'عاجل',
  'اليوم',
  'أمس',
  'غدا',
  ...ARABIC_WEEKDAY_WORDS,
  ...ARABIC_MONTH_WORDS,
  'عام',
  'عاما',
  'عاماً',
  'سنة',
  'سنوات',
  'العمر',
  'البالغ',
  'البالغة',
  'رقم',
  'المركز',
  'الدرجة',
  'بنسبة',
  'نحو',
  'حوالي',
  'صباحا',
  'مساء',
  'مساءً',
  'صباحاً',
  'الساعة',
  'بتوقيت',
  'دقيقة',
  'دقائق',
  'ساعة',
  'ساعات',
  'صورة',
  'صور',
  'فيديو',
  'أرشيفية',
  'share',
  'menu',
  'home',
  'search',
  'people',
  'facebook',
  'twitter',
  'youtube',
  'instagram',
  'whatsapp',
  'telegram',
  'login',
  'subscribe',
  'the',
  'and',
  'of',
  'your',
  'to',
  'photo',
  'video',
  ...SIGN_OFFS,
]);
/** The first word of an agency's name: a «وكالة …» credit is a wire's. */
const AGENCY_WORDS = norms(['وكالة', 'وكالات', 'agence', 'agency']);

/** A name found in the page (with its Latin form when a masthead prints both), or a configured outlet. */
type Discovery = { name: string; evidence: string; latin?: string } | { outlet: OutletDef; evidence: string };

function discoverInText(top: readonly string[], heads: readonly string[], c: CompiledOutlets): Discovery | null {
  return firstInLines(
    top,
    heads,
    (line) => discoveredByline(line, c),
    (line) => masthead(line, c),
  );
}

/**
 * «الرباط - "زنقة 20"», «الجزائر – "الشروق أونلاين":», «مراكش - كشـ24:» (a city, a separator, a name
 * and a separator or the line's end; unquoted, the name must look like an outlet's), or a name
 * opening the line before a sign-off: «كشـ24 - متابعة», «"زنقة 20" | خاص».
 */
function discoveredByline(line: string, c: CompiledOutlets): Discovery | null {
  const head = line.slice(0, LINE_HEAD_CHARS);
  // a score, a time or a date («3 - 1», «16:45», «2/4/2022») is not a byline's separator
  if (!BYLINE_SEPARATOR.test(head) || SCORE_OR_TIME.test(head)) return null;
  const tokens = tokenize(head);
  // a name at the start, a separator, a sign-off
  const first = nameSpan(tokens, 0);
  if (first && isSignOff(tokens, first.next)) {
    const name = acceptName(tokens, first, c, first.quoted);
    if (name) return withEvidence(name, line.slice(0, (tokens[first.next] as Token).end));
  }
  // a city, a separator, the name
  const i = cityWords(tokens);
  const sep = tokens[i];
  // «|» divides a masthead («الاسم | Name»), never a dateline
  if (i === 0 || !isSeparator(sep) || sep?.text === '(' || sep?.text === '|' || glued(head, sep as Token)) return null;
  // «وقال الوزير -», «الأربعاء 30 -»: words of a sentence or a date, not a city
  if (tokens.slice(0, i).some((t) => NOT_NAME_WORDS.has(bare(t)) || /^\p{N}/u.test(t.text))) return null;
  const span = nameSpan(tokens, i + 1);
  if (!span) return null;
  if (sep?.text === ':' && !span.quoted) return null; // «اللغة: العربية», «كتب: محمد …»
  // after a colon, quotes are as often a title or a slogan («بريطانيا: "…"», «أفضل فيلم: "…"») as a
  // byline's name («لندن: «…»»): there the name must look like an outlet's even when quoted
  const name = acceptName(tokens, span, c, span.quoted && sep?.text !== ':');
  return name ? withEvidence(name, line.slice(0, (tokens[span.next - 1] as Token).end)) : null;
}

const SCORE_OR_TIME = /\p{N}\s*[-–—:/]\s*\p{N}/u;

/** «Rah-e-Farda»: a hyphen between two letters is part of a word, not a dateline's separator. */
const glued = (text: string, t: Token): boolean => t.text !== ':' && /\S/.test(text[t.start - 1] ?? ' ') && /\S/.test(text[t.end] ?? ' ');

interface Span {
  /** Tokens [start, end) are the name; next is the first token after it and its closing quotes/separators. */
  start: number;
  end: number;
  next: number;
  quoted: boolean;
}

/**
 * The name at token i: quoted (everything up to the closing quote), or unquoted (words up to a
 * separator or the end of the line). Null when it is not followed by a separator or the line's end.
 */
function nameSpan(tokens: readonly Token[], i: number): Span | null {
  let start = i;
  const quoted = QUOTES.has(tokens[start]?.text ?? '');
  while (start < tokens.length && QUOTES.has((tokens[start] as Token).text)) start++;
  let end = start;
  let words = 0;
  while (end < tokens.length) {
    const t = tokens[end] as Token;
    if (isWord(t)) words++;
    else if (!(
      CONNECTORS.has(t.text) &&
      end > start &&
      isWord(tokens[end + 1]) &&
      (tokens[end - 1] as Token).end === t.start &&
      (tokens[end + 1] as Token).start === t.end
    ))
      break;
    if (words > MAX_NAME_WORDS) return null;
    end++;
  }
  if (end === start) return null;
  let next = end;
  if (quoted) {
    if (!QUOTES.has(tokens[next]?.text ?? '')) return null;
    while (next < tokens.length && QUOTES.has((tokens[next] as Token).text)) next++;
  }
  if (next < tokens.length && !isSeparator(tokens[next])) return null;
  while (next < tokens.length && isSeparator(tokens[next])) next++;
  return { start, end, next, quoted };
}

function isSignOff(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  return t !== undefined && i > 0 && isSeparator(tokens[i - 1]) && SIGN_OFFS.has(bare(t));
}

/**
 * The name of tokens [span.start, span.end) as written (quotes and tatweel stripped), or a
 * configured outlet when it is one, or null when it does not look like an outlet's name.
 * `loose`: quoted, so the quotes already mark it as a name; unquoted, it needs an outlet-like word.
 */
function acceptName(tokens: readonly Token[], span: Span, c: CompiledOutlets, loose: boolean, alone = false): Discovery | null {
  const words = tokens.slice(span.start, span.end).filter(isWord);
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return null;
  const name = tokens
    .slice(span.start, span.end)
    .map((t, k, all) => (k > 0 && t.start > (all[k - 1] as Token).end ? ' ' : '') + t.text)
    .join('')
    .replace(/\u0640/g, '')
    .trim();
  const key = aliasKey(name);
  if (!key) return null;
  if (c.wireKeys.has(key) || AGENCY_WORDS.has((words[0] as Token).norm.toLowerCase())) return null;
  const known = c.byKey.get(key);
  if (known) return { outlet: known, evidence: name };
  if (c.notOutletKeys.has(key) || words.some((t) => NOT_A_CITY.has(t.norm.toLowerCase()))) return null;
  if (/^\p{N}/u.test(words[0]?.text ?? '')) return null;
  // a clitic standing alone («لـCNN») belongs to a phrase; a one-digit number is a score or a rank
  if (words.some((t) => /^[\u0621-\u064a]\u0640*$/.test(t.text) || /^\p{N}$/u.test(t.text))) return null;
  if (words.some((t) => NOT_NAME_WORDS.has(bare(t)) || DESCRIPTORS.has(t.norm) || looksLikeVerb(t))) return null;
  if (!loose && !(alone ? words.some(isMastheadWord) : words.some(isBrandWord))) return null;
  return { name, evidence: name };
}

/** «كشـ24», «Rue20», «Le360»: letters and digits in one word. */
const isLetterDigit = (t: Token): boolean => /\p{L}/u.test(t.text) && /\p{N}/u.test(t.text);
const isMastheadWord = (t: Token): boolean => isLetterDigit(t) || MASTHEAD_WORDS.has(bare(t));
/** A word that makes an unquoted name after a dateline an outlet's: «زنقة 20», «بوابة الأهرام», «Rue20». */
const isBrandWord = (t: Token): boolean => /\p{N}/u.test(t.text) || /^[a-z]/i.test(t.text) || BRAND_WORDS.has(bare(t));

/** The normalised word without a conjunction or preposition written on it («وقال» → «قال», «بأخبار» → «أخبار»). */
function bare(t: Token): string {
  const n = t.norm.toLowerCase();
  if (NOT_NAME_WORDS.has(n) || BRAND_WORDS.has(n) || SIGN_OFFS.has(n)) return n;
  return /^[وفبل]/.test(n) && n.length > 3 ? n.slice(1) : n;
}

/** Verb shapes names do not take: an imperfect with a plural or second-person ending («يقولون», «تدعمين»), a «سـ» future. */
function looksLikeVerb(t: Token): boolean {
  const n = t.norm;
  return /^[يتن][\u0621-\u064a]{2,}(?:وا|ون|ين|ان)$/.test(n) || /^[وف]?س[يتن][\u0621-\u064a]{3,}$/.test(n);
}

function withEvidence(d: Discovery, evidence: string): Discovery {
  return { ...d, evidence: evidence.trim() };
}

/**
 * The site's name on one of the first lines: with a tagline («زنقة 20 | أخبار المغرب»), with its
 * Latin name («زنقة 20 | Rue20»), or alone when it reads as an outlet's («كشـ24», «Rue20 News»).
 */
function masthead(line: string, c: CompiledOutlets): Discovery | null {
  if (line.length > MASTHEAD_CHARS) return null;
  const parts = line
    .split(HINT_PARTS)
    .map((p) => p.trim())
    .filter(Boolean);
  const first = parts[0];
  if (!first || parts.length > 3) return null;
  const tokens = tokenize(first);
  // a masthead prints the name, it does not quote it
  if (tokens.some((t) => !isWord(t) && !CONNECTORS.has(t.text))) return null;
  const span: Span = { start: 0, end: tokens.length, next: tokens.length, quoted: false };
  const rest = parts.slice(1);
  const tagged = rest.length > 0 && rest.every((p) => isTagline(p) || isLatinName(p));
  if (rest.length > 0 && !tagged) return null;
  // «حوادث | أخبار وطنية» is a section's breadcrumb: a plain name needs a tagline that describes a site
  const describes = rest.some((p) => isLatinName(p) || tokenize(p).some((t) => isWord(t) && SITE_WORDS.has(bare(t))));
  if (tagged && !describes && !tokens.some((t) => isWord(t) && isBrandWord(t))) return null;
  // the name itself must not be a description of the site («جريدة إلكترونية مغربية»)
  if (tokens.filter(isWord).some((t) => TAGLINE_WORDS.has(bare(t)) && !BRAND_WORDS.has(bare(t)))) return null;
  const name = acceptName(tokens, span, c, tagged, rest.length === 0);
  if (!name || 'outlet' in name) return name ? withEvidence(name, line) : null;
  const latin = /\p{Script=Arabic}/u.test(name.name) ? rest.find(isLatinName) : undefined;
  return { ...name, evidence: line.trim(), ...(latin ? { latin } : {}) };
}

function isTagline(part: string): boolean {
  return tokenize(part).some((t) => isWord(t) && TAGLINE_WORDS.has(bare(t)));
}

function isLatinName(part: string): boolean {
  return /^[A-Za-z][A-Za-z0-9 .'-]{1,30}$/.test(part) && part.split(/\s+/).length <= MAX_NAME_WORDS;
}

// ---------------------------------------------------------------------------------------------
// Text: a closing self-credit

/** «المصدر : الجزيرة + وكالات»: a configured outlet joined with a wire, in the last lines. */
function selfCredit(text: string, body: string | undefined, c: CompiledOutlets): OutletMatch | null {
  for (const source of body === undefined ? [text] : [body, text]) {
    for (const line of lastLines(source, BOTTOM_LINES)) {
      const found = sourceLine(line, c);
      if (found) return found;
    }
  }
  return null;
}

/**
 * «المصدر : الجزيرة + وكالات» → الجزيرة. A source line naming outlets only («المصدر: فرانس 24») or
 * wires only («المصدر: الأناضول») credits a source, so it gives nothing.
 */
function sourceLine(line: string, c: CompiledOutlets): OutletMatch | null {
  if (!SOURCE_START.test(line)) return null;
  const tokens = tokenize(line.slice(0, LINE_HEAD_CHARS));
  const head = tokens[0];
  if (!head || !SOURCE_WORDS.has(head.norm.toLowerCase())) return null;
  let i = 1;
  if (tokens[i]?.text === ':' || tokens[i]?.text === '-') i++;
  else return null;
  let outlet: OutletDef | null = null;
  let wire = false;
  while (i < tokens.length) {
    while (i < tokens.length && (QUOTES.has((tokens[i] as Token).text) || SOURCE_JOINERS.has((tokens[i] as Token).norm))) i++;
    if (i >= tokens.length) break;
    const found = longestName(tokens, i, c);
    if (!found) return null; // something else is credited: not a newsroom's sign-off
    if (found.entry.wire !== null) wire = true;
    else if (outlet && outlet !== found.entry.outlet) return null;
    else outlet = found.entry.outlet;
    i = found.end;
  }
  return outlet && wire ? textMatch(outlet, line) : null;
}

function firstLines(text: string, maxLines: number, maxChars: number): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length && at < maxChars && out.length < maxLines) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl).trim();
    if (line) out.push(line);
    at = nl + 1;
  }
  return out;
}

function lastLines(text: string, maxLines: number): string[] {
  const out: string[] = [];
  let end = text.length;
  while (end > 0 && out.length < maxLines) {
    const nl = text.lastIndexOf('\n', end - 1);
    const line = text.slice(nl + 1, end).trim();
    if (line) out.push(line);
    end = nl < 0 ? 0 : nl;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// URL

/**
 * A configured domain or its sub-domain; else a domain whose name is a configured alias: bbc.co.uk
 * is BBC Arabic (alias "BBC") although its configured domain is bbc.com.
 */
function fromHost(host: string, c: CompiledOutlets): OutletMatch | null {
  const domain = discoverableDomain(host);
  const o = outletOfHost(host, c) ?? (domain ? c.byKey.get(aliasKey(domainLabel(domain))) : undefined);
  return o ? configured(o, 'url', host) : null;
}

/** The host of a URL (scheme optional), lower case, without "www."; null if it has none. */
export function hostOf(url: string): string | null {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
    return u.hostname ? u.hostname.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** The outlet of a host or of its nearest configured parent domain: arabic.cnn.com, m.hespress.com → hespress.com. */
function outletOfHost(host: string, c: CompiledOutlets): OutletDef | null {
  let h = host.replace(/^www\./, '');
  for (;;) {
    const o = c.byDomain.get(h);
    if (o) return o;
    const dot = h.indexOf('.');
    if (dot < 0 || h.indexOf('.', dot + 1) < 0) return null;
    h = h.slice(dot + 1);
  }
}

/** Second-level labels under which a country code registers names: alquds.co.uk, assabah.com.tn. */
const SECOND_LEVEL = new Set(['com', 'co', 'net', 'org', 'gov', 'edu', 'ac', 'info', 'news', 'press', 'gouv', 'nic']);
/** Hosts that carry other people's pages: a platform, a search engine, an archive is never the outlet. */
const PLATFORMS = new Set([
  'google',
  'googleusercontent',
  'facebook',
  'fb',
  'twitter',
  'x',
  't',
  'youtube',
  'youtu',
  'instagram',
  'tiktok',
  'telegram',
  'whatsapp',
  'linkedin',
  'archive',
  'msn',
  'yahoo',
  'bing',
  'wikipedia',
  'blogspot',
  'blogger',
  'wordpress',
  'medium',
  'substack',
  'bit',
  'feedburner',
  'amazonaws',
  'cloudfront',
  'github',
  'pressreader',
  'flipboard',
  'localhost',
]);
/** RFC 2606/6761 names used in examples and tests. */
const RESERVED = /(?:^|\.)(?:example\.(?:com|net|org)|[a-z0-9-]+\.(?:example|test|invalid|localhost|local))$/;

/** The registrable domain of an unknown host («www.rue20.com» → «rue20.com»), or null for a platform, an IP or a reserved name. */
export function discoverableDomain(host: string): string | null {
  const h = host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h) || /^[0-9.]+$/.test(h) || RESERVED.test(h) || h === 'example.com') return null;
  const labels = h.split('.');
  const n = labels.length;
  const tld = labels[n - 1] as string;
  const keep = n >= 3 && tld.length === 2 && SECOND_LEVEL.has(labels[n - 2] as string) ? 3 : 2;
  const domain = labels.slice(-keep).join('.');
  const label = labels[n - keep] as string;
  if (/^xn--/.test(label) || PLATFORMS.has(label) || label.length < 2) return null;
  return domain;
}

const domainLabel = (domain: string): string => domain.split('.')[0] as string;

/** A readable name from a domain: rue20.com → "Rue20", al-ahdath.info → "Al-Ahdath". */
export function domainName(domain: string): string {
  return domainLabel(domain)
    .split('-')
    .map((w) => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w))
    .join('-');
}

// ---------------------------------------------------------------------------------------------
// One run

const ORIGIN_RANK: Record<string, number> = { discovered: 0, record: 1, manifest: 2 };

/** A discovered outlet known only by its domain (its name was made from the domain). */
const domainOnly = (r: OutletRow): boolean => r.origin === 'discovered' && r.domain !== null && r.name_ar === domainName(r.domain);

/**
 * The outlets a run creates, one per real outlet. Documents are processed apart (in workers), so
 * each names its new outlet on its own; here rows with the same name (whatever its spelling) are
 * one outlet, and pages that only sit on an unknown domain join the one outlet that named itself
 * on that domain (an aggregator's domain, where several outlets name themselves, joins none). The
 * outlet keeps the id of its domain when a page showed it alone (rue20.com → "rue20"), else the
 * id of the first document; its row gathers the name, the domain and the strongest origin.
 */
export class RunOutlets {
  private readonly rows = new Map<string, OutletRow>();
  private readonly parent = new Map<string, string>();
  private readonly byName = new Map<string, string>();

  add(row: OutletRow): void {
    if (!this.rows.has(row.outlet_id)) {
      this.rows.set(row.outlet_id, row);
      this.parent.set(row.outlet_id, row.outlet_id);
    }
    const keys = [row.name_ar, ...(row.domain !== null && row.name_en === domainName(row.domain) ? [] : [row.name_en])];
    for (const key of keys.map(aliasKey).filter(Boolean)) {
      const other = this.byName.get(key);
      if (other === undefined) this.byName.set(key, row.outlet_id);
      else this.union(other, row.outlet_id);
    }
    // a later spelling of the same outlet fills what the first one lacked
    const kept = this.rows.get(row.outlet_id) as OutletRow;
    if (kept !== row) this.rows.set(row.outlet_id, merge(kept, row));
  }

  /** The run's outlets, and for every id the documents used, the id its articles get. */
  resolve(): { rows: OutletRow[]; idOf: Map<string, string> } {
    const byDomain = new Map<string, { only: string[]; named: Set<string> }>();
    for (const r of this.rows.values()) {
      if (r.domain === null) continue;
      const d = byDomain.get(r.domain) ?? { only: [], named: new Set<string>() };
      if (domainOnly(r)) d.only.push(r.outlet_id);
      else d.named.add(this.find(r.outlet_id));
      byDomain.set(r.domain, d);
    }
    for (const d of byDomain.values()) {
      const [named] = d.named;
      if (named !== undefined && d.named.size === 1) for (const id of d.only) this.union(named, id);
    }
    const groups = new Map<string, OutletRow[]>();
    for (const r of this.rows.values()) {
      const root = this.find(r.outlet_id);
      groups.set(root, [...(groups.get(root) ?? []), r]);
    }
    const rows: OutletRow[] = [];
    const idOf = new Map<string, string>();
    for (const members of groups.values()) {
      const named = members.filter((r) => !domainOnly(r));
      const id = (members.find(domainOnly) ?? (members[0] as OutletRow)).outlet_id;
      const row = [...named, ...members.filter(domainOnly)].reduce(merge);
      rows.push({ ...row, outlet_id: id });
      for (const r of members) idOf.set(r.outlet_id, id);
    }
    return { rows, idOf };
  }

  private find(id: string): string {
    let root = id;
    while (this.parent.get(root) !== root) root = this.parent.get(root) as string;
    this.parent.set(id, root);
    return root;
  }

  private union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/** `a`'s names unless it has only its domain's, the first domain and country, the strongest origin. */
function merge(a: OutletRow, b: OutletRow): OutletRow {
  const names = domainOnly(a) && !domainOnly(b) ? b : a;
  const derived = (r: OutletRow) => r.domain !== null && r.name_en === domainName(r.domain);
  // a Latin name a record or the manifest gave, else one made from the domain, else the name as written
  const nameEn = [names, a, b].find((r) => r.name_en !== r.name_ar && !derived(r)) ?? [names, a, b].find(derived) ?? names;
  return {
    outlet_id: a.outlet_id,
    name_ar: names.name_ar,
    name_en: nameEn.name_en,
    domain: a.domain ?? b.domain,
    country: a.country ?? b.country,
    origin: (ORIGIN_RANK[b.origin] ?? 0) > (ORIGIN_RANK[a.origin] ?? 0) ? b.origin : a.origin,
  };
}
