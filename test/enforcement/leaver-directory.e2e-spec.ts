import { Client } from 'ldapts';
import { ensureEntry } from '../../libs/enforcement/slapd.js';
import { enabledExternal, type ProcessStack, startProcessStack, until } from '../support/process-stack.js';
import { eventually, startEnforcementStack, type EnforcementStack } from '../support/enforcement.js';

/**
 * INF-13, AID-1: a leaver is out of the network as soon as the offboarding starts. The real proxy (Squid)
 * asks the real directory (OpenLDAP with the password-policy overlay), which the worker changes.
 */
let e: EnforcementStack;
let s: ProcessStack;
const PW = 'directory-password-1';
/** The proxy trusts the directory's answers for 2 s; a change must show within that plus 5 s. */
const PROXY_WITHIN = 7_000;
let usbGroupDn: string;

beforeAll(async () => {
  e = await startEnforcementStack({ ttlSeconds: 2 });
  // A second managed kind, so "every managed group" means more than one.
  usbGroupDn = `cn=usb-users,${e.slapd.groupsDn}`;
  const admin = new Client({ url: e.slapd.url });
  await admin.bind(e.settings.bindDn, e.settings.bindPassword);
  await ensureEntry(admin, usbGroupDn, { objectClass: ['top', 'groupOfNames'], cn: 'usb-users', member: e.settings.placeholderMember! });
  await admin.unbind();
  // OpenLDAP's way to refuse every bind of an entry: ppolicy's permanent lock (slapd.ts).
  const disable = { attribute: 'pwdAccountLockedTime', value: '000001010000Z' };
  s = await startProcessStack({
    enforcement: { ...e.enforcement, directory: { ...e.settings, disable }, groups: { ...e.enforcement.groups, usb_media: usbGroupDn } },
    apiEnv: { ...e.apiEnv, LDAP_GROUP_USB_MEDIA: usbGroupDn, LDAP_DISABLE_ATTRIBUTE: disable.attribute, LDAP_DISABLE_VALUE: disable.value },
  });
  for (const u of ['agent1', 'agent2']) await e.addPerson(u, PW);
}, 120_000);
afterAll(async () => {
  await s?.close();
  await e?.stop();
});

describe('leavers in the directory (real slapd and squid)', () => {
  it('INF-13, AID-1: the leaver proxy sign-in fails after offboarding starts: 407 within the proxy TTL + 5 s, and no managed group lists them', async () => {
    const entry = `uid=agent1,${e.slapd.peopleDn}`;
    const other = `uid=agent2,${e.slapd.peopleDn}`;
    const requestId = await enabledExternal(s, 'agent1');
    expect(await eventually(() => e.browse('agent1', PW), 200, PROXY_WITHIN)).toBe(200);
    // Added by hand, no grant: offboarding removes it too. agent2, in the same group, stays.
    await e.directory.addMember(usbGroupDn, entry);
    await e.directory.addMember(e.internetGroupDn, other);
    const employeeId: string = (await (await s.as('agent1'))('GET', '/api/me')).body.employee.id;

    const started = await (await s.as('hr'))('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [] });
    expect(started.status).toBe(201);
    // 407, not 403: squid authenticates first (`deny !signed_in`) by binding as the person, and the
    // disabled entry can no longer bind. Removal from the group alone would give 403.
    expect(await eventually(() => e.browse('agent1', PW), 407, PROXY_WITHIN)).toBe(407);
    expect(await e.directory.verifyPassword('agent1', PW)).toBe(false);
    expect(await e.directory.isMember(e.internetGroupDn, entry)).toBe(false);
    expect(await e.directory.isMember(usbGroupDn, entry)).toBe(false);
    expect(await e.directory.isMember(e.internetGroupDn, other)).toBe(true);
    expect(await e.browse('agent2', PW)).toBe(200);

    const recorded = await until(async () => (await s.db.dataSource.query(`SELECT payload FROM event_log WHERE type = 'directory.person_deprovisioned'`)).map((r: any) => r.payload)[0], 'person deprovisioned');
    expect(recorded).toMatchObject({ entry, disabled: true, employeeId, username: 'agent1' });
    expect([...recorded.removedFrom].sort()).toEqual([e.internetGroupDn, usbGroupDn].sort());
    expect([...recorded.groups].sort()).toEqual([e.internetGroupDn, usbGroupDn].sort());
    // The grant ends through its own path; its removal finds the member gone (idempotent, recorded once).
    await until(async () => (await s.db.dataSource.query(`SELECT 1 FROM event_log WHERE type = 'grant.deprovisioned' AND subject = $1`, [`access-request:${requestId}`])).length === 1, 'grant deprovisioned');
    const [{ n }] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM event_log WHERE type = 'directory.person_deprovisioned'`);
    expect(n).toBe(1);
  }, 180_000);
});
