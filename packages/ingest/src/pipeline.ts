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
import type { EntityRow, OutletRow } from '@mirsad/model';
import { DEFAULT_THRESHOLD as DUPLICATE_THRESHOLD } from './link/duplicates.ts';
import { displayName } from './extract/discover.ts';
import { resolveEntities, type EntityType, type Spelling } from './resolve/cluster.ts';
import { compile, processSafely, type ProcessedDoc, type ProcessOutcome } from './process.ts';
import { ProcessPool, type Task } from './parallel/pool.ts';
import { loadManifest, type Manifest } from './read/manifest.ts';
import { readInputs, type ReadStats } from './read/index.ts';
import type { Reject } from './types.ts';
import { WarehouseWriter, type Checkpoint } from './warehouse/writer.ts';

export interface IngestOptions {
  inputs: string[];
  out: string;
  configDir: string;
  manifest?: string | null;
  progress?: 'auto' | 'off';
  /** Worker threads for processing documents (default: one per core; 1 processes on the main thread). */
  jobs?: number;
  /** Documents processed on the main thread before workers start (default INLINE_DOCS). */
  inlineDocs?: number;
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
const BATCH_DOCS = 32;

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
  const newOutlets = new Map<string, OutletRow>();
  const usedOutlets = new Set<string>();
  const stats: ReadStats = { skipped: 0 };

  const reject = (r: Reject) => {
    writer.append('rejects', { source: r.source, reason: r.reason, detail: r.detail });
    summary.rejects++;
    summary.rejectReasons[r.reason] = (summary.rejectReasons[r.reason] ?? 0) + 1;
  };

  let seq = 0;
  const handle = (doc: { source: string }, outcome: ProcessOutcome) => {
    if ('error' in outcome) {
      // A document that breaks an extractor is reported, never allowed to stop the run.
      reject({ source: doc.source, reason: 'internal_error', detail: outcome.error });
      return;
    }
    if ('empty' in outcome) {
      reject({ source: doc.source, reason: 'empty', detail: outcome.empty });
      return;
    }
    const p = uniqueIds(outcome, seenIds);
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
    for (const v of p.visits) writer.append('article_visits', { article_id: p.article.article_id, visit_id: v.visit_id, score: v.score });
    for (const d of p.discovered) if (!discovered.has(d.entity_id)) discovered.set(d.entity_id, d);
    if (p.newOutlet && !newOutlets.has(p.newOutlet.outlet_id)) newOutlets.set(p.newOutlet.outlet_id, p.newOutlet);
    if (p.article.outlet_id) {
      usedOutlets.add(p.article.outlet_id);
      summary.articlesWithOutlet++;
    }
    summary.articles++;
    summary.mentions += p.mentions.length;
    summary.topics += p.topics.length;
    if (p.topics.length) summary.articlesWithTopics++;
    summary.articleVisits += p.visits.length;
    if (p.visits.length) summary.articlesWithVisits++;
    if (p.article.date_source) {
      summary.dated++;
      summary.dateSources[p.article.date_source] = (summary.dateSources[p.article.date_source] ?? 0) + 1;
    }
    progress.tick(summary);
  };
  // Small inputs are processed on the main thread; past INLINE_DOCS documents, worker threads take
  // over (starting them costs about a second). Results are handled in submission order.
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  let pool: ProcessPool | null = null;
  const inFlight: { tasks: Task[]; outcomes: Promise<ProcessOutcome[]> }[] = [];
  let batch: Task[] = [];
  const drainOne = async () => {
    const head = inFlight.shift();
    if (!head) return;
    const outcomes = await head.outcomes;
    outcomes.forEach((o, i) => handle((head.tasks[i] as Task).doc, o));
  };
  const submit = async () => {
    if (!pool || batch.length === 0) return;
    const outcomes = pool.run(batch);
    outcomes.catch(() => {}); // awaited in order by drainOne; a failure is not "unhandled" meanwhile
    inFlight.push({ tasks: batch, outcomes });
    batch = [];
    while (inFlight.length > jobs * 2) await drainOne();
  };

  try {
    await writer.open();
    let docs = 0;
    let first = true;
    for await (const item of readInputs(opts.inputs, { stats })) {
      if (first) {
        first = false;
        await opts.checkpoint?.('read');
      }
      if (item.kind === 'reject') {
        reject(item.reject);
        progress.tick(summary);
        continue;
      }
      const task: Task = { doc: item.doc, manifest: manifest?.lookup(item.doc.source) ?? null };
      if (jobs === 1 || docs++ < (opts.inlineDocs ?? INLINE_DOCS)) {
        handle(task.doc, processSafely(task.doc, compiled, task.manifest));
        continue;
      }
      if (!pool) {
        pool = await ProcessPool.start(jobs, opts.configDir);
        summary.workers = jobs;
      }
      batch.push(task);
      if (batch.length >= BATCH_DOCS) await submit();
    }
    await submit();
    while (inFlight.length > 0) await drainOne();
    summary.skippedFiles = stats.skipped;

    for (const e of config.entities) {
      writer.append('entities', { entity_id: e.id, type: e.type, name_ar: e.name_ar, name_en: e.name_en, origin: 'gazetteer' });
    }
    // Entity resolution, once per run over the run's discovered names: spelling variants, shorter
    // forms and gazetteer spellings become one entity; the writer rewrites the staged mentions.
    const found: Spelling[] = [];
    for (const [id, names] of spellings) {
      const type = (discovered.get(id)?.type ?? 'person') as EntityType;
      for (const [name, n] of names) found.push({ entityId: id, type, name, n });
    }
    const resolution = resolveEntities(
      found,
      config.entities.map((e) => ({ entityId: e.id, type: e.type, names: [e.name_ar, ...e.variants] })),
    );
    for (const e of resolution.entities) writer.append('entities', e);
    for (const [from, to] of resolution.remap) {
      if (mentioned.delete(from)) mentioned.add(to);
    }
    for (const o of config.outlets.outlets) {
      if (usedOutlets.has(o.id)) writer.append('outlets', { outlet_id: o.id, name_ar: o.name_ar, name_en: o.name_en, domain: o.domain, country: o.country, origin: 'config' });
    }
    for (const o of newOutlets.values()) if (usedOutlets.has(o.outlet_id)) writer.append('outlets', o);
    for (const t of config.topics) writer.append('topic_defs', { topic_id: t.id, label_ar: t.label_ar, label_en: t.label_en });
    for (const v of config.visits) {
      writer.append('visits', {
        visit_id: v.id,
        official_entity_id: v.official,
        host_country: v.host_country,
        city: v.city,
        start_date: v.start_date,
        end_date: v.end_date,
        label_ar: v.label_ar,
        label_en: v.label_en,
      });
    }
    summary.discovered = resolution.entities.length;
    summary.entitiesMentioned = mentioned.size;
    summary.outlets = usedOutlets.size;
    progress.stop(summary);
    const counts = await writer.finish({ threshold: DUPLICATE_THRESHOLD, maxBandFanout: 200 }, { remap: resolution.remap });
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
