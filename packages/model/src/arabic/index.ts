/** Arabic text for matching: character sets, the one fold table, its named steps, and the keys names collide on. */
export * from './charsets.ts';
export { ALL_STEPS, Fold, FOLD_TABLE, MATCH_FOLD, type Folded, type FoldRule, type FoldStep } from './fold.ts';
export * from './normalize.ts';
export * from './keys.ts';
export * from './calendar.ts';
