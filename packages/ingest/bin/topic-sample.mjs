#!/usr/bin/env node
// Topic candidates for judging (see src/bench/topic-sample.ts).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/bench/topic-sample.ts');
process.exitCode = await main(process.argv.slice(2));
