import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedLoad } from './cache.ts';
import { ConfigNode } from './node.ts';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'mirsad-cache-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('cachedLoad', () => {
  it('parses once per build and config bytes; any change to a file, a sub-folder or the build parses again', () => {
    const config = temp();
    const cacheDir = temp();
    mkdirSync(path.join(config, 'entities'));
    writeFileSync(path.join(config, 'topics.yaml'), 'topics: []\n');
    writeFileSync(path.join(config, 'entities', 'a.yaml'), 'entities: []\n');
    let loads = 0;
    const load = () => ({ loads: ++loads });
    const run = (build: string | null) => cachedLoad(config, load, { build, cacheDir });

    expect(run('b1')).toEqual({ loads: 1 });
    expect(run('b1')).toEqual({ loads: 1 }); // from the cache
    writeFileSync(path.join(config, 'topics.yaml'), 'topics: [] # edited\n');
    expect(run('b1')).toEqual({ loads: 2 });
    writeFileSync(path.join(config, 'entities', 'a.yaml'), 'entities: [] # edited\n');
    expect(run('b1')).toEqual({ loads: 3 });
    expect(run('b2')).toEqual({ loads: 4 }); // another build may read the YAML differently
    expect(run(null)).toEqual({ loads: 5 }); // no build id (the TypeScript sources): never cached
    expect(run(null)).toEqual({ loads: 6 });
  });

  it('a failed load is not cached', () => {
    const config = temp();
    const cacheDir = temp();
    writeFileSync(path.join(config, 'topics.yaml'), 'topics: [\n');
    let loads = 0;
    const failing = () => {
      loads++;
      throw new Error('bad config');
    };
    expect(() => cachedLoad(config, failing, { build: 'b1', cacheDir })).toThrow('bad config');
    expect(() => cachedLoad(config, failing, { build: 'b1', cacheDir })).toThrow('bad config');
    expect(loads).toBe(2);
  });
});

describe('YAML aliases', () => {
  it('read as the last anchor of that name before them, also when an anchor is redefined', () => {
    const root = ConfigNode.parse('t.yaml', ['a: &x one', 'b: *x', 'c: &x two', 'd: *x', 'e: [*x, &y three, *y]', ''].join('\n'));
    expect(root.get('b').string()).toBe('one');
    expect(root.get('d').string()).toBe('two');
    expect(root.get('e').strings()).toEqual(['two', 'three', 'three']);
  });
});
