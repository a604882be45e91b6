import { type ProcessStack, reauthenticated, startProcessStack, taskOf, until } from './support/process-stack.js';

/**
 * AID-2: a privileged agent ID lent for an approved window is one grant. However it ends — expiry,
 * revoke, offboarding, or the custodian taking the ID back by hand — the grant and the check-out end
 * together, through the request's own workflow (one writer per grant).
 */
let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
}, 60_000);
afterAll(async () => s?.close());

/** A special agent-ID request of `requester`, approved by the superior and the call center manager. */
async function activeSpecialId(requester: string): Promise<{ id: string; code: string }> {
  const created = await (await s.as(requester))('POST', '/api/access-requests', { kind: 'special_agent_id', justification: 'callback campaign', durationMinutes: 120 });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  // INF-12, AID-2: deciding a special agent-ID request needs the password typed again.
  const [sup, ccm] = await Promise.all([reauthenticated(s, 'supervisor'), reauthenticated(s, 'ccmanager')]);
  expect((await sup('POST', `/api/tasks/${(await taskOf(sup, id, 'superior_review')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
  expect((await ccm('POST', `/api/tasks/${(await taskOf(ccm, id, 'cc_manager_approval')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
  const active = await until(async () => {
    const r = (await ccm('GET', `/api/access-requests/${id}`)).body;
    return r.status === 'active' && r;
  }, 'active special agent-ID grant');
  expect(active.resource).toMatch(/^P\d+$/);
  return { id, code: active.resource };
}

const grantOf = async (requestId: string) =>
  (await s.db.dataSource.query(`SELECT status, end_reason, ended_by FROM grants WHERE request_id = $1`, [requestId]))[0];

describe('privileged agent IDs and their grants over HTTP', () => {
  it('AID-2: checking a lent privileged ID in by hand ends its grant too, recorded by the request workflow, and frees the ID', async () => {
    const ccm = await s.as('ccmanager');
    const { id, code } = await activeSpecialId('agent1');
    const ccmUserId: string = (await ccm('GET', '/api/me')).body.id;

    const back = await ccm('POST', `/api/agent-ids/${code}/check-in`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ code, checkedOutToEmployeeId: null });
    // The grant ended when the ID came back: no active grant names an ID nobody holds.
    expect(await grantOf(id)).toMatchObject({ status: 'ended', end_reason: 'revoked', ended_by: ccmUserId });
    const request = await until(async () => {
      const r = (await ccm('GET', `/api/access-requests/${id}`)).body;
      return r.status !== 'active' && r;
    }, 'request ended');
    expect(request.status).toBe('revoked');
    // Once: the workflow ended the grant and checked the ID in; nothing checked it in twice.
    const [{ n }] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'agent_id.checked_in' AND subject = $1`, [`agent-id:${code}`]);
    expect(n).toBe(1);
    // The ID can be lent again at once.
    const again = await activeSpecialId('agent2');
    expect(again.code).toBe(code);
  }, 90_000);

  it('AID-2: suspending or retiring a privileged ID while a grant holds it is refused (409) and names the way: check it in', async () => {
    const admin = await s.as('idadmin');
    const { id, code } = await activeSpecialId('agent1');
    for (const action of ['suspend', 'retire']) {
      const r = await admin('POST', `/api/agent-ids/${code}/${action}`, { reason: 'test' });
      expect(r.status).toBe(409);
      expect(r.body.message).toContain('check-in');
    }
    expect(await grantOf(id)).toMatchObject({ status: 'active' });
    expect((await admin('POST', `/api/agent-ids/${code}/check-in`)).status).toBe(200);
    expect(await grantOf(id)).toMatchObject({ status: 'ended' });
  }, 90_000);
});
