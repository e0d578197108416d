/**
 * A view's rows as a file: CSV and Parquet are written by DuckDB itself (COPY) into a folder its sandbox
 * allows; Arrow IPC is encoded here from the rows and the declared columns.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Bool, DateDay, Float64, Int64, List, Field, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from 'apache-arrow';
import type { DuckDBValue } from '@duckdb/node-api';
import type { CopyFormat } from '@mirsad/model/warehouse';
import type { BuiltQuery, ColumnSpec } from './sql';
import type { Filters } from './filters';

export type ExportFormat = 'csv' | 'parquet' | 'arrow';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'parquet', 'arrow'];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  arrow: 'application/vnd.apache.arrow.stream',
};
export const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', parquet: 'parquet', arrow: 'arrows' };

type Row = Record<string, unknown>;

function arrowType(type: ColumnSpec['type']): DataType {
  switch (type) {
    case 'VARCHAR':
      return new Utf8();
    case 'INTEGER':
      return new Int64();
    case 'DOUBLE':
      return new Float64();
    case 'DATE':
      return new DateDay();
    case 'BOOLEAN':
      return new Bool();
    case 'VARCHAR[]':
      return new List(new Field('item', new Utf8(), true));
    default:
      throw new Error(`no Arrow type for column type ${String(type satisfies never)}`);
  }
}

function arrowValue(type: ColumnSpec['type'], v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'INTEGER':
      return BigInt(Math.trunc(Number(v)));
    case 'DOUBLE':
      return Number(v);
    case 'DATE':
      return new Date(`${String(v).slice(0, 10)}T00:00:00Z`);
    case 'VARCHAR[]':
      return (v as unknown[]).map(String);
    case 'BOOLEAN':
      return Boolean(v);
    default:
      return String(v);
  }
}

/** Arrow IPC stream bytes (apache-arrow), one column per declared column. */
export function toArrowIpc(rows: readonly Row[], columns: readonly ColumnSpec[]): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const c of columns) {
    vectors[c.name] = vectorFromArray(
      rows.map((r) => arrowValue(c.type, r[c.name])),
      arrowType(c.type),
    );
  }
  return tableToIPC(new Table(vectors), 'stream');
}

/** What writes a query's rows to a file with DuckDB's COPY (the warehouse pool, or a test's connection). */
export interface FileWriter {
  copyTo(sql: string, params: Record<string, DuckDBValue> | undefined, file: string, format: CopyFormat): Promise<void>;
}

/** A built query's rows as a Parquet or CSV file, written by DuckDB with COPY into `exportDir` and removed once read. */
export async function toFile(writer: FileWriter, exportDir: string, built: BuiltQuery, format: CopyFormat): Promise<Uint8Array> {
  const file = path.join(exportDir, `${randomUUID()}.${format}`);
  try {
    await writer.copyTo(built.sql, built.params, file, format);
    return new Uint8Array(readFileSync(file));
  } finally {
    rmSync(file, { force: true });
  }
}

/** The byte-order mark that makes Excel read a CSV as UTF-8 (without it Arabic comes out garbled). */
export const CSV_BOM = '\ufeff';

/**
 * A download's file name: the view, then what the filters select (dates, outlets, visits, topics,
 * entity, search, links mode), so two downloads of one view under different filters do not collide.
 */
export function exportFileName(view: string, f: Filters, entityId: string | null, ext: string): string {
  const parts = [`mirsad-${view}`];
  if (entityId) parts.push(entityId);
  if (f.from || f.to) parts.push(`${f.from ?? ''}_${f.to ?? ''}`);
  if (f.outlets.length) parts.push(f.outlets.join('+'));
  if (f.visits.length) parts.push(f.visits.join('+'));
  if (f.topics.length) parts.push(f.topics.join('+'));
  if (f.entity) parts.push(f.entity);
  if (f.q) parts.push(`q-${f.q}`);
  if (f.links === 'all') parts.push('all-links');
  if (f.dups) parts.push('with-dups');
  const name = parts
    .join('_')
    .replace(/[^A-Za-z0-9_.+-]+/g, '-')
    .slice(0, 180);
  return `${name}.${ext}`;
}
