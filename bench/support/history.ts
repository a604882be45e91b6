import { Connection } from '@temporalio/client';

/**
 * How many events each workflow's history holds now (describe, no payload decoding). A history event
 * is a write to Temporal's store and a unit of replay work, so events per completed request measure how
 * much of the engine one request costs.
 */
export async function historyLengths(address: string, namespace: string, workflowIds: string[]): Promise<number[]> {
  const connection = await Connection.connect({ address });
  try {
    const out: number[] = [];
    for (const workflowId of workflowIds) {
      const d = await connection.workflowService.describeWorkflowExecution({ namespace, execution: { workflowId } });
      out.push(Number(d.workflowExecutionInfo?.historyLength ?? 0));
    }
    return out;
  } finally {
    await connection.close();
  }
}

export const mean = (xs: number[]): number => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : 0);
