/**
 * Acceptance of the boilerplate remover on the seed pages of ../shared (read there, never copied
 * here). What must go and what must stay is derived from each page at run time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../read/index.ts';
import { hasSeeds, SEEDS_DIR, skipNotice } from '../testing/shared.ts';
import type { RawDoc } from '../types.ts';
import { cleanText, type CleanResult } from './clean.ts';

interface Seed {
  doc: RawDoc;
  raw: string[];
  clean: CleanResult;
  paragraphs: string[];
}

/** Words that only the related-headline blocks of the seeds use; none belongs to an article. */
const FOREIGN = ['الأردن', 'إسبانيا', 'غزة', 'السعودية', 'السيسي', 'المصفاة', 'تكرير'];

/** A finished paragraph of Arabic prose: many words, ending like a sentence. */
function isProse(line: string): boolean {
  return line.split(/\s+/).length >= 12 && /[.!؟?]["”»)]?$/.test(line) && /[\u0621-\u064a]/.test(line);
}

describe.skipIf(skipNotice('seed pages', hasSeeds, SEEDS_DIR))('boilerplate removal on the seed pages', () => {
  const seeds = new Map<string, Seed>();
  const seed = (prefix: string): Seed => {
    const s = [...seeds.entries()].find(([k]) => k.startsWith(prefix))?.[1];
    if (s === undefined) throw new Error(`no seed ${prefix}`);
    return s;
  };

  beforeAll(async () => {
    for await (const r of readInputs([SEEDS_DIR])) {
      if (r.kind !== 'doc') throw new Error(`seed rejected: ${JSON.stringify(r.reject)}`);
      const raw = readFileSync(path.join(SEEDS_DIR, r.doc.source), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
      const clean = cleanText(r.doc);
      seeds.set(r.doc.source, { doc: r.doc, raw, clean, paragraphs: clean.body.split('\n\n') });
    }
  });

  it('reads five pages', () => {
    expect(seeds.size).toBe(5);
  });

  it('keeps every finished paragraph of every page, verbatim', () => {
    for (const { raw, paragraphs } of seeds.values()) {
      const prose = raw.filter((l) => isProse(l) && !FOREIGN.some((w) => l.includes(w)));
      expect(prose.length).toBeGreaterThan(5);
      for (const p of prose) expect(paragraphs).toContain(p);
    }
  });

  it('keeps the first paragraph of each page first among the prose', () => {
    for (const { raw, paragraphs } of seeds.values()) {
      const first = raw.find(isProse);
      expect(paragraphs.find(isProse)).toBe(first);
    }
  });

  it('leaves nothing of the related-headline blocks', () => {
    for (const { clean } of seeds.values()) {
      for (const w of FOREIGN) expect(clean.body).not.toContain(w);
    }
  });

  it('000: drops the publishing stamp, the headline copy and the block after «مواضيع ساخنة اخرى», keeps the wire credit', () => {
    const { raw, clean, doc, paragraphs } = seed('000');
    const marker = raw.findIndex((l) => l.startsWith('مواضيع ساخنة'));
    expect(marker).toBeGreaterThan(0);
    for (const l of raw.slice(marker)) expect(paragraphs).not.toContain(l);
    expect(paragraphs).not.toContain(doc.title);
    expect(paragraphs.some((p) => p.startsWith('تم نشره'))).toBe(false);
    expect(paragraphs[paragraphs.length - 1]).toBe('عربي 21');
    expect(clean.body.split('المدينة نيوز').length - 1).toBe(1);
  });

  it('001: drops shortcodes, share/comment/newsletter lines and the teaser; the lead appears once', () => {
    const { raw, clean, paragraphs } = seed('001');
    for (const chrome of ['wpcc-script', 'Share your love', 'Stay informed', 'Source:', 'اترك', 'لن يتم نشر', 'الحقول الإلزامية']) {
      expect(clean.body).not.toContain(chrome);
    }
    expect(paragraphs).not.toContain('شارك');
    const lead = raw.find(isProse) ?? '';
    const opening = lead.split(' ').slice(0, 6).join(' ');
    expect(clean.body.split(opening).length - 1).toBe(1);
    expect(paragraphs.filter((p) => /[A-Za-z]/.test(p))).toEqual([]);
  });

  it('002: drops the English photo caption, keeps the closing paragraph and the source credit', () => {
    const { raw, paragraphs } = seed('002');
    expect(paragraphs.some((p) => /Esper|Secretary/.test(p))).toBe(false);
    const shurkin = raw.find((l) => l.includes('شوركين'));
    expect(shurkin).toBeDefined();
    expect(paragraphs).toContain(shurkin);
    expect(paragraphs[paragraphs.length - 1]).toBe(raw[raw.length - 1]);
    expect(paragraphs[paragraphs.length - 1]).toMatch(/^المصدر/);
  });

  it('003: drops the dateline, the author line and the «موضوعات ذات صلة» / «اقرأ أيضا» block', () => {
    const { raw, clean, paragraphs } = seed('003');
    expect(clean.body).not.toContain('موضوعات ذات صلة');
    expect(clean.body).not.toContain('اقرأ أيضا');
    expect(paragraphs.some((p) => p.startsWith('كتب'))).toBe(false);
    expect(paragraphs.some((p) => /\d{1,2}:\d{2}/.test(p))).toBe(false);
    expect(paragraphs[0]).toBe(raw.find(isProse));
  });

  it('004: drops the site header and the footer menus, and finds the real headline', () => {
    const { raw, clean, doc, paragraphs } = seed('004');
    expect(doc.title).toBe(raw[0]); // the reader's guess: the first line, here the site's name
    expect(clean.title).not.toBe(doc.title);
    expect(clean.title).toMatch(/[\u0600-\u06ff]/);
    expect(raw).toContain(clean.title);
    for (const l of [raw[0], raw[1], raw[raw.length - 2], raw[raw.length - 1]]) expect(paragraphs).not.toContain(l);
    expect(paragraphs).not.toContain(clean.title);
    expect(clean.body).not.toContain('Analkhabar');
  });
});
