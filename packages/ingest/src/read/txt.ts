/**
 * A .txt article: the first non-empty line is the headline and the rest is the text, unless that
 * line reads as an article itself (an aggregator's one-line page): then it is all text and the page
 * has no headline.
 */
import type { ReadResult } from '../types.ts';
import { readsAsArticle } from './headline.ts';
import { excerpt, rejected } from './reject.ts';

export function txtToResult(content: string, source: string): ReadResult {
  const lines = content.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return rejected(source, 'empty', 'only white space');
  const firstLine = (lines[first] ?? '').trim();
  const headed = !readsAsArticle(firstLine);
  const title = headed ? firstLine : '';
  const text = lines
    .slice(headed ? first + 1 : first)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trim();
  if (text === '') {
    return rejected(source, 'empty', `a headline and no text: "${excerpt(title)}"`);
  }
  return { kind: 'doc', doc: { source, format: 'txt', title, text, url: null, outletHint: null, dateHint: null } };
}
