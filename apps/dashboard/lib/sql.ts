/**
 * A query and its parameters, built together. Values are bound ($name placeholders); the same SQL with
 * the values written as literals is kept for display only, so a user can paste it into the DuckDB CLI.
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { quoteLiteral, type ColumnDecl, type RowOf } from '@mirsad/model';
import type { JsonRow } from '@mirsad/model/warehouse';

export type Param = string | number | readonly string[];

/** A result column: its name, type and whether it may be NULL (declared with @mirsad/model's col()). */
export type ColumnSpec = ColumnDecl;

export interface BuiltQuery<C extends readonly ColumnSpec[] = readonly ColumnSpec[]> {
  readonly sql: string;
  readonly params: Record<string, DuckDBValue>;
  /** The SQL with every parameter inlined as a literal. For display, never for execution. */
  readonly display: string;
  /** The result's columns, in order, with their types: the rows' type, their check, and the exports' schema. */
  readonly columns: C;
}

function fits(c: ColumnSpec, v: JsonRow[string] | undefined): boolean {
  if (v === null) return c.nullable;
  switch (c.type) {
    case 'VARCHAR':
    case 'DATE':
      return typeof v === 'string';
    case 'INTEGER':
    case 'DOUBLE':
      return typeof v === 'number';
    case 'BOOLEAN':
      return typeof v === 'boolean';
    case 'VARCHAR[]':
      return Array.isArray(v) && v.every((x) => x === null || typeof x === 'string');
    default:
      throw new Error(`no check for column type ${String(c.type satisfies never)}`);
  }
}

/**
 * The rows a query gave, checked against its declared columns: exactly those names, each value of its
 * type, NULL only where declared. A column renamed in the SQL or in a declaration fails here, by name,
 * instead of reaching a chart as undefined.
 */
export function checkedRows<C extends readonly ColumnSpec[]>(rows: readonly JsonRow[], columns: C): RowOf<C>[] {
  const names = columns.map((c) => c.name);
  for (const [i, row] of rows.entries()) {
    const keys = Object.keys(row);
    if (keys.length !== names.length || keys.some((k, j) => k !== names[j])) {
      throw new Error(`query row ${i} has columns (${keys.join(', ')}), declared (${names.join(', ')})`);
    }
    for (const c of columns) {
      if (!fits(c, row[c.name]))
        throw new Error(`query row ${i}: column ${c.name} is ${JSON.stringify(row[c.name])}, declared ${c.type}${c.nullable ? ' NULL' : ' NOT NULL'}`);
    }
  }
  return rows as RowOf<C>[];
}

function literal(v: Param): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (typeof v === 'string') return quoteLiteral(v);
  return `[${v.map((x) => quoteLiteral(x)).join(', ')}]`;
}

export class Binder {
  private readonly values = new Map<string, Param>();

  /** Binds a value under a name and returns its placeholder. */
  bind(name: string, value: Param): string {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`bad parameter name ${name}`);
    const prev = this.values.get(name);
    if (prev !== undefined && literal(prev) !== literal(value)) throw new Error(`parameter ${name} bound twice`);
    this.values.set(name, value);
    return `$${name}`;
  }

  build<C extends readonly ColumnSpec[]>(sql: string, columns: C): BuiltQuery<C> {
    const params: Record<string, DuckDBValue> = {};
    for (const [k, v] of this.values) {
      params[k] = typeof v === 'string' || typeof v === 'number' ? v : listValue([...v]);
    }
    const display = sql.replace(/\$([a-z][a-z0-9_]*)/g, (m, name: string) => {
      const v = this.values.get(name);
      return v === undefined ? m : literal(v);
    });
    return { sql, params, display, columns };
  }
}
