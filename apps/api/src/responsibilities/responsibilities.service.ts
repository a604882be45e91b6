import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { assignResponsibility } from '../../../../libs/domain/responsibilities/commands.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { listResponsibilities } from '../../../../libs/read-models/responsibilities.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import type { AssignResponsibilityDto, ResponsibilityChangeDto, ResponsibilityListDto, ResponsibilityQueryDto } from './dto/responsibility.dto.js';

/**
 * The named owners register (EQ-1, EQ-3, INF-9). The route rules decide who reads it and that only the
 * call center manager names owners; the register is company-wide, so there is no object scope beyond that.
 */
@Injectable()
export class ResponsibilitiesService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(q: ResponsibilityQueryDto): Promise<ResponsibilityListDto> {
    return { items: await listResponsibilities(this.ds, { flagged: q.flagged }) };
  }

  assign(user: AuthUser, key: string, dto: AssignResponsibilityDto): Promise<ResponsibilityChangeDto> {
    return assignResponsibility(this.events, asActor(user), { key, kind: dto.kind, name: { en: dto.name.en, zh: dto.name.zh }, ownerUserId: dto.ownerUserId, deputyUserId: dto.deputyUserId });
  }
}
