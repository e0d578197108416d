#!/usr/bin/env node
// Runs the CLI compiled at install (scripts/build.mjs); rebuilt first only if a source changed since.
import { entry } from '../scripts/build.mjs';

const { main } = await import(await entry('cli'));
process.exitCode = await main(process.argv.slice(2));
