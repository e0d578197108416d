/** A processing worker: turns batches of tasks into outcomes, compiling the config at the first task that needs it. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '@mirsad/model/config';
import { compile, processTask, readPage, type Compiled } from '../process.ts';
import { stateViews, type Fault, type OutcomeMessage, type TaskMessage, type WarmMessage, type WorkerInit } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const init = workerData as WorkerInit;
let compiled: Compiled | null = null;
// A worker that only reads HTML pages (WorkerMode 'read') never needs the config nor the tagger.
const compiledConfig = () => (compiled ??= compile(init.config ?? loadConfig(init.configDir), { tagger: init.tagger }));
// a config read from its folder here is checked before the worker says it is ready (a bad one fails the pool's start)
if (!init.config) compiledConfig();
// Which task this worker is on, for the pool's deadline and for blaming the right task if it dies.
const { at, startedMs } = stateViews(init.state);

port.on('message', (msg: TaskMessage | WarmMessage) => {
  if ('warm' in msg) {
    void compiledConfig().tagger;
    port.postMessage({ warm: true } satisfies WarmMessage);
    return;
  }
  const outcomes: OutcomeMessage['outcomes'] = [];
  for (const { index, task } of msg.items) {
    startedMs[0] = Date.now();
    Atomics.store(at, 0, msg.id);
    Atomics.store(at, 1, index);
    const fault = init.faults?.[task.source];
    if (fault) actOut(fault);
    const outcome = msg.mode === 'read' && task.kind === 'html' ? readPage(task) : processTask(task, compiledConfig());
    outcomes.push({ index, outcome });
  }
  Atomics.store(at, 1, -1);
  port.postMessage({ id: msg.id, outcomes } satisfies OutcomeMessage);
});
port.postMessage({ ready: true });

/** The failures the reliability tests need: only reached when a test put the document's source in `faults`. */
function actOut(fault: Fault): void {
  if (fault === 'crash') throw new Error('injected crash');
  if (fault === 'hang') for (;;);
  const hoard: number[][] = [];
  for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
}
