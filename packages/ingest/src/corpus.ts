/**
 * The steps across documents, once per run, over what the run staged (its own articles, and for
 * --append or merge those of the warehouses it loaded): entity resolution, outlets, the dimension
 * tables, visit discovery and linking; duplicates run in the writer's finish (link/duplicate-groups.ts).
 * They read the staged state back in input order, so a run, an append and a merge of shards see the
 * same sequence and give the same tables. A step that fails is reported in run_steps and leaves its
 * outputs empty; it never throws the run's articles away.
 */
import { quoteLiteral, type EntityRow, type OutletRow } from '@mirsad/model';
import type { MirsadConfig } from '@mirsad/model/config';
import type { EntityDef } from '@mirsad/model/config/entities';
import { RunOutlets } from './extract/outlets.ts';
import { discoverVisits, type EntityInfo, type RunClaim } from './link/discovered-visits.ts';
import { choosePrimary, scoreFeatures, visitsOfNamedOfficials, type VisitFeatures } from './link/visits.ts';
import type { Compiled } from './process.ts';
import { resolveEntities, type EntityType, type Spelling } from './resolve/cluster.ts';
import { loadCorpusWords } from './resolve/corpus-words.ts';
import type { FinalIds, StateKind, StepOutcome, WarehouseWriter } from './warehouse/writer.ts';

export type CorpusStep = 'entities' | 'visits' | 'duplicates';

export interface CorpusResult {
  ids: FinalIds;
  steps: StepOutcome[];
  discovered: number;
  discoveredVisits: number;
  articleVisits: number;
  articlesWithVisits: number;
  articlesWithPrimaryVisit: number;
  outlets: number;
  finalEntityId: (id: string) => string;
}

/**
 * Inputs whose state is sorted at once. DuckDB sorts wide payloads in memory: one ORDER BY over a
 * million articles' state (3.4M discovered names, 880k visit features of 270 bytes) ran out of the
 * staging memory limit, so the state is read a window of seqs at a time, each sorted on its own.
 */
export const STATE_WINDOW = 65_536;

/** `columns` of every state row of one kind (and `where`), in input order (seq, pos), sorted a window at a time. */
export async function* stateRows(writer: WarehouseWriter, kind: StateKind, columns: string, where = 'true'): AsyncGenerator<unknown[]> {
  let range: unknown[] = [];
  for await (const rows of writer.rows(`SELECT min(seq), max(seq) FROM state_items WHERE kind = '${kind}'`)) range = rows[0] ?? [];
  const [lo, hi] = range;
  if (lo === null || lo === undefined || hi === null || hi === undefined) return;
  for (let from = Number(lo); from <= Number(hi); from += STATE_WINDOW) {
    const window = `seq >= ${from} AND seq < ${from + STATE_WINDOW}`;
    for await (const rows of writer.rows(`SELECT ${columns} FROM state_items WHERE kind = '${kind}' AND ${window} AND (${where}) ORDER BY seq, pos`))
      yield* rows;
  }
}

/** A state row's place in input order, as one number (pos counts an article's items: far below 2^32). */
const INPUT_ORDER = '(seq::BIGINT * 4294967296 + pos)';

/**
 * The payload of each discovered entity id's first row in input order, in the order of those first
 * rows: what keeping the first of every id read in input order keeps. Grouped in SQL: at 1M articles
 * the state holds 4.2M discovered rows, of some 40k ids, which JSON.parse one by one cost more than
 * the resolution they feed.
 */
async function* firstDiscovered(writer: WarehouseWriter): AsyncGenerator<unknown[]> {
  for await (const rows of writer.rows(`SELECT arg_min(payload, ${INPUT_ORDER}) FROM state_items WHERE kind = 'discovered'
    GROUP BY json_extract_string(payload, '$.entity_id') ORDER BY min(${INPUT_ORDER})`))
    yield* rows;
}

/**
 * Every (discovered id, spelling) with its counts summed over the articles (n, and role: of the n, how
 * many a role word introduced; state staged before the role count was has none), ordered as summing
 * them in input order orders them: ids by their first row, an id's spellings by theirs. Grouped in SQL
 * (4.2M rows at 1M articles, some 60k spellings).
 */
async function* spellingTotals(writer: WarehouseWriter): AsyncGenerator<unknown[]> {
  for await (const rows of writer.rows(`SELECT id, name, n, role FROM (
      SELECT json_extract_string(payload, '$.id') AS id, json_extract_string(payload, '$.name') AS name,
        sum(json_extract(payload, '$.n')::DOUBLE) AS n, sum(coalesce(json_extract(payload, '$.role')::DOUBLE, 0)) AS role,
        min(${INPUT_ORDER}) AS first
      FROM state_items WHERE kind = 'spelling' GROUP BY ALL
    ) ORDER BY min(first) OVER (PARTITION BY id), first`))
    yield* rows;
}

/** Every payload of one kind of state, in input order. */
async function* stateOf<T>(writer: WarehouseWriter, kind: StateKind): AsyncGenerator<T> {
  for await (const [payload] of stateRows(writer, kind, 'payload')) yield JSON.parse(payload as string) as T;
}

async function step<T>(name: CorpusStep, steps: StepOutcome[], fail: readonly string[], run: () => Promise<T>, fallback: () => Promise<T> | T): Promise<T> {
  try {
    if (fail.includes(name)) throw new Error('failure injected for a test');
    const out = await run();
    steps.push({ step: name, done: true, detail: null });
    return out;
  } catch (err) {
    steps.push({ step: name, done: false, detail: (err as Error).message });
    return fallback();
  }
}

/**
 * Entity resolution, outlets, entities, topic_defs, visits, visit_evidence and article_visits, from
 * the staged state; returns the id changes the writer applies in finish.
 */
export async function runCorpusSteps(
  writer: WarehouseWriter,
  config: MirsadConfig,
  compiled: Compiled,
  failForTests: readonly string[] = [],
): Promise<CorpusResult> {
  await writer.flush();
  writer.timer.phase('discovered names read back');
  const steps: StepOutcome[] = [];
  const discovered = new Map<string, EntityRow>();
  for await (const [payload] of firstDiscovered(writer)) {
    const d = JSON.parse(payload as string) as EntityRow;
    discovered.set(d.entity_id, d);
  }

  // Entity resolution over the run's discovered names: spelling variants, shorter forms and
  // gazetteer spellings become one entity; the writer rewrites the staged mentions.
  writer.timer.phase('entity resolution');
  const resolution = await step(
    'entities',
    steps,
    failForTests,
    async () => {
      const spelled: Spelling[] = [];
      for await (const [id, name, n, role] of spellingTotals(writer)) {
        const type = (discovered.get(id as string)?.type ?? 'person') as EntityType;
        spelled.push({ entityId: id as string, type, name: name as string, n: n as number, role: role as number });
      }
      const [articles] = await writer.scalars(['SELECT count(*) FROM stage_articles']);
      return resolveEntities(
        spelled,
        config.entities.map((e) => ({ entityId: e.id, type: e.type, names: [e.name_ar, ...e.variants] })),
        loadCorpusWords(Number(articles)),
      );
    },
    () => ({
      remap: new Map<string, string>(),
      entities: [...discovered.values()].sort((a, b) => (a.entity_id < b.entity_id ? -1 : 1)),
      dropped: new Set<string>(),
    }),
  );
  const finalId = (id: string) => resolution.remap.get(id) ?? id;

  writer.timer.phase('outlets, entities, topic_defs');
  const outlets = await writeDimensions(writer, config, resolution.entities);

  // visits see the resolved entities: a visitor found under two spellings is one visitor
  writer.timer.phase('visit discovery and linking');
  const visits = await step(
    'visits',
    steps,
    failForTests,
    async () => {
      const claims: (RunClaim & { surface: string })[] = [];
      for await (const [articleId, payload] of stateRows(writer, 'claim', 'article_id, payload')) {
        const k = JSON.parse(payload as string) as RunClaim & { surface: string };
        // a bare given name resolution dropped is nobody's visit
        if (resolution.dropped.has(k.visitor)) continue;
        const hostPersons = k.hostPersons.filter((h) => !resolution.dropped.has(h)).map(finalId);
        // the row's article id, which a merge may have changed, not the one the payload was written with
        claims.push({ ...k, articleId: articleId as string, visitor: finalId(k.visitor), hostPersons });
      }
      const info = entityInfo(config.entities, new Map(resolution.entities.map((e) => [e.entity_id, e])));
      const found = discoverVisits(claims, config.visits, info);
      const candidates = visitsOfNamedOfficials(found.visits);
      const links: { articleId: string; visitId: string; score: number; primary: boolean }[] = [];
      let articlesWithVisits = 0;
      let articlesWithPrimaryVisit = 0;
      for await (const [articleId, payload] of stateRows(writer, 'linkable', 'article_id, payload', namesAnOfficial(found.visits, resolution.remap))) {
        let features = JSON.parse(payload as string) as VisitFeatures;
        if (resolution.remap.size > 0) features = remapFeatures(features, finalId);
        const matches = scoreFeatures(features, compiled.entityCountry, candidates(features));
        const primary = choosePrimary(matches);
        for (const m of matches) links.push({ articleId: articleId as string, visitId: m.visitId, score: m.score, primary: m.visitId === primary });
        if (matches.length) articlesWithVisits++;
        if (primary) articlesWithPrimaryVisit++;
      }
      return { found, links, articlesWithVisits, articlesWithPrimaryVisit };
    },
    () => null,
  );
  writer.timer.phase('visit rows staged');
  if (visits) {
    for (const v of visits.found.visits) {
      writer.append('visits', {
        visit_id: v.id,
        official_entity_id: v.official,
        host_country: v.host_country,
        city: v.city,
        start_date: v.start_date,
        end_date: v.end_date,
        label_ar: v.label_ar,
        label_en: v.label_en,
        origin: v.origin,
        tour_id: v.tour_id,
      });
    }
    for (const { visitId, claim } of visits.found.evidence) {
      writer.append('visit_evidence', {
        visit_id: visitId,
        article_id: claim.articleId,
        pattern: claim.pattern,
        start: claim.start,
        end: claim.end,
        sentence: claim.sentence,
        surface: claim.surface,
      });
    }
    for (const l of visits.links) writer.append('article_visits', { article_id: l.articleId, visit_id: l.visitId, score: l.score, is_primary: l.primary });
  }
  return {
    ids: { outlets: outlets.idOf, entities: resolution.remap, droppedEntities: resolution.dropped },
    steps,
    discovered: resolution.entities.length,
    discoveredVisits: visits ? visits.found.visits.filter((v) => v.origin === 'discovered').length : 0,
    articleVisits: visits?.links.length ?? 0,
    articlesWithVisits: visits?.articlesWithVisits ?? 0,
    articlesWithPrimaryVisit: visits?.articlesWithPrimaryVisit ?? 0,
    outlets: outlets.used,
    finalEntityId: finalId,
  };
}

/**
 * The dimension tables: entities (the gazetteer's and the resolved discovered ones), the outlets the
 * articles name (new outlets that documents processed apart named differently get one id; their
 * articles follow in finish), and topic_defs. Returns the outlet id changes and the outlets used.
 */
async function writeDimensions(
  writer: WarehouseWriter,
  config: MirsadConfig,
  discovered: readonly EntityRow[],
): Promise<{ idOf: Map<string, string>; used: number }> {
  for (const e of config.entities) {
    writer.append('entities', { entity_id: e.id, type: e.type, name_ar: e.name_ar, name_en: e.name_en, origin: 'gazetteer' });
  }
  for (const e of discovered) writer.append('entities', e);
  const newOutlets = new RunOutlets();
  for await (const o of stateOf<OutletRow>(writer, 'outlet')) newOutlets.add(o);
  const usedOutlets = new Set<string>();
  for await (const rows of writer.rows('SELECT DISTINCT outlet_id FROM stage_articles WHERE outlet_id IS NOT NULL'))
    for (const [id] of rows) usedOutlets.add(id as string);
  for (const o of config.outlets.outlets) {
    if (usedOutlets.has(o.id))
      writer.append('outlets', { outlet_id: o.id, name_ar: o.name_ar, name_en: o.name_en, domain: o.domain, country: o.country, origin: 'config' });
  }
  const created = newOutlets.resolve();
  for (const id of [...usedOutlets]) {
    const canonical = created.idOf.get(id);
    if (canonical !== undefined && canonical !== id) {
      usedOutlets.delete(id);
      usedOutlets.add(canonical);
    }
  }
  for (const o of created.rows) if (usedOutlets.has(o.outlet_id)) writer.append('outlets', o);
  for (const t of config.topics) writer.append('topic_defs', { topic_id: t.id, label_ar: t.label_ar, label_en: t.label_en });
  return { idOf: created.idOf, used: usedOutlets.size };
}

/**
 * SQL that keeps the linkable rows whose features name, under some id that resolution makes one of
 * them, the official of a visit: scoreFeatures matches a visit only in an article that names its
 * official (visitsOfNamedOfficials), so the rows left out would link nothing. At 1M articles a
 * quarter of the 920k linkable rows are kept, and the rest are neither sorted nor parsed.
 */
function namesAnOfficial(visits: readonly { official: string }[], remap: ReadonlyMap<string, string>): string {
  const officials = new Set(visits.map((v) => v.official));
  const ids = [...officials].filter((id) => !remap.has(id));
  for (const [from, to] of remap) if (officials.has(to)) ids.push(from);
  if (ids.length === 0) return 'false';
  return `list_has_any(json_keys(payload, '$.weights'), [${ids.map(quoteLiteral).join(', ')}]::VARCHAR[])`;
}

/** Names for the labels and ids of discovered visits: the gazetteer's, then the persons discovered in the run. */
function entityInfo(entities: readonly EntityDef[], discovered: ReadonlyMap<string, EntityRow>): EntityInfo {
  const byId = new Map(entities.map((e) => [e.id, e]));
  const countries = new Map<string, EntityDef>();
  for (const e of entities) if (e.kind === 'country' && e.country && !countries.has(e.country)) countries.set(e.country, e);
  return {
    nameAr: (id) => byId.get(id)?.name_ar ?? discovered.get(id)?.name_ar ?? null,
    nameEn: (id) => byId.get(id)?.name_en ?? null,
    countryAr: (cc) => countries.get(cc)?.name_ar ?? null,
    countryEn: (cc) => countries.get(cc)?.name_en ?? null,
    isCity: (id) => byId.get(id)?.kind === 'city',
  };
}

/** The same features with their entity ids replaced by the resolved ones (weights of merged ids added). */
function remapFeatures(f: VisitFeatures, finalId: (id: string) => string): VisitFeatures {
  const changes = (r: Record<string, number>) => Object.keys(r).some((id) => finalId(id) !== id);
  if (!changes(f.weights) && !changes(f.headline)) return f;
  const remap = (r: Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const [id, w] of Object.entries(r)) out[finalId(id)] = (out[finalId(id)] ?? 0) + w;
    return out;
  };
  return { ...f, weights: remap(f.weights), headline: remap(f.headline) };
}
