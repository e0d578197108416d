/**
 * The one module that opens a published warehouse in DuckDB. Tables are views over the Parquet files
 * (the contract's read_parquet form), so every reader — the `mirsad sql` command, the dashboard,
 * the tests — sees exactly what a user sees in the DuckDB CLI after running views.sql.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { readParquetSql, TABLE_NAMES, quoteIdent, quoteLiteral, type TableName } from './tables.ts';

export class WarehouseMissingError extends Error {
  constructor(readonly dir: string, readonly missing: readonly string[]) {
    super(
      `no warehouse at ${dir} (missing: ${missing.join(', ')}). Create it with \`npx mirsad ingest\` ` +
        '(or `npx turbo run ingest` for the sample corpus).',
    );
    this.name = 'WarehouseMissingError';
  }
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonRow = Record<string, JsonValue>;

export interface Warehouse {
  readonly dir: string;
  readonly connection: DuckDBConnection;
  /** Runs SQL with bound parameters and returns JSON-safe rows (numbers, strings, ISO dates, arrays). */
  query<T extends JsonRow = JsonRow>(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<T[]>;
  close(): void;
}

export interface OpenOptions {
  /**
   * Lock the connection to the warehouse folder: no file outside it can be read or written, and the
   * setting cannot be changed from SQL. For servers that run queries built from user input.
   */
  sandbox?: boolean;
  /**
   * With sandbox: one more folder the connection may read and write (e.g. a private temp folder that
   * `COPY (…) TO` writes exports into). Leave unset for a connection that can write nowhere.
   */
  exportDir?: string;
  /**
   * query() runs one SELECT statement and nothing else. The sandbox keeps a connection inside the
   * warehouse folder but not read-only there: COPY … TO could add a Parquet file to a table's folder,
   * which every later read would count. For servers; `connection` itself is not guarded.
   */
  selectOnly?: boolean;
}

export function missingTables(dir: string): TableName[] {
  return TABLE_NAMES.filter((t) => !existsSync(path.join(dir, t)));
}

/**
 * Articles per outlet × visit × topic (not duplicates), over the primary stops or over every link:
 * what the dashboard's visit charts count, in SQL a user can read (docs/WAREHOUSE.md, Views).
 */
const visitTopicCountsSql = (name: string, where: string) => `CREATE OR REPLACE VIEW ${name} AS
WITH links AS (
  SELECT DISTINCT a.outlet_id, av.visit_id, av.article_id
  FROM article_visits av JOIN articles a ON a.article_id = av.article_id
  WHERE a.duplicate_of IS NULL${where}
),
totals AS (SELECT outlet_id, visit_id, count(*) AS total FROM links GROUP BY ALL)
SELECT l.outlet_id, l.visit_id, t.topic_id, count(*)::INTEGER AS articles, tt.total::INTEGER AS total, count(*) / tt.total AS share
FROM links l
JOIN (SELECT DISTINCT article_id, topic_id FROM topics) t ON t.article_id = l.article_id
JOIN totals tt ON tt.outlet_id IS NOT DISTINCT FROM l.outlet_id AND tt.visit_id = l.visit_id
GROUP BY l.outlet_id, l.visit_id, t.topic_id, tt.total;`;

export const DERIVED_VIEWS = ['visit_topic_counts_primary', 'visit_topic_counts_all'] as const;

/** Views over a warehouse folder, as SQL statements (used for views.sql too). */
export function viewsSql(dir: string): string {
  return [
    ...TABLE_NAMES.map((t) => `CREATE OR REPLACE VIEW ${quoteIdent(t)} AS SELECT * FROM ${readParquetSql(dir, t)};`),
    visitTopicCountsSql('visit_topic_counts_primary', ' AND av.is_primary'),
    visitTopicCountsSql('visit_topic_counts_all', ''),
  ].join('\n');
}

function toJson(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() || value.getUTCSeconds() ? 19 : 10);
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(v);
    return out;
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

/** Throws unless `sql` is exactly one SELECT statement (DuckDB's own parser decides). */
export async function assertSelect(connection: DuckDBConnection, sql: string): Promise<void> {
  const stmt = await connection.prepare(sql);
  try {
    if (stmt.statementType !== StatementType.SELECT) throw new Error('only a single SELECT statement may run here');
  } finally {
    stmt.destroySync();
  }
}

export async function openWarehouse(dir: string, options: OpenOptions = {}): Promise<Warehouse> {
  const resolved = path.resolve(dir);
  const missing = missingTables(resolved);
  if (missing.length > 0) throw new WarehouseMissingError(resolved, missing);
  // A published warehouse is a link to its current version (see the ingest writer): views read through
  // the link, so a new run is seen at once; the sandbox allows the link and the folder of versions.
  const real = realpathSync(resolved);
  const allowed = [resolved + path.sep];
  if (real !== resolved) allowed.push(path.dirname(real) + path.sep);
  if (options.exportDir) allowed.push(realpathSync(path.resolve(/*turbopackIgnore: true*/ options.exportDir)) + path.sep);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    if (options.sandbox) {
      await connection.run(`SET allowed_directories = [${allowed.map(quoteLiteral).join(', ')}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
    }
    await connection.run(viewsSql(resolved));
  } catch (err) {
    connection.closeSync();
    instance.closeSync();
    throw err;
  }
  return {
    dir: resolved,
    connection,
    async query<T extends JsonRow = JsonRow>(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<T[]> {
      if (options.selectOnly) await assertSelect(connection, sql);
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((r) => toJson(r) as T);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
