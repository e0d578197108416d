export * from '@mirsad/model';
import { viewsSql } from '@mirsad/model/warehouse';

/** views.sql: what a DuckDB CLI user runs (`.read views.sql`) to query every table by name. */
export function viewsSqlFor(out: string): string {
  return [
    '-- Mirsad warehouse views. In the DuckDB CLI: .read views.sql  — then SELECT … FROM articles, mentions, …',
    `-- Paths are absolute; they read through ${out}, which always points at the current version.`,
    viewsSql(out),
    '',
  ].join('\n');
}
