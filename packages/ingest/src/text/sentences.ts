/** Sentence segmentation: a sentence ends at . ! ? ؟ … ۔ (followed by space, quote or bracket) or at a line break. */

const TERMINATORS = new Set(['.', '!', '?', '؟', '…', '۔', '؛']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', ')', ']', '}', '«' /* some pages close with « */]);

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\n' || ch === '\r';
}

/** Start offsets of the sentences of `body`, ascending; the first is always 0. */
export function sentenceStarts(body: string): number[] {
  const starts = [0];
  const n = body.length;
  let i = 0;
  const push = (at: number) => {
    let j = at;
    while (j < n && isSpace(body[j])) j++;
    if (j < n && j > (starts[starts.length - 1] ?? 0)) starts.push(j);
  };
  while (i < n) {
    const ch = body[i] as string;
    if (ch === '\n') {
      push(i + 1);
      i++;
      continue;
    }
    if (TERMINATORS.has(ch)) {
      // a decimal point or an abbreviation's dot ("3.5", "U.S.") is not an end
      if (ch === '.' && /[0-9A-Za-z]/.test(body[i - 1] ?? '') && /[0-9A-Za-z]/.test(body[i + 1] ?? '')) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && (TERMINATORS.has(body[j] as string) || CLOSERS.has(body[j] as string))) j++;
      if (j >= n || isSpace(body[j])) push(j);
      i = j;
      continue;
    }
    i++;
  }
  return starts;
}

/** Index of the sentence containing `offset` (binary search over `starts`). */
export function sentenceAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
