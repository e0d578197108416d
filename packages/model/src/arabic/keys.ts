/**
 * The keys names are compared on. nameWords splits like the ingest tokenizer (words of one script,
 * every other non-space character a word of its own) and folds each word, so two config names
 * collide exactly when the gazetteer would match them on the same words.
 */
import { CHAR_CLASS, CharClass } from './charsets.ts';
import { fold } from './normalize.ts';

/** The folded words of `s`, as the gazetteer matches them. */
export function nameWords(s: string): string[] {
  const words: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    const cls = CHAR_CLASS[c] as CharClass;
    if (cls === CharClass.Space) {
      i++;
      continue;
    }
    if (cls === CharClass.Punct || (c >= 0xd800 && c <= 0xdfff)) {
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      words.push(s.slice(i, i + w));
      i += w;
      continue;
    }
    const start = i;
    let script: CharClass | null = null;
    while (i < n) {
      const k = CHAR_CLASS[s.charCodeAt(i)] as CharClass;
      if (k === CharClass.Arabic || k === CharClass.Latin) {
        if (script !== null && script !== k) break;
        script = k;
      } else if (k !== CharClass.Mark && k !== CharClass.Digit && k !== CharClass.Joiner) break;
      i++;
    }
    words.push(fold(s.slice(start, i)));
  }
  return words;
}

/** The key a name (entity variant, equivalence word, skip name) collides on: its folded words, space-separated. */
export function nameKey(s: string): string {
  return nameWords(s).join(' ');
}

/**
 * The key an outlet name is matched on: folded, letters and digits only, so "AlArabiya",
 * "Al Arabiya" and "al-arabiya" agree.
 */
export function compactKey(s: string): string {
  let out = '';
  for (const ch of fold(s)) if (/[\p{L}\p{N}]/u.test(ch)) out += ch;
  return out;
}
