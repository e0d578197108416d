/** Shared by the cross-package tests: temp warehouses built by the real pipeline, read back through DuckDB. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CONFIG_DIR, RAW_DIR, REPO_ROOT } from '../packages/ingest/src/testing/shared.ts';
import { openWarehouse, type JsonRow } from '../packages/model/src/warehouse.ts';

export { CONFIG_DIR as CONFIG, RAW_DIR as RAW };
const CLI = path.join(REPO_ROOT, 'packages', 'ingest', 'bin', 'mirsad.mjs');

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `mirsad-${prefix}-`));
}

/** Runs the CLI; with `timeoutMs`, a run that takes longer is killed (code null) rather than left to hang the test. */
export function cli(args: string[], opts: { input?: string; timeoutMs?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, CI: 'true' },
    timeout: opts.timeoutMs,
    killSignal: 'SIGKILL',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A run's stderr less its progress lines: a run that is not on a terminal reports progress every ten
 * seconds, which a slow or loaded machine reaches on the smallest input. Anything else is a warning.
 */
export function warningsOf(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !/^ingest: [\d,]+ articles, \d+\/s, \d+ rejects, \d+s$/.test(line))
    .join('\n');
}

export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves when stderr says `paused at <phase>` (MIRSAD_TEST_PAUSE_AT); rejects if the run ends first. */
  paused(phase: string): Promise<void>;
  /** Lets a paused run go on. */
  resume(): void;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The CLI as a child process the test can pause (MIRSAD_TEST_PAUSE_AT), kill or resume while it runs. */
export function startCli(args: string[], env: Record<string, string> = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, CI: 'true', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  child.stdin?.on('error', () => {}); // the run may be killed with its stdin open
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    exited,
    paused: (phase) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (stderr.includes(`paused at ${phase}`)) {
            child.stderr?.off('data', check);
            resolve();
          }
        };
        child.stderr?.on('data', check);
        check();
        void exited.then((r) => reject(new Error(`the run ended (${r.code ?? r.signal}) before pausing at ${phase}: ${r.stderr}`)));
      }),
    resume: () => child.stdin?.end('\n'),
  };
}

export async function query<T extends JsonRow = JsonRow>(warehouse: string, sql: string, params?: Record<string, string>): Promise<T[]> {
  const wh = await openWarehouse(warehouse);
  try {
    return await wh.query<T>(sql, params);
  } finally {
    wh.close();
  }
}

/** The contract's substring rule, checked by DuckDB itself: the rows where it fails. */
export const SUBSTRING_VIOLATIONS = `
  SELECT m.article_id, m.surface, m.start, m."end"
  FROM mentions m JOIN articles a USING (article_id)
  WHERE substring(a.body, m.start + 1, m."end" - m.start) IS DISTINCT FROM m.surface
     OR m.start < 0 OR m."end" <= m.start OR m."end" > a.n_chars OR length(a.body) <> a.n_chars`;

/**
 * topic_evidence under the substring rule, each row belonging to a topic row, and each topic row
 * resting on its evidence rows: topics.evidence is their distinct surfaces (at most 12). The rows
 * where it fails.
 */
export const TOPIC_EVIDENCE_VIOLATIONS = `
  SELECT e.article_id, e.topic_id, e.surface, 'substring' AS problem
  FROM topic_evidence e JOIN articles a USING (article_id)
  WHERE substring(a.body, e.start + 1, e."end" - e.start) IS DISTINCT FROM e.surface
     OR e.start < 0 OR e."end" <= e.start OR e."end" > a.n_chars OR e.sentence < 0 OR e.cue_id IS NULL
  UNION ALL
  SELECT e.article_id, e.topic_id, e.surface, 'no topic row'
  FROM topic_evidence e
  WHERE NOT EXISTS (SELECT 1 FROM topics t WHERE t.article_id = e.article_id AND t.topic_id = e.topic_id)
  UNION ALL
  SELECT t.article_id, t.topic_id, NULL, 'evidence differs'
  FROM topics t LEFT JOIN (
    SELECT article_id, topic_id, count(DISTINCT surface) AS n, list(DISTINCT surface) AS surfaces, count(*) AS rows
    FROM topic_evidence GROUP BY ALL) g USING (article_id, topic_id)
  WHERE g.n IS NULL OR len(t.evidence) <> least(g.n, 12) OR NOT list_has_all(g.surfaces, t.evidence) OR g.rows < t.hits`;

/**
 * The headline rule of contract v1.1: body starts with the headline, which is the title, as its own
 * paragraph; an article without one has headline_chars 0. The rows where it fails.
 */
export const HEADLINE_VIOLATIONS = `
  SELECT article_id, source, title, headline_chars
  FROM articles
  WHERE headline_chars IS NULL OR headline_chars < 0 OR headline_chars > n_chars
     OR (headline_chars > 0 AND (left(body, headline_chars) IS DISTINCT FROM title
                                 OR substring(body, headline_chars + 1, 2) <> chr(10) || chr(10)))
     OR lang IS NULL`;

/** The visits data/config ships: Esper's 2020 tour, Blinken's 2022 stops, Pompeo's 2019 visit. */
export const DEFAULT_VISIT_IDS = [
  'esper-2020-tunisia',
  'esper-2020-algeria',
  'esper-2020-morocco',
  'blinken-2022-morocco',
  'blinken-2022-algeria',
  'pompeo-2019-morocco',
] as const;
