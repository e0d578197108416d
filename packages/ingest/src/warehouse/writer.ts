/**
 * Bulk writing through DuckDB: rows are appended in data chunks to a staging database on disk (so
 * memory stays bounded by a chunk, not by the corpus), near-duplicates are resolved in SQL, and each
 * table is exported to Parquet in a new version folder that `publish` makes current in one step.
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBBlobValue, type DuckDBConnection } from '@duckdb/node-api';
import { createTableSql, quoteIdent, quoteLiteral, TABLES, TABLE_NAMES, type Row, type TableName } from '@mirsad/model';
import { SEARCH_DIR, searchTokensOf, type SearchTokens } from '@mirsad/model/search-index';
import { ColumnarAppender } from './columns.ts';
import {
  ARTICLE_INPUT_KEY,
  ARTICLE_SEQ,
  articleValues,
  rowValues,
  STATE_ITEM_SEQ,
  STAGE_ARTICLE_COLUMNS,
  type ArticleExtras,
  type Columns,
} from './staged-rows.ts';
import type { StagedDoc } from '../staging.ts';
import { SearchIndexBuilder } from './search-build.ts';
import { compactSearchFiles } from './search-files.ts';
import { NO_TIMER, type PhaseTimer } from './timings.ts';
import { viewsSqlFor } from './views-file.ts';
import {
  acquireLock,
  currentVersion,
  newVersionName,
  preparePublish,
  publish,
  removeLeftovers,
  sealVersion,
  versionsDir,
  WORK_PREFIX,
  workDirFor,
  type OutLock,
} from './publish.ts';

/** Moments of a run a test can stop it at (see MIRSAD_TEST_PAUSE_AT in the CLI); 'staged': every input read and kept for --resume. */
export type RunPhase = 'read' | 'staged' | 'parquet' | 'swap';
export type Checkpoint = (phase: RunPhase) => Promise<void> | void;

/**
 * What the corpus-level steps need of each article beyond the contract tables, staged during the run
 * and kept in a version's `_state/` folder, so that `--append` and `merge` can run those steps again
 * over old and new articles together: `state_items` holds JSON payloads of one `kind` in input order
 * (seq, pos); `state_mentions` the provisional (pre-resolution) entity id of each discovered mention.
 */
export type StateKind = 'discovered' | 'spelling' | 'claim' | 'linkable' | 'outlet';
const STATE_TABLES_SQL = [
  'CREATE TABLE state_items (kind VARCHAR NOT NULL, seq INTEGER NOT NULL, pos INTEGER NOT NULL, article_id VARCHAR, payload VARCHAR NOT NULL)',
  'CREATE TABLE state_mentions (article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, entity_id VARCHAR NOT NULL)',
];
/** The staged article columns kept in `_state/articles.parquet` (the rest is in articles/). */
const STATE_ARTICLE_COLUMNS = ['article_id', 'seq', 'base_id', 'input_key', 'outlet_id', 'exact_key', 'minhash', 'bands'];
export const STATE_DIR = '_state';

/**
 * Tables whose rows an --append leaves as they were for the articles already in the warehouse (per
 * article rows, rejects; articles too unless duplicate_of or outlet_id changed): their files are kept.
 * Mentions are not: entity resolution over the new names can give old mentions other ids.
 */
const KEPT_TABLES: ReadonlySet<TableName> = new Set(['articles', 'topics', 'topic_evidence', 'rejects']);

/**
 * The files of one part of a version's `_state/` in row order: `<name>.parquet`, then the rows each
 * --append added, `<name>.1.parquet`, `<name>.2.parquet`, … (see writeState).
 */
export function stateFiles(versionDir: string, name: string): string[] {
  const dir = path.join(versionDir, STATE_DIR);
  const added = (existsSync(dir) ? readdirSync(dir) : [])
    .map((f) => /^(.+)\.(\d+)\.parquet$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === name)
    .map((m) => Number(m[2]))
    .sort((a, b) => a - b);
  return [`${name}.parquet`, ...added.map((k) => `${name}.${k}.parquet`)].map((f) => path.join(dir, f));
}

function stateSource(versionDir: string, name: string): string {
  return `read_parquet([${stateFiles(versionDir, name).map(quoteLiteral).join(', ')}])`;
}

/** A hard link (a version shares the unchanged files of the one before), or a copy where links fail. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** How a corpus-level step ended; a step that failed leaves its outputs empty and the run publishes (table run_steps). */
export interface StepOutcome {
  step: string;
  done: boolean;
  detail: string | null;
}

/**
 * The tables of one row (or a few) per article, stage_articles and stage_search, are in a database of
 * their own (ROWS_DB, `stage-rows.duckdb`) whose row groups hold one flush of them: FLUSH_ROWS.articles
 * rows, a flush holding exactly that many, so that a flush appends whole row groups (which DuckDB can
 * write to the database file as they are, we take it, rather than log them and fill a partial row group
 * that later checkpoints write again). With DuckDB's default 122,880-row groups the article phase's main
 * thread stalled for seconds at some flushes (16 s at the 122,880th article of ANT × 4) and its CPU per
 * article rose with the run; with these, a third less of it and flat (docs/MEASUREMENTS.md). The other
 * tables keep the default: the parallel, order-keeping export of mentions from 4,096-row groups ran out
 * of the staging memory limit.
 */
const ROWS_DB = 'stage_rows';
const ROWS_TABLES: ReadonlySet<string> = new Set(['stage_articles', 'stage_search']);

type StagedTable = TableName | 'stage_articles' | 'state_items' | 'state_mentions' | 'stage_search';

/**
 * Each staged article's rows of the search index (@mirsad/model/search-index SearchTokens, made by the
 * workers with the rest of the article), which finish puts in order into `_search/` (search-build.ts). An article
 * without a row here (loaded from a warehouse by merge) gets its tokens from its staged title and body.
 */
const STAGE_SEARCH_SQL = `CREATE TABLE IF NOT EXISTS ${ROWS_DB}.stage_search (seq INTEGER NOT NULL, article_id VARCHAR NOT NULL, tokens VARCHAR NOT NULL, tokens_al VARCHAR NOT NULL)`;

/**
 * In a run's staging folder once every input is staged: from then on a run that fails or is killed
 * keeps the folder, and `mirsad ingest --resume` runs the corpus-level steps and publishes from it.
 */
export const RESUME_FILE = 'resume.json';

/**
 * The layout of the staging tables, recorded in RESUME_FILE: a staging folder left by a build that laid
 * its tables out otherwise (2: the duplicate pairs in stage_duplicates, not a column of stage_articles)
 * is not resumed but reported, and the run made again.
 */
export const STAGING_LAYOUT = 2;

/** The tables the corpus-level steps and finish fill; empty when the article phase ends (see undoCorpusSteps). */
const DERIVED_TABLES: readonly TableName[] = ['entities', 'outlets', 'topic_defs', 'visits', 'visit_evidence', 'article_visits', 'entity_aliases', 'run_steps'];

/** What a run records for --resume beside its staged tables (the pipeline's own part is `run`). */
interface ResumeFile<R> {
  /** STAGING_LAYOUT of the build that staged the run; absent before layout 2. */
  layout?: number;
  kept: { dir: string; fromSeq: number; rejects: number } | null;
  stagedAt: string;
  run: R;
}

/** `mirsad ingest --resume` found no run to finish at that --out. */
export class NothingToResumeError extends Error {
  override name = 'NothingToResumeError';
}

/**
 * The Parquet writer holds a whole row group in memory (122,880 article bodies are ~360 MB, more than
 * the staging limit), and a reader of one article's body decompresses its row group's bodies whole (at
 * 16 MB, 79 ms of CPU for an article's page): article row groups stop at 2,048 rows (DuckDB's smallest,
 * one chunk; ~5 MB of bodies) or 4 MB, whichever comes first.
 */
const ARTICLE_ROW_GROUP = 2_048;
/** The COPY options of an articles file: rows per row group, and bytes (DuckDB allows them only without its order bookkeeping). */
export const ARTICLE_COPY_OPTIONS = `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ARTICLE_ROW_GROUP}, ROW_GROUP_SIZE_BYTES '4MB'`;
/** Rows per row group of the other tables' files. */
const ROW_GROUP = 122_880;

const FLUSH_ROWS = { articles: 4_096, other: 65_536 } as const;

export const STAGING_MEMORY_LIMIT = '256MB';

/**
 * Closing the staging database writes its log into the database file (a checkpoint) by default: work
 * for nothing when the run is published (the folder is removed next) and for nothing when it is kept
 * for --resume (opening it replays the log). DuckDB still checkpoints on its own as the log grows.
 */
const NO_CHECKPOINT_ON_CLOSE = 'PRAGMA disable_checkpoint_on_shutdown';

const STAGE_ARTICLES_SQL = `CREATE TABLE ${ROWS_DB}.stage_articles (
  ${TABLES.articles
    .filter((c) => c.name !== 'duplicate_of')
    .map((c) => `${quoteIdent(c.name)} ${c.type}`)
    .join(', ')},
  seq INTEGER NOT NULL, exact_key VARCHAR NOT NULL, minhash UINTEGER[] NOT NULL, bands VARCHAR[] NOT NULL,
  base_id VARCHAR, input_key VARCHAR
)`;

/**
 * articles.duplicate_of of the staged articles: one row per article that is a copy of an earlier one,
 * written whole by the duplicate step (DuplicateStep) in the main staging database, and joined by
 * every reader (stagedArticles, the kept version's changes, the new rows of an --append). It was a
 * column of stage_articles set by an UPDATE: over its 4,096-row groups, on a synthetic 1M stage, the
 * duplicate step took 16.3 s of CPU with that UPDATE, 4.4 s with this table (docs/MEASUREMENTS.md).
 */
const STAGE_DUPLICATES = 'stage_duplicates';
const STAGE_DUPLICATES_SQL = `CREATE OR REPLACE TABLE ${STAGE_DUPLICATES} (article_id VARCHAR NOT NULL, duplicate_of VARCHAR NOT NULL)`;

/** The staging instance's settings: an in-memory catalog, the staging databases attached to it (connectStaging). */
function stagingConfig(workDir: string, memoryLimit: string | undefined): Record<string, string> {
  return {
    temp_directory: path.join(workDir, 'tmp'),
    preserve_insertion_order: 'true',
    // The staging database lives on disk; without a cap DuckDB keeps every page it wrote cached,
    // and resident memory grows with the corpus (1 GiB for ANT's 41,661 articles).
    memory_limit: memoryLimit ?? STAGING_MEMORY_LIMIT,
  };
}

/**
 * A connection that sees the staging tables by their names (new tables go to `stage`); `workDir`
 * given, the two databases are attached first (ROW_GROUP_SIZE is an option of ATTACH only).
 */
async function connectStaging(instance: DuckDBInstance, workDir?: string): Promise<DuckDBConnection> {
  const c = await instance.connect();
  try {
    if (workDir !== undefined)
      await c.run(
        `ATTACH ${quoteLiteral(path.join(workDir, 'stage.duckdb'))} AS stage; ATTACH ${quoteLiteral(path.join(workDir, 'stage-rows.duckdb'))} AS ${ROWS_DB} (ROW_GROUP_SIZE ${FLUSH_ROWS.articles})`,
      );
    await c.run(`USE stage; SET search_path = 'stage.main,${ROWS_DB}.main'`);
  } catch (err) {
    c.closeSync();
    throw err;
  }
  return c;
}

/**
 * The duplicate step, run on the staging connection over `stage_articles` (link/duplicate-groups.ts's
 * markDuplicates), writing the table `into` (the columns of STAGE_DUPLICATES_SQL, made anew): the
 * writer runs it at its moment in finish() but holds no duplicate policy.
 */
export type DuplicateStep = (c: DuckDBConnection, into: string) => Promise<{ duplicates: number }>;

/** Entity resolution's outcome for the staged mentions (resolve/cluster.ts). */
/** Ids that change at the end of a run, old → new; rows under any other id keep theirs. */
export interface FinalIds {
  /** articles.outlet_id: an outlet first named under another id. */
  outlets?: ReadonlyMap<string, string>;
  /** mentions.entity_id: a provisional discovered id → its resolved entity. */
  entities?: ReadonlyMap<string, string>;
  /** Provisional discovered ids that resolution found to be no entity: their mentions go. */
  droppedEntities?: ReadonlySet<string>;
}

export interface WriterCounts {
  rows: Record<TableName, number>;
  duplicates: number;
  /** Corpus-level steps and whether each was done (as in the run_steps table). */
  steps: StepOutcome[];
}

/** Tests only: corpus-level steps made to fail, to check that a run still publishes its articles. */
export interface FinishOptions {
  failStepsForTests?: readonly string[];
  /** Outcomes of the steps run before finish (entity resolution, visits), written to run_steps. */
  steps?: readonly StepOutcome[];
}

export interface WriterOptions {
  memoryLimit?: string;
  checkpoint?: Checkpoint;
  /** Where finish reports the time of each of its phases (MIRSAD_TIMINGS). */
  timer?: PhaseTimer;
}

export class WarehouseWriter {
  private readonly writers = new Map<StagedTable, { writer: ColumnarAppender; pending: number }>();
  private readonly counts = Object.fromEntries(TABLE_NAMES.map((t) => [t, 0])) as Record<TableName, number>;
  private finished = false;
  private published = false;
  /**
   * --append: the version whose rows are staged without their bodies; finish links its Parquet files
   * into the new version where its rows are unchanged and writes the new rows (seq ≥ fromSeq; rejects
   * after the first `rejects`) as another part file.
   */
  private kept: { dir: string; fromSeq: number; rejects: number } | null = null;
  /** Every input is staged (RESUME_FILE written): a failure from here on keeps the staging folder. */
  private resumable = false;
  /** Per table, the DICTIONARY_SIZE_LIMIT of its export (dictionaryLimitsOf), once finish has counted them. */
  private dictionaryLimits: Partial<Record<TableName, number>> | null = null;
  /** `threads` of the steps after the reading (oneThread()); null: DuckDB's default, one per core. */
  private threads: number | null = null;

  private constructor(
    readonly out: string,
    private readonly workDir: string,
    private readonly versionDir: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly lock: OutLock,
    private readonly checkpoint: Checkpoint,
    /** Where the run reports the time of its phases (MIRSAD_TIMINGS; the corpus-level steps report theirs too). */
    readonly timer: PhaseTimer,
  ) {}

  /**
   * Takes the lock on `out` (WarehouseBusyError if another run holds it), removes what crashed runs
   * left there, and opens a staging database for a new version.
   */
  static async create(out: string, options: WriterOptions = {}): Promise<WarehouseWriter> {
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
      instance = await DuckDBInstance.create(':memory:', stagingConfig(workDir, options.memoryLimit));
    } catch (err) {
      lock.release();
      throw err;
    }
    let connection: DuckDBConnection;
    try {
      connection = await connectStaging(instance, workDir);
    } catch (err) {
      instance.closeSync();
      lock.release();
      throw err;
    }
    const w = new WarehouseWriter(absOut, workDir, versionDir, instance, connection, lock, options.checkpoint ?? (() => {}), options.timer ?? NO_TIMER);
    try {
      // one transaction, one commit, per database (a commit waits for the write-ahead log to reach the disk)
      await connection.run(
        [
          NO_CHECKPOINT_ON_CLOSE,
          'BEGIN TRANSACTION',
          STAGE_ARTICLES_SQL,
          STAGE_SEARCH_SQL,
          'COMMIT',
          'BEGIN TRANSACTION',
          ...STATE_TABLES_SQL,
          STAGE_DUPLICATES_SQL,
          ...TABLE_NAMES.filter((t) => t !== 'articles').map((t) => createTableSql(t)),
          'COMMIT',
        ].join(';\n'),
      );
    } catch (err) {
      await w.abort();
      throw err;
    }
    return w;
  }

  /**
   * The writer of a run that stopped after its article phase (killed, or failed in a corpus-level
   * step or while writing Parquet), to finish it: takes the lock, removes every other leftover, opens
   * the run's staging database and undoes what the corpus-level steps had done there, so they run
   * again from the state the article phase left. Returns the pipeline's part of the resume record.
   */
  static async resume<R>(out: string, options: WriterOptions = {}): Promise<{ writer: WarehouseWriter; run: R }> {
    const absOut = path.resolve(out);
    const nothing = (why: string) =>
      new NothingToResumeError(`nothing to resume at ${absOut}: ${why} (a run stopped while reading its inputs cannot be resumed; run it again)`);
    if (!existsSync(versionsDir(absOut))) throw nothing('no run has written there');
    const lock = acquireLock(absOut);
    try {
      const stopped = readdirSync(versionsDir(absOut))
        .filter((name) => name.startsWith(WORK_PREFIX) && existsSync(path.join(versionsDir(absOut), name, RESUME_FILE)))
        .map((name) => {
          const record = JSON.parse(readFileSync(path.join(versionsDir(absOut), name, RESUME_FILE), 'utf8')) as ResumeFile<R>;
          return { version: name.slice(WORK_PREFIX.length), record };
        })
        .sort((a, b) => (a.record.stagedAt < b.record.stagedAt ? -1 : a.record.stagedAt > b.record.stagedAt ? 1 : 0));
      const last = stopped.at(-1);
      // a run killed between its swap and removing its staging is published: nothing is left to do
      if (last && currentVersion(absOut) === last.version) rmSync(workDirFor(absOut, last.version), { recursive: true, force: true });
      if (!last || currentVersion(absOut) === last.version) throw nothing('no run stopped there after staging its articles');
      if ((last.record.layout ?? 1) !== STAGING_LAYOUT)
        throw nothing(
          `the run stopped there was staged by another version of mirsad (staging layout ${last.record.layout ?? 1}; this one reads ${STAGING_LAYOUT})`,
        );
      const workDir = workDirFor(absOut, last.version);
      removeLeftovers(absOut, path.basename(workDir));
      const versionDir = path.join(versionsDir(absOut), last.version);
      // what the stopped run had written of its version (sealed or not) is written again
      rmSync(versionDir, { recursive: true, force: true });
      const instance = await DuckDBInstance.create(':memory:', stagingConfig(workDir, options.memoryLimit));
      const connection = await connectStaging(instance, workDir).catch((err: Error) => {
        instance.closeSync();
        throw err;
      });
      await connection.run(NO_CHECKPOINT_ON_CLOSE).catch((err: Error) => {
        connection.closeSync();
        instance.closeSync();
        throw err;
      });
      const w = new WarehouseWriter(absOut, workDir, versionDir, instance, connection, lock, options.checkpoint ?? (() => {}), options.timer ?? NO_TIMER);
      w.kept = last.record.kept;
      w.resumable = true;
      try {
        await connection.run(STAGE_SEARCH_SQL);
        await w.undoCorpusSteps();
        for (const t of TABLE_NAMES) w.counts[t] = await w.scalar(`SELECT count(*) FROM ${t === 'articles' ? 'stage_articles' : quoteIdent(t)}`);
        await w.open();
      } catch (err) {
        w.closeDb();
        throw err;
      }
      return { writer: w, run: last.record.run };
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /**
   * Puts the staged tables back as the article phase left them: the outlet ids finish renamed, the
   * mentions' provisional entity ids (from state_mentions, as load does), no duplicate_of, and the
   * tables the corpus-level steps fill emptied.
   */
  private async undoCorpusSteps(): Promise<void> {
    const c = this.connection;
    if ((await this.scalar(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'outlet_undo' AND NOT temporary`)) > 0) {
      await c.run('UPDATE stage_articles SET outlet_id = u.outlet_id FROM outlet_undo u WHERE stage_articles.article_id = u.article_id');
      await c.run('DROP TABLE outlet_undo');
    }
    await c.run(`UPDATE mentions SET entity_id = p.entity_id FROM state_mentions p
      WHERE mentions.article_id = p.article_id AND mentions.start = p.start AND mentions."end" = p."end" AND mentions.entity_id <> p.entity_id`);
    await c.run(STAGE_DUPLICATES_SQL);
    for (const t of DERIVED_TABLES) await c.run(`DELETE FROM ${quoteIdent(t)}`);
  }

  /**
   * Ends the article phase: every row appended is committed to the staging database and RESUME_FILE
   * written (with `run`, what the pipeline needs to finish), so that from here on a failed or killed
   * run can be finished by --resume instead of read again.
   */
  async markResumable<R>(run: R): Promise<void> {
    await this.commitAppenders();
    const file = path.join(this.workDir, RESUME_FILE);
    const record: ResumeFile<R> = { layout: STAGING_LAYOUT, kept: this.kept, stagedAt: new Date().toISOString(), run };
    writeFileSync(`${file}.tmp`, `${JSON.stringify(record)}\n`);
    renameSync(`${file}.tmp`, file);
    this.resumable = true;
    await this.open();
  }

  /**
   * The steps from here on (corpus steps, Parquet export) on one DuckDB thread: for a small run,
   * whose every query is over a few hundred rows, a second thread only adds its start-up and the
   * handing over of each query's tasks (on data/raw, some 0.3 s of CPU). The files are the same.
   */
  async oneThread(): Promise<void> {
    this.threads = 1;
    await this.connection.run('SET threads = 1');
  }

  /** Puts `threads` back to the run's own after a step that set it (oneThread(), or DuckDB's default). */
  private get restoreThreads(): string {
    return this.threads === null ? 'RESET threads' : `SET threads = ${this.threads}`;
  }

  /**
   * `step` on one DuckDB thread without insertion order (when `when`), then the run's own threads and
   * order again: the large sorts and scans of a run's size stay within the staging memory limit, and a
   * plain scan keeps the rows in their order.
   */
  private async singleThreaded<T>(step: () => Promise<T>, when = true): Promise<T> {
    if (!when) return step();
    await this.connection.run('SET threads = 1; SET preserve_insertion_order = false');
    try {
      return await step();
    } finally {
      await this.connection.run(`${this.restoreThreads}; SET preserve_insertion_order = true`);
    }
  }

  /** True once the article phase is over and kept (markResumable): a failure leaves the run to --resume. */
  get isResumable(): boolean {
    return this.resumable && !this.published;
  }

  private async writerFor(table: StagedTable) {
    let entry = this.writers.get(table);
    if (!entry) {
      const appender = await this.connection.createAppender(
        table === 'state_items' && this.kept ? 'state_items_run' : table,
        null,
        ROWS_TABLES.has(table) ? ROWS_DB : null,
      );
      entry = { writer: new ColumnarAppender(appender), pending: 0 };
      this.writers.set(table, entry);
    }
    return entry.writer;
  }

  /** Appenders must exist before rows arrive synchronously; call once before the first append. */
  async open(): Promise<void> {
    for (const t of [
      'stage_articles',
      'mentions',
      'topics',
      'topic_evidence',
      'article_visits',
      'rejects',
      'entities',
      'outlets',
      'topic_defs',
      'visits',
      'visit_evidence',
      'state_items',
      'state_mentions',
      'stage_search',
    ] as const) {
      await this.writerFor(t);
    }
  }

  /**
   * The writer for `table`. A DuckDB appender keeps what it is given in memory until it holds about
   * 200,000 rows — a gigabyte of article bodies — so rows are flushed to the staging table every
   * FLUSH_ROWS instead (measured: RSS grew 0.3 → 1.9 GB over 208,000 articles without it).
   */
  private sync(table: StagedTable, rows = 1): ColumnarAppender {
    const entry = this.writers.get(table);
    if (!entry) throw new Error(`writer for ${table} not opened`);
    // flushed before the rows that would take it past FLUSH_ROWS: a flush of single rows holds FLUSH_ROWS of them
    if (entry.pending > 0 && entry.pending + rows > FLUSH_ROWS[ROWS_TABLES.has(table) ? 'articles' : 'other']) {
      entry.writer.flush();
      entry.writer.appender.flushSync();
      entry.pending = 0;
    }
    entry.pending += rows;
    return entry.writer;
  }

  append<T extends Exclude<TableName, 'articles'>>(table: T, row: Row<T>): void {
    this.sync(table).appendRow(rowValues(table, row));
    this.counts[table]++;
  }

  appendArticle(row: Omit<Row<'articles'>, 'duplicate_of'>, extras: ArticleExtras): void {
    this.sync('stage_articles').appendRow(articleValues(row, extras));
    this.counts.articles++;
  }

  /**
   * An article's rows as a worker built them (staging.ts), under its input position `seq` and input
   * key: the rows, in their order, that appendArticle, appendSearch, append and appendState gave it.
   */
  appendStaged(doc: StagedDoc, seq: number, inputKey: string | null): void {
    const article = doc.article;
    article[ARTICLE_SEQ] = seq;
    article[ARTICLE_INPUT_KEY] = inputKey;
    if (article.length !== STAGE_ARTICLE_COLUMNS.length) throw new Error('stage_articles column mismatch');
    this.sync('stage_articles').appendRow(article);
    this.counts.articles++;
    this.sync('stage_search').appendRow([seq, article[0] as string, doc.search[0], doc.search[1]]);
    for (const t of ['mentions', 'topics', 'topic_evidence'] as const) this.counts[t] += this.appendColumns(t, doc.rows[t]);
    const items = doc.rows.state_items;
    if (items[STATE_ITEM_SEQ]) (items[STATE_ITEM_SEQ] as unknown[]).fill(seq);
    this.appendColumns('state_items', items);
    this.appendColumns('state_mentions', doc.rows.state_mentions);
  }

  /** Rows given as columns; returns how many. */
  private appendColumns(table: StagedTable, cols: Columns): number {
    const n = cols[0]?.length ?? 0;
    if (n > 0) this.sync(table, n).appendColumns(cols, n);
    return n;
  }

  /** An article's rows of the search index (the article staged with appendArticle under `seq` and `articleId`). */
  appendSearch(seq: number, articleId: string, search: SearchTokens): void {
    this.sync('stage_search').appendRow([seq, articleId, search.tokens, search.tokensAl]);
  }

  /** A row of corpus-level state (see StateKind); `payload` is JSON. */
  appendState(kind: StateKind, seq: number, pos: number, articleId: string | null, payload: unknown): void {
    this.sync('state_items').appendRow([kind, seq, pos, articleId, JSON.stringify(payload)]);
  }

  /** Makes every row appended so far visible to queries (the corpus-level steps read them back). */
  async flush(): Promise<void> {
    await this.commitAppenders();
    await this.open();
  }

  /** Rows of a query on the staging database, for the corpus-level steps, a chunk at a time. */
  async *rows(sql: string): AsyncGenerator<unknown[][]> {
    const result = await this.connection.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) return;
      yield chunk.getRows() as unknown[][];
    }
  }

  async scalar(sql: string): Promise<number> {
    return Number((await this.connection.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0);
  }

  /** scalar of each query, all in one statement. */
  async scalars(sqls: readonly string[]): Promise<number[]> {
    const row = (await this.connection.runAndReadAll(`SELECT ${sqls.map((q) => `(${q})`).join(', ')}`)).getRows()[0] ?? [];
    return sqls.map((_, i) => Number(row[i] ?? 0));
  }

  /** Largest seq staged so far, -1 when none (the next input of an --append run comes after it). */
  async maxSeq(): Promise<number> {
    const r = await this.connection.runAndReadAll('SELECT max(seq) FROM (SELECT seq FROM stage_articles UNION ALL SELECT seq FROM state_items)');
    const v = r.getRows()[0]?.[0];
    return v === null || v === undefined ? -1 : Number(v);
  }

  /**
   * Stages a published version (its tables and `_state/`) as if its articles had been read in this run:
   * articles with their staged outlet ids, mentions with their provisional entity ids, topics,
   * evidence, rejects and the corpus-level state. Tables the corpus-level steps write (entities,
   * outlets, visits, links, aliases, duplicates) are not taken: this run makes them again.
   * `renames` (a SELECT of old_id, new_id) gives some of its articles other ids (see planMergedIds).
   * `keep` (--append, one version): its articles are staged without their bodies and its state
   * items read from its files in place; finish links the files whose rows do not change (exportAppended).
   */
  async load(
    versionDir: string,
    renames = 'SELECT NULL::VARCHAR AS old_id, NULL::VARCHAR AS new_id WHERE false',
    options: { keep?: boolean } = {},
  ): Promise<void> {
    if (options.keep && this.kept) throw new Error('only one version can be kept (--append loads one)');
    const state = path.join(versionDir, STATE_DIR);
    if (!existsSync(path.join(state, 'articles.parquet'))) {
      throw new Error(`${versionDir} has no ${STATE_DIR}/ folder: it was written by an older mirsad; run a full ingest first`);
    }
    await this.commitAppenders();
    const c = this.connection;
    await c.run(`CREATE OR REPLACE TEMP TABLE load_ids AS ${renames}`);
    const table = (t: string) => `read_parquet(${quoteLiteral(path.join(versionDir, t, '**', '*.parquet'))}, hive_partitioning = false, union_by_name = true)`;
    const stateFile = (name: string) => stateSource(versionDir, name);
    // every table with an article_id, read with the renames applied
    const renamed = (from: string, cols: string[]) =>
      `SELECT ${cols.map((col) => (col === 'article_id' ? 'coalesce(r.new_id, x.article_id) AS article_id' : `x.${quoteIdent(col)}`)).join(', ')}
       FROM ${from} x LEFT JOIN load_ids r ON r.old_id = x.article_id`;
    // kept: the bodies stay in the version's files (finish links them), only a placeholder is staged
    const articleCols = TABLES.articles
      .filter((col) => col.name !== 'duplicate_of' && col.name !== 'outlet_id')
      .map((col) => (options.keep && col.name === 'body' ? `''::VARCHAR AS body` : `a.${quoteIdent(col.name)}`));
    // Both files were written by a plain scan of one staged table, so row n of one is row n of the
    // other: a positional join streams the bodies through, where a hash join on the id would hold a
    // side of it in memory (a million bodies ran out of the memory limit). Checked, not assumed.
    const misaligned = await this.scalar(
      `SELECT count(*) FROM (SELECT article_id FROM ${table('articles')}) a POSITIONAL JOIN (SELECT article_id AS k_id FROM ${stateFile('articles')}) k WHERE a.article_id IS DISTINCT FROM k.k_id`,
    );
    const phase = (name: string) => {
      if (options.keep) this.timer.phase(`staging the kept version: ${name}`);
    };
    phase('articles');
    const join = misaligned === 0 ? 'POSITIONAL JOIN' : 'JOIN';
    const on = misaligned === 0 ? '' : 'ON k.article_id = a.article_id';
    await this.singleThreaded(() =>
      c.run(`INSERT INTO stage_articles BY NAME
        ${renamed(
          `(SELECT ${articleCols.join(', ')}, k.outlet_id, k.seq, k.exact_key, k.minhash, k.bands, k.base_id, k.input_key
            FROM ${table('articles')} a ${join} ${stateFile('articles')} k ${on})`,
          [
            ...TABLES.articles.filter((col) => col.name !== 'duplicate_of').map((col) => col.name),
            'seq',
            'exact_key',
            'minhash',
            'bands',
            'base_id',
            'input_key',
          ],
        )}`),
    );
    phase('mentions');
    await c.run(
      `INSERT INTO mentions ${renamed(
        `(SELECT m.article_id, coalesce(p.entity_id, m.entity_id) AS entity_id, m.surface, m.start, m."end", m.sentence, m.method
        FROM ${table('mentions')} m LEFT JOIN ${stateFile('mentions')} p ON p.article_id = m.article_id AND p.start = m.start AND p."end" = m."end")`,
        TABLES.mentions.map((col) => col.name),
      )}`,
    );
    phase('topics, rejects, state');
    for (const t of ['topics', 'topic_evidence'] as const) {
      await c.run(
        `INSERT INTO ${quoteIdent(t)} ${renamed(
          table(t),
          TABLES[t].map((col) => col.name),
        )}`,
      );
    }
    await c.run(`INSERT INTO rejects SELECT source, reason, detail FROM ${table('rejects')}`);
    await c.run(`INSERT INTO state_mentions ${renamed(stateFile('mentions'), ['article_id', 'start', 'end', 'entity_id'])}`);
    if (options.keep) {
      // the kept items are read where they are: the run's own go to state_items_run (see writerFor)
      await c.run('ALTER TABLE state_items RENAME TO state_items_run');
      await c.run(`CREATE VIEW state_items AS SELECT kind, seq, pos, article_id, payload FROM ${stateFile('items')} UNION ALL SELECT * FROM state_items_run`);
    } else {
      await c.run(`INSERT INTO state_items ${renamed(stateFile('items'), ['kind', 'seq', 'pos', 'article_id', 'payload'])}`);
    }
    await c.run('DROP TABLE load_ids');
    if (options.keep) {
      this.kept = { dir: versionDir, fromSeq: (await this.maxSeq()) + 1, rejects: await this.scalar('SELECT count(*) FROM rejects') };
    }
    await this.open();
  }

  /**
   * An input (the same source and content: its input key) that more than one of the versions
   * holds, with the indices of those versions; null when the inputs of the versions are disjoint,
   * as the shards of one input are. Merging two warehouses that share inputs would hold those
   * articles twice, under ids that collide.
   */
  async sharedInput(versionDirs: readonly string[]): Promise<{ source: string; parts: number[] } | null> {
    const parts = versionDirs.map(
      (v, k) => `SELECT ${k} AS part, k.input_key, a.source
        FROM ${stateSource(v, 'articles')} k
        JOIN read_parquet(${quoteLiteral(path.join(v, 'articles', '**', '*.parquet'))}, union_by_name = true) a ON a.article_id = k.article_id`,
    );
    const r = await this.connection.runAndReadAll(`SELECT min(source), list(DISTINCT part ORDER BY part)
      FROM (${parts.join(' UNION ALL ')}) WHERE input_key IS NOT NULL
      GROUP BY input_key HAVING count(DISTINCT part) > 1 ORDER BY 1 LIMIT 1`);
    const row = r.getRowsJS()[0];
    return row ? { source: String(row[0]), parts: (row[1] as number[]).map(Number) } : null;
  }

  /**
   * Before loading several shards (load with `SELECT old_id, new_id FROM merge_ids WHERE part = k`):
   * an article id that more than one input took (the same title and body, in different shards) stays
   * with the first input by seq, and each later one gets the id a single run gives it (pipeline
   * uniqueIds: sha256 of the id, its source and 1). Returns the number of articles renamed.
   */
  async planMergedIds(versionDirs: readonly string[]): Promise<number> {
    const parts = versionDirs.map(
      (v, k) => `SELECT ${k} AS part, k.article_id, k.base_id, k.seq, a.source
        FROM ${stateSource(v, 'articles')} k
        JOIN read_parquet(${quoteLiteral(path.join(v, 'articles', '**', '*.parquet'))}, union_by_name = true) a ON a.article_id = k.article_id`,
    );
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE merge_ids AS
      WITH every AS (${parts.join(' UNION ALL ')}),
      repeated AS (SELECT base_id FROM every GROUP BY base_id HAVING count(*) > 1)
      SELECT part, old_id, new_id FROM (
        SELECT part, article_id AS old_id, CASE WHEN row_number() OVER (PARTITION BY base_id ORDER BY seq) = 1 THEN base_id
          ELSE left(sha256(base_id || chr(10) || source || chr(10) || '1'), 16) END AS new_id
        FROM every WHERE base_id IN (SELECT base_id FROM repeated)
      ) WHERE new_id <> old_id`);
    return this.scalar('SELECT count(*) FROM merge_ids');
  }

  /**
   * closeAppenders in one transaction per staging database (a transaction writes to one): one commit
   * for every table's last rows instead of one per table (each commit waits for the write-ahead log
   * to reach the disk).
   */
  private async commitAppenders(): Promise<void> {
    for (const rowsDb of [true, false]) {
      if (![...this.writers.keys()].some((t) => ROWS_TABLES.has(t) === rowsDb)) continue;
      await this.connection.run('BEGIN TRANSACTION');
      try {
        this.closeAppenders((t) => ROWS_TABLES.has(t) === rowsDb);
      } catch (err) {
        await this.connection.run('ROLLBACK').catch(() => {});
        throw err;
      }
      await this.connection.run('COMMIT');
    }
  }

  private closeAppenders(which: (table: StagedTable) => boolean = () => true): void {
    for (const [table, { writer }] of this.writers) {
      if (!which(table)) continue;
      writer.flush();
      writer.appender.flushSync();
      writer.appender.closeSync();
      this.writers.delete(table);
    }
  }

  /**
   * Gives the staged articles their final outlet ids and the staged mentions their final entity ids,
   * counts every entity's spellings into entity_aliases, resolves duplicates, exports every table to
   * Parquet, writes views.sql and publishes.
   */
  async finish(dedupe: DuplicateStep, ids: FinalIds = {}, options: FinishOptions = {}): Promise<WriterCounts> {
    if (this.finished) throw new Error('writer already finished');
    this.finished = true;
    const c = this.connection;
    let step = 'flushing the last rows';
    this.timer.phase(step);
    let search: Promise<void> | null = null;
    try {
      await this.commitAppenders();
      // before the steps below change outlet and entity ids: a later run starts again from these
      mkdirSync(this.versionDir, { recursive: true });
      // the search index needs only the staged tokens, which the steps below leave as they are: it is
      // built on a connection of its own while they run (its JS work while theirs is DuckDB's)
      step = 'staging missing search tokens';
      this.timer.phase(step);
      await this.stageMissingSearchTokens(this.kept ? `seq >= ${this.kept.fromSeq}` : 'true');
      search = this.writeSearchIndex();
      search.catch(() => {}); // awaited below; a failure meanwhile is not "unhandled"
      step = `writing ${STATE_DIR}/`;
      this.timer.phase(step);
      await this.writeState();
      step = 'merging outlet ids';
      this.timer.phase(step);
      await this.renameOutlets(ids.outlets ?? new Map());
      step = 'resolving entities';
      this.timer.phase('remapping entities, aliases');
      await this.remapEntities(ids.entities ?? new Map(), ids.droppedEntities ?? new Set());
      this.counts.entity_aliases = await this.writeAliases();
      step = 'finding duplicates';
      this.timer.phase(step);
      const steps = [...(options.steps ?? [])];
      let duplicates = 0;
      // A corpus-level step that fails leaves its column empty and says so in run_steps: the run's
      // articles are published all the same (a million articles are not thrown away for a duplicate).
      try {
        if (options.failStepsForTests?.includes('duplicates')) throw new Error('failure injected for a test');
        duplicates = (await dedupe(c, STAGE_DUPLICATES)).duplicates;
        steps.push({ step: 'duplicates', done: true, detail: null });
      } catch (err) {
        await c.run(STAGE_DUPLICATES_SQL).catch(() => {});
        steps.push({ step: 'duplicates', done: false, detail: `articles.duplicate_of not set: ${(err as Error).message}` });
      }
      if (steps.length > 0)
        await c.run(
          `INSERT INTO run_steps VALUES ${steps.map((s) => `(${quoteLiteral(s.step)}, ${s.done}, ${s.detail === null ? 'NULL' : quoteLiteral(s.detail)})`).join(', ')}`,
        );
      this.counts.run_steps = steps.length;
      this.timer.phase('dictionary limits');
      this.dictionaryLimits = await this.dictionaryLimitsOf();
      for (const t of TABLE_NAMES) {
        step = `writing ${t}.parquet`;
        this.timer.phase(step);
        const dir = path.join(this.versionDir, t);
        mkdirSync(dir);
        if (this.kept && KEPT_TABLES.has(t)) await this.exportAppended(t, this.kept, dir);
        else if (t === 'articles') {
          await this.copyTable(t, await this.stagedArticles(), path.join(dir, 'part-0.parquet'));
          // the ordered column (some 40 MB at a million articles) is not kept for the tables after it
          await this.connection.run('DROP TABLE IF EXISTS article_duplicates');
        } else await this.copyTable(t, quoteIdent(t), path.join(dir, 'part-0.parquet'));
        if (t === 'articles') await this.checkpoint('parquet');
      }
      step = 'writing the search index';
      this.timer.phase(step);
      await search;
      step = 'publishing';
      this.timer.phase(step);
      writeFileSync(path.join(this.versionDir, 'views.sql'), viewsSqlFor(this.out, realpathSync(this.versionDir)));
      // the version's files are flushed on the thread pool while this thread closes the staging database
      this.timer.phase('sealing, closing staging');
      const sealing = sealVersion(this.out, this.versionDir);
      sealing.catch(() => {}); // awaited next; a failure meanwhile is not "unhandled"
      this.closeDb();
      await sealing;
      await this.checkpoint('swap');
      // the swap, then what it leaves behind: older versions and this run's staging folder
      this.timer.phase('swapping, removing staging');
      this.lock.assertHeld();
      publish(this.out, this.versionDir);
      this.published = true;
      rmSync(this.workDir, { recursive: true, force: true });
      this.lock.release();
      this.timer.end();
      return { rows: { ...this.counts }, duplicates, steps };
    } catch (err) {
      // the index's connection stops before the database closes
      await search?.catch(() => {});
      await this.abort();
      (err as Error).message = `while ${step}: ${(err as Error).message}`;
      throw err;
    }
  }

  /**
   * Every staged article with its duplicate_of, in staging order (a parenthesised SELECT for copyTable).
   * A join would not keep that order (DuckDB's hash join puts a chunk's rows with a match before those
   * without), so the column is made in that order first, narrow, sorted by the staged row, and put beside
   * the articles by position.
   */
  private async stagedArticles(): Promise<string> {
    if ((await this.scalar(`SELECT count(*) FROM ${STAGE_DUPLICATES}`)) === 0) return '(SELECT *, NULL::VARCHAR AS duplicate_of FROM stage_articles)';
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE article_duplicates AS
      SELECT d.duplicate_of FROM (SELECT rowid AS staged_row, article_id FROM stage_articles) s
      LEFT JOIN ${STAGE_DUPLICATES} d ON d.article_id = s.article_id ORDER BY s.staged_row`);
    // one row per article, or the articles would be written beside another article's column (and
    // with empty rows past the end): an id staged twice fails the run, the previous version stays
    const [articles, rows] = await this.scalars(['SELECT count(*) FROM stage_articles', 'SELECT count(*) FROM article_duplicates']);
    if (articles !== rows) throw new Error(`${(rows ?? 0) - (articles ?? 0)} duplicate rows more than articles: an article id was staged more than once`);
    return '(SELECT * FROM stage_articles POSITIONAL JOIN article_duplicates)';
  }

  /** One Parquet file of `table`'s columns from `from` (a table name or a parenthesised SELECT), in the order of `orderBy` if given. */
  private async copyTable(table: TableName, from: string, file: string, orderBy?: string): Promise<void> {
    const c = this.connection;
    const cols = TABLES[table].map((col) => `CAST(${quoteIdent(col.name)} AS ${col.type}) AS ${quoteIdent(col.name)}`);
    const isArticles = table === 'articles';
    // A plain scan keeps input order without sorting. For bodies: one thread (an ordered parallel
    // COPY holds several row groups of bodies at once) and row groups bounded in bytes, which DuckDB
    // allows only without its order bookkeeping; one thread scanning the table keeps the order.
    // Not the articles: every id there is distinct, and a dictionary of them made the articles list 2×
    // slower at 1M for no faster look-up. The other tables repeat an article's id in each of its rows;
    // DuckDB keeps a column's dictionary, and writes its bloom filter, only while the distinct values
    // stay under a tenth of the rows, so articles with few mentions each wrote article_id PLAIN and an
    // article's look-up read every row group (all 12.6M mention ids at 1M). The limit is the rows.
    const options = isArticles
      ? ARTICLE_COPY_OPTIONS
      : `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP}, DICTIONARY_SIZE_LIMIT ${this.dictionaryLimits?.[table] ?? ROW_GROUP}`;
    const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`;
    await this.singleThreaded(() => c.run(`COPY (SELECT ${cols.join(', ')} FROM ${from}${order}) TO ${quoteLiteral(file)} (${options})`), isArticles);
  }

  /**
   * The DICTIONARY_SIZE_LIMIT each table's export needs to write what ROW_GROUP gives: at most one
   * more than the values a column of it holds (rows, or list elements), up to ROW_GROUP. DuckDB
   * allocates and clears a dictionary of twice the limit's entries for every column it writes: ten
   * exports of a 50-row table of four text columns took 85–330 ms of CPU with a limit of ROW_GROUP,
   * 15–29 ms with 64 (on the busy machine). A column never holds more distinct values than values,
   * so every column is dictionary-encoded as before: data/raw's files come out byte for byte the same.
   */
  private async dictionaryLimitsOf(): Promise<Partial<Record<TableName, number>>> {
    const tables = TABLE_NAMES.filter((t) => t !== 'articles');
    const values = (t: TableName) => {
      const lists = TABLES[t].filter((col) => col.type.endsWith('[]')).map((col) => `coalesce(sum(len(${quoteIdent(col.name)})), 0)`);
      return `(SELECT ${lists.length > 0 ? `greatest(count(*), ${lists.join(', ')})` : 'count(*)'} FROM ${quoteIdent(t)})`;
    };
    const row = (await this.connection.runAndReadAll(`SELECT ${tables.map(values).join(', ')}`)).getRows()[0] ?? [];
    return Object.fromEntries(tables.map((t, i) => [t, Math.min(ROW_GROUP, Number(row[i] ?? ROW_GROUP) + 1)]));
  }

  /**
   * --append: a table of the kept version whose old rows this run leaves as they were is its old
   * part files, hard-linked (no byte copied), plus one part file of the new rows, named to sort after
   * them. Articles whose duplicate_of or outlet_id changed (a new article earlier than an old group's
   * first, an outlet id merged) make the old articles one rewritten file instead, their bodies read
   * from the kept files and the changed columns joined from the few rows that changed.
   */
  private async exportAppended(table: TableName, kept: { dir: string; fromSeq: number; rejects: number }, dir: string): Promise<void> {
    const c = this.connection;
    const oldDir = path.join(kept.dir, table);
    const oldGlob = quoteLiteral(path.join(oldDir, '**', '*.parquet'));
    const entries = existsSync(oldDir) ? readdirSync(oldDir, { withFileTypes: true }) : [];
    const parts = entries
      .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
      .map((e) => e.name)
      .sort();
    let rewrite = parts.length === 0 || parts.length !== entries.length;
    // every row of the other tables is staged: a folder that cannot be kept is written whole
    if (rewrite && table !== 'articles') return this.copyTable(table, quoteIdent(table), path.join(dir, 'part-0.parquet'));
    let changes = 'SELECT NULL::VARCHAR AS article_id, NULL::VARCHAR AS duplicate_of, NULL::VARCHAR AS outlet_id WHERE false';
    if (!rewrite && table === 'articles') {
      await c.run(`CREATE OR REPLACE TEMP TABLE kept_changes AS
        SELECT s.article_id, d.duplicate_of, s.outlet_id
        FROM stage_articles s JOIN (SELECT article_id, duplicate_of, outlet_id FROM read_parquet(${oldGlob}, union_by_name = true)) o ON o.article_id = s.article_id
        LEFT JOIN ${STAGE_DUPLICATES} d ON d.article_id = s.article_id
        WHERE s.seq < ${kept.fromSeq} AND (d.duplicate_of IS DISTINCT FROM o.duplicate_of OR s.outlet_id IS DISTINCT FROM o.outlet_id)`);
      rewrite = (await this.scalar('SELECT count(*) FROM kept_changes')) > 0;
      changes = 'SELECT * FROM kept_changes';
    }
    if (rewrite) {
      if (parts.length === 0) throw new Error(`cannot keep ${oldDir}: it holds no Parquet file`);
      // The old rows in their order (that of their _state/ rows, which load reads beside them by
      // position): the two changed columns made first in that order, narrow (a join puts a chunk's rows
      // with a match first), then put beside the old files' other columns by position.
      const files = `[${readdirSync(oldDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.parquet'))
        .sort()
        .map((f) => quoteLiteral(path.join(oldDir, f)))
        .join(', ')}]`;
      await c.run(`CREATE OR REPLACE TEMP TABLE kept_columns AS
        SELECT CASE WHEN k.article_id IS NULL THEN a.duplicate_of ELSE k.duplicate_of END AS duplicate_of,
          CASE WHEN k.article_id IS NULL THEN a.outlet_id ELSE k.outlet_id END AS outlet_id
        FROM read_parquet(${files}, union_by_name = true, filename = true, file_row_number = true) a LEFT JOIN (${changes}) k ON k.article_id = a.article_id
        ORDER BY list_position(${files}, a.filename), a.file_row_number`);
      const cols = TABLES.articles.map((col) => (col.name === 'duplicate_of' || col.name === 'outlet_id' ? `k.${col.name}` : `a.${quoteIdent(col.name)}`));
      await this.copyTable(
        table,
        `(SELECT ${cols.join(', ')} FROM read_parquet(${files}, union_by_name = true) a POSITIONAL JOIN kept_columns k)`,
        path.join(dir, 'part-0.parquet'),
      );
      // like article_duplicates: a column of every old article, not kept for the tables after it
      await c.run('DROP TABLE IF EXISTS kept_columns');
    } else {
      for (const name of parts) linkOrCopy(path.join(oldDir, name), path.join(dir, name));
    }
    // the new articles with their duplicate_of, in staging order again (see stagedArticles): few, so sorted whole
    const newRows =
      table === 'articles'
        ? `(SELECT s.*, d.duplicate_of, s.rowid AS staged_row FROM stage_articles s LEFT JOIN ${STAGE_DUPLICATES} d ON d.article_id = s.article_id WHERE s.seq >= ${kept.fromSeq})`
        : table === 'rejects'
          ? `(SELECT * FROM rejects WHERE rowid >= ${kept.rejects})`
          : `(SELECT * FROM ${quoteIdent(table)} WHERE article_id IN (SELECT article_id FROM stage_articles WHERE seq >= ${kept.fromSeq}))`;
    if ((await this.scalar(`SELECT count(*) FROM ${newRows}`)) === 0) return;
    const next = rewrite ? 1 : parts.length;
    await this.copyTable(table, newRows, path.join(dir, `part-${String(next).padStart(6, '0')}.parquet`), table === 'articles' ? 'staged_row' : undefined);
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
    // the staged ids, for --resume (undoCorpusSteps), committed before they change
    await c.run('CREATE OR REPLACE TABLE outlet_undo AS SELECT article_id, outlet_id FROM stage_articles WHERE outlet_id IN (SELECT old_id FROM outlet_ids)');
    await c.run('UPDATE stage_articles SET outlet_id = m.new_id FROM outlet_ids m WHERE stage_articles.outlet_id = m.old_id');
  }

  /** One UPDATE joined to a table of the ids that change: bounded by the names of the run, not its mentions. */
  private async remapEntities(remap: ReadonlyMap<string, string>, dropped: ReadonlySet<string>): Promise<void> {
    const c = this.connection;
    if (dropped.size > 0) {
      await c.run('CREATE TEMP TABLE entity_dropped (old_id VARCHAR NOT NULL)');
      const appender = await c.createAppender('entity_dropped');
      for (const id of dropped) {
        appender.appendVarchar(id);
        appender.endRow();
      }
      appender.flushSync();
      appender.closeSync();
      const gone = await c.runAndReadAll('SELECT count(*)::INTEGER FROM mentions WHERE entity_id IN (SELECT old_id FROM entity_dropped)');
      this.counts.mentions -= Number(gone.getRows()[0]?.[0] ?? 0);
      await c.run('DELETE FROM mentions WHERE entity_id IN (SELECT old_id FROM entity_dropped)');
      await c.run('DROP TABLE entity_dropped');
    }
    if (remap.size === 0) return;
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

  /**
   * The corpus-level state of the run, for a later --append or merge (see load). After --append the
   * kept version's state files, whose rows do not change, are linked and the new rows added as one
   * more file of each part.
   */
  private async writeState(): Promise<void> {
    const c = this.connection;
    const dir = path.join(this.versionDir, STATE_DIR);
    mkdirSync(dir);
    const kept = this.kept;
    const newArticles = kept ? `article_id IN (SELECT article_id FROM stage_articles WHERE seq >= ${kept.fromSeq})` : 'true';
    const parts = [
      {
        name: 'articles',
        select: `SELECT ${STATE_ARTICLE_COLUMNS.map(quoteIdent).join(', ')} FROM stage_articles WHERE ${kept ? `seq >= ${kept.fromSeq}` : 'true'}`,
      },
      { name: 'mentions', select: `SELECT * FROM state_mentions WHERE ${newArticles}` },
      // in staging order, not sorted: readers sort a window of seqs at a time (corpus.ts stateRows), and
      // one ORDER BY over a million articles' items ran out of the staging memory limit
      { name: 'items', select: `SELECT * FROM ${kept ? 'state_items_run' : 'state_items'}` },
    ];
    for (const { name, select } of parts) {
      let file = path.join(dir, `${name}.parquet`);
      if (kept) {
        const old = stateFiles(kept.dir, name);
        for (const f of old) linkOrCopy(f, path.join(dir, path.basename(f)));
        file = path.join(dir, `${name}.${old.length}.parquet`);
      }
      // articles: the same single-threaded plain scan as the articles export, so that the two files align row by row (see load)
      await this.singleThreaded(() => c.run(`COPY (${select}) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd)`), name === 'articles');
    }
  }

  /**
   * The keyword-search index (`_search/`, @mirsad/model/search-index, laid out by search-files.ts): the
   * staged articles' index rows (stage_search, made by the workers) put in order in JS (search-build.ts)
   * and written as files of disjoint token ranges, on a connection of its own (finish runs its other
   * steps meanwhile). After --append the kept version's files are linked (its articles keep their ids
   * and text), the new articles' added beside them, and small files merged when they accumulate; a kept
   * version without an index gets one from its articles' files, where their bodies are.
   */
  private async writeSearchIndex(): Promise<void> {
    const dir = path.join(this.versionDir, SEARCH_DIR);
    mkdirSync(dir);
    const c = await connectStaging(this.instance);
    const builder = new SearchIndexBuilder(this.workDir);
    try {
      let next = 0;
      const kept = this.kept;
      const add = async (sql: string, row: (values: unknown[]) => void) => {
        const result = await c.stream(sql);
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          for (const values of chunk.getRows()) row(values);
        }
      };
      if (kept) {
        const oldDir = path.join(kept.dir, SEARCH_DIR);
        const old = (existsSync(oldDir) ? readdirSync(oldDir) : []).filter((f) => f.endsWith('.parquet')).sort();
        for (const f of old) linkOrCopy(path.join(oldDir, f), path.join(dir, f));
        next = old.length ? Math.max(...old.map((f) => Number(/(\d+)\.parquet$/.exec(f)?.[1] ?? 0))) + 1 : 0;
        if (old.length === 0)
          await add(
            `SELECT article_id, title, body FROM read_parquet(${quoteLiteral(path.join(kept.dir, 'articles', '**', '*.parquet'))}, union_by_name = true)`,
            ([id, title, body]) => {
              const tokens = searchTokensOf(title as string, body as string);
              builder.add(id as string, tokens.tokens, tokens.tokensAl);
            },
          );
      }
      // the tokens as their UTF-8 bytes: no string is made of each article's
      await add(
        `SELECT article_id, encode(tokens), encode(tokens_al) FROM stage_search WHERE ${kept ? `seq >= ${kept.fromSeq}` : 'true'}`,
        ([id, tokens, al]) => builder.add(id as string, (tokens as DuckDBBlobValue).bytes, (al as DuckDBBlobValue).bytes),
      );
      next = await builder.write(c, dir, next);
      if (kept) await compactSearchFiles(c, dir, next);
    } finally {
      builder.dispose();
      c.closeSync();
    }
  }

  /**
   * Index rows for the staged articles (`where`) that have none: those a merge loaded from its
   * warehouses, or a run staged before stage_search existed. Made from their staged titles and bodies,
   * read in one pass on a connection of their own while this one appends.
   */
  private async stageMissingSearchTokens(where: string): Promise<void> {
    const missing = `FROM stage_articles a WHERE ${where} AND NOT EXISTS (SELECT 1 FROM stage_search s WHERE s.article_id = a.article_id)`;
    // counted first without the bodies: a run's articles all have their rows (reading every body to find none took 1.5 s of CPU on ANT)
    if ((await this.scalar(`SELECT count(*) ${missing}`)) === 0) return;
    const reader = await connectStaging(this.instance);
    try {
      const result = await reader.stream(`SELECT seq, article_id, title, body ${missing}`);
      let opened = false;
      for (;;) {
        const chunk = await result.fetchChunk();
        if (!chunk || chunk.rowCount === 0) break;
        if (!opened) {
          await this.writerFor('stage_search');
          opened = true;
        }
        for (const [seq, id, title, body] of chunk.getRows()) this.appendSearch(seq as number, id as string, searchTokensOf(title as string, body as string));
      }
      if (opened) await this.commitAppenders();
    } finally {
      reader.closeSync();
    }
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

  /**
   * Drops everything this run wrote and releases the lock; the published warehouse is untouched. A
   * run past its article phase (markResumable) keeps its staging folder for --resume.
   */
  async abort(): Promise<void> {
    try {
      this.closeAppenders();
    } catch {
      /* the run is being abandoned; appenders may be in any state */
    }
    this.closeDb();
    if (!this.isResumable) rmSync(this.workDir, { recursive: true, force: true });
    if (!this.published) rmSync(this.versionDir, { recursive: true, force: true });
    this.lock.release();
  }
}
