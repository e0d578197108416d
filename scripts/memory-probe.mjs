// Loaded into the dashboard server by `npm run bench:dashboard` (NODE_OPTIONS=--import): twice a second
// each process writes its memory breakdown to <MIRSAD_MEMORY_PROBE_DIR>/<pid>.json, so the bench can say
// where resident memory is (V8 heap, buffers outside it, the rest: DuckDB and the C allocator), not only how much.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

const dir = process.env.MIRSAD_MEMORY_PROBE_DIR;
if (dir) {
  const file = path.join(dir, `${process.pid}.json`);
  const bytes = (status, key) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  const sample = () => {
    try {
      const status = readFileSync('/proc/self/status', 'utf8');
      const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_size]));
      const out = { ...process.memoryUsage(), rssAnon: bytes(status, 'RssAnon'), rssFile: bytes(status, 'RssFile'), spaces };
      writeFileSync(`${file}.tmp`, JSON.stringify(out));
      renameSync(`${file}.tmp`, file);
    } catch {
      // the bench's folder is gone: nothing to report to
    }
  };
  sample();
  setInterval(sample, 500).unref();
}
