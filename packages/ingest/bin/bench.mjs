#!/usr/bin/env node
// `npm run bench`: measurements, not tests (see src/bench/).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/bench/run.ts');
process.exitCode = await main(process.argv.slice(2));
