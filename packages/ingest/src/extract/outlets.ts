/**
 * Which outlet published a document: the name a record gives (a JSON field, og:site_name), else
 * how the text credits itself (a byline, a page header, a closing «المصدر:» line), else the URL's
 * host. A wire credit («رويترز», «الجزائر/ الأناضول», «+ وكالات») says where the text came from,
 * never who published it, and is skipped wherever it appears.
 */
import { aliasKey, type OutletDef, type OutletsConfig } from '@mirsad/model/config/outlets';
import { normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Token } from '../types.ts';
import { fnv1a } from '../text/hash.ts';

export interface OutletMatch {
  outletId: string;
  via: 'record' | 'text' | 'url';
  /** What decided it, as written: the record's name, the byline or source line, the URL's host. */
  evidence: string;
  /** Not in the config: the record named an outlet we do not know; the caller adds it to `outlets`. */
  created: boolean;
  /** Display name: the configured name_en, or the record's name as written for a created outlet. */
  name: string;
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
}

export function compileOutlets(cfg: OutletsConfig): CompiledOutlets {
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
  return { byKey, byDomain, names, ids: new Set(cfg.outlets.map((o) => o.id)), wireKeys };
}

export interface OutletInput {
  /** The raw text before boilerplate removal, title excluded. */
  text: string;
  /** The text after boilerplate removal, where a closing «المصدر:» line survives page footers. */
  body?: string;
  outletHint: string | null;
  url: string | null;
}

export function detectOutlet(input: OutletInput, c: CompiledOutlets): OutletMatch | null {
  if (input.outletHint && input.outletHint.trim()) return fromHint(input.outletHint.trim(), input.url, c);
  const inText = fromText(input.text, input.body, c);
  if (inText) return inText;
  return input.url ? fromUrl(input.url, c) : null;
}

// ---------------------------------------------------------------------------------------------
// Record field

const HINT_PARTS = /\s*(?:[|｜•·]|\s[-–—]\s)\s*/;

function fromHint(hint: string, url: string | null, c: CompiledOutlets): OutletMatch {
  const known = (o: OutletDef): OutletMatch => ({ outletId: o.id, via: 'record', evidence: hint, created: false, name: o.name_en, domain: o.domain });
  const whole = c.byKey.get(aliasKey(hint));
  if (whole) return known(whole);
  // og:site_name often pairs the name with a tagline or the other script: «هسبريس | Hespress»
  for (const part of hint.split(HINT_PARTS)) {
    const o = c.byKey.get(aliasKey(part));
    if (o) return known(o);
  }
  const byHost = /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(hint) ? outletOfHost(hint.toLowerCase(), c) : null;
  if (byHost) return known(byHost);
  return { outletId: newOutletId(hint, c.ids), via: 'record', evidence: hint, created: true, name: hint, domain: url ? hostOf(url) : null };
}

/** A stable, readable id for an outlet the config does not know: «الغد» → "alghd". */
export function newOutletId(name: string, taken: ReadonlySet<string>): string {
  let slug = '';
  for (const ch of normalizeText(name).normalize('NFKD')) {
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
  ا: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's', ش: 'sh',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h',
  و: 'w', ي: 'y', ء: '', ئ: 'y', ؤ: 'w',
};

// ---------------------------------------------------------------------------------------------
// Text

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
/** Labels that take the place of a dateline city: «للمزيد - الشرق الأوسط:», «اقرأ أيضا - العربية». */
const NOT_A_CITY = new Set(['للمزيد', 'المزيد', 'اقرا', 'ايضا', 'اللغه', 'القسم', 'تصنيف', 'التصنيف', 'الوسوم', 'وسوم', 'شاهد', 'تابع', 'فيديو', 'صور']);
/** «الدوحة ـ», «الدار البيضاء -»: a dateline city before the outlet's name. */
const MAX_CITY_WORDS = 3;

const QUOTES = new Set(['"', '“', '”', '«', '»', "'", '„', '‘', '’', '‹', '›']);
/** What follows a byline name; 'ـ' is a tatweel standing alone, as bylines write the dash. */
const SEPARATORS = new Set([':', '-', '–', '—', 'ـ', '|', '/', '(']);
/** Inside a name: «العربية.نت», «أ.ف.ب», «Al-Quds». */
const CONNECTORS = new Set(['.', '-', '_']);
const SOURCE_WORDS = new Set(['المصدر', 'مصدر', 'source', 'المصادر']);
/** Between the names of a source line: «الجزيرة + وكالات», «رويترز، أ ف ب». */
const SOURCE_JOINERS = new Set(['+', '،', ',', '/', '&', 'و']);

function fromText(text: string, body: string | undefined, c: CompiledOutlets): OutletMatch | null {
  const top = firstLines(text, TOP_LINES, TOP_CHARS);
  for (const line of top) {
    const found = byline(line, c);
    if (found) return found;
  }
  for (const line of top.slice(0, HEADER_LINES)) {
    const found = header(line, c);
    if (found) return found;
  }
  for (const source of body === undefined ? [text] : [body, text]) {
    for (const line of lastLines(source, BOTTOM_LINES)) {
      const found = sourceLine(line, c);
      if (found) return found;
    }
  }
  return null;
}

const textMatch = (o: OutletDef, evidence: string): OutletMatch => ({
  outletId: o.id,
  via: 'text',
  evidence: evidence.trim(),
  created: false,
  name: o.name_en,
  domain: o.domain,
});

/** «المدينة نيوز :-», «أنا الخبر ـ متابعة», «الرباط - هسبريس», «الدوحة ـ “القدس العربي”:». */
function byline(line: string, c: CompiledOutlets): OutletMatch | null {
  const head = line.slice(0, LINE_HEAD_CHARS);
  // most lines are prose: a byline is a bare name, or has its separator near the start
  if (line.length > BARE_NAME_CHARS && !BYLINE_SEPARATOR.test(head)) return null;
  const tokens = tokenize(head);
  const atStart = nameAfterQuotes(tokens, 0, c);
  if (atStart) return atStart.entry.outlet ? textMatch(atStart.entry.outlet, line.slice(0, atStart.endOffset)) : null;
  // a city of a few words, a separator, then the name
  let i = 0;
  while (i < tokens.length && i < MAX_CITY_WORDS && isWord(tokens[i])) i++;
  const sep = tokens[i];
  if (i === 0 || !isSeparator(sep) || tokens.slice(0, i).some((t) => NOT_A_CITY.has(t.norm))) return null;
  const quoted = QUOTES.has(tokens[i + 1]?.text ?? '');
  // «اللغة: العربية» is a label; «لندن: «الشرق الأوسط»» quotes the name after a colon
  if (sep?.text === ':' && !quoted && !SOURCE_WORDS.has(tokens[0]?.norm ?? '')) return null;
  const afterCity = nameAfterQuotes(tokens, i + 1, c);
  if (afterCity?.entry.outlet) return textMatch(afterCity.entry.outlet, line.slice(0, afterCity.endOffset));
  return null;
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
  if (line.length > 80) return null;
  for (const part of [line, ...line.split(HINT_PARTS)]) {
    const key = aliasKey(part);
    if (c.wireKeys.has(key)) continue;
    const o = c.byKey.get(key);
    if (o) return textMatch(o, line);
  }
  return null;
}

/** «المصدر : الجزيرة + وكالات» → الجزيرة; «المصدر: الأناضول» → nothing, a wire only. */
function sourceLine(line: string, c: CompiledOutlets): OutletMatch | null {
  if (!SOURCE_START.test(line)) return null;
  const tokens = tokenize(line.slice(0, LINE_HEAD_CHARS));
  const head = tokens[0];
  if (!head || !SOURCE_WORDS.has(head.norm)) return null;
  let i = 1;
  if (tokens[i]?.text === ':' || tokens[i]?.text === '-') i++;
  else return null;
  while (i < tokens.length) {
    while (i < tokens.length && (QUOTES.has((tokens[i] as Token).text) || SOURCE_JOINERS.has((tokens[i] as Token).norm))) i++;
    const found = longestName(tokens, i, c);
    if (found?.entry.outlet) return textMatch(found.entry.outlet, line);
    if (!found) {
      const o = c.byKey.get(aliasKey(tokens.slice(i).map((t) => t.text).join(' ')));
      return o ? textMatch(o, line) : null;
    }
    i = found.end;
  }
  return null;
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

function fromUrl(url: string, c: CompiledOutlets): OutletMatch | null {
  const host = hostOf(url);
  const o = host ? outletOfHost(host, c) : null;
  return o && host ? { outletId: o.id, via: 'url', evidence: host, created: false, name: o.name_en, domain: o.domain } : null;
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
