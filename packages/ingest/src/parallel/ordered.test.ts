import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@mirsad/model/config';
import { compile, type Task } from '../process.ts';
import { htmlToResult } from '../read/html.ts';
import { stageTask, type StagedOutcome } from '../staging.ts';
import { FIXTURE_CONFIG_DIR } from '../testing/fixtures.ts';
import { processInOrder, type Pending } from './ordered.ts';
import { ProcessPool, type PoolOptions } from './pool.ts';

const config = loadConfig(FIXTURE_CONFIG_DIR);
const compiled = compile(config);
const poolOptions: PoolOptions = { configDir: FIXTURE_CONFIG_DIR, config, docTimeoutMs: 60_000, heapMb: 512 };

/** What processing `task` on this thread stages, as processInOrder gives it. */
const stagedHere = (task: Task) => stageTask(task, compiled);
/** An outcome with the UTF-8 bytes a worker gives its long strings in read back as strings. */
const asText = (o: StagedOutcome): unknown =>
  JSON.parse(JSON.stringify(o, (_, v: unknown) => (v instanceof Uint8Array && !(v instanceof Uint32Array) ? new TextDecoder().decode(v) : v)));

const BODY = [
  'الرباط - استقبل وزير الخارجية ناصر بوريطة اليوم الخميس نظيره الأمريكي أنتوني بلينكن في مقر الوزارة،',
  'وتناول اللقاء التعاون الأمني والوضع في منطقة الساحل وملف الطاقة بين البلدين.',
].join(' ');

const page = (n: number): Task => ({
  kind: 'html',
  source: `page-${n}.html`,
  manifest: null,
  html: `<html><head><title>لقاء في الرباط ${n}</title></head><body><article><h1>لقاء في الرباط ${n}</h1><p>${BODY}</p><p>الفقرة ${n} من التقرير.</p></article></body></html>`,
});

const doc = (n: number): Task => ({
  kind: 'doc',
  source: `doc-${n}.txt`,
  manifest: null,
  doc: { source: `doc-${n}.txt`, format: 'txt', title: `بوريطة وبلينكن ${n}`, text: `${BODY}\n\nالخبر رقم ${n}.`, url: null, outletHint: null, dateHint: null },
});

describe('ProcessPool in read mode', () => {
  let pool: ProcessPool;
  beforeAll(async () => {
    pool = await ProcessPool.start(1, poolOptions);
  });
  afterAll(() => pool.close());

  it('gives the document a page holds (or why it holds none), not the rows processing it gives', async () => {
    const empty: Task = { kind: 'html', source: 'empty.html', manifest: null, html: '   ' };
    const outcomes = await pool.run([page(1) as Extract<Task, { kind: 'html' }>, empty as Extract<Task, { kind: 'html' }>], 'read');
    const read = htmlToResult((page(1) as Extract<Task, { kind: 'html' }>).html, 'page-1.html');
    expect(read.kind).toBe('doc');
    expect(outcomes[0]).toEqual({ doc: read.kind === 'doc' ? read.doc : null });
    expect(outcomes[1]).toEqual({ reject: { reason: 'empty', detail: 'only white space' } });
  });
});

describe('processInOrder', () => {
  it('gives a page read on a worker the outcome of processing it whole, in input order among the documents', async () => {
    const tasks = [doc(1), page(2), doc(3), page(4), page(5), doc(6)];
    async function* inputs(): AsyncGenerator<Pending<number>> {
      for (const [i, task] of tasks.entries()) yield { tag: i, source: task.source, task };
    }
    const stats = { workers: 0 };
    const out = [];
    for await (const o of processInOrder(inputs(), compiled, { jobs: 1, inlineDocs: 500, inlineMaxChars: 100_000, pool: poolOptions, stats })) out.push(o);
    expect(stats.workers).toBe(1);
    expect(out.map((o) => o.tag)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.map((o) => o.outcome)).toEqual(tasks.map(stagedHere));
  });

  it('hands the documents of a run past warmDocs to the workers once one is warm, with the outcomes of the main thread', async () => {
    const stats = { workers: 0 };
    const given: Task[] = [];
    // documents keep coming (a slow reader) until the workers have taken some, then a few more
    async function* inputs(): AsyncGenerator<Pending<number>> {
      let after = 0;
      for (let n = 0; n < 1000 && after < 4; n++) {
        if (stats.workers > 0) after++;
        const task = doc(n);
        given.push(task);
        yield { tag: n, source: task.source, task };
        if (n >= 2) await sleep(50);
      }
    }
    const out = [];
    for await (const o of processInOrder(inputs(), compiled, { jobs: 1, inlineDocs: 500, inlineMaxChars: 100_000, warmDocs: 2, pool: poolOptions, stats }))
      out.push(o);
    expect(stats.workers).toBe(1);
    // before the main thread was through its inlineDocs: the workers took over when warm
    expect(given.length).toBeLessThan(500);
    expect(out.map((o) => o.tag)).toEqual(given.map((_, n) => n));
    expect(out.map((o) => asText(o.outcome))).toEqual(given.map((t) => asText(stagedHere(t))));
  });
});
