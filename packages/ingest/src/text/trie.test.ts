import { describe, expect, it } from 'vitest';
import { insertWords, keyBits, mayBeKey, mayStart, startBits, startCode, unitsHash, type WordTrieNode } from './trie.ts';

interface Node extends WordTrieNode<Node> {
  ends: number;
}
const make = (): Node => ({ next: null, ends: 0 });

describe('insertWords', () => {
  it('shares the path of a common first word and returns the node of the last word', () => {
    const root = new Map<string, Node>();
    insertWords(root, ['وزير', 'الخارجية'], make)!.ends++;
    insertWords(root, ['وزير', 'الدفاع'], make)!.ends++;
    insertWords(root, ['وزير'], make)!.ends++;
    expect([...root.keys()]).toEqual(['وزير']);
    const head = root.get('وزير')!;
    expect(head.ends).toBe(1);
    expect([...head.next!.keys()]).toEqual(['الخارجية', 'الدفاع']);
    expect(insertWords(root, ['وزير', 'الدفاع'], make)).toBe(head.next!.get('الدفاع'));
    expect(head.next!.get('الدفاع')!.ends).toBe(1);
  });

  it('gives nothing for a phrase without words and leaves the trie as it was', () => {
    const root = new Map<string, Node>();
    expect(insertWords(root, [], make)).toBeUndefined();
    expect(root.size).toBe(0);
  });
});

/** Arabic-looking strings of 1 to 7 letters from a fixed seed: many more than the keys, most of them no key. */
function words(count: number, seed: number): string[] {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () => String.fromCharCode(...Array.from({ length: 1 + (next() % 7) }, () => 0x0621 + (next() % 42))));
}

describe('startBits and keyBits, the filters before a look-up', () => {
  const keys = ['الجزائر', 'تونس', 'وزير', 'حركة', 'ab', 'x', ...words(2000, 7)];
  const others = words(20_000, 99).filter((w) => !keys.includes(w));

  it('never turn a key away, at any offset of the word that holds it', () => {
    const starts = startBits(keys.map((k) => startCode(k, 0)));
    const bits = keyBits(keys);
    for (const k of keys) {
      expect(mayStart(starts, startCode(`وب${k}`, 2)), k).toBe(true);
      expect(mayBeKey(bits, unitsHash(`وب${k}`, 2, k.length + 2)), k).toBe(true);
    }
  });

  it('turn most other words away', () => {
    const bits = keyBits(keys);
    const through = others.filter((w) => mayBeKey(bits, unitsHash(w, 0, w.length))).length;
    expect(through / others.length).toBeLessThan(0.1);
    const few = keyBits(['تونس']);
    expect(few.length * 32).toBe(1024); // a small set of keys gets a small table
    expect(others.filter((w) => mayBeKey(few, unitsHash(w, 0, w.length))).length / others.length).toBeLessThan(0.01);
  });

  it('hash a span in place as its slice is hashed', () => {
    expect(unitsHash('والجزائر', 1, 8)).toBe(unitsHash('الجزائر', 0, 7));
    expect(unitsHash('abc', 1, 1)).toBe(unitsHash('', 0, 0));
    expect(unitsHash('ab', 0, 2)).not.toBe(unitsHash('ba', 0, 2));
  });
});
