import { enabledExternal, type ProcessStack, reauthenticated, startProcessStack, until } from '../support/process-stack.js';
import { connectDevServer } from '../support/temporal.js';
import { createEnforcementActivities } from '../../activities/enforcement.activities.js';
import { reconcileScheduleId } from '../../apps/api/src/enforcement/enforcement.service.js';
import { eventually, startEnforcementStack, type EnforcementStack } from '../support/enforcement.js';

/**
 * A grant takes effect in the network and ends there on time (SYS-1, SYS-5): the real proxy (Squid) asks
 * the real directory (OpenLDAP) that Custodian's worker changes when IT enables and when the grant ends.
 */
let e: EnforcementStack;
let s: ProcessStack;
const PW = 'directory-password-1';
/** The proxy trusts the directory's answers for 2 s; a change must show within that plus 5 s. */
const PROXY_WITHIN = 7_000;

beforeAll(async () => {
  e = await startEnforcementStack({ ttlSeconds: 2 });
  s = await startProcessStack({ enforcement: e.enforcement, apiEnv: e.apiEnv });
  for (const u of ['agent1', 'agent2']) await e.addPerson(u, PW);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await e?.stop();
});

const eventsOf = async (type: string, requestId: string) =>
  (await s.db.dataSource.query(`SELECT payload FROM event_log WHERE type = $1 AND subject = $2`, [type, `access-request:${requestId}`])).map((r: any) => r.payload);

describe('grants enforced by the directory, seen through the proxy', () => {
  it('SYS-1: the proxy denies agent1, lets them through once IT enabled the approved request, and denies again when the window runs out; agent2 revoked early is denied at once', async () => {
    expect(await e.browse('agent1', PW)).toBe(403);
    const expiring = await enabledExternal(s, 'agent1', { ms: 20_000 });
    // The directory confirmed the member before the grant became active: the proxy lets them through.
    expect(await eventually(() => e.browse('agent1', PW), 200, PROXY_WITHIN)).toBe(200);
    expect(await eventsOf('grant.provisioned', expiring)).toEqual([expect.objectContaining({ group: e.internetGroupDn, entry: `uid=agent1,${e.slapd.peopleDn}`, system: 'directory' })]);

    const revoked = await enabledExternal(s, 'agent2', { minutes: 600 });
    expect(await eventually(() => e.browse('agent2', PW), 200, PROXY_WITHIN)).toBe(200);
    expect((await (await s.as('agent2'))('POST', `/api/access-requests/${revoked}/revoke`, { reason: 'done early' })).status).toBe(200);
    await until(async () => (await eventsOf('grant.deprovisioned', revoked)).length === 1, 'agent2 removed from the group');
    expect(await eventually(() => e.browse('agent2', PW), 403, PROXY_WITHIN)).toBe(403);
    expect(await e.browse('agent1', PW)).toBe(200); // the other grant is untouched

    // 20 s after enablement the grant expires, and the directory no longer lists agent1.
    await until(async () => (await eventsOf('grant.deprovisioned', expiring)).length === 1, 'agent1 removed at expiry', 90_000);
    expect(await eventually(() => e.browse('agent1', PW), 403, PROXY_WITHIN)).toBe(403);
    expect(await eventsOf('grant.deprovisioned', expiring)).toEqual([expect.objectContaining({ reason: 'expired', entry: `uid=agent1,${e.slapd.peopleDn}` })]);
  }, 180_000);

  it('SYS-5: the cut-off empties the external-network group in one operation, members without a grant too, and says how many; everyone is denied within 10 s', async () => {
    await enabledExternal(s, 'agent1', { minutes: 600 });
    await enabledExternal(s, 'agent2', { minutes: 600 });
    const byHand = await e.addPerson('contractor', PW);
    await e.directory.addMember(e.internetGroupDn, byHand); // added by hand, no grant
    for (const u of ['agent1', 'agent2', 'contractor']) expect(await eventually(() => e.browse(u, PW), 200, PROXY_WITHIN)).toBe(200);

    const cut = await (await reauthenticated(s, 'it'))('POST', '/api/emergency/external-access/revoke-all', { reason: 'suspected intrusion' });
    expect(cut.status).toBe(200);
    expect(cut.body).toMatchObject({ revoked: 2, directoryRemoved: 3 });
    expect(await e.directory.members(e.internetGroupDn)).toEqual([]);
    for (const u of ['agent1', 'agent2', 'contractor']) expect(await eventually(() => e.browse(u, PW), 403, 10_000)).toBe(403);
    const [emptied] = (await s.db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'directory.group_emptied'`)).map((r: any) => r.payload);
    expect(emptied).toMatchObject({ kind: 'external_network', removed: 3, entries: expect.arrayContaining([byHand]) });
  }, 120_000);

  it('SYS-1: reconciliation finds a member added by hand with ldapmodify and no grant, removes it and records the drift for IT', async () => {
    const it = await s.as('it');
    const intruder = await e.addPerson('walkin', PW);
    await e.ldapmodify(`dn: ${e.internetGroupDn}\nchangetype: modify\nadd: member\nmember: ${intruder}\n`);
    expect(await e.directory.isMember(e.internetGroupDn, intruder)).toBe(true);
    const r = await it('POST', '/api/it/enforcement/reconcile');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ found: 1, corrected: 1, mode: 'correct' });
    expect(await e.directory.isMember(e.internetGroupDn, intruder)).toBe(false);
    const status = await it('GET', '/api/it/enforcement');
    expect(status.body.drift).toEqual(expect.arrayContaining([expect.objectContaining({ entry: intruder, direction: 'member_without_grant', corrected: true })]));
    expect((await (await s.as('agent1'))('POST', '/api/it/enforcement/reconcile')).status).toBe(403);
    expect((await (await s.as('agent1'))('GET', '/api/it/enforcement')).status).toBe(403);
  }, 60_000);

  it('SYS-1: with the directory down when a grant expires, the removal is retried and shown to IT with its error, nothing is recorded as removed; once it is back the member is gone and the removal recorded once', async () => {
    const id = await enabledExternal(s, 'agent2', { ms: 15_000 });
    const [grant] = await s.db.dataSource.query(`SELECT id::text AS id FROM grants WHERE request_id = $1`, [id]);
    await e.stopDirectory();
    try {
      const it = await s.as('it');
      const pending = await until(async () => (await it('GET', '/api/it/enforcement')).body.removalPending.find((g: any) => g.grantId === grant.id && g.attempts >= 1), 'a failed removal shown to IT', 60_000);
      expect(pending).toMatchObject({ requestId: id, entry: `uid=agent2,${e.slapd.peopleDn}`, lastError: expect.any(String) });
      // Ended in the records, and shown as not yet removed from the directory…
      expect(await until(async () => (await it('GET', `/api/access-requests/${id}`)).body.removalPending, 'removal pending')).toBe(true);
      expect((await s.db.dataSource.query(`SELECT status FROM grants WHERE id = $1`, [grant.id]))[0].status).toBe('ended');
      expect(await eventsOf('grant.deprovisioned', id)).toEqual([]); // …but not claimed removed
    } finally {
      await e.restartDirectory();
    }
    await until(async () => (await eventsOf('grant.deprovisioned', id)).length === 1, 'the removal once the directory is back', 90_000);
    expect(await e.directory.isMember(e.internetGroupDn, `uid=agent2,${e.slapd.peopleDn}`)).toBe(false);
    expect((await (await s.as('it'))('GET', `/api/access-requests/${id}`)).body).toMatchObject({ enforcedBy: 'directory', removalPending: false });
    expect((await (await s.as('it'))('GET', '/api/it/enforcement')).body.removalPending.map((g: any) => g.grantId)).not.toContain(grant.id);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await eventsOf('grant.deprovisioned', id)).toHaveLength(1);
  }, 180_000);

  it('RECONCILE_MODE=report lists drift both ways without changing the directory', async () => {
    const acts = createEnforcementActivities(s.events, { ...e.enforcement, reconcileMode: 'report' });
    const stray = await e.addPerson('visitor', PW);
    await e.directory.addMember(e.internetGroupDn, stray);
    const active = await enabledExternal(s, 'agent1', { minutes: 600 });
    const holder = `uid=agent1,${e.slapd.peopleDn}`;
    await e.directory.removeMember(e.internetGroupDn, holder); // removed by hand while the grant is active
    const r = await acts.reconcileDirectory({ key: `report-${active}`, mode: 'report', by: 'test' });
    expect(r.corrected).toBe(0);
    expect(r.found).toBeGreaterThanOrEqual(1);
    expect(await e.directory.isMember(e.internetGroupDn, stray)).toBe(true);
    const drift = await s.db.dataSource.query(`SELECT entry, direction, corrected FROM directory_drift WHERE seen_by = 'test'`);
    expect(drift).toEqual(expect.arrayContaining([{ entry: stray, direction: 'member_without_grant', corrected: false }]));
    await e.directory.removeMember(e.internetGroupDn, stray);
  }, 90_000);

  it('the Temporal Schedule runs reconciliation by itself (RECONCILE_MODE of the worker, the system as actor)', async () => {
    const stray = await e.addPerson('scheduled-walkin', PW);
    await e.ldapmodify(`dn: ${e.internetGroupDn}\nchangetype: modify\nadd: member\nmember: ${stray}\n`);
    const env = await connectDevServer({ custodian: true });
    try {
      await env.client.schedule.getHandle(reconcileScheduleId(s.taskQueue)).trigger();
    } finally {
      await env.teardown();
    }
    await until(async () => !(await e.directory.isMember(e.internetGroupDn, stray)), 'the scheduled run removes the stray member', 60_000);
    expect(await s.db.dataSource.query(`SELECT direction, corrected, seen_by FROM directory_drift WHERE entry = $1`, [stray])).toEqual([
      { direction: 'member_without_grant', corrected: true, seen_by: 'system:reconcile' },
    ]);
  }, 90_000);
});
