/**
 * Scoring of the mention pipeline against «token TAG» files: consecutive sentences are rebuilt
 * from their tokens as one article (a pseudo-document: the files mark no article boundaries) and
 * run through findMentions (gazetteer, roles, tagger), every mention mapped back to the file tokens
 * it covers, and compared with the gold spans on exact span and type. PER, LOC and ORG
 * are scored; MISC is not, and a mention lying wholly inside a gold MISC span is neither right nor
 * wrong (a tagger is not faulted for «كأس العالم» containing a place).
 */
import type { Gazetteer } from '../extract/gazetteer.ts';
import { findMentions, rulePriors, sentenceRanges } from '../extract/mentions.ts';
import { analyze } from '../text/index.ts';
import type { Token } from '../types.ts';
import { sentenceText, tokenAt, type TaggedSentence } from './conll.ts';
import { labelSpans, type LabelSpan } from './labels.ts';
import type { Tagger } from './model.ts';

/** Sentences of one pseudo-document: about one news article of ANERcorp. */
export const DOCUMENT_SENTENCES = 20;

export const SCORED = ['PER', 'LOC', 'ORG'] as const;
export type ScoredType = (typeof SCORED)[number];

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface NerScore {
  byType: Record<ScoredType, Counts>;
  sentences: number;
  /** Mentions inside a gold MISC span, left out of the counts. */
  insideMisc: number;
}

export type Predictor = (s: TaggedSentence) => LabelSpan[];

const NER_TYPE = { person: 'PER', location: 'LOC', organization: 'ORG' } as const;

/** Predictions for a run of consecutive sentences (a document), one list of spans per sentence. */
export type DocumentPredictor = (sentences: readonly TaggedSentence[]) => LabelSpan[][];

/**
 * The pipeline's mentions of consecutive sentences analysed as one article (one sentence a line,
 * so the tagger's second pass sees the other sentences), as spans over each sentence's file tokens.
 */
export function pipelinePredictor(g: Gazetteer, tagger: Tagger | null): DocumentPredictor {
  return (sentences) => {
    const { text, bases, starts } = documentText(sentences);
    const { mentions, discovered } = findMentions(analyze(text), g, { tagger });
    const types = new Map(discovered.map((d) => [d.entity_id, d.type]));
    const out: LabelSpan[][] = sentences.map(() => []);
    for (const m of mentions) {
      const k = tokenAt(bases, m.start);
      const base = bases[k] as number;
      out[k]!.push({
        first: tokenAt(starts[k] as number[], m.start - base),
        last: tokenAt(starts[k] as number[], m.end - 1 - base),
        type: NER_TYPE[g.entities.get(m.entityId)?.type ?? types.get(m.entityId) ?? 'person'],
      });
    }
    return out;
  };
}

/** A document's text, one sentence a line, with where each sentence and each of its file tokens starts. */
function documentText(sentences: readonly TaggedSentence[]): { text: string; bases: number[]; starts: number[][] } {
  const bases: number[] = [];
  const starts: number[][] = [];
  let text = '';
  for (const s of sentences) {
    if (text) text += '\n';
    const one = sentenceText(s.tokens);
    bases.push(text.length);
    starts.push(one.starts);
    text += one.text;
  }
  return { text, bases, starts };
}

/**
 * The tagger's own spans (its two passes, with the rules' priors as features, before
 * findMentions's merge and person filters), mapped back to each sentence's file tokens: what the
 * model alone is worth, apart from the filters that decide which of its spans become mentions.
 */
export function taggerPredictor(g: Gazetteer, tagger: Tagger): DocumentPredictor {
  return (sentences) => {
    const { text, bases, starts } = documentText(sentences);
    const a = analyze(text);
    const { labels } = tagger.tagDocument(a.tokens, sentenceRanges(a), rulePriors(a, g));
    const out: LabelSpan[][] = sentences.map(() => []);
    for (const span of labelSpans(labels)) {
      const first = a.tokens[span.first] as Token;
      const last = a.tokens[span.last] as Token;
      const k = tokenAt(bases, first.start);
      if (tokenAt(bases, last.end - 1) !== k) continue;
      const base = bases[k] as number;
      out[k]!.push({ first: tokenAt(starts[k] as number[], first.start - base), last: tokenAt(starts[k] as number[], last.end - 1 - base), type: span.type });
    }
    return out;
  };
}

/**
 * Scores a document predictor over the sentences of each file, cut into pseudo-documents of
 * `documentSentences` consecutive sentences (1: every sentence on its own).
 */
export function scoreDocuments(files: readonly (readonly TaggedSentence[])[], predict: DocumentPredictor, documentSentences = DOCUMENT_SENTENCES): NerScore {
  const sentences: TaggedSentence[] = [];
  const predictions: LabelSpan[][] = [];
  for (const file of files) {
    for (let d = 0; d < file.length; d += documentSentences) predictions.push(...predict(file.slice(d, d + documentSentences)));
    sentences.push(...file);
  }
  let i = 0;
  return scoreSentences(sentences, () => predictions[i++] as LabelSpan[]);
}

export function scoreSentences(sentences: readonly TaggedSentence[], predict: Predictor): NerScore {
  const byType = Object.fromEntries(SCORED.map((t) => [t, { tp: 0, fp: 0, fn: 0 }])) as Record<ScoredType, Counts>;
  let insideMisc = 0;
  const key = (x: LabelSpan) => `${x.first}:${x.last}:${x.type}`;
  for (const s of sentences) {
    const gold = s.gold.filter((x) => x.type !== 'MISC');
    const misc = s.gold.filter((x) => x.type === 'MISC');
    const goldKeys = new Set(gold.map(key));
    const found = new Set<string>();
    for (const p of predict(s)) {
      if (p.type === 'MISC') continue;
      if (misc.some((m) => m.first <= p.first && p.last <= m.last)) {
        insideMisc++;
        continue;
      }
      const c = byType[p.type];
      const k = key(p);
      if (goldKeys.has(k) && !found.has(k)) {
        c.tp++;
        found.add(k);
      } else {
        c.fp++;
      }
    }
    for (const x of gold) if (!found.has(key(x))) byType[x.type as ScoredType].fn++;
  }
  return { byType, sentences: sentences.length, insideMisc };
}

export function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f };
}

export function micro(s: NerScore): Counts {
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const t of SCORED) {
    total.tp += s.byType[t].tp;
    total.fp += s.byType[t].fp;
    total.fn += s.byType[t].fn;
  }
  return total;
}

const pct = (x: number) => (100 * x).toFixed(1);

/** A table per type, then the last line `micro <P> <R> <F1>` in percent with one decimal. */
export function formatScore(s: NerScore): string {
  const rows: string[][] = [['type', 'gold', 'found', 'correct', 'P', 'R', 'F1']];
  const row = (name: string, c: Counts) => {
    const { p, r, f } = prf(c);
    rows.push([name, String(c.tp + c.fn), String(c.tp + c.fp), String(c.tp), pct(p), pct(r), pct(f)]);
  };
  for (const t of SCORED) row(t, s.byType[t]);
  const m = micro(s);
  row('micro', m);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const { p, r, f } = prf(m);
  return [
    `${s.sentences} sentences; exact span and type over PER, LOC, ORG (MISC not scored; ${s.insideMisc} mentions inside MISC spans left out)`,
    ...lines,
    `micro ${pct(p)} ${pct(r)} ${pct(f)}`,
  ].join('\n');
}

/** Tagger persons findMentions left out, by reason: how many were gold persons (exact span) and how many not. */
export interface RejectionCounts {
  byReason: Map<string, { gold: number; other: number; examples: string[] }>;
}

/** The files read as runs of `documentSentences` sentences, each run one document, and where a character offset of its text falls (sentence, first and last token). */
function* documents(files: readonly (readonly TaggedSentence[])[], documentSentences: number) {
  for (const file of files) {
    for (let d = 0; d < file.length; d += documentSentences) {
      const sentences = file.slice(d, d + documentSentences);
      const { text, bases, starts } = documentText(sentences);
      const place = (start: number, end: number) => {
        const k = tokenAt(bases, start);
        const base = bases[k] as number;
        return { k, first: tokenAt(starts[k] as number[], start - base), last: tokenAt(starts[k] as number[], end - 1 - base) };
      };
      yield { sentences, text, a: analyze(text), place };
    }
  }
}

/**
 * Per filter of findMentions, the tagger's person spans it refused and that the pipeline does not
 * publish with that span and type in another way (a rule's mention), split into gold persons (the
 * recall the filter costs) and the rest (the false persons it saves).
 */
export function personRejections(
  files: readonly (readonly TaggedSentence[])[],
  g: Gazetteer,
  tagger: Tagger,
  documentSentences = DOCUMENT_SENTENCES,
): RejectionCounts {
  const byReason = new Map<string, { gold: number; other: number; examples: string[] }>();
  for (const { sentences, text, a, place } of documents(files, documentSentences)) {
    const rejected: { reason: string; start: number; end: number }[] = [];
    const { mentions, discovered } = findMentions(a, g, {
      tagger,
      onRejected: (r) => {
        if (r.type === 'PER') rejected.push({ reason: r.reason, start: (a.tokens[r.first] as Token).start, end: (a.tokens[r.last] as Token).end });
      },
    });
    const types = new Map(discovered.map((x) => [x.entity_id, x.type]));
    const published = new Set<string>();
    for (const m of mentions) {
      if ((g.entities.get(m.entityId)?.type ?? types.get(m.entityId) ?? 'person') !== 'person') continue;
      const p = place(m.start, m.end);
      published.add(`${p.k}:${p.first}:${p.last}`);
    }
    for (const r of rejected) {
      const p = place(r.start, r.end);
      if (published.has(`${p.k}:${p.first}:${p.last}`)) continue;
      const gold = (sentences[p.k] as TaggedSentence).gold.some((x) => x.type === 'PER' && x.first === p.first && x.last === p.last);
      let c = byReason.get(r.reason);
      if (!c) byReason.set(r.reason, (c = { gold: 0, other: 0, examples: [] }));
      if (gold) c.gold++;
      else c.other++;
      c.examples.push(`${gold ? '+' : '-'} ${text.slice(r.start, r.end)}`);
    }
  }
  return { byReason };
}

export function formatRejections(r: RejectionCounts): string {
  const rows = [...r.byReason].sort((x, y) => y[1].gold + y[1].other - (x[1].gold + x[1].other));
  return rows.map(([reason, c]) => `  ${reason.padEnd(44)} gold persons ${String(c.gold).padStart(4)}, others ${String(c.other).padStart(4)}`).join('\n');
}

/**
 * Where the merge of findMentions parts from the tagger's own spans, per gold span and per false
 * mention, as counts by cause (the bench prints them; `examples` holds the text of each, for a
 * developer's own look, never printed by the bench):
 *
 * - lost: a gold span the tagger alone finds (exact span and type) that the pipeline does not; the
 *   cause is the pipeline's mention over it (its method, and whether it has the span with another
 *   type, other bounds, or holds the gold span inside a longer one), or the filter that refused the
 *   tagger's span, or «dropped» when neither;
 * - gained: a gold span the pipeline finds and the tagger alone does not, by method;
 * - false: a pipeline mention that is no gold span, by method, with whether the tagger alone made
 *   the same mistake and whether it overlaps a gold span (bounds or type) or none.
 */
export interface MergeLosses {
  lost: Map<string, number>;
  gained: Map<string, number>;
  false: Map<string, number>;
  examples: Map<string, string[]>;
}

export function mergeLosses(files: readonly (readonly TaggedSentence[])[], g: Gazetteer, tagger: Tagger, documentSentences = DOCUMENT_SENTENCES): MergeLosses {
  const out: MergeLosses = { lost: new Map(), gained: new Map(), false: new Map(), examples: new Map() };
  const count = (m: Map<string, number>, kind: string, key: string, example: string) => {
    m.set(key, (m.get(key) ?? 0) + 1);
    const k = `${kind}: ${key}`;
    const list = out.examples.get(k) ?? [];
    list.push(example);
    out.examples.set(k, list);
  };
  for (const { sentences, a, place } of documents(files, documentSentences)) {
    const own = new Set<string>();
    for (const span of labelSpans(a.tokens.length ? tagger.tagDocument(a.tokens, sentenceRanges(a), rulePriors(a, g)).labels : new Uint8Array(0))) {
      if (span.type === 'MISC') continue;
      const p = place((a.tokens[span.first] as Token).start, (a.tokens[span.last] as Token).end);
      own.add(`${p.k}:${p.first}:${p.last}:${span.type}`);
    }
    const rejected = new Map<string, string>();
    const { mentions, discovered } = findMentions(a, g, {
      tagger,
      onRejected: (r) => {
        const p = place((a.tokens[r.first] as Token).start, (a.tokens[r.last] as Token).end);
        rejected.set(`${p.k}:${p.first}:${p.last}:${r.type}`, r.reason);
      },
    });
    const types = new Map(discovered.map((x) => [x.entity_id, x.type]));
    const found = mentions.map((m) => ({
      ...place(m.start, m.end),
      type: NER_TYPE[g.entities.get(m.entityId)?.type ?? types.get(m.entityId) ?? 'person'] as ScoredType,
      method: m.method,
      surface: m.surface,
    }));
    const keyOf = (x: { k: number; first: number; last: number; type: string }) => `${x.k}:${x.first}:${x.last}:${x.type}`;
    const foundKeys = new Set(found.map(keyOf));
    const goldKeys = new Set<string>();
    sentences.forEach((s, k) => {
      for (const x of s.gold) if (x.type !== 'MISC') goldKeys.add(keyOf({ k, ...x }));
    });
    sentences.forEach((s, k) => {
      for (const x of s.gold) {
        if (x.type === 'MISC') continue;
        const key = keyOf({ k, ...x });
        const surface = `${x.type} ${s.tokens.slice(x.first, x.last + 1).join(' ')}`;
        const byTagger = own.has(key);
        const byPipeline = foundKeys.has(key);
        if (byPipeline && !byTagger) {
          const m = found.find((f) => keyOf(f) === key)!;
          count(out.gained, 'gained', m.method, surface);
        }
        if (!byTagger || byPipeline) continue;
        const over = found.filter((f) => f.k === k && f.first <= x.last && x.first <= f.last);
        let cause: string;
        if (over.length > 0) {
          const m = over[0]!;
          const how =
            m.first === x.first && m.last === x.last
              ? `as ${m.type}`
              : m.first <= x.first && x.last <= m.last
                ? 'inside a longer mention'
                : x.first <= m.first && m.last <= x.last
                  ? 'cut shorter'
                  : 'other bounds';
          cause = `${m.method} ${how}`;
          count(out.lost, 'lost', cause, `${surface} ← ${m.type} ${m.surface}`);
        } else {
          cause = rejected.has(key) ? `refused: ${rejected.get(key)}` : 'dropped';
          count(out.lost, 'lost', cause, surface);
        }
      }
    });
    for (const f of found) {
      if ((sentences[f.k] as TaggedSentence).gold.some((x) => x.type === 'MISC' && x.first <= f.first && f.last <= x.last)) continue;
      const key = keyOf(f);
      if (goldKeys.has(key)) continue;
      const overlaps = (sentences[f.k] as TaggedSentence).gold.some((x) => x.type !== 'MISC' && x.first <= f.last && f.first <= x.last);
      const cause = `${f.method}${own.has(key) ? ' (tagger alone too)' : ''}, ${overlaps ? 'over a gold span' : 'no gold span'}`;
      count(out.false, 'false', cause, `${f.type} ${f.surface}`);
    }
  }
  return out;
}

export function formatMergeLosses(m: MergeLosses): string {
  const lines: string[] = [];
  for (const [title, map] of [
    ['gold spans the tagger alone finds and the pipeline loses, by cause', m.lost],
    ['gold spans the pipeline finds and the tagger alone does not, by method', m.gained],
    ['pipeline mentions that are no gold span, by method', m.false],
  ] as const) {
    const total = [...map.values()].reduce((s, x) => s + x, 0);
    lines.push(`  ${title}: ${total}`);
    for (const [k, v] of [...map].sort((x, y) => y[1] - x[1])) lines.push(`    ${k.padEnd(52)} ${String(v).padStart(5)}`);
  }
  return lines.join('\n');
}
