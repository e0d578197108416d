/**
 * Atomic publication. `<out>` is a symbolic link to `<parent>/.<name>.versions/<version>/`; a run
 * writes a new version beside the others and swaps the link with one rename, so a reader sees the
 * old warehouse or the new one, never a mix, and a crashed run leaves the old one in place.
 *
 * On disk, beside `<out>`:
 *   <name>                      link → .<name>.versions/<version>   (the current version)
 *   .<name>.lock                held by the one run writing to <out> (JSON: pid, host, token)
 *   .<name>.versions/<version>/ a version: one folder per table, views.sql, and `.complete`
 *   .<name>.versions/.work-<version>/  a run's staging database, removed when the run ends
 *
 * A version is complete once its `.complete` marker exists; the marker is written last, after every
 * file of the version is on disk (fsync), and holds the completion sequence number that orders
 * versions (names order them by start, which says nothing about which one finished). A folder without
 * a marker is a crashed run's, removed by the next run. After a swap exactly two versions remain: the
 * new one and the one the link pointed to before it, which readers that resolved the link earlier
 * (views.sql names a version's own folder) may still be reading. Everything else is removed.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { TABLE_NAMES } from '@mirsad/model';

export class PublishError extends Error {
  override name = 'PublishError';
}

/** Another run holds the lock on `out`. */
export class WarehouseBusyError extends Error {
  override name = 'WarehouseBusyError';
  constructor(
    readonly out: string,
    readonly lockFile: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}, started ${holder.started}` : 'a run that is starting';
    super(
      `another mirsad ingest (${who}) is writing to ${out}; run again when it has finished. ` + `If no ingest is running, remove the lock file ${lockFile}`,
    );
  }
}

export const COMPLETE_MARKER = '.complete';
export const WORK_PREFIX = '.work-';

export function versionsDir(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.versions`);
}

export function lockPath(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.lock`);
}

export function workDirFor(out: string, version: string): string {
  return path.join(versionsDir(out), `${WORK_PREFIX}${version}`);
}

export function newVersionName(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  return `${stamp}-${process.pid}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

function looksLikeWarehouse(dir: string): boolean {
  const entries = readdirSync(dir);
  return entries.length === 0 || entries.includes('views.sql') || entries.some((e) => (TABLE_NAMES as string[]).includes(e));
}

/** Checks, before any work is done, that `out` can be published to; fails with a message otherwise. */
export function preparePublish(out: string): void {
  mkdirSync(path.dirname(out), { recursive: true });
  if (!existsSync(out) && !isLink(out)) return;
  if (isLink(out)) return;
  if (!lstatSync(out).isDirectory() || !looksLikeWarehouse(out)) {
    throw new PublishError(`${out} exists and is not a Mirsad warehouse; refusing to replace it (choose another --out)`);
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function errorCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

// ---------------------------------------------------------------------------------------------
// The lock on <out>

export interface LockHolder {
  pid: number;
  host: string;
  token: string;
  started: string;
}

/** Tokens of the locks this process holds: a lock naming this pid is live only if it is one of them. */
const heldHere = new Set<string>();

function readHolder(file: string): LockHolder | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.token === 'string' ? h : null;
  } catch {
    return null;
  }
}

function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true; // another machine's process cannot be checked from here
  if (h.pid === process.pid) return heldHere.has(h.token);
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM'; // exists, but belongs to another user
  }
}

export interface OutLock {
  readonly file: string;
  /** Throws unless the lock file is still this run's (it is checked again just before the swap). */
  assertHeld(): void;
  /** Removes the lock file if it is still this run's; safe to call twice. */
  release(): void;
}

/**
 * Takes the exclusive lock on `out`, or throws WarehouseBusyError at once (no waiting). The lock file
 * appears complete in one step (a hard link to a file already written), so it is never seen half
 * written. A lock whose process is gone (a killed run) is stale: it is moved aside with one rename and
 * taken over; if the rename caught a live lock that appeared meanwhile, that one is put back.
 */
export function acquireLock(out: string): OutLock {
  const file = lockPath(out);
  const mine: LockHolder = { pid: process.pid, host: hostname(), token: randomUUID(), started: new Date().toISOString() };
  const draft = `${file}.${process.pid}-${mine.token}`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(draft, `${JSON.stringify(mine)}\n`);
  fsyncPath(draft);
  try {
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        linkSync(draft, file);
        heldHere.add(mine.token);
        fsyncPath(path.dirname(file));
        return makeLock(file, mine.token);
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw err;
      }
      const holder = readHolder(file);
      if (holder === undefined) continue; // released meanwhile
      if (holder === null) {
        // written by something else than a run (never half-written by one): too old to be starting
        if (Date.now() - statSync(file).mtimeMs < 10_000) throw new WarehouseBusyError(out, file, null);
      } else if (holderAlive(holder)) {
        throw new WarehouseBusyError(out, file, holder);
      }
      const aside = `${file}.stale-${process.pid}-${mine.token}`;
      try {
        renameSync(file, aside);
      } catch (err) {
        if (errorCode(err) === 'ENOENT') continue;
        throw err;
      }
      const moved = readHolder(aside);
      if (moved && moved.token !== holder?.token && holderAlive(moved)) {
        try {
          linkSync(aside, file);
        } catch {
          /* yet another run took it; it holds the lock now */
        }
        rmSync(aside, { force: true });
        throw new WarehouseBusyError(out, file, moved);
      }
      rmSync(aside, { force: true });
    }
    throw new WarehouseBusyError(out, file, readHolder(file) ?? null);
  } finally {
    rmSync(draft, { force: true });
  }
}

function makeLock(file: string, token: string): OutLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    heldHere.delete(token);
    process.off('exit', release);
    if (readHolder(file)?.token === token) rmSync(file, { force: true });
  };
  process.once('exit', release);
  return {
    file,
    assertHeld() {
      if (released || readHolder(file)?.token !== token) {
        throw new PublishError(`lost the lock ${file} to another run; not publishing over it`);
      }
    },
    release,
  };
}

// ---------------------------------------------------------------------------------------------
// Versions

export interface VersionInfo {
  name: string;
  /** Completion order (1, 2, …); null for a folder without a completion marker. */
  seq: number | null;
}

function readSeq(dir: string): number | null {
  try {
    const seq = (JSON.parse(readFileSync(path.join(dir, COMPLETE_MARKER), 'utf8')) as { seq?: unknown }).seq;
    return typeof seq === 'number' && Number.isInteger(seq) ? seq : null;
  } catch {
    return null;
  }
}

/** The version folders of `out` (staging excluded), complete ones in completion order, then the rest. */
export function listVersions(out: string): VersionInfo[] {
  const dir = versionsDir(out);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith(WORK_PREFIX))
    .map((e) => ({ name: e.name, seq: readSeq(path.join(dir, e.name)) }))
    .sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.name.localeCompare(b.name));
}

export function currentVersion(out: string): string | null {
  return isLink(out) ? path.basename(readlinkSync(out)) : null;
}

/**
 * Removes what crashed runs left: staging folders, version folders without a completion marker and
 * half-made links. Call only while holding the lock (so no live run's folders are touched); the
 * version the link points at is kept whatever it holds, and so are complete versions (the swap that
 * follows decides which of them stays). `spare` names one more entry to keep (the staging folder a
 * --resume run finishes). Returns the names removed.
 */
export function removeLeftovers(out: string, spare?: string): string[] {
  const removed: string[] = [];
  const dir = versionsDir(out);
  const current = currentVersion(out);
  if (existsSync(dir)) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === current || e.name === spare) continue;
      const full = path.join(dir, e.name);
      if (e.name.startsWith(WORK_PREFIX) || !e.isDirectory() || readSeq(full) === null) {
        rmSync(full, { recursive: true, force: true });
        removed.push(e.name);
      }
    }
  }
  const parent = path.dirname(out);
  const base = path.basename(out);
  const lockBase = path.basename(lockPath(out));
  for (const name of readdirSync(parent)) {
    const full = path.join(parent, name);
    const halfMadeLink = name.startsWith(`${base}.link-`) && isLink(full);
    // a lock draft or a stale lock moved aside by a run killed while taking the lock
    const lockDebris = name.startsWith(`${lockBase}.`) && Date.now() - lstatSync(full).mtimeMs > 60_000;
    if (halfMadeLink || lockDebris) {
      rmSync(full, { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** fsync one file or folder (platforms that cannot sync a folder are left to their own guarantees). */
function fsyncPath(p: string): void {
  let fd: number;
  try {
    fd = openSync(p, 'r');
  } catch (err) {
    if (errorCode(err) === 'EISDIR' || errorCode(err) === 'EPERM') return;
    throw err;
  }
  try {
    fsyncSync(fd);
  } catch (err) {
    if (!['EINVAL', 'EBADF', 'EPERM', 'EISDIR'].includes(errorCode(err) ?? '')) throw err;
  } finally {
    closeSync(fd);
  }
}

/** fsyncPath on the thread pool. */
async function fsyncPathAsync(p: string): Promise<void> {
  let handle;
  try {
    handle = await open(p, 'r');
  } catch (err) {
    if (errorCode(err) === 'EISDIR' || errorCode(err) === 'EPERM') return;
    throw err;
  }
  try {
    await handle.sync();
  } catch (err) {
    if (!['EINVAL', 'EBADF', 'EPERM', 'EISDIR'].includes(errorCode(err) ?? '')) throw err;
  } finally {
    await handle.close();
  }
}

/** Every file and folder below `dir`, and `dir`. */
function treeEntries(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) treeEntries(full, out);
    else out.push(full);
  }
  out.push(dir);
  return out;
}

/**
 * fsync every file and folder below `dir`, all at once: each one waits for the disk, and the marker
 * needs them all done, not done in any order (one after the other, a small run's 27 took a tenth of
 * a second on a busy disk).
 */
async function syncTree(dir: string): Promise<void> {
  await Promise.all(treeEntries(dir).map(fsyncPathAsync));
}

/**
 * Makes `versionDir` a complete version: everything in it is flushed to disk, then the completion
 * marker is written (and flushed) with the next sequence number. Call while holding the lock.
 */
export async function sealVersion(out: string, versionDir: string, now = new Date()): Promise<number> {
  await syncTree(versionDir);
  const name = path.basename(versionDir);
  const seq =
    1 +
    Math.max(
      0,
      ...listVersions(out)
        .filter((v) => v.name !== name)
        .map((v) => v.seq ?? 0),
    );
  writeMarker(versionDir, seq, now);
  fsyncPath(versionsDir(out));
  return seq;
}

function writeMarker(versionDir: string, seq: number, now = new Date()): void {
  const marker = path.join(versionDir, COMPLETE_MARKER);
  writeFileSync(marker, `${JSON.stringify({ seq, completed_at: now.toISOString(), pid: process.pid })}\n`);
  fsyncPath(marker);
  fsyncPath(versionDir);
}

/**
 * Points `out` at the sealed `versionDir` atomically, then keeps exactly two versions: the new one
 * and the one `out` pointed at before (or, if that is gone, the latest complete one by sequence).
 * Call while holding the lock.
 */
export function publish(out: string, versionDir: string): void {
  const versions = versionsDir(out);
  const name = path.basename(versionDir);
  if (readSeq(versionDir) === null) throw new PublishError(`${versionDir} is not sealed; refusing to publish it`);
  let previous = currentVersion(out);
  if (existsSync(out) && !isLink(out)) {
    // A plain folder from an earlier layout (or an empty folder the user made): keep it as a version.
    previous = `${newVersionName()}-legacy`;
    renameSync(out, path.join(versions, previous));
  }
  if (previous === null || previous === name || !existsSync(path.join(versions, previous))) {
    previous =
      listVersions(out)
        .filter((v) => v.seq !== null && v.name !== name)
        .at(-1)?.name ?? null;
  } else if (readSeq(path.join(versions, previous)) === null) {
    // published before versions had markers (or adopted above): it was live, so it is complete
    writeMarker(path.join(versions, previous), 0);
  }
  const tmpLink = `${out}.link-${process.pid}`;
  rmSync(tmpLink, { force: true });
  symlinkSync(path.relative(path.dirname(out), versionDir), tmpLink, 'dir');
  renameSync(tmpLink, out);
  fsyncPath(path.dirname(out));
  for (const entry of readdirSync(versions)) {
    if (entry !== name && entry !== previous) rmSync(path.join(versions, entry), { recursive: true, force: true });
  }
}
