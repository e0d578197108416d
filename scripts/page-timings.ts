/**
 * Page timings of the built dashboard over one warehouse: for each page, the server's time to the last
 * byte of the HTML (fetch, median of 3 after one warm-up) and the browser's load (Chromium: navigation
 * start to the load event, and to network idle, median of 3). The first request of a page runs its queries;
 * repeats are answered from the pool's query cache (MIRSAD_QUERY_CACHE_MB). Usage:
 *   npx tsx scripts/page-timings.ts WAREHOUSE_DIR
 * Builds the app if stale (tests/e2e/server.ts), serves it on loopback, prints a table.
 */
import { chromium } from 'playwright-core';
import { openWarehouse } from '@mirsad/model/warehouse';
import { startDashboard } from '../tests/e2e/server';

const dir = process.argv[2];
if (!dir) throw new Error('usage: page-timings.ts WAREHOUSE_DIR');
const wh = await openWarehouse(dir, { sandbox: true });
const one = async (sql: string) => String(Object.values((await wh.query(sql))[0] ?? {})[0] ?? '');
const visit = await one('SELECT visit_id FROM article_visits WHERE is_primary GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
const entity = await one('SELECT entity_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
const article = await one('SELECT article_id FROM mentions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1');
const [o1, o2] = (await wh.query('SELECT outlet_id FROM articles WHERE outlet_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 2')).map((r) =>
  String(r.outlet_id),
);
wh.close();
const pages: Record<string, string> = {
  overview: '/',
  'overview (all links)': '/?links=all',
  visit: `/visits/${visit}`,
  compare: `/compare?a=outlet:${o1}&b=outlet:${o2}`,
  articles: '/articles',
  search: `/articles?q=${encodeURIComponent('الجزائر')}`,
  article: `/articles/${article}?entity=${entity}`,
  entity: `/entities/${entity}`,
  entities: '/entities',
};
const dash = await startDashboard(dir);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  console.log(`warehouse ${dir}`);
  console.log('page | server, first request (ms) | server, repeated (ms, median of 3, query cache warm) | load event (ms) | network idle (ms)');
  for (const [name, url] of Object.entries(pages)) {
    const c0 = performance.now();
    await fetch(dash.base + url).then((r) => r.text());
    const cold = performance.now() - c0;
    const server: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const r = await fetch(dash.base + url);
      await r.text();
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      server.push(performance.now() - t0);
    }
    const load: number[] = [];
    const idle: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await page.goto(dash.base + url, { waitUntil: 'load' });
      load.push(
        await page.evaluate(() => {
          const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return n.loadEventEnd - n.startTime;
        }),
      );
      await page.waitForLoadState('networkidle');
      idle.push(performance.now() - t0);
    }
    console.log(`${name} | ${cold.toFixed(0)} | ${median(server).toFixed(0)} | ${median(load).toFixed(0)} | ${median(idle).toFixed(0)}`);
  }
} finally {
  await browser.close();
  dash.stop();
}
