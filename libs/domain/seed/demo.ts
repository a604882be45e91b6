import type { DataSource } from 'typeorm';
import type { Role } from '../../policy/roles.js';
import { assignCustodian, assignNextStandardId, createRange } from '../agent-ids/commands.js';
import { createDepartment, updateDepartment } from '../directory/departments.js';
import { activateEmployee, createEmployee } from '../directory/employees.js';
import { createUser } from '../directory/users.js';
import { command } from '../command.js';
import { currentAgreement } from '../onboarding/agreement.js';
import { signAgreement } from '../onboarding/agreements.js';
import type { EventStore } from '../events/event-store.js';

/** Every demo account's password. Development only: the launcher enables the seed on its embedded database. */
export const DEMO_PASSWORD = 'demo-password';
export const DEMO_DEPARTMENT = 'outbound-1';
const SEED_KEY = 'seed:demo:v1';

/** One account per role of docs/policy.md; agent1 and agent2 are active employees of outbound-1. */
export const DEMO_USERS: { username: string; displayName: string; role: Role; employee?: boolean }[] = [
  { username: 'hr', displayName: 'Hana Ren (HR) 人力资源', role: 'hr' },
  { username: 'agent1', displayName: 'An Li 李安', role: 'employee', employee: true },
  { username: 'agent2', displayName: 'Bo Wang 王博', role: 'employee', employee: true },
  { username: 'supervisor', displayName: 'Chen Zhou 周晨 (supervisor)', role: 'supervisor' },
  { username: 'leader', displayName: 'Dong Liu 刘东 (leadership)', role: 'leadership' },
  { username: 'it', displayName: 'Fang Xu 徐芳 (IT)', role: 'it' },
  { username: 'ccmanager', displayName: 'Gang Sun 孙刚 (call center manager)', role: 'cc_manager' },
  { username: 'site', displayName: 'Hui Ma 马慧 (on-site manager)', role: 'site_manager' },
  { username: 'idadmin', displayName: 'Jun Gao 高俊 (agent-ID admin)', role: 'id_admin' },
  { username: 'security', displayName: 'Kai He 何凯 (security)', role: 'security' },
  { username: 'auditor', displayName: 'Lan Hu 胡兰 (auditor)', role: 'auditor' },
];

/**
 * Creates the demo directory: department outbound-1 (supervised by `supervisor`), one user per role
 * with the password `demo-password`, standard IDs A1001-A1050 (agent1 and agent2 hold one each) and
 * privileged IDs P9001-P9003 kept by `ccmanager`.
 *
 * Safe on every start and from several replicas at once: it is one transaction under a fixed
 * idempotency key, so a concurrent second run waits for the first and then does nothing; a database
 * that already has the department (seeded by hand or by an older run) is left alone.
 */
export async function seedDemo(events: EventStore, dataSource: DataSource, log: (m: string) => void = () => {}, timeZone = 'Asia/Shanghai'): Promise<{ seeded: boolean }> {
  const [present] = await dataSource.query(`SELECT 1 FROM departments WHERE code = $1`, [DEMO_DEPARTMENT]);
  if (present) {
    log('[seed] demo directory already present');
    return { seeded: false };
  }
  const result = await seedDemoDirectory(events, { idempotencyKey: SEED_KEY }, { timeZone });
  // A replica that waited on the idempotency key gets the first run's answer: "ready" fits both.
  log(`[seed] demo directory ready: ${DEMO_USERS.map((u) => u.username).join(', ')} (password ${DEMO_PASSWORD})`);
  return result;
}

/** The demo directory in one transaction, composed of the directory and agent-ID commands; database errors pass through as before. */
const seedDemoDirectory = command(async (uow, { timeZone }: { timeZone: string }): Promise<{ seeded: boolean }> => {
  const [again] = await uow.manager.query(`SELECT 1 FROM departments WHERE code = $1`, [DEMO_DEPARTMENT]);
  if (again) return { seeded: false };
  const dept = await createDepartment.inUow(uow, { code: DEMO_DEPARTMENT, nameEn: 'Outbound calls 1', nameZh: '外呼一部' });
  const ids: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    let employeeId: string | null = null;
    if (u.employee) {
      employeeId = (await createEmployee.inUow(uow, { departmentId: dept.id, fullName: u.displayName })).id;
      await activateEmployee.inUow(uow, { employeeId, reason: 'demo seed' });
    }
    const inDepartment = u.employee || u.role === 'supervisor';
    ids[u.username] = (
      await createUser.inUow(uow, {
        username: u.username,
        displayName: u.displayName,
        roles: [u.role],
        password: DEMO_PASSWORD,
        // Public demo fixtures, not a password someone chose for a real person (INF-10 does not apply).
        passwordOneTime: false,
        employeeId,
        departmentId: inDepartment ? dept.id : null,
        locale: 'zh-CN',
        timeZone,
      })
    ).id;
    if (employeeId) {
      ids[`${u.username}:employee`] = employeeId;
      // INF-10: the demo agents count as onboarded, so they have signed the current agreement (a demo
      // fixture recorded by system:seed, not a signature anyone gave; real people sign in onboarding).
      await signAgreement.inUow(uow, { employeeId, userId: ids[u.username], ...currentAgreement(), signedAt: new Date().toISOString() });
    }
  }
  await updateDepartment.inUow(uow, { departmentId: dept.id, supervisorUserId: ids.supervisor });
  await createRange.inUow(uow, { prefix: 'A', from: 1001, to: 1050, kind: 'standard' });
  await createRange.inUow(uow, { prefix: 'P', from: 9001, to: 9003, kind: 'privileged' });
  for (const code of ['P9001', 'P9002', 'P9003']) await assignCustodian.inUow(uow, { code, custodianUserId: ids.ccmanager });
  await assignNextStandardId.inUow(uow, { employeeId: ids['agent1:employee'] });
  await assignNextStandardId.inUow(uow, { employeeId: ids['agent2:employee'] });
  return { seeded: true };
}, { actor: () => 'system:seed', translateErrors: false });
