import { loadConfig } from '@mirsad/model/config';
import { compileTopics } from '../extract/topics.ts';
const dir = process.argv[2] ?? '/work/wt/topics/data/config';
const t = compileTopics(loadConfig(dir).topics) as any;
const n = (m: Map<string, unknown[]>) => [...m.values()].reduce((a, l) => a + l.length, 0);
console.log(dir, 'exact keys', t.exact.size, 'phrases', n(t.exact), 'stems', t.stems.size, n(t.stems), 'light', t.light?.size, t.light ? n(t.light) : 0, 'keyStarts', t.keyStarts.size, 'stemLengths', t.stemLengths.length, 'requirements', t.requirements?.length);
