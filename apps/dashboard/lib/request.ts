/**
 * Which requests are malformed, decided once before routing (proxy.ts): a bad percent-encoding, an id
 * that cannot be one, a filter value that does not parse. Pure, so every route gets the same answer and
 * a page never sees input it would have to guard against.
 */
import { parseSide } from './compare';
import { href, isArticleId, isEntityId, isKey, isSearchText, parseFilters } from './filters';

/** Longer URLs are refused (every canonical link is far shorter; 100 keys of 100 characters fit). */
export const MAX_URL_LENGTH = 16_384;

const VIEW_NAME_RE = /^[a-z][a-z-]{0,63}$/;

export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly status: 400 | 414;
      /** What is wrong, in words that never repeat the request's own text. */
      readonly reason: string;
      /** Names of the filter parameters whose values were refused (from the fixed set of names). */
      readonly params: readonly string[];
      /** The same view without the refused values, when there is one. */
      readonly fix: string | null;
    };

const bad = (reason: string, params: readonly string[] = [], fix: string | null = null, status: 400 | 414 = 400): Verdict => ({
  ok: false,
  status,
  reason,
  params,
  fix,
});

/** decodeURIComponent that says null instead of throwing (bad %xx, or bytes that are not UTF-8). */
export function decodeOrNull(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The query string's pairs, decoded as a form would be; null when one cannot be decoded. */
function decodeQuery(query: string): [string, string][] | null {
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = decodeOrNull((eq < 0 ? part : part.slice(0, eq)).replaceAll('+', ' '));
    const v = decodeOrNull((eq < 0 ? '' : part.slice(eq + 1)).replaceAll('+', ' '));
    if (k === null || v === null) return null;
    pairs.push([k, v]);
  }
  return pairs;
}

/** Routes whose query string carries the view's filters. */
const FILTERED = [
  /^\/$/,
  /^\/articles$/,
  /^\/articles\/[^/]+$/,
  /^\/entities\/[^/]+$/,
  /^\/visits\/[^/]+$/,
  /^\/compare$/,
  /^\/entities$/,
  /^\/api\/export\/[^/]+$/,
];

/**
 * Checks a request target (path and query, as sent: `/articles/abc?from=2020-01-01`). Paths this app
 * does not serve are left to the router's 404.
 */
export function checkRequest(target: string): Verdict {
  if (target.length > MAX_URL_LENGTH) return bad(`the address is longer than ${MAX_URL_LENGTH} characters`, [], null, 414);
  const q = target.indexOf('?');
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? '' : target.slice(q + 1).split('#')[0]!;
  const segments: string[] = [];
  for (const s of rawPath.split('/').slice(1)) {
    const d = decodeOrNull(s);
    if (d === null) return bad('the path has a malformed percent-encoding');
    segments.push(d);
  }
  const pairs = decodeQuery(rawQuery);
  if (pairs === null) return bad('the query string has a malformed percent-encoding');
  if (pairs.some(([k, v]) => /[\u0000-\u001f\u007f]/.test(k) || /[\u0000-\u001f\u007f]/.test(v))) {
    return bad('the query string holds control characters');
  }

  const [top, id, ...rest] = segments;
  if (rest.length === 0 && id !== undefined && id !== '') {
    if (top === 'articles' && !isArticleId(id)) return bad('an article id is 6 to 128 lowercase hexadecimal digits');
    if (top === 'entities' && !isEntityId(id)) return bad('an entity id is 1 to 200 of a-z, 0-9, ":", "_" and "-"');
    if (top === 'visits' && !isKey(id)) return bad('a visit id is 1 to 100 of letters, digits, ":", "_", "." and "-"');
  }
  if (top === 'api' && id === 'export' && rest.length === 1 && !VIEW_NAME_RE.test(rest[0]!)) {
    return bad('a view name is lowercase letters and "-"');
  }

  const routePath = `/${segments.join('/')}`;
  if (!FILTERED.some((re) => re.test(routePath))) return { ok: true };
  const sp = new URLSearchParams(pairs);
  const { filters, rejected: refused } = parseFilters(sp);
  const rejected = [...refused];
  if (routePath === '/compare') for (const k of ['a', 'b']) if (sp.get(k) && !parseSide(sp.get(k))) rejected.push(k);
  if (routePath === '/entities' && !isSearchText(sp.get('name') ?? '')) rejected.push('name');
  if (rejected.length === 0) return { ok: true };
  return bad('some filter values are not valid', rejected, top === 'api' ? null : href(rawPath, filters));
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The 400 page, in both languages, naming what is wrong and offering the same view without it. */
export function badRequestHtml(v: Extract<Verdict, { ok: false }>): string {
  const params = v.params.length ? `<p>Parameters · المعاملات: <code>${escapeHtml(v.params.join(', '))}</code></p>` : '';
  const fix = v.fix ? `<p><a href="${escapeHtml(v.fix)}">Open the view without them · افتح العرض بدونها</a></p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bad request · طلب غير صالح</title></head>
<body><h1>Bad request · طلب غير صالح</h1>
<p>${escapeHtml(v.reason)}.</p>
<p lang="ar" dir="rtl">الرابط غير صالح.</p>
${params}${fix}<p><a href="/">Overview · النظرة العامة</a></p>
</body></html>
`;
}

/** The same refusal as plain text, for API clients. */
export const badRequestText = (v: Extract<Verdict, { ok: false }>): string => `${v.reason}${v.params.length ? `: ${v.params.join(', ')}` : ''}\n`;
