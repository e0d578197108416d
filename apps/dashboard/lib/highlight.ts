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
}

interface Mark {
  start: number;
  end: number;
  entity?: string;
  topic?: string;
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

export function highlightSegments(body: string, mentions: readonly MentionSpan[], cues: readonly CueSpan[]): Segment[] {
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
    const prev = segments.at(-1);
    // Merge neighbours that carry the same marks, so a plain run stays one text node.
    if (prev && same(prev.entities, entities) && same(prev.topics, topics)) {
      segments[segments.length - 1] = { ...prev, text: prev.text + body.slice(a, b) };
    } else {
      segments.push({ text: body.slice(a, b), entities, topics });
    }
  }
  return segments;
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
