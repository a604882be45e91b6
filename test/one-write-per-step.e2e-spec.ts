import { accessRequestSubject } from '../libs/policy/workflow-ids.js';
import { enabledExternal, startProcessStack, until, type ProcessStack } from './support/process-stack.js';
import { connectDevServer } from './support/temporal.js';

/**
 * An access request takes one write per step (README "Architecture"): what follows from a step is
 * written in that step's transaction, so nobody waits for a second write and no reader sees the first
 * without the second. Checked on the event log itself: rows one transaction wrote share its xmin.
 */
let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());

interface Row {
  type: string;
  txid: string;
  step: string | null;
}

it('SYS-1: each step of an external-network request is one transaction: a decision with the next stage, the grant with its step and notice, the end with the removal task, the last notice and the process end; the request holds the removal task until IT (not the holder) has done it', async () => {
  const id = await enabledExternal(s, 'agent1');
  const agent1 = await s.as('agent1');
  expect((await agent1('POST', `/api/access-requests/${id}/revoke`, { reason: 'campaign over early' })).status).toBe(200);
  // No connector in this stack: IT switches it off by hand, from a task opened with the end.
  const rows: Row[] = await until(async () => {
    const r: Row[] = await s.db.dataSource.query(
      `SELECT e.type, e.xmin::text AS txid, COALESCE(e.payload->>'step', t.step) AS step
         FROM event_log e LEFT JOIN tasks t ON e.subject = 'task:' || t.id::text
        WHERE e.subject = $1 OR t.process_key = $2
        ORDER BY e.seq`,
      [accessRequestSubject(id), id],
    );
    return r.some((x) => x.type === 'process.finished') && r.some((x) => x.type === 'task.opened' && x.step === 'it_disable') ? r : null;
  }, 'the end recorded');
  const tx = (pred: (r: Row) => boolean): string => {
    const found = rows.filter(pred);
    expect(found).toHaveLength(1);
    return found[0]!.txid;
  };
  const decided = (step: string) => tx((r) => r.type === 'task.decided' && r.step === step);
  const opened = (step: string) => tx((r) => r.type === 'task.opened' && r.step === step);
  const stepRecorded = (step: string) => tx((r) => r.type === 'process.step_recorded' && r.step === step);

  // A decision, the step it settles and the next stage's task.
  expect(new Set([decided('supervisor_review'), stepRecorded('supervisor_review'), opened('leadership_signoff')]).size).toBe(1);
  expect(new Set([decided('leadership_signoff'), stepRecorded('leadership_signoff'), opened('it_enable')]).size).toBe(1);
  // IT's enablement: the grant, its 'active' step and the holder's notice.
  const activated = tx((r) => r.type === 'grant.activated');
  expect(stepRecorded('active')).toBe(activated);
  expect(rows.filter((r) => r.type === 'notification.sent' && r.txid === activated)).toHaveLength(1);
  // The end: the grant ended, IT's removal task, the last notice and the process's end (nothing in between).
  const ended = tx((r) => r.type === 'grant.ended');
  expect(opened('it_disable')).toBe(ended);
  expect(tx((r) => r.type === 'process.finished')).toBe(ended);
  expect(rows.filter((r) => r.type === 'notification.sent' && r.txid === ended)).toHaveLength(1);
  // Every transaction above is a different one: four steps, four writes (plus the submission's own).
  expect(new Set([decided('supervisor_review'), decided('leadership_signoff'), decided('it_enable'), activated, ended]).size).toBe(5);

  // IT's removal task is held by the request's own workflow (no workflow started per removal), which ends
  // once IT has done it: the request was recorded as ended before that.
  const [removal] = await s.db.dataSource.query(`SELECT t.id::text AS id, t.workflow_id, r.workflow_id AS request_workflow FROM tasks t JOIN access_requests r ON r.id = t.process_key::uuid WHERE t.process_key = $1 AND t.step = 'it_disable'`, [id]);
  expect(removal.workflow_id).toBe(removal.request_workflow);
  // The holder never reports their own access switched off (the rule binds an IT holder alike: the workflow test).
  const own = await agent1('POST', `/api/tasks/${removal.id}/complete`, { outcome: 'done' });
  expect([own.status, own.body.code]).toEqual([403, 'SEPARATION_OF_DUTIES']);
  const it = await s.as('it');
  expect((await it('POST', `/api/tasks/${removal.id}/complete`, { outcome: 'done', comment: 'proxy rule removed' })).status).toBe(200);
  await until(async () => (await s.db.dataSource.query(`SELECT 1 FROM event_log WHERE subject = $1 AND type = 'grant.deprovisioned'`, [accessRequestSubject(id)])).length === 1, 'the removal recorded');
  const env = await connectDevServer({ custodian: true });
  try {
    await until(async () => (await env.client.workflow.getHandle(removal.request_workflow).describe()).status.name === 'COMPLETED', 'the request workflow completed');
  } finally {
    await env.teardown();
  }
});
