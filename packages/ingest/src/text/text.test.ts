import { describe, expect, it } from 'vitest';
import { CharClass, forEachWord } from '@mirsad/model/arabic';
import { analyze, cliticSplits, codePointIndexer, normalizeForMatch, normalizeText, originalIndex, sentenceAt, sentenceStarts, tokenize } from './index.ts';

describe('normalizeText', () => {
  it('unifies hamza forms, alef maqsura, ta marbuta, and drops diacritics and tatweel', () => {
    expect(normalizeText('أنطونيُ إسبـــر آمنة ٱلقدس')).toBe('انطوني اسبر امنه القدس');
    expect(normalizeText('مصطفى')).toBe('مصطفي');
    expect(normalizeText('قيس سعيّد')).toBe(normalizeText('قيس سعيد'));
    expect(normalizeText('الأمريكي')).toBe('الامريكي');
  });
  it('maps Persian look-alikes and Arabic-Indic digits, lower-cases Latin', () => {
    expect(normalizeText('کتاب یک')).toBe('كتاب يك');
    expect(normalizeText('٢٠٢٠/١٠/٠١ ۱۲')).toBe('2020/10/01 12');
    expect(normalizeText('NATO')).toBe('nato');
  });
  it('decomposes presentation forms (a naive code-point map would keep ﻻ as one char)', () => {
    expect(normalizeText('ﻻ')).toBe('لا');
  });
  it('folds Maghrebi and Persian letters (ڨ ڤ گ ڭ پ چ ژ), also in presentation forms', () => {
    expect(normalizeText('شنڨريحة')).toBe(normalizeText('شنقريحة'));
    expect(normalizeText('ڤ گ ڭ پ چ ژ')).toBe('ف ك ك ب ج ز');
    expect(normalizeText('\ufb6b\ufb93')).toBe('فك');
    const { text, offsets } = normalizeForMatch('عن شنڨريحةَ.');
    expect(text).toBe('عن شنقريحه.');
    expect(offsets[text.length - 1]).toBe('عن شنڨريحةَ'.length);
  });
  // toBe compares strings by value: whether the same object comes back cannot be observed here
  it('leaves a word already in matching form as it is', () => {
    const s = 'تونس';
    expect(normalizeText(s)).toBe(s);
    expect(normalizeText('nato 2020 f16')).toBe('nato 2020 f16');
  });
});

describe('normalizeForMatch offsets', () => {
  it('maps every normalised index back into the original', () => {
    const original = 'زار سعيّدٌ الجزائرَ';
    const { text, offsets } = normalizeForMatch(original);
    expect(text).toBe('زار سعيد الجزائر');
    const at = text.indexOf('الجزائر');
    const start = offsets[at] as number;
    const end = offsets[at + 'الجزائر'.length] as number;
    // the trailing fatha stays with its word
    expect(original.slice(start, end)).toBe('الجزائرَ');
    expect(offsets[text.length]).toBe(original.length);
  });
  it('agrees with originalIndex on a word', () => {
    const w = 'بِلينكنَ';
    expect(originalIndex(w, 1)).toBe(2); // after the kasra of the proclitic
    expect(w.slice(originalIndex(w, 1), originalIndex(w, normalizeText(w).length))).toBe('لينكنَ');
    expect(originalIndex(w, 0)).toBe(0);
  });
});

describe('tokenize', () => {
  it('splits words exactly where forEachWord does, as the config keys are split (its loop is a copy of that one)', () => {
    // script switches, marks and digits inside words, joiners, a mark with no letter, Arabic-Indic digits,
    // a surrogate pair, a lone surrogate, punctuation runs and spaces of several kinds
    const text = 'ARLINGTONبلينكن  وزيرُ2022 co\u200dop \u064e٣٤٥ 𝐀b\ud800x «قال»: F-16\u00a0ـالـ ؟!';
    const script: Partial<Record<CharClass, string>> = { [CharClass.Arabic]: 'arabic', [CharClass.Latin]: 'latin' };
    const words: string[] = [];
    forEachWord(text, (start, end, kind) => words.push(`${start}-${end} ${script[kind] ?? 'other'}`));
    const tokens = tokenize(text).map((t) => `${t.start}-${t.end} ${t.kind === 'arabic' || t.kind === 'latin' ? t.kind : 'other'}`);
    expect(tokens).toEqual(words);
    expect(words.length).toBeGreaterThan(15);
  });
  it('splits Arabic words from punctuation and quotes, with offsets into the text', () => {
    const body = 'قال لـ"رويترز": إنّ (البنتاغون) وافق.';
    const tokens = tokenize(body);
    for (const t of tokens) expect(body.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.filter((t) => t.kind === 'arabic').map((t) => t.norm)).toEqual(['قال', 'ل', 'رويترز', 'ان', 'البنتاغون', 'وافق']);
  });
  it('does not glue Latin and Arabic letters together', () => {
    const tokens = tokenize('ARLINGTONبلينكن F16');
    expect(tokens.map((t) => [t.text, t.kind])).toEqual([
      ['ARLINGTON', 'latin'],
      ['بلينكن', 'arabic'],
      ['F16', 'latin'],
    ]);
  });
  it('treats direction marks and zero-width spaces as separators', () => {
    expect(tokenize('تونس\u200fالجزائر').map((t) => t.text)).toEqual(['تونس', 'الجزائر']);
  });
  it('keeps numbers in Arabic-Indic digits as number tokens', () => {
    const [t] = tokenize('٢٠٢٠');
    expect(t?.kind).toBe('number');
    expect(t?.norm).toBe('2020');
  });
});

describe('sentences', () => {
  it('ends sentences at Arabic and Latin terminators and at line breaks, not at decimal points', () => {
    const body = 'زار الوزير تونس. ثم غادر؟ نعم!\nفقرة جديدة بنسبة 3.5 بالمئة';
    const starts = sentenceStarts(body);
    expect(starts.map((s) => body.slice(s, s + 4))).toEqual(['زار ', 'ثم غ', 'نعم!', 'فقرة']);
    expect(sentenceAt(starts, body.indexOf('بالمئة'))).toBe(3);
    expect(sentenceAt(starts, 0)).toBe(0);
  });
  it('keeps a closing quote with its sentence', () => {
    const body = 'قال إن "الشراكة قوية." وأضاف أن التعاون مستمر.';
    const starts = sentenceStarts(body);
    expect(starts).toHaveLength(2);
    expect(body.slice(starts[1])).toMatch(/^وأضاف/);
  });
});

describe('cliticSplits', () => {
  const stems = (w: string) => cliticSplits(normalizeText(w)).map((s) => `${s.skip}:${s.stem}:${s.definite ? 'def' : ''}`);
  it('strips conjunction, preposition and article combinations', () => {
    expect(stems('وبلينكن')).toContain('2:لينكن:'); // a reading the matcher must reject on its own
    expect(stems('وبلينكن')).toContain('1:بلينكن:');
    expect(stems('للجزائر')).toContain('1:جزائر:def');
    expect(stems('وبالجزائر')).toContain('2:جزائر:def');
    expect(stems('فالمغرب')).toContain('1:مغرب:def');
  });
  it('offers the unsplit word, so names beginning with clitic letters survive (لعمامرة, بوريطة)', () => {
    expect(stems('لعمامرة')).toContain('0:لعمامره:');
    expect(stems('بوريطة')[0]).toBe('0:بوريطه:');
  });
  it('never leaves a stem shorter than two letters', () => {
    expect(cliticSplits('وب').every((s) => s.stem.length >= 2)).toBe(true);
    // «every» holds for an empty list too: «وبل» must keep «وبل» and «بل» and drop «ل»
    expect(cliticSplits('وبل').map((s) => `${s.skip}:${s.stem}`)).toEqual(['0:وبل', '1:بل']);
  });
});

describe('analyze', () => {
  it('computes tokens and sentences once', () => {
    const a = analyze('جملة أولى. جملة ثانية.');
    expect(a.tokens.filter((t) => t.kind === 'arabic')).toHaveLength(4);
    expect(a.sentenceStarts).toEqual([0, 11]);
  });
});

describe('codePointIndexer', () => {
  it('counts an emoji as one character, as DuckDB does', () => {
    const body = 'خبر 😀 عن بلينكن';
    const cp = codePointIndexer(body);
    const start = body.indexOf('بلينكن');
    expect(cp(start)).toBe(start - 1);
    expect(
      Array.from(body)
        .slice(cp(start), cp(start + 6))
        .join(''),
    ).toBe('بلينكن');
    expect(cp(body.length)).toBe(Array.from(body).length);
  });
  it('is the identity on text without astral characters', () => {
    const cp = codePointIndexer('تونس');
    expect(cp(3)).toBe(3);
  });
});
