import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@mirsad/model/config';
import { loadVisits } from '@mirsad/model/config/visits';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../clean/index.ts';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { findMentions } from '../extract/mentions.ts';
import { FIXTURE_CONFIG_DIR } from '../testing/fixtures.ts';
import { CONFIG_DIR, hasSeeds, SEEDS_DIR, skipNotice } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import type { MentionHit } from '../types.ts';
import { choosePrimary, dateFactor, scoreFeatures, scoreVisits, UNKNOWN_DATE_CAP, visitFeatures, visitsOfNamedOfficials } from './visits.ts';

const visits = loadVisits(FIXTURE_CONFIG_DIR);

const COUNTRY: Record<string, string> = {
  'mark-esper': 'US',
  'antony-blinken': 'US',
  'mike-pompeo': 'US',
  tunisia: 'TN',
  tunis: 'TN',
  carthage: 'TN',
  'kais-saied': 'TN',
  algeria: 'DZ',
  algiers: 'DZ',
  'abdelmadjid-tebboune': 'DZ',
  'ramtane-lamamra': 'DZ',
  morocco: 'MA',
  rabat: 'MA',
  'nasser-bourita': 'MA',
  qatar: 'QA',
};
const entityCountry = (id: string) => COUNTRY[id] ?? null;

/** Mentions as `id@sentence`, each sentence 200 characters long. */
const mentions = (...specs: string[]): MentionHit[] =>
  specs.map((s, i) => {
    const [entityId, sentence] = s.split('@');
    const start = Number(sentence) * 200 + i;
    return { entityId: entityId as string, method: 'gazetteer', surface: entityId as string, start, end: start + 5, sentence: Number(sentence) };
  });

const link = (m: MentionHit[], publishedDate: string | null, dateSource: string | null = 'manifest') =>
  scoreVisits({ mentions: m, entityCountry, publishedDate, dateSource }, visits);

describe('scoreVisits', () => {
  it('needs the official: Blinken in Algiers is not Esper in Algeria, even with Esper named in passing', () => {
    const got = link(mentions('antony-blinken@0', 'algeria@0', 'ramtane-lamamra@1', 'abdelmadjid-tebboune@2', 'mark-esper@7'), '2022-03-30');
    expect(got[0]?.visitId).toBe('blinken-2022-algeria');
    expect(got.map((v) => v.visitId).filter((id) => id.startsWith('esper'))).toEqual([]);
  });

  it('gives nothing for host and date without the official', () => {
    expect(link(mentions('algeria@0', 'abdelmadjid-tebboune@0', 'algiers@1'), '2020-10-01')).toEqual([]);
  });

  it('does not link an article dated far from the visit, whatever the text says', () => {
    expect(link(mentions('mark-esper@0', 'algeria@0', 'abdelmadjid-tebboune@1', 'algiers@1'), '2022-06-01')).toEqual([]);
  });

  it('links an undated article on its text alone, under a lower cap', () => {
    const got = link(mentions('mike-pompeo@0', 'rabat@0', 'morocco@1', 'nasser-bourita@1'), null, null);
    expect(got.map((v) => v.visitId)).toEqual(['pompeo-2019-morocco']);
    expect(got[0]?.score).toBeLessThanOrEqual(UNKNOWN_DATE_CAP);
    const dated = link(mentions('mike-pompeo@0', 'rabat@0', 'morocco@1', 'nasser-bourita@1'), '2019-12-05');
    expect(dated[0]?.score).toBeGreaterThan(got[0]?.score as number);
  });

  it('needs some pointer to the host: the official alone does not say which stop', () => {
    expect(link(mentions('mark-esper@0', 'mark-esper@2', 'qatar@1'), '2020-10-01')).toEqual([]);
  });

  it('ranks the stop a tour article dwells on first and keeps the others, lower', () => {
    const got = link(
      mentions(
        'mark-esper@0',
        'tunisia@0',
        'tunisia@1',
        'carthage@4',
        'kais-saied@4',
        'mark-esper@5',
        'algiers@6',
        'abdelmadjid-tebboune@6',
        'rabat@7',
        'morocco@7',
      ),
      '2020-09-30',
    );
    expect(got.map((v) => v.visitId)).toEqual(['esper-2020-tunisia', 'esper-2020-algeria', 'esper-2020-morocco']);
    expect((got[0]?.score as number) - (got[1]?.score as number)).toBeGreaterThan(0.3);
  });

  it('weighs mentions in the first sentences more than the same mentions further down', () => {
    const lead = link(mentions('mark-esper@0', 'mark-esper@1', 'algeria@1', 'algeria@2'), '2020-10-01')[0]?.score as number;
    const late = link(mentions('mark-esper@8', 'mark-esper@9', 'algeria@9', 'algeria@10'), '2020-10-01')[0]?.score as number;
    expect(late).toBeGreaterThan(0);
    expect(lead).toBeGreaterThan(late + 0.1);
  });

  it('counts the first characters as lead even when a dateline line pushed them to a later sentence', () => {
    const at = (entityId: string, sentence: number, start: number): MentionHit => ({
      entityId,
      method: 'gazetteer',
      surface: entityId,
      start,
      end: start + 5,
      sentence,
    });
    const pushed = link([at('mark-esper', 4, 120), at('morocco', 4, 160)], '2020-10-02')[0]?.score as number;
    const late = link([at('mark-esper', 4, 900), at('morocco', 4, 940)], '2020-10-02')[0]?.score as number;
    expect(pushed).toBeGreaterThan(late);
  });

  it('returns scores in (0, 1], best first', () => {
    const got = link(mentions('mark-esper@0', 'mark-esper@1', 'algeria@0', 'algiers@1', 'abdelmadjid-tebboune@1', 'morocco@3'), '2020-10-02');
    expect(got.length).toBeGreaterThan(1);
    for (const v of got) expect(v.score > 0 && v.score <= 1).toBe(true);
    expect([...got].sort((a, b) => b.score - a.score)).toEqual(got);
  });
});

describe('dateFactor', () => {
  const visit = { start_date: '2022-03-28', end_date: '2022-03-29' };
  it('is strong within two days of the window, weaker within two weeks, nil months away', () => {
    expect(dateFactor('2022-03-28', visit)).toBe(1);
    expect(dateFactor('2022-03-31', visit)).toBe(1);
    expect(dateFactor('2022-03-26', visit)).toBe(1);
    const tenDays = dateFactor('2022-04-08', visit) as number;
    expect(tenDays).toBeGreaterThan(0.5);
    expect(tenDays).toBeLessThan(0.75);
    expect(dateFactor('2022-04-20', visit)).toBe(0.25);
    expect(dateFactor('2022-07-01', visit)).toBe(0);
    expect(dateFactor('2020-03-29', visit)).toBe(0);
  });
  it('counts a date inferred from a weekday for less, and says null when there is no date', () => {
    expect(dateFactor('2022-03-29', visit, 'inferred')).toBeLessThan(1);
    expect(dateFactor(null, visit)).toBeNull();
    expect(dateFactor('not a date', visit)).toBeNull();
  });
});

describe.skipIf(skipNotice('visit acceptance on the seeds', hasSeeds, SEEDS_DIR))('visits of the seeds', () => {
  const config = hasSeeds ? loadConfig(CONFIG_DIR) : null;
  const gazetteer = config ? compileGazetteer(config.entities) : null;
  const countryOf = new Map(config?.entities.map((e) => [e.id, e.country ?? null]) ?? []);
  const files = hasSeeds
    ? readdirSync(SEEDS_DIR)
        .filter((f) => f.endsWith('.txt'))
        .sort()
    : [];
  const dates = new Map(
    hasSeeds
      ? readFileSync(path.join(SEEDS_DIR, 'manifest.csv'), 'utf8')
          .split('\n')
          .slice(1)
          .filter(Boolean)
          .map((line) => {
            const cells = line.split(',');
            return [cells[0] as string, cells[4] || null] as const;
          })
      : [],
  );
  const visitsOf = (n: number) => {
    const file = files[n] as string;
    const raw = readFileSync(path.join(SEEDS_DIR, file), 'utf8');
    const nl = raw.indexOf('\n');
    const { body } = cleanText({ title: raw.slice(0, nl), text: raw.slice(nl + 1), format: 'txt' });
    const { mentions: found } = findMentions(analyze(body), gazetteer as NonNullable<typeof gazetteer>);
    const publishedDate = dates.get(file) ?? null;
    return scoreVisits({ mentions: found, entityCountry: (id) => countryOf.get(id) ?? null, publishedDate, dateSource: 'manifest' }, config?.visits ?? []);
  };

  it('000 and 002 are Esper in Algeria', () => {
    expect(visitsOf(0)[0]?.visitId).toBe('esper-2020-algeria');
    expect(visitsOf(2)[0]?.visitId).toBe('esper-2020-algeria');
  });

  it('001 (undated, from Doha) recaps all three Esper stops, each weaker than a dated article', () => {
    const got = visitsOf(1);
    expect(got.map((v) => v.visitId).sort()).toEqual(['esper-2020-algeria', 'esper-2020-morocco', 'esper-2020-tunisia']);
    for (const v of got) expect(v.score).toBeLessThanOrEqual(UNKNOWN_DATE_CAP);
  });

  it('003 starts in Tunisia and previews Algiers and Rabat', () => {
    const got = visitsOf(3);
    expect(got.map((v) => v.visitId)).toEqual(['esper-2020-tunisia', 'esper-2020-algeria', 'esper-2020-morocco']);
  });

  it('004 is Blinken in Algeria; Morocco, visited before, lower if at all', () => {
    const got = visitsOf(4);
    expect(got[0]?.visitId).toBe('blinken-2022-algeria');
    const morocco = got.find((v) => v.visitId === 'blinken-2022-morocco');
    if (morocco) expect(morocco.score).toBeLessThan((got[0]?.score as number) * 0.7);
    expect(got.some((v) => v.visitId.startsWith('esper'))).toBe(false);
  });
});

describe('choosePrimary', () => {
  /** Mentions with positions: `id@sentence`, headline when `h` is appended (`rabat@0h`). */
  const features = (specs: string[], dateline: string | null = null) => {
    const m = specs.map((s, i) => {
      const [entityId, rest] = s.split('@') as [string, string];
      const sentence = Number.parseInt(rest, 10);
      const start = rest.endsWith('h') ? i : 1000 + sentence * 200 + i;
      return { entityId, method: 'gazetteer' as const, surface: entityId, start, end: start + 1, sentence };
    });
    const f = visitFeatures({ mentions: m, entityCountry, publishedDate: '2020-10-01', dateSource: 'manifest', lead: { start: 500, sentence: 1 } });
    return scoreFeatures({ ...f, dateline }, entityCountry, visits);
  };

  it('makes the one stop of a single-stop article primary', () => {
    expect(choosePrimary(features(['mark-esper@1', 'algeria@1', 'abdelmadjid-tebboune@2']))).toBe('esper-2020-algeria');
  });

  it('picks the stop the headline and dateline point to when the text names the other stops too', () => {
    const got = features(['mark-esper@0h', 'carthage@0h', 'kais-saied@1', 'tunisia@2', 'algeria@5', 'morocco@6', 'rabat@6'], 'tunis');
    expect(got.length).toBeGreaterThan(1);
    expect(choosePrimary(got)).toBe('esper-2020-tunisia');
  });

  it('gives no primary stop to an article about the tour as a whole', () => {
    const got = features(
      ['mark-esper@0h', 'mark-esper@1', 'tunisia@4', 'kais-saied@5', 'algeria@6', 'abdelmadjid-tebboune@7', 'morocco@8', 'nasser-bourita@9'],
      'dubai',
    );
    expect(got.length).toBe(3);
    expect(choosePrimary(got)).toBeNull();
  });
});

describe('visitsOfNamedOfficials', () => {
  const features = (ids: string[]) =>
    visitFeatures({
      mentions: ids.map((entityId, i) => ({ entityId, method: 'gazetteer' as const, surface: entityId, start: 1000 + i, end: 1001 + i, sentence: 1 + i })),
      entityCountry,
      publishedDate: '2020-10-01',
      dateSource: 'manifest',
      lead: { start: 500, sentence: 1 },
    });

  it('gives the visits of the officials an article names, and scoring against them equals scoring against all', () => {
    const of = visitsOfNamedOfficials(visits);
    const f = features(['mark-esper', 'tunisia', 'algeria', 'morocco']);
    expect(of(f).length).toBeGreaterThan(0);
    expect(of(f).every((v) => v.official === 'mark-esper')).toBe(true);
    expect(of(f).length).toBeLessThan(visits.length);
    expect(scoreFeatures(f, entityCountry, of(f))).toEqual(scoreFeatures(f, entityCountry, visits));
    expect(of(features(['tunisia', 'algeria']))).toEqual([]);
  });
});

describe('visitFeatures', () => {
  const mention = (entityId: string, start: number) => ({
    entityId,
    method: 'gazetteer' as const,
    surface: entityId,
    start,
    end: start + 1,
    sentence: start < 500 ? 0 : 2,
  });

  it('weighs an entity id named like a member of Object.prototype as it weighs any other id', () => {
    // ids are config slugs: nothing stops an entity being called «constructor»
    const features = (ids: readonly string[]) =>
      visitFeatures({
        mentions: [mention(ids[0]!, 10), mention(ids[0]!, 900), mention(ids[1]!, 950), mention(ids[2]!, 990)],
        entityCountry,
        publishedDate: null,
        lead: { start: 500, sentence: 1 },
      });
    const plain = features(['a', 'b', 'c']);
    const named = features(['constructor', 'toString', '__proto__']);
    expect(Object.entries(named.weights)).toEqual(Object.entries(plain.weights).map(([id, w]) => [{ a: 'constructor', b: 'toString', c: '__proto__' }[id], w]));
    expect(Object.entries(named.headline)).toEqual([['constructor', plain.headline.a]]);
  });
});
