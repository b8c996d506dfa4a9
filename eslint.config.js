// Lint: the house rules that a reviewer should not have to check by hand.
// - core/ folders are pure: no database, HTTP, file system or processes.
// - size limits keep files and functions readable.
import tseslint from 'typescript-eslint';

const impure = [
  { name: 'node:fs', message: 'core/ is pure: do I/O in adapters/' },
  { name: 'node:fs/promises', message: 'core/ is pure: do I/O in adapters/' },
  { name: 'fs', message: 'core/ is pure: do I/O in adapters/' },
  { name: 'node:child_process', message: 'core/ is pure: run processes in adapters/' },
  { name: 'child_process', message: 'core/ is pure: run processes in adapters/' },
  { name: 'node:http', message: 'core/ is pure: do HTTP in adapters/' },
  { name: 'node:https', message: 'core/ is pure: do HTTP in adapters/' },
  { name: 'node:net', message: 'core/ is pure' },
  { name: 'fastify', message: 'core/ is pure' },
  { name: 'pg', message: 'core/ is pure: use the database in adapters/' },
  { name: '@electric-sql/pglite', message: 'core/ is pure' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'generated/**', 'web/dist/**', 'dist/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 450, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['services/**/*.ts'],
    rules: {
      'max-lines-per-function': ['warn', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['services/*/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: impure,
        patterns: [
          { group: ['**/adapters/**'], message: 'core/ must not depend on adapters/' },
          { group: ['**/generated/prisma/**'], message: 'core/ is pure: no Prisma' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'core/ is pure: fetch in adapters/' }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines': 'off' },
  },
);
