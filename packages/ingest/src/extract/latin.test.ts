import { loadEntities, parseEntities } from '@mirsad/model/config/entities';
import { describe, expect, it } from 'vitest';
import { CONFIG_DIR } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import { compileGazetteer, type Gazetteer } from './gazetteer.ts';
import { findMentions } from './mentions.ts';

const FIXTURE = `
countries:
  include_all: true
entities:
  - { id: abdelmadjid-tebboune, type: person, country: DZ, name_ar: عبد المجيد تبون, name_en: Abdelmadjid Tebboune, variants: [تبون], variants_latin: [Tebboune, Tabboune] }
  - { id: kais-saied, type: person, country: TN, name_ar: قيس سعيد, name_en: Kais Saied, variants_latin: [Saied, Kaïs Saïed] }
  - { id: antony-blinken, type: person, country: US, name_ar: أنتوني بلينكن, name_en: Antony Blinken, variants: [بلينكن], variants_latin: [Blinken] }
  - { id: mark-esper, type: person, country: US, name_ar: مارك إسبر, name_en: Mark Esper, variants_latin: [Esper] }
  - { id: algeria, type: location, kind: country, country: DZ, name_ar: الجزائر, name_en: Algeria }
  - { id: algiers, type: location, kind: city, country: DZ, name_ar: الجزائر, match_name: false, name_en: Algiers, variants: [الجزائر العاصمة], variants_latin: [Alger] }
  - { id: pentagon, type: organization, kind: government, country: US, name_ar: البنتاغون, name_en: Pentagon (US Department of Defense) }
  - { id: maghreb-arabe-presse, type: organization, kind: media, country: MA, name_ar: وكالة المغرب العربي للأنباء, name_en: Maghreb Arabe Presse, variants_latin: [MAP] }
  - { id: isis, type: organization, kind: armed_group, name_ar: تنظيم الدولة الإسلامية, name_en: Islamic State, variants: [تنظيم الدولة, داعش] }
  - id: al-qaeda
    type: organization
    kind: armed_group
    name_ar: تنظيم القاعدة
    name_en: Al-Qaeda
    variants: [القاعدة]
    context:
      - variants: [القاعدة]
        rules:
          - { near: [الإرهابي, الإرهاب], then: keep }
        otherwise: drop
  - { id: hamas, type: organization, kind: armed_group, name_ar: حركة حماس, name_en: Hamas }
  - { id: fatah, type: organization, kind: party, name_ar: حركة فتح, name_en: Fatah }
  - { id: al-jazeera, type: organization, kind: media, name_ar: قناة الجزيرة, name_en: Al Jazeera }
  - { id: al-arabiya, type: organization, kind: media, name_ar: قناة العربية, name_en: Al Arabiya }
`;

const g = compileGazetteer(parseEntities(['fixture.yaml', FIXTURE]));

function mentions(body: string, gaz: Gazetteer = g) {
  const { mentions: found } = findMentions(analyze(body), gaz);
  for (const m of found) expect(body.slice(m.start, m.end), m.entityId).toBe(m.surface);
  return found;
}
const pairs = (body: string, gaz?: Gazetteer) => mentions(body, gaz).map((m) => [m.entityId, m.surface]);

describe('mentions on English and French text', () => {
  it('finds English names with exact offsets, whatever their case, on word boundaries', () => {
    const body =
      "ALGIERS — President Abdelmadjid TEBBOUNE received Antony Blinken on Wednesday. Blinken's visit to Algeria follows Esper's, the Pentagon said; Esperanto is not a person.";
    const found = mentions(body);
    expect(found.map((m) => [m.entityId, m.surface, m.start])).toEqual([
      ['algiers', 'ALGIERS', 0],
      ['abdelmadjid-tebboune', 'Abdelmadjid TEBBOUNE', body.indexOf('Abdelmadjid')],
      ['antony-blinken', 'Antony Blinken', body.indexOf('Antony')],
      ['antony-blinken', 'Blinken', body.indexOf("Blinken's")],
      ['algeria', 'Algeria', body.indexOf('Algeria')],
      ['mark-esper', 'Esper', body.indexOf("Esper's")],
      ['pentagon', 'Pentagon', body.indexOf('Pentagon')],
    ]);
    expect(found.every((m) => m.end === m.start + m.surface.length)).toBe(true);
  });

  it("matches French spellings and accents either way, and the library's French country names", () => {
    const body =
      "Le président Kaïs Saïed a reçu le chef de l'État algérien, Tabboune. Saied s'est ensuite rendu à Alger, où l'Algérie l'attendait; le département américain de la Défense (US Department of Defense) n'a rien dit.";
    expect(pairs(body)).toEqual([
      ['kais-saied', 'Kaïs Saïed'],
      ['abdelmadjid-tebboune', 'Tabboune'],
      ['kais-saied', 'Saied'],
      ['algiers', 'Alger'],
      ['algeria', 'Algérie'],
      ['pentagon', 'US Department of Defense'],
    ]);
  });

  it('keeps the offsets when an accent is typed as a combining mark', () => {
    const body = 'Kai\u0308s Sai\u0308ed met officials.';
    expect(pairs(body)).toEqual([['kais-saied', 'Kai\u0308s Sai\u0308ed']]);
  });

  it('matches an acronym written in capitals only: MAP the agency, never a map', () => {
    expect(pairs('According to MAP, the map of the region was shown.')).toEqual([['maghreb-arabe-presse', 'MAP']]);
  });

  it('matches Latin names inside an Arabic article too', () => {
    const body = 'وصل بلينكن إلى الجزائر.\nPhoto: Blinken in Algiers';
    expect(pairs(body)).toEqual([
      ['antony-blinken', 'بلينكن'],
      ['algeria', 'الجزائر'],
      ['antony-blinken', 'Blinken'],
      ['algiers', 'Algiers'],
    ]);
  });
});

describe('dual constructs', () => {
  it('reads «تنظيمي الدولة والقاعدة» as both organisations', () => {
    expect(pairs('حذر الوزير من خطر تنظيمي الدولة والقاعدة في المنطقة.')).toEqual([
      ['isis', 'تنظيمي الدولة'],
      ['al-qaeda', 'القاعدة'],
    ]);
  });

  it('works for a head in ة, the nominative dual, and with proclitics on the dual', () => {
    expect(pairs('وقعت حركتا حماس وفتح الاتفاق.')).toEqual([
      ['hamas', 'حركتا حماس'],
      ['fatah', 'فتح'],
    ]);
    expect(pairs('وقال لقناتي الجزيرة والعربية إن الوضع هادئ.')).toEqual([
      ['al-jazeera', 'قناتي الجزيرة'],
      ['al-arabiya', 'العربية'],
    ]);
  });

  it('needs both complements to name something: no dual is read from one name or from a common word', () => {
    // «حركتي» with a single complement: no pair, and «فتح» alone is not in the gazetteer
    expect(pairs('انضم إلى حركتي حماس والتغيير.')).toEqual([]);
    expect(pairs('السبب الرئيسي والوحيد معروف.')).toEqual([]);
  });
});

// These check data/config's entities themselves (an agency for every Arab League state, the country
// names skip_names leaves out, listed spellings), so they read the live config; the matching itself is
// tested above on the FIXTURE gazetteer.
describe('the shipped gazetteer', () => {
  const shipped = loadEntities(CONFIG_DIR);
  const sg = compileGazetteer(shipped);
  const idsOf = (body: string) => mentions(body, sg).map((m) => m.entityId);

  it('has a national news agency for every one of the 22 Arab League states', () => {
    const ARAB_LEAGUE = ['DZ', 'BH', 'KM', 'DJ', 'EG', 'IQ', 'JO', 'KW', 'LB', 'LY', 'MR', 'MA', 'OM', 'PS', 'QA', 'SA', 'SO', 'SD', 'SY', 'TN', 'AE', 'YE'];
    const agencies = new Set(
      shipped.filter((e) => e.kind === 'media' && /News Agency|Presse|Press|Agence|WAFA|Information/i.test(e.name_en)).map((e) => e.country),
    );
    expect(ARAB_LEAGUE.filter((c) => !agencies.has(c))).toEqual([]);
    // short names that are also common words count only in a credit or a dateline
    expect(idsOf('جاء بنا القطار إلى المدينة.')).toEqual([]);
    expect(idsOf('أبدى التزاما وفا به.')).toEqual([]);
  });

  it.each([
    ['وكالة تونس إفريقيا للأنباء', 'وات', 'tunis-afrique-presse'],
    ['وكالة الأنباء الجزائرية', 'واج', 'algerie-presse-service'],
    ['وكالة المغرب العربي للأنباء', 'MAP', 'maghreb-arabe-presse'],
    ['وكالة الأنباء القطرية', 'قنا', 'qatar-news-agency'],
    ['وكالة الأنباء السعودية', 'واس', 'saudi-press-agency'],
    ['وكالة أنباء الإمارات', 'وام', 'emirates-news-agency'],
    ['وكالة الأنباء الكويتية', 'كونا', 'kuwait-news-agency'],
    ['وكالة أنباء البحرين', 'بنا', 'bahrain-news-agency'],
    ['وكالة الأنباء العمانية', 'العمانية', 'oman-news-agency'],
    ['الوكالة العربية السورية للأنباء', 'سانا', 'syrian-arab-news-agency'],
    ['وكالة الأنباء الأردنية', 'بترا', 'petra-news-agency'],
    ['وكالة أنباء الشرق الأوسط', 'أ ش أ', 'middle-east-news-agency'],
    ['وكالة السودان للأنباء', 'سونا', 'sudan-news-agency'],
    ['الوكالة الوطنية للإعلام', 'NNA', 'national-news-agency-lebanon'],
    ['وكالة الأنباء العراقية', 'واع', 'iraqi-news-agency'],
    ['وكالة الأنباء الليبية', 'LANA', 'libya-news-agency'],
    ['الوكالة الموريتانية للأنباء', 'AMI', 'agence-mauritanienne-d-information'],
    ['وكالة الأنباء اليمنية', 'سبأ', 'saba-news-agency'],
    ['وكالة الأنباء والمعلومات الفلسطينية', 'وفا', 'wafa'],
    ['وكالة الأنباء الصومالية', 'SONNA', 'somali-national-news-agency'],
    ['الوكالة الجيبوتية للأنباء', 'ADI', 'agence-djiboutienne-d-information'],
    ['وكالة الأنباء القمرية', 'Comoros News Agency', 'comoros-news-agency'],
    ['وكالة الأنباء الفرنسية', 'أ ف ب', 'afp'],
    ['وكالة أسوشيتد برس', 'AP', 'associated-press'],
    ['وكالة الأناضول', 'الأناضول', 'anadolu-agency'],
    ['وكالة أنباء شينخوا', 'Xinhua', 'xinhua'],
    ['وكالة تاس', 'TASS', 'tass'],
    ['وكالة ريا نوفوستي', 'نوفوستي', 'ria-novosti'],
    ['الوكالة الألمانية للأنباء', 'د ب أ', 'dpa'],
    ['وكالة إفي', 'EFE', 'efe'],
    ['وكالة كيودو', 'Kyodo', 'kyodo'],
    ['وكالة أنسا', 'ANSA', 'ansa'],
    ['وكالة سبوتنيك', 'Sputnik', 'sputnik'],
    ['رويترز', 'Reuters', 'reuters'],
  ])('knows %s and its short name %s', (full, short, id) => {
    expect(idsOf(`وذكرت ${full} أن الوفد وصل.`)).toEqual([id]);
    // a short name as a credit in a dateline: «العاصمة (واس) -»
    const credit = /[A-Za-z]/.test(short) ? `Source: ${short}` : `نقلا عن ${short}: وصل الوفد.`;
    expect(idsOf(credit)).toEqual([id]);
  });

  it('reads French and English country names, but not the ones that are common words', () => {
    expect(idsOf("Lors d'une réunion à Alger, Maurice a évoqué la grenade lancée au Maroc et en Tunisie.")).toEqual(['algiers', 'morocco', 'tunisia']);
    expect(idsOf('The Algerian army said Algeria and Morocco closed the border; Libya and the UAE were not consulted.')).toEqual([
      'algeria',
      'morocco',
      'libya',
      'united-arab-emirates',
    ]);
  });

  it('knows other spellings of listed people', () => {
    expect(idsOf('قال بلينكين إن الزيارة مهمة.')).toEqual(['antony-blinken']);
    expect(idsOf('كان رامسفلد وزيرا.')).toEqual(['donald-rumsfeld']);
  });
});
