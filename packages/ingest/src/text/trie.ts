/** A phrase trie over words: the first level keyed by a phrase's first word, each node's children by the next. */
export interface WordTrieNode<N> {
  next: Map<string, N> | null;
}

/**
 * The node a phrase's words lead to in `root`, made with `make` wherever the path is missing (the
 * gazetteer's names and the role phrases share this; each node type carries its own payload).
 * Undefined for a phrase without words.
 */
export function insertWords<N extends WordTrieNode<N>>(root: Map<string, N>, words: readonly string[], make: () => N): N | undefined {
  const [first, ...rest] = words;
  if (first === undefined) return undefined;
  let node = root.get(first);
  if (!node) root.set(first, (node = make()));
  for (const w of rest) {
    node.next ??= new Map();
    let child = node.next.get(w);
    if (!child) node.next.set(w, (child = make()));
    node = child;
  }
  return node;
}

/**
 * The first three code units of `s` from `at` (fewer when fewer are left) as a small integer: Arabic
 * letters differ in their low byte, and a collision only lets a word through to the full lookup. A
 * set of the start codes of a map's keys tells most words that are no key without hashing them.
 */
export function startCode(s: string, at: number): number {
  const n = Math.min(3, s.length - at);
  let code = n;
  for (let i = 0; i < n; i++) code = (code << 8) | (s.charCodeAt(at + i) & 0xff);
  return code << ((3 - n) * 8);
}
