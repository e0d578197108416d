/**
 * The keyword-search index each warehouse version holds beside its tables (`_search/`, not a contract
 * table): the words of every article's title and body in matching form (DuckDB's lower(), then the fold of
 * @mirsad/model/arabic as one translate()), each also under what follows its clitic prefixes
 * (searchTokensSql), one row per distinct (token, article, after_al). The files are sorted by token, so a query word is one
 * range of tokens and DuckDB reads only the row groups that can hold it. The ingest writer (also for
 * --append, merge and --resume) and the replicate bench write it; the dashboard's keyword search reads it
 * (view search_tokens) instead of scanning every body.
 */
import { foldChar } from './arabic/index.ts';
import { quoteLiteral } from './tables.ts';

/** Code units the fold maps to one other unit (from → to), and those it drops, over the ranges Arabic news uses. */
function foldMaps(): { from: string; to: string; drop: string } {
  let from = '';
  let to = '';
  let drop = '';
  const ranges: [number, number][] = [
    [0x0600, 0x08ff],
    [0x200b, 0x200f],
    [0x202a, 0x202e],
    [0x2060, 0x206f],
    [0xfb50, 0xfdff],
    [0xfe70, 0xfeff],
  ];
  for (const [lo, hi] of ranges) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCharCode(c);
      const f = foldChar(c);
      if (f === '') drop += ch;
      else if (f.length === 1 && f !== ch) {
        from += ch;
        to += f;
      }
    }
  }
  return { from, to, drop };
}

const MAPS = foldMaps();
/** translate(lower(text), FOLD_FROM, FOLD_TO) is the text in matching form (characters past FOLD_TO's end are dropped). */
export const FOLD_FROM = MAPS.from + MAPS.drop;
export const FOLD_TO = MAPS.to;

/** The folder of a version that holds the index, and the name its files start with. */
export const SEARCH_DIR = '_search';
export const SEARCH_FILE_PREFIX = 'tokens-';

/** Articles per index file a writer sorts at once (bounded memory; each file is sorted by token on its own). */
export const SEARCH_BATCH_ARTICLES = 65_536;

/** Rows per row group of an index file: the unit DuckDB skips or reads for a token range. */
export const SEARCH_ROW_GROUP = 16_384;

/** Clitic prefixes a query word may follow (dashboard lib/search.ts wordPattern): [وف]?[بكل]? then ال, لل or nothing. */
export const CLITIC_PREFIXES: readonly string[] = [
  ...new Set(['', 'و', 'ف'].flatMap((a) => ['', 'ب', 'ك', 'ل'].flatMap((b) => ['', 'ال', 'لل'].map((al) => a + b + al)))),
];

/**
 * The index rows of the articles `from` selects (a table, a read_parquet() call or a parenthesised
 * SELECT with article_id, title and body), sorted by token then article. Each word of the text (a
 * maximal run of letters and digits in matching form) is indexed under itself and under what follows
 * each clitic prefix it starts with (CLITIC_PREFIXES, at most 4 letters: «وبالجزائر» under «وبالجزائر»,
 * «بالجزائر», «الجزائر», «جزائر»), `after_al` telling that the prefix ended in ال or لل. One row per
 * distinct (token, article, after_al). A query word is then one range of tokens: those that start with it.
 * The words are made distinct within each article (lists), so that the one operation over all the rows
 * is the sort, which spills to disk within the memory limit (a DISTINCT over a million articles' words
 * did not).
 */
export function searchTokensSql(from: string): string {
  const prefixes = `[${CLITIC_PREFIXES.map(quoteLiteral).join(', ')}]`;
  const folded = `translate(lower(title || ' ' || body), ${quoteLiteral(FOLD_FROM)}, ${quoteLiteral(FOLD_TO)})`;
  const cuts = `list_transform(list_filter(range(0, 5), i -> length(w) > i AND list_contains(${prefixes}, left(w, i::BIGINT))),
      i -> {'token': substr(w, i + 1), 'after_al': i > 0 AND (suffix(left(w, i::BIGINT), 'ال') OR suffix(left(w, i::BIGINT), 'لل'))})`;
  return `SELECT x.token, article_id, x.after_al FROM (
  SELECT article_id, unnest(list_distinct(flatten(list_transform(list_distinct(regexp_split_to_array(${folded}, '[^\\pL\\pN]+')), w -> ${cuts})))) AS x
  FROM ${from}
)
ORDER BY x.token, article_id, x.after_al`;
}

/** The COPY options of an index file. */
export const SEARCH_COPY_OPTIONS = `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${SEARCH_ROW_GROUP})`;

/** An index file's name: `tokens-000000.parquet`, … (readers take every file of the folder). */
export const searchFileName = (n: number): string => `${SEARCH_FILE_PREFIX}${String(n).padStart(6, '0')}.parquet`;
