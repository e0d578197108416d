import type { EntityDef } from '@mirsad/model/config/entities';
import { describe, expect, it } from 'vitest';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { parseAqmar, predict, score } from './ner-eval.ts';

const def = (id: string, type: EntityDef['type'], variants: string[]): EntityDef => ({
  id,
  type,
  kind: type === 'person' ? 'person' : type === 'location' ? 'city' : 'other',
  name_ar: variants[0] as string,
  name_en: id,
  variants,
  variants_latin: [],
  country: null,
  context: [],
  where: 't.yaml:1',
});
const g = compileGazetteer([def('damascus', 'location', ['دمشق']), def('un', 'organization', ['الأمم المتحدة']), def('real-madrid', 'organization', ['ريال مدريد'])]);

// written for this test: tokens and tags in the AQMAR layout
const FIXTURE = ['زار B-PER', 'وفد O', 'الأمم B-ORG', 'المتحدة I-ORG', 'مدينة O', 'ودمشق B-LOC', '. O', '', 'فاز I-MIS1', 'ريال I-MIS1', 'مدريد I-MIS1', 'في O', 'دمشق B-LOC', 'القديمة I-LOC', ''].join('\n');

describe('parseAqmar', () => {
  it('splits sentences at blank lines and reads BIO spans, an orphan I- starting a span', () => {
    const [a, b] = parseAqmar(FIXTURE);
    expect(a?.tokens).toEqual(['زار', 'وفد', 'الأمم', 'المتحدة', 'مدينة', 'ودمشق', '.']);
    expect(a?.gold).toEqual([
      { first: 0, last: 0, type: 'PER' },
      { first: 2, last: 3, type: 'ORG' },
      { first: 5, last: 5, type: 'LOC' },
    ]);
    expect(b?.gold).toEqual([
      { first: 0, last: 2, type: 'MIS' },
      { first: 4, last: 5, type: 'LOC' },
    ]);
  });
});

describe('score', () => {
  it('maps mentions back to whole tokens, proclitics included', () => {
    const [a] = parseAqmar(FIXTURE);
    expect(predict(a!, g)).toEqual([
      { first: 2, last: 3, type: 'ORG' },
      { first: 5, last: 5, type: 'LOC' },
    ]);
  });

  it('counts exact spans only, and leaves mentions inside MIS entities out', () => {
    const s = score(parseAqmar(FIXTURE), g);
    expect(s.byType.ORG).toEqual({ tp: 1, fp: 0, fn: 0, partial: 0 });
    // «دمشق» inside «دمشق القديمة» is a wrong span, and the gold span is missed
    expect(s.byType.LOC).toEqual({ tp: 1, fp: 1, fn: 1, partial: 1 });
    expect(s.byType.PER).toEqual({ tp: 0, fp: 0, fn: 1, partial: 0 });
    expect(s.insideMis).toBe(1);
  });
});
