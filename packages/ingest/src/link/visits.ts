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
const DAY_MS = 86_400_000;

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

export interface VisitMatch {
  visitId: string;
  score: number;
}

/** Day number of a yyyy-mm-dd date, or null when it is not one. */
function dayNumber(date: string | null | undefined): number | null {
  if (!date) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.round(t / DAY_MS);
}

/** The date factor D of a known date (see above); null when the date is unknown. */
export function dateFactor(published: string | null, visit: Pick<VisitDef, 'start_date' | 'end_date'>, dateSource?: string | null): number | null {
  const day = dayNumber(published);
  if (day === null) return null;
  const start = dayNumber(visit.start_date) as number;
  const end = dayNumber(visit.end_date) ?? start;
  const d = day < start ? start - day : day > end ? day - end : 0;
  let f: number;
  if (d <= 2) f = 1;
  else if (d <= 14) f = 0.75 - (0.25 * (d - 2)) / 12;
  else if (d <= 30) f = 0.25;
  else return 0;
  return dateSource === 'inferred' ? f * 0.9 : f;
}

export function scoreVisits(input: VisitEvidence, visits: readonly VisitDef[]): VisitMatch[] {
  const { mentions, entityCountry } = input;
  const lead = input.lead ?? { start: 0, sentence: 0 };
  const weight = (m: MentionHit) =>
    m.start < lead.start ? HEADLINE_WEIGHT : m.sentence - lead.sentence < LEAD_SENTENCES || m.start - lead.start < LEAD_CHARS ? LEAD_WEIGHT : 1;

  const officialWeight = new Map<string, number>();
  for (const m of mentions) officialWeight.set(m.entityId, (officialWeight.get(m.entityId) ?? 0) + weight(m));
  const countryOf = new Map<string, string | null>();
  const country = (id: string) => {
    let c = countryOf.get(id);
    if (c === undefined) countryOf.set(id, (c = entityCountry(id)));
    return c;
  };

  const candidates: { visit: VisitDef; o: number; h: number; d: number | null }[] = [];
  for (const visit of visits) {
    const ow = officialWeight.get(visit.official);
    if (!ow) continue;
    const d = dateFactor(input.publishedDate, visit, input.dateSource);
    if (d === 0) continue;
    let h = 0;
    for (const m of mentions) {
      if (m.entityId === visit.official) continue;
      let w = 0;
      if (visit.place_ids.includes(m.entityId)) w = PLACE_WEIGHT;
      else if (visit.counterparts?.includes(m.entityId)) w = COUNTERPART_WEIGHT;
      else if (country(m.entityId) === visit.host_country) w = COUNTRY_WEIGHT;
      h += w * weight(m);
    }
    if (h === 0) continue;
    candidates.push({ visit, o: 1 - Math.exp(-ow / 1.5), h, d });
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
    if (score >= MIN_VISIT_SCORE) out.push({ visitId: c.visit.id, score });
  }
  return out.sort((a, b) => b.score - a.score || (a.visitId < b.visitId ? -1 : 1));
}
