import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, currentVersion, listVersions, lockPath, publish, sealVersion, versionsDir, WarehouseBusyError } from './publish.ts';
import { articleRow, DUPLICATE_STEP } from '../testing/writer-rows.ts';
import { WarehouseWriter } from './writer.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mirsad-publish-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const DUP = DUPLICATE_STEP;

async function writeRun(out: string, ids: string[]) {
  const w = await WarehouseWriter.create(out);
  await w.open();
  ids.forEach((id, seq) => w.appendArticle(...articleRow(id, seq, null, id, [seq], [`0:${id}`])));
  await w.finish(DUP);
  return currentVersion(out) as string;
}

/** A fresh DuckDB session that ran views.sql as read through the warehouse link, like `.read`. */
async function session(out: string) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(readFileSync(path.join(out, 'views.sql'), 'utf8'));
  return {
    ids: async () => (await c.runAndReadAll('SELECT article_id FROM articles ORDER BY ALL')).getRows().map((r) => r[0]),
    close: () => {
      c.closeSync();
      db.closeSync();
    },
  };
}

describe('publication after crashed runs', () => {
  it('removes a crashed run’s folders and keeps the real previous version, whatever the names', async () => {
    const out = path.join(root, 'wh');
    const first = await writeRun(out, ['a1']);
    const previous = await writeRun(out, ['b1']);
    const versions = versionsDir(out);
    // What kill -9 leaves: staging, a half-written version whose name sorts after every real one,
    // a version written in full but never linked, and a link that was never renamed into place.
    mkdirSync(path.join(versions, '.work-99991231T235959-1-x', 'tmp'), { recursive: true });
    writeFileSync(path.join(versions, '.work-99991231T235959-1-x', 'stage.duckdb'), 'x'.repeat(1000));
    mkdirSync(path.join(versions, '99991231T235959-1-x', 'articles'), { recursive: true });
    writeFileSync(path.join(versions, '99991231T235959-1-x', 'articles', 'part-0.parquet'), 'half');
    mkdirSync(path.join(versions, '99991231T235958-2-y'));
    writeFileSync(path.join(versions, '99991231T235958-2-y', '.complete'), JSON.stringify({ seq: 99 })); // COMPLETE_MARKER
    symlinkSync(path.join(versions, '99991231T235958-2-y'), `${out}.link-4242`);

    const latest = await writeRun(out, ['c1', 'c2']);
    expect(readdirSync(versions).sort()).toEqual([previous, latest].sort());
    expect(existsSync(`${out}.link-4242`)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['.wh.versions', 'wh']); // nor the lock
    expect(first).not.toBe(previous);
    const s = await session(out);
    try {
      expect(await s.ids()).toEqual(['c1', 'c2']);
    } finally {
      s.close();
    }
  });

  it('orders versions by completion, never by name', async () => {
    const out = path.join(root, 'wh');
    const versions = versionsDir(out);
    const late = path.join(versions, '20990101T000000-1-late'); // named as if started later
    const early = path.join(versions, '20000101T000000-2-early');
    for (const dir of [late, early]) mkdirSync(path.join(dir, 'articles'), { recursive: true });
    expect(await sealVersion(out, late)).toBe(1);
    expect(await sealVersion(out, early)).toBe(2);
    mkdirSync(path.join(versions, '20500101T000000-3-crashed'));
    expect(listVersions(out)).toEqual([
      { name: path.basename(late), seq: 1 },
      { name: path.basename(early), seq: 2 },
      { name: '20500101T000000-3-crashed', seq: null },
    ]);
  });

  it('publishes only a sealed version', () => {
    const out = path.join(root, 'wh');
    const dir = path.join(versionsDir(out), 'v1');
    mkdirSync(dir, { recursive: true });
    expect(() => publish(out, dir)).toThrow(/not sealed/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('views.sql', () => {
  it('keeps a session on the version it was read from while the next one is published', async () => {
    const out = path.join(root, 'wh');
    await writeRun(out, ['a1']);
    const s = await session(out);
    try {
      expect(await s.ids()).toEqual(['a1']);
      await writeRun(out, ['b1', 'b2']);
      expect(await s.ids()).toEqual(['a1']);
      const fresh = await session(out);
      expect(await fresh.ids()).toEqual(['b1', 'b2']);
      fresh.close();
    } finally {
      s.close();
    }
    expect(readFileSync(path.join(out, 'views.sql'), 'utf8')).not.toContain(`'${out}/`);
  });
});

describe('the lock on --out', () => {
  it('refuses a second writer while the first holds it, and frees it when the first ends', async () => {
    const out = path.join(root, 'wh');
    const w = await WarehouseWriter.create(out);
    await expect(WarehouseWriter.create(out)).rejects.toThrow(WarehouseBusyError);
    await expect(WarehouseWriter.create(out)).rejects.toThrow(/another mirsad ingest \(pid \d+, started .*\) is writing to/);
    await w.abort();
    expect(existsSync(lockPath(out))).toBe(false);
    const again = await WarehouseWriter.create(out);
    await again.abort();
  });

  it('is taken over from a process that no longer exists', () => {
    const out = path.join(root, 'wh');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    writeFileSync(lockPath(out), JSON.stringify({ pid: deadPid, host: hostname(), token: 'old', started: 'earlier' }));
    const lock = acquireLock(out);
    expect(JSON.parse(readFileSync(lockPath(out), 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(readdirSync(root)).toEqual([]);
  });

  it('is not taken from a live process', async () => {
    const out = path.join(root, 'wh');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lockPath(out), JSON.stringify({ pid: child.pid, host: hostname(), token: 'other', started: 'now' }));
      expect(() => acquireLock(out)).toThrow(WarehouseBusyError);
      expect(JSON.parse(readFileSync(lockPath(out), 'utf8')).token).toBe('other');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
