/**
 * The one module that opens a published warehouse in DuckDB. Tables are views over the Parquet files
 * (the contract's read_parquet form), so every reader — the `mirsad sql` command, the dashboard,
 * the tests — sees exactly what a user sees in the DuckDB CLI after running views.sql.
 *
 * A published warehouse is a link to its current version folder. Readers resolve the link once, when
 * they open, and read that version only: a publication swaps the link but never changes a version's
 * files, so a query never globs through a link that changes under it. The pool (openWarehousePool)
 * notices a new version between queries and moves to it, letting queries in flight finish on the old one.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { SEARCH_DIR, searchTokensSql } from './search-index.ts';
import { articleFileView, mentionFileView, readParquetSql, TABLE_NAMES, quoteIdent, quoteLiteral, type TableName } from './tables.ts';

export class WarehouseMissingError extends Error {
  constructor(
    readonly dir: string,
    readonly missing: readonly string[],
  ) {
    super(
      `no warehouse at ${dir} (missing: ${missing.join(', ')}). Create it with \`npx mirsad ingest\` ` + '(or `npx turbo run ingest` for the sample corpus).',
    );
    this.name = 'WarehouseMissingError';
  }
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonRow = Record<string, JsonValue>;

export interface Warehouse {
  readonly dir: string;
  /** The version folder the warehouse link pointed to when it was opened; every query reads it. */
  readonly version: string;
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

/**
 * An article's number, from where its row is: the part file's number in the high 32 bits, the row in the
 * low ones. Unique per version, and a BIGINT: matching sets of articles by number rather than by the
 * 16-character id (entity_articles against an entity's articles, a search's articles) hashes and compares
 * integers.
 */
const ARTICLE_NO = '(a.file_no::BIGINT << 32) | a.row_no';

/**
 * Whether an article is a duplicate (`duplicate_of IS NOT NULL`), as 1 or 0: DuckDB (1.5) skips row groups
 * by an integer column's minimum and maximum (`is_dup < 1` reads only the row groups of the articles that
 * are not duplicates), never by a BOOLEAN's (`NOT is_dup` read every row group: 7.5M rows on a million
 * articles for 0.29M).
 */
const IS_DUP = '(a.duplicate_of IS NOT NULL)::UTINYINT';

/**
 * Each article's mentions and where they are: the mentions part file (`mention_file`, its number as
 * partFiles orders the files; `mention_rows_<n>` is its view) and the first of its rows there
 * (`mention_row`), when the article's mentions are `mentions` consecutive rows of one file, as the
 * writer writes them (an article's mentions together); NULL for both otherwise. An article's page then reads
 * its mentions as a range of rows of one file, the row groups that hold it, instead of the article ids
 * of every mentions file (13.9M at 1M articles), and a count of mentions is a sum over the articles.
 */
const ARTICLE_MENTION_ROWS = `SELECT article_id, count(*)::INTEGER AS mentions,
  CASE WHEN min(file_no) = max(file_no) AND max(row_no) - min(row_no) + 1 = count(*) THEN min(file_no) END AS mention_file,
  CASE WHEN min(file_no) = max(file_no) AND max(row_no) - min(row_no) + 1 = count(*) THEN min(row_no) END AS mention_row
FROM mention_rows GROUP BY article_id`;

/**
 * Small aggregates of the tables that the dashboard reads in place of re-aggregating a large table on every
 * query. views.sql declares them as views (a chart's SQL pasted into DuckDB runs as shown); the server's
 * pool builds them once per version as in-memory tables of the same names and contents (a version's files
 * never change). `entity_articles`: one row per (entity, article) with the mentions there (523,779 mention
 * rows of the ANT warehouse with the tagger make 284,987 pairs), carrying the entity's type and the
 * article's filter columns, so that counts of entities under the date, outlet and duplicate filters are one
 * scan of it with no join to the articles, and `entity_key`, hash(entity_id), which it is stored by (an
 * entity's rows are found by `entity_key = hash(id) AND entity_id = id`: DuckDB keeps only the first 8
 * bytes of a string's minimum and maximum, the same `discovered` for most ids, and skipped no row group
 * by entity_id); `article_keys`: the articles' columns filters select on,
 * without titles and bodies, with where each article's row is (`file_no`, `row_no`: see partRowsSql), its mentions and where they are (`mentions`, `mention_file`,
 * `mention_row`: see ARTICLE_MENTION_ROWS); `article_topics`: the distinct (article, topic) pairs of the articles
 * the articles table has, with the article's number and duplicate flag; `visit_links`: article_visits' rows of
 * those articles with the article_keys columns filters select on, so that a visit chart is one scan of it under
 * the filters rather than a hash join of the selection against every link of every copy (on a million articles
 * mostly copies: 3.5k links not duplicates of 216k); `entity_totals`: each named entity's articles, duplicates
 * included (the filter bar's entity list), and `kept`, those that are not duplicates, with the entity's type (the
 * top entities of the default selection, read here rather than counted over entity_articles' 0.29M rows on
 * every query, or joined to entities by id: a hash join of 47k strings cost as much as the count).
 */
export const DERIVED_TABLES = {
  article_keys: `SELECT a.article_id, a.outlet_id, a.published_date, a.duplicate_of, ${IS_DUP} AS is_dup, a.file_no, a.row_no,
  ${ARTICLE_NO} AS article_no, coalesce(m.mentions, 0) AS mentions, m.mention_file, m.mention_row
FROM article_rows a LEFT JOIN (${ARTICLE_MENTION_ROWS}) m ON m.article_id = a.article_id`,
  entity_articles: `SELECT m.entity_id, e.type, m.article_id, a.article_no, m.mentions, a.outlet_id, a.published_date, a.duplicate_of,
  ${IS_DUP} AS is_dup, hash(m.entity_id) AS entity_key
FROM (SELECT entity_id, article_id, count(*)::INTEGER AS mentions FROM mentions GROUP BY entity_id, article_id) m
LEFT JOIN entities e ON e.entity_id = m.entity_id LEFT JOIN article_keys a ON a.article_id = m.article_id`,
  article_topics: `SELECT t.article_id, t.topic_id, a.article_no, a.is_dup
FROM (SELECT DISTINCT article_id, topic_id FROM topics) t JOIN article_keys a ON a.article_id = t.article_id`,
  visit_links: `SELECT av.article_id, av.visit_id, av.score, av.is_primary, a.article_no, a.outlet_id, a.published_date, a.is_dup
FROM article_visits av JOIN article_keys a ON a.article_id = av.article_id`,
  entity_totals: `SELECT entity_id, any_value(type) AS type, count(*)::INTEGER AS articles, count(*) FILTER (WHERE is_dup < 1)::INTEGER AS kept
FROM entity_articles WHERE type IS NOT NULL GROUP BY entity_id`,
} as const;

/**
 * The row order of the pool's in-memory derived tables (a view has none). DuckDB keeps each row group's
 * minimum and maximum and skips the row groups a filter rules out: the articles that are not duplicates
 * first (the default filter, `is_dup < 1`, reads only those row groups: see IS_DUP), entity_articles' each
 * part by entity_key (an entity page reads the row groups of its entity). On a million articles mostly
 * syndicated copies (7.5M entity_articles rows, 0.29M of them not duplicates), an entity's header reads
 * one row group per part instead of all, co-mentions the 0.29M rows that are not duplicates instead of
 * 7.5M, and a keyword search's articles are matched against 40k article_keys rows instead of 1M;
 * article_topics and visit_links are read in the row groups of the articles that are not duplicates (10k of
 * 258k topic rows, 8k of 216k links), and by article_no the row groups of a page's 50 articles.
 */
const DERIVED_ORDER: Partial<Record<keyof typeof DERIVED_TABLES, string>> = {
  article_keys: 'is_dup, file_no, row_no',
  entity_articles: 'is_dup, entity_key',
  article_topics: 'is_dup, article_no, topic_id',
  visit_links: 'is_dup, article_no, visit_id',
};

/**
 * Tables of the warehouse the pool copies into its memory once per version rather than reading their
 * Parquet files on every query: small (42,113 entities and 3,663 visit links on ANT), and read by many
 * chart queries for names and visit links, or by an article's page (its topics and their evidence:
 * 0.26M and 1.47M rows on a million articles, looked up by article in the row groups of that article
 * instead of every part file's). Same rows, same names.
 */
export const POOL_COPIED_TABLES = ['entities', 'outlets', 'visits', 'article_visits', 'topics', 'topic_evidence'] as const satisfies readonly TableName[];

/** The row order of copied tables read by article (DuckDB skips the row groups whose article ids cannot match). */
const COPIED_ORDER: Partial<Record<(typeof POOL_COPIED_TABLES)[number], string>> = { topics: 'article_id', topic_evidence: 'article_id' };

export const DERIVED_VIEWS = [
  'article_rows',
  'mention_rows',
  'visit_topic_counts_primary',
  'visit_topic_counts_all',
  ...Object.keys(DERIVED_TABLES),
  'search_tokens',
] as readonly string[];

/** The Parquet files of a table folder, every level, sorted by path: the numbering article_rows.file_no uses. */
function partFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return (readdirSync(folder, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => path.join(folder, f))
    .sort();
}

/**
 * `article_rows`: the articles with where each row is, `file_no` (the part file's number in partFiles
 * order) and `row_no` (its row there, file_row_number), as the union of one view per part file
 * (articleFileView: `article_rows_0`, …). A look-up by (file_no, row_no) reads one part file and, for a
 * range of rows, only the row groups that hold it: the list's titles and an article's page read a few
 * row groups instead of every article id of the warehouse. They name the file's own view, which binds
 * one file rather than the union's every file (on 24 files, half the CPU of an article's row).
 * `mention_rows` is the same over the mentions files (mentionFileView: `mention_rows_0`, …).
 */
function partRowsSql(dir: string, table: 'articles' | 'mentions'): string {
  const [union, fileView] = table === 'articles' ? ['article_rows', articleFileView] : ['mention_rows', mentionFileView];
  const files = partFiles(path.join(dir, table));
  if (files.length === 0) return `CREATE OR REPLACE VIEW ${union} AS SELECT 0 AS file_no, 0::BIGINT AS row_no, * FROM ${table} WHERE false;`;
  const views = files.map(
    (f, i) =>
      `CREATE OR REPLACE VIEW ${fileView(i)} AS SELECT ${i} AS file_no, file_row_number AS row_no, * EXCLUDE (file_row_number) FROM read_parquet(${quoteLiteral(f)}, file_row_number = true);`,
  );
  const parts = files.map((_f, i) => `SELECT * FROM ${fileView(i)}`);
  return [...views, `CREATE OR REPLACE VIEW ${union} AS ${parts.join('\nUNION ALL BY NAME ')};`].join('\n');
}

/** The version's search index files (search-index.ts), or null for a version written before it existed. */
function searchIndexGlob(dir: string): string | null {
  const folder = path.join(dir, SEARCH_DIR);
  if (!existsSync(folder) || !readdirSync(folder).some((f) => f.endsWith('.parquet'))) return null;
  return path.join(folder, '*.parquet');
}

/**
 * `search_tokens` (token, article_id, after_al): the keyword-search index, over the version's `_search/` files. A
 * version without them gets the same rows computed from its articles (a view, or with `materialize` a
 * table built once: a scan of every body, minutes at a million articles).
 */
function searchTokensView(dir: string, materialize: boolean): string {
  const glob = searchIndexGlob(dir);
  if (glob) return `CREATE OR REPLACE VIEW search_tokens AS SELECT token, article_id, after_al FROM read_parquet(${quoteLiteral(glob)});`;
  return `CREATE OR REPLACE ${materialize ? 'TABLE' : 'VIEW'} search_tokens AS ${searchTokensSql('articles')};`;
}

/**
 * Views over a warehouse folder, as SQL statements (used for views.sql too; readers pass the resolved
 * version). With `materialize`, the DERIVED_TABLES and POOL_COPIED_TABLES are tables computed now rather than views.
 */
export function viewsSql(dir: string, materialize = false): string {
  const copied: readonly string[] = materialize ? POOL_COPIED_TABLES : [];
  return [
    ...TABLE_NAMES.map((t) => {
      const order = copied.includes(t) ? COPIED_ORDER[t as keyof typeof COPIED_ORDER] : undefined;
      return `CREATE OR REPLACE ${copied.includes(t) ? 'TABLE' : 'VIEW'} ${quoteIdent(t)} AS SELECT * FROM ${readParquetSql(dir, t)}${order ? ` ORDER BY ${order}` : ''};`;
    }),
    partRowsSql(dir, 'articles'),
    partRowsSql(dir, 'mentions'),
    visitTopicCountsSql('visit_topic_counts_primary', ' AND av.is_primary'),
    visitTopicCountsSql('visit_topic_counts_all', ''),
    ...Object.entries(DERIVED_TABLES).map(([name, sql]) => {
      const order = materialize ? DERIVED_ORDER[name as keyof typeof DERIVED_TABLES] : undefined;
      const body = order ? `SELECT * FROM (${sql}) ORDER BY ${order}` : sql;
      return `CREATE OR REPLACE ${materialize ? 'TABLE' : 'VIEW'} ${quoteIdent(name)} AS ${body};`;
    }),
    searchTokensView(dir, materialize),
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

/**
 * The statements of a SQL text, split at the semicolons that end them: not inside a string ('…'), a
 * quoted identifier ("…"), a dollar-quoted string ($tag$…$tag$) or a comment. Empty statements are
 * dropped. queryCsv checks the count against DuckDB's own parser.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let from = 0;
  let i = 0;
  const push = (to: number) => {
    const s = sql.slice(from, to).trim();
    if (s && !/^(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\s)*$/.test(s)) out.push(s);
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      // a doubled quote inside is an escaped quote: the scan goes on after it
      i = close < 0 ? sql.length : close + 1;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    if (c === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close < 0 ? sql.length : close + tag.length;
        continue;
      }
    }
    if (c === ';') {
      push(i);
      from = i + 1;
    }
    i++;
  }
  push(sql.length);
  return out;
}

/**
 * The rows of a SQL text as CSV (header, NULL as an empty field), written by DuckDB's own CSV writer
 * (COPY) into a temp file. Statements run in order; those that are not SELECTs give no text, and
 * several SELECTs give their tables one after another, a blank line between them.
 */
export async function queryCsv(connection: DuckDBConnection, sql: string): Promise<string> {
  const statements = splitStatements(sql);
  const parsed = (await connection.extractStatements(sql)).count;
  if (parsed !== statements.length) throw new Error(`could not split the SQL into its ${parsed} statements; run them one at a time`);
  const tables: string[] = [];
  for (const statement of statements) {
    const text = await statementCsv(connection, statement);
    if (text !== null) tables.push(text);
  }
  return tables.join('\n\n');
}

async function statementCsv(connection: DuckDBConnection, statement: string): Promise<string | null> {
  const stmt = await connection.prepare(statement);
  let isSelect: boolean;
  try {
    isSelect = stmt.statementType === StatementType.SELECT;
  } finally {
    stmt.destroySync();
  }
  if (!isSelect) {
    await connection.run(statement);
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'mirsad-csv-'));
  const file = path.join(dir, 'rows.csv');
  try {
    // the newline ends a trailing -- comment of the statement before the parenthesis that closes it
    await connection.run(`COPY (${statement}\n) TO ${quoteLiteral(file)} (FORMAT csv, HEADER true)`);
    return readFileSync(file, 'utf8').replace(/\n$/, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Opened {
  readonly real: string;
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

/** The version folder the warehouse link points to now, checked for every table. */
function resolveVersion(dir: string): string {
  const missing = missingTables(dir);
  if (missing.length > 0) throw new WarehouseMissingError(dir, missing);
  const real = realpathSync(dir);
  // The link may have moved between the two calls: the tables must exist where it now points.
  const moved = missingTables(real);
  if (moved.length > 0) throw new WarehouseMissingError(dir, moved);
  return real;
}

const SPILL_DIRS = new WeakMap<DuckDBInstance, string>();

/** Closes an instance opened by openVersion and removes the folder it spilled into. */
function closeInstance(instance: DuckDBInstance): void {
  instance.closeSync();
  const spill = SPILL_DIRS.get(instance);
  if (spill) rmSync(spill, { recursive: true, force: true });
}

/**
 * One DuckDB instance over one version folder: sandbox settings (global to the instance, so every later
 * connection inherits them), then views over the resolved folder, never over the link.
 */
async function openVersion(
  real: string,
  options: OpenOptions,
  config: Record<string, string> = {},
  settings: readonly string[] = [],
  materialize = false,
): Promise<Opened> {
  const allowed = [real + path.sep];
  if (options.exportDir) allowed.push(realpathSync(path.resolve(/*turbopackIgnore: true*/ options.exportDir)) + path.sep);
  // Each instance spills into a folder of its own: DuckDB's default for an in-memory database is
  // «.tmp» under the working directory, where two instances (a reopened version beside the one still
  // finishing its queries) would write the same file and read each other's blocks.
  const spill = mkdtempSync(path.join(tmpdir(), 'mirsad-duckdb-'));
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(':memory:', { ...config, temp_directory: spill });
  } catch (err) {
    rmSync(spill, { recursive: true, force: true });
    throw err;
  }
  SPILL_DIRS.set(instance, spill);
  let connection: DuckDBConnection | null = null;
  try {
    connection = await instance.connect();
    for (const sql of settings) await connection.run(sql);
    if (options.sandbox) {
      await connection.run(`SET allowed_directories = [${allowed.map(quoteLiteral).join(', ')}]`);
      await connection.run('SET enable_external_access = false');
      await connection.run('SET lock_configuration = true');
    }
    await connection.run(viewsSql(real, materialize));
    return { real, instance, connection };
  } catch (err) {
    connection?.closeSync();
    closeInstance(instance);
    throw err;
  }
}

/** Runs one statement and returns JSON-safe rows; with selectOnly, only if it is a single SELECT. */
async function runRows<T extends JsonRow>(
  connection: DuckDBConnection,
  sql: string,
  params: Record<string, DuckDBValue> | DuckDBValue[] | undefined,
  selectOnly: boolean,
): Promise<T[]> {
  if (!selectOnly) {
    const reader = await connection.runAndReadAll(sql, params);
    return reader.getRowObjectsJS().map((r) => toJson(r) as T);
  }
  // Prepared once: the type check and the run share one parse and bind (binding globs the views' files).
  const stmt = await connection.prepare(sql);
  try {
    if (stmt.statementType !== StatementType.SELECT) throw new Error('only a single SELECT statement may run here');
    if (params) stmt.bind(params);
    const reader = await stmt.runAndReadAll();
    return reader.getRowObjectsJS().map((r) => toJson(r) as T);
  } finally {
    stmt.destroySync();
  }
}

/** Opens the warehouse's current version on one connection (the CLI, tests, scripts). */
export async function openWarehouse(dir: string, options: OpenOptions = {}): Promise<Warehouse> {
  const resolved = path.resolve(dir);
  const { instance, connection, real } = await openVersion(resolveVersion(resolved), options);
  return {
    dir: resolved,
    version: real,
    connection,
    query: <T extends JsonRow = JsonRow>(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]) =>
      runRows<T>(connection, sql, params, options.selectOnly === true),
    close() {
      connection.closeSync();
      closeInstance(instance);
    },
  };
}

/** A query ran past its time (or waited that long for a connection) and was interrupted. */
export class QueryTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    waiting: boolean,
  ) {
    super(
      waiting
        ? `no warehouse connection became free within ${timeoutMs} ms (the server is busy)`
        : `the query ran longer than ${timeoutMs} ms and was interrupted`,
    );
    this.name = 'QueryTimeoutError';
  }
}

export interface PoolOptions extends OpenOptions {
  /** Connections per version, i.e. queries that run at once (default: the machine's cores). */
  connections?: number;
  /** A query's limit from the moment it asks for a connection: it is interrupted after (default 10 s). */
  queryTimeoutMs?: number;
  /** DuckDB memory_limit of each version's instance (default '1GB'). */
  memoryLimit?: string;
  /**
   * DuckDB threads of each version's instance (default: the machine's cores shared among the connections,
   * at least 1). Chart queries are small: on the ANT warehouse the overview's seven cost 25% less CPU on one
   * thread each than on two, and `connections` queries already run side by side.
   */
  threads?: number;
  /** Bytes of query results kept per version, for identical queries (default 32 MiB; 0: no cache). */
  cacheBytes?: number;
  /**
   * After this many ms without a query, a version that has run queries is reopened on a fresh instance
   * and the old one closed (default 0: never). Closing an instance is what returns the memory its
   * queries' execution left with the allocator (DuckDB's own accounting is back to its tables by then).
   */
  idleReopenMs?: number;
}

export interface PoolStats {
  /** The version folder new queries run on. */
  readonly version: string;
  /** Versions open (the current one plus old ones with queries still in flight). */
  readonly versions: number;
  readonly connections: number;
  readonly busy: number;
  readonly waiting: number;
  readonly cachedBytes: number;
  readonly cacheEntries: number;
  /** DuckDB instances opened since the pool was (new versions and idle reopens). */
  readonly opens: number;
}

/** The files DuckDB writes for an export: its own Parquet, and RFC 4180 CSV (header, CRLF, NULL as an empty field). */
export type CopyFormat = 'parquet' | 'csv';
export const COPY_OPTIONS: Record<CopyFormat, string> = {
  parquet: '(FORMAT parquet)',
  csv: "(FORMAT csv, HEADER true, NEW_LINE '\\r\\n')",
};

export interface WarehousePool {
  readonly dir: string;
  /** Runs one query on a free connection of the current version, with the pool's time limit. */
  query<T extends JsonRow = JsonRow>(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<T[]>;
  /** COPY (`sql`) TO `file` in `format`; `sql` must be a single SELECT and `file` inside the export folder. */
  copyTo(sql: string, params: Record<string, DuckDBValue> | undefined, file: string, format: CopyFormat): Promise<void>;
  stats(): PoolStats;
  close(): void;
}

interface Version {
  readonly real: string;
  readonly instance: DuckDBInstance;
  readonly idle: DuckDBConnection[];
  /** Connections handed out. */
  busy: number;
  /** Connections being opened to replace interrupted ones. */
  opening: number;
  retired: boolean;
  /** Queries have run on it since it opened (an idle reopen is worth it only then). */
  used: boolean;
  readonly cache: ResultCache;
  readonly pending: Map<string, Promise<JsonRow[]>>;
}

interface Waiter {
  readonly resolve: (lease: { version: Version; connection: DuckDBConnection }) => void;
  readonly reject: (err: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

/** Rough bytes of a result held in the JS heap (strings at two bytes a character). */
function sizeOf(value: JsonValue): number {
  if (value === null) return 8;
  if (typeof value === 'string') return 16 + value.length * 2;
  if (typeof value !== 'object') return 8;
  let n = 16;
  if (Array.isArray(value)) for (const v of value) n += sizeOf(v);
  else for (const [k, v] of Object.entries(value)) n += k.length * 2 + sizeOf(v);
  return n;
}

/** Least recently used results, bounded in bytes. A version's files never change, so entries never go stale. */
class ResultCache {
  private readonly entries = new Map<string, { rows: JsonRow[]; bytes: number }>();
  bytes = 0;
  constructor(private readonly limit: number) {}
  get size(): number {
    return this.entries.size;
  }
  get(key: string): JsonRow[] | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.rows;
  }
  set(key: string, rows: JsonRow[]): void {
    const bytes = key.length * 2 + sizeOf(rows);
    if (bytes > this.limit / 4) return; // one huge result (an export) must not flush everything else
    this.entries.delete(key);
    this.entries.set(key, { rows, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.limit) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }
}

const cacheKey = (sql: string, params: Record<string, DuckDBValue> | DuckDBValue[] | undefined): string =>
  `${sql}\u0000${JSON.stringify(params ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`;

/**
 * A pool of read-only connections over the warehouse for servers. Each version folder gets one DuckDB
 * instance (memory_limit and threads capped) with `connections` connections; queries wait for a free one.
 * Before each query the link is resolved again: when it points elsewhere, a new instance opens on the new
 * version and takes new queries, and the old one closes once its last query is done.
 */
export async function openWarehousePool(dir: string, options: PoolOptions = {}): Promise<WarehousePool> {
  const resolved = path.resolve(dir);
  const cores = availableParallelism();
  const size = Math.max(1, options.connections ?? cores);
  const timeoutMs = Math.max(1, options.queryTimeoutMs ?? 10_000);
  const cacheBytes = Math.max(0, options.cacheBytes ?? 32 * 1024 * 1024);
  const config = { memory_limit: options.memoryLimit ?? '1GB', threads: String(Math.max(1, options.threads ?? Math.floor(cores / size))) };
  const selectOnly = options.selectOnly === true;
  const exportRoot = options.exportDir ? realpathSync(path.resolve(/*turbopackIgnore: true*/ options.exportDir)) + path.sep : null;

  const idleReopenMs = Math.max(0, options.idleReopenMs ?? 0);
  let opens = 0;
  const open = async (real: string): Promise<Version> => {
    // Parquet footers are read once per file (set before the sandbox locks the configuration): a
    // version's files never change.
    // The derived tables are built here, once per version, in the instance's own memory.
    const first = await openVersion(real, options, config, ['SET parquet_metadata_cache = true'], true);
    const idle = [first.connection];
    try {
      while (idle.length < size) idle.push(await first.instance.connect());
    } catch (err) {
      for (const c of idle) c.closeSync();
      closeInstance(first.instance);
      throw err;
    }
    opens++;
    return { real, instance: first.instance, idle, busy: 0, opening: 0, retired: false, used: false, cache: new ResultCache(cacheBytes), pending: new Map() };
  };

  let current = await open(resolveVersion(resolved));
  const old = new Set<Version>();
  const waiters: Waiter[] = [];
  let switching: Promise<void> | null = null;
  let closed = false;

  const shut = (v: Version) => {
    for (const c of v.idle.splice(0)) c.closeSync();
    closeInstance(v.instance);
    old.delete(v);
  };

  const dispatch = () => {
    while (waiters.length && current.idle.length) {
      const w = waiters.shift()!;
      clearTimeout(w.timer);
      current.busy++;
      w.resolve({ version: current, connection: current.idle.pop()! });
    }
  };

  /** Moves new queries to a fresh instance over the version the link points to now (one switch at a time). */
  const switchTo = (): Promise<void> => {
    switching ??= (async () => {
      try {
        const next = await open(resolveVersion(resolved));
        if (closed) return shut(next);
        const prev = current;
        current = next;
        prev.retired = true;
        old.add(prev);
        if (prev.busy === 0 && prev.opening === 0) shut(prev);
        dispatch();
      } catch (err) {
        // A half-published link (tables missing): stay on the version we have, say why in the log.
        console.error(`warehouse: staying on ${current.real}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        switching = null;
      }
    })();
    return switching;
  };

  /** Moves to the version the link points to now, if it moved. */
  const follow = async (): Promise<void> => {
    let real: string;
    try {
      real = realpathSync(resolved);
    } catch {
      return; // link gone for a moment: keep serving the version we have
    }
    if (real === current.real || switching) return switching ?? undefined;
    return switchTo();
  };

  let idleTimer: NodeJS.Timeout | null = null;
  /** Called when the current version has no query left: reopen it if it stays so for idleReopenMs. */
  const armIdle = () => {
    if (idleReopenMs === 0 || closed) return;
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (closed || switching || !current.used || current.busy > 0 || waiters.length > 0) return;
      void switchTo();
    }, idleReopenMs);
    idleTimer.unref();
  };

  const release = (v: Version, c: DuckDBConnection, healthy: boolean) => {
    v.busy--;
    if (v.retired || closed) {
      c.closeSync();
      if (v.busy === 0 && v.opening === 0) shut(v);
      return;
    }
    if (healthy) {
      v.idle.push(c);
      dispatch();
      if (v.busy === 0) armIdle();
      return;
    }
    // An interrupted connection is replaced rather than reused.
    c.closeSync();
    v.opening++;
    v.instance
      .connect()
      .then((fresh) => {
        v.opening--;
        if (v.retired || closed) {
          fresh.closeSync();
          if (v.busy === 0 && v.opening === 0) shut(v);
        } else {
          v.idle.push(fresh);
          dispatch();
        }
      })
      .catch((err: unknown) => {
        v.opening--;
        console.error('warehouse: could not reopen a connection', err);
      });
  };

  const acquire = (deadline: number) =>
    new Promise<{ version: Version; connection: DuckDBConnection }>((resolve, reject) => {
      if (closed) return reject(new Error('the warehouse pool is closed'));
      if (current.idle.length) {
        current.busy++;
        return resolve({ version: current, connection: current.idle.pop()! });
      }
      const timer = setTimeout(
        () => {
          const i = waiters.indexOf(w);
          if (i >= 0) waiters.splice(i, 1);
          reject(new QueryTimeoutError(timeoutMs, true));
        },
        Math.max(0, deadline - Date.now()),
      );
      const w: Waiter = { resolve, reject, timer };
      waiters.push(w);
    });

  /** Runs `fn` on a leased connection, interrupting it at the deadline. */
  const leased = async <R>(fn: (c: DuckDBConnection) => Promise<R>): Promise<R> => {
    const deadline = Date.now() + timeoutMs;
    await follow();
    const { version, connection } = await acquire(deadline);
    version.used = true;
    let interrupted = false;
    const timer = setTimeout(
      () => {
        interrupted = true;
        connection.interrupt();
      },
      Math.max(0, deadline - Date.now()),
    );
    try {
      const result = await fn(connection);
      if (interrupted) throw new QueryTimeoutError(timeoutMs, false);
      return result;
    } catch (err) {
      throw interrupted ? new QueryTimeoutError(timeoutMs, false) : err;
    } finally {
      clearTimeout(timer);
      release(version, connection, !interrupted);
    }
  };

  return {
    dir: resolved,
    async query<T extends JsonRow = JsonRow>(sql: string, params?: Record<string, DuckDBValue> | DuckDBValue[]): Promise<T[]> {
      await follow();
      const v = current;
      if (cacheBytes === 0) return leased((c) => runRows<T>(c, sql, params, selectOnly));
      const key = cacheKey(sql, params);
      const hit = v.cache.get(key);
      if (hit) return hit as T[];
      // Identical queries in flight share one run (a page's sections, many readers of one view).
      let running = v.pending.get(key);
      if (!running) {
        running = leased((c) => runRows<JsonRow>(c, sql, params, selectOnly)).then(
          (rows) => {
            v.pending.delete(key);
            if (!v.retired) v.cache.set(key, rows);
            return rows;
          },
          (err: unknown) => {
            v.pending.delete(key);
            throw err;
          },
        );
        v.pending.set(key, running);
      }
      return (await running) as T[];
    },
    async copyTo(sql: string, params: Record<string, DuckDBValue> | undefined, file: string, format: CopyFormat): Promise<void> {
      const target = path.resolve(file);
      if (!exportRoot || !target.startsWith(exportRoot)) throw new Error("exports are written only into the pool's export folder");
      await leased(async (c) => {
        await assertSelect(c, sql);
        await c.run(`COPY (${sql}) TO ${quoteLiteral(target)} ${COPY_OPTIONS[format]}`, params);
      });
    },
    stats(): PoolStats {
      const all = [current, ...old];
      return {
        version: current.real,
        versions: all.length,
        connections: all.reduce((n, v) => n + v.idle.length + v.busy, 0),
        busy: all.reduce((n, v) => n + v.busy, 0),
        waiting: waiters.length,
        cachedBytes: current.cache.bytes,
        cacheEntries: current.cache.size,
        opens,
      };
    },
    close() {
      closed = true;
      if (idleTimer) clearTimeout(idleTimer);
      for (const w of waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(new Error('the warehouse pool is closed'));
      }
      for (const v of [current, ...old]) {
        v.retired = true;
        if (v.busy === 0 && v.opening === 0) shut(v);
      }
    },
  };
}
