import { describe, expect, it } from 'vitest';
import { loadConfig } from '@mirsad/model/config';
import { compile, processDoc, processSafely, type ProcessedDoc } from './process.ts';
import { CONFIG_DIR } from './testing/shared.ts';
import type { RawDoc } from './types.ts';

const compiled = compile(loadConfig(CONFIG_DIR));

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

const LEAD = 'الجزائر - "الخبر": استقبل الرئيس عبد المجيد تبون وزير الخارجية الأمريكي أنتوني بلينكن الأربعاء في قصر المرادية، وبحث الجانبان ملف الغاز والطاقة والوضع في منطقة الساحل.';

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
    const p = processed(doc(LEAD), { file: 'x.txt', outlet_ar: 'الشروق', outlet_en: 'Echorouk', url: 'https://example.org/1', published_date: '2022-03-31', line: 2 });
    expect(p.article).toMatchObject({ outlet_id: 'echorouk', published_date: '2022-03-31', date_source: 'manifest', url: 'https://example.org/1' });
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
