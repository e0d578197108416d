/**
 * Publication under stress, through the real CLI: kill -9 at each phase of a run, readers querying
 * while versions are published, and two ingests into one --out. The runs are stopped at a phase with
 * MIRSAD_TEST_PAUSE_AT, so each kill lands where it is meant to.
 */
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../packages/model/src/tables.ts';
import { cli, query, startCli, tempDir } from '../helpers.ts';

const PLACES = ['الجزائر', 'تونس', 'الرباط', 'نواكشوط', 'طرابلس', 'القاهرة', 'عمّان', 'بيروت'];

/** Our own short article text, different for each n. */
function article(n: number): string {
  const place = PLACES[n % PLACES.length] as string;
  return (
    `جولة وزير الخارجية الأمريكي أنتوني بلينكن رقم ${n}\n\n` +
    `وصل وزير الخارجية الأمريكي أنتوني بلينكن إلى ${place} في اليوم ${n} من جولته، وبحث مع المسؤولين ملفات الطاقة والغاز ` +
    `والتعاون الأمني في منطقة الساحل. وقال بيان رسمي إن اللقاء رقم ${n} تناول أيضا الاستثمار والتجارة بين البلدين.\n`
  );
}

function makeInput(dir: string, articles: number): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < articles; i++) writeFileSync(path.join(dir, `a${i}.txt`), article(i));
  writeFileSync(path.join(dir, 'empty.txt'), ' \n'); // a reject too, so that table has rows
  return dir;
}

const versionsOf = (out: string) => readdirSync(path.join(path.dirname(out), `.${path.basename(out)}.versions`)).sort();
const linkTarget = (out: string) => path.basename(readlinkSync(out));

/** Every table, every row, in a stable order: what "the same warehouse" means. */
async function contents(out: string): Promise<Record<string, unknown>> {
  const all: Record<string, unknown> = {};
  for (const t of TABLE_NAMES) all[t] = await query(out, `SELECT * FROM ${t} ORDER BY ALL`);
  return all;
}

describe('kill -9 during a run, then a clean run', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('crash');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('leaves exactly the previous and the new version, no staging, and the same warehouse as a clean run', async () => {
    const before = makeInput(path.join(dir, 'before'), 2);
    const input = makeInput(path.join(dir, 'in'), 4);
    const outDir = path.join(dir, 'out');
    mkdirSync(outDir);
    const out = path.join(outDir, 'wh');
    expect(cli(['ingest', before, '--out', out, '--quiet']).code).toBe(0);
    const previous = linkTarget(out);

    for (const phase of ['read', 'parquet', 'swap']) {
      const run = startCli(['ingest', input, '--out', out, '--quiet'], { MIRSAD_TEST_PAUSE_AT: phase });
      await run.paused(phase);
      run.child.kill('SIGKILL');
      expect((await run.exited).signal).toBe('SIGKILL');
      // the killed run changed nothing a reader sees
      expect(linkTarget(out)).toBe(previous);
      expect(await query(out, 'SELECT count(*)::INT AS n FROM articles')).toEqual([{ n: 2 }]);
    }
    // Each killed run removed the one before's leftovers; the last (killed at the swap) left its staging,
    // a complete version never linked, and its lock.
    const left = versionsOf(out);
    expect(left.filter((n) => n.startsWith('.work-'))).toHaveLength(1);
    expect(left.filter((n) => !n.startsWith('.work-') && n !== previous)).toHaveLength(1);
    expect(existsSync(path.join(outDir, '.wh.lock'))).toBe(true);

    const clean = cli(['ingest', input, '--out', out, '--quiet']);
    expect(clean.code, clean.stderr).toBe(0);
    const latest = linkTarget(out);
    expect(latest).not.toBe(previous);
    expect(versionsOf(out)).toEqual([previous, latest].sort());
    expect(readdirSync(outDir).sort()).toEqual(['.wh.versions', 'wh']); // no half-made link, no lock left

    const reference = path.join(dir, 'reference');
    expect(cli(['ingest', input, '--out', reference, '--quiet']).code).toBe(0);
    const got = await contents(out);
    expect((got.articles as unknown[]).length).toBe(4);
    expect(got).toEqual(await contents(reference));
  });
});

describe('readers during publication', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('readers');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // each returns the session's article count first: it must not change within a session
  const QUERIES = [
    'SELECT count(*), sum(n_chars) FROM articles',
    'SELECT count(DISTINCT a.article_id), count(m.entity_id) FROM articles a LEFT JOIN mentions m USING (article_id)',
    'SELECT (SELECT count(*) FROM articles), count(*) FROM topics',
    'SELECT (SELECT count(*) FROM articles), count(*) FROM rejects',
    'SELECT count(*), max(length(body)) FROM articles WHERE duplicate_of IS NULL OR duplicate_of IS NOT NULL',
  ];
  const PER_SESSION = 20;

  it('answers 1,000 queries through views.sql during 5 publications without an error, each session on one version', async () => {
    const out = path.join(dir, 'wh');
    // publication k holds k + 2 articles, so an article count names the version it came from
    const inputs = Array.from({ length: 6 }, (_, k) => makeInput(path.join(dir, `in-${k}`), k + 2));
    expect(cli(['ingest', inputs[0] as string, '--out', out, '--quiet']).code).toBe(0);

    let publishing = true;
    const publisher = (async () => {
      try {
        for (let k = 1; k <= 5; k++) {
          const r = await startCli(['ingest', inputs[k] as string, '--out', out, '--quiet']).exited;
          if (r.code !== 0) throw new Error(`publication ${k} failed: ${r.stderr}`);
        }
      } finally {
        publishing = false;
      }
    })();

    const errors: string[] = [];
    const inconsistent: string[] = [];
    const versionsSeen = new Set<number>();
    let queries = 0;
    let sessionsAcrossSwap = 0;
    while (publishing || queries < 1000) {
      const views = readFileSync(path.join(out, 'views.sql'), 'utf8'); // what `.read data/warehouse/views.sql` does
      const linkedAtStart = readlinkSync(out);
      const db = await DuckDBInstance.create(':memory:');
      const c = await db.connect();
      const counts = new Set<number>();
      try {
        await c.run(views);
        for (let i = 0; i < PER_SESSION; i++) {
          queries++;
          try {
            const r = await c.runAndReadAll(QUERIES[i % QUERIES.length] as string);
            counts.add(Number(r.getRows()[0]?.[0]));
          } catch (err) {
            errors.push((err as Error).message);
          }
        }
      } finally {
        c.closeSync();
        db.closeSync();
      }
      if (readlinkSync(out) !== linkedAtStart) sessionsAcrossSwap++;
      if (counts.size > 1) inconsistent.push([...counts].join(' → '));
      for (const n of counts) versionsSeen.add(n);
    }
    await publisher;

    expect(errors).toEqual([]);
    expect(inconsistent).toEqual([]);
    expect(queries).toBeGreaterThanOrEqual(1000);
    expect([...versionsSeen].every((n) => n >= 2 && n <= 7)).toBe(true);
    expect(versionsSeen.size).toBeGreaterThan(1);
    // the test means something only if publications happened while sessions were open
    expect(sessionsAcrossSwap).toBeGreaterThan(0);
  });
});

describe('two ingests into one --out', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('concurrent');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses the second with exit 3 and a message while the first runs, and the first publishes', async () => {
    const out = path.join(dir, 'wh');
    expect(cli(['ingest', makeInput(path.join(dir, 'base'), 2), '--out', out, '--quiet']).code).toBe(0);
    const base = linkTarget(out);

    const first = startCli(['ingest', makeInput(path.join(dir, 'first'), 3), '--out', out, '--quiet'], { MIRSAD_TEST_PAUSE_AT: 'parquet' });
    await first.paused('parquet');
    const staging = versionsOf(out).filter((n) => n.startsWith('.work-'));
    expect(staging).toHaveLength(1);

    const second = cli(['ingest', makeInput(path.join(dir, 'second'), 5), '--out', out, '--quiet']);
    expect(second.code).toBe(3);
    expect(second.stderr).toMatch(/another mirsad ingest \(pid \d+, started .+\) is writing to .*wh; run again when it has finished/);
    // the refused run touched nothing: the first run's staging and the published version are intact
    expect(versionsOf(out)).toEqual(expect.arrayContaining([base, ...staging]));
    expect(linkTarget(out)).toBe(base);

    first.resume();
    const done = await first.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(existsSync(path.join(path.dirname(out), '.wh.versions', linkTarget(out)))).toBe(true);
    expect(await query(out, 'SELECT count(*)::INT AS n FROM articles')).toEqual([{ n: 3 }]);
    expect(versionsOf(out)).toEqual([base, linkTarget(out)].sort());
  });
});

describe('a warehouse copied with its link', () => {
  const dir = tempDir('copied');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes --append in a version of its own, and the warehouse it was copied from stays as it was', async () => {
    const out = path.join(dir, 'wh');
    expect(cli(['ingest', makeInput(path.join(dir, 'base'), 2), '--out', out, '--quiet']).code).toBe(0);
    const original = await contents(out);
    // `cp -a wh copy`: the copy is the link, pointing at the original's versions
    const copy = path.join(dir, 'copy');
    symlinkSync(readlinkSync(out), copy);
    const more = path.join(dir, 'more');
    mkdirSync(more);
    writeFileSync(path.join(more, 'b0.txt'), article(7));
    const run = cli(['ingest', more, '--out', copy, '--append', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await query(copy, 'SELECT count(*)::INT AS n FROM articles')).toEqual([{ n: 3 }]);
    expect(path.dirname(readlinkSync(copy))).toBe('.copy.versions');
    expect(await contents(out)).toEqual(original);
    expect(versionsOf(out)).toEqual([linkTarget(out)]);

    // a link whose version was removed: a clear message, nothing written
    const moved = path.join(dir, 'moved');
    symlinkSync('.gone.versions/v1', moved);
    const lost = cli(['ingest', more, '--out', moved, '--append', '--quiet']);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toContain('which is not there');
  });
});
