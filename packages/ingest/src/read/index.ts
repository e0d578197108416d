/** Readers: input paths → RawDocs and Rejects, one at a time; and the optional manifest. */
export {
  readInputs,
  readInputItems,
  newReadStats,
  fileKind,
  DEFAULT_MAX_DOC_BYTES,
  DEFAULT_MAX_JSON_BYTES,
  DEFAULT_MAX_INFLATE_RATIO,
  DEFAULT_MAX_INFLATED_BYTES,
  type ReadOptions,
  type ReadStats,
  type ReadItem,
  type HtmlPage,
} from './read-inputs.ts';
export { loadManifest, type Manifest, type ManifestEntry } from './manifest.ts';
