import { describe, expect, it } from 'vitest';
import { deriveTitle, firstSentenceEnd, headlineLine, readsAsArticle, TITLE_MAX_CHARS } from './headline.ts';
import { txtToResult } from './txt.ts';

const HEADLINE = 'وزير الدفاع الأمريكي يبدأ جولة مغاربية من تونس';
const PARAGRAPH =
  'بدأ وزير الدفاع الأمريكي مارك إسبر جولة في المنطقة المغاربية تقوده إلى تونس والجزائر والمغرب. ' +
  'وقال مسؤولون إن الجولة تتناول التعاون العسكري ومكافحة الإرهاب والوضع في ليبيا ومنطقة الساحل. ' +
  'وهي أول زيارة لوزير دفاع أمريكي إلى الجزائر منذ سنوات.';

describe('readsAsArticle', () => {
  it('takes a short line for a headline, even with a colon or a question mark in it', () => {
    expect(readsAsArticle(HEADLINE)).toBe(false);
    expect(readsAsArticle('إسبر في الجزائر: ما الذي تريده واشنطن من المنطقة؟')).toBe(false);
    expect(readsAsArticle('مارك ت. إسبر يصل إلى تونس في أول محطة من جولته')).toBe(false);
  });

  it('takes a line of several sentences, or of very many words, for the article itself', () => {
    expect(readsAsArticle(PARAGRAPH)).toBe(true);
    const oneLongSentence = Array.from({ length: 45 }, (_, i) => `كلمة${i}`).join(' ');
    expect(readsAsArticle(oneLongSentence)).toBe(true);
  });

  it('does not count an initial, a decimal or a domain as a sentence break', () => {
    const line = 'قال مارك ت. إسبر إن النمو بلغ 3.5 في المئة بحسب موقع العربية.نت وإن التعاون سيتواصل في المرحلة المقبلة';
    expect(firstSentenceEnd(line)).toBe(line.length);
    expect(readsAsArticle(line)).toBe(false);
  });
});

describe('deriveTitle', () => {
  it('is the first sentence of the text', () => {
    expect(deriveTitle(PARAGRAPH)).toBe('بدأ وزير الدفاع الأمريكي مارك إسبر جولة في المنطقة المغاربية تقوده إلى تونس والجزائر والمغرب.');
  });

  it('cuts a long first sentence at a word boundary with an ellipsis', () => {
    const long = Array.from({ length: 60 }, (_, i) => `كلمة${i}`).join(' ');
    const t = deriveTitle(long);
    expect(t.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(t.endsWith('…')).toBe(true);
    expect(long.startsWith(t.slice(0, -1))).toBe(true);
    expect(long[t.length - 1]).toBe(' ');
  });
});

describe('headlineLine', () => {
  it('makes one line of a headline written over several', () => {
    expect(headlineLine('  إسبر\nفي   تونس\t')).toBe('إسبر في تونس');
  });
});

describe('txtToResult: single-paragraph pages', () => {
  it('reads a page that is one long paragraph as an article with no headline', () => {
    const r = txtToResult(`${PARAGRAPH}\n`, 'one-line.txt');
    expect(r).toEqual({ kind: 'doc', doc: expect.objectContaining({ title: '', text: PARAGRAPH }) });
  });

  it('keeps every paragraph when the first line is already the article', () => {
    const r = txtToResult(`${PARAGRAPH}\n\nوأضاف البيان أن الوزير سيلتقي الرئيس.`, 'lead.txt');
    expect(r.kind === 'doc' && r.doc.text.startsWith(PARAGRAPH)).toBe(true);
    expect(r.kind === 'doc' && r.doc.title).toBe('');
  });

  it('still takes a short first line as the headline', () => {
    const r = txtToResult(`${HEADLINE}\n\n${PARAGRAPH}`, 'a.txt');
    expect(r).toEqual({ kind: 'doc', doc: expect.objectContaining({ title: HEADLINE, text: PARAGRAPH }) });
  });

  it('still rejects a page that is only a headline', () => {
    expect(txtToResult(`${HEADLINE}\n`, 'h.txt')).toMatchObject({ kind: 'reject', reject: { reason: 'empty' } });
  });
});
