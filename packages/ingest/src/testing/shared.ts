/**
 * Where tests and benchmarks find `../shared` (the seeds, the ANT corpus, the AQMAR NER corpus).
 * It exists beside the repository for developers and CI, never on a user's machine, so everything
 * that reads it must skip with a message when it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../../../', import.meta.url)));
export const SHARED_DIR = process.env.MIRSAD_SHARED_DIR ?? path.resolve(REPO_ROOT, '..', 'shared');
export const SEEDS_DIR = path.join(SHARED_DIR, 'seeds');
export const ANT_CORPUS = path.join(SHARED_DIR, 'corpus', 'ant-news.jsonl.gz');
export const AQMAR_DIR = path.join(SHARED_DIR, 'ner', 'aqmar');

export const hasSeeds = existsSync(path.join(SEEDS_DIR, 'manifest.csv'));
export const hasAnt = existsSync(ANT_CORPUS);
export const hasAqmar = existsSync(AQMAR_DIR);

const warned = new Set<string>();
/**
 * Says once, on stderr, why a group of tests is skipped. Under CI (CI=true) nothing that needs
 * ../shared may skip: CI lays ../shared beside the clone, so its absence is a failure, not a skip.
 */
export function skipNotice(what: string, present: boolean, where: string): boolean {
  if (!present && process.env.CI === 'true') {
    throw new Error(`${what}: ${where} is absent, and under CI=true ../shared must be there (tests may not pass by skipping)`);
  }
  if (!present && !warned.has(what)) {
    warned.add(what);
    console.warn(`[skip] ${what}: ${where} is absent (../shared is there for developers and CI only).`);
  }
  return !present;
}

export const DATA_DIR = path.join(REPO_ROOT, 'data');
export const CONFIG_DIR = path.join(DATA_DIR, 'config');
export const RAW_DIR = path.join(DATA_DIR, 'raw');

/** The seed page whose file name starts with `prefix` ('000' … '004'), as a .txt reader gives its text: all but the headline line. */
export function seedText(prefix: string): string {
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no seed page ${prefix}* in ${SEEDS_DIR}`);
  const content = readFileSync(path.join(SEEDS_DIR, file), 'utf8');
  return content.slice(content.indexOf('\n') + 1);
}
