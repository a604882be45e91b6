import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { departmentsOf } from '../../../../libs/policy/access.js';
import { changeAssignmentUpdate, checkAssignment, checkDecision, decideTaskUpdate, text, type ChangeAssignmentArgs, type DecideTaskArgs, type TaskActor } from '../../../../libs/policy/index.js';
import { activeUserId, displayNames, loadAuthUser } from '../../../../libs/read-models/directory.js';
import { DomainError, ErrorCode, invalid } from '../../../../libs/policy/errors.js';
import { isPrivilegedTask, reauthenticationRequired, recentlyReauthenticated } from '../../../../libs/policy/decision-links.js';
import { decisionUpdateId } from '../../../../libs/domain/keyed-id.js';
import { authorityOf, decisionsOf, findTask, listTasks, type TaskRow } from '../../../../libs/read-models/tasks.js';
import { refusalError, WorkflowGateway } from '../processes/workflow-gateway.service.js';
import type { CompleteTaskDto, ReassignedAwayDto, ReassignTaskDto, TaskDto, TaskPageDto, TaskQueryDto } from './dto/task.dto.js';
import { toTaskDto } from './tasks.mapper.js';

/** How long a change to a task the inbox shows waits for its workflow to take the task in (see whenLive). */
export const NOT_LIVE_WAIT_MS = 5_000;

const actorOf = (u: AuthUser): TaskActor => ({ userId: u.userId, roles: u.roles, departmentId: u.departmentId, departmentIds: departmentsOf(u) });

/**
 * The inbox. Reads come from the task read model; every change goes to the task's workflow as an Update,
 * whose validator has the last word (the API's own check only answers early with the same rules).
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly ds: DataSource,
    private readonly workflows: WorkflowGateway,
  ) {}

  async list(user: AuthUser, q: TaskQueryDto): Promise<TaskPageDto> {
    const page = await listTasks(this.ds, user, q); // names who asked and whom it is about in the same query
    return { ...page, items: page.items.map((t) => toTaskDto(t, pageNames(t))) };
  }

  async get(user: AuthUser, id: string): Promise<TaskDto> {
    const t = await findTask(this.ds, user, id);
    // Side by side on two pooled connections: both need only the task.
    const [decisions, names] = await Promise.all([decisionsOf(this.ds, t.workflow_id), this.names([t.context.requestedBy, t.context.subjectUserId])]);
    return toTaskDto(t, names, decisions.filter((d) => d.task_id !== t.id));
  }

  async complete(user: AuthUser, id: string, dto: CompleteTaskDto): Promise<TaskDto> {
    const t = await findTask(this.ds, user, id);
    const args: DecideTaskArgs = { taskId: t.id, actor: actorOf(user), outcome: dto.outcome, comment: dto.comment, data: dto.data };
    const early = checkDecision(authorityOf(t), args);
    if (early) throw refusalError(early);
    // INF-12, AID-2: lending a privileged ID is decided only with the password typed again (from the inbox or a mailed link alike).
    if (isPrivilegedTask(t) && !recentlyReauthenticated(user.reauthenticatedAt, Date.now())) throw reauthenticationRequired();
    // Sent again (a lost answer, a 503) it joins the first Update instead of being refused as a second decision.
    await this.whenLive(() => this.workflows.update(t.workflow_id, decideTaskUpdate, args, { updateId: decisionUpdateId(args) }));
    return this.get(user, id);
  }

  async claim(user: AuthUser, id: string): Promise<TaskDto> {
    return this.assign(user, id, { action: 'claim' });
  }

  async unclaim(user: AuthUser, id: string): Promise<TaskDto> {
    return this.assign(user, id, { action: 'unclaim' });
  }

  /**
   * Supervisors and above give a task of their own scope to a person eligible in that scope (the task's
   * role, in its department); nobody barred from the task hands it on (SYS-1, INF-6, INF-12). The
   * target's roles and departments travel in the Update, so the workflow's validator applies the same
   * rule (checkAssignment). The answer is the task as the caller may now see it, or, when it has left
   * their sight, a 200 that says so (the reassignment happened: it is not a 404).
   */
  async reassign(user: AuthUser, id: string, dto: ReassignTaskDto): Promise<TaskDto | ReassignedAwayDto> {
    const t = await findTask(this.ds, user, id);
    if ((dto.username === undefined) === (dto.userId === undefined)) throw invalid('give either username or userId');
    const targetId = await activeUserId(this.ds, dto.userId ? { userId: dto.userId } : { username: dto.username! });
    const target = targetId ? await loadAuthUser(this.ds, targetId) : null;
    if (!target) throw invalid('no active user with that name or id', { fields: { [dto.userId ? 'userId' : 'username']: ['unknown'] } });
    const to = { userId: target.userId, roles: target.roles, departmentIds: departmentsOf(target) };
    const args: ChangeAssignmentArgs = { taskId: t.id, actor: actorOf(user), action: 'reassign', toUserId: target.userId, to };
    const early = t.status === 'open' ? checkAssignment(authorityOf(t), t.claimed_by, args) : null;
    if (early) throw refusalError(early);
    await this.send(t, args);
    try {
      return await this.get(user, id);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== ErrorCode.NotFound) throw e;
      return { id, reassigned: true, assigneeId: target.userId, visible: false, message: text('The task was reassigned; you can no longer see it.', '任务已转派；您已无法查看该任务。') };
    }
  }

  private async assign(user: AuthUser, id: string, change: Pick<ChangeAssignmentArgs, 'action'>): Promise<TaskDto> {
    const t = await findTask(this.ds, user, id);
    await this.send(t, { ...change, taskId: t.id, actor: actorOf(user) });
    return this.get(user, id);
  }

  private async send(t: TaskRow, args: ChangeAssignmentArgs): Promise<void> {
    if (t.status !== 'open') throw new DomainError(ErrorCode.AlreadyDecided, 'this task is already decided or closed');
    await this.whenLive(() => this.workflows.update(t.workflow_id, changeAssignmentUpdate, args));
  }

  /**
   * The inbox can list a task a moment before its workflow has taken it in: the step that opens it writes
   * the read model, and the workflow learns that the step is done when its workflow task completes — at
   * once as a rule, or only after the workflow-task timeout when the worker died in between. Until then
   * the workflow refuses an Update for the task as NOT_FOUND, before anything reaches history; the task
   * was found open in the read model just before, so that refusal means "not yet", never "no such task".
   * The change is sent again for a few seconds; past that the person is told to try again (503 with
   * Retry-After), never that a task in their inbox does not exist.
   */
  private async whenLive(send: () => Promise<unknown>): Promise<void> {
    const giveUpAt = Date.now() + NOT_LIVE_WAIT_MS;
    for (let pause = 100; ; pause = Math.min(pause * 2, 1_000)) {
      try {
        await send();
        return;
      } catch (e) {
        if (!(e instanceof DomainError) || e.code !== ErrorCode.NotFound) throw e;
        if (Date.now() + pause > giveUpAt) throw new DomainError(ErrorCode.Unavailable, 'this task is still being opened by its process; try again in a few seconds');
        await new Promise((r) => setTimeout(r, pause));
      }
    }
  }

  private async names(ids: (string | null)[]): Promise<Record<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (!wanted.length) return {};
    return displayNames(this.ds, wanted);
  }
}

/** The names an inbox row carries (listTasks), keyed by user id as toTaskDto reads them. */
function pageNames(t: TaskRow): Record<string, string> {
  const names: Record<string, string> = {};
  if (t.context.requestedBy && t.requested_by_name) names[t.context.requestedBy] = t.requested_by_name;
  if (t.context.subjectUserId && t.subject_name) names[t.context.subjectUserId] = t.subject_name;
  return names;
}
