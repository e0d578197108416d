import { describe, expect, it } from 'vitest';
import { analyze, foldLatin, tokenize } from './index.ts';

const lang = (body: string) => analyze(body).lang;

describe('detectLang', () => {
  it('reads Arabic, English and French articles', () => {
    expect(lang('وصل وزير الخارجية إلى العاصمة صباح اليوم في زيارة رسمية تستمر يومين، يبحث خلالها التعاون بين البلدين.')).toBe('ar');
    expect(lang('The foreign minister arrived in the capital on Monday for a two-day visit, and he said that talks with his counterpart were useful.')).toBe(
      'en',
    );
    expect(
      lang('Le ministre des Affaires étrangères est arrivé lundi dans la capitale pour une visite de deux jours, selon un communiqué de la présidence.'),
    ).toBe('fr');
  });

  it('keeps an Arabic article with an English caption or name in Arabic, and the reverse', () => {
    const arabic = [
      'قال المتحدث باسم الوزارة إن اللقاء تناول ملفات الأمن الإقليمي والتعاون الاقتصادي وتبادل الخبرات.',
      'وأضاف أن الجانبين اتفقا على مواصلة المشاورات خلال الأشهر المقبلة وعقد اجتماع جديد قبل نهاية العام.',
      'Photo: The minister and his guest at the airport on Monday (AFP)',
    ].join('\n');
    expect(lang(arabic)).toBe('ar');
    const english =
      'The minister said the visit, described by local media as «زيارة تاريخية», would open a new chapter in relations between the two countries.';
    expect(lang(english)).toBe('en');
  });

  it('names another language when the text is clearly in it, and falls back to Arabic on empty text', () => {
    expect(lang('El ministro de Asuntos Exteriores llegó el lunes a la capital para una visita de dos días con su homólogo.')).toBe('es');
    expect(lang('Министр иностранных дел прибыл в столицу в понедельник с двухдневным визитом.')).toBe('ru');
    expect(lang('وزیر امور خارجه روز دوشنبه برای یک سفر دو روزه وارد پایتخت شد و این سفر را مهم دانست که برای همکاری است.')).toBe('fa');
    expect(lang('2020 — 15')).toBe('ar');
  });

  it('is not misled by Persian letters typed in Arabic, nor by a list of Latin names and codes', () => {
    expect(lang('قال رئیس مجلس الإدارة إن الشركة ستبدأ في تشغیل الخط الجدید بین المدینتین خلال الأسبوع المقبل.')).toBe('ar');
    const channels =
      'تنقل القنوات التالية المباراة على الترددات الآتية:\n' + 'ZDF HD Astra E H RTS Deux HD Hotbird E V SRF Zwei TV Eutelsat W FTA ORTM Intelsat '.repeat(3);
    expect(lang(channels)).toBe('ar');
  });
});

describe('foldLatin', () => {
  it('drops accents and case, spells out ligatures', () => {
    expect(foldLatin('Saïed')).toBe('saied');
    expect(foldLatin('ALGÉRIE')).toBe('algerie');
    expect(foldLatin('Œuvre')).toBe('oeuvre');
  });

  it('is the norm of Latin tokens, with a decomposed accent kept inside its word', () => {
    const body = 'Kaïs Sai\u0308ed à Alger';
    const tokens = tokenize(body).filter((t) => t.kind === 'latin');
    expect(tokens.map((t) => t.norm)).toEqual(['kais', 'saied', 'a', 'alger']);
    expect(tokens[1]?.text).toBe('Sai\u0308ed');
  });
});
