/**
 * Processing in input order, whoever does it: the first documents on the main thread (start-up speed
 * on small inputs), HTML pages, long documents and everything past them on worker threads, where a
 * runaway document can be stopped. Outcomes come out in the order their inputs went in; the worker
 * pool is started, grown and closed here, out of the pipeline's sight.
 */
import { processTask, type Compiled, type ProcessOutcome, type Task } from '../process.ts';
import { ProcessPool, type PoolOptions } from './pool.ts';

/** An input: its outcome when already known (a reject, a bad read), or the task that makes it. */
export type Pending<T> = { tag: T; source: string } & ({ outcome: ProcessOutcome; task?: undefined } | { task: Task; outcome?: undefined });

export interface Processed<T> {
  tag: T;
  source: string;
  outcome: ProcessOutcome;
}

export interface OrderedOptions {
  /** Worker threads once the workers take over. */
  jobs: number;
  /** Documents processed on the main thread before the workers take over. */
  inlineDocs: number;
  /** Longer documents go to a worker even among the first inlineDocs. */
  inlineMaxChars: number;
  pool: PoolOptions;
  /** Filled in as the run goes: worker threads started (0 when all ran on the main thread). */
  stats?: { workers: number };
}

const BATCH_DOCS = 32;
/** Rejects and inline results held behind one unfinished batch before the reader waits for it. */
const MAX_HELD = 4096;

interface Group<T> {
  items: { tag: T; source: string; outcome: ProcessOutcome | null }[];
  tasks: Task[];
  outcomes: Promise<ProcessOutcome[]> | null;
}

export async function* processInOrder<T>(inputs: AsyncIterable<Pending<T>>, compiled: Compiled, opts: OrderedOptions): AsyncGenerator<Processed<T>> {
  let pool = null as ProcessPool | null; // started when a task first needs it
  let docs = 0;
  const queue: Group<T>[] = [];
  const newGroup = (): Group<T> => ({ items: [], tasks: [], outcomes: null });
  let group = newGroup();

  async function* drainOne(): AsyncGenerator<Processed<T>> {
    const head = queue.shift();
    if (!head) return;
    const outcomes = head.outcomes ? await head.outcomes : [];
    let k = 0;
    for (const item of head.items) yield { tag: item.tag, source: item.source, outcome: item.outcome ?? (outcomes[k++] as ProcessOutcome) };
  }
  async function* closeGroup(): AsyncGenerator<Processed<T>> {
    if (group.items.length === 0) return;
    if (group.tasks.length > 0) {
      // one worker for the odd HTML page among small inputs; all of them for a full batch or a large input
      const size = group.tasks.length >= BATCH_DOCS || docs > opts.inlineDocs ? opts.jobs : 1;
      pool ??= await ProcessPool.start(size, opts.pool);
      pool.grow(size);
      if (opts.stats) opts.stats.workers = pool.size;
      group.outcomes = pool.run(group.tasks);
      group.outcomes.catch(() => {}); // awaited in order by drainOne; a failure is not "unhandled" meanwhile
    }
    queue.push(group);
    group = newGroup();
    while (queue.length > opts.jobs * 2) yield* drainOne();
  }

  try {
    for await (const input of inputs) {
      let outcome = input.outcome ?? null;
      if (input.task) {
        const task = input.task;
        const inline = docs++ < opts.inlineDocs && task.kind === 'doc' && task.doc.text.length <= opts.inlineMaxChars;
        if (inline) outcome = processTask(task, compiled);
        else {
          group.items.push({ tag: input.tag, source: input.source, outcome: null });
          group.tasks.push(task);
          if (group.tasks.length >= BATCH_DOCS) yield* closeGroup();
          continue;
        }
      }
      if (queue.length === 0 && group.tasks.length === 0) {
        yield { tag: input.tag, source: input.source, outcome: outcome as ProcessOutcome };
        continue;
      }
      group.items.push({ tag: input.tag, source: input.source, outcome });
      if (group.items.length >= MAX_HELD) yield* closeGroup();
    }
    yield* closeGroup();
    while (queue.length > 0) yield* drainOne();
  } finally {
    await pool?.close();
  }
}
