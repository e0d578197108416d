/**
 * The view state, as it lives in the URL. Pure and shared by server and client: parse what a URL says
 * (dropping what is not a well-formed value), and write it back in one canonical form so that the same
 * view always has the same link.
 */
import { parseLang, type Lang } from './lang';
import { addDays, dayNumber, fromDayNumber, isIsoDate, weekdayOf } from '@mirsad/model/dates';

export type Measure = 'count' | 'share';
export type Grain = 'month' | 'week';
/** Which article–visit links count: each article for its primary stop only, or for every stop it names. */
export type Links = 'primary' | 'all';

export interface Filters {
  /** ISO dates, inclusive. */
  readonly from: string | null;
  readonly to: string | null;
  readonly outlets: readonly string[];
  readonly visits: readonly string[];
  readonly topics: readonly string[];
  readonly entity: string | null;
  /** Keyword search over titles and bodies (lib/search.ts). */
  readonly q: string | null;
  readonly measure: Measure;
  readonly grain: Grain;
  /** Count near-duplicate copies too (by default each text is counted once). */
  readonly dups: boolean;
  readonly links: Links;
  readonly lang: Lang;
  readonly page: number;
}

export const DEFAULT_FILTERS: Filters = Object.freeze({
  from: null,
  to: null,
  outlets: [],
  visits: [],
  topics: [],
  entity: null,
  q: null,
  measure: 'count',
  grain: 'month',
  dups: false,
  links: 'primary',
  lang: 'ar',
  page: 1,
});

/** What "clear all filters" takes off a view: the selection, not how it is shown (measure, grain, language). */
export const CLEARED = Object.freeze({
  from: DEFAULT_FILTERS.from,
  to: DEFAULT_FILTERS.to,
  outlets: DEFAULT_FILTERS.outlets,
  visits: DEFAULT_FILTERS.visits,
  topics: DEFAULT_FILTERS.topics,
  entity: DEFAULT_FILTERS.entity,
  q: DEFAULT_FILTERS.q,
  dups: DEFAULT_FILTERS.dups,
}) satisfies Partial<Filters>;

/** Articles without an outlet are grouped under this key (never a configured outlet id). */
export const NO_OUTLET = '_none';

const KEY_RE = /^[A-Za-z0-9_][A-Za-z0-9:_.-]{0,99}$/;
const ENTITY_RE = /^[a-z0-9:_-]{1,200}$/;
const ARTICLE_RE = /^[0-9a-f]{6,128}$/;
const MAX_LIST = 100;

export const isKey = (v: string): boolean => KEY_RE.test(v);
export const isEntityId = (v: string): boolean => ENTITY_RE.test(v);
/** A search query: up to 200 characters, no control characters. */
export const isSearchText = (v: string): boolean => v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v);
export const isArticleId = (v: string): boolean => ARTICLE_RE.test(v);

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(sp: SearchParamsLike, key: string): string[] {
  if (sp instanceof URLSearchParams) return sp.getAll(key);
  const v = sp[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

export interface Parsed {
  readonly filters: Filters;
  /** Parameters whose value was dropped, to say so rather than silently show something else. */
  readonly rejected: readonly string[];
}

export function parseFilters(sp: SearchParamsLike): Parsed {
  const rejected = new Set<string>();
  const one = (key: string, ok: (v: string) => boolean): string | null => {
    const v = getAll(sp, key)[0];
    if (v === undefined || v === '') return null;
    if (ok(v)) return v;
    rejected.add(key);
    return null;
  };
  const list = (key: string): string[] => {
    const out: string[] = [];
    for (const part of getAll(sp, key).flatMap((v) => v.split(','))) {
      const v = part.trim();
      if (v === '') continue;
      if (isKey(v) && out.length < MAX_LIST) {
        if (!out.includes(v)) out.push(v);
      } else rejected.add(key);
    }
    return out.sort();
  };
  let from = one('from', isIsoDate);
  let to = one('to', isIsoDate);
  if (from && to && from > to) [from, to] = [to, from];
  const measure = one('measure', (v) => v === 'count' || v === 'share');
  const grain = one('grain', (v) => v === 'month' || v === 'week');
  const links = one('links', (v) => v === 'primary' || v === 'all');
  const page = one('page', (v) => /^[1-9]\d{0,5}$/.test(v));
  const filters: Filters = {
    from,
    to,
    outlets: list('outlets'),
    visits: list('visits'),
    topics: list('topics'),
    entity: one('entity', isEntityId),
    q: one('q', isSearchText)?.trim() || null,
    measure: (measure as Measure | null) ?? 'count',
    grain: (grain as Grain | null) ?? 'month',
    dups: one('dups', (v) => v === '1' || v === '0') === '1',
    links: (links as Links | null) ?? 'primary',
    lang: parseLang(one('lang', (v) => v === 'ar' || v === 'en')),
    page: page ? Number(page) : 1,
  };
  return { filters, rejected: [...rejected].sort() };
}

/** The canonical query string of a view (defaults left out, keys in a fixed order), without '?'. */
export function toQuery(f: Filters, overrides: Partial<Filters> = {}): string {
  const v = { ...f, ...overrides };
  const qs = new URLSearchParams();
  if (v.from) qs.set('from', v.from);
  if (v.to) qs.set('to', v.to);
  if (v.outlets.length) qs.set('outlets', [...v.outlets].sort().join(','));
  if (v.visits.length) qs.set('visits', [...v.visits].sort().join(','));
  if (v.topics.length) qs.set('topics', [...v.topics].sort().join(','));
  if (v.entity) qs.set('entity', v.entity);
  if (v.q) qs.set('q', v.q);
  if (v.measure !== 'count') qs.set('measure', v.measure);
  if (v.grain !== 'month') qs.set('grain', v.grain);
  if (v.dups) qs.set('dups', '1');
  if (v.links !== 'primary') qs.set('links', v.links);
  if (v.lang !== 'ar') qs.set('lang', v.lang);
  if (v.page !== 1) qs.set('page', String(v.page));
  return qs.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
}

export function href(pathname: string, f: Filters, overrides: Partial<Filters> = {}): string {
  const qs = toQuery(f, overrides);
  return qs ? `${pathname}?${qs}` : pathname;
}

/** An entity's page, with the view's other filters. */
export const entityHref = (id: string, f: Filters): string => href(`/entities/${id}`, f, { entity: null, page: 1 });

/** The first and last day of the period (month or week starting Monday) that starts on `start`. */
export function periodBounds(start: string, grain: Grain): { from: string; to: string } {
  if (grain !== 'month') return { from: start, to: addDays(start, 6) };
  const d = new Date(`${start}T00:00:00Z`);
  return { from: start, to: new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10) };
}

/**
 * Runs of two or more periods without articles folded into one gap: a corpus gathered around visits
 * would otherwise spend most of a timeline on empty months. A single empty period stays as it is.
 */
export function foldEmptyRuns<P extends { readonly total: number }>(periods: readonly P[], gap: (first: P, last: P) => P): P[] {
  const out: P[] = [];
  for (let i = 0; i < periods.length;) {
    let j = i;
    while (j < periods.length && periods[j]!.total === 0) j++;
    if (j - i >= 2) {
      out.push(gap(periods[i]!, periods[j - 1]!));
      i = j;
    } else {
      out.push(periods[i]!);
      i++;
    }
  }
  return out;
}

/** Every period start from the one holding `first` to the one holding `last` (ISO dates). */
export function periodStarts(first: string, last: string, grain: Grain): string[] {
  const out: string[] = [];
  if (grain !== 'month') {
    // Monday = 0, as DuckDB's date_trunc('week', …)
    const monday = (iso: string) => {
      const d = dayNumber(iso) ?? 0;
      return d - ((weekdayOf(d) + 6) % 7);
    };
    for (let d = monday(first), end = monday(last); d <= end && out.length < 5000; d += 7) out.push(fromDayNumber(d));
    return out;
  }
  const trunc = (iso: string): Date => {
    const d = new Date(`${iso}T00:00:00Z`);
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
  };
  const end = trunc(last).getTime();
  for (let d = trunc(first); d.getTime() <= end && out.length < 5000; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}
