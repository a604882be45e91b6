/**
 * `npm run test:cluster`: the suites under test/cluster/, which start the whole production topology
 * themselves (scripts/support/cluster/), so no global engines; kept out of `npm test` because a clean
 * clone first builds the Temporal server from Go source (about 2 minutes).
 */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/cluster/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  globalTeardown: undefined,
  maxWorkers: 1,
  testTimeout: 300_000,
};
