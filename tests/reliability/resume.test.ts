/**
 * `mirsad ingest --resume`, through the real CLI: a run killed (kill -9) after its article phase, at
 * each later phase, keeps its staging, and --resume publishes the warehouse a clean run gives,
 * without reading the inputs again; the same for an --append run; a run with nothing to resume says
 * so. The runs are stopped with MIRSAD_TEST_PAUSE_AT, so each kill lands where it is meant to.
 */
import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../packages/model/src/tables.ts';
import { runIngest, runResume } from '../../packages/ingest/src/pipeline.ts';
import { CONFIG, cli, query, RAW, startCli, tempDir } from '../helpers.ts';

/** Every table, every row, in a stable order: what "the same warehouse" means. */
async function contents(out: string): Promise<Record<string, unknown>> {
  const all: Record<string, unknown> = {};
  for (const t of TABLE_NAMES) all[t] = await query(out, `SELECT * FROM ${t} ORDER BY ALL`);
  return all;
}

const versionsOf = (out: string) => readdirSync(path.join(path.dirname(out), `.${path.basename(out)}.versions`)).sort();
const linkTarget = (out: string) => path.basename(readlinkSync(out));
/** A run of data/raw into `out` that fails once its article phase is over, while writing Parquet. */
const failingAtParquet = (out: string) =>
  runIngest({
    inputs: [RAW],
    out,
    configDir: CONFIG,
    progress: 'off',
    checkpoint: (phase) => {
      if (phase === 'parquet') throw new Error('disk full (injected)');
    },
  });

describe('a run that fails after its article phase', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('resume-fail');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its staging, says how to finish it, and runResume publishes the tables of a clean run', async () => {
    const out = path.join(dir, 'wh');
    const failing = failingAtParquet(out);
    await expect(failing).rejects.toThrow(/disk full \(injected\)[\s\S]*mirsad ingest --resume --out/);
    expect(existsSync(out)).toBe(false);
    expect(versionsOf(out).filter((n) => n.startsWith('.work-'))).toHaveLength(1);

    const summary = await runResume({ out });
    const clean = await runIngest({ inputs: [RAW], out: path.join(dir, 'clean'), configDir: CONFIG, progress: 'off' });
    expect(summary.articles).toBe(clean.articles);
    expect(summary.mentions).toBe(clean.mentions);
    expect(summary.duplicates).toBe(clean.duplicates);
    expect(await contents(out)).toEqual(await contents(path.join(dir, 'clean')));
  });

  it('does not resume a staging laid out by another build: says so, keeps the published warehouse, and a new run replaces it', async () => {
    const out = path.join(dir, 'old-layout');
    await runIngest({ inputs: [path.join(RAW, 'txt')], out, configDir: CONFIG, progress: 'off' });
    const published = linkTarget(out);
    const failing = failingAtParquet(out);
    await expect(failing).rejects.toThrow(/--resume/);
    // the record as a build before the layout was recorded wrote it (its stage_articles had duplicate_of)
    const work = versionsOf(out).find((n) => n.startsWith('.work-')) as string;
    const file = path.join(path.dirname(out), `.${path.basename(out)}.versions`, work, 'resume.json');
    const { layout, ...older } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(layout).toBeTypeOf('number');
    writeFileSync(file, JSON.stringify(older));

    await expect(runResume({ out })).rejects.toThrow(/nothing to resume .*staged by another version of mirsad \(staging layout 1; this one reads \d+\)/);
    expect(linkTarget(out)).toBe(published);
    expect((await query(out, 'SELECT count(*)::INTEGER AS n FROM articles'))[0]).toBeDefined();

    const again = await runIngest({ inputs: [RAW], out, configDir: CONFIG, progress: 'off' });
    const clean = await runIngest({ inputs: [RAW], out: path.join(dir, 'old-layout-clean'), configDir: CONFIG, progress: 'off' });
    expect(again.articles).toBe(clean.articles);
    expect(versionsOf(out).filter((n) => n.startsWith('.work-'))).toEqual([]);
  });

  it('fails before the article phase ends: nothing is kept and nothing can be resumed', async () => {
    const out = path.join(dir, 'early');
    const failing = runIngest({
      inputs: [RAW],
      out,
      configDir: CONFIG,
      progress: 'off',
      checkpoint: (phase) => {
        if (phase === 'read') throw new Error('stopped while reading (injected)');
      },
    });
    await expect(failing).rejects.toThrow(/stopped while reading/);
    await expect(failing).rejects.not.toThrow(/--resume/);
    expect(versionsOf(out)).toEqual([]);
    await expect(runResume({ out })).rejects.toThrow(/nothing to resume/);
  });
});

describe('mirsad ingest --resume after kill -9', () => {
  let dir: string;
  let reference: Record<string, unknown>;
  beforeAll(async () => {
    dir = tempDir('resume');
    const ref = path.join(dir, 'reference');
    cpSync(RAW, path.join(dir, 'in'), { recursive: true });
    const r = cli(['ingest', path.join(dir, 'in'), '--out', ref, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    reference = await contents(ref);
    // the sample corpus exercises every corpus-level step the resume must redo
    expect((reference.entities as unknown[]).length).toBeGreaterThan(0);
    expect((reference.article_visits as unknown[]).length).toBeGreaterThan(0);
    expect((reference.entity_aliases as unknown[]).length).toBeGreaterThan(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const phase of ['staged', 'parquet', 'swap']) {
    it(`finishes a run killed at ${phase} with the tables of a clean run, reading no input`, async () => {
      const input = path.join(dir, 'in');
      cpSync(RAW, input, { recursive: true });
      const out = path.join(dir, `wh-${phase}`);
      const run = startCli(['ingest', input, '--out', out, '--quiet'], { MIRSAD_TEST_PAUSE_AT: phase });
      await run.paused(phase);
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
      expect(existsSync(out)).toBe(false); // nothing published
      expect(versionsOf(out).filter((n) => n.startsWith('.work-'))).toHaveLength(1);

      // the inputs are gone: everything the resume needs is in the staging
      rmSync(input, { recursive: true, force: true });
      const resumed = cli(['ingest', '--resume', '--out', out]);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stdout).toMatch(/articles\s+\d+/);
      expect(await contents(out)).toEqual(reference);
      // one version, no staging left, and nothing more to resume
      expect(versionsOf(out)).toEqual([linkTarget(out)]);
      const again = cli(['ingest', '--resume', '--out', out]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/nothing to resume/);
    });
  }

  it('finishes an --append run killed while writing Parquet: the same tables as a clean full run', async () => {
    const files = readdirSync(path.join(RAW, 'txt')).sort();
    const first = path.join(dir, 'first');
    const second = path.join(dir, 'second');
    for (const [k, f] of files.entries()) cpSync(path.join(RAW, 'txt', f), path.join(k % 2 === 0 ? first : second, f));
    const out = path.join(dir, 'wh-append');
    expect(cli(['ingest', first, '--out', out, '--quiet']).code).toBe(0);
    const base = linkTarget(out);
    const run = startCli(['ingest', second, '--out', out, '--append', '--quiet'], { MIRSAD_TEST_PAUSE_AT: 'parquet' });
    await run.paused('parquet');
    run.child.kill('SIGKILL');
    await run.exited;
    expect(linkTarget(out)).toBe(base);

    const resumed = cli(['ingest', '--resume', '--out', out, '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const full = path.join(dir, 'wh-full');
    expect(cli(['ingest', first, second, '--out', full, '--quiet']).code).toBe(0);
    const got = await contents(out);
    expect((got.articles as unknown[]).length).toBe(files.length);
    expect(got).toEqual(await contents(full));
  });

  it('says there is nothing to resume after a clean run, or where no run wrote, and changes nothing', async () => {
    const out = path.join(dir, 'wh-clean');
    expect(cli(['ingest', path.join(RAW, 'txt'), '--out', out, '--quiet']).code).toBe(0);
    const before = versionsOf(out);
    const r = cli(['ingest', '--resume', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nothing to resume at .*wh-clean/);
    expect(versionsOf(out)).toEqual(before);
    const nowhere = cli(['ingest', '--resume', '--out', path.join(dir, 'never-written')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toMatch(/nothing to resume/);
    const bad = cli(['ingest', RAW, '--resume', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--resume .* takes no PATH/);
  });
});
