/**
 * Config written for unit tests (testing/config/): the entities and context guards, outlets, topics
 * and visits the extractor tests exercise. Unit tests read it rather than data/config, so an analyst
 * editing the YAML there cannot break them; tests of the shipped config itself (@mirsad/model's
 * config tests, and the blocks that say so in extract/*.test.ts) read data/config on purpose.
 */
import { fileURLToPath } from 'node:url';

export const FIXTURE_CONFIG_DIR = fileURLToPath(new URL('./config/', import.meta.url));
