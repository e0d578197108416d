/**
 * JavaScript indexes strings in UTF-16 code units; DuckDB's substring() and length() count code
 * points. They differ after any character outside the BMP (an emoji in a scraped page), so offsets
 * written to the warehouse go through this map.
 */
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/;

/** Maps a UTF-16 index of `s` to its code point index; the identity when `s` has no astral characters. */
export function codePointIndexer(s: string): (utf16Index: number) => number {
  if (!ASTRAL.test(s)) return (i) => i;
  const map = new Int32Array(s.length + 1);
  let cp = 0;
  for (let i = 0; i < s.length; i++) {
    map[i] = cp;
    const c = s.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff;
    const next = s.charCodeAt(i + 1);
    if (isHigh && next >= 0xdc00 && next <= 0xdfff) {
      map[i + 1] = cp; // the low half belongs to the same code point
      i++;
    }
    cp++;
  }
  map[s.length] = cp;
  return (i) => map[i] as number;
}
