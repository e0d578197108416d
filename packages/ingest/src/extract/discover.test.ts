import type { EntityDef } from '@mirsad/model/config/entities';
import { describe, expect, it } from 'vitest';
import { analyze } from '../text/index.ts';
import { discoveredEntity, discoverNames, ROLE_TABLES } from './discover.ts';
import { compileGazetteer, WordKeys } from './gazetteer.ts';

const tebboune: EntityDef = {
  id: 'abdelmadjid-tebboune',
  type: 'person',
  kind: 'person',
  name_ar: 'عبد المجيد تبون',
  name_en: 'Abdelmadjid Tebboune',
  variants: ['تبون'],
  country: 'DZ',
  context: [],
  where: 't.yaml:1',
};
const g = compileGazetteer([tebboune]);

/** Names discovered in `body`, with gazetteer matches given as [first, last] token ranges of persons. */
function names(body: string, persons: [number, number][] = []): string[] {
  const a = analyze(body);
  const covered = new Int32Array(a.tokens.length).fill(-1);
  persons.forEach(([f, l], h) => {
    for (let k = f; k <= l; k++) covered[k] = h;
  });
  const hits = persons.map(([first, last]) => ({ first, last, type: 'person' as const }));
  return discoverNames(body, a.tokens, new WordKeys(a.tokens, [g.endings, ROLE_TABLES.endings]), g, covered, hits).names.map((n) => n.entity.name_ar);
}

describe('discoverNames', () => {
  it('needs a role', () => {
    expect(names('سمير بن عمر يتحدث.')).toEqual([]);
    expect(names('قال الباحث سمير بن عمر.')).toEqual(['سمير بن عمر']);
  });

  it('accepts a one-word name only after a title used that way', () => {
    expect(names('استقبل الرئيس بوغدانوف الوفد.')).toEqual(['بوغدانوف']);
    // «الفريق» is also "the team"
    expect(names('واستقبل الجمهور الفريق بحماس.')).toEqual([]);
    expect(names('وصل الفريق أول خالد نزار.')).toEqual(['خالد نزار']);
  });

  it('lets connectors lengthen a name but never end it', () => {
    expect(names('التقى الأمير محمد بن عبد الرحمن آل ثاني بالوفد.')).toEqual(['محمد بن عبد الرحمن آل ثاني']);
    expect(names('وقال الشيخ محمد بن')).toEqual(['محمد']);
  });

  it('stops at punctuation, a line break, and a gazetteer person', () => {
    expect(names('قال السفير جون بولتون، المبعوث.')).toEqual(['جون بولتون']);
    expect(names('كتب : مدحت\nبدران')).toEqual([]);
    // role + «تبون» (tokens 1..1 covered as a person): nothing new
    expect(names('الرئيس تبون', [[1, 1]])).toEqual([]);
  });

  it('follows a chain of titles and complements to the name', () => {
    expect(names('حضر رئيس أركان الجيش الفريق أول أحمد مراد اللقاء.')).toEqual(['أحمد مراد']);
    expect(names('قال المتحدث باسم الخارجية الروسية ماريا زاخاروفا إن…')).toEqual(['ماريا زاخاروفا']);
  });

  it('reads a name written across hashtag marks as one name', () => {
    expect(names('قالت المستشارة الألمانية أنجيلا #ميركل إن…')).toEqual(['أنجيلا ميركل']);
  });
});

describe('discoveredEntity', () => {
  it('displays the name without diacritics or tatweel and hashes its matching form', () => {
    const a = discoveredEntity('سَميـر   بن عمرَ');
    expect(a).toEqual({ entity_id: a.entity_id, type: 'person', name_ar: 'سمير بن عمر', name_en: null, origin: 'discovered' });
    expect(discoveredEntity('سمير بن عمر').entity_id).toBe(a.entity_id);
    // hamza seats fold under matching normalisation: one person, whatever the spelling
    expect(discoveredEntity('إبراهيم سالم').entity_id).toBe(discoveredEntity('ابراهيم سالم').entity_id);
    expect(discoveredEntity('سمير بن علي').entity_id).not.toBe(a.entity_id);
  });
});
