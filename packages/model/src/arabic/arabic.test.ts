import { describe, expect, it } from 'vitest';
import {
  compactKey,
  decomposePresentationForms,
  dediacritize,
  fold,
  FOLD_TABLE,
  foldAlef,
  foldLookalikes,
  foldWithOffsets,
  isDropped,
  MATCH_FOLD,
  nameKey,
  nameWords,
  originalIndex,
} from './index.ts';

describe('fold', () => {
  it('folds Maghrebi and Persian letters to the Arabic letter news spells them with', () => {
    expect(fold('شنڨريحة')).toBe(fold('شنقريحة'));
    expect(fold('ڤيينا')).toBe('فيينا');
    expect(fold('ڢاس ڧابس')).toBe('فاس قابس');
    expect(fold('گ ڭ ک')).toBe('ك ك ك');
    expect(fold('پ چ ژ ی ے')).toBe('ب ج ز ي ي');
  });

  it('decomposes presentation forms, and folds what they decompose to', () => {
    expect(fold('ﻻ')).toBe('لا');
    expect(fold('ﺷﻨﻘﺮﻳﺤﺔ')).toBe(fold('شنقريحة'));
    // contextual forms of ڤ and گ decompose to the Persian letters, which fold on
    expect(fold('\ufb6a\ufb92')).toBe('فك');
    // a form with no decomposition (ornate parentheses) stays as it is
    expect(fold('﴾')).toBe('﴾');
  });

  it('drops diacritics, tatweel and invisible marks; folds hamza seats, ى, ة, digits and case', () => {
    expect(fold('أَنْطونيُ إسبـــر\u200f آمنة ٱلقدس مصطفى')).toBe('انطوني اسبر امنه القدس مصطفي');
    expect(fold('٢٠٢٠ ۱۲ NATO Élysée')).toBe('2020 12 nato élysée');
  });

  it('leaves a string already in matching form as it is', () => {
    const s = 'تونس nato 2020';
    expect(fold(s)).toBe(s);
  });

  it('gives, run by run, what folding character by character gives (foldWithOffsets)', () => {
    // kept, folded, dropped and decomposed characters at the start, in the middle, at the end and in runs
    const alphabet = ['ب', 'ت', 'أ', 'ة', 'ى', 'َ', 'ـ', '\u200f', 'ﻻ', 'ﺷ', '٣', 'A', 'z', ' ', '-', 'گ', 'ْ'];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % alphabet.length;
    for (let n = 0; n < 2000; n++) {
      const s = Array.from({ length: 1 + (n % 12) }, () => alphabet[next()]).join('');
      expect(fold(s)).toBe(foldWithOffsets(s).text);
    }
    expect(fold('َأحمد')).toBe('احمد');
    expect(fold('مدرسةٌ')).toBe('مدرسه');
    expect(fold('ـ')).toBe('');
  });
});

describe('named steps', () => {
  it('each does its own fold and nothing else', () => {
    expect(dediacritize('سعيّدٌ أَ')).toBe('سعيد أ');
    expect(foldAlef('أإآٱ ة')).toBe('اااا ة');
    expect(foldLookalikes('ڨ أ ة')).toBe('ق أ ة');
    expect(decomposePresentationForms('ﻻ أ')).toBe('لا أ');
  });

  it('come from the one table', () => {
    const steps = new Set(FOLD_TABLE.map((r) => r.step));
    for (const s of ['diacritics', 'alef', 'lookalikes', 'presentationForms']) expect(steps.has(s as never)).toBe(true);
  });
});

describe('foldWithOffsets and originalIndex', () => {
  it('map every folded index back into the text as written, ligatures included', () => {
    const original = 'زار شنڨريحةُ ﻻ الجزائرَ';
    const { text, offsets } = foldWithOffsets(original);
    expect(text).toBe('زار شنقريحه لا الجزائر');
    const at = text.indexOf('الجزائر');
    expect(original.slice(offsets[at], offsets[at + 'الجزائر'.length])).toBe('الجزائرَ');
    const la = text.indexOf('لا');
    expect(original.slice(offsets[la], offsets[la + 2])).toBe('ﻻ');
    expect(offsets[text.length]).toBe(original.length);
  });

  it('keeps diacritics with their word and never starts on one', () => {
    const w = 'بِلينكنَ';
    expect(originalIndex(w, 1)).toBe(2);
    expect(w.slice(originalIndex(w, 1), originalIndex(w, fold(w).length))).toBe('لينكنَ');
    expect(originalIndex('\u064eب', 0)).toBe(1);
    expect(isDropped(0x064e)).toBe(true);
    expect(isDropped(0x0628)).toBe(false);
  });
});

describe('keys', () => {
  it('nameKey: two spellings differing by ڤ/ف, a presentation form or spacing collide', () => {
    expect(nameKey('ڤيكتور  لاميري')).toBe(nameKey('فيكتور لاميري'));
    expect(nameKey('عﻼء')).toBe(nameKey('علاء'));
    expect(nameKey('سعيد شنڨريحة')).toBe(nameKey('سعيد شنقريحة'));
  });

  it('nameWords: words as the tokenizer splits them (scripts apart, punctuation a word of its own)', () => {
    expect(nameWords('الحرس-الثوري')).toEqual(['الحرس', '-', 'الثوري']);
    expect(nameKey('الحرس - الثوري')).toBe(nameKey('الحرس-الثوري'));
    expect(nameWords('ARLINGTONبلينكن F16')).toEqual(['arlington', 'بلينكن', 'f16']);
  });

  it('compactKey: letters and digits only', () => {
    expect(compactKey('Al-Arabiya')).toBe(compactKey('AlArabiya'));
    expect(compactKey('ﺍﻟﺸﺮﻭﻕ')).toBe(compactKey('الشروق'));
    expect(compactKey('عربي ٢١')).toBe('عربي21');
  });
});

describe('Fold.changedUnits', () => {
  it('marks every code unit the fold changes: a string of unmarked units folds to itself', () => {
    const changed = MATCH_FOLD.changedUnits();
    const missed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (fold(ch) !== ch && changed[c] !== 1) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
    expect([changed[0x0623], changed[0x0640], changed[0x064e], changed[0x0627], changed[0x0628]]).toEqual([1, 1, 1, 0, 0]); // أ ـ َ then ا ب
    expect(MATCH_FOLD.changedUnits()).toBe(changed);
  });
});
