import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { PRIOR_CODES } from './features.ts';
import { defaultTagger, featureTables, taggerPack, unpackTagger, type Tagger } from './model.ts';
import { cachedPack, pack, unpack } from './pack.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a pack', () => {
  it('gives back the arrays and the meta it was made of, as views of one shared buffer', () => {
    const bytes = Buffer.from('كلمة', 'utf8');
    const arrays = { a: Int32Array.of(-1, 2, 3), b: Float32Array.of(0.5, -2), c: bytes, d: Uint16Array.of(7), e: new Uint32Array(0) };
    const sab = pack({ sizes: [256, 1024] }, arrays);
    const { meta, arrays: back } = unpack<{ sizes: number[] }>(sab);
    expect(meta).toEqual({ sizes: [256, 1024] });
    expect(Object.keys(back)).toEqual(Object.keys(arrays));
    for (const [name, a] of Object.entries(back)) {
      expect(a.buffer).toBe(sab);
      expect(a.byteOffset % 8).toBe(0);
      expect([...a]).toEqual([...arrays[name as keyof typeof arrays]]);
    }
    expect(back.c).toBeInstanceOf(Uint8Array);
  });

  it('is refused when cut short', () => {
    const sab = pack({}, { a: new Int32Array(100) });
    const short = new SharedArrayBuffer(sab.byteLength - 4);
    new Uint8Array(short).set(new Uint8Array(sab).subarray(0, short.byteLength));
    expect(() => unpack(short)).toThrow(/cut short/);
    expect(() => unpack(new SharedArrayBuffer(64))).toThrow(/not a tagger pack/);
  });

  it('is read from the cache folder after the first make, and made again when the file there is broken', () => {
    const cache = path.join(dir, 'cache');
    let made = 0;
    const make = () => {
      made++;
      return pack({ n: made }, { a: Int32Array.of(1, 2, 3) });
    };
    expect(unpack(cachedPack(cache, 'k', make) as SharedArrayBuffer).meta).toEqual({ n: 1 });
    expect(unpack(cachedPack(cache, 'k', make) as SharedArrayBuffer).meta).toEqual({ n: 1 });
    expect(made).toBe(1);
    truncateSync(path.join(cache, 'k.pack'), 40);
    expect(unpack(cachedPack(cache, 'k', make) as SharedArrayBuffer).meta).toEqual({ n: 2 });
    expect(unpack(cachedPack(cache, 'k', make) as SharedArrayBuffer).meta).toEqual({ n: 2 });
  });

  it('keeps the three most recently used packs in its folder, and leaves another run’s fresh write alone', () => {
    const cache = path.join(dir, 'prune');
    const make = () => pack({}, { a: Int32Array.of(1) });
    cachedPack(cache, 'k1', make);
    writeFileSync(path.join(cache, 'k9.pack.123.tmp'), 'in progress');
    for (const k of ['k2', 'k3', 'k4']) cachedPack(cache, k, make);
    expect(readdirSync(cache).sort()).toEqual(['k2.pack', 'k3.pack', 'k4.pack', 'k9.pack.123.tmp']);
  });
});

const tagger = defaultTagger();

describe.skipIf(tagger === null)("the committed tagger's pack", () => {
  // written for this test: names, places, an organisation, clitics, a number and a Latin word
  const tokens = tokenize('واستقبل الرئيس عبد المجيد تبون في الجزائر وزير الخارجية الأمريكي أنتوني بلينكن بحضور ممثلي شركة سوناطراك و Chevron لبحث 3 ملفات');
  const priors = Uint8Array.from(tokens, (_, i) => (i * 5) % PRIOR_CODES);

  it('is cached by build, and a tagger over the cached pack scores and labels as one built from the files', () => {
    const t = tagger as Tagger;
    const cache = path.join(dir, 'tagger');
    const made = taggerPack({ build: 'test-build', cacheDir: cache }) as SharedArrayBuffer;
    expect(readdirSync(cache)).toHaveLength(1);
    const cached = taggerPack({ build: 'test-build', cacheDir: cache }) as SharedArrayBuffer;
    expect(cached).not.toBe(made);
    expect(Buffer.from(new Uint8Array(cached)).equals(Buffer.from(new Uint8Array(made)))).toBe(true);
    const fromPack = unpackTagger(cached, { names: t.resources.names, tagged: t.resources.tagged ?? null });
    const tables = featureTables(t.model);
    const { arrays } = unpack(cached);
    const bytes = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(arrays.index as Int32Array).equals(bytes(tables.index))).toBe(true);
    expect(bytes(arrays.filter as Int32Array).equals(bytes(tables.filter))).toBe(true);
    expect(fromPack.emissions(tokens, 0, tokens.length, priors)).toEqual(t.emissions(tokens, 0, tokens.length, priors));
    const ranges = [[0, 9] as const, [9, tokens.length] as const];
    expect([...fromPack.tagDocument(tokens, ranges, priors).labels]).toEqual([...t.tagDocument(tokens, ranges, priors).labels]);
    for (const w of ['الجزائر', 'تبون', 'غيركلمة']) expect(fromPack.resources.clusters?.of.get(w)).toEqual(t.resources.clusters?.of.get(w));
  });

  it("holds the model's hashes and weights once: the feature look-up adds a bucket index of about a row per feature, not a table of copies", () => {
    const t = tagger as Tagger;
    const { arrays } = unpack(taggerPack({ build: 'test-build-size', cacheDir: path.join(dir, 'size') }) as SharedArrayBuffer);
    const tables = featureTables(t.model);
    const n = t.model.hashes.length;
    // every feature is in its bucket: the rows index[b] … index[b + 1] of the hashes whose top bits are b
    const bits = Math.log2(tables.index.length - 1);
    expect(Number.isInteger(bits) && tables.index.length - 1 <= n).toBe(true);
    for (let r = 0; r < n; r += 97) {
      const b = (t.model.hashes[r] as number) >>> (32 - bits);
      expect(r >= (tables.index[b] as number) && r < (tables.index[b + 1] as number)).toBe(true);
    }
    const modelBytes = t.model.hashes.byteLength + t.model.weights.byteLength;
    const lookupBytes = Object.entries(arrays)
      .filter(([name]) => !name.startsWith('cluster') && name !== 'hashes' && name !== 'weights')
      .reduce((sum, [, a]) => sum + a.byteLength, 0);
    expect(lookupBytes).toBeLessThan(modelBytes / 4);
  });
});
