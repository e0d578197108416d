import { NextResponse, type NextRequest } from 'next/server';
import { LANG_HEADER, parseLang } from './lib/lang';
import { badRequestHtml, badRequestText, checkRequest } from './lib/request';

/** The part of the request line after the host, as the client sent it (still percent-encoded). */
function target(url: string): string {
  const afterScheme = url.indexOf('//');
  const slash = url.indexOf('/', afterScheme < 0 ? 0 : afterScheme + 2);
  return slash < 0 ? '/' : url.slice(slash);
}

export function proxy(request: NextRequest) {
  // Malformed requests stop here with a 400, before any page or route decodes them.
  const verdict = checkRequest(target(request.url));
  if (!verdict.ok) {
    const api = request.nextUrl.pathname.startsWith('/api/');
    return new NextResponse(api ? badRequestText(verdict) : badRequestHtml(verdict), {
      status: verdict.status,
      headers: {
        'content-type': api ? 'text/plain; charset=utf-8' : 'text/html; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      },
    });
  }
  // The root layout sets <html lang dir> but never sees the URL: hand it the `lang` search param.
  const headers = new Headers(request.headers);
  headers.set(LANG_HEADER, parseLang(request.nextUrl.searchParams.get('lang')));
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
