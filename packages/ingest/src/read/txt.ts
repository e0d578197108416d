/**
 * A .txt article: the first non-empty line is the headline and the rest is the text, unless that
 * line reads as an article itself (an aggregator's one-line page): then it is all text and the page
 * has no headline.
 */
import type { ReadResult } from '../types.ts';
import { readsAsArticle } from './headline.ts';

export function txtToResult(content: string, source: string): ReadResult {
  const lines = content.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { kind: 'reject', reject: { source, reason: 'empty', detail: 'only white space' } };
  const firstLine = (lines[first] ?? '').trim();
  const headed = !readsAsArticle(firstLine);
  const title = headed ? firstLine : '';
  const text = lines
    .slice(headed ? first + 1 : first)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trim();
  if (text === '') {
    return { kind: 'reject', reject: { source, reason: 'empty', detail: `a headline and no text: "${clip(title)}"` } };
  }
  return { kind: 'doc', doc: { source, format: 'txt', title, text, url: null, outletHint: null, dateHint: null } };
}

export function clip(s: string, n = 60): string {
  return s.length <= n ? s : `${s.slice(0, n)}…`;
}
