/**
 * Config written for unit tests (testing/config/): a handful of entities, outlets, topics and two
 * visits. Unit tests read it rather than data/config, so an analyst editing the YAML there cannot
 * break them; tests of the shipped config itself live in @mirsad/model's config tests.
 */
import { fileURLToPath } from 'node:url';

export const FIXTURE_CONFIG_DIR = fileURLToPath(new URL('./config/', import.meta.url));
