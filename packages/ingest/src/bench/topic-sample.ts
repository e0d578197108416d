/**
 * Topic candidates for judging and calibration: reads every `step`-th record of a JSONL corpus (the
 * ANT corpus by default), scores its topics with the thresholds off (ScoreOptions.all), and writes
 * one JSON line per (article, topic) with the raw evidence S, the length factor λ, the number of
 * distinct cues, the calibrated score and whether the default threshold keeps it, the headline and
 * the sentences that hold the evidence. The output quotes the corpus: write it outside the repo.
 *
 *   node packages/ingest/bin/topic-sample.mjs [corpus.jsonl.gz] [step] [sources.txt] > /tmp/candidates.jsonl
 * With sources.txt (one `ant-news.jsonl.gz#N` a line), only those records are scored.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '@mirsad/model/config';
import { cleanText } from '../clean/index.ts';
import { findMentions } from '../extract/mentions.ts';
import { scoreTopics } from '../extract/topics.ts';
import { compile } from '../process.ts';
import { DEFAULT_CONFIG } from '../paths.ts';
import { headlineLine } from '../read/headline.ts';
import { readInputs } from '../read/read-inputs.ts';
import { ANT_CORPUS } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';

export async function main(args: string[]): Promise<number> {
  const corpus = args[0] || ANT_CORPUS;
  const step = Number(args[1] || 1);
  const only = args[2] ? new Set(readFileSync(args[2], 'utf8').split('\n').filter(Boolean)) : null;
  const c = compile(loadConfig(DEFAULT_CONFIG));
  let n = 0;
  for await (const r of readInputs([corpus])) {
    if (!('doc' in r) || !r.doc) continue;
    if (only ? !only.has(r.doc.source) : n++ % step !== 0) continue;
    const doc = r.doc;
    const cleaned = cleanText({ title: doc.title, text: doc.text, format: doc.format });
    if (cleaned.body.trim().length === 0) continue;
    const headline = headlineLine(cleaned.title);
    const body = headline ? `${headline}\n\n${cleaned.body}` : cleaned.body;
    const a = analyze(body);
    const { mentions } = findMentions(a, c.gazetteer);
    const ids = new Set(mentions.map((m) => m.entityId));
    const kept = new Set(scoreTopics(a, c.topics, { mentionEntityIds: ids, mentions, entityCountry: c.entityCountry }).map((h) => h.topicId));
    for (const h of scoreTopics(a, c.topics, { mentionEntityIds: ids, mentions, entityCountry: c.entityCountry }, { all: true })) {
      const sentences = [...new Set(h.occurrences.map((o) => o.sentence))].slice(0, 3);
      const text = sentences.map((s) =>
        body
          .slice(a.sentenceStarts[s], a.sentenceStarts[s + 1] ?? body.length)
          .trim()
          .slice(0, 300),
      );
      process.stdout.write(
        `${JSON.stringify({
          source: doc.source,
          topic: h.topicId,
          s: Math.round((h.strength?.s ?? 0) * 1000) / 1000,
          lambda: Math.round((h.strength?.lambda ?? 1) * 1000) / 1000,
          cues: h.strength?.cues,
          lead: h.strength?.lead,
          sentences: h.strength?.sentences,
          n_sentences: a.sentenceStarts.length,
          hits: h.hits,
          score: h.score,
          kept: kept.has(h.topicId),
          headline: headline.slice(0, 160),
          evidence: h.evidence,
          text,
        })}\n`,
      );
    }
  }
  return 0;
}
