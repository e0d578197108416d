import { describe, expect, it } from 'vitest';
import { loadConfig } from '@mirsad/model/config';
import { compile, processTask, type ProcessedDoc, type Task } from './process.ts';
import { renameStaged, toStaged, type StagedDoc } from './staging.ts';
import { FIXTURE_CONFIG_DIR } from './testing/fixtures.ts';
import { STAGE_ARTICLE_COLUMNS } from './warehouse/staged-rows.ts';

const compiled = compile(loadConfig(FIXTURE_CONFIG_DIR));

const task: Task = {
  kind: 'doc',
  source: 'doc-1.txt',
  manifest: null,
  doc: {
    source: 'doc-1.txt',
    format: 'txt',
    title: 'بوريطة يستقبل بلينكن',
    text: 'الرباط - استقبل وزير الخارجية ناصر بوريطة اليوم الخميس نظيره الأمريكي أنتوني بلينكن في مقر الوزارة، وتناول اللقاء التعاون الأمني.',
    url: null,
    outletHint: null,
    dateHint: null,
  },
};

function processed(): ProcessedDoc {
  const p = processTask(task, compiled);
  if (!('article' in p)) throw new Error('the fixture is an article');
  // a claim, so that the id in its payload is renamed too
  return {
    ...p,
    claims: [{ visitor: 'e1', visitorCountry: 'US', host: 'MA', place: null, hostPersons: [], surface: 'زيارة' } as unknown as ProcessedDoc['claims'][number]],
  };
}

const staged = (p: ProcessedDoc, utf8 = false): StagedDoc => {
  const o = toStaged(p, compiled, task, { utf8 });
  if (!('staged' in o)) throw new Error('staged an article');
  return o.staged;
};

describe('staged rows', () => {
  it('give a repeat under its own id the rows the article renamed before staging gives, base_id kept', () => {
    const p = processed();
    const id = 'ffffffffffffffff';
    const renamed = staged(p);
    renameStaged(renamed, id);
    const ren = <T extends { article_id: string }>(rows: T[]) => rows.map((r) => ({ ...r, article_id: id }));
    const expected = staged({
      ...p,
      article: { ...p.article, article_id: id },
      mentions: ren(p.mentions),
      topics: ren(p.topics),
      topicEvidence: ren(p.topicEvidence),
    });
    expected.article[STAGE_ARTICLE_COLUMNS.indexOf('base_id')] = p.article.article_id;
    expect(p.mentions.length).toBeGreaterThan(0);
    expect(renamed.rows.state_items[0]).toContain('claim');
    expect({ article: renamed.article, search: renamed.search, rows: renamed.rows }).toEqual({
      article: expected.article,
      search: expected.search,
      rows: expected.rows,
    });
    expect(renamed.rows.state_items[4]?.find((payload) => String(payload).includes(id))).toBeDefined();
  });

  it('are the same rows whether the long strings are given as UTF-8 (a worker) or as strings', () => {
    const p = processed();
    const asText = (d: StagedDoc) =>
      JSON.parse(JSON.stringify(d, (_, v: unknown) => (v instanceof Uint8Array && !(v instanceof Uint32Array) ? new TextDecoder().decode(v) : v))) as unknown;
    const bytes = staged(p, true);
    expect(bytes.article[STAGE_ARTICLE_COLUMNS.indexOf('body')]).toBeInstanceOf(Uint8Array);
    expect(asText(bytes)).toEqual(asText(staged(p)));
  });
});
