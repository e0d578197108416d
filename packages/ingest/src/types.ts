/** Shapes passed between the stages of the pipeline: read → clean → analyse → extract → link → write. */

/** One input document as a reader produced it, before boilerplate removal. */
export interface RawDoc {
  /** Input path relative to the input root; `#N` appended for the N-th record (1-based) of a JSON/JSONL file. */
  source: string;
  format: 'txt' | 'html' | 'json';
  /** Headline; '' when the input has none. */
  title: string;
  /** Main text as extracted (paragraphs separated by blank lines), page noise still included. */
  text: string;
  url: string | null;
  /** Outlet as named by the input itself (a JSON field, an HTML meta tag), not yet resolved. */
  outletHint: string | null;
  /** Publication date as written in a field of the input (JSON field, HTML meta), not yet parsed. */
  dateHint: string | null;
  /** A visible dateline outside the extracted text (an HTML page's «تم نشره …» element), if any. */
  dateline?: string | null;
}

export type RejectReason =
  | 'empty'
  | 'not_text'
  | 'encoding'
  | 'too_large'
  | 'parse_error'
  | 'no_article'
  | 'unsupported'
  | 'read_error'
  /** A link found in an input folder that leads outside every input (never read). */
  | 'outside_input'
  /** A FIFO, socket or device (never opened). */
  | 'not_a_file'
  | 'internal_error'
  /** An HTML page nested too deep or holding too many elements to parse (see read/html.ts DOM_LIMITS). */
  | 'too_complex'
  /** Processing the document ran past the per-document deadline; its worker was stopped. */
  | 'timeout'
  /** The worker processing the document died (out of memory, a crash); it was replaced. */
  | 'worker_died';

export interface Reject {
  source: string;
  reason: RejectReason;
  detail: string;
}

export type ReadResult = { kind: 'doc'; doc: RawDoc } | { kind: 'reject'; reject: Reject };

/** A word, number or punctuation token of `body`; offsets are UTF-16 indices into body, end exclusive. */
export interface Token {
  start: number;
  end: number;
  /** The token as written in body. */
  text: string;
  /** The matching form (see text/normalize.ts), with no clitics removed. */
  norm: string;
  kind: 'arabic' | 'latin' | 'number' | 'punct';
}

/** body plus everything derived from it once, shared by all extractors. */
export interface AnalyzedText {
  body: string;
  tokens: Token[];
  /** Start offset of each sentence in body, ascending, first is 0. */
  sentenceStarts: number[];
  /** ISO 639-1 language of body (text/lang.ts): `ar`, `en`, `fr`, … */
  lang: string;
}

/** How a mention was found (contract v1.1 mentions.method). */
export type MentionMethod = 'gazetteer' | 'role' | 'tagger' | 'coref';

export interface MentionHit {
  entityId: string;
  method: MentionMethod;
  surface: string;
  start: number;
  end: number;
  sentence: number;
}

export interface TopicHit {
  topicId: string;
  score: number;
  hits: number;
  /** The distinct surfaces of `occurrences` (at most 12), in order. */
  evidence: string[];
  /** Every cue occurrence that counted (topic_evidence), offsets into body in UTF-16 units. */
  occurrences: TopicOccurrence[];
  /** The raw evidence behind the score, with ScoreOptions.all (calibration). */
  strength?: { s: number; lambda: number; cues: number; lead: boolean; sentences: number };
}

export interface TopicOccurrence {
  cueId: string;
  start: number;
  end: number;
  sentence: number;
  surface: string;
}
