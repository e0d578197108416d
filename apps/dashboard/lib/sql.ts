/**
 * A query and its parameters, built together. Values are bound ($name placeholders); the same SQL with
 * the values written as literals is kept for display only, so a user can paste it into the DuckDB CLI.
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { quoteLiteral, type ColumnType } from '@mirsad/model';

export type Param = string | number | readonly string[];

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
}

export interface BuiltQuery {
  readonly sql: string;
  readonly params: Record<string, DuckDBValue>;
  /** The SQL with every parameter inlined as a literal. For display, never for execution. */
  readonly display: string;
  /** The result's columns, in order, with their types (for the Arrow and CSV exports). */
  readonly columns: readonly ColumnSpec[];
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

  build(sql: string, columns: readonly ColumnSpec[]): BuiltQuery {
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
