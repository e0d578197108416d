import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { ColumnarAppender, epochDay, type Cell } from './columns.ts';

const ROWS = 5_000; // more than two data chunks of 2,048 rows, the last one partial

/** Row i: nulls, lengths (inlined under 13 bytes or not), signs and list sizes vary with i. */
function row(i: number): Cell[] {
  const name = i % 3 === 0 ? `م${i}` : `مرصد الأخبار العربية ${i}`;
  return [
    i % 7 === 0 ? null : name,
    i % 11 === 0 ? new TextEncoder().encode(`بايتات ${i}`) : `text ${i}`,
    i % 5 === 0 ? null : i - 2_500,
    i * 7 + 0.25,
    i % 13 === 0 ? null : i % 2 === 0 ? '2020-02-29' : '1969-12-31',
    i % 4 === 0 ? null : i % 3 === 0,
    i % 9 === 0 ? null : Array.from({ length: i % 4 }, (_, k) => `${name}/${k}`),
    Array.from({ length: i % 3 }, (_, k) => (i * 2_654_435_761 + k) >>> 0),
    i % 17 === 0 ? null : i,
  ];
}

describe('ColumnarAppender', () => {
  it('stages every column type it writes, nulls and lists included, across several data chunks', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      await c.run('CREATE TABLE t (s VARCHAR, b VARCHAR, i INTEGER, d DOUBLE, day DATE, f BOOLEAN, l VARCHAR[], u UINTEGER[], n UINTEGER, pos INTEGER)');
      const appender = await c.createAppender('t');
      const w = new ColumnarAppender(appender);
      for (let i = 0; i < ROWS; i++) w.appendRow([...row(i), i]);
      w.flush();
      appender.flushSync();
      appender.closeSync();
      const got = (await c.runAndReadAll("SELECT s, b, i, d, strftime(day, '%Y-%m-%d') AS day, f, l, u, n FROM t ORDER BY pos")).getRowsJS();
      expect(got).toHaveLength(ROWS);
      for (let i = 0; i < ROWS; i++) {
        const [s, b, n, d, day, f, l, u, un] = row(i);
        const expected = [s, b instanceof Uint8Array ? new TextDecoder().decode(b) : b, n, d, day, f, l, u, un === null ? null : BigInt(un as number)];
        expect(got[i]?.map((v, k) => (k === 8 && typeof v === 'number' ? BigInt(v) : v))).toEqual(expected);
      }
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it('refuses a row of the wrong width and a column type it cannot write', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    try {
      await c.run('CREATE TABLE t (s VARCHAR, i INTEGER)');
      const w = new ColumnarAppender(await c.createAppender('t'));
      expect(() => w.appendRow(['x'])).toThrow('row of 1 values for 2 columns');
      await c.run('CREATE TABLE big (x BIGINT)');
      const big = await c.createAppender('big');
      expect(() => new ColumnarAppender(big)).toThrow('no staging for column type BIGINT');
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it('counts days as DuckDB stores a DATE, before 1970 too, and names a malformed one', () => {
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('1969-12-31')).toBe(-1);
    expect(epochDay('2020-02-29')).toBe(18_321);
    expect(() => epochDay('2020-13-01')).toThrow('not a date: "2020-13-01"');
  });
});
