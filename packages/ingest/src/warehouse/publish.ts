/**
 * Atomic publication. `<out>` is a symbolic link to `<parent>/.<name>.versions/<version>/`; a run
 * writes a new version beside the others and swaps the link with one rename, so a reader sees the
 * old warehouse or the new one, never a mix, and a crashed run leaves the old one in place.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { TABLE_NAMES } from '@mirsad/model';

export class PublishError extends Error {
  override name = 'PublishError';
}

export function versionsDir(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.versions`);
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

/** Points `out` at `versionDir` (inside versionsDir(out)) atomically and prunes old versions. */
export function publish(out: string, versionDir: string, keep = 2): void {
  const versions = versionsDir(out);
  const target = path.relative(path.dirname(out), versionDir);
  if (existsSync(out) && !isLink(out)) {
    // A plain folder from an earlier layout (or an empty folder the user made): keep it as a version.
    const legacy = path.join(versions, `${newVersionName()}-legacy`);
    renameSync(out, legacy);
  }
  const tmpLink = `${out}.link-${process.pid}`;
  rmSync(tmpLink, { force: true });
  symlinkSync(target, tmpLink, 'dir');
  renameSync(tmpLink, out);
  prune(versions, path.basename(versionDir), keep);
}

function prune(versions: string, current: string, keep: number): void {
  const names = readdirSync(versions)
    .filter((n) => n !== current && !n.startsWith('.'))
    .sort()
    .reverse();
  // keep the previous version(s): a reader that opened files before the swap may still be reading them
  for (const name of names.slice(keep - 1)) rmSync(path.join(versions, name), { recursive: true, force: true });
}

export function currentVersion(out: string): string | null {
  return isLink(out) ? path.basename(readlinkSync(out)) : null;
}
