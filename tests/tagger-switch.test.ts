/**
 * `mirsad ingest --no-tagger`: the same run without the statistical tagger, on workers and on the
 * main thread alike (the switch travels to every worker), and nothing else changes.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, query, RAW, tempDir } from './helpers.ts';

const root = tempDir('tagger-switch');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const withTagger = path.join(root, 'with');
const withoutTagger = path.join(root, 'without');

describe('ingest --no-tagger', () => {
  beforeAll(() => {
    // --jobs 2: the HTML pages of data/raw go to workers, so the switch must reach them too
    for (const [out, extra] of [
      [withTagger, []],
      [withoutTagger, ['--no-tagger']],
    ] as const) {
      const r = cli(['ingest', RAW, '--out', out, '--jobs', '2', '--quiet', ...extra], { timeoutMs: 240_000 });
      expect(r.code, r.stderr).toBe(0);
    }
  }, 600_000);

  it('finds tagger mentions by default, on text and HTML pages', async () => {
    const rows = await query<{ format: string; n: number }>(
      withTagger,
      `SELECT a.format, count(*)::INTEGER AS n FROM mentions m JOIN articles a USING (article_id) WHERE m.method = 'tagger' GROUP BY ALL ORDER BY 1`,
    );
    // HTML pages are processed on workers: the model must load there too
    expect(rows.map((r) => r.format)).toEqual(expect.arrayContaining(['html', 'txt']));
  });

  it('has no tagger mention with --no-tagger, and keeps every gazetteer mention and article', async () => {
    expect(await query(withoutTagger, `SELECT 1 FROM mentions WHERE method = 'tagger'`)).toEqual([]);
    const gazetteer = `SELECT a.source, m.entity_id, m.start, m."end" FROM mentions m JOIN articles a USING (article_id) WHERE m.method = 'gazetteer' ORDER BY ALL`;
    expect(await query(withoutTagger, gazetteer)).toEqual(await query(withTagger, gazetteer));
    const articles = 'SELECT source, title FROM articles ORDER BY source';
    expect(await query(withoutTagger, articles)).toEqual(await query(withTagger, articles));
  });
});
