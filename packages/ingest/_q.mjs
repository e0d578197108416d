import { DuckDBInstance } from '@duckdb/node-api';
const [dir, sql] = process.argv.slice(2);
const db = await (await DuckDBInstance.create(':memory:')).connect();
for (const t of ['articles','article_visits','visits']) await db.run(`CREATE VIEW ${t} AS SELECT * FROM read_parquet('${dir}/${t}/**/*.parquet')`);
const r = await db.runAndReadAll(sql); console.table(r.getRowObjectsJS());
