// The newest modification time under a folder: what npm start, the e2e tests and the dashboard
// benchmark compare to decide whether an ingest or a build is stale.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** @param {string} dir @param {Set<string>} [skip] @returns {number} */
export function newest(dir, skip = new Set(['node_modules', '.next', '.turbo'])) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name)) continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p, skip) : statSync(p).mtimeMs);
  }
  return latest;
}
