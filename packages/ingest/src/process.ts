/**
 * One document in, the rows it contributes out. Pure: no files, no DuckDB; the compiled config is
 * passed in, so this is what the unit tests and the pipeline share.
 */
import { createHash } from 'node:crypto';
import type { EntityDef } from '@mirsad/model/config/entities';
import type { VisitDef } from '@mirsad/model/config/visits';
import type { ArticleRow, MentionRow, OutletRow, TopicRow } from '@mirsad/model';
import { cleanText } from './clean/index.ts';
import { findDateClues, findTextDate, findUrlDate, inferPublicationDate, parseRecordDate } from './extract/dates.ts';
import { compileGazetteer, type Gazetteer } from './extract/gazetteer.ts';
import { findMentions, type DiscoveredEntity } from './extract/mentions.ts';
import { compileOutlets, detectOutlet, type CompiledOutlets } from './extract/outlets.ts';
import { compileTopics, scoreTopics, type CompiledTopics } from './extract/topics.ts';
import { bandKeys, exactKey, shingleSignature, wordsOfTokens } from './link/duplicates.ts';
import { scoreVisits } from './link/visits.ts';
import { deriveTitle, headlineLine } from './read/headline.ts';
import type { ManifestEntry } from './read/manifest.ts';
import { analyze, codePointIndexer, sentenceAt } from './text/index.ts';
import type { RawDoc } from './types.ts';
import type { MirsadConfig } from '@mirsad/model/config';

export interface Compiled {
  config: MirsadConfig;
  gazetteer: Gazetteer;
  topics: CompiledTopics;
  outlets: CompiledOutlets;
  visits: readonly VisitDef[];
  entityCountry: (entityId: string) => string | null;
}

export function compile(config: MirsadConfig): Compiled {
  const byId = new Map<string, EntityDef>(config.entities.map((e) => [e.id, e]));
  return {
    config,
    gazetteer: compileGazetteer(config.entities),
    topics: compileTopics(config.topics),
    outlets: compileOutlets(config.outlets),
    visits: config.visits,
    entityCountry: (id) => byId.get(id)?.country ?? null,
  };
}

export interface ProcessedDoc {
  article: Omit<ArticleRow, 'duplicate_of'>;
  mentions: MentionRow[];
  topics: TopicRow[];
  visits: { visit_id: string; score: number }[];
  discovered: DiscoveredEntity[];
  /** An outlet first seen in this document (named by the manifest or a record field, not in config). */
  newOutlet: OutletRow | null;
  dedup: { exactKey: string; minhash: number[]; bands: string[] };
}

/** What processing one document gives: its rows, or why it gave none. */
export type ProcessOutcome = ProcessedDoc | { empty: string } | { error: string };

export function articleId(title: string, body: string): string {
  return createHash('sha256').update(title).update('\n').update(body).digest('hex').slice(0, 16);
}

export function processDoc(doc: RawDoc, c: Compiled, manifest: ManifestEntry | null): ProcessedDoc | { empty: string } {
  // the cleaner may replace a .txt page's first line when it was the site's name, not the headline
  const cleaned = cleanText({ title: doc.title, text: doc.text, format: doc.format });
  if (cleaned.body.trim().length === 0) return { empty: 'no text left after removing page boilerplate' };
  // The headline is the article's first paragraph (contract v1.1): every extractor reads it.
  const headline = headlineLine(cleaned.title);
  const body = headline ? `${headline}\n\n${cleaned.body}` : cleaned.body;
  const title = headline || deriveTitle(cleaned.body);
  const a = analyze(body);
  const { mentions, discovered } = findMentions(a, c.gazetteer);
  const mentionIds = new Set(mentions.map((m) => m.entityId));
  const topicHits = scoreTopics(a, c.topics, { mentionEntityIds: mentionIds });

  // Outlet: the manifest, then a field of the record, then a byline or credit in the text, then the URL.
  const url = manifest?.url || doc.url;
  const manifestName = manifest ? manifest.outlet_en || manifest.outlet_ar : null;
  const outlet = detectOutlet(
    { text: manifestName ? '' : doc.text, body, outletHint: manifestName || doc.outletHint, url: manifestName ? null : url },
    c.outlets,
  );
  let newOutlet: OutletRow | null = null;
  if (outlet?.created) {
    newOutlet = {
      outlet_id: outlet.outletId,
      name_ar: manifest?.outlet_ar || outlet.name,
      name_en: manifest?.outlet_en || outlet.name,
      domain: outlet.domain ?? null,
      country: null,
      origin: manifestName ? 'manifest' : 'record',
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
  let visits = scoreVisits({ mentions, entityCountry: c.entityCountry, publishedDate: date, dateSource, lead }, c.visits);
  if (!date && visits.length > 0) {
    // The days the text names («أمس الخميس», «غدا الأربعاء»), with the tense of their sentences, dated
    // against the visit the text is about. The headline is not read for them: headlines use the
    // present tense for what has happened.
    const best = c.visits.find((v) => v.id === visits[0]?.visitId);
    const inferred = best ? inferPublicationDate({ clues: findDateClues(doc.text), visitWindow: { start: best.start_date, end: best.end_date } }) : null;
    if (inferred) {
      [date, dateSource] = [inferred.date, 'inferred'];
      visits = scoreVisits({ mentions, entityCountry: c.entityCountry, publishedDate: date, dateSource, lead }, c.visits);
    }
  }

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
      lang: 'ar',
      n_chars: cp(body.length),
      url: url || null,
      format: doc.format,
    },
    mentions: mentions.map((m) => ({ article_id: id, entity_id: m.entityId, surface: m.surface, start: cp(m.start), end: cp(m.end), sentence: m.sentence, method: m.method })),
    topics: topicHits.map((t) => ({ article_id: id, topic_id: t.topicId, score: t.score, hits: t.hits, evidence: t.evidence })),
    visits: visits.map((v) => ({ visit_id: v.visitId, score: v.score })),
    discovered,
    newOutlet,
    dedup: { exactKey: exactKey(words), minhash: Array.from(sig), bands: bandKeys(sig) },
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

