/**
 * Boilerplate removal: from a document's text as a reader extracted it to `body`, the article alone.
 *
 * Works on lines (a reader's paragraphs, a JSON text's lines): each is kept verbatim or dropped
 * whole, and the kept ones are joined with blank lines. Only inline shortcodes (`[caption …]`) are
 * cut out of a line. The rules are general page shapes, not per-site lists:
 *  - line shape: shortcodes, share buttons, lines that are only a date, author lines, menus,
 *    a site's tagline, a line written twice in a row ("X X", the related-headline widget);
 *  - repetition: the headline again, a teaser cut short that the full paragraph repeats, a
 *    paragraph printed twice;
 *  - script: Latin lines in an Arabic article (English captions, "Share your love", "Source: x.com");
 *  - position: what follows a related-links marker or a comment form once the article is over,
 *    the page header above a repeated headline, menus above the first and below the last paragraph.
 */
import type { RawDoc } from '../types.ts';
import {
  AUTHOR_MARKERS,
  CHROME_PHRASES,
  DATELINE_WORDS,
  MENU_WORDS,
  TAGLINE_ADJECTIVES,
  TAGLINE_NOUNS,
  type ChromePhrase,
} from './chrome.ts';
import { matchKey } from './match.ts';

export type RemovalReason =
  | 'shortcode'
  | 'title_repeat'
  | 'doubled'
  | 'latin'
  | 'dateline'
  | 'author'
  | 'chrome'
  | 'menu'
  | 'tagline'
  | 'related'
  | 'comments'
  | 'header'
  | 'teaser'
  | 'duplicate'
  /** The line became the title because the input's title was page chrome. */
  | 'headline';

export interface Removed {
  /** The dropped line (or shortcode) as written. */
  text: string;
  reason: RemovalReason;
}

export interface CleanResult {
  /**
   * The input title, or, when that was page chrome (a site name such as "Analkhabar" standing
   * first in a .txt page), the headline found at the top of the text.
   */
  title: string;
  /** Kept lines as written (trimmed), joined with "\n\n". */
  body: string;
  /** What was dropped, in text order. */
  removed: Removed[];
}

interface Line {
  text: string;
  key: string;
  words: string[];
  /** Ends like a sentence (. ! ? ؟), not with an ellipsis. */
  sentenceEnd: boolean;
  arabic: number;
  latin: number;
  drop: RemovalReason | null;
  inline: Removed[];
}

/** Lines above a repeated headline that may be page header (site name, tagline, date, a teaser). */
const HEADER_MAX_LINES = 10;
const HEADER_MAX_CHARS = 600;
/** Only the top of a page carries teasers; bounding the search keeps long texts linear. */
const TEASER_SEARCH_LINES = 20;
const TEASER_MIN_WORDS = 8;
const DUPLICATE_MIN_CHARS = 30;
const MENU_BLOCK_MIN_LINES = 3;
const MENU_ITEM_MAX_WORDS = 3;

/**
 * The rules are the same for every format today; `format` is accepted so a RawDoc can be passed as
 * it is.
 */
export type CleanInput = Pick<RawDoc, 'title' | 'text'> & Partial<Pick<RawDoc, 'format'>>;

export function cleanText(doc: CleanInput): CleanResult {
  const lines = splitLines(doc.text);
  const arabicDoc = isArabicDocument(lines);
  let title = doc.title.trim();
  const titleLine = makeLine(title, null);
  const titleIsChrome = title !== '' && (lineRule(titleLine, '', arabicDoc) !== null || isTagline(titleLine));
  if (titleIsChrome) {
    lines.unshift(titleLine);
    title = '';
  }
  const titleKey = matchKey(title);

  for (const line of lines) line.drop = lineRule(line, titleKey, arabicDoc);

  const paragraphs = () => lines.flatMap((l, i) => (l.drop === null && isParagraph(l) ? [i] : []));
  let para = paragraphs();
  dropAfterMarkers(lines, para);
  dropHeaderAboveTitle(lines);
  dropTeasersAndDuplicates(lines);
  para = paragraphs();
  dropEdgeChrome(lines, para);
  if (titleIsChrome) title = promoteHeadline(lines, para[0] ?? lines.length);

  const removed: Removed[] = [];
  const kept: string[] = [];
  for (const line of lines) {
    if (line.drop === null) {
      removed.push(...line.inline);
      kept.push(line.text);
    } else {
      removed.push({ text: line.text, reason: line.drop });
    }
  }
  return { title, body: kept.join('\n\n'), removed };
}

// ---------------------------------------------------------------------------------------------
// lines

const CLOSERS = /[\s"'”’»)\]}*]+$/u;
const SENTENCE_END = /[.!?؟!۔]$/u;
const ELLIPSIS = /(?:…|\.\.)$/u;
const ARABIC = /[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]/gu;
const LATIN = /[A-Za-z\u00c0-\u024f]/gu;

/**
 * `[wpcc-script …]`, `[caption id="…"]`, `[/caption]`: a WordPress shortcode left in the text. A
 * bracketed word counts only if it looks like code (lower case, with attributes, a dash, a closing
 * slash or a known name), so «[1]» and «[AFP]» stay.
 */
const SHORTCODE = / ?\[(\/?)([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)((?:\s[^[\]\n]*)?)\]/g;
const KNOWN_SHORTCODES = new Set(['caption', 'embed', 'gallery', 'video', 'audio', 'playlist', 'youtube', 'tweet', 'iframe']);

function isShortcode(closing: string, name: string, attrs: string): boolean {
  return closing === '/' || /[-_]/.test(name) || attrs.includes('=') || KNOWN_SHORTCODES.has(name);
}

function count(s: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(s) !== null) n++;
  return n;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let t = raw.trim();
    if (t === '') continue;
    const inline: Removed[] = [];
    if (t.includes('[')) {
      t = t
        .replace(SHORTCODE, (m, closing: string, name: string, attrs: string) => {
          if (!isShortcode(closing, name, attrs)) return m;
          inline.push({ text: m.trim(), reason: 'shortcode' });
          return '';
        })
        .trim();
      if (t === '') {
        out.push(makeLine(raw.trim(), 'shortcode'));
        continue;
      }
    }
    const line = makeLine(t, null);
    line.inline = inline;
    out.push(line);
  }
  return out;
}

function makeLine(text: string, drop: RemovalReason | null): Line {
  const key = matchKey(text);
  const tail = text.replace(CLOSERS, '');
  return {
    text,
    key,
    words: key === '' ? [] : key.split(' '),
    sentenceEnd: SENTENCE_END.test(tail) && !ELLIPSIS.test(tail),
    arabic: count(text, ARABIC),
    latin: count(text, LATIN),
    drop,
    inline: [],
  };
}

/** A paragraph of article prose, as opposed to a caption, a heading, a link or a menu. */
function isParagraph(l: Line): boolean {
  return (l.sentenceEnd && l.words.length >= TEASER_MIN_WORDS) || l.words.length >= 30;
}

function isArabicDocument(lines: Line[]): boolean {
  let arabic = 0;
  let latin = 0;
  for (const l of lines) {
    arabic += l.arabic;
    latin += l.latin;
  }
  return arabic > 0 && arabic >= latin;
}

// ---------------------------------------------------------------------------------------------
// rules that look at one line

function lineRule(l: Line, titleKey: string, arabicDoc: boolean): RemovalReason | null {
  if (l.drop !== null) return l.drop;
  if (titleKey !== '' && l.key === titleKey) return 'title_repeat';
  if (isDoubled(l.words)) return 'doubled';
  if (arabicDoc && l.latin > l.arabic && l.latin >= 2) return 'latin';
  if (isDateline(l.words)) return 'dateline';
  if (isAuthorLine(l)) return 'author';
  const phrase = findPhrase(l);
  if (phrase?.action === 'line') return 'chrome';
  if (isMenuLine(l)) return 'menu';
  return null;
}

/** "A b c A b c": a related-headlines widget prints each headline twice (link text + title). */
function isDoubled(words: string[]): boolean {
  const n = words.length;
  if (n < 4 || n % 2 !== 0) return false;
  const half = n / 2;
  for (let i = 0; i < half; i++) if (words[i] !== words[i + half]) return false;
  return true;
}

const NUMBER = /^\d+(?:st|nd|rd|th)?$/;

/** Only a date and a time, with publishing words around them («تم نشره الجمعة … 07:01 مساءً»). */
function isDateline(words: string[]): boolean {
  if (words.length === 0 || words.length > 16) return false;
  let numbers = 0;
  for (const w of words) {
    if (NUMBER.test(w)) numbers++;
    else if (!DATELINE_WORDS.has(w)) return false;
  }
  return numbers > 0;
}

const AUTHOR_LINE = /^(\S+)\s*[:：\-–—ـ]/u;

/** «كتب : فلان الفلاني», «بقلم - فلان»; not «كتب الوزير في تغريدة:» (no separator after the verb). */
function isAuthorLine(l: Line): boolean {
  if (l.words.length > 7 || l.sentenceEnd || l.text.endsWith(':')) return false;
  const m = AUTHOR_LINE.exec(l.text);
  return m !== null && AUTHOR_MARKERS.includes(matchKey(m[1] ?? ''));
}

function findPhrase(l: Line): ChromePhrase | undefined {
  const key = l.key;
  if (key === '') return undefined;
  for (const p of CHROME_PHRASES) {
    if (key === p.phrase) return p;
    switch (p.match) {
      case 'exact':
        break;
      case 'start':
        if (key.startsWith(p.phrase + ' ') && l.words.length <= (p.maxWords ?? Infinity) && !l.sentenceEnd) return p;
        break;
      case 'contains':
        if (l.words.length <= (p.maxWords ?? 25) && ` ${key} `.includes(` ${p.phrase} `)) return p;
        break;
      default:
        throw new Error(`unknown match kind ${String(p.match satisfies never)}`);
    }
  }
  return undefined;
}

function isMenuWord(w: string): boolean {
  if (MENU_WORDS.has(w)) return true;
  if (w.startsWith('و') && MENU_WORDS.has(w.slice(1))) return true;
  if (w.startsWith('ال') && MENU_WORDS.has(w.slice(2))) return true;
  return w.startsWith('وال') && MENU_WORDS.has(w.slice(3));
}

/** "آخر الأخبار سياسة اقتصاد رياضة …": a navigation bar flattened into one line. */
function isMenuLine(l: Line): boolean {
  if (l.words.length < 4 || l.sentenceEnd || l.text.includes(':')) return false;
  let menu = 0;
  for (const w of l.words) if (isMenuWord(w)) menu++;
  return menu >= 0.6 * l.words.length;
}

function isTagline(l: Line): boolean {
  if (l.sentenceEnd || l.words.length > 15) return false;
  const w = l.words;
  for (let i = 0; i < w.length - 1; i++) {
    if (!TAGLINE_NOUNS.includes(w[i] ?? '')) continue;
    if (TAGLINE_ADJECTIVES.includes(w[i + 1] ?? '') || TAGLINE_ADJECTIVES.includes(w[i + 2] ?? '')) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// rules that look at a line's place in the text

/**
 * The first heading-like line at the top (up to the first paragraph, which may itself be a
 * headline ending in «!» or «؟») becomes the title; its copies go.
 */
function promoteHeadline(lines: Line[], firstParagraph: number): string {
  const isHeading = (l: Line) =>
    l.drop === null && l.words.length >= 3 && l.words.length <= 30 && !/[.:]$/.test(l.text.replace(CLOSERS, ''));
  const h = lines.slice(0, firstParagraph + 1).find(isHeading);
  if (h === undefined) return '';
  h.drop = 'headline';
  for (const l of lines) if (l.drop === null && l.key === h.key) l.drop = 'title_repeat';
  return h.text;
}

function dropFrom(lines: Line[], from: number, reason: RemovalReason): void {
  for (let j = from; j < lines.length; j++) {
    const l = lines[j];
    if (l !== undefined && l.drop === null) l.drop = reason;
  }
}

/**
 * «مواضيع ذات صلة», «اقرأ أيضا»: when only link-like lines follow, they and the marker go; inside
 * the article (paragraphs follow), the marker goes with the headline lines it introduces.
 * A comment form ends the article once the article has begun.
 */
function dropAfterMarkers(lines: Line[], paragraphs: number[]): void {
  const first = paragraphs[0] ?? -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === undefined || l.drop !== null) continue;
    const phrase = findPhrase(l);
    if (phrase === undefined || phrase.action === 'line') continue;
    if (phrase.action === 'comments') {
      if (first >= 0 && i > first) return dropFrom(lines, i, 'comments');
      l.drop = 'comments';
      continue;
    }
    const next = paragraphs.find((p) => p > i && lines[p]?.drop === null);
    if (next === undefined) return dropFrom(lines, i, 'related');
    l.drop = 'related';
    if (l.key !== phrase.phrase) continue; // the marker carried its one headline
    for (let j = i + 1; j < next; j++) {
      const h = lines[j];
      if (h !== undefined && h.drop === null && !h.sentenceEnd) h.drop = 'related';
    }
  }
}

/**
 * A page that prints the headline again above the article: what comes before that copy (site
 * name, tagline, date, a teaser of the lead) is page header, as long as it is short and holds no
 * finished paragraph.
 */
function dropHeaderAboveTitle(lines: Line[]): void {
  const t = lines.findIndex((l) => l.drop === 'title_repeat');
  if (t <= 0 || t > HEADER_MAX_LINES) return;
  const before = lines.slice(0, t).filter((l) => l.drop === null);
  if (before.some((l) => l.sentenceEnd && l.words.length >= TEASER_MIN_WORDS)) return;
  if (before.reduce((n, l) => n + l.text.length, 0) > HEADER_MAX_CHARS) return;
  for (const l of before) l.drop = 'header';
}

/**
 * A teaser is the lead cut short (no sentence end) whose words reappear in the text after it; a
 * duplicate is a paragraph printed twice. The copy that stays is the full, later one for a
 * teaser and the first one for a duplicate.
 */
function dropTeasersAndDuplicates(lines: Line[]): void {
  const kept = lines.filter((l) => l.drop === null);
  const starts: number[] = [];
  let joined = '';
  for (const l of kept) {
    starts.push(joined.length);
    joined += l.key + ' ';
  }
  const searchEnd = Math.min(kept.length, TEASER_SEARCH_LINES);
  for (let k = 0; k < searchEnd; k++) {
    const l = kept[k];
    if (l === undefined || l.sentenceEnd || l.words.length < TEASER_MIN_WORDS) continue;
    const probe = l.words.slice(0, -1).join(' '); // the last word may be cut
    const after = starts[k + 1];
    if (after !== undefined && joined.indexOf(probe, after) >= 0) l.drop = 'teaser';
  }
  const seen = new Set<string>();
  for (const l of kept) {
    if (l.drop !== null || l.key.length < DUPLICATE_MIN_CHARS) continue;
    if (seen.has(l.key)) l.drop = 'duplicate';
    else seen.add(l.key);
  }
}

/**
 * Above the first paragraph and below the last: menus printed one item per line, and the site's
 * tagline. A single short line there (a caption, «المصدر : …», a wire credit) stays.
 */
function dropEdgeChrome(lines: Line[], paragraphs: number[]): void {
  const first = paragraphs[0];
  const last = paragraphs[paragraphs.length - 1];
  if (first === undefined || last === undefined) return;
  const zones: Array<[number, number]> = [
    [0, first],
    [last + 1, lines.length],
  ];
  for (const [from, to] of zones) {
    let run: Line[] = [];
    const flush = () => {
      if (run.length >= MENU_BLOCK_MIN_LINES) for (const l of run) l.drop = 'menu';
      run = [];
    };
    for (let i = from; i < to; i++) {
      const l = lines[i];
      if (l === undefined || l.drop !== null) continue;
      if (isTagline(l)) {
        l.drop = 'tagline';
        continue;
      }
      if (l.words.length <= MENU_ITEM_MAX_WORDS && !l.sentenceEnd) run.push(l);
      else flush();
    }
    flush();
  }
}
