/** Rows the writer and publication tests hand to WarehouseWriter: a minimal article and the pipeline's duplicate step. */
import { markDuplicates } from '../link/duplicate-groups.ts';
import type { DuplicateStep } from '../warehouse/writer.ts';

/** The pipeline's duplicate step (the writer runs what it is given). */
export const DUPLICATE_STEP: DuplicateStep = (c, into) => markDuplicates(c, { threshold: 0.8 }, 'stage_articles', into);

/** appendArticle's two arguments for a small article `id` at input position `seq`. */
export function articleRow(id: string, seq: number, date: string | null, exactKey: string, minhash: number[], bands: string[]) {
  return [
    {
      article_id: id,
      source: `${id}.txt`,
      outlet_id: null,
      title: `t-${id}`,
      published_date: date,
      date_source: date ? 'record' : null,
      body: 'نص',
      headline_chars: 0,
      lang: 'ar',
      n_chars: 2,
      url: null,
      format: 'txt',
    },
    { seq, exactKey, minhash, bands },
  ] as const;
}
