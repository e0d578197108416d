/** Sentence segmentation: a sentence ends at . ! ? ؟ … ۔ (followed by space, quote or bracket) or at a line break. */

const TERMINATOR = new Uint8Array(0x10000);
for (const ch of '.!?؟…۔؛') TERMINATOR[ch.charCodeAt(0)] = 1;
const CLOSER = new Uint8Array(0x10000);
for (const ch of `"'”’»)]}«`) CLOSER[ch.charCodeAt(0)] = 1; // some pages close a quote with «

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0;
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Start offsets of the sentences of `body`, ascending; the first is always 0. */
export function sentenceStarts(body: string): number[] {
  const starts = [0];
  const n = body.length;
  let last = 0;
  const push = (at: number) => {
    let j = at;
    while (j < n && isSpace(body.charCodeAt(j))) j++;
    if (j < n && j > last) {
      starts.push(j);
      last = j;
    }
  };
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c === 0x0a) {
      push(i + 1);
      i++;
      continue;
    }
    if (TERMINATOR[c] === 1) {
      // a decimal point or an abbreviation's dot ("3.5", "U.S.") is not an end
      if (c === 0x2e && isAsciiAlnum(body.charCodeAt(i - 1)) && isAsciiAlnum(body.charCodeAt(i + 1))) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < n && (TERMINATOR[body.charCodeAt(j)] === 1 || CLOSER[body.charCodeAt(j)] === 1)) j++;
      if (j >= n || isSpace(body.charCodeAt(j))) push(j);
      i = j;
      continue;
    }
    i++;
  }
  return starts;
}

/** Index of the last of the ascending `starts` at or before `offset` (binary search); 0 before the first. */
export function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the sentence containing `offset`, given the sentences' start offsets. */
export function sentenceAt(sentenceStarts: readonly number[], offset: number): number {
  return lastAtOrBefore(sentenceStarts, offset);
}
