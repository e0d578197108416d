import { describe, expect, it } from 'vitest';
import { loadConfig } from '@mirsad/model/config';
import { compile, processDoc, processSafely, type Compiled, type ProcessedDoc } from './process.ts';
import { featureId } from './ner/features.ts';
import { handTagger } from './ner/testing.ts';
import { normalizeText } from './text/normalize.ts';
import { FIXTURE_CONFIG_DIR } from './testing/fixtures.ts';
import type { RawDoc } from './types.ts';

const compiled = compile(loadConfig(FIXTURE_CONFIG_DIR));

const doc = (text: string, extra: Partial<RawDoc> = {}): RawDoc => ({
  source: 'x.txt',
  format: 'txt',
  title: 'بلينكن في الجزائر',
  text,
  url: null,
  outletHint: null,
  dateHint: null,
  ...extra,
});

const LEAD =
  'الجزائر - "الخبر": استقبل الرئيس عبد المجيد تبون وزير الخارجية الأمريكي أنتوني بلينكن الأربعاء في قصر المرادية، وبحث الجانبان ملف الغاز والطاقة والوضع في منطقة الساحل.';

function processed(d: RawDoc, manifest: Parameters<typeof processDoc>[2] = null): ProcessedDoc {
  const r = processDoc(d, compiled, manifest);
  if (!('article' in r)) throw new Error(JSON.stringify(r));
  return r;
}

describe('processDoc', () => {
  it('resolves a bare weekday against the visit the text is about, and scores that visit', () => {
    const p = processed(doc(LEAD));
    expect(p.article.outlet_id).toBe('el-khabar');
    expect(p.article).toMatchObject({ published_date: '2022-03-30', date_source: 'inferred' });
    expect(p.visits[0]?.visit_id).toBe('blinken-2022-algeria');
  });

  it('lets the manifest win over the byline and the weekday', () => {
    const p = processed(doc(LEAD), {
      file: 'x.txt',
      outlet_ar: 'الشروق',
      outlet_en: 'Echorouk',
      url: 'https://example.org/1',
      published_date: '2022-03-31',
      line: 2,
    });
    expect(p.article).toMatchObject({ outlet_id: 'echorouk', published_date: '2022-03-31', date_source: 'manifest', url: 'https://example.org/1' });
  });

  it('takes the date from the URL before the text, after the record field', () => {
    const url = 'https://www.example.org/monde/2022/03/31/blinken-alger';
    expect(processed(doc(LEAD, { url })).article).toMatchObject({ published_date: '2022-03-31', date_source: 'record', url });
    expect(processed(doc(LEAD, { url: 'https://www.example.org/monde/blinken-alger-20220331.html' })).article.published_date).toBe('2022-03-31');
    // a URL the manifest gave is the manifest's
    const fromManifest = processed(doc(LEAD), { file: 'x.txt', outlet_ar: '', outlet_en: '', url, published_date: '', line: 2 });
    expect(fromManifest.article).toMatchObject({ published_date: '2022-03-31', date_source: 'manifest' });
    // a record field still wins, and a year and month alone are no date
    expect(processed(doc(LEAD, { url, dateHint: '30/03/2022' })).article).toMatchObject({ published_date: '2022-03-30', date_source: 'record' });
    expect(processed(doc(LEAD, { url: 'https://www.example.org/2022/03/blinken-alger' })).article).toMatchObject({
      published_date: '2022-03-30',
      date_source: 'inferred',
    });
  });

  it('dates a preview before the visit it announces, a report of yesterday after it', () => {
    const preview =
      'الجزائر - "الخبر": يصل وزير الخارجية الأمريكي أنتوني بلينكن غدا الأربعاء إلى الجزائر، حيث يلتقي الرئيس عبد المجيد تبون في قصر المرادية لبحث ملف الغاز والطاقة.';
    const p = processed(doc(preview));
    expect(p.article).toMatchObject({ published_date: '2022-03-29', date_source: 'inferred' });
    expect(p.visits[0]?.visit_id).toBe('blinken-2022-algeria');
    const report =
      'الجزائر - "الخبر": استقبل الرئيس عبد المجيد تبون أمس الأربعاء وزير الخارجية الأمريكي أنتوني بلينكن في قصر المرادية، وبحث الجانبان ملف الغاز والطاقة.';
    expect(processed(doc(report)).article).toMatchObject({ published_date: '2022-03-31', date_source: 'inferred' });
  });

  it('stores offsets in code points, so an emoji before a name does not shift it', () => {
    const text = `😀 ${LEAD}`;
    const p = processed(doc(text));
    const body = Array.from(p.article.body);
    const blinken = p.mentions.find((m) => m.entity_id === 'antony-blinken');
    expect(blinken).toBeDefined();
    expect(body.slice(blinken!.start, blinken!.end).join('')).toBe(blinken!.surface);
    expect(p.article.n_chars).toBe(body.length);
    expect(p.article.body.length).toBe(body.length + 1); // one surrogate pair
  });

  it('gives the same id to the same title and body, and another to another body', () => {
    const a = processed(doc(LEAD)).article.article_id;
    expect(processed(doc(LEAD, { source: 'elsewhere.txt' })).article.article_id).toBe(a);
    expect(processed(doc(`${LEAD} وأضاف مسؤول أن المحادثات مستمرة.`)).article.article_id).not.toBe(a);
  });

  it('reports a page with nothing left after boilerplate removal as empty', () => {
    expect(processDoc(doc('[wpcc-script async src="x"]\n\nشارك\n\nاترك رداً'), compiled, null)).toEqual({ empty: expect.stringMatching(/boilerplate/) });
  });

  it('turns an extractor failure into an outcome instead of an exception', () => {
    const broken = { ...compiled, visits: null as never };
    expect(processSafely(doc(LEAD), broken, null)).toEqual({ error: expect.any(String) });
  });
});

describe('processDoc: the headline is the first paragraph of body', () => {
  it('starts body with the headline, says how long it is, and keeps the title equal to it', () => {
    const p = processed(doc(LEAD));
    const body = Array.from(p.article.body);
    expect(p.article.headline_chars).toBe(Array.from('بلينكن في الجزائر').length);
    expect(body.slice(0, p.article.headline_chars).join('')).toBe(p.article.title);
    expect(p.article.body.startsWith('بلينكن في الجزائر\n\n')).toBe(true);
  });

  it('finds mentions and topics named only in the headline', () => {
    const text = 'وصل المسؤول الأمريكي صباح اليوم في زيارة تستمر يومين، وقال مسؤولون إن جدول أعمالها لم يعلن بعد.';
    const p = processed(doc(text, { title: 'بلينكن في الجزائر لبحث إمدادات الغاز وأمن الطاقة' }));
    const inHeadline = p.mentions.filter((m) => m.start < p.article.headline_chars).map((m) => m.entity_id);
    expect(inHeadline).toEqual(expect.arrayContaining(['antony-blinken', 'algeria']));
    expect(p.topics.map((t) => t.topic_id)).toContain('energy');
  });

  it('lets the stop named in the headline win over one the text recalls', () => {
    const text = [
      'وصل وزير الخارجية الأمريكي مساء الثلاثاء في ختام جولة إقليمية، ويلتقي خلال زيارته كبار المسؤولين في البلاد.',
      'وتتناول المحادثات ملفات التعاون الاقتصادي والوضع في المنطقة، بحسب بيان للخارجية.',
      'وقال مسؤول إن الزيارة تأتي لتعزيز الحوار الاستراتيجي بين البلدين، وإن الجانبين سيوقعان اتفاقات.',
      'وكان بلينكن قد أجرى في الرباط محادثات مع نظيره المغربي، وزار بعدها مدينة الرباط القديمة.',
    ].join('\n\n');
    const p = processed(doc(text, { title: 'بلينكن يحل بالجزائر العاصمة', dateHint: '2022-03-30' }));
    expect(p.visits[0]?.visit_id).toBe('blinken-2022-algeria');
  });

  it('has no headline when the page has none: the title is the first sentence and headline_chars is 0', () => {
    const text =
      'استقبل الرئيس عبد المجيد تبون وزير الخارجية الأمريكي أنتوني بلينكن في قصر المرادية. وتناولت المحادثات ملف الطاقة والغاز والوضع في منطقة الساحل وليبيا.';
    const p = processed(doc(text, { title: '', format: 'json' }));
    expect(p.article.headline_chars).toBe(0);
    expect(p.article.title).toBe('استقبل الرئيس عبد المجيد تبون وزير الخارجية الأمريكي أنتوني بلينكن في قصر المرادية.');
    expect(p.article.body.startsWith(p.article.title)).toBe(true);
  });

  it('makes a multi-line headline one line, so it stays one paragraph', () => {
    const p = processed(doc(LEAD, { title: 'بلينكن\n  في   الجزائر', format: 'json' }));
    expect(p.article.title).toBe('بلينكن في الجزائر');
    expect(p.article.body.split('\n\n')[0]).toBe('بلينكن في الجزائر');
  });
});

describe('processDoc: the outlet', () => {
  const BODY = 'استقبل وزير الخارجية المغربي ناصر بوريطة نظيره الأمريكي في الرباط، وبحث الجانبان التعاون الأمني والوضع في منطقة الساحل.';

  it('adds an outlet the page names in its byline, with the domain of its URL, as discovered', () => {
    const p = processed(doc(`وجدة - "مرسـى 24":\n${BODY}`, { url: 'https://www.marsa24.ma/politique/1.html' }));
    expect(p.newOutlet).toEqual({ outlet_id: 'mrsy-24', name_ar: 'مرسى 24', name_en: 'Marsa24', domain: 'marsa24.ma', country: null, origin: 'discovered' });
    expect(p.article.outlet_id).toBe('mrsy-24');
  });

  it("does not take a closing credit of another outlet for the page's own", () => {
    const p = processed(doc(`${BODY}\nالمصدر: فرانس 24`));
    expect(p.article.outlet_id).toBeNull();
    expect(p.newOutlet).toBeNull();
  });

  it('says where a created outlet came from: the record, the manifest, or the page', () => {
    expect(processed(doc(BODY, { outletHint: 'منبر الأطلس', format: 'json' })).newOutlet?.origin).toBe('record');
    const manifest = { file: 'x.txt', outlet_ar: 'منبر الأطلس', outlet_en: 'Minbar Atlas', url: '', published_date: '', line: 2 };
    expect(processed(doc(`وجدة - "مرسى 24":\n${BODY}`), manifest).newOutlet).toMatchObject({
      name_ar: 'منبر الأطلس',
      name_en: 'Minbar Atlas',
      origin: 'manifest',
    });
    expect(processed(doc(BODY, { url: 'https://kasbah-news.com/a/1' })).newOutlet).toMatchObject({
      outlet_id: 'kasbah-news',
      name_en: 'Kasbah-News',
      origin: 'discovered',
    });
  });
});

describe('processDoc: English and French pages', () => {
  it('records the language and reads the page with Latin names and English cues', () => {
    const text = [
      'ALGIERS — U.S. Secretary of State Antony Blinken met President Abdelmadjid Tebboune in Algiers on Wednesday.',
      'Blinken said the talks covered energy security, gas supplies to Europe and the situation in Libya, the State Department said.',
    ].join('\n\n');
    const p = processed(doc(text, { title: 'Blinken in Algiers' }));
    expect(p.article.lang).toBe('en');
    for (const m of p.mentions) expect(p.article.body.slice(m.start, m.end)).toBe(m.surface);
    const ids = new Set(p.mentions.map((m) => m.entity_id));
    for (const id of ['antony-blinken', 'abdelmadjid-tebboune', 'algiers', 'libya', 'us-state-department']) expect(ids, id).toContain(id);
    expect(p.topics.map((t) => t.topic_id)).toContain('energy');
    expect(processed(doc(LEAD)).article.lang).toBe('ar');
  });
});

describe('processDoc: persons spelt like an outlet', () => {
  it('drops a discovered person that is a configured outlet’s name, as in a byline the tagger read as someone', () => {
    const w = (word: string) => featureId(0, 'w', normalizeText(word));
    const tagger = handTagger(
      [
        [w('الشروق'), 'B-PER', 100],
        [w('سامر'), 'B-PER', 100],
      ],
      1,
      { clusters: null, names: null },
    );
    const withTagger: Compiled = { ...compiled, tagger };
    const r = processDoc(doc('وهران - الشروق: قال سامر إن الأمر محسوم.\n\nوأضاف سامر أن الاجتماع سيعقد غدا.'), withTagger, null);
    if (!('article' in r)) throw new Error(JSON.stringify(r));
    const names = new Map(r.discovered.map((d) => [d.entity_id, d.name_ar]));
    const persons = r.mentions.filter((m) => names.has(m.entity_id)).map((m) => names.get(m.entity_id));
    expect(persons).not.toContain('الشروق');
    expect(persons).toContain('سامر');
  });
});

describe('processDoc: what crosses from a worker', () => {
  it('gives the minhash signature as a typed array, which a structured clone (postMessage) keeps one with the same values', () => {
    const body = Array.from({ length: 40 }, (_, i) => `كلمة${i}`).join(' ');
    const p = processed(doc(body));
    expect(p.dedup.minhash).toBeInstanceOf(Uint32Array);
    const sent = structuredClone(p);
    expect(sent.dedup.minhash).toBeInstanceOf(Uint32Array);
    expect(sent.dedup.minhash.length).toBe(64);
    expect(Array.from(sent.dedup.minhash)).toEqual(Array.from(p.dedup.minhash));
  });
});
