/**
 * Persons the gazetteer does not know, found where news introduces a person: after a role
 * («الرئيس», «وزير الدفاع الأمريكي», «نظيره التونسي», «الفريق», «كتب :»). The role tables are a
 * code table here rather than config: they describe Arabic news prose, not the study, and the
 * gazetteer compiles from entities alone. A role followed by a gazetteer person yields nothing
 * new; the gazetteer match already stands.
 *
 * Many role words are also common nouns («الفريق» the team, «الرئيس» main), and what follows a
 * role is often the sentence going on: precision comes from refusing words that cannot be a name
 * (STOPWORDS, WORD_SHAPES), roles that are not titles where they stand (PLACE_HEADS,
 * ADJECTIVAL_ROLES), and last words the rest of the article does not bear out (confirmedEnd).
 */
import { createHash } from 'node:crypto';
import { isRemovable, normalizedSet, normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import { insertWords, keyBits, mayBeKey, mayStart, startBits, startCode, unitsHash, type KeyBits, type StartBits } from '../text/trie.ts';
import { cliticSplits, withoutArticle } from '../text/clitics.ts';
import type { Token } from '../types.ts';
import { lookupEndings, type Gazetteer, type WordKeys } from './gazetteer.ts';
import { ARABIC_WEEKDAY_WORDS } from '@mirsad/model/arabic';

export interface DiscoveredEntity {
  /**
   * 'discovered:' + a hash of the normalised name (of the type and name for organisations and
   * locations): the same name gives the same id in every run.
   */
  entity_id: string;
  type: 'person' | 'organization' | 'location';
  /** The name as written, without diacritics or tatweel. */
  name_ar: string;
  name_en: null;
  origin: 'discovered';
}

/** A gazetteer match as discovery sees it: the words it covers and what it is. */
export interface Covered {
  first: number;
  last: number;
  type: 'person' | 'organization' | 'location';
}

export interface DiscoveredName {
  entity: DiscoveredEntity;
  /** Token range of the name. */
  first: number;
  last: number;
}

export interface Discovery {
  names: DiscoveredName[];
  /**
   * First names written before a gazetteer person whose variant lacks them («دونالد» before
   * «ترمب»): the match `hit` should start at token `first`.
   */
  extend: { hit: number; first: number }[];
}

/** Words and phrases after which a person's name is expected. */
const ROLES = [
  // heads of state and government, ministers
  'الرئيس',
  'الرئيسة',
  'رئيس',
  'رئيسة',
  'رئيس الوزراء',
  'رئيس الحكومة',
  'رئيسة الحكومة',
  'رئيس أركان',
  'نائب الرئيس',
  'نائب رئيس',
  'الوزير',
  'الوزيرة',
  'وزير',
  'وزيرة',
  'الوزير الأول',
  'وزير الدولة',
  'نظيره',
  'نظيرته',
  'نظيرها',
  'نظيرهم',
  'الملك',
  'الملكة',
  'العاهل',
  'الأمير',
  'الأميرة',
  'ولي العهد',
  'الشيخ',
  'أمير',
  'السلطان',
  'المستشار',
  'المستشارة',
  'النائب',
  'النائبة',
  'السيناتور',
  'الحاكم',
  'الوالي',
  'الأمين العام',
  'الأمين العام المساعد',
  'المبعوث',
  'المبعوثة',
  'المبعوث الخاص',
  'المبعوث الشخصي',
  'المفوض',
  'المندوب',
  'الممثل',
  'الممثلة',
  'القنصل',
  'السفير',
  'السفيرة',
  'سفير',
  'سفيرة',
  // military ranks
  'الفريق',
  'الفريق أول',
  'اللواء',
  'العميد',
  'العقيد',
  'المقدم',
  'الرائد',
  'النقيب',
  'الجنرال',
  'المشير',
  'الأدميرال',
  'الأميرال',
  'قائد',
  'القائد',
  'الكولونيل',
  'الماريشال',
  'الكومندان',
  'اللفتنانت',
  // spokespeople, officials, experts
  'المتحدث باسم',
  'المتحدثة باسم',
  'الناطق باسم',
  'الناطقة باسم',
  'المتحدث الرسمي باسم',
  'مدير',
  'مديرة',
  'المدير',
  'المديرة',
  'المدير العام',
  'رئيس مكتب',
  'المحلل',
  'المحللة',
  'الباحث',
  'الباحثة',
  'الخبير',
  'الخبيرة',
  'الأستاذ',
  'الأستاذة',
  'البروفيسور',
  'الدكتور',
  'الدكتورة',
  'د.',
  'المحامي',
  'المحامية',
  'الناشط',
  'الناشطة',
  'الصحفي',
  'الصحفية',
  'الصحافي',
  'الصحافية',
  'الكاتب',
  'الكاتبة',
  'المراسل',
  'المراسلة',
  'زعيم',
  'الزعيم',
  'الإرهابي',
  'المدعو',
  'المدعوة',
  'السيد',
  'السيدة',
  'عضو',
  'العضو',
  // bylines
  'كتب :',
  'كتبت :',
  'بقلم',
  'بقلم :',
  'إعداد :',
  'تحرير :',
];

/**
 * Titles used with a single name («الرئيس تبون», «الملك سلمان»). After any other role a name has
 * at least two words: «الفريق» is also "the team", «الخبير» also "the expert (on)…".
 */
const SINGLE_NAME_ROLES = [
  'الرئيس',
  'الرئيسة',
  'الملك',
  'الملكة',
  'العاهل',
  'الأمير',
  'الأميرة',
  'الشيخ',
  'السلطان',
  'الجنرال',
  'المشير',
  'الأدميرال',
  'الأميرال',
  'السيد',
  'السيدة',
  'المستشارة',
  'الإمام',
  'البابا',
];

/** Words that may stand between a role and the name: «الرئيس السابق», «وزير الدفاع الأسبق». */
const MODIFIERS = [
  'السابق',
  'السابقة',
  'الأسبق',
  'الأسبقة',
  'الجديد',
  'الجديدة',
  'الحالي',
  'الحالية',
  'المؤقت',
  'المؤقتة',
  'الراحل',
  'الراحلة',
  'المخلوع',
  'المنتخب',
  'المنتهية',
  'ولايته',
  'الأعلى',
  'الأول',
  'الأولى',
  'العام',
  'العامة',
  'المساعد',
  'المساعدة',
  'المكلف',
  'المكلفة',
  'الخاص',
  'الخاصة',
  'الشخصي',
  'الرسمي',
  'الرسمية',
  'المنتدب',
  'المنتدبة',
  'الركن',
  'أول',
  'ركن',
  'العسكري',
  'العسكرية',
  // political colour: «الرئيس الاشتراكي فرنسوا هولاند», never the last word of a name
  'الاشتراكي',
  'الاشتراكية',
  'الجمهوري',
  'الديمقراطي',
  'الديمقراطية',
  'اليميني',
  'اليمينية',
  'اليساري',
  'اليسارية',
  'الإصلاحي',
  'الإصلاحية',
  'المحافظ',
  'المحافظة',
  'الليبرالي',
  'الليبرالية',
  'الشيوعي',
  'الشعبوي',
  'المعارض',
  'المعارضة',
  'المستقل',
  'المستقلة',
  'القومي',
  'القومية',
  'المتطرف',
  'المتشدد',
];

/** Words that end a name or rule one out: function words, frequent verbs, time words. */
const STOPWORDS = [
  'في',
  'من',
  'إلى',
  'الى',
  'على',
  'عن',
  'مع',
  'أن',
  'إن',
  'أنه',
  'إنه',
  'أنها',
  'إنها',
  'كان',
  'كانت',
  'قد',
  'لقد',
  'لم',
  'لن',
  'لا',
  'ما',
  'ماذا',
  'هذا',
  'هذه',
  'ذلك',
  'تلك',
  'هو',
  'هي',
  'هم',
  'التي',
  'الذي',
  'الذين',
  'اللذين',
  'حيث',
  'بعد',
  'قبل',
  'خلال',
  'أمس',
  'اليوم',
  'غدا',
  'يوم',
  'أيضا',
  'كما',
  'ثم',
  'أو',
  'أم',
  'بل',
  'لكن',
  'حتى',
  'منذ',
  'عند',
  'عندما',
  'بين',
  'وسط',
  'لدى',
  'إثر',
  'عقب',
  'ضد',
  'نحو',
  'حول',
  'دون',
  'غير',
  'كل',
  'بعض',
  'جميع',
  'عدة',
  'عدد',
  'أكثر',
  'أول',
  'آخر',
  'نفسه',
  'ذاته',
  'شخصيا',
  'بنفسه',
  'قال',
  'قالت',
  'يقول',
  'تقول',
  'أكد',
  'أكدت',
  'يؤكد',
  'تؤكد',
  'أعلن',
  'أعلنت',
  'يعلن',
  'تعلن',
  'أضاف',
  'أضافت',
  'أوضح',
  'أوضحت',
  'أشار',
  'أشارت',
  'اعتبر',
  'اعتبرت',
  'صرح',
  'صرحت',
  'شدد',
  'شددت',
  'دعا',
  'دعت',
  'زار',
  'زارت',
  'يزور',
  'تزور',
  'وصل',
  'وصلت',
  'يصل',
  'تصل',
  'التقى',
  'التقت',
  'يلتقي',
  'تلتقي',
  'استقبل',
  'استقبلت',
  'يستقبل',
  'تستقبل',
  'بحث',
  'بحثت',
  'يبحث',
  'تبحث',
  'أجرى',
  'أجرت',
  'يجري',
  'تجري',
  'ناقش',
  'ناقشت',
  'يناقش',
  'تناقش',
  'أعرب',
  'أعربت',
  'يعرب',
  'تعرب',
  'وقع',
  'وقعت',
  'يوقع',
  'توقع',
  'غادر',
  'غادرت',
  'يغادر',
  'تغادر',
  'توجه',
  'توجهت',
  'يتوجه',
  'تتوجه',
  'عبر',
  'عبرت',
  'طالب',
  'طالبت',
  'أجاب',
  'رد',
  'ردت',
  'نفى',
  'نفت',
  'رأى',
  'رأت',
  'يرى',
  'ترى',
  'كشف',
  'كشفت',
  'يكشف',
  'تكشف',
  'أفاد',
  'أفادت',
  'ذكر',
  'ذكرت',
  'أمر',
  'أمرت',
  'هاتف',
  'تلقى',
  'تلقت',
  'يتلقى',
  'بعث',
  'بعثت',
  'أبلغ',
  'أبلغت',
  'حذر',
  'حذرت',
  'يحذر',
  'تحذر',
  'رحب',
  'رحبت',
  'يرحب',
  'ترحب',
  'جدد',
  'جددت',
  'يجدد',
  'تجدد',
  'اتهم',
  'اتهمت',
  'يتهم',
  'تتهم',
  'تعهد',
  'تعهدت',
  'يتعهد',
  'أدلى',
  'ألقى',
  'يلقي',
  'اختتم',
  'يختتم',
  'بدأ',
  'يبدأ',
  'تبدأ',
  'أنهى',
  'ينهي',
  'تنهي',
  'وجه',
  'وجهت',
  'إنه',
  'بأن',
  'لأن',
  'كي',
  'لكي',
  'سوف',
  ...ARABIC_WEEKDAY_WORDS,
  'صباح',
  'مساء',
  'بيان',
  'تصريح',
  'تصريحات',
  'مؤتمر',
  'لقاء',
  'اجتماع',
  'زيارة',
  'رسالة',
  'كلمة',
  'مقابلة',
  'حديث',
  'ل',
  'ب',
  'و',
  'ف',
  'ك',
  'بن',
  'ابن',
  'عبد',
  'أبو',
  'ولد',
  'دولة',
  'دول',
  'حكومة',
  'مجلس',
  'وزارة',
  'وزراء',
  'شركة',
  'مؤسسة',
  'منظمة',
  'جمعية',
  'حزب',
  'حركة',
  'جبهة',
  'هيئة',
  'لجنة',
  'مكتب',
  'جامعة',
  'مركز',
  'معهد',
  'وكالة',
  'صحيفة',
  'موقع',
  'قناة',
  'بلاده',
  'بلادها',
  'ولاية',
  'منطقة',
  'مدينة',
  'مقر',
  'عاصمة',
  'قوات',
  'جيش',
  'إدارة',
  'شؤون',
  'لشؤون',
  'سابق',
  'دفاع',
  'خارجية',
  'داخلية',
  'عدل',
  'مالية',
  'اقتصاد',
  'تجارة',
  'صحة',
  'تعليم',
  'أمن',
  'سابقا',
  'حاليا',
  // circumstantial participles that follow a role and its verb: «وصرح الوزير قائلا»
  'قائلا',
  'قائلة',
  'متوجها',
  'متوجهة',
  'مؤكدا',
  'مؤكدة',
  'مشيرا',
  'مشيرة',
  'معتبرا',
  'معتبرة',
  'مضيفا',
  'مضيفة',
  'موضحا',
  'موضحة',
  'مشددا',
  'مشددة',
  'داعيا',
  'داعية',
  'معربا',
  'معربة',
  'برفقة',
  'رفقة',
  'له',
  'لها',
  'لهم',
  'قوله',
  'قولها',
  'وهو',
  'وهي',
  'وهم',
  'إلا',
  'آنذاك',
  'حينها',
  'حينذاك',
  'عام',
  'صفر',
  'أمام',
  'بشأن',
  'تقديم',
  'حرس',
  'حدود',
  'إذ',
  'إذا',
  'لو',
  'وقال',
  'وقالت',
  'وأكد',
  'وأضاف',
  'ويأتي',
  'خلف',
  'فوق',
  'تحت',
  'ضمن',
  'عبر',
  'أي',
  'أية',
  'كلا',
  'كلتا',
  'هناك',
  'هنا',
  'الآن',
  'فهو',
  'فهي',
  'بهذا',
  'لهذا',
  'وهذا',
  'بذلك',
  'لذلك',
  'لدي',
  'لديه',
  'لديها',
  'لديهم',
  'عليه',
  'عليها',
  'إليه',
  'إليها',
  'منه',
  'منها',
  'عنه',
  'عنها',
  'فيه',
  'فيها',
  'به',
  'بها',
  'معه',
  'معها',
  'نفسها',
  'شخصيا',
  'مجددا',
  // definite nouns that follow a name as the object of a verb-first sentence («استقبل الرئيس X الوفد»)
  'الدولة',
  'الحكومة',
  'البلاد',
  'المملكة',
  'الجمهورية',
  'العالم',
  'المنطقة',
  'الأمر',
  'القرار',
  'الوفد',
  'اللقاء',
  'الاجتماع',
  'المدينة',
  'العاصمة',
  'الزيارة',
  'القمة',
  'المؤتمر',
  'الاتفاق',
  'الاتفاقية',
  'الرسالة',
  'الدعوة',
  'الملف',
  'المسؤولين',
  'الوزير',
  'الرئيس',
  'السفير',
  'الأمين',
  'نهاية',
  'بداية',
  'منتصف',
  'مطلع',
  'أواخر',
  'أوائل',
  // the Levantine and Egyptian months only: Maghrebi «ماي», «جوان» are also name words («تيريزا ماي»)
  'كانون',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين',
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'إبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
  'ثلاثة',
  'أربعة',
  'خمسة',
  'عشرة',
  'آخرين',
  'آخر',
  'مما',
  'بعدما',
  'عندما',
  'حينما',
  'عندها',
  'فعندها',
  'مرة',
  'سنة',
  'ذاك',
  'خارج',
  'داخل',
  'مثل',
  'يتم',
  'تم',
  'حديثا',
  'كذلك',
  'أيضاً',
  'جدا',
  'فقط',
  'بينما',
  'لكنه',
  'لكنها',
  'ولكن',
  'إنما',
  // past verbs of the أفعل form, which look like first names (أحمد, أكرم)
  'أبدى',
  'أبدت',
  'أصدر',
  'أصدرت',
  'أطلق',
  'أطلقت',
  'أشاد',
  'أشادت',
  'أثنى',
  'أدان',
  'أدانت',
  'أقر',
  'أقرت',
  'أصبح',
  'أصبحت',
  'أرسل',
  'أرسلت',
  'أنهت',
  'أجاب',
  'أجابت',
  'أمضى',
  'أوفد',
  'أعاد',
  'أعادت',
  'أبرز',
  'أبرزت',
  'أعدم',
  'أعدمت',
  'أوعز',
  'أومأ',
  'أيد',
  'أيدت',
  'أيدا',
  'أدى',
  'أدت',
  'أراد',
  'أرادت',
  'أثار',
  'أثارت',
  'أظهر',
  'أظهرت',
  // prepositions, adverbs and particles that follow a title used as a noun («الفريق بشكل مؤقت», «عقد الرئيس أثناء…»)
  'أثناء',
  'طيلة',
  'طوال',
  'حينئذ',
  'عندئذ',
  'عشية',
  'غداة',
  'إزاء',
  'جراء',
  'وفقا',
  'وفق',
  'رغم',
  'برغم',
  'بعيدا',
  'قرب',
  'حيال',
  'مقابل',
  'سوى',
  'وراء',
  'بدلا',
  'بدل',
  'نيابة',
  'تجاه',
  'بحسب',
  'بخصوص',
  'بصدد',
  'لصالح',
  'قبيل',
  'إبان',
  'خصوصا',
  'خاصة',
  'تماما',
  'أحيانا',
  'أولا',
  'سريعا',
  'مؤخرا',
  'قليلا',
  'كثيرا',
  'مرارا',
  'علنا',
  'سرا',
  'معا',
  'فورا',
  'رسميا',
  'هاتفيا',
  'دائما',
  'أبدا',
  'نظرا',
  'ردا',
  'خلفا',
  'علما',
  'بعدها',
  'قبلها',
  'خلالها',
  'وقتذاك',
  'لاحقا',
  'مسبقا',
  'ربما',
  'طالما',
  'مثلما',
  'كيف',
  'هل',
  'فهل',
  'أين',
  'متى',
  'لماذا',
  'أننا',
  'إننا',
  'أنني',
  'إنني',
  'أنهم',
  'إنهم',
  'أنك',
  'إنك',
  'لأنه',
  'ليس',
  'ليست',
  'مازال',
  'مازالت',
  'لايزال',
  // verbs that follow a title used as a noun: «الفريق قدم أداء», «وكان الرئيس اكتفى»
  'قدم',
  'قدمت',
  'حقق',
  'حققت',
  'سجل',
  'سجلت',
  'خسر',
  'خسرت',
  'فاز',
  'فازت',
  'شارك',
  'شاركت',
  'رفض',
  'رفضت',
  'رفضا',
  'قرر',
  'قررت',
  'طلب',
  'طلبت',
  'نشر',
  'نشرت',
  'ظهر',
  'ظهرت',
  'عاد',
  'عادت',
  'كلف',
  'كلفت',
  'تعرض',
  'تعرضت',
  'ضم',
  'ضمت',
  'حصل',
  'حصلت',
  'جاء',
  'جاءت',
  'بلغ',
  'بلغت',
  'قام',
  'قامت',
  'اختار',
  'اختارت',
  'انتقد',
  'انتقدت',
  'هاجم',
  'هاجمت',
  'عين',
  'عينت',
  'سبق',
  'يجب',
  'تولى',
  'تولت',
  'ترأس',
  'ترأست',
  'اكتفى',
  'تحدث',
  'تحدثت',
  'تراجع',
  'تراجعت',
  'قطع',
  'قطعت',
  'نشأ',
  'ضخ',
  'تناول',
  'تناولت',
  'شهد',
  'شهدت',
  'فقد',
  'فقدت',
  'اعترف',
  'اعترفت',
  // verbal nouns and nouns that a title used as a noun governs («يمنح الرئيس صلاحيات», «يتصدر الفريق جدول…»)
  'فرض',
  'تكثيف',
  'عدم',
  'إخلاء',
  'اختيار',
  'اختيارا',
  'إصرار',
  'إعلان',
  'إنهاء',
  'إجراء',
  'إرسال',
  'إقامة',
  'تعيين',
  'تحقيق',
  'تسجيل',
  'إطلاق',
  'إلغاء',
  'رفع',
  'خفض',
  'سحب',
  'نقل',
  'دعم',
  'دعما',
  'ضرورة',
  'إمكانية',
  'مسؤولية',
  'أهمية',
  'صلاحية',
  'صلاحيات',
  'قرار',
  'قرارا',
  'قرارات',
  'اتفاق',
  'انتقادات',
  'اتهامات',
  'توصيات',
  'مباحثات',
  'محادثات',
  'عقوبات',
  'رسوم',
  'مباراة',
  'مباريات',
  'هدف',
  'هدفا',
  'هدفين',
  'أهداف',
  'كأس',
  'لقب',
  'نهائي',
  'دوري',
  'بطولة',
  'موسم',
  'جائزة',
  'صورة',
  'فريق',
  'لاعب',
  'لاعبي',
  'مدرب',
  'جمهور',
  'جماهير',
  'شعبية',
  'قائمة',
  'مجموعة',
  'أداء',
  'سلسلة',
  'جدول',
  'حالة',
  'حال',
  'سبب',
  'فرصة',
  'ثقة',
  'حملة',
  'سياسة',
  'سلطة',
  'مشروع',
  'قانون',
  'عملية',
  'خطة',
  'مدة',
  'مرات',
  'نصف',
  'ربع',
  'ثلث',
  'معظم',
  'أغلب',
  'أحد',
  'إحدى',
  'أكبر',
  'أهم',
  'مزيد',
  'كافة',
  'مختلف',
  'ثلاث',
  'أربع',
  'خمس',
  'سبع',
  'ثماني',
  'تسع',
  'عشر',
  'مليون',
  'مليار',
  'تحية',
  'ضجة',
  'ضربة',
  'دفعة',
  'شخصية',
  'بحضور',
  'حضور',
  'بوصول',
  'بوجود',
  'بعيد',
  'عاهل',
  'قوة',
  'إضافة',
  'محاولة',
  'عرض',
  'أصيب',
  'أصيبت',
  'توج',
  'كنت',
  'كانوا',
  'كنا',
  'منح',
  'ظل',
  'أقول',
  'أعتقد',
  'أعرف',
  'الأسبوع',
  'الشهر',
  'الماضي',
  'المقبل',
  'الجاري',
  // nouns in apposition after a name: «إيهاب الدسوقي أستاذ الاقتصاد», «… نجل الرئيس»
  'أستاذ',
  'أستاذة',
  'صاحب',
  'صاحبة',
  'مصور',
  'مؤسس',
  'مستشار',
  'خبير',
  'مسؤول',
  'مسؤولة',
  'محامي',
  'مرشح',
  'نجم',
  'نجل',
  'شقيق',
  'شقيقة',
  'زوج',
  'زوجة',
  'ابنة',
  'والد',
  'والدة',
  'ملك',
  'ملكة',
];

/**
 * Ranks, titles and honorifics, Arabic and transliterated from French and English: never a word of
 * a name. After a role they are skipped («الفريق أول دو كور دارمي السعيد شنقريحة»: «دو كور دارمي»
 * is "général de corps d'armée»); a name stops before one. Words that are also names are left
 * out: given names («رائد», «أمير», «سلطان», «سعادة») and surnames («الحاج», «آل شيخ», «بوش الأب»).
 * A title is the word as written, never read with proclitics («بركن» is Birkin, not ب + ركن).
 */
const TITLES = [
  // honorifics and forms of address
  'سمو',
  'صاحب السمو',
  'صاحب السمو الملكي',
  'السمو الملكي',
  'صاحب الجلالة',
  'جلالة',
  'معالي',
  'فخامة',
  'سماحة',
  'نيافة',
  'غبطة',
  'الشيخ',
  'السيد',
  'السيدة',
  'الآنسة',
  'الدكتور',
  'الدكتورة',
  'دكتور',
  'الأستاذ',
  'الأستاذة',
  'المهندس',
  'المهندسة',
  'البروفيسور',
  'بروفيسور',
  'المطران',
  'القس',
  'السير',
  'مسيو',
  'موسيو',
  'مستر',
  'ميستر',
  'مدام',
  'مادام',
  'مسز',
  // Arabic military ranks
  'المشير',
  'مشير',
  'الفريق أول',
  'الفريق',
  'فريق أول',
  'اللواء',
  'لواء',
  'العميد',
  'العقيد',
  'عقيد',
  'المقدم',
  'الرائد',
  'النقيب',
  'الملازم',
  'الملازم أول',
  'ملازم',
  'ملازم أول',
  'الرقيب',
  'العريف',
  'الأدميرال',
  'الأميرال',
  'الجنرال',
  // ranks transliterated from French and English
  'جنرال',
  'جنرال دو كور دارمي',
  'دو كور دارمي',
  'دي كور دارمي',
  'كور دارمي',
  'دوكور دارمي',
  'جنرال دو ديفيزيون',
  'دو ديفيزيون',
  'جنرال دو بريغاد',
  'دو بريغاد',
  'ماريشال',
  'الماريشال',
  'كولونيل',
  'الكولونيل',
  'كولونيل ماجور',
  'ليوتنان',
  'ليوتنان كولونيل',
  'لفتنانت',
  'اللفتنانت',
  'لفتنانت كولونيل',
  'اللفتنانت كولونيل',
  'ليفتنانت',
  'كومندان',
  'الكومندان',
  'كابيتان',
  'كابتن',
  'ماجور',
  'أدميرال',
  'أميرال',
  'بريغادير',
  'الجنرال ماجور',
  'سيرجان',
  'أجودان',
  // Latin script (a Latin word is never taken into an Arabic name, but the table says what a title is)
  'general',
  'gen',
  'colonel',
  'col',
  'lieutenant',
  'lt',
  'major',
  'maj',
  'captain',
  'capt',
  'commandant',
  'marechal',
  'marshal',
  'admiral',
  'amiral',
  'brigadier',
  'sergeant',
  'dr',
  'doctor',
  'docteur',
  'mr',
  'mrs',
  'ms',
  'mme',
  'mlle',
  'monsieur',
  'madame',
  'sir',
  'sheikh',
  'sheik',
  'cheikh',
  'shaykh',
  'prof',
  'professor',
  'professeur',
];

/** Joining words of Arabic names: they lengthen a name by one word and never end it. */
const CONNECTORS = ['بن', 'ابن', 'بنت', 'ولد', 'أبو', 'عبد', 'آل', 'أغ', 'دي', 'دو', 'فون', 'فان', 'ول'];

/** Connectors that may also be a name's first word: «أبو بكر», «عبد القادر» (not «بن», «بنت»: «الرئيس بن علي»). */
const NAME_STARTS = ['أبو', 'عبد'];

/** First names in ي, which the imperfect-verb guard would otherwise refuse. */
const Y_NAMES = [
  'يوسف',
  'يحيى',
  'ياسين',
  'يزيد',
  'يونس',
  'يعقوب',
  'ياسر',
  'يسري',
  'يسرى',
  'ياسمين',
  'يامنة',
  'يسرا',
  'يوري',
  'يان',
  'يانيس',
  'يائير',
  'يوآف',
  'يوهان',
  'يورغن',
  'يانغ',
  'يونغ',
  'يوكيو',
  'يمينة',
  'يعقوبيان',
];

/** First names in و, which would otherwise read as the conjunction on a noun or verb («ومجموعة», «واحتفظت»). */
const W_NAMES = [
  'وائل',
  'وليد',
  'وديع',
  'وحيد',
  'وحيدة',
  'وسام',
  'وسيم',
  'وفاء',
  'وجدي',
  'وجيه',
  'وجيدة',
  'وداد',
  'وضاح',
  'وصفي',
  'وفيق',
  'وهبي',
  'وهيب',
  'وئام',
  'ولاء',
  'وانغ',
  'وو',
  'وودي',
  'واين',
  'وارن',
  'والتر',
  'وليام',
  'ويليام',
  'وليم',
  'ونستون',
  'وينستون',
  'ويل',
  'ويلسون',
  'ويلي',
  'ويندي',
  'ويسلي',
  'ويليان',
  'وولفغانغ',
];

/**
 * Names shaped like a verb, a verbal noun, a preposition on a noun or a pronoun suffix, which
 * WORD_SHAPES would refuse («بندر» like «بشكل», «برهم» like «دورهم», «تحسين» like «تحويل»).
 */
const SHAPE_EXCEPTIONS = [
  'تحسين',
  'تقي',
  'تهاني',
  'تغريد',
  'تبون',
  'تكلا',
  'بندر',
  'بطرس',
  'برند',
  'بركن',
  'بهجت',
  'برهم',
  'براهم',
  'أبراهم',
  'مهاتما',
  'ابتسام',
  'انتصار',
  'اشتياق',
  'اعتدال',
  'ابتهال',
  'امتثال',
  'افتخار',
  'اعتماد',
];

/**
 * Nouns that, before a title, make «<noun> الملك فهد» a place or an institution named after a
 * person rather than a mention of the person: «جامعة الملك عبدالله», «مطار الملك خالد».
 */
const PLACE_HEADS = [
  'مدينة',
  'جامعة',
  'مطار',
  'شارع',
  'ميناء',
  'مستشفى',
  'مركز',
  'مجمع',
  'ملعب',
  'استاد',
  'ستاد',
  'قاعدة',
  'جسر',
  'مسجد',
  'جامع',
  'كلية',
  'معهد',
  'مؤسسة',
  'جائزة',
  'كأس',
  'دارة',
  'قصر',
  'حي',
  'طريق',
  'ساحة',
  'مكتبة',
  'مدرسة',
  'برج',
  'متحف',
  'حديقة',
  'صندوق',
  'أكاديمية',
  'محطة',
  'نادي',
  'قاعة',
  'سد',
  'نفق',
  'ضريح',
  'مقام',
  'كورنيش',
  'مدرج',
  'مسرح',
  'منطقة',
  'بلدة',
  'قرية',
];

/**
 * Title words that are also adjectives: after a definite noun or an organisation they describe it
 * («الحزب الحاكم», «تنظيم داعش الإرهابي», «السبب الرئيس», «الدول العضو») and introduce no one.
 */
const ADJECTIVAL_ROLES = ['الرئيس', 'الرئيسة', 'الإرهابي', 'الإرهابية', 'الحاكم', 'الحاكمة', 'القائد', 'العضو'];

/**
 * Second words of compound first names («نور الدين», «عبد الله», «زين العابدين»): the word after
 * them is the surname, whatever else the article says.
 */
const COMPOUND_PARTS = ['الدين', 'الله', 'الإسلام', 'الرحمن', 'الحق', 'العابدين', 'الزهراء', 'الهدى', 'الخير'];

/**
 * Common given names, which in the middle of an Arabic name are the father's («عمر حسن البشير»,
 * «زيد رعد الحسين»): the definite word after them is the family name, not an object.
 */
const GIVEN_NAMES = [
  'محمد',
  'أحمد',
  'محمود',
  'مصطفى',
  'علي',
  'حسن',
  'حسين',
  'عمر',
  'عثمان',
  'عبدالله',
  'عبدالرحمن',
  'عبدالعزيز',
  'عبدالكريم',
  'خالد',
  'سعيد',
  'سعد',
  'إبراهيم',
  'إسماعيل',
  'صالح',
  'سالم',
  'سليمان',
  'ناصر',
  'فهد',
  'فيصل',
  'عادل',
  'أنور',
  'خير',
  'رعد',
  'عز',
  'جمال',
  'كمال',
  'طارق',
  'هشام',
  'سامي',
  'ماجد',
  'سلطان',
  'راشد',
  'حمد',
  'جاسم',
  'منصور',
  'عيسى',
  'موسى',
  'أنس',
  'حمدي',
  'رجب',
  'شعبان',
  'رمضان',
  'عوض',
  'عطية',
  'فتحي',
  'حامد',
  'حمود',
  'مبارك',
  'خليفة',
  'زايد',
  'نايف',
  'بدر',
  'تركي',
  'سلمان',
  'مشعل',
  'جابر',
  'نواف',
  'عبيد',
  'مراد',
  'رضا',
  'عباس',
  'قاسم',
  'جعفر',
  'كاظم',
  'هادي',
  'مهدي',
  'نبيل',
  'نصر',
  'فاروق',
  'زكي',
  'لطفي',
  'توفيق',
  'رشيد',
  'مختار',
  'الطاهر',
];

/** Definite words that end a name as its own: regnal numbers and «الابن», «الأب» («هنري الثامن», «بوش الابن»). */
const NAME_ENDINGS = [
  'الأول',
  'الثاني',
  'الثالث',
  'الرابع',
  'الخامس',
  'السادس',
  'السابع',
  'الثامن',
  'التاسع',
  'العاشر',
  'الحادي',
  'الكبير',
  'الأكبر',
  'الصغير',
  'الابن',
  'الأب',
];

/**
 * Role nouns that head a construct without an article: «وزير الخارجية رمطان لعمامرة» names a
 * person, «وزير دفاع أمريكي» does not. After these a name comes only after a complement.
 */
const CONSTRUCT_HEADS = new Set(
  ['رئيس', 'رئيسة', 'وزير', 'وزيرة', 'نائب', 'مدير', 'مديرة', 'سفير', 'سفيرة', 'أركان', 'مكتب', 'قائد', 'زعيم', 'باسم', 'أمير', 'عضو'].map((w) =>
    normalizeText(w),
  ),
);

const SINGLE = new Set(SINGLE_NAME_ROLES.map((w) => normalizeText(w)));

const MAX_MODIFIERS = 6;
const MAX_NAME_WORDS = 3;

export interface CompiledRoles {
  root: Map<string, RoleNode>;
  /** startCode of every key of root: a word whose code is not here starts no role (no look-up needed). */
  rootStarts: StartBits;
  /** keyBits of the keys of root: a word whose hash's bit is clear starts no role. */
  rootKeys: KeyBits;
  endings: ReadonlySet<string>;
  modifiers: ReadonlySet<string>;
  stopwords: ReadonlySet<string>;
  connectors: ReadonlySet<string>;
  nameStarts: ReadonlySet<string>;
  yNames: ReadonlySet<string>;
  wNames: ReadonlySet<string>;
  shapeExceptions: ReadonlySet<string>;
  placeHeads: ReadonlySet<string>;
  adjectival: ReadonlySet<string>;
  compounds: ReadonlySet<string>;
  nameEndings: ReadonlySet<string>;
  givenNames: ReadonlySet<string>;
  /** TITLES as a phrase trie, like the roles. */
  titles: Map<string, RoleNode>;
}

interface RoleNode {
  next: Map<string, RoleNode> | null;
  end: boolean;
  /** The role ends on a noun without article («وزير», «رئيس أركان»): its complement must follow. */
  construct: boolean;
  /** A name of one word may follow (SINGLE_NAME_ROLES). */
  single: boolean;
}

const norms = normalizedSet;

function phraseTrie(phrases: readonly string[]): Map<string, RoleNode> {
  const root = new Map<string, RoleNode>();
  for (const phrase of phrases) {
    const words = tokenize(phrase).map((t) => t.norm);
    const node = insertWords<RoleNode>(root, words, () => ({ next: null, end: false, construct: false, single: false }));
    if (!node) continue;
    node.end = true;
    const lastWord = words[words.length - 1] as string;
    node.construct = CONSTRUCT_HEADS.has(lastWord);
    node.single = SINGLE.has(words.join(' '));
  }
  return root;
}

function compileRoles(): CompiledRoles {
  const root = phraseTrie(ROLES);
  const titles = phraseTrie(TITLES);
  return {
    root,
    rootStarts: startBits([...root.keys()].map((k) => startCode(k, 0))),
    rootKeys: keyBits(root.keys()),
    titles,
    endings: lookupEndings(root.keys()),
    modifiers: norms(MODIFIERS),
    stopwords: norms(STOPWORDS),
    connectors: norms(CONNECTORS),
    nameStarts: norms(NAME_STARTS),
    yNames: norms(Y_NAMES),
    wNames: norms(W_NAMES),
    shapeExceptions: norms(SHAPE_EXCEPTIONS),
    placeHeads: norms(PLACE_HEADS),
    adjectival: norms(ADJECTIVAL_ROLES),
    compounds: norms(COMPOUND_PARTS),
    nameEndings: norms(NAME_ENDINGS),
    givenNames: norms([...GIVEN_NAMES, ...Y_NAMES, ...W_NAMES]),
  };
}

export const ROLE_TABLES: CompiledRoles = compileRoles();

/** Index of the last token of the longest role starting at word i, or -1; `construct` as in RoleNode. */
function roleAt(
  i: number,
  body: string,
  tokens: readonly Token[],
  keys: WordKeys,
  roles: CompiledRoles,
  out?: { construct: boolean; single: boolean },
): number {
  const t = tokens[i] as Token;
  let best =
    mayStart(roles.rootStarts, startCode(t.norm, 0)) && mayBeKey(roles.rootKeys, unitsHash(t.norm, 0, t.norm.length))
      ? roleWalk(roles.root.get(t.norm), i, body, tokens, -1, out)
      : -1;
  if (keys.splits(i)) {
    for (const k of keys.at(i)) if (k.skip > 0) best = roleWalk(roles.root.get(k.key), i, body, tokens, best, out);
  }
  return best;
}

/** A rank, title or honorific of the tables starts at word i («دو كور دارمي», «صاحب السمو»). */
export function titleStartsAt(i: number, body: string, tokens: readonly Token[]): boolean {
  return titleAt(i, body, tokens, ROLE_TABLES) >= 0;
}

/** Index of the last token of the longest rank, title or honorific starting at word i, or -1. */
function titleAt(i: number, body: string, tokens: readonly Token[], roles: CompiledRoles): number {
  return roleWalk(roles.titles.get((tokens[i] as Token).norm), i, body, tokens, -1, undefined);
}

function roleWalk(
  start: RoleNode | undefined,
  i: number,
  body: string,
  tokens: readonly Token[],
  best: number,
  out: { construct: boolean; single: boolean } | undefined,
): number {
  let node = start;
  let j = i;
  while (node) {
    if (node.end && j > best) {
      best = j;
      if (out) {
        out.construct = node.construct;
        out.single = node.single;
      }
    }
    const next = tokens[j + 1];
    if (!node.next || !next || lineBreakAfter(body, tokens, j)) break;
    node = node.next.get(next.norm);
    j++;
  }
  return best;
}

/** True when a line break separates token j from token j + 1 (a name never spans lines). */
function lineBreakAfter(body: string, tokens: readonly Token[], j: number): boolean {
  const a = tokens[j];
  const b = tokens[j + 1];
  if (!a || !b) return true;
  for (let p = a.end; p < b.start; p++) if (body.charCodeAt(p) === 10) return true;
  return false;
}

/** Hashtags join a name's words with _ and prefix them with # («دونالد #ترمب», «#الاتحاد_الأوروبي»). */
const HASHTAG = new Set(['#', '_']);

/** The token after j that continues a name: the next one, or the one after hashtag marks; -1 at a line break. */
export function nextWord(body: string, tokens: readonly Token[], j: number): number {
  let k = j;
  while (k + 1 < tokens.length && !lineBreakAfter(body, tokens, k)) {
    const t = tokens[k + 1] as Token;
    if (t.kind === 'punct' && HASHTAG.has(t.text)) {
      k++;
      continue;
    }
    return k + 1;
  }
  return -1;
}

/**
 * Names introduced by a role, outside the gazetteer's matches. `covered[i]` is the index into
 * `hits` of the gazetteer match covering token i, or -1.
 */
export function discoverNames(
  body: string,
  tokens: readonly Token[],
  keys: WordKeys,
  g: Gazetteer,
  covered: Int32Array,
  hits: readonly Covered[],
  roles: CompiledRoles = ROLE_TABLES,
): Discovery {
  const out: DiscoveredName[] = [];
  const extend: Discovery['extend'] = [];
  const n = tokens.length;
  const gap = (j: number) => lineBreakAfter(body, tokens, j);
  const places = new WordPlaces(tokens);
  let i = 0;
  while (i < n) {
    if (covered[i] !== -1 || tokens[i]?.kind !== 'arabic') {
      i++;
      continue;
    }
    const role = { construct: false, single: false };
    const roleEnd = roleAt(i, body, tokens, keys, roles, role);
    if (roleEnd < 0) {
      i++;
      continue;
    }
    if (notATitle(i, body, tokens, keys, g, covered, hits, roles)) {
      i = roleEnd + 1;
      continue;
    }
    // walk over adjectives, modifiers, nested roles and the role's complement («مدير الأمن الخارجي»)
    let j = roleEnd + 1;
    let stop = false;
    for (let steps = 0; steps < MAX_MODIFIERS && j < n && !gap(j - 1); steps++) {
      const h = covered[j] as number;
      if (h !== -1) {
        const hit = hits[h] as Covered;
        if (hit.type === 'person') {
          stop = true;
          break;
        }
        j = hit.last + 1;
        role.construct = false;
        continue;
      }
      const t = tokens[j] as Token;
      if (t.kind !== 'arabic') break;
      const nestedRole = { construct: false, single: false };
      const nested = roleAt(j, body, tokens, keys, roles, nestedRole);
      if (nested >= 0) {
        j = nested + 1;
        role.construct = nestedRole.construct;
        role.single ||= nestedRole.single;
        continue;
      }
      const title = titleAt(j, body, tokens, roles);
      if (title >= 0) {
        j = title + 1;
        role.construct = false;
        continue;
      }
      if (roles.modifiers.has(t.norm) || g.adjectives.has(t.norm) || isDefiniteWord(t.norm, roles)) {
        j++;
        role.construct = false;
        continue;
      }
      break;
    }
    if (stop || role.construct || j >= n || gap(j - 1)) {
      i = roleEnd + 1;
      continue;
    }
    let last = nameEnd(j, body, tokens, keys, g, covered, roles);
    if (last > j) last = confirmedEnd(body, tokens, j, last, role.single ? 1 : 2, roles, places);
    const next = last >= j ? nextWord(body, tokens, last) : -1;
    const after = next >= 0 ? (covered[next] as number) : -1;
    if (after >= 0 && hits[after]?.type === 'person') {
      // «دونالد ترمب» with only «ترمب» in the gazetteer: the first names belong to that person
      extend.push({ hit: after, first: j });
      i = last + 1;
    } else if (last > j || (last === j && role.single && repeated(tokens, j, places))) {
      const words: string[] = [];
      for (let k = j; k >= 0 && k <= last; k = nextWord(body, tokens, k)) words.push((tokens[k] as Token).text);
      out.push({ entity: discoveredEntity(words.join(' ')), first: j, last });
      i = last + 1;
    } else {
      i = roleEnd + 1;
    }
  }
  return { names: out, extend };
}

/** Punctuation that stands between a word and its neighbour without separating them: «"داعش" الإرهابي». */
const QUOTES = new Set(['"', "'", '«', '»', '“', '”', '(', ')']);

/** The word before token i on its line, looking through quotes; -1 after other punctuation or a line break. */
function previousWord(body: string, tokens: readonly Token[], i: number): number {
  for (let k = i - 1; k >= 0; k--) {
    if (lineBreakAfter(body, tokens, k)) return -1;
    const t = tokens[k] as Token;
    if (t.kind !== 'punct') return k;
    if (!QUOTES.has(t.text)) return -1;
  }
  return -1;
}

/** The role starting at token i is, here, part of a name, of a place's name, or an adjective. */
function notATitle(
  i: number,
  body: string,
  tokens: readonly Token[],
  keys: WordKeys,
  g: Gazetteer,
  covered: Int32Array,
  hits: readonly Covered[],
  roles: CompiledRoles,
): boolean {
  const p = previousWord(body, tokens, i);
  if (p < 0) return false;
  const prev = tokens[p] as Token;
  // «تركي آل الشيخ», «عبد الأمير»: the title word belongs to a name
  if (roles.connectors.has(prev.norm)) return true;
  // «جامعة الملك عبدالله», «بمطار الملك خالد»
  if (keys.has(p, roles.placeHeads)) return true;
  if (!roles.adjectival.has((tokens[i] as Token).norm)) return false;
  const h = covered[p] as number;
  if (h >= 0) return hits[h]?.type === 'organization';
  // «الحزب الحاكم», «السبب الرئيس»; not «انتقد الرئيس الأمريكي الرئيس الفنزويلي…», where the noun is the object
  return (
    hasArticle(prev.text) &&
    !g.adjectives.has(prev.norm) &&
    !roles.modifiers.has(prev.norm) &&
    !roles.stopwords.has(prev.norm) &&
    roleAt(p, body, tokens, keys, roles) < 0
  );
}

/**
 * A name's last word is its surname, and news repeats a surname alone. When the last word of a
 * name longer than `min` words is never repeated in the article but the word before it is, alone
 * («جاستن ترودو متأثرا» … «وقال ترودو إن»), the last word is what followed the name: a verb, an
 * object, an adverb. An unrepeated definite last word is a noun or an adjective («أنغيلا ميركل
 * الأزمة», «تيسير الجاسم التسجيل») unless it follows a father's name («عمر حسن البشير») or is a
 * nisba («أحمد عمار الينباعي»); a participle with the article («كريستوفر ميرفي المؤيد») is one,
 * repeated or not.
 * Words after a connector or a compound («عبد الله», «نور الدين») are kept. Returns the last token.
 */
function confirmedEnd(body: string, tokens: readonly Token[], j: number, last: number, min: number, roles: CompiledRoles, places: WordPlaces): number {
  const words: number[] = [];
  for (let k = j; k >= 0 && k <= last; k = nextWord(body, tokens, k)) words.push(k);
  if (words.length <= min) return last;
  const c = tokens[last] as Token;
  const bAt = words[words.length - 2] as number;
  const b = tokens[bAt] as Token;
  const a = words.length >= 3 ? (tokens[words[words.length - 3] as number] as Token) : null;
  // «محمد بن عبد الكريم العيسى», «راشد آل خليفة»: after a connector the words are the name's own
  if (roles.connectors.has(b.norm) || roles.compounds.has(b.norm)) return last;
  if (roles.compounds.has(c.norm) || roles.nameEndings.has(c.norm)) return last;
  if (words.length >= 3 && roles.connectors.has((a as Token).norm)) return last;
  // a title with one name has a surname with the article after it («الشيخ أحمد الطيب»): these rules need three words
  const definiteRules = words.length >= 3 && hasArticle(c.text);
  if (definiteRules && DEFINITE_PARTICIPLE.test(c.norm)) return bAt;
  const cKey = withoutArticle(c.norm);
  const bKey = withoutArticle(b.norm);
  let bAlone = false;
  // the tokens that may be either word (every token in an article with few names)
  const at = places.candidates(cKey.stem, bKey.stem);
  for (let x = 0, end = at ? at.length : tokens.length; x < end; x++) {
    const k = at ? (at[x] as number) : x;
    if (k >= j && k <= last) continue;
    const t = tokens[k] as Token;
    if (t.kind !== 'arabic') continue;
    if (sameWord(t.norm, cKey)) {
      const p = previousWord(body, tokens, k);
      if (p < 0 || (tokens[p] as Token).norm !== b.norm) return last;
    } else if (!bAlone && sameWord(t.norm, bKey)) {
      // alone: after a function word, a verb of the stopword table or punctuation, and before one
      // («وقال ترودو إن»), not inside another name («كيم يو جونغ،»)
      const p = k > 0 && !lineBreakAfter(body, tokens, k - 1) ? (tokens[k - 1] as Token) : undefined;
      const after = tokens[k + 1];
      const opens = !p || p.kind === 'punct' || isFunctionWord(p.norm, roles);
      const closes = !after || after.kind === 'punct' || lineBreakAfter(body, tokens, k) || roles.stopwords.has(after.norm);
      bAlone = opens && closes;
    }
  }
  if (bAlone) return bAt;
  // an unrepeated definite last word stays after a father's name, or as a nisba after an undefined word
  if (definiteRules && !roles.givenNames.has(b.norm) && (hasArticle(b.text) || !c.norm.endsWith('ي'))) return bAt;
  return last;
}

/**
 * A one-word name («الرئيس شيراك») is taken only when the word comes back in the article: said
 * once after a title it is as often a verb or a noun («الرئيس تغيير», «الملكة ملكة»).
 */
function repeated(tokens: readonly Token[], j: number, places: WordPlaces): boolean {
  const key = withoutArticle((tokens[j] as Token).norm);
  const at = places.candidates(key.stem);
  for (let x = 0, end = at ? at.length : tokens.length; x < end; x++) {
    const k = at ? (at[x] as number) : x;
    const t = tokens[k] as Token;
    if (k !== j && t.kind === 'arabic' && sameWord(t.norm, key)) return true;
  }
  return false;
}

/** Look-ups of a document's words before WordPlaces indexes them: an article's few names scan its tokens. */
const SCANS_BEFORE_INDEX = 16;
/**
 * Every run of proclitics cliticSplits takes off a word before its stem: a conjunction, a
 * preposition, the article («وبال»), or ل with the article's lam («للرئيس», «وللرئيس»).
 */
const CLITIC_RUNS: readonly string[] = (() => {
  const runs = new Set<string>();
  for (const conj of ['', 'و', 'ف']) {
    for (const prep of ['', 'ب', 'ك', 'ل']) for (const article of ['', 'ال']) runs.add(conj + prep + article);
    runs.add(`${conj}لل`);
  }
  return [...runs];
})();

/**
 * Where the words of one document stand. The name rules ask where a word comes back in the
 * document once per name; a scan of every token is cheapest for an article, but a long document
 * (a report of 1 MB, thousands of role names) made that tokens × names. Past SCANS_BEFORE_INDEX
 * questions the tokens are indexed by their normalised form once, and a question reads only the
 * tokens written as the word with one of the CLITIC_RUNS before it, in token order: the tokens
 * sameWord may accept, so the same answers as the scan.
 */
export class WordPlaces {
  private asked = 0;
  private index: Map<string, number[]> | null = null;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly scansBeforeIndex = SCANS_BEFORE_INDEX,
  ) {}

  /**
   * The positions, ascending, of the Arabic tokens that may be one of `stems` read without their
   * proclitics (a superset of those sameWord accepts), or null while scanning every token is cheaper.
   */
  candidates(...stems: string[]): readonly number[] | null {
    if (this.index === null) {
      if (++this.asked <= this.scansBeforeIndex) return null;
      this.index = new Map();
      for (let k = 0; k < this.tokens.length; k++) {
        const t = this.tokens[k] as Token;
        if (t.kind !== 'arabic') continue;
        const list = this.index.get(t.norm);
        if (list === undefined) this.index.set(t.norm, [k]);
        else list.push(k);
      }
    }
    const all: number[] = [];
    const forms = new Set<string>();
    for (const stem of stems) for (const run of CLITIC_RUNS) forms.add(run + stem);
    for (const form of forms) for (const k of this.index.get(form) ?? []) all.push(k);
    return all.sort((x, y) => x - y);
  }
}

/** A stopword, or one with the conjunction («وقال»). */
function isFunctionWord(norm: string, roles: CompiledRoles): boolean {
  return roles.stopwords.has(norm) || (/^[وف]../.test(norm) && roles.stopwords.has(norm.slice(1)));
}

/** «المؤيد», «المحافظ», «المصاب»: ال + a participle in م; a nisba surname ends in ي («المالكي»). */
const DEFINITE_PARTICIPLE = /^الم[^اوي].*[^يه]$/;

/** `norm`, read with or without its proclitics, is the word `key` (withoutArticle of a normalised word). */
function sameWord(norm: string, key: { stem: string; definite: boolean }): boolean {
  if (!norm.endsWith(key.stem)) return false;
  for (const s of cliticSplits(norm)) if (s.stem === key.stem && s.definite === key.definite) return true;
  return false;
}

/** The word after token k on its line carries the article. */
function definiteNext(body: string, tokens: readonly Token[], k: number): boolean {
  const n = nextWord(body, tokens, k);
  return n >= 0 && hasArticle((tokens[n] as Token).text);
}

function isDefiniteWord(norm: string, roles: CompiledRoles): boolean {
  return norm.startsWith('ال') && norm.length > 3 && !roles.stopwords.has(norm);
}

/** Last token of a name starting at j, or j - 1 when no name starts there. */
function nameEnd(j: number, body: string, tokens: readonly Token[], keys: WordKeys, g: Gazetteer, covered: Int32Array, roles: CompiledRoles): number {
  let last = j - 1;
  let words = 0;
  let limit = MAX_NAME_WORDS;
  let prev = -1;
  for (let k = j; k >= 0 && words < limit; prev = k, k = nextWord(body, tokens, k)) {
    if (covered[k] !== -1) break;
    const t = tokens[k] as Token;
    if (t.kind !== 'arabic' || t.norm.length < 2 || DIGIT.test(t.text)) break;
    // a connector joins the words of a name; «أبو» and «عبد» may also start one («أبو بكر», «عبد القادر»)
    if (roles.stopwords.has(t.norm) && !(roles.connectors.has(t.norm) && (k > j || roles.nameStarts.has(t.norm)))) break;
    if (notAName(t)) break;
    // a name of the tables («وليد», «يحيى», «بندر») is spared the shape rules
    const known = roles.givenNames.has(t.norm) || roles.shapeExceptions.has(t.norm);
    const afterConnector = prev >= 0 && roles.connectors.has((tokens[prev] as Token).norm);
    if (!known && shapedLikeAWord(t, k === j, afterConnector)) break;
    if (g.adjectives.has(t.norm) || roles.modifiers.has(t.norm)) break;
    // a title inside the name starts another phrase («سلطان بن سحيم أمير قطر»)
    if (roleAt(k, body, tokens, keys, roles) >= 0 || titleAt(k, body, tokens, roles) >= 0) break;
    const article = hasArticle(t.text);
    // «لخطة», «بأنه», «باستمرار»: a preposition on a noun goes on after the name; a Maghrebi
    // surname in بو is not one unless a genitive follows («ناصر بوريطة» but «مسؤول بوزارة الخارجية»)
    if (!known && prepositionalNoun(t.norm) && !(k > j && t.norm.startsWith('بو') && !definiteNext(body, tokens, k))) break;
    // «وعضو», «بهذا»: a proclitic on a role or a function word
    if (keys.at(k).some((x) => x.skip > 0 && (roles.stopwords.has(x.key) || roles.root.has(x.key)))) break;
    if (k === j) {
      // a first name carries no article, and no preposition + article («للمجلس», «بالرئاسة»)
      if (article) break;
      // «بحماس»: a preposition on a word the gazetteer knows (and context turned down)
      if (keys.at(k).some((x) => x.skip > 0 && g.root.get(x.key)?.hit)) break;
      if (t.norm.startsWith('ي') && !roles.yNames.has(t.norm)) break;
      // «ويقيم», «وتقاضت»: a conjunction on a verb; «وأضعف»: on a word with hamza, which no name starts with
      if (/^[وف][يت]/.test(t.norm) && !roles.yNames.has(t.norm.slice(1))) break;
      if (/^[وف][أإآ]/.test(t.text)) break;
      // «ومجموعة», «ودوري», «واحتفظت»: a conjunction before a name joins two phrases, not role and name
      if (t.norm.startsWith('و') && !roles.wNames.has(t.norm)) break;
      if (PLURAL_PARTICIPLE.test(t.norm)) break;
    } else {
      // «بالعاصمة», «للعلوم», «الاقتصادية», «الديمقراطيين»: a phrase or an adjective goes on after the name
      if (article && (!t.norm.startsWith('ال') || /(?:يه|يين|يون)$/.test(t.norm))) break;
      // «وخصمه», «وفدا»: a conjunction starts the next phrase; «سيلغي»: a future verb; «نجحوا»: a plural verb
      if (/^[وف]/.test(t.norm) || FUTURE_VERB.test(t.norm) || /..وا$/.test(t.norm)) break;
      // «يريد», «يتحمل»: an imperfect verb; surnames in ي have a vowel, ل, س, ف or ز next («يونغ», «يلتسين»)
      if (/^ي[^اويلسفز]/.test(t.norm) && !roles.yNames.has(t.norm)) break;
      // «نائبا»: a role in the accusative
      if (t.norm.endsWith('ا') && (roles.root.has(t.norm.slice(0, -1)) || roles.stopwords.has(t.norm.slice(0, -1)))) break;
    }
    if (roles.connectors.has(t.norm)) {
      limit++;
      words++;
      continue;
    }
    words++;
    last = k;
  }
  // a name never ends on a connector: «محمد بن» stops at «محمد»
  while (last >= j && roles.connectors.has((tokens[last] as Token).norm)) last--;
  if (last === j && ACCUSATIVE_PARTICIPLE.test((tokens[j] as Token).norm)) return j - 1;
  if (last > j && feminineNounPhrase(body, tokens, j, last)) return j - 1;
  return last;
}

const DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

/** Where in a name a word shape refuses a word: its first word, the words after it, or any. */
type Where = 'first' | 'later' | 'any';

interface WordShape {
  /** Tested on the normalised word, or on the written one where hamza or its absence matters. */
  re: RegExp;
  on: 'norm' | 'text';
  where: Where;
  /** The shape is a name's own after «بن», «أبو», «عبد» («أبو شقرا»). */
  namesAfterConnector?: boolean;
}

/**
 * Shapes of verbs, verbal nouns, adverbs and prepositions on a noun, which names do not have. Each
 * is narrowed to spare the names that come closest (in the comment); SHAPE_EXCEPTIONS has the rest.
 */
const WORD_SHAPES: readonly WordShape[] = [
  // «استخدم», «واستقالة»: the است of form X, written without hamza («أستوري», «إستير» keep theirs)
  { re: /^[وف]?است/, on: 'text', where: 'any' },
  // «اخترق», «انتقادات», «اعتقد», «اضطر»: form VIII, written without hamza («ابتسام» is an exception)
  { re: /^[وف]?ا(?:[^اويل]ت|[صض]ط)/, on: 'text', where: 'any' },
  // «تراجعت», «تناولت», «تحذيرات»: a feminine past or plural of a form in ت («تامالت», «تشارلوت»)
  { re: /^ت[^اويش]..+ت$/, on: 'norm', where: 'any' },
  // «تحطم», «تركز», «تضم»: a form in ت, or its imperfect, without a vowel letter
  { re: /^ت[^اويش][^اوي][^اويه]?$/, on: 'norm', where: 'any' },
  // «تتحول», «تعتبر», «تأتي», «تكليف»: an imperfect or a verbal noun in ت («تميم», «تركي», «تسيبراس», «تود»)
  { re: /^ت[تعأإنطدكحصغبخجقضظذثه]/, on: 'norm', where: 'first' },
  // the same after the first name, where more surnames need sparing («تجاني», «تدمري», «تقية»)
  { re: /^ت[تعأإنطصغخضظذثه]/, on: 'norm', where: 'later' },
  // «بسبب», «بشكل», «بهدف», «ببطء»: ب on a noun of three consonants («بندر» is an exception)
  { re: /^[وف]?ب[^اوي][^اوي][^اويه]$/, on: 'norm', where: 'any' },
  // «بعدها», «مطالبهم», «أبرزهم»: a pronoun suffix («مها»)
  { re: /^..+(?:ها|هم)$/, on: 'norm', where: 'any' },
  // «متأثرا», «مساعدا», «مستشارا»: a circumstantial participle («ملالا», «مهاتما»)
  { re: /^م(?:[^اوي]{2,}|(?:ت|ست|ن)..+|[^اوي]ا[^اوي]{2})ا$/, on: 'norm', where: 'any' },
  // «متخصصة», «مستعدة»: a feminine participle
  { re: /^م(?:ت|ست)..+ه$/, on: 'norm', where: 'first' },
  // «نهائيا», «سينمائيا»: an adverb from a nisba
  { re: /ائيا$/, on: 'norm', where: 'any' },
  // «تحقيقا», «تبادلا», «تدخلا»: تفعيل, تفاعل, تفعّل in the accusative («تشبيغا»: تش is a foreign «ch»)
  { re: /^ت(?:[^اويش][^اوي]ي[^اوي]|[^اويش]ا[^اوي]{2}|[^اويش][^اوي]{2})ا$/, on: 'norm', where: 'any', namesAfterConnector: true },
  // «هجوما», «رسوما»: فعول in the accusative («نزار علولا»); فعيل, فعال would take «تريزا», «كلارا»
  { re: /^[^اوي]{2}و[^اوي]ا$/, on: 'norm', where: 'first' },
  // «هدفا», «علما», «حظرا»: a noun of three consonants in the accusative («سلفا كير», «أبو شقرا»)
  { re: /^[^اوي]{3}ا$/, on: 'norm', where: 'later', namesAfterConnector: true },
  // «دخلوا», «قرروا»: a plural verb («جوشوا», «فرنسوا»)
  { re: /^[^اوي]{3}وا$/, on: 'norm', where: 'any' },
  // «سيقول», «ستضطر», «فستكون», «سيبقى»: a future verb («سيرجيو», «ستيفن», «سيمون», «سيغمار», «سيباستيان»)
  { re: /^[وف]?س[يتن](?:[تقخعحضكشطصظءذ]|[بجسز][^اويه])/, on: 'norm', where: 'first' },
  // «سأفعل»: a future verb in the first person
  { re: /^[وف]?سأ/, on: 'text', where: 'any' },
];

export function shapedLikeAWord(t: Token, first: boolean, afterConnector: boolean): boolean {
  for (const s of WORD_SHAPES) {
    if (s.where === (first ? 'later' : 'first')) continue;
    if (afterConnector && s.namesAfterConnector) continue;
    if (s.re.test(s.on === 'norm' ? t.norm : t.text)) return true;
  }
  return false;
}

/** Case endings (tanwin) and possessive suffixes («جولته», «قلقه», «بلادها») never end a name. */
export function notAName(t: Token): boolean {
  let last = '';
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text.charCodeAt(i);
    if (c >= 0x064b && c <= 0x064d) return true;
    if (!isRemovable(c)) last = t.text[i] as string;
  }
  // a written ه (not ة) ends a pronoun suffix; «طه» and «الله» are names
  if (last === 'ه' && t.norm.length >= 4 && !t.norm.endsWith('الله')) return true;
  return POSSESSIVE.test(t.norm);
}

/** «جولة جديدة»: every word ending in ta marbuta is a noun and its adjective, not a name. */
function feminineNounPhrase(body: string, tokens: readonly Token[], j: number, last: number): boolean {
  for (let k = j; k >= 0 && k <= last; k = nextWord(body, tokens, k)) {
    const text = (tokens[k] as Token).text;
    let end = text.length - 1;
    while (end > 0 && isRemovable(text.charCodeAt(end))) end--;
    if (text[end] !== 'ة') return false;
  }
  return true;
}

/** «سيعود», «ستكون», «سنعمل». */
const FUTURE_VERB = /^س[يتن]..+/;
/** «مهرولا», «مؤكدا»: a circumstantial participle. */
const ACCUSATIVE_PARTICIPLE = /^م..+ا$/;
/** «متفقون», «مستعدين», «منقسمون»: a predicate, not a first name. */
const PLURAL_PARTICIPLE = /^(?:مت|مست|من|مؤ)..+(?:ون|ين)$/;
const POSSESSIVE = /(?:ته|تها|تهم|تهما|اته|اتها|هما|كم)$/;

/**
 * «لشركة», «لكرة», «بملف», «لإنهاء», «بتطبيق»: ل or ب on a noun or a verbal noun, the role's
 * complement rather than a name («بشار», «لويس», «بوريس» keep theirs as letters of the name).
 */
export function prepositionalNoun(norm: string): boolean {
  const m = PREPOSITION.exec(norm);
  if (!m) return false;
  const stem = norm.slice(m[0].length);
  if (stem.length < 2) return false;
  if (norm.endsWith('ه') || /^[ماتي]/.test(stem)) return true;
  // names after ل are mostly foreign and start with a long vowel («لويس», «ليلى»); «لحقوق», «لرصد» do not
  return m[0].endsWith('ل') && !/^[وي]/.test(stem);
}
const PREPOSITION = /^[وف]?[لب]/;

/** «الرئاسة», «بالرئاسة», «للمجلس»: the article is written with a bare alef («إلياس» has none). */
export function hasArticle(written: string): boolean {
  let s = '';
  for (let i = 0; i < written.length && s.length < 6; i++) if (!isRemovable(written.charCodeAt(i))) s += written[i];
  return ARTICLE.test(s);
}
const ARTICLE = /^(?:[وف]?[بكل]?ال|[وف]?لل)/;

/** The entity of a name as written (its words joined by spaces: hashtag marks are not part of it). */
export function discoveredEntity(written: string, type: DiscoveredEntity['type'] = 'person'): DiscoveredEntity {
  // the same names come back article after article: the SHA-1 of each is taken once per thread
  const memoKey = `${type}\u0000${written}`;
  let e = DISCOVERED.get(memoKey);
  if (e === undefined) {
    const display = displayName(written);
    const key = normalizeText(display);
    const hash = createHash('sha1')
      .update(type === 'person' ? key : `${type}:${key}`)
      .digest('hex')
      .slice(0, 12);
    e = { entity_id: `discovered:${hash}`, type, name_ar: display, name_en: null, origin: 'discovered' };
    if (DISCOVERED.size >= DISCOVERED_MAX) DISCOVERED.clear();
    DISCOVERED.set(memoKey, e);
  }
  return { ...e };
}

/** discoveredEntity's answers by type and name as written (cleared when full: a bound on a worker's memory). */
const DISCOVERED = new Map<string, DiscoveredEntity>();
const DISCOVERED_MAX = 100_000;

/** A name as written, without diacritics or tatweel, its words joined by one space. */
export function displayName(written: string): string {
  let display = '';
  for (let i = 0; i < written.length; i++) if (!isRemovable(written.charCodeAt(i))) display += written[i];
  return display.replace(/\s+/g, ' ').trim();
}
