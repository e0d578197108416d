/**
 * Processing in input order, whoever does it: the first documents on the main thread (start-up speed
 * on small inputs), long documents and everything past them on worker threads, where a runaway
 * document can be stopped. An HTML page among the first documents is parsed on a worker (the parser is
 * what a hostile page makes run away) and its text processed on the main thread, so that a small run
 * loads the tagger and compiles the config once; the first inputs are all read before the main thread
 * processes any, so that the worker parses the pages among them meanwhile. A run past WARM_DOCS hands
 * its documents to the workers once they are warm. Outcomes come out in the order their inputs went in;
 * the worker pool is started, grown and closed here, out of the pipeline's sight.
 */
import { processSafely, type Compiled, type Task } from '../process.ts';
import { stageTask, toStaged, type StagedOutcome } from '../staging.ts';
import type { PageOutcome } from '../read/page.ts';
import { ProcessPool, type PoolOptions } from './pool.ts';

/** An input: its outcome when already known (a reject, a bad read), or the task that makes it. */
export type Pending<T> = { tag: T; source: string } & ({ outcome: StagedOutcome; task?: undefined } | { task: Task; outcome?: undefined });

/** An input's outcome, an article as the rows it stages (staging.ts), built by whichever thread processed it. */
export interface Processed<T> {
  tag: T;
  source: string;
  outcome: StagedOutcome;
}

export interface OrderedOptions {
  /** Worker threads once the workers take over. */
  jobs: number;
  /** Documents processed on the main thread before the workers take over, at most. */
  inlineDocs: number;
  /**
   * Documents after which the run is not a small one (default WARM_DOCS): the workers start in the
   * background, load the config and the tagger, and take over as soon as one of them has.
   */
  warmDocs?: number;
  /** Longer documents go to a worker even among the first inlineDocs. */
  inlineMaxChars: number;
  pool: PoolOptions;
  /** Filled in as the run goes: worker threads started (0 when all ran on the main thread). */
  stats?: { workers: number };
}

const BATCH_DOCS = 32;
/**
 * Batches held per worker before the reader waits for the oldest: outcomes come out in input order, so
 * a worker whose batches are done waits for the one the oldest batch is on unless it has more queued.
 * At 2 per worker a worker sat idle behind a long batch of the other's; a batch's rows are some
 * hundreds of kilobytes, so a deeper queue costs a few megabytes.
 */
const BATCHES_PER_WORKER = 6;
/** A run past this many documents starts its workers (a worker costs about what 30 documents do). */
export const WARM_DOCS = 64;
/**
 * Inputs read before the main thread processes any: the HTML pages and long documents among them go
 * to a worker at once, which works on them while the main thread processes the rest.
 */
const LOOKAHEAD = 64;
/** Rejects and inline results held behind one unfinished batch before the reader waits for it. */
const MAX_HELD = 4096;

type HtmlTask = Extract<Task, { kind: 'html' }>;

interface Group<T> {
  /**
   * outcome: known; 'task': the next of `tasks`' outcomes; 'page': the next of `pages`', processed here;
   * 'inline': `task`, to process here.
   */
  items: { tag: T; source: string; outcome: StagedOutcome | 'task' | 'page' | 'inline'; task?: Task }[];
  tasks: Task[];
  pages: HtmlTask[];
  outcomes: Promise<[StagedOutcome[], PageOutcome[]]> | null;
}

export async function* processInOrder<T>(inputs: AsyncIterable<Pending<T>>, compiled: Compiled, opts: OrderedOptions): AsyncGenerator<Processed<T>> {
  // started when a task first needs it, or the run turns out not to be small, and not waited for: the
  // main thread goes on with its own documents meanwhile
  let pool = null as ProcessPool | null;
  /** Set once a worker is warm: from then on every document goes to the workers. */
  let takeover = false;
  const warmDocs = opts.warmDocs ?? WARM_DOCS;
  let docs = 0;
  const queue: Group<T>[] = [];
  const newGroup = (): Group<T> => ({ items: [], tasks: [], pages: [], outcomes: null });
  let group = newGroup();
  /** 'inline' items held, processed by the next drainOne before it waits for a worker. */
  let deferred = 0;

  async function processDeferred(): Promise<void> {
    if (deferred === 0) return;
    deferred = 0;
    for (const g of [...queue, group]) {
      for (const item of g.items) {
        if (item.outcome !== 'inline') continue;
        item.outcome = stageTask(item.task as Task, compiled);
        item.task = undefined;
        // between documents, what came meanwhile: a worker's messages, DuckDB opening the staging database
        await new Promise(setImmediate);
      }
    }
  }

  async function* drainOne(): AsyncGenerator<Processed<T>> {
    await processDeferred();
    const head = queue.shift();
    if (!head) return;
    const [outcomes, pages] = head.outcomes ? await head.outcomes : [[], []];
    let k = 0;
    let p = 0;
    for (const item of head.items) {
      let outcome: StagedOutcome;
      if (item.outcome === 'task') outcome = outcomes[k++] as StagedOutcome;
      else if (item.outcome === 'page') {
        const task = head.pages[p] as HtmlTask;
        outcome = await processPage(task, pages[p++] as PageOutcome);
      } else outcome = item.outcome as StagedOutcome;
      yield { tag: item.tag, source: item.source, outcome };
    }
  }
  /** A page a worker read: its document processed here, or on a worker when it is too long for the main thread. */
  async function processPage(task: HtmlTask, page: PageOutcome): Promise<StagedOutcome> {
    if (!('doc' in page)) return page;
    if (page.doc.text.length <= opts.inlineMaxChars) return toStaged(processSafely(page.doc, compiled, task.manifest), compiled, task);
    const [outcome] = await (pool as ProcessPool).run([{ kind: 'doc', source: task.source, doc: page.doc, manifest: task.manifest }]);
    return outcome as StagedOutcome;
  }
  async function* closeGroup(): AsyncGenerator<Processed<T>> {
    if (group.items.length === 0) return;
    const { tasks, pages } = group;
    if (tasks.length + pages.length > 0) {
      // one worker for the odd HTML page among small inputs; all of them for a full batch or a large input
      const size = tasks.length >= BATCH_DOCS || docs > opts.inlineDocs ? opts.jobs : 1;
      const p = (pool ??= ProcessPool.create(size, opts.pool));
      p.grow(size);
      if (opts.stats) opts.stats.workers = p.size;
      // posted now, not when the worker is ready: it reads them as soon as it is, whatever this thread is doing then
      group.outcomes = Promise.all([p.ready(), p.run(tasks), p.run(pages, 'read')]).then(([, done, read]) => [done, read]);
      group.outcomes.catch(() => {}); // awaited in order by drainOne; a failure is not "unhandled" meanwhile
    }
    queue.push(group);
    group = newGroup();
    while (queue.length > opts.jobs * BATCHES_PER_WORKER) yield* drainOne();
  }

  try {
    let seen = 0;
    for await (const input of inputs) {
      if (seen === LOOKAHEAD) {
        yield* closeGroup();
        while (queue.length > 0) yield* drainOne();
      }
      const ahead = seen++ < LOOKAHEAD;
      let outcome: StagedOutcome | 'inline' | null = input.outcome ?? null;
      let inline = false;
      if (input.task) {
        const task = input.task;
        if (docs === warmDocs && docs < opts.inlineDocs) {
          const p = (pool ??= ProcessPool.create(opts.jobs, opts.pool));
          p.grow(opts.jobs);
          p.warmUp().then(() => (takeover = true));
        }
        const early = docs++ < opts.inlineDocs && !takeover;
        inline = early && task.kind === 'doc' && task.doc.text.length <= opts.inlineMaxChars;
        if (inline && ahead) {
          outcome = 'inline';
          deferred++;
        } else if (inline) outcome = stageTask(task, compiled);
        else {
          group.items.push({ tag: input.tag, source: input.source, outcome: early && task.kind === 'html' ? 'page' : 'task' });
          if (early && task.kind === 'html') group.pages.push(task);
          else group.tasks.push(task);
          if (group.tasks.length + group.pages.length >= BATCH_DOCS) yield* closeGroup();
          continue;
        }
      }
      if (!ahead && queue.length === 0 && group.items.length === 0) {
        yield { tag: input.tag, source: input.source, outcome: outcome as StagedOutcome };
        continue;
      }
      // among the first documents the workers start on what is waiting for them now, rather than when the batch is full
      if (inline && group.tasks.length + group.pages.length > 0) yield* closeGroup();
      const item = { tag: input.tag, source: input.source, outcome: outcome as StagedOutcome | 'inline' };
      group.items.push(outcome === 'inline' ? { ...item, task: input.task } : item);
      if (group.items.length >= MAX_HELD) yield* closeGroup();
    }
    yield* closeGroup();
    while (queue.length > 0) yield* drainOne();
  } finally {
    await pool?.close();
  }
}
