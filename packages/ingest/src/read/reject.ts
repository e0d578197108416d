/** The one way a reader turns an input that gives no article into a `rejects` row. */
import type { ReadResult, RejectReason } from '../types.ts';

export function rejected(source: string, reason: RejectReason, detail: string): ReadResult {
  return { kind: 'reject', reject: { source, reason, detail } };
}

/** The start of `s`, at most `max` characters and an ellipsis: how a reject's detail quotes its input. */
export function excerpt(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
