/**
 * The ingest run: config → readers → processDoc → writer → publish. Streams documents one at a time;
 * what stays in memory for the whole run is small per article (its id, for collisions) or bounded by
 * the vocabulary (discovered names, outlets), never the articles themselves.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { loadConfig } from '@mirsad/model/config';
import type { EntityRow } from '@mirsad/model';
import type { EntityDef } from '@mirsad/model/config/entities';
import { DEFAULT_THRESHOLD as DUPLICATE_THRESHOLD } from './link/duplicates.ts';
import { discoverVisits, type EntityInfo, type RunClaim } from './link/discovered-visits.ts';
import { choosePrimary, scoreFeatures, type VisitFeatures } from './link/visits.ts';
import { RunOutlets } from './extract/outlets.ts';
import { displayName } from './extract/discover.ts';
import { resolveEntities, type EntityType, type Spelling } from './resolve/cluster.ts';
import { compile, processTask, type ProcessedDoc, type ProcessOutcome, type Task } from './process.ts';
import { ProcessPool, type Fault } from './parallel/pool.ts';
import { loadManifest, type Manifest } from './read/manifest.ts';
import { readInputItems, type ReadStats } from './read/index.ts';
import type { Reject } from './types.ts';
import { WarehouseWriter, type Checkpoint } from './warehouse/writer.ts';

export interface IngestOptions {
  inputs: string[];
  out: string;
  configDir: string;
  manifest?: string | null;
  progress?: 'auto' | 'off';
  /** Worker threads for processing documents (default: one per core). */
  jobs?: number;
  /**
   * Documents processed on the main thread before the workers take over (default INLINE_DOCS), for
   * start-up speed on small inputs. HTML pages and documents over INLINE_MAX_CHARS always go to a worker.
   */
  inlineDocs?: number;
  /**
   * Longest a worker may spend on one document, ms (default $MIRSAD_DOC_TIMEOUT_MS, else
   * DEFAULT_DOC_TIMEOUT_MS); past it the document is a `timeout` reject and the worker is replaced.
   */
  docTimeoutMs?: number;
  /** Heap cap of each worker, MiB (default $MIRSAD_WORKER_HEAP_MB, else DEFAULT_WORKER_HEAP_MB). */
  workerHeapMb?: number;
  /** Tests only: make the worker fail on the document with this source (see parallel/pool.ts). */
  faultsForTests?: Record<string, Fault>;
  /** Where progress lines go on a non-terminal (default: stderr). */
  log?: (line: string) => void;
  /** Called at each phase of the run (after the first input, after the first Parquet file, before the swap): a test hook. */
  checkpoint?: Checkpoint;
}

export interface IngestSummary {
  out: string;
  articles: number;
  duplicates: number;
  mentions: number;
  entitiesMentioned: number;
  discovered: number;
  topics: number;
  articlesWithTopics: number;
  articleVisits: number;
  articlesWithVisits: number;
  /** Articles with a primary visit (is_primary). */
  articlesWithPrimaryVisit: number;
  /** Visits found in the text (visits.origin = 'discovered'). */
  discoveredVisits: number;
  outlets: number;
  articlesWithOutlet: number;
  dated: number;
  dateSources: Record<string, number>;
  rejects: number;
  rejectReasons: Record<string, number>;
  skippedFiles: number;
  /** Worker threads that processed documents (0: all on the main thread). */
  workers: number;
  seconds: number;
}

/** Documents processed on the main thread before worker threads are worth starting. */
export const INLINE_DOCS = 500;
/** Longer documents are processed on a worker even among the first INLINE_DOCS, where they can be stopped. */
export const INLINE_MAX_CHARS = 100_000;
/** A real page takes well under a second; a loaded machine gets a wide margin. */
export const DEFAULT_DOC_TIMEOUT_MS = 30_000;
export const DEFAULT_WORKER_HEAP_MB = 1024;
const BATCH_DOCS = 32;
/** Rejects and inline results held behind one unfinished batch before the reader waits for it. */
const MAX_HELD = 4096;

/** Nothing to ingest at all: the previous warehouse stays, rather than being replaced by an empty one. */
export class InputError extends Error {
  override name = 'InputError';
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const config = loadConfig(opts.configDir);
  const manifest: Manifest | null = opts.manifest ? loadManifest(opts.manifest) : null;
  // A missing input is a bad input, not a failed run (the reader turns it into a reject); all missing is an error.
  if (opts.inputs.length > 0 && opts.inputs.every((p) => !existsSync(p))) {
    throw new InputError(`no input found at ${opts.inputs.join(', ')}`);
  }
  const compiled = compile(config);
  const writer = await WarehouseWriter.create(opts.out, { checkpoint: opts.checkpoint });
  const progress = startProgress(opts);
  const summary: IngestSummary = {
    out: opts.out,
    articles: 0,
    duplicates: 0,
    mentions: 0,
    entitiesMentioned: 0,
    discovered: 0,
    topics: 0,
    articlesWithTopics: 0,
    articleVisits: 0,
    articlesWithVisits: 0,
    articlesWithPrimaryVisit: 0,
    discoveredVisits: 0,
    outlets: 0,
    articlesWithOutlet: 0,
    dated: 0,
    dateSources: {},
    rejects: 0,
    rejectReasons: {},
    skippedFiles: 0,
    workers: 0,
    seconds: 0,
  };
  const seenIds = new Set<string>();
  const discovered = new Map<string, EntityRow>();
  /** Per provisional discovered id, each spelling the articles introduced it under and how often. */
  const spellings = new Map<string, Map<string, number>>();
  const mentioned = new Set<string>();
  const newOutlets = new RunOutlets();
  const usedOutlets = new Set<string>();
  const stats: ReadStats = { skipped: 0 };
  // Visits are linked once the whole run is read: discovered visits need every article's claims.
  const claims: (RunClaim & { surface: string })[] = [];
  const linkable: { articleId: string; features: VisitFeatures }[] = [];

  const reject = (r: Reject) => {
    writer.append('rejects', { source: r.source, reason: r.reason, detail: r.detail });
    summary.rejects++;
    summary.rejectReasons[r.reason] = (summary.rejectReasons[r.reason] ?? 0) + 1;
  };

  let seq = 0;
  const handle = (source: string, outcome: ProcessOutcome) => {
    if ('error' in outcome) {
      // A document that breaks an extractor is reported, never allowed to stop the run.
      reject({ source, reason: 'internal_error', detail: outcome.error });
      return;
    }
    if ('empty' in outcome) {
      reject({ source, reason: 'empty', detail: outcome.empty });
      return;
    }
    if ('reject' in outcome) {
      reject({ source, ...outcome.reject });
      return;
    }
    const p = uniqueIds(outcome, seenIds);
    if (p.newOutlet) newOutlets.add(p.newOutlet);
    writer.appendArticle(p.article, { seq: seq++, ...p.dedup });
    const found = p.discovered.length > 0 ? new Set(p.discovered.map((d) => d.entity_id)) : null;
    for (const m of p.mentions) {
      writer.append('mentions', m);
      mentioned.add(m.entity_id);
      // a name discovered under its provisional id (not one the article already gave a gazetteer id)
      if (found?.has(m.entity_id) && (m.method === 'role' || m.method === 'tagger')) {
        let s = spellings.get(m.entity_id);
        if (!s) spellings.set(m.entity_id, (s = new Map()));
        const name = displayName(m.surface);
        s.set(name, (s.get(name) ?? 0) + 1);
      }
    }
    for (const t of p.topics) writer.append('topics', t);
    for (const e of p.topicEvidence) writer.append('topic_evidence', e);
    const configured = p.visits.map((v) => v.visit_id);
    for (const k of p.claims) claims.push({ ...k, articleId: p.article.article_id, configured });
    if (Object.keys(p.visitFeatures.weights).some((id) => compiled.entityType(id) === 'person')) {
      linkable.push({ articleId: p.article.article_id, features: p.visitFeatures });
    }
    for (const d of p.discovered) if (!discovered.has(d.entity_id)) discovered.set(d.entity_id, d);
    if (p.article.outlet_id) {
      usedOutlets.add(p.article.outlet_id);
      summary.articlesWithOutlet++;
    }
    summary.articles++;
    summary.mentions += p.mentions.length;
    summary.topics += p.topics.length;
    if (p.topics.length) summary.articlesWithTopics++;
    if (p.article.date_source) {
      summary.dated++;
      summary.dateSources[p.article.date_source] = (summary.dateSources[p.article.date_source] ?? 0) + 1;
    }
    progress.tick(summary);
  };
  // Small inputs are processed on the main thread; HTML pages, long documents and everything past
  // INLINE_DOCS documents go to worker threads, where a runaway document can be stopped (starting
  // one costs about a second). Results and rejects are handled in input order, whoever made them.
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const inlineDocs = opts.inlineDocs ?? INLINE_DOCS;
  const poolOptions = {
    configDir: opts.configDir,
    docTimeoutMs: opts.docTimeoutMs ?? envNumber('MIRSAD_DOC_TIMEOUT_MS') ?? DEFAULT_DOC_TIMEOUT_MS,
    heapMb: opts.workerHeapMb ?? envNumber('MIRSAD_WORKER_HEAP_MB') ?? DEFAULT_WORKER_HEAP_MB,
    faults: opts.faultsForTests,
  };
  let pool = null as ProcessPool | null; // started by closeGroup when a task first needs it
  let docs = 0;
  // A group of consecutive inputs: outcomes already known (rejects, inline results) and tasks sent to the pool.
  interface Group {
    items: { source: string; outcome: ProcessOutcome | null }[];
    tasks: Task[];
    outcomes: Promise<ProcessOutcome[]> | null;
  }
  const newGroup = (): Group => ({ items: [], tasks: [], outcomes: null });
  const queue: Group[] = [];
  let group = newGroup();
  const drainOne = async () => {
    const head = queue.shift();
    if (!head) return;
    const outcomes = head.outcomes ? await head.outcomes : [];
    let k = 0;
    for (const item of head.items) handle(item.source, item.outcome ?? (outcomes[k++] as ProcessOutcome));
  };
  const closeGroup = async () => {
    if (group.items.length === 0) return;
    if (group.tasks.length > 0) {
      // one worker for the odd HTML page among small inputs; all of them for a full batch or a large input
      const size = group.tasks.length >= BATCH_DOCS || docs > inlineDocs ? jobs : 1;
      pool ??= await ProcessPool.start(size, poolOptions);
      pool.grow(size);
      group.outcomes = pool.run(group.tasks);
      group.outcomes.catch(() => {}); // awaited in order by drainOne; a failure is not "unhandled" meanwhile
    }
    queue.push(group);
    group = newGroup();
    while (queue.length > jobs * 2) await drainOne();
  };
  const known = async (source: string, outcome: ProcessOutcome) => {
    if (queue.length === 0 && group.tasks.length === 0) return handle(source, outcome);
    group.items.push({ source, outcome });
    if (group.items.length >= MAX_HELD) await closeGroup();
  };
  const toPool = async (task: Task) => {
    group.items.push({ source: task.source, outcome: null });
    group.tasks.push(task);
    if (group.tasks.length >= BATCH_DOCS) await closeGroup();
  };

  try {
    await writer.open();
    let first = true;
    for await (const item of readInputItems(opts.inputs, { stats })) {
      if (first) {
        first = false;
        await opts.checkpoint?.('read');
      }
      if (item.kind === 'reject') {
        await known(item.reject.source, { reject: { reason: item.reject.reason, detail: item.reject.detail } });
        progress.tick(summary);
        continue;
      }
      const source = item.kind === 'doc' ? item.doc.source : item.source;
      const manifestEntry = manifest?.lookup(source) ?? null;
      const task: Task =
        item.kind === 'doc' ? { kind: 'doc', source, doc: item.doc, manifest: manifestEntry } : { kind: 'html', source, html: item.html, manifest: manifestEntry };
      if (docs++ < inlineDocs) {
        if (task.kind === 'doc' && task.doc.text.length <= INLINE_MAX_CHARS) await known(source, processTask(task, compiled));
        else await toPool(task);
        continue;
      }
      await toPool(task);
    }
    await closeGroup();
    while (queue.length > 0) await drainOne();
    summary.workers = pool?.size ?? 0;
    summary.skippedFiles = stats.skipped;

    for (const e of config.entities) {
      writer.append('entities', { entity_id: e.id, type: e.type, name_ar: e.name_ar, name_en: e.name_en, origin: 'gazetteer' });
    }
    // Entity resolution, once per run over the run's discovered names: spelling variants, shorter
    // forms and gazetteer spellings become one entity; the writer rewrites the staged mentions.
    const spelled: Spelling[] = [];
    for (const [id, names] of spellings) {
      const type = (discovered.get(id)?.type ?? 'person') as EntityType;
      for (const [name, n] of names) spelled.push({ entityId: id, type, name, n });
    }
    const resolution = resolveEntities(
      spelled,
      config.entities.map((e) => ({ entityId: e.id, type: e.type, names: [e.name_ar, ...e.variants] })),
    );
    for (const e of resolution.entities) writer.append('entities', e);
    for (const [from, to] of resolution.remap) {
      if (mentioned.delete(from)) mentioned.add(to);
    }
    for (const o of config.outlets.outlets) {
      if (usedOutlets.has(o.id)) writer.append('outlets', { outlet_id: o.id, name_ar: o.name_ar, name_en: o.name_en, domain: o.domain, country: o.country, origin: 'config' });
    }
    // documents processed apart that named the same new outlet get one id (their articles too, in finish)
    const created = newOutlets.resolve();
    for (const id of [...usedOutlets]) {
      const canonical = created.idOf.get(id);
      if (canonical !== undefined && canonical !== id) {
        usedOutlets.delete(id);
        usedOutlets.add(canonical);
      }
    }
    for (const o of created.rows) if (usedOutlets.has(o.outlet_id)) writer.append('outlets', o);
    for (const t of config.topics) writer.append('topic_defs', { topic_id: t.id, label_ar: t.label_ar, label_en: t.label_en });
    // visits see the resolved entities: a visitor found under two spellings is one visitor
    const finalId = (id: string) => resolution.remap.get(id) ?? id;
    if (resolution.remap.size > 0) {
      for (const k of claims) {
        k.visitor = finalId(k.visitor);
        k.hostPersons = k.hostPersons.map(finalId);
      }
      for (const l of linkable) l.features = remapFeatures(l.features, finalId);
    }
    const info = entityInfo(config.entities, new Map(resolution.entities.map((e) => [e.entity_id, e])));
    const found = discoverVisits(claims, config.visits, info);
    for (const v of found.visits) {
      writer.append('visits', {
        visit_id: v.id,
        official_entity_id: v.official,
        host_country: v.host_country,
        city: v.city,
        start_date: v.start_date,
        end_date: v.end_date,
        label_ar: v.label_ar,
        label_en: v.label_en,
        origin: v.origin,
        tour_id: v.tour_id,
      });
    }
    summary.discoveredVisits = found.visits.filter((v) => v.origin === 'discovered').length;
    for (const { visitId, claim } of found.evidence) {
      writer.append('visit_evidence', { visit_id: visitId, article_id: claim.articleId, pattern: claim.pattern, start: claim.start, end: claim.end, sentence: claim.sentence, surface: claim.surface });
    }
    for (const { articleId, features } of linkable) {
      const matches = scoreFeatures(features, compiled.entityCountry, found.visits);
      const primary = choosePrimary(matches);
      for (const m of matches) writer.append('article_visits', { article_id: articleId, visit_id: m.visitId, score: m.score, is_primary: m.visitId === primary });
      summary.articleVisits += matches.length;
      if (matches.length) summary.articlesWithVisits++;
      if (primary) summary.articlesWithPrimaryVisit++;
    }
    summary.discovered = resolution.entities.length;
    summary.entitiesMentioned = mentioned.size;
    summary.outlets = usedOutlets.size;
    progress.stop(summary);
    const counts = await writer.finish({ threshold: DUPLICATE_THRESHOLD, maxBandFanout: 200 }, { outlets: created.idOf, entities: resolution.remap });
    summary.duplicates = counts.duplicates;
  } catch (err) {
    progress.stop(summary);
    await writer.abort();
    throw err;
  } finally {
    await pool?.close();
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`${name} must be a positive number, not "${raw}"`);
  return n;
}

/** Names for the labels and ids of discovered visits: the gazetteer's, then the persons discovered in the run. */
function entityInfo(entities: readonly EntityDef[], discovered: ReadonlyMap<string, EntityRow>): EntityInfo {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const countries = new Map<string, EntityDef>();
  for (const e of entities) if (e.kind === 'country' && e.country && !countries.has(e.country)) countries.set(e.country, e);
  return {
    nameAr: (id) => byId.get(id)?.name_ar ?? discovered.get(id)?.name_ar ?? null,
    nameEn: (id) => byId.get(id)?.name_en ?? null,
    countryAr: (cc) => countries.get(cc)?.name_ar ?? null,
    countryEn: (cc) => countries.get(cc)?.name_en ?? null,
    isCity: (id) => byId.get(id)?.kind === 'city',
  };
}

/**
 * Two inputs with the same title and body (the same file twice, a page saved twice) still need
 * distinct ids: the n-th repeat gets the hash of the id, its source and n, which is stable across runs.
 */
function uniqueIds(p: ProcessedDoc, seen: Set<string>): ProcessedDoc {
  let id = p.article.article_id;
  if (!seen.has(id)) {
    seen.add(id);
    return p;
  }
  for (let n = 1; seen.has(id); n++) {
    id = createHash('sha256').update(p.article.article_id).update('\n').update(p.article.source).update(`\n${n}`).digest('hex').slice(0, 16);
  }
  seen.add(id);
  return {
    ...p,
    article: { ...p.article, article_id: id },
    mentions: p.mentions.map((m) => ({ ...m, article_id: id })),
    topics: p.topics.map((t) => ({ ...t, article_id: id })),
    topicEvidence: p.topicEvidence.map((e) => ({ ...e, article_id: id })),
  };
}

interface Progress {
  tick(s: IngestSummary): void;
  stop(s: IngestSummary): void;
}

function startProgress(opts: IngestOptions): Progress {
  if (opts.progress === 'off') return { tick() {}, stop() {} };
  const start = performance.now();
  const rate = (s: IngestSummary) => Math.round(s.articles / Math.max((performance.now() - start) / 1000, 1e-3));
  if (process.stderr.isTTY && !opts.log) {
    const bar = new cliProgress.SingleBar(
      { format: 'ingest | {articles} articles | {rate}/s | {rejects} rejects | {elapsed}s', hideCursor: true, clearOnComplete: true, stream: process.stderr, fps: 5 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(0, 0, { articles: 0, rate: 0, rejects: 0, elapsed: 0 });
    let last = 0;
    return {
      tick(s) {
        const now = performance.now();
        if (now - last < 200) return;
        last = now;
        bar.update(0, { articles: s.articles.toLocaleString('en-US'), rate: rate(s), rejects: s.rejects, elapsed: ((now - start) / 1000).toFixed(0) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  // Not a terminal (CI, a log file): a line every ten seconds, and only on long runs.
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let last = performance.now();
  return {
    tick(s) {
      const now = performance.now();
      if (now - last < 10_000) return;
      last = now;
      log(`ingest: ${s.articles.toLocaleString('en-US')} articles, ${rate(s)}/s, ${s.rejects} rejects, ${((now - start) / 1000).toFixed(0)}s`);
    },
    stop() {},
  };
}

/** The same features with their entity ids replaced by the resolved ones (weights of merged ids added). */
function remapFeatures(f: VisitFeatures, finalId: (id: string) => string): VisitFeatures {
  const remap = (r: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const [id, w] of Object.entries(r)) out[finalId(id)] = (out[finalId(id)] ?? 0) + w;
    return out;
  };
  return { ...f, weights: remap(f.weights), headline: remap(f.headline) };
}
