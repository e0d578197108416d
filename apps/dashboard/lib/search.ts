/**
 * Keyword search over titles and bodies, in the matching form Mirsad compares Arabic in: the query is
 * folded with @mirsad/model/arabic's fold, the text with the same table written as one DuckDB
 * translate() (so «إسرائيل» finds «اسرائيل», «الجزائرية» finds «الجزائريه»). Clitic-aware: a query word
 * also matches after the prefixes و ف، ب ك ل، ال (and لل for ل + ال): «الجزائر» finds «وبالجزائر».
 */
import { fold, foldChar } from '@mirsad/model/arabic';

/** Code units the fold maps to one other unit (from → to), and those it drops, over the ranges Arabic news uses. */
function foldMaps(): { from: string; to: string; drop: string } {
  let from = '';
  let to = '';
  let drop = '';
  const ranges: [number, number][] = [
    [0x0600, 0x08ff],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0xfb50, 0xfdff],
    [0xfe70, 0xfeff],
  ];
  for (const [lo, hi] of ranges) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const f = foldChar(c);
      if (f === '') drop += ch;
      else if (f.length === 1 && f !== ch) {
        from += ch;
        to += f;
      }
    }
  }
  return { from, to, drop };
}

const MAPS = foldMaps();
export const FOLD_FROM = MAPS.from + MAPS.drop;
export const FOLD_TO = MAPS.to;

/** The words of a query in matching form (at most 8, each at least one letter or digit). */
export function queryWords(q: string): string[] {
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
  return [...new Set(words)].slice(0, 8);
}

const PREFIXES = ['ال', 'لل'];

/**
 * The RE2 pattern a folded text must match for one query word: the word at a word start, after optional
 * و/ف, then ب/ك/ل, then ال. A query word that already has ال also matches after لل (للجزائر).
 */
export function wordPattern(word: string): string {
  const esc = word.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
  const bare = PREFIXES.some((p) => word.startsWith(p) && word.length > p.length + 1) ? esc.slice(2) : null;
  const core = bare ? `(?:ال|لل)${bare}` : `(?:ال|لل)?${esc}`;
  return `(?:^|[^\\pL\\pN])[وف]?[بكل]?${core}`;
}
