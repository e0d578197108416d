/**
 * The dashboard's data layer: the one place that opens the warehouse. Server-only; components get plain
 * JSON-safe rows. One pool per server (sandboxed to the warehouse's current version folder, see
 * openWarehousePool): queries run side by side on its connections, each with a time limit, and a new
 * publication is picked up between queries. A missing warehouse is retried on the next request, so
 * running ingest while the server is up is enough. Read-only: only a single SELECT reaches the warehouse.
 */
import 'server-only';
import { cache } from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingTables, openWarehousePool, QueryTimeoutError, WarehouseMissingError, type CopyFormat, type WarehousePool } from '@mirsad/model/warehouse';
import { env, viewsSqlPath } from './env';
import { toFile } from './export';
import { serverIdleCollector } from './idle-gc';
import type { Filters } from './filters';
import * as q from './queries';
import type { BuiltQuery, ColumnSpec } from './sql';

export type WarehouseStatus = { readonly ok: true; readonly dir: string } | { readonly ok: false; readonly dir: string; readonly missing: readonly string[] };

let pool: Promise<WarehousePool> | null = null;
let exportDir: string | null = null;

function thePool(): Promise<WarehousePool> {
  if (!exportDir) {
    const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-export-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    exportDir = dir;
  }
  // selectOnly: the sandbox alone would let COPY … TO plant a Parquet file inside a table's folder; the
  // pool's own copyTo writes only into the export folder, after checking the query is a SELECT.
  pool ??= openWarehousePool(env.warehouseDir, { sandbox: true, selectOnly: true, exportDir, ...env.pool }).catch((err: unknown) => {
    pool = null;
    throw err;
  });
  return pool;
}

const idle = serverIdleCollector(env.idleGcMs);

const db: q.Queryable = {
  async query(sql, params) {
    const end = idle.begin();
    try {
      return await (await thePool()).query(sql, params);
    } finally {
      end();
    }
  },
};

export function warehouseStatus(): WarehouseStatus {
  const missing = missingTables(env.warehouseDir);
  return missing.length ? { ok: false, dir: env.warehouseDir, missing } : { ok: true, dir: env.warehouseDir };
}

export const isWarehouseMissing = (err: unknown): err is WarehouseMissingError => err instanceof WarehouseMissingError;

/** The command a user types at the repository root before pasting a chart's SQL into DuckDB. */
export const viewsReadCommand = (): string => `.read ${viewsSqlPath()}`;

// cache(): one query per request even when two sections draw the same numbers (keyed by argument identity).
export const getSummary = cache((f: Filters) => q.summary(db, f));
export const getOutletTopics = cache((f: Filters) => q.outletTopics(db, f));
export const getVisitTopics = cache((f: Filters) => q.visitTopics(db, f));
export const getVisitMatrix = cache((f: Filters) => q.visitMatrix(db, f));
export const getCoverage = cache((f: Filters) => q.coverage(db, f));
export const getTopicShares = cache((f: Filters) => q.topicShares(db, f));
export const getTopEntities = cache((f: Filters) => q.topEntities(db, f));
export const getEntityIndex = cache((f: Filters, search: string | null) => q.entityIndex(db, f, search));
export const getVisitDays = cache((f: Filters) => q.visitDays(db, f));
export const getTimeline = cache((f: Filters) => q.timeline(db, f));
export const getArticleList = cache((f: Filters) => q.articleList(db, f));
export const getArticle = cache((id: string) => q.articleDetail(db, id));
export const getVisit = cache((id: string) => q.visitInfo(db, id));
export const getEntity = cache((f: Filters, id: string) => q.entityInfo(db, f, id));
export const getCoMentions = cache((f: Filters, id: string) => q.coMentions(db, f, id));
export const getEntityOutlets = cache((f: Filters, id: string) => q.entityOutlets(db, f, id));
export const getEntityVisits = cache((f: Filters, id: string) => q.entityVisits(db, f, id));
export const getOptions = cache((selectedEntity: string | null) => q.options(db, selectedEntity));
export const getTopicDefs = cache(() => q.topicDefs(db));

/** Rows of a built query, checked against its columns (the Arrow export). */
export const runQuery = <C extends readonly ColumnSpec[]>(built: BuiltQuery<C>) => q.run(db, built);

/** A built query's result as a Parquet or CSV file, written by DuckDB into the pool's export folder. */
export async function queryToFile(built: BuiltQuery, format: CopyFormat): Promise<Uint8Array> {
  const p = await thePool();
  return toFile(p, exportDir!, built, format);
}

export const isQueryTimeout = (err: unknown): err is QueryTimeoutError => err instanceof QueryTimeoutError;
