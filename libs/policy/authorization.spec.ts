import { AUTHORIZATION, PERMISSIONS, permissionsOf, rolesFor } from './authorization.js';
import { ROLES } from './roles.js';

describe('the authorization table (libs/policy/authorization.ts)', () => {
  it('names only real roles, and every permission is held by someone', () => {
    for (const p of PERMISSIONS) {
      expect(rolesFor(p).length).toBeGreaterThan(0);
      for (const r of rolesFor(p)) expect(ROLES).toContain(r);
    }
    expect(PERMISSIONS).toContain('agentIds.manage');
    expect(PERMISSIONS.length).toBe(Object.values(AUTHORIZATION).reduce((n, a) => n + Object.keys(a).length, 0));
  });

  it('gives a person the permissions of all their roles, and nothing else', () => {
    expect(permissionsOf([])).toEqual([]);
    // EQ-4: an agent reports a hazard at once; the preamble's assessment: they read their own record.
    expect(permissionsOf(['employee'])).toEqual(['hazards.report', 'assessment.read']);
    const itAndHr = permissionsOf(['it', 'hr']);
    expect(itAndHr).toEqual(expect.arrayContaining(['enforcement.redeliver', 'onboarding.start', 'accessRequests.readAll']));
    expect(itAndHr).not.toContain('agentIds.manage');
  });

  it('the auditor holds reading permissions only (the auditor changes nothing)', () => {
    const auditor = permissionsOf(['auditor']);
    expect(auditor.sort()).toEqual(['accountChanges.readAll', 'agentIds.read', 'assessment.read', 'assessment.readAll', 'audit.read', 'computers.read', 'directory.readAll', 'duties.read', 'enforcement.read', 'hazards.read', 'media.read', 'responsibilities.read', 'rules.read', 'tasks.readAll', 'temporalCodec.decode', 'visitors.read'].sort());
  });
});
