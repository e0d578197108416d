import { loadEntities } from '@mirsad/model/config/entities';
import { describe, expect, it } from 'vitest';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { findMentions } from '../extract/mentions.ts';
import { FIXTURE_CONFIG_DIR } from '../testing/fixtures.ts';
import { analyze } from '../text/index.ts';

const g = compileGazetteer(loadEntities(FIXTURE_CONFIG_DIR));

/** Mentions as [surface, method, entity]; discovered ids are shown as the name they were discovered under. */
function run(body: string) {
  const r = findMentions(analyze(body), g);
  const names = new Map(r.discovered.map((d) => [d.entity_id, d.name_ar]));
  for (const m of r.mentions) expect(body.slice(m.start, m.end)).toBe(m.surface);
  return { ...r, rows: r.mentions.map((m) => [m.surface, m.method, names.get(m.entityId) ?? m.entityId]) };
}

describe('in-article coreference', () => {
  it('links a family name used alone after the full name, as coref', () => {
    const { rows } = run('قال رئيس الأركان الأمريكي الجنرال مارك ميلي إن القوات جاهزة. وأضاف ميلي أن التدريب مستمر، وشدد لميلي زملاؤه على ذلك.');
    expect(rows).toEqual([
      ['مارك ميلي', 'role', 'مارك ميلي'],
      ['ميلي', 'coref', 'مارك ميلي'],
      ['ميلي', 'coref', 'مارك ميلي'],
    ]);
  });

  it('links the family name of a gazetteer person that is not one of its variants', () => {
    const { rows } = run('استقبل إبراهيم غالي الوفد في المخيم. وقال غالي إن المفاوضات متوقفة.');
    expect(rows).toEqual([
      ['إبراهيم غالي', 'gazetteer', 'brahim-ghali'],
      ['غالي', 'coref', 'brahim-ghali'],
    ]);
  });

  it('links the first and last words of a longer name', () => {
    const { rows } = run('صرح الباحث جون بول هارتمان للصحفيين بأن الوضع معقد. ثم أضاف جون هارتمان أن الحل بعيد.');
    expect(rows).toEqual([
      ['جون بول هارتمان', 'role', 'جون بول هارتمان'],
      ['جون هارتمان', 'coref', 'جون بول هارتمان'],
    ]);
  });

  it('links a two-word name written in full again as the whole name, not its family name alone', () => {
    const { rows } = run('قال الخبير جون هارتمان إن الوضع معقد. وأشار جون هارتمان إلى أن الحل بعيد، وأضاف هارتمان أن الوقت ضيق.');
    expect(rows).toEqual([
      ['جون هارتمان', 'role', 'جون هارتمان'],
      ['جون هارتمان', 'coref', 'جون هارتمان'],
      ['هارتمان', 'coref', 'جون هارتمان'],
    ]);
  });

  it('gives a title’s one-word name to the person named in full before it', () => {
    const r = run('التقى الرئيس جوزيف كابيلا بالوفد في العاصمة. وقال الرئيس كابيلا إن الحوار ضروري.');
    expect(r.rows).toEqual([
      ['جوزيف كابيلا', 'role', 'جوزيف كابيلا'],
      ['كابيلا', 'coref', 'جوزيف كابيلا'],
    ]);
    expect(r.discovered.map((d) => d.name_ar)).toEqual(['جوزيف كابيلا']);
    // the same for a gazetteer person whose family name alone is no variant
    expect(run('التقى الرئيس محمود عباس بالوفد. وقال الرئيس عباس إن الحوار ضروري.').rows).toEqual([
      ['محمود عباس', 'gazetteer', 'mahmoud-abbas'],
      ['عباس', 'coref', 'mahmoud-abbas'],
    ]);
  });

  it('leaves a bare family name unlinked when no full name comes before it', () => {
    expect(run('وقال عباس إن الحوار ضروري، وأكد غالي ذلك.').rows).toEqual([]);
    // written before the full name: not linked either
    expect(run('وقال غالي إن الحوار ضروري. واستقبل إبراهيم غالي الوفد.').rows).toEqual([['إبراهيم غالي', 'gazetteer', 'brahim-ghali']]);
  });

  it('leaves a family name two persons of the article share unlinked', () => {
    const { rows } = run('التقى الخبير جون هارتمان بالباحثة ماري هارتمان في المعهد. وقال هارتمان إن اللقاء مثمر.');
    expect(rows.map((r) => r[1])).toEqual(['role', 'role']);
  });

  it('does not take a regnal number or a patronymic for a family name', () => {
    expect(run('استقبل الملك محمد السادس الوفد. وكان السادس من الشهر يوم عطلة.').rows.filter((r) => r[1] === 'coref')).toEqual([]);
    expect(run('قال ولي العهد الأمير محمد بن سلمان إن الخطة ماضية. وقال سلمان العودة إن ذلك صحيح.').rows.filter((r) => r[1] === 'coref')).toEqual([]);
  });
});

describe('in-article coreference after «بن»', () => {
  it('links «بن» and the family name, never the family name alone', () => {
    const { rows } = run('التقى رئيس الوزراء اليمني أحمد عبيد بن دغر بالوفد. وأكد بن دغر أن دغر قبيلة كبيرة.');
    expect(rows).toEqual([
      ['أحمد عبيد بن دغر', 'role', 'أحمد عبيد بن دغر'],
      ['بن دغر', 'coref', 'أحمد عبيد بن دغر'],
    ]);
  });
});

describe('in-article coreference across transliterations', () => {
  it('links the family name written in another transliteration, with or without a proclitic', () => {
    const { rows } = run('قالت المستشارة الألمانية أنغيلا ميركل إن الحوار ضروري. وأضافت ميركيل أن الحل سياسي، وأشاد الوزير بميركيل.');
    expect(rows).toEqual([
      ['أنغيلا ميركل', 'role', 'أنغيلا ميركل'],
      ['ميركيل', 'coref', 'أنغيلا ميركل'],
      ['ميركيل', 'coref', 'أنغيلا ميركل'],
    ]);
  });

  it('does not key native family names, names with the article or names in ة', () => {
    expect(run('صرح الباحث جون حسن للصحفيين بأن الوضع معقد. وقال حسين إن الحل بعيد.').rows.map((r) => r[1])).toEqual(['role']);
    expect(run('صرح الباحث هاني الملقي للصحفيين بأن الوضع معقد. وقال إن القصر الملكي بعيد.').rows.map((r) => r[1])).toEqual(['role']);
    expect(run('صرح الباحث أنيس غديرة للصحفيين بأن الوضع معقد. وقال إن قدرة الدولة كبيرة.').rows.map((r) => r[1])).toEqual(['role']);
  });
});

describe('a discovered spelling of a gazetteer person, in the article', () => {
  it('is that person at once, and so is its family name after it', () => {
    // «بلينكنن», a doubled letter, is not among the gazetteer's spellings of Blinken: the same name by its key
    const r = run('وصل وزير الخارجية الأمريكي أنتوني بلينكنن إلى العاصمة. وقال بلينكنن إن الشراكة قوية.');
    expect(r.rows).toEqual([
      ['أنتوني بلينكنن', 'role', 'antony-blinken'],
      ['بلينكنن', 'coref', 'antony-blinken'],
    ]);
    expect(r.discovered).toEqual([]);
  });
});
