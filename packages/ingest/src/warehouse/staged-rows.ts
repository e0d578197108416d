/**
 * The staged tables' columns in the order the writer's appenders take them, and an article's rows
 * built in that form: plain functions with no DuckDB in them, so that a worker thread builds the rows
 * of the documents it processed (staging.ts) and the main thread only hands them to the appenders.
 */
import { TABLES, TABLE_NAMES, type Row, type TableName } from '@mirsad/model';
import type { Cell } from './columns.ts';

export const COLUMN_NAMES: Record<TableName, readonly string[]> = Object.fromEntries(
  TABLE_NAMES.map((t) => [t, TABLES[t].map((c) => c.name as string)]),
) as Record<TableName, string[]>;

/** The staged article columns before the extras (every contract column but duplicate_of). */
export const STAGED_ARTICLE_NAMES = COLUMN_NAMES.articles.filter((name) => name !== 'duplicate_of');

/**
 * stage_articles' columns: the contract's but duplicate_of (the duplicate step writes it to a table of
 * its own, see writer.ts STAGE_DUPLICATES_SQL), then what ordering and duplicates need.
 */
export const STAGE_ARTICLE_COLUMNS = [...STAGED_ARTICLE_NAMES, 'seq', 'exact_key', 'minhash', 'bands', 'base_id', 'input_key'];
/** Positions in a stage_articles row of the values the main thread fills in (see StagedDoc). */
export const ARTICLE_SEQ = STAGED_ARTICLE_NAMES.length;
export const ARTICLE_INPUT_KEY = STAGE_ARTICLE_COLUMNS.length - 1;

/** Columns of the corpus-level state tables (writer.ts STATE_TABLES_SQL). */
export const STATE_ITEM_COLUMNS = ['kind', 'seq', 'pos', 'article_id', 'payload'] as const;
export const STATE_ITEM_SEQ = 1;

/** Columns of the article-level state of the appendArticle call. */
export interface ArticleExtras {
  /** Position of the input in the whole input stream (the same in a shard run as in a full one). */
  seq: number;
  exactKey: string;
  minhash: Uint32Array | readonly number[];
  bands: readonly string[];
  /** The article id before a repeat of the same title and body was given its own (see pipeline uniqueIds). */
  baseId?: string;
  /** Hash of the input's identity and content: an input already in the warehouse is not read again by --append. */
  inputKey?: string;
}

/** A row's values in the order the table declares its columns. */
export function rowValues<T extends TableName>(table: T, row: Row<T>): Cell[] {
  const names = COLUMN_NAMES[table];
  const values = new Array<Cell>(names.length);
  for (let i = 0; i < names.length; i++) {
    const v = (row as Record<string, unknown>)[names[i] as string];
    if (v === undefined) throw new Error(`row for ${table} lacks column ${names[i]}`);
    values[i] = v as Cell;
  }
  return values;
}

/**
 * A stage_articles row (STAGE_ARTICLE_COLUMNS). Arrays here are filled by push, not made at their
 * length: a holey array crosses from a worker as a sparse one, index by index.
 */
export function articleValues(row: Omit<Row<'articles'>, 'duplicate_of'>, extras: ArticleExtras): Cell[] {
  const values: Cell[] = [];
  for (const name of STAGED_ARTICLE_NAMES) {
    const v = (row as Record<string, unknown>)[name];
    if (v === undefined) throw new Error(`row for articles lacks column ${name}`);
    values.push(v as Cell);
  }
  values.push(extras.seq, extras.exactKey, extras.minhash, extras.bands, extras.baseId ?? row.article_id, extras.inputKey ?? null);
  if (values.length !== STAGE_ARTICLE_COLUMNS.length) throw new Error('stage_articles column mismatch');
  return values;
}

/** Rows of a table as its columns (each the same length), in the table's column order. */
export type Columns = Cell[][];

/** `rows` (objects of a contract table) as columns. */
export function tableColumns<T extends TableName>(table: T, rows: readonly Row<T>[]): Columns {
  const names = COLUMN_NAMES[table];
  const cols: Columns = names.map(() => []);
  for (const row of rows as readonly Record<string, unknown>[]) {
    for (let c = 0; c < names.length; c++) {
      const v = row[names[c] as string];
      if (v === undefined) throw new Error(`row for ${table} lacks column ${names[c]}`);
      (cols[c] as Cell[]).push(v as Cell);
    }
  }
  return cols;
}
