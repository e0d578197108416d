/**
 * Rows into a DuckDB appender a data chunk at a time, written column by column into the chunk's
 * vectors: numbers and dates as one typed-array copy per column, strings one call each (UTF-8 bytes
 * are copied as they are), lists as one child vector per column. This replaces a DuckDBDataChunkWriter
 * with a value converter, which keeps every row as an array of values and converts and caches each
 * value on its own (measured: most of the main thread's staging time on the ANT corpus).
 */
import duckdb from '@duckdb/node-bindings';
import { DuckDBDataChunk, type DuckDBListType, DuckDBTypeId, type DuckDBAppender, type DuckDBType } from '@duckdb/node-api';

/** A value of a staged column: a DATE is its ISO day (yyyy-mm-dd); a VARCHAR may come as UTF-8 bytes. */
export type Cell = string | number | boolean | Uint8Array | Uint32Array | readonly string[] | readonly number[] | null;

type Kind = 'varchar' | 'int32' | 'uint32' | 'double' | 'date' | 'boolean' | 'varchar[]' | 'uint32[]';

const MS_PER_DAY = 86_400_000;

function kindOf(type: DuckDBType): Kind {
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      return 'varchar';
    case DuckDBTypeId.INTEGER:
      return 'int32';
    case DuckDBTypeId.UINTEGER:
      return 'uint32';
    case DuckDBTypeId.DOUBLE:
      return 'double';
    case DuckDBTypeId.DATE:
      return 'date';
    case DuckDBTypeId.BOOLEAN:
      return 'boolean';
    case DuckDBTypeId.LIST: {
      const item = (type as DuckDBListType).valueType.typeId;
      if (item === DuckDBTypeId.VARCHAR) return 'varchar[]';
      if (item === DuckDBTypeId.UINTEGER) return 'uint32[]';
      throw new Error(`no staging for a list of ${(type as DuckDBListType).valueType.toString()}`);
    }
    default:
      throw new Error(`no staging for column type ${type.toString()}`);
  }
}

/** Days since 1970-01-01 of an ISO day, as DuckDB stores a DATE (what new Date(`${iso}T00:00:00Z`) gives). */
export function epochDay(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${JSON.stringify(iso)}`);
  return Math.floor(ms / MS_PER_DAY);
}

export class ColumnarAppender {
  private readonly kinds: Kind[];
  private readonly types: DuckDBType[];
  private readonly columns: Cell[][];
  private rows = 0;
  private readonly capacity = duckdb.vector_size();
  /** Scratch shared by every column of a chunk: fixed-width values, validity bits, list entries. */
  private readonly fixed = new ArrayBuffer(this.capacity * 8);
  private readonly validity = new Uint8Array(this.capacity / 8);
  private readonly entries = new Uint32Array(this.capacity * 4);

  constructor(readonly appender: DuckDBAppender) {
    this.types = [];
    for (let i = 0; i < appender.columnCount; i++) this.types.push(appender.columnType(i));
    this.kinds = this.types.map(kindOf);
    this.columns = this.kinds.map(() => []);
  }

  get columnCount(): number {
    return this.kinds.length;
  }

  /** One row, its values in the table's column order. */
  appendRow(values: readonly Cell[]): void {
    if (values.length !== this.kinds.length) throw new Error(`row of ${values.length} values for ${this.kinds.length} columns`);
    for (let i = 0; i < values.length; i++) (this.columns[i] as Cell[]).push(values[i] as Cell);
    if (++this.rows === this.capacity) this.flush();
  }

  /** `n` rows given as columns (each of `n` values, in the table's column order). */
  appendColumns(cols: readonly (readonly Cell[])[], n: number): void {
    if (cols.length !== this.kinds.length) throw new Error(`rows of ${cols.length} columns for ${this.kinds.length}`);
    for (let at = 0; at < n;) {
      const take = Math.min(n - at, this.capacity - this.rows);
      for (let c = 0; c < cols.length; c++) {
        const into = this.columns[c] as Cell[];
        const from = cols[c] as readonly Cell[];
        for (let r = at; r < at + take; r++) into.push(from[r] as Cell);
      }
      at += take;
      this.rows += take;
      if (this.rows === this.capacity) this.flush();
    }
  }

  /** Hands the rows held to the appender as one data chunk (the appender's own flush writes them to the table). */
  flush(): void {
    const n = this.rows;
    if (n === 0) return;
    this.rows = 0;
    const columns = this.columns.map((c) => c.splice(0));
    const chunk = DuckDBDataChunk.create(this.types);
    duckdb.data_chunk_set_size(chunk.chunk, n);
    for (let c = 0; c < columns.length; c++) this.fill(duckdb.data_chunk_get_vector(chunk.chunk, c), this.kinds[c] as Kind, columns[c] as Cell[], n);
    this.appender.appendDataChunk(chunk);
  }

  private fill(vector: duckdb.Vector, kind: Kind, values: Cell[], n: number): void {
    const validity = this.validity;
    let nulls = false;
    const isNull = (i: number) => {
      if (!nulls) {
        nulls = true;
        validity.fill(0xff);
      }
      validity[i >> 3] = (validity[i >> 3] as number) & ~(1 << (i & 7));
    };
    switch (kind) {
      case 'varchar':
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (v === null || v === undefined) isNull(i);
          else if (typeof v === 'string') duckdb.vector_assign_string_element(vector, i, v);
          else duckdb.vector_assign_string_element_len(vector, i, v as Uint8Array);
        }
        break;
      case 'int32':
      case 'uint32':
      case 'date':
      case 'boolean':
      case 'double': {
        const width = kind === 'double' ? 8 : kind === 'boolean' ? 1 : 4;
        const out =
          kind === 'double'
            ? new Float64Array(this.fixed)
            : kind === 'boolean'
              ? new Uint8Array(this.fixed)
              : kind === 'uint32'
                ? new Uint32Array(this.fixed)
                : new Int32Array(this.fixed);
        for (let i = 0; i < n; i++) {
          const v = values[i];
          if (v === null || v === undefined) {
            isNull(i);
            out[i] = 0;
          } else if (kind === 'date') out[i] = epochDay(v as string);
          else if (kind === 'boolean') out[i] = v ? 1 : 0;
          else out[i] = v as number;
        }
        duckdb.copy_data_to_vector(vector, 0, this.fixed, 0, n * width);
        break;
      }
      case 'varchar[]':
      case 'uint32[]': {
        let total = 0;
        for (let i = 0; i < n; i++) total += (values[i] as readonly unknown[] | null)?.length ?? 0;
        duckdb.list_vector_reserve(vector, total);
        duckdb.list_vector_set_size(vector, total);
        const child = duckdb.list_vector_get_child(vector);
        const numbers = kind === 'uint32[]' ? new Uint32Array(total) : null;
        // list_entry_t: uint64 offset, uint64 length, written as little-endian 32-bit halves
        const entries = this.entries;
        let at = 0;
        for (let i = 0; i < n; i++) {
          const list = values[i] as readonly (string | number)[] | null;
          entries[4 * i] = at;
          entries[4 * i + 1] = 0;
          entries[4 * i + 3] = 0;
          if (list === null || list === undefined) {
            isNull(i);
            entries[4 * i + 2] = 0;
            continue;
          }
          entries[4 * i + 2] = list.length;
          if (numbers && list instanceof Uint32Array) {
            numbers.set(list, at);
            at += list.length;
            continue;
          }
          for (const item of list) {
            if (numbers) numbers[at] = item as number;
            else duckdb.vector_assign_string_element(child, at, item as string);
            at++;
          }
        }
        if (numbers && total > 0) duckdb.copy_data_to_vector(child, 0, numbers.buffer, 0, total * 4);
        duckdb.copy_data_to_vector(vector, 0, entries.buffer, 0, n * 16);
        break;
      }
      default:
        throw new Error(`no staging for ${String(kind satisfies never)}`);
    }
    if (nulls) {
      duckdb.vector_ensure_validity_writable(vector);
      duckdb.copy_data_to_vector_validity(vector, 0, validity.buffer, 0, Math.ceil(n / 64) * 8);
    }
  }
}
