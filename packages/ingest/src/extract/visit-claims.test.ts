import { loadConfig } from '@mirsad/model/config';
import { describe, expect, it } from 'vitest';
import { compile } from '../process.ts';
import { FIXTURE_CONFIG_DIR } from '../testing/fixtures.ts';
import { analyze } from '../text/index.ts';
import { findMentions } from './mentions.ts';
import { extractVisitClaims } from './visit-claims.ts';

const c = compile(loadConfig(FIXTURE_CONFIG_DIR));

/** Claims of a text whose first paragraph is its headline, as `visitor>host@date/where/pattern`. */
function claims(text: string, publishedDate: string | null = '2021-05-12') {
  const a = analyze(text);
  const { mentions } = findMentions(a, c.gazetteer);
  const cut = text.indexOf('\n\n');
  const lead = cut > 0 ? { start: cut + 2, sentence: a.sentenceStarts.findIndex((s) => s >= cut + 2) } : undefined;
  return extractVisitClaims(a, mentions, { entityCountry: c.entityCountry, entityType: c.entityType, isCountry: c.isCountry, publishedDate, lead });
}
const short = (text: string, date?: string | null) =>
  claims(text, date).map((k) => `${k.visitor.startsWith('discovered:') ? 'discovered' : k.visitor}>${k.host}@${k.date}/${k.where}/${k.pattern}`);

describe('extractVisitClaims: the ways a visit is reported', () => {
  it.each([
    ['يزور', 'عنوان عن العلاقات\n\nيزور وزير الخارجية الأمريكي أنتوني بلينكن المغرب لبحث التعاون.', 'antony-blinken>MA@2021-05-12/lead/visit'],
    ['زيارة … إلى', 'عنوان عن العلاقات\n\nبدأ أنتوني بلينكن زيارة رسمية إلى الجزائر تدوم يومين.', 'antony-blinken>DZ@2021-05-12/lead/visit'],
    ['وصل … إلى', 'عنوان عن العلاقات\n\nوصل مايك بومبيو أمس الثلاثاء إلى الرباط في زيارة قصيرة.', 'mike-pompeo>MA@2021-05-11/lead/arrive'],
    ['حل ب', 'عنوان عن العلاقات\n\nحل مارك إسبر بتونس صباح اليوم.', 'mark-esper>TN@2021-05-12/lead/arrive'],
    ['يحل ضيفا على', 'عنوان عن العلاقات\n\nيحل مايك بومبيو ضيفا على قطر نهاية الأسبوع.', 'mike-pompeo>QA@2021-05-12/lead/arrive'],
    ['استقبل … ضيفه', 'عنوان عن العلاقات\n\nاستقبل الرئيس عبد المجيد تبون ضيفه الأمريكي مارك إسبر بقصر المرادية.', 'mark-esper>DZ@2021-05-12/lead/receive'],
    ['التقى … في', 'عنوان عن العلاقات\n\nالتقى مايك بومبيو في الدوحة الشيخ تميم بن حمد آل ثاني.', 'mike-pompeo>QA@2021-05-12/lead/meet'],
    ['خلال زيارته', 'عنوان عن العلاقات\n\nوقع مارك إسبر خلال زيارته إلى المغرب اتفاقا دفاعيا.', 'mark-esper>MA@2021-05-12/lead/visit'],
  ])('%s', (_cue, text, expected) => {
    expect(short(text)).toContain(expected);
  });

  it('reads a host written with a proclitic at the very end of the text', () => {
    expect(short('عنوان عن العلاقات\n\nوصل مايك بومبيو للدوحة')).toEqual(['mike-pompeo>QA@2021-05-12/lead/arrive']);
  });

  it('reads every stop of «جولة تشمل …»', () => {
    const got = short('عنوان عن العلاقات\n\nيبدأ أنتوني بلينكن جولة تشمل تونس والجزائر والمغرب.');
    expect(got).toEqual(
      expect.arrayContaining(['antony-blinken>TN@2021-05-12/lead/tour', 'antony-blinken>DZ@2021-05-12/lead/tour', 'antony-blinken>MA@2021-05-12/lead/tour']),
    );
  });

  it('takes the headline claim with the official named by role, and marks the stop as coming after another', () => {
    const got = claims('وزير الدفاع الأمريكي يصل قطر قادما من المغرب\n\nوصل مارك إسبر إلى الدوحة للقاء المسؤولين.', null);
    const headline = got.find((k) => k.where === 'headline');
    expect(headline).toMatchObject({ visitor: 'mark-esper', host: 'QA', sequence: 'after', date: null });
    // the origin of the journey is not a host
    expect(got.some((k) => k.host === 'MA')).toBe(false);
  });

  it('does not take a visit recalled with «منذ» or another year for this one', () => {
    const got = short('عنوان عن العلاقات\n\nوهي أول زيارة لوزير دفاع أمريكي إلى الجزائر منذ زيارة دونالد رامسفيلد. وكان دونالد رامسفيلد زار الجزائر عام 2006.');
    expect(got.some((k) => k.startsWith('donald-rumsfeld'))).toBe(false);
  });

  it('takes no visit that was cancelled, went to a region, was a topic of talks, or belongs to a former official', () => {
    expect(short('عنوان عن العلاقات\n\nألغى دونالد ترامب زيارته إلى الجزائر.')).toEqual([]);
    expect(short('عنوان عن العلاقات\n\nبدأ دونالد ترامب زيارته إلى أميركا اللاتينية وسط توتر مع سوريا.')).toEqual([]);
    expect(short('عنوان عن العلاقات\n\nاجتمع دونالد ترامب مع فريقه بشأن الوضع في سوريا.')).toEqual([]);
    expect(short('عنوان عن العلاقات\n\nوتذكر بزيارة الرئيس الأمريكي السابق باراك أوباما إلى المغرب.')).toEqual([]);
  });

  it('takes the official named after a noun cue, not the one who sent them, and no adjective for a destination', () => {
    expect(short('عنوان عن العلاقات\n\nدعا دونالد ترامب لزيارة وزير الخارجية الأمريكي مايك بومبيو إلى الرياض.')).toEqual([
      'mike-pompeo>SA@2021-05-12/lead/visit',
    ]);
    expect(short('عنوان عن العلاقات\n\nتحدث دونالد ترامب عن زيارته إلى القنصلية السعودية في إسطنبول.')).toEqual([]);
  });

  it('needs the host to be foreign to the visitor, and a meeting to have a place', () => {
    expect(short('عنوان عن العلاقات\n\nالتقى الرئيس عبد المجيد تبون في الجزائر وزير الخارجية رمطان لعمامرة.')).toEqual([]);
    expect(short('عنوان عن العلاقات\n\nالتقى مايك بومبيو الشيخ تميم بن حمد آل ثاني.')).toEqual([]);
  });

  it('takes a person found by role discovery as visitor when a foreign title introduces them', () => {
    const got = claims('عنوان عن العلاقات\n\nوصل رئيس هيئة الأركان المشتركة الأمريكي الجنرال مارك ميلي إلى الرباط في زيارة رسمية.');
    expect(got[0]).toMatchObject({ host: 'MA', visitorCountry: 'US', place: 'rabat' });
    expect(got[0]?.visitor).toMatch(/^discovered:/);
    // a name after a word that is no title is not an official
    expect(claims('عنوان عن العلاقات\n\nوصل الكاتب جون ميلر إلى الرباط.')).toEqual([]);
  });
});
