/**
 * The form in which lines and chrome phrases are compared: the one matching fold of
 * @mirsad/model/arabic (diacritics, tatweel and invisible marks dropped; hamza forms of alef, ى, ة
 * and Persian look-alikes folded; Arabic-Indic digits to ASCII; lower case) with punctuation and
 * runs of spaces turned into single spaces. For comparing only; body keeps the text as written.
 *
 * One pass over a lookup table: the cleaner keys nearly every line of every article (266k keys for
 * the 288k non-empty lines of the ANT benchmark), and that was its main cost when written as a
 * chain of replaces.
 */
import { TextDecoder } from 'node:util';
import { fold, foldChar, isDropped, isPresentationForm } from '@mirsad/model/arabic';

const SEPARATOR = 0;
const REMOVE = 0xffff;
/** Characters the table cannot map alone (presentation forms decompose to several letters). */
const COMPLEX = 0xfffe;

/** Letters and digits of the scripts met in this news; the rest separates words. */
const WORD_CHAR =
  /[0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u0370-\u03ff\u0400-\u052f\u0620-\u064a\u0660-\u0669\u066e-\u06d3\u06d5\u06e5\u06e6\u06ee-\u06fc\u06ff\u0750-\u077f\u08a0-\u08ff]/;

const TABLE = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const folded = foldChar(c);
  if (isDropped(c) || folded === '') {
    TABLE[c] = REMOVE; // a mark, or a presentation form of one (ﹰ)
    continue;
  }
  // a ligature folds to several letters: the line is folded first (its folded form has none left)
  if (isPresentationForm(c) && folded.length > 1) {
    TABLE[c] = COMPLEX;
    continue;
  }
  if (!WORD_CHAR.test(folded)) continue; // SEPARATOR
  TABLE[c] = folded.length === 1 ? folded.charCodeAt(0) : c;
}

let buffer = new Uint16Array(1024);
// Turning the code units back into a string: a UTF-16 decoder over the buffer is ~15% slower than
// String.fromCharCode on a 20-unit line and 3-5 times faster from 200 units on (Node 20, measured
// on Arabic text). Uint16Array uses the machine's byte order.
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf16 = new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be');

export function matchKey(s: string): string {
  if (buffer.length < s.length) buffer = new Uint16Array(s.length * 2);
  const out = buffer;
  let n = 0;
  let space = false;
  for (let i = 0; i < s.length; i++) {
    const m = TABLE[s.charCodeAt(i)] ?? SEPARATOR;
    if (m === REMOVE) continue;
    if (m === COMPLEX) return matchKey(fold(s));
    if (m === SEPARATOR) {
      space = n > 0;
      continue;
    }
    if (space) {
      out[n++] = 0x20;
      space = false;
    }
    out[n++] = m;
  }
  return utf16.decode(out.subarray(0, n));
}
