/**
 * Document processing on worker threads. Each worker compiles the config once; batches go to the
 * least busy worker and their results come back as promises, which the pipeline awaits in the order
 * it submitted them, so the warehouse is the same whatever the number of workers.
 *
 * One document must never stop the run: each worker has a heap cap (`resourceLimits`) and each
 * document a deadline. A worker that dies (out of memory, a crash) or passes the deadline is
 * terminated and replaced; the document it was on comes back as a reject (`worker_died`, `timeout`)
 * and every other document it held is sent to the replacement. The worker says which document it is
 * on through a small shared buffer, so that is known even when it dies without a word.
 */
import { Worker } from 'node:worker_threads';
import type { MirsadConfig } from '@mirsad/model/config';
import type { Task } from '../process.ts';
import type { StagedOutcome } from '../staging.ts';
import type { PageOutcome } from '../read/page.ts';

export type { Task };

/**
 * What a worker does with a batch: process each task to its outcome, or only read each HTML page
 * (readPage) for the main thread to process (the first pages of a small run, where loading the
 * tagger and the config on a worker would cost more than processing the page).
 */
export type WorkerMode = 'process' | 'read';
/** A task's outcome as a worker gives it: an article as its staged rows (staging.ts), or PageOutcome in 'read' mode. */
export type WorkerOutcome = StagedOutcome | PageOutcome;

/** Test-only failures a worker acts out on the document with a given source (see PoolOptions.faults). */
export type Fault = 'oom' | 'crash' | 'hang';

export interface PoolOptions {
  configDir: string;
  /** The config the run already loaded: sent to each worker, which then need not parse the YAML again. */
  config?: MirsadConfig;
  /** Whether workers run the statistical tagger (CompileOptions.tagger). */
  tagger?: boolean;
  /**
   * The tagger's pack this thread has loaded, if any (ner/model.ts loadedTaggerPack): each worker
   * started after it was reads the same shared buffer rather than loading the model again.
   */
  taggerPack?: () => SharedArrayBuffer | null;
  /**
   * Longest a worker may spend on one document before it is stopped and replaced, ms; a document
   * of more than DEADLINE_CHARS characters gets as many times more (documentDeadlineMs).
   */
  docTimeoutMs: number;
  /** Heap cap of each worker (V8 old generation), MiB. */
  heapMb: number;
  /** Tests only: source → the failure a worker acts out on that document. Never set from input or the CLI. */
  faults?: Record<string, Fault>;
}

export interface WorkerInit {
  configDir: string;
  config: MirsadConfig | null;
  tagger: boolean;
  taggerPack: SharedArrayBuffer | null;
  /** Int32 [batch id, task index or -1 when idle], then Float64 [Date.now() when the task started]. */
  state: SharedArrayBuffer;
  faults: Record<string, Fault> | null;
}
export interface TaskMessage {
  id: number;
  mode: WorkerMode;
  items: { index: number; task: Task }[];
}
/** Asks a worker to compile the config and load the tagger before its first task (it answers { warm: true }). */
export interface WarmMessage {
  warm: true;
}
export interface OutcomeMessage {
  id: number;
  outcomes: { index: number; outcome: WorkerOutcome }[];
}

/**
 * Characters of a document that docTimeoutMs is for. The deadline is there to stop a document that
 * would never finish, not a long one: processing is linear in a document's length (some 3 s per
 * million characters on a loaded 2-core machine), so a report of 10 million characters, within the
 * size limit, gets ten deadlines.
 */
const DEADLINE_CHARS = 1_000_000;

/** The deadline of one task, ms: docTimeoutMs, times its length in DEADLINE_CHARS past the first. */
function documentDeadlineMs(task: Task, docTimeoutMs: number): number {
  return docTimeoutMs * Math.max(1, taskLength(task) / DEADLINE_CHARS);
}

/** A task's length in characters (a JSONL line's in bytes, an HTML page's with its markup: more time, not less). */
function taskLength(task: Task): number {
  if (task.kind === 'doc') return task.doc.title.length + task.doc.text.length;
  if (task.kind === 'html') return task.html.length;
  return task.line.bytes.length;
}

export const STATE_BYTES = 16;
export function stateViews(sab: SharedArrayBuffer): { at: Int32Array; startedMs: Float64Array } {
  return { at: new Int32Array(sab, 0, 2), startedMs: new Float64Array(sab, 8, 1) };
}

interface Batch {
  id: number;
  mode: WorkerMode;
  tasks: Task[];
  outcomes: (WorkerOutcome | undefined)[];
  left: number;
  resolve: (o: WorkerOutcome[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  at: Int32Array;
  startedMs: Float64Array;
  /** What was posted to this worker and is not back yet, in posting order. */
  sent: { batch: Batch; indices: number[] }[];
  /** Sent a WarmMessage. */
  warming: boolean;
  /** Set when the pool stops the worker itself: the task it was on and why. */
  stopping: { id: number; index: number; detail: string } | null;
  lastError: string | null;
}

/** Deaths in a row that settle no document: the workers cannot run at all, and the run fails. */
const MAX_BARREN_DEATHS = 3;

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export class ProcessPool {
  private readonly slots: Slot[] = [];
  /** Batches not fully back yet, by id. */
  private readonly open = new Map<number, Batch>();
  private nextId = 0;
  private failure: Error | null = null;
  private closing = false;
  private barrenDeaths = 0;
  private readonly sweep: NodeJS.Timeout;
  private readonly first: Promise<void>;
  private warm: { done: Promise<void>; resolve: () => void } | null = null;

  private constructor(private readonly opts: PoolOptions) {
    const every = Math.min(1000, Math.max(20, opts.docTimeoutMs / 4));
    this.sweep = setInterval(() => this.stopOverdue(), every);
    this.sweep.unref();
    const first = this.spawn();
    this.slots.push(first);
    this.first = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        first.worker.off('error', reject);
        first.worker.off('message', onMessage);
        resolve();
      };
      first.worker.on('message', onMessage);
      first.worker.once('error', reject);
    });
    this.first.catch(() => {}); // a failure is for whoever awaits ready()
  }

  /** Starts `size` workers and waits until the first is ready (a config it cannot load fails here). */
  static async start(size: number, opts: PoolOptions): Promise<ProcessPool> {
    const pool = ProcessPool.create(size, opts);
    await pool.ready();
    return pool;
  }

  /** Starts `size` workers without waiting for them: ready() says when the first is. */
  static create(size: number, opts: PoolOptions): ProcessPool {
    const pool = new ProcessPool(opts);
    pool.grow(size);
    return pool;
  }

  /** Resolves when the first worker is ready; rejects (and closes the pool) when it failed to start. */
  async ready(): Promise<void> {
    try {
      await this.first;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  /**
   * Has every worker, present and to come, compile the config and load the tagger now rather than at
   * its first task; resolves when the first has done it (never, if none could: callers must not wait on it).
   */
  warmUp(): Promise<void> {
    if (!this.warm) {
      let resolve = () => {};
      const done = new Promise<void>((r) => (resolve = r));
      this.warm = { done, resolve };
    }
    for (const slot of this.slots) this.sendWarm(slot);
    return this.warm.done;
  }

  private sendWarm(slot: Slot): void {
    if (slot.warming) return;
    slot.warming = true;
    slot.worker.postMessage({ warm: true } satisfies WarmMessage);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Adds workers up to `size` (they start in the background; work waits in their queues meanwhile). */
  grow(size: number): void {
    while (this.slots.length < size) {
      const slot = this.spawn();
      this.slots.push(slot);
      if (this.warm) this.sendWarm(slot);
    }
  }

  run(tasks: Task[]): Promise<StagedOutcome[]>;
  run(tasks: Extract<Task, { kind: 'html' }>[], mode: 'read'): Promise<PageOutcome[]>;
  run(tasks: Task[], mode: WorkerMode = 'process'): Promise<WorkerOutcome[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const batch: Batch = { id: this.nextId++, mode, tasks, outcomes: new Array(tasks.length), left: tasks.length, resolve, reject };
      if (tasks.length === 0) return resolve([]);
      this.open.set(batch.id, batch);
      this.post(
        this.leastBusy(),
        batch,
        tasks.map((_, i) => i),
      );
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.sweep);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private leastBusy(): Slot {
    const load = (s: Slot) => s.sent.reduce((n, e) => n + e.indices.length, 0);
    return this.slots.reduce((a, b) => (load(b) < load(a) ? b : a));
  }

  private post(slot: Slot, batch: Batch, indices: number[]): void {
    slot.sent.push({ batch, indices });
    slot.worker.postMessage({
      id: batch.id,
      mode: batch.mode,
      items: indices.map((index) => ({ index, task: batch.tasks[index] as Task })),
    } satisfies TaskMessage);
  }

  private spawn(): Slot {
    const state = new SharedArrayBuffer(STATE_BYTES);
    const { at, startedMs } = stateViews(state);
    at[1] = -1;
    const worker = new Worker(WORKER_URL, {
      workerData: {
        configDir: this.opts.configDir,
        config: this.opts.config ?? null,
        tagger: this.opts.tagger !== false,
        taggerPack: this.opts.tagger !== false ? (this.opts.taggerPack?.() ?? null) : null,
        state,
        faults: this.opts.faults ?? null,
      } satisfies WorkerInit,
      resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb },
    });
    const slot: Slot = { worker, at, startedMs, sent: [], warming: false, stopping: null, lastError: null };
    worker.on('message', (msg: OutcomeMessage | { ready: true } | WarmMessage) => {
      if ('ready' in msg) return;
      if ('warm' in msg) return this.warm?.resolve();
      const k = slot.sent.findIndex((e) => e.batch.id === msg.id);
      if (k >= 0) slot.sent.splice(k, 1);
      const batch = this.open.get(msg.id);
      for (const { index, outcome } of msg.outcomes) this.settle(batch, index, outcome);
    });
    worker.on('error', (err) => {
      slot.lastError = err.message;
    });
    worker.on('exit', (code) => {
      if (this.closing) return;
      this.replace(slot, code);
    });
    return slot;
  }

  private settle(batch: Batch | undefined, index: number, outcome: WorkerOutcome): void {
    if (!batch || batch.outcomes[index] !== undefined) return;
    batch.outcomes[index] = outcome;
    this.barrenDeaths = 0;
    if (--batch.left === 0) {
      this.open.delete(batch.id);
      batch.resolve(batch.outcomes as WorkerOutcome[]);
    }
  }

  /** The deadline: a worker on one task for too long is stopped (its exit handler does the rest). */
  private stopOverdue(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.stopping) continue;
      const index = Atomics.load(slot.at, 1);
      if (index < 0 || now - (slot.startedMs[0] as number) <= this.opts.docTimeoutMs) continue;
      const id = Atomics.load(slot.at, 0);
      const task = this.open.get(id)?.tasks[index];
      const deadline = task ? Math.round(documentDeadlineMs(task, this.opts.docTimeoutMs)) : this.opts.docTimeoutMs;
      if (now - (slot.startedMs[0] as number) <= deadline) continue;
      slot.stopping = { id, index, detail: `still processing after ${deadline} ms (the per-document deadline); the worker was stopped` };
      void slot.worker.terminate();
    }
  }

  /** A worker stopped: the task it was on becomes a reject, the rest of its work goes to a new worker. */
  private replace(dead: Slot, code: number): void {
    const blame = dead.stopping ?? { id: Atomics.load(dead.at, 0), index: Atomics.load(dead.at, 1), detail: null };
    const reason = dead.stopping ? 'timeout' : 'worker_died';
    const detail =
      dead.stopping?.detail ??
      `the worker processing it died (${dead.lastError ?? `exit code ${code}`}; heap limit ${this.opts.heapMb} MiB); the worker was replaced`;
    let settled = false;
    for (const { batch } of dead.sent) {
      if (batch.id === blame.id && blame.index >= 0 && batch.outcomes[blame.index] === undefined) {
        this.settle(batch, blame.index, { reject: { reason, detail } });
        settled = true;
      }
    }
    if (!settled && ++this.barrenDeaths >= MAX_BARREN_DEATHS) {
      this.fail(new Error(`processing workers keep stopping before they finish a document (last: ${detail})`));
      return;
    }
    const fresh = this.spawn();
    this.slots[this.slots.indexOf(dead)] = fresh;
    for (const { batch, indices } of dead.sent) {
      const left = indices.filter((i) => batch.outcomes[i] === undefined);
      if (left.length > 0) this.post(fresh, batch, left);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const batch of this.open.values()) batch.reject(err);
    this.open.clear();
  }
}
