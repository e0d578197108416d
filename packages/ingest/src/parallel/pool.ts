/**
 * Document processing on worker threads. Each worker compiles the config once; batches go to the
 * least busy worker and their results come back as promises, which the pipeline awaits in the order
 * it submitted them, so the warehouse is the same whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
import type { ProcessOutcome } from '../process.ts';
import type { ManifestEntry } from '../read/manifest.ts';
import type { RawDoc } from '../types.ts';

export interface Task {
  doc: RawDoc;
  manifest: ManifestEntry | null;
}
export interface TaskBatch {
  id: number;
  tasks: Task[];
}
export interface OutcomeBatch {
  id: number;
  outcomes: ProcessOutcome[];
}

interface Slot {
  worker: Worker;
  inFlight: number;
}

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export class ProcessPool {
  private readonly waiting = new Map<number, { resolve: (o: ProcessOutcome[]) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextId = 0;
  private failure: Error | null = null;
  private closing = false;

  private constructor(private readonly slots: Slot[]) {
    for (const slot of slots) {
      slot.worker.on('message', (msg: OutcomeBatch) => {
        const w = this.waiting.get(msg.id);
        if (!w) return;
        this.waiting.delete(msg.id);
        slot.inFlight--;
        w.resolve(msg.outcomes);
      });
      const fail = (err: Error) => {
        if (this.closing) return;
        this.failure ??= err;
        for (const [id, w] of this.waiting) {
          if (w.slot === slot) {
            this.waiting.delete(id);
            w.reject(err);
          }
        }
      };
      slot.worker.on('error', (err) => fail(new Error(`a processing worker failed: ${err.message}`)));
      slot.worker.on('exit', (code) => fail(new Error(`a processing worker stopped (exit code ${code})`)));
    }
  }

  /** Starts `size` workers and waits until each has compiled the config (a bad config fails here). */
  static async start(size: number, configDir: string): Promise<ProcessPool> {
    const slots = await Promise.all(
      Array.from({ length: size }, async () => {
        const worker = new Worker(WORKER_URL, { workerData: { configDir } });
        await new Promise<void>((resolve, reject) => {
          const onMessage = (m: { ready?: boolean }) => {
            if (!m.ready) return;
            worker.off('error', reject);
            worker.off('message', onMessage);
            resolve();
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
        });
        return { worker, inFlight: 0 };
      }),
    );
    return new ProcessPool(slots);
  }

  run(tasks: Task[]): Promise<ProcessOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, tasks } satisfies TaskBatch);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
