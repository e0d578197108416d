import { NO_OUTLET } from './filters';
import type { Lang } from './lang';

const STRINGS = {
  appName: { ar: 'مرصد', en: 'Mirsad' },
  tagline: { ar: 'زيارات المسؤولين الأمريكيين إلى المغرب العربي في الصحافة العربية', en: 'US officials’ Maghreb visits in the Arabic press' },
  overview: { ar: 'نظرة عامة', en: 'Overview' },
  articles: { ar: 'المقالات', en: 'Articles' },
  mentions: { ar: 'الإشارات', en: 'Mentions' },
  outlets: { ar: 'المنابر', en: 'Outlets' },
  visits: { ar: 'الزيارات', en: 'Visits' },
  topics: { ar: 'المواضيع', en: 'Topics' },
  entity: { ar: 'الكيان', en: 'Entity' },
  anyEntity: { ar: 'أي كيان', en: 'any entity' },
  from: { ar: 'من', en: 'From' },
  to: { ar: 'إلى', en: 'To' },
  measure: { ar: 'المقياس', en: 'Measure' },
  count: { ar: 'عدد المقالات', en: 'Article count' },
  share: { ar: 'النسبة من التغطية', en: 'Share of coverage' },
  grain: { ar: 'الفترة', en: 'Period' },
  month: { ar: 'شهر', en: 'Month' },
  week: { ar: 'أسبوع', en: 'Week' },
  dups: { ar: 'احتساب النسخ المكررة', en: 'Count duplicate copies' },
  reset: { ar: 'إلغاء كل المرشحات', en: 'Clear all filters' },
  all: { ar: 'الكل', en: 'all' },
  selected: { ar: 'محدد', en: 'selected' },
  undated: { ar: 'بلا تاريخ (خارج المخطط الزمني)', en: 'undated (not on the timeline)' },
  byOutlet: { ar: 'المواضيع حسب المنبر', en: 'Topics by outlet' },
  byVisit: { ar: 'المواضيع حسب الزيارة', en: 'Topics by visit' },
  heatmap: { ar: 'خريطة حرارية: الموضوع × المنبر', en: 'Heat map: topic × outlet' },
  overTime: { ar: 'حصة المواضيع عبر الزمن', en: 'Topic share over time' },
  overTimeCount: { ar: 'المواضيع عبر الزمن', en: 'Topics over time' },
  byOutletNote: {
    ar: 'في كل خانة: نسبة مقالات المنبر التي تتناول الموضوع، وتحتها عدد تلك المقالات. قد يتناول المقال أكثر من موضوع، فلا يبلغ مجموع العمود 100% بالضرورة. انقر خانة لعرض مقالاتها.',
    en: 'Each cell: the share of the outlet’s articles on the topic, with the number of those articles beneath. An article may have several topics, so a column need not add up to 100%. Click a cell to list its articles.',
  },
  byVisitNote: {
    ar: 'في كل خانة: نسبة مقالات الزيارة التي تتناول الموضوع، وتحتها عددها. الزيارات مرتبة حسب التاريخ. انقر خانة لعرض مقالاتها.',
    en: 'Each cell: the share of the visit’s articles on the topic, with their number beneath. Visits by date. Click a cell to list its articles.',
  },
  byOutletCaption: { ar: 'نسبة مقالات كل منبر حسب الموضوع (والعدد)', en: 'Share of each outlet’s articles per topic (and count)' },
  byVisitCaption: { ar: 'نسبة مقالات كل زيارة حسب الموضوع (والعدد)', en: 'Share of each visit’s articles per topic (and count)' },
  matrix: { ar: 'المنابر × الزيارات: ما أبرزه كل منبر حول كل زيارة', en: 'Outlets × visits: what each outlet stressed around each visit' },
  matrixNote: {
    ar: 'الأعمدة: الزيارات حسب التاريخ، ومحطات الجولة الواحدة تحت عنوانها. في كل خانة: عدد مقالات المنبر عن تلك المحطة، ثم أبرز مواضيعها مع نسبة المقالات التي تتناول كلًّا منها. انقر للاطلاع على المقالات.',
    en: 'Columns: visits by date, a tour’s stops under one heading. Each cell: the outlet’s articles about that stop, then its leading topics with the share of those articles on each. Click through to the articles.',
  },
  linksPrimary: { ar: 'المحطة الرئيسية لكل مقال فقط', en: 'Each article’s primary stop only' },
  linksAll: { ar: 'كل الروابط (يُحتسب مقال الجولة لكل محطة)', en: 'All links (a tour article counts for every stop)' },
  tour: { ar: 'جولة', en: 'Tour' },
  articlesShort: { ar: 'مقال', en: 'articles' },
  nArticles: { ar: 'من {n} مقالة', en: 'of {n} articles' },
  visit: { ar: 'الزيارة', en: 'Visit' },
  attention: { ar: 'الاهتمام حول يوم الزيارة', en: 'Attention around the visit day' },
  attentionNote: {
    ar: 'عدد مقالات كل منبر في كل يوم من 7 أيام قبل بدء الزيارة إلى 7 أيام بعده؛ العمود المعلَّم هو يوم الزيارة (0).',
    en: 'Each outlet’s articles per day, from 7 days before the visit’s first day to 7 days after; the marked column is the visit day (0).',
  },
  dayAxis: { ar: 'الأيام من يوم الزيارة', en: 'Days from the visit day' },
  visitDay: { ar: 'يوم الزيارة', en: 'visit day' },
  coverage: { ar: 'التغطية عبر الزمن حسب المنبر', en: 'Coverage over time per outlet' },
  coverageNote: {
    ar: 'عدد مقالات كل منبر في كل فترة. انقر خانة لعرض مقالاتها.',
    en: 'Each outlet’s articles per period. Click a cell to list its articles.',
  },
  search: { ar: 'بحث', en: 'Search' },
  asTable: { ar: 'بيانات المخطط في جدول', en: 'The chart’s data as a table' },
  evidenceShown: {
    ar: 'الجمل المظللة ({n}) هي ما يستند إليه «{what}» في هذا المقال.',
    en: 'The shaded sentences ({n}) are the evidence for «{what}» in this article.',
  },
  evidenceNone: { ar: 'لا توجد جملة في النص تستند إليها «{what}».', en: 'No sentence of the text carries «{what}».' },
  primaryStop: { ar: 'المحطة الرئيسية', en: 'primary stop' },
  otherStop: { ar: 'محطة مذكورة', en: 'also named' },
  visitScoreExplain: {
    ar: 'الدرجة بين 0 و1: تزيد كلما ذُكرت الزيارة في العنوان ثم في المقدمة. المحطة الرئيسية هي ما يدور عنه المقال (العنوان ومكان النشر والمقدمة)، وبها وحدها يُحتسب المقال افتراضيًا.',
    en: 'Score from 0 to 1: highest when the visit is named in the headline, then the lead. The primary stop is the one the article is about (headline, dateline, lead); by default an article counts for it alone.',
  },
  topicScoreNote: {
    ar: 'الدرجة بين 0 و1 تقارب احتمال أن يكون الموضوع صحيحًا (0.5: الصواب والخطأ سواء)، وتزيد بعدد الكلمات الدالة المرصودة في النص ووزنها.',
    en: 'Score from 0 to 1, about the chance the topic is right (0.5: as likely right as wrong); it grows with the number and weight of the cue words found in the text.',
  },
  topicScoreExplain: { ar: 'درجة {score} من {hits} كلمة دالة', en: 'score {score} from {hits} matched cues' },
  cuesN: { ar: '{n} دليل', en: '{n} cues' },
  searchLabel: { ar: 'ابحث في العناوين والنصوص', en: 'Search titles and texts' },
  searchPlaceholder: { ar: 'مثال: الغاز الجزائر', en: 'e.g. الغاز الجزائر' },
  searchNote: {
    ar: 'كل الكلمات مطلوبة؛ لا فرق بين أ وإ وا، ولا بين ة وه، وتُطابق الكلمة مع السوابق و ف ب ك ل ال.',
    en: 'All words must occur; hamza forms, ة/ه and diacritics are ignored, and a word also matches with the prefixes و ف ب ك ل ال.',
  },
  compare: { ar: 'مقارنة', en: 'Compare' },
  compareNote: {
    ar: 'لكل جانب: نسبة مقالاته التي تتناول كل موضوع أو تذكر كل كيان، والفرق ب − أ بالنقاط المئوية. المرشحات الأخرى في الرابط تنطبق على الجانبين.',
    en: 'For each side: the share of its articles on each topic or naming each entity, and the difference B − A in percentage points. The link’s other filters apply to both sides.',
  },
  compareTopics: { ar: 'المواضيع: A و B والفرق', en: 'Topics: A, B and the difference' },
  compareEntities: { ar: 'الكيانات الأكثر ذكرًا: A و B والفرق', en: 'Entities named most: A, B and the difference' },
  diffPoints: { ar: 'الفرق B − A (نقاط مئوية)', en: 'B − A (points)' },
  periods: { ar: 'فترات', en: 'Periods' },
  topEntities: { ar: 'أكثر الكيانات ذكرًا', en: 'Entities named most' },
  entityIndex: { ar: 'فهرس الكيانات', en: 'Entity index' },
  entitySearch: { ar: 'ابحث عن اسم', en: 'Find a name' },
  skip: { ar: 'انتقل إلى المحتوى', en: 'Skip to content' },
  timelineNote: {
    ar: 'انقر نقطة لعرض مقالات تلك الفترة. الفترات المتتالية الخالية من المقالات مطويّة في «…».',
    en: 'Click a point to list the articles of that period. Stretches of periods without articles are folded into «…».',
  },
  sql: { ar: 'الاستعلام (SQL) الذي أنتج هذا العرض', en: 'The SQL behind this view' },
  sqlHint: {
    ar: 'في جذر المستودع شغّل duckdb ثم نفّذ السطر الأول والصق الاستعلام:',
    en: 'At the repository root run duckdb, then the first line, then paste the query:',
  },
  export: { ar: 'تنزيل البيانات', en: 'Download data' },
  noData: { ar: 'لا توجد مقالات تطابق هذه المرشحات.', en: 'No articles match these filters.' },
  noWarehouseTitle: { ar: 'لا يوجد مستودع بيانات بعد', en: 'No warehouse yet' },
  noWarehouseBody: {
    ar: 'لم يُعثر على جداول المستودع في هذا المجلد. أنشئه بأحد الأمرين التاليين في جذر المستودع، ثم أعد تحميل الصفحة:',
    en: 'The warehouse tables were not found in this folder. Create them with one of these commands at the repository root, then reload:',
  },
  missingTables: { ar: 'الجداول الناقصة', en: 'Missing tables' },
  ignoredParams: { ar: 'تم تجاهل قيم غير صالحة في الرابط', en: 'Ignored invalid values in the link' },
  page: { ar: 'صفحة', en: 'Page' },
  of: { ar: 'من', en: 'of' },
  prev: { ar: 'السابق', en: 'Previous' },
  next: { ar: 'التالي', en: 'Next' },
  title: { ar: 'العنوان', en: 'Title' },
  date: { ar: 'التاريخ', en: 'Date' },
  outlet: { ar: 'المنبر', en: 'Outlet' },
  unknownOutlet: { ar: 'منبر غير معروف', en: 'Unknown outlet' },
  dateSource: { ar: 'مصدر التاريخ', en: 'Date from' },
  source: { ar: 'الملف المصدر', en: 'Source file' },
  duplicateOf: { ar: 'نسخة مكررة من', en: 'Duplicate of' },
  score: { ar: 'الدرجة', en: 'Score' },
  evidence: { ar: 'الأدلة', en: 'Evidence' },
  visitsMatched: { ar: 'الزيارات المطابقة', en: 'Visits matched' },
  topicsFound: { ar: 'المواضيع المرصودة', en: 'Topics found' },
  mentionsFound: { ar: 'الكيانات المذكورة', en: 'Entities mentioned' },
  body: { ar: 'النص', en: 'Text' },
  legend: { ar: 'المفتاح', en: 'Key' },
  legendMention: { ar: 'إشارة إلى كيان', en: 'entity mention' },
  legendCue: { ar: 'دليل على موضوع', en: 'topic cue' },
  coMentioned: { ar: 'كيانات تُذكر معه', en: 'Mentioned with' },
  mentionedBy: { ar: 'المنابر التي تذكره', en: 'Outlets that mention it' },
  aroundVisits: { ar: 'الزيارات التي يُذكر حولها', en: 'Visits around which it is mentioned' },
  type: { ar: 'النوع', en: 'Type' },
  origin: { ar: 'الأصل', en: 'Origin' },
  meanScore: { ar: 'متوسط الدرجة', en: 'Mean score' },
  queryFailed: { ar: 'تعذّر تنفيذ الاستعلام', en: 'The query failed' },
  retry: { ar: 'إعادة المحاولة', en: 'Try again' },
  serverErrorBody: {
    ar: 'لم يتمكن الخادم من الإجابة. تجد الخطأ في سجل الخادم تحت الرمز',
    en: 'The server could not answer. Its log has the error under the digest',
  },
  notFound: { ar: 'غير موجود', en: 'Not found' },
  notFoundBody: { ar: 'لا يوجد سجل بهذا المعرّف في المستودع.', en: 'No record with this id in the warehouse.' },
  backToOverview: { ar: 'العودة إلى النظرة العامة', en: 'Back to the overview' },
  filtersApplied: { ar: 'المرشحات المطبقة', en: 'Filters applied' },
  loading: { ar: 'جارٍ التحميل…', en: 'Loading…' },
} as const satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

/** The label in the UI's language, falling back to the other one (then to a default). */
export function pick(lang: Lang, ar: string | null | undefined, en: string | null | undefined, fallback = ''): string {
  return (lang === 'en' ? en || ar : ar || en) || fallback;
}

/** An outlet's name; articles without an outlet have none (NULL, or NO_OUTLET where grouped). */
export function outletName(lang: Lang, id: string | null, ar: string | null, en: string | null): string {
  return id === null || id === NO_OUTLET ? t(lang, 'unknownOutlet') : pick(lang, ar, en, id);
}

/** A value of a code list in the UI's language; a code the list does not know is shown as is. */
export function named(list: Readonly<Record<string, Record<Lang, string>>>, lang: Lang, code: string | null): string {
  return code === null ? '—' : (list[code]?.[lang] ?? code);
}

export const ENTITY_TYPE: Record<string, Record<Lang, string>> = {
  person: { ar: 'شخص', en: 'person' },
  organization: { ar: 'منظمة', en: 'organization' },
  location: { ar: 'مكان', en: 'place' },
};

export const ENTITY_ORIGIN: Record<string, Record<Lang, string>> = {
  gazetteer: { ar: 'من المعجم (إعدادات المشروع)', en: 'gazetteer (project config)' },
  discovered: { ar: 'مكتشف في النصوص', en: 'discovered in the texts' },
};

export const DATE_SOURCE: Record<string, Record<Lang, string>> = {
  manifest: { ar: 'من بيانات الملف الوصفي (manifest)', en: 'from the manifest' },
  record: { ar: 'من حقل في السجل المصدر', en: 'from a field of the input record' },
  text: { ar: 'مكتوب في نص المقال', en: 'written in the article' },
  inferred: { ar: 'مستنتج (مثلًا يوم أسبوع مقابل زيارة)', en: 'inferred (e.g. a weekday resolved against a visit)' },
};

// Built once per language: constructing an Intl.NumberFormat costs far more than formatting with one
// (it was a fifth of the overview's server time, one per number drawn).
const formats = (options: Intl.NumberFormatOptions) => ({
  ar: new Intl.NumberFormat('ar-u-nu-latn', options),
  en: new Intl.NumberFormat('en', options),
});
const WHOLE = formats({ maximumFractionDigits: 0 });
const PERCENT = formats({ style: 'percent', maximumFractionDigits: 1 });

export function formatNumber(lang: Lang, n: number): string {
  return WHOLE[lang].format(n);
}

export function formatShare(lang: Lang, share: number): string {
  return PERCENT[lang].format(share);
}
