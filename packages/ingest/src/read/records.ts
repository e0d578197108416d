/**
 * A JSON record (one object of a .json file or a .jsonl line) → RawDoc. Field names vary between
 * scrapers and datasets; each RawDoc field takes the first alias present with a usable value.
 * The ANT corpus (id, outlet, category, title, text, url, date) is one such shape.
 */
import type { ReadResult } from '../types.ts';
import { rejected } from './reject.ts';

const TITLE = ['title', 'headline', 'name'];
const TEXT = ['text', 'body', 'content', 'article', 'article_body', 'articleBody', 'description'];
const URL = ['url', 'link', 'href'];
const OUTLET = ['outlet', 'source', 'site', 'publisher', 'site_name'];
const DATE = ['date', 'published', 'published_at', 'publishedAt', 'pubDate', 'datePublished', 'time'];

/** Keys under which a .json file may hold its array of records. */
export const RECORD_ARRAY_KEYS = ['articles', 'items', 'data', 'records'];

type Rec = Record<string, unknown>;

export function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/** A string field; numbers are kept as written (an epoch date, a numeric id). */
function asString(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** Text may be a string or a list of paragraphs. */
function asText(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (Array.isArray(v)) {
    const parts = v.filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    return parts.length > 0 ? parts.join('\n\n') : null;
  }
  return null;
}

/** An outlet may be an object ({"name": "…"}), as in schema.org publishers and news APIs. */
function asName(v: unknown): string | null {
  if (isRecord(v)) return asString(v.name) ?? asString(v.title);
  return asString(v);
}

function pick(rec: Rec, keys: readonly string[], as: (v: unknown) => string | null): string | null {
  for (const k of keys) {
    const v = as(rec[k]);
    if (v !== null) return v;
  }
  return null;
}

/** The same, ignoring the case of field names ("Title", "URL"); used when the exact names miss. */
function pickAnyCase(rec: Rec, keys: readonly string[], as: (v: unknown) => string | null): string | null {
  const exact = pick(rec, keys, as);
  if (exact !== null) return exact;
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  for (const [k, v] of Object.entries(rec)) {
    if (!wanted.has(k.toLowerCase())) continue;
    const s = as(v);
    if (s !== null) return s;
  }
  return null;
}

export function recordToResult(value: unknown, source: string, maxDocBytes: number): ReadResult {
  if (!isRecord(value)) {
    return rejected(source, 'parse_error', `expected a JSON object, got ${describe(value)}`);
  }
  const text = pickAnyCase(value, TEXT, asText);
  if (text === null) {
    return rejected(source, 'empty', `no text (looked for ${TEXT.join(', ')})`);
  }
  // chars ≤ UTF-8 bytes ≤ 3 × chars: measure only when the cheap bound is inconclusive
  if (text.length > maxDocBytes / 3 && Buffer.byteLength(text) > maxDocBytes) {
    return rejected(source, 'too_large', `text over the ${maxDocBytes}-byte limit`);
  }
  return {
    kind: 'doc',
    doc: {
      source,
      format: 'json',
      title: pickAnyCase(value, TITLE, asString) ?? '',
      text: text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text,
      url: pickAnyCase(value, URL, asString),
      outletHint: pickAnyCase(value, OUTLET, asName),
      dateHint: pickAnyCase(value, DATE, asString),
    },
  };
}
