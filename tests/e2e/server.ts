/**
 * The built dashboard for browser and HTTP tests: `next build` when the build is older than the app's or
 * the model's sources (so two test files share one build), then `next start` on a free loopback port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newest } from '../../scripts/newest.mjs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const APP = path.join(REPO, 'apps', 'dashboard');
const NEXT = path.join(REPO, 'node_modules', 'next', 'dist', 'bin', 'next');
export const CLI = path.join(REPO, 'packages', 'ingest', 'bin', 'mirsad.mjs');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Dashboard {
  readonly base: string;
  readonly server: ChildProcess;
  log(): string;
  stop(): void;
}

export async function startDashboard(warehouse: string, extraEnv: Record<string, string> = {}): Promise<Dashboard> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', MIRSAD_WAREHOUSE: warehouse, TZ: 'UTC', ...extraEnv };
  const buildId = path.join(APP, '.next', 'BUILD_ID');
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (builtAt < Math.max(newest(APP), newest(path.join(REPO, 'packages', 'model', 'src')))) {
    const build = spawnSync(process.execPath, [NEXT, 'build'], { cwd: APP, encoding: 'utf8', env });
    if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = '';
  const server = spawn(process.execPath, [NEXT, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: APP, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const dashboard: Dashboard = {
    base,
    server,
    log: () => log,
    stop: () => {
      if (server.exitCode === null) server.kill('SIGTERM');
    },
  };
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${base}/`)).ok) return dashboard;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
