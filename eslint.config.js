// Lint rules, including the dependency direction of docs/design.md: solver/ is pure and
// imports nothing from the application, I/O modules or the clock-reading libraries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['pg', '@electric-sql/pglite', 'express', 'socket.io', 'fs', 'node:*', 'luxon'];

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'coverage', 'bench/out', 'dashboard/dist', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['solver/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '**/api/**', '**/seed/**', '**/dashboard/**'],
              message: 'solver/ is pure: it imports only its own files and LP libraries.',
            },
            { group: ioModules, message: 'solver/ performs no I/O and reads no clock.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'solver/ is deterministic: take a seed.' },
        { object: 'Date', property: 'now', message: 'solver/ takes `now` as an argument.' },
      ],
    },
  },
  {
    // The dashboard runs in the browser: it may share types with the server, never code.
    files: ['dashboard/**/*.ts', 'dashboard/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/**', '**/api/**', '**/solver/**', '**/seed/**'],
              allowTypeImports: true,
              message: 'dashboard/ imports only browser-safe types from the server side.',
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI (src/cli) is the composition root above api/ and seed/: everything else in src/ is
    // below them and may not import them (the slices reach HTTP only through src/http/route.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/**', '**/seed/**', '**/dashboard/**'],
              message: 'src/ (outside src/cli) does not depend on api/, seed/ or dashboard/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/dashboard/**'], message: 'the CLI does not import the dashboard.' }] },
      ],
    },
  },
  {
    // The simulation core is pure like solver/: the seed generator, the clock and Math.random come
    // in as arguments (a patient factory, a seed), never as imports (ADR 0010).
    files: ['src/simulation/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/**', '**/seed/**', '**/dashboard/**', '**/db/**', '**/cli/**'],
              message: 'src/simulation/ is pure: no seed generator, database, CLI or API imports.',
            },
            { group: ioModules, message: 'src/simulation/ performs no I/O and reads no clock.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'src/simulation/ is deterministic: take a seed.' },
        { object: 'Date', property: 'now', message: 'src/simulation/ takes a clock as an argument.' },
        { object: 'performance', property: 'now', message: 'src/simulation/ takes a clock as an argument.' },
      ],
    },
  },
);
