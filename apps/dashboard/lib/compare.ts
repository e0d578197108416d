/**
 * What the compare page sets side by side: two outlets, two visits or two periods, each written in the
 * URL as `a=` and `b=` (`outlet:hespress`, `visit:esper-2020-algeria`, `period:2020-09-01..2020-10-31`).
 * Each side is the view's filters narrowed to it. Pure and shared by the route check and the page.
 */
import { isIsoDate } from '@mirsad/model/dates';
import { isKey, type Filters } from './filters';

export type Side =
  | { readonly kind: 'outlet'; readonly id: string }
  | { readonly kind: 'visit'; readonly id: string }
  | { readonly kind: 'period'; readonly from: string; readonly to: string };

export function parseSide(v: string | null | undefined): Side | null {
  if (!v) return null;
  const m = /^(outlet|visit|period):(.+)$/.exec(v);
  if (!m) return null;
  const [, kind, rest] = m as unknown as [string, string, string];
  if (kind === 'period') {
    const p = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(rest);
    if (!p || !isIsoDate(p[1]!) || !isIsoDate(p[2]!) || p[1]! > p[2]!) return null;
    return { kind, from: p[1]!, to: p[2]! };
  }
  return isKey(rest) ? { kind: kind as 'outlet' | 'visit', id: rest } : null;
}

export const sideParam = (s: Side): string => (s.kind === 'period' ? `period:${s.from}..${s.to}` : `${s.kind}:${s.id}`);

/** The view's filters narrowed to one side (a side replaces the filter of its own kind). */
export function sideFilters(f: Filters, s: Side): Filters {
  if (s.kind === 'outlet') return { ...f, outlets: [s.id], page: 1 };
  if (s.kind === 'visit') return { ...f, visits: [s.id], page: 1 };
  return { ...f, from: s.from, to: s.to, page: 1 };
}

/** Per key, the two sides' shares and B − A (a key missing on one side counts 0 there). */
export function differences<K extends string>(a: ReadonlyMap<K, number>, b: ReadonlyMap<K, number>): { key: K; a: number; b: number; diff: number }[] {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  return keys.map((key) => ({ key, a: a.get(key) ?? 0, b: b.get(key) ?? 0, diff: (b.get(key) ?? 0) - (a.get(key) ?? 0) }));
}
