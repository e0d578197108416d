import type { NextConfig } from 'next';

const config: NextConfig = {
  // DuckDB is a native addon: loaded by Node at run time, never bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings'],
  // @mirsad/model ships TypeScript source (with .ts import extensions).
  transpilePackages: ['@mirsad/model'],
  poweredByHeader: false,
  // proxy.ts redirects /x/ to /x itself, with nosniff (Next's redirect would go out without it).
  skipTrailingSlashRedirect: true,
  // Every response, pages, routes, assets and errors alike: browsers take the declared type, never a guess.
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] }];
  },
};

export default config;
