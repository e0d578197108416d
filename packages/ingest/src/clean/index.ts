export { cleanText, type CleanInput, type CleanResult, type Removed, type RemovalReason } from './clean.ts';
export { matchKey } from './match.ts';
