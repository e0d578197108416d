/**
 * One document never stops a run: DOM bombs are rejected before they are parsed, a worker that dies
 * or passes the per-document deadline is replaced, and every good article still comes out.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INLINE_MAX_CHARS, runIngest } from '../packages/ingest/src/pipeline.ts';
import { domBombs, goodArticleHtml, goodArticleText, goodArticleTxt, slowPage, writeMix } from '../packages/ingest/src/testing/hostile-html.ts';
import { cli, CONFIG, query, tempDir, warningsOf } from './helpers.ts';

const GOOD = 6;

/** GOOD articles, half .html and half .txt, named so they sort around the hostile files. */
function goodFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let n = 0; n < GOOD; n++) {
    if (n % 2 === 0) files[`good-${n}.html`] = goodArticleHtml(n);
    else files[`good-${n}.txt`] = goodArticleTxt(n);
  }
  return files;
}

async function tables(out: string) {
  const articles = await query<{ source: string; title: string }>(out, 'SELECT source, title FROM articles ORDER BY source');
  const rejects = await query<{ source: string; reason: string; detail: string }>(out, 'SELECT source, reason, detail FROM rejects ORDER BY source');
  return { articles, rejects };
}

function expectAllGood(articles: { source: string; title: string }[]) {
  expect(articles.map((a) => a.source)).toEqual(Object.keys(goodFiles()).sort());
  for (const a of articles) expect(a.title).toBe(goodArticleText(Number(/good-(\d+)/.exec(a.source)?.[1])).title);
}

describe('hostile HTML and failing workers', () => {
  const dir = tempDir('hostile');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects every DOM bomb as too_complex and keeps every good article', async () => {
    const input = path.join(dir, 'bombs');
    const bombs = domBombs();
    writeMix(input, { ...goodFiles(), ...Object.fromEntries(bombs.map((b) => [b.name, b.html])) });
    const out = path.join(dir, 'bombs-out');
    // The CLI, in a process of its own: without the limits the first bomb never finishes, and the
    // timeout turns that into a failure instead of a hung test. A small input, as a user's first try.
    const run = cli(['ingest', input, '--out', out, '--jobs', '2'], { timeoutMs: 240_000 });
    expect(warningsOf(run.stderr)).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`articles\\s+${GOOD}\\b`));
    const { articles, rejects } = await tables(out);
    expectAllGood(articles);
    expect(rejects.map((r) => [r.source, r.reason])).toEqual(bombs.map((b) => [b.name, 'too_complex']).sort());
    for (const r of rejects) expect(r.detail).toMatch(/more than \d+ (deep|elements)/);
  });

  it('turns a document that kills its worker into a reject and processes the rest of its batch', async () => {
    const input = path.join(dir, 'crash');
    writeMix(input, { ...goodFiles(), 'm-oom.txt': goodArticleTxt(100), 'n-crash.html': goodArticleHtml(101) });
    const out = path.join(dir, 'crash-out');
    const s = await runIngest({
      inputs: [input],
      out,
      configDir: CONFIG,
      progress: 'off',
      jobs: 1,
      inlineDocs: 0,
      workerHeapMb: 96,
      faultsForTests: { 'm-oom.txt': 'oom', 'n-crash.html': 'crash' },
    });
    expect(s.workers).toBe(1);
    const { articles, rejects } = await tables(out);
    expectAllGood(articles);
    expect(rejects).toEqual([
      { source: 'm-oom.txt', reason: 'worker_died', detail: expect.stringMatching(/memory limit.*heap limit 96 MiB/) },
      { source: 'n-crash.html', reason: 'worker_died', detail: expect.stringContaining('injected crash') },
    ]);
  });

  it('stops HTML and long documents that run past the deadline, even among the first documents of a small input', async () => {
    const input = path.join(dir, 'slow');
    const slow = slowPage();
    // a .txt over INLINE_MAX_CHARS goes to a worker too, where the deadline reaches it
    const long = goodArticleTxt(103) + `${goodArticleText(104).paragraphs.join('\n\n')}\n\n`.repeat(INLINE_MAX_CHARS / 200);
    expect(long.length).toBeGreaterThan(INLINE_MAX_CHARS);
    writeMix(input, { ...goodFiles(), 'h-hang.html': goodArticleHtml(102), 'l-long.txt': long, [slow.name]: slow.html });
    const out = path.join(dir, 'slow-out');
    const s = await runIngest({
      inputs: [input],
      out,
      configDir: CONFIG,
      progress: 'off',
      jobs: 2,
      docTimeoutMs: 3000,
      faultsForTests: { 'h-hang.html': 'hang', 'l-long.txt': 'hang' },
    });
    expect(s.workers).toBeGreaterThan(0);
    const { articles, rejects } = await tables(out);
    expectAllGood(articles);
    expect(rejects).toEqual([
      { source: 'h-hang.html', reason: 'timeout', detail: expect.stringContaining('3000 ms') },
      { source: 'l-long.txt', reason: 'timeout', detail: expect.stringContaining('3000 ms') },
      { source: slow.name, reason: 'timeout', detail: expect.stringContaining('3000 ms') },
    ]);
  });

  it('gives a document of millions of characters as many deadlines, and still stops it when it hangs', async () => {
    const input = path.join(dir, 'long-deadline');
    const paragraphs = `${goodArticleText(105).paragraphs.join('\n\n')}\n\n`;
    const long = goodArticleTxt(105) + paragraphs.repeat(Math.ceil(2_500_000 / paragraphs.length));
    writeMix(input, { ...goodFiles(), 'h-hang.html': goodArticleHtml(102), 'l-long.txt': long });
    const out = path.join(dir, 'long-deadline-out');
    await runIngest({
      inputs: [input],
      out,
      configDir: CONFIG,
      progress: 'off',
      jobs: 2,
      docTimeoutMs: 2000,
      faultsForTests: { 'h-hang.html': 'hang', 'l-long.txt': 'hang' },
    });
    const { articles, rejects } = await tables(out);
    expect(rejects.map((r) => [r.source, r.reason])).toEqual([
      ['h-hang.html', 'timeout'],
      ['l-long.txt', 'timeout'],
    ]);
    const waited = rejects.map((r) => Number(/still processing after (\d+) ms/.exec(r.detail)?.[1]));
    // a page of a few thousand characters: the deadline itself; 2.5 million: two and a half of it
    expect(waited[0]).toBe(2000);
    expect(waited[1]).toBeGreaterThanOrEqual(2000 * 2.4);
    expect(waited[1]).toBeLessThanOrEqual(2000 * 2.6);
    expectAllGood(articles);
  });
});
