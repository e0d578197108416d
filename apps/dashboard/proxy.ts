import { NextResponse, type NextRequest } from 'next/server';
import { LANG_HEADER, parseLang } from './lib/lang';

// The root layout sets <html lang dir> but never sees the URL: hand it the `lang` search param.
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set(LANG_HEADER, parseLang(request.nextUrl.searchParams.get('lang')));
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
