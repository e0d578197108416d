/** The views.sql file written into each warehouse version. */
import path from 'node:path';
import { viewsSql } from '@mirsad/model/warehouse';

/**
 * views.sql: what a DuckDB CLI user runs (`.read data/warehouse/views.sql`) to query every table by
 * name. Its paths name the version's own folder, not the `<out>` link: the link is resolved once,
 * when the file is read, and the session keeps reading that version while newer ones are published
 * (a view over the link would glob the link again on every query, and could read a version being
 * swapped in or pruned). The version survives the next publication, not the one after.
 */
export function viewsSqlFor(out: string, versionDir: string): string {
  return [
    '-- Mirsad warehouse views. In the DuckDB CLI: .read views.sql  — then SELECT … FROM articles, mentions, …',
    `-- Version ${path.basename(versionDir)} of ${out}: these views keep reading it after a newer version is published;`,
    '-- run .read views.sql again (through the warehouse link) to move to the newest.',
    viewsSql(versionDir),
    '',
  ].join('\n');
}
