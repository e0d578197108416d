/** The whole analyst-editable configuration (data/config/*.yaml), loaded and cross-checked once per run. */
import { existsSync, statSync } from 'node:fs';
import { cachedLoad } from './cache.ts';
import { ConfigError } from './node.ts';
import { loadEntities, type EntityDef } from './entities.ts';
import { loadOutlets, type OutletsConfig } from './outlets.ts';
import { loadTopics, type TopicDef } from './topics.ts';
import { loadVisits, type VisitDef } from './visits.ts';

export interface MirsadConfig {
  dir: string;
  entities: EntityDef[];
  topics: TopicDef[];
  visits: VisitDef[];
  outlets: OutletsConfig;
}

export function loadConfig(dir: string): MirsadConfig {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ConfigError(dir, 1, 1, '', 'config folder not found (it holds entities, topics, visits and outlets YAML)');
  }
  return cachedLoad(dir, () => {
    const entities = loadEntities(dir);
    const ids = new Set(entities.map((e) => e.id));
    return { dir, entities, topics: loadTopics(dir, ids), visits: loadVisits(dir, ids), outlets: loadOutlets(dir) };
  });
}

export type { EntityDef, OutletsConfig, TopicDef, VisitDef };
