export { freePort } from '../../libs/runtime/ports.js';

/** Variables the global setup hands to every test file. */
export const TEST_ENV = {
  pgAdminUrl: 'CUSTODIAN_TEST_PG_ADMIN_URL', // a URL whose database part the tests replace
  templateDb: 'CUSTODIAN_TEST_TEMPLATE_DB',
  temporalAddress: 'TEMPORAL_ADDRESS',
  workflowBundle: 'CUSTODIAN_TEST_WORKFLOW_BUNDLE',
  testServerPath: 'TEMPORAL_TEST_SERVER_PATH',
  /** The payload codec's key for this run (libs/temporal/payload-codec.ts): API, workers and test clients share it. */
  payloadKeys: 'TEMPORAL_PAYLOAD_KEYS',
} as const;

export function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the tests through jest (global setup provides it)`);
  return v;
}
