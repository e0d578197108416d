/**
 * A processed document as the rows it stages, built where it was processed (on a worker thread, for
 * all but a small run's first documents): the article's stage_articles row, its search-index row,
 * its mentions, topics and evidence, and what the corpus-level steps need of it (state_items,
 * state_mentions), each table's rows as columns. The main thread, which stages every document of the
 * run, then only hands them to the appenders: building the rows there, and receiving them from the
 * workers as objects with a few fields each, was most of its time on a large run.
 */
import { createHash } from 'node:crypto';
import { displayName } from './extract/discover.ts';
import { docTask, processTask, type Compiled, type ProcessedDoc, type ProcessOutcome, type Task } from './process.ts';
import type { Cell } from './warehouse/columns.ts';
import { articleValues, STAGED_ARTICLE_NAMES, STATE_ITEM_COLUMNS, tableColumns, type Columns } from './warehouse/staged-rows.ts';

/** The rows of one article (see the module comment); seq and the input key are the main thread's to fill in. */
export interface StagedDoc {
  /** The article's id as processing made it (before the pipeline gives a repeat its own). */
  id: string;
  source: string;
  /** Hash of the input it came from (inputKey), when the stager was given that input. */
  inputKey: string | null;
  /** Its stage_articles row (staged-rows.ts STAGE_ARTICLE_COLUMNS), base_id set to `id`. */
  article: Cell[];
  /** The search-index row's tokens and tokens_al. */
  search: [Cell, Cell];
  rows: {
    mentions: Columns;
    topics: Columns;
    topic_evidence: Columns;
    /** STATE_ITEM_COLUMNS; seq is the main thread's to fill in. */
    state_items: Columns;
    /** article_id, start, end, entity_id. */
    state_mentions: Columns;
  };
}

/** What processing a document gives, with an article as its staged rows. */
export type StagedOutcome = Exclude<ProcessOutcome, ProcessedDoc> | { staged: StagedDoc };

export interface StageOptions {
  /**
   * Give the longest strings (the body, the search tokens) as UTF-8 bytes: a worker's rows cross to the
   * main thread as one copy of their bytes, which DuckDB takes as they are, rather than as strings the
   * main thread converts again. The rows staged are the same.
   */
  utf8?: boolean;
}

const encoder = new TextEncoder();

/** `s` as UTF-8 bytes when asked and safe (the string form is staged up to its first NUL byte, bytes whole). */
function text(s: string, utf8: boolean | undefined): Cell {
  return utf8 && !s.includes('\u0000') ? encoder.encode(s) : s;
}

/** `outcome` with an article as its staged rows; `task` (what it was processed from) gives the input key. */
export function toStaged(outcome: ProcessOutcome, compiled: Compiled, task: Task | null, options: StageOptions = {}): StagedOutcome {
  return 'article' in outcome ? { staged: stageDoc(outcome, compiled, task ? inputKey(task) : null, options) } : outcome;
}

/** processTask, its article as the rows it stages. */
export function stageTask(task: Task, compiled: Compiled, options: StageOptions = {}): StagedOutcome {
  if (task.kind === 'line') {
    // the input key of the record's doc task, as when the reading thread parsed the line
    const doc = docTask(task);
    return 'reject' in doc ? doc : toStaged(processTask(doc, compiled), compiled, doc, options);
  }
  return toStaged(processTask(task, compiled), compiled, task, options);
}

/** Hash of an input's identity and content: what --append recognises as already ingested. */
export function inputKey(task: Task): string {
  if (task.kind === 'line') {
    const doc = docTask(task);
    // a line that gives no doc is staged as a reject, which has no input key: its bytes stand in
    if ('reject' in doc) return createHash('sha1').update(task.source).update('\u0000').update(task.line.bytes).digest('hex');
    task = doc;
  }
  const h = createHash('sha1').update(task.source).update('\u0000');
  if (task.kind === 'doc')
    h.update(task.doc.title)
      .update('\u0000')
      .update(task.doc.text)
      .update('\u0000')
      .update(task.doc.dateHint ?? '')
      .update(task.doc.outletHint ?? '');
  else h.update(task.html);
  return h.digest('hex');
}

/** The rows an article stages (see the module comment). */
function stageDoc(p: ProcessedDoc, compiled: Compiled, key: string | null, options: StageOptions): StagedDoc {
  const id = p.article.article_id;
  const article = articleValues(p.article, { seq: 0, ...p.dedup });
  if (options.utf8) article[STAGE_BODY] = text(p.article.body, true);
  return {
    id,
    source: p.article.source,
    inputKey: key,
    article,
    search: [text(p.search.tokens, options.utf8), text(p.search.tokensAl, options.utf8)],
    rows: {
      mentions: tableColumns('mentions', p.mentions),
      topics: tableColumns('topics', p.topics),
      topic_evidence: tableColumns('topic_evidence', p.topicEvidence),
      ...stateRows(p, compiled),
    },
  };
}

const STAGE_BODY = STAGED_ARTICLE_NAMES.indexOf('body');

/**
 * What the corpus-level steps need of one processed article, as rows of state_items and
 * state_mentions (see WarehouseWriter.appendState), its seq left for the main thread to fill in.
 */
function stateRows(p: ProcessedDoc, compiled: Compiled): { state_items: Columns; state_mentions: Columns } {
  const id = p.article.article_id;
  const items: Columns = STATE_ITEM_COLUMNS.map(() => []);
  const provisional: Columns = [[], [], [], []];
  let pos = 0;
  const item = (kind: string, at: number, payload: unknown) => {
    const cells = [kind, 0, at, id, JSON.stringify(payload)];
    for (let c = 0; c < cells.length; c++) (items[c] as Cell[]).push(cells[c] as Cell);
  };
  if (p.newOutlet) item('outlet', pos++, p.newOutlet);
  for (const d of p.discovered) item('discovered', pos++, d);
  if (p.discovered.length > 0) {
    const found = new Set(p.discovered.map((d) => d.entity_id));
    const counts = new Map<string, { id: string; name: string; n: number; role: number }>();
    for (const m of p.mentions) {
      if (!found.has(m.entity_id)) continue;
      const cells = [id, m.start, m.end, m.entity_id];
      for (let c = 0; c < cells.length; c++) (provisional[c] as Cell[]).push(cells[c] as Cell);
      // a name discovered under its provisional id (not one the article already gave a gazetteer id)
      if (m.method !== 'role' && m.method !== 'tagger') continue;
      const name = displayName(m.surface);
      const key = `${m.entity_id}\u0000${name}`;
      const role = m.method === 'role' ? 1 : 0;
      const c = counts.get(key);
      if (c) {
        c.n++;
        c.role += role;
      } else counts.set(key, { id: m.entity_id, name, n: 1, role });
    }
    for (const c of counts.values()) item('spelling', pos++, c);
  }
  const configured = p.visits.map((v) => v.visit_id);
  for (const k of p.claims) item('claim', pos++, { ...k, articleId: id, configured });
  if (Object.keys(p.visitFeatures.weights).some((e) => compiled.entityType(e) === 'person')) {
    item('linkable', pos, p.visitFeatures);
  }
  return { state_items: items, state_mentions: provisional };
}

/**
 * The rows of a staged article under another id (a repeat of an article's title and body, see
 * pipeline uniqueIds): every article_id column, and the id a claim carries in its payload. base_id
 * keeps the id it was processed under.
 */
export function renameStaged(doc: StagedDoc, id: string): void {
  doc.article[0] = id;
  const { rows } = doc;
  for (const cols of [rows.mentions, rows.topics, rows.topic_evidence, rows.state_mentions]) if (cols[0]) cols[0].fill(id);
  const kinds = rows.state_items[0] ?? [];
  const ids = rows.state_items[3] ?? [];
  const payloads = rows.state_items[4] ?? [];
  ids.fill(id);
  for (let r = 0; r < kinds.length; r++) {
    if (kinds[r] !== 'claim') continue;
    // JSON.parse keeps the keys in order and the value replaced keeps its place: the payload is what the new id gives
    const claim = JSON.parse(payloads[r] as string) as { articleId: string };
    claim.articleId = id;
    payloads[r] = JSON.stringify(claim);
  }
}
