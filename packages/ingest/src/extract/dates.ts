/**
 * Publication dates: from a record field (parseRecordDate), from the page's URL (findUrlDate), from
 * the article's own dateline (findTextDate), or from the days the text names relative to its
 * publication («أمس الخميس», «غدا الأربعاء»), resolved against a visit (findDateClues +
 * inferPublicationDate) or, when the publication is known, to the day of an event (resolveEventDate). Dates are ISO yyyy-mm-dd strings; arithmetic is on UTC day numbers, never on
 * Date parsing of local strings, so the machine's zone cannot move a day.
 */
import { normalizedSet, normalizeForMatch, normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import { dayNumber, fromDayNumber, isoDate as calendarDate, weekdayOf } from '@mirsad/model/dates';
import { ARABIC_WEEKDAY_WORDS, MONTH_NAMES, WEEKDAY_NAMES } from '@mirsad/model/arabic';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** yyyy-mm-dd if the numbers make a real calendar day of a year a news page plausibly means. */
function isoDate(year: number, month: number, day: number): string | null {
  return year >= MIN_YEAR && year <= MAX_YEAR ? calendarDate(year, month, day) : null;
}

// ---------------------------------------------------------------------------------------------
// Record fields

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What may follow the date in a field: a time (14:30, 14:30:00.5, compact 143000, after a bar or dash), AM/PM, a zone. */
const TIME_TAIL =
  /^(?:(?:t|\s+|\s*[,|–-]\s*)(\d{1,2})(?::?(\d{2}))(?::?(\d{2})(?:[.,]\d+)?)?(?:\s*(?:am|pm))?)?\s*(?:z|[+-]\d{2}(?::?\d{2})?|(?:gmt|utc|ut)(?:[+-]\d{1,2}(?::?\d{2})?)?|[a-z]{3,4})?(?:\s*\([^)]*\))?$/;

const ISO_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)(.*)$/s;
const NUM_DMY = /^(\d{1,2}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{4})(?!\d)(.*)$/s;
/** RFC 2822 and its relatives: "Sun, 18 Feb 2018 21:35:43 +0400", "18 February 2018". */
const RFC_DMY = /^(?:[a-z]{3,9}\.?,?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})(?!\d)(.*)$/s;
/** "Feb 18, 2018 10:00 AM", "Sunday, February 18, 2018". */
const RFC_MDY = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)(.*)$/s;
const COMPACT_YMD = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH = /^(\d{9,13})(?:\.\d+)?$/;

function validTail(tail: string): boolean {
  const m = TIME_TAIL.exec(tail);
  if (!m) return false;
  const [, h, mi, s] = m;
  if (h !== undefined && Number(h) > 24) return false;
  if (mi !== undefined && Number(mi) > 59) return false;
  if (s !== undefined && Number(s) > 60) return false;
  return true;
}

function englishMonth(word: string): number {
  return ENGLISH_MONTHS.indexOf(word.slice(0, 3)) + 1;
}

/**
 * The publication day written in a record field, as yyyy-mm-dd, or null. The calendar date is kept
 * as written, whatever the offset: '2017-03-04T23:30:00-05:00' is 4 March where it was published,
 * although it is already 5 March in UTC. dd/mm/yyyy is assumed (Arab and European order) unless the
 * middle number cannot be a month. Two-digit years are never read: «01/10/20» is 1 October 2020,
 * 20 October 2001 or a score, and a wrong date is worse than none. Unix times (seconds or milliseconds) carry no zone and give the
 * UTC day. Arabic month names and Arabic-Indic digits are accepted too.
 */
export function parseRecordDate(s: string): string | null {
  // a record's date is mostly ASCII («Sun, 18 Feb 2018 21:35:43 +0400»), which the fold only lowercases
  const t = (ASCII.test(s) ? s : normalizeText(s)).trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return null;
  let m: RegExpExecArray | null;
  if ((m = ISO_YMD.exec(t))) {
    return validTail(m[5] as string) ? isoDate(Number(m[1]), Number(m[3]), Number(m[4])) : null;
  }
  if ((m = NUM_DMY.exec(t))) {
    if (!validTail(m[5] as string)) return null;
    return dayMonthOrSwapped(Number(m[1]), Number(m[3]), Number(m[4]));
  }
  if ((m = RFC_DMY.exec(t))) {
    const month = englishMonth(m[2] as string);
    return month > 0 && validTail(m[4] as string) ? isoDate(Number(m[3]), month, Number(m[1])) : null;
  }
  if ((m = RFC_MDY.exec(t))) {
    const month = englishMonth(m[1] as string);
    return month > 0 && validTail(m[4] as string) ? isoDate(Number(m[3]), month, Number(m[2])) : null;
  }
  if ((m = COMPACT_YMD.exec(t))) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = EPOCH.exec(t))) {
    const digits = m[1] as string;
    // 10 digits: seconds (2001–2286); 13: milliseconds; anything else is too ambiguous to guess
    const ms = digits.length === 10 ? Number(digits) * 1000 : digits.length === 13 ? Number(digits) : NaN;
    if (!Number.isFinite(ms)) return null;
    const iso = new Date(ms).toISOString().slice(0, 10);
    return dayNumber(iso) === null ? null : iso;
  }
  const written = matchDates(t, 0).next();
  return written.done ? null : written.value.date;
}

const ASCII = /^[\x00-\x7f]*$/;

function dayMonthOrSwapped(day: number, month: number, year: number): string | null {
  if (month > 12 && day <= 12) return isoDate(year, day, month);
  return isoDate(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Dates written in text

const MONTH_OF = new Map<string, number>();
for (const [i, names] of MONTH_NAMES.entries()) for (const n of names) MONTH_OF.set(normalizeText(n), i + 1);

const monthAlternation = [...MONTH_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/ /g, '\\s+'))
  .join('|');
const M = `(?:${monthAlternation})(?![\\p{L}])`;
const NOT_AFTER_WORD = `(?<![\\p{L}\\p{N}])`;

/**
 * One pass over normalised text finds every date shape: day month [/ month] year («02nd تشرين الاول /
 * اكتوبر 2020», «30 مارس 2022», «11 سبتمبر/ايلول 2001»), month day, year, and numeric d/m/y and y/m/d.
 */
const DATE_RE = new RegExp(
  [
    `${NOT_AFTER_WORD}(?<d1>\\d{1,2})(?:st|nd|rd|th|er)?\\s*[-/.]?\\s*(?<m1>${M})(?:\\s*[-/(–]\\s*(?<m1b>${M})\\s*\\)?)?\\s*[-/.,،]?\\s*(?<y1>\\d{4})(?!\\d)`,
    `${NOT_AFTER_WORD}(?<m2>${M})\\s+(?<d2>\\d{1,2})(?:st|nd|rd|th)?\\s*[,،]\\s*(?<y2>\\d{4})(?!\\d)`,
    `(?<![\\d/.-])(?<y3>\\d{4})(?<s3>[-/.])(?<m3>\\d{1,2})\\k<s3>(?<d3>\\d{1,2})(?![\\d/.-]\\d|\\d)`,
    `(?<![\\d/.-])(?<d4>\\d{1,2}) ?(?<s4>[-/.]) ?(?<m4>\\d{1,2}) ?\\k<s4> ?(?<y4>\\d{4})(?!\\d)`,
  ].join('|'),
  'gu',
);

interface DateMatch {
  date: string;
  /** Index and end in the scanned (normalised) string. */
  index: number;
  end: number;
}

const monthNumber = (name: string | undefined): number => MONTH_OF.get((name ?? '').replace(/\s+/g, ' ')) ?? 0;

function* matchDates(norm: string, from: number): Generator<DateMatch> {
  const re = new RegExp(DATE_RE);
  re.lastIndex = from;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    const g = m.groups ?? {};
    let date: string | null = null;
    if (g.m1 !== undefined) {
      const month = monthNumber(g.m1);
      // «تشرين الاول / اكتوبر» names one month twice; two different months are not a date
      if (g.m1b === undefined || monthNumber(g.m1b) === month) date = isoDate(Number(g.y1), month, Number(g.d1));
    } else if (g.m2 !== undefined) {
      date = isoDate(Number(g.y2), monthNumber(g.m2), Number(g.d2));
    } else if (g.y3 !== undefined) {
      date = isoDate(Number(g.y3), Number(g.m3), Number(g.d3));
    } else if (g.y4 !== undefined) {
      date = dayMonthOrSwapped(Number(g.d4), Number(g.m4), Number(g.y4));
    }
    if (date !== null) yield { date, index: m.index, end: m.index + m[0].length };
  }
}

/** A dateline is near the top: within this many characters (extended to the end of that line). */
const DATELINE_CHARS = 300;
/** Further down, a date counts only on a line that starts with a publication cue («نشر في», «آخر تحديث»). */
const CUE_SCAN_CHARS = 2000;
const TAIL_SCAN_CHARS = 600;
/** Words a dateline may have besides the date: a city («الدار البيضاء»), little more. */
const MAX_DATELINE_WORDS = 3;
/** A line this long that ends a sentence is a paragraph of the story, not a title or a caption. */
const PARAGRAPH_CHARS = 100;

const PUBLICATION_CUE_START =
  /^[\s\p{P}]*(?:تم نشره|تاريخ النشر|نشر في|نشر بتاريخ|نشر يوم|نشر|اخر تحديث|تحديث|published|updated|last updated|posted)(?![\p{L}])/u;
/** Words of a dateline that are not a place: weekdays, cues, times of day. */
const DATELINE_FILLER = new Set(
  [
    'في',
    'يوم',
    'تم',
    'نشره',
    'نشر',
    'نشرت',
    'تاريخ',
    'النشر',
    'بتاريخ',
    'اخر',
    'آخر',
    'تحديث',
    'محدث',
    'الساعة',
    'بتوقيت',
    'غرينتش',
    'جرينتش',
    'مكة',
    'المكرمة',
    'صباحا',
    'صباحاً',
    'مساء',
    'مساءً',
    'مساءا',
    'ظهرا',
    'ص',
    'م',
    'هـ',
    'gmt',
    'utc',
    'am',
    'pm',
    'published',
    'updated',
    'last',
    'posted',
    'on',
    'at',
    ...ARABIC_WEEKDAY_WORDS,
    'sunday',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
    'sun',
    'mon',
    'tue',
    'wed',
    'thu',
    'fri',
    'sat',
  ].map(normalizeText),
);
/** After the date and an optional time, a dash or bar ends the dateline and the story begins. */
const DATELINE_BREAK = /^(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[-–—ـ|]/u;

/**
 * The publication date written in an article, or null. Only a dateline counts: a date within the
 * first DATELINE_CHARS characters on a line that holds little else — a weekday, a time, a city, a
 * cue («الاربعاء 30 سبتمبر 2020 | 04:08 مساءً», «تم نشره الجمعة 02nd تشرين الأوّل / أكتوبر
 * 2020», «الرباط في 2 أكتوبر 2020 - …») — or, in the first 2000 or last 600 characters, on a line
 * that starts with a publication cue («نشر في: 30/09/2020»). Any other date is about something
 * else (a 2006 visit, a coming referendum, a birthday), and returning it would be worse than
 * returning nothing: the caller falls back to the record, the manifest or a weekday resolved
 * against a visit.
 */
export function findTextDate(text: string): { date: string; evidence: string; start: number } | null {
  const headEnd = lineEnd(text, DATELINE_CHARS, DATELINE_CHARS + 200);
  const scanEnd = Math.min(text.length, Math.max(headEnd, CUE_SCAN_CHARS));
  const tailStart = Math.max(scanEnd, text.length - TAIL_SCAN_CHARS);
  // every written date has a four-digit year: look only around those, normalising a few words
  for (const year of [...yearRuns(text, 0, scanEnd), ...yearRuns(text, tailStart, text.length)]) {
    const lineStart = text.lastIndexOf('\n', year - 1) + 1;
    const stop = lineEnd(text, year, text.length);
    const cued = year >= headEnd;
    if (cued ? !PUBLICATION_CUE_START.test(normalizeText(text.slice(lineStart, Math.min(stop, lineStart + 30)))) : storyBegan(text, lineStart)) continue;
    let from = Math.max(lineStart, year - DATE_REACH);
    while (from > lineStart && !/\s/.test(text[from - 1] as string)) from--;
    const to = Math.min(stop, year + 12); // «2020/10/01» runs on after its year
    const zone = normalizeForMatch(text.slice(from, to));
    for (const m of matchDates(zone.text, 0)) {
      const start = from + (zone.offsets[m.index] as number);
      const end = from + (zone.offsets[m.end] as number);
      if (start > year || end <= year) continue; // found again from its own year
      if (isDateline(text, start, end)) return { date: m.date, evidence: text.slice(start, end), start };
    }
  }
  return null;
}

/** How far before its year a date may start: «الجمعة 02nd تشرين الأوّل / أكتوبر 2020» with room for marks. */
const DATE_REACH = 60;

const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x660 && c <= 0x669) || (c >= 0x6f0 && c <= 0x6f9);

/** Start offsets of runs of exactly four digits (either script) in text[from, to). */
function yearRuns(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  let i = from;
  while (i < to) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i - start === 4) out.push(start);
  }
  return out;
}

/** A paragraph (a long line ending a sentence) comes before `lineStart`. */
function storyBegan(text: string, lineStart: number): boolean {
  let stop = lineStart - 1;
  while (stop > 0) {
    const start = text.lastIndexOf('\n', stop - 1) + 1;
    const line = text.slice(start, stop).trimEnd();
    if (line.length > PARAGRAPH_CHARS && /[.!?؟:]$/.test(line)) return true;
    stop = start - 1;
  }
  return false;
}

/** End of the line containing `at` (capped at `max`), or the text's end. */
function lineEnd(text: string, at: number, max: number): number {
  if (at >= text.length) return text.length;
  const nl = text.indexOf('\n', at);
  return Math.min(nl < 0 ? text.length : nl, max, text.length);
}

/** Only a weekday, a time, a cue and a place share the date's line (the caller has checked its position). */
function isDateline(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineStop = text.indexOf('\n', end);
  if (lineStop < 0) lineStop = text.length;
  const after = text.slice(end, lineStop);
  // a date line after the story's first paragraph, or one announcing a list, is a schedule
  if (/:\s*$/.test(after)) return false;
  const words = [...tokenize(text.slice(lineStart, start)), ...(DATELINE_BREAK.test(after) ? [] : tokenize(after))];
  let other = 0;
  for (const w of words) if (w.kind !== 'punct' && w.kind !== 'number' && !DATELINE_FILLER.has(w.norm)) other++;
  return other <= MAX_DATELINE_WORDS;
}

// ---------------------------------------------------------------------------------------------
// Dates in a URL

/** /2020/09/30/ or /2020/9/30 (a path segment each); a month alone (/2020/09/) gives no day. */
const URL_SLASHED = /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=$|[/?#._-])/;
/** 2020-09-30 or 2020_09_30 inside a segment («/news/2020-09-30/…», «…-2020-09-30.html»). */
const URL_DASHED = /(?<![\d])((?:19|20)\d{2})([-_])(\d{1,2})\2(\d{1,2})(?!\d)/;
/** 20200930 as a run of exactly eight digits («/20200930/», «article-20200930-1.html»). */
const URL_COMPACT = /(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/;

/**
 * The date written in a URL's path, as yyyy-mm-dd, or null. News sites' CMSs put the publication
 * day there (/2020/09/30/, /20200930/, 2020-09-30); the host is not read, nor a year and a month
 * without a day. An impossible day (/2020/02/31/) is no date.
 */
export function findUrlDate(url: string): { date: string; evidence: string } | null {
  let path = url.trim();
  try {
    const u = new URL(path);
    path = u.pathname + u.search;
  } catch {
    // not absolute: a path already, or something like one
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // a stray % leaves the path as it was
  }
  for (const re of [URL_SLASHED, URL_DASHED, URL_COMPACT]) {
    const m = re.exec(path);
    if (!m) continue;
    const [year, month, day] = re === URL_DASHED ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    const date = isoDate(Number(year), Number(month), Number(day));
    if (date) return { date, evidence: m[0] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Days named relative to the publication: weekdays, «أمس», «غدا», «الأسبوع الماضي»

/**
 * A day the text names relative to the day it was published. `offset` bounds event − publication
 * in days, both ends included, and `likely` is where in those bounds it most often falls:
 *   «أمس الخميس» [-1, -1]; «أول أمس» [-2, -2]; «اليوم الخميس» [0, 0]; «غدا» [1, 1]; «بعد غد» [2, 2];
 *   a bare «الخميس» in a report or a sentence without tense [-6, 0], likely 0;
 *   a bare «الخميس» in a preview («سيزور … الخميس», «يصل … الخميس») [0, 6], likely 0;
 *   «الخميس الماضي» [-7, -1], likely -2;  «الخميس المقبل» [1, 7], likely 3;
 *   «الأسبوع الماضي/المقبل» [-13, -1] / [1, 13], a span never taken for a day.
 * The likely offsets are the most frequent ones in the 41,661 dated ANT articles: a preview names
 * its weekday on the day itself more often (669) than the day before (377); «المقبل» is seldom
 * tomorrow (35 of 750: the page would say «غدا») and most often three days on (212); «الماضي»
 * most often two days back (330 of 1,253).
 */
export interface DateClue {
  /** 0 = Sunday … 6 = Saturday, or null when no weekday is named («أمس», «الأسبوع الماضي»). */
  weekday: number | null;
  /** Least and greatest event − publication, in days. */
  offset: readonly [number, number];
  /** The event − publication most often seen within `offset`. */
  likely: number;
  /** 'week' for «الأسبوع الماضي/المقبل»: a span, never resolved to a single day. */
  span: 'day' | 'week';
  /** The tense of the clause around it, when a verb or a cue says so. */
  tense: Tense | null;
  evidence: string;
  /** Offset of the evidence in the scanned text. */
  start: number;
}

export type Tense = 'past' | 'future';

const WEEKDAY_OF = new Map<string, number>();
for (const [i, names] of WEEKDAY_NAMES.entries()) for (const n of names) WEEKDAY_OF.set(normalizeText(n), i);
/** «الأحد» is also "the one", «الاثنين» also "the two": they need a cue, a comma or «الماضي» to count. */
const AMBIGUOUS_WEEKDAYS = new Set([0, 1]);

const normSet = normalizedSet;
/** «مساء أمس الخميس», «يوم الخميس»: words that may stand before a day without changing it. */
const TIME_OF_DAY = normSet('مساء صباح ليلة ظهر عصر فجر ظهيرة يوم');
const LAST = normSet('الماضي المنصرم الفائت السابق');
const NEXT = normSet('المقبل القادم');
/** «حتى الخميس», «منذ الخميس», «قبل الخميس»: a bound, not the day of the news. */
const BOUNDS = normSet('من حتى قبل بعد منذ إلى لغاية');
const YESTERDAY = normSet('أمس البارحة');
const TOMORROW = normSet('غدا غد الغد');
const TODAY = normalizeText('اليوم');
const WEEK = normalizeText('الأسبوع');

/**
 * Words that set the tense of the clause around a clue: a preview («سيزور», «سوف», «يعتزم», «من
 * المقرر», «يصل»: news uses the imperfect for what is coming) or a report («زار», «وصل», «أعلن»).
 * Past forms that are also common nouns («حل» a solution, «عقد» a contract, «بحث» a study) are left out.
 */
const VISIT_VERB_STEMS = [
  'زور',
  'صل',
  'بدأ',
  'حل',
  'لتقي',
  'جري',
  'قوم',
  'توجه',
  'ستهل',
  'ختتم',
  'عقد',
  'ستقبل',
  'شارك',
  'بحث',
  'نهي',
  'غادر',
  'جتمع',
  'حط',
  'ناقش',
  'وقع',
  'تحادث',
  'شرع',
];
const FUTURE_WORDS = new Set([
  ...normSet('سوف يعتزم تعتزم يزمع تزمع المزمع المزمعة مرتقب مرتقبة المرتقب المرتقبة يرتقب ترتقب المقرر المنتظر المتوقع يستعد تستعد'),
  ...VISIT_VERB_STEMS.flatMap((s) => ['ي', 'ت', 'سي', 'ست'].map((p) => normalizeText(p + s))),
]);
const PAST_WORDS = normSet(
  'زار زارت وصل وصلت بدأ بدأت حلت التقى التقت التقيا أجرى أجرت قام قامت توجه توجهت استهل استهلت اختتم اختتمت عقدت استقبل استقبلت ' +
    'شارك شاركت بحثت بحثا أنهى أنهت غادر غادرت اجتمع اجتمعت اجتمعا حط حطت ناقش ناقشت وقعت وقعا تحادث شرع ' +
    'أكد أكدت قال قالت أعلن أعلنت صرح صرحت أوضح أوضحت أضاف أضافت كشف كشفت أشار أشارت كان كانت تم جرى جرت',
);

function tenseOf(word: string): Tense | null {
  for (const w of [word, /^[وف]/.test(word) && word.length > 3 ? word.slice(1) : null]) {
    if (w === null) continue;
    if (FUTURE_WORDS.has(w)) return 'future';
    if (PAST_WORDS.has(w)) return 'past';
  }
  return null;
}

interface Tok {
  text: string;
  index: number;
  end: number;
}

/** [lo, hi, likely] of event − publication for the forms with a range (see DateClue). */
const BARE_PAST = [-6, 0, 0] as const;
const BARE_FUTURE = [0, 6, 0] as const;
const LAST_WEEKDAY = [-7, -1, -2] as const;
const NEXT_WEEKDAY = [1, 7, 3] as const;

/** Words, and the marks that end a sentence or set off a word (comma). */
const TOKEN_RE = /[\p{L}\p{N}]+|\n|[.!?؟،,;؛]/gu;
const SENTENCE_END = new Set(['\n', '.', '!', '?', '؟']);
/** How far into the article clues are looked for: the lead tells the day of the news. */
const CLUE_SCAN_CHARS = 1200;
/** Words looked at before (then after) a clue for its tense, within its sentence. */
const TENSE_BEFORE = 25;
const TENSE_AFTER = 12;

/** A weekday name with «و»/«ف» stuck to it («والخميس») counts as that weekday. */
function weekdayOfWord(word: string): number | null {
  const wd = WEEKDAY_OF.get(word) ?? (/^[وف]/.test(word) ? WEEKDAY_OF.get(word.slice(1)) : undefined);
  return wd ?? null;
}

/**
 * Every day the opening of an article names relative to its publication, in text order: weekdays
 * with or without «أمس/اليوم/غدا» before and «الماضي/المقبل» after them, «أمس», «أول أمس», «بعد
 * غد», «صباح اليوم», «غدا» in a preview, «الأسبوع الماضي/المقبل». A weekday bounded by
 * «حتى/منذ/قبل/بعد» and a bare «اليوم» (also "nowadays", and part of outlets' names) are not clues.
 */
export function findDateClues(text: string): DateClue[] {
  const { text: norm, offsets } = normalizeForMatch(text.slice(0, CLUE_SCAN_CHARS));
  const toks: Tok[] = [];
  for (const m of norm.matchAll(TOKEN_RE)) toks.push({ text: m[0], index: m.index, end: m.index + m[0].length });
  const word = (i: number) => toks[i]?.text ?? '';
  const clues: DateClue[] = [];
  const push = (first: number, last: number, weekday: number | null, range: readonly [number, number, number] | null, span: 'day' | 'week' = 'day') => {
    const tense = tenseAround(toks, first, last);
    const start = offsets[(toks[first] as Tok).index] as number;
    const end = offsets[(toks[last] as Tok).end] as number;
    const [lo, hi, likely] = range ?? (tense === 'future' ? BARE_FUTURE : BARE_PAST);
    clues.push({
      weekday,
      offset: [lo, hi],
      likely,
      span,
      tense,
      evidence: text.slice(start, end),
      start,
    });
  };

  let consumedTo = -1;
  for (let i = 0; i < toks.length; i++) {
    if (i <= consumedTo) continue;
    const w = word(i);
    const weekday = weekdayOfWord(w);
    if (weekday !== null) {
      let first = i;
      let offset: readonly [number, number, number] | null = null;
      let cue = false;
      // what stands before: «أمس», «أول أمس», «اليوم», «غدا», «بعد غد», after an optional «مساء/يوم»
      let p = i - 1;
      if (YESTERDAY.has(word(p))) {
        cue = true;
        first = p;
        const before = word(p - 1) === 'من' ? p - 2 : p - 1;
        if (word(before) === 'اول') [offset, first] = [[-2, -2, -2], before];
        else offset = [-1, -1, -1];
        p = first - 1;
      } else if (word(p) === TODAY) {
        [cue, first, offset] = [true, p, [0, 0, 0]];
        p--;
      } else if (TOMORROW.has(word(p))) {
        cue = true;
        first = p;
        if (word(p - 1) === 'بعد') [offset, first] = [[2, 2, 2], p - 1];
        else offset = [1, 1, 1];
        p = first - 1;
      }
      if (TIME_OF_DAY.has(word(p))) [cue, first, p] = [true, p, p - 1];
      if (offset === null && BOUNDS.has(word(p))) continue;
      const after = word(i + 1);
      let last = i;
      if (offset === null && LAST.has(after)) [offset, last, cue] = [LAST_WEEKDAY, i + 1, true];
      else if (offset === null && NEXT.has(after)) [offset, last, cue] = [NEXT_WEEKDAY, i + 1, true];
      if (!cue && AMBIGUOUS_WEEKDAYS.has(weekday) && !(/^[,،]$/.test(word(i - 1)) || /^[,،.]$/.test(after))) continue;
      push(first, last, weekday, offset);
      consumedTo = last;
      continue;
    }
    const next = word(i + 1);
    const nextIsDay = weekdayOfWord(next) !== null || (TIME_OF_DAY.has(next) && weekdayOfWord(word(i + 2)) !== null);
    if (YESTERDAY.has(w) && !nextIsDay) {
      const before = word(i - 1) === 'من' ? i - 2 : i - 1;
      if (word(before) === 'اول') push(before, i, null, [-2, -2, -2]);
      else push(TIME_OF_DAY.has(word(i - 1)) ? i - 1 : i, i, null, [-1, -1, -1]);
    } else if (TOMORROW.has(w) && !nextIsDay) {
      if (word(i - 1) === 'بعد') push(i - 1, i, null, [2, 2, 2]);
      else if (TIME_OF_DAY.has(word(i - 1))) push(i - 1, i, null, [1, 1, 1]);
      // a bare «غدا» is also the verb "became": only a preview's makes it tomorrow
      else if (w === normalizeText('غدا') && tenseAround(toks, i, i) === 'future') push(i, i, null, [1, 1, 1]);
    } else if (w === TODAY && TIME_OF_DAY.has(word(i - 1)) && !nextIsDay) {
      push(i - 1, i, null, [0, 0, 0]);
    } else if (w === WEEK && LAST.has(next)) {
      push(i, i + 1, null, [-13, -1, -7], 'week');
      consumedTo = i + 1;
    } else if (w === WEEK && NEXT.has(next)) {
      push(i, i + 1, null, [1, 13, 7], 'week');
      consumedTo = i + 1;
    }
  }
  return clues;
}

/** The tense the nearest verb or cue before a clue sets in its sentence, else the first one after it. */
function tenseAround(toks: readonly Tok[], first: number, last: number): Tense | null {
  for (let i = first - 1; i >= 0 && i >= first - TENSE_BEFORE; i--) {
    const t = (toks[i] as Tok).text;
    if (SENTENCE_END.has(t)) break;
    const tense = tenseOf(t);
    if (tense) return tense;
  }
  for (let i = last + 1; i < toks.length && i <= last + TENSE_AFTER; i++) {
    const t = (toks[i] as Tok).text;
    if (SENTENCE_END.has(t)) break;
    const tense = tenseOf(t);
    if (tense) return tense;
  }
  return null;
}

/**
 * The day (from === to) or the span a clue names, given the publication date: published Thursday
 * 2020-10-01, «أمس الأربعاء» and a bare «الأربعاء» in a report are 2020-09-30, «الأربعاء المقبل»
 * 2020-10-07. Null when the clue contradicts the date («أمس الخميس» on a Monday) or the date is
 * not an ISO date.
 */
export function resolveEventDate(clue: Pick<DateClue, 'weekday' | 'offset'>, publishedDate: string): { from: string; to: string } | null {
  const p = dayNumber(publishedDate);
  if (p === null) return null;
  const [lo, hi] = clue.offset;
  if (clue.weekday === null) return { from: fromDayNumber(p + lo), to: fromDayNumber(p + hi) };
  const days: number[] = [];
  for (let d = p + lo; d <= p + hi; d++) if (weekdayOf(d) === clue.weekday) days.push(d);
  if (days.length !== 1) return null;
  const day = fromDayNumber(days[0] as number);
  return { from: day, to: day };
}

/** How far beyond the visit window the day a clue names may lie: a config window may be a day off. */
const VISIT_SLACK_DAYS = 1;

/**
 * The publication date the clues of an article imply when it does not say it, for an article
 * about a visit in visitWindow. The first clue that names a day of the visit (within a day of its
 * window) decides: the event is that day, and the publication is its likely offset away: «غدا
 * الأربعاء» about a Wednesday visit gives the Tuesday, «الأربعاء المقبل» the Sunday before, a bare
 * «الأربعاء» the Wednesday (report or preview: see DateClue), «أمس الخميس» about a Thursday visit
 * the Friday. A weekday outside the visit («أعلنت السبت» about a Wednesday visit) names another
 * event and is passed over, never dated to a Saturday after it; a span («الأسبوع الماضي») is too
 * loose to date a page. Null when no clue decides, or when the window matches a weekday twice (a
 * visit of a week or more).
 */
export function inferPublicationDate(input: {
  clues: readonly DateClue[];
  visitWindow: { start: string; end: string };
}): { date: string; clue: DateClue } | null {
  const from = dayNumber(input.visitWindow.start);
  const to = dayNumber(input.visitWindow.end);
  if (from === null || to === null || from > to) return null;
  for (const clue of input.clues) {
    if (clue.span !== 'day') continue;
    const event = clue.weekday === null ? (from === to ? from : null) : dayInWindow(clue.weekday, from, to);
    if (event === null) continue;
    return { date: fromDayNumber(event - clue.likely), clue };
  }
  return null;
}

/** The one day with this weekday closest to [from, to] within the slack, or null (none, or a tie). */
function dayInWindow(weekday: number, from: number, to: number): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (let d = from - VISIT_SLACK_DAYS; d <= to + VISIT_SLACK_DAYS; d++) {
    if (weekdayOf(d) !== weekday) continue;
    const distance = d < from ? from - d : d > to ? d - to : 0;
    if (distance < bestDistance) [best, bestDistance, tie] = [d, distance, false];
    else if (distance === bestDistance) tie = true;
  }
  return tie ? null : best;
}
