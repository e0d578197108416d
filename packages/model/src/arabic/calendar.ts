/**
 * The calendar's words as Arabic news pages write them: one table of month names and one of weekdays,
 * which the date reader, the dateline cleaner, outlet detection and name discovery all read.
 */

/** Month names (index 0 = January) as the Levant, Egypt and the Gulf, Morocco, and Algeria/Tunisia write them, and in English and French. */
export const MONTH_NAMES: readonly (readonly string[])[] = [
  ['يناير', 'كانون الثاني', 'كانون ثاني', 'جانفي', 'جانفيه', 'january', 'jan', 'janvier'],
  ['فبراير', 'فبرير', 'شباط', 'فيفري', 'february', 'feb', 'février', 'fevrier'],
  ['مارس', 'آذار', 'march', 'mar', 'mars'],
  ['أبريل', 'إبريل', 'نيسان', 'أفريل', 'april', 'apr', 'avril'],
  ['مايو', 'أيار', 'ماي', 'مايس', 'may', 'mai'],
  ['يونيو', 'يونيه', 'حزيران', 'جوان', 'june', 'jun', 'juin'],
  ['يوليو', 'يوليه', 'يوليوز', 'تموز', 'جويلية', 'جويلة', 'july', 'jul', 'juillet'],
  ['أغسطس', 'أغطس', 'آب', 'أوت', 'غشت', 'august', 'aug', 'août', 'aout'],
  ['سبتمبر', 'سيبتمبر', 'أيلول', 'شتنبر', 'september', 'sept', 'sep', 'septembre'],
  ['أكتوبر', 'أوكتوبر', 'تشرين الأول', 'تشرين أول', 'october', 'oct', 'octobre'],
  ['نوفمبر', 'تشرين الثاني', 'تشرين ثاني', 'نونبر', 'november', 'nov', 'novembre'],
  ['ديسمبر', 'كانون الأول', 'كانون أول', 'دجنبر', 'december', 'dec', 'décembre', 'decembre'],
];

/** Weekday names (index 0 = Sunday), with the spellings pages use for Monday, Tuesday and Wednesday. */
export const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ['الأحد'],
  ['الاثنين', 'الإثنين', 'الأثنين'],
  ['الثلاثاء', 'الثلاثا'],
  ['الأربعاء', 'الأربعا'],
  ['الخميس'],
  ['الجمعة'],
  ['السبت'],
];

const ARABIC_LETTER = /[\u0621-\u064A]/;

/** Every Arabic spelling of a weekday. */
export const ARABIC_WEEKDAY_WORDS: readonly string[] = WEEKDAY_NAMES.flat();

/**
 * Single Arabic words that name a month or begin its two-word name («كانون» of «كانون الثاني»), in every
 * regional spelling; never the ordinal that ends a Levantine name («الأول», «الثاني»), which is also
 * a word of names («عبد الله الثاني»).
 */
export const ARABIC_MONTH_WORDS: readonly string[] = [
  ...new Set(
    MONTH_NAMES.flat()
      .filter((n) => ARABIC_LETTER.test(n))
      .map((n) => n.split(' ')[0] as string),
  ),
];
