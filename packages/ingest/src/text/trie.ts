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
