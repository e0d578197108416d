/**
 * Typed arrays and a little JSON in one SharedArrayBuffer: the form the tagger's tables are loaded in
 * (model.ts taggerPack). One buffer is handed to every worker thread as it is (a SharedArrayBuffer is
 * shared, not copied), and it is kept on disk under a cache folder as the same bytes, so that a run
 * reads one file instead of gunzipping and parsing the model and the clusters and building the
 * tables from them (some 300 ms of CPU per thread, most of a small run's start-up).
 *
 * Layout: MAGIC, the JSON's length (uint32 LE), the JSON ({ meta, arrays: [name, type, offset,
 * length] }), then each array at its offset (8-byte aligned), in the machine's byte order (the cache
 * is this machine's).
 */
import { closeSync, fstatSync, mkdirSync, openSync, read, readdirSync, readSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MAGIC = 'MIRSAD-PACK 1\n\0\0';

const TYPES = { Int32Array, Uint32Array, Int16Array, Uint16Array, Float32Array, Float64Array, Uint8Array } as const;
type TypeName = keyof typeof TYPES;
export type PackArray = Int32Array | Uint32Array | Int16Array | Uint16Array | Float32Array | Float64Array | Uint8Array;

export interface Unpacked<M> {
  meta: M;
  arrays: Record<string, PackArray>;
}

const align = (n: number) => (n + 7) & ~7;

function typeName(a: PackArray): TypeName {
  // a Buffer is a Uint8Array
  const name = (Object.keys(TYPES) as TypeName[]).find((t) => a instanceof TYPES[t]);
  if (!name) throw new Error(`cannot pack a ${a.constructor.name}`);
  return name;
}

/** The arrays (copied) and `meta` in one new shared buffer. */
export function pack<M>(meta: M, arrays: Record<string, PackArray>): SharedArrayBuffer {
  const entries = Object.entries(arrays);
  // the JSON's size depends on the offsets it lists: offsets relative to the data's start
  let rel = 0;
  const listed = entries.map(([name, a]) => {
    const at = rel;
    rel = align(rel + a.byteLength);
    return [name, typeName(a), at, a.length] as const;
  });
  const json = Buffer.from(JSON.stringify({ meta, arrays: listed }), 'utf8');
  const start = align(MAGIC.length + 4 + json.length);
  const sab = new SharedArrayBuffer(start + rel);
  const bytes = new Uint8Array(sab);
  bytes.set(Buffer.from(MAGIC, 'latin1'), 0);
  new DataView(sab).setUint32(MAGIC.length, json.length, true);
  bytes.set(json, MAGIC.length + 4);
  entries.forEach(([, a], k) => bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), start + (listed[k]?.[2] as number)));
  return sab;
}

/** Views over a pack's arrays (no copy); throws on a buffer that is not a whole pack. */
export function unpack<M>(sab: SharedArrayBuffer): Unpacked<M> {
  const bytes = new Uint8Array(sab);
  if (sab.byteLength < MAGIC.length + 4 || Buffer.from(bytes.subarray(0, MAGIC.length)).toString('latin1') !== MAGIC) throw new Error('not a tagger pack');
  const length = new DataView(sab).getUint32(MAGIC.length, true);
  const { meta, arrays } = JSON.parse(Buffer.from(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length)).toString('utf8')) as {
    meta: M;
    arrays: [string, TypeName, number, number][];
  };
  const start = align(MAGIC.length + 4 + length);
  const out: Record<string, PackArray> = {};
  for (const [name, type, at, n] of arrays) {
    const T = TYPES[type];
    if (!T || start + at + n * T.BYTES_PER_ELEMENT > sab.byteLength) throw new Error('tagger pack is cut short');
    out[name] = new (T as unknown as new (b: SharedArrayBuffer, at: number, n: number) => PackArray)(sab, start + at, n);
  }
  return { meta, arrays: out };
}

/** Pack files kept in a cache folder: the newest few (a developer's every build makes a new one). */
const KEEP = 3;

/**
 * The pack cached as `<key>.pack` in `dir`, or make() (then cached, unless null). Any trouble with the
 * cache (unreadable, cut short, read-only) means make(): the cache only saves time.
 */
export function cachedPack(dir: string, key: string, make: () => SharedArrayBuffer | null): SharedArrayBuffer | null {
  const file = path.join(dir, `${key}.pack`);
  const cached = readPack(file);
  if (cached) return cached;
  const sab = make();
  if (!sab) return null;
  try {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, new Uint8Array(sab));
    renameSync(tmp, file);
    prune(dir, file);
  } catch {
    // a read-only or full disk costs the next run the same build
  }
  return sab;
}

function readPack(file: string): SharedArrayBuffer | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const sab = new SharedArrayBuffer(size);
    const bytes = new Uint8Array(sab);
    for (let at = 0; at < size;) {
      const n = readSync(fd, bytes, at, size - at, at);
      if (n === 0) return null;
      at += n;
    }
    unpack(sab); // checks it is whole
    const now = new Date();
    utimesSync(file, now, now); // in use: kept by prune()
    return sab;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Bytes of a pack read in one system call by readCachedPack. A read is not preempted in the kernel
 * (the machine's kernel runs without forced preemption), and one read of a whole 18 MB pack kept
 * the thread that woke the reading thread off its core for as long, 75–110 ms at load 7–10; a MiB
 * is a few milliseconds of it.
 */
const READ_CHUNK = 1 << 20;

/**
 * The pack cached as `<key>.pack` in `dir` read on the thread pool (null: not there, or not whole),
 * so that the thread that asked goes on with its own work meanwhile: what a pack costs to load is
 * mostly the kernel filling fresh memory (page faults), some 17 µs per 4 KiB page on the 2-core
 * machine, which cachedPack() spends on the calling thread. Read a READ_CHUNK at a time.
 */
export function readCachedPack(dir: string, key: string): Promise<SharedArrayBuffer | null> {
  const file = path.join(dir, `${key}.pack`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    let sab: SharedArrayBuffer;
    const done = (whole: boolean) => {
      closeSync(fd);
      try {
        if (!whole) throw new Error('cut short');
        unpack(sab); // checks it is whole
        const now = new Date();
        utimesSync(file, now, now); // in use: kept by prune()
        resolve(sab);
      } catch {
        resolve(null);
      }
    };
    try {
      sab = new SharedArrayBuffer(fstatSync(fd).size);
    } catch {
      done(false);
      return;
    }
    const bytes = new Uint8Array(sab);
    const from = (at: number): void => {
      if (at === bytes.length) done(true);
      else read(fd, bytes, at, Math.min(READ_CHUNK, bytes.length - at), at, (err, n) => (err || n === 0 ? done(false) : from(at + n)));
    };
    from(0);
  });
}

/** Removes all but the KEEP most recently used packs (and leftovers of interrupted writes) from `dir`. */
function prune(dir: string, keep: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.pack') || f.endsWith('.tmp'))
    .map((f) => path.join(dir, f))
    .flatMap((f) => {
      try {
        return [{ f, t: statSync(f).mtimeMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.t - a.t);
  const stale = Date.now() - 60_000;
  let kept = 0;
  for (const { f, t } of files) {
    if (f === keep) continue;
    // another run's write in progress is left alone
    if (f.endsWith('.tmp') ? t < stale : ++kept >= KEEP) rmSync(f, { force: true });
  }
}
