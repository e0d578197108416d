/**
 * A warehouse `copies` times the size of a published one, made in SQL in minutes rather than by an
 * hour of ingest: every article (with its mentions, topics, evidence, visit links and corpus-level
 * state) once per copy, copy k > 0 under new ids and marked a duplicate of copy 0's group head, as
 * an ingest of the same inputs `copies` times marks it. Entities, outlets, visits and topic_defs are
 * the source's (an ingest of copies finds the same ones); entity_aliases counts × copies; the search
 * index (`_search/`) is the source's rows once per copy under the copy's ids, laid out as the writer lays it out. A stand-in
 * for `npm run bench -- scale` where only the size matters (dashboard query timings, --append on a
 * large warehouse); it is published like a run (version folder, _state/, views.sql, the link), so
 * `mirsad ingest --append` and `openWarehouse` take it.
 *
 *   npm run bench -- replicate SOURCE_WAREHOUSE OUT COPIES
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral, TABLE_NAMES, TABLES } from '@mirsad/model';
import { SEARCH_DIR, SEARCH_RUN_COPY_OPTIONS, searchTokensSql } from '@mirsad/model/search-index';
import { acquireLock, newVersionName, preparePublish, publish, sealVersion, versionsDir } from '../warehouse/publish.ts';
import { viewsSqlFor } from '../warehouse/views-file.ts';
import { writeSearchRanges } from '../warehouse/search-files.ts';
import { ARTICLE_COPY_OPTIONS, STATE_DIR, stateFiles } from '../warehouse/writer.ts';

export async function replicate(source: string, out: string, copies: number): Promise<void> {
  if (!Number.isInteger(copies) || copies < 1) throw new Error(`copies must be a whole number ≥ 1, not ${copies}`);
  const src = realpathSync(source);
  const absOut = path.resolve(out);
  preparePublish(absOut);
  const lock = acquireLock(absOut);
  const versionDir = path.join(versionsDir(absOut), newVersionName());
  // the search index's runs, and where DuckDB spills their sort
  const runsDir = mkdtempSync(path.join(os.tmpdir(), 'mirsad-replicate-'));
  const db = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', preserve_insertion_order: 'true', temp_directory: path.join(runsDir, 'tmp') });
  const c = await db.connect();
  try {
    const files = (t: string) => `read_parquet(${quoteLiteral(path.join(src, t, '**', '*.parquet'))}, union_by_name = true)`;
    const state = (name: string) => `read_parquet([${stateFiles(src, name).map(quoteLiteral).join(', ')}])`;
    // copy k's id of an article: copy 0 keeps the source's
    const id = (col: string, k: number) => (k === 0 ? col : `left(sha256(${col} || '#${k}'), 16)`);
    const seqSpan = Number(
      (
        await c.runAndReadAll(`SELECT coalesce(max(seq), 0) + 1 FROM (SELECT seq FROM ${state('articles')} UNION ALL SELECT seq FROM ${state('items')})`)
      ).getRows()[0]?.[0],
    );
    const copy = async (select: string, file: string, oneThread = false) => {
      mkdirSync(path.dirname(file), { recursive: true });
      if (oneThread) await c.run('SET threads = 1; SET preserve_insertion_order = false');
      try {
        await c.run(
          `COPY (${select}) TO ${quoteLiteral(file)} (${oneThread ? ARTICLE_COPY_OPTIONS : 'FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880, DICTIONARY_SIZE_LIMIT 122880'})`,
        );
      } finally {
        if (oneThread) await c.run('RESET threads; SET preserve_insertion_order = true');
      }
    };
    const cols = (t: keyof typeof TABLES, over: Record<string, string>) => TABLES[t].map((col) => over[col.name] ?? quoteIdent(col.name)).join(', ');
    for (let k = 0; k < copies; k++) {
      const part = `part-${String(k).padStart(6, '0')}.parquet`;
      // articles and _state/articles: one file per copy each, in the same row order (load joins them by position)
      await copy(
        `SELECT ${cols('articles', {
          article_id: `${id('article_id', k)} AS article_id`,
          source: k === 0 ? 'source' : `source || ' (copy ${k + 1})' AS source`,
          duplicate_of: k === 0 ? 'duplicate_of' : 'coalesce(duplicate_of, article_id) AS duplicate_of',
        })} FROM ${files('articles')}`,
        path.join(versionDir, 'articles', part),
        true,
      );
      await copy(
        `SELECT ${id('article_id', k)} AS article_id, seq + ${k * seqSpan} AS seq, base_id, ${k === 0 ? 'input_key' : `left(sha256(input_key || '#${k}'), 40) AS input_key`}, outlet_id, exact_key, minhash, bands FROM ${state('articles')}`,
        path.join(versionDir, STATE_DIR, k === 0 ? 'articles.parquet' : `articles.${k}.parquet`),
        true,
      );
      for (const t of ['mentions', 'topics', 'topic_evidence', 'article_visits', 'visit_evidence'] as const) {
        await copy(`SELECT ${cols(t, { article_id: `${id('article_id', k)} AS article_id` })} FROM ${files(t)}`, path.join(versionDir, t, part));
      }
      await copy(
        `SELECT ${cols('rejects', { source: k === 0 ? 'source' : `source || ' (copy ${k + 1})' AS source` })} FROM ${files('rejects')}`,
        path.join(versionDir, 'rejects', part),
      );
      await copy(
        `SELECT ${id('article_id', k)} AS article_id, start, "end", entity_id FROM ${state('mentions')}`,
        path.join(versionDir, STATE_DIR, k === 0 ? 'mentions.parquet' : `mentions.${k}.parquet`),
      );
    }
    // in copy order, not sorted: readers take a window of seqs at a time (corpus.ts stateRows), and an ORDER BY
    // over 24 copies' items (payloads of ~270 bytes) ran out of the 1 GB limit
    await copy(
      `SELECT kind, seq + k * ${seqSpan} AS seq, pos, CASE WHEN k = 0 OR article_id IS NULL THEN article_id ELSE left(sha256(article_id || '#' || k), 16) END AS article_id, payload
       FROM range(${copies}) r(k), ${state('items')}`,
      path.join(versionDir, STATE_DIR, 'items.parquet'),
    );
    for (const t of ['outlets', 'entities', 'topic_defs', 'visits', 'run_steps'] as const) {
      await copy(`SELECT * FROM ${files(t)}`, path.join(versionDir, t, 'part-0.parquet'));
    }
    await copy(
      `SELECT entity_id, alias, (n * ${copies})::INTEGER AS n FROM ${files('entity_aliases')}`,
      path.join(versionDir, 'entity_aliases', 'part-0.parquet'),
    );
    const missing = TABLE_NAMES.filter(
      (t) =>
        ![
          'articles',
          'mentions',
          'topics',
          'topic_evidence',
          'article_visits',
          'visit_evidence',
          'rejects',
          'outlets',
          'entities',
          'topic_defs',
          'visits',
          'run_steps',
          'entity_aliases',
        ].includes(t),
    );
    if (missing.length) throw new Error(`replicate does not know the tables ${missing.join(', ')}`);
    // The search index: the source's rows once per copy under the copy's ids, as runs (each sorted by
    // token), then rewritten as the writer lays its files out (search-files.ts); a source without an
    // index gets the rows from its articles first.
    const searchDir = path.join(versionDir, SEARCH_DIR);
    mkdirSync(searchDir, { recursive: true });
    const srcSearch = path.join(src, SEARCH_DIR);
    let srcFiles = (existsSync(srcSearch) ? readdirSync(srcSearch) : [])
      .filter((f) => f.endsWith('.parquet'))
      .sort()
      .map((f) => path.join(srcSearch, f));
    if (srcFiles.length === 0) {
      const file = path.join(runsDir, 'source.parquet');
      await c.run(`COPY (${searchTokensSql(files('articles'))}) TO ${quoteLiteral(file)} ${SEARCH_RUN_COPY_OPTIONS}`);
      srcFiles = [file];
    }
    // Copy k's ids from a table of the source's ids (one sha256 per article, not per row), joined on one
    // thread: the join then streams the file in its order, sorted by token (16 s a copy at 1M against 60).
    const srcList = `[${srcFiles.map(quoteLiteral).join(', ')}]`;
    await c.run(`CREATE TEMP TABLE search_ids AS SELECT DISTINCT article_id FROM read_parquet(${srcList})`);
    const runs: string[] = [];
    await c.run('SET threads = 1');
    try {
      for (let k = 0; k < copies; k++) {
        await c.run(`CREATE OR REPLACE TEMP TABLE search_map AS SELECT article_id, ${id('article_id', k)} AS new_id FROM search_ids`);
        for (const f of srcFiles) {
          const run = path.join(runsDir, `run-${runs.length}.parquet`);
          await c.run(
            `COPY (SELECT s.token, m.new_id AS article_id, s.after_al FROM read_parquet(${quoteLiteral(f)}) s JOIN search_map m ON m.article_id = s.article_id) TO ${quoteLiteral(run)} ${SEARCH_RUN_COPY_OPTIONS}`,
          );
          runs.push(run);
        }
      }
    } finally {
      await c.run('RESET threads');
    }
    await writeSearchRanges(c, runs, searchDir, 0);
    rmSync(runsDir, { recursive: true, force: true });
    writeFileSync(path.join(versionDir, 'views.sql'), viewsSqlFor(absOut, versionDir));
    c.closeSync();
    db.closeSync();
    await sealVersion(absOut, versionDir);
    publish(absOut, versionDir);
  } finally {
    rmSync(runsDir, { recursive: true, force: true });
    lock.release();
  }
}
