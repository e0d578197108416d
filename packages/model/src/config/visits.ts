/**
 * The visits under study (data/config/visits.yaml): who went where, when. Linking articles to
 * visits lives in packages/ingest/src/link/visits.ts; this module only reads and validates.
 */
import path from 'node:path';
import { ConfigNode, uniqueIds } from './node.ts';

export interface VisitDef {
  id: string;
  /** Entity id of the visiting official. */
  official: string;
  /** ISO 3166-1 alpha-2. */
  host_country: string;
  /** English display name of the city, or null when the visit has no single city. */
  city: string | null;
  /** Entity ids of the city and notable places of the visit (palaces, memorials). */
  place_ids: string[];
  /** yyyy-mm-dd, inclusive. */
  start_date: string;
  end_date: string;
  label_ar: string;
  label_en: string;
  /** Groups the stops of one tour. */
  tour?: string;
  /** Entity ids of the hosts the official met. */
  counterparts?: string[];
}

export const VISITS_FILE = 'visits.yaml';

const VISIT_KEYS = ['id', 'official', 'host_country', 'city', 'place_ids', 'start_date', 'end_date', 'label_ar', 'label_en', 'tour', 'counterparts'] as const;

/** `knownEntityIds`, when given, is checked against `official`, `place_ids` and `counterparts`. */
export function loadVisits(configDir: string, knownEntityIds?: ReadonlySet<string>): VisitDef[] {
  return readVisits(ConfigNode.load(path.join(configDir, VISITS_FILE)), knownEntityIds);
}

export function parseVisits(file: string, text: string, knownEntityIds?: ReadonlySet<string>): VisitDef[] {
  return readVisits(ConfigNode.parse(file, text), knownEntityIds);
}

function readVisits(root: ConfigNode, knownEntityIds?: ReadonlySet<string>): VisitDef[] {
  root.only(['visits']);
  const list = root.get('visits').required('a list of visits');
  const visitId = uniqueIds('visit');

  const entityId = (node: ConfigNode, role: string): string => {
    const id = node.id();
    if (knownEntityIds && !knownEntityIds.has(id)) node.fail(`unknown ${role} entity id "${id}" (not in entities.yaml)`);
    return id;
  };
  const entityIds = (node: ConfigNode, role: string): string[] => node.items().map((n) => entityId(n, role));

  return list.items().map((node) => {
    node.only(VISIT_KEYS);
    const id = visitId(node.get('id'));
    const hostCountry = node.get('host_country').country();

    const start = node.get('start_date').date();
    const endNode = node.get('end_date');
    const end = endNode.isMissing ? start : endNode.date();
    if (end < start) endNode.fail(`end_date ${end} is before start_date ${start}`);

    const visit: VisitDef = {
      id,
      official: entityId(node.get('official'), 'official'),
      host_country: hostCountry,
      city: node.get('city').optString(),
      place_ids: entityIds(node.get('place_ids'), 'place'),
      start_date: start,
      end_date: end,
      label_ar: node.get('label_ar').string(),
      label_en: node.get('label_en').string(),
    };
    const tour = node.get('tour');
    if (!tour.isMissing) visit.tour = tour.id();
    const counterparts = entityIds(node.get('counterparts'), 'counterpart');
    if (counterparts.length > 0) visit.counterparts = counterparts;
    return visit;
  });
}
