/**
 * Test support: builds a warehouse with the real ingest CLI, as a user would, into a temp folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SAMPLE_CORPUS = path.join(REPO_ROOT, 'data', 'raw');
export const SHARED_SEEDS = path.join(REPO_ROOT, '..', 'shared', 'seeds');
const CLI = path.join(REPO_ROOT, 'packages', 'ingest', 'bin', 'mirsad.mjs');

/** Runs `mirsad ingest` on the inputs into a fresh temp folder and returns the warehouse folder. */
export function ingest(inputs: readonly string[], options: { manifest?: string } = {}): string {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'mirsad-dash-')), 'warehouse');
  const args = [CLI, 'ingest', ...inputs, '--out', out];
  if (options.manifest && existsSync(options.manifest)) args.push('--manifest', options.manifest);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, cwd: REPO_ROOT });
  if (r.status !== 0) {
    throw new Error(`mirsad ingest failed (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
  return out;
}

export const seedsPresent = (): boolean => existsSync(path.join(SHARED_SEEDS, 'manifest.csv'));
