/**
 * `mirsad` runs compiled JavaScript (built at install by packages/ingest/scripts/build.mjs): no
 * TypeScript loader in the CLI or in its workers. A module hook refuses every `tsx` import and every
 * `.ts` module, so a run that still compiled TypeScript at run time fails here.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../packages/ingest/src/testing/shared.ts';
import { openWarehouse } from '../packages/model/src/warehouse.ts';
import { RAW, tempDir } from './helpers.ts';

const CLI = path.join(REPO_ROOT, 'packages', 'ingest', 'bin', 'mirsad.mjs');
const dir = tempDir('compiled');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NO_TYPESCRIPT = `
export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (/(^|\\/)tsx(\\/|$)/.test(specifier) || /\\.[cm]?tsx?$/.test(new URL(found.url).pathname)) {
    throw new Error('TypeScript loaded at run time: ' + specifier);
  }
  return found;
}`;

const REGISTER = path.join(dir, 'no-typescript.mjs');
beforeAll(() => {
  const hooks = path.join(dir, 'no-typescript-hooks.mjs');
  writeFileSync(hooks, NO_TYPESCRIPT);
  writeFileSync(REGISTER, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
});

function withoutTypeScript(args: string[]) {
  return spawnSync(process.execPath, ['--import', REGISTER, ...args], { encoding: 'utf8', cwd: REPO_ROOT, env: { ...process.env, CI: 'true' } });
}

describe('the compiled CLI', () => {
  it('the hook stops a TypeScript loader (so the run below would fail with one)', () => {
    const r = withoutTypeScript(['--input-type=module', '-e', "await import('tsx/esm/api')"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('TypeScript loaded at run time');
  });

  it("loads DuckDB's addon for its platform directly, without detect-libc (which loads child_process)", async () => {
    const { entry } = (await import(pathToFileURL(path.join(REPO_ROOT, 'packages', 'ingest', 'scripts', 'build.mjs')).href)) as {
      entry: (name: string) => Promise<string>;
    };
    const cli = await entry('cli');
    const script = `const M = require('node:module'); const load = M._load; const seen = [];
M._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };
import(${JSON.stringify(cli)}).then(() => console.log(JSON.stringify(seen)));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: REPO_ROOT });
    expect(r.status).toBe(0);
    const required = JSON.parse(r.stdout) as string[];
    expect(required.some((m) => m.includes('duckdb.node'))).toBe(true);
    expect(required).not.toContain('detect-libc');
  });

  it('ingests the sample corpus, HTML pages on a worker included, with no TypeScript loader', async () => {
    const out = path.join(dir, 'warehouse');
    const r = withoutTypeScript([CLI, 'ingest', RAW, '--out', out, '--quiet', '--jobs', '2']);
    expect(r.stderr).not.toContain('TypeScript loaded at run time');
    expect(r.status).toBe(0);
    const wh = await openWarehouse(out);
    try {
      const [row] = await wh.query<{ html: number }>(`SELECT count(*)::INT AS html FROM articles WHERE format = 'html'`);
      expect(row?.html).toBeGreaterThan(0); // HTML is parsed on worker threads
    } finally {
      wh.close();
    }
  });
});
