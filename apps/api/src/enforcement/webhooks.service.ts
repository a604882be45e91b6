import { Inject, Injectable } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { AppConfig } from '../../../../libs/config/config.js';
import { conflict, notFound } from '../../../../libs/policy/errors.js';
import { deadLetteredDeliveries, findWebhookDelivery, retryingDeliveries, type WebhookDeliveryRow } from '../../../../libs/read-models/webhook-deliveries.js';
import { CONFIG, TEMPORAL_CLIENT } from '../core/tokens.js';
import type { RedeliveryDto, WebhookListDto } from './webhooks.dto.js';

const WEBHOOK_ID = /^msg_[0-9a-f]{32}_(enabled|ended)$/;

/**
 * The IT console's view of webhook deliveries (SYS-1, INF-6, AID-2): those dead-lettered after every try
 * and those still retried, and "send again", which runs the delivery once more in the worker (the only
 * place that holds the URL and secrets) with the same webhook id and body.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly ds: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<WebhookListDto> {
    const at = (d: WebhookDeliveryRow) => ({ ...d, at: d.at?.toISOString() ?? null });
    const deadLettered = (await deadLetteredDeliveries(this.ds)).map(at);
    const retrying = (await retryingDeliveries(this.ds)).map(at);
    return { deadLettered, retrying };
  }

  async redeliver(user: AuthUser, id: string): Promise<RedeliveryDto> {
    const d = WEBHOOK_ID.test(id) ? await findWebhookDelivery(this.ds, id) : undefined;
    if (!d) throw notFound('webhook delivery', id);
    if (d.status !== 'dead_lettered') throw conflict(`webhook delivery ${id} was delivered already; there is nothing to send again`);
    // SYS-1, SYS-5: the start of a grant that has ended since would switch the access on again.
    if (d.type === 'grant.enabled' && d.grantStatus !== 'active') throw conflict(`the grant of ${id} has ended: sending its start now would enable the access again; send its grant.ended instead`);
    try {
      await this.client.workflow.start('redeliverWebhookWorkflow', {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId: `webhook-redeliver-${id}`,
        args: [{ webhookId: d.id, kind: d.kind, type: d.type, requestId: d.requestId, grantId: d.grantId, by: user.userId }],
      });
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) throw conflict(`webhook delivery ${id} is being sent again already`);
      throw e;
    }
    return { id, status: 'redelivering' };
  }
}
