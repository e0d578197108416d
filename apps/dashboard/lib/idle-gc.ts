/**
 * A full garbage collection once the server has been idle for a while: no request arriving, no page
 * rendering, no query running. Under load V8 grows its heap
 * (young generation and old-space pages) and keeps the pages after the load: measured on the ANT warehouse,
 * V8's heap stood at 218 MiB (131 MiB live) a minute after a load and its own memory reducer had not run;
 * one full collection took it to 107 MiB and the server's RSS back under its level before the load.
 * The collection runs in an idle moment, never between the requests of a load (a first version counted
 * only arriving requests, and collected in the middle of a burst whose renders were all still running).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollector {
  /** A request arrived: the idle period starts again from now. */
  noteActivity(): void;
  /** Work that may outlast the idle period (a render, a query) starts; call the result when it ends. */
  begin(): () => void;
  /** Collections run so far. */
  readonly collections: number;
}

/**
 * Calls `collect` once `idleMs` have passed with no request arriving and no work begun and not ended (once
 * after each busy period, not repeatedly). 0: never.
 */
export function idleCollector(idleMs: number, collect: () => void): IdleCollector {
  let timer: NodeJS.Timeout | null = null;
  let busy = 0;
  let collections = 0;
  const fire = () => {
    timer = null;
    if (busy > 0) return; // the last end() arms it again
    collections++;
    collect();
  };
  const arm = () => {
    if (idleMs <= 0) return;
    if (timer) timer.refresh();
    else {
      timer = setTimeout(fire, idleMs);
      timer.unref();
    }
  };
  return {
    noteActivity: arm,
    begin() {
      busy++;
      arm();
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        busy--;
        arm();
      };
    },
    get collections() {
      return collections;
    },
  };
}

/**
 * The server's one collector, shared by the proxy (requests arriving, pages rendered) and the data layer
 * (queries), which Next bundles apart: kept on globalThis so that both see the same activity.
 */
export function serverIdleCollector(idleMs: number): IdleCollector {
  const key = Symbol.for('mirsad.idleCollector');
  const g = globalThis as { [key]?: IdleCollector };
  return (g[key] ??= idleCollector(idleMs, () => fullGc()?.()));
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
