/**
 * Person/location/organisation detection scored against the AQMAR Arabic Wikipedia NER corpus
 * (../shared/ner/aqmar): each sentence is rebuilt from its tokens, run through findMentions, and
 * every mention mapped back to the AQMAR tokens it covers. A mention counts when its token span and
 * type equal a gold entity's (person → PER, location → LOC, organization → ORG, discovered → PER).
 * MIS* entities are not scored, and a mention lying wholly inside one is neither right nor wrong.
 *
 *   npx tsx packages/ingest/src/bench/ner-eval.ts
 *
 * AQMAR covers science, football, history: a news gazetteer is expected to miss most of it. The
 * figure to watch is precision, i.e. how often a common word is taken for a name.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer, type Gazetteer } from '../extract/gazetteer.ts';
import { findMentions } from '../extract/mentions.ts';
import { CONFIG_DIR, AQMAR_DIR, hasAqmar } from '../testing/shared.ts';
import { analyze, sentenceAt } from '../text/index.ts';

export type NerType = 'PER' | 'LOC' | 'ORG';
const TYPES: readonly NerType[] = ['PER', 'LOC', 'ORG'];

export interface Span {
  first: number;
  last: number;
  type: NerType | 'MIS';
}

export interface Sentence {
  tokens: string[];
  gold: Span[];
}

/** One AQMAR file: «token TAG» per line, a blank line between sentences. Tags are BIO over PER, LOC, ORG and MIS*. */
export function parseAqmar(text: string): Sentence[] {
  const out: Sentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length > 0) out.push({ tokens, gold: spans(tags) });
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

/** BIO tags to spans; an I- that does not continue its type starts a span, as annotators sometimes wrote. */
function spans(tags: readonly string[]): Span[] {
  const out: Span[] = [];
  let open: Span | null = null;
  tags.forEach((tag, i) => {
    const m = /^([BI])-+([A-Z]+)/.exec(tag);
    const kind = m ? (m[2]!.startsWith('MIS') ? 'MIS' : (m[2] as string)) : null;
    const type = kind === 'PER' || kind === 'LOC' || kind === 'ORG' || kind === 'MIS' ? kind : null;
    if (type === null) {
      open = null;
      return;
    }
    if (m?.[1] === 'I' && open !== null && open.type === type && open.last === i - 1) {
      open.last = i;
      return;
    }
    open = { first: i, last: i, type };
    out.push(open);
  });
  return out;
}

/** The mentions of one sentence as spans over its tokens (joined by single spaces). */
export function predict(s: Sentence, g: Gazetteer): Span[] {
  const starts: number[] = [];
  let text = '';
  for (const t of s.tokens) {
    if (text) text += ' ';
    starts.push(text.length);
    text += t;
  }
  const tokenAt = (offset: number) => sentenceAt(starts, offset); // the same binary search over start offsets
  const { mentions } = findMentions(analyze(text), g);
  return mentions.map((m) => ({
    first: tokenAt(m.start),
    last: tokenAt(m.end - 1),
    type: nerType(g.entities.get(m.entityId)?.type ?? 'person'),
  }));
}

function nerType(t: 'person' | 'organization' | 'location'): NerType {
  return t === 'person' ? 'PER' : t === 'location' ? 'LOC' : 'ORG';
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  /** Mentions overlapping a gold entity of their type without the same boundaries. */
  partial: number;
}

export interface Score {
  byType: Record<NerType, Counts>;
  /** Mentions inside a MIS entity, left out of the counts. */
  insideMis: number;
  falsePositives: Map<string, number>;
}

export function score(sentences: readonly Sentence[], g: Gazetteer): Score {
  const byType = Object.fromEntries(TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0, partial: 0 }])) as Record<NerType, Counts>;
  const falsePositives = new Map<string, number>();
  let insideMis = 0;
  for (const s of sentences) {
    const gold = s.gold.filter((x): x is Span & { type: NerType } => x.type !== 'MIS');
    const mis = s.gold.filter((x) => x.type === 'MIS');
    const key = (x: Span) => `${x.first}:${x.last}:${x.type}`;
    const goldKeys = new Set(gold.map(key));
    const found = new Set<string>();
    for (const p of predict(s, g)) {
      if (p.type === 'MIS') continue;
      if (mis.some((m) => m.first <= p.first && p.last <= m.last)) {
        insideMis++;
        continue;
      }
      const c = byType[p.type];
      if (goldKeys.has(key(p))) {
        c.tp++;
        found.add(key(p));
        continue;
      }
      c.fp++;
      if (gold.some((x) => x.type === p.type && x.first <= p.last && p.first <= x.last)) c.partial++;
      const surface = `${p.type} ${s.tokens.slice(p.first, p.last + 1).join(' ')}`;
      falsePositives.set(surface, (falsePositives.get(surface) ?? 0) + 1);
    }
    for (const x of gold) if (!found.has(key(x))) byType[x.type].fn++;
  }
  return { byType, insideMis, falsePositives };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');

export function formatScore(s: Score, files: number, sentences: number): string {
  const rows: string[][] = [['type', 'gold', 'found', 'correct', 'precision', 'recall', 'F1', 'overlap-only']];
  const total: Counts = { tp: 0, fp: 0, fn: 0, partial: 0 };
  const row = (name: string, c: Counts) => {
    const p = c.tp / (c.tp + c.fp);
    const r = c.tp / (c.tp + c.fn);
    const f = (2 * p * r) / (p + r);
    rows.push([name, String(c.tp + c.fn), String(c.tp + c.fp), String(c.tp), pct(p), pct(r), pct(f), String(c.partial)]);
  };
  for (const t of TYPES) {
    const c = s.byType[t];
    row(t, c);
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    total.partial += c.partial;
  }
  row('all', total);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const top = [...s.falsePositives].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return [
    `AQMAR: ${files} files, ${sentences} sentences; exact token span and type (MIS* not scored; ${s.insideMis} mentions inside MIS entities left out)`,
    ...lines,
    `most frequent false positives: ${top.map(([k, n]) => `${k} ×${n}`).join(', ')}`,
  ].join('\n');
}

export function main(): number {
  if (!hasAqmar) {
    console.warn(`[skip] NER evaluation: ${AQMAR_DIR} is absent (../shared is there for developers and CI only).`);
    return 0;
  }
  const g = compileGazetteer(loadEntities(CONFIG_DIR));
  const files = readdirSync(AQMAR_DIR).filter((f) => f.endsWith('.txt')).sort();
  const sentences = files.flatMap((f) => parseAqmar(readFileSync(path.join(AQMAR_DIR, f), 'utf8')));
  const t0 = performance.now();
  const result = score(sentences, g);
  console.log(formatScore(result, files.length, sentences.length));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(2)} s)`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
