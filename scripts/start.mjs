#!/usr/bin/env node
// `npm start`: ingest the sample corpus if the warehouse is missing or older than its inputs, build the
// dashboard if it is missing or older than its sources, then serve it on http://localhost:3000.
import { spawnSync, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from './newest.mjs';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const warehouse = process.env.MIRSAD_WAREHOUSE ? path.resolve(process.env.MIRSAD_WAREHOUSE) : path.join(root, 'data', 'warehouse');
const dashboard = path.join(root, 'apps', 'dashboard');
const env = { ...process.env, MIRSAD_WAREHOUSE: warehouse, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' };

function mtime(p) {
  try {
    return statSync(p).mtimeMs; // follows the warehouse link to the published version
  } catch {
    return 0;
  }
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const builtAt = mtime(path.join(warehouse, 'views.sql'));
const inputsAt = Math.max(
  newest(path.join(root, 'data', 'raw')),
  newest(path.join(root, 'data', 'config')),
  newest(path.join(root, 'packages', 'ingest', 'src')),
);
if (builtAt === 0 || builtAt < inputsAt) {
  console.log(builtAt === 0 ? 'No warehouse yet: ingesting data/raw …' : 'Inputs changed since the last ingest: ingesting data/raw …');
  run(process.execPath, [path.join(root, 'packages', 'ingest', 'bin', 'mirsad.mjs'), 'ingest', '--out', warehouse], root);
}

const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const buildId = path.join(dashboard, '.next', 'BUILD_ID');
if (mtime(buildId) < Math.max(newest(dashboard), newest(path.join(root, 'packages', 'model', 'src')))) {
  console.log('Building the dashboard …');
  run(process.execPath, [nextBin, 'build'], dashboard);
}

const port = process.env.PORT ?? '3000';
console.log(`Dashboard: http://localhost:${port}`);
const server = spawn(process.execPath, [nextBin, 'start', '-p', port], { cwd: dashboard, env, stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
