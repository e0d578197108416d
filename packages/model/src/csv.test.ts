import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { queryCsv, splitStatements } from './warehouse.ts';

describe('queryCsv', () => {
  it("writes a SELECT's rows with DuckDB's CSV writer: header, quoting, NULL as an empty field", async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      expect(await queryCsv(c, `SELECT 'a,"b"' AS x, NULL::INTEGER AS y, ['p', 'q'] AS z, DATE '2022-03-30' AS d;`)).toBe(
        'x,y,z,d\n"a,""b""",,"[p, q]",2022-03-30',
      );
      expect(await queryCsv(c, 'CREATE TABLE t AS SELECT 1 AS n')).toBe('');
      expect(await queryCsv(c, 'SELECT n FROM t')).toBe('n\n1');
      await expect(queryCsv(c, 'SELECT nope FROM t')).rejects.toThrow(/nope/);
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });

  it('runs several statements in order: a variable set first is seen by the SELECT, each SELECT gives its own table', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const c = await db.connect();
    try {
      expect(await queryCsv(c, "SET VARIABLE seed = 'b;c'; SELECT getvariable('seed') AS s -- the seed\n;")).toBe('s\nb;c');
      expect(await queryCsv(c, 'SELECT 1 AS a; SELECT 2 AS b;')).toBe('a\n1\n\nb\n2');
    } finally {
      c.closeSync();
      db.closeSync();
    }
  });
});

describe('splitStatements', () => {
  it('splits at semicolons outside strings, quoted names, dollar quotes and comments', () => {
    expect(splitStatements(`SELECT 'a;''b' AS "x;y"; /* c; */ SELECT $q$d;e$q$ -- f;\n; ;`)).toEqual([
      `SELECT 'a;''b' AS "x;y"`,
      `/* c; */ SELECT $q$d;e$q$ -- f;`,
    ]);
    expect(splitStatements('-- only a comment;\n')).toEqual([]);
  });
});
