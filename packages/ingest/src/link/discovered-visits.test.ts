import type { VisitDef } from '@mirsad/model/config/visits';
import { describe, expect, it } from 'vitest';
import { assignTours, discoverVisits, type EntityInfo, type RunClaim, type RunVisit } from './discovered-visits.ts';

const info: EntityInfo = {
  nameAr: (id) => ({ 'mike-pompeo': 'مايك بومبيو', 'mark-esper': 'مارك إسبر' })[id] ?? null,
  nameEn: (id) => ({ 'mike-pompeo': 'Mike Pompeo', 'mark-esper': 'Mark Esper', doha: 'Doha' })[id] ?? null,
  countryAr: (cc) => ({ QA: 'قطر', MA: 'المغرب', DZ: 'الجزائر' })[cc] ?? null,
  countryEn: (cc) => ({ QA: 'Qatar', MA: 'Morocco', DZ: 'Algeria' })[cc] ?? null,
  isCity: (id) => id === 'doha',
};

const claim = (over: Partial<RunClaim>): RunClaim => ({
  visitor: 'mike-pompeo',
  visitorCountry: 'US',
  host: 'QA',
  place: 'doha',
  hostPersons: [],
  date: '2020-02-29',
  dateFrom: 'published',
  sequence: null,
  where: 'body',
  pattern: 'arrive',
  start: 0,
  end: 10,
  sentence: 3,
  cue: 'وصل',
  articleId: 'a1',
  configured: [],
  ...over,
});

const configured: VisitDef[] = [
  {
    id: 'esper-2020-algeria',
    official: 'mark-esper',
    host_country: 'DZ',
    city: 'Algiers',
    place_ids: [],
    start_date: '2020-10-01',
    end_date: '2020-10-01',
    label_ar: 'x',
    label_en: 'x',
    tour: 'esper-2020-maghreb',
  },
  {
    id: 'esper-2020-morocco',
    official: 'mark-esper',
    host_country: 'MA',
    city: 'Rabat',
    place_ids: [],
    start_date: '2020-10-02',
    end_date: '2020-10-02',
    label_ar: 'x',
    label_en: 'x',
    tour: 'esper-2020-maghreb',
  },
];

const discovered = (claims: RunClaim[]) => discoverVisits(claims, configured, info).visits.filter((v) => v.origin === 'discovered');

describe('discoverVisits: thresholds', () => {
  it('makes no visit from one stray sentence in the body of one article', () => {
    expect(discovered([claim({})])).toEqual([]);
  });

  it('makes no visit from two sentences of one article when neither is in its headline or lead', () => {
    expect(discovered([claim({}), claim({ sentence: 5 })])).toEqual([]);
  });

  it('makes no visit from two articles that mention it in their bodies only, but does from three', () => {
    expect(discovered([claim({}), claim({ articleId: 'a2' })])).toEqual([]);
    expect(discovered([claim({}), claim({ articleId: 'a2' }), claim({ articleId: 'a3' })])).toHaveLength(1);
  });

  it('makes a visit from two articles when one reports it in its lead, with labels in both languages and a stable id', () => {
    const got = discovered([claim({ where: 'lead' }), claim({ articleId: 'a2', date: '2020-03-01', dateFrom: 'published' })]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      id: 'pompeo-2020-qatar',
      official: 'mike-pompeo',
      host_country: 'QA',
      city: 'Doha',
      start_date: '2020-02-29',
      end_date: '2020-03-01',
      label_en: 'Mike Pompeo in Qatar',
      label_ar: 'زيارة مايك بومبيو إلى قطر',
    });
  });

  it('prefers the days the sentences name to publication dates for the window', () => {
    const got = discovered([
      claim({ date: '2020-02-29', dateFrom: 'clue', where: 'lead' }),
      claim({ articleId: 'a2', date: '2020-02-29', dateFrom: 'clue' }),
      claim({ articleId: 'a3', date: '2020-03-01' }),
    ]);
    expect([got[0]?.start_date, got[0]?.end_date]).toEqual(['2020-02-29', '2020-02-29']);
  });

  it('makes a visit from one article whose headline reports it and one more sentence, not from a headline alone', () => {
    expect(discovered([claim({ where: 'headline' })])).toEqual([]);
    expect(discovered([claim({ where: 'headline' }), claim({ sentence: 6 })])).toHaveLength(1);
  });

  it('never starts a visit from a tour list alone, nor joins claims weeks apart', () => {
    expect(
      discovered([claim({ pattern: 'tour', where: 'lead' }), claim({ pattern: 'tour', articleId: 'a2' }), claim({ pattern: 'tour', articleId: 'a3' })]),
    ).toEqual([]);
    expect(discovered([claim({ where: 'lead' }), claim({ articleId: 'a2', date: '2020-04-15', where: 'lead' })])).toEqual([]);
  });
});

describe('discoverVisits: merging and tours', () => {
  it('merges a cluster that is a configured visit into it, with its evidence', () => {
    const claims = [
      claim({ visitor: 'mark-esper', host: 'DZ', place: null, date: '2020-10-02' }),
      claim({ visitor: 'mark-esper', host: 'DZ', place: null, articleId: 'a2', date: '2020-10-01' }),
    ];
    const got = discoverVisits(claims, configured, info);
    expect(got.visits.filter((v) => v.origin === 'discovered')).toEqual([]);
    expect(got.evidence.map((e) => e.visitId)).toEqual(['esper-2020-algeria', 'esper-2020-algeria']);
  });

  it('dates an undated stop that follows a configured tour next to it, and puts it in that tour', () => {
    const undated = { visitor: 'mark-esper', date: null, dateFrom: null, sequence: 'after' as const, configured: ['esper-2020-morocco'] };
    const got = discoverVisits([claim({ ...undated, where: 'headline' }), claim({ ...undated, where: 'lead', sentence: 2 })], configured, info);
    const qatar = got.visits.find((v) => v.origin === 'discovered');
    expect(qatar).toMatchObject({ id: 'esper-2020-qatar', start_date: '2020-10-02', end_date: '2020-10-03', tour_id: 'esper-2020-maghreb' });
    expect(got.visits.filter((v) => v.origin === 'config').every((v) => v.tour_id === 'esper-2020-maghreb')).toBe(true);
  });

  it('groups stops of one official by date contiguity, and leaves a lone stop without a tour', () => {
    const v = (id: string, start: string, end: string, official = 'mike-pompeo'): RunVisit => ({
      id,
      official,
      host_country: 'XX',
      city: null,
      place_ids: [],
      start_date: start,
      end_date: end,
      label_ar: '',
      label_en: '',
      origin: 'discovered',
      tour_id: null,
    });
    const visits = [
      v('pompeo-2019-portugal', '2019-12-04', '2019-12-04'),
      v('pompeo-2019-morocco', '2019-12-05', '2019-12-06'),
      v('pompeo-2020-qatar', '2020-02-29', '2020-02-29'),
      v('other-2019-x', '2019-12-05', '2019-12-05', 'someone'),
    ];
    assignTours(visits);
    expect(visits.map((x) => x.tour_id)).toEqual(['pompeo-2019-portugal-tour', 'pompeo-2019-portugal-tour', null, null]);
  });
});
