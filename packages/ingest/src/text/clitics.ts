/**
 * Proclitics: و ف (conjunctions), ب ك ل (prepositions), ال (article), and their combinations
 * (وال بال لل فال وبال ولل …). Names carry them in running text — «وبلينكن», «للجزائر» — so a name
 * is matched on its stem and reported without them. Works on normalised words.
 */

export interface CliticSplit {
  /** Normalised characters to skip before the name's surface starts. */
  skip: number;
  /** The word without conjunction, preposition and article. */
  stem: string;
  /** The word carried the article (ال, or the ل of «لل» after the preposition ل). */
  definite: boolean;
}

const MIN_STEM = 2;

/**
 * Every way to read `word` as proclitics + stem, the unsplit word first, then by increasing prefix
 * length. `skip` leaves the article in the surface: «والجزائر» → skip 1 (و), surface «الجزائر».
 */
export function cliticSplits(word: string): readonly CliticSplit[] {
  const cached = CACHE.get(word);
  if (cached) return cached;
  const splits = computeSplits(word);
  // Words repeat across a corpus (Zipf): a bounded memo saves most of the work on every token.
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(word, splits);
  return splits;
}

const CACHE_LIMIT = 200_000;
const CACHE = new Map<string, readonly CliticSplit[]>();

function computeSplits(word: string): CliticSplit[] {
  const out: CliticSplit[] = [];
  const seen = new Set<string>();
  const add = (skip: number, stem: string, definite: boolean) => {
    if (stem.length < MIN_STEM) return;
    const key = `${skip}|${stem}|${definite}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ skip, stem, definite });
  };
  for (const conj of ['', 'و', 'ف']) {
    if (conj && !word.startsWith(conj)) continue;
    const afterConj = word.slice(conj.length);
    for (const prep of ['', 'ب', 'ك', 'ل']) {
      if (prep && !afterConj.startsWith(prep)) continue;
      const rest = afterConj.slice(prep.length);
      const skip = conj.length + prep.length;
      if (prep === 'ل' && rest.startsWith('ل')) {
        // ل + ال writes «لل»: the second lam is the article
        add(skip, rest.slice(1), true);
      }
      if (rest.startsWith('ال')) add(skip, rest.slice(2), true);
      add(skip, rest, false);
    }
  }
  out.sort((a, b) => a.skip - b.skip);
  return out;
}

/** The stem of a word whose only prefix is the article, for keys of names written with ال. */
export function withoutArticle(word: string): { stem: string; definite: boolean } {
  if (word.startsWith('ال') && word.length - 2 >= MIN_STEM) return { stem: word.slice(2), definite: true };
  return { stem: word, definite: false };
}
