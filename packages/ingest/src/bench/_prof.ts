import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { loadConfig } from '@mirsad/model/config';
import { compile } from '../process.ts';
import { findMentions } from '../extract/mentions.ts';
import { scoreTopics } from '../extract/topics.ts';
import { analyze } from '../text/index.ts';
import { ANT_CORPUS } from '../testing/shared.ts';
const c = compile(loadConfig('/work/wt/topics/data/config'));
const docs: string[] = [];
const lines = createInterface({ input: createReadStream(ANT_CORPUS).pipe(createGunzip()) });
for await (const l of lines) { docs.push((JSON.parse(l) as { text: string }).text); if (docs.length >= Number(process.env.DOCS ?? 4000)) break; }
const as = docs.map((d) => analyze(d));
const ms = as.map((a) => findMentions(a, c.gazetteer).mentions);
const best = { topics: Infinity, mentions: Infinity };
for (let round = 0; round < Number(process.env.ROUNDS ?? 6); round++) {
  let u0 = process.cpuUsage();
  for (let i = 0; i < as.length; i++) scoreTopics(as[i]!, c.topics, { mentionEntityIds: new Set(ms[i]!.map((m) => m.entityId)), mentions: ms[i]!, entityCountry: c.entityCountry });
  let u = process.cpuUsage(u0);
  best.topics = Math.min(best.topics, (u.user + u.system) / 1000);
  u0 = process.cpuUsage();
  for (let i = 0; i < as.length; i++) findMentions(as[i]!, c.gazetteer);
  u = process.cpuUsage(u0);
  best.mentions = Math.min(best.mentions, (u.user + u.system) / 1000);
}
console.log(`min CPU over 6 rounds: scoreTopics ${best.topics.toFixed(0)} ms, findMentions ${best.mentions.toFixed(0)} ms (4000 docs)`);
