/**
 * Which configured visits an article covers, from its mentions and its publication date.
 *
 * For each visit whose official the article mentions:
 *   position weight p(m) = HEADLINE_WEIGHT for a mention in the headline (the first headlineChars
 *       of body), LEAD_WEIGHT in the lead (the first LEAD_SENTENCES sentences or LEAD_CHARS
 *       characters below the headline: a dateline or byline line must not push it out), else 1
 *   O = 1 − exp(−Σ_official p / 1.5)                     how much the article is about the official
 *   H = Σ_host p · w, w = 1 for the visit's places, 1.2 for its counterparts, 0.8 for anything else
 *       in the host country (the country itself, another city, a minister with that country)
 *   text = O · (0.35 + 0.65 · (1 − exp(−H / 3)))          no host mention at all: no match
 *   share = 0.5 + 0.5 · H / max H over the official's candidate visits   (a tour article leans
 *       towards the stop it dwells on, the others stay, lower)
 *   date factor D, from the days d between the publication date and the visit window:
 *       d ≤ 2 → 1;  d ≤ 14 → 0.75 … 0.5;  d ≤ 30 → 0.25;  further → no match; a date inferred
 *       from a weekday (resolved against a visit, so it proves less) → D · 0.9
 *   score = text · share · D; with no date, C · (1 − exp(−text · share / C)), C = UNKNOWN_DATE_CAP;
 *   kept when ≥ MIN_VISIT_SCORE.
 */
import { dayNumber } from '@mirsad/model/dates';
import type { VisitDef } from '@mirsad/model/config/visits';
import type { MentionHit } from '../types.ts';

const LEAD_SENTENCES = 3;
const LEAD_CHARS = 300;
const LEAD_WEIGHT = 2;
/** The headline says what the article is about more surely than any sentence of its text. */
const HEADLINE_WEIGHT = 4;
export const UNKNOWN_DATE_CAP = 0.6;
const MIN_VISIT_SCORE = 0.2;

const PLACE_WEIGHT = 1;
const COUNTERPART_WEIGHT = 1.2;
const COUNTRY_WEIGHT = 0.8;

export interface VisitEvidence {
  mentions: readonly MentionHit[];
  /** ISO alpha-2 country of an entity (a country, a city, a place, a person), or null. */
  entityCountry: (entityId: string) => string | null;
  publishedDate: string | null;
  /** How the date was found (articles.date_source); `inferred` counts for less. */
  dateSource?: string | null;
  /** Where the text below the headline starts: body offset (UTF-16) and sentence index; 0, 0 without a headline. */
  lead?: { start: number; sentence: number };
}

const day = (date: string | null | undefined): number | null => (date ? dayNumber(date) : null);

/** The date factor D of a known date (see above); null when the date is unknown. */
export function dateFactor(published: string | null, visit: Pick<VisitDef, 'start_date' | 'end_date'>, dateSource?: string | null): number | null {
  const at = day(published);
  if (at === null) return null;
  const start = day(visit.start_date) as number;
  const end = day(visit.end_date) ?? start;
  const d = at < start ? start - at : at > end ? at - end : 0;
  let f: number;
  if (d <= 2) f = 1;
  else if (d <= 14) f = 0.75 - (0.25 * (d - 2)) / 12;
  else if (d <= 30) f = 0.25;
  else return 0;
  return dateSource === 'inferred' ? f * 0.9 : f;
}

/**
 * What scoring an article against visits needs, kept small so the pipeline can hold it for every
 * article until the run's discovered visits are known: the position-weighted mentions summed per
 * entity, the headline's share of them, the dateline's place and the date.
 */
export interface VisitFeatures {
  /** entity id → Σ position weight of its mentions. */
  weights: Record<string, number>;
  /** entity id → Σ weight of its mentions in the headline. */
  headline: Record<string, number>;
  /** The place a dateline at the top of the text names («الدوحة ـ "القدس العربي":»), or null. */
  dateline: string | null;
  publishedDate: string | null;
  dateSource?: string | null;
}

export interface VisitMatch {
  visitId: string;
  /** The visiting official's entity id and the article's weight of their mentions. */
  official: string;
  officialWeight: number;
  score: number;
  /** Host evidence H of the article for this visit (see above). */
  host: number;
  /** The part of H in the headline. */
  headlineHost: number;
  /** The dateline names a place of the host country. */
  dateline: boolean;
}

/** How far below the headline a dateline may start: a masthead or outlet name may stand before it. */
const DATELINE_CHARS = 40;
const DATELINE_SEP = /[-ـ–—:/(]/;

export function visitFeatures(input: VisitEvidence & { body?: string; locations?: ReadonlySet<string> }): VisitFeatures {
  const lead = input.lead ?? { start: 0, sentence: 0 };
  // objects without a prototype are dictionaries from the start: a plain object given a property per
  // entity id walks V8's shape transitions, one chain per order of ids, which costs more than the rest
  const weights: Record<string, number> = Object.create(null) as Record<string, number>;
  const headline: Record<string, number> = Object.create(null) as Record<string, number>;
  let dateline: string | null = null;
  for (const m of input.mentions) {
    const w = m.start < lead.start ? HEADLINE_WEIGHT : m.sentence - lead.sentence < LEAD_SENTENCES || m.start - lead.start < LEAD_CHARS ? LEAD_WEIGHT : 1;
    weights[m.entityId] = (weights[m.entityId] ?? 0) + w;
    if (m.start < lead.start) headline[m.entityId] = (headline[m.entityId] ?? 0) + w;
    if (dateline === null && input.body !== undefined && input.locations?.has(m.entityId) && m.start >= lead.start && m.start - lead.start < DATELINE_CHARS) {
      // «الدوحة ـ», «Le360 - الرباط», «عمون - الجزائر/ الأناضول»: the place sits on the first line, next to a separator
      const eol = input.body.indexOf('\n', lead.start);
      const line = input.body.slice(lead.start, Math.min(eol === -1 ? input.body.length : eol, lead.start + DATELINE_CHARS + 40));
      const rel = m.start - lead.start;
      if (
        rel < line.length &&
        DATELINE_SEP.test(line.slice(Math.max(0, rel - 3), rel + (m.end - m.start) + 4)) &&
        line.slice(0, rel).split(/\s+/).filter(Boolean).length <= 4
      )
        dateline = m.entityId;
    }
  }
  return { weights, headline, dateline, publishedDate: input.publishedDate, dateSource: input.dateSource ?? null };
}

export function scoreVisits(input: VisitEvidence, visits: readonly VisitDef[]): VisitMatch[] {
  return scoreFeatures(visitFeatures(input), input.entityCountry, visits);
}

/**
 * The visits scoreFeatures can match for an article, by the officials it names: a visit of an
 * official the article does not name scores nothing, so each article is scored against the few
 * visits of its officials rather than every visit of the run (the result is the same).
 */
export function visitsOfNamedOfficials(visits: readonly VisitDef[]): (f: VisitFeatures) => VisitDef[] {
  const byOfficial = new Map<string, VisitDef[]>();
  for (const v of visits) {
    const list = byOfficial.get(v.official);
    if (list) list.push(v);
    else byOfficial.set(v.official, [v]);
  }
  return (f) => {
    const out: VisitDef[] = [];
    for (const id of Object.keys(f.weights)) {
      const list = byOfficial.get(id);
      if (list) for (const v of list) out.push(v);
    }
    return out;
  };
}

export function scoreFeatures(f: VisitFeatures, entityCountry: (entityId: string) => string | null, visits: readonly VisitDef[]): VisitMatch[] {
  const countryOf = new Map<string, string | null>();
  const country = (id: string) => {
    let c = countryOf.get(id);
    if (c === undefined) countryOf.set(id, (c = entityCountry(id)));
    return c;
  };
  const entries = Object.entries(f.weights);

  const candidates: { visit: VisitDef; o: number; h: number; hh: number; d: number | null }[] = [];
  for (const visit of visits) {
    const ow = f.weights[visit.official];
    if (!ow) continue;
    const d = dateFactor(f.publishedDate, visit, f.dateSource);
    if (d === 0) continue;
    let h = 0;
    let hh = 0;
    for (const [id, pw] of entries) {
      if (id === visit.official) continue;
      let w = 0;
      if (visit.place_ids.includes(id)) w = PLACE_WEIGHT;
      else if (visit.counterparts?.includes(id)) w = COUNTERPART_WEIGHT;
      else if (country(id) === visit.host_country) w = COUNTRY_WEIGHT;
      h += w * pw;
      hh += w * (f.headline[id] ?? 0);
    }
    if (h === 0) continue;
    candidates.push({ visit, o: 1 - Math.exp(-ow / 1.5), h, hh, d });
  }

  const maxHost = new Map<string, number>();
  for (const c of candidates) maxHost.set(c.visit.official, Math.max(maxHost.get(c.visit.official) ?? 0, c.h));

  const out: VisitMatch[] = [];
  for (const c of candidates) {
    const text = c.o * (0.35 + 0.65 * (1 - Math.exp(-c.h / 3)));
    const share = 0.5 + (0.5 * c.h) / (maxHost.get(c.visit.official) as number);
    // without a date the text alone decides, under a soft cap that keeps the order of the stops
    const raw = c.d === null ? UNKNOWN_DATE_CAP * (1 - Math.exp((-text * share) / UNKNOWN_DATE_CAP)) : text * share * c.d;
    const score = Math.round(raw * 1e4) / 1e4;
    const dateline = f.dateline !== null && (c.visit.place_ids.includes(f.dateline) || country(f.dateline) === c.visit.host_country);
    if (score >= MIN_VISIT_SCORE)
      out.push({
        visitId: c.visit.id,
        official: c.visit.official,
        officialWeight: f.weights[c.visit.official] as number,
        score,
        host: c.h,
        headlineHost: c.hh,
        dateline,
      });
  }
  return out.sort((a, b) => b.score - a.score || (a.visitId < b.visitId ? -1 : 1));
}

/**
 * The one stop an article is about, or null for an article about a tour as a whole (or about no
 * visit). Each linked stop gets a pointer value
 *   P = score / best score  +  H / ΣH  +  HEADLINE_POINT · [its host is in the headline and no
 *       other stop's is]  +  DATELINE_POINT · [the dateline is in its host country]
 * and the stop with the highest P is primary when it leads the next by PRIMARY_MARGIN: a single
 * stop always; a report from Carthage that names Algiers and Rabat as the next stops leads by its
 * dateline, headline and host evidence; a tour roundup from a third city, whose stops share the
 * evidence, has none. Only the stops of the official the article names most compete: an article
 * about Pompeo meeting Netanyahu in Lisbon is not about Netanyahu's trip.
 */
export const HEADLINE_POINT = 0.6;
export const DATELINE_POINT = 0.5;
export const PRIMARY_MARGIN = 0.5;

export function choosePrimary(all: readonly VisitMatch[]): string | null {
  const top = Math.max(...all.map((m) => m.officialWeight));
  const main = all.find((m) => m.officialWeight === top)?.official;
  const matches = all.filter((m) => m.official === main);
  if (matches.length === 0) return null;
  if (matches.length === 1) return (matches[0] as VisitMatch).visitId;
  const best = Math.max(...matches.map((m) => m.score));
  const totalHost = matches.reduce((s, m) => s + m.host, 0) || 1;
  const inHeadline = matches.filter((m) => m.headlineHost > 0);
  const points = matches
    .map((m) => ({
      id: m.visitId,
      p: m.score / best + m.host / totalHost + (inHeadline.length === 1 && m.headlineHost > 0 ? HEADLINE_POINT : 0) + (m.dateline ? DATELINE_POINT : 0),
    }))
    .sort((a, b) => b.p - a.p || (a.id < b.id ? -1 : 1));
  const [first, second] = points as [{ id: string; p: number }, { id: string; p: number }];
  return first.p - second.p >= PRIMARY_MARGIN ? first.id : null;
}
