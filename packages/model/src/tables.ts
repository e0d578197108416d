/**
 * The warehouse contract (v1.1), declared once. The TypeScript row types and the DuckDB DDL are both
 * derived from these declarations; columns may be added, never renamed.
 */
export type ColumnType = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'DATE' | 'BOOLEAN' | 'VARCHAR[]';

export interface ColumnDecl {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

/** A column declaration whose name, type and nullability stay literal types, so rows can be typed from it. */
export const col = <N extends string, T extends ColumnType, Null extends boolean = false>(name: N, type: T, nullable?: Null) => ({
  name,
  type,
  nullable: (nullable ?? false) as Null,
});

export const TABLES = {
  articles: [
    col('article_id', 'VARCHAR'),
    col('source', 'VARCHAR'),
    col('outlet_id', 'VARCHAR', true),
    col('title', 'VARCHAR'),
    col('published_date', 'DATE', true),
    col('date_source', 'VARCHAR', true),
    col('body', 'VARCHAR'),
    col('headline_chars', 'INTEGER'),
    col('lang', 'VARCHAR'),
    col('n_chars', 'INTEGER'),
    col('duplicate_of', 'VARCHAR', true),
    col('url', 'VARCHAR', true),
    col('format', 'VARCHAR'),
  ],
  outlets: [
    col('outlet_id', 'VARCHAR'),
    col('name_ar', 'VARCHAR'),
    col('name_en', 'VARCHAR'),
    col('domain', 'VARCHAR', true),
    col('country', 'VARCHAR', true),
    col('origin', 'VARCHAR'),
  ],
  entities: [col('entity_id', 'VARCHAR'), col('type', 'VARCHAR'), col('name_ar', 'VARCHAR'), col('name_en', 'VARCHAR', true), col('origin', 'VARCHAR')],
  entity_aliases: [col('entity_id', 'VARCHAR'), col('alias', 'VARCHAR'), col('n', 'INTEGER')],
  mentions: [
    col('article_id', 'VARCHAR'),
    col('entity_id', 'VARCHAR'),
    col('surface', 'VARCHAR'),
    col('start', 'INTEGER'),
    col('end', 'INTEGER'),
    col('sentence', 'INTEGER'),
    col('method', 'VARCHAR'),
  ],
  topics: [col('article_id', 'VARCHAR'), col('topic_id', 'VARCHAR'), col('score', 'DOUBLE'), col('hits', 'INTEGER'), col('evidence', 'VARCHAR[]')],
  topic_evidence: [
    col('article_id', 'VARCHAR'),
    col('topic_id', 'VARCHAR'),
    col('cue_id', 'VARCHAR'),
    col('start', 'INTEGER'),
    col('end', 'INTEGER'),
    col('sentence', 'INTEGER'),
    col('surface', 'VARCHAR'),
  ],
  topic_defs: [col('topic_id', 'VARCHAR'), col('label_ar', 'VARCHAR'), col('label_en', 'VARCHAR')],
  visits: [
    col('visit_id', 'VARCHAR'),
    col('official_entity_id', 'VARCHAR'),
    col('host_country', 'VARCHAR'),
    col('city', 'VARCHAR', true),
    col('start_date', 'DATE'),
    col('end_date', 'DATE'),
    col('label_ar', 'VARCHAR'),
    col('label_en', 'VARCHAR'),
    col('origin', 'VARCHAR'),
    col('tour_id', 'VARCHAR', true),
  ],
  article_visits: [col('article_id', 'VARCHAR'), col('visit_id', 'VARCHAR'), col('score', 'DOUBLE'), col('is_primary', 'BOOLEAN')],
  visit_evidence: [
    col('visit_id', 'VARCHAR'),
    col('article_id', 'VARCHAR'),
    col('pattern', 'VARCHAR'),
    col('start', 'INTEGER'),
    col('end', 'INTEGER'),
    col('sentence', 'INTEGER'),
    col('surface', 'VARCHAR'),
  ],
  rejects: [col('source', 'VARCHAR'), col('reason', 'VARCHAR'), col('detail', 'VARCHAR')],
  run_steps: [col('step', 'VARCHAR'), col('done', 'BOOLEAN'), col('detail', 'VARCHAR', true)],
} as const satisfies Record<string, readonly ColumnDecl[]>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The JSON-safe value a column of that type reads as (openWarehouse's rows). */
export type JsType<T extends ColumnType> = T extends 'VARCHAR'
  ? string
  : T extends 'INTEGER' | 'DOUBLE'
    ? number
    : T extends 'DATE'
      ? string // ISO yyyy-mm-dd
      : T extends 'BOOLEAN'
        ? boolean
        : T extends 'VARCHAR[]'
          ? string[]
          : never;

/** The row a list of column declarations gives: one property per column, null only where it is nullable. */
export type RowOf<Cols extends readonly ColumnDecl[]> = {
  [C in Cols[number] as C['name']]: C['nullable'] extends true ? JsType<C['type']> | null : JsType<C['type']>;
};

export type Row<T extends TableName> = RowOf<(typeof TABLES)[T]>;
export type ArticleRow = Row<'articles'>;
export type OutletRow = Row<'outlets'>;
export type EntityRow = Row<'entities'>;
export type EntityAliasRow = Row<'entity_aliases'>;
export type MentionRow = Row<'mentions'>;
export type TopicRow = Row<'topics'>;
export type TopicEvidenceRow = Row<'topic_evidence'>;
export type TopicDefRow = Row<'topic_defs'>;
export type VisitRow = Row<'visits'>;
export type ArticleVisitRow = Row<'article_visits'>;
export type VisitEvidenceRow = Row<'visit_evidence'>;
export type RejectRow = Row<'rejects'>;

export function duckdbType(type: ColumnType): string {
  switch (type) {
    case 'VARCHAR':
    case 'INTEGER':
    case 'DOUBLE':
    case 'DATE':
    case 'BOOLEAN':
    case 'VARCHAR[]':
      return type;
    default:
      throw new Error(`no DuckDB type for column type ${String(type satisfies never)}`);
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function createTableSql(table: TableName, qualifiedName: string = quoteIdent(table)): string {
  const cols = TABLES[table].map((c) => `${quoteIdent(c.name)} ${duckdbType(c.type)}${c.nullable ? '' : ' NOT NULL'}`);
  return `CREATE TABLE ${qualifiedName} (${cols.join(', ')})`;
}

/** The glob a reader passes to read_parquet for one table of a warehouse folder. */
export function tableGlob(warehouseDir: string, table: TableName): string {
  return `${warehouseDir.replace(/\/+$/, '')}/${table}/**/*.parquet`;
}

export function readParquetSql(warehouseDir: string, table: TableName): string {
  return `read_parquet(${quoteLiteral(tableGlob(warehouseDir, table))}, hive_partitioning = true, union_by_name = true)`;
}

/**
 * The view readers define over one articles part file: `article_rows` (@mirsad/model/warehouse) of
 * `file_no` n alone, `article_rows_0`, `article_rows_1` … in the order of the files' paths.
 */
export const articleFileView = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad articles file number ${n}`);
  return `article_rows_${n}`;
};

/**
 * The view readers define over one mentions part file, as articleFileView over an articles file:
 * `mention_rows` of `file_no` n alone, `mention_rows_0`, `mention_rows_1` … in the order of the files' paths.
 */
export const mentionFileView = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad mentions file number ${n}`);
  return `mention_rows_${n}`;
};
