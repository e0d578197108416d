/** Where the committed model files live, and the training data beside the repository. */
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';

// From the project root, not from this module's URL: the CLI runs as a bundle in dist/, where a
// module-relative ./model/ would point into dist/.
export const MODEL_DIR = path.join(PROJECT_ROOT, 'packages', 'ingest', 'src', 'ner', 'model');
export const CLUSTERS_FILE = path.join(MODEL_DIR, 'clusters.tsv.gz');
export const NAMES_FILE = path.join(MODEL_DIR, 'names.tsv.gz');
/** What train:clusters made clusters.tsv.gz and names.tsv.gz from (config, corpus digest, a names sample). */
export const CLUSTERS_MANIFEST = path.join(MODEL_DIR, 'clusters.manifest.json');
export const TAGGED_FILE = path.join(MODEL_DIR, 'tagged.tsv.gz');
export const MODEL_FILE = path.join(MODEL_DIR, 'tagger.bin.gz');
