/** The file form of the tagger's word lexicons (names.tsv.gz, tagged.tsv.gz): a header line, then «word<TAB>code code…» lines sorted by word, gzipped. */
import { gunzipSync, gzipSync } from 'node:zlib';

export function serializeLexicon(lex: ReadonlyMap<string, readonly string[]>, header: string): Buffer {
  const lines = [header];
  for (const [w, codes] of [...lex].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) lines.push(`${w}\t${codes.join(' ')}`);
  return gzipSync(Buffer.from(lines.join('\n') + '\n', 'utf8'), { level: 9 });
}

/** Throws, naming `what`, when the file does not start with `header`. */
export function parseLexicon(gz: Uint8Array, header: string, what: string): Map<string, string[]> {
  const lines = gunzipSync(gz).toString('utf8').split('\n');
  if (lines[0] !== header) throw new Error(`not a ${what} (no «${header}» header)`);
  const out = new Map<string, string[]>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (!line) continue;
    const tab = line.indexOf('\t');
    out.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
  }
  return out;
}
