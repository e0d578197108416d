/**
 * The tables of data/raw and of the seeds, compared exactly with tests/golden/ (see golden.ts).
 * A difference is either a regression or an improvement: run `npm run golden:update` and commit the diff.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../packages/model/src/tables.ts';
import { hasSeeds, SEEDS_DIR, skipNotice } from '../packages/ingest/src/testing/shared.ts';
import { cli, tempDir } from './helpers.ts';
import { CORPORA, GOLDEN_DIR, readGolden, writeGolden } from './golden.ts';

const work = tempDir('golden-test');
afterAll(() => rmSync(work, { recursive: true, force: true }));

for (const corpus of CORPORA) {
  const absent = corpus.name === 'seed-pages' && skipNotice('golden outputs of the seeds', hasSeeds, SEEDS_DIR);
  describe.skipIf(absent)(`golden outputs of ${corpus.name}`, () => {
    it('match tests/golden exactly (`npm run golden:update` rewrites them)', async () => {
      const wh = path.join(work, corpus.name);
      const r = cli(['ingest', corpus.input, '--out', wh, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = path.join(work, `${corpus.name}-golden`);
      await writeGolden(wh, out, corpus);
      const actual = readGolden(out);
      const expected = readGolden(path.join(GOLDEN_DIR, corpus.name));
      expect([...expected.keys()]).toEqual(TABLE_NAMES.map((t) => `${t}.csv`).sort());
      for (const [file, text] of actual) expect(text, `tests/golden/${corpus.name}/${file}`).toBe(expected.get(file));
    });
  });
}

describe('golden files of pages that may not be copied', () => {
  it('keep no column of the seeds that quotes their text', () => {
    const quoting = new Set(['title', 'body', 'surface', 'alias', 'name_ar', 'name_en', 'label_ar', 'label_en', 'evidence', 'city']);
    for (const [file, text] of readGolden(path.join(GOLDEN_DIR, 'seed-pages'))) {
      const header = (text.split('\n')[0] ?? '').split(',');
      expect(
        header.filter((c) => quoting.has(c)),
        file,
      ).toEqual([]);
    }
  });
});
