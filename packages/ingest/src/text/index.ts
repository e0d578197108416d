import type { AnalyzedText } from '../types.ts';
import { sentenceStarts } from './sentences.ts';
import { tokenize } from './tokenize.ts';

export * from './normalize.ts';
export * from './tokenize.ts';
export * from './sentences.ts';
export * from './clitics.ts';
export * from './codepoints.ts';

/** Everything the extractors share, computed once per article. */
export function analyze(body: string): AnalyzedText {
  return { body, tokens: tokenize(body), sentenceStarts: sentenceStarts(body) };
}
export * from './hash.ts';
