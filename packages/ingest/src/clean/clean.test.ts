import { describe, expect, it } from 'vitest';
import { cleanText } from './clean.ts';
import { CHROME_PHRASES } from './chrome.ts';
import { matchKey } from './match.ts';
import { normalizeText } from '../text/normalize.ts';

// Every fixture here is written for these tests: short made-up news in Arabic.
const P1 = 'استقبل رئيس الحكومة صباح اليوم وفدا من رجال الأعمال لبحث فرص الاستثمار في قطاع الطاقة المتجددة.';
const P2 = 'وأكد الوزير خلال اللقاء أن بلاده تسعى إلى مضاعفة المبادلات التجارية مع شركائها في المنطقة خلال العامين القادمين.';
const P3 = 'وتوقع خبراء أن تنعكس هذه الخطوة إيجابا على سوق العمل، خاصة في المناطق الداخلية التي تعاني من البطالة.';
const TITLE = 'الحكومة تبحث مع المستثمرين فرص الطاقة المتجددة';

const article = (...lines: string[]) => lines.join('\n\n');
const bodyOf = (text: string, title = TITLE, format: 'txt' | 'html' | 'json' = 'txt') => cleanText({ title, text, format }).body;

describe('cleanText keeps articles as written', () => {
  it('leaves an article without page noise unchanged', () => {
    const text = article(P1, P2, P3);
    const r = cleanText({ title: TITLE, text, format: 'json' });
    expect(r.body).toBe(text);
    expect(r.removed).toEqual([]);
    expect(r.title).toBe(TITLE);
  });

  it('joins paragraphs with a blank line and trims them, whatever the line endings', () => {
    expect(bodyOf(`  ${P1}   \r\n${P2}\t\r\n\r\n\r\n${P3}`)).toBe(article(P1, P2, P3));
  });

  it('keeps a paragraph that uses «شارك» inside a sentence, and one that starts with it', () => {
    const inside = 'وقد شارك أكثر من ألف متطوع في حملة تنظيف الشواطئ التي نظمتها البلدية.';
    const starts = 'شارك الوزير في القمة.';
    expect(bodyOf(article(P1, inside, starts, P2))).toBe(article(P1, inside, starts, P2));
  });

  it('keeps a short one-sentence paragraph, a subheading and a closing credit', () => {
    const short = 'ولم يصدر أي تعليق رسمي.';
    const subheading = 'مخاوف من التأخير';
    const credit = 'المصدر : وكالات';
    expect(bodyOf(article(P1, short, subheading, P2, P3, credit))).toBe(article(P1, short, subheading, P2, P3, credit));
  });

  it('keeps a long paragraph that opens with an English quote', () => {
    const quote = `"${'We will keep working with our partners in the region on security and energy, '.repeat(4)}" ${P2} ${P3} ${P1} ${P2} ${P3}`;
    expect(bodyOf(article(P1, quote))).toBe(article(P1, quote));
  });

  it('keeps a paragraph that quotes a Latin name, and a bracketed reference', () => {
    const mixed = 'وقالت شركة Total Energies في بيان إنها ستفتتح مكتبا إقليميا في العاصمة [1].';
    expect(bodyOf(article(P1, mixed))).toBe(article(P1, mixed));
  });

  it('keeps a date heading inside the article (a timeline) and a byline ending with a colon', () => {
    const timeline = article(P1, '4 أكتوبر', P2, '9 أكتوبر', P3);
    expect(bodyOf(timeline)).toBe(timeline);
    const byline = article('الرباط ـ «وكالة الأنباء»:', P1, P2);
    expect(bodyOf(byline)).toBe(byline);
  });

  it('keeps a list inside or under the article that is not a menu', () => {
    const list = article(P1, P2, 'المجموعة الأولى', 'المجموعة الثانية', 'المجموعة الثالثة');
    expect(bodyOf(list)).toBe(list);
  });

  it('does not treat «كتب» as an author line when it is the verb of a sentence', () => {
    const wrote = 'كتب الوزير في تغريدة:';
    expect(bodyOf(article(P1, wrote, P2))).toBe(article(P1, wrote, P2));
  });

  it('keeps a non-Arabic article whole (Latin lines are chrome only in Arabic text)', () => {
    const en = article('The minister met investors on Monday.', 'Share your thoughts with the ministry.', 'Talks will resume next week.');
    expect(bodyOf(en, 'Investors meet minister')).toBe(en);
  });

  it('returns an empty body when the text is only the headline', () => {
    expect(cleanText({ title: TITLE, text: TITLE }).body).toBe('');
  });
});

describe('cleanText removes page chrome', () => {
  it('drops a related-links block after the article, the marker and what follows', () => {
    const r = cleanText({
      title: TITLE,
      text: article(P1, P2, 'أخبار ذات صلة', 'ارتفاع أسعار الذهب في الأسواق المحلية', 'فريق المدينة يفوز بالكأس'),
    });
    expect(r.body).toBe(article(P1, P2));
    expect(r.removed.map((x) => x.reason)).toEqual(['related', 'related', 'related']);
  });

  it('inside the article, drops only the «اقرأ أيضا» marker and the headlines it introduces', () => {
    const text = article(P1, 'اقرأ أيضاً:', 'افتتاح معرض الكتاب الدولي', P2, 'اقرأ أيضا: الأمطار تغمر شوارع المدينة', P3);
    expect(bodyOf(text)).toBe(article(P1, P2, P3));
  });

  it('drops the comment form and everything after it', () => {
    const text = article(P1, P2, 'اترك رداً', 'لن يتم نشر عنوان بريدك الإلكتروني، ويجب ملء الخانات المعلّمة بنجمة', 'تعليق من قارئ: مقال رائع جدا.');
    expect(bodyOf(text)).toBe(article(P1, P2));
  });

  it('drops share and follow buttons, copyright notices and newsletter boxes', () => {
    const text = article('شارك', P1, 'تابعونا على فيسبوك وتويتر', P2, 'جميع الحقوق محفوظة © 2021', 'اشترك في النشرة البريدية');
    const r = cleanText({ title: TITLE, text });
    expect(r.body).toBe(article(P1, P2));
    expect(new Set(r.removed.map((x) => x.reason))).toEqual(new Set(['chrome']));
  });

  it('drops a row of share buttons flattened into a line, whatever opens it, and keeps a sentence that names the networks', () => {
    const bars = [
      'شارك الخبر:   فيسبوك   تويتر   واتساب   تلغرام',
      'مشاركة   فيسبوك   تويتر   واتساب',
      'فيسبوك | تويتر | واتساب',
      'شارك:   فيس بوك   واتس آب   نسخ الرابط',
    ];
    const sentence = 'ونشر الوزير على فيسبوك وتويتر صورا من لقائه بنظيره';
    for (const bar of bars) {
      const r = cleanText({ title: TITLE, text: article(P1, P2, bar) });
      expect(r.body, bar).toBe(article(P1, P2));
      expect(r.removed, bar).toEqual([{ text: bar.trim(), reason: 'chrome' }]);
    }
    expect(bodyOf(article(P1, sentence, P2))).toBe(article(P1, sentence, P2));
    // one network alone is no row of buttons
    expect(bodyOf(article(P1, P2, 'تويتر'))).toBe(article(P1, P2, 'تويتر'));
  });

  it("drops a news site's comment thread, its newsletter box, its cookie banner and its tagline in the footer", () => {
    const text = article(
      P1,
      P2,
      'النشرة البريدية',
      'هذا الموقع يستخدم ملفات تعريف الارتباط لتحسين تجربتك. اقرأ سياسة الخصوصية.   قبول',
      'تعليقات الزوار (7)',
      'رأي قارئ: هذا المقال يستحق القراءة.',
      'بريدك الإلكتروني   اشترك',
    );
    const r = cleanText({ title: TITLE, text });
    expect(r.body).toBe(article(P1, P2));
    expect(r.removed.map((x) => x.reason)).toEqual(['chrome', 'chrome', 'comments', 'comments', 'chrome']);
    expect(bodyOf(article(P1, P2, 'المرصد جريدة إلكترونية مستقلة'))).toBe(article(P1, P2));
    // a paragraph on cookies in the news is no banner
    const news = 'وقالت الهيئة إن ملفات تعريف الارتباط تخضع لقواعد جديدة ابتداء من الشهر المقبل.';
    expect(bodyOf(article(P1, news, P2))).toBe(article(P1, news, P2));
  });

  it('drops Latin chrome lines from an Arabic article', () => {
    const text = article(P1, 'Share this article', P2, 'Photo: a minister arriving at the airport, Reuters.', 'Source: example.com', P3);
    expect(bodyOf(text)).toBe(article(P1, P2, P3));
  });

  it('drops shortcode lines and cuts shortcodes out of a paragraph', () => {
    const r = cleanText({
      title: TITLE,
      text: article(P1, '[embed-widget id="77" mode="dark"]', `[caption id="a1" width="300"]${P2}[/caption]`),
    });
    expect(r.body).toBe(article(P1, P2));
    expect(r.removed.filter((x) => x.reason === 'shortcode')).toHaveLength(3);
  });

  it('drops the headline again, a publishing stamp and an author line at the top', () => {
    const text = article('نشر في الخميس 12 مايو 2022 - 10:30 صباحا', TITLE, 'كتب : سامي المنصوري', P1, P2);
    const r = cleanText({ title: TITLE, text });
    expect(r.body).toBe(article(P1, P2));
    expect(r.removed.map((x) => x.reason)).toEqual(['dateline', 'title_repeat', 'author']);
  });

  it('drops a bare date above the article', () => {
    expect(bodyOf(article('السبت 14 مايو 2022', P1, P2))).toBe(article(P1, P2));
  });

  it('drops lines that repeat themselves (a related-headlines widget)', () => {
    const doubled = 'افتتاح جسر جديد فوق النهر افتتاح جسر جديد فوق النهر';
    expect(bodyOf(article(P1, P2, doubled))).toBe(article(P1, P2));
  });

  it('drops a paragraph printed twice, keeping the first copy', () => {
    expect(bodyOf(article(P1, P2, P1, P3))).toBe(article(P1, P2, P3));
  });

  it('drops the copies among many paragraphs of one length (a long report), and keeps the rest', () => {
    // forty paragraphs of the same length, differing by a two-digit number; then copies of some
    const numbered = Array.from({ length: 40 }, (_, i) => `${P2.slice(0, -1)} بنسبة ${10 + i} في المائة.`);
    expect(new Set(numbered.map((p) => p.length)).size).toBe(1);
    const copies = [numbered[0], numbered[16], numbered[17], numbered[39], numbered[17]] as string[];
    expect(bodyOf(article(P1, ...numbered, ...copies, P3))).toBe(article(P1, ...numbered, P3));
  });

  it('drops a cut-short teaser of the lead above the article', () => {
    const teaser = P1.slice(0, 60); // cut in the middle of a word, no full stop
    expect(bodyOf(article(teaser, 'Share your love', TITLE, P1, P2))).toBe(article(P1, P2));
  });

  it('drops a teaser even without a repeated headline, saying why', () => {
    const teaser = `${P1.slice(0, 70)}…`;
    const r = cleanText({ title: TITLE, text: article(teaser, P1, P2) });
    expect(r.body).toBe(article(P1, P2));
    expect(r.removed).toEqual([{ text: teaser, reason: 'teaser' }]);
  });

  it('keeps a finished paragraph that stands above a repeated headline', () => {
    expect(bodyOf(article(P3, TITLE, P1))).toBe(article(P3, P1));
  });

  it('drops the page header above a repeated headline: site name, tagline', () => {
    expect(bodyOf(article('صحيفة الغد', 'موقع إخباري مستقل يهتم بالشأن المحلي', TITLE, P1, P2))).toBe(article(P1, P2));
  });

  it('drops navigation flattened into a line, and a menu printed one item per line', () => {
    const bar = 'الرئيسية سياسة اقتصاد رياضة ثقافة منوعات';
    expect(bodyOf(article(P1, P2, bar))).toBe(article(P1, P2));
    expect(bodyOf(article('الرئيسية', 'أخبار', 'رياضة', 'اتصل بنا', P1, P2))).toBe(article(P1, P2));
  });

  it('drops the menu, publishing stamp and share line of an English or French page', () => {
    const en = 'The minister met business leaders on Monday to discuss investment in renewable energy, officials said.';
    const fr = "Le ministre a reçu lundi des chefs d'entreprise pour évoquer les investissements dans les énergies renouvelables.";
    expect(
      bodyOf(article('Home | Politics | Economy | Sport | World', 'Posted on 12/04/2021 - 10:15', en, 'Share | Tweet | Email'), 'Minister meets investors'),
    ).toBe(en);
    expect(
      bodyOf(article('Accueil | Actualité | Économie | Société', 'Publié le 12/04/2021 à 10:15', fr, 'Partager | Commentaires'), 'Le ministre reçoit'),
    ).toBe(fr);
  });

  it('replaces a .txt title that is a site name with the headline under it', () => {
    const r = cleanText({ title: 'Akhbar Today', text: article('جريدة إلكترونية يومية - أخبار الوطن والعالم', TITLE, P1, P2), format: 'txt' });
    expect(r.title).toBe(TITLE);
    expect(r.body).toBe(article(P1, P2));
  });

  it('takes a JSON or HTML title as given', () => {
    const r = cleanText({ title: 'MJ', text: article(TITLE, P1), format: 'json' });
    expect(r.title).toBe('MJ');
    expect(r.body).toBe(article(TITLE, P1));
  });

  it('lists every removal with the text as written, in order', () => {
    const r = cleanText({ title: TITLE, text: article('Share your love', P1, 'تابعونا', P2) });
    expect(r.removed).toEqual([
      { text: 'Share your love', reason: 'latin' },
      { text: 'تابعونا', reason: 'chrome' },
    ]);
  });
});

describe('matchKey and the one fold', () => {
  it('folds what the text core folds: Maghrebi letters and presentation forms', () => {
    expect(matchKey('اقرأ ڤي الشروڨ')).toBe(matchKey('اقرأ في الشروق'));
    expect(matchKey('ﺍﻗﺮﺃ ﺃﻳﻀﺎ')).toBe('اقرا ايضا');
  });
  it('takes a presentation form without a decomposition (ornate parentheses) for punctuation', () => {
    expect(matchKey('﴿اقرأ أيضا﴾')).toBe('اقرا ايضا');
  });
});

describe('matchKey', () => {
  it('folds hamza forms, alef maqsura, ta marbuta and diacritics, and drops punctuation', () => {
    expect(matchKey('اقرأ أيضاً:')).toBe('اقرا ايضا');
    expect(matchKey('«مواضيع ساخنة أخرى»')).toBe('مواضيع ساخنه اخري');
    expect(matchKey('اترك ردّاً')).toBe(matchKey('اترك ردا'));
  });

  it('agrees with the shared normaliser on Arabic', () => {
    const samples = [P1, P2, P3, 'إسبر: الولايات المتحدة والجزائر ١٢ ۳ پ گ', 'ﻻ إله'];
    for (const s of samples)
      expect(matchKey(s)).toBe(
        normalizeText(s)
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim(),
      );
  });

  it('keeps the chrome table in its matching form', () => {
    for (const p of CHROME_PHRASES) expect(matchKey(p.phrase)).toBe(p.phrase);
  });
});
