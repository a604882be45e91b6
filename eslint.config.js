import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', '.tools/**', 'apps/web/dist/**', 'coverage/**', 'bench/results/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // The web app runs in the browser and talks to the server only over HTTP (src/api/): no Node
    // built-ins, no server code.
    files: ['apps/web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The web app runs in the browser: no Node built-ins.' })),
          patterns: [{ group: ['**/libs/*', '**/libs', '**/apps/api/*', '@nestjs/*', 'typeorm', 'pg', '@temporalio/*'], message: 'The web app reaches the server only through apps/web/src/api/.' }],
        },
      ],
    },
  },
  {
    // The workflow boundary (STYLE.md): workflow code is replayed, so it must be deterministic. No Node
    // built-ins, no database, no Nest, no clock or randomness except the workflow API's own.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows are deterministic: no Node built-ins. Do I/O in an activity.' })),
          patterns: [
            { group: ['typeorm', 'typeorm/*', 'pg', 'pg/*'], message: 'Workflows must not touch the database: use an activity.' },
            { group: ['@nestjs/*'], message: 'Workflows must not import Nest.' },
            { group: ['**/libs/db', '**/libs/db/*', '**/libs/domain/*', '**/libs/domain', '**/apps/*'], message: 'Workflows import only @temporalio/workflow, libs/contracts and types of activities.' },
            { group: ['**/activities/*', '**/activities'], allowTypeImports: true, message: 'Import activities as types only (import type).' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows use @temporalio/workflow only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }, { name: 'process', message: 'No process in workflows.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use uuid4() or a seeded value from the workflow API.' }],
    },
  },
);
