/**
 * An .html page → RawDoc: the page's own metadata (Open Graph, JSON-LD, canonical link, <time>)
 * for the hints, @mozilla/readability over a linkedom DOM for the article, and a block-aware
 * walk of readability's output for plain text with paragraphs.
 */
import { createRequire } from 'node:module';
import type { Readability as ReadabilityClass } from '@mozilla/readability';
import { Parser } from 'htmlparser2';
import type { parseHTML as ParseHtml } from 'linkedom';
import type { ReadResult } from '../types.ts';
import { excerpt, rejected } from './reject.ts';

// The DOM and Readability load on the first HTML page: a run of JSON or text never needs them, and
// they are a good part of the CLI's start-up.
const requireCjs = createRequire(import.meta.url);
let dom: { parseHTML: typeof ParseHtml; Readability: typeof ReadabilityClass } | null = null;
const domLibraries = () =>
  (dom ??= {
    parseHTML: (requireCjs('linkedom') as { parseHTML: typeof ParseHtml }).parseHTML,
    Readability: (requireCjs('@mozilla/readability') as { Readability: typeof ReadabilityClass }).Readability,
  });

/** Fewer letters than this in the extracted article and the page has no article. */
const MIN_ARTICLE_LETTERS = 40;

/** Never article text; removed before readability scores the page. */
const JUNK = [
  'script',
  'style',
  'noscript',
  'template',
  'nav',
  'aside',
  'form',
  'iframe',
  'svg',
  'button',
  'select',
  'textarea',
  '[role="navigation"]',
  '[role="complementary"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[aria-hidden="true"]',
].join(',');

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'hr',
  'address',
  'details',
  'summary',
  'fieldset',
  'center',
  'body',
  'html',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'select', 'textarea', 'object', 'canvas', 'math', 'head']);

// The few DOM members used here. The project compiles without the DOM library, and linkedom's
// own declarations are loose, so these say what is relied on.
interface DomNode {
  nodeType: number;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
}
interface DomText extends DomNode {
  data: string;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  closest(selectors: string): DomElement | null;
  remove(): void;
}
interface DomDocument {
  body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

interface PageMeta {
  title: string | null;
  siteName: string | null;
  date: string | null;
  url: string | null;
}

export function htmlToResult(html: string, source: string, limits: DomLimits = DOM_LIMITS): ReadResult {
  if (html.trim() === '') return rejected(source, 'empty', 'only white space');
  const tooComplex = domComplexity(html, limits);
  if (tooComplex !== null) return rejected(source, 'too_complex', tooComplex);
  const { parseHTML, Readability } = domLibraries();
  const document = parseHTML(html).document as unknown as DomDocument;
  const meta = pageMeta(document);
  const dateline = visibleDateline(document);

  for (const el of Array.from(document.querySelectorAll(JUNK))) el.remove();
  for (const el of Array.from(document.querySelectorAll('header, footer'))) if (!el.closest('article')) el.remove();

  // Readability edits the document, so the page's own article element is read first: on short
  // articles Readability sometimes settles on a nearby meta block instead (then the page's markup wins).
  const semantic = document.querySelector('[itemprop="articleBody"]') ?? document.querySelector('article') ?? document.querySelector('main');
  const semanticText = semantic ? blockText(semantic) : '';

  let article: ReturnType<ReadabilityClass<DomNode>['parse']>;
  try {
    article = new Readability<DomNode>(document, { serializer: (node) => node as DomNode }).parse();
  } catch {
    article = null; // readability gives up on some malformed pages; fall back to the body text
  }
  const root = article?.content ?? document.body;
  const extracted = root ? blockText(root) : '';
  const text = letterCount(extracted) * 2 < letterCount(semanticText) ? semanticText : extracted;
  const letters = letterCount(text);
  if (letters < MIN_ARTICLE_LETTERS) {
    return rejected(source, 'no_article', `no article text (${letters} letters of content)`);
  }
  const siteName = meta.siteName ?? clean(article?.siteName);
  const title = meta.title ?? clean(article?.title) ?? meta.h1 ?? meta.docTitle ?? '';
  return {
    kind: 'doc',
    doc: {
      source,
      format: 'html',
      title: stripSiteName(title, siteName),
      text,
      url: meta.url,
      outletHint: siteName,
      dateHint: meta.date ?? clean(article?.publishedTime),
      dateline,
    },
  };
}

/**
 * Pages often print the publication date in an element of their own («تم نشره الأربعاء …»), outside
 * what Readability keeps; the date detector reads it as a dateline. Looked up before chrome removal.
 */
const DATELINE_SELECTOR = 'time, [class*="date"], [class*="Date"], [class*="publish"], [class*="time"], [itemprop="datePublished"]';
const DATELINE_MAX_CHARS = 160;

function visibleDateline(document: DomDocument): string | null {
  for (const el of Array.from(document.querySelectorAll(DATELINE_SELECTOR))) {
    const text = clean(el.textContent);
    if (text && text.length <= DATELINE_MAX_CHARS && /[0-9\u0660-\u0669]/.test(text)) return text;
  }
  return null;
}

function letterCount(s: string): number {
  return s.match(/\p{L}/gu)?.length ?? 0;
}

function clean(s: string | null | undefined): string | null {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

// ---------------------------------------------------------------------------------------------
// complexity

export interface DomLimits {
  /** Elements open at once, as the parser nests them. */
  maxDepth: number;
  /** Elements in the whole page. */
  maxElements: number;
}

/**
 * News pages nest 30–60 deep and hold a few thousand elements (under 20,000 on the heaviest).
 * linkedom's parser keeps its open elements in an array it shifts at the front, so its time grows
 * with the square of the depth (10^5 nested <b> never finishes), and Readability's time grows with
 * elements × depth (2,000 divs 200 deep take over ten seconds; a million <p> take minutes and
 * gigabytes). Past these limits a page is rejected before it is parsed; below them the per-document
 * deadline of the worker (pipeline.ts) stops what is still too slow.
 */
export const DOM_LIMITS: DomLimits = { maxDepth: 128, maxElements: 50_000 };

class TooComplex extends Error {}

/**
 * Why the page is too deep or too big to parse, or null. Runs htmlparser2, the tokenizer and
 * tree rules linkedom builds its DOM with, with no DOM behind it, so the depth is the one the
 * DOM would have: <p>, <li>, <td>… close their open siblings, void elements and </x> without an
 * open <x> do not nest. It stops at the first limit passed, before the stack grows past it.
 */
export function domComplexity(html: string, limits: DomLimits = DOM_LIMITS): string | null {
  let depth = 0;
  let elements = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        elements++;
        depth++;
        if (depth > limits.maxDepth) {
          const at = parser.startIndex;
          throw new TooComplex(`elements nested more than ${limits.maxDepth} deep (the limit), reached with <${excerpt(name, 20)}> at character ${at}`);
        }
        if (elements > limits.maxElements) {
          throw new TooComplex(
            `more than ${limits.maxElements} elements (the limit), passed with <${excerpt(name, 20)}> at character ${parser.startIndex} of ${html.length}`,
          );
        }
      },
      onclosetag() {
        depth--;
      },
    },
    { decodeEntities: false, lowerCaseAttributeNames: false },
  );
  try {
    parser.end(html);
  } catch (err) {
    if (err instanceof TooComplex) return err.message;
    throw err;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// metadata

function pageMeta(document: DomDocument): PageMeta & { h1: string | null; docTitle: string | null } {
  const metaContent = (...selectors: string[]) => {
    for (const sel of selectors) {
      const v = clean(document.querySelector(sel)?.getAttribute('content'));
      if (v) return v;
    }
    return null;
  };
  const ld = jsonLd(document);
  const time = document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]');
  return {
    title: metaContent('meta[property="og:title"]', 'meta[name="og:title"]', 'meta[name="twitter:title"]') ?? ld.headline,
    siteName: metaContent('meta[property="og:site_name"]', 'meta[name="og:site_name"]') ?? ld.publisher,
    date:
      metaContent('meta[property="article:published_time"]', 'meta[name="article:published_time"]') ??
      ld.datePublished ??
      clean(time?.getAttribute('datetime')) ??
      metaContent(
        'meta[name="date"]',
        'meta[name="pubdate"]',
        'meta[name="publishdate"]',
        'meta[name="publish-date"]',
        'meta[itemprop="datePublished"]',
        'meta[name="DC.date.issued"]',
      ),
    url:
      clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? metaContent('meta[property="og:url"]', 'meta[name="og:url"]') ?? ld.url,
    h1: clean(document.querySelector('h1')?.textContent),
    docTitle: clean(document.querySelector('title')?.textContent),
  };
}

interface LdFacts {
  headline: string | null;
  publisher: string | null;
  datePublished: string | null;
  url: string | null;
}

/** The facts of a page's JSON-LD blocks (schema.org NewsArticle and friends, @graph included). */
function jsonLd(document: DomDocument): LdFacts {
  const facts: LdFacts = { headline: null, publisher: null, datePublished: null, url: null };
  const objects: Record<string, unknown>[] = [];
  const collect = (v: unknown, depth: number) => {
    if (depth > 4) return;
    if (Array.isArray(v)) for (const x of v) collect(x, depth + 1);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      objects.push(o);
      if (o['@graph'] !== undefined) collect(o['@graph'], depth + 1);
    }
  };
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collect(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // a broken JSON-LD block only loses its hints
    }
  }
  const str = (v: unknown) => (typeof v === 'string' ? clean(v) : null);
  const name = (v: unknown): string | null => {
    if (Array.isArray(v)) return name(v[0]);
    if (typeof v === 'object' && v !== null) return str((v as Record<string, unknown>).name);
    return str(v);
  };
  for (const o of objects) {
    facts.datePublished ??= str(o.datePublished);
    facts.headline ??= str(o.headline);
    facts.publisher ??= name(o.publisher);
    if (o.datePublished !== undefined || o.headline !== undefined) {
      const page = o.mainEntityOfPage;
      facts.url ??= str(o.url) ?? (typeof page === 'object' && page !== null ? str((page as Record<string, unknown>)['@id']) : str(page));
    }
  }
  return facts;
}

const SEPARATOR = /\s+(?:\||｜|::|»|«|•|·|-|–|—)\s+/g;
const WEAK_SEPARATOR = /^\s+[-–—]\s+$/;

/**
 * "Headline | Site" → "Headline". The site name goes when it matches the page's site name; a short
 * last part after a strong separator (| :: » •) goes too. A dash alone is not enough: Arabic
 * headlines use it («الجزائر – فرنسا: …»).
 */
export function stripSiteName(title: string, siteName: string | null): string {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  let t = title.trim();
  for (let round = 0; round < 2; round++) {
    const seps = Array.from(t.matchAll(SEPARATOR));
    const first = seps[0];
    const last = seps[seps.length - 1];
    if (first === undefined || last === undefined) break;
    const head = t.slice(0, last.index);
    const tail = t.slice(last.index + last[0].length);
    const words = (s: string) => s.trim().split(/\s+/).length;
    if (siteName !== null && same(tail, siteName)) t = head;
    else if (siteName !== null && same(t.slice(0, first.index), siteName)) t = t.slice(first.index + first[0].length);
    else if (!WEAK_SEPARATOR.test(last[0]) && words(tail) <= 4 && words(head) >= words(tail)) t = head;
    else break;
  }
  return t.trim();
}

// ---------------------------------------------------------------------------------------------
// text

/** Plain text of a DOM subtree: a blank line between blocks, a newline for <br>, spaces collapsed. */
export function blockText(root: DomNode): string {
  const paragraphs: string[] = [];
  let current = '';
  const flush = () => {
    const p = current
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l !== '')
      .join('\n');
    if (p !== '') paragraphs.push(p);
    current = '';
  };
  const walk = (node: DomNode, pre: boolean) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) {
        const data = (child as DomText).data;
        current += pre ? data : data.replace(/\s+/g, ' ');
      } else if (child.nodeType === 1) {
        const tag = (child as DomElement).localName.toLowerCase();
        if (SKIP.has(tag)) continue;
        if (tag === 'br') {
          current += '\n';
        } else if (tag === 'td' || tag === 'th') {
          current += ' ';
          walk(child, pre);
          current += ' ';
        } else if (BLOCK.has(tag)) {
          flush();
          walk(child, pre || tag === 'pre');
          flush();
        } else {
          walk(child, pre);
        }
      }
    }
  };
  walk(root, false);
  flush();
  return paragraphs.join('\n\n');
}
