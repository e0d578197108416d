export type Lang = 'ar' | 'en';
export const LANG_HEADER = 'x-mirsad-lang';

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'ar';
}

export const dirOf = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');
