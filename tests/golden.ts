/**
 * Golden outputs: the tables a corpus gives, as sorted CSV files in tests/golden/<corpus>/, compared
 * exactly by golden.test.ts and rewritten by `npm run golden:update`, so that every change in
 * extraction shows as a diff a reviewer reads line by line.
 *
 * Rows name their article by `source` rather than by its hash, and carry only values that do not
 * depend on the run (no temp paths, no timings). The seeds are real pages kept outside the repo:
 * their files hold ids, offsets, counts and dates, never their text.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TABLE_NAMES, quoteLiteral, type TableName } from '../packages/model/src/tables.ts';
import { openWarehouse } from '../packages/model/src/warehouse.ts';
import { RAW_DIR, SEEDS_DIR } from '../packages/ingest/src/testing/shared.ts';

export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

export interface GoldenCorpus {
  readonly name: string;
  readonly input: string;
  /** false for pages that may not be copied into the repo: their text columns stay out. */
  readonly textColumns: boolean;
}

export const CORPORA: readonly GoldenCorpus[] = [
  { name: 'raw', input: RAW_DIR, textColumns: true },
  { name: 'seed-pages', input: SEEDS_DIR, textColumns: false },
];

interface TableSelect {
  /** Columns free of page text (ids, counts, offsets, dates). */
  readonly keys: readonly string[];
  /** Columns that quote the page; written for the project's own corpus only. */
  readonly text?: readonly string[];
  /** Text columns that stand in the pages' golden files as a short hash: a row stays told apart from its neighbours. */
  readonly hashed?: readonly string[];
  /** FROM clause, where the article's source is joined in place of its hash. */
  readonly from?: string;
}

const bySource = (table: string) => `${table} t JOIN articles a USING (article_id)`;
const score = 'round(t.score, 6) AS score';

/** Every table of the contract, each with the columns its golden file keeps (a new table must be added here). */
const SELECTS: Record<TableName, TableSelect> = {
  articles: {
    keys: ['source', 'article_id', 'outlet_id', 'published_date', 'date_source', 'headline_chars', 'lang', 'n_chars', 'duplicate_of', 'format'],
    text: ['title'],
  },
  outlets: { keys: ['outlet_id', 'domain', 'country', 'origin'], text: ['name_ar', 'name_en'] },
  entities: { keys: ['entity_id', 'type', 'origin'], text: ['name_ar', 'name_en'] },
  entity_aliases: { keys: ['entity_id', 'n'], text: ['alias'], hashed: ['alias'] },
  mentions: { keys: ['a.source', 't.entity_id', 't.start', 't."end"', 't.sentence', 't.method'], text: ['t.surface'], from: bySource('mentions') },
  topics: { keys: ['a.source', 't.topic_id', score, 't.hits'], text: ["array_to_string(t.evidence, ' | ') AS evidence"], from: bySource('topics') },
  topic_evidence: { keys: ['a.source', 't.topic_id', 't.cue_id', 't.start', 't."end"', 't.sentence'], text: ['t.surface'], from: bySource('topic_evidence') },
  topic_defs: { keys: ['topic_id'], text: ['label_ar', 'label_en'] },
  visits: { keys: ['visit_id', 'official_entity_id', 'host_country', 'start_date', 'end_date', 'origin', 'tour_id'], text: ['city', 'label_ar', 'label_en'] },
  article_visits: { keys: ['a.source', 't.visit_id', score, 't.is_primary'], from: bySource('article_visits') },
  visit_evidence: { keys: ['a.source', 't.visit_id', 't.pattern', 't.start', 't."end"', 't.sentence'], text: ['t.surface'], from: bySource('visit_evidence') },
  run_steps: { keys: ['step', 'done', 'detail'] },
  rejects: { keys: ['source', 'reason', 'detail'] },
};

export function goldenSql(table: TableName, textColumns: boolean): string {
  const s = SELECTS[table];
  const cols = [...s.keys, ...(textColumns ? (s.text ?? []) : (s.hashed ?? []).map((c) => `left(md5(${c}), 8) AS ${c}_md5`))];
  return `SELECT ${cols.join(', ')} FROM ${s.from ?? table} ORDER BY ALL`;
}

/** Writes one CSV per table of `warehouse` into `outDir` (emptied first), through DuckDB's own CSV writer. */
export async function writeGolden(warehouse: string, outDir: string, corpus: GoldenCorpus): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const wh = await openWarehouse(warehouse);
  try {
    for (const table of TABLE_NAMES) {
      const file = path.join(outDir, `${table}.csv`);
      await wh.connection.run(`COPY (${goldenSql(table, corpus.textColumns)}) TO ${quoteLiteral(file)} (FORMAT csv, HEADER true)`);
    }
  } finally {
    wh.close();
  }
}

/** The golden files of a folder, by name. */
export function readGolden(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
  );
}
