/**
 * A processing worker: turns batches of tasks into outcomes (an article as the rows it stages), compiling the config at the first task that
 * needs it. The config, the extractors and the tagger are imported then too: a worker that only reads
 * the HTML pages of a small run (WorkerMode 'read') never evaluates them (the bundle keeps them lazy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readPage } from '../read/page.ts';
import type { Compiled } from '../process.ts';
import type { stageTask } from '../staging.ts';
import { stateViews, type Fault, type OutcomeMessage, type TaskMessage, type WarmMessage, type WorkerInit } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const init = workerData as WorkerInit;

type Processing = { stageTask: typeof stageTask; compiled: Compiled };
let processing: Processing | null = null;
async function loadProcessing(): Promise<Processing> {
  const [{ compile }, { stageTask }, { loadConfig }, { adoptTaggerPack }] = await Promise.all([
    import('../process.ts'),
    import('../staging.ts'),
    import('@mirsad/model/config'),
    import('../ner/model.ts'),
  ]);
  if (init.taggerPack) adoptTaggerPack(init.taggerPack);
  return (processing ??= { stageTask, compiled: compile(init.config ?? loadConfig(init.configDir), { tagger: init.tagger }) });
}
// a config read from its folder here is checked before the worker says it is ready (a bad one fails the pool's start)
if (!init.config) await loadProcessing();
// Which task this worker is on, for the pool's deadline and for blaming the right task if it dies.
const { at, startedMs } = stateViews(init.state);

/** Whether a message needs the config (and the tagger): anything but reading HTML pages. */
const needsProcessing = (msg: TaskMessage | WarmMessage) => 'warm' in msg || msg.mode !== 'read' || msg.items.some(({ task }) => task.kind !== 'html');

/**
 * Messages that came while the processing modules load wait behind them, in order; once loaded (or
 * when only reading), each is handled as it comes. An exception a message throws (a test's injected
 * crash) ends the worker either way.
 */
let waiting: Promise<void> | null = null;
port.on('message', (msg: TaskMessage | WarmMessage) => {
  if (!waiting && (processing || !needsProcessing(msg))) {
    handle(msg);
    return;
  }
  const queued: Promise<void> = (waiting ?? loadProcessing().then(() => {})).then(() => {
    handle(msg);
    if (waiting === queued) waiting = null;
  });
  waiting = queued;
  queued.catch((err: unknown) =>
    setImmediate(() => {
      throw err;
    }),
  );
});
port.postMessage({ ready: true });

function handle(msg: TaskMessage | WarmMessage): void {
  if ('warm' in msg) {
    void (processing as Processing).compiled.tagger;
    port!.postMessage({ warm: true } satisfies WarmMessage);
    return;
  }
  const outcomes: OutcomeMessage['outcomes'] = [];
  for (const { index, task } of msg.items) {
    startedMs[0] = Date.now();
    Atomics.store(at, 0, msg.id);
    Atomics.store(at, 1, index);
    const fault = init.faults?.[task.source];
    if (fault) actOut(fault);
    const p = processing as Processing;
    // an article as the rows it stages, its long strings as UTF-8: the main thread only appends them
    const outcome = msg.mode === 'read' && task.kind === 'html' ? readPage(task) : p.stageTask(task, p.compiled, { utf8: true });
    outcomes.push({ index, outcome });
  }
  Atomics.store(at, 1, -1);
  port!.postMessage({ id: msg.id, outcomes } satisfies OutcomeMessage);
}

/** The failures the reliability tests need: only reached when a test put the document's source in `faults`. */
function actOut(fault: Fault): void {
  if (fault === 'crash') throw new Error('injected crash');
  if (fault === 'hang') for (;;);
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
}
