/**
 * Publication dates: from a record field (parseRecordDate), from the article's own dateline
 * (findTextDate), or from a weekday the text names, resolved against a visit (findWeekdayClue +
 * resolveWeekday). Dates are ISO yyyy-mm-dd strings; arithmetic is on UTC day numbers, never on
 * Date parsing of local strings, so the machine's zone cannot move a day.
 */
import { normalizeForMatch, normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** yyyy-mm-dd if the three numbers make a real calendar day (no 31 April, no 29 February 2021). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Days since 1970-01-01 of an ISO date, or null if it is not one. */
export function dayNumber(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === null) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

export function fromDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Record fields

const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What may follow the date in a field: a time (14:30, 14:30:00.5, compact 143000), AM/PM, a zone. */
const TIME_TAIL =
  /^(?:(?:t|\s+|\s*,\s*)(\d{1,2})(?::?(\d{2}))(?::?(\d{2})(?:[.,]\d+)?)?(?:\s*(?:am|pm))?)?\s*(?:z|[+-]\d{2}(?::?\d{2})?|(?:gmt|utc|ut)(?:[+-]\d{1,2}(?::?\d{2})?)?|[a-z]{3,4})?(?:\s*\([^)]*\))?$/;

const ISO_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)(.*)$/s;
const NUM_DMY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)(.*)$/s;
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
 * middle number cannot be a month. Unix times (seconds or milliseconds) carry no zone and give the
 * UTC day. Arabic month names and Arabic-Indic digits are accepted too.
 */
export function parseRecordDate(s: string): string | null {
  const t = normalizeText(s).trim().toLowerCase().replace(/\s+/g, ' ');
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

function dayMonthOrSwapped(day: number, month: number, year: number): string | null {
  if (month > 12 && day <= 12) return isoDate(year, day, month);
  return isoDate(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Dates written in text

/** Month names as the Levant, Egypt and the Gulf, Morocco, and Algeria/Tunisia write them. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['يناير', 'كانون الثاني', 'كانون ثاني', 'جانفي', 'جانفيه', 'january', 'jan'],
  ['فبراير', 'فبرير', 'شباط', 'فيفري', 'february', 'feb'],
  ['مارس', 'آذار', 'march', 'mar'],
  ['أبريل', 'إبريل', 'نيسان', 'أفريل', 'april', 'apr'],
  ['مايو', 'أيار', 'ماي', 'مايس', 'may'],
  ['يونيو', 'يونيه', 'حزيران', 'جوان', 'june', 'jun'],
  ['يوليو', 'يوليه', 'يوليوز', 'تموز', 'جويلية', 'جويلة', 'july', 'jul'],
  ['أغسطس', 'أغطس', 'آب', 'أوت', 'غشت', 'august', 'aug'],
  ['سبتمبر', 'سيبتمبر', 'أيلول', 'شتنبر', 'september', 'sept', 'sep'],
  ['أكتوبر', 'أوكتوبر', 'تشرين الأول', 'تشرين أول', 'october', 'oct'],
  ['نوفمبر', 'تشرين الثاني', 'تشرين ثاني', 'نونبر', 'november', 'nov'],
  ['ديسمبر', 'كانون الأول', 'كانون أول', 'دجنبر', 'december', 'dec'],
];

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
    `(?<![\\d/.-])(?<d4>\\d{1,2})(?<s4>[-/.])(?<m4>\\d{1,2})\\k<s4>(?<y4>\\d{4})(?!\\d)`,
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

const PUBLICATION_CUE_START = /^[\s\p{P}]*(?:تم نشره|تاريخ النشر|نشر في|نشر بتاريخ|نشر يوم|نشر|اخر تحديث|تحديث|published|updated|last updated|posted)(?![\p{L}])/u;
/** Words of a dateline that are not a place: weekdays, cues, times of day. */
const DATELINE_FILLER = new Set(
  [
    'في', 'يوم', 'تم', 'نشره', 'نشر', 'نشرت', 'تاريخ', 'النشر', 'بتاريخ', 'اخر', 'آخر', 'تحديث', 'محدث', 'الساعة', 'بتوقيت',
    'غرينتش', 'جرينتش', 'مكة', 'المكرمة', 'صباحا', 'صباحاً', 'مساء', 'مساءً', 'مساءا', 'ظهرا', 'ص', 'م', 'هـ', 'gmt', 'utc', 'am', 'pm',
    'published', 'updated', 'last', 'posted', 'on', 'at',
    'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت',
    'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat',
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
// Weekdays

export interface WeekdayClue {
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** 'yesterday' for «أمس الخميس»: the event was on that weekday, the article a day later. */
  relative: 'same' | 'yesterday';
  evidence: string;
}

const WEEKDAYS: readonly (readonly string[])[] = [
  ['الأحد'],
  ['الاثنين', 'الإثنين', 'الأثنين'],
  ['الثلاثاء', 'الثلاثا'],
  ['الأربعاء', 'الأربعا'],
  ['الخميس'],
  ['الجمعة'],
  ['السبت'],
];
const WEEKDAY_OF = new Map<string, number>();
for (const [i, names] of WEEKDAYS.entries()) for (const n of names) WEEKDAY_OF.set(normalizeText(n), i);
/** «الأحد» is also "the one", «الاثنين» also "the two": they need a cue or a comma to count. */
const AMBIGUOUS_WEEKDAYS = new Set([0, 1]);

const WEEKDAY_RE = new RegExp(
  `(?<![\\p{L}])(?:(?<cue>(?:(?:مساء|صباح|ليله|ظهر|عصر|فجر|يوم)\\s+)?(?<yest>امس|البارحه)|مساء|صباح|ليله|ظهر|عصر|فجر|يوم|اليوم)\\s+)?[وف]?(?<wd>${[...WEEKDAY_OF.keys()].sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}])`,
  'gu',
);
/** «الخميس الماضي», «الخميس المقبل»: some other week. */
const OTHER_WEEK = /^\s+(?:الماضي|المقبل|القادم|المنصرم|الفائت|السابق)(?![\p{L}])/u;
/** «أول أمس الخميس», «حتى الخميس», «منذ الخميس»: not the day of the news. */
const NOT_THE_DAY = /(?:^|[^\p{L}])(?:اول|من|حتي|قبل|بعد|منذ|الي|لغايه)\s+$/u;
const WEEKDAY_SCAN_CHARS = 1200;

/**
 * The first weekday the opening of an article names as the day of its news («الأربعاء», «يوم
 * الخميس», «أمس الخميس», «مساء أمس الخميس»), or null. Weekdays of another week or bounded by
 * «حتى/منذ/قبل/بعد» are skipped.
 */
export function findWeekdayClue(text: string): WeekdayClue | null {
  const head = text.slice(0, WEEKDAY_SCAN_CHARS);
  const candidates = new RegExp(WEEKDAY_CANDIDATE);
  // the raw scan finds where a weekday may be; only a few words around it are normalised
  for (let c = candidates.exec(head); c; c = candidates.exec(head)) {
    let from = Math.max(0, c.index - WEEKDAY_CONTEXT);
    while (from > 0 && !/\s/.test(text[from - 1] as string)) from--;
    const to = Math.min(text.length, c.index + c[0].length + WEEKDAY_CONTEXT);
    const { text: norm, offsets } = normalizeForMatch(text.slice(from, to));
    const re = new RegExp(WEEKDAY_RE);
    for (let m = re.exec(norm); m; m = re.exec(norm)) {
      const g = m.groups ?? {};
      const end = m.index + m[0].length;
      // the weekday ends the match; other weekdays in the window have candidates of their own
      if (from + (offsets[end - (g.wd as string).length] as number) !== c.index) continue;
      const weekday = WEEKDAY_OF.get(g.wd as string) as number;
      if (OTHER_WEEK.test(norm.slice(end, end + 12))) break;
      if (NOT_THE_DAY.test(norm.slice(Math.max(0, m.index - 12), m.index))) break;
      if (g.cue === undefined && AMBIGUOUS_WEEKDAYS.has(weekday) && !commaAround(norm, m.index, end)) break;
      return {
        weekday,
        relative: g.yest !== undefined ? 'yesterday' : 'same',
        evidence: text.slice(from + (offsets[m.index] as number), from + (offsets[end] as number)),
      };
    }
  }
  return null;
}

/**
 * Weekday names as written (with or without hamza, diacritics or tatweel between the letters),
 * found without normalising the whole opening.
 */
const WEEKDAY_CANDIDATE = (() => {
  const marks = '[\\u064B-\\u065F\\u0670\\u0640]*';
  const spell = (letters: string[]) => letters.map((l) => l + marks).join('');
  const alef = '[أاإآ]';
  const stems = [
    [alef, 'ح', 'د'],
    [alef, 'ث', 'ن', 'ي', 'ن'],
    ['ث', 'ل', 'ا', 'ث', 'ا', '(?:ء)?'],
    [alef, 'ر', 'ب', 'ع', 'ا', '(?:ء)?'],
    ['خ', 'م', 'ي', 'س'],
    ['ج', 'م', 'ع', '[ةه]'],
    ['س', 'ب', 'ت'],
  ];
  return new RegExp(`${spell(['ا', 'ل'])}(?:${stems.map(spell).join('|')})`, 'g');
})();
/** Characters looked at around a candidate: room for «مساء أمس» before, «الماضي» after. */
const WEEKDAY_CONTEXT = 24;

function commaAround(norm: string, start: number, end: number): boolean {
  const before = norm.slice(Math.max(0, start - 3), start).trimEnd();
  const after = norm.slice(end, end + 3).trimStart();
  return /[,،]$/.test(before) || /^[,،.]/.test(after);
}

/**
 * The publication date a weekday clue implies for an article about an event in [windowStart,
 * windowEnd]: the day with that weekday inside the window widened by `slackDays` on both sides,
 * the closest to the window; for 'yesterday' the day after. Null when no such day exists, when two
 * are equally close (a window of a week or more), or when the window is not a pair of ISO dates.
 */
export function resolveWeekday(clue: Pick<WeekdayClue, 'weekday' | 'relative'>, windowStart: string, windowEnd: string, slackDays = 3): string | null {
  const from = dayNumber(windowStart);
  const to = dayNumber(windowEnd);
  if (from === null || to === null || from > to) return null;
  let best: number | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (let d = from - slackDays; d <= to + slackDays; d++) {
    if (weekdayOf(d) !== clue.weekday) continue;
    const distance = d < from ? from - d : d > to ? d - to : 0;
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance) {
      tie = true;
    }
  }
  if (best === null || tie) return null;
  return fromDayNumber(clue.relative === 'yesterday' ? best + 1 : best);
}
