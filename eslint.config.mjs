import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import drizzle from 'eslint-plugin-drizzle';

/**
 * Files matching `files` (tests excepted: they may reach across layers) must not import `forbidden`. Type-only
 * imports are allowed: they vanish from the built code (a component may know the router's type, not its code).
 */
function layer(files, forbidden) {
  return [
    {
      files,
      ignores: ['**/*.test.ts'],
      rules: {
        '@typescript-eslint/no-restricted-imports': [
          'error',
          { patterns: [{ group: forbidden, allowTypeImports: true, message: 'This layer must not import that one (docs/architecture.md).' }] },
        ],
      },
    },
  ];
}

const config = [
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // No accidental whole-table writes: every update/delete on a Drizzle db or transaction needs a where.
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Server code logs through pino (server/lib/logger.ts), with the request id; a command's answer to a person goes through db/terminal.ts.
  { files: ['server/**/*.ts', 'db/**/*.ts', 'inngest/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-console': 'error' } },
  // The server's settings are read in one place, server/lib/config.ts (zod-parsed): nothing else reads process.env.
  {
    files: ['server/**/*.ts', 'db/**/*.ts', 'inngest/**/*.ts', 'auth.ts', 'app/**/*.ts', 'app/**/*.tsx'],
    ignores: ['**/*.test.ts', 'server/lib/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read settings through server/lib/config.ts (environment()).' }],
    },
  },
  // Layering (docs/architecture.md, "The parts and the arrows allowed between them"): an import the wrong way fails lint.
  ...layer(
    ['server/domain/**/*.ts'],
    [
      '**/db',
      '**/db/**',
      '@/db',
      '@/db/**',
      'drizzle-orm',
      'drizzle-orm/**',
      'next',
      'next/**',
      '**/services/**',
      '**/routers/**',
      '**/http/**',
      '**/contracts/**',
    ],
  ),
  ...layer(['server/contracts/**/*.ts'], ['**/db', '**/db/**', '@/db', '@/db/**', '**/services/**', '**/routers/**', '**/http/**']),
  ...layer(
    ['server/lib/**/*.ts'],
    ['**/db', '**/db/**', '@/db', '@/db/**', '**/services/**', '**/routers/**', '**/http/**', '**/domain/**', '**/contracts/**'],
  ),
  ...layer(['server/services/**/*.ts'], ['**/routers/**', '**/server/http/**', '../../http/**', '**/server/collab/**', '../../collab/**']),
  // db/ takes from server/ only what has no I/O of its own: domain rules, contracts, and lib's helpers (the logger, the process singletons).
  {
    files: ['db/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)server/(?!(domain|contracts|lib)/)', message: 'db/ takes from server/ only domain, contracts and lib (docs/architecture.md).' },
          ],
        },
      ],
    },
  },
  ...layer(['server/routers/**/*.ts'], ['**/db', '**/db/**', '@/db', '@/db/**', 'drizzle-orm', '**/server/http/**', '../../http/**', '../http/**']),
  ...layer(['server/collab/**/*.ts'], ['**/db/schema', '**/db/schema/**', '@/db/schema', 'drizzle-orm', '**/routers/**', '**/http/**']),
  ...layer(['inngest/**/*.ts'], ['**/routers/**', '**/server/http/**', '@/db/schema', 'drizzle-orm']),
  ...layer(
    ['components/**/*.ts', 'components/**/*.tsx'],
    ['**/db', '**/db/**', '@/db', '@/db/**', '**/server/services/**', '**/server/routers/**', '**/server/http/**', '@/app/**', '../app/**', '../../app/**'],
  ),
  // Route files call the HTTP edge (server/http/) and nothing else: it resolves the caller and words every refusal.
  {
    files: ['app/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(@/(?!server/http/)|\\.)', message: 'A route file calls server/http/ only (docs/architecture.md).' }] },
      ],
    },
  },
  { ignores: ['.next/**', '.next-*/**', '.data/**', 'coverage/**', 'test-results/**', 'playwright-report/**', 'db/migrations/**', 'next-env.d.ts'] },
];

export default config;
