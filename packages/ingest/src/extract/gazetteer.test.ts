import type { EntityDef } from '@mirsad/model/config/entities';
import { parseEntities } from '@mirsad/model/config/entities';
import { ConfigError } from '@mirsad/model';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { compileGazetteer, lookupEndings, mayCarryProclitics, variantWords, WordKeys } from './gazetteer.ts';

const entity = (over: Partial<EntityDef>): EntityDef => ({
  id: 'x',
  type: 'person',
  kind: 'person',
  name_ar: 'س',
  name_en: 'X',
  variants: [],
  variants_latin: [],
  country: null,
  context: [],
  where: 'test.yaml:1',
  ...over,
});

describe('compileGazetteer', () => {
  it('builds a word trie keyed by normalised words', () => {
    const g = compileGazetteer([entity({ id: 'kais-saied', variants: ['قيس سعيّد'] })]);
    const node = g.root.get('قيس')?.next?.get('سعيد');
    expect(node?.hit?.entityId).toBe('kais-saied');
    expect(g.root.get('قيس')?.hit).toBeNull();
  });

  it('rejects two entities whose spellings normalise to the same words, naming both places', () => {
    // definitions that did not come through the loader (which rejects this first)
    const a = entity({ id: 'a', variants: ['علاء'], where: 'a.yaml:3' });
    const b = entity({ id: 'b', variants: ['عﻼء'], where: 'b.yaml:9' });
    expect(() => compileGazetteer([a, b])).toThrow('b.yaml:9: variant "عﻼء" of "b" matches the same words as "علاء" of "a" (a.yaml:3)');
  });

  it('reports a collision as a config error with file and line, not a crash', () => {
    const a = entity({ id: 'a', variants: ['فيكتور لاميري'], where: 'a.yaml:3' });
    const b = entity({ id: 'b', variants: ['ڤيكتور لاميري'], where: 'b.yaml:9' });
    let thrown: unknown;
    try {
      compileGazetteer([a, b]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ file: 'b.yaml', line: 9 });
    expect((thrown as Error).message).toContain('(a.yaml:3)');
  });

  it('rejects duplicate ids and rules that name unknown entities', () => {
    expect(() => compileGazetteer([entity({ id: 'a', variants: ['أ ب'] }), entity({ id: 'a', variants: ['ت ث'] })])).toThrow('duplicate entity id "a"');
    const guarded = entity({
      id: 'a',
      variants: ['مالي'],
      context: [{ variants: ['مالي'], rules: [], otherwise: { entity: 'nowhere' } }],
    });
    expect(() => compileGazetteer([guarded])).toThrow('names unknown entity "nowhere"');
  });

  it('attaches a guard to the variants it covers only', () => {
    const [mali] = parseEntities([
      't.yaml',
      `entities:
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
          - { preceded_by: [في], then: keep }
        otherwise: drop
`,
    ]);
    const g = compileGazetteer([mali as EntityDef]);
    const guard = g.root.get('مالي')?.hit?.guard;
    expect(guard?.otherwise).toBeNull();
    expect(guard?.rules[0]?.then).toBe('mali');
    expect([...(guard?.rules[0]?.precededBy ?? [])]).toEqual(['في']);
    expect(g.root.get('جمهوريه')?.next?.get('مالي')?.hit?.guard).toBeNull();
  });

  it('derives nationality adjectives from one-word place names', () => {
    const g = compileGazetteer([
      entity({ id: 'tunisia', type: 'location', kind: 'country', variants: ['تونس'] }),
      entity({ id: 'france', type: 'location', kind: 'country', variants: ['فرنسا'] }),
      entity({ id: 'morocco', type: 'location', kind: 'country', variants: ['المغرب'] }),
    ]);
    for (const adj of ['التونسي', 'التونسيه', 'تونسي', 'الفرنسي', 'الفرنسيين', 'المغربي', 'الامريكي']) expect(g.adjectives.has(adj), adj).toBe(true);
    expect(g.adjectives.has('تونس')).toBe(false);
  });

  it('derives the adjectives of place names that end in the nisba ي plus alef or ta marbuta', () => {
    const g = compileGazetteer([
      entity({ id: 'syria', type: 'location', kind: 'country', variants: ['سوريا', 'سورية'] }),
      entity({ id: 'libya', type: 'location', kind: 'country', variants: ['ليبيا'] }),
      entity({ id: 'saudi', type: 'location', kind: 'country', variants: ['السعودية'] }),
    ]);
    for (const adj of ['السوري', 'السوريه', 'سوري', 'السوريين', 'الليبي', 'الليبيه', 'ليبيون', 'السعودي']) expect(g.adjectives.has(adj), adj).toBe(true);
    for (const wrong of ['السوريي', 'الليبييه', 'سوريا', 'ليبيا']) expect(g.adjectives.has(wrong), wrong).toBe(false);
  });

  it('keeps punctuation inside a variant as a word of its own', () => {
    expect(variantWords('أ ف ب')).toEqual(['ا', 'ف', 'ب']);
    expect(variantWords('عربي 21')).toEqual(['عربي', '21']);
  });
});

describe('WordKeys', () => {
  it('reads proclitics only when a reading could reach a known first word', () => {
    const tokens = tokenize('وللجزائر وللمجلس كتب');
    const keys = new WordKeys(tokens, [lookupEndings(['الجزائر'])]);
    expect(keys.splits(0)).toBe(true);
    expect(keys.at(0).map((k) => [k.key, k.skip])).toContainEqual(['الجزائر', 2]);
    // nothing named «…مجلس» is known: the word is looked up whole, without the cost of splitting it
    expect(keys.splits(1)).toBe(false);
    expect(mayCarryProclitics('بالرباط', lookupEndings(['الرباط']))).toBe(true);
    expect(mayCarryProclitics('للرباط', lookupEndings(['الرباط']))).toBe(true);
    expect(mayCarryProclitics('رباط', lookupEndings(['الرباط']))).toBe(false);
    // a cue check still sees every reading
    expect(keys.has(1, new Set(['المجلس']))).toBe(true);
    expect(keys.inArticle(new Set(['كتب']))).toBe(true);
    expect(keys.inArticle(new Set(['جزائر']))).toBe(false);
  });

  it('tells proclitic readings as a look-up of every ending would, letter pairs of other scripts included', () => {
    // «ا» is U+0627 and «'» U+0027, «ل» U+0644 and «D» U+0044: the pair bitmap sees the same low bytes
    const endings = lookupEndings(['الرباط', 'تونس', 'زيد', 'ي']);
    const plain = (w: string) => /^[وفبكل]/.test(w) && [1, 2].some((p) => p < w.length && endings.has(w.slice(p)));
    const stems = ['الرباط', 'لرباط', 'رباط', 'تونس', 'زيد', 'ي', "'D", "'Dرباط", 'Dرباط', '\u0127\u0144', 'تونسي', 'ت'];
    const words = ['', 'و', 'ف', 'ب', 'ل', 'وب', 'فل', 'ول', 'لل', 'x'].flatMap((p) => stems.map((s) => p + s));
    for (const w of words) expect(mayCarryProclitics(w, endings), w).toBe(plain(w));
    expect(words.filter(plain).length).toBeGreaterThan(10);
  });
});
