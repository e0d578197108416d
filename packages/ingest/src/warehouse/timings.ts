/**
 * An opt-in report of where a run's time goes (`MIRSAD_TIMINGS=1`): when each phase ends (from the
 * process's start, what a start-up's critical path is read from), its wall time, the CPU
 * time of the whole process over it (every thread: the main one, the workers', DuckDB's) and, on Linux,
 * of the main thread alone, then the memory at its end (memory()); one line per phase as it ends. Off, it is a pair of empty calls.
 */
import { readFileSync } from 'node:fs';

export interface PhaseTimer {
  /** Ends the phase running (if any) and starts `name`. */
  phase(name: string): void;
  /** Ends the phase running, if any. */
  end(): void;
}

export const NO_TIMER: PhaseTimer = { phase() {}, end() {} };

/** CPU seconds of the main thread so far (Linux: its /proc task stat, user + system ticks), or NaN elsewhere. */
function mainThreadCpu(): number {
  try {
    // the fields after the command's closing parenthesis: utime and stime are the 12th and 13th
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * Memory at a phase's end, MiB: resident (and the process's peak so far: the phase that raised it is
 * the first whose peak is higher), the main thread's JS heap, and the ArrayBuffers' memory outside it.
 */
function memory(): string {
  const mib = (bytes: number) => String(Math.round(bytes / 1_048_576)).padStart(5);
  const m = process.memoryUsage();
  return `${mib(m.rss)} MiB rss ${mib(process.resourceUsage().maxRSS * 1024)} peak ${mib(m.heapUsed)} heap ${mib(m.arrayBuffers)} buffers`;
}

export function phaseTimer(log: (line: string) => void): PhaseTimer {
  let name: string | null = null;
  let wall = 0;
  let cpu = process.cpuUsage();
  let main = 0;
  const end = () => {
    if (name === null) return;
    const used = process.cpuUsage(cpu);
    const s = (sec: number) => sec.toFixed(2).padStart(7);
    log(
      `timing: ${name.padEnd(32)} ends at ${s(performance.now() / 1000)} s ${s((performance.now() - wall) / 1000)} s wall ${s((used.user + used.system) / 1e6)} s cpu ${s(mainThreadCpu() - main)} s main thread ${memory()}`,
    );
    name = null;
  };
  return {
    phase(next) {
      end();
      name = next;
      wall = performance.now();
      cpu = process.cpuUsage();
      main = mainThreadCpu();
    },
    end,
  };
}
