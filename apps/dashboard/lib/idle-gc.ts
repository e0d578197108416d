/**
 * A full garbage collection once the server has had no request for a while. Under load V8 grows its heap
 * (young generation and old-space pages) and keeps the pages after the load: measured on the ANT warehouse,
 * V8's heap stood at 218 MiB (131 MiB live) a minute after a load and its own memory reducer had not run;
 * one full collection took it to 107 MiB and the server's RSS back under its level before the load.
 * The collection runs in an idle moment, never between the requests of a load.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollector {
  /** A request arrived: the idle period starts again from now. */
  noteActivity(): void;
  /** Collections run so far. */
  readonly collections: number;
}

/** Calls `collect` once after `idleMs` without activity (after each busy period, not repeatedly). 0: never. */
export function idleCollector(idleMs: number, collect: () => void): IdleCollector {
  let timer: NodeJS.Timeout | null = null;
  let collections = 0;
  return {
    noteActivity() {
      if (idleMs <= 0) return;
      if (timer) {
        timer.refresh();
        return;
      }
      timer = setTimeout(() => {
        timer = null;
        collections++;
        collect();
      }, idleMs);
      timer.unref();
    },
    get collections() {
      return collections;
    },
  };
}

let gc: (() => void) | null | undefined;

/**
 * V8's full collection, as `node --expose-gc` offers it as `gc`, without requiring that flag of whoever
 * starts the server (`next start` directly, or scripts/start.mjs): the flag set at run time makes a fresh
 * context carry `gc` (jest's leak detector takes it the same way). Null where V8 refuses.
 */
export function fullGc(): (() => void) | null {
  if (gc !== undefined) return gc;
  try {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') gc = exposed;
    else {
      setFlagsFromString('--expose-gc');
      const fn: unknown = runInNewContext('gc');
      gc = typeof fn === 'function' ? (fn as () => void) : null;
    }
  } catch {
    gc = null;
  }
  return gc;
}
