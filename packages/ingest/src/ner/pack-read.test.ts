/** How readCachedPack reads a pack: a piece at a time, so that no one system call holds a core for long. */
import type * as nodeFs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cachedPack, pack, readCachedPack } from './pack.ts';

// the length of every fs.read the pack module asks for
const reads = vi.hoisted(() => [] as number[]);
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof nodeFs>();
  const read = ((...args: unknown[]) => {
    reads.push(args[3] as number);
    return (fs.read as (...a: unknown[]) => void)(...args);
  }) as typeof fs.read;
  return { ...fs, default: { ...fs, read }, read };
});

const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-pack-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readCachedPack', () => {
  it('reads a pack of several MiB a MiB at most per read, as the same bytes', async () => {
    const big = new Uint8Array(3 * (1 << 20) + 12_345).map((_, i) => i % 251);
    const made = cachedPack(dir, 'k', () => pack({ n: 1 }, { big })) as SharedArrayBuffer;
    reads.length = 0;
    const read = (await readCachedPack(dir, 'k')) as SharedArrayBuffer;
    expect(Buffer.from(new Uint8Array(read)).equals(Buffer.from(new Uint8Array(made)))).toBe(true);
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...reads)).toBeLessThanOrEqual(1 << 20);
  });
});
