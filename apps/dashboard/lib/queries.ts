/**
 * Every query the dashboard runs, as functions of the filters. Each builds SQL over the warehouse's views
 * (the names views.sql creates), binds every filter value, aggregates in DuckDB and returns plain rows.
 * They take the warehouse as an argument: lib/data.ts (server-only) owns the connection.
 */
import type { JsonRow, Warehouse } from '@mirsad/model/warehouse';
import { NO_OUTLET, type Filters } from './filters';
import { FOLD_FROM, FOLD_TO, queryWords, wordPattern } from './search';
import { Binder, type BuiltQuery, type ColumnSpec } from './sql';
import type { TopicDef } from './topics';

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
/** The WHERE clause over article_visits (as `av`) that the visit filter and the links mode give. */
const visitLinksWhere = (b: Binder, f: Filters): string =>
  `WHERE true${f.visits.length ? ` AND list_contains(${b.bind('visits', f.visits)}, av.visit_id)` : ''}${primaryOnly(f, 'av.')}`;

function selCte(b: Binder, f: Filters): string {
  const where: string[] = [];
  if (!f.dups) where.push('a.duplicate_of IS NULL');
  if (f.from) where.push(`a.published_date >= CAST(${b.bind('date_from', f.from)} AS DATE)`);
  if (f.to) where.push(`a.published_date <= CAST(${b.bind('date_to', f.to)} AS DATE)`);
  if (f.outlets.length) where.push(`list_contains(${b.bind('outlets', f.outlets)}, coalesce(a.outlet_id, '${NO_OUTLET}'))`);
  if (f.visits.length)
    where.push(`a.article_id IN (SELECT article_id FROM article_visits WHERE list_contains(${b.bind('visits', f.visits)}, visit_id)${primaryOnly(f)})`);
  if (f.entity) where.push(`a.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ${b.bind('entity', f.entity)})`);
  if (f.q) {
    const words = queryWords(f.q);
    if (words.length === 0) where.push('false');
    else {
      const text = `translate(lower(a.title || ' ' || a.body), ${b.bind('fold_from', FOLD_FROM)}, ${b.bind('fold_to', FOLD_TO)})`;
      words.forEach((w, i) => where.push(`regexp_matches(${text}, ${b.bind(`word_${i}`, wordPattern(w))})`));
    }
  }
  return `sel AS (
  SELECT a.article_id, coalesce(a.outlet_id, '${NO_OUTLET}') AS outlet_id, a.published_date
  FROM articles a${where.length ? `\n  WHERE ${where.join('\n    AND ')}` : ''}
)`;
}

/** The (article, topic) pairs counted, restricted to the topic filter. */
function topicsCte(b: Binder, f: Filters): string {
  const where = f.topics.length ? `\n  WHERE list_contains(${b.bind('topics', f.topics)}, topic_id)` : '';
  return `sel_topics AS (
  SELECT DISTINCT article_id, topic_id FROM topics${where}
)`;
}

/**
 * `fsel`: the articles a list shows, sel narrowed to articles with one of the filtered topics (all of sel
 * without a topic filter), with the CTEs it is built from. Counts of articles (the header, lists, entity
 * pages) are over fsel, so a count and the list it links to agree.
 */
function fselCtes(b: Binder, f: Filters): string {
  const fsel = f.topics.length
    ? 'fsel AS (\n  SELECT * FROM sel WHERE article_id IN (SELECT article_id FROM sel_topics)\n)'
    : 'fsel AS (\n  SELECT * FROM sel\n)';
  return `${selCte(b, f)},\n${topicsCte(b, f)},\n${fsel}`;
}

const cols = (...c: [string, ColumnSpec['type']][]): ColumnSpec[] => c.map(([name, type]) => ({ name, type }));

export function summaryQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const visitCond = (f.visits.length ? ` AND list_contains(${b.bind('visits', f.visits)}, visit_id)` : '') + primaryOnly(f);
  const sql = `WITH ${fselCtes(b, f)}
SELECT
  (SELECT count(*) FROM fsel) AS articles,
  (SELECT count(*) FROM mentions WHERE article_id IN (SELECT article_id FROM fsel)) AS mentions,
  (SELECT count(DISTINCT outlet_id) FROM fsel WHERE outlet_id <> '${NO_OUTLET}') AS outlets,
  (SELECT count(DISTINCT visit_id) FROM article_visits WHERE article_id IN (SELECT article_id FROM fsel)${visitCond}) AS visits,
  (SELECT count(*) FROM fsel WHERE published_date IS NULL) AS undated`;
  return b.build(sql, cols(['articles', 'INTEGER'], ['mentions', 'INTEGER'], ['outlets', 'INTEGER'], ['visits', 'INTEGER'], ['undated', 'INTEGER']));
}

export interface Summary {
  articles: number;
  mentions: number;
  outlets: number;
  visits: number;
  undated: number;
}

export function outletTopicsQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
totals AS (
  SELECT outlet_id, count(*) AS total FROM sel GROUP BY outlet_id
),
counts AS (
  SELECT s.outlet_id, t.topic_id, count(*) AS n
  FROM sel s JOIN sel_topics t ON t.article_id = s.article_id
  GROUP BY s.outlet_id, t.topic_id
)
SELECT c.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en, c.topic_id, c.n, tt.total,
  c.n / tt.total AS share
FROM counts c
JOIN totals tt ON tt.outlet_id = c.outlet_id
LEFT JOIN outlets o ON o.outlet_id = c.outlet_id
ORDER BY tt.total DESC, c.outlet_id, c.topic_id`;
  return b.build(
    sql,
    cols(['outlet_id', 'VARCHAR'], ['outlet_ar', 'VARCHAR'], ['outlet_en', 'VARCHAR'], ['topic_id', 'VARCHAR'], ['n', 'INTEGER'], ['total', 'INTEGER'], ['share', 'DOUBLE']),
  );
}

export interface OutletTopicRow {
  outlet_id: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  topic_id: string;
  n: number;
  total: number;
  share: number;
}

/** Visits by date (a tour's stops are then side by side); articles counted by the links mode. */
export function visitTopicsQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const visitCond = `\n  ${visitLinksWhere(b, f)}`;
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
sel_visits AS (
  SELECT DISTINCT av.visit_id, s.article_id
  FROM sel s JOIN article_visits av ON av.article_id = s.article_id${visitCond}
),
totals AS (
  SELECT visit_id, count(*) AS total FROM sel_visits GROUP BY visit_id
),
counts AS (
  SELECT sv.visit_id, t.topic_id, count(*) AS n
  FROM sel_visits sv JOIN sel_topics t ON t.article_id = sv.article_id
  GROUP BY sv.visit_id, t.topic_id
)
SELECT v.visit_id, v.label_ar, v.label_en, v.host_country, v.city, v.start_date, c.topic_id, c.n, tt.total,
  c.n / tt.total AS share
FROM counts c
JOIN totals tt ON tt.visit_id = c.visit_id
JOIN visits v ON v.visit_id = c.visit_id
ORDER BY v.start_date, v.visit_id, c.topic_id`;
  return b.build(
    sql,
    cols(
      ['visit_id', 'VARCHAR'], ['label_ar', 'VARCHAR'], ['label_en', 'VARCHAR'], ['host_country', 'VARCHAR'], ['city', 'VARCHAR'],
      ['start_date', 'DATE'], ['topic_id', 'VARCHAR'], ['n', 'INTEGER'], ['total', 'INTEGER'], ['share', 'DOUBLE'],
    ),
  );
}

export interface VisitTopicRow {
  visit_id: string;
  label_ar: string;
  label_en: string;
  host_country: string;
  city: string | null;
  start_date: string;
  topic_id: string;
  n: number;
  total: number;
  share: number;
}

/**
 * The outlet × visit matrix: per (outlet, visit) the articles linked (primary stop, or every link) and
 * each topic's count among them, ranked; `rank` 1 is the outlet's leading topic around that visit. One row
 * per (outlet, visit, topic), plus one with topic_id NULL for a cell whose articles have no counted topic.
 * Visits come with their tour (a visit without one is its own tour) and are ordered by date.
 */
export function visitMatrixQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const visitCond = `\n  ${visitLinksWhere(b, f)}`;
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
links AS (
  SELECT DISTINCT s.outlet_id, av.visit_id, s.article_id
  FROM sel s JOIN article_visits av ON av.article_id = s.article_id${visitCond}
),
totals AS (
  SELECT outlet_id, visit_id, count(*) AS total FROM links GROUP BY outlet_id, visit_id
),
counts AS (
  SELECT l.outlet_id, l.visit_id, t.topic_id, count(*) AS n
  FROM links l JOIN sel_topics t ON t.article_id = l.article_id
  GROUP BY l.outlet_id, l.visit_id, t.topic_id
),
tours AS (
  SELECT visit_id, coalesce(tour_id, visit_id) AS tour, min(start_date) OVER (PARTITION BY coalesce(tour_id, visit_id)) AS tour_start
  FROM visits
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
  return b.build(
    sql,
    cols(
      ['outlet_id', 'VARCHAR'], ['outlet_ar', 'VARCHAR'], ['outlet_en', 'VARCHAR'], ['visit_id', 'VARCHAR'], ['label_ar', 'VARCHAR'], ['label_en', 'VARCHAR'],
      ['start_date', 'DATE'], ['tour', 'VARCHAR'], ['tour_start', 'DATE'], ['total', 'INTEGER'], ['topic_id', 'VARCHAR'], ['n', 'INTEGER'],
      ['share', 'DOUBLE'], ['rank', 'INTEGER'],
    ),
  );
}

export interface VisitMatrixRow {
  outlet_id: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  visit_id: string;
  label_ar: string;
  label_en: string;
  start_date: string;
  tour: string;
  tour_start: string;
  total: number;
  topic_id: string | null;
  n: number;
  share: number;
  rank: number;
}

/**
 * Articles per day from −7 to +7 days of each visit's start, per outlet (the links mode decides which
 * articles belong to a visit). Days without articles are absent.
 */
export function visitDaysQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const visitCond = `\n  ${visitLinksWhere(b, f)}`;
  const sql = `WITH ${fselCtes(b, f)},
links AS (
  SELECT DISTINCT s.outlet_id, av.visit_id, s.article_id, s.published_date
  FROM fsel s JOIN article_visits av ON av.article_id = s.article_id${visitCond}
)
SELECT l.visit_id, v.label_ar, v.label_en, v.start_date, l.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  CAST(date_diff('day', v.start_date, l.published_date) AS INTEGER) AS day, count(*) AS n
FROM links l
JOIN visits v ON v.visit_id = l.visit_id
LEFT JOIN outlets o ON o.outlet_id = l.outlet_id
WHERE l.published_date BETWEEN v.start_date - INTERVAL 7 DAY AND v.start_date + INTERVAL 7 DAY
GROUP BY ALL
ORDER BY v.start_date, l.visit_id, l.outlet_id, day`;
  return b.build(
    sql,
    cols(
      ['visit_id', 'VARCHAR'], ['label_ar', 'VARCHAR'], ['label_en', 'VARCHAR'], ['start_date', 'DATE'], ['outlet_id', 'VARCHAR'],
      ['outlet_ar', 'VARCHAR'], ['outlet_en', 'VARCHAR'], ['day', 'INTEGER'], ['n', 'INTEGER'],
    ),
  );
}

export interface VisitDayRow {
  visit_id: string;
  label_ar: string;
  label_en: string;
  start_date: string;
  outlet_id: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  day: number;
  n: number;
}

/** Each outlet's articles per period (month or week), dated articles only. */
export function coverageQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const sql = `WITH ${fselCtes(b, f)}
SELECT s.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  CAST(date_trunc(${b.bind('grain', f.grain)}, s.published_date) AS DATE) AS period, count(*) AS n
FROM fsel s LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
WHERE s.published_date IS NOT NULL
GROUP BY ALL
ORDER BY s.outlet_id, period`;
  return b.build(sql, cols(['outlet_id', 'VARCHAR'], ['outlet_ar', 'VARCHAR'], ['outlet_en', 'VARCHAR'], ['period', 'DATE'], ['n', 'INTEGER']));
}

export interface CoverageRow {
  outlet_id: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  period: string;
  n: number;
}

/** Per topic: the selection's articles carrying it and their share of all the selection's articles. */
export function topicSharesQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)}
SELECT t.topic_id, count(*) AS n, (SELECT count(*) FROM sel) AS total, count(*) / (SELECT count(*) FROM sel) AS share
FROM sel s JOIN sel_topics t ON t.article_id = s.article_id
GROUP BY t.topic_id
ORDER BY n DESC, t.topic_id`;
  return b.build(sql, cols(['topic_id', 'VARCHAR'], ['n', 'INTEGER'], ['total', 'INTEGER'], ['share', 'DOUBLE']));
}

export interface TopicShareRow {
  topic_id: string;
  n: number;
  total: number;
  share: number;
}

/** The entities most articles of the selection mention, by type (persons, organisations, places), top `limit` of each. */
export function topEntitiesQuery(f: Filters, limit = 10): BuiltQuery {
  const b = new Binder();
  const sql = `WITH ${fselCtes(b, f)},
counted AS (
  SELECT m.entity_id, count(DISTINCT m.article_id) AS articles
  FROM mentions m JOIN fsel s ON s.article_id = m.article_id
  GROUP BY m.entity_id
)
SELECT c.entity_id, e.type, e.name_ar, e.name_en, c.articles, (SELECT count(*) FROM fsel) AS total,
  c.articles / (SELECT count(*) FROM fsel) AS share
FROM counted c JOIN entities e ON e.entity_id = c.entity_id
QUALIFY row_number() OVER (PARTITION BY e.type ORDER BY c.articles DESC, c.entity_id) <= ${b.bind('top', limit)}
ORDER BY e.type, c.articles DESC, c.entity_id`;
  return b.build(
    sql,
    cols(['entity_id', 'VARCHAR'], ['type', 'VARCHAR'], ['name_ar', 'VARCHAR'], ['name_en', 'VARCHAR'], ['articles', 'INTEGER'], ['total', 'INTEGER'], ['share', 'DOUBLE']),
  );
}

export interface TopEntityRow {
  entity_id: string;
  type: string;
  name_ar: string | null;
  name_en: string | null;
  articles: number;
  total: number;
  share: number;
}

/** The entity index: every entity with its articles in the selection, optionally those whose name contains `search` (folded). */
export function entityIndexQuery(f: Filters, search: string | null): BuiltQuery {
  const b = new Binder();
  const words = search ? queryWords(search) : [];
  const nameCond = words.length
    ? `\nWHERE ${words.map((w, i) => `strpos(translate(lower(coalesce(e.name_ar, '') || ' ' || coalesce(e.name_en, '') || ' ' || e.entity_id), ${b.bind('fold_from', FOLD_FROM)}, ${b.bind('fold_to', FOLD_TO)}), ${b.bind(`name_${i}`, w)}) > 0`).join(' AND ')}`
    : '';
  const sql = `WITH ${fselCtes(b, f)},
counted AS (
  SELECT m.entity_id, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
  FROM mentions m JOIN fsel s ON s.article_id = m.article_id
  GROUP BY m.entity_id
)
SELECT e.entity_id, e.type, e.name_ar, e.name_en, c.articles, c.mentions
FROM counted c JOIN entities e ON e.entity_id = c.entity_id${nameCond}
ORDER BY c.articles DESC, c.mentions DESC, e.entity_id
LIMIT 500`;
  return b.build(sql, cols(['entity_id', 'VARCHAR'], ['type', 'VARCHAR'], ['name_ar', 'VARCHAR'], ['name_en', 'VARCHAR'], ['articles', 'INTEGER'], ['mentions', 'INTEGER']));
}

export interface EntityIndexRow {
  entity_id: string;
  type: string;
  name_ar: string | null;
  name_en: string | null;
  articles: number;
  mentions: number;
}

export function timelineQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const sql = `WITH ${selCte(b, f)},
${topicsCte(b, f)},
dated AS (
  SELECT article_id, CAST(date_trunc(${b.bind('grain', f.grain)}, published_date) AS DATE) AS period
  FROM sel WHERE published_date IS NOT NULL
),
totals AS (
  SELECT period, count(*) AS total FROM dated GROUP BY period
)
SELECT tt.period, t.topic_id, count(t.topic_id) AS n, any_value(tt.total) AS total,
  count(t.topic_id) / any_value(tt.total) AS share
FROM totals tt
JOIN dated d ON d.period = tt.period
LEFT JOIN sel_topics t ON t.article_id = d.article_id
GROUP BY tt.period, t.topic_id
ORDER BY tt.period, t.topic_id NULLS FIRST`;
  return b.build(sql, cols(['period', 'DATE'], ['topic_id', 'VARCHAR'], ['n', 'INTEGER'], ['total', 'INTEGER'], ['share', 'DOUBLE']));
}

/** One row per (period, topic) with n > 0, plus a row with topic_id NULL for periods whose articles have no counted topic. */
export interface TimelineRow {
  period: string;
  topic_id: string | null;
  n: number;
  total: number;
  share: number;
}

function articleListSql(b: Binder, f: Filters, tail: string): string {
  return `WITH ${fselCtes(b, f)}
SELECT a.article_id, a.title, a.published_date, a.date_source, s.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en,
  (SELECT list(DISTINCT t.topic_id ORDER BY t.topic_id) FROM topics t WHERE t.article_id = a.article_id) AS topics,
  a.url, (SELECT any_value(av.visit_id) FROM article_visits av WHERE av.article_id = a.article_id AND av.is_primary) AS primary_visit
FROM fsel s
JOIN articles a ON a.article_id = s.article_id
LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
ORDER BY a.published_date DESC NULLS LAST, a.article_id${tail}`;
}

const ARTICLE_LIST_COLUMNS = cols(
  ['article_id', 'VARCHAR'], ['title', 'VARCHAR'], ['published_date', 'DATE'], ['date_source', 'VARCHAR'], ['outlet_id', 'VARCHAR'],
  ['outlet_ar', 'VARCHAR'], ['outlet_en', 'VARCHAR'], ['topics', 'VARCHAR[]'], ['url', 'VARCHAR'], ['primary_visit', 'VARCHAR'],
);

export function articleListQuery(f: Filters, page: number = f.page): BuiltQuery {
  const b = new Binder();
  const tail = `\nLIMIT ${b.bind('page_size', PAGE_SIZE)} OFFSET ${b.bind('page_offset', (Math.max(1, page) - 1) * PAGE_SIZE)}`;
  return b.build(articleListSql(b, f, tail), ARTICLE_LIST_COLUMNS);
}

/** Every article of the selection (no paging), for the export. */
export function articleExportQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  return b.build(articleListSql(b, f, `\nLIMIT ${b.bind('row_limit', EXPORT_LIMIT)}`), ARTICLE_LIST_COLUMNS);
}

export function articleCountQuery(f: Filters): BuiltQuery {
  const b = new Binder();
  const sql = `WITH ${fselCtes(b, f)}
SELECT count(*) AS n FROM fsel`;
  return b.build(sql, cols(['n', 'INTEGER']));
}

export interface ArticleListRow {
  article_id: string;
  title: string;
  published_date: string | null;
  date_source: string | null;
  outlet_id: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  topics: string[] | null;
  url: string | null;
  primary_visit: string | null;
}

// ---- entity pages: the selection narrowed to articles that mention the entity

const withEntity = (f: Filters, id: string): Filters => ({ ...f, entity: id });

export function coMentionsQuery(f: Filters, id: string): BuiltQuery {
  const b = new Binder();
  const g = withEntity(f, id);
  const sql = `WITH ${fselCtes(b, g)}
SELECT m.entity_id, e.type, e.name_ar, e.name_en, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
FROM mentions m
JOIN fsel s ON s.article_id = m.article_id
LEFT JOIN entities e ON e.entity_id = m.entity_id
WHERE m.entity_id <> ${b.bind('entity', id)}
GROUP BY m.entity_id, e.type, e.name_ar, e.name_en
ORDER BY articles DESC, mentions DESC, m.entity_id
LIMIT 50`;
  return b.build(sql, cols(['entity_id', 'VARCHAR'], ['type', 'VARCHAR'], ['name_ar', 'VARCHAR'], ['name_en', 'VARCHAR'], ['articles', 'INTEGER'], ['mentions', 'INTEGER']));
}

export interface CoMentionRow {
  entity_id: string;
  type: string | null;
  name_ar: string | null;
  name_en: string | null;
  articles: number;
  mentions: number;
}

export function entityOutletsQuery(f: Filters, id: string): BuiltQuery {
  const b = new Binder();
  const g = withEntity(f, id);
  const sql = `WITH ${fselCtes(b, g)}
SELECT s.outlet_id, o.name_ar AS outlet_ar, o.name_en AS outlet_en, count(DISTINCT s.article_id) AS articles,
  (SELECT count(*) FROM mentions m WHERE m.entity_id = ${b.bind('entity', id)}
     AND m.article_id IN (SELECT article_id FROM fsel s2 WHERE s2.outlet_id = s.outlet_id)) AS mentions
FROM fsel s
LEFT JOIN outlets o ON o.outlet_id = s.outlet_id
GROUP BY s.outlet_id, o.name_ar, o.name_en
ORDER BY articles DESC, s.outlet_id`;
  return b.build(sql, cols(['outlet_id', 'VARCHAR'], ['outlet_ar', 'VARCHAR'], ['outlet_en', 'VARCHAR'], ['articles', 'INTEGER'], ['mentions', 'INTEGER']));
}

export interface EntityOutletRow {
  outlet_id: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  articles: number;
  mentions: number;
}

export function entityVisitsQuery(f: Filters, id: string): BuiltQuery {
  const b = new Binder();
  const g = withEntity(f, id);
  const visitCond = `\n${visitLinksWhere(b, g)}`;
  const sql = `WITH ${fselCtes(b, g)}
SELECT v.visit_id, v.label_ar, v.label_en, v.start_date, v.end_date, count(DISTINCT s.article_id) AS articles,
  round(avg(av.score), 3) AS mean_score
FROM fsel s
JOIN article_visits av ON av.article_id = s.article_id
JOIN visits v ON v.visit_id = av.visit_id${visitCond}
GROUP BY v.visit_id, v.label_ar, v.label_en, v.start_date, v.end_date
ORDER BY v.start_date, v.visit_id`;
  return b.build(
    sql,
    cols(['visit_id', 'VARCHAR'], ['label_ar', 'VARCHAR'], ['label_en', 'VARCHAR'], ['start_date', 'DATE'], ['end_date', 'DATE'], ['articles', 'INTEGER'], ['mean_score', 'DOUBLE']),
  );
}

export interface EntityVisitRow {
  visit_id: string;
  label_ar: string;
  label_en: string;
  start_date: string;
  end_date: string;
  articles: number;
  mean_score: number;
}

// ---- runners

export async function run<T>(db: Queryable, q: BuiltQuery): Promise<T[]> {
  return (await db.query(q.sql, q.params)) as unknown as T[];
}

export async function summary(db: Queryable, f: Filters): Promise<Summary> {
  const [row] = await run<Summary>(db, summaryQuery(f));
  return row ?? { articles: 0, mentions: 0, outlets: 0, visits: 0, undated: 0 };
}

export const outletTopics = (db: Queryable, f: Filters) => run<OutletTopicRow>(db, outletTopicsQuery(f));
export const visitTopics = (db: Queryable, f: Filters) => run<VisitTopicRow>(db, visitTopicsQuery(f));
export const timeline = (db: Queryable, f: Filters) => run<TimelineRow>(db, timelineQuery(f));

export async function articleList(db: Queryable, f: Filters): Promise<{ rows: ArticleListRow[]; total: number; page: number; pages: number }> {
  const [count] = await run<{ n: number }>(db, articleCountQuery(f));
  const total = count?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  return { rows: await run<ArticleListRow>(db, articleListQuery(f, page)), total, page, pages };
}

export const coMentions = (db: Queryable, f: Filters, id: string) => run<CoMentionRow>(db, coMentionsQuery(f, id));
export const entityOutlets = (db: Queryable, f: Filters, id: string) => run<EntityOutletRow>(db, entityOutletsQuery(f, id));
export const visitMatrix = (db: Queryable, f: Filters) => run<VisitMatrixRow>(db, visitMatrixQuery(f));
export const coverage = (db: Queryable, f: Filters) => run<CoverageRow>(db, coverageQuery(f));
export const topicShares = (db: Queryable, f: Filters) => run<TopicShareRow>(db, topicSharesQuery(f));
export const topEntities = (db: Queryable, f: Filters) => run<TopEntityRow>(db, topEntitiesQuery(f));
export const entityIndex = (db: Queryable, f: Filters, search: string | null) => run<EntityIndexRow>(db, entityIndexQuery(f, search));
export const visitDays = (db: Queryable, f: Filters) => run<VisitDayRow>(db, visitDaysQuery(f));
export const entityVisits = (db: Queryable, f: Filters, id: string) => run<EntityVisitRow>(db, entityVisitsQuery(f, id));

// ---- single records (ids are validated by the routes and bound here all the same)

export interface ArticleDetail {
  article: {
    article_id: string;
    source: string;
    title: string;
    body: string;
    published_date: string | null;
    date_source: string | null;
    outlet_id: string | null;
    outlet_ar: string | null;
    outlet_en: string | null;
    url: string | null;
    duplicate_of: string | null;
    n_chars: number;
    headline_chars: number;
    lang: string;
  };
  mentions: { entity_id: string; surface: string; start: number; end: number; name_ar: string | null; name_en: string | null; type: string | null }[];
  topics: { topic_id: string; score: number; hits: number; evidence: string[] }[];
  /** Each cue occurrence that counted toward a topic (topic_evidence), by position. */
  topicEvidence: { topic_id: string; cue_id: string; start: number; end: number; sentence: number; surface: string }[];
  visits: { visit_id: string; score: number; is_primary: boolean; label_ar: string; label_en: string; start_date: string; end_date: string }[];
}

export async function articleDetail(db: Queryable, id: string): Promise<ArticleDetail | null> {
  const [article] = await db.query(
    `SELECT a.article_id, a.source, a.title, a.body, a.published_date, a.date_source, a.outlet_id, o.name_ar AS outlet_ar,
       o.name_en AS outlet_en, a.url, a.duplicate_of, a.n_chars, a.headline_chars, a.lang
     FROM articles a LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
     WHERE a.article_id = $id`,
    { id },
  );
  if (!article) return null;
  const mentions = await db.query(
    `SELECT m.entity_id, m.surface, m.start, m."end", e.name_ar, e.name_en, e.type
     FROM mentions m LEFT JOIN entities e ON e.entity_id = m.entity_id
     WHERE m.article_id = $id ORDER BY m.start, m."end"`,
    { id },
  );
  const topics = await db.query(
    'SELECT topic_id, score, hits, evidence FROM topics WHERE article_id = $id ORDER BY score DESC, topic_id',
    { id },
  );
  const topicEvidence = await db.query(
    `SELECT topic_id, cue_id, start, "end", sentence, surface FROM topic_evidence WHERE article_id = $id ORDER BY start, "end", topic_id`,
    { id },
  );
  const visits = await db.query(
    `SELECT av.visit_id, av.score, av.is_primary, v.label_ar, v.label_en, v.start_date, v.end_date
     FROM article_visits av JOIN visits v ON v.visit_id = av.visit_id
     WHERE av.article_id = $id ORDER BY av.is_primary DESC, av.score DESC, av.visit_id`,
    { id },
  );
  return { article, mentions, topics, topicEvidence, visits } as unknown as ArticleDetail;
}

export interface VisitInfo {
  visit_id: string;
  label_ar: string;
  label_en: string;
  host_country: string;
  city: string | null;
  start_date: string;
  end_date: string;
  origin: string;
  tour_id: string | null;
  official_entity_id: string | null;
  stops: { visit_id: string; label_ar: string; label_en: string; start_date: string }[] | null;
}

/** A visit, with the other stops of its tour (by date). */
export async function visitInfo(db: Queryable, id: string): Promise<VisitInfo | null> {
  const [row] = await db.query(
    `SELECT v.visit_id, v.label_ar, v.label_en, v.host_country, v.city, v.start_date, v.end_date, v.origin, v.tour_id, v.official_entity_id,
       (SELECT list({'visit_id': s.visit_id, 'label_ar': s.label_ar, 'label_en': s.label_en, 'start_date': s.start_date} ORDER BY s.start_date, s.visit_id)
        FROM visits s WHERE s.tour_id = v.tour_id) AS stops
     FROM visits v WHERE v.visit_id = $id`,
    { id },
  );
  return (row as unknown as VisitInfo) ?? null;
}

export interface EntityInfo {
  entity_id: string;
  type: string;
  name_ar: string;
  name_en: string | null;
  origin: string;
  mentions: number;
  articles: number;
}

/** The entity, with its mentions and articles in the selection (the articles its page links to). */
export async function entityInfo(db: Queryable, f: Filters, id: string): Promise<EntityInfo | null> {
  const b = new Binder();
  const sql = `WITH ${fselCtes(b, withEntity(f, id))}
SELECT e.entity_id, e.type, e.name_ar, e.name_en, e.origin,
  (SELECT count(*) FROM mentions m WHERE m.entity_id = e.entity_id AND m.article_id IN (SELECT article_id FROM fsel)) AS mentions,
  (SELECT count(*) FROM fsel) AS articles
FROM entities e WHERE e.entity_id = ${b.bind('entity', id)}`;
  const [row] = await run<EntityInfo>(db, b.build(sql, []));
  return row ?? null;
}

// ---- what the filter bar offers

export interface Options {
  outlets: { id: string; name_ar: string | null; name_en: string | null; articles: number }[];
  visits: { id: string; label_ar: string; label_en: string; start_date: string }[];
  topics: { id: string; label_ar: string; label_en: string }[];
  entities: { id: string; name_ar: string; name_en: string | null; type: string; articles: number }[];
  dates: { first: string | null; last: string | null };
}

export async function options(db: Queryable, selectedEntity: string | null): Promise<Options> {
  const outlets = await db.query(
    `SELECT coalesce(a.outlet_id, '${NO_OUTLET}') AS id, o.name_ar, o.name_en, count(*) AS articles
     FROM articles a LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
     GROUP BY ALL ORDER BY articles DESC, id`,
  );
  const visits = await db.query('SELECT visit_id AS id, label_ar, label_en, start_date FROM visits ORDER BY start_date, visit_id');
  const topics = await db.query(`SELECT topic_id AS id, label_ar, label_en FROM (${TOPIC_ORDER_SQL}) ORDER BY ord`);
  const entities = await db.query(
    `SELECT * FROM (
       SELECT e.entity_id AS id, e.name_ar, e.name_en, e.type, count(DISTINCT m.article_id) AS articles
       FROM entities e JOIN mentions m ON m.entity_id = e.entity_id
       GROUP BY e.entity_id, e.name_ar, e.name_en, e.type
     )
     QUALIFY row_number() OVER (ORDER BY articles DESC, id) <= 200 OR id = $selected
     ORDER BY articles DESC, id`,
    { selected: selectedEntity ?? '' },
  );
  const [dates] = await db.query('SELECT min(published_date) AS first, max(published_date) AS last FROM articles');
  return { outlets, visits, topics, entities, dates: dates ?? { first: null, last: null } } as unknown as Options;
}

/**
 * The taxonomy in its own order (topics.yaml groups related topics: security, then conflicts, economy …),
 * which is the order every chart lists topics in. topic_defs is written in that order and a scan keeps it.
 */
const TOPIC_ORDER_SQL = 'SELECT topic_id, label_ar, label_en, row_number() OVER () AS ord FROM topic_defs';

export async function topicDefs(db: Queryable): Promise<TopicDef[]> {
  return (await db.query(`SELECT topic_id, label_ar, label_en FROM (${TOPIC_ORDER_SQL}) ORDER BY ord`)) as unknown as TopicDef[];
}

export type { JsonRow };
