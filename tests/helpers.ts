/** Shared by the cross-package tests: temp warehouses built by the real pipeline, read back through DuckDB. */
import { spawnSync } from 'node:child_process';
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
