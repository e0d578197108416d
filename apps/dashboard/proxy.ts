import { NextResponse, type NextRequest } from 'next/server';
import { env } from './lib/env';
import { serverIdleCollector } from './lib/idle-gc';
import { LANG_HEADER, parseLang } from './lib/lang';
import { cachedPage, isCacheable } from './lib/page-cache';
import { badRequestHtml, badRequestText, checkRequest } from './lib/request';

/** The part of the request line after the host, as the client sent it (still percent-encoded). */
function target(url: string): string {
  const afterScheme = url.indexOf('//');
  const slash = url.indexOf('/', afterScheme < 0 ? 0 : afterScheme + 2);
  return slash < 0 ? '/' : url.slice(slash);
}

const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

// Every request but static assets passes here; with the renders and queries it sees when the server is idle.
const idle = serverIdleCollector(env.idleGcMs);

export async function proxy(request: NextRequest) {
  idle.noteActivity();
  const raw = target(request.url);
  // Next's own trailing-slash redirect is off (next.config): it answers without the config's headers.
  const q = raw.indexOf('?');
  const rawPath = q < 0 ? raw : raw.slice(0, q);
  const canonical = rawPath.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
  if (canonical !== rawPath) {
    const res = NextResponse.redirect(new URL(canonical + (q < 0 ? '' : raw.slice(q)), request.url), 308);
    res.headers.set('x-content-type-options', 'nosniff');
    return res;
  }
  // Malformed requests stop here with a 400, before any page or route decodes them.
  const verdict = checkRequest(raw);
  if (!verdict.ok) {
    const api = request.nextUrl.pathname.startsWith('/api/');
    return new NextResponse(api ? badRequestText(verdict) : badRequestHtml(verdict), {
      status: verdict.status,
      headers: {
        'content-type': api ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
        ...NOSNIFF,
        'cache-control': 'no-store',
      },
    });
  }
  if (isCacheable(request)) {
    const cached = await cachedPage(request);
    if (cached) return cached;
  }
  // The root layout sets <html lang dir> but never sees the URL: hand it the `lang` search param.
  const headers = new Headers(request.headers);
  headers.set(LANG_HEADER, parseLang(request.nextUrl.searchParams.get('lang')));
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
