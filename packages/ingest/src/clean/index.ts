export { cleanText } from './clean.ts';
