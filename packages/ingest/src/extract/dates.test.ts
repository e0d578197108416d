import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ANT_CORPUS, hasAnt, hasSeeds, SEEDS_DIR, seedText, skipNotice } from '../testing/shared.ts';
import { findTextDate, findWeekdayClue, parseRecordDate, resolveWeekday } from './dates.ts';

describe('parseRecordDate', () => {
  it('reads the shapes of the ANT corpus', () => {
    expect(parseRecordDate('Sun, 18 Feb 2018 21:35:43 +0400')).toBe('2018-02-18');
    expect(parseRecordDate('Fri, 06 Apr 2018 01:09:51 GMT')).toBe('2018-04-06');
    expect(parseRecordDate('15/11/2016')).toBe('2016-11-15');
    expect(parseRecordDate('2017-03-04T14:30:00+01:00')).toBe('2017-03-04');
    expect(parseRecordDate('2017-01-22T185600')).toBe('2017-01-22');
  });

  it('keeps the calendar day where it was published, not the UTC one', () => {
    // UTC is already 5 March here, and still 9 December in the second
    expect(parseRecordDate('2017-03-04T23:30:00-05:00')).toBe('2017-03-04');
    expect(parseRecordDate('2016-12-10T00:18:00+01:00')).toBe('2016-12-10');
    expect(parseRecordDate('Wed, 01 Oct 2020 01:30:00 +0400')).toBe('2020-10-01');
  });

  it('reads other common field shapes', () => {
    expect(parseRecordDate('2022-03-29 18:20:00')).toBe('2022-03-29');
    expect(parseRecordDate('2019-12-05T12:00:00Z')).toBe('2019-12-05');
    expect(parseRecordDate('2020/10/01')).toBe('2020-10-01');
    expect(parseRecordDate('20201001')).toBe('2020-10-01');
    expect(parseRecordDate('Mar 29, 2022 8:30 PM')).toBe('2022-03-29');
    expect(parseRecordDate('Thu Oct 01 2020 23:30:00 GMT+0100 (Central European Standard Time)')).toBe('2020-10-01');
    expect(parseRecordDate('2020-10-01T12:00:00.000+0100')).toBe('2020-10-01');
    expect(parseRecordDate('1601510400')).toBe('2020-10-01'); // unix seconds, UTC day
    expect(parseRecordDate('1601510400000')).toBe('2020-10-01'); // milliseconds
    expect(parseRecordDate('٣٠/٠٣/٢٠٢٢')).toBe('2022-03-30');
    expect(parseRecordDate('الأربعاء 30 مارس 2022')).toBe('2022-03-30');
  });

  it('reads d/m/y as day first, unless the middle number cannot be a month', () => {
    expect(parseRecordDate('03/04/2020')).toBe('2020-04-03');
    expect(parseRecordDate('10/25/2020')).toBe('2020-10-25');
  });

  it('rejects impossible dates and times, and anything that is not a date', () => {
    for (const s of ['2021-02-29', '31/04/2020', '2020-13-01', '2020-10-01T25:00', '2020-10-01T12:75', '', '   ', 'غدا', '12345', '2020-10-01 and more', '0000-00-00']) {
      expect(parseRecordDate(s), s).toBeNull();
    }
    expect(parseRecordDate('2020-02-29')).toBe('2020-02-29');
  });
});

describe.skipIf(skipNotice('ANT corpus dates', hasAnt, ANT_CORPUS))('parseRecordDate on the ANT corpus', () => {
  it('parses every date field, and agrees with the date in the record id', async () => {
    const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()) });
    let total = 0;
    let withIdDate = 0;
    let agree = 0;
    const unparsed: string[] = [];
    for await (const line of lines) {
      const r = JSON.parse(line) as { id: string; date: string };
      total++;
      const d = parseRecordDate(r.date);
      if (d === null) {
        unparsed.push(r.date);
        continue;
      }
      // ids end in the date, as yyyymmdd or ddmmyyyy
      const m = /-(\d{8})$/.exec(r.id)?.[1];
      if (!m || m === '00000000') continue;
      withIdDate++;
      if (d.replace(/-/g, '') === m || `${m.slice(4)}${m.slice(2, 4)}${m.slice(0, 2)}` === d.replace(/-/g, '')) agree++;
    }
    expect(total).toBe(41_661);
    expect(unparsed).toEqual([]);
    expect(agree / withIdDate).toBeGreaterThan(0.99);
  });
});

describe('findTextDate', () => {
  it('reads a dateline with ordinal noise and a doubled month name', () => {
    const text = 'تم نشره الجمعة 02nd تشرين الأوّل / أكتوبر 2020 07:01 مساءً\nعنوان المقال\n\nالرباط :- وصل الوزير إلى العاصمة.';
    expect(findTextDate(text)).toEqual({ date: '2020-10-02', evidence: '02nd تشرين الأوّل / أكتوبر 2020', start: 15 });
  });

  it('reads the months of the Levant, Egypt, the Maghreb and Algeria/Tunisia', () => {
    const cases: [string, string][] = [
      ['الخميس 05 دجنبر 2019 - 13:10', '2019-12-05'],
      ['الأحد 3 أفريل 2022 - 09:30', '2022-04-03'],
      ['25 جويلية 2021', '2021-07-25'],
      ['الثلاثاء 10 غشت 2021', '2021-08-10'],
      ['السبت 18 آب/أغسطس 2018', '2018-08-18'],
      ['6 كانون الأول/ديسمبر 2019', '2019-12-06'],
      ['الاثنين 28 آذار (مارس) 2022', '2022-03-28'],
      ['12 يونيه 2019', '2019-06-12'],
      ['الأربعاء 4 شتنبر 2019', '2019-09-04'],
      ['مارس 30, 2022', '2022-03-30'],
      ['نُشر في ٣٠ سبتمبر ٢٠٢٠ على الساعة ١٩:٠٥', '2020-09-30'],
      ['٢٠٢٠/١٠/٠١', '2020-10-01'],
      ['2/4/2022', '2022-04-02'],
      ['2020-10-01 | 18:30', '2020-10-01'],
    ];
    for (const [line, date] of cases) expect(findTextDate(`${line}\nوصل الوزير إلى العاصمة في زيارة رسمية.`)?.date, line).toBe(date);
  });

  it('does not read two different months as one date', () => {
    expect(findTextDate('30 أكتوبر / نوفمبر 2020\nنص المقال.')).toBeNull();
  });

  it('ignores dates in running text: history, plans, birthdays', () => {
    expect(findTextDate('زار الوزير الجزائر، وهي أول زيارة لوزير دفاع أمريكي منذ 12 فبراير 2006 حين زارها رامسفيلد.')).toBeNull();
    expect(findTextDate('قالت الرئاسة إن الاستفتاء على الدستور سيجري في 1 نوفمبر 2020 كما هو مقرر.')).toBeNull();
    expect(findTextDate('في 31 تموز/يوليو 2015، أضرم مجهولون النار في مزرعة.\nوقالت الشرطة إنها تحقق.')).toBeNull();
  });

  it('ignores a date line after the first paragraph, such as a match schedule', () => {
    const text = 'أعلنت الرابطة المحترفة برنامج الجولة الأولى من مرحلة التتويج بعد اجتماع مكتبها التنفيذي يوم أمس في العاصمة تونس.\nالأحد 26 فيفري 2017\nالساعة 14:00 الترجي - النجم';
    expect(findTextDate(text)).toBeNull();
    expect(findTextDate('البرنامج : الاربعاء 8 فيفري 2018 :\nالساعة الرابعة : مباراة الافتتاح')).toBeNull();
  });

  it('accepts a date further down only on a publication line', () => {
    const body = 'وصل الوزير إلى العاصمة في زيارة رسمية تستمر يومين يبحث خلالها التعاون الأمني.\n'.repeat(40);
    expect(findTextDate(`${body}نشر في: 30/09/2020 - 14:00`)?.date).toBe('2020-09-30');
    expect(findTextDate(`${body}وكانت المنظمة قد نشرت في 7 شباط/فبراير 2017 تقريرا عن السجون.\n${body}`)).toBeNull();
  });

  it('returns null when there is no full date', () => {
    expect(findTextDate('وصل الوزير الأربعاء إلى الجزائر.\nوكان قد زار المغرب في فبراير/شباط 2006.')).toBeNull();
  });
});

describe('findWeekdayClue', () => {
  it('reads the weekday of the news and whether it was yesterday', () => {
    expect(findWeekdayClue('زار وزير الخارجية الجزائر الأربعاء، والتقى الرئيس.')).toEqual({ weekday: 3, relative: 'same', evidence: 'الأربعاء' });
    expect(findWeekdayClue('قام الوزير أمس الخميس بزيارة إلى الجزائر.')).toEqual({ weekday: 4, relative: 'yesterday', evidence: 'أمس الخميس' });
    expect(findWeekdayClue('وصل الوفد مساء أمس الخميس إلى الرباط.')?.relative).toBe('yesterday');
    expect(findWeekdayClue('استقبل المدير العام يوم الخميس الوزير الأمريكي.')).toEqual({ weekday: 4, relative: 'same', evidence: 'يوم الخميس' });
    expect(findWeekdayClue('اجتمع الطرفان السّبت في العاصمة.')?.weekday).toBe(6);
  });

  it('skips weekdays of another week and days that are not the day of the news', () => {
    expect(findWeekdayClue('كان الوزير قد زار تونس الخميس الماضي، ثم وصل الجزائر الجمعة.')).toEqual({ weekday: 5, relative: 'same', evidence: 'الجمعة' });
    expect(findWeekdayClue('وصل الوزير أول أمس الخميس إلى الرباط.')).toBeNull();
    expect(findWeekdayClue('تستمر الزيارة حتى الجمعة.')).toBeNull();
  });

  it('does not take «الاثنين» meaning "the two" for Monday', () => {
    expect(findWeekdayClue('وبحث الاثنان العلاقات، واتفق الاثنين على مواصلة التنسيق.')).toBeNull();
    expect(findWeekdayClue('وصل الوزير، الاثنين، إلى الرباط.')?.weekday).toBe(1);
    expect(findWeekdayClue('ووصل بلينكن إلى الرباط مساء الاثنين قادما من إسرائيل.')?.weekday).toBe(1);
  });
});

describe('resolveWeekday', () => {
  it('finds the day of the week closest to the visit, and the day after for «أمس»', () => {
    expect(resolveWeekday({ weekday: 3, relative: 'same' }, '2022-03-30', '2022-03-30')).toBe('2022-03-30');
    expect(resolveWeekday({ weekday: 4, relative: 'yesterday' }, '2020-10-01', '2020-10-01')).toBe('2020-10-02');
    expect(resolveWeekday({ weekday: 4, relative: 'same' }, '2019-12-04', '2019-12-06')).toBe('2019-12-05');
  });

  it('looks beyond the window by the slack, and no further', () => {
    // Esper in Tunisia on Wednesday 2020-09-30; an article that says السبت
    expect(resolveWeekday({ weekday: 6, relative: 'same' }, '2020-09-30', '2020-09-30')).toBe('2020-10-03');
    expect(resolveWeekday({ weekday: 6, relative: 'same' }, '2020-09-30', '2020-09-30', 2)).toBeNull();
    // across a month and a year end
    expect(resolveWeekday({ weekday: 4, relative: 'yesterday' }, '2020-12-31', '2020-12-31')).toBe('2021-01-01');
  });

  it('gives up when two days are equally close, or the window is not a pair of dates', () => {
    // Monday–Tuesday window: the Friday before and the Friday after are both three days away
    expect(resolveWeekday({ weekday: 5, relative: 'same' }, '2022-03-28', '2022-03-29')).toBeNull();
    expect(resolveWeekday({ weekday: 1, relative: 'same' }, '2022-03-01', '2022-03-20')).toBeNull();
    expect(resolveWeekday({ weekday: 1, relative: 'same' }, '2022-03-30', '2022-03-28')).toBeNull();
    expect(resolveWeekday({ weekday: 1, relative: 'same' }, '30/03/2022', '2022-03-30')).toBeNull();
  });
});

describe.skipIf(skipNotice('seed pages', hasSeeds, SEEDS_DIR))('dates of the seed pages', () => {

  it('finds the dateline of 000 and 003, and nothing in 001, 002 and 004', () => {
    expect(findTextDate(seedText('000'))?.date).toBe('2020-10-02');
    expect(findTextDate(seedText('003'))?.date).toBe('2020-09-30');
    for (const s of ['001', '002', '004']) expect(findTextDate(seedText(s)), s).toBeNull();
  });

  it('resolves the weekdays of 002 and 004 against the visits they cover', () => {
    const c002 = findWeekdayClue(seedText('002'));
    const c004 = findWeekdayClue(seedText('004'));
    expect(c002 && resolveWeekday(c002, '2020-10-01', '2020-10-01')).toBe('2020-10-02');
    expect(c004 && resolveWeekday(c004, '2022-03-30', '2022-03-30')).toBe('2022-03-30');
  });
});
