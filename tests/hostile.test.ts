/**
 * The real ingest on hostile inputs of our own (see packages/ingest/src/testing/hostile.ts): every
 * input is an article or a reject with a reason, no good article is lost, nothing outside the input
 * is read, no body carries a control character, and the run finishes (the hook's timeout; the
 * blank-line gzip alone used to take minutes, a FIFO forever).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runIngest, type IngestSummary } from '../packages/ingest/src/pipeline.ts';
import { writeHostileInputs, type HostileInput, type HostileSet } from '../packages/ingest/src/testing/hostile.ts';
import { CONFIG, query, tempDir } from './helpers.ts';

interface Row {
  source: string;
  title?: string;
  body?: string;
  reason?: string;
  detail?: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The rows an input gave: its own source, its records (`#N`) and, for a folder, what is inside. */
function rowsOf(input: HostileInput, rows: Row[]): Row[] {
  return rows.filter((r) => r.source === input.source || r.source.startsWith(`${input.source}#`) || r.source.startsWith(`${input.source}/`));
}

describe('ingest of hostile inputs mixed with good articles', () => {
  let dir: string;
  let set: HostileSet;
  let summary: IngestSummary;
  let articles: Row[];
  let rejects: Row[];
  beforeAll(async () => {
    dir = tempDir('hostile');
    set = writeHostileInputs(dir);
    const out = path.join(dir, 'wh');
    summary = await runIngest({ inputs: [set.input], out, configDir: CONFIG, progress: 'off' });
    articles = await query<Row & Record<string, string>>(out, 'SELECT source, title, body FROM articles ORDER BY source');
    rejects = await query<Row & Record<string, string>>(out, 'SELECT source, reason, detail FROM rejects ORDER BY source');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives every input an article or a reject with one of its expected reasons, and nothing else', () => {
    expect(set.inputs.length).toBeGreaterThanOrEqual(45);
    expect(articles.length + rejects.length).toBe(summary.articles + summary.rejects);
    const unexplained: string[] = [];
    for (const input of set.inputs) {
      const got = rowsOf(input, [...articles, ...rejects]);
      if (got.length === 0) unexplained.push(`${input.source} (${input.what}): neither an article nor a reject`);
      for (const r of rowsOf(input, rejects)) {
        if (!(input.reasons as string[]).includes(r.reason ?? '')) unexplained.push(`${r.source} (${input.what}): rejected as ${r.reason}: ${r.detail}`);
        if ((r.detail ?? '').length < 5) unexplained.push(`${r.source}: reject without a detail`);
      }
      if (input.good.length === 0 && rowsOf(input, articles).length > 0) unexplained.push(`${input.source} (${input.what}): gave an article`);
    }
    for (const r of [...articles, ...rejects]) {
      if (!set.inputs.some((input) => rowsOf(input, [r]).length > 0)) unexplained.push(`${r.source}: from no input`);
    }
    expect(unexplained).toEqual([]);
  });

  it('loses no good article, whatever it came in', () => {
    expect(set.goodTitles).toHaveLength(20);
    const titles = articles.map((a) => a.title ?? '');
    expect(set.goodTitles.filter((t) => !titles.some((got) => got.includes(t)))).toEqual([]);
    for (const input of set.inputs) {
      const titlesHere = rowsOf(input, articles).map((a) => a.title ?? '');
      for (const t of input.good)
        expect(
          titlesHere.some((got) => got.includes(t)),
          `${t} from ${input.source}`,
        ).toBe(true);
    }
  });

  it('reads nothing outside the input and opens no special file', () => {
    for (const a of articles) {
      expect(a.body).not.toContain(set.secret);
      expect(a.body).not.toMatch(/^(Name|Pid|VmRSS):/m);
    }
    expect(summary.rejectReasons.outside_input).toBeGreaterThanOrEqual(4);
    expect(rejects.filter((r) => r.reason === 'outside_input').map((r) => r.source)).toEqual(
      expect.arrayContaining(['dev-zero.jsonl', 'link-out-dir', 'link-out.txt', 'proc-status.txt']),
    );
    const special = set.inputs.filter((i) => i.reasons.join() === 'not_a_file').map((i) => i.source);
    expect(special.length).toBeGreaterThanOrEqual(process.platform === 'win32' ? 0 : 3); // FIFOs (mkfifo) and a socket
    expect(rejects.filter((r) => r.reason === 'not_a_file').map((r) => r.source)).toEqual(special.sort());
  });

  it('stops the gzip bombs at their bound, with a message that says so', () => {
    for (const source of ['blank-lines.jsonl.gz', 'bomb.json.gz', 'bomb.txt.gz']) {
      expect(rejects.find((r) => r.source === source)).toMatchObject({ reason: 'too_large', detail: expect.stringMatching(/unpacks to more than \d+ bytes/) });
    }
  });

  it('keeps control characters out of every title and body', () => {
    expect(articles.filter((a) => CONTROL.test(a.body ?? '') || CONTROL.test(a.title ?? '')).map((a) => a.source)).toEqual([]);
    const late = articles.find((a) => a.source === 'late-nul.txt');
    // its zero bytes come after the 64 KiB the binary check samples, at the ends of the last paragraphs
    expect(late?.body).toContain('ميزانية مستقلة رقمها 810.');
  });
});
