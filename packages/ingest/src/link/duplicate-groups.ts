/**
 * The duplicate decision across a run, in SQL over the staged articles: which article is a copy of
 * which. Syndication makes groups of hundreds of copies normal, so the work stays linear in a group:
 * exact copies (same normalised words) are one node; each LSH band bucket links its nodes to the
 * bucket's earliest node only (a star, never all pairs), an edge kept when the two MinHash signatures
 * agree on at least `threshold` of their slots; the groups are the connected components of those
 * edges (min-label propagation with pointer jumping), and every article but a group's earliest points
 * at it. Each statement is a scan, a hash join or a GROUP BY over at most articles × bands rows, which
 * DuckDB spills to its temp_directory under the memory_limit of the connection.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface DuplicateOptions {
  /** Estimated Jaccard similarity from which two articles are copies (see duplicates.ts DEFAULT_THRESHOLD). */
  threshold: number;
}

export interface DuplicateResult {
  /** Articles given a duplicate_of. */
  duplicates: number;
  /** Signature comparisons made: at most one per node and band, whatever the size of a group. */
  comparisons: number;
  /** Rounds of label propagation until no label changed. */
  rounds: number;
}

/** Upper bound on propagation rounds; pointer jumping converges in a few for real groups. */
const MAX_ROUNDS = 200;

/**
 * Writes the duplicates of `table` (columns article_id, published_date, seq, exact_key, minhash, bands)
 * to the table `into`, made anew: (article_id, duplicate_of), one row per article that is a copy of an
 * earlier one, none for the others. "Earlier" is by publication date, then by `seq` (input order).
 * `table` is only read: an UPDATE of a million staged rows in 4,096-row groups made this step 3.7×
 * the CPU it takes writing a table of pairs (docs/MEASUREMENTS.md); readers join it. Temporary tables are dropped
 * whatever happens.
 */
export async function markDuplicates(
  c: DuckDBConnection,
  { threshold }: DuplicateOptions,
  table = 'stage_articles',
  into = 'stage_duplicates',
): Promise<DuplicateResult> {
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  const scalar = async (sql: string) => Number((await c.runAndReadAll(sql)).getRows()[0]?.[0] ?? 0);
  try {
    await c.run(`CREATE OR REPLACE TEMP TABLE dup_ord AS
      SELECT article_id, exact_key, row_number() OVER (ORDER BY published_date NULLS LAST, seq) AS o FROM ${table}`);
    // one node per exact key, carrying the signature of its earliest article
    await c.run(`CREATE OR REPLACE TEMP TABLE dup_node AS
      SELECT d.exact_key, d.node, s.minhash, s.bands
      FROM (SELECT exact_key, min(o) AS node, arg_min(article_id, o) AS first_id FROM dup_ord GROUP BY exact_key) d
      JOIN ${table} s ON s.article_id = d.first_id`);
    await c.run(`CREATE OR REPLACE TEMP TABLE dup_band AS
      SELECT node, unnest(bands) AS b FROM dup_node WHERE len(minhash) > 0`);
    await c.run(`CREATE OR REPLACE TEMP TABLE dup_edge AS
      WITH head AS (SELECT b, min(node) AS head FROM dup_band GROUP BY b),
      star AS (SELECT DISTINCT x.node AS a, h.head AS b FROM dup_band x JOIN head h ON h.b = x.b WHERE x.node <> h.head)
      SELECT star.a, star.b,
        len(list_filter(list_zip(na.minhash, nb.minhash), lambda p: p[1] = p[2])) >= ${Number(threshold)} * len(na.minhash) AS is_copy
      FROM star JOIN dup_node na ON na.node = star.a JOIN dup_node nb ON nb.node = star.b`);
    const comparisons = await scalar('SELECT count(*) FROM dup_edge');
    await c.run('DELETE FROM dup_edge WHERE NOT is_copy');
    await c.run('CREATE OR REPLACE TEMP TABLE dup_label AS SELECT node, node AS label FROM dup_node');
    let rounds = 0;
    for (; rounds < MAX_ROUNDS; rounds++) {
      const pulled = await c.runAndReadAll(`UPDATE dup_label SET label = m.label FROM (
          SELECT node, min(label) AS label FROM (
            SELECT e.a AS node, l.label FROM dup_edge e JOIN dup_label l ON l.node = e.b
            UNION ALL
            SELECT e.b AS node, l.label FROM dup_edge e JOIN dup_label l ON l.node = e.a
          ) GROUP BY node
        ) m WHERE dup_label.node = m.node AND m.label < dup_label.label RETURNING dup_label.node`);
      // pointer jumping: take the label of one's label, so a long chain settles in log rounds
      const jumped = await c.runAndReadAll(`UPDATE dup_label SET label = j.label FROM dup_label j
        WHERE dup_label.label = j.node AND j.label < dup_label.label RETURNING dup_label.node`);
      if (pulled.currentRowCount === 0 && jumped.currentRowCount === 0) break;
    }
    await c.run(`CREATE OR REPLACE TABLE ${into} AS
      SELECT d.article_id, r.article_id AS duplicate_of
      FROM dup_ord d JOIN dup_node n ON n.exact_key = d.exact_key JOIN dup_label l ON l.node = n.node JOIN dup_ord r ON r.o = l.label
      WHERE d.o <> l.label`);
    const duplicates = await scalar(`SELECT count(*) FROM ${into}`);
    return { duplicates, comparisons, rounds };
  } finally {
    for (const t of ['dup_ord', 'dup_node', 'dup_band', 'dup_edge', 'dup_label']) {
      await c.run(`DROP TABLE IF EXISTS ${t}`).catch(() => {});
    }
  }
}
