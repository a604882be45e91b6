import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decisionLinkSecretOf, type AppConfig } from '../../../../libs/config/config.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { redeemDecisionLink, verifyDecisionToken } from '../../../../libs/domain/mail/decision-links.js';
import { departmentsOf } from '../../../../libs/policy/access.js';
import { decisionLinkGone, decisionLinkInvalid, decisionLinkNotForYou } from '../../../../libs/policy/decision-links.js';
import { DomainError, ErrorCode } from '../../../../libs/policy/errors.js';
import { checkDecider } from '../../../../libs/policy/index.js';
import { webPathOf } from '../../../../libs/policy/mail.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { decisionLinkById } from '../../../../libs/read-models/decision-links.js';
import { authorityOf, findTask, type TaskRow } from '../../../../libs/read-models/tasks.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';
import { refusalError } from '../processes/workflow-gateway.service.js';
import type { RedeemedDecisionLinkDto } from './dto/decision-link.dto.js';

/**
 * Redeeming a decision link (libs/policy/decision-links.ts): the signed-in person gets the task the link
 * leads to, once. Nothing is decided here: the task page decides through POST /api/tasks/:id/complete,
 * with the inbox's rules. The checks, in order: the signature (404, whatever part is wrong), the person
 * (403), used or expired (410), the task still open and theirs to decide (410; separation of duties 403
 * as in the inbox), then the link is marked used (an event).
 */
@Injectable()
export class DecisionLinksService {
  private readonly secret: string | null;

  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) config: AppConfig,
  ) {
    this.secret = decisionLinkSecretOf(config);
  }

  async redeem(user: AuthUser, token: string, now = new Date()): Promise<RedeemedDecisionLinkDto> {
    if (!this.secret) throw new DomainError(ErrorCode.Unavailable, 'decision links are off on this server (DECISION_LINK_SECRET is not set): open the task from the inbox');
    const linkId = verifyDecisionToken(this.secret, token);
    const link = linkId ? await decisionLinkById(this.ds, linkId) : null;
    if (!link) throw decisionLinkInvalid();
    if (link.user_id !== user.userId) throw decisionLinkNotForYou();
    if (link.used_at) throw decisionLinkGone('used');
    if (link.expires_at <= now) throw decisionLinkGone('expired');
    const task = await this.taskOf(user, link.task_id);
    if (task.deadline_at && task.deadline_at <= now) throw decisionLinkGone('expired');
    const refusal = checkDecider(authorityOf(task), { userId: user.userId, roles: user.roles, departmentId: user.departmentId, departmentIds: departmentsOf(user) });
    if (refusal?.code === ErrorCode.AlreadyDecided) throw decisionLinkGone('closed');
    if (refusal?.code === ErrorCode.Forbidden) throw decisionLinkGone('not_yours');
    if (refusal) throw refusalError(refusal); // separation of duties: exactly the inbox's answer
    const { taskId } = await redeemDecisionLink(this.events, {}, { linkId: link.id, taskId: task.id, userId: user.userId });
    return { taskId, path: webPathOf(`task:${taskId}`) };
  }

  /** The task as the person may see it; out of their sight (reassigned away) the link leads nowhere. */
  private async taskOf(user: AuthUser, taskId: string): Promise<TaskRow> {
    try {
      return await findTask(this.ds, user, taskId);
    } catch (e) {
      if (e instanceof DomainError && e.code === ErrorCode.NotFound) throw decisionLinkGone('not_yours');
      throw e;
    }
  }
}
