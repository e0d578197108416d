/**
 * The dashboard's data layer: the one place that opens the warehouse. Server-only; components get plain
 * JSON-safe rows. Opened once per server (sandboxed to the warehouse folder), queries run one at a time on
 * its connection; a missing warehouse is retried on the next request, so running ingest while the server
 * is up is enough. Read-only: only a single SELECT reaches the warehouse.
 */
import 'server-only';
import { cache } from 'react';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { assertSelect, missingTables, openWarehouse, WarehouseMissingError, type Warehouse } from '@mirsad/model/warehouse';
import { env, viewsSqlPath } from './env';
import { toParquet } from './export';
import type { Filters } from './filters';
import * as q from './queries';
import type { BuiltQuery } from './sql';

export type WarehouseStatus =
  | { readonly ok: true; readonly dir: string }
  | { readonly ok: false; readonly dir: string; readonly missing: readonly string[] };

interface Handle {
  readonly wh: Warehouse;
  readonly exportDir: string | null;
  /** Serialises queries on the one connection. */
  tail: Promise<unknown>;
}

let main: Promise<Handle> | null = null;
let exporter: Promise<Handle> | null = null;

function open(exportDir: string | null): Promise<Handle> {
  // selectOnly: the sandbox alone would let COPY … TO plant a Parquet file inside a table's folder.
  // The export connection runs its own COPY into the export folder, after assertSelect on the query.
  return openWarehouse(env.warehouseDir, { sandbox: true, ...(exportDir ? { exportDir } : { selectOnly: true }) }).then((wh) => ({
    wh,
    exportDir,
    tail: Promise.resolve(),
  }));
}

function handle(kind: 'main' | 'export'): Promise<Handle> {
  if (kind === 'main') {
    main ??= open(null).catch((err: unknown) => {
      main = null;
      throw err;
    });
    return main;
  }
  if (!exporter) {
    const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-export-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    exporter = open(dir).catch((err: unknown) => {
      exporter = null;
      throw err;
    });
  }
  return exporter;
}

async function serial<T>(kind: 'main' | 'export', fn: (wh: Warehouse, exportDir: string | null) => Promise<T>): Promise<T> {
  const h = await handle(kind);
  const result = h.tail.then(() => fn(h.wh, h.exportDir));
  h.tail = result.catch(() => undefined);
  return result;
}

const db: q.Queryable = {
  query: (sql, params) => serial('main', (wh) => wh.query(sql, params)),
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
export const getTimeline = cache((f: Filters) => q.timeline(db, f));
export const getArticleList = cache((f: Filters) => q.articleList(db, f));
export const getArticle = cache((id: string) => q.articleDetail(db, id));
export const getEntity = cache((f: Filters, id: string) => q.entityInfo(db, f, id));
export const getCoMentions = cache((f: Filters, id: string) => q.coMentions(db, f, id));
export const getEntityOutlets = cache((f: Filters, id: string) => q.entityOutlets(db, f, id));
export const getEntityVisits = cache((f: Filters, id: string) => q.entityVisits(db, f, id));
export const getOptions = cache((selectedEntity: string | null) => q.options(db, selectedEntity));
export const getTopicDefs = cache(() => q.topicDefs(db));

/** Rows of a built query (the exports' CSV and Arrow formats). */
export const runQuery = <T = q.JsonRow>(built: BuiltQuery) => q.run<T>(db, built);

/** A built query's result as Parquet, from the second connection (the one allowed its export folder). */
export function queryToParquet(built: BuiltQuery): Promise<Uint8Array> {
  return serial('export', async (wh, dir) => {
    if (!dir) throw new Error('the export connection has no export folder');
    await assertSelect(wh.connection, built.sql);
    return toParquet(wh, dir, built);
  });
}
