import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../../../libs/config/config.js';
import { loggerOptions } from '../../../libs/logging/logger.js';
import { AccessRequestsModule } from './access-requests/access-requests.module.js';
import { AgentIdsModule } from './agent-ids/agent-ids.module.js';
import { AssessmentModule } from './assessment/assessment.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { ResponsibilitiesModule } from './responsibilities/responsibilities.module.js';
import { RulesModule } from './rules/rules.module.js';
import { ComputersModule } from './computers/computers.module.js';
import { MediaModule } from './media/media.module.js';
import { DutiesModule } from './duties/duties.module.js';
import { HazardsModule } from './hazards/hazards.module.js';
import { AllExceptionsFilter } from './common/http-exception.filter.js';
import { CoreModule } from './core/core.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { EnforcementModule } from './enforcement/enforcement.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { MailModule } from './mail/mail.module.js';
import { DecisionLinksModule } from './decision-links/decision-links.module.js';
import { OffboardingsModule } from './offboardings/offboardings.module.js';
import { OnboardingsModule } from './onboardings/onboardings.module.js';
import { ProcessesModule } from './processes/processes.module.js';
import { DemoSeedModule } from './seed/demo-seed.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { TemporalCodecModule } from './temporal-codec/temporal-codec.module.js';
import { VisitorsModule } from './visitors/visitors.module.js';
import { WebModule } from './web/web.module.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...loggerOptions(config, 'custodian-api'),
            // A request id on every line of a request: the caller's X-Request-Id if sane, else a new one.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/health/ready' },
            // A decision link's token (the web page /d/<token>) is never written to a log.
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/^\/d\/[^/?#]*/, '/d/[token]') }) },
          },
        }),
        CoreModule.forRoot(config),
        HealthModule,
        MetricsModule,
        AuthModule,
        DirectoryModule,
        AgentIdsModule,
        AuditModule,
        AssessmentModule,
        ProcessesModule,
        TasksModule,
        EnforcementModule,
        AccessRequestsModule,
        OnboardingsModule,
        OffboardingsModule,
        NotificationsModule,
        MailModule,
        DecisionLinksModule,
        CalendarModule,
        ResponsibilitiesModule,
        RulesModule,
        ComputersModule,
        MediaModule,
        DutiesModule,
        VisitorsModule,
        HazardsModule,
        TemporalCodecModule,
        DemoSeedModule,
        WebModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
