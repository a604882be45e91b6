import { ErrorCode } from './errors.js';
import { assertVisible, canSee, readScope, rolesSatisfy } from './access.js';
import type { AuthUser, Role } from './roles.js';

const user = (roles: Role[], extra: Partial<AuthUser> = {}): AuthUser => ({
  userId: 'u1',
  username: 'u1',
  displayName: 'U One',
  roles,
  employeeId: null,
  departmentId: null,
  ...extra,
  departmentIds: extra.departmentIds ?? (extra.departmentId ? [extra.departmentId] : []),
});

describe('role rules', () => {
  it('the auditor passes read rules but never a write rule, even one that lists it', () => {
    expect(rolesSatisfy(['auditor', 'hr'], ['auditor'], 'GET')).toBe(true);
    expect(rolesSatisfy(['auditor', 'hr'], ['auditor'], 'POST')).toBe(false);
    expect(rolesSatisfy(['auditor', 'hr'], ['auditor'], 'DELETE')).toBe(false);
    expect(rolesSatisfy(['auditor', 'hr'], ['auditor', 'hr'], 'PATCH')).toBe(true);
    expect(rolesSatisfy(['hr'], ['employee'], 'GET')).toBe(false);
  });
});

describe('object-level scope', () => {
  const mine = { departmentId: 'd1', employeeId: 'e1' };
  const colleague = { departmentId: 'd1', employeeId: 'e2' };
  const elsewhere = { departmentId: 'd2', employeeId: 'e3' };

  it('an employee sees only their own records', () => {
    const s = readScope(user(['employee'], { employeeId: 'e1', departmentId: 'd1' }), ['hr']);
    expect([mine, colleague, elsewhere].map((o) => canSee(s, o))).toEqual([true, false, false]);
  });

  it('a supervisor sees their department', () => {
    const s = readScope(user(['supervisor'], { departmentId: 'd1' }), ['hr']);
    expect([mine, colleague, elsewhere].map((o) => canSee(s, o))).toEqual([true, true, false]);
  });

  it('a supervisor of two departments sees both (departmentIds), not only the primary one', () => {
    const s = readScope(user(['supervisor'], { departmentId: 'd1', departmentIds: ['d1', 'd2'] }), ['hr']);
    expect([mine, colleague, elsewhere, { departmentId: 'd9', employeeId: 'e9' }].map((o) => canSee(s, o))).toEqual([true, true, true, false]);
  });

  it('the auditor and the listed readers see everything', () => {
    expect(canSee(readScope(user(['auditor']), []), elsewhere)).toBe(true);
    expect(canSee(readScope(user(['hr']), ['hr']), elsewhere)).toBe(true);
  });

  it('a record of another department is reported missing, not forbidden', () => {
    const s = readScope(user(['supervisor'], { departmentId: 'd1' }), []);
    expect(() => assertVisible(s, elsewhere, 'employee', 'e3')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
  });
});
