// Lint for the whole repo: typescript-eslint's recommended rules without type information (fast on
// two cores; `tsc` does the typed checks), and the import boundaries of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const NODE_GLOBALS = Object.fromEntries(
  [
    'console',
    'process',
    'URL',
    'URLSearchParams',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'performance',
    'fetch',
    'AbortSignal',
    'AbortController',
    'TextDecoder',
    'TextEncoder',
  ].map((g) => [g, 'readonly']),
);

/** `from` may not import `to`: the boundaries docs/ARCHITECTURE.md draws, one rule per folder. */
const boundaries = [
  {
    files: ['packages/model/**'],
    banned: [
      {
        regex: '^\\.\\.?/(\\.\\./)*(packages/)?ingest/|^\\.\\.?/(\\.\\./)*(apps/)?dashboard/|^@mirsad/(ingest|dashboard)',
        message: '@mirsad/model is the contract: it imports neither ingest nor the dashboard.',
      },
    ],
  },
  {
    files: ['apps/dashboard/**'],
    banned: [
      {
        regex: '^\\.\\.?/(\\.\\./)*(packages/)?ingest/|^@mirsad/ingest',
        message: 'The dashboard reads the warehouse through @mirsad/model, never the ingest code.',
      },
    ],
  },
  {
    files: ['packages/ingest/src/**'],
    banned: [{ regex: '^\\.\\.?/(\\.\\./)*(apps/)?dashboard/|^@mirsad/dashboard', message: 'Ingest does not know the dashboard.' }],
  },
  ...stages(),
];

/** Within packages/ingest/src: each stage imports only the stages before it (docs/ARCHITECTURE.md). */
function stages() {
  const later = (...names) => ({
    regex: `^\\.\\./(${names.join('|')})(/|\\.ts$)`,
    message: `a stage imports only the stages before it (docs/ARCHITECTURE.md): not ${names.join(', ')}`,
  });
  const drivers = ['process', 'pipeline', 'cli', 'parallel', 'bench'];
  return [
    { files: ['packages/ingest/src/text/**'], banned: [later('read', 'clean', 'extract', 'ner', 'resolve', 'link', 'warehouse', ...drivers)] },
    { files: ['packages/ingest/src/read/**'], banned: [later('clean', 'extract', 'ner', 'resolve', 'link', 'warehouse', ...drivers)] },
    { files: ['packages/ingest/src/clean/**'], banned: [later('extract', 'ner', 'resolve', 'link', 'warehouse', ...drivers)] },
    {
      files: ['packages/ingest/src/extract/**', 'packages/ingest/src/ner/**', 'packages/ingest/src/resolve/**'],
      banned: [later('link', 'warehouse', ...drivers)],
    },
    { files: ['packages/ingest/src/link/**'], banned: [later('warehouse', ...drivers)] },
    { files: ['packages/ingest/src/warehouse/**'], banned: [later('read', 'clean', 'text', 'extract', 'ner', 'resolve', 'link', ...drivers)] },
  ].map((b) => ({ ...b, ignores: ['**/*.test.ts'] }));
}

export default defineConfig(
  { ignores: ['**/node_modules/**', '**/.next/**', '**/dist/**', 'data/**', '**/next-env.d.ts', '.tmp/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: NODE_GLOBALS },
    rules: {
      // readers look for control characters on purpose (binary input, JSON escapes)
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-restricted-imports': 'off',
    },
  },
  boundaries.map(({ files, ignores = [], banned }) => ({
    files,
    ignores,
    rules: { 'no-restricted-imports': ['error', { patterns: banned }] },
  })),
);
