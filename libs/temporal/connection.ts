import { Client, Connection } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

/**
 * A lazy connection: the API starts even while Temporal is still coming up, and reconnects on its
 * own; readiness (GET /health/ready) reports whether Temporal answers.
 */
export function createTemporalClient(s: TemporalSettings): Client {
  const connection = Connection.lazy({ address: s.address });
  return new Client({ connection, namespace: s.namespace });
}

export async function pingTemporal(client: Client, timeoutMs = 2000): Promise<void> {
  await client.connection.withDeadline(Date.now() + timeoutMs, () => client.workflowService.getSystemInfo({}));
}
