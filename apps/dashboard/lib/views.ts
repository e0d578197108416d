/**
 * The views a user can download: each name maps to the query that draws it. The export route and the
 * SQL shown under each chart both come from here, so the file matches the picture.
 */
import type { Filters } from './filters';
import {
  articleExportQuery,
  coMentionsQuery,
  entityOutletsQuery,
  entityVisitsQuery,
  outletTopicsQuery,
  summaryQuery,
  timelineQuery,
  coverageQuery,
  topEntitiesQuery,
  topicSharesQuery,
  visitDaysQuery,
  visitMatrixQuery,
  visitTopicsQuery,
} from './queries';
import type { BuiltQuery } from './sql';

type Builder = { readonly entity: false; build(f: Filters): BuiltQuery } | { readonly entity: true; build(f: Filters, id: string): BuiltQuery };

export const VIEWS = {
  summary: { entity: false, build: summaryQuery },
  'outlet-topics': { entity: false, build: outletTopicsQuery },
  'visit-topics': { entity: false, build: visitTopicsQuery },
  'visit-matrix': { entity: false, build: visitMatrixQuery },
  'visit-days': { entity: false, build: visitDaysQuery },
  timeline: { entity: false, build: timelineQuery },
  coverage: { entity: false, build: coverageQuery },
  'topic-shares': { entity: false, build: topicSharesQuery },
  'top-entities': { entity: false, build: (f: Filters) => topEntitiesQuery(f) },
  articles: { entity: false, build: articleExportQuery },
  'entity-comentions': { entity: true, build: coMentionsQuery },
  'entity-outlets': { entity: true, build: entityOutletsQuery },
  'entity-visits': { entity: true, build: entityVisitsQuery },
} as const satisfies Record<string, Builder>;

export type ViewName = keyof typeof VIEWS;

export const isViewName = (v: string): v is ViewName => Object.hasOwn(VIEWS, v);

/** The query of a view; null when an entity view lacks its entity id. */
export function viewQuery(view: ViewName, f: Filters, entityId: string | null): BuiltQuery | null {
  const v: Builder = VIEWS[view];
  if (v.entity) return entityId ? v.build(f, entityId) : null;
  return v.build(f);
}
