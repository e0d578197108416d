import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadEntities, parseEntities, variantKey, type EntityDef } from './entities.ts';
import { ConfigError } from './node.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../../data/config/', import.meta.url));

function parse(yaml: string): EntityDef[] {
  return parseEntities(['test.yaml', yaml]);
}

function failure(yaml: string): ConfigError {
  try {
    parse(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

// These check the shipped gazetteer itself (the ids other stages and the visits rely on, ISO countries,
// no spelling claimed twice), so they read data/config; the loader is tested below on inline YAML.
describe('data/config/entities.yaml', () => {
  const entities = loadEntities(CONFIG_DIR);
  const byId = new Map(entities.map((e) => [e.id, e]));

  it('defines the ids other stages rely on, with their types and countries', () => {
    const expected: [string, EntityDef['type'], string | null][] = [
      ['mark-esper', 'person', 'US'],
      ['antony-blinken', 'person', 'US'],
      ['mike-pompeo', 'person', 'US'],
      ['abdelmadjid-tebboune', 'person', 'DZ'],
      ['kais-saied', 'person', 'TN'],
      ['nasser-bourita', 'person', 'MA'],
      ['ramtane-lamamra', 'person', 'DZ'],
      ['tunisia', 'location', 'TN'],
      ['algeria', 'location', 'DZ'],
      ['morocco', 'location', 'MA'],
      ['united-states', 'location', 'US'],
      ['libya', 'location', 'LY'],
      ['mali', 'location', 'ML'],
      ['tunis', 'location', 'TN'],
      ['algiers', 'location', 'DZ'],
      ['rabat', 'location', 'MA'],
      ['carthage', 'location', 'TN'],
      ['sahel', 'location', null],
      ['western-sahara', 'location', 'EH'],
      ['pentagon', 'organization', 'US'],
      ['us-state-department', 'organization', 'US'],
      ['united-nations', 'organization', null],
      ['nato', 'organization', null],
      ['africom', 'organization', 'US'],
      ['polisario', 'organization', null],
    ];
    for (const [id, type, country] of expected) {
      const e = byId.get(id);
      expect(e, id).toBeDefined();
      expect([e?.type, e?.country], id).toEqual([type, country]);
    }
  });

  it('gives every country its ISO code and every city but Jerusalem its country', () => {
    for (const e of entities) {
      if (e.kind === 'country') expect(e.country, e.id).toMatch(/^[A-Z]{2}$/);
      if (e.kind === 'city' && e.id !== 'jerusalem') expect(e.country, e.id).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('adds the ISO countries the YAML does not define, and lets the YAML take its own over', () => {
    expect(byId.get('belarus')?.variants).toEqual(['روسيا البيضاء']);
    // one Morocco only: the library's «المغرب» went to the YAML entry, not to a second entity
    expect(entities.filter((e) => e.country === 'MA' && e.kind === 'country').map((e) => e.id)).toEqual(['morocco']);
    // «بنين» ("sons") is in skip_names
    expect(entities.some((e) => e.variants.some((v) => variantKey(v) === variantKey('بنين')))).toBe(false);
    expect(entities.length).toBeGreaterThan(300);
  });

  it('claims every spelling for one entity only', () => {
    const owner = new Map<string, string>();
    for (const e of entities) {
      for (const v of e.variants) {
        const prev = owner.get(variantKey(v));
        expect(prev === undefined || prev === e.id, `${v}: ${prev} and ${e.id}`).toBe(true);
        owner.set(variantKey(v), e.id);
      }
    }
    // the city of Tunis never claims the country's plain name
    expect(owner.get(variantKey('تونس'))).toBe('tunisia');
    expect(owner.get(variantKey('الجزائر العاصمة'))).toBe('algiers');
  });

  it('expands equivalent spellings inside names', () => {
    const pentagon = byId.get('pentagon')?.variants.map(variantKey) ?? [];
    expect(pentagon).toContain(variantKey('وزارة الدفاع الأميركية'));
    expect(pentagon).toContain(variantKey('البنتاجون'));
    expect(byId.get('abdelmadjid-tebboune')?.variants.map(variantKey)).toContain(variantKey('عبدالمجيد تبون'));
    expect(byId.get('staffan-de-mistura')?.variants.map(variantKey)).toContain(variantKey('ستيفان دي ميستورا'));
  });
});

describe('parseEntities', () => {
  const base = `
entities:
  - { id: mali, type: location, kind: country, country: ML, name_ar: مالي, name_en: Mali }
`;

  it('reads a minimal entry with defaults', () => {
    const [e] = parse(`
entities:
  - { id: reuters, type: organization, name_ar: رويترز, name_en: Reuters }
`);
    expect(e).toMatchObject({ id: 'reuters', kind: 'other', country: null, variants: ['رويترز'], context: [] });
    expect(e?.where).toBe('test.yaml:3');
  });

  it('rejects an unknown key with file, line and key', () => {
    const err = failure(`
entities:
  - id: mali
    type: location
    kind: country
    country: ML
    name_ar: مالي
    name_en: Mali
    varients: [جمهورية مالي]
`);
    expect(err.message).toMatch(/^test\.yaml:9:\d+ entities\[0\]\.varients: unknown key "varients"/);
  });

  it('reports a duplicate id with both places', () => {
    const err = failure(`${base}  - { id: mali, type: location, kind: country, country: ML, name_ar: جمهورية مالي, name_en: Mali }\n`);
    expect(err.message).toContain('duplicate entity id "mali" (first defined at test.yaml:3)');
    expect(err.line).toBe(4);
  });

  it('reports a spelling claimed by two entities, even written differently', () => {
    const err = failure(`
entities:
  - { id: united-states, type: location, kind: country, country: US, name_ar: الولايات المتحدة, name_en: United States, variants: [أمريكا] }
  - { id: usa-again, type: location, kind: region, name_ar: امريكا, name_en: America }
`);
    expect(err.line).toBe(4);
    expect(err.message).toContain('already names entity "united-states" (test.yaml:3)');
  });

  it('reports two entities whose spellings differ only by a letter the matching fold unifies, at both lines', () => {
    // ڤ/ف, ڨ/ق, گ/ك, a presentation form: the gazetteer would match both on the same words
    const pairs: [string, string][] = [
      ['ڤيكتور لاميري', 'فيكتور لاميري'],
      ['سليم بوڨرة', 'سليم بوقرة'],
      ['نادية گمال', 'نادية كمال'],
      ['ﻋﻼء الصافي', 'علاء الصافي'],
      ['رضا بن-علي', 'رضا بن - علي'],
    ];
    for (const [a, b] of pairs) {
      const err = failure(`entities:
  - { id: person-one, type: person, name_ar: سمير دباغ, name_en: One }
  - { id: person-two, type: person, name_ar: ${a}, name_en: Two }
  - { id: person-three, type: person, name_ar: عمر زروقي, name_en: Three, variants: [${b}] }
`);
      expect(err.line, b).toBe(4);
      expect(err.message, b).toMatch(/^test\.yaml:4:\d+ .*already names entity "person-two" \(test\.yaml:3\)/);
    }
  });

  it('reports the same clash across two files', () => {
    expect(() =>
      parseEntities(['a.yaml', base], ['b.yaml', 'entities:\n  - { id: mali-2, type: location, kind: region, name_ar: مالي, name_en: X }\n']),
    ).toThrow(/^b\.yaml:2:.*already names entity "mali" \(a\.yaml:3\)/);
  });

  it('checks ids, kinds and country codes', () => {
    expect(failure('entities:\n  - { id: Mark_Esper, type: person, name_ar: إسبر, name_en: Esper }\n').message).toContain('kebab-case');
    expect(failure('entities:\n  - { id: keep, type: person, name_ar: إسبر, name_en: Esper }\n').message).toContain('reserved');
    expect(failure('entities:\n  - { id: x, type: person, kind: city, name_ar: إسبر, name_en: Esper }\n').message).toContain('expected one of person');
    expect(failure('entities:\n  - { id: x, type: location, kind: country, name_ar: مالي, name_en: Mali }\n').message).toContain('country: is required');
    expect(failure('entities:\n  - { id: x, type: location, kind: country, country: MLI, name_ar: مالي, name_en: Mali }\n').message).toContain('alpha-2');
    expect(failure('entities:\n  - { id: x, type: location, name_ar: مالي, name_en: Mali }\n').message).toContain('kind: is required');
  });

  it('reads context rules and checks what they name', () => {
    const [mali] = parse(`
entities:
  - id: mali
    type: location
    kind: country
    country: ML
    name_ar: مالي
    name_en: Mali
    variants: [جمهورية مالي]
    context:
      - variants: [مالي]
        rules:
          - { preceded_by: [في, دولة], then: keep }
          - { near: [باماكو], window: 4, in_article: [الساحل], then: keep }
        otherwise: drop
`);
    expect(mali?.context).toEqual([
      {
        variants: ['مالي'],
        rules: [
          { preceded_by: ['في', 'دولة'], followed_by: [], proclitic: [], near: [], window: 6, in_article: [], then: 'keep' },
          { preceded_by: [], followed_by: [], proclitic: [], near: ['باماكو'], window: 4, in_article: ['الساحل'], then: 'keep' },
        ],
        otherwise: 'drop',
      },
    ]);
    const guarded = (rule: string, variants = '[مالي]') =>
      `entities:\n  - id: mali\n    type: location\n    kind: country\n    country: ML\n    name_ar: مالي\n    name_en: Mali\n` +
      `    context:\n      - variants: ${variants}\n        rules:\n          - ${rule}\n`;
    expect(failure(guarded('{ preceded_by: [في], then: bamako }')).message).toContain('unknown entity id "bamako"');
    expect(failure(guarded('{ then: drop }')).message).toContain('a rule needs a condition');
    expect(failure(guarded('{ preceded_by: [بدولة مالي], then: drop }')).message).toContain('not a single word');
    expect(failure(guarded('{ proclitic: [ال], then: keep }')).message).toContain('not one of و ف ب ك ل');
    expect(failure(guarded('{ preceded_by: [في], window: 3, then: keep }')).message).toContain('only means something with "near"');
    expect(failure(guarded('{ preceded_by: [في], then: keep }', '[تمبكتو]')).message).toContain('"تمبكتو" is not a variant of "mali"');
    // a single word written without brackets is a list of one, and checked as such
    expect(failure(guarded('{ preceded_by: بدولة مالي, then: drop }')).message).toMatch(/:11:\d+ .*preceded_by: "بدولة مالي" is not a single word/);
    expect(failure(guarded('{ preceded_by: [في], then: keep }', 'تمبكتو')).message).toMatch(/context\[0\]\.variants: "تمبكتو" is not a variant of "mali"/);
  });

  it('hands a resolution to another entity by id', () => {
    const defs = parse(`
entities:
  - { id: algiers, type: location, kind: city, country: DZ, name_ar: الجزائر, match_name: false, name_en: Algiers, variants: [الجزائر العاصمة] }
  - id: algeria
    type: location
    kind: country
    country: DZ
    name_ar: الجزائر
    name_en: Algeria
    context:
      - rules:
          - { preceded_by: [العاصمة], then: algiers }
`);
    const algeria = defs.find((d) => d.id === 'algeria');
    expect(algeria?.context[0]?.rules[0]?.then).toEqual({ entity: 'algiers' });
    // no variants listed: the guard covers all of them
    expect(algeria?.context[0]?.variants).toEqual(['الجزائر']);
    expect(defs.find((d) => d.id === 'algiers')?.variants).toEqual(['الجزائر العاصمة']);
  });

  it('expands equivalence groups in every variant, guards included', () => {
    const [e] = parse(`
equivalents:
  - [الأمريكية, الأميركية]
entities:
  - id: us-state-department
    type: organization
    name_ar: وزارة الخارجية الأمريكية
    name_en: State Department
    variants: [الخارجية الأمريكية]
    context:
      - variants: [الخارجية الأمريكية]
        rules:
          - { followed_by: [سابقا], then: drop }
`);
    expect(e?.variants).toEqual(['وزارة الخارجية الأمريكية', 'وزارة الخارجية الأميركية', 'الخارجية الأمريكية', 'الخارجية الأميركية']);
    expect(e?.context[0]?.variants).toEqual(['الخارجية الأمريكية', 'الخارجية الأميركية']);
  });
});

describe('loadEntities', () => {
  it('loads entities.yaml and every file of entities/, naming the file in errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-entities-'));
    try {
      mkdirSync(path.join(dir, 'entities'));
      writeFileSync(path.join(dir, 'entities', 'a-persons.yaml'), 'entities:\n  - { id: mark-esper, type: person, name_ar: مارك إسبر, name_en: Mark Esper }\n');
      writeFileSync(
        path.join(dir, 'entities', 'b-places.yaml'),
        'entities:\n  - { id: rabat, type: location, kind: city, country: MA, name_ar: الرباط, name_en: Rabat }\n',
      );
      expect(loadEntities(dir).map((e) => e.id)).toEqual(['mark-esper', 'rabat']);
      writeFileSync(
        path.join(dir, 'entities', 'c-bad.yaml'),
        'entities:\n  - { id: rabat, type: location, kind: city, country: MA, name_ar: سلا, name_en: Sale }\n',
      );
      expect(() => loadEntities(dir)).toThrow(/c-bad\.yaml:2:\d+ .*duplicate entity id "rabat" \(first defined at .*b-places\.yaml:2\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when there is no gazetteer at all', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-entities-'));
    try {
      expect(() => loadEntities(dir)).toThrow(ConfigError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('variants_latin', () => {
  it("adds the Latin spellings, name_en and the name in its brackets, and the library's English and French country names", () => {
    const [tebboune, pentagon, algeria] = parse(`
countries:
  include_all: true
entities:
  - { id: abdelmadjid-tebboune, type: person, name_ar: عبد المجيد تبون, name_en: Abdelmadjid Tebboune, variants_latin: [Tebboune, Tabboune, TEBBOUNE] }
  - { id: pentagon, type: organization, name_ar: البنتاغون, name_en: Pentagon (US Department of Defense) }
  - { id: algeria, type: location, kind: country, country: DZ, name_ar: الجزائر, name_en: Algeria }
`);
    expect(tebboune?.variants_latin).toEqual(['Tebboune', 'Tabboune', 'Abdelmadjid Tebboune']);
    expect(pentagon?.variants_latin).toEqual(['Pentagon', 'US Department of Defense']);
    expect(algeria?.variants_latin).toContain('Algérie');
  });

  it('reports an Arabic spelling, a spelling without letters, and a clash, with file and line', () => {
    const arabic = failure('entities:\n  - id: x\n    type: person\n    name_ar: تبون\n    name_en: Tebboune\n    variants_latin: [Tabboune, تبون]\n');
    expect(arabic.message).toMatch(/^test\.yaml:6:\d+ .*"تبون" has Arabic letters/);
    expect(failure('entities:\n  - { id: x, type: person, name_ar: تبون, name_en: Tebboune, variants_latin: ["2020"] }\n').message).toMatch(
      /^test\.yaml:2:\d+ .*"2020" has no Latin letters/,
    );
    // «Saïed» and «Saied» are one spelling: accents do not matter
    const clash = failure(`entities:
  - { id: kais-saied, type: person, name_ar: قيس سعيد, name_en: Kais Saied, variants_latin: [Saïed] }
  - { id: other-saied, type: person, name_ar: سعيد آخر, name_en: Other, variants_latin: [Kais Saïed] }
`);
    expect(clash.line).toBe(3);
    expect(clash.message).toContain('already names entity "kais-saied" (test.yaml:2)');
  });
});
