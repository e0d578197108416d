import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { bandKeys, DEFAULT_THRESHOLD, estimateJaccard, exactKey, shingleSignature, wordsOf, wordsOfTokens } from './duplicates.ts';

const WIRE = [
  'أجرى وزير الدفاع الأمريكي مارك إسبر محادثات في الجزائر مع الرئيس عبد المجيد تبون، في أول زيارة لوزير دفاع أمريكي منذ خمسة عشر عاما.',
  'وتناولت المحادثات الوضع الأمني في منطقة الساحل والأزمة الليبية وسبل تعزيز التعاون العسكري بين البلدين.',
  'وقالت الرئاسة الجزائرية في بيان إن الطرفين اتفقا على مواصلة التشاور والتنسيق من أجل ترسيخ الأمن والاستقرار في المنطقة.',
  'وأضاف البيان أن اللقاء جرى بحضور رئيس أركان الجيش الوطني الشعبي الفريق السعيد شنقريحة.',
  'من جهتها، أوضحت وزارة الدفاع الأمريكية أن الوزير أكد رغبة واشنطن في توسيع الشراكة مع الجزائر في مجالات التدريب وتبادل المعلومات.',
  'وكان إسبر قد وصل إلى الجزائر قادما من تونس، حيث التقى الرئيس قيس سعيد ووقع اتفاقا للتعاون العسكري يمتد عشر سنوات.',
  'ويتوجه الوزير الأمريكي بعد ذلك إلى الرباط في المحطة الأخيرة من جولته المغاربية، التي تعد الأولى له في القارة الإفريقية.',
  'ويرى محللون أن واشنطن تسعى إلى موازنة النفوذ الروسي والصيني المتزايد في شمال إفريقيا.',
  'وتعد الجزائر من أكبر مستوردي السلاح الروسي في القارة، بينما ترتبط بعلاقات أمنية وثيقة مع الولايات المتحدة في مجال مكافحة الإرهاب.',
  'ويأتي ذلك قبل أسابيع من استفتاء على تعديل دستوري يسمح للجيش الجزائري بالمشاركة في عمليات حفظ السلام خارج الحدود.',
  'ولم يصدر عن الجانبين أي إعلان عن اتفاقات جديدة في ختام الزيارة التي دامت ساعات.',
  'وقال مسؤول أمريكي للصحفيين المرافقين للوزير إن الجزائر شريك مهم في جهود إعادة الاستقرار إلى ليبيا.',
];

const original = ['الجزائر - وكالات', ...WIRE].join('\n');
// another site's copy: its own opening sentence, one sentence rewritten, its own closing credit
const repost = [
  'بحث وزير الدفاع الأمريكي مارك إسبر اليوم مع الرئيس الجزائري عبد المجيد تبون ملفات الأمن الإقليمي، في زيارة هي الأولى من نوعها منذ سنوات.',
  ...WIRE.slice(1, 7),
  'ويعتقد خبراء أن الإدارة الأمريكية تريد الحد من تمدد موسكو وبكين في المنطقة المغاربية.',
  ...WIRE.slice(8),
  '(الأناضول)',
].join('\n');
// a different report on the same visit, with the same people and places
const sameVisit = [
  'استقبل الرئيس عبد المجيد تبون وزير الدفاع الأمريكي مارك إسبر بقصر المرادية في الجزائر العاصمة.',
  'وجاءت الزيارة بعد يوم من محطة تونس، وقبل يوم من وصول الوزير إلى الرباط لتوقيع خارطة طريق دفاعية مع المغرب.',
  'وركز الجانب الأمريكي، بحسب مصادر دبلوماسية، على ملف ليبيا وعلى دور محتمل للجيش الجزائري في حفظ السلام بعد الاستفتاء على الدستور.',
  'ونقلت وسائل إعلام محلية أن الفريق السعيد شنقريحة عرض على الضيف تجربة الجزائر في تأمين حدودها الجنوبية مع مالي والنيجر.',
  'ويعد إسبر أرفع مسؤول أمريكي يزور الجزائر منذ انتخاب تبون رئيسا للبلاد في ديسمبر الماضي.',
  'وتشير تقديرات مراكز بحثية إلى أن حجم المبادلات العسكرية بين البلدين ما زال محدودا مقارنة بعلاقات الجزائر مع موسكو.',
].join('\n');

describe('shingleSignature and estimateJaccard', () => {
  it('finds a reposted wire story with a new opening and a rewritten sentence', () => {
    const sim = estimateJaccard(shingleSignature(original), shingleSignature(repost));
    expect(sim).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(sim).toBeLessThan(0.9);
  });

  it('keeps apart two articles on the same visit that share names and topic', () => {
    expect(estimateJaccard(shingleSignature(original), shingleSignature(sameVisit))).toBeLessThan(0.15);
  });

  it('gives a text too short to judge an empty signature that matches nothing, not even its twin', () => {
    const short = shingleSignature('وصل الوزير إلى الجزائر اليوم في زيارة'); // 8 words: 4 shingles
    expect(short).toHaveLength(0);
    expect(bandKeys(short)).toEqual([]);
    expect(estimateJaccard(short, shingleSignature('وصل الوزير إلى الجزائر اليوم في زيارة'))).toBe(0);
    expect(estimateJaccard(short, shingleSignature(original))).toBe(0);
    expect(shingleSignature('وصل الوزير إلى الجزائر اليوم في زيارة رسمية قصيرة')).toHaveLength(64); // 5 shingles
  });

  it('ignores what normalisation ignores: diacritics, hamza forms, punctuation, line breaks', () => {
    const variant = original.replace(/أ/g, 'ا').replace(/،/g, ' ').replace(/\n/g, ' ').replace('شنقريحة', 'شَنقريحة');
    expect(estimateJaccard(shingleSignature(original), shingleSignature(variant))).toBe(1);
    expect(shingleSignature(wordsOf(original))).toEqual(shingleSignature(original));
    expect(exactKey(wordsOfTokens(tokenize(original)))).toBe(exactKey(original));
  });

  it('is the same on every run and machine', () => {
    // pinned: a change here changes every stored signature, and near-duplicates across runs
    expect(bandKeys(shingleSignature(WIRE.join(' ')), 16).slice(0, 4)).toEqual(['0:d24073ca', '1:a9fae04c', '2:0305095a', '3:cd0a20fa']);
  });

  it('rejects band counts that do not divide the signature, and signatures of different lengths', () => {
    const sig = shingleSignature(original);
    expect(() => bandKeys(sig, 5)).toThrow(RangeError);
    expect(bandKeys(sig, 32)).toHaveLength(32);
    expect(() => estimateJaccard(sig, shingleSignature(original, 32))).toThrow(RangeError);
  });
});

describe('exactKey', () => {
  it('is equal for copies that differ in spacing, punctuation and diacritics only', () => {
    expect(exactKey('وصل الوزيرُ إلى الجزائر،  اليوم.')).toBe(exactKey('وصل الوزير الى الجزائر اليوم'));
    expect(exactKey('وصل الوزير إلى الجزائر اليوم')).not.toBe(exactKey('وصل الوزير إلى الرباط اليوم'));
    expect(exactKey('وصل الوزير')).toMatch(/^[0-9a-f]{40}$/);
  });
});
