import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputBytesReach, LARGE_INPUT_BYTES } from './pipeline.ts';

describe('inputBytesReach (a large input goes to the workers from its first document)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-input-bytes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the files given and those in folders, and stops at the limit', () => {
    const small = path.join(dir, 'small.txt');
    writeFileSync(small, 'نص');
    const nested = path.join(dir, 'folder', 'deeper');
    mkdirSync(nested, { recursive: true });
    const big = path.join(nested, 'big.jsonl.gz');
    writeFileSync(big, '');
    truncateSync(big, LARGE_INPUT_BYTES);
    expect(inputBytesReach([small], LARGE_INPUT_BYTES)).toBe(false);
    expect(inputBytesReach([small, path.join(dir, 'missing.txt')], LARGE_INPUT_BYTES)).toBe(false);
    expect(inputBytesReach([big], LARGE_INPUT_BYTES)).toBe(true);
    expect(inputBytesReach([dir], LARGE_INPUT_BYTES)).toBe(true);
    expect(inputBytesReach([small, small], 5)).toBe(true);
  });
});
