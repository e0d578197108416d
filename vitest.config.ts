import { defineConfig } from 'vitest/config';

// Dates in tests must not depend on the machine's zone.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'model', root: './packages/model', include: ['src/**/*.test.ts'] } },
      { test: { name: 'ingest', root: './packages/ingest', include: ['src/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'dashboard',
          root: './apps/dashboard',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', '.next/**'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'pipeline',
          root: './tests',
          include: ['**/*.test.ts'],
          exclude: ['e2e/**'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          root: './tests/e2e',
          include: ['**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
