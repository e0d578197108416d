/** Reading an HTML page on its own, without the config or the tagger: what a worker does with the first pages of a small run. */
import type { RawDoc, RejectReason } from '../types.ts';
import { htmlToResult } from './html.ts';

/** What reading an HTML page gives: the document processDoc takes, or the outcome of a page with none. */
export type PageOutcome = { doc: RawDoc } | { error: string } | { reject: { reason: RejectReason; detail: string } };

/**
 * The first half of processTask for an HTML page: parsing it, the part that a hostile page can make
 * run away (a worker does it, under a deadline, and the main thread may process the document).
 */
export function readPage(task: { html: string; source: string }): PageOutcome {
  try {
    const read = htmlToResult(task.html, task.source);
    if (read.kind === 'reject') return { reject: { reason: read.reject.reason, detail: read.reject.detail } };
    return { doc: read.doc };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
