import { Inject, Injectable, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { seedDemo } from '../../../../libs/domain/seed/demo.js';
import { CONFIG, EVENT_STORE } from '../core/tokens.js';

/**
 * With SEED_DEMO=1 (set by the launcher for its embedded database only, never a default) the demo
 * directory is created before the API starts listening. Several replicas may do this at once: the
 * seed is idempotent.
 */
@Injectable()
class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly ds: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.SEED_DEMO !== '1') return;
    await seedDemo(this.events, this.ds, (m) => this.logger.log(m), this.config.DEFAULT_TIME_ZONE);
  }
}

@Module({ providers: [DemoSeeder] })
export class DemoSeedModule {}
