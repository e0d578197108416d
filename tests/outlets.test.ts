/** Outlets the config does not know, named by the pages themselves: one row per outlet, origin 'discovered'. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, query, tempDir, warningsOf } from './helpers.ts';

const STORY = (n: number) =>
  `استقبل وزير الخارجية المغربي ناصر بوريطة في الرباط نظيره الأمريكي، وبحث الجانبان التعاون الأمني والوضع في منطقة الساحل وملف الطاقة. وقال مسؤول إن اللقاء رقم ${n} تناول أيضا التبادل التجاري بين البلدين.`;

describe('ingest of pages from outlets the config does not know', () => {
  let dir: string;
  let wh: string;
  beforeAll(() => {
    dir = tempDir('outlets');
    const input = path.join(dir, 'in');
    wh = path.join(dir, 'wh');
    mkdirSync(input);
    // a byline only; a record on the outlet's domain; a record with byline and domain; a page quoting another outlet
    writeFileSync(path.join(input, 'a-byline.txt'), `لقاء في الرباط حول الأمن الإقليمي\n\nوجدة - "مرسـى 24":\n${STORY(1)}\n`);
    writeFileSync(
      path.join(input, 'b-feed.jsonl'),
      [
        JSON.stringify({ title: 'محادثات أمنية في الرباط', text: STORY(2), url: 'https://www.marsa24.ma/politique/2.html' }),
        JSON.stringify({ title: 'الرباط تستقبل وفدا أمريكيا', text: `مرسى 24 - متابعة\n${STORY(3)}`, url: 'https://marsa24.ma/politique/3.html' }),
      ].join('\n'),
    );
    writeFileSync(path.join(input, 'c-credit.txt'), `تعاون أمني بين الرباط وواشنطن\n\n${STORY(4)}\nالمصدر: فرانس 24\n`);
    const r = cli(['ingest', input, '--out', wh]);
    expect(warningsOf(r.stderr)).toBe('');
    expect(r.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one discovered outlet, with name and domain, for every page that names it', async () => {
    const outlets = await query(wh, 'SELECT outlet_id, name_ar, name_en, domain, country, origin FROM outlets ORDER BY outlet_id');
    expect(outlets).toEqual([{ outlet_id: 'marsa24', name_ar: 'مرسى 24', name_en: 'Marsa24', domain: 'marsa24.ma', country: null, origin: 'discovered' }]);
    const articles = await query(wh, 'SELECT source, outlet_id FROM articles ORDER BY source');
    expect(articles).toEqual([
      { source: 'a-byline.txt', outlet_id: 'marsa24' },
      { source: 'b-feed.jsonl#1', outlet_id: 'marsa24' },
      { source: 'b-feed.jsonl#2', outlet_id: 'marsa24' },
      // «المصدر: فرانس 24» credits a source: the page's outlet stays unknown
      { source: 'c-credit.txt', outlet_id: null },
    ]);
  });
});
