// usage: tsx syn-run.mts WORKTREE LABEL — markDuplicates on a copy of the synthetic 1M stage, as the writer connects
import { DuckDBInstance } from '@duckdb/node-api';
import { cpSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
const [wt, label] = process.argv.slice(2);
const { markDuplicates } = await import(`${wt}/packages/ingest/src/link/duplicate-groups.ts`);
const dir = `/tmp/dupupd/syn/run-${label}`;
rmSync(dir, { recursive: true, force: true });
cpSync('/tmp/dupupd/syn/pristine', dir, { recursive: true });
const db = await DuckDBInstance.create(':memory:', { memory_limit: '256MB', temp_directory: dir + '/tmp', preserve_insertion_order: 'true' });
const c = await db.connect();
await c.run(`ATTACH '${dir}/stage.duckdb' AS stage; ATTACH '${dir}/stage-rows.duckdb' AS stage_rows (ROW_GROUP_SIZE 4096)`);
await c.run(`USE stage; SET search_path = 'stage.main,stage_rows.main'; PRAGMA disable_checkpoint_on_shutdown`);
const t0 = performance.now(); const u0 = process.cpuUsage();
const r = markDuplicates.length >= 4 || label.startsWith('after')
  ? await markDuplicates(c, { threshold: 0.6 }, 'stage_articles', 'stage_duplicates')
  : await markDuplicates(c, { threshold: 0.6 });
const t1 = performance.now(); const u1 = process.cpuUsage(u0);
let extra = '';
if (label.startsWith('after')) {
  // what the articles export adds: the column in staging order
  const u2 = process.cpuUsage(); const t2 = performance.now();
  await c.run(`CREATE OR REPLACE TEMP TABLE article_duplicates AS SELECT d.duplicate_of FROM (SELECT rowid AS staged_row, article_id FROM stage_articles) s LEFT JOIN stage_duplicates d ON d.article_id = s.article_id ORDER BY s.staged_row`);
  const u3 = process.cpuUsage(u2);
  extra = `; the export's aligned column ${((performance.now() - t2) / 1000).toFixed(2)} s wall ${((u3.user + u3.system) / 1e6).toFixed(2)} s CPU`;
  const digest = (await c.runAndReadAll(`SELECT count(d.duplicate_of), sum(hash(s.article_id || coalesce(d.duplicate_of, ''))) FROM stage_articles s POSITIONAL JOIN article_duplicates d`)).getRows()[0];
  extra += `; digest ${digest}`;
} else {
  const digest = (await c.runAndReadAll(`SELECT count(duplicate_of), sum(hash(article_id || coalesce(duplicate_of, ''))) FROM stage_articles`)).getRows()[0];
  extra += `; digest ${digest}`;
}
console.log(`${label}: markDuplicates ${((t1 - t0) / 1000).toFixed(2)} s wall, ${((u1.user + u1.system) / 1e6).toFixed(2)} s CPU (user ${(u1.user / 1e6).toFixed(2)}), ${r.duplicates} duplicates, ${r.rounds} rounds${extra}; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
c.closeSync(); db.closeSync();
rmSync(dir, { recursive: true, force: true });
