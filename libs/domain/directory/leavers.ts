import { text, type LocalizedText } from '../../policy/index.js';
import { revokeUserRefreshTokens } from '../accounts/refresh-tokens.js';
import { bumpSessionVersion } from '../accounts/sessions.js';
import { command } from '../command.js';
import { sendNotification } from '../notifications/notifications.js';
import { updateDepartment } from './departments.js';
import { DirectoryEvent, userSubject, type UserIdOnly, type UserRolesSet } from './events.js';
import { rolesOf } from './lookups.js';
import { noticeResponsibilitiesToHandOver } from '../responsibilities/handover.js';

export interface LockLeaverInput {
  /** The leaver's account; an employee without one has nothing to lock. */
  userId: string;
  employeeId: string;
  /** The subject the hand-over notice is about (the offboarding process). */
  subject: string;
}

export interface LockLeaverResult {
  /** False when there was nothing (left) to do: no account, or locked already. */
  changed: boolean;
  departmentsReleased: string[];
  openTasks: number;
}

const TITLE: LocalizedText = text('INF-13, AID-1: A leaver held duties: hand them on', 'INF-13、AID-1：离职人员仍有职责，请移交');

/**
 * INF-13, AID-1, SYS-1: the first step of an offboarding. The leaver's account is deactivated (sign-in
 * refused), every refresh token revoked and the session version bumped (every access token fails at
 * once), and their roles end (user.roles_set to none), so a reactivation later does not bring back
 * hr, it or supervisor power. What they were responsible for is handed on: a department they supervise
 * loses them as supervisor, and HR is told which departments and which open tasks (assigned to or
 * claimed by them; the workflows own tasks, so HR reassigns them) need someone else.
 *
 * Idempotent by state as well as by key: run by the API when HR starts the offboarding and again by the
 * workflow as its first step, the second run finds nothing to change and writes no event (and no second
 * notice).
 */
export const lockLeaverAccount = command(async (uow, input: LockLeaverInput): Promise<LockLeaverResult> => {
  const m = uow.manager;
  const [u]: { id: string; username: string; active: boolean; employee_id: string | null }[] = await m.query(
    `SELECT id, username, active, employee_id FROM users WHERE id::text = $1 FOR UPDATE`,
    [input.userId],
  );
  if (!u || u.employee_id !== input.employeeId) return { changed: false, departmentsReleased: [], openTasks: 0 };
  let changed = false;
  if (u.active) {
    await uow.emit<UserIdOnly>({ subject: userSubject(u.id), type: DirectoryEvent.UserDeactivated, payload: { userId: u.id }, clauses: ['INF-13', 'AID-1', 'SYS-1'] });
    await noticeResponsibilitiesToHandOver(uow, u, input.subject); // EQ-1, INF-9: the offboarding also waits for the hand-over
    changed = true;
  }
  const previousRoles = await rolesOf(m, u.id);
  if (previousRoles.length) {
    await uow.emit<UserRolesSet>({ subject: userSubject(u.id), type: DirectoryEvent.UserRolesSet, payload: { userId: u.id, roles: [], previousRoles }, clauses: ['INF-13', 'AID-1', 'SYS-1'] });
    changed = true;
  }
  const departments: { id: string; code: string; name_en: string; name_zh: string }[] = await m.query(
    `SELECT id, code, name_en, name_zh FROM departments WHERE supervisor_user_id = $1 ORDER BY code`,
    [u.id],
  );
  for (const d of departments) await updateDepartment.inUow(uow, { departmentId: d.id, supervisorUserId: null });
  changed ||= departments.length > 0;
  await revokeUserRefreshTokens(m, u.id, new Date());
  await bumpSessionVersion(m, u.id);

  const tasks: { id: string; title_en: string; title_zh: string }[] = await m.query(
    `SELECT id, title_en, title_zh FROM tasks WHERE status = 'open' AND (assignee_user_id = $1 OR claimed_by = $1) ORDER BY created_at, id`,
    [u.id],
  );
  if (changed && (departments.length || tasks.length)) {
    const en = [
      `${u.username} is leaving; their account is locked.`,
      ...departments.map((d) => `Department ${d.code} (${d.name_en}) has no supervisor now: name a new one.`),
      ...tasks.map((t) => `Open task "${t.title_en}" (${t.id}) is assigned to or claimed by them: reassign it.`),
    ].join('\n');
    const zh = [
      `${u.username} 正在离职，其账号已停用。`,
      ...departments.map((d) => `部门 ${d.code}（${d.name_zh}）现无主管：请指定新主管。`),
      ...tasks.map((t) => `未完成任务“${t.title_zh}”（${t.id}）由其负责或已由其认领：请重新分配。`),
    ].join('\n');
    await sendNotification(uow, { subject: input.subject, recipients: [{ role: 'hr', departmentId: null }], title: TITLE, body: text(en, zh) });
  }
  return { changed, departmentsReleased: departments.map((d) => d.id), openTasks: tasks.length };
});
