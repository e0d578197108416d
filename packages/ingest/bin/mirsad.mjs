#!/usr/bin/env node
// Runs the CLI compiled at install (scripts/build.mjs); rebuilt first only if a source changed since.
// The check (a stat of every source) runs on the thread pool while the CLI loads: when it finds the
// build stale (a developer's edit), the CLI is rebuilt and the new one imported instead.
import { bundleUrl, entry, isFreshAsync } from '../scripts/build.mjs';

const fresh = isFreshAsync().catch(() => false);
const loading = import(bundleUrl('cli'));
loading.catch(() => {}); // a missing build: entry() below makes it
const { main } = (await fresh) ? await loading : await import(`${await entry('cli')}?rebuilt=${Date.now()}`);
process.exitCode = await main(process.argv.slice(2));
