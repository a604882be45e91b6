import { DomainError, ErrorCode, conflict, invalid, notFound } from '../../policy/errors.js';
import { MEDIA_KINDS, MEDIA_LOAN_MAX_DAYS, MEDIA_TEXT_MAX, mediaItemSubject, mediaLoanSubject, type MediaKind } from '../../policy/media.js';
import { systemActor } from '../../policy/process.js';
import { isStorableText } from '../../policy/task-rules.js';
import { command } from '../command.js';
import {
  MediaEvent as E,
  type MediaDisposed,
  type MediaLendWithdrawn,
  type MediaLent,
  type MediaLoanOverdue,
  type MediaRegistered,
  type MediaReturned,
  type MediaVirusChecked,
} from './events.js';

/*
 * INF-6: the lending register of machine-room media. Registering and lending are the API's (the caller is
 * the actor); the rest is recorded by the loan's workflow (activities/media.activities.ts), each command
 * idempotent by the loan's state so a retried step emits one event.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

const textField = (name: string, v: unknown, required: boolean): string | null => {
  const t = typeof v === 'string' ? v.trim() : '';
  if (!t) {
    if (required) throw invalid(`${name} must be 1-${MEDIA_TEXT_MAX} characters`, { fields: { [name]: ['length'] } });
    return null;
  }
  if (t.length > MEDIA_TEXT_MAX || !isStorableText(t)) throw invalid(`${name} must be 1-${MEDIA_TEXT_MAX} characters of storable text`, { fields: { [name]: ['length'] } });
  return t;
};

/** Puts a disk, CD, USB drive or tape of the machine room in the register; a label is used once. */
export const registerMediaItem = command(async (uow, input: { itemId: string; label: string; kind: MediaKind; room: string }): Promise<{ itemId: string }> => {
  const label = textField('label', input.label, true)!;
  const room = textField('room', input.room, true)!;
  if (!MEDIA_KINDS.includes(input.kind)) throw invalid(`kind must be one of ${MEDIA_KINDS.join(', ')}`, { fields: { kind: ['unknown'] } });
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext('media:labels'))`);
  const [taken] = await uow.manager.query(`SELECT id FROM media_items WHERE lower(label) = lower($1)`, [label]);
  if (taken) throw conflict(`a medium labelled "${label}" is already in the register`);
  await uow.emit<MediaRegistered>({ subject: mediaItemSubject(input.itemId), type: E.Registered, payload: { itemId: input.itemId, label, kind: input.kind, room }, clauses: ['INF-6'] });
  return { itemId: input.itemId };
});

export interface LendInput {
  loanId: string;
  itemId: string;
  borrowerUserId: string;
  dueAt: string;
  purpose: string;
  workflowId: string;
}

/**
 * Lends an available item to a named, active person (INF-6). Nobody lends to themselves: the register
 * names two people for every loan. The item must be available: out on another loan, quarantined or
 * destroyed is a 409 saying which. The due time is in the future, at most MEDIA_LOAN_MAX_DAYS ahead.
 */
export const lendMedia = command(async (uow, input: LendInput): Promise<{ loanId: string; label: string; kind: MediaKind; dueAt: string; purpose: string }> => {
  if (!UUID.test(input.itemId ?? '')) throw notFound('medium', String(input.itemId));
  const purpose = textField('purpose', input.purpose, true)!;
  const due = Date.parse(input.dueAt ?? '');
  const now = Date.now();
  if (!Number.isFinite(due)) throw invalid('dueAt must be an ISO date-time', { fields: { dueAt: ['format'] } });
  if (due <= now || due > now + MEDIA_LOAN_MAX_DAYS * DAY_MS) throw invalid(`dueAt must be in the future and at most ${MEDIA_LOAN_MAX_DAYS} days ahead`, { fields: { dueAt: ['range'] } });
  if (!UUID.test(input.borrowerUserId ?? '')) throw invalid('borrowerUserId must be the id of an active user', { fields: { borrowerUserId: ['unknown'] } });
  const [borrower] = await uow.manager.query(`SELECT active FROM users WHERE id = $1`, [input.borrowerUserId]);
  if (!borrower?.active) throw invalid('borrowerUserId must be the id of an active user', { fields: { borrowerUserId: ['unknown'] } });
  if (input.borrowerUserId === uow.actor.id) throw new DomainError(ErrorCode.SeparationOfDuties, 'you may not lend a machine-room medium to yourself; another keeper must lend it (INF-6)');
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [mediaItemSubject(input.itemId)]);
  const [item]: { state: string; label: string; kind: MediaKind }[] = await uow.manager.query(`SELECT state, label, kind FROM media_items WHERE id = $1`, [input.itemId]);
  if (!item) throw notFound('medium', input.itemId);
  if (item.state !== 'available') {
    const why = { lent: 'is out on another loan', quarantined: 'is quarantined (infected) until IT records it cleaned or destroyed', destroyed: 'was destroyed' }[item.state] ?? item.state;
    throw conflict(`"${item.label}" ${why}; it cannot be lent now`, { state: item.state });
  }
  const dueAt = new Date(due).toISOString();
  await uow.emit<MediaLent>({
    subject: mediaLoanSubject(input.loanId), type: E.Lent,
    payload: { loanId: input.loanId, itemId: input.itemId, borrowerUserId: input.borrowerUserId, dueAt, purpose, workflowId: input.workflowId }, clauses: ['INF-6'],
  });
  return { loanId: input.loanId, label: item.label, kind: item.kind, dueAt, purpose };
});

/** The loan's workflow could not be started: undo the loan so the item can be lent again. */
export const withdrawLoan = command(async (uow, input: MediaLendWithdrawn): Promise<void> => {
  const [loan] = await uow.manager.query(`SELECT state FROM media_loans WHERE id = $1 FOR UPDATE`, [input.loanId]);
  if (!loan || loan.state !== 'out') return;
  await uow.emit<MediaLendWithdrawn>({ subject: mediaLoanSubject(input.loanId), type: E.LendWithdrawn, payload: input, clauses: ['INF-6'] });
});

type LoanRow = { item_id: string; state: string; overdue_at: Date | null };
const loanOf = async (m: { query: (q: string, p: unknown[]) => Promise<LoanRow[]> }, loanId: string): Promise<LoanRow> => {
  const [loan] = await m.query(`SELECT item_id::text, state, overdue_at FROM media_loans WHERE id = $1 FOR UPDATE`, [loanId]);
  if (!loan) throw new Error(`media loan ${loanId} is not recorded`); // retried: the API records the loan before it starts the workflow
  return loan;
};

/* Behind the loan's workflow: the actor is the workflow or the person who acted; database errors pass through so the activity retries (command.ts). */

export const recordLoanOverdue = command(async (uow, input: { loanId: string; dueAt: string }): Promise<void> => {
  const loan = await loanOf(uow.manager, input.loanId);
  if (loan.state !== 'out' || loan.overdue_at) return;
  await uow.emit<MediaLoanOverdue>({ subject: mediaLoanSubject(input.loanId), type: E.Overdue, payload: { loanId: input.loanId, itemId: loan.item_id, dueAt: input.dueAt }, clauses: ['INF-6'] });
}, { actor: () => systemActor('media_loan'), translateErrors: false });

export const recordMediaReturned = command(async (uow, input: Omit<MediaReturned, 'itemId'>): Promise<void> => {
  const loan = await loanOf(uow.manager, input.loanId);
  if (loan.state !== 'out') return;
  await uow.emit<MediaReturned>({ subject: mediaLoanSubject(input.loanId), type: E.Returned, payload: { ...input, itemId: loan.item_id }, clauses: ['INF-6'] });
}, { actor: (i) => i.by, translateErrors: false });

export const recordMediaVirusCheck = command(async (uow, input: Omit<MediaVirusChecked, 'itemId'>): Promise<void> => {
  const loan = await loanOf(uow.manager, input.loanId);
  if (loan.state !== 'virus_check') return;
  await uow.emit<MediaVirusChecked>({ subject: mediaLoanSubject(input.loanId), type: E.VirusChecked, payload: { ...input, itemId: loan.item_id }, clauses: ['INF-6'] });
}, { actor: (i) => i.by, translateErrors: false });

export const recordMediaDisposal = command(async (uow, input: Omit<MediaDisposed, 'itemId'>): Promise<void> => {
  const loan = await loanOf(uow.manager, input.loanId);
  if (loan.state !== 'quarantined') return;
  await uow.emit<MediaDisposed>({ subject: mediaLoanSubject(input.loanId), type: E.Disposed, payload: { ...input, itemId: loan.item_id }, clauses: ['INF-6'] });
}, { actor: (i) => i.by, translateErrors: false });
