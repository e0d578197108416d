/** A .txt article: the first non-empty line is the headline, the rest is the text. */
import type { ReadResult } from '../types.ts';

export function txtToResult(content: string, source: string): ReadResult {
  const lines = content.split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return { kind: 'reject', reject: { source, reason: 'empty', detail: 'only white space' } };
  const title = (lines[first] ?? '').trim();
  const text = lines
    .slice(first + 1)
    .join('\n')
    .replace(/^\s*\n/, '')
    .trimEnd();
  if (text.trim() === '') {
    return { kind: 'reject', reject: { source, reason: 'empty', detail: `a headline and no text: "${clip(title)}"` } };
  }
  return { kind: 'doc', doc: { source, format: 'txt', title, text, url: null, outletHint: null, dateHint: null } };
}

export function clip(s: string, n = 60): string {
  return s.length <= n ? s : `${s.slice(0, n)}…`;
}
