/**
 * A lexicon of the words persons' names are made of, gathered without labels from running text:
 * the rules (gazetteer persons, and persons introduced by a title: «الرئيس …», «وزير الدفاع …»)
 * are run over a corpus, and each word of each person they find is counted by its place in the
 * name (first, middle, last, alone), against how often the word occurs at all. The tagger then
 * knows «ميناوي» or «أبيدجان» as name words although ANERcorp never shows them: distant
 * supervision from the rules, which are precise but miss most mentions.
 */
import type { Gazetteer } from '../extract/gazetteer.ts';
import { findMentions } from '../extract/mentions.ts';
import type { AnalyzedText, Token } from '../types.ts';
import { parseLexicon, serializeLexicon } from './lexicon-file.ts';

const PLACES = ['first', 'mid', 'last', 'one'] as const;

/** Word → a code per place with at least MIN_COUNT uses there: «first:2» (bucket of its share of the word's uses). */
export type NameLexicon = ReadonlyMap<string, readonly string[]>;

const MIN_COUNT = 2;

export class NameCounter {
  private readonly total = new Map<string, number>();
  private readonly places = new Map<string, Int32Array>();

  /** Counts the words of one article and of the persons the rules find in it. */
  add(a: AnalyzedText, g: Gazetteer): void {
    for (const t of a.tokens) if (t.kind === 'arabic' || t.kind === 'latin') this.total.set(t.norm, (this.total.get(t.norm) ?? 0) + 1);
    const { mentions, discovered } = findMentions(a, g, { tagger: null });
    const persons = new Set(discovered.filter((d) => d.type === 'person').map((d) => d.entity_id));
    let k = 0;
    for (const m of mentions) {
      if (m.method === 'coref' || !(persons.has(m.entityId) || g.entities.get(m.entityId)?.type === 'person')) continue;
      while (k < a.tokens.length && (a.tokens[k] as Token).end <= m.start) k++;
      const words: string[] = [];
      for (let j = k; j < a.tokens.length && (a.tokens[j] as Token).start < m.end; j++) {
        const t = a.tokens[j] as Token;
        if (t.kind === 'arabic' || t.kind === 'latin') words.push(t.norm);
      }
      words.forEach((w, i) => {
        const place = words.length === 1 ? 3 : i === 0 ? 0 : i === words.length - 1 ? 2 : 1;
        let c = this.places.get(w);
        if (!c) this.places.set(w, (c = new Int32Array(PLACES.length)));
        c[place]! += 1;
      });
    }
  }

  lexicon(): NameLexicon {
    const out = new Map<string, string[]>();
    const words = [...this.places.keys()].sort();
    for (const w of words) {
      const c = this.places.get(w) as Int32Array;
      const total = Math.max(this.total.get(w) ?? 0, 1);
      const codes: string[] = [];
      PLACES.forEach((p, i) => {
        const n = c[i] as number;
        if (n >= MIN_COUNT) codes.push(`${p}:${shareBucket(n / total)}`);
      });
      if (codes.length > 0) out.set(w, codes);
    }
    return out;
  }
}

function shareBucket(share: number): number {
  return share >= 0.5 ? 3 : share >= 0.1 ? 2 : share >= 0.01 ? 1 : 0;
}

/** gzip of «word<TAB>code code…» lines, sorted by word. */
export function serializeNames(lex: NameLexicon): Buffer {
  return serializeLexicon(lex, '#names 1');
}

export function parseNames(gz: Uint8Array): NameLexicon {
  return parseLexicon(gz, '#names 1', 'name lexicon');
}
