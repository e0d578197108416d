import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { TopicDef } from '@mirsad/model/config/topics';
import { loadTopics } from '@mirsad/model/config/topics';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../clean/index.ts';
import { ANT_CORPUS, CONFIG_DIR, hasAnt, hasSeeds, SEEDS_DIR, skipNotice } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import { compileTopics, scoreTopics } from './topics.ts';

const def = (id: string, cues: Record<string, number>, exclude: string[] = [], extra: Partial<TopicDef> = {}): TopicDef => ({
  id,
  label_ar: id,
  label_en: id,
  cues: Object.entries(cues).map(([text, weight]) => ({ text, weight })),
  exclude,
  ...extra,
});

const score = (body: string, defs: TopicDef[], mentionEntityIds?: ReadonlySet<string>) =>
  scoreTopics(analyze(body), compileTopics(defs), mentionEntityIds ? { mentionEntityIds } : {});
const topic = (body: string, defs: TopicDef[], id: string) => score(body, defs).find((h) => h.topicId === id);

describe('scoreTopics: matching', () => {
  it('reaches a cue through proclitics and reports it as written in body, without them', () => {
    const body = 'ندد الوزير بالإرهاب. وقال إن الحرب على الإرهاب طويلة، وإن التعاون ضروري للإرهاب العابر للحدود والإرهاب الإلكتروني.';
    const hit = topic(body, [def('ct', { الإرهاب: 2 })], 'ct');
    expect(hit?.hits).toBe(4);
    // after «لل» the article is fused with the preposition, so the whole word is the evidence
    expect(hit?.evidence).toEqual(['الإرهاب', 'للإرهاب']);
    for (const e of hit?.evidence ?? []) expect(body).toContain(e);
  });

  it('lets a cue without ال find the definite word, but not a cue with ال the bare one', () => {
    expect(topic('أدان الجميع الإرهاب بشدة.', [def('a', { إرهاب: 2 })], 'a')?.evidence).toEqual(['الإرهاب']);
    expect(topic('أنشأت الشركة قاعدة بيانات جديدة.', [def('b', { القاعدة: 2 })], 'b')).toBeUndefined();
  });

  it('matches whole words: «تطرف» is not inside «المتطرفون», unless the cue is a stem', () => {
    const body = 'قال المتطرفون إنهم سيواصلون.';
    expect(topic(body, [def('a', { تطرف: 2 })], 'a')).toBeUndefined();
    expect(topic(body, [def('a', { 'متطرف*': 2 })], 'a')?.evidence).toEqual(['المتطرفون']);
  });

  it('ignores spelling differences that normalisation removes', () => {
    expect(topic('تحدث عن الارهاب والأرهاب.', [def('a', { الإرهاب: 2 })], 'a')?.hits).toBe(2);
  });

  it('keeps a phrase inside one sentence and clause, but reads through quotes and brackets', () => {
    const defs = [def('a', { 'مكافحة الإرهاب': 2 })];
    expect(topic('ناقشا المكافحة، الإرهاب كان حاضرا.', defs, 'a')).toBeUndefined();
    expect(topic('ناقشا سبل المكافحة.\nالإرهاب كان حاضرا.', defs, 'a')).toBeUndefined();
    expect(topic('ناقشا «مكافحة (الإرهاب)» في المنطقة.', defs, 'a')?.evidence).toEqual(['مكافحة (الإرهاب']);
  });

  it('lets later words of a phrase carry ال or the preposition ل', () => {
    expect(topic('دعمت بلاده عمليات لحفظ السلام.', [def('a', { 'عمليات حفظ السلام': 2 })], 'a')?.evidence).toEqual(['عمليات لحفظ السلام']);
    expect(topic('حذر من الجماعات الإرهابية.', [def('a', { 'جماعات إرهابية': 2 })], 'a')?.evidence).toEqual(['الجماعات الإرهابية']);
  });

  it('fills a gap «...» with up to three words, no more', () => {
    const defs = [def('a', { 'بيع ... أسلح*': 2 })];
    expect(topic('تريد واشنطن بيع المزيد من الأسلحة للجزائر.', defs, 'a')?.evidence).toEqual(['بيع المزيد من الأسلحة']);
    expect(topic('أعلنت بيع الشركة كل منتجاتها وبعض الأسلحة القديمة.', defs, 'a')).toBeUndefined();
  });

  it('counts a co-occurrence cue once per sentence that holds all its parts', () => {
    const defs = [def('a', { 'ليبيا + انتخابات': 2 })];
    expect(topic('زار الوزير ليبيا. ثم تحدث عن الانتخابات في بلاده.', defs, 'a')).toBeUndefined();
    const hit = topic('دعا المجتمع الدولي ليبيا إلى تنظيم الانتخابات، وقال إن الانتخابات ضرورية.', defs, 'a');
    expect(hit?.hits).toBe(1);
    expect(hit?.evidence).toEqual(['ليبيا', 'الانتخابات']);
  });

  it('counts overlapping cues of one topic once, the longest', () => {
    const hit = topic('أكد أهمية مكافحة الإرهاب.', [def('a', { 'مكافحة الإرهاب': 2, الإرهاب: 1 })], 'a');
    expect(hit).toMatchObject({ hits: 1, evidence: ['مكافحة الإرهاب'] });
  });
});

describe('scoreTopics: exclusions', () => {
  const energy = def('energy', { الطاقة: 1, الغاز: 1 }, ['الطاقة الاستيعابية']);

  it('cancels the cue occurrence an exclusion overlaps, and only that one', () => {
    const body = 'تجاوزت الطاقة الاستيعابية للميناء حدها. وارتفعت صادرات الغاز. وناقش الوزير أزمة الطاقة.';
    expect(topic(body, [energy], 'energy')).toMatchObject({ hits: 2, evidence: ['الغاز', 'الطاقة'] });
  });

  it('silences the topic for the sentence of an exclusion that overlaps no cue', () => {
    const ct = def('ct', { 'هجوم* انتحاري*': 2 }, ['المرمى']);
    expect(score('شن المهاجم هجوما انتحاريا نحو المرمى في الدقيقة الأخيرة.', [ct])).toEqual([]);
    const hit = topic('شن المهاجم هجوما انتحاريا نحو المرمى. وفي خبر آخر، أسفر هجوم انتحاري عن مقتل جنود.', [ct], 'ct');
    expect(hit).toMatchObject({ hits: 1, evidence: ['هجوم انتحاري'] });
  });
});

describe('scoreTopics: scores', () => {
  const energy = def('energy', { الغاز: 1, النفط: 1 });

  it('does not tag from one light cue; a repeat or a second cue does', () => {
    expect(score('ارتفعت أسعار الغاز اليوم.', [energy])).toEqual([]);
    expect(score('ارتفعت أسعار الغاز والنفط اليوم.', [energy])[0]?.hits).toBe(2);
    expect(score('ارتفعت أسعار الغاز. وقال خبير إن الغاز سيبقى غاليا.', [energy])[0]?.hits).toBe(2);
  });

  it('tags from one occurrence of a defining cue (weight 2)', () => {
    expect(score('ناقش الطرفان التعاون العسكري.', [def('mil', { 'تعاون عسكري*': 2 })])[0]?.topicId).toBe('mil');
  });

  it('asks more of a long article than of a short one', () => {
    const lead = 'ارتفعت أسعار الغاز والنفط. وقال خبير إن الغاز سيبقى غاليا. ';
    const filler = 'وقال المتحدث إن اللقاء كان وديا وتناول شؤونا عدة. ';
    const short = score(lead + filler.repeat(20), [energy])[0];
    const long = score(lead + filler.repeat(600), [energy]);
    expect(short?.score).toBeGreaterThan(0.45);
    expect(long).toEqual([]);
  });

  it('gives scores in (0, 1], best first, and grows with evidence', () => {
    const defs = [def('a', { الغاز: 1, النفط: 1 }), def('b', { الغاز: 1, النفط: 1, الطاقة: 1 })];
    const hits = score('الغاز والنفط والطاقة.', defs);
    expect(hits.map((h) => h.topicId)).toEqual(['b', 'a']);
    for (const h of hits) expect(h.score > 0 && h.score <= 1).toBe(true);
  });

  it('adds entity cues only to a topic the text already points at', () => {
    const libya = def('libya', { طرابلس: 0.5 }, [], { entities: [{ id: 'libya', weight: 2 }] });
    expect(score('وصل الوفد إلى طرابلس.', [libya])).toEqual([]);
    expect(score('وصل الوفد إلى طرابلس.', [libya], new Set(['libya']))[0]?.topicId).toBe('libya');
    expect(score('وصل الوفد إلى المدينة.', [libya], new Set(['libya']))).toEqual([]);
  });
});

describe('default taxonomy on false friends', () => {
  const t = compileTopics(loadTopics(CONFIG_DIR));
  const ids = (body: string) => scoreTopics(analyze(body), t).map((h) => h.topicId);

  it('does not take «مالي» the adjective for Mali, nor a coast for the Sahel', () => {
    expect(ids('أعلن البنك عن دعم مالي للشركات، وقال المدير المالي إن الوضع المالي مستقر وإن العجز المالي تراجع.')).not.toContain('sahel_security');
    expect(ids('قضى السياح عطلتهم على الساحل الشمالي، وامتلأت شواطئ الساحل بالمصطافين.')).not.toContain('sahel_security');
    expect(ids('قتل جنود في هجوم شمال مالي، وتعهدت باماكو بالرد.')).toContain('sahel_security');
  });

  it('does not take the Sahara desert for the Western Sahara dispute', () => {
    expect(ids('عبرت القافلة الصحراء الكبرى في عشرة أيام، وتحدث الرحالة عن جمال الصحراء وقسوة الصحراء.')).not.toContain('western_sahara');
    expect(ids('جدد المغرب تمسكه بمقترح الحكم الذاتي في الصحراء، فيما رفضته جبهة البوليساريو.')).toContain('western_sahara');
  });

  it('keeps football attacks and penalties out of counterterrorism and military topics', () => {
    const got = ids('شن المهاجم هجوما قويا على مرمى الخصم، واحتسب الحكم ضربة جزاء في الشوط الثاني. وقال المدرب إن الهجوم كان انتحاريا وإن فريق الجيش الملكي يستحق الفوز.');
    expect(got).not.toContain('counterterrorism');
    expect(got).not.toContain('military_cooperation');
  });

  it('files peacekeeping under peacekeeping, not counterterrorism', () => {
    const got = ids('ساهمت القوات المغربية في عمليات حفظ السلام التابعة للأمم المتحدة في أفريقيا الوسطى.');
    expect(got).toContain('peacekeeping');
    expect(got).not.toContain('counterterrorism');
  });

  it('does not count an air base as al-Qaeda', () => {
    const hit = scoreTopics(analyze('أعلن الجيش أن مسلحي القاعدة هاجموا القاعدة الجوية، وأن عناصر القاعدة الإرهابية فروا.'), t).find(
      (h) => h.topicId === 'counterterrorism',
    );
    expect(hit?.hits).toBe(3);
  });

  it('does not take stadium capacity or positive energy for energy', () => {
    expect(ids('تجاوزت الطاقة الاستيعابية للملعب خمسين ألف متفرج، وشعر اللاعبون بطاقة إيجابية.')).not.toContain('energy');
  });
});

function seedBody(file: string): string {
  const raw = readFileSync(path.join(SEEDS_DIR, file), 'utf8');
  const nl = raw.indexOf('\n');
  return cleanText({ title: raw.slice(0, nl), text: raw.slice(nl + 1), format: 'txt' }).body;
}

describe.skipIf(skipNotice('topic acceptance on the seeds', hasSeeds, SEEDS_DIR))('default taxonomy on the seeds', () => {
  const t = compileTopics(loadTopics(CONFIG_DIR));
  const files = hasSeeds ? readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort() : [];
  const topicsOf = (n: number) => scoreTopics(analyze(seedBody(files[n] as string)), t).map((h) => h.topicId);

  it('000 Esper meets Tebboune: security, Libya, Sahel, constitution, peacekeeping; not energy', () => {
    const got = topicsOf(0);
    expect(got).toEqual(
      expect.arrayContaining(['counterterrorism', 'military_cooperation', 'libya_conflict', 'sahel_security', 'constitution_governance', 'peacekeeping']),
    );
    expect(got).not.toContain('energy');
  });

  it('001 Esper in Doha after the tour', () => {
    expect(topicsOf(1)).toEqual(expect.arrayContaining(['military_cooperation', 'counterterrorism', 'great_power_competition']));
  });

  it('002 Esper in Algiers (Al Jazeera)', () => {
    expect(topicsOf(2)).toEqual(
      expect.arrayContaining(['military_cooperation', 'counterterrorism', 'arms_trade', 'libya_conflict', 'constitution_governance', 'peacekeeping']),
    );
  });

  it('003 Esper starts the tour in Tunisia', () => {
    expect(topicsOf(3)).toEqual(expect.arrayContaining(['counterterrorism', 'military_cooperation', 'libya_conflict', 'great_power_competition']));
  });

  it('004 Blinken in Algiers', () => {
    expect(topicsOf(4)).toEqual(
      expect.arrayContaining([
        'energy',
        'ukraine_war',
        'western_sahara',
        'regional_rivalry',
        'israel_normalization',
        'sahel_security',
        'human_rights',
        'libya_conflict',
        'counterterrorism',
        'economic_cooperation',
      ]),
    );
  });
});

describe.skipIf(skipNotice('topic rates on the ANT corpus', hasAnt, ANT_CORPUS))('default taxonomy on ANT sport articles', () => {
  it('rarely tags sport with security topics (first 5,000 articles)', async () => {
    const t = compileTopics(loadTopics(CONFIG_DIR));
    const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()) });
    let sport = 0;
    let security = 0;
    let read = 0;
    for await (const line of lines) {
      if (++read > 5000) break;
      const record = JSON.parse(line) as { category: string; text: string };
      if (record.category !== 'sport') continue;
      sport++;
      const got = scoreTopics(analyze(record.text), t).map((h) => h.topicId);
      if (got.some((id) => id === 'counterterrorism' || id === 'military_cooperation' || id === 'arms_trade')) security++;
    }
    lines.close();
    expect(sport).toBeGreaterThan(500);
    expect(security / sport).toBeLessThan(0.01);
  });
});

describe('scoreTopics: English and French articles', () => {
  const defs = [
    def('military_cooperation', { 'التعاون العسكري': 2 }, [], {
      cues_en: [{ text: 'military cooperation', weight: 2 }, { text: 'joint exercise*', weight: 1 }],
      cues_fr: [{ text: 'coopération militaire', weight: 2 }],
    }),
  ];

  it('scores an English page with cues_en, reported as written', () => {
    const hits = score('The two ministers discussed Military Cooperation and joint exercises planned for next spring.', defs);
    expect(hits.map((h) => [h.topicId, h.hits, h.evidence])).toEqual([['military_cooperation', 2, ['Military Cooperation', 'joint exercises']]]);
    // each language keeps to its own cues: an Arabic article with an English caption is Arabic
    expect(score('وصل الوزير إلى العاصمة في زيارة رسمية تستمر يومين.\nPhoto: military cooperation talks', defs)).toEqual([]);
    expect(score('وبحث الجانبان التعاون العسكري بين البلدين.', defs).map((h) => h.topicId)).toEqual(['military_cooperation']);
  });

  it('scores a French page with cues_fr, accents or not', () => {
    const hits = score("Les deux ministres ont évoqué la cooperation militaire entre les deux pays, selon un communiqué de l'armée.", defs);
    expect(hits.map((h) => [h.topicId, h.evidence])).toEqual([['military_cooperation', ['cooperation militaire']]]);
  });

});
