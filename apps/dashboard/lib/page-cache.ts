/**
 * Rendered pages kept per warehouse version, answered by the proxy before any rendering.
 *
 * Measured on the ANT warehouse, a page's queries are answered from the pool's result cache in a few
 * milliseconds while React renders the overview (1.9 MB of HTML and its RSC payload) in 160 ms of server
 * CPU per request (280 ms with gzip, in a CPU profile), so at 50 connections the server was rendering one
 * page fifty times over. A page is a function of
 * its URL and the warehouse version the link points to, so it is rendered once per (version, URL): the
 * proxy fetches it from this server on loopback, marked as its own render, and keeps the answer. A new
 * publication moves the link, so the next request renders again. Only full documents are kept: RSC
 * navigations answer with a part of the page that depends on the client's router state.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { NextResponse, type NextRequest } from 'next/server';
import { env, loopbackOrigin } from './env';
import { serverIdleCollector } from './idle-gc';
import { limiter } from './limiter';
import { VersionCache } from './version-cache';

export interface RenderedPage {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Uint8Array;
}

/** Says which requests are the cache's own renders; new per process, so a client cannot pass for one. */
const RENDER_TOKEN = randomUUID();
const RENDER_HEADER = 'x-mirsad-render';
/** On every answer from the cache: `hit`, `shared` (waited for a render already running) or `miss`. */
export const CACHE_HEADER = 'x-mirsad-page-cache';

// Headers of the render's own connection and encoding (fetch has already decoded the body).
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'content-encoding', 'date', 'set-cookie']);

const pages = new VersionCache<RenderedPage>(
  env.pageCacheBytes,
  (p) => p.body.byteLength + p.headers.reduce((n, [k, v]) => n + 2 * (k.length + v.length), 0),
  (p) => p.status === 200,
);

/** The page's key: its path, then its search parameters ordered by name (values of one name keep their order). */
export function pageKey(pathname: string, search: URLSearchParams): string {
  const sorted = new URLSearchParams([...search].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const qs = sorted.toString();
  return qs ? `${pathname}?${qs}` : pathname;
}

export const isOwnRender = (request: NextRequest): boolean => request.headers.get(RENDER_HEADER) === RENDER_TOKEN;

/**
 * A GET of a whole HTML document (a browser's navigation asks for text/html), not an API route. Next
 * strips the RSC headers and the _rsc parameter from the request a proxy sees, so an RSC navigation or
 * prefetch (a fetch() that accepts any type) is told apart by its Accept header alone: it is never answered here.
 */
export function isCacheable(request: NextRequest): boolean {
  if (env.pageCacheBytes === 0 || request.method !== 'GET' || isOwnRender(request)) return false;
  if (!/\btext\/html\b/i.test(request.headers.get('accept') ?? '')) return false;
  const p = request.nextUrl.pathname;
  return !p.startsWith('/api/') && !p.startsWith('/_next/');
}

/** The version folder the warehouse link points to now; null when there is no published warehouse. */
function currentVersion(): string | null {
  try {
    const real = realpathSync(env.warehouseDir);
    return existsSync(path.join(/*turbopackIgnore: true*/ real, 'views.sql')) ? real : null;
  } catch {
    return null;
  }
}

/** Pages rendered at once on loopback: the rest wait here, before any of their queries starts. */
const renders = limiter(env.pageRenders);

const idle = serverIdleCollector(env.idleGcMs);

async function render(origin: string, key: string): Promise<RenderedPage> {
  const end = idle.begin();
  try {
    return await renders.run(() => renderNow(origin, key));
  } finally {
    end();
  }
}

async function renderNow(origin: string, key: string): Promise<RenderedPage> {
  const res = await fetch(origin + key, {
    headers: { [RENDER_HEADER]: RENDER_TOKEN, accept: 'text/html' },
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  });
  const body = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: [...res.headers].filter(([k]) => !NOT_REPLAYED.has(k)), body };
}

/** The page from the cache (rendered now if it is not there yet); null to let this request render it as usual. */
export async function cachedPage(request: NextRequest): Promise<NextResponse | null> {
  const origin = loopbackOrigin();
  const version = origin ? currentVersion() : null;
  if (!origin || !version) return null;
  const key = pageKey(request.nextUrl.pathname, request.nextUrl.searchParams);
  try {
    const { value, lookup } = await pages.get(version, key, () => render(origin, key));
    const res = new NextResponse(value.body as Uint8Array<ArrayBuffer>, { status: value.status, headers: value.headers as [string, string][] });
    res.headers.set(CACHE_HEADER, lookup);
    return res;
  } catch (err) {
    console.error(`page cache: rendering ${key} on loopback failed (${err instanceof Error ? err.message : String(err)}); rendering it for the request`);
    return null;
  }
}
