import { describe, expect, it } from 'vitest';
import { insertWords, type WordTrieNode } from './trie.ts';

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
