/**
 * The overview's tables reach the browser once as HTML and once as compact data, never cell by cell in the
 * RSC payload as well: drawn by server components, every cell of the heat maps, the matrix, the coverage
 * table and the timeline's table was serialised a second time as an element (on the ANT corpus 1.06 MB of
 * the overview's 1.97 MB).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, startDashboard, type Dashboard } from './server';

const ingest = (input: string, out: string) =>
  promisify(execFile)(process.execPath, [CLI, 'ingest', input, '--out', out], { cwd: REPO, env: { ...process.env, TZ: 'UTC' } });

/** The RSC payload a full page carries in its `self.__next_f.push` scripts, and the HTML around them. */
function splitPage(html: string): { markup: string; payload: string } {
  let payload = '';
  const markup = html.replace(/<script>self\.__next_f\.push\((\[.*?\])\)<\/script>/gs, (_, chunk: string) => {
    const [kind, text] = JSON.parse(chunk) as [number, string?];
    if (kind === 1 && text) payload += text;
    return '';
  });
  return { markup, payload };
}

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

describe('overview tables are not repeated in the RSC payload', () => {
  let tmp: string;
  let dashboard: Dashboard;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'mirsad-page-size-'));
    const warehouse = path.join(tmp, 'warehouse');
    await ingest(path.join(REPO, 'data', 'raw'), warehouse);
    dashboard = await startDashboard(warehouse, { MIRSAD_PAGE_CACHE_MB: '0' });
  });
  afterAll(() => {
    dashboard?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('draws every cell in the HTML and sends no cell element in the payload, on a page load or a navigation', async () => {
    const res = await fetch(`${dashboard.base}/?lang=en`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const { markup, payload } = splitPage(await res.text());
    for (const id of ['matrix', 'outlet-heatmap', 'visit-heatmap', 'coverage', 'timeline-data']) {
      expect(markup, id).toContain(`data-testid="${id}"`);
    }
    // Cells with articles say how many in data-n, in the HTML only.
    expect(count(markup, /<td[^>]* data-n="[1-9]/g)).toBeGreaterThan(0);
    expect(count(markup, /<tr data-period="/g)).toBeGreaterThan(0);
    expect(payload.length).toBeGreaterThan(0);
    expect(count(payload, /"data-n":/g)).toBe(0);
    expect(count(payload, /"data-share":/g)).toBe(0);
    expect(count(payload, /"data-topic":/g)).toBe(0);
    expect(count(payload, /"className":"zero"/g)).toBe(0);

    // A client-side navigation gets the payload alone: the same holds for it.
    const nav = await fetch(`${dashboard.base}/?lang=en`, { headers: { rsc: '1' } });
    expect(nav.headers.get('content-type')).toContain('text/x-component');
    const flight = await nav.text();
    expect(flight).toContain('outlet-heatmap');
    expect(count(flight, /"data-n":/g)).toBe(0);
    expect(count(flight, /"data-topic":/g)).toBe(0);
  });
});
