import { describe, expect, it } from 'vitest';
import { VersionCache } from './version-cache';

const twoBytesAChar = (s: string) => s.length * 2;

/** A fill that counts its runs and answers only when released. */
function gated(value: string) {
  let runs = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return {
    fill: async () => {
      runs++;
      await gate;
      return value;
    },
    release: () => release(),
    runs: () => runs,
  };
}

describe('VersionCache', () => {
  it('answers a second request from the cache, and a new version with newly computed values', async () => {
    const cache = new VersionCache<string>(1 << 20, twoBytesAChar);
    let computed = 0;
    const fill = (v: string) => async () => `${v}:${++computed}`;
    expect(await cache.get('/w/v1', '/', fill('v1'))).toEqual({ value: 'v1:1', lookup: 'miss' });
    expect(await cache.get('/w/v1', '/', fill('v1'))).toEqual({ value: 'v1:1', lookup: 'hit' });
    // Published again: the link points to another folder; the next request must not see v1's answer.
    expect(await cache.get('/w/v2', '/', fill('v2'))).toEqual({ value: 'v2:2', lookup: 'miss' });
    expect(await cache.get('/w/v2', '/', fill('v2'))).toEqual({ value: 'v2:2', lookup: 'hit' });
    expect(cache.stats()).toMatchObject({ version: '/w/v2', entries: 1, fills: 2, hits: 2 });
  });

  it('computes a value asked for by many callers at once a single time', async () => {
    const cache = new VersionCache<string>(1 << 20, twoBytesAChar);
    const g = gated('page');
    const answers = Array.from({ length: 50 }, () => cache.get('/w/v1', '/?lang=en', g.fill));
    g.release();
    const got = await Promise.all(answers);
    expect(g.runs()).toBe(1);
    expect(got.map((a) => a.value)).toEqual(Array(50).fill('page'));
    expect(got.filter((a) => a.lookup === 'miss')).toHaveLength(1);
    expect(got.filter((a) => a.lookup === 'shared')).toHaveLength(49);
  });

  it('a fill still running when a new version appears answers its callers but is not kept', async () => {
    const cache = new VersionCache<string>(1 << 20, twoBytesAChar);
    const old = gated('old');
    const pending = cache.get('/w/v1', '/', old.fill);
    expect((await cache.get('/w/v2', '/', async () => 'new')).value).toBe('new');
    old.release();
    expect((await pending).value).toBe('old');
    expect(await cache.get('/w/v2', '/', async () => 'again')).toEqual({ value: 'new', lookup: 'hit' });
  });

  it('stays within its byte bound, dropping the least recently used first', async () => {
    const limit = 4000;
    const cache = new VersionCache<string>(limit, twoBytesAChar);
    const body = (k: string) => k.padEnd(400, '.'); // ~800 bytes with its key
    for (let i = 0; i < 30; i++) {
      await cache.get('/w/v1', `/k${i}`, async () => body(`k${i}`));
      if (i === 10) await cache.get('/w/v1', '/k5', async () => 'recomputed'); // touch k5 once
      expect(cache.stats().bytes).toBeLessThanOrEqual(limit);
    }
    const { entries, bytes } = cache.stats();
    expect(entries).toBeGreaterThanOrEqual(3);
    expect(bytes).toBeGreaterThan(limit / 2);
    // The newest entries are kept, the oldest gone.
    expect((await cache.get('/w/v1', '/k29', async () => 'recomputed')).lookup).toBe('hit');
    expect((await cache.get('/w/v1', '/k0', async () => 'recomputed')).value).toBe('recomputed');
  });

  it('keeps the most recently used entry when it must drop one', async () => {
    const cache = new VersionCache<string>(2000, twoBytesAChar);
    const v = (s: string) => s.padEnd(200, '.'); // ~400 bytes each: four fit
    for (const k of ['a', 'b', 'c', 'd']) await cache.get('/w/v1', k, async () => v(k));
    await cache.get('/w/v1', 'a', async () => 'unused'); // a is now the most recent
    await cache.get('/w/v1', 'e', async () => v('e')); // one must go: b, not a
    expect((await cache.get('/w/v1', 'a', async () => 'recomputed')).lookup).toBe('hit');
    expect((await cache.get('/w/v1', 'b', async () => 'recomputed')).value).toBe('recomputed');
  });

  it('does not keep a value over a quarter of the bound, nor one `keep` refuses, nor a failed fill', async () => {
    const cache = new VersionCache<string>(1000, twoBytesAChar, (s) => !s.startsWith('error'));
    expect((await cache.get('/w/v1', 'big', async () => 'x'.repeat(200))).value).toHaveLength(200);
    expect(cache.stats().entries).toBe(0);
    await cache.get('/w/v1', 'e', async () => 'error page');
    expect((await cache.get('/w/v1', 'e', async () => 'fine')).value).toBe('fine');
    await expect(cache.get('/w/v1', 'f', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect((await cache.get('/w/v1', 'f', async () => 'ok')).lookup).toBe('miss');
  });
});
