import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEntities } from './entities.ts';
import { ConfigError, isCountryCode } from './node.ts';
import { loadVisits, parseVisits } from './visits.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../../data/config/', import.meta.url));

const visit = (id: string, extra = '', dates = '    start_date: 2020-10-01\n    end_date: 2020-10-01\n') =>
  `  - id: ${id}\n    official: mark-esper\n    host_country: DZ\n    city: Algiers\n    place_ids: [algiers]\n${dates}    label_ar: زيارة\n    label_en: Visit\n${extra}`;

function errorOf(yaml: string, known?: ReadonlySet<string>): ConfigError {
  try {
    parseVisits('visits.yaml', yaml, known);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseVisits', () => {
  it('reads a visit, with tour and counterparts when given', () => {
    const [v] = parseVisits('visits.yaml', `visits:\n${visit('a', '    tour: t\n    counterparts: [abdelmadjid-tebboune]\n')}`);
    expect(v).toEqual({
      id: 'a',
      official: 'mark-esper',
      host_country: 'DZ',
      city: 'Algiers',
      place_ids: ['algiers'],
      start_date: '2020-10-01',
      end_date: '2020-10-01',
      label_ar: 'زيارة',
      label_en: 'Visit',
      tour: 't',
      counterparts: ['abdelmadjid-tebboune'],
    });
  });

  it('keeps dates as written (no time zone shift) and makes a one-day visit from start_date alone', () => {
    const [v] = parseVisits('visits.yaml', `visits:\n${visit('a', '', '    start_date: 2019-12-04\n')}`);
    expect([v?.start_date, v?.end_date]).toEqual(['2019-12-04', '2019-12-04']);
  });

  it('rejects an end before the start, at end_date', () => {
    const err = errorOf(`visits:\n${visit('a', '', '    start_date: 2022-03-30\n    end_date: 2022-03-28\n')}`);
    expect(err.message).toMatch(/^visits\.yaml:8:15 visits\[0\]\.end_date: end_date 2022-03-28 is before start_date 2022-03-30/);
  });

  it('names the unknown official id and its line when entity ids are given', () => {
    const err = errorOf(`visits:\n${visit('a')}`, new Set(['algiers', 'antony-blinken']));
    expect(err.line).toBe(3);
    expect(err.message).toContain('visits[0].official: unknown official entity id "mark-esper"');
  });

  it('checks places and counterparts against the entity ids too', () => {
    const known = new Set(['mark-esper', 'algiers']);
    expect(errorOf(`visits:\n${visit('a', '    counterparts: [tebboune]\n')}`, known).message).toContain('unknown counterpart entity id "tebboune"');
    expect(() => parseVisits('visits.yaml', `visits:\n${visit('a')}`, known)).not.toThrow();
  });

  it('rejects country codes that are not assigned alpha-2 codes', () => {
    expect(errorOf(`visits:\n${visit('a').replace('DZ', 'UK')}`).message).toMatch(/:4:19 .*host_country: expected an ISO 3166-1 alpha-2/);
    expect(isCountryCode('DZ')).toBe(true);
    expect(isCountryCode('QQ')).toBe(false);
    expect(isCountryCode('dz')).toBe(false);
  });

  it('rejects duplicate ids and unknown keys', () => {
    expect(errorOf(`visits:\n${visit('a')}${visit('a')}`).message).toContain('duplicate visit id "a" (first defined at line 2)');
    expect(errorOf(`visits:\n${visit('a', '    country: DZ\n')}`).message).toContain('unknown key "country"');
  });
});

// This checks the shipped visits themselves (the contract's default visits, against the shipped
// entities), so it reads data/config; the loader is tested above on inline YAML.
describe('data/config/visits.yaml', () => {
  it('holds the default visits of the contract, with ids that exist in entities.yaml', () => {
    const ids = new Set(loadEntities(CONFIG_DIR).map((e) => e.id));
    const visits = loadVisits(CONFIG_DIR, ids);
    const byId = new Map(visits.map((v) => [v.id, v]));
    const expected: [string, string, string, string, string][] = [
      ['esper-2020-tunisia', 'mark-esper', 'TN', '2020-09-30', '2020-09-30'],
      ['esper-2020-algeria', 'mark-esper', 'DZ', '2020-10-01', '2020-10-01'],
      ['esper-2020-morocco', 'mark-esper', 'MA', '2020-10-02', '2020-10-02'],
      ['blinken-2022-morocco', 'antony-blinken', 'MA', '2022-03-28', '2022-03-29'],
      ['blinken-2022-algeria', 'antony-blinken', 'DZ', '2022-03-30', '2022-03-30'],
      ['pompeo-2019-morocco', 'mike-pompeo', 'MA', '2019-12-04', '2019-12-06'],
    ];
    for (const [id, official, country, start, end] of expected) {
      const v = byId.get(id);
      expect(v, id).toBeDefined();
      expect([v?.official, v?.host_country, v?.start_date, v?.end_date], id).toEqual([official, country, start, end]);
    }
  });
});
