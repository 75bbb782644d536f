import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const serverOnly = [
  { group: ['@/lib/datasources/*', '@/lib/datasources', '**/lib/datasources/**'], message: 'Components get neutral data from the BFF through lib/queries, never from a datasource client.', allowTypeImports: true },
  { group: ['@/lib/db', '@/lib/db/*', '**/lib/db/**', '@/lib/db.ts'], message: 'Components never touch the database; go through an API route or a server page.' },
  { group: ['@/lib/dashboards/load', '**/lib/dashboards/load'], message: 'Dashboards are loaded on the server only.' },
  { group: ['@/lib/env', '**/lib/env'], message: 'Environment (and its secrets) stays on the server.', allowTypeImports: true },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['node_modules/**', '.next/**', '.scratch/**', '.data/**', 'lib/db/generated/**', 'next-env.d.ts', 'scripts/backends/go/**', 'test-results/**', 'playwright-report/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Sightline does not run the React Compiler; this rule only reports that it would skip
      // components using TanStack Virtual, which is expected and harmless here.
      'react-hooks/incompatible-library': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: serverOnly }] },
  },
];

export default config;
