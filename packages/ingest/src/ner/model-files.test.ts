import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEntities } from '@mirsad/model/config/entities';
import { compileGazetteer } from '../extract/gazetteer.ts';
import { ANT_CORPUS, CONFIG_DIR, hasAnt, skipNotice } from '../testing/shared.ts';
import { CLUSTER_CONFIG, parseClusters } from './clusters.ts';
import { parseNames } from './names.ts';
import { CLUSTERS_FILE, CLUSTERS_MANIFEST, NAMES_FILE } from './paths.ts';
import { type ClustersManifest, sampleNames } from './train-clusters.ts';
import { sha256 } from './training.ts';

// The committed word clusters and name lexicon are what `npm run train:clusters` writes with today's
// config, rules and gazetteer: the manifest it writes beside them says from what, and these checks
// are the cheap part of a rebuild (the full one takes minutes of CPU).
describe('the committed clusters and name lexicon', () => {
  const manifest = existsSync(CLUSTERS_MANIFEST) ? (JSON.parse(readFileSync(CLUSTERS_MANIFEST, 'utf8')) as ClustersManifest) : null;

  it('come with the manifest train:clusters writes beside them', () => {
    expect(manifest, `${CLUSTERS_MANIFEST} (npm run train:clusters writes it)`).not.toBeNull();
  });

  it('were made with the cluster config of clusters.ts (a change of it needs npm run train:clusters)', () => {
    expect(manifest?.config).toEqual(CLUSTER_CONFIG);
  });

  it('are the files the manifest describes (not written by another script)', () => {
    const clusters = readFileSync(CLUSTERS_FILE);
    const names = readFileSync(NAMES_FILE);
    expect(manifest?.clusters.sha256).toBe(sha256(clusters));
    expect(manifest?.names.sha256).toBe(sha256(names));
    expect(parseClusters(clusters).of.size).toBe(manifest?.clusters.words);
    expect(parseNames(names).size).toBe(manifest?.names.words);
  });

  it.skipIf(skipNotice('ANT corpus', hasAnt, ANT_CORPUS))('were made from ../shared/corpus/ant-news.jsonl.gz as it is', () => {
    expect(manifest?.corpus.sha256).toBe(sha256(readFileSync(ANT_CORPUS)));
  });

  it.skipIf(skipNotice('ANT corpus', hasAnt, ANT_CORPUS))(
    "give the name lexicon today's rules and gazetteer find in the corpus's first articles (a change of either needs npm run train:clusters names, then npm run train:ner)",
    async () => {
      const sample = manifest?.names.sample ?? { articles: 0, sha256: '' };
      expect(sample.articles).toBeGreaterThan(0);
      const g = compileGazetteer(loadEntities(CONFIG_DIR));
      expect(sha256(await sampleNames(sample.articles, g))).toBe(sample.sha256);
    },
  );
});
