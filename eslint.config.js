import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import boundaries from 'eslint-plugin-boundaries';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];


/**
 * The layers, bottom to top, and what each may import (README "Architecture"). A layer never imports one
 * above it, so the pure policy can be replayed inside workflows and the domain never depends on HTTP.
 */
export const LAYERS = {
  policy: [],
  config: [],
  runtime: [],
  logging: ['config'],
  db: ['policy', 'config', 'runtime'],
  domain: ['policy', 'db', 'config'],
  'read-models': ['policy', 'db', 'domain'],
  auth: ['policy', 'db', 'domain', 'read-models', 'config'],
  temporal: ['policy', 'config', 'logging', 'runtime'],
  enforcement: ['policy', 'config', 'runtime', 'logging', 'domain'],
  activities: ['policy', 'db', 'domain', 'read-models', 'enforcement', 'temporal', 'config', 'logging'],
  workflows: ['policy'],
  api: ['policy', 'db', 'domain', 'read-models', 'auth', 'enforcement', 'temporal', 'config', 'logging', 'runtime'],
  worker: ['activities', 'policy', 'db', 'domain', 'enforcement', 'temporal', 'config', 'logging', 'runtime'],
  cli: ['policy', 'db', 'domain', 'read-models', 'auth', 'config', 'logging', 'runtime'],
  launcher: ['policy', 'db', 'enforcement', 'temporal', 'config', 'logging', 'runtime'],
  web: [],
};
const element = (type) => ({ type, pattern: ['activities', 'workflows'].includes(type) ? type : ['api', 'worker', 'cli', 'launcher', 'web'].includes(type) ? `apps/${type}` : `libs/${type}` });

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
    // Every layer imports only the layers listed in LAYERS (a file of its own layer always). Tests, scripts
    // and benchmarks sit outside the layers and may use any of them.
    files: ['libs/**/*.ts', 'apps/**/*.{ts,tsx}', 'activities/**/*.ts', 'workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.keys(LAYERS).map(element),
      'import/resolver': { typescript: { project: ['tsconfig.json', 'apps/web/tsconfig.json'], noWarnOnMultipleProjects: true } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'A layer imports only the layers listed for it in LAYERS (eslint.config.js, README "Architecture"); workflows take activities as types only.',
          policies: [
            ...Object.entries(LAYERS).map(([from, to]) => ({ from: { element: { type: from } }, allow: { to: { element: { types: { anyOf: [from, ...to] } } } } })),
            { from: { element: { type: 'workflows' } }, allow: { to: { element: { type: 'activities' } }, dependency: { kind: 'type' } } },
          ],
        },
      ],
    },
  },
  {
    // No SQL in apps/api: an HTTP service reads through libs/read-models and changes state through
    // libs/domain (commands, or the request-admission rows of libs/domain/admission), so every query
    // sits in the layer that owns its tables. Tests may query what they check.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['query', 'createQueryBuilder', 'getRepository'].map((name) => ({
          selector: `CallExpression[callee.property.name='${name}']`,
          message: `No SQL in apps/api (.${name}): apps/api reads and writes through libs/read-models and libs/domain.`,
        })),
      ],
    },
  },
  {
    // libs/policy is pure (rules, messages, the shapes workflows exchange): workflows replay it and the
    // web could bundle it, so no I/O of any kind.
    files: ['libs/policy/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'libs/policy is pure: no Node built-ins.' })),
          patterns: [{ group: ['typeorm', 'typeorm/*', 'pg', 'pg/*', '@nestjs/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'libs/policy is pure: no database, Nest or Temporal client code (message definitions from @temporalio/workflow and @temporalio/common are fine).' }],
        },
      ],
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
            { group: ['**/activities/*', '**/activities'], allowTypeImports: true, message: 'Import activities as types only (import type).' },
            {
              regex: 'libs/policy(/index(\\.js)?)?$',
              message: 'Import the libs/policy module you need, not the index: every module a workflow imports is evaluated again for each open workflow, so the index would cost each cached workflow all of libs/policy (npm run bench -- --only=worker-memory).',
            },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows use @temporalio/workflow only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }, { name: 'process', message: 'No process in workflows.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use uuid4() or a seeded value from the workflow API.' }],
    },
  },
);
