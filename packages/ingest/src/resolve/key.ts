/**
 * The spelling key of a name: two spellings with one key are taken for one name. Foreign names
 * reach Arabic through several transliterations («أنغيلا ميركل» / «انجيلا ميركل», «بلينكن» /
 * «بلينكين», «كيم جونغ أون» / «كيم يونج أون»), so for them the key forgets what transliteration
 * varies: the letter chosen for a sound Arabic lacks (g: ج غ ق ك گ; t: ت ط ث; s: س ص; d: د ض;
 * z: ذ ز ظ), long vowels inside a word, hamza seats, doubled letters.
 *
 * Arabic given names are spelt one way, and there the same differences are different names
 * (محمد / محمود, حسن / حسين, سعد / سعيد, جمال / كمال, هشام / هاشم): a word that is, or carries
 * the article on, one of NATIVE_NAMES keeps its folded spelling. Spacing is forgotten in compounds
 * («عبد الله» / «عبدالله», «أبو بكر» / «أبوبكر», «نور الدين» / «نورالدين»), and «ابن» is «بن».
 * Pure; works on any written form (diacritics, tatweel, hamza seats, ى and ة are folded first).
 */
import { fold } from '@mirsad/model/arabic';

/** Arabic given names (and the few family names built on them) that transliteration never varies. */
const NATIVE_NAMES = [
  'محمد',
  'محمود',
  'أحمد',
  'حامد',
  'حمد',
  'حميد',
  'حمدي',
  'حمدان',
  'حمود',
  'حمودة',
  'محمدي',
  'أحمدي',
  'حسن',
  'حسين',
  'حسان',
  'حسني',
  'حسنين',
  'محسن',
  'إحسان',
  'تحسين',
  'حسام',
  'حسيب',
  'حاسب',
  'سعد',
  'سعيد',
  'سعود',
  'سعدي',
  'مسعود',
  'أسعد',
  'سعدون',
  'سعاد',
  'سعدية',
  'سالم',
  'سليم',
  'سلمى',
  'سلمان',
  'سليمان',
  'سلامة',
  'مسلم',
  'أسلم',
  'إسلام',
  'سلام',
  'سلطان',
  'جمال',
  'كمال',
  'جميل',
  'جميلة',
  'كامل',
  'كاملة',
  'أكمل',
  'جمل',
  'هشام',
  'هاشم',
  'هاشمي',
  'هشم',
  'علي',
  'عالي',
  'علا',
  'علاء',
  'عليا',
  'علية',
  'عليان',
  'علوان',
  'علوي',
  'عالية',
  'أعلى',
  'عمر',
  'عمار',
  'عامر',
  'عمرو',
  'عمران',
  'عميرة',
  'معمر',
  'كريم',
  'كرم',
  'أكرم',
  'كريمة',
  'مكرم',
  'كرامة',
  'ناصر',
  'نصر',
  'نصير',
  'منصور',
  'نصار',
  'ناصيف',
  'نصري',
  'انتصار',
  'خالد',
  'خلود',
  'خليل',
  'خليفة',
  'خلف',
  'مخلوف',
  'فهد',
  'فهمي',
  'فيصل',
  'فاضل',
  'فضل',
  'فضيل',
  'فاطمة',
  'فاطم',
  'فطيم',
  'صالح',
  'صلاح',
  'مصلح',
  'صالحة',
  'صلح',
  'طارق',
  'طريق',
  'طاهر',
  'طه',
  'طلال',
  'طلعت',
  'طالب',
  'طلب',
  'عادل',
  'عدلي',
  'عدل',
  'عدنان',
  'عديل',
  'ماجد',
  'مجيد',
  'مجدي',
  'أمجد',
  'ماجدة',
  'مجد',
  'راشد',
  'رشيد',
  'رشاد',
  'رشدي',
  'مرشد',
  'منير',
  'نور',
  'نوري',
  'أنور',
  'منار',
  'نورة',
  'نوار',
  'ياسر',
  'يسري',
  'ياسين',
  'يسرى',
  'يسار',
  'مراد',
  'مريد',
  'رائد',
  'رعد',
  'رياض',
  'رضا',
  'رضوان',
  'راضي',
  'مرتضى',
  'زايد',
  'زيد',
  'يزيد',
  'زياد',
  'زيدان',
  'مزيد',
  'عباس',
  'عبيد',
  'عابد',
  'عبد',
  'عبدة',
  'عبده',
  'قاسم',
  'جاسم',
  'قسيم',
  'قيس',
  'قصي',
  'مختار',
  'خيار',
  'خير',
  'خيري',
  'خيرية',
  'نبيل',
  'نبيلة',
  'نبيه',
  'نبهان',
  'نايف',
  'نواف',
  'نوفل',
  'منيف',
  'بدر',
  'بدري',
  'بدران',
  'بدرية',
  'جابر',
  'جبر',
  'جبران',
  'جبريل',
  'جبار',
  'موسى',
  'عيسى',
  'يحيى',
  'يوسف',
  'يونس',
  'يعقوب',
  'إبراهيم',
  'إسماعيل',
  'إسحاق',
  'داود',
  'هارون',
  'أيوب',
  'حمزة',
  'حازم',
  'حاتم',
  'حكيم',
  'حاكم',
  'حليم',
  'حلمي',
  'حبيب',
  'حبيبة',
  'حياة',
  'حيدر',
  'رجب',
  'شعبان',
  'رمضان',
  'رجاء',
  'شريف',
  'شرف',
  'أشرف',
  'مشرف',
  'توفيق',
  'وفيق',
  'وفاء',
  'لطفي',
  'لطيف',
  'لطيفة',
  'زكي',
  'زكريا',
  'زكية',
  'فتحي',
  'فتاح',
  'مفتاح',
  'فاتح',
  'فتح',
  'فاروق',
  'فارس',
  'فراس',
  'فريد',
  'فريدة',
  'وليد',
  'والد',
  'ولد',
  'مولود',
  'هادي',
  'مهدي',
  'هدى',
  'هداية',
  'مهند',
  'هند',
  'عثمان',
  'عفان',
  'عوض',
  'عطية',
  'عطا',
  'عطاء',
  'مصطفى',
  'مرزوق',
  'رزق',
  'رزاق',
  'مبارك',
  'بركات',
  'بركة',
  'جعفر',
  'كاظم',
  'كاظمي',
  'منذر',
  'ماهر',
  'مهر',
  'ماهرة',
  'شادي',
  'شاهد',
  'شهيد',
  'شهاب',
  'مشهور',
  'مشعل',
  'شعلان',
  'تركي',
  'نزار',
  'نزيه',
  'نذير',
  'بشير',
  'بشار',
  'بشرى',
  'مبشر',
  'أمين',
  'أمينة',
  'أيمن',
  'يمنى',
  'إيمان',
  'مأمون',
  'مؤمن',
  'أمان',
  'آمنة',
  'عزيز',
  'عزة',
  'عز',
  'معز',
  'عزت',
  'رامي',
  'رام',
  'ريم',
  'مريم',
  'رامز',
  'رمزي',
  'سامي',
  'سامر',
  'سمير',
  'سمر',
  'سمراء',
  'أسامة',
  'سامية',
  'سمية',
  'عصام',
  'عاصم',
  'معتصم',
  'عاصي',
  'نادر',
  'نادية',
  'ندى',
  'نديم',
  'منادي',
  'وائل',
  'وديع',
  'وحيد',
  'وسام',
  'وسيم',
  'وجدي',
  'وجيه',
  'إياد',
  'أياد',
  'عياد',
  'زهير',
  'زهرة',
  'زهراء',
  'أزهر',
  'مظهر',
  'ظاهر',
  'مظفر',
  'ظافر',
  'غازي',
  'غسان',
  'غالب',
  'غانم',
  'غنيم',
  'قانع',
  'قانون',
  'هيثم',
  'هيام',
  'هالة',
  'هاني',
  'هناء',
  'تهاني',
  'نجيب',
  'نجيبة',
  'نجلاء',
  'نجم',
  'نجاة',
  'نعيم',
  'نعمان',
  'نعمة',
  'نوال',
  'نهى',
  'نهاد',
  'نضال',
  'صادق',
  'صديق',
  'صدقي',
  'صبري',
  'صابر',
  'صبحي',
  'صفاء',
  'صفوت',
  'صفية',
  'صقر',
  'شوقي',
  'شكري',
  'شاكر',
  'شفيق',
  'شفيقة',
  'شمس',
  'شيماء',
  'شهد',
  'إدريس',
  'إلياس',
  'إيهاب',
  'إياس',
  'جلال',
  'جليل',
  'جواد',
  'جودة',
  'جاد',
  'جهاد',
  'جمعة',
  'خميس',
  'سبت',
  'عيد',
  'عائشة',
  'عبير',
  'عفاف',
  'رفيق',
  'رفعت',
  'رؤوف',
  'رحمة',
  'رحيم',
  'رحمن',
  'رباب',
  'ربيع',
  'رزان',
  'رنا',
  'روضة',
  'رياض',
  'مصباح',
  'مفيد',
  'منى',
  'مها',
  'مي',
  'ميادة',
  'مروان',
  'مروة',
  'مريم',
  'معاذ',
  'معين',
  'مأمون',
  'ليلى',
  'لينا',
  'لبنى',
  'لمياء',
  'لؤي',
  'لقمان',
  'كوثر',
  'كريمة',
  'قدري',
  'قاسمي',
  'فوزي',
  'فوزية',
  'فايز',
  'فائز',
  'فؤاد',
  'فرج',
  'فرحات',
  'فتيحة',
  'غادة',
  'غدير',
  'عمرو',
  'عوني',
  'عون',
  'عنان',
  'عاطف',
  'عفيف',
  'عروة',
  'ظريف',
  'زينب',
  'زين',
  'زهير',
  'زاهر',
  'زاهي',
  'دعاء',
  'ديما',
  'دلال',
  'خديجة',
  'خضر',
  'حياة',
  'حنان',
  'حلا',
  'حسنة',
  'حسناء',
  'تامر',
  'تميم',
  'بهاء',
  'بلال',
  'باسل',
  'باسم',
  'بسام',
  'بسمة',
  'أسماء',
  'أمل',
  'أنيس',
  'أنيسة',
  'آمال',
  'إبتسام',
  'هاجر',
  'همام',
  'هيفاء',
  'وداد',
  'يسرا',
  'يمينة',
  'الحسن',
  'الحسين',
  'الطاهر',
  'الهادي',
  'المهدي',
  'الأمين',
];

/** Words that join the next word into one compound: «عبد الله», «أبو بكر». */
const JOIN_NEXT = new Set(['عبد', 'ابو', 'ابي'].map(fold));
/** Words that join the previous word into one compound: «نور الدين», «سيف الإسلام». */
const JOIN_PREVIOUS = new Set(['الدين', 'الله', 'الإسلام', 'الرحمن', 'الحق', 'العابدين', 'الزهراء', 'الهدى', 'الخير', 'الرحيم'].map(fold));
/** Spellings of one connector. */
const SAME_WORD = new Map([['ابن', 'بن']]);

const NATIVE = new Set(NATIVE_NAMES.map(fold));

/** Letters transliteration uses for one sound, mapped to one of them. */
const LETTER_CLASS = new Map<string, string>([
  ['ج', 'ك'],
  ['غ', 'ك'],
  ['ق', 'ك'],
  ['ك', 'ك'], // g (گ and ڨ are folded to ك and ق already)
  ['ط', 'ت'],
  ['ث', 'ت'],
  ['ص', 'س'],
  ['ض', 'د'],
  ['ذ', 'ز'],
  ['ظ', 'ز'],
]);
/** Hamza seats: the seat's letter, or nothing. */
const HAMZA = /[ؤئء]/g;
const SEAT: Record<string, string> = { ؤ: 'و', ئ: 'ي', ء: '' };
const LONG_VOWELS = new Set(['ا', 'و', 'ي']);

/** The letter that stands for `ch`'s sound in keys (ج غ ق ك → ك, ط ث → ت, …), or `ch` itself. */
export function soundClass(ch: string): string {
  return LETTER_CLASS.get(ch) ?? ch;
}

/** True for a word (folded, article allowed) that is an Arabic given name, compared as spelt. */
export function isNativeName(folded: string): boolean {
  if (NATIVE.has(folded) || (folded.startsWith('ال') && NATIVE.has(folded.slice(2)))) return true;
  // compounds are Arabic: «عبد الله» is not «عبيد الله»
  for (const head of JOIN_NEXT) if (folded.startsWith(head) && folded.length > head.length + 1) return true;
  for (const tail of JOIN_PREVIOUS) if (folded.endsWith(tail) && folded.length > tail.length + 1) return true;
  return false;
}

/**
 * The key of one folded word. Native names: the word itself. Others: letters of one sound merged,
 * hamza seats dropped, a letter written twice in a row written once, long vowels dropped inside
 * the word (the first letter and the last stay: «ميلي» is not «ميل»). Arabic family names with
 * the article keep their spelling: vowels and letters tell them apart («الحمادي» / «الحامدي»,
 * «الصبيح» / «الصباح», «الملقي» / «الملكي»). Short words keep their vowels, too little would be
 * left to compare («غل» / «قلال», «عون» / «عنان»).
 */
export function wordKey(folded: string, hamzaAlef = false): string {
  if (isNativeName(folded) || (folded.startsWith('ال') && !hamzaAlef)) return `=${folded}`;
  const loose = skeleton(folded, true);
  if (loose.length < MIN_LOOSE) return skeleton(folded, false);
  return loose;
}

/** Shortest key that may drop long vowels. */
const MIN_LOOSE = 3;

function skeleton(written: string, dropVowels: boolean): string {
  const folded = written.replace(HAMZA, (h) => SEAT[h] ?? '');
  let out = '';
  let prev = '';
  const n = folded.length;
  for (let i = 0; i < n; i++) {
    const ch = folded[i] as string;
    if (dropVowels && i > 0 && i < n - 1 && LONG_VOWELS.has(ch)) continue;
    if (ch === prev) continue;
    prev = ch;
    out += LETTER_CLASS.get(ch) ?? ch;
  }
  return out;
}

const WORD_SEPARATORS = /[^\p{L}\p{M}\p{N}]+/u;
/** «ألكسندر», «إلياس» as written: a hamza on the alef before the ل, which no article carries. */
const HAMZA_ALEF_LAM = /^[\u0623\u0625][\u064B-\u065F\u0640]*\u0644/;

/**
 * The folded words of a name with compounds written as one word and connectors spelt one way, and
 * for each whether it was written with a hamza on its first alef before a ل («ألكسندر»), where the
 * fold makes a word that looks like one with the article («الكسندر»).
 */
export function nameWordsAsWritten(name: string): { words: string[]; hamzaAlef: boolean[] } {
  const raw = fold(name)
    .split(WORD_SEPARATORS)
    .filter((w) => w.length > 0)
    .map((w) => SAME_WORD.get(w) ?? w);
  const written = name.split(WORD_SEPARATORS).filter((w) => w.length > 0);
  // (the fold drops no word in names as written; where it did, nothing is known of the hamzas)
  const hamzas = written.length === raw.length ? written.map((w) => HAMZA_ALEF_LAM.test(w)) : raw.map(() => false);
  const words: string[] = [];
  const hamzaAlef: boolean[] = [];
  for (let i = 0; i < raw.length; i++) {
    let w = raw[i] as string;
    const hamza = hamzas[i] as boolean;
    while (JOIN_NEXT.has(w) && i + 1 < raw.length) w += raw[++i] as string;
    if (JOIN_PREVIOUS.has(w) && words.length > 0) words[words.length - 1] += w;
    else {
      words.push(w);
      hamzaAlef.push(hamza);
    }
  }
  return { words, hamzaAlef };
}

/** The folded words of a name with compounds written as one word and connectors spelt one way. */
export function nameWords(name: string): string[] {
  return nameWordsAsWritten(name).words;
}

/**
 * The key of each word of a name: a word written with «أل»/«إل» is no word with the article, and is
 * keyed as foreign names are («ألكسندر», «أليكساندر», «ألكساندر» one key), whatever the fold makes of it.
 */
export function nameKeys(name: string): string[] {
  const { words, hamzaAlef } = nameWordsAsWritten(name);
  return words.map((w, i) => wordKey(w, hamzaAlef[i]));
}

/** The spelling key of a whole name: its word keys, space-separated. */
export function spellingKey(name: string): string {
  return nameKeys(name).join(' ');
}

/** Levenshtein distance of at most one between two word keys (one letter substituted, added or dropped). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
