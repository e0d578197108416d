import type { EntityDef } from '@mirsad/model/config/entities';
import { describe, expect, it } from 'vitest';
import { analyze } from '../text/index.ts';
import { cliticSplits } from '../text/clitics.ts';
import { discoveredEntity, discoverNames, ROLE_TABLES, WordPlaces } from './discover.ts';
import { compileGazetteer, WordKeys } from './gazetteer.ts';

const tebboune: EntityDef = {
  id: 'abdelmadjid-tebboune',
  type: 'person',
  kind: 'person',
  name_ar: 'عبد المجيد تبون',
  name_en: 'Abdelmadjid Tebboune',
  variants: ['تبون'],
  variants_latin: [],
  country: 'DZ',
  context: [],
  where: 't.yaml:1',
};
const g = compileGazetteer([tebboune]);

/** Names discovered in `body`, with gazetteer matches given as [first, last] token ranges of persons. */
function names(body: string, persons: [number, number][] = []): string[] {
  const a = analyze(body);
  const covered = new Int32Array(a.tokens.length).fill(-1);
  persons.forEach(([f, l], h) => {
    for (let k = f; k <= l; k++) covered[k] = h;
  });
  const hits = persons.map(([first, last]) => ({ first, last, type: 'person' as const }));
  return discoverNames(body, a.tokens, new WordKeys(a.tokens, [g.endings, ROLE_TABLES.endings]), g, covered, hits).names.map((n) => n.entity.name_ar);
}

describe('discoverNames', () => {
  it('needs a role', () => {
    expect(names('سمير بن عمر يتحدث.')).toEqual([]);
    expect(names('قال الباحث سمير بن عمر.')).toEqual(['سمير بن عمر']);
  });

  it('accepts a one-word name only after a title used that way, and only when the article repeats it', () => {
    expect(names('استقبل الرئيس بوغدانوف الوفد، ثم غادر بوغدانوف القاعة.')).toEqual(['بوغدانوف']);
    // said once after a title, one word is as often a verb or a noun
    expect(names('كانت الملكة جالسة في الصف الأول.')).toEqual([]);
    // «الفريق» is also "the team"
    expect(names('واستقبل الجمهور الفريق بحماس.')).toEqual([]);
    expect(names('وصل الفريق أول خالد نزار.')).toEqual(['خالد نزار']);
  });

  it('lets connectors lengthen a name but never end it', () => {
    expect(names('التقى الأمير محمد بن عبد الرحمن آل ثاني بالوفد.')).toEqual(['محمد بن عبد الرحمن آل ثاني']);
    expect(names('وقال الباحث سمير عمر بن')).toEqual(['سمير عمر']);
  });

  it('stops at punctuation, a line break, and a gazetteer person', () => {
    expect(names('قال السفير جون بولتون، المبعوث.')).toEqual(['جون بولتون']);
    expect(names('كتب : مدحت\nبدران')).toEqual([]);
    // role + «تبون» (tokens 1..1 covered as a person): nothing new
    expect(names('الرئيس تبون', [[1, 1]])).toEqual([]);
  });

  it('follows a chain of titles and complements to the name', () => {
    expect(names('حضر رئيس أركان الجيش الفريق أول أحمد مراد اللقاء.')).toEqual(['أحمد مراد']);
    expect(names('قال المتحدث باسم الخارجية الروسية ماريا زاخاروفا إن…')).toEqual(['ماريا زاخاروفا']);
  });

  it('reads a name written across hashtag marks as one name', () => {
    expect(names('قالت المستشارة الألمانية أنجيلا #ميركل إن…')).toEqual(['أنجيلا ميركل']);
  });
});

describe('discoverNames: what follows a title but is not a name', () => {
  const none: [string, string][] = [
    ['a word with digits', 'ضمت الحكومة الجديدة نائبا للرئيس و16 وزيرا.'],
    ['the conjunction on a noun', 'وجرى اللقاء بين الرئيس ومجموعة من رجال الأعمال.'],
    ['the conjunction on a plural and its adjective', 'حضر السفير وشخصيات روسية بارزة الحفل.'],
    ['a verb after a title used as a noun', 'قال المدرب إن الفريق قدم أداء رائعا.'],
    ['a plural verb', 'قال المدرب إن الفريق دخلوا الملعب متأخرين.'],
    ['a future verb', 'سأل الصحفيون إن كان الرئيس سيقول الكلام نفسه.'],
    ['a form X verb', 'أكد الوزير أن الفريق استطاع إنقاذ ثلاثة أشخاص.'],
    ['a verb and an accusative noun', 'لكن الفريق قطع شوطا طويلا في التحضير.'],
    ['an adverbial phrase in ب', 'يتولى الفريق بشكل مؤقت قيادة العمليات.'],
    ['ب on a noun', 'فاز الفريق بلقب البطولة.'],
    ['a verbal noun in ت', 'طالب المحتجون الرئيس تعديل الدستور وتغيير الحكومة.'],
    ['a preposition', 'تحدث الرئيس أثناء الاجتماع عن الميزانية.'],
    ['a title inside a place name', 'درس في جامعة الملك سعود وعمل بمطار الملك خالد.'],
    ['a title inside a family name', 'قال تركي آل الشيخ إن الموسم حافل.'],
    ['a title used as an adjective of a definite noun', 'حصد الحزب الحاكم أغلب المقاعد.'],
    ['«الرئيس» meaning «main»', 'كان الإهمال السبب الرئيس وراء الحادث.'],
  ];
  it.each(none)('refuses %s', (_, body) => {
    expect(names(body)).toEqual([]);
  });

  it('reads «مدينة الملك عبدالله» as a place and still finds the person after another title', () => {
    expect(names('أقيم الحفل في مدينة الملك عبدالله الاقتصادية، وحضره الأمير خالد الفيصل.')).toEqual(['خالد الفيصل']);
  });

  it('ends a name before a word that follows it', () => {
    expect(names('رحب السفير تود ماكلاي بوصول الوفد.')).toEqual(['تود ماكلاي']);
    expect(names('قال الوزير سعد الصديق أدى الفريق واجبه.')).toEqual(['سعد الصديق']);
    expect(names('وجه قائد الفريق سيرجيو راموس انتقادات إلى الحكم.')).toEqual(['سيرجيو راموس']);
    expect(names('وصف الوزير هاري سميث أداء فريقه بالممتاز.')).toEqual(['هاري سميث']);
    expect(names('بدا رئيس الوزراء جاستن ترودو متأثرا خلال المؤتمر.')).toEqual(['جاستن ترودو']);
    expect(names('أعلنت الممثلة جينيفر أنيستون انفصالها عن زوجها.')).toEqual(['جينيفر أنيستون']);
  });

  it('ends a name before an adjective or a participle with the article', () => {
    expect(names('وقال السيناتور كريستوفر ميرفي المؤيد للقرار إن التصويت قريب.')).toEqual(['كريستوفر ميرفي']);
    expect(names('هاجم العضو ميتش ماكونيل الديمقراطيين في خطابه.')).toEqual(['ميتش ماكونيل']);
    expect(names('تشارك الممثلة سريديفي كابور القادمة من مومباي في المهرجان.')).toEqual(['سريديفي كابور']);
    expect(names('ناقشت المستشارة أنغيلا ميركل الأزمة مع ضيفها.')).toEqual(['أنغيلا ميركل']);
    expect(names('قال الرئيس الاشتراكي فرنسوا هولاند إن الأزمة عابرة.')).toEqual(['فرنسوا هولاند']);
  });

  it('ends a name before a third word the article never repeats when it repeats the second alone', () => {
    const body = 'التقت الوزيرة كارين نيل طلاب المدرسة. وقالت نيل إن الزيارة مفيدة.';
    expect(names(body)).toEqual(['كارين نيل']);
    // without that evidence the third word stays
    expect(names('التقت الوزيرة كارين نيل طلاب المدرسة.')).toEqual(['كارين نيل طلاب']);
  });
});

describe('discoverNames: names it keeps', () => {
  const kept: [string, string][] = [
    ['قال الوزير ناصر بوريطة إن الاتفاق قريب.', 'ناصر بوريطة'],
    ['أعلن النائب عبد الرحمن بوخزنة ترشحه.', 'عبد الرحمن بوخزنة'],
    ['قال الوزير عبد القادر مساهل إن الوضع مستقر.', 'عبد القادر مساهل'],
    ['صرح الشيخ أبو بكر الجزائري بأن الوقت حان.', 'أبو بكر الجزائري'],
    ['قال المحامي سعيد أبو زيد إن الجلسة تأجلت.', 'سعيد أبو زيد'],
    ['قال العميد محمد بن عبد الكريم العيسى إن القوات جاهزة.', 'محمد بن عبد الكريم العيسى'],
    ['قال اللواء عمر حسن البشير إن الجيش مستعد.', 'عمر حسن البشير'],
    ['أكد المحامي أحمد عمار الينباعي أن القضية معقدة.', 'أحمد عمار الينباعي'],
    ['قال المتحدث باسم الحركة فوزي برهوم إن الحركة مستعدة.', 'فوزي برهوم'],
    ['قال الدكتور وليد عبد الحي إن الوضع صعب.', 'وليد عبد الحي'],
    ['قال الرئيس سلفا كير إن السلام قريب.', 'سلفا كير'],
    ['قالت الناشطة ابتسام الحملاوي إن الاحتجاج سلمي.', 'ابتسام الحملاوي'],
    ['في عهد الملك هنري الثامن، انفصلت الكنيسة.', 'هنري الثامن'],
    ['قالت الوزيرة تيريزا ماي إن الاتفاق ممكن.', 'تيريزا ماي'],
  ];
  it.each(kept)('«%s» names %s', (body, name) => {
    expect(names(body)).toEqual([name]);
  });
});

describe('discoveredEntity', () => {
  it('displays the name without diacritics or tatweel and hashes its matching form', () => {
    const a = discoveredEntity('سَميـر   بن عمرَ');
    expect(a).toEqual({ entity_id: a.entity_id, type: 'person', name_ar: 'سمير بن عمر', name_en: null, origin: 'discovered' });
    expect(discoveredEntity('سمير بن عمر').entity_id).toBe(a.entity_id);
    // hamza seats fold under matching normalisation: one person, whatever the spelling
    expect(discoveredEntity('إبراهيم سالم').entity_id).toBe(discoveredEntity('ابراهيم سالم').entity_id);
    expect(discoveredEntity('سمير بن علي').entity_id).not.toBe(a.entity_id);
  });
});

describe('ranks, titles and honorifics', () => {
  it("never makes a person of a rank transliterated from French («دو كور دارمي»: général de corps d'armée)", () => {
    expect(names('وصل الفريق أول دو كور دارمي، سمير بن عمر، إلى المطار.')).toEqual([]);
    expect(names('استقبل الجنرال دو كور دارمي سمير العلوي الوفد، وقال العلوي إن الزيارة مهمة.')).toEqual(['سمير العلوي']);
  });

  it('skips titles between the role and the name, and stops a name at one', () => {
    expect(names('حضر الكولونيل ماجور سمير بن عمر اللقاء.')).toEqual(['سمير بن عمر']);
    expect(names('قال السيد الدكتور سمير بن عمر إن الاجتماع انتهى.')).toEqual(['سمير بن عمر']);
    expect(names('وأكد الوزير معالي سمير بن عمر ذلك.')).toEqual(['سمير بن عمر']);
    expect(names('التقى الرئيس سمير العلوي جنرال الجيش، وغادر العلوي.')).toEqual(['سمير العلوي']);
    expect(names('قال اللفتنانت كولونيل جوناثان كونريكوس إن الجيش مستعد.')).toEqual(['جوناثان كونريكوس']);
    // a word that is a title elsewhere but also a surname or a given name stays in the name
    expect(names('وأكد اللواء سمير الحاج أن الوضع مستقر.')).toEqual(['سمير الحاج']);
    expect(names('قال السيد سعادة الشامي إن النمو بطيء.')).toEqual(['سعادة الشامي']);
  });
});

describe('discoverNames on a long document', () => {
  // past a few questions, where a word comes back is read from an index of the document's words
  // (WordPlaces): the names must be those a scan of every token gives, with the words repeated
  // bare or with proclitics, before and after the name
  const pairs: [string, string][] = [
    ['كارين', 'نيل'],
    ['مارتن', 'شولتس'],
    ['ستيفان', 'لوفين'],
    ['ماتيو', 'رينزي'],
    ['ماريو', 'دراغي'],
    ['شارل', 'ميشال'],
    ['هيلين', 'تورنر'],
    ['جيمس', 'ماتيس'],
    ['سارة', 'هاكابي'],
    ['توماس', 'هيرتسوغ'],
    ['أنطونيو', 'تاياني'],
    ['جوزيب', 'بوريل'],
  ];
  // what follows each name: a word no other paragraph has
  const GROUPS = ['طلاب', 'عمال', 'أطباء', 'جنود', 'فلاحي', 'صحفيي', 'مهندسي', 'رياضيي', 'تلاميذ', 'قضاة', 'معلمي', 'حرفيي'];
  const singles = ['بوغدانوف', 'غريزلوف', 'شويغو', 'نبيولينا', 'ميدفيديف', 'ماتفيينكو', 'ريابكوف', 'زاخاروفا', 'أوشاكوف', 'سيلوانوف', 'تشيميزوف', 'نوفاك'];

  it('finds in one long text what it finds in each of its paragraphs', () => {
    const paragraphs: string[] = [];
    const expected: string[] = [];
    pairs.forEach(([given, surname], i) => {
      // the surname alone later: the third word was what followed the name
      paragraphs.push(`التقت الوزيرة ${given} ${surname} ${GROUPS[i]} المدرسة. وقالت ${surname} إن الزيارة مفيدة.`);
      expected.push(`${given} ${surname}`);
      // a one-word name is kept when the article repeats it, here with a proclitic
      const one = singles[i] as string;
      paragraphs.push(`استقبل الرئيس ${one} الوفد، ثم غادر و${one} القاعة.`);
      expected.push(one);
    });
    // and a one-word name said once is not
    paragraphs.push('كانت الملكة جالسة في الصف الأول.');
    // each paragraph alone asks a few questions, answered by a scan
    const alone = paragraphs.flatMap((p) => names(p));
    expect(alone).toEqual(expected);
    expect(names(paragraphs.join('\n\n'))).toEqual(expected);
  });
});

describe('WordPlaces', () => {
  it('scans the first questions, then gives every token a clitic split may read as the word, in order', () => {
    const a = analyze('وقال للرئيس إن الرئيس والرئيس وبالرئيس ورئيس فالرئيسان كالرئيس رئيسه ولرئيس');
    const places = new WordPlaces(a.tokens, 2);
    expect(places.candidates('رئيس')).toBeNull();
    expect(places.candidates('رئيس')).toBeNull();
    const at = places.candidates('رئيس') as number[];
    const expected = a.tokens.flatMap((t, k) => (t.kind === 'arabic' && cliticSplits(t.norm).some((s) => s.stem === 'رئيس') ? [k] : []));
    expect(expected.length).toBeGreaterThanOrEqual(7);
    expect(at).toEqual(expected);
    // two words: the places of both, in token order
    const both = places.candidates('رئيس', 'قال') as number[];
    expect(both).toEqual([...expected, 0].sort((x, y) => x - y));
  });
});
