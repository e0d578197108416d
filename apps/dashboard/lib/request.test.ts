import { describe, expect, it } from 'vitest';
import { badRequestHtml, checkRequest, MAX_URL_LENGTH } from './request';

/** Every route the app serves, with a placeholder for the part a request controls. */
const ROUTES = [
  '/?from=X',
  '/articles?to=X',
  '/articles/X',
  '/entities/X',
  '/visits/X',
  '/visits/v1?links=X',
  '/api/export/X',
  '/api/export/summary?outlets=X',
];

const MALFORMED_ENCODINGS = ['%zz', '%', '%4', '%E0%A4%A', '%C0%80', '%FF', '%ED%A0%80', 'a%2'];

describe('checkRequest', () => {
  it('refuses a malformed percent-encoding anywhere in any route, as 400', () => {
    for (const route of ROUTES) {
      for (const bad of MALFORMED_ENCODINGS) {
        const v = checkRequest(route.replace('X', bad));
        expect(v, `${route} with ${bad}`).toMatchObject({ ok: false, status: 400 });
      }
    }
  });

  it('refuses ids and view names that cannot be one, whatever they hold', () => {
    const hostile = ['..%2F..%2Fetc%2Fpasswd', "x'%20OR%201=1", '%00', '%3Cscript%3E', 'A'.repeat(300), '%F0%9F%98%80', 'UPPER', 'a%20b'];
    for (const id of hostile) {
      expect(checkRequest(`/articles/${id}`), id).toMatchObject({ ok: false, status: 400 });
      expect(checkRequest(`/entities/${id}`), id).toMatchObject({ ok: false, status: 400 });
      expect(checkRequest(`/api/export/${id}`), id).toMatchObject({ ok: false, status: 400 });
    }
    for (const id of hostile.filter((h) => h !== 'UPPER')) expect(checkRequest(`/visits/${id}`), id).toMatchObject({ ok: false, status: 400 });
    expect(checkRequest('/visits/esper-2020-algeria?links=every')).toMatchObject({ ok: false, status: 400, params: ['links'] });
    expect(checkRequest('/visits/esper-2020-algeria?links=all')).toEqual({ ok: true });
    expect(checkRequest('/compare?a=outlet:hespress&b=period:2020-01-01..2020-12-31')).toEqual({ ok: true });
    for (const side of ['outlet:', 'nation:x', 'period:2020-12-31..2020-01-01', 'period:2020-02-30..2020-03-01', "visit:x'--"]) {
      expect(checkRequest(`/compare?a=${encodeURIComponent(side)}`), side).toMatchObject({ ok: false, status: 400, params: ['a'] });
    }
    expect(checkRequest('/entities?name=' + encodeURIComponent('ترامب'))).toEqual({ ok: true });
    expect(checkRequest('/articles?q=' + 'x'.repeat(201))).toMatchObject({ ok: false, params: ['q'] });
    // well-formed but unknown: the route says 404, not the check
    expect(checkRequest('/articles/abcdef0123')).toEqual({ ok: true });
    expect(checkRequest('/entities/person:nobody')).toEqual({ ok: true });
    expect(checkRequest('/api/export/no-such-view')).toEqual({ ok: true });
  });

  it('refuses filter values that do not parse, names the parameters and offers the view without them', () => {
    const v = checkRequest('/articles?from=2020-13-45&to=2021-01-01&page=-1&outlets=aljazeera');
    expect(v).toMatchObject({ ok: false, status: 400, params: ['from', 'page'] });
    expect(v.ok ? null : v.fix).toBe('/articles?to=2021-01-01&outlets=aljazeera');
    for (const q of ['from=yesterday', 'to=2021-02-30', 'entity=%3Cb%3E', 'lang=xx', 'measure=sum', 'page=0', 'dups=yes', 'topics=%27%3B']) {
      expect(checkRequest(`/?${q}`), q).toMatchObject({ ok: false, status: 400 });
      expect(checkRequest(`/entities/dubai?${q}`), q).toMatchObject({ ok: false, status: 400 });
    }
    expect(checkRequest('/?from=2020-01-01&lang=en&outlets=a,b')).toEqual({ ok: true });
  });

  it('refuses control characters and overlong addresses', () => {
    expect(checkRequest('/?x=%0D%0ASet-Cookie:%20a=b')).toMatchObject({ ok: false, status: 400 });
    expect(checkRequest(`/?x=${'a'.repeat(MAX_URL_LENGTH)}`)).toMatchObject({ ok: false, status: 414 });
  });

  it('leaves paths the app does not serve to the router', () => {
    expect(checkRequest('/no/such/page?from=nonsense')).toEqual({ ok: true });
    expect(checkRequest('/_next/static/chunks/x.js')).toEqual({ ok: true });
  });

  it('never repeats the request in its page, and escapes what it does write', () => {
    const v = checkRequest('/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E?from=%22%3E%3Cimg');
    if (v.ok) throw new Error('expected a refusal');
    const html = badRequestHtml(v);
    expect(html).not.toMatch(/<script|<img|alert/);
    const w = checkRequest('/articles?from=bad&to=2020-01-01&outlets=a_b');
    if (w.ok) throw new Error('expected a refusal');
    expect(badRequestHtml(w)).toContain('href="/articles?to=2020-01-01&amp;outlets=a_b"');
  });
});
