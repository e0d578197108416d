/** The readers on the data beside the repository: the seed pages and the whole ANT corpus. */
import { describe, expect, it } from 'vitest';
import { ANT_CORPUS, hasAnt, hasSeeds, SEEDS_DIR, skipNotice } from '../testing/shared.ts';
import { newReadStats, readInputs } from './read-inputs.ts';

describe.skipIf(skipNotice('seed pages', hasSeeds, SEEDS_DIR))('reading the seed folder', () => {
  it('gives five .txt docs named by file, and skips the manifest', async () => {
    const stats = newReadStats();
    const sources: string[] = [];
    for await (const r of readInputs([SEEDS_DIR], { stats })) {
      expect(r.kind).toBe('doc');
      if (r.kind !== 'doc') continue;
      sources.push(r.doc.source);
      expect(r.doc.format).toBe('txt');
      expect(r.doc.title).not.toBe('');
      expect(r.doc.text.length).toBeGreaterThan(1_000);
    }
    expect(sources).toHaveLength(5);
    expect(sources).toEqual([...sources].sort());
    expect(sources.every((s) => /^\d{3}_[0-9a-f]+\.txt$/.test(s))).toBe(true);
    expect(stats).toEqual({ skipped: 1, skippedSample: ['manifest.csv'], hidden: 0 });
  });
});

describe.skipIf(skipNotice('ANT corpus', hasAnt, ANT_CORPUS))('streaming the ANT corpus', () => {
  it('yields 41,661 docs and no reject', async () => {
    const started = performance.now();
    let docs = 0;
    let chars = 0;
    let withOutlet = 0;
    let withDate = 0;
    const rejects: string[] = [];
    for await (const r of readInputs([ANT_CORPUS])) {
      if (r.kind === 'reject') {
        rejects.push(`${r.reject.source} ${r.reject.reason}: ${r.reject.detail}`);
        continue;
      }
      docs++;
      chars += r.doc.text.length;
      if (r.doc.outletHint !== null) withOutlet++;
      if (r.doc.dateHint !== null) withDate++;
      if (docs === 1) expect(r.doc.source).toBe('ant-news.jsonl.gz#1');
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`[ant] read ${docs} docs (${(chars / 1e6).toFixed(1)}M chars) in ${seconds.toFixed(2)} s`);
    expect(rejects).toEqual([]);
    expect(docs).toBe(41_661);
    expect(withOutlet).toBe(docs);
    expect(withDate).toBe(docs);
  });
});
