#!/usr/bin/env node
// `npm run bench`: measurements, not tests (see src/bench/), on the same compiled code as `mirsad`.
import { entry } from '../scripts/build.mjs';

const { main } = await import(await entry('bench'));
process.exitCode = await main(process.argv.slice(2));
