/** A processing worker: compiles the config once, then turns batches of documents into rows. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfig } from '@mirsad/model/config';
import { compile, processSafely } from '../process.ts';
import type { TaskBatch, OutcomeBatch } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('worker.ts runs in a worker thread');
const compiled = compile(loadConfig((workerData as { configDir: string }).configDir));

port.on('message', (batch: TaskBatch) => {
  const outcomes: OutcomeBatch['outcomes'] = batch.tasks.map((t) => processSafely(t.doc, compiled, t.manifest));
  port.postMessage({ id: batch.id, outcomes } satisfies OutcomeBatch);
});
port.postMessage({ ready: true });
