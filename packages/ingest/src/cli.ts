/** The `mirsad` command: `mirsad ingest …`, `mirsad sql …` and `mirsad eval-ner …`. */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '@mirsad/model';
import { openWarehouse, queryCsv, WarehouseMissingError, type JsonRow } from '@mirsad/model/warehouse';
import { DEFAULT_CONFIG, DEFAULT_INPUT, DEFAULT_OUT } from './paths.ts';
import { InputError, runIngest, runMerge, runResume, type IngestSummary } from './pipeline.ts';
import { PublishError, WarehouseBusyError } from './warehouse/publish.ts';
import type { Checkpoint } from './warehouse/writer.ts';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer } from './extract/gazetteer.ts';
import { parseTagged, type TaggedSentence } from './ner/conll.ts';
import { DOCUMENT_SENTENCES, formatScore as formatNerScore, pipelinePredictor, scoreDocuments } from './ner/eval.ts';
import { defaultTagger } from './ner/model.ts';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const USAGE = `Usage:
  mirsad ingest [PATH…] [--out DIR] [--config DIR] [--manifest FILE] [--jobs N] [--append] [--shard K/N] [--no-tagger] [--quiet]
  mirsad ingest --resume [--out DIR] [--config DIR] [--quiet]
      PATH: .txt, .html/.htm, .json/.jsonl (optionally .gz) files or folders of them (default: data/raw)
      --out      warehouse folder (default: data/warehouse)
      --config   config folder with entities, topics, visits, outlets YAML (default: data/config)
      --manifest CSV of file,outlet_ar,outlet_en,url,published_date overriding what is inferred
      --jobs     worker threads (default: one per core); HTML pages, documents past the first 500 and all
                 of an input of 1 MB or more run on them
      --append   add PATH to the warehouse at --out: inputs already in it (same source and content) are
                 passed over; duplicates, entities and visits are found again over all articles
      --shard K/N  only the inputs of shard K of N (0 ≤ K < N, by a stable hash of each input's source),
                 into a warehouse of its own; combine the N of them with mirsad merge
      --no-tagger  gazetteer and role-introduced persons only, without the statistical tagger (about
                 half the CPU; use the same choice for a warehouse and its --append runs)
      --resume   finish the last run at --out that stopped (killed or failed) after reading all its
                 inputs: its staged articles are kept, and the duplicates, entities, visits, Parquet
                 and publication are done from them, without reading or processing anything again
                 (--config: default, the stopped run's); a new ingest at --out discards them
  mirsad merge DIR… --out OUT [--config DIR] [--quiet]
      one warehouse from several (the shards of one input): the articles of all of them, with
      duplicates, entities and visits found again over the whole
  mirsad sql ["SQL"] [--out DIR] [--format table|csv|json]
      runs SQL against the warehouse (every table by name); with no SQL, reads statements from
      standard input, or opens a prompt on a terminal
  mirsad eval-ner FILE… [--config DIR] [--no-tagger] [--document-sentences N]
      scores the mention pipeline (gazetteer, roles, tagger) on «token TAG» files (ANERcorp, AQMAR,
      CoNLL BIO): exact span and type, precision/recall/F1 per type and micro over PER/LOC/ORG (MISC
      not scored); the last line is «micro P R F1» in percent
      --no-tagger  gazetteer and roles only
      --document-sentences  consecutive sentences of a file read as one article (default 20; 1: each alone)
  mirsad help
Exit status: 0 done (inputs that could not be read are rows of the rejects table); 1 the run failed and
  the previous warehouse is unchanged (a run that failed after reading keeps its articles for --resume);
  2 bad command line, input, config or manifest, or nothing to resume; 3 another mirsad ingest is
  writing to the same --out (nothing was changed; run again when it has finished)`;

/** Exit status of an ingest refused because another run holds the lock on its --out. */
export const EXIT_BUSY = 3;

export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'ingest':
        return await ingestCommand(rest, io);
      case 'sql':
        return await sqlCommand(rest, io);
      case 'merge':
        return await mergeCommand(rest, io);
      case 'eval-ner':
        return evalNerCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`mirsad: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof InputError) {
      io.err(`mirsad: ${err.message}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.err(`mirsad: bad config: ${err.message}`);
      return 2;
    }
    if (err instanceof WarehouseBusyError) {
      io.err(`mirsad: ${err.message}`);
      return EXIT_BUSY;
    }
    if (err instanceof WarehouseMissingError || err instanceof PublishError) {
      io.err(`mirsad: ${err.message}`);
      return 1;
    }
    io.err(`mirsad: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}

function defaultIo() {
  return { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) };
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n${USAGE}`);
  }
}

async function ingestCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    config: { type: 'string' },
    manifest: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    jobs: { type: 'string', short: 'j' },
    append: { type: 'boolean' },
    shard: { type: 'string' },
    'no-tagger': { type: 'boolean' },
    resume: { type: 'boolean' },
  });
  if (values.resume) {
    const others = ['append', 'shard', 'manifest', 'jobs', 'no-tagger'].filter((k) => values[k] !== undefined);
    if (positionals.length > 0 || others.length > 0)
      throw new CliError(`--resume finishes the stopped run as it was started: it takes no ${positionals.length > 0 ? 'PATH' : `--${others[0]}`}\n${USAGE}`);
    const summary = await runResume({
      out: path.resolve((values.out as string | undefined) ?? DEFAULT_OUT),
      configDir: values.config ? path.resolve(values.config as string) : undefined,
      checkpoint: pauseFromEnv(process.env.MIRSAD_TEST_PAUSE_AT, io),
    });
    if (!values.quiet) io.out(formatSummary(summary));
    return 0;
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard as string);
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) throw new CliError(`--jobs takes a whole number from 1, not "${String(values.jobs)}"`);
  const summary = await runIngest({
    inputs: positionals.length > 0 ? positionals.map((p) => path.resolve(p)) : [DEFAULT_INPUT],
    out: path.resolve((values.out as string | undefined) ?? DEFAULT_OUT),
    configDir: path.resolve((values.config as string | undefined) ?? DEFAULT_CONFIG),
    manifest: values.manifest ? path.resolve(values.manifest as string) : null,
    progress: values.quiet ? 'off' : 'auto',
    jobs,
    checkpoint: pauseFromEnv(process.env.MIRSAD_TEST_PAUSE_AT, io),
    append: values.append === true,
    shard,
    tagger: values['no-tagger'] !== true,
  });
  if (!values.quiet) io.out(formatSummary(summary));
  return 0;
}

function parseShard(raw: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(raw.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new CliError(`--shard takes K/N with 0 ≤ K < N (e.g. 0/4), not "${raw}"`);
  return { index, count };
}

async function mergeCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    config: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  if (positionals.length === 0) throw new CliError(`merge needs the warehouses to combine\n${USAGE}`);
  if (values.out === undefined) throw new CliError(`merge needs --out, the warehouse to write\n${USAGE}`);
  const summary = await runMerge({
    warehouses: positionals.map((p) => path.resolve(p)),
    out: path.resolve(values.out as string),
    configDir: path.resolve((values.config as string | undefined) ?? DEFAULT_CONFIG),
    checkpoint: pauseFromEnv(process.env.MIRSAD_TEST_PAUSE_AT, io),
  });
  if (!values.quiet) io.out(formatSummary(summary));
  return 0;
}

function evalNerCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): number {
  const { values, positionals } = parse(args, { config: { type: 'string' }, 'no-tagger': { type: 'boolean' }, 'document-sentences': { type: 'string' } });
  const perDocument = Number(values['document-sentences'] ?? DOCUMENT_SENTENCES);
  if (!Number.isInteger(perDocument) || perDocument < 1)
    throw new CliError(`--document-sentences must be a whole number ≥ 1, not "${values['document-sentences']}"`);
  if (positionals.length === 0) throw new CliError(`eval-ner needs at least one «token TAG» file\n${USAGE}`);
  const files: TaggedSentence[][] = [];
  for (const file of positionals) {
    let text: string;
    try {
      text = readFileSync(path.resolve(file), 'utf8');
    } catch (err) {
      throw new CliError(`cannot read "${file}": ${(err as Error).message}`);
    }
    const parsed = parseTagged(text);
    if (parsed.length === 0) throw new CliError(`"${file}" has no «token TAG» lines`);
    files.push(parsed);
  }
  const gazetteer = compileGazetteer(loadEntities(path.resolve((values.config as string | undefined) ?? DEFAULT_CONFIG)));
  const tagger = values['no-tagger'] ? null : defaultTagger();
  if (!values['no-tagger'] && !tagger) io.err('mirsad: the tagger model is missing (packages/ingest/src/ner/model); scoring gazetteer and roles only');
  io.out(`${positionals.length} file(s), ${tagger ? 'gazetteer + roles + tagger' : 'gazetteer + roles'}`);
  io.out(formatNerScore(scoreDocuments(files, pipelinePredictor(gazetteer, tagger), perDocument)));
  return 0;
}

/**
 * Test hook: MIRSAD_TEST_PAUSE_AT=read|staged|parquet|swap (comma-separated for several) stops the run at
 * that phase, prints `mirsad: paused at <phase>` on stderr and waits for a line (or the end) on
 * standard input, so that a test can kill the run there, or start another one, then let it go on.
 */
function pauseFromEnv(setting: string | undefined, io: { err: (s: string) => void }): Checkpoint | undefined {
  const phases = new Set(
    (setting ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );
  if (phases.size === 0) return undefined;
  return (phase) => {
    if (!phases.has(phase)) return;
    io.err(`mirsad: paused at ${phase} (pid ${process.pid})`);
    return new Promise<void>((resolve) => {
      const go = () => {
        process.stdin.off('data', go).off('end', go).off('error', go);
        process.stdin.pause();
        resolve();
      };
      process.stdin.on('data', go).on('end', go).on('error', go);
      process.stdin.resume();
    });
  };
}

export function formatSummary(s: IngestSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const rows: [string, string, string][] = [
    ['articles', n(s.articles), s.duplicates ? `${n(s.duplicates)} duplicate${s.duplicates === 1 ? '' : 's'}` : ''],
    ['mentions', n(s.mentions), `${n(s.entitiesMentioned)} entities mentioned, ${n(s.discovered)} discovered`],
    ['topics', n(s.topics), `${n(s.articlesWithTopics)} articles with a topic`],
    ['visit matches', n(s.articleVisits), `${n(s.articlesWithVisits)} articles matched to a visit, ${n(s.articlesWithPrimaryVisit)} with a primary stop`],
    ['visits found', n(s.discoveredVisits), 'in the text (visits.origin = discovered)'],
    ['outlets', n(s.outlets), `${n(s.articlesWithOutlet)} articles with a known outlet`],
    [
      'dated',
      n(s.dated),
      Object.entries(s.dateSources)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', '),
    ],
    [
      'rejects',
      n(s.rejects),
      Object.entries(s.rejectReasons)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(', '),
    ],
    ['skipped files', n(s.skippedFiles), s.skippedFiles ? 'not .txt/.html/.json/.jsonl' : ''],
    ...s.steps.filter((t) => !t.done).map((t): [string, string, string] => ['NOT DONE', t.step, t.detail ?? '']),
    [
      'seconds',
      s.seconds.toFixed(1),
      `${n(Math.round(s.articles / Math.max(s.seconds, 1e-3)))} articles/s${s.workers ? ` on ${s.workers} worker thread${s.workers === 1 ? '' : 's'}` : ''}`,
    ],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return [`Warehouse: ${s.out}`, ...rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd())].join('\n');
}

async function sqlCommand(args: string[], io: { out: (s: string) => void; err: (s: string) => void }): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    format: { type: 'string' },
  });
  const format = (values.format as string | undefined) ?? 'table';
  if (!['table', 'csv', 'json'].includes(format)) throw new CliError(`--format must be table, csv or json, not "${format}"`);
  const wh = await openWarehouse(path.resolve((values.out as string | undefined) ?? DEFAULT_OUT));
  try {
    const run = async (sql: string) => {
      if (format === 'csv') io.out(await queryCsv(wh.connection, sql));
      else io.out(formatRows(await wh.query(sql), format as 'table' | 'json'));
    };
    if (positionals.length > 0) {
      await run(positionals.join(' '));
      return 0;
    }
    const interactive = process.stdin.isTTY === true;
    const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, terminal: interactive });
    let buffer = '';
    let failed = false;
    if (interactive) {
      io.err(
        'mirsad sql — tables: articles, outlets, entities, mentions, topics, topic_defs, visits, article_visits, visit_evidence, rejects, run_steps. End statements with ;  (Ctrl-D quits)',
      );
      rl.setPrompt('mirsad> ');
      rl.prompt();
    }
    for await (const line of rl) {
      buffer += `${line}\n`;
      if (/;\s*$/.test(line)) {
        try {
          await run(buffer);
        } catch (err) {
          io.err(`error: ${(err as Error).message}`);
          failed = true;
        }
        buffer = '';
      }
      if (interactive) {
        rl.setPrompt(buffer ? '   ...> ' : 'mirsad> ');
        rl.prompt();
      }
    }
    if (buffer.trim()) await run(buffer);
    return failed && !interactive ? 1 : 0;
  } finally {
    wh.close();
  }
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function formatRows(rows: JsonRow[], format: 'table' | 'json'): string {
  if (format === 'json') return rows.map((r) => JSON.stringify(r)).join('\n');
  const cols = rows.length > 0 ? Object.keys(rows[0] as JsonRow) : [];
  if (rows.length === 0) return '(no rows)';
  const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s).replace(/\s+/g, ' ');
  const table = rows.map((r) => cols.map((c) => clip(cell(r[c]))));
  const widths = cols.map((c, i) => Math.max(c.length, ...table.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((s, i) => s.padEnd(widths[i] as number)).join(' │ ');
  return [line(cols), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...table.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n');
}
