/**
 * `npm run golden:update`: ingests each golden corpus with the CLI and rewrites tests/golden/<corpus>/.
 * Review the diff, then commit it with the change that caused it.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cli, tempDir } from './helpers.ts';
import { CORPORA, GOLDEN_DIR, writeGolden } from './golden.ts';

const work = tempDir('golden');
try {
  for (const corpus of CORPORA) {
    if (!existsSync(corpus.input)) {
      console.warn(`[skip] ${corpus.name}: ${corpus.input} is absent; its golden files are left as they are`);
      continue;
    }
    const wh = path.join(work, corpus.name);
    const r = cli(['ingest', corpus.input, '--out', wh, '--quiet']);
    if (r.code !== 0) throw new Error(`ingest of ${corpus.input} failed (${r.code}): ${r.stderr}`);
    await writeGolden(wh, path.join(GOLDEN_DIR, corpus.name), corpus);
    console.log(`tests/golden/${corpus.name}/ rewritten from ${path.relative(process.cwd(), corpus.input) || corpus.input}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
