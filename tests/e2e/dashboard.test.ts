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

type Cell = { category: string; topic: string; n: number };
const key = (b: Cell) => `${b.category}|${b.topic}|${b.n}`;

/** The (category, topic, n) cells a heat map draws (zeros left out, as the SQL has no row for them). */
async function heatCells(page: Page, id: string): Promise<Cell[]> {
  return page
    .locator(`[data-testid="${id}"] td[data-topic]`)
    .evaluateAll((tds) =>
      tds
        .map((td) => ({ category: td.getAttribute('data-key') ?? '', topic: td.getAttribute('data-topic') ?? '', n: Number(td.getAttribute('data-n')) }))
        .filter((c) => c.n > 0),
    );
}

/** The matrix as drawn: (outlet, visit) → articles, and the leading topics with their counts. */
async function matrixCells(page: Page): Promise<{ outlet: string; visit: string; n: number; topics: { topic: string; n: number }[] }[]> {
  return page.locator('[data-testid="matrix"] td[data-visit]').evaluateAll((tds) =>
    tds
      .map((td) => ({
        outlet: td.getAttribute('data-outlet') ?? '',
        visit: td.getAttribute('data-visit') ?? '',
        n: Number(td.getAttribute('data-n')),
        topics: Array.from(td.querySelectorAll('li[data-topic]')).map((li) => ({
          topic: li.getAttribute('data-topic') ?? '',
          n: Number(li.getAttribute('data-n')),
        })),
      }))
      .filter((c) => c.n > 0),
  );
}

/** Widest the page gets (document and body), to compare with the viewport: nothing may scroll sideways. */
const pageWidth = (page: Page) => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let tmp: string;
  let warehouse: string;
  let wh: Warehouse;
  let dashboard: Dashboard | undefined;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  /** Topic counts per outlet, from DuckDB, for the default view (optionally narrowed to some outlets). */
  async function expectedOutletCells(outlets: string[] = []): Promise<Cell[]> {
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
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1440, height: 900 },
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

  /** The matrix from DuckDB: articles per (outlet, visit), primary stop only or every link. */
  async function expectedMatrix(all: boolean) {
    const cond = all ? '' : 'AND av.is_primary';
    const cells = await wh.query(`
      SELECT coalesce(a.outlet_id, '_none') AS outlet, av.visit_id AS visit, count(DISTINCT a.article_id) AS n
      FROM article_visits av JOIN articles a USING (article_id) WHERE a.duplicate_of IS NULL ${cond} GROUP BY 1, 2`);
    const topics = await wh.query(`
      SELECT coalesce(a.outlet_id, '_none') AS outlet, av.visit_id AS visit, t.topic_id AS topic, count(DISTINCT a.article_id) AS n
      FROM article_visits av JOIN articles a USING (article_id) JOIN topics t ON t.article_id = a.article_id
      WHERE a.duplicate_of IS NULL ${cond} GROUP BY 1, 2, 3`);
    return { cells: cells.map((c) => `${c.outlet}|${c.visit}|${Number(c.n)}`).sort(), topics };
  }

  it('overview: Arabic, right to left; the outlet × visit matrix and the heat maps draw the counts DuckDB returns', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="matrix"]').waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    expect(await page.getAttribute('html', 'lang')).toBe('ar');

    // matrix, primary stop (the default)
    const primary = await expectedMatrix(false);
    const drawn = await matrixCells(page);
    expect(drawn.map((c) => `${c.outlet}|${c.visit}|${c.n}`).sort()).toEqual(primary.cells);
    for (const c of drawn) {
      const mine = primary.topics
        .filter((x) => x.outlet === c.outlet && x.visit === c.visit)
        .map((x) => Number(x.n))
        .sort((a, b) => b - a);
      expect(
        c.topics.map((x) => x.n),
        `${c.outlet} ${c.visit}`,
      ).toEqual(mine.slice(0, c.topics.length));
      expect(c.topics.length).toBe(Math.min(3, mine.length));
      for (const tp of c.topics) {
        const w = primary.topics.find((x) => x.outlet === c.outlet && x.visit === c.visit && x.topic === tp.topic);
        expect(tp.n).toBe(Number(w!.n));
      }
    }
    // columns: visits by date (tour by tour), never by country code
    const heads = await page.locator('[data-testid="matrix"] thead th[data-visit]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-visit') ?? ''));
    const dates = await wh.query('SELECT visit_id, start_date, coalesce(tour_id, visit_id) AS tour FROM visits');
    const tourStart = (v: string) => {
      const tour = dates.find((d) => d.visit_id === v)!.tour;
      return dates
        .filter((d) => d.tour === tour)
        .map((d) => String(d.start_date))
        .sort()[0]!;
    };
    const order = heads.map((v) => `${tourStart(v)}|${String(dates.find((d) => d.visit_id === v)!.start_date)}`);
    expect(order).toEqual([...order].sort());

    // the heat map of share per outlet: every (outlet, topic) count as SQL gives it, shares of the outlet's articles
    const heat = (await heatCells(page, 'outlet-heatmap')).map(key).sort();
    expect(heat).toEqual((await expectedOutletCells()).map(key).sort());
    const shares = await page
      .locator('[data-testid="outlet-heatmap"] td[data-share]')
      .evaluateAll((tds) =>
        tds.map((td) => ({ outlet: td.getAttribute('data-key')!, n: Number(td.getAttribute('data-n')), share: Number(td.getAttribute('data-share')) })),
      );
    const totals = await wh.query("SELECT coalesce(outlet_id, '_none') AS o, count(*) AS n FROM articles WHERE duplicate_of IS NULL GROUP BY 1");
    for (const c of shares) expect(c.share).toBeCloseTo(c.n / Number(totals.find((t) => t.o === c.outlet)!.n), 10);
    // topics in the taxonomy's order, labels in Arabic
    const rowsOrder = await page
      .locator('[data-testid="outlet-heatmap"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.querySelector('td[data-topic]')?.getAttribute('data-topic') ?? ''));
    const defs = (await wh.query('SELECT topic_id FROM topic_defs')).map((d) => String(d.topic_id));
    expect(rowsOrder).toEqual(defs.filter((d) => rowsOrder.includes(d)));

    const [counts] = await wh.query(
      `SELECT count(*) AS articles, (SELECT count(*) FROM mentions WHERE article_id IN (SELECT article_id FROM articles WHERE duplicate_of IS NULL)) AS mentions
       FROM articles WHERE duplicate_of IS NULL`,
    );
    expect(Number(await page.getAttribute('[data-count="articles"]', 'data-value'))).toBe(Number(counts!.articles));
    expect(Number(await page.getAttribute('[data-count="mentions"]', 'data-value'))).toBe(Number(counts!.mentions));
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, 'overview.png'), fullPage: true });
    await page.screenshot({ path: README_SHOT, fullPage: false });

    // "all links": in the URL, and the matrix counts a tour article for every stop
    await page.locator('[data-testid="links-toggle"] a[data-links="all"]').click();
    await page.waitForURL((u) => u.searchParams.get('links') === 'all');
    const all = await expectedMatrix(true);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="matrix"] td[data-visit]:not(.zero)').length === n, all.cells.length);
    expect((await matrixCells(page)).map((c) => `${c.outlet}|${c.visit}|${c.n}`).sort()).toEqual(all.cells);
    await page.reload();
    await page.locator('[data-testid="matrix"]').waitFor();
    expect((await matrixCells(page)).map((c) => `${c.outlet}|${c.visit}|${c.n}`).sort()).toEqual(all.cells);
  });

  it('a filter applied in the UI is in the URL, survives a reload, and back/forward work', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="outlet-heatmap"]').waitFor();
    const before = (await heatCells(page, 'outlet-heatmap')).map(key).sort();
    const [top] = await wh.query(
      'SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL AND duplicate_of IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1',
    );
    const outlet = String(top!.outlet_id);

    await page.locator('details[data-filter="outlets"] summary').click();
    await page.locator(`input[name="outlets"][value="${outlet}"]`).check();
    await page.waitForURL((u) => u.searchParams.get('outlets') === outlet);
    await page.waitForFunction((o) => {
      const tds = Array.from(document.querySelectorAll('[data-testid="outlet-heatmap"] td[data-topic]'));
      return tds.length > 0 && tds.every((r) => r.getAttribute('data-key') === o);
    }, outlet);
    const filtered = (await heatCells(page, 'outlet-heatmap')).map(key).sort();
    expect(filtered).toEqual((await expectedOutletCells([outlet])).map(key).sort());

    const url = page.url();
    await page.reload();
    await page.locator('[data-testid="outlet-heatmap"]').waitFor();
    expect(page.url()).toBe(url);
    expect((await heatCells(page, 'outlet-heatmap')).map(key).sort()).toEqual(filtered);
    expect(await page.locator(`input[name="outlets"][value="${outlet}"]`).isChecked()).toBe(true);

    await page.goBack();
    await page.waitForURL((u) => !u.searchParams.has('outlets'));
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="outlet-heatmap"] td[data-share]').length === n, before.length);
    expect((await heatCells(page, 'outlet-heatmap')).map(key).sort()).toEqual(before);
    await page.goForward();
    await page.waitForURL((u) => u.searchParams.get('outlets') === outlet);
  });

  it('keyboard only: skip link, a filter list opened, ticked and closed without the mouse, the focus kept', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="matrix"]').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main');
    // Tab to the outlets list's button, open it, tab to its first entry, tick it
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (
        await page.evaluate(
          () => document.activeElement?.closest('details')?.getAttribute('data-filter') === 'outlets' && document.activeElement?.tagName === 'SUMMARY',
        )
      )
        break;
    }
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    const value = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('outlets');
    await page.keyboard.press('Space');
    await page.waitForURL((u) => u.searchParams.get('outlets') === value);
    await page.waitForFunction((v) => (document.activeElement as HTMLInputElement | null)?.value === v, value);
    expect(await page.locator('details[data-filter="outlets"]').getAttribute('open')).not.toBeNull();
    // the focus ring is drawn (outline) on the focused control
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('details[data-filter="outlets"]')?.hasAttribute('open'));
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
  });

  it('a typed date reaches the URL once, when done; a list stays open while several entries are ticked', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="matrix"]').waitFor();
    const from = page.locator('input[name="from"]');
    await from.click();
    await page.keyboard.type('15032020', { delay: 80 });
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
    const [e] = await wh.query(
      'SELECT m.entity_id FROM mentions m JOIN article_visits av USING (article_id) WHERE av.is_primary GROUP BY 1 ORDER BY count(DISTINCT av.visit_id) DESC, 1 LIMIT 1',
    );
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

  it('an entity page lists its co-mentions: the entities named most in its articles, with the counts DuckDB gives', async () => {
    const [e] = await wh.query('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(DISTINCT article_id) DESC, 1 LIMIT 1');
    const id = String(e!.entity_id);
    const want = await wh.query(
      `WITH arts AS (
         SELECT DISTINCT m.article_id FROM mentions m JOIN articles a USING (article_id) WHERE m.entity_id = $id AND a.duplicate_of IS NULL
       )
       SELECT entity_id, count(DISTINCT article_id) AS articles, count(*) AS mentions
       FROM mentions WHERE article_id IN (SELECT article_id FROM arts) AND entity_id <> $id
       GROUP BY 1 ORDER BY articles DESC, mentions DESC, entity_id LIMIT 50`,
      { id },
    );
    expect(want.length, 'the sample corpus names other entities beside it').toBeGreaterThan(0);
    await page.goto(`${base}/entities/${id}?lang=en`);
    const rows = page.locator('[data-testid="co-mentions"] tbody tr');
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        href: tr.querySelector('a')?.getAttribute('href') ?? '',
        nums: Array.from(tr.querySelectorAll('td.num')).map((td) => Number((td.textContent ?? '').replace(/,/g, ''))),
      })),
    );
    const entityOf = (href: string) => decodeURIComponent(new URL(href, base).pathname.split('/').pop()!);
    expect(shown.map((r) => `${entityOf(r.href)}|${r.nums.join('|')}`)).toEqual(want.map((w) => `${w.entity_id}|${Number(w.articles)}|${Number(w.mentions)}`));
  });

  it('drills down from a matrix topic to its articles, then to an article scrolled to the sentences behind that topic', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/`);
    const link = page.locator('[data-testid="matrix"] li[data-topic] a').first();
    await link.waitFor();
    const li = page.locator('[data-testid="matrix"] li[data-topic]').first();
    const n = Number(await li.getAttribute('data-n'));
    const topic = (await li.getAttribute('data-topic'))!;
    await link.click();
    await page.waitForURL((u) => u.pathname === '/articles' && u.searchParams.get('topics') === topic && u.searchParams.has('visits'));
    await page.locator('[data-testid="article-list"]').waitFor();
    expect(Number(await page.getAttribute('[data-testid="article-total"]', 'data-value'))).toBe(n);
    const listed = await page.locator('[data-testid="article-list"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article') ?? ''));
    expect(listed).toHaveLength(n);
    await page.screenshot({ path: path.join(SHOTS, 'articles.png'), fullPage: true });

    // the article with the latest cue: the page must scroll to reach it
    const [far] = await wh.query(
      `SELECT t.article_id FROM topics t JOIN articles a USING (article_id) WHERE t.topic_id = $t AND list_contains($ids, t.article_id)
       ORDER BY length(a.body) DESC, 1 LIMIT 1`,
      { t: topic, ids: listValue(listed) },
    );
    const id = String(far!.article_id);
    await page.locator(`[data-testid="article-list"] tr[data-article="${id}"] a`).first().click();
    await page.waitForURL((u) => u.pathname === `/articles/${id}` && u.searchParams.get('topics') === topic);
    await page.locator('[data-testid="article-body"]').waitFor();
    const [cues] = await wh.query('SELECT evidence FROM topics WHERE article_id = $id AND topic_id = $t', { id, t: topic });
    const evidence = (cues!.evidence as string[]).filter(Boolean);
    const marked = await page.locator('[data-evidence]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(marked.length).toBeGreaterThan(0);
    // every cue of the topic lies in a marked sentence, and the first marked sentence is in view
    const markedText = marked.join('\n');
    for (const ev of evidence) expect(markedText, ev).toContain(ev);
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-evidence]')!.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    expect(Number(await page.getAttribute('[data-testid="evidence-note"]', 'data-sentences'))).toBeGreaterThan(0);
    // visit links with scores, the primary one said
    const links = await wh.query('SELECT visit_id, is_primary FROM article_visits WHERE article_id = $id', { id });
    const shown = await page
      .locator('[data-testid="article-visits"] tr[data-visit]')
      .evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-visit')}|${tr.getAttribute('data-primary')}`));
    expect(shown.sort()).toEqual(links.map((l) => `${l.visit_id}|${l.is_primary ? 1 : 0}`).sort());
    await page.screenshot({ path: path.join(SHOTS, 'article.png'), fullPage: false });

    // an entity: its mentions' sentences are the marked ones
    const [m] = await wh.query('SELECT entity_id, surface FROM mentions WHERE article_id = $id ORDER BY start DESC LIMIT 1', { id });
    if (m) {
      await page.goto(`${base}/articles/${id}?entity=${m.entity_id}`);
      await page.locator('[data-evidence]').first().waitFor();
      const sentences = await page.locator('[data-evidence]').evaluateAll((els) => els.map((e) => e.textContent ?? '').join('\n'));
      expect(sentences).toContain(String(m.surface));
    }

    await page.locator('[data-testid="article-entities"] a').first().click();
    await page.waitForURL((u) => u.pathname.startsWith('/entities/'));
    await page.locator('[data-testid="entity"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'entity.png'), fullPage: false });
  });

  it('a visit page: articles per day from −7 to +7 per outlet as DuckDB counts them, the visit day marked', async () => {
    const [v] = await wh.query('SELECT visit_id FROM article_visits WHERE is_primary GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const visit = String(v!.visit_id);
    await page.goto(`${base}/visits/${visit}`);
    const table = page.locator(`[data-testid="visit-days"][data-visit="${visit}"]`);
    await table.waitFor();
    const heads = await table.locator('thead th[data-day]').evaluateAll((ths) => ths.map((th) => Number(th.getAttribute('data-day'))));
    expect(heads).toEqual(Array.from({ length: 15 }, (_, i) => i - 7));
    expect(await table.locator('thead th.day0').getAttribute('data-day')).toBe('0');
    // the axis runs left to right, −7 to +7, in the Arabic page too
    const xs = await table.locator('thead th[data-day]').evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().x));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    const drawn = (
      await table
        .locator('td[data-day]')
        .evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-outlet')}|${td.getAttribute('data-day')}|${td.getAttribute('data-n')}`))
    )
      .filter((k) => !k.endsWith('|0'))
      .sort();
    const want = await wh.query(
      `SELECT coalesce(a.outlet_id, '_none') AS o, a.published_date - v.start_date AS d, count(DISTINCT a.article_id) AS n
       FROM article_visits av JOIN articles a USING (article_id) JOIN visits v ON v.visit_id = av.visit_id
       WHERE av.visit_id = $v AND av.is_primary AND a.duplicate_of IS NULL AND abs(a.published_date - v.start_date) <= 7 GROUP BY 1, 2`,
      { v: visit },
    );
    expect(drawn).toEqual(want.map((w) => `${w.o}|${Number(w.d)}|${Number(w.n)}`).sort());
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, 'visit.png'), fullPage: false });
  });

  it('compare two outlets: topic shares side by side, with the difference, as DuckDB counts them; in the URL', async () => {
    const [a, b] = await wh.query(
      'SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL AND duplicate_of IS NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2',
    );
    await page.goto(`${base}/compare`);
    await page.locator('[data-testid="side-a"]').selectOption(`outlet:${a!.outlet_id}`);
    await page.locator('[data-testid="side-b"]').selectOption(`outlet:${b!.outlet_id}`);
    await page.locator('form.compare-form button[type="submit"]').click();
    await page.waitForURL((u) => u.searchParams.get('a') === `outlet:${a!.outlet_id}` && u.searchParams.get('b') === `outlet:${b!.outlet_id}`);
    await page.locator('[data-testid="compare-topics"]').waitFor();
    const drawn = await page.locator('[data-testid="compare-topics"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        topic: tr.getAttribute('data-topic')!,
        a: Number(tr.getAttribute('data-a')),
        b: Number(tr.getAttribute('data-b')),
        diff: Number(tr.querySelector('[data-diff]')!.getAttribute('data-diff')),
      })),
    );
    const count = async (o: unknown) => {
      const rows = await wh.query(
        `SELECT t.topic_id, count(DISTINCT a.article_id) AS n, any_value(tt.n) AS total FROM articles a JOIN topics t USING (article_id),
           (SELECT count(*) AS n FROM articles WHERE outlet_id = $o AND duplicate_of IS NULL) tt
         WHERE a.outlet_id = $o AND a.duplicate_of IS NULL GROUP BY 1`,
        { o: String(o) },
      );
      return new Map(rows.map((r) => [String(r.topic_id), { n: Number(r.n), total: Number(r.total) }]));
    };
    const [wa, wb] = [await count(a!.outlet_id), await count(b!.outlet_id)];
    expect(drawn.map((d) => d.topic).sort()).toEqual([...new Set([...wa.keys(), ...wb.keys()])].sort());
    const totalA = [...wa.values()][0]?.total ?? 1;
    const totalB = [...wb.values()][0]?.total ?? 1;
    for (const d of drawn) {
      expect(d.a, d.topic).toBe(wa.get(d.topic)?.n ?? 0);
      expect(d.b, d.topic).toBe(wb.get(d.topic)?.n ?? 0);
      expect(d.diff).toBeCloseTo(d.b / totalB - d.a / totalA, 10);
    }
    await page.locator('[data-testid="compare-entities"]').waitFor();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, 'compare.png'), fullPage: false });
  });

  it('keyword search: typed in the search box, Arabic-normalised and clitic-aware, the count DuckDB gives', async () => {
    // a word of a title, searched with a hamza-less alef and a prefix the text lacks, must still find its article
    const rows = await wh.query('SELECT article_id, title, body FROM articles WHERE duplicate_of IS NULL');
    const word = 'الجزائر';
    const want = rows.filter((r) =>
      /(^|[^\p{L}\p{N}])[وف]?[بكل]?(ال|لل)جزائر/u.test(
        `${r.title} ${r.body}`
          .replace(/[أإآ]/g, 'ا')
          .replace(/ة/g, 'ه')
          .replace(/[\u064B-\u065F\u0670\u0640]/g, ''),
      ),
    ).length;
    expect(want).toBeGreaterThan(0);
    await page.goto(`${base}/articles`);
    await page.locator('#q').fill(word);
    await page.locator('#q').press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === word);
    await page.locator('[data-testid="article-total"]').waitFor();
    expect(Number(await page.getAttribute('[data-testid="article-total"]', 'data-value'))).toBe(want);
    // the overview honours the same search
    await page.goto(`${base}/?q=${encodeURIComponent(word)}`);
    expect(Number(await page.getAttribute('[data-count="articles"]', 'data-value'))).toBe(want);
  });

  it('the timeline’s points are also a table, its numbers those of DuckDB per month', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="timeline-data"] summary').click();
    const rows = await page
      .locator('[data-testid="timeline-data"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-period')}|${tr.querySelector('td')!.textContent!.replace(/[^0-9]/g, '')}`));
    const want = await wh.query(
      "SELECT CAST(date_trunc('month', published_date) AS DATE) AS p, count(*) AS n FROM articles WHERE duplicate_of IS NULL AND published_date IS NOT NULL GROUP BY 1",
    );
    expect(rows.sort()).toEqual(want.map((w) => `${w.p}|${Number(w.n)}`).sort());
  });

  it('English toggle: left to right, English labels, same numbers', async () => {
    await page.goto(`${base}/`);
    await page.locator('[data-testid="outlet-heatmap"]').waitFor();
    const ar = (await heatCells(page, 'outlet-heatmap')).map(key).sort();
    const arMatrix = (await matrixCells(page)).map((c) => `${c.outlet}|${c.visit}|${c.n}`).sort();
    await page.locator('[data-testid="lang-toggle"]').click();
    await page.waitForURL((u) => u.searchParams.get('lang') === 'en');
    await page.locator('[data-testid="outlet-heatmap"]').waitFor();
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect((await heatCells(page, 'outlet-heatmap')).map(key).sort()).toEqual(ar);
    expect((await matrixCells(page)).map((c) => `${c.outlet}|${c.visit}|${c.n}`).sort()).toEqual(arMatrix);
    await page.screenshot({ path: path.join(SHOTS, 'overview-en.png'), fullPage: false });
  });

  it('phone: no page scrolls sideways at 360 px; screenshots at 390×844', async () => {
    const [art] = await wh.query('SELECT article_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const [ent] = await wh.query('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const [vis] = await wh.query('SELECT visit_id FROM article_visits GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const pages: Record<string, string> = {
      overview: '/',
      articles: '/articles',
      search: `/articles?q=${encodeURIComponent('الجزائر')}`,
      article: `/articles/${art!.article_id}`,
      entity: `/entities/${ent!.entity_id}`,
      entities: '/entities',
      visit: `/visits/${vis!.visit_id}`,
      compare: '/compare',
      'overview-en': '/?lang=en',
    };
    for (const [name, url] of Object.entries(pages)) {
      await page.setViewportSize({ width: 360, height: 800 });
      await page.goto(`${base}${url}`);
      await page.waitForLoadState('networkidle');
      expect(await pageWidth(page), `${name} at 360 px`).toBeLessThanOrEqual(360);
      // an open filter list must not widen the page either
      if (await page.locator('details[data-filter="outlets"] summary').count()) {
        await page.locator('details[data-filter="outlets"] summary').click();
        expect(await pageWidth(page), `${name} with a list open`).toBeLessThanOrEqual(360);
      }
      if (['overview', 'visit', 'compare', 'entity', 'article'].includes(name)) {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.goto(`${base}${url}`);
        await page.waitForLoadState('networkidle');
        await page.screenshot({ path: path.join(SHOTS, `${name}-phone.png`), fullPage: false });
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('hostile links: malformed ids are 400s, well-formed unknown ones 404s, bad filter values a 400 that links to the view without them', async () => {
    expect((await fetch(`${base}/articles/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
    expect((await fetch(`${base}/entities/x'%20OR%201=1`)).status).toBe(400);
    expect((await fetch(`${base}/visits/x'%20OR%201=1`)).status).toBe(400);
    expect((await fetch(`${base}/compare?a=${encodeURIComponent("outlet:' OR 1=1")}`)).status).toBe(400);
    expect((await fetch(`${base}/visits/no-such-visit`)).status).toBe(404);
    expect((await fetch(`${base}/articles/abcdef012345`)).status).toBe(404);
    expect((await fetch(`${base}/api/export/outlet-topics?outlets=${encodeURIComponent("' OR 1=1 --")}&format=csv`)).status).toBe(400);
    const refused = await page.goto(`${base}/?outlets=${encodeURIComponent("' OR 1=1 --")}&measure=share`);
    expect(refused?.status()).toBe(400);
    await page.getByRole('link', { name: /without them/ }).click();
    await page.waitForURL(`${base}/?measure=share`);
  });

  it('exports: CSV with a BOM and a name carrying the filters; articles with URL, outlet, date, primary visit and topics; Parquet and Arrow', async () => {
    const csv = await fetch(`${base}/api/export/outlet-topics?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.subarray(3)).trimEnd().split('\r\n');
    expect(lines.length - 1).toBe((await expectedOutletCells()).length);
    const [o] = await wh.query('SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
    const named = await fetch(`${base}/api/export/articles?format=csv&outlets=${o!.outlet_id}&links=all`);
    expect(named.headers.get('content-disposition')).toContain(`mirsad-articles_${o!.outlet_id}_all-links.csv`);
    const head = (await named.text())
      .replace(/^\ufeff/, '')
      .split('\r\n')[0]!
      .split(',');
    for (const c of ['url', 'outlet_id', 'published_date', 'primary_visit', 'topics']) expect(head).toContain(c);
    const pq = new Uint8Array(await (await fetch(`${base}/api/export/outlet-topics?format=parquet`)).arrayBuffer());
    expect(Buffer.from(pq.subarray(0, 4)).toString()).toBe('PAR1');
    const arrow = tableFromIPC(new Uint8Array(await (await fetch(`${base}/api/export/outlet-topics?format=arrow`)).arrayBuffer()));
    expect(arrow.numRows).toBe(lines.length - 1);
  });
});
