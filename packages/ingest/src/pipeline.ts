/**
 * The ingest run: config → readers → processDoc → writer → publish. Streams documents one at a time;
 * what stays in memory for the whole run is small per article (its id, for collisions) or bounded by
 * the vocabulary (discovered names, outlets), never the articles themselves.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { loadConfig } from '@mirsad/model/config';
import { runCorpusSteps, type CorpusResult } from './corpus.ts';
import { ArticleIdSet } from './id-set.ts';
import { DEFAULT_THRESHOLD as DUPLICATE_THRESHOLD } from './link/duplicates.ts';
import { markDuplicates } from './link/duplicate-groups.ts';
import { compile, type Task } from './process.ts';
import { inputKey, renameStaged, type StagedOutcome } from './staging.ts';
import { processInOrder, type Pending } from './parallel/ordered.ts';
import type { Fault } from './parallel/pool.ts';
import { loadedTaggerPack, preloadTaggerPack, SMALL_RUN_PACK_WORDS, taggerPack } from './ner/model.ts';
import { loadManifest, type Manifest } from './read/manifest.ts';
import { readInputItems, type ReadStats } from './read/index.ts';
import { currentVersion } from './warehouse/publish.ts';
import { NO_TIMER, phaseTimer, type PhaseTimer } from './warehouse/timings.ts';
import { NothingToResumeError, WarehouseWriter, type Checkpoint, type StepOutcome } from './warehouse/writer.ts';

export interface IngestOptions {
  inputs: string[];
  out: string;
  configDir: string;
  /** Run the statistical entity tagger (default true); false: gazetteer and roles only. */
  tagger?: boolean;
  manifest?: string | null;
  progress?: 'auto' | 'off';
  /** Worker threads for processing documents (default: one per core). */
  jobs?: number;
  /**
   * Documents processed on the main thread before the workers take over (default INLINE_DOCS, and 0
   * for inputs of LARGE_INPUT_BYTES or more), for start-up speed on small inputs. HTML pages and
   * documents over INLINE_MAX_CHARS always go to a worker.
   */
  inlineDocs?: number;
  /**
   * Longest a worker may spend on one document, ms (default $MIRSAD_DOC_TIMEOUT_MS, else
   * DEFAULT_DOC_TIMEOUT_MS), per million characters past the first (parallel/pool.ts documentDeadlineMs);
   * past it the document is a `timeout` reject and the worker is replaced.
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
  /**
   * Add the inputs to the current warehouse at `out`: inputs already in it (same source and content)
   * are passed over, the rest processed, and the corpus-level steps run again over all articles.
   */
  append?: boolean;
  /** Process only the inputs of shard `index` of `count` (a stable hash of each input's source). */
  shard?: { index: number; count: number };
  /** Called as articles are staged (every 1,000, and at the end of the reading): for benchmarks. */
  onProgress?: (articles: number) => void;
  /** Tests only: corpus-level steps ('entities', 'visits', 'duplicates') made to fail. */
  failStepsForTests?: readonly string[];
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
  /** Corpus-level steps and whether each was done (a step that failed is listed with why). */
  steps: StepOutcome[];
}

/** Documents processed on the main thread before worker threads are worth starting. */
export const INLINE_DOCS = 500;
/**
 * Input files (bytes on disk, compressed or not) from which a run is a large one: every document goes
 * to the workers from the first, and the main thread only reads and stages. Processing its first
 * documents itself, while the workers load, gained a large run nothing on two cores: on ANT (some 850
 * documents per compressed MB) the main thread tagged hundreds of them with the CPU the two workers
 * were starting on. 1 MB is some 300 documents of plain text, past which a worker's start (about
 * what 30 documents cost) is paid back.
 */
export const LARGE_INPUT_BYTES = 1 << 20;
/** Inputs (articles and rejects) up to which the steps after the reading run on one DuckDB thread (not --append: its warehouse may be large). */
export const SMALL_RUN = 1000;
/** Longer documents are processed on a worker even among the first INLINE_DOCS, where they can be stopped. */
export const INLINE_MAX_CHARS = 100_000;
/** A real page takes well under a second; a loaded machine gets a wide margin. */
export const DEFAULT_DOC_TIMEOUT_MS = 30_000;
export const DEFAULT_WORKER_HEAP_MB = 1024;

/** Nothing to ingest at all: the previous warehouse stays, rather than being replaced by an empty one. */
export class InputError extends Error {
  override name = 'InputError';
}

/**
 * The version folder `out` links to, wherever the link leads: a warehouse copied with its link
 * (`cp -a`) points at the versions folder of the one it was copied from, and --append to the copy
 * keeps that version's rows in a version of its own. Null when `out` is not a link yet.
 */
function currentVersionDir(out: string): string | null {
  if (currentVersion(out) === null) return null;
  try {
    return realpathSync(out);
  } catch {
    throw new InputError(`--append: ${out} links to ${readlinkSync(out)}, which is not there (moved or removed); run a full ingest to ${out}`);
  }
}

export async function runIngest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const large = inputBytesReach(opts.inputs, LARGE_INPUT_BYTES);
  // the tagger's pack is read on the thread pool while this thread loads and compiles the config
  const tagging = opts.tagger === false ? null : preloadTaggerPack(large ? undefined : SMALL_RUN_PACK_WORDS);
  const config = loadConfig(opts.configDir);
  const manifest: Manifest | null = opts.manifest ? loadManifest(opts.manifest) : null;
  // A missing input is a bad input, not a failed run (the reader turns it into a reject); all missing is an error.
  if (opts.inputs.length > 0 && opts.inputs.every((p) => !existsSync(p))) {
    throw new InputError(`no input found at ${opts.inputs.join(', ')}`);
  }
  if (
    opts.shard &&
    !(
      Number.isInteger(opts.shard.count) &&
      opts.shard.count >= 1 &&
      Number.isInteger(opts.shard.index) &&
      opts.shard.index >= 0 &&
      opts.shard.index < opts.shard.count
    )
  ) {
    throw new InputError(`--shard K/N needs whole numbers with 0 ≤ K < N, not ${opts.shard.index}/${opts.shard.count}`);
  }
  // DuckDB opens the staging database on a thread of its own while this one compiles the config and
  // processes the first documents; the writer is first needed to stage the first outcome
  const timer = timerFromEnv();
  timer.phase('reading and processing');
  const opening = WarehouseWriter.create(opts.out, { checkpoint: opts.checkpoint, timer });
  opening.catch(() => {}); // awaited below; its failure is not "unhandled" meanwhile
  let writer = null as WarehouseWriter | null;
  const progress = startProgress(opts);
  const live = { articles: 0, rejects: 0 };
  const stats: ReadStats = { skipped: 0 };
  const poolStats = { workers: 0 };
  try {
    // a lock held by another run rejects `opening` at once: that is reported before any work is done
    await Promise.race([opening, undefined]);
    const compiled = compile(config, { tagger: opts.tagger });
    // --append: the current version's articles and state are staged first; new inputs come after them
    let seqBase = 0;
    const seenIds = new ArticleIdSet();
    const knownInputs = new Set<string>();
    if (opts.append) {
      writer = await opening;
      const current = currentVersionDir(writer.out);
      if (current !== null) {
        timer.phase('staging the kept version');
        await writer.load(current, undefined, { keep: true });
        timer.phase('ids and inputs of the kept version');
        seqBase = (await writer.maxSeq()) + 1;
        for await (const rows of writer.rows('SELECT article_id, input_key FROM stage_articles')) {
          for (const [id, key] of rows) {
            seenIds.add(id as string);
            if (key !== null) knownInputs.add(key as string);
          }
        }
        for await (const rows of writer.rows('SELECT source FROM rejects')) for (const [source] of rows) knownInputs.add(`reject:${source as string}`);
        timer.phase('reading and processing');
      }
    }
    const ready = opening.then(async (w) => {
      await w.open();
      return w;
    });
    ready.catch(() => {});
    await tagging;
    const processed = processInOrder(pendingInputs(opts, manifest, stats, seqBase, knownInputs, large), compiled, {
      jobs: Math.max(1, opts.jobs ?? availableParallelism()),
      inlineDocs: opts.inlineDocs ?? (large ? 0 : INLINE_DOCS),
      inlineMaxChars: INLINE_MAX_CHARS,
      pool: {
        configDir: opts.configDir,
        config,
        tagger: opts.tagger,
        // loaded here when this thread has not (a large run's main thread tags nothing): the workers
        // then share this one buffer rather than each reading the pack, or each making it after a build
        taggerPack: () => loadedTaggerPack() ?? (opts.tagger === false ? null : taggerPack()),
        docTimeoutMs: opts.docTimeoutMs ?? envNumber('MIRSAD_DOC_TIMEOUT_MS') ?? DEFAULT_DOC_TIMEOUT_MS,
        heapMb: opts.workerHeapMb ?? envNumber('MIRSAD_WORKER_HEAP_MB') ?? DEFAULT_WORKER_HEAP_MB,
        faults: opts.faultsForTests,
      },
      stats: poolStats,
    });
    let staging = null as WarehouseWriter | null;
    for await (const { tag, source, outcome } of processed) {
      if (!staging) {
        staging = writer = await ready;
        await opts.checkpoint?.('read');
      }
      if (stageOutcome(staging, source, outcome, tag, seenIds)) {
        if (++live.articles % 1000 === 0) opts.onProgress?.(live.articles);
      } else live.rejects++;
      progress.tick(live);
    }
    progress.stop(live);
    writer = await ready;
    opts.onProgress?.(live.articles);
    // from here a failure or a kill keeps the staged articles: `mirsad ingest --resume` finishes the run
    timer.phase('committing the staged rows');
    const resume: ResumeRun = { configDir: path.resolve(opts.configDir), workers: poolStats.workers, skippedFiles: stats.skipped };
    await writer.markResumable(resume);
    if (!opts.append && live.articles + live.rejects <= SMALL_RUN) await writer.oneThread();
    await opts.checkpoint?.('staged');
    timer.phase('flushing for the corpus steps');
    const corpus = await runCorpusSteps(writer, config, compiled, opts.failStepsForTests);
    return await finishRun(writer, corpus, opts.failStepsForTests, { t0, workers: poolStats.workers, skippedFiles: stats.skipped, timer });
  } catch (err) {
    progress.stop(live);
    const opened = writer ?? (await opening.catch(() => null));
    if (!opened) throw err;
    const resumable = opened.isResumable;
    await opened.abort();
    throw resumable ? keptForResume(err, opened.out) : err;
  }
}

/** What a run past its article phase records for --resume (beside the writer's own part). */
interface ResumeRun {
  configDir: string;
  workers: number;
  skippedFiles: number;
}

function keptForResume(err: unknown, out: string): unknown {
  if (err instanceof Error)
    err.message += `\nThe articles it read are kept: \`mirsad ingest --resume --out ${out}\` finishes the run without reading them again.`;
  return err;
}

export interface ResumeOptions {
  out: string;
  /** Config of the corpus-level steps (default: the one the stopped run was given). */
  configDir?: string;
  checkpoint?: Checkpoint;
  failStepsForTests?: readonly string[];
}

/**
 * `mirsad ingest --resume`: finishes the last run at `out` that stopped after staging its articles
 * (killed, or failed in a corpus-level step, in the Parquet export or the publication): the
 * corpus-level steps run again over its staged articles and the warehouse is published as that run
 * would have published it. Throws InputError when no such run is there.
 */
export async function runResume(opts: ResumeOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const timer = timerFromEnv();
  timer.phase('opening the staged run');
  let resumed: { writer: WarehouseWriter; run: ResumeRun };
  try {
    resumed = await WarehouseWriter.resume<ResumeRun>(opts.out, { checkpoint: opts.checkpoint, timer });
  } catch (err) {
    if (err instanceof NothingToResumeError) throw new InputError(err.message);
    throw err;
  }
  const { writer, run } = resumed;
  try {
    const config = loadConfig(opts.configDir ?? run.configDir);
    // the documents were processed by the stopped run: no document is tagged here
    const compiled = compile(config, { tagger: false });
    timer.phase('flushing for the corpus steps');
    const corpus = await runCorpusSteps(writer, config, compiled, opts.failStepsForTests);
    return await finishRun(writer, corpus, opts.failStepsForTests, { t0, workers: run.workers, skippedFiles: run.skippedFiles, timer });
  } catch (err) {
    const resumable = writer.isResumable;
    await writer.abort();
    throw resumable ? keptForResume(err, writer.out) : err;
  }
}

export interface MergeOptions {
  /** Warehouses to combine: shard outputs (`--shard K/N`) or any warehouses of this version of mirsad. */
  warehouses: string[];
  out: string;
  configDir: string;
  checkpoint?: Checkpoint;
  failStepsForTests?: readonly string[];
}

/**
 * `mirsad merge`: the articles of several warehouses (shards of one input) in one, with the
 * corpus-level steps run again over all of them, so that N shards merged give the tables one run gives.
 */
export async function runMerge(opts: MergeOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const config = loadConfig(opts.configDir);
  // a merge reads processed articles: no document is tagged here
  const compiled = compile(config, { tagger: false });
  const versions = opts.warehouses.map((w) => {
    const abs = path.resolve(w);
    if (!existsSync(abs)) throw new InputError(`no warehouse at ${w}`);
    return realpathSync(abs);
  });
  const timer = timerFromEnv();
  timer.phase('loading the warehouses');
  const writer = await WarehouseWriter.create(opts.out, { checkpoint: opts.checkpoint, timer });
  try {
    const shared = await writer.sharedInput(versions);
    if (shared) {
      const [a, b] = shared.parts.map((k) => opts.warehouses[k]);
      throw new InputError(
        `${a} and ${b} both hold the input ${shared.source}: merge combines the shards of one input, whose inputs are disjoint (to add inputs to a warehouse, use ingest --append)`,
      );
    }
    await writer.planMergedIds(versions);
    for (const [k, v] of versions.entries()) await writer.load(v, `SELECT old_id, new_id FROM merge_ids WHERE part = ${k}`);
    timer.phase('flushing for the corpus steps');
    const corpus = await runCorpusSteps(writer, config, compiled, opts.failStepsForTests);
    return await finishRun(writer, corpus, opts.failStepsForTests, { t0, workers: 0, skippedFiles: 0, timer });
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/**
 * Whether the files at `paths` (folders walked) hold `limit` bytes or more; stops counting once they
 * do, so a folder of a million files costs a look at its first few. Unreadable paths count nothing
 * (the reader reports them).
 */
export function inputBytesReach(paths: readonly string[], limit: number): boolean {
  let total = 0;
  const visit = (p: string): boolean => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return false;
    }
    if (st.isFile()) total += st.size;
    else if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(p);
      } catch {
        return false;
      }
      for (const name of names) if (visit(path.join(p, name))) return true;
    }
    return total >= limit;
  };
  return paths.some(visit);
}

/** Which of N shards an input belongs to: a stable hash of its source (the same on every machine). */
export function shardOf(source: string, count: number): number {
  return createHash('sha1').update(source).digest().readUInt32BE(0) % count;
}

interface InputTag {
  seq: number;
  /** Hashed here for --append; else null, and the article's staged rows carry it (staging.ts). */
  inputKey: string | null;
}

/**
 * The inputs as tasks for processInOrder, each tagged with its position in the whole input stream
 * (seq: the same in a shard as in a full run) and its input key; inputs of other shards, and for
 * --append inputs already in the warehouse, are passed over.
 */
async function* pendingInputs(
  opts: IngestOptions,
  manifest: Manifest | null,
  stats: ReadStats,
  seqBase: number,
  known: ReadonlySet<string>,
  large: boolean,
): AsyncGenerator<Pending<InputTag>> {
  let seq = seqBase;
  // a large run's .jsonl lines go to the workers as their bytes, parsed there (--append hashes each input here, parsed)
  const rawLines = large && known.size === 0;
  for await (const item of readInputItems(opts.inputs, { stats, rawLines })) {
    const tagSeq = seq++;
    const source = item.kind === 'reject' ? item.reject.source : item.kind === 'doc' ? item.doc.source : item.source;
    if (opts.shard && shardOf(source, opts.shard.count) !== opts.shard.index) continue;
    if (item.kind === 'reject') {
      if (known.has(`reject:${source}`)) continue;
      yield { tag: { seq: tagSeq, inputKey: null }, source, outcome: { reject: { reason: item.reject.reason, detail: item.reject.detail } } };
      continue;
    }
    const manifestEntry = manifest?.lookup(source) ?? null;
    const task: Task =
      item.kind === 'doc'
        ? { kind: 'doc', source, doc: item.doc, manifest: manifestEntry }
        : item.kind === 'line'
          ? { kind: 'line', source, line: item, manifest: manifestEntry }
          : { kind: 'html', source, html: item.html, manifest: manifestEntry };
    // an input the warehouse has, as an article (same source and content) or as a reject (same source);
    // with none (not --append), the key is hashed where the input is processed, with its rows
    const key = known.size > 0 ? inputKey(task) : null;
    if (key !== null && (known.has(key) || known.has(`reject:${source}`))) continue;
    yield { tag: { seq: tagSeq, inputKey: key }, source, task };
  }
}

/** Writes one outcome: an article with its rows and corpus-level state (true), or a reject (false). */
function stageOutcome(writer: WarehouseWriter, source: string, outcome: StagedOutcome, tag: InputTag, seenIds: ArticleIdSet): boolean {
  const reject = (reason: string, detail: string) => {
    writer.append('rejects', { source, reason, detail });
    return false;
  };
  // A document that breaks an extractor is reported, never allowed to stop the run.
  if ('error' in outcome) return reject('internal_error', outcome.error);
  if ('empty' in outcome) return reject('empty', outcome.empty);
  if ('reject' in outcome) return reject(outcome.reject.reason, outcome.reject.detail);
  const doc = outcome.staged;
  const id = uniqueId(doc.id, doc.source, seenIds);
  if (id !== doc.id) renameStaged(doc, id);
  writer.appendStaged(doc, tag.seq, tag.inputKey ?? doc.inputKey);
  return true;
}

/** Counts of the staged tables (the writer's, not kept twice), then finish: duplicates, Parquet, publication. */
async function finishRun(
  writer: WarehouseWriter,
  corpus: CorpusResult,
  failStepsForTests: readonly string[] | undefined,
  run: { t0: number; workers: number; skippedFiles: number; timer: PhaseTimer },
): Promise<IngestSummary> {
  run.timer.phase('counts for the summary');
  const grouped = async (sql: string) => {
    const out: Record<string, number> = {};
    for await (const rows of writer.rows(sql)) for (const [k, n] of rows) out[k as string] = Number(n);
    return out;
  };
  const mentioned = new Set<string>();
  const dropped = corpus.ids.droppedEntities;
  for await (const rows of writer.rows('SELECT DISTINCT entity_id FROM mentions'))
    for (const [id] of rows) if (!dropped?.has(id as string)) mentioned.add(corpus.finalEntityId(id as string));
  // the counts in one query: a round trip each cost a small run more than its count
  const [articles, mentions, topics, articlesWithTopics, articlesWithOutlet, dated, rejects] = await writer.scalars([
    'SELECT count(*) FROM stage_articles',
    'SELECT count(*) FROM mentions',
    'SELECT count(*) FROM topics',
    'SELECT count(DISTINCT article_id) FROM topics',
    'SELECT count(*) FROM stage_articles WHERE outlet_id IS NOT NULL',
    'SELECT count(*) FROM stage_articles WHERE date_source IS NOT NULL',
    'SELECT count(*) FROM rejects',
  ]);
  const summary: IngestSummary = {
    out: writer.out,
    articles: articles as number,
    duplicates: 0,
    mentions: mentions as number,
    entitiesMentioned: mentioned.size,
    discovered: corpus.discovered,
    topics: topics as number,
    articlesWithTopics: articlesWithTopics as number,
    articleVisits: corpus.articleVisits,
    articlesWithVisits: corpus.articlesWithVisits,
    articlesWithPrimaryVisit: corpus.articlesWithPrimaryVisit,
    discoveredVisits: corpus.discoveredVisits,
    outlets: corpus.outlets,
    articlesWithOutlet: articlesWithOutlet as number,
    dated: dated as number,
    dateSources: await grouped('SELECT date_source, count(*) FROM stage_articles WHERE date_source IS NOT NULL GROUP BY ALL ORDER BY 2 DESC, 1'),
    rejects: rejects as number,
    rejectReasons: await grouped('SELECT reason, count(*) FROM rejects GROUP BY ALL ORDER BY 2 DESC, 1'),
    skippedFiles: run.skippedFiles,
    workers: run.workers,
    seconds: 0,
    steps: [],
  };
  const counts = await writer.finish((c, into) => markDuplicates(c, { threshold: DUPLICATE_THRESHOLD }, 'stage_articles', into), corpus.ids, {
    steps: corpus.steps,
    failStepsForTests,
  });
  // less the mentions of the entities resolution dropped, which finish deletes
  summary.mentions = counts.rows.mentions;
  summary.duplicates = counts.duplicates;
  summary.steps = counts.steps;
  summary.seconds = (performance.now() - run.t0) / 1000;
  return summary;
}

/** MIRSAD_TIMINGS=1: each phase's wall and CPU time on stderr (see warehouse/timings.ts). */
function timerFromEnv(): PhaseTimer {
  const on = process.env.MIRSAD_TIMINGS;
  return on && on !== '0' ? phaseTimer((line) => process.stderr.write(`${line}\n`)) : NO_TIMER;
}

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new InputError(`${name} must be a positive number, not "${raw}"`);
  return n;
}

/**
 * Two inputs with the same title and body (the same file twice, a page saved twice) still need
 * distinct ids: the n-th repeat gets the hash of the id, its source and n, which is stable across runs.
 */
function uniqueId(base: string, source: string, seen: ArticleIdSet): string {
  let id = base;
  if (!seen.has(id)) {
    seen.add(id);
    return id;
  }
  for (let n = 1; seen.has(id); n++) {
    id = createHash('sha256').update(base).update('\n').update(source).update(`\n${n}`).digest('hex').slice(0, 16);
  }
  seen.add(id);
  return id;
}

interface Live {
  articles: number;
  rejects: number;
}

interface Progress {
  tick(s: Live): void;
  stop(s: Live): void;
}

function startProgress(opts: IngestOptions): Progress {
  if (opts.progress === 'off') return { tick() {}, stop() {} };
  const start = performance.now();
  const rate = (s: Live) => Math.round(s.articles / Math.max((performance.now() - start) / 1000, 1e-3));
  if (process.stderr.isTTY && !opts.log) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'ingest | {articles} articles | {rate}/s | {rejects} rejects | {elapsed}s',
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
        fps: 5,
      },
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
