#!/usr/bin/env node
// Topic candidates for judging (see src/bench/topic-sample.ts).
import { entry } from '../scripts/build.mjs';

const { main } = await import(await entry('topic-sample'));
process.exitCode = await main(process.argv.slice(2));
