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
  PUBLISHING_WORDS,
  SHARE_NETWORKS,
  SHARE_WORDS,
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
  /**
   * A long line (see LONG_LINE_WORDS) is always a paragraph: no chrome rule applies to it, so its
   * key is computed only when a rule asks (see keyOf).
   */
  long: boolean;
  key: string;
  /** The key's words, split when a rule asks (see wordsOf). */
  words: string[] | null;
  /** Word count (estimated from spaces for long lines). */
  nWords: number;
  /** Ends like a sentence (. ! ? ؟), not with an ellipsis. */
  sentenceEnd: boolean;
  /** Arabic and Latin letters (for a long line, of its opening unless that looks Latin). */
  arabic: number;
  latin: number;
  drop: RemovalReason | null;
  inline: Removed[];
}

/**
 * Lines of more words are paragraphs, as are finished sentences of more than LONG_SENTENCE_WORDS:
 * every chrome line seen is far shorter, and the rules that read a line's words stop well below.
 */
const LONG_LINE_WORDS = 60;
const LONG_SENTENCE_WORDS = 30;
/** Lines above a repeated headline that may be page header (site name, tagline, date, a teaser). */
const HEADER_MAX_LINES = 10;
const HEADER_MAX_CHARS = 600;
/** A teaser's full copy follows within this many lines; bounding the search keeps texts linear. */
const TEASER_SEARCH_LINES = 12;
const TEASER_MIN_WORDS = 8;
const DUPLICATE_MIN_CHARS = 30;
const MENU_BLOCK_MIN_LINES = 3;
const MENU_ITEM_MAX_WORDS = 3;
/** A line of an Arabic article is Latin chrome when Latin letters outnumber Arabic ones this many times. */
const LATIN_LINE_RATIO = 4;
/** Enough of a text to tell its script. */
const SCRIPT_SAMPLE_CHARS = 300;
const MENU_WORD_SHARE = 0.6;
/** Headlines a bare «اقرأ أيضا» introduces, at most. */
const RELATED_MAX_HEADLINES = 6;
const HEADLINE_MAX_WORDS = 20;

/** `format`: only a .txt title (the file's first line) may turn out to be page chrome. */
export type CleanInput = Pick<RawDoc, 'title' | 'text'> & Partial<Pick<RawDoc, 'format'>>;

export function cleanText(doc: CleanInput): CleanResult {
  const lines = splitLines(doc.text);
  const arabicDoc = isArabicText(doc.text);
  let title = doc.title.trim();
  const titleLine = makeLine(title, null);
  // A .txt file's title is its first line, a guess that may be the site's name or tagline; a
  // title from a JSON field or HTML metadata is taken as given.
  const titleIsChrome = doc.format === 'txt' && title !== '' && (lineRule(titleLine, '', arabicDoc) !== null || isTagline(titleLine));
  if (titleIsChrome) {
    lines.unshift(titleLine);
    title = '';
  }
  const titleKey = matchKey(title);

  for (const line of lines) line.drop = lineRule(line, titleKey, arabicDoc);

  const paragraphs = () => {
    const out: number[] = [];
    for (let i = 0; i < lines.length; i++) if ((lines[i] as Line).drop === null && isParagraph(lines[i] as Line)) out.push(i);
    return out;
  };
  let para = paragraphs();
  dropAfterMarkers(lines, para);
  dropHeaderAboveTitle(lines);
  para = paragraphs();
  dropTeasersAndDuplicates(lines, para[0] ?? lines.length);
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

const CLOSER_CHARS = ' \t"\'”’»)]}*';
const SENTENCE_END = /[.!?؟!۔]$/u;
const ELLIPSIS = /(?:…|\.\.)$/u;

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

/** Arabic and Latin letters of a line (the × sign and other symbols of Latin-1 are neither). */
function letters(s: string, end = s.length): { arabic: number; latin: number } {
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x0621 && c <= 0x06ff) {
      if (c <= 0x064a || (c >= 0x066e && c <= 0x06d3) || c >= 0x06fa) arabic++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)) {
      latin++;
    }
  }
  return { arabic, latin };
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  for (const raw of text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n')) {
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
  const spaced = countSpaces(text, LONG_LINE_WORDS) + 1;
  const tail = withoutClosers(text);
  const sentenceEnd = SENTENCE_END.test(tail) && !ELLIPSIS.test(tail);
  const long = spaced > LONG_LINE_WORDS || (sentenceEnd && spaced > LONG_SENTENCE_WORDS);
  const key = long ? '' : matchKey(text);
  const { arabic, latin } = lineLetters(text, long);
  return {
    text,
    long,
    key,
    words: null,
    nWords: long ? spaced : key === '' ? 0 : countSpaces(key, Infinity) + 1,
    sentenceEnd,
    arabic,
    latin,
    drop,
    inline: [],
  };
}

/** The line without trailing quotes, brackets and stars, so «…قال.”» ends like a sentence. */
function withoutClosers(text: string): string {
  let end = text.length;
  while (end > 0 && CLOSER_CHARS.includes(text.charAt(end - 1))) end--;
  return text.slice(Math.max(0, end - 3), end);
}

/** A line's letters; of a long line, those of its opening unless the opening looks Latin. */
function lineLetters(text: string, long: boolean): { arabic: number; latin: number } {
  if (!long) return letters(text);
  const sample = letters(text, Math.min(text.length, SCRIPT_SAMPLE_CHARS));
  return sample.arabic * LATIN_LINE_RATIO < sample.latin ? letters(text) : sample;
}

/** Spaces in s, counting no further than `enough` (a long paragraph need not be read through). */
function countSpaces(s: string, enough: number): number {
  // indexOf finds the next space natively: a line is a slice of the page's text, which a loop of charCodeAt reads unit by unit
  let n = 0;
  for (let i = s.indexOf(' '); i !== -1 && n <= enough; i = s.indexOf(' ', i + 1)) n++;
  return n;
}

function wordsOf(l: Line): string[] {
  l.words ??= keyOf(l) === '' ? [] : l.key.split(' ');
  return l.words;
}

/** The matching key of any line, long ones included (computed when a rule needs it). */
function keyOf(l: Line): string {
  if (l.long && l.key === '') l.key = matchKey(l.text);
  return l.key;
}

/** A link's or a section's title: short, not a sentence, not a lead-in to what follows. */
function isHeadlineLike(l: Line): boolean {
  return !l.long && l.nWords > 0 && l.nWords <= HEADLINE_MAX_WORDS && !l.sentenceEnd && !l.text.endsWith(':');
}

/** A paragraph of article prose, as opposed to a caption, a heading, a link or a menu. */
function isParagraph(l: Line): boolean {
  return l.long || (l.sentenceEnd && l.nWords >= TEASER_MIN_WORDS) || l.nWords >= 30;
}

/** Whether the article is in Arabic, judged on its opening. */
function isArabicText(text: string): boolean {
  const { arabic, latin } = letters(text, Math.min(text.length, SCRIPT_SAMPLE_CHARS));
  return arabic > 0 && arabic >= latin;
}

// ---------------------------------------------------------------------------------------------
// rules that look at one line

function lineRule(l: Line, titleKey: string, arabicDoc: boolean): RemovalReason | null {
  if (l.drop !== null) return l.drop;
  if (arabicDoc && l.latin >= 2 && l.arabic * LATIN_LINE_RATIO < l.latin) return 'latin';
  if (l.long) return null;
  if (titleKey !== '' && l.key === titleKey) return 'title_repeat';
  if (l.nWords >= 4 && l.nWords % 2 === 0 && isDoubled(wordsOf(l))) return 'doubled';
  if (isDateline(l) === 'published') return 'dateline';
  if (isAuthorLine(l)) return 'author';
  const phrase = findPhrase(l);
  if (phrase?.action === 'line' || isShareBar(l)) return 'chrome';
  if (isMenuLine(l)) return 'menu';
  return null;
}

/** "A b c A b c": a related-headlines widget prints each headline twice (link text + title). */
function isDoubled(words: string[]): boolean {
  const n = words.length;
  if (n < 4 || n % 2 !== 0 || n > 2 * HEADLINE_MAX_WORDS * 1.5) return false;
  const half = n / 2;
  for (let i = 0; i < half; i++) if (words[i] !== words[i + half]) return false;
  return true;
}

const NUMBER = /^\d+(?:st|nd|rd|th)?$/;
const CLOCK = /\d{1,2}:\d{2}/;

/**
 * A line that is only a date: `published` when it also says so or gives a clock time («تم نشره
 * الجمعة … 07:01 مساءً», «الاربعاء 30 سبتمبر 2020 | 04:08 مساءً»): chrome wherever it is; `date`
 * for a bare date («4 أكتوبر»), chrome only above the article, since inside it may head a timeline.
 */
function isDateline(l: Line): 'published' | 'date' | null {
  if (l.nWords < 2 || l.nWords > 16) return null;
  const words = wordsOf(l);
  let numbers = 0;
  let published = CLOCK.test(l.text);
  for (const w of words) {
    if (NUMBER.test(w)) numbers++;
    else if (!DATELINE_WORDS.has(w)) return null;
    else if (PUBLISHING_WORDS.has(w)) published = true;
  }
  if (numbers === 0 || (numbers === words.length && numbers < 3)) return null;
  return published ? 'published' : 'date';
}

const AUTHOR_LINE = /^(\S+)\s*[:：\-–—ـ]/u;

/** «كتب : فلان الفلاني», «بقلم - فلان»; not «كتب الوزير في تغريدة:» (no separator after the verb). */
function isAuthorLine(l: Line): boolean {
  if (l.nWords > 7 || l.sentenceEnd || l.text.endsWith(':')) return false;
  const m = AUTHOR_LINE.exec(l.text);
  return m !== null && AUTHOR_MARKERS.includes(matchKey(m[1] ?? ''));
}

/** Each chrome phrase between spaces, made once: a 'contains' phrase is looked for as whole words. */
const SPACED_PHRASES = CHROME_PHRASES.map((p) => ` ${p.phrase} `);

function findPhrase(l: Line): ChromePhrase | undefined {
  const key = l.key;
  if (key === '' || l.long) return undefined;
  let spaced: string | null = null;
  for (let i = 0; i < CHROME_PHRASES.length; i++) {
    const p = CHROME_PHRASES[i] as ChromePhrase;
    if (key === p.phrase) return p;
    switch (p.match) {
      case 'exact':
        break;
      case 'start':
        if (l.nWords <= (p.maxWords ?? Infinity) && !l.sentenceEnd && key.startsWith(p.phrase) && key.charAt(p.phrase.length) === ' ') return p;
        break;
      case 'contains':
        if (l.nWords <= (p.maxWords ?? 25) && (spaced ??= ` ${key} `).includes(SPACED_PHRASES[i] as string)) return p;
        break;
      default:
        throw new Error(`unknown match kind ${String(p.match satisfies never)}`);
    }
  }
  return undefined;
}

/** Longest row of share buttons read as one line, in words. */
const SHARE_BAR_MAX_WORDS = 16;

/** «مشاركة فيسبوك تويتر واتساب», «فيسبوك | تويتر | واتساب»: share buttons and nothing else, two networks or more. */
function isShareBar(l: Line): boolean {
  if (l.nWords < 2 || l.nWords > SHARE_BAR_MAX_WORDS || l.sentenceEnd) return false;
  let networks = 0;
  for (const w of wordsOf(l)) {
    if (!SHARE_WORDS.has(w)) return false;
    if (SHARE_NETWORKS.has(w)) networks++;
  }
  return networks >= 2;
}

function isMenuWord(w: string): boolean {
  if (MENU_WORDS.has(w)) return true;
  if (w.startsWith('و') && MENU_WORDS.has(w.slice(1))) return true;
  if (w.startsWith('ال') && MENU_WORDS.has(w.slice(2))) return true;
  return w.startsWith('وال') && MENU_WORDS.has(w.slice(3));
}

/** "آخر الأخبار سياسة اقتصاد رياضة …": a navigation bar flattened into one line. */
function isMenuLine(l: Line): boolean {
  if (l.nWords < 4 || l.sentenceEnd || /[:\d]/.test(l.text)) return false;
  let menu = 0;
  for (const w of wordsOf(l)) if (isMenuWord(w)) menu++;
  return menu >= MENU_WORD_SHARE * l.nWords;
}

/**
 * «جريدة إلكترونية مغربية - …», «هسبريس جريدة إلكترونية مغربية»: says what the site is, opening
 * the line or right after the site's name.
 */
function isTagline(l: Line): boolean {
  if (l.sentenceEnd || l.nWords > 15) return false;
  const words = wordsOf(l);
  const says = (i: number) =>
    TAGLINE_NOUNS.includes(words[i] ?? '') && (TAGLINE_ADJECTIVES.includes(words[i + 1] ?? '') || TAGLINE_ADJECTIVES.includes(words[i + 2] ?? ''));
  return says(0) || says(1);
}

// ---------------------------------------------------------------------------------------------
// rules that look at a line's place in the text

/**
 * The first heading-like line at the top (up to the first paragraph, which may itself be a
 * headline ending in «!» or «؟») becomes the title; its copies go.
 */
function promoteHeadline(lines: Line[], firstParagraph: number): string {
  const isHeading = (l: Line) => l.drop === null && !l.long && l.nWords >= 3 && l.nWords <= 30 && !/[.:]$/.test(withoutClosers(l.text));
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
    let taken = 0;
    for (let j = i + 1; j < next && taken < RELATED_MAX_HEADLINES; j++) {
      const h = lines[j];
      if (h === undefined || h.drop !== null) continue;
      if (!isHeadlineLike(h)) break;
      h.drop = 'related';
      taken++;
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
  if (before.some((l) => l.long || (l.sentenceEnd && l.nWords >= TEASER_MIN_WORDS))) return;
  if (before.reduce((n, l) => n + l.text.length, 0) > HEADER_MAX_CHARS) return;
  for (const l of before) l.drop = 'header';
}

/**
 * A teaser is the lead cut short (no sentence end), above the article, whose words reappear in
 * the lines right after it; a duplicate is a paragraph printed twice. The copy that stays is the
 * full, later one for a teaser and the first one for a duplicate.
 */
function dropTeasersAndDuplicates(lines: Line[], firstParagraph: number): void {
  for (let i = 0; i < firstParagraph; i++) {
    const l = lines[i];
    if (l === undefined || l.drop !== null || l.long || l.sentenceEnd || l.nWords < TEASER_MIN_WORDS) continue;
    const probe = wordsOf(l).slice(0, -1).join(' '); // the last word may be cut
    const following: string[] = [];
    for (let j = i + 1; j < lines.length && following.length < TEASER_SEARCH_LINES; j++) {
      const next = lines[j];
      if (next !== undefined && next.drop === null) following.push(keyOf(next));
    }
    if (following.join(' ').includes(probe)) l.drop = 'teaser';
  }
  // the kept texts by length: a paragraph is compared with those of its length only, and not hashed
  // while they are few (an article); past DUPLICATE_SCAN_MAX of one length (a long document of
  // similar lines) they go to a set, or each line was compared with every line before it
  const seen = new Map<number, string[] | Set<string>>();
  for (const l of lines) {
    if (l.drop !== null || l.text.length < DUPLICATE_MIN_CHARS) continue;
    const same = seen.get(l.text.length);
    if (!same) seen.set(l.text.length, [l.text]);
    else if (Array.isArray(same)) {
      if (same.includes(l.text)) l.drop = 'duplicate';
      else if (same.length >= DUPLICATE_SCAN_MAX) seen.set(l.text.length, new Set([...same, l.text]));
      else same.push(l.text);
    } else if (same.has(l.text)) l.drop = 'duplicate';
    else same.add(l.text);
  }
}

/** Kept paragraphs of one length compared one by one before they are put in a set. */
const DUPLICATE_SCAN_MAX = 16;

/**
 * Above the first paragraph: a bare date, the site's tagline; below the last one, the tagline again
 * (a footer). Above it and below the last one: menus printed one item per line (a run of short
 * lines, mostly section names). A lone short line there (a caption, «المصدر : …», a wire credit)
 * and lists (rankings, groups) stay.
 */
function dropEdgeChrome(lines: Line[], paragraphs: number[]): void {
  const first = paragraphs[0];
  const last = paragraphs[paragraphs.length - 1];
  if (first === undefined || last === undefined) return;
  for (let i = 0; i < first; i++) {
    const l = lines[i];
    if (l === undefined || l.drop !== null) continue;
    if (isDateline(l) !== null) l.drop = 'dateline';
    else if (isTagline(l)) l.drop = 'tagline';
  }
  // the site's tagline again in its footer
  for (let i = last + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l !== undefined && l.drop === null && isTagline(l)) l.drop = 'tagline';
  }
  const zones: Array<[number, number]> = [
    [0, first],
    [last + 1, lines.length],
  ];
  for (const [from, to] of zones) {
    let run: Line[] = [];
    const flush = () => {
      const words = run.flatMap(wordsOf);
      const menu = words.filter(isMenuWord).length;
      if (run.length >= MENU_BLOCK_MIN_LINES && menu >= MENU_WORD_SHARE * words.length) for (const l of run) l.drop = 'menu';
      run = [];
    };
    for (let i = from; i < to; i++) {
      const l = lines[i];
      if (l === undefined || l.drop !== null) continue;
      if (l.nWords <= MENU_ITEM_MAX_WORDS && !l.sentenceEnd) run.push(l);
      else flush();
    }
    flush();
  }
}
