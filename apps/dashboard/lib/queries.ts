/**
 * Every query the dashboard runs, as functions of the filters. Each builds SQL over the warehouse's views
 * (the names views.sql creates), binds every filter value, aggregates in DuckDB and returns plain rows.
 * They take the warehouse as an argument: lib/data.ts (server-only) owns the connection.
 */
import { articleFileView, col, mentionFileView, type RowOf } from '@mirsad/model';
import type { Warehouse } from '@mirsad/model/warehouse';
import { NO_OUTLET, type Filters } from './filters';
import { FOLD_FROM, FOLD_TO, indexLookup, prefixRange, queryWords } from './search';
import { Binder, checkedRows, type BuiltQuery, type ColumnSpec } from './sql';

export type Queryable = Pick<Warehouse, 'query'>;

export const PAGE_SIZE = 50;
const EXPORT_LIMIT = 100_000;

/**
 * `sel`: the articles the filters select (topic filter aside), one row each, with the outlet key
 * (articles without an outlet under NO_OUTLET). Topic filters restrict which topics are counted, not the
 * denominators: a share is of all the outlet's (or visit's, or period's) selected articles.
 */
/** The link condition on article_visits (alias `av`, or the bare table) for the links mode. */
const primaryOnly = (f: Filters, alias = ''): string => (f.links === 'primary' ? ` AND ${alias}is_primary` : '');
/** The conditions on article_visits or visit_links (as `alias`) that the visit filter and the links mode give. */
function visitLinkConds(b: Binder, f: Filters, alias: string): string[] {
  const where: string[] = [];
  if (f.visits.length) where.push(`list_contains(${b.bind('visits', f.visits)}, ${alias}.visit_id)`);
  if (f.links === 'primary') where.push(`${alias}.is_primary`);
  return where;
}

/**
 * The articles whose title or body matches query word `w` (the `i`-th of the query), from the search
 * index (search_tokens, sorted by token): one range of tokens (indexLookup), so DuckDB reads only the row
 * groups that can hold it.
 */
function tokenSearchSql(b: Binder, w: string, i: number): string {
  const { prefix, afterAl } = indexLookup(w);
  const [lo, hi] = prefixRange(prefix);
  return `SELECT article_id FROM search_tokens WHERE token >= ${b.bind(`word_${i}_lo`, lo)} AND token < ${b.bind(`word_${i}_hi`, hi)}${afterAl ? ' AND after_al' : ''}`;
}

/** The conditions on the columns article_keys and entity_articles both carry: duplicates, dates, outlets. */
function keyConds(b: Binder, f: Filters, a: string): string[] {
  const where: string[] = [];
  // is_dup (1 when duplicate_of IS NOT NULL, else 0): the pool's tables are sorted by it, and DuckDB skips the
  // row groups of duplicates by `is_dup < 1` (by an integer, not by a BOOLEAN, nor by IS NULL). Not `= 0`: DuckDB
  // estimates an equality on a column of two values at half the rows (500k articles for 40k), and then built
  // the topic charts' hash joins on article_topics instead of on the selection (outlet-topics and topic-shares twice the CPU).
  if (!f.dups) where.push(`${a}.is_dup < 1`);
  if (f.from) where.push(`${a}.published_date >= CAST(${b.bind('date_from', f.from)} AS DATE)`);
  if (f.to) where.push(`${a}.published_date <= CAST(${b.bind('date_to', f.to)} AS DATE)`);
  if (f.outlets.length) where.push(`list_contains(${b.bind('outlets', f.outlets)}, coalesce(${a}.outlet_id, '${NO_OUTLET}'))`);
  return where;
}

/**
 * The rows of entity `id` in entity_articles (as `alias`): by entity_key, the hash of the id the table is
 * stored by, which DuckDB skips row groups by (not by entity_id, whose first 8 bytes are all it keeps), and by
 * the id itself (two ids may share a hash).
 */
function entityCond(b: Binder, id: string, alias: string): string {
  const p = b.bind('entity', id);
  return `${alias}.entity_key = hash(${p}) AND ${alias}.entity_id = ${p}`;
}

/**
 * The conditions that select the articles of `f` (topic filter aside) from a table, as `alias`, with the
 * article_keys columns (article_keys itself, or entity_articles, which carries them).
 */
function selConds(b: Binder, f: Filters, alias: string): string[] {
  const a = alias;
  const where = keyConds(b, f, a);
  if (f.visits.length)
    where.push(`${a}.article_id IN (SELECT article_id FROM article_visits WHERE list_contains(${b.bind('visits', f.visits)}, visit_id)${primaryOnly(f)})`);
  // The entity's articles under the same duplicate, date and outlet conditions (entity_articles carries
  // them): an article outside them is ruled out anyway, and the set to match against stays small (an
  // entity named in a wire story has a row for each of its copies).
  if (f.entity)
    where.push(`${a}.article_no IN (SELECT e.article_no FROM entity_articles e WHERE ${[entityCond(b, f.entity, 'e'), ...keyConds(b, f, 'e')].join(' AND ')})`);
  if (f.q) {
    const words = queryWords(f.q);
    if (words.length === 0) where.push('false');
    else where.push(...words.map((w, i) => `${a}.article_id IN (${tokenSearchSql(b, w, i)})`));
  }
  return where;
}

/**
 * fselConds for a query that has the fsel CTE: with a keyword search, the articles of fsel (its search
 * read once) under the duplicate, date and outlet conditions DuckDB skips row groups by, rather than the
 * search index read again.
 */
function fselOrSearched(b: Binder, f: Filters, alias: string): string[] {
  return f.q ? [...keyConds(b, f, alias), `${alias}.article_no IN (SELECT article_no FROM fsel)`] : fselConds(b, f, alias);
}

/**
 * selConds for a query that has the sel CTE, as fselOrSearched is for fsel: with a keyword search, the
 * articles of sel under the conditions DuckDB skips row groups by, rather than the search index read again.
 */
function selOrSearched(b: Binder, f: Filters, alias: string): string[] {
  return f.q ? [...keyConds(b, f, alias), `${alias}.article_no IN (SELECT article_no FROM sel)`] : selConds(b, f, alias);
}

/** selConds narrowed, as fsel is, to articles with one of the filtered topics. */
function fselConds(b: Binder, f: Filters, alias: string): string[] {
  const where = selConds(b, f, alias);
  if (f.topics.length)
    where.push(`${alias}.article_no IN (SELECT article_no FROM article_topics WHERE list_contains(${b.bind('topics', f.topics)}, topic_id))`);
  return where;
}

const whereClause = (conds: readonly string[], indent = '  '): string => (conds.length ? `\n${indent}WHERE ${conds.join(`\n${indent}  AND `)}` : '');

function selCte(b: Binder, f: Filters, located = false): string {
  // article_keys: the articles without their text (a keyword search reads the search index).
  return `sel AS (
  SELECT a.article_id, a.article_no, coalesce(a.outlet_id, '${NO_OUTLET}') AS outlet_id, a.published_date, a.mentions${located ? ', a.file_no, a.row_no' : ''}
  FROM article_keys a${whereClause(selConds(b, f, 'a'))}
)`;
}

/**
 * The (article, topic) pairs counted, restricted to the topic filter, by article_no. Every query joins them
 * to articles of the selection: without duplicates, those of articles that are not duplicates
 * (article_topics is stored by is_dup, and DuckDB reads only their row groups: 10k of 258k rows on a
 * million articles mostly copies).
 */
function topicsCte(b: Binder, f: Filters): string {
  const conds = [...(f.dups ? [] : ['is_dup < 1']), ...(f.topics.length ? [`list_contains(${b.bind('topics', f.topics)}, topic_id)`] : [])];
  return `sel_topics AS (
  SELECT article_no, topic_id FROM article_topics${whereClause(conds)}
)`;
}

/**
 * `fsel`: the articles a list shows, sel narrowed to articles with one of the filtered topics (all of sel
 * without a topic filter), with the CTEs it is built from. Counts of articles (the header, lists, entity
 * pages) are over fsel, so a count and the list it links to agree.
 */
function fselCtes(b: Binder, f: Filters, located = false): string {
  const fsel = f.topics.length
    ? 'fsel AS (\n  SELECT * FROM sel WHERE article_no IN (SELECT article_no FROM sel_topics)\n)'
    : 'fsel AS (\n  SELECT * FROM sel\n)';
  return `${selCte(b, f, located)},\n${topicsCte(b, f)},\n${fsel}`;
}

/**
 * `totals` (articles per group of `src`) and `counts` (articles per group and counted topic): the
 * denominators and numerators of every share of a chart. `src` has one row per (group, article), with article_no.
 */
function sharesCtes(src: string, keys: readonly string[]): string {
  const k = keys.join(', ');
  const g = keys.map((x) => `g.${x}`).join(', ');
  return `totals AS (
  SELECT ${k}, count(*) AS total FROM ${src} GROUP BY ${k}
),
counts AS (
  SELECT ${g}, t.topic_id, count(*) AS n
  FROM ${src} g JOIN sel_topics t ON t.article_no = g.article_no
  GROUP BY ${g}, t.topic_id
)`;
}

const OUTLET = [col('outlet_id', 'VARCHAR'), col('outlet_ar', 'VARCHAR', true), col('outlet_en', 'VARCHAR', true)] as const;
const VISIT_LABEL = [col('visit_id', 'VARCHAR'), col('label_ar', 'VARCHAR'), col('label_en', 'VARCHAR')] as const;
const ENTITY_NAME = [col('entity_id', 'VARCHAR'), col('type', 'VARCHAR'), col('name_ar', 'VARCHAR', true), col('name_en', 'VARCHAR', true)] as const;
const SHARE = [col('n', 'INTEGER'), col('total', 'INTEGER'), col('share', 'DOUBLE')] as const;

/**
 * The header's counts. Mentions are the sum of the selected articles' article_keys.mentions (their mention
 * rows, counted once per version), not a second pass over entity_articles matched against the selection;
 * visits are those of the selection's rows of visit_links, which carries the filter columns (no join).
 */
export function summaryQuery(f: Filters) {
  const b = new Binder();
  const ctes = fselCtes(b, f);
  const linked = whereClause([...fselOrSearched(b, f, 'l'), ...visitLinkConds(b, f, 'l')], '    ');
  const sql = `WITH ${ctes}
SELECT
  (SELECT count(*) FROM fsel) AS articles,
  (SELECT coalesce(sum(mentions), 0)::BIGINT FROM fsel) AS mentions,
  (SELECT count(DISTINCT outlet_id) FROM fsel WHERE outlet_id <> '${NO_OUTLET}') AS outlets,
  (SELECT count(DISTINCT l.visit_id) FROM visit_links l${linked}) AS visits,
  (SELECT count(*) FROM fsel WHERE published_date IS NULL) AS undated`;
  return b.build(sql, SUMMARY_COLUMNS);
}

const SUMMARY_COLUMNS = [
  col('articles', 'INTEGER'),
  col('mentions', 'INTEGER'),
  col('outlets', 'INTEGER'),
  col('visits', 'INTEGER'),
  col('undated', 'INTEGER'),
] as const;
export type Summary = RowOf<typeof SUMMARY_COLUMNS>;

export function outletTopicsQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
${sharesCtes('sel', ['outlet_id'])}
SELECT c.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en, c.topic_id, c.n, tt.total,
  c.n / tt.total AS share
FROM counts c
JOIN totals tt ON tt.outlet_id = c.outlet_id
LEFT JOIN outlets o ON o.outlet_id = c.outlet_id
ORDER BY tt.total DESC, c.outlet_id, c.topic_id`;
  return b.build(sql, OUTLET_TOPIC_COLUMNS);
}

const OUTLET_TOPIC_COLUMNS = [...OUTLET, col('topic_id', 'VARCHAR'), ...SHARE] as const;
export type OutletTopicRow = RowOf<typeof OUTLET_TOPIC_COLUMNS>;

/** Visits by date (a tour's stops are then side by side); articles counted by the links mode. */
export function visitTopicsQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
sel_visits AS (
  SELECT DISTINCT av.visit_id, av.article_no
  FROM visit_links av${whereClause([...selOrSearched(b, f, 'av'), ...visitLinkConds(b, f, 'av')])}
),
${sharesCtes('sel_visits', ['visit_id'])}
SELECT v.visit_id, v.label_ar, v.label_en, v.host_country, v.city, v.start_date, c.topic_id, c.n, tt.total,
  c.n / tt.total AS share
FROM counts c
JOIN totals tt ON tt.visit_id = c.visit_id
JOIN visits v ON v.visit_id = c.visit_id
ORDER BY v.start_date, v.visit_id, c.topic_id`;
  return b.build(sql, VISIT_TOPIC_COLUMNS);
}

const VISIT_TOPIC_COLUMNS = [
  ...VISIT_LABEL,
  col('host_country', 'VARCHAR'),
  col('city', 'VARCHAR', true),
  col('start_date', 'DATE'),
  col('topic_id', 'VARCHAR'),
  ...SHARE,
] as const;
export type VisitTopicRow = RowOf<typeof VISIT_TOPIC_COLUMNS>;

/**
 * The outlet × visit matrix: per (outlet, visit) the articles linked (primary stop, or every link) and
 * each topic's count among them, ranked; `rank` 1 is the outlet's leading topic around that visit. One row
 * per (outlet, visit, topic), plus one with topic_id NULL for a cell whose articles have no counted topic.
 * Visits come with their tour (a visit without one is its own tour) and are ordered by date.
 */
export function visitMatrixQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
links AS (
  SELECT DISTINCT coalesce(av.outlet_id, '${NO_OUTLET}') AS outlet_id, av.visit_id, av.article_no
  FROM visit_links av${whereClause([...selOrSearched(b, f, 'av'), ...visitLinkConds(b, f, 'av')])}
),
${sharesCtes('links', ['outlet_id', 'visit_id'])},
tour_starts AS (
  SELECT coalesce(tour_id, visit_id) AS tour, min(start_date) AS tour_start FROM visits GROUP BY ALL
),
tours AS (
  SELECT v.visit_id, t.tour, t.tour_start FROM visits v JOIN tour_starts t ON t.tour = coalesce(v.tour_id, v.visit_id)
)
SELECT tt.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en, tt.visit_id, v.label_ar, v.label_en, v.start_date,
  tr.tour, tr.tour_start, tt.total, c.topic_id, coalesce(c.n, 0) AS n, coalesce(c.n, 0) / tt.total AS share,
  row_number() OVER (PARTITION BY tt.outlet_id, tt.visit_id ORDER BY c.n DESC NULLS LAST, c.topic_id) AS rank
FROM totals tt
JOIN visits v ON v.visit_id = tt.visit_id
JOIN tours tr ON tr.visit_id = tt.visit_id
LEFT JOIN counts c ON c.outlet_id = tt.outlet_id AND c.visit_id = tt.visit_id
LEFT JOIN outlets o ON o.outlet_id = tt.outlet_id
ORDER BY tr.tour_start, tr.tour, v.start_date, tt.visit_id, tt.outlet_id, rank`;
  return b.build(sql, VISIT_MATRIX_COLUMNS);
}

const VISIT_MATRIX_COLUMNS = [
  ...OUTLET,
  ...VISIT_LABEL,
  col('start_date', 'DATE'),
  col('tour', 'VARCHAR'),
  col('tour_start', 'DATE'),
  col('total', 'INTEGER'),
  col('topic_id', 'VARCHAR', true),
  col('n', 'INTEGER'),
  col('share', 'DOUBLE'),
  col('rank', 'INTEGER'),
] as const;
export type VisitMatrixRow = RowOf<typeof VISIT_MATRIX_COLUMNS>;

/**
 * Articles per day from −7 to +7 days of each visit's start, per outlet (the links mode decides which
 * articles belong to a visit). Days without articles are absent.
 */
export function visitDaysQuery(f: Filters) {
  const b = new Binder();
  const ctes = fselCtes(b, f);
  const sql = `WITH ${ctes},
links AS (
  SELECT DISTINCT coalesce(av.outlet_id, '${NO_OUTLET}') AS outlet_id, av.visit_id, av.article_no, av.published_date
  FROM visit_links av${whereClause([...fselOrSearched(b, f, 'av'), ...visitLinkConds(b, f, 'av')])}
)
SELECT l.visit_id, v.label_ar, v.label_en, v.start_date, l.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  CAST(date_diff('day', v.start_date, l.published_date) AS INTEGER) AS day, count(*) AS n
FROM links l
JOIN visits v ON v.visit_id = l.visit_id
LEFT JOIN outlets o ON o.outlet_id = l.outlet_id
WHERE l.published_date BETWEEN v.start_date - INTERVAL 7 DAY AND v.start_date + INTERVAL 7 DAY
GROUP BY ALL
ORDER BY v.start_date, l.visit_id, l.outlet_id, day`;
  return b.build(sql, VISIT_DAY_COLUMNS);
}

const VISIT_DAY_COLUMNS = [...VISIT_LABEL, col('start_date', 'DATE'), ...OUTLET, col('day', 'INTEGER'), col('n', 'INTEGER')] as const;
export type VisitDayRow = RowOf<typeof VISIT_DAY_COLUMNS>;

/** Each outlet's articles per period (month or week), dated articles only. */
export function coverageQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${fselCtes(b, f)}
SELECT s.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  CAST(date_trunc(${b.bind('grain', f.grain)}, s.published_date) AS DATE) AS period, count(*) AS n
FROM fsel s LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
WHERE s.published_date IS NOT NULL
GROUP BY ALL
ORDER BY s.outlet_id, period`;
  return b.build(sql, COVERAGE_COLUMNS);
}

const COVERAGE_COLUMNS = [...OUTLET, col('period', 'DATE'), col('n', 'INTEGER')] as const;

/** Per topic: the selection's articles carrying it and their share of all the selection's articles. */
export function topicSharesQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)}
SELECT t.topic_id, count(*) AS n, (SELECT count(*) FROM sel) AS total, count(*) / (SELECT count(*) FROM sel) AS share
FROM sel s JOIN sel_topics t ON t.article_no = s.article_no
GROUP BY t.topic_id
ORDER BY n DESC, t.topic_id`;
  return b.build(sql, TOPIC_SHARE_COLUMNS);
}

const TOPIC_SHARE_COLUMNS = [col('topic_id', 'VARCHAR'), ...SHARE] as const;

/**
 * The entities most articles of the selection mention, by type (persons, organisations, places), top `limit`
 * of each. Counted in one scan of entity_articles, which carries the filter columns (without filters, read
 * from entity_totals); only the entities counted at least as often as their type's `limit`-th are ranked and named.
 */
export function topEntitiesQuery(f: Filters, limit = 10) {
  const b = new Binder();
  const top = b.bind('top', limit);
  // With no filter but the duplicates one, the counts are entity_totals' (named entities only, as the join
  // to entities below keeps): `kept` without duplicates, `articles` with them.
  const whole = !f.from && !f.to && !f.outlets.length && !f.visits.length && !f.topics.length && !f.entity && !f.q;
  const counted = whole
    ? `SELECT t.entity_id, t.type, t.${f.dups ? 'articles' : 'kept'} AS articles
  FROM entity_totals t
  WHERE t.${f.dups ? 'articles' : 'kept'} > 0`
    : `SELECT m.entity_id, m.type, count(*) AS articles
  FROM entity_articles m${whereClause(fselOrSearched(b, f, 'm'))}
  GROUP BY m.entity_id, m.type`;
  const sql = `WITH ${fselCtes(b, f)},
counted AS (
  ${counted}
),
cut AS (
  SELECT type, list_min(max(articles, ${top})) AS least FROM counted GROUP BY type
)
SELECT c.entity_id, e.type, e.name_ar, e.name_en, c.articles, (SELECT count(*) FROM fsel) AS total,
  c.articles / (SELECT count(*) FROM fsel) AS share
FROM counted c
JOIN cut ON cut.type = c.type AND c.articles >= cut.least
JOIN entities e ON e.entity_id = c.entity_id
QUALIFY row_number() OVER (PARTITION BY e.type ORDER BY c.articles DESC, c.entity_id) <= ${top}
ORDER BY e.type, c.articles DESC, c.entity_id`;
  return b.build(sql, TOP_ENTITY_COLUMNS);
}

const TOP_ENTITY_COLUMNS = [...ENTITY_NAME, col('articles', 'INTEGER'), col('total', 'INTEGER'), col('share', 'DOUBLE')] as const;

/**
 * The entity index: every entity with its articles in the selection, optionally those whose name contains
 * `search` (folded). The first 500 are cut from the counts before their names are joined.
 */
export function entityIndexQuery(f: Filters, search: string | null) {
  const b = new Binder();
  const words = search ? queryWords(search) : [];
  const nameCond = words.length
    ? ` WHERE ${words.map((w, i) => `strpos(translate(lower(coalesce(e.name_ar, '') || ' ' || coalesce(e.name_en, '') || ' ' || e.entity_id), ${b.bind('fold_from', FOLD_FROM)}, ${b.bind('fold_to', FOLD_TO)}), ${b.bind(`name_${i}`, w)}) > 0`).join(' AND ')}`
    : '';
  // entities.type is never NULL: entity_articles has a type exactly for the entities the entities table holds.
  const named = nameCond ? `m.entity_id IN (SELECT e.entity_id FROM entities e${nameCond})` : 'm.type IS NOT NULL';
  const conds = [...fselConds(b, f, 'm'), named];
  const sql = `WITH counted AS (
  SELECT m.entity_id, count(*) AS articles, sum(m.mentions)::BIGINT AS mentions
  FROM entity_articles m${whereClause(conds)}
  GROUP BY m.entity_id
  ORDER BY articles DESC, mentions DESC, m.entity_id
  LIMIT 500
)
SELECT e.entity_id, e.type, e.name_ar, e.name_en, c.articles, c.mentions
FROM counted c JOIN entities e ON e.entity_id = c.entity_id
ORDER BY c.articles DESC, c.mentions DESC, e.entity_id`;
  return b.build(sql, ENTITY_COUNT_COLUMNS);
}

const ENTITY_COUNT_COLUMNS = [...ENTITY_NAME, col('articles', 'INTEGER'), col('mentions', 'INTEGER')] as const;

export function timelineQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
dated AS (
  SELECT article_no, CAST(date_trunc(${b.bind('grain', f.grain)}, published_date) AS DATE) AS period
  FROM sel WHERE published_date IS NOT NULL
),
totals AS (
  SELECT period, count(*) AS total FROM dated GROUP BY period
)
SELECT tt.period, t.topic_id, count(t.topic_id) AS n, any_value(tt.total) AS total,
  count(t.topic_id) / any_value(tt.total) AS share
FROM totals tt
JOIN dated d ON d.period = tt.period
LEFT JOIN sel_topics t ON t.article_no = d.article_no
GROUP BY tt.period, t.topic_id
ORDER BY tt.period, t.topic_id NULLS FIRST`;
  return b.build(sql, TIMELINE_COLUMNS);
}

/** One row per (period, topic) with n > 0, plus a row with topic_id NULL for periods whose articles have no counted topic. */
const TIMELINE_COLUMNS = [col('period', 'DATE'), col('topic_id', 'VARCHAR', true), ...SHARE] as const;

/** The page (`tail`: LIMIT/OFFSET) is cut from the selection before titles and topics are looked up for it. */
function articleListSql(b: Binder, f: Filters, tail: string): string {
  return `WITH ${fselCtes(b, f)},
page AS (
  SELECT * FROM fsel ORDER BY published_date DESC NULLS LAST, article_id${tail}
)
SELECT a.article_id, a.title, a.published_date, a.date_source, s.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  (SELECT list(DISTINCT t.topic_id ORDER BY t.topic_id) FROM article_topics t WHERE t.article_id = a.article_id) AS topics,
  a.url, (SELECT any_value(av.visit_id) FROM article_visits av WHERE av.article_id = a.article_id AND av.is_primary) AS primary_visit
FROM page s
JOIN articles a ON a.article_id = s.article_id
LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
ORDER BY a.published_date DESC NULLS LAST, a.article_id`;
}

const ARTICLE_LIST_COLUMNS = [
  col('article_id', 'VARCHAR'),
  col('title', 'VARCHAR'),
  col('published_date', 'DATE', true),
  col('date_source', 'VARCHAR', true),
  ...OUTLET,
  col('topics', 'VARCHAR[]', true),
  col('url', 'VARCHAR', true),
  col('primary_visit', 'VARCHAR', true),
] as const;
export type ArticleListRow = RowOf<typeof ARTICLE_LIST_COLUMNS>;

/**
 * The list's page as the articles page reads it, in two steps: the page cut from the in-memory tables
 * (ids, dates, outlets, topics, primary visits, and where each article's row is), then the titles,
 * date sources and URLs of those 50 rows alone, by (file_no, row_no) from article_rows, which reads only
 * the row groups that hold them rather than every article id of the warehouse. The same rows as
 * articleListQuery (the SQL the page shows, in one statement).
 */
export async function articleListRows(db: Queryable, f: Filters, page: number = f.page): Promise<ArticleListRow[]> {
  const b = new Binder();
  const tail = `\nLIMIT ${b.bind('page_size', PAGE_SIZE)} OFFSET ${b.bind('page_offset', (Math.max(1, page) - 1) * PAGE_SIZE)}`;
  const sql = `WITH ${fselCtes(b, f, true)},
page AS (
  SELECT * FROM fsel ORDER BY published_date DESC NULLS LAST, article_id${tail}
)
SELECT s.article_id, s.published_date, s.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  (SELECT list(DISTINCT t.topic_id ORDER BY t.topic_id) FROM article_topics t WHERE t.article_no = s.article_no) AS topics,
  (SELECT any_value(av.visit_id) FROM visit_links av WHERE av.article_no = s.article_no AND av.is_primary) AS primary_visit,
  s.file_no, s.row_no
FROM page s
LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
ORDER BY s.published_date DESC NULLS LAST, s.article_id`;
  const keys = await run(db, b.build(sql, PAGE_KEY_COLUMNS));
  const texts = new Map((await articleTexts(db, keys)).map((t) => [t.article_id, t]));
  return keys.map((k) => {
    const t = texts.get(k.article_id);
    if (!t) throw new Error(`article ${k.article_id} is not at row ${k.row_no} of articles file ${k.file_no}`);
    return {
      article_id: k.article_id,
      title: t.title,
      published_date: k.published_date,
      date_source: t.date_source,
      outlet_id: k.outlet_id,
      outlet_ar: k.outlet_ar,
      outlet_en: k.outlet_en,
      topics: k.topics,
      url: t.url,
      primary_visit: k.primary_visit,
    };
  });
}

const PAGE_KEY_COLUMNS = [
  col('article_id', 'VARCHAR'),
  col('published_date', 'DATE', true),
  ...OUTLET,
  col('topics', 'VARCHAR[]', true),
  col('primary_visit', 'VARCHAR', true),
  col('file_no', 'INTEGER'),
  col('row_no', 'INTEGER'),
] as const;

const ARTICLE_TEXT_COLUMNS = [col('article_id', 'VARCHAR'), col('title', 'VARCHAR'), col('date_source', 'VARCHAR', true), col('url', 'VARCHAR', true)] as const;

/**
 * Titles, date sources and URLs of articles by where their rows are: per part file, runs of nearby rows
 * (within TEXT_RUN_GAP) as one range, so that DuckDB reads the row groups of the range only. The numbers are
 * written into the SQL (they come from article_keys, never from a request): each range reads its part
 * file's own view of article_rows (articleFileView), and the Parquet reader gets the range.
 */
/**
 * Rows of one part file this close are read as one range. Each range is a scan of the file, which costs
 * DuckDB a fixed time per row group of the file whatever the range (on the 1M warehouse's 488-row-group
 * articles file, a one-row range 10–14 ms of CPU), while the rows in between cost little (titles, URLs): a
 * page of the default list there (50 rows over 23k) read in 2 ranges within 4,096, 55 ms of CPU; in 1
 * within 16,384, 41 ms (in 11 within 256, 220 ms).
 */
const TEXT_RUN_GAP = 16_384;

async function articleTexts(db: Queryable, at: readonly { file_no: number; row_no: number }[]) {
  const sorted = [...at].sort((x, y) => x.file_no - y.file_no || x.row_no - y.row_no);
  const runs: { file: number; rows: number[] }[] = [];
  for (const { file_no, row_no } of sorted) {
    if (!Number.isSafeInteger(file_no) || !Number.isSafeInteger(row_no)) throw new Error('bad article row');
    const last = runs.at(-1);
    if (last && last.file === file_no && row_no - last.rows.at(-1)! < TEXT_RUN_GAP) last.rows.push(row_no);
    else runs.push({ file: file_no, rows: [row_no] });
  }
  if (runs.length === 0) return [];
  const parts = runs.map(
    (r) =>
      `SELECT article_id, title, date_source, url FROM ${articleFileView(r.file)} WHERE row_no BETWEEN ${r.rows[0]} AND ${r.rows.at(-1)} AND row_no IN (${r.rows.join(', ')})`,
  );
  return run(db, new Binder().build(parts.join('\nUNION ALL\n'), ARTICLE_TEXT_COLUMNS));
}

export function articleListQuery(f: Filters, page: number = f.page) {
  const b = new Binder();
  const tail = `\nLIMIT ${b.bind('page_size', PAGE_SIZE)} OFFSET ${b.bind('page_offset', (Math.max(1, page) - 1) * PAGE_SIZE)}`;
  return b.build(articleListSql(b, f, tail), ARTICLE_LIST_COLUMNS);
}

/** Every article of the selection (no paging), for the export. */
export function articleExportQuery(f: Filters) {
  const b = new Binder();
  return b.build(articleListSql(b, f, `\nLIMIT ${b.bind('row_limit', EXPORT_LIMIT)}`), ARTICLE_LIST_COLUMNS);
}

export function articleCountQuery(f: Filters) {
  const b = new Binder();
  const sql = `WITH ${fselCtes(b, f)}
SELECT count(*) AS n FROM fsel`;
  return b.build(sql, [col('n', 'INTEGER')] as const);
}

// ---- entity pages: the selection narrowed to articles that mention the entity

const withEntity = (f: Filters, id: string): Filters => ({ ...f, entity: id });

/**
 * The entities named most in the articles of the selection that mention entity `id`, top 50 by articles,
 * then mentions. In two steps, each a few row groups of entity_articles rather than a scan of it matching
 * every row against the entity's articles: the entity's articles under the filters (`arts`: its own rows,
 * by entity_key, which carry every article's filter columns), then the rows of those articles (the filters
 * again on the duplicate flag, so that only the row groups they allow are read). The entity itself is
 * counted there too and dropped after the cut, not compared by id on every row of the scan: the first 51
 * less the entity, cut at 50, are the first 50 others whether it is among the 51 or not.
 */
export function coMentionsQuery(f: Filters, id: string) {
  const b = new Binder();
  const conds = [entityCond(b, id, 'e'), ...fselConds(b, { ...f, entity: null }, 'e')];
  const sql = `WITH arts AS (
  SELECT e.article_no FROM entity_articles e${whereClause(conds)}
),
counted AS (
  SELECT m.entity_id, count(*) AS articles, sum(m.mentions)::BIGINT AS mentions
  FROM entity_articles m${whereClause([...keyConds(b, f, 'm'), 'm.article_no IN (SELECT article_no FROM arts)'])}
  GROUP BY m.entity_id
  ORDER BY articles DESC, mentions DESC, m.entity_id
  LIMIT 51
)
SELECT c.entity_id, e.type, e.name_ar, e.name_en, c.articles, c.mentions
FROM counted c LEFT JOIN entities e ON e.entity_id = c.entity_id
WHERE c.entity_id <> $entity
ORDER BY c.articles DESC, c.mentions DESC, c.entity_id
LIMIT 50`;
  return b.build(sql, CO_MENTION_COLUMNS);
}

const CO_MENTION_COLUMNS = [
  col('entity_id', 'VARCHAR'),
  col('type', 'VARCHAR', true),
  col('name_ar', 'VARCHAR', true),
  col('name_en', 'VARCHAR', true),
  col('articles', 'INTEGER'),
  col('mentions', 'INTEGER'),
] as const;
export type CoMentionRow = RowOf<typeof CO_MENTION_COLUMNS>;

/** The entity's articles and mentions in the selection per outlet: entity_articles alone, which carries the outlet. */
export function entityOutletsQuery(f: Filters, id: string) {
  const b = new Binder();
  const conds = [entityCond(b, id, 'm'), ...fselConds(b, { ...f, entity: null }, 'm')];
  const sql = `WITH counted AS (
  SELECT coalesce(m.outlet_id, '${NO_OUTLET}') AS outlet_id, count(*) AS articles, sum(m.mentions)::BIGINT AS mentions
  FROM entity_articles m${whereClause(conds)}
  GROUP BY ALL
)
SELECT c.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en, c.articles, c.mentions
FROM counted c
LEFT JOIN outlets o ON o.outlet_id = c.outlet_id
ORDER BY c.articles DESC, c.outlet_id`;
  return b.build(sql, ENTITY_OUTLET_COLUMNS);
}

const ENTITY_OUTLET_COLUMNS = [...OUTLET, col('articles', 'INTEGER'), col('mentions', 'INTEGER')] as const;

export function entityVisitsQuery(f: Filters, id: string) {
  const b = new Binder();
  const g = withEntity(f, id);
  // visit_links carries the filter columns: fsel is needed only for a keyword search's articles (fselOrSearched)
  const ctes = g.q ? `WITH ${fselCtes(b, g)}\n` : '';
  const conds = [...fselOrSearched(b, g, 'av'), ...visitLinkConds(b, g, 'av')];
  const sql = `${ctes}SELECT v.visit_id, v.label_ar, v.label_en, v.start_date, v.end_date, count(DISTINCT av.article_no) AS articles,
  round(avg(av.score), 3) AS mean_score
FROM visit_links av
JOIN visits v ON v.visit_id = av.visit_id${whereClause(conds, '')}
GROUP BY v.visit_id, v.label_ar, v.label_en, v.start_date, v.end_date
ORDER BY v.start_date, v.visit_id`;
  return b.build(sql, ENTITY_VISIT_COLUMNS);
}

const ENTITY_VISIT_COLUMNS = [
  ...VISIT_LABEL,
  col('start_date', 'DATE'),
  col('end_date', 'DATE'),
  col('articles', 'INTEGER'),
  col('mean_score', 'DOUBLE'),
] as const;

// ---- runners

/** Runs a built query; its rows are checked against the declared columns (checkedRows) before anything reads them. */
export async function run<C extends readonly ColumnSpec[]>(db: Queryable, q: BuiltQuery<C>): Promise<RowOf<C>[]> {
  return checkedRows(await db.query(q.sql, q.params), q.columns);
}

/** A query with no filters: fixed SQL, an id or two bound by name. */
function fixed<C extends readonly ColumnSpec[]>(sql: string, columns: C, params: Record<string, string> = {}): BuiltQuery<C> {
  const b = new Binder();
  const bound = sql.replace(/\$([a-z][a-z0-9_]*)/g, (m, name: string) => (name in params ? b.bind(name, params[name]!) : m));
  return b.build(bound, columns);
}

export async function summary(db: Queryable, f: Filters): Promise<Summary> {
  const [row] = await run(db, summaryQuery(f));
  return row ?? { articles: 0, mentions: 0, outlets: 0, visits: 0, undated: 0 };
}

export const outletTopics = (db: Queryable, f: Filters) => run(db, outletTopicsQuery(f));
export const visitTopics = (db: Queryable, f: Filters) => run(db, visitTopicsQuery(f));
export const timeline = (db: Queryable, f: Filters) => run(db, timelineQuery(f));

export async function articleList(db: Queryable, f: Filters): Promise<{ rows: ArticleListRow[]; total: number; page: number; pages: number }> {
  const [count] = await run(db, articleCountQuery(f));
  const total = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  return { rows: await articleListRows(db, f, page), total, page, pages };
}

export const coMentions = (db: Queryable, f: Filters, id: string) => run(db, coMentionsQuery(f, id));
export const entityOutlets = (db: Queryable, f: Filters, id: string) => run(db, entityOutletsQuery(f, id));
export const visitMatrix = (db: Queryable, f: Filters) => run(db, visitMatrixQuery(f));
export const coverage = (db: Queryable, f: Filters) => run(db, coverageQuery(f));
export const topicShares = (db: Queryable, f: Filters) => run(db, topicSharesQuery(f));
export const topEntities = (db: Queryable, f: Filters) => run(db, topEntitiesQuery(f));
export const entityIndex = (db: Queryable, f: Filters, search: string | null) => run(db, entityIndexQuery(f, search));
export const visitDays = (db: Queryable, f: Filters) => run(db, visitDaysQuery(f));
export const entityVisits = (db: Queryable, f: Filters, id: string) => run(db, entityVisitsQuery(f, id));

// ---- single records (ids are validated by the routes and bound here all the same)

const ARTICLE_COLUMNS = [
  col('article_id', 'VARCHAR'),
  col('source', 'VARCHAR'),
  col('title', 'VARCHAR'),
  col('body', 'VARCHAR'),
  col('published_date', 'DATE', true),
  col('date_source', 'VARCHAR', true),
  col('outlet_id', 'VARCHAR', true),
  col('outlet_ar', 'VARCHAR', true),
  col('outlet_en', 'VARCHAR', true),
  col('url', 'VARCHAR', true),
  col('duplicate_of', 'VARCHAR', true),
  col('n_chars', 'INTEGER'),
  col('headline_chars', 'INTEGER'),
  col('lang', 'VARCHAR'),
] as const;
const LOCATION_COLUMNS = [
  col('file_no', 'INTEGER'),
  col('row_no', 'INTEGER'),
  col('mentions', 'INTEGER'),
  col('mention_file', 'INTEGER', true),
  col('mention_row', 'INTEGER', true),
] as const;
const MENTION_ROW_COLUMNS = [col('entity_id', 'VARCHAR'), col('surface', 'VARCHAR'), col('start', 'INTEGER'), col('end', 'INTEGER')] as const;
const MENTION_NAME_COLUMNS = [
  col('entity_id', 'VARCHAR'),
  col('name_ar', 'VARCHAR', true),
  col('name_en', 'VARCHAR', true),
  col('type', 'VARCHAR', true),
] as const;
/** A mention on an article's page: its row, with its entity's names and type (NULL for an id the entities table lacks). */
type ArticleMention = RowOf<typeof MENTION_ROW_COLUMNS> & Omit<RowOf<typeof MENTION_NAME_COLUMNS>, 'entity_id'>;
const ARTICLE_TOPIC_COLUMNS = [col('topic_id', 'VARCHAR'), col('score', 'DOUBLE'), col('hits', 'INTEGER'), col('evidence', 'VARCHAR[]')] as const;
const ARTICLE_TOPIC_EVIDENCE_COLUMNS = [
  col('topic_id', 'VARCHAR'),
  col('cue_id', 'VARCHAR'),
  col('start', 'INTEGER'),
  col('end', 'INTEGER'),
  col('sentence', 'INTEGER'),
  col('surface', 'VARCHAR'),
] as const;
const ARTICLE_VISIT_COLUMNS = [
  col('visit_id', 'VARCHAR'),
  col('score', 'DOUBLE'),
  col('is_primary', 'BOOLEAN'),
  col('label_ar', 'VARCHAR'),
  col('label_en', 'VARCHAR'),
  col('start_date', 'DATE'),
  col('end_date', 'DATE'),
] as const;

export interface ArticleDetail {
  article: RowOf<typeof ARTICLE_COLUMNS>;
  mentions: ArticleMention[];
  topics: RowOf<typeof ARTICLE_TOPIC_COLUMNS>[];
  /** Each cue occurrence that counted toward a topic (topic_evidence), by position. */
  topicEvidence: RowOf<typeof ARTICLE_TOPIC_EVIDENCE_COLUMNS>[];
  visits: RowOf<typeof ARTICLE_VISIT_COLUMNS>[];
}

/**
 * An article's mentions with their entities' names, by position. Where article_keys says they are (one
 * mentions file, `mentions` rows from `mention_row`), that range of its file's view is read: the row groups
 * that hold it, not the article ids of every mentions file. Otherwise (mentions of an article not together)
 * the mentions table is searched by id. The names are looked up for the ids found, not joined against
 * every entity.
 */
async function articleMentions(db: Queryable, id: string, at: RowOf<typeof LOCATION_COLUMNS>): Promise<ArticleMention[]> {
  if (at.mentions === 0) return [];
  const order = 'ORDER BY m.start, m."end", m.entity_id';
  const ranged = at.mention_file !== null && at.mention_row !== null && Number.isSafeInteger(at.mention_file) && Number.isSafeInteger(at.mention_row);
  const rows = await run(
    db,
    fixed(
      ranged
        ? `SELECT m.entity_id, m.surface, m.start, m."end" FROM ${mentionFileView(at.mention_file!)} m
     WHERE m.row_no BETWEEN ${at.mention_row} AND ${at.mention_row! + at.mentions - 1} AND m.article_id = $id ${order}`
        : `SELECT m.entity_id, m.surface, m.start, m."end" FROM mentions m WHERE m.article_id = $id ${order}`,
      MENTION_ROW_COLUMNS,
      { id },
    ),
  );
  if (rows.length === 0) return [];
  const b = new Binder();
  const ids = b.bind('ids', [...new Set(rows.map((r) => r.entity_id))]);
  const names = await run(db, b.build(`SELECT entity_id, name_ar, name_en, type FROM entities WHERE list_contains(${ids}, entity_id)`, MENTION_NAME_COLUMNS));
  const byId = new Map(names.map((n) => [n.entity_id, n]));
  return rows.map((r) => {
    const n = byId.get(r.entity_id);
    return { ...r, name_ar: n?.name_ar ?? null, name_en: n?.name_en ?? null, type: n?.type ?? null };
  });
}

export async function articleDetail(db: Queryable, id: string): Promise<ArticleDetail | null> {
  // Where its row is (article_keys, in memory), then that row alone (its file's view of article_rows): not a scan of every article id.
  const [at] = await run(
    db,
    fixed('SELECT file_no, row_no, mentions, mention_file, mention_row FROM article_keys WHERE article_id = $id', LOCATION_COLUMNS, { id }),
  );
  if (!at || !Number.isSafeInteger(at.file_no) || !Number.isSafeInteger(at.row_no)) return null;
  const [article] = await run(
    db,
    fixed(
      `SELECT a.article_id, a.source, a.title, a.body, a.published_date, a.date_source, a.outlet_id, o.name_ar AS outlet_ar,
       o.name_en AS outlet_en, a.url, a.duplicate_of, a.n_chars, a.headline_chars, a.lang
     FROM ${articleFileView(at.file_no)} a LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
     WHERE a.row_no = ${at.row_no} AND a.article_id = $id`,
      ARTICLE_COLUMNS,
      { id },
    ),
  );
  if (!article) return null;
  const mentions = await articleMentions(db, id, at);
  const topics = await run(
    db,
    fixed('SELECT topic_id, score, hits, evidence FROM topics WHERE article_id = $id ORDER BY score DESC, topic_id', ARTICLE_TOPIC_COLUMNS, { id }),
  );
  const topicEvidence = await run(
    db,
    fixed(
      'SELECT topic_id, cue_id, start, "end", sentence, surface FROM topic_evidence WHERE article_id = $id ORDER BY start, "end", topic_id, cue_id',
      ARTICLE_TOPIC_EVIDENCE_COLUMNS,
      { id },
    ),
  );
  const visits = await run(
    db,
    fixed(
      `SELECT av.visit_id, av.score, av.is_primary, v.label_ar, v.label_en, v.start_date, v.end_date
     FROM article_visits av JOIN visits v ON v.visit_id = av.visit_id
     WHERE av.article_id = $id ORDER BY av.is_primary DESC, av.score DESC, av.visit_id`,
      ARTICLE_VISIT_COLUMNS,
      { id },
    ),
  );
  return { article, mentions, topics, topicEvidence, visits };
}

const VISIT_COLUMNS = [
  ...VISIT_LABEL,
  col('host_country', 'VARCHAR'),
  col('city', 'VARCHAR', true),
  col('start_date', 'DATE'),
  col('end_date', 'DATE'),
  col('origin', 'VARCHAR'),
  col('tour_id', 'VARCHAR', true),
  col('official_entity_id', 'VARCHAR', true),
] as const;
const STOP_COLUMNS = [...VISIT_LABEL, col('start_date', 'DATE')] as const;

export type VisitInfo = RowOf<typeof VISIT_COLUMNS> & { stops: RowOf<typeof STOP_COLUMNS>[] };

/** A visit, with the stops of its tour by date (none when it is on no tour). */
export async function visitInfo(db: Queryable, id: string): Promise<VisitInfo | null> {
  const [row] = await run(
    db,
    fixed(
      `SELECT v.visit_id, v.label_ar, v.label_en, v.host_country, v.city, v.start_date, v.end_date, v.origin, v.tour_id, v.official_entity_id
     FROM visits v WHERE v.visit_id = $id`,
      VISIT_COLUMNS,
      { id },
    ),
  );
  if (!row) return null;
  const stops = row.tour_id
    ? await run(
        db,
        fixed('SELECT visit_id, label_ar, label_en, start_date FROM visits WHERE tour_id = $tour ORDER BY start_date, visit_id', STOP_COLUMNS, {
          tour: row.tour_id,
        }),
      )
    : [];
  return { ...row, stops };
}

const ENTITY_INFO_COLUMNS = [
  col('entity_id', 'VARCHAR'),
  col('type', 'VARCHAR'),
  col('name_ar', 'VARCHAR'),
  col('name_en', 'VARCHAR', true),
  col('origin', 'VARCHAR'),
  col('mentions', 'INTEGER'),
  col('articles', 'INTEGER'),
] as const;
export type EntityInfo = RowOf<typeof ENTITY_INFO_COLUMNS>;

/** The entity, with its mentions and articles in the selection (the articles its page links to). */
export async function entityInfo(db: Queryable, f: Filters, id: string): Promise<EntityInfo | null> {
  const b = new Binder();
  const conds = [entityCond(b, id, 'm'), ...fselConds(b, { ...f, entity: null }, 'm')];
  const sql = `WITH counted AS (
  SELECT coalesce(sum(m.mentions), 0)::BIGINT AS mentions, count(*) AS articles
  FROM entity_articles m${whereClause(conds)}
)
SELECT e.entity_id, e.type, e.name_ar, e.name_en, e.origin, c.mentions, c.articles
FROM entities e, counted c WHERE e.entity_id = $entity`;
  const [row] = await run(db, b.build(sql, ENTITY_INFO_COLUMNS));
  return row ?? null;
}

// ---- what the filter bar offers

const OPTION_COLUMNS = {
  outlets: [col('id', 'VARCHAR'), col('name_ar', 'VARCHAR', true), col('name_en', 'VARCHAR', true), col('articles', 'INTEGER')],
  visits: [col('id', 'VARCHAR'), col('label_ar', 'VARCHAR'), col('label_en', 'VARCHAR'), col('start_date', 'DATE')],
  topics: [col('id', 'VARCHAR'), col('label_ar', 'VARCHAR'), col('label_en', 'VARCHAR')],
  entities: [col('id', 'VARCHAR'), col('name_ar', 'VARCHAR'), col('name_en', 'VARCHAR', true), col('type', 'VARCHAR'), col('articles', 'INTEGER')],
  dates: [col('first', 'DATE', true), col('last', 'DATE', true)],
} as const;

export interface Options {
  outlets: RowOf<typeof OPTION_COLUMNS.outlets>[];
  visits: RowOf<typeof OPTION_COLUMNS.visits>[];
  topics: RowOf<typeof OPTION_COLUMNS.topics>[];
  entities: RowOf<typeof OPTION_COLUMNS.entities>[];
  dates: RowOf<typeof OPTION_COLUMNS.dates>;
}

export async function options(db: Queryable, selectedEntity: string | null): Promise<Options> {
  const outlets = await run(
    db,
    fixed(
      `SELECT coalesce(a.outlet_id, '${NO_OUTLET}') AS id, o.name_ar, o.name_en, a.articles
     FROM (SELECT outlet_id, count(*) AS articles FROM article_keys GROUP BY outlet_id) a LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
     ORDER BY articles DESC, id`,
      OPTION_COLUMNS.outlets,
    ),
  );
  const visits = await run(db, fixed('SELECT visit_id AS id, label_ar, label_en, start_date FROM visits ORDER BY start_date, visit_id', OPTION_COLUMNS.visits));
  const topics = await run(db, fixed(`SELECT topic_id AS id, label_ar, label_en FROM (${TOPIC_ORDER_SQL}) ORDER BY ord`, OPTION_COLUMNS.topics));
  const entities = await run(
    db,
    fixed(
      `WITH picked AS (
       (SELECT * FROM entity_totals ORDER BY articles DESC, entity_id LIMIT 200)
       UNION
       (SELECT * FROM entity_totals WHERE entity_id = $selected)
     )
     SELECT e.entity_id AS id, e.name_ar, e.name_en, e.type, p.articles
     FROM picked p JOIN entities e ON e.entity_id = p.entity_id
     ORDER BY articles DESC, id`,
      OPTION_COLUMNS.entities,
      { selected: selectedEntity ?? '' },
    ),
  );
  const [dates] = await run(db, fixed('SELECT min(published_date) AS first, max(published_date) AS last FROM article_keys', OPTION_COLUMNS.dates));
  return { outlets, visits, topics, entities, dates: dates ?? { first: null, last: null } };
}

/**
 * The taxonomy in its own order (topics.yaml groups related topics: security, then conflicts, economy …),
 * which is the order every chart lists topics in. topic_defs is written in that order and a scan keeps it.
 */
const TOPIC_ORDER_SQL = 'SELECT topic_id, label_ar, label_en, row_number() OVER () AS ord FROM topic_defs';

const TOPIC_DEF_COLUMNS = [col('topic_id', 'VARCHAR'), col('label_ar', 'VARCHAR'), col('label_en', 'VARCHAR')] as const;
/** A row of topic_defs: a topic's id and labels as the warehouse holds them. */
export type TopicDefRow = RowOf<typeof TOPIC_DEF_COLUMNS>;

export async function topicDefs(db: Queryable): Promise<TopicDefRow[]> {
  return run(db, fixed(`SELECT topic_id, label_ar, label_en FROM (${TOPIC_ORDER_SQL}) ORDER BY ord`, TOPIC_DEF_COLUMNS));
}
