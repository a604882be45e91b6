/**
 * A batch of short-window external-network grants (SYS-1) enforced by the directory, for the "directory
 * down during expiries" round. Each grant belongs to a person of its own (created through the API by HR,
 * and in the directory), so removing one member never touches another grant. The windows are seconds
 * long, so the requests are started on Temporal directly with that shortest window as a setting of the
 * workflow (the API accepts an hour or more), as the benchmarks do; every decision goes through HTTP
 * like the access-request load's.
 */
import { Client, Connection } from '@temporalio/client';
import { accessRequestWorkflowId } from '../../../libs/policy/index.js';
import { startAccessRequest } from '../../../bench/support/access-direct.js';
import { custodianDataConverter } from '../../../libs/temporal/payload-codec.js';
import type { FaultDirectory } from '../directory.js';
import { expectStatus } from '../http.js';
import { act, FLOW_WAIT_MS, waitUntil } from './inbox.js';
import type { WorkloadContext } from './types.js';

export interface ExpiringBatch {
  requestIds: string[];
  workflowIds: string[];
  /** The people's directory entries (DNs). */
  entries: string[];
  /** When the first and the last grant fall due (ms since the epoch). */
  firstDue: number;
  lastDue: number;
}

interface AccessRequestView {
  id: string;
  status: string;
  expiresAt: string | null;
  enforcedBy: string | null;
}

export async function startExpiringGrants(
  ctx: WorkloadContext,
  o: { temporalAddress: string; env: NodeJS.ProcessEnv; taskQueue: string; directory: FaultDirectory; count: number; windowMs: number; label: string },
): Promise<ExpiringBatch> {
  const me = expectStatus(await ctx.sessions.as<{ department: { id: string } | null }>('agent1', 'GET', '/api/me', { retryForMs: FLOW_WAIT_MS }), 'agent1 /api/me', 200);
  if (!me.department) throw new Error('agent1 has no department: is the demo directory seeded?');
  const departmentId = me.department.id;
  const people = await Promise.all(
    Array.from({ length: o.count }, async (_, i) => {
      const username = `exp-${ctx.runId}-${o.label}-${i}`;
      const r = await ctx.sessions.as<{ id: string }>('hr', 'POST', '/api/users', { body: { username, displayName: `Expiring grant ${i}`, roles: ['employee'], departmentId }, retryForMs: FLOW_WAIT_MS });
      const id = expectStatus(r, `hr creates ${username}`, 201).id;
      return { userId: id, employeeId: null, departmentId, entry: await o.directory.addPerson(username, 'fault-run-password') };
    }),
  );
  const connection = await Connection.connect({ address: o.temporalAddress });
  let requestIds: string[];
  try {
    const client = new Client({ connection, namespace: 'default', dataConverter: custodianDataConverter(o.env) });
    requestIds = await Promise.all(
      people.map((p) => startAccessRequest(client, { taskQueue: o.taskQueue, requester: p, durationMs: o.windowMs, justification: `fault load: expiring grant (${o.label})`, settings: { minDurationMs: o.windowMs } })),
    );
  } finally {
    await connection.close();
  }
  const active = await Promise.all(
    requestIds.map(async (id) => {
      for (const [user, step] of [['supervisor', 'supervisor_review'], ['leader', 'leadership_signoff'], ['it', 'it_enable']] as const) await act(ctx, user, id, step);
      return waitUntil<AccessRequestView, AccessRequestView>(ctx, 'it', `/api/access-requests/${id}`, (r) => r.status === 'active' && r, `expiring grant of ${id} active`);
    }),
  );
  const dues = active.map((r) => Date.parse(r.expiresAt!));
  return { requestIds, workflowIds: requestIds.map(accessRequestWorkflowId), entries: people.map((p) => p.entry), firstDue: Math.min(...dues), lastDue: Math.max(...dues) };
}
