/**
 * `npm run bench -- tagger`: what the statistical tagger costs per article on the ANT corpus. The
 * first N articles are cleaned and analysed once; findMentions then runs over all of them without
 * the tagger, with it (first with an empty word cache, as a run starts, then with the cache
 * filled by that pass), and without it again (wall and CPU time each), so the difference is the
 * tagger's own cost on one thread.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { loadEntities } from '@mirsad/model/config/entities';
import { cleanText } from '../clean/index.ts';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { findMentions } from '../extract/mentions.ts';
import { defaultTagger, type Tagger } from '../ner/model.ts';
import { ANT_CORPUS, CONFIG_DIR, hasAnt } from '../testing/shared.ts';
import { analyze } from '../text/index.ts';
import type { AnalyzedText } from '../types.ts';

/** The first `articles` ANT records, cleaned and analysed as the pipeline does (headline, blank line, body); none without ../shared. */
export async function antDocuments(articles: number): Promise<AnalyzedText[]> {
  const docs: AnalyzedText[] = [];
  if (!hasAnt) return docs;
  const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const rec = JSON.parse(line) as { title?: string; text?: string };
    const { title, body } = cleanText({ title: rec.title ?? '', text: rec.text ?? '', format: 'json' });
    docs.push(analyze(title ? `${title}\n\n${body}` : body));
    if (docs.length >= articles) break;
  }
  lines.close();
  return docs;
}

export async function main(articles = 5000): Promise<number> {
  if (!hasAnt) {
    console.warn(`[skip] tagger benchmark: ${ANT_CORPUS} is absent (../shared is there for developers and CI only).`);
    return 0;
  }
  const docs = await antDocuments(articles);
  const g = compileGazetteer(loadEntities(CONFIG_DIR));
  const tagger = defaultTagger();
  if (!tagger) {
    console.warn('[skip] tagger benchmark: the model is missing');
    return 0;
  }
  const tokens = docs.reduce((n, a) => n + a.tokens.length, 0);
  const run = (t: Tagger | null) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const found = docs.map((a) => findMentions(a, g, { tagger: t }));
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const digest = createHash('sha256');
    for (const f of found) digest.update(JSON.stringify(f));
    const mentions = found.reduce((n, f) => n + f.mentions.length, 0);
    return { wall, cpu: (cpu.user + cpu.system) / 1000, mentions, digest: digest.digest('hex').slice(0, 12) };
  };
  run(null); // warm-up: the JIT
  // a fresh word cache, as a run starts: each word type's weights are summed once, at its first use
  const fresh = tagger.fresh();
  const cold = run(fresh);
  const off1 = run(null);
  // the same tagger again: its cache now holds the words of these articles (as far as its size allows)
  const on = run(fresh);
  const off2 = run(null);
  const per = (ms: number) => (ms / docs.length).toFixed(3);
  console.log(`tagger benchmark: ${docs.length} ANT articles, ${tokens} tokens (${(tokens / docs.length).toFixed(0)} a article)`);
  for (const [name, r] of [
    ['findMentions without the tagger', off1],
    ['findMentions with the tagger, its word cache cold', cold],
    ['findMentions with the tagger, its word cache warm', on],
    ['findMentions without the tagger (again)', off2],
  ] as const) {
    console.log(`  ${name}: ${per(r.wall)} ms/article wall, ${per(r.cpu)} ms/article CPU, ${r.mentions} mentions (digest ${r.digest})`);
  }
  const base = (off1.cpu + off2.cpu) / 2;
  console.log(
    `  the tagger's own cost: ${per(cold.cpu - base)} ms/article CPU with a cold word cache (what a run pays: a corpus keeps bringing new words), ${per(on.cpu - base)} warm (${(((on.cpu - base) / tokens) * 1e6).toFixed(0)} ns a token)`,
  );
  return 0;
}
