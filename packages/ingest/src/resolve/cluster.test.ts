import { describe, expect, it } from 'vitest';
import { discoveredEntity } from '../extract/discover.ts';
import { fold } from '@mirsad/model/arabic';
import { resolveEntities, type KnownEntity, type Spelling } from './cluster.ts';
import { corpusWordsFrom, type CorpusWords } from './corpus-words.ts';

/** A discovered spelling under the provisional id discovery gives it. */
const sp = (name: string, n = 1): Spelling => ({ entityId: discoveredEntity(name).entity_id, type: 'person', name, n });

const KNOWN: KnownEntity[] = [
  { entityId: 'antony-blinken', type: 'person', names: ['أنتوني بلينكن', 'أنطوني بلينكن', 'بلينكن'] },
  { entityId: 'brahim-ghali', type: 'person', names: ['إبراهيم غالي'] },
  { entityId: 'hillary-clinton', type: 'person', names: ['هيلاري كلينتون'] },
  { entityId: 'egypt', type: 'location', names: ['مصر'] },
];

/** The final id of every spelling's name, as { name: id }. */
function resolved(spellings: Spelling[], known: KnownEntity[] = KNOWN) {
  const r = resolveEntities(spellings, known);
  const out: Record<string, string> = {};
  for (const s of spellings) out[s.name] = r.remap.get(s.entityId) ?? s.entityId;
  return { ...r, ids: out };
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

describe('resolveEntities', () => {
  it('makes one entity of transliteration variants, named by the most frequent spelling', () => {
    const r = resolved([sp('أنغيلا ميركل', 3), sp('انجيلا ميركل', 5), sp('كيم جونغ أون', 7), sp('كيم يونغ أون', 2), sp('كيم يونغ', 1)]);
    expect(r.ids['أنغيلا ميركل']).toBe(r.ids['انجيلا ميركل']);
    expect(new Set([r.ids['كيم جونغ أون'], r.ids['كيم يونغ أون'], r.ids['كيم يونغ']]).size).toBe(1);
    expect(r.entities.map((e) => e.name_ar).sort()).toEqual(['انجيلا ميركل', 'كيم جونغ أون']);
    // the id is the canonical spelling's own: a name found alone keeps the id it always had
    expect(r.ids['أنغيلا ميركل']).toBe(discoveredEntity('انجيلا ميركل').entity_id);
  });

  it('chooses the canonical name and ids from counts alone, whatever order the spellings come in', () => {
    const input = [sp('أنغيلا ميركل', 4), sp('انجيلا ميركل', 4), sp('جون هارتمان', 2), sp('جون ألكسندر هارتمان', 1), sp('هارتمان', 9), sp('جون سميث', 1)];
    const a = resolveEntities(input, KNOWN);
    for (const seed of [1, 2, 3, 4, 5]) {
      const b = resolveEntities(shuffled(input, seed), KNOWN);
      expect(b.entities).toEqual(a.entities);
      expect([...b.remap].sort()).toEqual([...a.remap].sort());
    }
    const names = a.entities.map((e) => e.name_ar).sort();
    // a tie (4 and 4) goes to code point order; a full name beats a more frequent single word
    expect(names).toEqual(['أنغيلا ميركل', 'جون سميث', 'جون هارتمان']);
  });

  it('gives a discovered spelling of a gazetteer person that person’s id', () => {
    const r = resolved([sp('بلينكين', 3), sp('انتوني بلينكين', 2), sp('أنتوني جيه بلينكن', 1)]);
    expect(r.ids).toEqual({ بلينكين: 'antony-blinken', 'انتوني بلينكين': 'antony-blinken', 'أنتوني جيه بلينكن': 'antony-blinken' });
    expect(r.entities).toEqual([]);
  });

  it('gives a gazetteer name only the longer names that spell it: «جون ماري كاري» is not «جون كيري»', () => {
    const known: KnownEntity[] = [{ entityId: 'john-kerry', type: 'person', names: ['جون كيري'] }];
    const r = resolved([sp('جون ماري كاري'), sp('جون فوربس كيري')], known);
    expect(r.ids['جون فوربس كيري']).toBe('john-kerry');
    expect(r.ids['جون ماري كاري']).toBe(discoveredEntity('جون ماري كاري').entity_id);
  });

  it('never joins a person to a place of the same spelling', () => {
    const r = resolved([sp('مصر')]);
    expect(r.ids['مصر']).toBe(discoveredEntity('مصر').entity_id);
  });

  it('gives a person spelt like an organisation or place the run finds at least as often to that entity', () => {
    const club = (name: string, n: number): Spelling => ({ entityId: discoveredEntity(name, 'organization').entity_id, type: 'organization', name, n });
    // the tagger read «ريفربلايت» once as a person and three times as a club: one club, no person
    const r = resolved([sp('ريفربلايت', 1), club('ريفربلايت', 3), sp('سلمى حداد', 2)]);
    expect(r.ids['ريفربلايت']).toBe(discoveredEntity('ريفربلايت', 'organization').entity_id);
    expect(r.entities.map((e) => [e.name_ar, e.type])).toEqual(
      expect.arrayContaining([
        ['ريفربلايت', 'organization'],
        ['سلمى حداد', 'person'],
      ]),
    );
    expect(r.entities.filter((e) => e.type === 'person').map((e) => e.name_ar)).toEqual(['سلمى حداد']);
    // a person the run names more often than the club keeps its own entity
    const s = resolveEntities([sp('ريفربلايت', 4), club('ريفربلايت', 1)], KNOWN);
    expect(s.remap.size).toBe(0);
    expect(s.entities.map((e) => e.type).sort()).toEqual(['organization', 'person']);
    // and a spelling variant of the club's name (ت/ط) counts as the club's
    const t = resolved([sp('ريفربلايط', 1), club('ريفربلايت', 2)]);
    expect(t.ids['ريفربلايط']).toBe(discoveredEntity('ريفربلايت', 'organization').entity_id);
  });

  it('reads a long name that is a frequent name with a word of the sentence glued on as that name', () => {
    const r = resolved([sp('ستورمي دانييلز', 9), sp('ستورمي دانييلز يتحدث', 1), sp('ستورمي دانييلز تقول', 2), sp('زميلنا ستورمي دانييلز', 1)]);
    expect(new Set(Object.values(r.ids)).size).toBe(1);
    expect(r.entities.map((e) => e.name_ar)).toEqual(['ستورمي دانييلز']);
    // not far less often than the shorter name: persons of their own
    const s = resolved([sp('ستورمي دانييلز', 2), sp('ستورمي دانييلز تقول', 1), sp('ستورمي دانييلز يتحدث', 1)]);
    expect(new Set(Object.values(s.ids)).size).toBe(3);
    // a father's given name and a family name: «محمد صلاح السبكي» is not «محمد صلاح»; nor «علي حسن» «محمد علي حسن»
    const t = resolved([sp('محمد صلاح', 20), sp('محمد صلاح السبكي', 1), sp('علي حسن', 20), sp('محمد علي حسن', 1)]);
    expect(new Set(Object.values(t.ids)).size).toBe(4);
  });

  it('names a group by its shorter full spelling when two are as frequent', () => {
    const r = resolveEntities([sp('منتظر الزيدي راشق', 2), sp('منتظر الزيدي', 2)], KNOWN);
    expect(r.entities.map((e) => e.name_ar)).toEqual(['منتظر الزيدي']);
  });

  it('joins a two-word name to the one longer name it is the first and last words of', () => {
    const r = resolved([sp('مارك ألكسندر ميلي', 2), sp('مارك ميلي', 5)]);
    expect(r.ids['مارك ميلي']).toBe(r.ids['مارك ألكسندر ميلي']);
  });

  it('joins no two-word name to a longer one across «بن»: «محمد الهادي بن سليمان» is of the «بن سليمان» family', () => {
    const r = resolved([sp('محمد الهادي بن سليمان', 3), sp('محمد سليمان', 4)]);
    expect(r.ids['محمد سليمان']).not.toBe(r.ids['محمد الهادي بن سليمان']);
    const s = resolved([sp('حمد بن خليفة', 5), sp('حمد خليفة', 1)]);
    expect(s.ids['حمد خليفة']).not.toBe(s.ids['حمد بن خليفة']);
  });

  it('joins no two-word name to a longer one across an Arabic given name, the father’s', () => {
    const r = resolved([sp('محمد أحمد يوسف', 2), sp('محمد يوسف', 4)]);
    expect(r.ids['محمد يوسف']).not.toBe(r.ids['محمد أحمد يوسف']);
    const s = resolved([sp('محمد بن عبدالله العمري', 1), sp('محمد العمري', 2)]);
    expect(s.ids['محمد العمري']).not.toBe(s.ids['محمد بن عبدالله العمري']);
  });

  it('makes one entity of «ألكسندر» and «أليكساندر», written with the hamza no article has', () => {
    const r = resolved([sp('ألكسندر بيتروف', 3), sp('أليكساندر بيتروف', 2), sp('ألكساندر بيتروف', 1)]);
    expect(new Set(Object.values(r.ids)).size).toBe(1);
  });

  it('leaves a short name apart when two entities of the run could own it', () => {
    const r = resolved([sp('كيم يونغ أون'), sp('كيم يونغ نام'), sp('كيم يونغ')]);
    expect(new Set(Object.values(r.ids)).size).toBe(3);
    const s = resolved([sp('محمد علي حسن'), sp('محمد أحمد حسن'), sp('محمد حسن')]);
    expect(new Set(Object.values(s.ids)).size).toBe(3);
  });

  it('keeps apart long names whose different middle word is a native name', () => {
    const r = resolved([sp('محمد علي حسن'), sp('محمد عالي حسن'), sp('محمد سعد البكري'), sp('محمد سعيد البكري')]);
    expect(new Set(Object.values(r.ids)).size).toBe(4);
  });

  it('gives a one-word name to the one person of the run with that family name', () => {
    const r = resolved([sp('محمد مرسي', 4), sp('مرسي', 2), sp('محمد بن سلمان', 3), sp('سلمان', 1), sp('عبد العزيز', 2), sp('خالد عبد العزيز', 1)]);
    expect(r.ids['مرسي']).toBe(r.ids['محمد مرسي']);
    // not after «بن», and never a native given name: «الملك سلمان», «الأمير عبد العزيز» are others
    expect(r.ids['سلمان']).not.toBe(r.ids['محمد بن سلمان']);
    expect(r.ids['عبد العزيز']).not.toBe(r.ids['خالد عبد العزيز']);
    // a gazetteer person counts: «كلينتون» is Hillary Clinton's, unless a discovered «بيل كلينتون» shares it
    expect(resolved([sp('كلينتون')]).ids['كلينتون']).toBe('hillary-clinton');
    expect(resolved([sp('كلينتون'), sp('بيل كلينتون')]).ids['كلينتون']).toBe(discoveredEntity('كلينتون').entity_id);
    // nor a word that starts another name of the run: «تشارلز» of «الأمير تشارلز» is a first name
    expect(resolved([sp('كارا تشارلز'), sp('تشارلز'), sp('تشارلز ميشيل')]).ids['تشارلز']).toBe(discoveredEntity('تشارلز').entity_id);
  });

  it('gives a one-word given name to the one person of the run it starts the name of, named in full as often', () => {
    const r = resolved([sp('إيفانكا ترامب', 5), sp('إيفانكا', 3), sp('أيميريك لابورت', 2), sp('أيميريك', 1), sp('تشارلز ميشيل', 2), sp('تشارلز', 9)]);
    expect(r.ids['إيفانكا']).toBe(r.ids['إيفانكا ترامب']);
    expect(r.ids['أيميريك']).toBe(r.ids['أيميريك لابورت']);
    // a name alone the run writes far more often than the full name it starts is someone else («الأمير تشارلز»)
    expect(r.ids['تشارلز']).toBe(discoveredEntity('تشارلز').entity_id);
    // two persons start with it, or it also ends a name, or it is a native given name: left alone
    expect(resolved([sp('إيفانكا ترامب', 5), sp('إيفانكا بيترز', 5), sp('إيفانكا')]).ids['إيفانكا']).toBe(discoveredEntity('إيفانكا').entity_id);
    expect(resolved([sp('لابورت إيفانكا', 5), sp('إيفانكا ترامب', 5), sp('إيفانكا')]).ids['إيفانكا']).toBe(discoveredEntity('إيفانكا').entity_id);
    expect(resolved([sp('حسين فهمي', 5), sp('حسين')]).ids['حسين']).toBe(discoveredEntity('حسين').entity_id);
    // compared as spelt: «أمانو» alone is not «أمينو» of another name, though their keys are one
    expect(resolved([sp('أمينو ماي', 5), sp('أمانو')]).ids['أمانو']).toBe(discoveredEntity('أمانو').entity_id);
  });

  it('drops a one-word person that is a given name of the run written alone, not a role name nor a surname', () => {
    // «مايكل» starts the names of several persons and ends none: a bare given name (on ANT, the hurricane)
    const spellings = [
      sp('مايكل', 4),
      sp('مايكل جاكسون', 3),
      sp('مايكل أوين', 2),
      sp('مكين', 2),
      sp('جون مكين', 3),
      sp('سليم', 3),
      sp('سليم عون', 5),
      sp('مراد سليم', 2),
    ];
    const r = resolved(spellings);
    expect([...r.dropped]).toEqual([discoveredEntity('مايكل').entity_id]);
    expect(r.entities.map((e) => e.name_ar)).not.toContain('مايكل');
    // a surname stays; a word that ends names too (a father's name) is judged on the ratio
    expect(r.entities.map((e) => e.name_ar)).toEqual(expect.arrayContaining(['مكين', 'سليم']));
    expect(resolved([sp('سليم', 3), sp('سليم عون', 5), sp('سليم خوري', 2), sp('مراد سليم')]).dropped.size).toBe(1);
    // a role word introduced it («الأمير فيليب»): kept
    const role = { ...sp('فيليب', 3), role: 1 };
    expect(resolved([role, sp('فيليب دومان', 2), sp('فيليب لام', 2)]).dropped.size).toBe(0);
    // a mononym the run writes alone more often than the longer names it starts
    expect(resolved([sp('مارسيلو', 9), sp('مارسيلو بيلسا', 3), sp('مارسيلو غاياردو', 2)]).dropped.size).toBe(0);
    // a word the run's longer names start fewer than three times decides nothing
    expect(resolved([sp('مارغريت', 4), sp('مارغريت تاتشر', 2)]).dropped.size).toBe(0);
  });

  it('compares a one-word name of few letters as spelt', () => {
    const r = resolved([sp('عنان'), sp('عونن'), sp('جاي'), sp('قوي'), sp('مقرن'), sp('ماكرون')]);
    expect(new Set(Object.values(r.ids)).size).toBe(6);
    expect(resolved([sp('بلينكين')]).ids['بلينكين']).toBe('antony-blinken');
  });

  it('does not merge two gazetteer persons through a discovered name between them', () => {
    const known: KnownEntity[] = [
      { entityId: 'a', type: 'person', names: ['جون كيري'] },
      { entityId: 'b', type: 'person', names: ['جون ويليام كيري'] },
    ];
    const r = resolved([sp('جون كيري'), sp('جون وليام كيري')], known);
    expect(r.ids).toEqual({ 'جون كيري': 'a', 'جون وليام كيري': 'b' });
  });

  it('joins a name with a preposition or conjunction glued on to the name without it, and a name cut short to the whole', () => {
    const of =
      (type: 'person' | 'location' | 'organization') =>
      (name: string, n: number): Spelling => ({
        entityId: discoveredEntity(name, type).entity_id,
        type,
        name,
        n,
      });
    const [place, org, person] = [of('location'), of('organization'), of('person')];
    const r = resolved([
      place('بإسطنبول', 2),
      place('إسطنبول', 9),
      org('للأهلي', 2),
      org('الأهلي', 10),
      org('ولبرشلونة', 1),
      org('برشلونة', 12),
      person('سام راضي', 1),
      person('بسام راضي', 8),
      place('بمصر', 1),
    ]);
    expect(r.ids['بإسطنبول']).toBe(r.ids['إسطنبول']);
    expect(r.ids['للأهلي']).toBe(r.ids['الأهلي']);
    expect(r.ids['ولبرشلونة']).toBe(r.ids['برشلونة']);
    expect(r.ids['سام راضي']).toBe(r.ids['بسام راضي']);
    expect(r.ids['بمصر']).toBe('egypt');
    expect(r.entities.map((e) => e.name_ar).sort()).toEqual(['إسطنبول', 'الأهلي', 'برشلونة', 'بسام راضي']);
    // written about as often: two names («بوست» a newspaper, «وست» a surname)
    expect(new Set(Object.values(resolved([org('بوست', 6), org('وست', 4)]).ids)).size).toBe(2);
    // a given name of its own with the letter («وسام») never joins the shorter name, however rare
    expect(new Set(Object.values(resolved([person('وسام مرسي', 1), person('سام مرسي', 9)]).ids)).size).toBe(2);
    // nor across types
    expect(new Set(Object.values(resolved([person('بإسطنبول', 1), place('إسطنبول', 9)]).ids)).size).toBe(2);
  });

  describe('names with a word of the sentence on them (run word estimates)', () => {
    /**
     * A run's word estimates as ANT's clusters give them: [word, estimated articles, cluster]. The
     * cluster of nouns and verbs (7) holds many words the names never write; the one of given names
     * (3) words they write often.
     */
    const corpus = (rows: [string, number, number][]): CorpusWords => {
      const m = new Map(rows.map(([w, a, c]) => [fold(w), [a, c] as const]));
      const sums = new Map<number, number>();
      for (const [a, c] of m.values()) sums.set(c, (sums.get(c) ?? 0) + a);
      return { articles: (w) => m.get(w)?.[0], cluster: (w) => m.get(w)?.[1], clusterArticles: (c) => sums.get(c) ?? 0 };
    };
    const WORDS = corpus([
      ['صديقه', 260, 7],
      ['عدو', 73, 7],
      ['تستعيد', 55, 7],
      ['ثوران', 89, 7],
      ['بركان', 140, 7],
      ['شهرة', 109, 7],
      ['كريمة', 300, 7],
      ['مختار', 900, 7],
      ['إن', 100_000, 7],
      ['مساعد', 299, 7],
      ['الأول', 10_000, 7],
      ['قرار', 3_000, 7],
      ['فيكتوريا', 107, 3],
      ['جون', 900, 3],
      ['ماري', 400, 3],
    ]);
    const withRole = (name: string, n: number): Spelling => ({ ...sp(name, n), role: n });
    const run = [
      sp('عدو هيلاري', 1),
      sp('صديقه بيرزوفيسكي', 1),
      sp('بوريس بيرزوفيسكي', 5),
      sp('هاليب تستعيد', 1),
      sp('سيمونا هاليب', 12),
      withRole('ثوران بركان', 1),
      sp('شهرة أغداشلو', 2),
      sp('كريمة مختار', 1),
      sp('مختار جمعة', 3),
      sp('مون تشونج-إن', 1),
      sp('مون جاي إن', 20),
      sp('فيكتوريا توموفا', 1),
      sp('فيكتوريا بيكهام', 40),
      sp('عبد الله بن مساعد', 1),
      sp('قسطنطين الأول', 1),
      withRole('جون قرار', 1),
      sp('جون سميث', 30),
      sp('ماري جونز', 30),
    ];

    it('drops them, with their mentions, when the rest of the name is written elsewhere or every word is of the sentence', () => {
      const r = resolveEntities(run, KNOWN, WORDS);
      const dropped = ['عدو هيلاري', 'صديقه بيرزوفيسكي', 'هاليب تستعيد', 'ثوران بركان'].map((n) => sp(n).entityId);
      expect([...r.dropped].sort()).toEqual(dropped.sort());
      expect(r.entities.map((e) => e.name_ar).sort()).toEqual(
        [
          'بوريس بيرزوفيسكي',
          'سيمونا هاليب',
          'شهرة أغداشلو',
          'كريمة مختار',
          'مختار جمعة',
          'مون تشونج-إن',
          'مون جاي إن',
          'فيكتوريا توموفا',
          'فيكتوريا بيكهام',
          'عبد الله بن مساعد',
          'قسطنطين الأول',
          'جون قرار',
          'جون سميث',
          'ماري جونز',
        ].sort(),
      );
    });

    it('reads a past verb’s dual or a feminine noun’s dual the clusters do not list as the word it inflects', () => {
      const words = corpus([
        ['تدرب', 49, 7],
        ['تدربوا', 30, 7],
        ['دولة', 5_000, 7],
        ['جارة', 124, 7],
        ['حادث', 900, 7],
        ['مشابه', 200, 7],
        ['كابل', 300, 7],
        ['جون', 900, 3],
        ['ماري', 400, 3],
      ]);
      const names = [
        sp('كروس تدربا', 1),
        sp('توني كروس', 40),
        sp('دولتان جارتان', 1),
        sp('حادثان مشابهان', 1),
        // «ان» alone ends foreign names: «كابلان» is no dual of «كابل»
        sp('جويل كابلان', 1),
        sp('جويل روبنسون', 3),
        sp('جون سميث', 30),
        sp('ماري جونز', 30),
      ];
      const r = resolveEntities(names, KNOWN, words);
      expect([...r.dropped].sort()).toEqual(['كروس تدربا', 'دولتان جارتان', 'حادثان مشابهان'].map((n) => sp(n).entityId).sort());
    });

    it('takes a two-word name into the three-word name it ends, unless an Arabic given name starts it or the longer one is rare', () => {
      const ids = (names: Spelling[]) => {
        const r = resolveEntities(names, KNOWN, null);
        return names.map((s) => r.remap.get(s.entityId) ?? s.entityId);
      };
      const [a, b] = ids([sp('خاقان عباسي', 6), sp('شهيد خاقان عباسي', 4)]);
      expect(a).toBe(b);
      // «علي حسن» is the father's name in «محمد علي حسن»
      const [c, d] = ids([sp('علي حسن', 3), sp('محمد علي حسن', 3)]);
      expect(c).not.toBe(d);
      // a word of the sentence before a name the run writes far more often
      const [e, f] = ids([sp('معتز موسى', 14), sp('البشير معتز موسى', 1)]);
      expect(e).not.toBe(f);
      // «جون كريستوفر لويس» beside «جون لويس»: «كريستوفر لويس» may be someone else
      const [g, , i] = ids([sp('جون لويس', 2), sp('جون كريستوفر لويس', 2), sp('كريستوفر لويس', 2)]);
      expect(i).not.toBe(g);
    });

    it('names an entity by its spelling with the given name the span missed, with the run’s estimates only', () => {
      const words = corpus([
        ['جون', 900, 3],
        ['صديقه', 260, 7],
      ]);
      const names = [sp('فان ديك', 14), sp('فيرجيل فان ديك', 6), sp('فيرجيل أبلوم', 2), sp('دي خيا', 36), sp('صديقه دي خيا', 20), sp('صديقه جون', 1)];
      const name = (r: ReturnType<typeof resolveEntities>, s: Spelling) =>
        r.entities.find((e) => e.entity_id === (r.remap.get(s.entityId) ?? s.entityId))?.name_ar;
      const r = resolveEntities(names, KNOWN, words);
      expect(name(r, sp('فان ديك'))).toBe('فيرجيل فان ديك');
      // a word of the sentence before it is no given name
      expect(name(r, sp('دي خيا'))).toBe('دي خيا');
      expect(name(resolveEntities(names, KNOWN, null), sp('فان ديك'))).toBe('فان ديك');
    });

    it('keeps names the run has no estimates for, as a small run does', () => {
      expect(resolveEntities(run, KNOWN, null).dropped.size).toBe(0);
    });

    it('reads the estimates from the clusters file, most frequent word first, scaled to the run', () => {
      const words = corpusWordsFrom('#clusters 256 1024 4096\nفي\t214\t859\t3436\nصديقه\t148\t593\t2375\n', 0.5);
      expect(words.articles('في')).toBe(500_000);
      expect(words.articles('صديقه')).toBe(250_000);
      expect(words.cluster('صديقه')).toBe(593);
      expect(words.articles('هيلاري')).toBeUndefined();
      expect(words.clusterArticles(593)).toBe(250_000);
      expect(words.clusterArticles(859)).toBe(500_000);
    });
  });
});
