/**
 * From the visit claims of a whole run (extract/visit-claims.ts) to visits: claims of one visitor in
 * one host country are clustered by date, a cluster that a configured visit already covers gives
 * its evidence to that visit, and a cluster with enough evidence becomes a discovered visit. Then
 * every visit, configured or discovered, gets its tour. Pure: the pipeline gathers the claims.
 *
 * Thresholds (a single stray sentence never makes a visit):
 *   a cluster is made of the claims of «direct» patterns (visit, arrive, guest, receive, meet) whose
 *   dates lie within CLUSTER_GAP_DAYS of each other; a tour's list of stops («جولة تشمل …») and
 *   undated claims only join a cluster, they never start one;
 *   a cluster becomes a visit with claims from ≥ MIN_ARTICLES_ANYWHERE (3) articles, or from
 *   MIN_ARTICLES (2) when one of them is in a headline or lead, or from one article whose headline
 *   makes a claim and which makes MIN_CLAIMS (2) in all (measured on ANT: visits from two articles
 *   whose claims all stand in the body were 5 real of 26, from one headline alone about 1 in 3);
 *   it merges into a configured visit of the same official and host country whose window lies
 *   within MERGE_SLACK_DAYS of its own.
 * Dates: the days the claim sentences name («أمس الخميس», «غدا»), else the articles' publication
 *   dates; the window is from the first to the last. Undated claims from an article that also
 *   covers a configured tour of the same official date the stop next to that tour when the text
 *   says so: «قادما من», «بعد ختام جولة» → [tour end, tour end + 1]; «متوجها إلى» → [start − 1, start].
 * Tours: the stops of one official whose windows lie within TOUR_GAP_DAYS of each other form a
 *   trip; it takes the configured `tour` of any of its stops, else `<first stop id>-tour` when it has
 *   two stops or more, else none.
 */
import type { VisitDef } from '@mirsad/model/config/visits';
import { dayNumber, fromDayNumber } from '@mirsad/model/dates';
import type { VisitClaim } from '../extract/visit-claims.ts';

export const CLUSTER_GAP_DAYS = 6;
export const TOUR_CLAIM_SLACK_DAYS = 7;
export const MIN_CLAIMS = 2;
export const MIN_ARTICLES = 2;
export const MIN_ARTICLES_ANYWHERE = 3;
export const MERGE_SLACK_DAYS = 3;
export const TOUR_GAP_DAYS = 2;

export interface RunClaim extends VisitClaim {
  articleId: string;
  /** The configured visits the article is linked to (for dating a stop next to a configured tour). */
  configured: readonly string[];
}

export interface RunVisit extends VisitDef {
  origin: 'config' | 'discovered';
  tour_id: string | null;
}

export interface EntityInfo {
  nameAr: (id: string) => string | null;
  nameEn: (id: string) => string | null;
  /** Name of a country by ISO code, or null. */
  countryAr: (cc: string) => string | null;
  countryEn: (cc: string) => string | null;
  isCity: (id: string) => boolean;
}

export interface DiscoveryResult<C extends RunClaim = RunClaim> {
  /** Every visit of the run: the configured ones first (in config order), then the discovered ones by date. */
  visits: RunVisit[];
  /** The claims that support each visit (discovered, or configured when a cluster merged into it). */
  evidence: { visitId: string; claim: C }[];
}

/** Cue words in the perfect tense (as written, with or without و/ف): a visit that happened. */
const PAST = /^[وف]?(?:وصل|وصلت|زار|زارت|حل|حلت|التقى|التقت|استقبل|استقبلت|اجتمع|اجتمعت)$/;

const DIRECT = new Set(['visit', 'arrive', 'guest', 'receive', 'meet']);

interface Cluster<C extends RunClaim = RunClaim> {
  official: string;
  host: string;
  claims: C[];
  from: number;
  to: number;
}

const day = (d: string | null) => (d ? dayNumber(d) : null);

export function discoverVisits<C extends RunClaim>(claims: readonly C[], configured: readonly VisitDef[], info: EntityInfo): DiscoveryResult<C> {
  const groups = new Map<string, C[]>();
  for (const k of claims) {
    const key = `${k.visitor}\u0000${k.host}`;
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  }
  const byId = new Map(configured.map((v) => [v.id, v]));

  const clusters: Cluster<C>[] = [];
  for (const group of groups.values()) {
    const first = group[0] as C;
    const direct = group.filter((k) => DIRECT.has(k.pattern) && day(k.date) !== null).sort((a, b) => (day(a.date) as number) - (day(b.date) as number));
    const isDirect = new Set(direct);
    const mine: Cluster<C>[] = [];
    for (const k of direct) {
      const d = day(k.date) as number;
      const last = mine[mine.length - 1];
      if (last && d - last.to <= CLUSTER_GAP_DAYS) {
        last.claims.push(k);
        last.to = d;
      } else mine.push({ official: first.visitor, host: first.host, claims: [k], from: d, to: d });
    }
    // the window: days the sentences name, when some do; else the days of reports in the past tense
    // («وصل», «زار», «التقى»: a preview published days before does not open the visit); else all
    for (const cl of mine) {
      const named = cl.claims.filter((k) => k.dateFrom === 'clue').map((k) => day(k.date) as number);
      const reported = cl.claims.filter((k) => PAST.test(k.cue)).map((k) => day(k.date) as number);
      const days = named.length > 0 ? named : reported.length > 0 ? reported : null;
      if (days) [cl.from, cl.to] = [Math.min(...days), Math.max(...days)];
    }
    for (const k of group) {
      if (isDirect.has(k)) continue;
      const d = day(k.date);
      if (d !== null) {
        const near = mine.find((cl) => d >= cl.from - TOUR_CLAIM_SLACK_DAYS && d <= cl.to + TOUR_CLAIM_SLACK_DAYS);
        if (near) near.claims.push(k);
      } else if (mine.length === 1) (mine[0] as Cluster<C>).claims.push(k);
    }
    if (mine.length === 0) {
      // undated claims: a stop next to a configured tour the same articles cover
      const window = tourAdjacentWindow(group, byId);
      if (window) mine.push({ official: first.visitor, host: first.host, claims: group.filter((k) => DIRECT.has(k.pattern)), from: window[0], to: window[1] });
    }
    clusters.push(...mine.filter((cl) => cl.claims.length > 0));
  }

  const evidence: DiscoveryResult<C>['evidence'] = [];
  const discovered: RunVisit[] = [];
  const taken = new Set(configured.map((v) => v.id));
  clusters.sort((a, b) => a.from - b.from || (a.official < b.official ? -1 : a.official > b.official ? 1 : a.host < b.host ? -1 : 1));
  for (const cl of clusters) {
    const merged = configured.find(
      (v) =>
        v.official === cl.official &&
        v.host_country === cl.host &&
        (day(v.start_date) as number) - MERGE_SLACK_DAYS <= cl.to &&
        cl.from <= (day(v.end_date) as number) + MERGE_SLACK_DAYS,
    );
    if (merged) {
      for (const k of cl.claims) evidence.push({ visitId: merged.id, claim: k });
      continue;
    }
    if (!enough(cl)) continue;
    const visit = newVisit(cl, info, taken);
    taken.add(visit.id);
    discovered.push(visit);
    for (const k of cl.claims) evidence.push({ visitId: visit.id, claim: k });
  }

  const visits: RunVisit[] = [...configured.map((v) => ({ ...v, origin: 'config' as const, tour_id: v.tour ?? null })), ...discovered];
  assignTours(visits);
  return { visits, evidence };
}

/** The thresholds above: three articles; two when one reports it in its headline or lead; one whose headline reports it and one more sentence. */
export function enough(cl: Pick<Cluster, 'claims'>): boolean {
  const direct = cl.claims.filter((k) => DIRECT.has(k.pattern));
  const articles = new Set(cl.claims.map((k) => k.articleId));
  if (articles.size >= MIN_ARTICLES_ANYWHERE) return true;
  const prominent = direct.filter((k) => k.where !== 'body');
  if (articles.size >= MIN_ARTICLES && prominent.length > 0) return true;
  for (const k of direct) {
    if (k.where === 'headline' && cl.claims.filter((x) => x.articleId === k.articleId).length >= MIN_CLAIMS) return true;
  }
  return false;
}

function tourAdjacentWindow(group: readonly RunClaim[], byId: ReadonlyMap<string, VisitDef>): [number, number] | null {
  for (const k of group) {
    if (!k.sequence || !DIRECT.has(k.pattern)) continue;
    const stops = k.configured.map((id) => byId.get(id)).filter((v): v is VisitDef => v !== undefined && v.official === k.visitor && v.tour !== undefined);
    const tour = stops[0]?.tour;
    if (!tour) continue;
    const all = [...byId.values()].filter((v) => v.tour === tour);
    const start = Math.min(...all.map((v) => day(v.start_date) as number));
    const end = Math.max(...all.map((v) => day(v.end_date) as number));
    return k.sequence === 'after' ? [end, end + 1] : [start - 1, start];
  }
  return null;
}

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `esper-2020-qatar`: the official's surname (or `official-<hash>` for a discovered person), the year, the host. */
function visitId(cl: Cluster, info: EntityInfo, taken: ReadonlySet<string>): string {
  const who = cl.official.startsWith('discovered:')
    ? `official-${cl.official.slice('discovered:'.length, 'discovered:'.length + 6)}`
    : (cl.official.split('-').pop() as string);
  const start = fromDayNumber(cl.from);
  const base = `${who}-${start.slice(0, 4)}-${slug(info.countryEn(cl.host) ?? cl.host)}`;
  if (!taken.has(base)) return base;
  const dated = `${base}-${start.slice(5, 7)}${start.slice(8, 10)}`;
  let id = dated;
  for (let n = 2; taken.has(id); n++) id = `${dated}-${n}`;
  return id;
}

function mostCommon(ids: readonly string[]): string | null {
  const n = new Map<string, number>();
  for (const id of ids) n.set(id, (n.get(id) ?? 0) + 1);
  let best: string | null = null;
  for (const [id, c] of n) if (best === null || c > (n.get(best) as number) || (c === n.get(best) && id < best)) best = id;
  return best;
}

function newVisit(cl: Cluster, info: EntityInfo, taken: ReadonlySet<string>): RunVisit {
  const places = cl.claims.map((k) => k.place).filter((p): p is string => p !== null);
  const city = mostCommon(places.filter((p) => info.isCity(p)));
  const nameAr = info.nameAr(cl.official) ?? cl.official;
  const countryAr = info.countryAr(cl.host) ?? cl.host;
  const countryEn = info.countryEn(cl.host) ?? cl.host;
  const counterparts = [...new Set(cl.claims.flatMap((k) => k.hostPersons))].sort();
  const visit: RunVisit = {
    id: visitId(cl, info, taken),
    official: cl.official,
    host_country: cl.host,
    city: city ? info.nameEn(city) : null,
    place_ids: [...new Set(places)].sort(),
    start_date: fromDayNumber(cl.from),
    end_date: fromDayNumber(cl.to),
    label_ar: `زيارة ${nameAr} إلى ${countryAr}`,
    label_en: `${info.nameEn(cl.official) ?? nameAr} in ${countryEn}`,
    origin: 'discovered',
    tour_id: null,
  };
  if (counterparts.length > 0) visit.counterparts = counterparts;
  return visit;
}

/** Sets tour_id on every visit (see above); configured tours keep their stops together whatever the dates. */
export function assignTours(visits: RunVisit[]): void {
  const byOfficial = new Map<string, RunVisit[]>();
  for (const v of visits) {
    const list = byOfficial.get(v.official);
    if (list) list.push(v);
    else byOfficial.set(v.official, [v]);
  }
  for (const list of byOfficial.values()) {
    const sorted = [...list].sort((a, b) => (a.start_date < b.start_date ? -1 : a.start_date > b.start_date ? 1 : a.id < b.id ? -1 : 1));
    // union-find over contiguity and configured tours
    const parent = sorted.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i] as number)));
    const union = (i: number, j: number) => {
      const [a, b] = [find(i), find(j)];
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    };
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const a = sorted[i] as RunVisit;
        const b = sorted[j] as RunVisit;
        const gap = (day(b.start_date) as number) - (day(a.end_date) as number);
        if (gap <= TOUR_GAP_DAYS && (day(b.end_date) as number) >= (day(a.start_date) as number) - TOUR_GAP_DAYS) union(i, j);
        if (a.origin === 'config' && b.origin === 'config' && a.tour && a.tour === b.tour) union(i, j);
      }
    }
    const members = new Map<number, RunVisit[]>();
    sorted.forEach((v, i) => {
      const r = find(i);
      const m = members.get(r);
      if (m) m.push(v);
      else members.set(r, [v]);
    });
    for (const group of members.values()) {
      const configuredTour = group.find((v) => v.origin === 'config' && v.tour)?.tour ?? null;
      const tour = configuredTour ?? (group.length > 1 ? `${(group[0] as RunVisit).id}-tour` : null);
      for (const v of group) v.tour_id = v.origin === 'config' && v.tour ? v.tour : tour;
    }
  }
}
