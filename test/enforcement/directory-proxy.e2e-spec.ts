import { eventually, startEnforcementStack, type EnforcementStack } from '../support/enforcement.js';

/**
 * The directory connector against a real OpenLDAP, and a real Squid that asks that directory: a
 * membership change is what decides whether a person reaches the Internet (SYS-1, SYS-5).
 */
describe('directory connector and proxy (real slapd and squid)', () => {
  let s: EnforcementStack;
  beforeAll(async () => {
    s = await startEnforcementStack({ ttlSeconds: 2 });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('SYS-1: the proxy denies a person outside the external-network group and lets them through once the connector adds them, then denies again after removal', async () => {
    const dn = await s.addPerson('alice', 'alice-directory-pw');
    expect(await s.browse('alice', 'alice-directory-pw')).toBe(403);
    await s.directory.addMember(s.internetGroupDn, dn);
    expect(await eventually(() => s.browse('alice', 'alice-directory-pw'), 200, 7_000)).toBe(200);
    await s.directory.removeMember(s.internetGroupDn, dn);
    expect(await eventually(() => s.browse('alice', 'alice-directory-pw'), 403, 7_000)).toBe(403);
  });

  it('a wrong directory password at the proxy is 407', async () => {
    await s.addPerson('bob', 'bob-directory-pw');
    expect(await s.browse('bob', 'not-his-password')).toBe(407);
  });

  it('adding a member twice and removing one who is gone are both success (a retried activity)', async () => {
    const dn = await s.addPerson('carol', 'carol-directory-pw');
    await s.directory.addMember(s.internetGroupDn, dn);
    await s.directory.addMember(s.internetGroupDn, dn);
    expect((await s.directory.members(s.internetGroupDn)).filter((m) => m === dn)).toHaveLength(1);
    await s.directory.removeMember(s.internetGroupDn, dn);
    await s.directory.removeMember(s.internetGroupDn, dn);
    expect(await s.directory.isMember(s.internetGroupDn, dn)).toBe(false);
  });

  it('SYS-5: emptying the group removes every member in one operation, including one added by hand, and says how many', async () => {
    const dns = await Promise.all(['dave', 'erin', 'frank'].map((u) => s.addPerson(u, `${u}-directory-pw`)));
    for (const dn of dns) await s.directory.addMember(s.internetGroupDn, dn);
    expect(await eventually(() => s.browse('erin', 'erin-directory-pw'), 200, 7_000)).toBe(200);
    expect(await s.directory.emptyGroup(s.internetGroupDn)).toBe(3);
    expect(await s.directory.members(s.internetGroupDn)).toEqual([]);
    expect(await eventually(() => s.browse('erin', 'erin-directory-pw'), 403, 7_000)).toBe(403);
  });

  it('finds people by username with the value escaped: an LDAP-injection name matches nobody', async () => {
    await s.addPerson('grace', 'grace-directory-pw');
    expect(await s.directory.findUserDn('grace')).toBe(`uid=grace,${s.slapd.peopleDn}`);
    expect(await s.directory.findUserDn('*')).toBeNull();
    expect(await s.directory.findUserDn('*)(uid=*')).toBeNull();
    expect(await s.directory.verifyPassword('*)(uid=*', 'grace-directory-pw')).toBe(false);
  });

  it('verifies a directory password by binding as the person: right one true, wrong or empty false', async () => {
    await s.addPerson('heidi', 'heidi-directory-pw');
    expect(await s.directory.verifyPassword('heidi', 'heidi-directory-pw')).toBe(true);
    expect(await s.directory.verifyPassword('heidi', 'wrong')).toBe(false);
    expect(await s.directory.verifyPassword('heidi', '')).toBe(false);
    expect(await s.directory.verifyPassword('nobody-here', 'x')).toBe(false);
  });
});
