/**
 * «token TAG» files (ANERcorp, AQMAR, CoNLL style): one token and its BIO tag a line, a blank line
 * between sentences. Tags are read leniently — PERS is PER, MIS/MIS0/MIS1… are MISC, IOB1 and a
 * stray I- open a span — and sentences are rebuilt as text (tokens joined by spaces) so that they
 * go through the same tokenizer as an article.
 */
import { analyze } from '../text/index.ts';
import type { AnalyzedText, Token } from '../types.ts';
import { L, LABELS, O, type EntityType, type LabelSpan } from './labels.ts';
import { lastAtOrBefore } from '../text/sentences.ts';

export interface TaggedSentence {
  tokens: string[];
  gold: LabelSpan[];
}

export function parseTagged(text: string): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length > 0) out.push({ tokens, gold: spansOfTags(tags) });
    tokens = [];
    tags = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 2 || fields[0] === '') {
      flush();
      continue;
    }
    tokens.push(fields.slice(0, -1).join(' '));
    tags.push(fields[fields.length - 1] as string);
  }
  flush();
  return out;
}

/** PER, LOC, ORG or MISC of a tag's type name, or null (O, or a type we do not know). */
export function entityType(name: string): EntityType | null {
  const n = name.toUpperCase();
  if (n === 'PER' || n === 'PERS' || n === 'PERSON') return 'PER';
  if (n === 'LOC' || n === 'LOCATION' || n === 'GPE') return 'LOC';
  if (n === 'ORG' || n === 'ORGANIZATION' || n === 'ORGANISATION') return 'ORG';
  if (n.startsWith('MIS')) return 'MISC';
  return null;
}

function spansOfTags(tags: readonly string[]): LabelSpan[] {
  const out: LabelSpan[] = [];
  let open: LabelSpan | null = null;
  tags.forEach((tag, i) => {
    const m = /^([BIE])-+([A-Za-z0-9]+)$/.exec(tag);
    const type = m ? entityType(m[2] as string) : null;
    if (type === null) {
      open = null;
      return;
    }
    if (m?.[1] !== 'B' && open !== null && open.type === type && open.last === i - 1) {
      open.last = i;
      return;
    }
    open = { first: i, last: i, type };
    out.push(open);
  });
  return out;
}

/** The sentence as text, with the start offset of each of its tokens. */
export function sentenceText(tokens: readonly string[]): { text: string; starts: number[] } {
  const starts: number[] = [];
  let text = '';
  for (const t of tokens) {
    if (text) text += ' ';
    starts.push(text.length);
    text += t;
  }
  return { text, starts };
}

/** Index of the file token holding character `offset`: the last token start at or before it. */
export const tokenAt = lastAtOrBefore;

/**
 * The sentence analysed as an article would be, and the gold label of each of our tokens: a file
 * token our tokenizer splits («2003م», «U.S.») gives its label to its first piece and I- of the
 * same type to the rest.
 */
export function alignGold(s: TaggedSentence): { a: AnalyzedText; labels: Uint8Array } {
  const { text, starts } = sentenceText(s.tokens);
  const a = analyze(text);
  const fileLabels = new Uint8Array(s.tokens.length);
  for (const span of s.gold) {
    for (let k = span.first; k <= span.last; k++) fileLabels[k] = LABELS.indexOf(`${k === span.first ? 'B' : 'I'}-${span.type}` as (typeof LABELS)[number]);
  }
  const labels = new Uint8Array(a.tokens.length);
  let prevFile = -1;
  a.tokens.forEach((t: Token, i) => {
    const f = tokenAt(starts, t.start);
    const y = fileLabels[f] as number;
    labels[i] = f === prevFile && y !== O ? insideOf(y) : y;
    prevFile = f;
  });
  return { a, labels };
}

function insideOf(y: number): number {
  const name = LABELS[y] as string;
  return name.startsWith('B-') ? LABELS.indexOf(`I-${name.slice(2)}` as (typeof LABELS)[number]) : y;
}

void L;
