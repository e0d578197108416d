/**
 * What mirsad's throughput is compared with in the same run (issue 11): the reading floor (gunzip and
 * JSON.parse of every line on one core: no pipeline can beat it) and the regex peer (what a DuckDB user
 * would write instead: one regexp_extract_all over the gazetteer's aliases with their proclitic forms),
 * which is too slow for the whole corpus and is timed on a sample.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance, VARCHAR } from '@duckdb/node-api';
import type { EntityDef } from '@mirsad/model/config/entities';

export interface Rate {
  articles: number;
  seconds: number;
  cpuSeconds: number;
  perSecond: number;
}

function rate(articles: number, t0: number, cpu0: NodeJS.CpuUsage): Rate {
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { articles, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, perSecond: articles / seconds };
}

async function* jsonLines(file: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield line;
}

/** Gunzip and JSON.parse of every line of a .jsonl.gz, on this thread. */
export async function readingFloor(file: string): Promise<Rate> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  let chars = 0;
  for await (const line of jsonLines(file)) {
    const record = JSON.parse(line) as { text?: unknown };
    if (typeof record.text === 'string') chars += record.text.length;
    n++;
  }
  if (chars === 0 && n > 0) throw new Error(`${file}: no record has a text field`);
  return rate(n, t0, cpu0);
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The pattern a DuckDB user would write for the gazetteer: every alias as written, after an optional
 * conjunction, preposition and article, at a word start (RE2 has no lookbehind: a space or the start).
 */
export function regexPeerPattern(entities: readonly EntityDef[]): string {
  const aliases = [...new Set(entities.flatMap((e) => [e.name_ar, ...e.variants]).filter((a) => a.trim() !== ''))];
  // longest first, as alternation takes the first that matches
  aliases.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return `(?:^|\\s)(?:[وف]?[بكل]?(?:ال)?)(${aliases.map(escapeRegex).join('|')})`;
}

/** The regex peer over the first `sample` articles of a .jsonl.gz: loading them is not timed, the query is. */
export async function regexPeer(file: string, entities: readonly EntityDef[], sample: number): Promise<Rate & { matches: number }> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    await con.run('CREATE TABLE sample (body VARCHAR)');
    const appender = await con.createAppender('sample');
    let n = 0;
    for await (const line of jsonLines(file)) {
      const record = JSON.parse(line) as { title?: unknown; text?: unknown };
      if (typeof record.text !== 'string') continue;
      appender.appendVarchar(`${typeof record.title === 'string' ? record.title : ''}\n\n${record.text}`);
      appender.endRow();
      if (++n >= sample) break;
    }
    appender.closeSync();
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const reader = await con.runAndReadAll(
      'SELECT sum(len(regexp_extract_all(body, $pattern, 1)))::BIGINT AS matches FROM sample',
      {
        pattern: regexPeerPattern(entities),
      },
      { pattern: VARCHAR },
    );
    const matches = Number(reader.getRowObjects()[0]?.matches ?? 0);
    return { ...rate(n, t0, cpu0), matches };
  } finally {
    con.closeSync();
    db.closeSync();
  }
}
