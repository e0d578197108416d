/**
 * The words and phrases of page chrome, in one place. Every entry is written as readers type it and
 * matched on its matching key (see `matchKey`): diacritics, hamza forms, ta marbuta and punctuation
 * do not matter, so «اقرأ أيضاً:» and «اقرا ايضا» are the same entry.
 */
import { matchKey } from './match.ts';

/**
 * What a marker does to the text around it:
 * - `line`: the line is chrome (a share button, a copyright notice); drop it alone.
 * - `related`: it opens a block of links to other articles; when only link-like lines follow, drop it
 *   and everything after, otherwise drop it and the headline lines up to the next paragraph.
 * - `comments`: it opens the comment form or the comments; once the article has begun, nothing
 *   after it is article text.
 */
export type MarkerAction = 'line' | 'related' | 'comments';

export interface ChromePhrase {
  phrase: string;
  action: MarkerAction;
  /**
   * `exact`: the whole line is the phrase. `start`: the line starts with it and has at most
   * `maxWords` words, and does not end like a sentence (so «شارك الوزير في القمة.» stays).
   * `contains`: the phrase anywhere in a line that does not end like a sentence.
   */
  match: 'exact' | 'start' | 'contains';
  maxWords?: number;
}

const RAW_PHRASES: ChromePhrase[] = [
  // related-links blocks under (or inside) an article
  { phrase: 'مواضيع ساخنة أخرى', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'مواضيع ذات صلة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'موضوعات ذات صلة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'أخبار ذات صلة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'مقالات ذات صلة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'أخبار متعلقة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'مواضيع متعلقة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'مقالات متعلقة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'اقرأ أيضا', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'اقرأ كذلك', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'اقرأ المزيد', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'شاهد أيضا', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'الأكثر قراءة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'الأكثر مشاهدة', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'الأكثر تداولا', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'المزيد من الأخبار', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'قد يعجبك أيضا', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'قد يهمك أيضا', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'اخترنا لك', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'Related articles', action: 'related', match: 'start', maxWords: 30 },
  { phrase: 'Read more', action: 'related', match: 'start', maxWords: 30 },

  // comment forms (WordPress and friends) and comment threads
  { phrase: 'اترك ردا', action: 'comments', match: 'exact' },
  { phrase: 'اترك تعليقا', action: 'comments', match: 'exact' },
  { phrase: 'أضف تعليقا', action: 'comments', match: 'exact' },
  { phrase: 'أضف تعليق', action: 'comments', match: 'exact' },
  { phrase: 'التعليقات', action: 'comments', match: 'exact' },
  { phrase: 'لن يتم نشر عنوان بريدك الإلكتروني', action: 'comments', match: 'start', maxWords: 40 },
  { phrase: 'Leave a reply', action: 'comments', match: 'exact' },

  // buttons, follow-us lines, newsletter boxes, copyright notices
  { phrase: 'شارك', action: 'line', match: 'start', maxWords: 4 },
  { phrase: 'مشاركة', action: 'line', match: 'exact' },
  { phrase: 'تابعونا', action: 'line', match: 'start', maxWords: 8 },
  { phrase: 'تابعوا آخر الأخبار', action: 'line', match: 'start', maxWords: 12 },
  { phrase: 'الحقول الإلزامية مشار إليها', action: 'line', match: 'contains' },
  { phrase: 'جميع الحقوق محفوظة', action: 'line', match: 'contains' },
  { phrase: 'اشترك في النشرة', action: 'line', match: 'start', maxWords: 15 },
  { phrase: 'اشترك الآن', action: 'line', match: 'start', maxWords: 15 },
  { phrase: 'اضغط هنا', action: 'line', match: 'start', maxWords: 10 },
  { phrase: 'طباعة', action: 'line', match: 'exact' },
  { phrase: 'إرسال لصديق', action: 'line', match: 'exact' },
  { phrase: 'Share', action: 'line', match: 'start', maxWords: 6 },
  { phrase: 'Partager', action: 'line', match: 'start', maxWords: 6 },
];

export const CHROME_PHRASES: readonly ChromePhrase[] = RAW_PHRASES.map((p) => ({ ...p, phrase: matchKey(p.phrase) }));

/**
 * Section names of news sites' menus ("الرئيسية", "سياسة", "رياضة"…), bare: a word is looked up
 * as written, without a leading و, and without ال. A line made mostly of them is a menu.
 */
export const MENU_WORDS: ReadonlySet<string> = new Set(
  [
    'الرئيسية', 'رئيسية', 'أخبار', 'خبر', 'آخر', 'عاجل', 'عاجلة', 'سياسة', 'اقتصاد', 'رياضة', 'ثقافة', 'فن', 'فنون',
    'مجتمع', 'منوعات', 'صحة', 'تكنولوجيا', 'تقنية', 'علوم', 'تعليم', 'طقس', 'بيئة', 'حوادث', 'مشاهير', 'مختارات',
    'فيديو', 'فيديوهات', 'صور', 'مباريات', 'آراء', 'رأي', 'مقالات', 'كتاب', 'دولي', 'دولية', 'عربي', 'عربية', 'محلي',
    'محليات', 'عالم', 'العالم', 'اتصل', 'بنا', 'نحن', 'سيارات', 'شباب', 'مرأة', 'المرأة', 'ملفات', 'تحقيقات',
    'حوارات', 'تقارير', 'برلمان', 'جهات', 'وطني', 'وطنية', 'دين', 'إسلاميات', 'أسرة', 'ترفيه', 'سياحة', 'بورصة',
    'أعمال', 'مال', 'اتصال', 'الشاشة', 'بث', 'مباشر', 'إنفوغراف', 'كاريكاتير', 'مدونات', 'سوشيال', 'ميديا', 'لايف',
    'ستايل', 'جامعات', 'وظائف', 'أرشيف', 'خدمات', 'تواصل', 'إعلان', 'إعلانات', 'الخصوصية',
    // the English and French editions Maghreb outlets also publish
    'home', 'news', 'politics', 'economy', 'business', 'world', 'society', 'sport', 'sports', 'culture', 'opinion',
    'video', 'videos', 'photos', 'health', 'tech', 'technology', 'security', 'contact', 'about', 'latest', 'region',
    'accueil', 'actualité', 'actualités', 'actu', 'économie', 'politique', 'société', 'monde', 'international',
    'nation', 'régions', 'santé', 'médias', 'vidéos', 'débats', 'opinions', 'chroniques',
  ].map(matchKey),
);

/** Words a line that is only a date and a time may contain ("تم نشره الجمعة 2 أكتوبر 2020 07:01 مساءً"). */
export const DATELINE_WORDS: ReadonlySet<string> = new Set(
  [
    // weekdays
    'الأحد', 'الاثنين', 'الإثنين', 'الاتنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت',
    // months: Egyptian/Gulf, Levantine, Maghrebi, Hijri
    'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يونيه', 'يوليو', 'يوليه', 'أغسطس', 'سبتمبر',
    'أكتوبر', 'نوفمبر', 'ديسمبر', 'كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول',
    'تشرين', 'الأول', 'الثاني', 'جانفي', 'فيفري', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'غشت', 'شتنبر',
    'نونبر', 'دجنبر', 'محرم', 'صفر', 'ربيع', 'جمادى', 'رجب', 'شعبان', 'رمضان', 'شوال', 'ذو', 'ذي', 'القعدة',
    'الحجة', 'الآخر', 'الآخرة', 'الأولى', 'هـ', 'م',
    // publishing words and times of day
    'تم', 'نشر', 'نشره', 'نشرت', 'نشرها', 'النشر', 'تاريخ', 'بتاريخ', 'في', 'آخر', 'تحديث', 'التحديث', 'منذ',
    'الموافق', 'الساعة', 'ساعة', 'ساعات', 'دقيقة', 'دقائق', 'مساء', 'مساءا', 'صباحا', 'صباح', 'ظهرا', 'ص',
    'بتوقيت', 'غرينتش', 'جرينتش', 'مكة', 'المكرمة', 'GMT', 'am', 'pm', 'published', 'updated', 'on', 'at',
    'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
    'posted', 'last', 'publié', 'publie', 'mis', 'jour', 'le', 'à', 'a', 'h', 'janvier', 'février', 'mars', 'avril',
    'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre', 'lundi', 'mardi',
    'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  ].map(matchKey),
);

/** Dateline words that say the line is the page's publishing stamp, not a date in the story. */
export const PUBLISHING_WORDS: ReadonlySet<string> = new Set(
  ['تم', 'نشر', 'نشره', 'نشرت', 'النشر', 'بتاريخ', 'تحديث', 'التحديث', 'مساء', 'مساءا', 'صباحا', 'ظهرا', 'بتوقيت', 'GMT', 'am', 'pm', 'published', 'updated', 'posted', 'publié', 'publie'].map(matchKey),
);

/** Words that open an author line when followed by a colon or a dash: «كتب : فلان», «بقلم - فلان». */
export const AUTHOR_MARKERS: readonly string[] = ['كتب', 'كتبت', 'بقلم', 'إعداد', 'تحرير', 'بواسطة', 'By'].map(matchKey);

/** A site's self-description under its logo: «جريدة إلكترونية مغربية», «موقع إخباري مستقل». */
export const TAGLINE_NOUNS: readonly string[] = ['جريدة', 'صحيفة', 'مجلة', 'موقع', 'بوابة', 'شبكة'].map(matchKey);
export const TAGLINE_ADJECTIVES: readonly string[] = ['إلكترونية', 'إلكتروني', 'إخبارية', 'إخباري', 'يومية', 'مستقلة', 'مستقل'].map(matchKey);
