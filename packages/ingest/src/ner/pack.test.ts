import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize.ts';
import { PRIOR_CODES } from './features.ts';
import { documentKey } from './document.ts';
import { defaultTagger, featureTables, taggerPack, taggerPackKey, taggerPackKeyOf, unpackTagger, type Tagger } from './model.ts';
import { cachedPack, pack, readCachedPack, unpack } from './pack.ts';

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

  it('is read from the cache folder on the thread pool as the same bytes, and not at all when missing or cut short', async () => {
    const cache = path.join(dir, 'async');
    const made = cachedPack(cache, 'k', () => pack({ n: 1 }, { a: Float64Array.of(1.5, -2), b: new Uint8Array(100_000).fill(7) })) as SharedArrayBuffer;
    const reading = readCachedPack(cache, 'k');
    expect(reading).toBeInstanceOf(Promise);
    const read = (await reading) as SharedArrayBuffer;
    expect(read).toBeInstanceOf(SharedArrayBuffer);
    expect(read).not.toBe(made);
    expect(Buffer.from(new Uint8Array(read)).equals(Buffer.from(new Uint8Array(made)))).toBe(true);
    expect(unpack(read).meta).toEqual({ n: 1 });
    expect(await readCachedPack(cache, 'absent')).toBeNull();
    truncateSync(path.join(cache, 'k.pack'), 60);
    expect(await readCachedPack(cache, 'k')).toBeNull();
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
    const made = taggerPack({ build: 'test-build', cacheDir: cache, words: 200 }) as SharedArrayBuffer;
    expect(readdirSync(cache)).toHaveLength(1);
    const cached = taggerPack({ build: 'test-build', cacheDir: cache, words: 200 }) as SharedArrayBuffer;
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
    const { arrays } = unpack(taggerPack({ build: 'test-build-size', cacheDir: path.join(dir, 'size'), words: 200 }) as SharedArrayBuffer);
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
      // the precomputed words' vectors and keys are no part of the feature look-up
      .filter(([name]) => !name.startsWith('cluster') && !name.startsWith('word') && !name.startsWith('key') && name !== 'hashes' && name !== 'weights')
      .reduce((sum, [, a]) => sum + a.byteLength, 0);
    expect(lookupBytes).toBeLessThan(modelBytes / 4);
  });

  it("holds the vectors of the cluster file's most frequent words as a tagger sums them, and their document keys", () => {
    const t = tagger as Tagger;
    const words = 3000;
    const sab = taggerPack({ build: 'test-build-words', cacheDir: path.join(dir, 'words'), words }) as SharedArrayBuffer;
    const { arrays: a } = unpack(sab);
    const chars = a.wordChars as Uint16Array;
    const starts = a.wordStarts as Int32Array;
    const vectors = a.wordVectors as Float64Array;
    expect(starts.length - 1).toBe(words);
    const vocabulary = [...(t.resources.clusters?.of.keys() ?? [])].slice(0, words);
    const keyChars = a.keyChars as Uint16Array;
    const keyStarts = a.keyStarts as Int32Array;
    const width = vectors.length / words;
    const own = t.fresh({ precomputed: false });
    vocabulary.forEach((w, i) => {
      expect(String.fromCharCode(...chars.subarray(starts[i], starts[i + 1]))).toBe(w);
      const v = new Float64Array(width);
      own.wordVector({ norm: w, text: w, kind: 'arabic' }, v, 0);
      const bytes = (x: Float64Array) => Buffer.from(x.buffer, x.byteOffset, x.byteLength);
      expect(bytes(vectors.subarray(i * width, (i + 1) * width)).equals(bytes(v)), w).toBe(true);
      const k = (a.wordKeys as Int32Array)[i] as number;
      expect(k < 0 ? null : String.fromCharCode(...keyChars.subarray(keyStarts[k], keyStarts[k + 1]))).toBe(documentKey({ kind: 'arabic', norm: w }));
    });
  });

  it('labels and scores a document as a tagger that sums every word itself, the two passes included', () => {
    const t = tagger as Tagger;
    const fromPack = unpackTagger(taggerPack({ build: 'test-build-words', cacheDir: path.join(dir, 'words'), words: 3000 }) as SharedArrayBuffer, {
      names: t.resources.names,
      tagged: t.resources.tagged ?? null,
    });
    // written for this test: frequent words and rare ones, one word under several clitics (one document key: the second pass)
    const text =
      'قال الرئيس الجزائري عبد المجيد تبون إن الجزائر ستواصل دعمها. وأكد تبون للصحفيين أن للجزائر دورا. وفي الجزائر التقى تبون بوزير الخارجية الأمريكي أنتوني بلينكن وبممثلي سوناطراك و Chevron';
    const tokens = tokenize(text);
    const ranges: [number, number][] = [];
    let from = 0;
    tokens.forEach((tok, i) => {
      if (tok.norm === '.' || i === tokens.length - 1) {
        ranges.push([from, i + 1]);
        from = i + 1;
      }
    });
    const noPriors = new Uint8Array(tokens.length);
    for (const p of [noPriors, priors.length === tokens.length ? priors : Uint8Array.from(tokens, (_, i) => (i * 5) % PRIOR_CODES)]) {
      const own = fromPack.fresh({ precomputed: false }).tagDocument(tokens, ranges, p);
      const shared = fromPack.fresh().tagDocument(tokens, ranges, p);
      expect([...shared.labels]).toEqual([...own.labels]);
      expect([...shared.emissions]).toEqual([...own.emissions]);
      // a small cache that must evict, beside the precomputed words
      const small = fromPack.fresh({ cacheWords: 4 }).tagDocument(tokens, ranges, p);
      expect([...small.emissions]).toEqual([...own.emissions]);
    }
    expect([...fromPack.tagDocument(tokens, ranges, noPriors).labels].some((y) => y !== 0)).toBe(true);
  });
});

describe("a tagger pack's cache key", () => {
  it('changes with the build, the number of precomputed words and each file the pack is made from (a lexicon too)', () => {
    const files = [Buffer.from('model'), Buffer.from('clusters'), Buffer.from('names'), Buffer.from('tagged')];
    const key = taggerPackKey('b1', 100, files);
    expect(
      taggerPackKey(
        'b1',
        100,
        files.map((f) => Buffer.from(f)),
      ),
    ).toBe(key);
    const keys = new Set([
      key,
      taggerPackKey('b2', 100, files),
      taggerPackKey('b1', 99, files),
      ...files.map((_, i) =>
        taggerPackKey(
          'b1',
          100,
          files.map((f, j) => (j === i ? Buffer.concat([f, Buffer.from('x')]) : f)),
        ),
      ),
      taggerPackKey('b1', 100, [...files.slice(0, 3), null]),
      // the same bytes split otherwise between two files
      taggerPackKey('b1', 100, [Buffer.from('modelc'), Buffer.from('lusters'), files[2] as Buffer, files[3] as Buffer]),
    ]);
    expect(keys.size).toBe(9);
  });

  it('is the same from the files’ paths (read through a small buffer), a missing optional file counting as absent', () => {
    const files = [Buffer.from('model'), Buffer.from('clusters'), Buffer.alloc(300_000, 'n'), Buffer.from('tagged')];
    const paths = files.map((f, i) => {
      const p = path.join(dir, `key-file-${i}`);
      writeFileSync(p, f);
      return p;
    });
    expect(taggerPackKeyOf('b1', 100, paths)).toBe(taggerPackKey('b1', 100, files));
    const missing = path.join(dir, 'key-file-missing');
    const withMissing = [...paths.slice(0, 3), missing];
    expect(taggerPackKeyOf('b1', 100, withMissing, new Set([missing]))).toBe(taggerPackKey('b1', 100, [...files.slice(0, 3), null]));
    expect(() => taggerPackKeyOf('b1', 100, withMissing)).toThrow(/ENOENT/);
  });
});
