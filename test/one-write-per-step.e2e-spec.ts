import { accessRequestSubject } from '../libs/policy/workflow-ids.js';
import { enabledExternal, startProcessStack, until, type ProcessStack } from './support/process-stack.js';

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

it('SYS-1: each step of an external-network request is one transaction: a decision with the next stage, the grant with its step and notice, the end with the removal task, the last notice with the process end', async () => {
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
  // The end: the grant ended and IT's removal task; then the last notice and the process's end.
  const ended = tx((r) => r.type === 'grant.ended');
  expect(opened('it_disable')).toBe(ended);
  const finished = tx((r) => r.type === 'process.finished');
  expect(rows.filter((r) => r.type === 'notification.sent' && r.txid === finished)).toHaveLength(1);
  // Every transaction above is a different one: five steps, five writes (plus the submission's own).
  expect(new Set([decided('supervisor_review'), decided('leadership_signoff'), decided('it_enable'), activated, ended, finished]).size).toBe(6);
});
