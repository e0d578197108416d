/**
 * The dashboard's configuration, read and checked here once; nothing else reads process.env.
 *
 *   MIRSAD_WAREHOUSE  folder of the published warehouse (default: <repo root>/data/warehouse)
 */
import 'server-only';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest folder above the working directory holding packages/model.
 * Built server code runs from .next/, so the module's own location says nothing; `next start` runs with
 * cwd apps/dashboard, a root-level script with cwd at the root.
 */
function findRepoRoot(from: string): string | null {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(/*turbopackIgnore: true*/ dir, 'packages', 'model', 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

function readEnv() {
  const cwd = process.cwd();
  const repoRoot = findRepoRoot(cwd);
  const raw = process.env.MIRSAD_WAREHOUSE?.trim();
  // turbopackIgnore: a folder chosen at run time, not a file of the app to trace into the build.
  const warehouseDir = raw
    ? path.resolve(/*turbopackIgnore: true*/ cwd, raw)
    : path.join(/*turbopackIgnore: true*/ repoRoot ?? cwd, 'data', 'warehouse');
  return Object.freeze({ repoRoot, warehouseDir });
}

export const env = readEnv();

/** How to name the warehouse's views.sql to a user at the repository root. */
export function viewsSqlPath(): string {
  const file = path.join(/*turbopackIgnore: true*/ env.warehouseDir, 'views.sql');
  if (env.repoRoot && !path.relative(env.repoRoot, file).startsWith('..')) return path.relative(env.repoRoot, file);
  return file;
}
