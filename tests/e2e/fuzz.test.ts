/**
 * Hostile requests against every route of the built dashboard (a warehouse from the sample corpus):
 * malformed percent-encodings, overlong and hostile ids, bad dates and filters. Requests go out as raw
 * HTTP request lines (node:http), so nothing normalises them on the way. Never a 500, always nosniff,
 * and the request's text never comes back in a body.
 */
import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, startDashboard, type Dashboard } from './server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET with the request target exactly as given. */
function get(base: string, target: string): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: target, method: 'GET', headers: { accept: 'text/html' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const MALFORMED = ['%zz', '%', '%4', '%E0%A4%A', '%C0%80', '%FF', '%ED%A0%80', 'ab%2'];
const HOSTILE_IDS = [
  '..%2F..%2Fetc%2Fpasswd',
  "x'%20OR%201=1",
  '%00',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'A'.repeat(4000),
  '%F0%9F%98%80',
  'a%0D%0ASet-Cookie:%20x=1',
  '-1',
];
const BAD_QUERIES = [
  'from=%zz',
  'from=2020-13-45',
  'to=2021-02-30',
  'from=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  'page=-1',
  'page=99999999999',
  'outlets=%27%20OR%201=1%20--',
  'entity=%00',
  'lang=xx',
  'measure=%FF',
  `topics=${'t'.repeat(3000)}`,
  'links=every',
  `q=${'q'.repeat(300)}`,
  'q=%01',
  'format=exe',
  'id=%zz',
  'id=..%2F',
];

// What the hostile requests carry, as it would read if a body repeated it.
const SEEN_BACK = /<script>alert|alert\(1\)|Set-Cookie:|etc\/passwd|OR 1=1|%zz/i;

describe('every route under hostile requests', () => {
  let tmp: string;
  let dashboard: Dashboard;
  let routes: string[];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'mirsad-fuzz-'));
    const warehouse = path.join(tmp, 'warehouse');
    const ingest = spawnSync(process.execPath, [CLI, 'ingest', path.join(REPO, 'data', 'raw'), '--out', warehouse], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    if (ingest.status !== 0) throw new Error(`mirsad ingest failed:\n${ingest.stderr || ingest.stdout}`);
    dashboard = await startDashboard(warehouse);
    const list = await get(dashboard.base, '/articles');
    const article = /href="(\/articles\/[0-9a-f]+)[?"]/.exec(list.body)?.[1];
    if (!article) throw new Error('no article link on /articles');
    const visit = /href="(\/visits\/[^"?]+)[?"]/.exec((await get(dashboard.base, '/')).body)?.[1];
    if (!visit) throw new Error('no visit link on the overview');
    routes = [
      '/',
      '/articles',
      article,
      '/entities/dubai',
      '/entities',
      visit,
      '/compare',
      '/compare?a=period:2020-01-01..2020-12-31',
      '/api/export/summary',
      '/api/export/entity-outlets',
      '/api/export/visit-matrix',
      '/api/export/visit-days',
      '/api/export/top-entities',
    ];
  });
  afterAll(() => {
    dashboard?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  function expectSafe(a: Answer, what: string) {
    expect(a.status, `${what}: status`).toBeLessThan(500);
    expect(a.headers['x-content-type-options'], `${what}: nosniff`).toBe('nosniff');
    expect(a.body, `${what}: echoed`).not.toMatch(SEEN_BACK);
  }

  it('answers well-formed requests with 200 and nosniff', async () => {
    for (const r of routes) {
      const a = await get(dashboard.base, r.startsWith('/api/export/entity') ? `${r}?id=dubai` : r);
      expect(a.status, r).toBe(200);
      expect(a.headers['x-content-type-options'], r).toBe('nosniff');
    }
  });

  it('a malformed percent-encoding in a path segment is a 400 on every route', async () => {
    const templates = ['/articles/X', '/entities/X', '/visits/X', '/api/export/X', '/X', '/articles/X/more'];
    for (const t of templates) {
      for (const bad of MALFORMED) {
        const target = t.replace('X', bad);
        const a = await get(dashboard.base, target);
        expectSafe(a, target);
        expect(a.status, target).toBe(400);
      }
    }
  });

  it('hostile ids and view names are refused with a 400, never a 500, never echoed', async () => {
    for (const t of ['/articles/X', '/entities/X', '/visits/X', '/api/export/X']) {
      for (const id of HOSTILE_IDS) {
        const target = t.replace('X', id);
        const a = await get(dashboard.base, target);
        expectSafe(a, target);
        expect([400, 404], target).toContain(a.status);
      }
    }
    // dot segments are resolved before routing (as a browser would): a page one level up, not an error
    for (const t of ['/articles/%2e%2e', '/entities/%2E%2e/%2e%2e', '/api/export/..']) expectSafe(await get(dashboard.base, t), t);
    const unknown = await get(dashboard.base, '/api/export/no-such-view');
    expectSafe(unknown, 'unknown view');
    expect(unknown.status).toBe(404);
    expect(unknown.body).not.toContain('no-such-view');
  });

  it('bad filter values and encodings in the query string are a 400 on every route', async () => {
    for (const r of routes) {
      for (const q of BAD_QUERIES) {
        const target = `${r}${r.includes('?') ? '&' : '?'}${q}`;
        const a = await get(dashboard.base, target);
        expectSafe(a, target);
        const ignoredHere = (q.startsWith('format=') || q.startsWith('id=')) && !r.startsWith('/api/');
        if (!ignoredHere) expect(a.status, target).toBe(400);
      }
    }
    for (const q of ['a=outlet:', 'b=period:2020-02-30..2020-03-01', 'a=%27%20OR%201=1', 'a=nation:x']) {
      const a = await get(dashboard.base, `/compare?${q}`);
      expectSafe(a, q);
      expect(a.status, q).toBe(400);
    }
    for (const q of [`name=${'n'.repeat(300)}`, 'name=%01']) {
      const a = await get(dashboard.base, `/entities?${q}`);
      expectSafe(a, q);
      expect(a.status, q).toBe(400);
    }
  });

  it('a trailing slash is a redirect to the route without it, with nosniff too', async () => {
    for (const r of ['/articles/', '/entities/dubai/', '/api/export/summary/']) {
      const a = await get(dashboard.base, r);
      expect(a.status, r).toBe(308);
      expect(a.headers.location, r).toBe(r.slice(0, -1));
      expect(a.headers['x-content-type-options'], r).toBe('nosniff');
    }
  });

  it('an overlong address is refused, not served', async () => {
    for (const r of routes) {
      const a = await get(dashboard.base, `${r}${r.includes('?') ? '&' : '?'}outlets=${'x'.repeat(15_000)}`);
      expect(a.status, r).toBeGreaterThanOrEqual(400);
      expect(a.status, r).toBeLessThan(500);
    }
  });

  it('the server logged no error while it was fuzzed', () => {
    expect(dashboard.log()).not.toMatch(/URIError|Error: |⨯/);
  });
});
