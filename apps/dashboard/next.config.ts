import type { NextConfig } from 'next';

const config: NextConfig = {
  // DuckDB is a native addon: loaded by Node at run time, never bundled.
  serverExternalPackages: ['@duckdb/node-api', '@duckdb/node-bindings'],
  // @mirsad/model ships TypeScript source (with .ts import extensions).
  transpilePackages: ['@mirsad/model'],
  poweredByHeader: false,
};

export default config;
