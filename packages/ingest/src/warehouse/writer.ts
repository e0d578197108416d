/**
 * Bulk writing through DuckDB: rows are appended in data chunks to a staging database on disk (so
 * memory stays bounded by a chunk, not by the corpus), near-duplicates are resolved in SQL, and each
 * table is exported to Parquet in a new version folder that `publish` makes current in one step.
 */
import { mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DuckDBDataChunkWriter,
  DuckDBInstance,
  JSToDuckDBValueConverter,
  type DuckDBAppender,
  type DuckDBConnection,
  type JS,
} from '@duckdb/node-api';
import { createTableSql, quoteIdent, quoteLiteral, TABLES, TABLE_NAMES, type Row, type TableName } from '@mirsad/model';
import { viewsSqlFor } from './views-file.ts';
import { acquireLock, newVersionName, preparePublish, publish, removeLeftovers, sealVersion, versionsDir, workDirFor, type OutLock } from './publish.ts';

/** Moments of a run a test can stop it at (see MIRSAD_TEST_PAUSE_AT in the CLI). */
export type RunPhase = 'read' | 'parquet' | 'swap';
export type Checkpoint = (phase: RunPhase) => Promise<void> | void;

/** Columns the staging copy of `articles` carries beyond the contract, for ordering and duplicates. */
export interface ArticleExtras {
  seq: number;
  exactKey: string;
  minhash: readonly number[];
  bands: readonly string[];
}

type StagedTable = TableName | 'stage_articles';

/**
 * The Parquet writer holds a whole row group in memory: 122,880 article bodies are ~360 MB, more than
 * the staging limit, so article row groups stop at 8,192 rows or 16 MB, whichever comes first.
 */
const ARTICLE_ROW_GROUP = 8_192;

const FLUSH_ROWS = { articles: 4_096, other: 65_536 } as const;

export const STAGING_MEMORY_LIMIT = '256MB';

const STAGE_ARTICLES_SQL = `CREATE TABLE stage_articles (
  ${TABLES.articles
    .filter((c) => c.name !== 'duplicate_of')
    .map((c) => `${quoteIdent(c.name)} ${c.type}`)
    .join(', ')},
  seq INTEGER NOT NULL, exact_key VARCHAR NOT NULL, minhash UINTEGER[] NOT NULL, bands VARCHAR[] NOT NULL,
  duplicate_of VARCHAR
)`;

const STAGE_ARTICLE_COLUMNS = [...TABLES.articles.filter((c) => c.name !== 'duplicate_of').map((c) => c.name), 'seq', 'exact_key', 'minhash', 'bands', 'duplicate_of'];

export interface DuplicateOptions {
  /** Estimated Jaccard similarity from which a later article is a copy of an earlier one. */
  threshold: number;
  /** Bands shared by more articles than this are boilerplate, not evidence (keeps the join linear). */
  maxBandFanout: number;
}

/** Entity resolution's outcome for the staged mentions (resolve/cluster.ts). */
/** Ids that change at the end of a run, old → new; rows under any other id keep theirs. */
export interface FinalIds {
  /** articles.outlet_id: an outlet first named under another id. */
  outlets?: ReadonlyMap<string, string>;
  /** mentions.entity_id: a provisional discovered id → its resolved entity. */
  entities?: ReadonlyMap<string, string>;
}

export interface WriterCounts {
  rows: Record<TableName, number>;
  duplicates: number;
}

function dateValue(iso: string | null): Date | null {
  return iso === null ? null : new Date(`${iso}T00:00:00Z`);
}

/** Orders a row's values as the table declares its columns, converting dates for DuckDB. */
function rowValues<T extends TableName>(table: T, row: Row<T>): (JS | null)[] {
  return TABLES[table].map((c) => {
    const v = (row as Record<string, unknown>)[c.name];
    if (v === undefined) throw new Error(`row for ${table} lacks column ${c.name}`);
    return (c.type === 'DATE' ? dateValue(v as string | null) : v) as JS | null;
  });
}

export class WarehouseWriter {
  private readonly writers = new Map<StagedTable, { appender: DuckDBAppender; writer: DuckDBDataChunkWriter<JS>; pending: number }>();
  private readonly counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  private finished = false;
  private published = false;

  private constructor(
    readonly out: string,
    private readonly workDir: string,
    private readonly versionDir: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly lock: OutLock,
    private readonly checkpoint: Checkpoint,
  ) {}

  /**
   * Takes the lock on `out` (WarehouseBusyError if another run holds it), removes what crashed runs
   * left there, and opens a staging database for a new version.
   */
  static async create(out: string, options: { memoryLimit?: string; checkpoint?: Checkpoint } = {}): Promise<WarehouseWriter> {
    const absOut = path.resolve(out);
    preparePublish(absOut);
    const lock = acquireLock(absOut);
    let instance: DuckDBInstance;
    let workDir: string;
    let versionDir: string;
    try {
      removeLeftovers(absOut);
      const version = newVersionName();
      versionDir = path.join(versionsDir(absOut), version);
      workDir = workDirFor(absOut, version);
      mkdirSync(workDir, { recursive: true });
      instance = await DuckDBInstance.create(path.join(workDir, 'stage.duckdb'), {
        temp_directory: path.join(workDir, 'tmp'),
        preserve_insertion_order: 'true',
        // The staging database lives on disk; without a cap DuckDB keeps every page it wrote cached,
        // and resident memory grows with the corpus (1 GiB for ANT's 41,661 articles).
        memory_limit: options.memoryLimit ?? STAGING_MEMORY_LIMIT,
      });
    } catch (err) {
      lock.release();
      throw err;
    }
    let connection: DuckDBConnection;
    try {
      connection = await instance.connect();
    } catch (err) {
      instance.closeSync();
      lock.release();
      throw err;
    }
    const w = new WarehouseWriter(absOut, workDir, versionDir, instance, connection, lock, options.checkpoint ?? (() => {}));
    try {
      await connection.run(STAGE_ARTICLES_SQL);
      for (const t of TABLE_NAMES) if (t !== 'articles') await connection.run(createTableSql(t));
    } catch (err) {
      await w.abort();
      throw err;
    }
    return w;
  }

  private async writerFor(table: StagedTable) {
    let entry = this.writers.get(table);
    if (!entry) {
      const appender = await this.connection.createAppender(table);
      const writer = DuckDBDataChunkWriter.forAppender<JS>(appender, { converter: JSToDuckDBValueConverter });
      entry = { appender, writer, pending: 0 };
      this.writers.set(table, entry);
    }
    return entry.writer;
  }

  /** Appenders must exist before rows arrive synchronously; call once before the first append. */
  async open(): Promise<void> {
    for (const t of ['stage_articles', 'mentions', 'topics', 'topic_evidence', 'article_visits', 'rejects', 'entities', 'outlets', 'topic_defs', 'visits', 'visit_evidence'] as const) {
      await this.writerFor(t);
    }
  }

  /**
   * The writer for `table`. A DuckDB appender keeps what it is given in memory until it holds about
   * 200,000 rows — a gigabyte of article bodies — so rows are flushed to the staging table every
   * FLUSH_ROWS instead (measured: RSS grew 0.3 → 1.9 GB over 208,000 articles without it).
   */
  private sync(table: StagedTable): DuckDBDataChunkWriter<JS> {
    const entry = this.writers.get(table);
    if (!entry) throw new Error(`writer for ${table} not opened`);
    if (++entry.pending >= FLUSH_ROWS[table === 'stage_articles' ? 'articles' : 'other']) {
      entry.writer.flush();
      entry.appender.flushSync();
      entry.pending = 0;
    }
    return entry.writer;
  }

  append<T extends Exclude<TableName, 'articles'>>(table: T, row: Row<T>): void {
    this.sync(table).appendRow(rowValues(table, row));
    this.counts[table]++;
  }

  appendArticle(row: Omit<Row<'articles'>, 'duplicate_of'>, extras: ArticleExtras): void {
    const values = rowValues('articles', { ...row, duplicate_of: null }).filter((_, i) => TABLES.articles[i]?.name !== 'duplicate_of');
    values.push(extras.seq, extras.exactKey, extras.minhash as number[], extras.bands as string[], null);
    if (values.length !== STAGE_ARTICLE_COLUMNS.length) throw new Error('stage_articles column mismatch');
    this.sync('stage_articles').appendRow(values);
    this.counts.articles++;
  }

  private closeAppenders(): void {
    for (const { appender, writer } of this.writers.values()) {
      writer.flush();
      appender.flushSync();
      appender.closeSync();
    }
    this.writers.clear();
  }

  /**
   * Gives the staged articles their final outlet ids and the staged mentions their final entity ids,
   * counts every entity's spellings into entity_aliases, resolves duplicates, exports every table to
   * Parquet, writes views.sql and publishes.
   */
  async finish(dup: DuplicateOptions, ids: FinalIds = {}): Promise<WriterCounts> {
    if (this.finished) throw new Error('writer already finished');
    this.finished = true;
    const c = this.connection;
    let step = 'flushing the last rows';
    try {
      this.closeAppenders();
      step = 'merging outlet ids';
      await this.renameOutlets(ids.outlets ?? new Map());
      step = 'resolving entities';
      await this.remapEntities(ids.entities ?? new Map());
      this.counts.entity_aliases = await this.writeAliases();
      step = 'finding duplicates';
      const duplicates = await this.resolveDuplicates(dup);
      mkdirSync(this.versionDir, { recursive: true });
      for (const t of TABLE_NAMES) {
        step = `writing ${t}.parquet`;
        const dir = path.join(this.versionDir, t);
        mkdirSync(dir);
        const cols = TABLES[t].map((col) => `CAST(${quoteIdent(col.name)} AS ${col.type}) AS ${quoteIdent(col.name)}`);
        const isArticles = t === 'articles';
        // A plain scan keeps input order without sorting. For bodies: one thread (an ordered parallel
        // COPY holds several row groups of bodies at once) and row groups bounded in bytes, which DuckDB
        // allows only without its order bookkeeping; one thread scanning the table keeps the order.
        const rowGroups = isArticles ? `ROW_GROUP_SIZE ${ARTICLE_ROW_GROUP}, ROW_GROUP_SIZE_BYTES '16MB'` : 'ROW_GROUP_SIZE 122880';
        if (isArticles) await c.run('SET threads = 1; SET preserve_insertion_order = false');
        await c.run(
          `COPY (SELECT ${cols.join(', ')} FROM ${isArticles ? 'stage_articles' : quoteIdent(t)}) TO ${quoteLiteral(path.join(dir, 'part-0.parquet'))} (FORMAT parquet, COMPRESSION zstd, ${rowGroups})`,
        );
        if (isArticles) await c.run('RESET threads; SET preserve_insertion_order = true');
        if (isArticles) await this.checkpoint('parquet');
      }
      step = 'publishing';
      writeFileSync(path.join(this.versionDir, 'views.sql'), viewsSqlFor(this.out, realpathSync(this.versionDir)));
      this.closeDb();
      sealVersion(this.out, this.versionDir);
      await this.checkpoint('swap');
      this.lock.assertHeld();
      publish(this.out, this.versionDir);
      this.published = true;
      rmSync(this.workDir, { recursive: true, force: true });
      this.lock.release();
      return { rows: { ...this.counts }, duplicates };
    } catch (err) {
      await this.abort();
      (err as Error).message = `while ${step}: ${(err as Error).message}`;
      throw err;
    }
  }

  private async renameOutlets(ids: ReadonlyMap<string, string>): Promise<void> {
    const pairs = [...ids].filter(([from, to]) => from !== to);
    if (pairs.length === 0) return;
    const c = this.connection;
    await c.run('CREATE TEMP TABLE outlet_ids (old_id VARCHAR, new_id VARCHAR)');
    for (let i = 0; i < pairs.length; i += 500) {
      const values = pairs.slice(i, i + 500).map(([from, to]) => `(${quoteLiteral(from)}, ${quoteLiteral(to)})`);
      await c.run(`INSERT INTO outlet_ids VALUES ${values.join(', ')}`);
    }
    await c.run('UPDATE stage_articles SET outlet_id = m.new_id FROM outlet_ids m WHERE stage_articles.outlet_id = m.old_id');
  }

  /** One UPDATE joined to a table of the ids that change: bounded by the names of the run, not its mentions. */
  private async remapEntities(remap: ReadonlyMap<string, string>): Promise<void> {
    if (remap.size === 0) return;
    const c = this.connection;
    await c.run('CREATE TEMP TABLE entity_remap (old_id VARCHAR NOT NULL, new_id VARCHAR NOT NULL)');
    const appender = await c.createAppender('entity_remap');
    for (const [from, to] of remap) {
      appender.appendVarchar(from);
      appender.appendVarchar(to);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    await c.run('UPDATE mentions SET entity_id = r.new_id FROM entity_remap r WHERE mentions.entity_id = r.old_id');
    await c.run('DROP TABLE entity_remap');
  }

  /** Every spelling each entity was mentioned under (surfaces carry no proclitics), with its count. */
  private async writeAliases(): Promise<number> {
    const c = this.connection;
    await c.run(`INSERT INTO entity_aliases
      SELECT entity_id, surface, count(*)::INTEGER FROM mentions GROUP BY entity_id, surface ORDER BY entity_id, surface`);
    const r = await c.runAndReadAll('SELECT count(*)::INTEGER FROM entity_aliases');
    return Number(r.getRows()[0]?.[0] ?? 0);
  }

  private async resolveDuplicates({ threshold, maxBandFanout }: DuplicateOptions): Promise<number> {
    const c = this.connection;
    // "earlier" is by publication date, then by input order; an exact copy (same normalised words)
    // points at the first of its group, a near copy at the earliest article it resembles enough.
    await c.run(`CREATE TABLE ord AS
      SELECT article_id, exact_key, minhash, bands, row_number() OVER (ORDER BY published_date NULLS LAST, seq) AS o
      FROM stage_articles`);
    await c.run(`CREATE TABLE band AS
      SELECT article_id, o, b FROM (SELECT article_id, o, unnest(bands) AS b FROM ord)
      QUALIFY count(*) OVER (PARTITION BY b) <= ${Number(maxBandFanout)}`);
    await c.run(`CREATE TABLE dup AS
      WITH exact AS (
        SELECT article_id AS later, first_value(article_id) OVER w AS earlier, first_value(o) OVER w AS eo
        FROM ord WINDOW w AS (PARTITION BY exact_key ORDER BY o)
      ),
      cand AS (
        SELECT DISTINCT x.article_id AS later, y.article_id AS earlier, y.o AS eo
        FROM band x JOIN band y ON x.b = y.b AND y.o < x.o
      ),
      near AS (
        SELECT cand.later, cand.earlier, cand.eo FROM cand
        JOIN ord a ON a.article_id = cand.later JOIN ord e ON e.article_id = cand.earlier
        WHERE len(a.minhash) > 0
          AND len(list_filter(list_zip(a.minhash, e.minhash), lambda p: p[1] = p[2])) >= ${Number(threshold)} * len(a.minhash)
      ),
      candidates AS (
        SELECT later, earlier, eo FROM exact WHERE later <> earlier
        UNION ALL
        SELECT n.later, n.earlier, o.o AS eo FROM near n JOIN ord o ON o.article_id = n.earlier
      )
      SELECT later, arg_min(earlier, eo) AS earlier FROM candidates GROUP BY later`);
    // a copy of a copy points at the original
    for (let i = 0; i < 10; i++) {
      const changed = await c.runAndReadAll(
        'UPDATE dup SET earlier = d2.earlier FROM dup d2 WHERE dup.earlier = d2.later RETURNING dup.later',
      );
      if (changed.currentRowCount === 0) break;
    }
    await c.run('UPDATE stage_articles SET duplicate_of = dup.earlier FROM dup WHERE dup.later = stage_articles.article_id');
    const r = await c.runAndReadAll('SELECT count(*)::INTEGER AS n FROM dup');
    return Number(r.getRows()[0]?.[0] ?? 0);
  }

  private closeDb(): void {
    try {
      this.connection.closeSync();
    } catch {
      /* already closed */
    }
    try {
      this.instance.closeSync();
    } catch {
      /* already closed */
    }
  }

  /** Drops everything this run wrote and releases the lock; the published warehouse is untouched. */
  async abort(): Promise<void> {
    try {
      this.closeAppenders();
    } catch {
      /* the run is being abandoned; appenders may be in any state */
    }
    this.closeDb();
    rmSync(this.workDir, { recursive: true, force: true });
    if (!this.published) rmSync(this.versionDir, { recursive: true, force: true });
    this.lock.release();
  }
}
