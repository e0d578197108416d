/**
 * Matching form of a Latin-script word: lower case, accents and other combining marks dropped,
 * ligatures spelt out, so that «Saïed», «SAIED» and «Saied», «Algérie» and «Algerie» meet.
 * French and English pages write the same names with and without accents.
 */
const COMBINING = /[\u0300-\u036f]/g;
const LIGATURES: Readonly<Record<string, string>> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i' };
const LIGATURE = /[œæßøđłı]/g;

export function foldLatin(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return word.toLowerCase();
  return word
    .normalize('NFD')
    .replace(COMBINING, '')
    .toLowerCase()
    .replace(LIGATURE, (c) => LIGATURES[c] as string);
}
