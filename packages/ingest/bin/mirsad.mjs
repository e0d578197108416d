#!/usr/bin/env node
// Runs the CLI compiled at install (scripts/build.mjs); rebuilt first only if a source changed since.
// The check (a stat of every source) runs on the thread pool while the CLI loads: when it finds the
// build stale (a developer's edit), the CLI is rebuilt and the new one imported instead.
import v8 from 'node:v8';
import { bundleUrl, entry, isFreshAsync } from '../scripts/build.mjs';

// V8 optimises a function (TurboFan, on its helper threads) once it has run some bytecode; a small
// run's many functions each cross that line and are compiled for the few documents left: 0.6 s of
// CPU of a data/raw run's 2.5 went to optimising. Eight times the budget (set before the CLI loads,
// for every thread) cut a data/raw run's CPU by a sixth, and leaves the hot loops of a long run
// optimised a fraction of a second later. A budget given to node (NODE_OPTIONS) is kept.
const INTERRUPT_BUDGET = 8 * 67_584;
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('interrupt-budget')))
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);

const fresh = isFreshAsync().catch(() => false);
const loading = import(bundleUrl('cli'));
loading.catch(() => {}); // a missing build: entry() below makes it
const { main } = (await fresh) ? await loading : await import(`${await entry('cli')}?rebuilt=${Date.now()}`);
process.exitCode = await main(process.argv.slice(2));
