/**
 * The manifest: a CSV beside the inputs that says, per file, which outlet published it, where,
 * and when. It is configuration, so a bad one stops the run with a ConfigError naming file and line.
 *
 *   file,outlet_ar,outlet_en,url,published_date[,anything else]
 *
 * `file` is a path relative to the input root (as in `source`) or a bare file name. Other columns
 * are optional; empty cells are null; published_date is YYYY-MM-DD.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Info } from 'csv-parse/sync';
import { ConfigError } from '@mirsad/model';
import { isIsoDate } from '@mirsad/model/dates';

/** One row; fields are named after the CSV columns. */
export interface ManifestEntry {
  /** As written in the manifest, with `./` and backslashes normalised away. */
  file: string;
  outlet_ar: string | null;
  outlet_en: string | null;
  url: string | null;
  /** YYYY-MM-DD. */
  published_date: string | null;
  /** Line of the manifest the entry starts on (1-based, the header is line 1). */
  line: number;
}

export interface Manifest {
  /** Path of the manifest file. */
  file: string;
  entries: readonly ManifestEntry[];
  /**
   * The entry for a document's `source`: by exact relative path (with, then without `#N`), then
   * by base name when only one entry has that base name.
   */
  lookup(source: string): ManifestEntry | undefined;
}

const COLUMNS = ['file', 'outlet_ar', 'outlet_en', 'url', 'published_date'] as const;

/** A bad manifest is bad configuration: the run stops before writing anything (exit 2). */
function fail(file: string, line: number | null, message: string): never {
  throw new ConfigError(file, line ?? 1, 1, '', message);
}

function normalisePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function withoutRecordNumber(source: string): string {
  return source.replace(/#\d+$/, '');
}

export function loadManifest(file: string): Manifest {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (err) {
    fail(file, null, `cannot read the manifest: ${(err as Error).message}`);
  }
  let rows: { record: string[]; info: Info }[];
  try {
    rows = parse(content, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: true }) as unknown as {
      record: string[];
      info: Info;
    }[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    fail(file, e.lines ?? null, `not valid CSV: ${e.message}`);
  }

  const header = rows[0];
  if (header === undefined) fail(file, null, `empty; the first line must name the columns ${COLUMNS.join(', ')}`);
  const names = header.record.map((h) => h.trim().toLowerCase());
  if (!names.includes('file')) {
    fail(file, 1, `the header must name the columns ${COLUMNS.join(', ')} (found: ${names.join(', ')})`);
  }
  const col = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;

  const entries: ManifestEntry[] = [];
  const byPath = new Map<string, ManifestEntry>();
  const byBase = new Map<string, ManifestEntry[]>();
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const cell = (c: (typeof COLUMNS)[number]) => {
      const v = col[c] < 0 ? undefined : record[col[c]];
      return v === undefined || v.trim() === '' ? null : v.trim();
    };
    const name = cell('file');
    if (name === null) fail(file, line, 'the file column is empty');
    const date = cell('published_date');
    if (date !== null && !isIsoDate(date)) fail(file, line, `published_date "${date}" is not a date written YYYY-MM-DD`);
    const entry: ManifestEntry = {
      file: normalisePath(name),
      outlet_ar: cell('outlet_ar'),
      outlet_en: cell('outlet_en'),
      url: cell('url'),
      published_date: date,
      line,
    };
    const earlier = byPath.get(entry.file);
    if (earlier !== undefined) fail(file, line, `"${entry.file}" is already listed on line ${earlier.line}`);
    byPath.set(entry.file, entry);
    const base = baseName(entry.file);
    const sameBase = byBase.get(base);
    if (sameBase) sameBase.push(entry);
    else byBase.set(base, [entry]);
    entries.push(entry);
  }

  return {
    file,
    entries,
    lookup(source: string): ManifestEntry | undefined {
      const exact = byPath.get(source) ?? byPath.get(withoutRecordNumber(source));
      if (exact !== undefined) return exact;
      const candidates = byBase.get(baseName(withoutRecordNumber(source)));
      return candidates?.length === 1 ? candidates[0] : undefined;
    },
  };
}
