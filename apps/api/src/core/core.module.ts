import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { requireSetting, type AppConfig } from '../../../../libs/config/config.js';
import { dataSourceOptions } from '../../../../libs/db/data-source.js';
import { EventStore } from '../../../../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../../../../libs/domain/projectors.js';
import { createTemporalClient, temporalSettings } from '../../../../libs/temporal/connection.js';
import { CONFIG, EVENT_STORE, TEMPORAL_CLIENT } from './tokens.js';

class TemporalShutdown implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}
  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close().catch(() => undefined);
  }
}

/** Configuration, PostgreSQL, the event store and the Temporal client, shared by every feature module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions({ url: requireSetting(config, 'DATABASE_URL'), poolSize: config.DATABASE_POOL_SIZE, namedStatements: config.DATABASE_NAMED_STATEMENTS === 'on', applicationName: 'custodian-api' }),
            retryAttempts: 20,
            retryDelay: 1500,
          }),
        }),
      ],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: EVENT_STORE, inject: [DataSource], useFactory: (ds: DataSource) => new EventStore(ds, createProjectorRegistry()) },
        {
          provide: TEMPORAL_CLIENT,
          useFactory: () => createTemporalClient(temporalSettings(config)),
        },
        TemporalShutdown,
      ],
      exports: [CONFIG, EVENT_STORE, TEMPORAL_CLIENT],
    };
  }
}
