import { Inject, Injectable, Logger, StreamableFile, type OnApplicationBootstrap } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../libs/config/config.js';
import { visitorMasterKeyOf } from '../../../../libs/config/visitor-key.js';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { decryptVisitorField, unwrapVisitKey } from '../../../../libs/domain/visitors/crypto.js';
import { checkOutVisitor, designateEscort, recordDocumentRevealed, registerVisitor, reportStranger, revokeEscort } from '../../../../libs/domain/visitors/commands.js';
import { DomainError, ErrorCode, invalid, notFound } from '../../../../libs/policy/errors.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { activeHosts, designatedEscorts, listVisits, strangerIncidents, visitById, type VisitRow } from '../../../../libs/read-models/visitors.js';
import { asActor } from '../common/actor.js';
import { CONFIG, EVENT_STORE, TEMPORAL_CLIENT } from '../core/tokens.js';
import type { CheckOutVisitorDto, EscortChangeDto, EscortListDto, HostListDto, RevealDocumentDto, RevealedDocumentDto, RegisterVisitorDto, ReportStrangerDto, StrangerIncidentListDto, VisitDto, VisitListDto, VisitQueryDto } from './dto/visitors.dto.js';
import { reconcileVisitorPurgeSchedule } from './visitor-purge-schedule.js';

const LIST_LIMIT = 500;
const EXPORT_LIMIT = 10_000;
const DAY_MS = 86_400_000;

/**
 * The visitor desk (INF-1, INF-3, INF-4). The master key (VISITOR_KEY) stays in this process: names are
 * decrypted here for the readers the route rules admit, and nowhere else (the log, the read model and
 * Temporal hold ciphertext only). At boot the daily purge's Temporal Schedule is put in place.
 */
@Injectable()
export class VisitorsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Visitors');
  private readonly masterKey: Buffer | null;

  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    this.masterKey = visitorMasterKeyOf(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.masterKey) this.logger.warn('VISITOR_KEY is not set: the visitor desk answers 503 until it is');
    if (this.config.VISITOR_PURGE_SCHEDULE === 'off') return this.logger.log('visitor purge schedule: left as it is (VISITOR_PURGE_SCHEDULE=off)');
    try {
      const r = await reconcileVisitorPurgeSchedule(this.client, { taskQueue: this.config.TEMPORAL_TASK_QUEUE, timeZone: this.config.DEFAULT_TIME_ZONE });
      this.logger.log(`visitor purge schedule: ${r}`);
    } catch (e) {
      this.logger.warn(`could not put the visitor purge schedule in place: ${(e as Error).message}`);
    }
  }

  private key(): Buffer {
    if (!this.masterKey) throw new DomainError(ErrorCode.Unavailable, 'the visitor desk is not configured: set VISITOR_KEY or VISITOR_KEY_FILE (32 bytes in base64)');
    return this.masterKey;
  }

  private toDto(r: VisitRow): VisitDto {
    let name: string | null = null;
    if (r.wrappedKey && r.nameSealed && !r.purgedAt) {
      const dataKey = unwrapVisitKey(this.key(), r.id, r.wrappedKey);
      name = decryptVisitorField(dataKey, r.id, 'name', r.nameSealed);
      dataKey.fill(0);
    }
    return {
      id: r.id,
      name,
      personalData: r.purgedAt ? 'purged' : 'kept',
      documentType: r.documentType,
      documentMasked: r.documentMasked,
      organisation: r.organisation,
      purpose: r.purpose,
      host: { userId: r.hostUserId, displayName: r.hostName },
      area: r.area,
      escort: r.escortUserId ? { userId: r.escortUserId, displayName: r.escortName } : null,
      badge: r.badge,
      registeredBy: r.registeredBy,
      checkedInAt: r.checkedInAt.toISOString(),
      checkedOutAt: r.checkedOutAt?.toISOString() ?? null,
      purgedAt: r.purgedAt?.toISOString() ?? null,
    };
  }

  async register(user: AuthUser, dto: RegisterVisitorDto): Promise<VisitDto> {
    const masterKey = this.key();
    const now = Date.now();
    const checkedInAt = dto.checkedInAt ? new Date(dto.checkedInAt) : new Date(now);
    if (checkedInAt.getTime() > now + 5 * 60_000 || checkedInAt.getTime() < now - DAY_MS) {
      throw invalid('checkedInAt must lie within the last 24 hours and not in the future (leave it out for now)', { fields: { checkedInAt: ['range'] } });
    }
    const { visitId } = await registerVisitor(this.events, asActor(user), {
      masterKey,
      name: dto.name,
      documentType: dto.documentType,
      documentNumber: dto.documentNumber,
      organisation: dto.organisation,
      purpose: dto.purpose,
      hostUserId: dto.hostUserId,
      area: dto.area,
      escortUserId: dto.escortUserId ?? null,
      badge: dto.badge,
      checkedInAt: checkedInAt.toISOString(),
    });
    return this.get(visitId);
  }

  async checkOut(user: AuthUser, visitId: string, dto: CheckOutVisitorDto): Promise<VisitDto> {
    const at = dto.checkedOutAt ? new Date(dto.checkedOutAt) : new Date();
    if (at.getTime() > Date.now() + 5 * 60_000) throw invalid('checkedOutAt must not be in the future (leave it out for now)', { fields: { checkedOutAt: ['range'] } });
    await checkOutVisitor(this.events, asActor(user), { visitId, checkedOutAt: at.toISOString() });
    return this.get(visitId);
  }

  /** PIPL: the full document number, for security with a reason; the read is recorded first. */
  async revealDocument(user: AuthUser, visitId: string, dto: RevealDocumentDto): Promise<RevealedDocumentDto> {
    const masterKey = this.key();
    const visit = await this.get(visitId);
    const { wrappedKey, documentSealed } = await recordDocumentRevealed(this.events, asActor(user), { visitId, reason: dto.reason });
    const dataKey = unwrapVisitKey(masterKey, visitId, wrappedKey);
    try {
      return { visitId, documentType: visit.documentType, documentNumber: decryptVisitorField(dataKey, visitId, 'documentNumber', documentSealed) };
    } finally {
      dataKey.fill(0);
    }
  }

  async get(visitId: string): Promise<VisitDto> {
    const row = await visitById(this.ds, visitId);
    if (!row) throw notFound('visit', visitId);
    return this.toDto(row);
  }

  async list(q: VisitQueryDto, inside = q.inside === 'true', limit = LIST_LIMIT): Promise<VisitListDto> {
    this.key();
    const timeZone = this.config.DEFAULT_TIME_ZONE;
    const rows = await listVisits(this.ds, { date: q.date, timeZone, hostUserId: q.hostUserId, organisation: q.organisation, inside, limit });
    return { items: rows.map((r) => this.toDto(r)), timeZone };
  }

  /** The register as CSV (UTF-8 with BOM, for Excel): the masked document number only, never the full one. */
  async exportCsv(q: VisitQueryDto): Promise<StreamableFile> {
    const { items } = await this.list(q, q.inside === 'true', EXPORT_LIMIT);
    const header = ['visit_id', 'checked_in_at', 'checked_out_at', 'name', 'personal_data', 'document_type', 'document_masked', 'organisation', 'purpose', 'host', 'area', 'escort', 'badge'];
    const rows = items.map((v) => [v.id, v.checkedInAt, v.checkedOutAt ?? '', v.name ?? '', v.personalData, v.documentType, v.documentMasked, v.organisation, v.purpose, v.host.displayName ?? v.host.userId, v.area, v.escort?.displayName ?? '', v.badge]);
    const csv = `\ufeff${stringify([header, ...rows])}`;
    return new StreamableFile(Buffer.from(csv, 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="custodian-visitors-${q.date ?? 'all'}.csv"` });
  }

  /** The hosts the desk may name: active users (security does not read the directory itself). */
  async hosts(): Promise<HostListDto> {
    return { items: await activeHosts(this.ds, 2000) };
  }

  async escorts(): Promise<EscortListDto> {
    const rows = await designatedEscorts(this.ds);
    return { items: rows.map((r) => ({ userId: r.userId, displayName: r.displayName, designatedBy: r.designatedBy, designatedAt: r.designatedAt.toISOString() })) };
  }

  designate(user: AuthUser, userId: string): Promise<EscortChangeDto> {
    return designateEscort(this.events, asActor(user), { userId });
  }

  revoke(user: AuthUser, userId: string): Promise<EscortChangeDto> {
    return revokeEscort(this.events, asActor(user), { userId });
  }

  async reportStranger(user: AuthUser, dto: ReportStrangerDto): Promise<{ incidentId: string }> {
    const foundAt = dto.foundAt ? new Date(dto.foundAt) : new Date();
    if (foundAt.getTime() > Date.now() + 5 * 60_000) throw invalid('foundAt must not be in the future (leave it out for now)', { fields: { foundAt: ['range'] } });
    return reportStranger(this.events, asActor(user), { escortedOut: dto.escortedOut, reason: dto.reason, foundAt: foundAt.toISOString() });
  }

  async incidents(): Promise<StrangerIncidentListDto> {
    const rows = await strangerIncidents(this.ds, LIST_LIMIT);
    return {
      items: rows.map((r) => ({ id: r.id, foundAt: r.foundAt.toISOString(), escortedOutAt: r.escortedOutAt.toISOString(), reason: r.reason, recordedBy: r.recordedBy, recordedAt: r.recordedAt.toISOString() })),
    };
  }
}
