import type { AnalyzedText } from '../types.ts';
import { sentenceStarts } from './sentences.ts';
import { tokenize } from './tokenize.ts';
import { detectLang } from './lang.ts';

export * from './normalize.ts';
export * from './tokenize.ts';
export * from './sentences.ts';
export * from './clitics.ts';
export * from './codepoints.ts';
export * from './latin.ts';
export * from './lang.ts';

/** Everything the extractors share, computed once per article. */
export function analyze(body: string): AnalyzedText {
  const tokens = tokenize(body);
  return { body, tokens, sentenceStarts: sentenceStarts(body), lang: detectLang(body, tokens) };
}
export * from './hash.ts';
