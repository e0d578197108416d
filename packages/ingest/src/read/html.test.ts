import { afterAll, describe, expect, it } from 'vitest';
import { DOM_LIMITS, domComplexity, htmlToResult, stripSiteName } from './html.ts';
import { domBombs } from '../testing/hostile-html.ts';
import { docs, encodeWindows1256, readAll, rejects, Scratch } from './test-fixtures.ts';
import type { RawDoc } from '../types.ts';

// Pages written for these tests.
const P1 = 'استقبل وزير الخارجية نظيره الإسباني في العاصمة، وبحث الجانبان سبل تعزيز التعاون في مجالات الطاقة والهجرة.';
const P2 = 'وقال الوزير في مؤتمر صحفي إن البلدين اتفقا على عقد اجتماع للجنة المشتركة قبل نهاية العام الجاري.';

function page(head: string, body: string): string {
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

const CHROME = `
  <header class="site-header"><div class="logo">صحيفة المثال</div>
    <nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/p">سياسة</a></li><li><a href="/e">اقتصاد</a></li></ul></nav></header>
  <aside class="sidebar"><h3>الأكثر قراءة</h3><ul><li><a href="/1">خبر آخر لا علاقة له بالموضوع</a></li></ul></aside>
  <footer><p>جميع الحقوق محفوظة</p></footer>
  <script>window.ads = ["إعلان"];</script>`;

function doc(html: string): RawDoc {
  const r = htmlToResult(html, 'page.html');
  if (r.kind !== 'doc') throw new Error(`rejected: ${JSON.stringify(r.reject)}`);
  return r.doc;
}

describe('htmlToResult', () => {
  it('takes the article text with paragraphs, line breaks and entities, and leaves the chrome', () => {
    const d = doc(
      page(
        '<title>الوزير يستقبل نظيره | صحيفة المثال</title>',
        `${CHROME}<article><h1>الوزير يستقبل نظيره</h1><p>${P1}</p><p>${P2.replace('إن', 'إن&nbsp;')}<br>وأضاف: &laquo;العلاقات ممتازة&raquo; &amp; متينة.</p><div>المصدر: وكالات</div></article>`,
      ),
    );
    expect(d.format).toBe('html');
    expect(d.title).toBe('الوزير يستقبل نظيره');
    const paragraphs = d.text.split('\n\n');
    expect(paragraphs).toContain(P1);
    expect(paragraphs).toContain(`${P2}\nوأضاف: «العلاقات ممتازة» & متينة.`);
    expect(d.text).toContain('المصدر: وكالات');
    for (const chrome of ['الرئيسية', 'الأكثر قراءة', 'جميع الحقوق', 'إعلان', 'window']) expect(d.text).not.toContain(chrome);
  });

  it('reads the hints from Open Graph and article metadata', () => {
    const d = doc(
      page(
        `<meta property="og:title" content="الوزير يستقبل نظيره الإسباني - صحيفة المثال">
         <meta property="og:site_name" content="صحيفة المثال">
         <meta property="article:published_time" content="2022-03-30T10:15:00+01:00">
         <link rel="canonical" href="https://example.com/news/1">
         <meta property="og:url" content="https://example.com/news/1?utm=x">`,
        `<article><p>${P1}</p><p>${P2}</p></article>`,
      ),
    );
    expect(d).toMatchObject({
      title: 'الوزير يستقبل نظيره الإسباني',
      outletHint: 'صحيفة المثال',
      dateHint: '2022-03-30T10:15:00+01:00',
      url: 'https://example.com/news/1',
    });
  });

  it('falls back to JSON-LD, then <time>, then meta name=date', () => {
    const ld = JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'x' },
        {
          '@type': 'NewsArticle',
          headline: 'عنوان من البيانات',
          datePublished: '2020-10-01',
          publisher: { '@type': 'Organization', name: 'وكالة المثال' },
          url: 'https://example.net/a',
        },
      ],
    });
    const fromLd = doc(page(`<script type="application/ld+json">${ld}</script>`, `<article><p>${P1}</p><p>${P2}</p></article>`));
    expect(fromLd).toMatchObject({ title: 'عنوان من البيانات', outletHint: 'وكالة المثال', dateHint: '2020-10-01', url: 'https://example.net/a' });

    const fromTime = doc(
      page('<title>خبر</title>', `<article><h1>العنوان الكامل للخبر</h1><time datetime="2019-12-05">الخميس</time><p>${P1}</p><p>${P2}</p></article>`),
    );
    expect(fromTime).toMatchObject({ title: 'خبر', dateHint: '2019-12-05', outletHint: null, url: null });

    const fromMeta = doc(page('<meta name="pubdate" content="2019-12-06">', `<h1>العنوان من الصفحة</h1><div><p>${P1}</p><p>${P2}</p></div>`));
    expect(fromMeta).toMatchObject({ title: 'العنوان من الصفحة', dateHint: '2019-12-06' });
  });

  it('keeps the visible dateline that Readability drops, but not a date-less element of the same class', () => {
    const body = `${CHROME}<div class="post-meta"><span class="update-time">آخر تحديث</span><div class="news-date">نشر يوم الأربعاء ٣٠ مارس ٢٠٢٢</div></div>
      <article><h1>عنوان</h1><p>${P1}</p><p>${P2}</p></article>`;
    const d = doc(page('', body));
    expect(d.dateline).toBe('نشر يوم الأربعاء ٣٠ مارس ٢٠٢٢');
    expect(d.text).not.toContain('مارس');
    expect(doc(page('', `<article><p>${P1}</p><p>${P2}</p></article>`)).dateline).toBeNull();
  });

  it("takes the page's <article> when Readability settles on a meta block beside a short article", () => {
    const body = `<div class="post-meta"><div class="news-date">نشر يوم الأربعاء ٣٠ مارس ٢٠٢٢</div></div><article><h1>عنوان</h1><p>${P1}</p><p>${P2}</p></article>`;
    const d = doc(page('', body));
    expect(d.text).toContain(P1);
    expect(d.text).toContain(P2);
  });

  it('survives broken JSON-LD', () => {
    expect(doc(page('<script type="application/ld+json">{ not json</script>', `<p>${P1}</p><p>${P2}</p>`)).text).toContain(P1);
  });

  it('rejects a page with no article text', () => {
    const navOnly = page(
      '<title>صحيفة المثال</title>',
      '<nav><a href="/">الرئيسية</a> <a>سياسة</a> <a>اقتصاد</a> <a>رياضة</a> <a>ثقافة</a> <a>منوعات</a></nav>',
    );
    expect(htmlToResult(navOnly, 'nav.html')).toMatchObject({ kind: 'reject', reject: { source: 'nav.html', reason: 'no_article' } });
    expect(htmlToResult(page('', '<p>مرحبا</p>'), 'short.html')).toMatchObject({ kind: 'reject', reject: { reason: 'no_article' } });
    expect(htmlToResult('   ', 'blank.html')).toMatchObject({ kind: 'reject', reject: { reason: 'empty' } });
  });
});

describe('domComplexity', () => {
  const nest = (tag: string, n: number, inner = P1) => `${`<${tag}>`.repeat(n)}${inner}${`</${tag}>`.repeat(n)}`;

  it('passes pages as deep and as big as real news pages', () => {
    expect(domComplexity(page('<title>خبر</title>', nest('div', 60)))).toBeNull();
    const big = page('', `<article>${`<div class="row"><span>${P1}</span><a href="/x"><img src="a.jpg">رابط</a><br></div>`.repeat(4000)}</article>`);
    expect(domComplexity(big)).toBeNull();
  });

  it('counts nesting as the parser builds it: unclosed <p>, <li>, <td> are siblings, void elements and stray end tags do not nest', () => {
    const limits = { maxDepth: 20, maxElements: DOM_LIMITS.maxElements };
    expect(domComplexity(page('', `<p>${P1}`.repeat(1000)), limits)).toBeNull();
    expect(domComplexity(page('', `<ul>${'<li>بند'.repeat(1000)}</ul>`), limits)).toBeNull();
    expect(domComplexity(page('', `<table>${'<tr><td>خلية<td>خلية'.repeat(500)}</table>`), limits)).toBeNull();
    expect(domComplexity(page('', `${'<br><img src="x.png"><hr>'.repeat(1000)}`), limits)).toBeNull();
    expect(domComplexity(page('', `${'</span>'.repeat(1000)}<div>${P1}</div>`), limits)).toBeNull();
    // markup inside a script is text, not elements
    expect(domComplexity(page(`<script>document.write("${'<div>'.repeat(1000)}")</script>`, `<p>${P1}</p>`), limits)).toBeNull();
    // <div/> does not close itself in HTML, so it nests
    expect(domComplexity(page('', '<div/>'.repeat(30)), limits)).toMatch(/more than 20 deep/);
  });

  it('says which limit a page passes and where', () => {
    expect(domComplexity(nest('b', 1000))).toMatch(/^elements nested more than 128 deep \(the limit\), reached with <b> at character \d+/);
    expect(domComplexity(page('', `<p>${P1}`.repeat(60_000)))).toMatch(/^more than 50000 elements \(the limit\), passed with <p> at character \d+ of \d+/);
  });

  it('rejects every DOM bomb of the hostile set before parsing it', () => {
    for (const bomb of domBombs()) {
      expect(htmlToResult(bomb.html, bomb.name), bomb.what).toMatchObject({ kind: 'reject', reject: { source: bomb.name, reason: 'too_complex' } });
    }
  });
});

describe('stripSiteName', () => {
  it('drops the site name after a separator, or before it', () => {
    expect(stripSiteName('عنوان الخبر | صحيفة المثال', null)).toBe('عنوان الخبر');
    expect(stripSiteName('عنوان الخبر - صحيفة المثال', 'صحيفة المثال')).toBe('عنوان الخبر');
    expect(stripSiteName('Example News | عنوان الخبر الطويل هنا', 'Example News')).toBe('عنوان الخبر الطويل هنا');
    expect(stripSiteName('عنوان الخبر | أخبار | صحيفة المثال', null)).toBe('عنوان الخبر');
  });

  it('keeps a dash that belongs to the headline', () => {
    expect(stripSiteName('الجزائر – فرنسا: زيارة مرتقبة', null)).toBe('الجزائر – فرنسا: زيارة مرتقبة');
    expect(stripSiteName('عنوان بلا فاصل', 'صحيفة المثال')).toBe('عنوان بلا فاصل');
  });
});

describe('readInputs on .html files', () => {
  const s = new Scratch();
  afterAll(() => s.remove());

  it('decodes a windows-1256 page that declares its charset', async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><title>خبر قديم</title></head><body><p>${P1}</p><p>${P2}</p></body></html>`;
    const results = await readAll([s.file('old.htm', encodeWindows1256(html))]);
    expect(rejects(results)).toEqual([]);
    expect(docs(results)[0]).toMatchObject({ source: 'old.htm', title: 'خبر قديم' });
    expect(docs(results)[0]?.text).toContain(P1);
  });

  it('reads a UTF-8 page whose stale meta still says windows-1256', async () => {
    const html = `<html><head><meta charset="windows-1256"><title>خبر</title></head><body><p>${P1}</p><p>${P2}</p></body></html>`;
    expect(docs(await readAll([s.file('stale.html', html)]))[0]?.text).toContain(P2);
  });
});
