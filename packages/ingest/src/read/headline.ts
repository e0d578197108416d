/**
 * Headlines: telling a headline from a paragraph, and naming an article that has none.
 *
 * Aggregators and many crawlers store a whole article as one line, so a .txt page's first line is a
 * headline only if it reads like one. A headline is short and has no sentence break inside it; a
 * line of many words, or of several sentences, is the article itself.
 */

/** A first line with more words than this is a paragraph, whatever its punctuation. */
const PARAGRAPH_WORDS = 40;
/** With a sentence break inside it, a line of this many words is a paragraph, not a two-part headline. */
const SENTENCES_MIN_WORDS = 15;
/** A sentence break needs this many words after it: «... ت. إسبر» or «U.S. Army» is not a break. */
const WORDS_AFTER_BREAK = 3;
/** A derived title is cut at a word boundary below this many characters. */
export const TITLE_MAX_CHARS = 120;

const TERMINATORS = '.!?؟…۔';
const CLOSERS = `"'”’»)]}`;

function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

/** Words of s from `from` on, counting no further than `limit`. */
function wordCount(s: string, from = 0, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < s.length && n < limit; i++) {
    const space = isSpace(s.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/**
 * End offset of the first sentence of `line`: after a terminator (and its closing quotes) that ends
 * a word of two letters or more («إسبر.», not the initial of «ت.») and is followed by space and at
 * least WORDS_AFTER_BREAK more words; the line's length when there is no such break.
 */
export function firstSentenceEnd(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (!TERMINATORS.includes(line[i] as string)) continue;
    let j = i + 1;
    while (j < line.length && (TERMINATORS.includes(line[j] as string) || CLOSERS.includes(line[j] as string))) j++;
    if (j < line.length && !isSpace(line.charCodeAt(j))) continue; // 3.5, U.S.A, «العربية.نت»
    let w = i;
    while (w > 0 && /[\p{L}\p{N}]/u.test(line[w - 1] as string)) w--;
    if (i - w < 2) continue; // an initial or an abbreviation's single letter
    if (wordCount(line, j, WORDS_AFTER_BREAK) < WORDS_AFTER_BREAK) continue;
    return j;
  }
  return line.length;
}

/** Whether a page's first line is the article's text rather than its headline. */
export function readsAsArticle(line: string): boolean {
  const words = wordCount(line, 0, PARAGRAPH_WORDS + 1);
  if (words > PARAGRAPH_WORDS) return true;
  return words >= SENTENCES_MIN_WORDS && firstSentenceEnd(line) < line.trim().length;
}

/**
 * A title for an article that has no headline: its first sentence, cut at a word boundary with an
 * ellipsis when longer than TITLE_MAX_CHARS.
 */
export function deriveTitle(text: string): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  const sentence = line.slice(0, firstSentenceEnd(line)).trim();
  if (sentence.length <= TITLE_MAX_CHARS) return sentence;
  const cut = sentence.lastIndexOf(' ', TITLE_MAX_CHARS - 1);
  return `${sentence.slice(0, cut > TITLE_MAX_CHARS / 2 ? cut : TITLE_MAX_CHARS - 1).trimEnd()}…`;
}

/** A headline as it stands at the top of body: one line, runs of white space made single spaces. */
export function headlineLine(title: string): string {
  return title.replace(/\s+/g, ' ').trim();
}
