/**
 * The page cache on the built dashboard: a page is rendered once per warehouse version and URL, however
 * many ask for it at once, and a new publication is seen on the very next request.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, startDashboard, type Dashboard } from './server';

const CACHE_HEADER = 'x-mirsad-page-cache';

// Not spawnSync: a blocked event loop would keep a socket the server has since closed in fetch's pool.
const ingest = (input: string, out: string) =>
  promisify(execFile)(process.execPath, [CLI, 'ingest', input, '--out', out], { cwd: REPO, env: { ...process.env, TZ: 'UTC' } });

async function page(base: string, target: string) {
  const res = await fetch(base + target, { headers: { accept: 'text/html' } });
  return {
    status: res.status,
    cache: res.headers.get(CACHE_HEADER),
    nosniff: res.headers.get('x-content-type-options'),
    type: res.headers.get('content-type'),
    body: await res.text(),
  };
}

/** The overview's article count, as the page states it. */
const articleCount = (html: string): number => Number(/data-count="articles" data-value="(\d+)"/.exec(html)?.[1] ?? NaN);

describe('rendered pages cached per warehouse version', () => {
  let tmp: string;
  let warehouse: string;
  let dashboard: Dashboard;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'mirsad-page-cache-'));
    warehouse = path.join(tmp, 'warehouse');
    await ingest(path.join(REPO, 'data', 'raw'), warehouse);
    dashboard = await startDashboard(warehouse);
  });
  afterAll(() => {
    dashboard?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('renders a page once and answers the same URL from the cache, headers and all; never an error page or an RSC request', async () => {
    const first = await page(dashboard.base, '/articles?lang=en&page=1');
    expect(first.status).toBe(200);
    expect(first.cache).toBe('miss');
    const again = await page(dashboard.base, '/articles?page=1&lang=en'); // same parameters, another order
    expect(again.cache).toBe('hit');
    expect(again.body).toBe(first.body);
    expect(again.type).toBe(first.type);
    expect(again.nosniff).toBe('nosniff');

    const missing = await page(dashboard.base, '/articles/0123456789abcdef');
    expect(missing.status).toBe(404);
    expect((await page(dashboard.base, '/articles/0123456789abcdef')).cache).toBe('miss');
    // A client-side navigation (Accept */*, RSC headers) gets the RSC payload, never the cached HTML.
    const rsc = await fetch(`${dashboard.base}/articles?lang=en&page=1`, { headers: { rsc: '1' } });
    expect(rsc.headers.get(CACHE_HEADER)).toBeNull();
    expect(rsc.headers.get('content-type')).toContain('text/x-component');
  });

  it('renders a page asked for by many clients at once a single time', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => page(dashboard.base, '/?lang=en&measure=share')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.cache === 'miss')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  });

  it('shows a new publication on the next request', async () => {
    const before = await page(dashboard.base, '/');
    await page(dashboard.base, '/');
    expect((await page(dashboard.base, '/')).cache).toBe('hit');
    const n = articleCount(before.body);
    expect(n).toBeGreaterThan(0);

    await ingest(path.join(REPO, 'data', 'raw', 'txt'), warehouse); // fewer articles, published over the old ones
    const after = await page(dashboard.base, '/');
    expect(after.cache).toBe('miss');
    expect(articleCount(after.body)).toBeGreaterThan(0);
    expect(articleCount(after.body)).toBeLessThan(n);
    expect((await page(dashboard.base, '/')).cache).toBe('hit');
  });
});
