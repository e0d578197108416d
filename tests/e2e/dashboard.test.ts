/**
 * The dashboard in a real browser: a warehouse built by `mirsad ingest` from the sample corpus, the app
 * built and started with `next`, Debian's Chromium driven by playwright-core. What the charts draw is
 * compared with what DuckDB says for the same filters.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listValue } from '@duckdb/node-api';
import { openWarehouse, type Warehouse } from '@mirsad/model/warehouse';
import { tableFromIPC } from 'apache-arrow';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO, startDashboard, type Dashboard } from './server';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.join(REPO, 'tests', 'e2e', 'screenshots');
const README_SHOT = path.join(REPO, 'docs', 'screenshot.png');
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && process.env.CI === 'true') {
  throw new Error(`e2e: ${CHROMIUM} not found, and under CI=true the browser tests may not skip (.ci/run installs it)`);
}
if (!hasChromium) {
  console.warn(`e2e: skipped, ${CHROMIUM} not found (install it with: apt-get update && apt-get install -y chromium)`);
}

type Bar = { category: string; topic: string; n: number };
const key = (b: Bar) => `${b.category}|${b.topic}|${b.n}`;

/** The categories of a chart in the order they are laid out: left to right (`x`) or top to bottom (`y`). */
async function laidOut(page: Page, chart: string, axis: 'x' | 'y'): Promise<string[]> {
  return page.locator(`rect[data-chart="${chart}"]`).evaluateAll(
    (rects, ax) => {
      const at = new Map<string, number[]>();
      for (const r of rects) {
        const b = r.getBoundingClientRect();
        const k = r.getAttribute('data-category') ?? '';
        at.set(k, [...(at.get(k) ?? []), ax === 'x' ? b.x + b.width / 2 : b.y + b.height / 2]);
      }
      const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
      return [...at].sort((a, b) => mean(a[1]) - mean(b[1])).map(([k]) => k);
    },
    axis,
  );
}

/** The categories of a view in the order the server sends them (its CSV export). */
async function exportOrder(base: string, view: string, column: string, query = ''): Promise<string[]> {
  const [head, ...rows] = (await (await fetch(`${base}/api/export/${view}?format=csv${query}`)).text()).trimEnd().split('\r\n');
  const i = head!.split(',').indexOf(column);
  return [...new Set(rows.map((r) => r.split(',')[i]!))];
}

async function bars(page: Page, chart: string): Promise<Bar[]> {
  return page.locator(`rect[data-chart="${chart}"]`).evaluateAll((rects) =>
    rects.map((r) => ({ category: r.getAttribute('data-category') ?? '', topic: r.getAttribute('data-topic') ?? '', n: Number(r.getAttribute('data-n')) })),
  );
}

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let tmp: string;
  let warehouse: string;
  let wh: Warehouse;
  let dashboard: Dashboard | undefined;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  /** Topic counts per outlet, from DuckDB, for the default view (optionally narrowed to some outlets). */
  async function expectedOutletBars(outlets: string[] = []): Promise<Bar[]> {
    const rows = await wh.query(
      `SELECT coalesce(a.outlet_id, '_none') AS category, t.topic_id AS topic, count(DISTINCT a.article_id) AS n
       FROM articles a JOIN topics t ON t.article_id = a.article_id
       WHERE a.duplicate_of IS NULL${outlets.length ? " AND list_contains($outlets, coalesce(a.outlet_id, '_none'))" : ''}
       GROUP BY 1, 2`,
      outlets.length ? { outlets: listValue(outlets) } : undefined,
    );
    return rows.map((r) => ({ category: String(r.category), topic: String(r.topic), n: Number(r.n) }));
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'mirsad-e2e-'));
    warehouse = path.join(tmp, 'warehouse');
    const ingest = spawnSync(process.execPath, [CLI, 'ingest', path.join(REPO, 'data', 'raw'), '--out', warehouse], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, TZ: 'UTC' },
    });
    if (ingest.status !== 0) throw new Error(`mirsad ingest failed:\n${ingest.stderr || ingest.stdout}`);
    wh = await openWarehouse(warehouse, { sandbox: true });

    dashboard = await startDashboard(warehouse);
    base = dashboard.base;

    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(path.join(tmp, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
      locale: 'ar',
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    dashboard?.stop();
    wh?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('overview: Arabic, right to left, and the bars drawn are the counts DuckDB returns', async () => {
    await page.goto(`${base}/`);
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');
    const drawn = (await bars(page, 'outlet-topics')).map(key).sort();
    const want = (await expectedOutletBars()).map(key).sort();
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn).toEqual(want);

    const [counts] = await wh.query(
      `SELECT count(*) AS articles, (SELECT count(*) FROM mentions WHERE article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL)) AS mentions
       FROM articles WHERE duplicate_of IS NULL`,
    );
    expect(Number(await page.getAttribute('[data-count="articles"]', 'data-value'))).toBe(Number(counts!.articles));
    expect(Number(await page.getAttribute('[data-count="mentions"]', 'data-value'))).toBe(Number(counts!.mentions));

    await page.locator('rect[data-chart="visit-topics"]').first().waitFor();
    await page.locator('[data-chart-root="timeline"] .recharts-line').first().waitFor();

    // Every bar is big enough to see and click (16 topics × 13 outlets as grouped columns were ~5 px wide).
    const thin = await page.locator('rect[data-chart]').evaluateAll((rects) =>
      rects.flatMap((r) => {
        const b = r.getBoundingClientRect();
        return Math.min(b.width, b.height) < 8 ? [`${r.getAttribute('data-chart')} ${r.getAttribute('data-category')} ${r.getAttribute('data-topic')}`] : [];
      }),
    );
    expect(thin).toEqual([]);
    // Right to left: visits run from the right, outlets from the top, in the order the server sends them.
    expect(await laidOut(page, 'visit-topics', 'x')).toEqual((await exportOrder(base, 'visit-topics', 'visit_id')).reverse());
    expect(await laidOut(page, 'outlet-topics', 'y')).toEqual(await exportOrder(base, 'outlet-topics', 'outlet_id'));
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
    await page.screenshot({ path: README_SHOT, fullPage: true, clip: { x: 0, y: 0, width: 1400, height: 1750 } });
  });

  it('a filter applied in the UI is in the URL, survives a reload, and back/forward work', async () => {
    await page.goto(`${base}/`);
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    const before = (await bars(page, 'outlet-topics')).map(key).sort();
    const [top] = await wh.query('SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL AND duplicate_of IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const outlet = String(top!.outlet_id);

    await page.locator('details[data-filter="outlets"] summary').click();
    await page.locator(`input[name="outlets"][value="${outlet}"]`).check();
    await page.waitForURL((u) => u.searchParams.get('outlets') === outlet);
    await page.waitForFunction(
      (o) => {
        const rects = Array.from(document.querySelectorAll('rect[data-chart="outlet-topics"]'));
        return rects.length > 0 && rects.every((r) => r.getAttribute('data-category') === o);
      },
      outlet,
    );
    const filtered = (await bars(page, 'outlet-topics')).map(key).sort();
    expect(filtered).toEqual((await expectedOutletBars([outlet])).map(key).sort());
    await page.screenshot({ path: path.join(SHOTS, 'filtered.png'), fullPage: true });

    const url = page.url();
    await page.reload();
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    expect(page.url()).toBe(url);
    expect((await bars(page, 'outlet-topics')).map(key).sort()).toEqual(filtered);
    expect(await page.locator(`input[name="outlets"][value="${outlet}"]`).isChecked()).toBe(true);

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('outlets'));
    await page.waitForFunction((n) => document.querySelectorAll('rect[data-chart="outlet-topics"]').length === n, before.length);
    expect((await bars(page, 'outlet-topics')).map(key).sort()).toEqual(before);
    await page.goForward();
    await page.waitForURL((u) => u.searchParams.get('outlets') === outlet);
  });

  it('a typed date reaches the URL once, when done; a list stays open while several entries are ticked', async () => {
    await page.goto(`${base}/`);
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    const from = page.locator('input[name="from"]');
    await from.click();
    await page.keyboard.type('15032020', { delay: 80 });
    // Committing on every change navigated at the year "0202" and took the focus away mid-typing.
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).searchParams.has('from')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('from');
    const typed = await from.inputValue();
    expect(typed).toMatch(/^2020-\d\d-\d\d$/);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('from') === typed);

    const [a, b] = await wh.query('SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 2');
    await page.locator('details[data-filter="outlets"] summary').click();
    await page.locator(`input[name="outlets"][value="${a!.outlet_id}"]`).check();
    await page.waitForURL((u) => u.searchParams.get('outlets') === String(a!.outlet_id));
    await page.locator(`input[name="outlets"][value="${b!.outlet_id}"]`).check();
    await page.waitForURL((u) => u.searchParams.get('outlets') === `${a!.outlet_id},${b!.outlet_id}`);
    expect(new URL(page.url()).searchParams.get('from')).toBe(typed);
  });

  it('an ISO date after Arabic text reads year first (unisolated, the bidi algorithm lays it out as DD-MM-YYYY)', async () => {
    const [e] = await wh.query('SELECT m.entity_id FROM mentions m JOIN article_visits av USING (article_id) GROUP BY 1 ORDER BY count(DISTINCT av.visit_id) DESC, 1 LIMIT 1');
    await page.goto(`${base}/entities/${e!.entity_id}`);
    const date = page.locator('[data-testid="entity-visits"] tbody tr td .ltr').first();
    await date.waitFor();
    const at = await date.evaluate((el) => {
      const text = el.firstChild!;
      const x = (from: number, to: number) => {
        const r = document.createRange();
        r.setStart(text, from);
        r.setEnd(text, to);
        return r.getBoundingClientRect().x;
      };
      return { text: text.textContent, year: x(0, 4), day: x(8, 10) };
    });
    expect(at.text).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(at.year).toBeLessThan(at.day);
  });

  it('drills down from a bar to its articles, then to an article with a highlighted mention', async () => {
    await page.goto(`${base}/`);
    const rect = page.locator('rect[data-chart="outlet-topics"]').first();
    await rect.waitFor();
    const n = Number(await rect.getAttribute('data-n'));
    const outlet = (await rect.getAttribute('data-category'))!;
    const topic = (await rect.getAttribute('data-topic'))!;
    await rect.click();
    await page.waitForURL((u) => u.pathname === '/articles' && u.searchParams.get('topics') === topic && u.searchParams.get('outlets') === outlet);
    await page.locator('[data-testid="article-list"]').waitFor();
    expect(Number(await page.getAttribute('[data-testid="article-total"]', 'data-value'))).toBe(n);
    const listed = await page.locator('[data-testid="article-list"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article') ?? ''));
    expect(listed).toHaveLength(n);
    await page.screenshot({ path: path.join(SHOTS, 'articles.png'), fullPage: true });

    const [withMention] = await wh.query(
      'SELECT article_id FROM mentions WHERE list_contains($ids, article_id) GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
      { ids: listValue(listed) },
    );
    const id = String(withMention?.article_id ?? listed[0]);
    await page.locator(`[data-testid="article-list"] tr[data-article="${id}"] a`).click();
    await page.waitForURL((u) => u.pathname === `/articles/${id}`);
    await page.locator('[data-testid="article-body"]').waitFor();
    const mentions = await wh.query('SELECT entity_id, surface FROM mentions WHERE article_id = $id ORDER BY start', { id });
    expect(mentions.length, `article ${id} has mentions`).toBeGreaterThan(0);
    const marked = await page.locator('[data-testid="article-body"] mark.mention').evaluateAll((ms) =>
      ms.map((m) => ({ entity: m.getAttribute('data-entity') ?? '', text: m.textContent ?? '' })),
    );
    expect(marked.length).toBeGreaterThan(0);
    const first = mentions[0]!;
    expect(marked.some((m) => m.entity.split(' ').includes(String(first.entity_id)) && String(first.surface).includes(m.text))).toBe(true);
    expect(await page.locator('[data-testid="article-body"] script').count()).toBe(0);
    // the headline opens the body (contract v1.1): shown as its heading, its own mentions marked in it
    const [head] = await wh.query(
      `SELECT a.title, a.headline_chars, count(m.entity_id) FILTER (WHERE m.start < a.headline_chars) AS marks
       FROM articles a LEFT JOIN mentions m USING (article_id) WHERE a.article_id = $id GROUP BY ALL`,
      { id },
    );
    if (Number(head?.headline_chars) > 0) {
      expect(await page.locator('[data-testid="article-headline"]').textContent()).toBe(String(head?.title));
      expect((await page.locator('[data-testid="article-headline"] mark.mention').count()) > 0).toBe(Number(head?.marks) > 0);
    }
    await page.screenshot({ path: path.join(SHOTS, 'article.png'), fullPage: true });

    await page.locator('[data-testid="article-entities"] a').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/entities/'));
    await page.locator('[data-testid="entity"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'entity.png'), fullPage: true });
  });

  it('English toggle: left to right, English labels, same numbers', async () => {
    await page.goto(`${base}/`);
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    const ar = (await bars(page, 'outlet-topics')).map(key).sort();
    await page.locator('[data-testid="lang-toggle"]').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect((await bars(page, 'outlet-topics')).map(key).sort()).toEqual(ar);
    expect(await laidOut(page, 'visit-topics', 'x')).toEqual(await exportOrder(base, 'visit-topics', 'visit_id'));
    await page.screenshot({ path: path.join(SHOTS, 'overview-en.png'), fullPage: true });
  });

  it('hostile links: malformed ids are 400s, well-formed unknown ones 404s, bad filter values a 400 that links to the view without them', async () => {
    expect((await fetch(`${base}/articles/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
    expect((await fetch(`${base}/entities/x'%20OR%201=1`)).status).toBe(400);
    expect((await fetch(`${base}/articles/abcdef012345`)).status).toBe(404);
    expect((await fetch(`${base}/api/export/outlet-topics?outlets=${encodeURIComponent("' OR 1=1 --")}&format=csv`)).status).toBe(400);
    const refused = await page.goto(`${base}/?outlets=${encodeURIComponent("' OR 1=1 --")}&measure=share`);
    expect(refused?.status()).toBe(400);
    await page.getByRole('link', { name: /without them/ }).click();
    await page.waitForURL(`${base}/?measure=share`);
    await page.goto(`${base}/`);
    await page.locator('rect[data-chart="outlet-topics"]').first().waitFor();
    expect((await bars(page, 'outlet-topics')).map(key).sort()).toEqual((await expectedOutletBars()).map(key).sort());
  });

  it('exports a view as CSV, Parquet and Arrow IPC', async () => {
    const csv = await fetch(`${base}/api/export/outlet-topics?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines.length - 1).toBe((await expectedOutletBars()).length);
    const pq = new Uint8Array(await (await fetch(`${base}/api/export/outlet-topics?format=parquet`)).arrayBuffer());
    expect(Buffer.from(pq.subarray(0, 4)).toString()).toBe('PAR1');
    const arrow = tableFromIPC(new Uint8Array(await (await fetch(`${base}/api/export/outlet-topics?format=arrow`)).arrayBuffer()));
    expect(arrow.numRows).toBe(lines.length - 1);
  });
});
