/** Where the committed model files live, and the training data beside the repository. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const MODEL_DIR = fileURLToPath(new URL('./model/', import.meta.url));
export const CLUSTERS_FILE = path.join(MODEL_DIR, 'clusters.tsv.gz');
export const NAMES_FILE = path.join(MODEL_DIR, 'names.tsv.gz');
export const MODEL_FILE = path.join(MODEL_DIR, 'tagger.bin.gz');
