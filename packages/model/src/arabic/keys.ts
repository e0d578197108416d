/**
 * The keys names are compared on. nameWords splits like the ingest tokenizer (words of one script,
 * every other non-space character a word of its own) and folds each word, so two config names
 * collide exactly when the gazetteer would match them on the same words.
 */
import { CharClass, forEachWord } from './charsets.ts';
import { fold } from './normalize.ts';

/** The folded words of `s`, as the gazetteer matches them. */
export function nameWords(s: string): string[] {
  const words: string[] = [];
  forEachWord(s, (start, end, kind) => words.push(kind === CharClass.Punct ? s.slice(start, end) : fold(s.slice(start, end))));
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
