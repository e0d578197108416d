import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArticleIdSet } from './id-set.ts';

const hexId = (n: number) => createHash('sha256').update(String(n)).digest('hex').slice(0, 16);

describe('ArticleIdSet', () => {
  it('answers as a Set of the same ids would, through many growths, for hex ids and any other string', () => {
    const ids = new ArticleIdSet();
    const plain = new Set<string>();
    // ids differing in one half only, the all-zero id, and ids that are not 16 lowercase hex digits
    const special = ['0000000000000000', '00000000ffffffff', 'ffffffff00000000', 'ffffffffffffffff', 'ABCDEF0123456789', 'abc', 'g000000000000000', 'مقال'];
    for (let n = 0; n < 50_000; n++) {
      const id = n % 1000 === 0 ? special[(n / 1000) % special.length]! : hexId(n);
      expect(ids.has(id)).toBe(plain.has(id));
      ids.add(id);
      plain.add(id);
    }
    expect(ids.size).toBe(plain.size);
    for (let n = 0; n < 60_000; n++) expect(ids.has(hexId(n)), String(n)).toBe(plain.has(hexId(n)));
    for (const id of special) expect(ids.has(id)).toBe(true);
    // a near miss of a stored id: same high half, other low half
    const stored = hexId(7);
    const near = stored.slice(0, 8) + (stored.slice(8) === '00000000' ? '00000001' : '00000000');
    expect(ids.has(near)).toBe(plain.has(near));
  });
});
