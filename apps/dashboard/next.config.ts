import type { NextConfig } from 'next';

const config: NextConfig = {
  // DuckDB is a native addon: loaded by Node at run time, never bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings'],
  // @mirsad/model ships TypeScript source (with .ts import extensions).
  transpilePackages: ['@mirsad/model'],
  poweredByHeader: false,
  // No gzip in the server: a page answered from the page cache (lib/page-cache.ts) cost ~25 ms of CPU to
  // compress per request for the 1.9 MB ANT overview, against ~4 ms to send as it is, and Next drops the
  // Content-Encoding of a proxy's answer, so a body gzipped once cannot be kept. Loopback (npm start)
  // gains nothing from compression; a server reached over a network belongs behind a compressing proxy.
  compress: false,
  // proxy.ts redirects /x/ to /x itself, with nosniff (Next's redirect would go out without it).
  skipTrailingSlashRedirect: true,
  // Every response, pages, routes, assets and errors alike: browsers take the declared type, never a guess.
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
};

export default config;
