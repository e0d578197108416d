#!/usr/bin/env node
// Runs the CLI compiled at install (scripts/build.mjs); rebuilt first only if a source changed since.
// The check (a stat of every source) runs on the thread pool while the CLI loads: when it finds the
// build stale (a developer's edit), the CLI is rebuilt and the new one loaded instead. The CLI is
// compiled with V8's code cache of an earlier run (scripts/load-bundle.mjs); a run that had none, or a
// stale one, leaves one for the next when it ends.
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { bundlePath, entry, isFreshAsync } from '../scripts/build.mjs';
import { loadBundle } from '../scripts/load-bundle.mjs';

// V8 optimises a function (TurboFan, on its helper threads) once it has run some bytecode; a small
// run's many functions each cross that line and are compiled for the few documents left: 0.6 s of
// CPU of a data/raw run's 2.5 went to optimising. Eight times the budget (set before the CLI loads,
// for every thread) cut a data/raw run's CPU by a sixth, and leaves the hot loops of a long run
// optimised a fraction of a second later. A budget given to node (NODE_OPTIONS) is kept. (V8 refuses
// a code cache made under other flags: the budget is the same for every run of this bin.)
const INTERRUPT_BUDGET = 8 * 67_584;
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('interrupt-budget')))
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);

const fresh = isFreshAsync().catch(() => false);
let cli = null;
try {
  cli = loadBundle(bundlePath('cli'));
} catch {
  // a missing build: entry() below makes it
}
if (!cli || !(await fresh)) cli = loadBundle(fileURLToPath(await entry('cli')));
const args = process.argv.slice(2);
process.exitCode = await cli.exports.main(args);
// the code cache of a run that ingested holds what an ingest compiles; another command's, less
cli.saveCache(args[0] === 'ingest');
