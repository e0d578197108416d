/**
 * How often a word is written in the run, estimated from the tagger's word clusters
 * (ner/model/clusters.tsv.gz): its 100,000 words are listed most frequent first, learned from the
 * 41,661 ANT articles, and on them a word of rank r is found in some 1,000,000 / r articles (the
 * median over ranks 1,000 to 20,000 of rank × articles is 0.9–1.3 million). Scaled by the run's
 * articles, that is what entity resolution compares a discovered person's words against: a word
 * the corpus writes hundreds of times and the run's names almost never is a word of the sentence
 * glued onto a name (resolve/cluster.ts sentenceWordNames). Read once per run, on the main thread,
 * after the articles are processed: no cost per token.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CLUSTERS_FILE, CLUSTERS_MANIFEST } from '../ner/paths.ts';

/** A folded word's estimated articles in the run and its word cluster (of 1,024), or undefined when the clusters do not list it. */
export interface CorpusWords {
  articles(word: string): number | undefined;
  cluster(word: string): number | undefined;
  /** The estimated articles of a cluster's words, summed. */
  clusterArticles(cluster: number): number;
}

/** Articles a word of rank r is found in, times r, on the clusters' corpus. */
export const RANK_TIMES_ARTICLES = 1_000_000;

/**
 * Fewest articles in a run for the estimates to be read: below it a word is expected too few times
 * for its absence from names to say anything (and a small run pays nothing to load the clusters).
 */
export const MIN_RUN_ARTICLES = 2_000;

/** The run's word estimates, or null when the run is small or the model files are absent. */
export function loadCorpusWords(runArticles: number): CorpusWords | null {
  if (runArticles < MIN_RUN_ARTICLES || !existsSync(CLUSTERS_FILE) || !existsSync(CLUSTERS_MANIFEST)) return null;
  const manifest = JSON.parse(readFileSync(CLUSTERS_MANIFEST, 'utf8')) as { corpus?: { articles?: number } };
  const corpusArticles = manifest.corpus?.articles;
  if (!corpusArticles) return null;
  return corpusWordsFrom(gunzipSync(readFileSync(CLUSTERS_FILE)).toString('utf8'), runArticles / corpusArticles);
}

/**
 * The estimates from the clusters file's text («#clusters 256 1024 4096», then «word<TAB>c256<TAB>c1024<TAB>c4096»
 * lines, most frequent word first), times `scale` (the run's articles over the clusters' corpus's).
 */
export function corpusWordsFrom(text: string, scale: number): CorpusWords {
  const rank = new Map<string, number>();
  const cluster = new Map<string, number>();
  const sums = new Map<number, number>();
  const estimate = (k: number) => (RANK_TIMES_ARTICLES / k) * scale;
  let r = 0;
  let at = text.indexOf('\n') + 1;
  while (at > 0 && at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const t1 = text.indexOf('\t', at);
    const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
    if (t2 > 0 && t2 < end) {
      const t3 = text.indexOf('\t', t2 + 1);
      const word = text.slice(at, t1);
      const c = Number(text.slice(t2 + 1, t3 < 0 || t3 > end ? end : t3));
      rank.set(word, ++r);
      cluster.set(word, c);
      sums.set(c, (sums.get(c) ?? 0) + estimate(r));
    }
    at = end + 1;
  }
  return {
    articles: (w) => {
      const k = rank.get(w);
      return k === undefined ? undefined : estimate(k);
    },
    cluster: (w) => cluster.get(w),
    clusterArticles: (c) => sums.get(c) ?? 0,
  };
}
