/**
 * Splits an article body into plain and marked segments, for rendering as text and <mark> elements
 * (never as HTML). Mentions come as code-point offsets into body (DuckDB's substring counts code points,
 * JavaScript strings count UTF-16 units); topic cues come as strings and are found in body.
 */
export interface MentionSpan {
  readonly entity_id: string;
  readonly start: number;
  readonly end: number;
}
export interface CueSpan {
  readonly topic_id: string;
  readonly evidence: readonly string[];
}

export interface Segment {
  readonly text: string;
  /** Entities mentioned over this segment (usually zero or one). */
  readonly entities: readonly string[];
  /** Topics whose cues cover this segment. */
  readonly topics: readonly string[];
  /** In a sentence behind the selected topic or entity (only set when true). */
  readonly selected?: true;
}

/** A range of body in code points, end exclusive. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

const SENTENCE_END = /[.!?؟۔…\n]/u;

/**
 * The sentences (code-point ranges, leading spaces left out) holding the given spans: what the article
 * page marks and scrolls to for the topic or entity a reader came from. A sentence ends after . ! ? ؟ ۔ …
 * or a line break.
 */
export function sentencesOf(body: string, spans: readonly Range[]): Range[] {
  const chars = Array.from(body);
  const bounds: Range[] = [];
  let start = 0;
  for (let i = 0; i < chars.length; i++) {
    if (SENTENCE_END.test(chars[i]!) && (i + 1 === chars.length || !SENTENCE_END.test(chars[i + 1]!))) {
      bounds.push({ start, end: i + 1 });
      start = i + 1;
    }
  }
  if (start < chars.length) bounds.push({ start, end: chars.length });
  const picked = new Map<number, Range>();
  for (const sp of spans) {
    const b = bounds.find((r) => sp.start >= r.start && sp.start < r.end);
    if (!b) continue;
    let s0 = b.start;
    while (s0 < b.end && /\s/u.test(chars[s0]!)) s0++;
    picked.set(b.start, { start: s0, end: b.end });
  }
  return [...picked.values()].sort((a, b) => a.start - b.start);
}

/** Code-point ranges of every occurrence of the given strings in body (topic cues given as text). */
export function occurrences(body: string, needles: readonly string[]): Range[] {
  const cp = codePointIndex(body);
  const toCp = new Map(cp.map((u, i) => [u, i]));
  const out: Range[] = [];
  for (const ev of new Set(needles)) {
    if (!ev) continue;
    for (let at = body.indexOf(ev); at >= 0; at = body.indexOf(ev, at + ev.length)) {
      const s = toCp.get(at);
      const e = toCp.get(at + ev.length);
      if (s !== undefined && e !== undefined) out.push({ start: s, end: e });
    }
  }
  return out;
}

interface Mark {
  start: number;
  end: number;
  entity?: string;
  topic?: string;
  selected?: boolean;
}

/** UTF-16 index of each code-point offset 0..n (inclusive). */
function codePointIndex(body: string): number[] {
  const idx: number[] = [];
  let i = 0;
  for (const ch of body) {
    idx.push(i);
    i += ch.length;
  }
  idx.push(i);
  return idx;
}

export function highlightSegments(body: string, mentions: readonly MentionSpan[], cues: readonly CueSpan[], selected: readonly Range[] = []): Segment[] {
  const cp = codePointIndex(body);
  const nCp = cp.length - 1;
  const marks: Mark[] = [];
  for (const m of mentions) {
    if (!Number.isInteger(m.start) || !Number.isInteger(m.end) || m.start < 0 || m.end > nCp || m.start >= m.end) continue;
    marks.push({ start: cp[m.start]!, end: cp[m.end]!, entity: m.entity_id });
  }
  for (const c of cues) {
    for (const ev of new Set(c.evidence)) {
      if (!ev) continue;
      for (let at = body.indexOf(ev); at >= 0; at = body.indexOf(ev, at + ev.length)) {
        marks.push({ start: at, end: at + ev.length, topic: c.topic_id });
      }
    }
  }
  for (const r of selected) {
    if (r.start < 0 || r.end > nCp || r.start >= r.end) continue;
    marks.push({ start: cp[r.start]!, end: cp[r.end]!, selected: true });
  }
  const cuts = new Set<number>([0, body.length]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const over = marks.filter((m) => m.start <= a && m.end >= b);
    const entities = [...new Set(over.flatMap((m) => (m.entity ? [m.entity] : [])))];
    const topics = [...new Set(over.flatMap((m) => (m.topic ? [m.topic] : [])))];
    const sel = over.some((m) => m.selected);
    const prev = segments.at(-1);
    // Merge neighbours that carry the same marks, so a plain run stays one text node.
    if (prev && same(prev.entities, entities) && same(prev.topics, topics) && Boolean(prev.selected) === sel) {
      segments[segments.length - 1] = { ...prev, text: prev.text + body.slice(a, b) };
    } else {
      segments.push(sel ? { text: body.slice(a, b), entities, topics, selected: true } : { text: body.slice(a, b), entities, topics });
    }
  }
  return segments;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
