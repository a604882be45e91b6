import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EventStore } from '../../../../libs/domain/events/event-store.js';
import { lendMedia, registerMediaItem, withdrawLoan } from '../../../../libs/domain/media/commands.js';
import { DomainError, ErrorCode, invalid, notFound } from '../../../../libs/policy/errors.js';
import { mediaLoanWorkflowId, type MediaLoanInput } from '../../../../libs/policy/media.js';
import { returnMediaUpdate } from '../../../../libs/policy/messages.js';
import type { AuthUser } from '../../../../libs/policy/roles.js';
import { activeUserId } from '../../../../libs/read-models/directory.js';
import { findMediaLoan, mediaItems, mediaLoans, type MediaLoanView } from '../../../../libs/read-models/media.js';
import { asActor } from '../common/actor.js';
import { EVENT_STORE } from '../core/tokens.js';
import { WorkflowGateway } from '../processes/workflow-gateway.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import type { LendMediaDto, MediaDisposalDto, MediaLoanDto, MediaRegisterDto, MediaRegisteredDto, MediaVirusCheckDto, RegisterMediaDto, ReturnMediaDto } from './dto/media.dto.js';

/**
 * The lending register of machine-room media (INF-6). Registering and lending are recorded here; the
 * return goes to the loan's workflow as an Update, and the virus check and the quarantine disposal are
 * the loan's tasks, decided through the inbox's own rules (TasksService): the borrower is barred from both.
 */
@Injectable()
export class MediaService {
  constructor(
    private readonly ds: DataSource,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly workflows: WorkflowGateway,
    private readonly tasks: TasksService,
  ) {}

  async list(): Promise<MediaRegisterDto> {
    const [items, loans] = await Promise.all([mediaItems(this.ds), mediaLoans(this.ds)]);
    return { items, loans };
  }

  async get(loanId: string): Promise<MediaLoanDto> {
    const loan = await findMediaLoan(this.ds, loanId);
    if (!loan) throw notFound('media loan', loanId);
    return loan;
  }

  register(user: AuthUser, dto: RegisterMediaDto): Promise<MediaRegisteredDto> {
    return registerMediaItem(this.events, asActor(user), { itemId: randomUUID(), label: dto.label, kind: dto.kind, room: dto.room });
  }

  /** Records the loan, then starts its workflow; if that fails the loan is withdrawn, so the item is not stuck as lent. */
  async lend(user: AuthUser, itemId: string, dto: LendMediaDto): Promise<MediaLoanDto> {
    if ((dto.borrowerUsername === undefined) === (dto.borrowerUserId === undefined)) throw invalid('give either borrowerUsername or borrowerUserId', { fields: { borrowerUsername: ['required'] } });
    const borrower = await activeUserId(this.ds, dto.borrowerUserId ? { userId: dto.borrowerUserId } : { username: dto.borrowerUsername! });
    if (!borrower) throw invalid('no active user with that name or id', { fields: { [dto.borrowerUserId ? 'borrowerUserId' : 'borrowerUsername']: ['unknown'] } });
    const loanId = randomUUID();
    const workflowId = mediaLoanWorkflowId(loanId);
    const lent = await lendMedia(this.events, asActor(user), { loanId, itemId, borrowerUserId: borrower, dueAt: dto.dueAt, purpose: dto.purpose, workflowId });
    const input: MediaLoanInput = { loanId, itemId, label: lent.label, kind: lent.kind, borrowerUserId: borrower, lentBy: user.userId, dueAt: lent.dueAt, purpose: lent.purpose };
    try {
      await this.workflows.start('mediaLoanWorkflow', workflowId, 'media_loan', input);
    } catch (e) {
      await withdrawLoan(this.events, asActor(user), { loanId, itemId, reason: 'the loan could not be started; lend it again' });
      throw e;
    }
    return this.get(loanId);
  }

  /** INF-6: the item is back, received by a keeper who is not the borrower; it now waits for IT's virus check. */
  async return(user: AuthUser, loanId: string, dto: ReturnMediaDto): Promise<MediaLoanDto> {
    const loan = await this.get(loanId);
    if (loan.state !== 'out') throw new DomainError(ErrorCode.AlreadyDecided, 'this medium has already been returned');
    if (loan.borrowerUserId === user.userId) throw new DomainError(ErrorCode.SeparationOfDuties, 'you borrowed this medium; another keeper must receive it back (INF-6)');
    await this.workflows.update(loan.workflowId, returnMediaUpdate, { loanId, by: user.userId, note: dto.note?.trim() || null });
    return this.get(loanId);
  }

  /** IT's virus check of the returned item: the loan's virus_check task, decided with the inbox's rules. */
  async virusCheck(user: AuthUser, loanId: string, dto: MediaVirusCheckDto): Promise<MediaLoanDto> {
    const loan = await this.waitingFor(loanId, 'virus_check', 'the medium is not waiting for a virus check (not returned yet, or checked already)');
    await this.tasks.complete(user, loan.openTask!.taskId, { outcome: 'done', data: { result: dto.result } });
    return this.get(loanId);
  }

  /** INF-6: what IT did with the quarantined item; the loan closes with it. */
  async dispose(user: AuthUser, loanId: string, dto: MediaDisposalDto): Promise<MediaLoanDto> {
    const loan = await this.waitingFor(loanId, 'quarantine_disposal', 'the medium is not quarantined');
    await this.tasks.complete(user, loan.openTask!.taskId, { outcome: 'done', data: { disposition: dto.disposition }, ...(dto.note?.trim() ? { comment: dto.note.trim() } : {}) });
    return this.get(loanId);
  }

  private async waitingFor(loanId: string, step: string, why: string): Promise<MediaLoanView> {
    const loan = await this.get(loanId);
    if (loan.openTask?.step !== step) throw new DomainError(ErrorCode.AlreadyDecided, why);
    return loan;
  }
}
