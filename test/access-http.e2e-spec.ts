import { connectDevServer } from './support/temporal.js';
import { type Caller, enabledExternal, type ProcessStack, reauthenticated, startProcessStack, taskOf, until } from './support/process-stack.js';

let s: ProcessStack;
beforeAll(async () => {
  s = await startProcessStack();
});
afterAll(async () => s?.close());


describe('access requests over HTTP (real dev server, real worker)', () => {
  it('SYS-1: supervisor review, leadership sign-off, one IT person enables; the requester cannot decide; a second decision is 409; the window starts at enablement', async () => {
    const [agent1, sup, leader, it] = await Promise.all([s.as('agent1'), s.as('supervisor'), s.as('leader'), s.as('it')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'supplier research', durationMinutes: 600 });
    expect(created.body).toMatchObject({ status: 'pending', kind: 'external_network', durationMinutes: 600, enabledAt: null });
    const id = created.body.id;
    expect((await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'a long campaign', durationMinutes: 200 * 24 * 60 })).status).toBe(400); // over the maximum
    // SYS-1: the reviewers get a reason to review: a justification under 10 characters is refused, saying so.
    const short = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'too short', durationMinutes: 600 });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/justification must be longer than or equal to 10 characters/);

    const review = await taskOf(sup, id, 'supervisor_review');
    expect(review.title.en).toMatch(/^SYS-1: /);
    expect(review.context).toMatchObject({ requesterName: expect.any(String), justification: 'supplier research', durationMinutes: 600 });
    expect((await agent1('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(403);
    expect((await leader('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(404); // not theirs to see yet
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'reject' })).status).toBe(400); // a refusal needs a reason
    const approved = await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve', comment: 'fine' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'decided' });
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, { outcome: 'approve' })).status).toBe(409);

    const signoff = await taskOf(leader, id, 'leadership_signoff');
    // The requester sees what it waits on now: leadership, not the review it passed.
    expect((await agent1('GET', `/api/access-requests/${id}`)).body.stage).toBe('leadership_signoff');
    expect((await leader('GET', `/api/tasks/${signoff.id}`)).body.history).toEqual([expect.objectContaining({ stage: 'supervisor_review', outcome: 'approve', comment: 'fine' })]);
    expect((await leader('POST', `/api/tasks/${signoff.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const enable = await taskOf(it, id, 'it_enable');
    expect((await it('POST', `/api/tasks/${enable.id}/claim`)).body).toMatchObject({ claimedBy: expect.any(String), assigneeId: expect.any(String) });
    expect((await it('GET', '/api/tasks?mine=true')).body.items.map((t: any) => t.id)).toContain(enable.id);
    expect((await it('POST', `/api/tasks/${enable.id}/complete`, { outcome: 'done' })).status).toBe(200);

    const active = await until(async () => {
      const r = (await agent1('GET', `/api/access-requests/${id}`)).body;
      return r.status === 'active' && r;
    }, 'active');
    expect(Date.parse(active.expiresAt) - Date.parse(active.enabledAt)).toBe(600 * 60_000);
    // SYS-1: the IT person who enabled it is recorded by name.
    expect(active.enabledByName).toEqual(expect.any(String));
    expect(active.timeline.map((e: any) => e.type)).toEqual(['requested', 'approved', 'approved', 'enabled']);

    expect((await (await s.as('agent2'))('POST', `/api/access-requests/${id}/revoke`, { reason: 'x' })).status).toBe(404); // another's request
    expect((await agent1('POST', `/api/access-requests/${id}/revoke`, { reason: 'done early' })).status).toBe(200);
    await until(async () => (await agent1('GET', `/api/access-requests/${id}`)).body.status === 'revoked', 'revoked');
  });

  it('SYS-5: the emergency cut-off revokes every active external network grant within seconds, and is audited', async () => {
    const ids = await Promise.all([enabledExternal(s, 'agent1'), enabledExternal(s, 'agent2')]);
    expect((await (await s.as('security'))('POST', '/api/emergency/external-access/revoke-all', { reason: 'x' })).status).toBe(403);
    const it = await s.as('it');
    // SYS-5 is privileged: refused until the password is typed again, then done with the token that carries it.
    expect((await it('POST', '/api/emergency/external-access/revoke-all', { reason: 'suspected intrusion' })).body.code).toBe('REAUTHENTICATION_REQUIRED');
    const cut = await (await reauthenticated(s, 'it'))('POST', '/api/emergency/external-access/revoke-all', { reason: 'suspected intrusion' });
    expect(cut.status).toBe(200);
    expect(cut.body.requestIds.sort()).toEqual([...ids].sort());
    // "Within seconds": each request shows the cut-off within the wait's 10 s bound.
    for (const id of ids) await until(async () => (await it('GET', `/api/access-requests/${id}`)).body.endReason === 'emergency_cut_off', 'cut off', 10_000);
    // Traceable: the timeline names who cut it off and why.
    const ended = (await it('GET', `/api/access-requests/${ids[0]}`)).body.timeline.at(-1);
    expect(ended).toMatchObject({ type: 'emergency_cut_off', actorName: expect.any(String) });
    expect(ended.comment).toContain('suspected intrusion');
    const [audit] = await s.db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'emergency.external_access_cut_off'`);
    expect(audit.payload).toMatchObject({ reason: 'suspected intrusion' });
    const [grants] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM grants WHERE request_id = ANY($1) AND status = 'active'`, [ids]);
    expect(grants.n).toBe(0);
  });

  it('SYS-5: the cut-off also stops requests in approval and awaiting enablement (they end cancelled, never active) and closes one whose workflow is gone; audited', async () => {
    const [agent1, agent2, sup, leader, it] = await Promise.all([s.as('agent1'), s.as('agent2'), s.as('supervisor'), s.as('leader'), s.as('it')]);
    const ask = async (who: Caller) => (await who('POST', '/api/access-requests', { kind: 'external_network', justification: 'vendor portal', durationMinutes: 600 })).body.id as string;
    const active = await enabledExternal(s, 'agent1');
    const inReview = await ask(agent2);
    await taskOf(sup, inReview, 'supervisor_review');
    const awaitingIt = await ask(agent1);
    expect((await sup('POST', `/api/tasks/${(await taskOf(sup, awaitingIt, 'supervisor_review')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
    expect((await leader('POST', `/api/tasks/${(await taskOf(leader, awaitingIt, 'leadership_signoff')).id}/complete`, { outcome: 'approve' })).status).toBe(200);
    const enable = await taskOf(it, awaitingIt, 'it_enable');
    // A request whose workflow was terminated: only the domain can still close it.
    const gone = await ask(agent2);
    await taskOf(sup, gone, 'supervisor_review');
    const temporal = await connectDevServer();
    try {
      await temporal.client.workflow.getHandle((await it('GET', `/api/access-requests/${gone}`)).body.workflowId).terminate('test: a workflow that is gone');
    } finally {
      await temporal.teardown();
    }

    const cut = await (await reauthenticated(s, 'it'))('POST', '/api/emergency/external-access/revoke-all', { reason: 'firewall breach' });
    expect(cut.status).toBe(200);
    expect(cut.body).toMatchObject({ revoked: 1, stopped: 3 });
    expect([...cut.body.requestIds].sort()).toEqual([active, inReview, awaitingIt, gone].sort());
    const ended = async (id: string) => until(async () => {
      const r = (await it('GET', `/api/access-requests/${id}`)).body;
      return r.endReason === 'emergency_cut_off' && r;
    }, `cut-off of ${id}`, 10_000);
    expect((await ended(active)).status).toBe('revoked');
    for (const id of [inReview, awaitingIt, gone]) expect(await ended(id)).toMatchObject({ status: 'cancelled', enabledAt: null });
    expect((await it('POST', `/api/tasks/${enable.id}/complete`, { outcome: 'done' })).status).toBe(409); // too late to enable

    const ids = [active, inReview, awaitingIt, gone];
    const [open] = await s.db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM grants WHERE request_id = ANY($1) AND status = 'active') AS grants,
              (SELECT count(*)::int FROM tasks t JOIN access_requests ar ON ar.workflow_id = t.workflow_id WHERE ar.id = ANY($1) AND t.status = 'open' AND t.step <> 'it_disable') AS tasks,
              (SELECT array_agg(t.process_key) FROM tasks t WHERE t.process_key = ANY($1::text[]) AND t.status = 'open' AND t.step = 'it_disable') AS removals`,
      [ids],
    );
    // No approval or enablement left open; the grant that was active leaves IT its task to switch it off (no directory here).
    expect(open).toEqual({ grants: 0, tasks: 0, removals: [active] });
    const [audit] = await s.db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'emergency.external_access_cut_off' AND payload->>'reason' = 'firewall breach'`);
    expect(audit.payload).toMatchObject({ active: [active], stopped: expect.arrayContaining([inReview, awaitingIt, gone]) });
    const [closed] = await s.db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'process.finished' AND subject = $1`, [`access-request:${gone}`]);
    expect(closed.payload.result).toMatchObject({ endReason: 'emergency_cut_off', closedWithoutWorkflow: true });
  });
});
