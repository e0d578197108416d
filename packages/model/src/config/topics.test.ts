import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './node.ts';
import { loadTopics, parseTopics } from './topics.ts';

const CONFIG_DIR = fileURLToPath(new URL('../../../../data/config/', import.meta.url));

const CONTRACT_TOPICS = [
  'counterterrorism',
  'military_cooperation',
  'arms_trade',
  'libya_conflict',
  'sahel_security',
  'western_sahara',
  'energy',
  'great_power_competition',
  'human_rights',
  'constitution_governance',
  'peacekeeping',
  'israel_normalization',
  'ukraine_war',
  'economic_cooperation',
  'regional_rivalry',
  'migration',
];

const topic = (id: string, body = '    cues:\n      الإرهاب: 1\n') => `  - id: ${id}\n    label_ar: موضوع\n    label_en: Topic\n${body}`;

function errorOf(yaml: string, known?: ReadonlySet<string>): ConfigError {
  try {
    parseTopics('topics.yaml', yaml, known);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseTopics', () => {
  it('reads cues written as a mapping, and as a list of phrases or {text, weight}', () => {
    const [a, b] = parseTopics(
      'topics.yaml',
      `topics:\n${topic('a', '    cues:\n      مكافحة الإرهاب: 2\n      داعش: 1.5\n    exclude: [القاعدة الجوية]\n    min_score: 0.6\n')}${topic(
        'b',
        '    cues:\n      - الغاز\n      - { text: النفط, weight: 0.5 }\n',
      )}`,
    );
    expect(a).toEqual({
      id: 'a',
      label_ar: 'موضوع',
      label_en: 'Topic',
      cues: [
        { text: 'مكافحة الإرهاب', weight: 2 },
        { text: 'داعش', weight: 1.5 },
      ],
      exclude: ['القاعدة الجوية'],
      min_score: 0.6,
    });
    expect(b?.cues).toEqual([
      { text: 'الغاز', weight: 1 },
      { text: 'النفط', weight: 0.5 },
    ]);
    expect(b?.exclude).toEqual([]);
  });

  it('names file, line and key for an unknown key', () => {
    const err = errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    excludes: [x]\n')}`);
    expect(err.message).toMatch(/^topics\.yaml:7:5 topics\[0\]\.excludes: unknown key "excludes"/);
  });

  it('rejects a duplicate id, pointing at the second one', () => {
    const err = errorOf(`topics:\n${topic('a')}${topic('a')}`);
    expect(err.line).toBe(7);
    expect(err.message).toContain('duplicate topic id "a" (first defined at line 2)');
  });

  it('rejects a topic without cues', () => {
    expect(errorOf(`topics:\n${topic('a', '    cues: {}\n')}`).message).toMatch(/:5:11 topics\[0\]\.cues: needs at least one cue/);
    expect(errorOf(`topics:\n${topic('a', '')}`).message).toContain('needs at least one cue');
  });

  it('rejects weights outside (0, 3] and weights that are not numbers, at the weight', () => {
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 0\n')}`).message).toMatch(/:6:16 .*weight must be in \(0, 3\], got 0/);
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 5\n')}`).message).toContain('got 5');
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      - { text: الإرهاب, weight: -1 }\n')}`).message).toContain('got -1');
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: high\n')}`).message).toContain('expected a number, got "high"');
  });

  it('checks cue syntax: a stem needs three letters, * only at the end, no dangling gap', () => {
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      قو* الأمم: 1\n')}`).message).toContain('at least 3 letters');
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      إر*هاب: 1\n')}`).message).toContain('"*" may only end a word');
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      "بيع ...": 1\n')}`).message).toContain('cannot start or end with "..."');
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    exclude: [ليبيا + مالي]\n')}`).message).toContain('an exclusion is a phrase');
  });

  it('rejects min_score outside (0, 1)', () => {
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    min_score: 1.5\n')}`).message).toContain('min_score must be between 0 and 1');
  });

  it('checks entity cues against the known entity ids when given', () => {
    const yaml = `topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    entities:\n      libya: 1\n')}`;
    expect(parseTopics('topics.yaml', yaml)[0]?.entities).toEqual([{ id: 'libya', weight: 1 }]);
    expect(errorOf(yaml, new Set(['mali'])).message).toMatch(/:8:14 .*unknown entity id "libya"/);
  });
});

describe('parseTopics: patterns and requires', () => {
  const P = (body: string) => `topics:\n${topic('a', body)}`;

  it('reads pattern cues under patterns: and in a cue list, with window, id and requires', () => {
    const [a] = parseTopics(
      'topics.yaml',
      P(
        '    cues:\n      الإرهاب: 1\n      قطع العلاقات: { weight: 1.5, requires: [{ countries: [MA] }, { countries: DZ }] }\n' +
          '    patterns:\n      - { id: ct-fight, pattern: [[مكافحة, محاربة], [الإرهاب, الجماعات المتشددة]], window: 4, weight: 2 }\n' +
          '    requires:\n      - { words: [أمن, إرهاب*], window: 10 }\n',
      ),
      new Set(['mali']),
    );
    expect(a?.cues[1]).toEqual({ text: 'قطع العلاقات', weight: 1.5, requires: [{ countries: ['MA'] }, { countries: ['DZ'] }] });
    expect(a?.cues[2]).toEqual({
      id: 'ct-fight',
      text: '[مكافحة|محاربة] ~4 [الإرهاب|الجماعات المتشددة]',
      pattern: [
        ['مكافحة', 'محاربة'],
        ['الإرهاب', 'الجماعات المتشددة'],
      ],
      window: 4,
      weight: 2,
      where: 'topics.yaml:9',
    });
    expect(a?.requires).toEqual([{ words: ['أمن', 'إرهاب*'], window: 10 }]);
  });

  it('names file and line for a bad pattern', () => {
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    patterns:\n      - { pattern: [[مكافحة]], weight: 2 }\n')).message).toMatch(
      /^topics\.yaml:8:20 topics\[0\]\.patterns\[0\]\.pattern: a pattern is a list of at least two word lists/,
    );
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    patterns:\n      - { pattern: [[مكافحة], الإرهاب] }\n')).message).toMatch(
      /^topics\.yaml:8:31 .*pattern\[1\]: expected a list of words/,
    );
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    patterns:\n      - { pattern: [[مكافحة], [الإرهاب]], window: 50 }\n')).message).toMatch(
      /^topics\.yaml:8:51 .*window must be a whole number of words from 0 to 30, got 50/,
    );
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    patterns:\n      - { pattern: [[مكافحة], [... الإرهاب]] }\n')).message).toMatch(
      /^topics\.yaml:8:32 .*"\.\.\." has no place in a pattern word/,
    );
    expect(errorOf(P('    cues:\n      - { text: الإرهاب, pattern: [[أ], [ب]] }\n')).message).toContain('either "text" or "pattern"');
    expect(errorOf(P('    cues:\n      - { text: الإرهاب, window: 3 }\n')).message).toMatch(/:6:34 .*"window" belongs to a "pattern" cue/);
    expect(errorOf(P('    cues:\n      - { id: x, text: الإرهاب }\n    patterns:\n      - { id: x, pattern: [[مكافحة], [الإرهاب]] }\n')).message).toMatch(
      /^topics\.yaml:8: duplicate cue id "x" \(first defined at line 6\)/,
    );
  });

  it('names file and line for a bad requirement', () => {
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    requires:\n      - { country: [MA] }\n')).message).toMatch(
      /^topics\.yaml:8:11 topics\[0\]\.requires\[0\]\.country: unknown key "country"/,
    );
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    requires:\n      - { countries: [Morocco] }\n')).message).toMatch(
      /^topics\.yaml:8:23 .*expected an ISO 3166-1 alpha-2 country code like "MA", got "Morocco"/,
    );
    expect(errorOf(P('    cues:\n      الإرهاب: { weight: 1, requires: [{ entities: [libya] }] }\n'), new Set(['mali'])).message).toMatch(
      /^topics\.yaml:6:53 .*unknown entity id "libya"/,
    );
    expect(errorOf(P('    cues:\n      الإرهاب: 1\n    requires:\n      - { window: 3 }\n')).message).toMatch(/:8:9 .*needs entities, countries or words/);
    expect(errorOf(P('    cues:\n      الإرهاب: { weight: 1, require: [] }\n')).message).toMatch(/:6:29 .*unknown key "require"/);
  });
});

// These check the shipped taxonomy itself (the contract's topics, labels, cue lists in three
// languages), so they read data/config; the loader is tested on inline YAML elsewhere in this file.
describe('data/config/topics.yaml', () => {
  const topics = loadTopics(CONFIG_DIR);

  it('holds exactly the default taxonomy of the contract', () => {
    expect(topics.map((t) => t.id).sort()).toEqual([...CONTRACT_TOPICS].sort());
  });

  it('gives every topic both labels and a rich cue list', () => {
    for (const t of topics) {
      expect(t.label_ar, t.id).toMatch(/[\u0600-\u06ff]/);
      expect(t.label_en, t.id).toMatch(/^[A-Z]/);
      expect(t.cues.length, t.id).toBeGreaterThanOrEqual(20);
      // phrases stay few enough to read; patterns come on top
      expect(t.cues.filter((c) => !c.pattern).length, t.id).toBeLessThanOrEqual(40);
      expect(
        t.cues.some((c) => c.weight >= 2 || c.text.includes(' ')),
        t.id,
      ).toBe(true);
    }
  });

  it('gives every topic English and French cues', () => {
    for (const t of topics) {
      expect(t.cues_en?.length ?? 0, t.id).toBeGreaterThanOrEqual(10);
      expect(t.cues_fr?.length ?? 0, t.id).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('parseTopics: cues_en and cues_fr', () => {
  it('reads English and French cues beside the Arabic ones', () => {
    const [a] = parseTopics(
      'topics.yaml',
      `topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    cues_en:\n      counterterrorism: 2\n    cues_fr:\n      - lutte antiterroriste\n')}`,
    );
    expect(a?.cues_en).toEqual([{ text: 'counterterrorism', weight: 2 }]);
    expect(a?.cues_fr).toEqual([{ text: 'lutte antiterroriste', weight: 1 }]);
  });

  it('reports a bad English or French cue with file and line', () => {
    const arabic = errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    cues_en:\n      terrorism: 1\n      الإرهاب: 1\n')}`);
    expect(arabic.message).toMatch(/^topics\.yaml:9:\d+ .*cues_en are English phrases/);
    const weight = errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    cues_fr:\n      terrorisme: 4\n')}`);
    expect(weight.message).toMatch(/^topics\.yaml:8:\d+ .*weight must be in \(0, 3\], got 4/);
    expect(errorOf(`topics:\n${topic('a', '    cues:\n      الإرهاب: 1\n    cues_en:\n      "te*rror": 1\n')}`).message).toMatch(
      /:8:\d+ .*"\*" may only end a word/,
    );
  });
});
