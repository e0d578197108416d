/**
 * One document in, the rows it contributes out. Pure: no files, no DuckDB; the compiled config is
 * passed in, so this is what the unit tests and the pipeline share.
 */
import { createHash } from 'node:crypto';
import type { EntityDef } from '@mirsad/model/config/entities';
import type { VisitDef } from '@mirsad/model/config/visits';
import type { ArticleRow, MentionRow, OutletRow, TopicEvidenceRow, TopicRow } from '@mirsad/model';
import { cleanText } from './clean/index.ts';
import { findDateClues, findTextDate, findUrlDate, inferPublicationDate, parseRecordDate } from './extract/dates.ts';
import { compileGazetteer, type Gazetteer } from './extract/gazetteer.ts';
import { findMentions, type DiscoveredEntity, type MentionsResult } from './extract/mentions.ts';
import { defaultTagger, type Tagger } from './ner/model.ts';
import { compileOutlets, detectOutlet, type CompiledOutlets } from './extract/outlets.ts';
import { compileTopics, scoreTopics, type CompiledTopics } from './extract/topics.ts';
import { bandKeys, exactKey, shingleSignature, wordsOfTokens } from './link/duplicates.ts';
import { scoreFeatures, visitFeatures, type VisitFeatures } from './link/visits.ts';
import { extractVisitClaims, type VisitClaim } from './extract/visit-claims.ts';
import { deriveTitle, headlineLine } from './read/headline.ts';
import { readPage } from './read/page.ts';
import { jsonLineDoc, type JsonLine } from './read/read-inputs.ts';
import type { ManifestEntry } from './read/manifest.ts';
import { analyze, codePointIndexer, sentenceAt } from './text/index.ts';
import type { RawDoc, RejectReason } from './types.ts';
import type { MirsadConfig } from '@mirsad/model/config';
import { aliasKey } from '@mirsad/model/config/outlets';
import { searchTokensOf, type SearchTokens } from '@mirsad/model/search-index';

export interface Compiled {
  config: MirsadConfig;
  gazetteer: Gazetteer;
  topics: CompiledTopics;
  outlets: CompiledOutlets;
  visits: readonly VisitDef[];
  entityCountry: (entityId: string) => string | null;
  entityType: (entityId: string) => 'person' | 'location' | 'organization' | null;
  isCountry: (entityId: string) => boolean;
  locations: ReadonlySet<string>;
  /** The statistical entity tagger (src/ner/), or null when the run asked for gazetteer and roles only. */
  tagger: Tagger | null;
}

export interface CompileOptions {
  /** Run the statistical tagger after the gazetteer and the roles (default true; `mirsad ingest --no-tagger`). */
  tagger?: boolean;
}

export function compile(config: MirsadConfig, opts: CompileOptions = {}): Compiled {
  const byId = new Map<string, EntityDef>(config.entities.map((e) => [e.id, e]));
  return {
    config,
    gazetteer: compileGazetteer(config.entities),
    topics: compileTopics(config.topics),
    // the gazetteer's places, people and organisations (but media) never name an outlet found in a page
    outlets: compileOutlets(
      config.outlets,
      config.entities.filter((e) => e.kind !== 'media').flatMap((e) => [e.name_ar, ...e.variants]),
    ),
    visits: config.visits,
    entityCountry: (id) => byId.get(id)?.country ?? null,
    entityType: (id) => byId.get(id)?.type ?? (id.startsWith('discovered:') ? 'person' : null),
    isCountry: (id) => byId.get(id)?.kind === 'country',
    locations: new Set(config.entities.filter((e) => e.type === 'location').map((e) => e.id)),
    // loaded at the first document that needs it, not at start: a worker that gets no Arabic
    // article, or a run the main thread finishes alone, never reads the model
    get tagger() {
      return opts.tagger === false ? null : defaultTagger();
    },
  };
}

export interface ProcessedDoc {
  article: Omit<ArticleRow, 'duplicate_of'>;
  mentions: MentionRow[];
  topics: TopicRow[];
  topicEvidence: TopicEvidenceRow[];
  /** Links to configured visits (the pipeline scores again once the run's discovered visits are known). */
  visits: { visit_id: string; score: number }[];
  /** What linking needs of this article, kept by the pipeline until every visit is known. */
  visitFeatures: VisitFeatures;
  /** Sentences saying an official visited a country; offsets in code points (as mentions). */
  claims: (VisitClaim & { surface: string })[];
  discovered: DiscoveredEntity[];
  /** An outlet first seen in this document (named by the manifest or a record field, not in config). */
  newOutlet: OutletRow | null;
  /** `minhash` stays the typed array shingleSignature made: it crosses from a worker as one copy of its bytes, not 64 boxed numbers. */
  dedup: { exactKey: string; minhash: Uint32Array; bands: string[] };
  /** The article's rows of the keyword-search index (`_search/`), made here rather than by SQL at the end of the run. */
  search: SearchTokens;
}

/** What processing one document gives: its rows, or why it gave none. */
export type ProcessOutcome = ProcessedDoc | { empty: string } | { error: string } | { reject: { reason: RejectReason; detail: string } };

/**
 * One unit of work: a document a reader made, or an HTML page still to be parsed. HTML is parsed
 * here rather than in the reader, so that parsing runs on a worker with a deadline (see pipeline.ts).
 */
export type Task =
  | { kind: 'doc'; source: string; doc: RawDoc; manifest: ManifestEntry | null }
  | { kind: 'html'; source: string; html: string; manifest: ManifestEntry | null }
  /** A .jsonl line still to be decoded and parsed (read/read-inputs.ts JsonLine): the worker does it, not the reading thread. */
  | { kind: 'line'; source: string; line: JsonLine; manifest: ManifestEntry | null };

/** A line task as the doc task its record gives, or the outcome of a line that gives none (the reject the reader would have made). */
export function docTask(task: Extract<Task, { kind: 'line' }>): Extract<Task, { kind: 'doc' }> | { reject: { reason: RejectReason; detail: string } } {
  const read = jsonLineDoc(task.line);
  if (read.kind === 'reject') return { reject: { reason: read.reject.reason, detail: read.reject.detail } };
  return { kind: 'doc', source: task.source, doc: read.doc, manifest: task.manifest };
}

export function articleId(title: string, body: string): string {
  return createHash('sha256').update(title).update('\n').update(body).digest('hex').slice(0, 16);
}

/**
 * A discovered person spelt like a configured outlet's name, alias or byline, or a wire's credit, is
 * that outlet («الرباط - هسبريس»: the tagger reads a byline's site as someone who speaks): its
 * mentions and the entity go.
 */
function withoutOutletPersons(found: MentionsResult, outlets: CompiledOutlets): MentionsResult {
  const outletNamed = new Set<string>();
  for (const d of found.discovered) {
    const key = aliasKey(d.name_ar);
    if (d.type === 'person' && key && (outlets.byKey.has(key) || outlets.wireKeys.has(key))) outletNamed.add(d.entity_id);
  }
  if (outletNamed.size === 0) return found;
  return {
    mentions: found.mentions.filter((m) => !outletNamed.has(m.entityId)),
    discovered: found.discovered.filter((d) => !outletNamed.has(d.entity_id)),
  };
}

export function processDoc(doc: RawDoc, c: Compiled, manifest: ManifestEntry | null): ProcessedDoc | { empty: string } {
  // the cleaner may replace a .txt page's first line when it was the site's name, not the headline
  const cleaned = cleanText({ title: doc.title, text: doc.text, format: doc.format });
  if (cleaned.body.trim().length === 0) return { empty: 'no text left after removing page boilerplate' };
  // The headline is the article's first paragraph (contract v1.1): every extractor reads it.
  const headline = headlineLine(cleaned.title);
  const body = headline ? `${headline}\n\n${cleaned.body}` : cleaned.body;
  const title = headline || deriveTitle(cleaned.body);
  // The one analysis of the body (normalised tokens, sentences, language): every extractor below reads
  // it and none tokenises the body again; a tagger (src/ner/) takes `a` beside findMentions. Outlets and
  // dates read the page's raw head and datelines, which cleaning may have removed from the body.
  const a = analyze(body);
  const { mentions, discovered } = withoutOutletPersons(findMentions(a, c.gazetteer, { tagger: c.tagger }), c.outlets);
  const mentionIds = new Set(mentions.map((m) => m.entityId));
  const topicHits = scoreTopics(a, c.topics, { mentionEntityIds: mentionIds, mentions, entityCountry: c.entityCountry });

  // Outlet: the manifest, then a field of the record, then the page itself (configured bylines and
  // mastheads, a configured domain, then an outlet the page names or its unknown domain).
  const url = manifest?.url || doc.url;
  const manifestName = manifest ? manifest.outlet_en || manifest.outlet_ar : null;
  const outlet = detectOutlet(
    {
      text: manifestName ? '' : doc.text,
      body,
      // a .txt page's first line that the cleaner found to be page chrome may be the site's masthead
      title: doc.format === 'txt' && cleaned.title.trim() !== doc.title.trim() ? doc.title : undefined,
      outletHint: manifestName || doc.outletHint,
      url: manifestName ? null : url,
    },
    c.outlets,
  );
  let newOutlet: OutletRow | null = null;
  if (outlet?.created) {
    newOutlet = {
      outlet_id: outlet.outletId,
      name_ar: manifest?.outlet_ar || outlet.name,
      name_en: manifest?.outlet_en || outlet.nameEn || outlet.name,
      domain: outlet.domain ?? null,
      country: null,
      origin: manifestName ? 'manifest' : outlet.origin,
    };
  }

  // Date: the manifest, then a field of the record, then the URL, then a dateline in the page. The URL
  // comes before the text: a CMS writes the day the page went up into it, while a dateline is read
  // among the page's other dates. A URL is a field of the input, so its date is 'manifest' when the
  // manifest gave the URL and 'record' otherwise.
  let date: string | null = null;
  let dateSource: string | null = null;
  if (manifest?.published_date) [date, dateSource] = [manifest.published_date, 'manifest'];
  if (!date && doc.dateHint) {
    const d = parseRecordDate(doc.dateHint);
    if (d) [date, dateSource] = [d, 'record'];
  }
  if (!date && url) {
    const d = findUrlDate(url);
    if (d) [date, dateSource] = [d.date, manifest?.url ? 'manifest' : 'record'];
  }
  if (!date) {
    const d = findTextDate(doc.dateline ? `${doc.dateline}\n${doc.text}` : doc.text);
    if (d) [date, dateSource] = [d.date, 'text'];
  }

  const lead = headline ? { start: headline.length + 2, sentence: sentenceAt(a.sentenceStarts, headline.length + 2) } : undefined;
  const featureInput = { mentions, entityCountry: c.entityCountry, lead, body, locations: c.locations };
  let features = visitFeatures({ ...featureInput, publishedDate: date, dateSource });
  let visits = scoreFeatures(features, c.entityCountry, c.visits);
  if (!date && visits.length > 0) {
    // The days the text names («أمس الخميس», «غدا الأربعاء»), with the tense of their sentences, dated
    // against the visit the text is about. The headline is not read for them: headlines use the
    // present tense for what has happened.
    const best = c.visits.find((v) => v.id === visits[0]?.visitId);
    const inferred = best ? inferPublicationDate({ clues: findDateClues(doc.text), visitWindow: { start: best.start_date, end: best.end_date } }) : null;
    if (inferred) {
      [date, dateSource] = [inferred.date, 'inferred'];
      features = visitFeatures({ ...featureInput, publishedDate: date, dateSource });
      visits = scoreFeatures(features, c.entityCountry, c.visits);
    }
  }
  const claims = extractVisitClaims(a, mentions, {
    entityCountry: c.entityCountry,
    entityType: c.entityType,
    isCountry: c.isCountry,
    publishedDate: date,
    lead,
  });

  const id = articleId(title, body);
  // offsets and lengths are stored in code points, as DuckDB's substring() and length() count
  const cp = codePointIndexer(body);
  const words = wordsOfTokens(a.tokens);
  const sig = shingleSignature(words);
  return {
    article: {
      article_id: id,
      source: doc.source,
      outlet_id: outlet?.outletId ?? null,
      title,
      published_date: date,
      date_source: dateSource,
      body,
      headline_chars: cp(headline.length),
      lang: a.lang,
      n_chars: cp(body.length),
      url: url || null,
      format: doc.format,
    },
    mentions: mentions.map((m) => ({
      article_id: id,
      entity_id: m.entityId,
      surface: m.surface,
      start: cp(m.start),
      end: cp(m.end),
      sentence: m.sentence,
      method: m.method,
    })),
    topics: topicHits.map((t) => ({ article_id: id, topic_id: t.topicId, score: t.score, hits: t.hits, evidence: t.evidence })),
    topicEvidence: topicHits.flatMap((t) =>
      t.occurrences.map((o) => ({
        article_id: id,
        topic_id: t.topicId,
        cue_id: o.cueId,
        start: cp(o.start),
        end: cp(o.end),
        sentence: o.sentence,
        surface: o.surface,
      })),
    ),
    visits: visits.map((v) => ({ visit_id: v.visitId, score: v.score })),
    visitFeatures: features,
    claims: claims.map((k) => ({ ...k, surface: body.slice(k.start, k.end), start: cp(k.start), end: cp(k.end) })),
    discovered,
    newOutlet,
    dedup: { exactKey: exactKey(words), minhash: sig, bands: bandKeys(sig) },
    search: searchTokensOf(title, body),
  };
}

/** processDoc, with an extractor's exception turned into an outcome: one document never stops a run. */
export function processSafely(doc: RawDoc, c: Compiled, manifest: ManifestEntry | null): ProcessOutcome {
  try {
    return processDoc(doc, c, manifest);
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** processSafely for a task: an HTML page is parsed first, and a page that gives no article is a reject. */
export function processTask(task: Task, c: Compiled): ProcessOutcome {
  if (task.kind === 'line') {
    const doc = docTask(task);
    return 'reject' in doc ? doc : processSafely(doc.doc, c, doc.manifest);
  }
  if (task.kind === 'doc') return processSafely(task.doc, c, task.manifest);
  const page = readPage(task);
  return 'doc' in page ? processSafely(page.doc, c, task.manifest) : page;
}
