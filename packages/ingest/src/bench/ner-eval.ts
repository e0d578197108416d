/**
 * Entity detection figures for `npm run bench` (printed, never asserted), each with the rules alone
 * (gazetteer + roles, the pipeline before the tagger), with the tagger, and for the tagger's own
 * spans before findMentions keeps some of them, and the tagger's persons each filter of findMentions
 * refused (gold persons against the rest: what the filter costs in recall and saves in precision):
 *
 * - the dev part of ANERcorp's training file (its last 10% of sentences, which the tagger is not
 *   trained on; see ner/training.ts), exact span and type;
 * - AQMAR (Arabic Wikipedia, out of domain, never trained on), exact span and type, MIS* not scored;
 * - the seed pages: the config's gazetteer was written from them, so it finds their persons by
 *   construction. The fair question is how many of those person mentions the pipeline finds
 *   WITHOUT the gazetteer's persons (roles and tagger on their own, organisations and places kept):
 *   the reference is every person mention the full gazetteer finds, scored on exact span.
 *
 *   npx tsx packages/ingest/src/bench/ner-eval.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadEntities } from '@mirsad/model/config/entities';
import { cleanText } from '../clean/index.ts';
import { compileGazetteer, type Gazetteer } from '../extract/gazetteer.ts';
import { findMentions } from '../extract/mentions.ts';
import { parseTagged, type TaggedSentence } from '../ner/conll.ts';
import {
  formatMergeLosses,
  formatRejections,
  formatScore,
  mergeLosses,
  personRejections,
  pipelinePredictor,
  scoreDocuments,
  taggerPredictor,
  type DocumentPredictor,
} from '../ner/eval.ts';
import { defaultTagger, type Tagger } from '../ner/model.ts';
import { ANERCORP_TRAIN } from '../ner/train.ts';
import { splitDev, TRAIN_CONFIG } from '../ner/training.ts';
import { AQMAR_DIR, CONFIG_DIR, hasAqmar, hasSeeds, SEEDS_DIR } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';

function both(
  title: string,
  run: (predict: DocumentPredictor) => string,
  g: Gazetteer,
  tagger: Tagger | null,
  files: readonly (readonly TaggedSentence[])[],
): void {
  console.log(`\n${title}: gazetteer + roles (before the tagger)`);
  console.log(run(pipelinePredictor(g, null)));
  if (tagger) {
    console.log(`\n${title}: gazetteer + roles + tagger`);
    console.log(run(pipelinePredictor(g, tagger)));
    console.log(`\n${title}: the tagger's own spans (rules as its features; before findMentions's merge and person filters)`);
    console.log(run(taggerPredictor(g, tagger)));
    console.log(`\n${title}: the tagger's persons findMentions leaves out and publishes with no other span, per filter`);
    console.log(formatRejections(personRejections(files, g, tagger)));
    console.log(`\n${title}: where the pipeline parts from the tagger's own spans (exact span and type)`);
    console.log(formatMergeLosses(mergeLosses(files, g, tagger)));
  }
}

/** Person mentions of the seeds found without the gazetteer's persons, against those the full gazetteer finds. */
export function seedPersons(g: Gazetteer, tagger: Tagger | null): { reference: number; found: number; lines: string[] } {
  const withoutPersons = compileGazetteer([...g.entities.values()].filter((e) => e.type !== 'person'));
  let reference = 0;
  let found = 0;
  const lines: string[] = [];
  for (const file of readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const raw = readFileSync(path.join(SEEDS_DIR, file), 'utf8');
    const nl = raw.indexOf('\n');
    const { body } = cleanText({ title: raw.slice(0, nl).trim(), text: raw.slice(nl + 1), format: 'txt' });
    const a = analyze(body);
    const gold = findMentions(a, g, { tagger: null }).mentions.filter((m) => g.entities.get(m.entityId)?.type === 'person');
    const { mentions, discovered } = findMentions(a, withoutPersons, { tagger });
    const persons = new Set(discovered.filter((d) => d.type === 'person').map((d) => d.entity_id));
    const spans = new Set(mentions.filter((m) => persons.has(m.entityId)).map((m) => `${m.start}:${m.end}`));
    const hit = gold.filter((m) => spans.has(`${m.start}:${m.end}`)).length;
    reference += gold.length;
    found += hit;
    lines.push(`  ${file.slice(0, 3)}: ${hit}/${gold.length}`);
  }
  return { reference, found, lines };
}

export function main(): number {
  const g = compileGazetteer(loadEntities(CONFIG_DIR));
  const tagger = defaultTagger();
  if (!tagger) console.warn('[note] the tagger model is missing (packages/ingest/src/ner/model): rules only');
  if (existsSync(ANERCORP_TRAIN)) {
    const { dev } = splitDev(parseTagged(readFileSync(ANERCORP_TRAIN, 'utf8')), TRAIN_CONFIG.devFraction);
    both(`ANERcorp dev part (last ${TRAIN_CONFIG.devFraction * 100}% of train.txt)`, (predict) => formatScore(scoreDocuments([dev], predict)), g, tagger, [
      dev,
    ]);
  } else {
    console.warn(`[skip] ANERcorp dev figures: ${ANERCORP_TRAIN} is absent (../shared is there for developers and CI only).`);
  }
  if (hasAqmar) {
    const files = readdirSync(AQMAR_DIR)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const sentences = files.map((f) => parseTagged(readFileSync(path.join(AQMAR_DIR, f), 'utf8')));
    both(`AQMAR (${files.length} files)`, (predict) => formatScore(scoreDocuments(sentences, predict)), g, tagger, sentences);
  } else {
    console.warn(`[skip] AQMAR figures: ${AQMAR_DIR} is absent (../shared is there for developers and CI only).`);
  }
  if (hasSeeds) {
    for (const t of tagger ? [null, tagger] : [null]) {
      const s = seedPersons(g, t);
      console.log(
        `\nseed persons found without the gazetteer's persons (${t ? 'roles + tagger' : 'roles only'}): ${s.found}/${s.reference} mentions = ${((100 * s.found) / Math.max(1, s.reference)).toFixed(1)}% (exact span)`,
      );
      console.log(s.lines.join('\n'));
    }
  } else {
    console.warn(`[skip] seed figures: ${SEEDS_DIR} is absent (../shared is there for developers and CI only).`);
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
