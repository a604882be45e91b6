import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { NativeConnection, Worker } from '@temporalio/worker';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { createActivities } from '../../../activities/index.js';
import { createVisitorActivities } from '../../../activities/visitors.activities.js';
import { requireSetting, temporalTls, type AppConfig } from '../../../libs/config/config.js';
import { dataSourceOptions } from '../../../libs/db/data-source.js';
import { EventStore } from '../../../libs/domain/events/event-store.js';
import { parseIpRange } from '../../../libs/domain/onboarding/ip-plan.js';
import { loadEnforcementSettings } from '../../../libs/enforcement/directory-config.js';
import { loadWebhookSettings } from '../../../libs/enforcement/webhook-config.js';
import { loadMailSettings } from '../../../libs/enforcement/mail-config.js';
import { createMailActivities } from '../../../activities/mail.activities.js';
import { createChatActivities } from '../../../activities/chat.activities.js';
import { loadChatTargets } from '../../../libs/enforcement/chat-webhooks.js';
import { createProjectorRegistry } from '../../../libs/domain/projectors.js';
import { createLogger } from '../../../libs/logging/logger.js';
import { custodianDataConverter } from '../../../libs/temporal/payload-codec.js';
import type { ActivityOutcome } from '../../../libs/temporal/activity-outcomes.js';
import { createCustodianWorker } from '../../../libs/temporal/worker.js';

const CONFIG = Symbol('CONFIG');
const HOOKS = Symbol('WORKER_HOOKS');

/** What the entry point plugs into the worker (its metrics). */
export interface WorkerHooks {
  onActivityOutcome?: (activityType: string, outcome: ActivityOutcome) => void;
}

/** Owns the Temporal worker: creates it with the activities' real dependencies and drains it on shutdown. */
@Injectable()
export class WorkerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private worker?: Worker;
  private connection?: NativeConnection;

  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(HOOKS) private readonly hooks: WorkerHooks,
  ) {}

  async run(): Promise<void> {
    const events = new EventStore(this.dataSource, createProjectorRegistry());
    const mail = loadMailSettings(this.config);
    this.logger.log(mail ? `mail: on, SMTP ${mail.describe}` : 'mail: off (SMTP_URL or SMTP_HOST not set); notifications stay in the bell only');
    const { worker, connection } = await createCustodianWorker({
      address: requireSetting(this.config, 'TEMPORAL_ADDRESS'),
      namespace: this.config.TEMPORAL_NAMESPACE,
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      activities: {
        ...createActivities({ dataSource: this.dataSource, events, ipPlan: parseIpRange(this.config.WORKSTATION_IP_RANGE), enforcement: loadEnforcementSettings(this.config), webhooks: loadWebhookSettings(this.config), timeZone: this.config.DEFAULT_TIME_ZONE }),
        // The visitor purge's activity (PIPL), in a file of its own: it needs only the retention setting.
        ...createVisitorActivities({ dataSource: this.dataSource, events, retentionDays: this.config.VISITOR_RETENTION_DAYS }),
        // Mail delivery's own activity (activities/mail.activities.ts), beside the processes' ones.
        ...createMailActivities(events, mail),
        ...createChatActivities(events, loadChatTargets(this.config), this.config.PUBLIC_URL ?? null),
      },
      dataConverter: custodianDataConverter(this.config, createLogger(this.config, 'temporal-codec')),
      tls: temporalTls(this.config),
      identity: `custodian-worker@${hostname()}:${process.pid}`,
      workflowBundle: this.config.TEMPORAL_WORKFLOW_BUNDLE ? { codePath: this.config.TEMPORAL_WORKFLOW_BUNDLE } : undefined,
      maxCachedWorkflows: this.config.TEMPORAL_MAX_CACHED_WORKFLOWS,
      stickyQueueTimeout: this.config.TEMPORAL_STICKY_TIMEOUT,
      onActivityOutcome: this.hooks.onActivityOutcome,
    });
    this.worker = worker;
    this.connection = connection;
    this.logger.log(`polling task queue "${this.config.TEMPORAL_TASK_QUEUE}" on ${this.config.TEMPORAL_ADDRESS}`);
    await worker.run();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
  }

  async closeConnection(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
  }
}

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, hooks: WorkerHooks = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions({ url: requireSetting(config, 'DATABASE_URL'), poolSize: config.DATABASE_POOL_SIZE, namedStatements: config.DATABASE_NAMED_STATEMENTS === 'on', applicationName: 'custodian-worker' }),
            retryAttempts: 20,
            retryDelay: 1500,
          }),
        }),
      ],
      providers: [{ provide: CONFIG, useValue: config }, { provide: HOOKS, useValue: hooks }, WorkerService],
    };
  }
}
