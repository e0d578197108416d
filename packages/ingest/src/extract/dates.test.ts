import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ANT_CORPUS, hasAnt, hasSeeds, SEEDS_DIR, seedText, skipNotice } from '../testing/shared.ts';
import { findDateClues, findTextDate, findUrlDate, inferPublicationDate, parseRecordDate, resolveEventDate, type DateClue } from './dates.ts';

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
    for (const s of [
      '2021-02-29',
      '31/04/2020',
      '2020-13-01',
      '2020-10-01T25:00',
      '2020-10-01T12:75',
      '',
      '   ',
      'غدا',
      '12345',
      '2020-10-01 and more',
      '0000-00-00',
    ]) {
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
    const text =
      'أعلنت الرابطة المحترفة برنامج الجولة الأولى من مرحلة التتويج بعد اجتماع مكتبها التنفيذي يوم أمس في العاصمة تونس.\nالأحد 26 فيفري 2017\nالساعة 14:00 الترجي - النجم';
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

describe('numeric and French dates', () => {
  it('reads d/m/y day first with any separator, spaces around it and either digits', () => {
    expect(parseRecordDate('1 / 10 / 2020')).toBe('2020-10-01');
    expect(parseRecordDate('01-10-2020 | 14:30')).toBe('2020-10-01');
    expect(parseRecordDate('01.10.2020 - 14:30')).toBe('2020-10-01');
    expect(parseRecordDate('٠١.١٠.٢٠٢٠')).toBe('2020-10-01');
    for (const line of ['١ / ١٠ / ٢٠٢٠', '01 . 10 . 2020 - 10:15', 'الخميس 1-10-2020', 'mardi 1er octobre 2020', '1 octobre 2020']) {
      expect(findTextDate(`${line}\nوصل الوزير إلى العاصمة في زيارة رسمية.`)?.date, line).toBe('2020-10-01');
    }
    expect(findTextDate('30 août 2020\nوصل الوزير إلى العاصمة في زيارة رسمية.')?.date).toBe('2020-08-30');
  });

  it('falls back to month first only where day first is impossible, and rejects impossible days', () => {
    expect(parseRecordDate('10/31/2020')).toBe('2020-10-31');
    expect(parseRecordDate('10 / 31 / 2020')).toBe('2020-10-31');
    expect(findTextDate('١٠/٣١/٢٠٢٠\nنص المقال.')?.date).toBe('2020-10-31');
    expect(parseRecordDate('2020-10-01')).toBe('2020-10-01');
    for (const s of ['31/02/2020', '31 / 02 / 2020', '13/13/2020', '00/10/2020']) expect(parseRecordDate(s), s).toBeNull();
    expect(findTextDate('31/02/2020\nنص المقال.')).toBeNull();
  });

  it('does not read two-digit years', () => {
    expect(parseRecordDate('01/10/20')).toBeNull();
    expect(findTextDate('01/10/20\nنص المقال.')).toBeNull();
  });
});

describe('findUrlDate', () => {
  it('reads the day from the path in its usual forms', () => {
    const cases: [string, string][] = [
      ['https://www.example.org/2020/09/30/esper-tunis/', '2020-09-30'],
      ['https://www.example.org/ar/2020/9/30/esper', '2020-09-30'],
      ['/news/2020/09/30', '2020-09-30'],
      ['https://example.org/news/20200930/esper-tunis', '2020-09-30'],
      ['https://example.org/politique/esper-tunis-2020-09-30.html', '2020-09-30'],
      ['https://example.org/2020-09-30/esper', '2020-09-30'],
      ['https://example.org/2020/10/01/%D8%A5%D8%B3%D8%A8%D8%B1-%D9%81%D9%8A', '2020-10-01'],
    ];
    for (const [url, date] of cases) expect(findUrlDate(url), url).toEqual({ date, evidence: expect.any(String) });
  });

  it('gives nothing for a month without a day, the host, impossible days or long ids', () => {
    for (const url of [
      'https://example.org/2020/09/esper-tunis',
      'https://2020.example.org/a/1',
      'https://example.org/2020/02/31/x',
      'https://example.org/article/123456789',
      'https://example.org/a/20201340',
      'not a url',
      '',
    ]) {
      expect(findUrlDate(url), url).toBeNull();
    }
  });
});

describe('findDateClues', () => {
  const one = (text: string) => {
    const clues = findDateClues(text);
    expect(clues, text).toHaveLength(1);
    return clues[0] as DateClue;
  };

  it('reads a weekday with «أمس», «أول أمس», «اليوم», «غدا», «بعد غد» before it', () => {
    expect(one('قام الوزير أمس الخميس بزيارة إلى الجزائر.')).toMatchObject({ weekday: 4, offset: [-1, -1], span: 'day', evidence: 'أمس الخميس', start: 11 });
    expect(one('وصل الوفد مساء أمس الخميس إلى الرباط.')).toMatchObject({ weekday: 4, offset: [-1, -1], evidence: 'مساء أمس الخميس' });
    expect(one('وصل الوزير أول أمس الخميس إلى الرباط.')).toMatchObject({ weekday: 4, offset: [-2, -2], evidence: 'أول أمس الخميس' });
    expect(one('يزور الوزير اليوم الأربعاء العاصمة.')).toMatchObject({ weekday: 3, offset: [0, 0] });
    expect(one('يصل وزير الدفاع الأمريكي غدا الأربعاء إلى تونس.')).toMatchObject({ weekday: 3, offset: [1, 1], tense: 'future', evidence: 'غدا الأربعاء' });
    expect(one('تبدأ المحادثات بعد غد الخميس في الرباط.')).toMatchObject({ weekday: 4, offset: [2, 2] });
  });

  it('reads «الماضي» and «المقبل» after a weekday as another week', () => {
    expect(one('كان الوزير قد زار تونس الخميس الماضي.')).toMatchObject({ weekday: 4, offset: [-7, -1], likely: -2, evidence: 'الخميس الماضي' });
    expect(one('يزور الوزير تونس الأربعاء المقبل.')).toMatchObject({ weekday: 3, offset: [1, 7], likely: 3 });
    expect(one('وصل الوزير، الاثنين القادم، إلى الرباط.')).toMatchObject({ weekday: 1, offset: [1, 7] });
  });

  it('gives a bare weekday the tense of its sentence: a report looks back, a preview ahead', () => {
    expect(one('زار وزير الخارجية الجزائر الأربعاء، والتقى الرئيس.')).toMatchObject({ weekday: 3, offset: [-6, 0], likely: 0, tense: 'past' });
    expect(one('سيزور وزير الخارجية الجزائر الأربعاء في أول جولة له.')).toMatchObject({ weekday: 3, offset: [0, 6], likely: 0, tense: 'future' });
    expect(one('ومن المقرر أن يلتقي الوزير نظيره الأربعاء.')).toMatchObject({ offset: [0, 6], tense: 'future' });
    expect(one('يصل الوزير الأربعاء إلى تونس في زيارة تدوم يوما.')).toMatchObject({ offset: [0, 6], tense: 'future' });
    // the nearest verb decides, within the sentence
    expect(one('سيزور الوزير الجزائر. وكان قد وصل إلى تونس الأربعاء.')).toMatchObject({ tense: 'past', offset: [-6, 0] });
    expect(one('وصل الوزير إلى تونس، وسيزور الجزائر الأربعاء.')).toMatchObject({ tense: 'future', offset: [0, 6] });
    expect(one('اجتمع الطرفان السّبت في العاصمة.')).toMatchObject({ weekday: 6, tense: 'past' });
    expect(one('الخميس، اجتماع للحكومة في العاصمة.')).toMatchObject({ weekday: 4, tense: null, offset: [-6, 0] });
  });

  it('reads days without a weekday: «أمس», «أول أمس», «صباح اليوم», «غدا» in a preview, «بعد غد», a week', () => {
    expect(one('وصل الوزير أمس إلى الرباط.')).toMatchObject({ weekday: null, offset: [-1, -1], evidence: 'أمس' });
    expect(one('وصل الوزير أول من أمس إلى الرباط.')).toMatchObject({ weekday: null, offset: [-2, -2] });
    expect(one('وصل الوزير صباح اليوم إلى الرباط.')).toMatchObject({ weekday: null, offset: [0, 0], evidence: 'صباح اليوم' });
    expect(one('سيصل الوزير غدا إلى الرباط.')).toMatchObject({ weekday: null, offset: [1, 1] });
    expect(one('يصل الوزير بعد غد إلى الرباط.')).toMatchObject({ weekday: null, offset: [2, 2] });
    expect(one('زار الوزير الرباط الأسبوع الماضي.')).toMatchObject({ weekday: null, span: 'week', offset: [-13, -1] });
    expect(one('يزور الوزير الرباط الأسبوع المقبل.')).toMatchObject({ span: 'week', offset: [1, 13] });
  });

  it('finds every clue in order', () => {
    const clues = findDateClues('أعلنت الوزارة السبت أن الوزير سيزور تونس الأربعاء.');
    expect(clues.map((c) => [c.weekday, c.tense])).toEqual([
      [6, 'past'],
      [3, 'future'],
    ]);
  });

  it('skips bounds, «الاثنين» meaning "the two", a bare «اليوم», and «غدا» meaning "became"', () => {
    expect(findDateClues('تستمر الزيارة حتى الجمعة، وتنتهي قبل مساء السبت.')).toEqual([]);
    expect(findDateClues('وبحث الاثنان العلاقات، واتفق الاثنين على مواصلة التنسيق.')).toEqual([]);
    expect(one('وصل الوزير، الاثنين، إلى الرباط.').weekday).toBe(1);
    expect(one('ووصل بلينكن إلى الرباط مساء الاثنين قادما من إسرائيل.').weekday).toBe(1);
    expect(findDateClues('وقالت صحيفة اليوم السابع إن الأمن اليوم أولوية.')).toEqual([]);
    expect(findDateClues('وقد غدا الأمر صعبا على الحكومة.')).toEqual([]);
  });
});

describe('resolveEventDate', () => {
  // published Thursday 2020-10-01
  const on = (clue: Parameters<typeof resolveEventDate>[0]) => resolveEventDate(clue, '2020-10-01');
  const day = (d: string) => ({ from: d, to: d });

  it('dates the day each clue names against the publication', () => {
    expect(on({ weekday: 3, offset: [-1, -1] })).toEqual(day('2020-09-30')); // أمس الأربعاء
    expect(on({ weekday: 3, offset: [-6, 0] })).toEqual(day('2020-09-30')); // زار … الأربعاء
    expect(on({ weekday: 4, offset: [-6, 0] })).toEqual(day('2020-10-01')); // زار … الخميس: today
    expect(on({ weekday: 3, offset: [-7, -1] })).toEqual(day('2020-09-30')); // الأربعاء الماضي
    expect(on({ weekday: 4, offset: [-7, -1] })).toEqual(day('2020-09-24')); // الخميس الماضي: not today
    expect(on({ weekday: 3, offset: [1, 7] })).toEqual(day('2020-10-07')); // الأربعاء المقبل
    expect(on({ weekday: 5, offset: [0, 6] })).toEqual(day('2020-10-02')); // سيزور … الجمعة
    expect(on({ weekday: 3, offset: [0, 6] })).toEqual(day('2020-10-07')); // سيزور … الأربعاء: the coming one
    expect(on({ weekday: 4, offset: [0, 6] })).toEqual(day('2020-10-01')); // سيزور … الخميس: later today
    expect(on({ weekday: null, offset: [1, 1] })).toEqual(day('2020-10-02')); // غدا
    expect(on({ weekday: null, offset: [-2, -2] })).toEqual(day('2020-09-29')); // أول أمس
    expect(on({ weekday: null, offset: [-13, -1] })).toEqual({ from: '2020-09-18', to: '2020-09-30' }); // الأسبوع الماضي
  });

  it('gives nothing when the clue contradicts the date, or the date is not one', () => {
    expect(on({ weekday: 4, offset: [-1, -1] })).toBeNull(); // أمس الخميس, on a Thursday
    expect(resolveEventDate({ weekday: 3, offset: [-1, -1] }, '01/10/2020')).toBeNull();
  });
});

describe('inferPublicationDate', () => {
  const tunisia = { start: '2020-09-30', end: '2020-09-30' }; // a Wednesday
  const infer = (text: string, visitWindow = tunisia) => inferPublicationDate({ clues: findDateClues(text), visitWindow })?.date ?? null;

  it('puts a preview before the visit and a report on or after it, at the likely distance', () => {
    expect(infer('يصل وزير الدفاع الأمريكي غدا الأربعاء إلى تونس في أول زيارة له.')).toBe('2020-09-29');
    expect(infer('تبدأ الزيارة بعد غد الأربعاء.')).toBe('2020-09-28');
    expect(infer('يزور وزير الدفاع الأمريكي تونس الأربعاء المقبل.')).toBe('2020-09-27');
    // a bare weekday in a preview is most often the day itself («يصل الوزير الأربعاء», on Wednesday)
    expect(infer('سيزور وزير الدفاع الأمريكي تونس الأربعاء.')).toBe('2020-09-30');
    expect(infer('زار وزير الدفاع الأمريكي تونس الأربعاء.')).toBe('2020-09-30');
    expect(infer('زار وزير الدفاع الأمريكي تونس اليوم الأربعاء.')).toBe('2020-09-30');
    expect(infer('زار وزير الدفاع الأمريكي تونس أمس الأربعاء.')).toBe('2020-10-01');
    expect(infer('زار وزير الدفاع الأمريكي تونس الأربعاء الماضي.')).toBe('2020-10-02');
    expect(infer('قام الوزير أمس الخميس بزيارة إلى الجزائر.', { start: '2020-10-01', end: '2020-10-01' })).toBe('2020-10-02');
  });

  it('passes over a weekday that is not a day of the visit, and takes the next clue', () => {
    // a Saturday is three days from a Wednesday visit: another event, never the Saturday after it
    expect(infer('وصل الوزير إلى المنطقة السبت في جولة.')).toBeNull();
    expect(infer('أعلنت الوزارة السبت أن الوزير سيزور تونس غدا الأربعاء.')).toBe('2020-09-29');
    // the evening before the visit counts as its day, a day's slack for the window
    expect(infer('وصل الوزير إلى تونس مساء الثلاثاء.')).toBe('2020-09-29');
  });

  it('dates a day without a weekday only against a one-day visit', () => {
    expect(infer('وصل الوزير أمس إلى تونس.')).toBe('2020-10-01');
    expect(infer('سيصل الوزير غدا إلى تونس.')).toBe('2020-09-29');
    expect(infer('وصل الوزير أمس إلى الرباط.', { start: '2020-10-01', end: '2020-10-03' })).toBeNull();
    expect(infer('زار الوزير تونس الأسبوع الماضي.')).toBeNull();
  });

  it('finds the day of a longer visit, and gives up on a tie or a bad window', () => {
    expect(infer('وصل الوزير إلى الجزائر الخميس.', { start: '2019-12-04', end: '2019-12-06' })).toBe('2019-12-05');
    // Monday–Tuesday window with slack: Sunday before, Wednesday after; a Friday is too far either way
    expect(infer('وصل الوزير الجمعة.', { start: '2022-03-28', end: '2022-03-29' })).toBeNull();
    expect(infer('وصل الوزير، الاثنين، إلى الرباط.', { start: '2022-03-01', end: '2022-03-20' })).toBeNull();
    expect(infer('وصل الوزير الأربعاء.', { start: '2022-03-30', end: '2022-03-28' })).toBeNull();
    expect(infer('وصل الوزير الأربعاء.', { start: '30/03/2022', end: '2022-03-30' })).toBeNull();
    // across a month and a year end
    expect(infer('قام الوزير أمس الخميس بزيارة.', { start: '2020-12-31', end: '2020-12-31' })).toBe('2021-01-01');
  });
});

describe.skipIf(skipNotice('seed pages', hasSeeds, SEEDS_DIR))('dates of the seed pages', () => {
  it('finds the dateline of 000 and 003, and nothing in 001, 002 and 004', () => {
    expect(findTextDate(seedText('000'))?.date).toBe('2020-10-02');
    expect(findTextDate(seedText('003'))?.date).toBe('2020-09-30');
    for (const s of ['001', '002', '004']) expect(findTextDate(seedText(s)), s).toBeNull();
  });

  it('infers the publication of 002 and 004 from their days against the visits they cover', () => {
    const infer = (seed: string, day: string) => inferPublicationDate({ clues: findDateClues(seedText(seed)), visitWindow: { start: day, end: day } })?.date;
    expect(infer('002', '2020-10-01')).toBe('2020-10-02');
    expect(infer('004', '2022-03-30')).toBe('2022-03-30');
  });
});
