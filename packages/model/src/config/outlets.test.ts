import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './node.ts';
import { aliasKey, loadOutlets, parseOutlets } from './outlets.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../../data/config/', import.meta.url));

const outlet = (id: string, extra = '') => `  - id: ${id}
    name_ar: اسم ${id}
    name_en: Name ${id}
${extra}`;

function errorOf(yaml: string): ConfigError {
  try {
    parseOutlets('outlets.yaml', yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseOutlets', () => {
  it('reads an outlet with defaults for the optional fields', () => {
    const cfg = parseOutlets('outlets.yaml', `outlets:\n${outlet('a', '    domain: www.Example.com\n    country: MA\n    aliases: Example\n')}`);
    expect(cfg.outlets).toEqual([{ id: 'a', name_ar: 'اسم a', name_en: 'Name a', domain: 'example.com', country: 'MA', aliases: ['Example'], signatures: [] }]);
    expect(cfg.wire_services).toEqual([]);
  });

  it('names file, line and key for an unknown key', () => {
    const err = errorOf(`outlets:\n${outlet('a', '    alias: [x]\n')}`);
    expect(err.message).toMatch(/^outlets\.yaml:5:5 outlets\[0\]\.alias: unknown key "alias"/);
  });

  it('rejects a duplicate id, pointing at the second one', () => {
    const err = errorOf(`outlets:\n${outlet('a')}${outlet('a')}`);
    expect(err.line).toBe(5);
    expect(err.message).toContain('duplicate outlet id "a" (first defined at line 2)');
  });

  it('accepts only upper-case alpha-2 codes that exist (UK and alpha-3 are not)', () => {
    expect(errorOf(`outlets:\n${outlet('a', '    country: UK\n')}`).message).toMatch(/:5:14 outlets\[0\]\.country: expected an ISO 3166-1 alpha-2/);
    expect(() => parseOutlets('o.yaml', `outlets:\n${outlet('a', '    country: GBR\n')}`)).toThrow(ConfigError);
    expect(() => parseOutlets('o.yaml', `outlets:\n${outlet('a', '    country: gb\n')}`)).toThrow(ConfigError);
  });

  it('rejects an alias that already names another outlet, even spelt differently', () => {
    const err = errorOf(`outlets:\n${outlet('a', '    aliases: [Al Arabiya]\n')}${outlet('b', '    aliases: [al-arabiya]\n')}`);
    expect(err.message).toContain('"al-arabiya" already names outlet "a"');
    expect(err.keyPath).toBe('outlets[1].aliases[0]');
  });

  it('rejects a domain with a scheme or path', () => {
    expect(errorOf(`outlets:\n${outlet('a', '    domain: https://x.com/ar\n')}`).message).toContain('expected a host name');
  });

  it('reads wire services and rejects one without names', () => {
    const cfg = parseOutlets('o.yaml', `outlets:\n${outlet('a')}wire_services:\n  - id: reuters\n    names: [رويترز, Reuters]\n`);
    expect(cfg.wire_services).toEqual([{ id: 'reuters', names: ['رويترز', 'Reuters'] }]);
    expect(errorOf(`outlets:\n${outlet('a')}wire_services:\n  - id: x\n`).message).toContain('wire_services[0].names: is required');
  });
});

describe('aliasKey', () => {
  it('ignores case, spacing, punctuation and Arabic spelling variants', () => {
    expect(aliasKey('AlArabiya')).toBe(aliasKey('Al-Arabiya'));
    expect(aliasKey('سكاي نيوز عربية')).toBe(aliasKey('سكاي  نيوز عربيه'));
    expect(aliasKey('أنا الخبر')).toBe(aliasKey('انا الخبر'));
    expect(aliasKey('عربي ٢١')).toBe(aliasKey('عربي21'));
    expect(aliasKey('الخبر')).not.toBe(aliasKey('أنا الخبر'));
  });

  it('folds Maghrebi letters and presentation forms as the text core does', () => {
    expect(aliasKey('الشروڨ')).toBe(aliasKey('الشروق'));
    expect(aliasKey('ﺍﻟﺸﺮﻭﻕ')).toBe(aliasKey('الشروق'));
    expect(aliasKey('ڤيتو نيوز')).toBe(aliasKey('فيتو نيوز'));
  });
});

// These check the shipped outlets themselves (the seeds' outlets, the ANT corpus's names, the wire
// services the seeds credit), so they read data/config; the loader is tested above on inline YAML.
describe('data/config/outlets.yaml', () => {
  const cfg = loadOutlets(CONFIG_DIR);
  const byId = new Map(cfg.outlets.map((o) => [o.id, o]));

  it('loads, with the seeds outlets and their countries', () => {
    expect(path.basename(cfg.file)).toBe('outlets.yaml');
    expect(byId.get('almadenah-news')?.country).toBe('JO');
    expect(byId.get('al-quds-al-arabi')?.country).toBe('GB');
    expect(byId.get('al-jazeera-net')?.country).toBe('QA');
    expect(byId.get('analkhabar')?.country).toBe('MA');
  });

  it('has an alias for every outlet name the ANT corpus uses', () => {
    const keys = new Map<string, string>();
    for (const o of cfg.outlets) for (const a of [o.name_en, o.name_ar, ...o.aliases]) keys.set(aliasKey(a), o.id);
    const ant = { AlArabiya: 'AE', 'BBC Arabic': 'GB', 'CNN Arabic': 'US', 'France24 Arabic': 'FR', 'Sky News Arabia': 'AE', 'Jawhara FM': 'TN' };
    for (const [name, country] of Object.entries(ant)) {
      const id = keys.get(aliasKey(name));
      expect(id, name).toBeDefined();
      expect(byId.get(id as string)?.country, name).toBe(country);
    }
  });

  it('lists the agencies the seeds credit as wire services', () => {
    const wires = new Set(cfg.wire_services.flatMap((w) => w.names.map(aliasKey)));
    for (const name of ['رويترز', 'وكالات', 'الأناضول', 'عربي 21', 'أ ف ب', 'واج']) expect(wires.has(aliasKey(name)), name).toBe(true);
  });
});
