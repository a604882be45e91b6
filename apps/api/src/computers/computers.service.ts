import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordComputerCheck, registerComputer } from '../../../../libs/domain/computers/commands.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { computerHistory, listComputers } from '../../../../libs/read-models/computers.js';
import { notFound } from '../../../../libs/policy/errors.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import type { ComputerChangeDto, ComputerCheckResultDto, ComputerHistoryDto, ComputerListDto, RecordCheckDto, RegisterComputerDto } from './dto/computer.dto.js';

/** The machine-room computer inventory (INF-6); the route rules decide who reads it and that IT keeps it. */
@Injectable()
export class ComputersService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async list(): Promise<ComputerListDto> {
    return { items: await listComputers(this.ds) };
  }

  /** Every registration and check of one computer, newest first, from the event log (INF-6). */
  async history(tag: string): Promise<ComputerHistoryDto> {
    const items = await computerHistory(this.ds, tag);
    if (!items) throw notFound('computer', tag);
    return { tag, items };
  }

  register(user: AuthUser, tag: string, dto: RegisterComputerDto): Promise<ComputerChangeDto> {
    return registerComputer(this.events, asActor(user), { tag, room: dto.room, assignedUserId: dto.assignedUserId });
  }

  check(user: AuthUser, tag: string, dto: RecordCheckDto): Promise<ComputerCheckResultDto> {
    return recordComputerCheck(this.events, asActor(user), { tag, check: dto.check, ok: dto.ok, note: dto.note ?? null });
  }
}
