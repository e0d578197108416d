/**
 * Persons the gazetteer does not know, found where news introduces a person: after a role
 * («الرئيس», «وزير الدفاع الأمريكي», «نظيره التونسي», «الفريق», «كتب :»). The role tables are a
 * code table here rather than config: they describe Arabic news prose, not the study, and the
 * gazetteer compiles from entities alone. A role followed by a gazetteer person yields nothing
 * new; the gazetteer match already stands.
 */
import { createHash } from 'node:crypto';
import { isRemovable, normalizeText } from '../text/normalize.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Token } from '../types.ts';
import { lookupEndings, type Gazetteer, type WordKeys } from './gazetteer.ts';

export interface DiscoveredEntity {
  /** 'discovered:' + a hash of the normalised name: the same name gives the same id in every run. */
  entity_id: string;
  type: 'person';
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
  'الرئيس', 'الرئيسة', 'رئيس', 'رئيسة', 'رئيس الوزراء', 'رئيس الحكومة', 'رئيسة الحكومة', 'رئيس أركان',
  'نائب الرئيس', 'نائب رئيس', 'الوزير', 'الوزيرة', 'وزير', 'وزيرة', 'الوزير الأول', 'وزير الدولة',
  'نظيره', 'نظيرته', 'نظيرها', 'نظيرهم', 'الملك', 'الملكة', 'العاهل', 'الأمير', 'الأميرة', 'ولي العهد',
  'الشيخ', 'أمير', 'السلطان', 'المستشار', 'المستشارة', 'النائب', 'النائبة', 'السيناتور', 'الحاكم', 'الوالي',
  'الأمين العام', 'الأمين العام المساعد', 'المبعوث', 'المبعوثة', 'المبعوث الخاص', 'المبعوث الشخصي',
  'المفوض', 'المندوب', 'الممثل', 'الممثلة', 'القنصل', 'السفير', 'السفيرة', 'سفير', 'سفيرة',
  // military ranks
  'الفريق', 'الفريق أول', 'اللواء', 'العميد', 'العقيد', 'المقدم', 'الرائد', 'النقيب', 'الجنرال',
  'المشير', 'الأدميرال', 'الأميرال', 'قائد', 'القائد',
  // spokespeople, officials, experts
  'المتحدث باسم', 'المتحدثة باسم', 'الناطق باسم', 'الناطقة باسم', 'المتحدث الرسمي باسم', 'مدير', 'مديرة',
  'المدير', 'المديرة', 'المدير العام', 'رئيس مكتب', 'المحلل', 'المحللة', 'الباحث', 'الباحثة', 'الخبير',
  'الخبيرة', 'الأستاذ', 'الأستاذة', 'البروفيسور', 'الدكتور', 'الدكتورة', 'د.', 'المحامي', 'المحامية',
  'الناشط', 'الناشطة', 'الصحفي', 'الصحفية', 'الصحافي', 'الصحافية', 'الكاتب', 'الكاتبة', 'المراسل',
  'المراسلة', 'زعيم', 'الزعيم', 'الإرهابي', 'المدعو', 'المدعوة', 'السيد', 'السيدة', 'عضو', 'العضو',
  // bylines
  'كتب :', 'كتبت :', 'بقلم', 'بقلم :', 'إعداد :', 'تحرير :',
];

/**
 * Titles used with a single name («الرئيس تبون», «الملك سلمان»). After any other role a name has
 * at least two words: «الفريق» is also "the team", «الخبير» also "the expert (on)…".
 */
const SINGLE_NAME_ROLES = [
  'الرئيس', 'الرئيسة', 'الملك', 'الملكة', 'العاهل', 'الأمير', 'الأميرة', 'الشيخ', 'السلطان', 'الجنرال',
  'المشير', 'الأدميرال', 'الأميرال', 'السيد', 'السيدة', 'المستشارة', 'الإمام', 'البابا',
];

/** Words that may stand between a role and the name: «الرئيس السابق», «وزير الدفاع الأسبق». */
const MODIFIERS = [
  'السابق', 'السابقة', 'الأسبق', 'الأسبقة', 'الجديد', 'الجديدة', 'الحالي', 'الحالية', 'المؤقت',
  'المؤقتة', 'الراحل', 'الراحلة', 'المخلوع', 'المنتخب', 'المنتهية', 'ولايته', 'الأعلى', 'الأول',
  'الأولى', 'العام', 'العامة', 'المساعد', 'المساعدة', 'المكلف', 'المكلفة', 'الخاص', 'الخاصة',
  'الشخصي', 'الرسمي', 'الرسمية', 'المنتدب', 'المنتدبة', 'الركن', 'أول', 'ركن', 'العسكري', 'العسكرية',
];

/** Words that end a name or rule one out: function words, frequent verbs, time words. */
const STOPWORDS = [
  'في', 'من', 'إلى', 'الى', 'على', 'عن', 'مع', 'أن', 'إن', 'أنه', 'إنه', 'أنها', 'إنها', 'كان', 'كانت',
  'قد', 'لقد', 'لم', 'لن', 'لا', 'ما', 'ماذا', 'هذا', 'هذه', 'ذلك', 'تلك', 'هو', 'هي', 'هم', 'التي', 'الذي',
  'الذين', 'اللذين', 'حيث', 'بعد', 'قبل', 'خلال', 'أمس', 'اليوم', 'غدا', 'يوم', 'أيضا', 'كما', 'ثم', 'أو', 'أم',
  'بل', 'لكن', 'حتى', 'منذ', 'عند', 'عندما', 'بين', 'وسط', 'لدى', 'إثر', 'عقب', 'ضد', 'نحو', 'حول', 'دون',
  'غير', 'كل', 'بعض', 'جميع', 'عدة', 'عدد', 'أكثر', 'أول', 'آخر', 'نفسه', 'ذاته', 'شخصيا', 'بنفسه',
  'قال', 'قالت', 'يقول', 'تقول', 'أكد', 'أكدت', 'يؤكد', 'تؤكد', 'أعلن', 'أعلنت', 'يعلن', 'تعلن', 'أضاف',
  'أضافت', 'أوضح', 'أوضحت', 'أشار', 'أشارت', 'اعتبر', 'اعتبرت', 'صرح', 'صرحت', 'شدد', 'شددت', 'دعا',
  'دعت', 'زار', 'زارت', 'يزور', 'تزور', 'وصل', 'وصلت', 'يصل', 'تصل', 'التقى', 'التقت', 'يلتقي', 'تلتقي',
  'استقبل', 'استقبلت', 'يستقبل', 'تستقبل', 'بحث', 'بحثت', 'يبحث', 'تبحث', 'أجرى', 'أجرت', 'يجري', 'تجري',
  'ناقش', 'ناقشت', 'يناقش', 'تناقش', 'أعرب', 'أعربت', 'يعرب', 'تعرب', 'وقع', 'وقعت', 'يوقع', 'توقع',
  'غادر', 'غادرت', 'يغادر', 'تغادر', 'توجه', 'توجهت', 'يتوجه', 'تتوجه', 'عبر', 'عبرت', 'طالب', 'طالبت',
  'أجاب', 'رد', 'ردت', 'نفى', 'نفت', 'رأى', 'رأت', 'يرى', 'ترى', 'كشف', 'كشفت', 'يكشف', 'تكشف', 'أفاد',
  'أفادت', 'ذكر', 'ذكرت', 'أمر', 'أمرت', 'هاتف', 'تلقى', 'تلقت', 'يتلقى', 'بعث', 'بعثت', 'أبلغ', 'أبلغت',
  'حذر', 'حذرت', 'يحذر', 'تحذر', 'رحب', 'رحبت', 'يرحب', 'ترحب', 'جدد', 'جددت', 'يجدد', 'تجدد', 'اتهم',
  'اتهمت', 'يتهم', 'تتهم', 'تعهد', 'تعهدت', 'يتعهد', 'أدلى', 'ألقى', 'يلقي', 'اختتم', 'يختتم', 'بدأ',
  'يبدأ', 'تبدأ', 'أنهى', 'ينهي', 'تنهي', 'وجه', 'وجهت', 'إنه', 'بأن', 'لأن', 'كي', 'لكي', 'سوف',
  'السبت', 'الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'صباح', 'مساء',
  'بيان', 'تصريح', 'تصريحات', 'مؤتمر', 'لقاء', 'اجتماع', 'زيارة', 'رسالة', 'كلمة', 'مقابلة', 'حديث',
  'ل', 'ب', 'و', 'ف', 'ك', 'بن', 'ابن', 'عبد', 'أبو', 'ولد',
  'دولة', 'دول', 'حكومة', 'مجلس', 'وزارة', 'وزراء', 'شركة', 'مؤسسة', 'منظمة', 'جمعية', 'حزب', 'حركة',
  'جبهة', 'هيئة', 'لجنة', 'مكتب', 'جامعة', 'مركز', 'معهد', 'وكالة', 'صحيفة', 'موقع', 'قناة', 'بلاده',
  'بلادها', 'ولاية', 'منطقة', 'مدينة', 'مقر', 'عاصمة', 'قوات', 'جيش', 'إدارة', 'شؤون', 'لشؤون', 'سابق',
  'دفاع', 'خارجية', 'داخلية', 'عدل', 'مالية', 'اقتصاد', 'تجارة', 'صحة', 'تعليم', 'أمن', 'سابقا', 'حاليا',
  // circumstantial participles that follow a role and its verb: «وصرح الوزير قائلا»
  'قائلا', 'قائلة', 'متوجها', 'متوجهة', 'مؤكدا', 'مؤكدة', 'مشيرا', 'مشيرة', 'معتبرا', 'معتبرة', 'مضيفا',
  'مضيفة', 'موضحا', 'موضحة', 'مشددا', 'مشددة', 'داعيا', 'داعية', 'معربا', 'معربة', 'برفقة', 'رفقة',
  'له', 'لها', 'لهم', 'قوله', 'قولها', 'وهو', 'وهي', 'وهم', 'إلا', 'آنذاك', 'حينها', 'حينذاك', 'عام', 'صفر',
  'أمام', 'بشأن', 'تقديم', 'حرس', 'حدود', 'إذ', 'إذا', 'لو', 'وقال', 'وقالت', 'وأكد', 'وأضاف', 'ويأتي',
  'خلف', 'فوق', 'تحت', 'ضمن', 'عبر', 'أي', 'أية', 'كلا', 'كلتا', 'هناك', 'هنا', 'الآن', 'فهو', 'فهي',
  'بهذا', 'لهذا', 'وهذا', 'بذلك', 'لذلك', 'لدي', 'لديه', 'لديها', 'لديهم', 'عليه', 'عليها', 'إليه', 'إليها',
  'منه', 'منها', 'عنه', 'عنها', 'فيه', 'فيها', 'به', 'بها', 'معه', 'معها', 'نفسها', 'شخصيا', 'مجددا',
  // definite nouns that follow a name as the object of a verb-first sentence («استقبل الرئيس X الوفد»)
  'الدولة', 'الحكومة', 'البلاد', 'المملكة', 'الجمهورية', 'العالم', 'المنطقة', 'الأمر', 'القرار',
  'الوفد', 'اللقاء', 'الاجتماع', 'المدينة', 'العاصمة', 'الزيارة', 'القمة', 'المؤتمر', 'الاتفاق',
  'الاتفاقية', 'الرسالة', 'الدعوة', 'الملف', 'المسؤولين', 'الوزير', 'الرئيس', 'السفير', 'الأمين',
  'نهاية', 'بداية', 'منتصف', 'مطلع', 'أواخر', 'أوائل', 'كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران',
  'تموز', 'آب', 'أيلول', 'تشرين', 'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يوليو',
  'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر', 'ثلاثة', 'أربعة', 'خمسة', 'عشرة', 'آخرين', 'آخر',
  'مما', 'بعدما', 'عندما', 'حينما', 'عندها', 'فعندها', 'مرة', 'سنة', 'ذاك', 'خارج', 'داخل', 'مثل', 'يتم',
  'تم', 'حديثا', 'كذلك', 'أيضاً', 'جدا', 'فقط', 'بينما', 'لكنه', 'لكنها', 'ولكن', 'إنما',
  // past verbs of the أفعل form, which look like first names (أحمد, أكرم)
  'أبدى', 'أبدت', 'أصدر', 'أصدرت', 'أطلق', 'أطلقت', 'أشاد', 'أشادت', 'أثنى', 'أدان', 'أدانت', 'أقر', 'أقرت',
  'أصبح', 'أصبحت', 'أرسل', 'أرسلت', 'أنهت', 'أجاب', 'أجابت', 'أمضى', 'أوفد', 'أعاد', 'أعادت', 'أبرز', 'أبرزت',
];

/** Joining words of Arabic names: they lengthen a name by one word and never end it. */
const CONNECTORS = ['بن', 'ابن', 'بنت', 'ولد', 'أبو', 'عبد', 'آل', 'أغ', 'دي', 'دو', 'فون', 'فان', 'ول'];

/** First names in ي, which the imperfect-verb guard would otherwise refuse. */
const Y_NAMES = [
  'يوسف', 'يحيى', 'ياسين', 'يزيد', 'يونس', 'يعقوب', 'ياسر', 'يسري', 'يسرى', 'ياسمين', 'يامنة', 'يسرا',
  'يوري', 'يان', 'يانيس', 'يائير', 'يوآف', 'يوهان', 'يورغن', 'يانغ', 'يونغ', 'يوكيو', 'يمينة',
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
  endings: ReadonlySet<string>;
  modifiers: ReadonlySet<string>;
  stopwords: ReadonlySet<string>;
  connectors: ReadonlySet<string>;
  yNames: ReadonlySet<string>;
}

interface RoleNode {
  next: Map<string, RoleNode> | null;
  end: boolean;
  /** The role ends on a noun without article («وزير», «رئيس أركان»): its complement must follow. */
  construct: boolean;
  /** A name of one word may follow (SINGLE_NAME_ROLES). */
  single: boolean;
}

const norms = (words: readonly string[]) => new Set(words.map((w) => normalizeText(w)));

function compileRoles(): CompiledRoles {
  const root = new Map<string, RoleNode>();
  for (const phrase of ROLES) {
    const words = tokenize(phrase).map((t) => t.norm);
    const [first, ...rest] = words;
    if (first === undefined) continue;
    let node = root.get(first);
    if (!node) root.set(first, (node = { next: null, end: false, construct: false, single: false }));
    for (const w of rest) {
      node.next ??= new Map();
      let child = node.next.get(w);
      if (!child) node.next.set(w, (child = { next: null, end: false, construct: false, single: false }));
      node = child;
    }
    node.end = true;
    const lastWord = words[words.length - 1] as string;
    node.construct = CONSTRUCT_HEADS.has(lastWord);
    node.single = SINGLE.has(words.join(' '));
  }
  return {
    root,
    endings: lookupEndings(root.keys()),
    modifiers: norms(MODIFIERS),
    stopwords: norms(STOPWORDS),
    connectors: norms(CONNECTORS),
    yNames: norms(Y_NAMES),
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
  let best = roleWalk(roles.root.get(t.norm), i, body, tokens, -1, out);
  if (keys.splits(i)) {
    for (const k of keys.at(i)) if (k.skip > 0) best = roleWalk(roles.root.get(k.key), i, body, tokens, best, out);
  }
  return best;
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
export function lineBreakAfter(body: string, tokens: readonly Token[], j: number): boolean {
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
    const last = nameEnd(j, body, tokens, keys, g, covered, roles);
    const next = last >= j ? nextWord(body, tokens, last) : -1;
    const after = next >= 0 ? (covered[next] as number) : -1;
    if (after >= 0 && hits[after]?.type === 'person') {
      // «دونالد ترمب» with only «ترمب» in the gazetteer: the first names belong to that person
      extend.push({ hit: after, first: j });
      i = last + 1;
    } else if (last > j || (last === j && role.single)) {
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

function isDefiniteWord(norm: string, roles: CompiledRoles): boolean {
  return norm.startsWith('ال') && norm.length > 3 && !roles.stopwords.has(norm);
}

/** Last token of a name starting at j, or j - 1 when no name starts there. */
function nameEnd(
  j: number,
  body: string,
  tokens: readonly Token[],
  keys: WordKeys,
  g: Gazetteer,
  covered: Int32Array,
  roles: CompiledRoles,
): number {
  let last = j - 1;
  let words = 0;
  let limit = MAX_NAME_WORDS;
  for (let k = j; k >= 0 && words < limit; k = nextWord(body, tokens, k)) {
    if (covered[k] !== -1) break;
    const t = tokens[k] as Token;
    if (t.kind !== 'arabic' || t.norm.length < 2) break;
    if (roles.stopwords.has(t.norm) && !(k > j && roles.connectors.has(t.norm))) break;
    if (notAName(t)) break;
    if (g.adjectives.has(t.norm) || roles.modifiers.has(t.norm)) break;
    // a title inside the name starts another phrase («سلطان بن سحيم أمير قطر»)
    if (roleAt(k, body, tokens, keys, roles) >= 0) break;
    const article = hasArticle(t.text);
    // «لخطة», «بأنه», «باستمرار»: a preposition on a noun goes on after the name
    if (prepositionalNoun(t.norm)) break;
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
      if (PLURAL_PARTICIPLE.test(t.norm)) break;
    } else {
      // «بالعاصمة», «للعلوم», «الاقتصادية»: a phrase or an adjective goes on after the name
      if (article && (!t.norm.startsWith('ال') || t.norm.endsWith('يه'))) break;
      // «وخصمه», «وفدا»: a conjunction starts the next phrase; «سيلغي»: a future verb; «نجحوا»: a plural verb
      if (/^[وف]/.test(t.norm) || FUTURE_VERB.test(t.norm) || /..وا$/.test(t.norm)) break;
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

/** Case endings (tanwin) and possessive suffixes («جولته», «قلقه», «بلادها») never end a name. */
function notAName(t: Token): boolean {
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
function prepositionalNoun(norm: string): boolean {
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
function hasArticle(written: string): boolean {
  let s = '';
  for (let i = 0; i < written.length && s.length < 6; i++) if (!isRemovable(written.charCodeAt(i))) s += written[i];
  return ARTICLE.test(s);
}
const ARTICLE = /^(?:[وف]?[بكل]?ال|[وف]?لل)/;

/** The entity of a name as written (its words joined by spaces: hashtag marks are not part of it). */
export function discoveredEntity(written: string): DiscoveredEntity {
  let display = '';
  for (let i = 0; i < written.length; i++) if (!isRemovable(written.charCodeAt(i))) display += written[i];
  display = display.replace(/\s+/g, ' ').trim();
  const key = normalizeText(display);
  const hash = createHash('sha1').update(key).digest('hex').slice(0, 12);
  return { entity_id: `discovered:${hash}`, type: 'person', name_ar: display, name_en: null, origin: 'discovered' };
}
