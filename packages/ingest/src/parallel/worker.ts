/** A processing worker: compiles the config once, then turns batches of tasks into outcomes. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '@mirsad/model/config';
import { compile, processTask } from '../process.ts';
import { stateViews, type Fault, type OutcomeMessage, type TaskMessage, type WorkerInit } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const init = workerData as WorkerInit;
const compiled = compile(init.config ?? loadConfig(init.configDir), { tagger: init.tagger });
// Which task this worker is on, for the pool's deadline and for blaming the right task if it dies.
const { at, startedMs } = stateViews(init.state);

port.on('message', (msg: TaskMessage) => {
  const outcomes: OutcomeMessage['outcomes'] = [];
  for (const { index, task } of msg.items) {
    startedMs[0] = Date.now();
    Atomics.store(at, 0, msg.id);
    Atomics.store(at, 1, index);
    const fault = init.faults?.[task.source];
    if (fault) actOut(fault);
    outcomes.push({ index, outcome: processTask(task, compiled) });
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
