/**
 * Hostile HTML of our own for the reliability tests: pages built to make a DOM parser hang or run
 * out of memory, and ordinary articles to ingest beside them. Everything is generated in memory;
 * writeMix puts a set in a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface HostilePage {
  /** File name, .html. */
  name: string;
  html: string;
  /** What the page does to a parser. */
  what: string;
}

const shell = (body: string) => `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>صفحة</title></head><body>${body}</body></html>`;
const TEXT = 'نص قصير داخل الصفحة';

/** The pages of issue 9: each takes linkedom + Readability minutes or forever, or gigabytes. */
export function domBombs(): HostilePage[] {
  return [
    { name: 'bomb-nested-b.html', html: shell(`${'<b>'.repeat(100_000)}${TEXT}${'</b>'.repeat(100_000)}`), what: '10^5 nested <b>' },
    { name: 'bomb-nested-div.html', html: shell(`${'<div>'.repeat(100_000)}${TEXT}`), what: '10^5 nested <div>, never closed' },
    { name: 'bomb-nested-tables.html', html: shell(`${'<table><tr><td>'.repeat(20_000)}${TEXT}`), what: '2·10^4 nested tables' },
    { name: 'bomb-million-p.html', html: shell('<p>ن'.repeat(1_000_000)), what: '10^6 <p>' },
  ];
}

/**
 * A page inside the limits that is still slow to parse: 36,000 elements 120 deep cost Readability
 * elements × depth (tens of seconds). Only the per-document deadline stops it.
 */
export function slowPage(): HostilePage {
  const chain = `${'<div>'.repeat(120)}${TEXT}${'</div>'.repeat(120)}`;
  return { name: 'slow-deep.html', html: shell(chain.repeat(300)), what: '300 chains of 120 nested <div>' };
}

const PLACES = ['الرباط', 'الجزائر', 'تونس', 'القاهرة', 'عمّان', 'بيروت', 'الدوحة', 'مسقط'];
const SUBJECTS = ['الطاقة', 'التجارة', 'التعليم', 'الصحة', 'النقل', 'المياه', 'الزراعة', 'السياحة'];

/** The text of the n-th good article: two paragraphs, different for every n. */
export function goodArticleText(n: number): { title: string; paragraphs: string[] } {
  const place = PLACES[n % PLACES.length] as string;
  const subject = SUBJECTS[Math.floor(n / PLACES.length) % SUBJECTS.length] as string;
  return {
    title: `وفد رسمي يزور ${place} لبحث ملف ${subject} (${n + 1})`,
    paragraphs: [
      `وصل وفد رسمي صباح اليوم إلى ${place} في زيارة تستمر ${n + 2} أيام، يبحث خلالها مع المسؤولين سبل التعاون في مجال ${subject}.`,
      `وقال رئيس الوفد في تصريح للصحفيين إن الجانبين سيوقعان ${n + 1} اتفاقيات جديدة، وإن اللجنة المشتركة ستجتمع مرة أخرى قبل نهاية العام.`,
    ],
  };
}

export function goodArticleHtml(n: number): string {
  const a = goodArticleText(n);
  return shell(`<header><nav><a href="/">الرئيسية</a></nav></header><article><h1>${a.title}</h1>${a.paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>`);
}

export function goodArticleTxt(n: number): string {
  const a = goodArticleText(n);
  return `${a.title}\n\n${a.paragraphs.join('\n\n')}\n`;
}

/** Writes files (name → content) into `dir`, creating it. */
export function writeMix(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}
