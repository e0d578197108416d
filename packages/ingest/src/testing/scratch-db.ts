/**
 * A test file's scratch space: a temporary folder and an in-memory DuckDB connection, opened before
 * its tests and closed and removed after them. `c` is set once the file's beforeAll has run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface ScratchDuckDB {
  readonly root: string;
  readonly c: DuckDBConnection;
  /** The rows of a query on `c`. */
  rows(sql: string): Promise<unknown[][]>;
}

export function scratchDuckDB(prefix: string): ScratchDuckDB {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  const scratch: { root: string; c?: DuckDBConnection; rows(sql: string): Promise<unknown[][]> } = {
    root,
    rows: async (sql) => (await scratch.c!.runAndReadAll(sql)).getRows(),
  };
  let db: DuckDBInstance | undefined;
  beforeAll(async () => {
    db = await DuckDBInstance.create(':memory:');
    scratch.c = await db.connect();
  });
  afterAll(() => {
    scratch.c?.closeSync();
    db?.closeSync();
    rmSync(root, { recursive: true, force: true });
  });
  return scratch as ScratchDuckDB;
}

/** The Parquet files of a folder, by name. */
export const parquetFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.parquet'))
    .sort()
    .map((f) => path.join(dir, f));
