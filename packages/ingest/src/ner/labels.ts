/** BIO labels of the tagger and the transitions Viterbi may take between them. */

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export type Label = (typeof LABELS)[number];
export type EntityType = 'PER' | 'LOC' | 'ORG' | 'MISC';
export const L = LABELS.length;
export const O = 0;

export function labelIndex(tag: Label): number {
  return LABELS.indexOf(tag);
}

/** The type of a B- or I- label index, or null for O. */
export function typeOf(label: number): EntityType | null {
  const s = LABELS[label] as Label;
  return s === 'O' ? null : (s.slice(2) as EntityType);
}

export function isInside(label: number): boolean {
  return (LABELS[label] as string).startsWith('I-');
}

/**
 * allowed[prev * L + cur]: an I-X label continues a B-X or I-X, never follows O or another type;
 * at the start of a sentence (prev = -1, see allowedAtStart) only O and B-X.
 */
export const ALLOWED: Uint8Array = (() => {
  const a = new Uint8Array(L * L);
  for (let p = 0; p < L; p++) {
    for (let c = 0; c < L; c++) a[p * L + c] = !isInside(c) || (p !== O && typeOf(p) === typeOf(c)) ? 1 : 0;
  }
  return a;
})();

export function allowedAtStart(c: number): boolean {
  return !isInside(c);
}

export interface LabelSpan {
  first: number;
  last: number;
  type: EntityType;
}

/** Spans of a label sequence (label indices); a stray I-X opens a span, as BIO readers do. */
export function labelSpans(labels: ArrayLike<number>): LabelSpan[] {
  const out: LabelSpan[] = [];
  let open: LabelSpan | null = null;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    const type = typeOf(y);
    if (type === null) {
      open = null;
      continue;
    }
    if (isInside(y) && open && open.type === type) {
      open.last = i;
      continue;
    }
    open = { first: i, last: i, type };
    out.push(open);
  }
  return out;
}
