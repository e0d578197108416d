/** Readers: input paths → RawDocs and Rejects, one at a time. */
export { readInputs, readInputItems, type ReadStats } from './read-inputs.ts';
