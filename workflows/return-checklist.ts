import { ApplicationFailure, condition, getExternalWorkflowHandle, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { MediaActivities } from '../activities/media.activities.js';
import { PERMANENT_ERROR_TYPES } from '../libs/policy/errors.js';
import type { LoanSettledArgs, OpenLoan } from '../libs/policy/media.js';
import { addReturnItemUpdate, loanOnChecklistSignal, loanSettledSignal } from '../libs/policy/messages.js';
import { isRefusedPayload } from '../libs/policy/trust.js';
import { RETURN_ITEM_KINDS, RETURN_ITEM_LABELS, type AddReturnItemArgs, type OffboardingInput, type ReturnItemKind, type ReturnItemView } from '../libs/policy/offboarding.js';
import { isStorableText } from '../libs/policy/task-rules.js';
import { type TaskContext } from '../libs/policy/tasks.js';
import { processSubject } from '../libs/policy/workflow-ids.js';
import { text } from '../libs/policy/text.js';
import { TITLES } from '../libs/policy/titles.js';
import { acts, applies, keyOf } from './activities.js';
import type { HumanTasks } from './human-task.js';
import { QUARANTINE_REVIEW_PATCH, quarantineDisposal } from './quarantine.js';
import { unauthenticated } from './update-stamps.js';

/** The lending register's reads (activities/media.activities.ts), remote, with the retry rules of every database step. */
const loanReads = proxyActivities<Pick<MediaActivities, 'leaverLoans' | 'loanRecord'>>({
  startToCloseTimeout: '15 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: PERMANENT_ERROR_TYPES },
});

/** Patched: checklists recorded before it do not look for the leaver's loans. */
export const LEAVER_LOANS_PATCH = 'leaver-loans-on-checklist';

/** The checklist item a lent medium becomes, by its kind. */
const LOAN_ITEM_KIND: Record<OpenLoan['kind'], ReturnItemKind> = { disk: 'disks', tape: 'tapes', cd: 'other_media', usb_drive: 'other_media' };

/** Quarantined is not settled (INF-6): an infected disk holds the checklist open until it is cleaned or destroyed. */
const SETTLED: ReturnItemView['state'][] = ['received', 'missing_signed_off', 'cleaned', 'destroyed'];

/**
 * The return checklist of INF-13 / INF-11(5): one task per carrier for the on-site manager. A returned
 * machine-room disk is virus-checked by IT (INF-6); a missing item needs the call center manager's
 * sign-off, by someone other than who reported it. HR may add items while the checklist is open.
 * An infected disk is quarantined, not received: IT records it cleaned or destroyed (INF-6).
 */
export class ReturnChecklist {
  readonly items: ReturnItemView[] = [];
  private readonly running: Promise<void>[] = [];
  private closed = false;
  /** INF-13: how each of the leaver's loans ended, as its workflow reported (by checklist item). */
  private readonly loansSettled = new Map<string, LoanSettledArgs>();
  /** INF-13: the loan each loan item is. */
  private readonly loans = new Map<string, OpenLoan>();

  constructor(
    private readonly tasks: HumanTasks,
    private readonly input: OffboardingInput,
  ) {
    const refuse = (r: { code: string; message: string }) => {
      throw ApplicationFailure.create({ type: r.code, message: r.message, nonRetryable: true });
    };
    const add = (a: AddReturnItemArgs) => {
      tasks.stamps.remember(a);
      return this.add(a.kind ?? 'other_media', a.label.trim(), a.by);
    };
    // Registered on every run (a handler is no command); only runs that listed a loan are ever sent it.
    setHandler(loanSettledSignal, (a) => {
      if (!isRefusedPayload(a) && typeof a?.itemId === 'string' && this.items.some((i) => i.itemId === a.itemId && i.loanId === a.loanId)) this.loansSettled.set(a.itemId, a);
    });
    setHandler(addReturnItemUpdate, add, {
      validator: (a) => {
        const forged = unauthenticated(a) ?? tasks.stamps.check(a);
        if (forged) refuse(forged);
        if (this.closed) throw ApplicationFailure.create({ type: 'ALREADY_DECIDED', message: 'the return checklist is already complete', nonRetryable: true });
        const badLabel = !isStorableText(a?.label) || a.label.trim().length === 0 || a.label.length > 200;
        if (badLabel || typeof a.by !== 'string' || (a.kind !== undefined && !RETURN_ITEM_KINDS.includes(a.kind)))
          throw ApplicationFailure.create({ type: 'VALIDATION_FAILED', message: 'label (1-200 characters), by and an optional known kind are required', nonRetryable: true });
      },
    });
  }

  /** Lists the default kinds and HR's extra items, then waits until every item is settled. */
  async settleAll(): Promise<ReturnItemView[]> {
    for (const kind of RETURN_ITEM_KINDS) await this.add(kind, RETURN_ITEM_LABELS[kind].en, this.input.startedBy);
    for (const extra of this.input.extraItems) await this.add('other_media', extra.label, this.input.startedBy);
    // INF-13: every medium the leaver still has on loan from the machine-room register is an item too.
    if (applies(LEAVER_LOANS_PATCH)) {
      for (const loan of await loanReads.leaverLoans({ borrowerUserId: this.input.employeeUserId })) await this.add(LOAN_ITEM_KIND[loan.kind], loan.label, this.input.startedBy, loan);
    }
    const allSettled = () => this.items.every((i) => SETTLED.includes(i.state));
    // Close in the same synchronous step that saw everything settled, so no item can slip in between.
    for (;;) {
      await condition(allSettled);
      if (allSettled()) break;
    }
    this.closed = true;
    await Promise.all(this.running);
    return this.items;
  }

  private async add(kind: ReturnItemKind, label: string, by: string, loan?: OpenLoan): Promise<{ itemId: string }> {
    const item: ReturnItemView = { itemId: uuid4(), kind, label, state: 'pending', checkedBy: null, note: null, virusCheck: null, signedOffBy: null, ...(loan ? { loanId: loan.loanId } : {}) };
    this.items.push(item); // before any await: the checklist cannot close while this item is being listed
    if (loan) this.loans.set(item.itemId, loan);
    await acts.listReturnItem({ key: keyOf('item', item.itemId, 'listed'), workflowId: workflowInfo().workflowId, employeeId: this.input.employeeId, itemId: item.itemId, kind, label, addedBy: by });
    this.running.push(loan ? this.settleLoan(item, loan) : this.settle(item));
    return { itemId: item.itemId };
  }

  /** INF-13: tells the loan's workflow it is this checklist item (and, with `returnedBy`, received); false when that workflow has ended. */
  private tellLoan(item: ReturnItemView, loan: OpenLoan, returnedBy: string | null): Promise<boolean> {
    return getExternalWorkflowHandle(loan.workflowId)
      .signal(loanOnChecklistSignal, { offboardingWorkflowId: workflowInfo().workflowId, itemId: item.itemId, returnedBy })
      .then(() => true, () => false);
  }

  /**
   * INF-13, INF-6: a lent medium on the checklist. The lending register stays its one record: the loan's
   * workflow is told at once, so it reports back when it closes. Still out, the on-site manager checks it
   * like any item; received, the loan records that return (by the manager) and runs its own virus check
   * and quarantine; the item mirrors how the loan ended. Already returned through the register, the item
   * waits for the loan's end. Missing follows the checklist's sign-off (the loan stays open, overdue).
   */
  private async settleLoan(item: ReturnItemView, loan: OpenLoan): Promise<void> {
    const listed = await this.tellLoan(item, loan, null);
    if (loan.state === 'out' && listed) return this.settle(item);
    return this.mirrorLoan(item, loan, 0, listed);
  }

  /** Waits for the loan's end (or reads it, when its workflow has already ended) and records the item so. */
  private async mirrorLoan(item: ReturnItemView, loan: OpenLoan, attempt: number, listening: boolean): Promise<void> {
    let o = this.loansSettled.get(item.itemId);
    if (!o && !listening) {
      const r = await loanReads.loanRecord({ loanId: loan.loanId });
      if (r?.state === 'closed' && r.virusCheckedBy)
        o = {
          itemId: item.itemId, loanId: loan.loanId, result: r.disposition === 'cleaned' || r.disposition === 'destroyed' ? r.disposition : 'clean', returnedBy: r.returnedBy ?? '',
          virusCheckedBy: r.virusCheckedBy, disposedBy: r.disposedBy, note: r.disposalNote, securityReview: null,
        };
    }
    if (!o) {
      await condition(() => this.loansSettled.has(item.itemId));
      o = this.loansSettled.get(item.itemId)!;
    }
    if (o.result === 'clean') {
      Object.assign(item, { state: 'received', checkedBy: item.checkedBy ?? (o.returnedBy || null), virusCheck: { result: 'clean', by: o.virusCheckedBy } });
      return this.record(item, o.virusCheckedBy, attempt);
    }
    Object.assign(item, { state: 'quarantined', checkedBy: item.checkedBy ?? (o.returnedBy || null), virusCheck: { result: 'infected', by: o.virusCheckedBy }, disposedBy: null });
    await this.record(item, o.virusCheckedBy, attempt);
    Object.assign(item, { state: o.result, disposedBy: o.disposedBy, note: o.note ?? item.note, ...(o.securityReview ? { securityReview: o.securityReview } : {}) });
    return this.record(item, o.disposedBy ?? o.virusCheckedBy, attempt);
  }

  /** INF-13: received on the checklist: the loan records the return (by the manager) and checks it; the item waits for its end. */
  private async receiveLoan(item: ReturnItemView, by: string, attempt: number): Promise<void> {
    const loan = this.loans.get(item.itemId)!;
    item.state = 'virus_check';
    await this.record(item, by, attempt);
    return this.mirrorLoan(item, loan, attempt, await this.tellLoan(item, loan, by));
  }

  /** A default carrier's label in both languages; a label HR typed stays as typed. */
  private labelOf(item: ReturnItemView) {
    return item.label === RETURN_ITEM_LABELS[item.kind].en ? RETURN_ITEM_LABELS[item.kind] : text(item.label, item.label);
  }

  private context(item: ReturnItemView): TaskContext {
    const { employeeId, employeeUserId, startedBy } = this.input;
    const label = this.labelOf(item);
    return { subjectUserId: employeeUserId, subjectEmployeeId: employeeId, requestedBy: startedBy, summary: text(`Return of: ${label.en}`, `归还：${label.zh}`), details: { itemId: item.itemId, kind: item.kind, label: item.label, ...(item.loanId ? { loanId: item.loanId } : {}) } };
  }

  private async record(item: ReturnItemView, by: string, attempt: number): Promise<void> {
    await acts.recordReturnItem({ key: keyOf('item', item.itemId, item.state, attempt), itemId: item.itemId, state: item.state, by, note: item.note, virusCheck: item.virusCheck?.result });
  }

  /**
   * INF-6: the infected disk stays out of the count of returned items until IT has dealt with it and, on
   * runs with the security review (patched; decided in beginRun), security has reviewed it; the leaver takes
   * no part in either (INF-13). See workflows/quarantine.ts.
   */
  private async quarantine(item: ReturnItemView, checkedBy: string, attempt: number): Promise<void> {
    Object.assign(item, { state: 'quarantined', virusCheck: { result: 'infected', by: checkedBy }, disposedBy: null });
    await this.record(item, checkedBy, attempt);
    const securityReview = applies(QUARANTINE_REVIEW_PATCH);
    const disposal = await quarantineDisposal(this.tasks, {
      key: [item.itemId, attempt], subject: processSubject('offboarding', this.input.employeeId), label: item.label,
      body: securityReview ? TITLES.quarantinedReviewBody : TITLES.quarantinedBody, dueInMs: this.input.settings.itemDueMs, context: this.context(item),
      securityReview, ...(securityReview ? { excluded: [{ userId: this.input.employeeUserId, reason: 'leaver' as const }] } : {}),
    });
    Object.assign(item, { state: disposal.disposition, disposedBy: disposal.by, note: disposal.comment ?? item.note, ...(disposal.review ? { securityReview: disposal.review } : {}) });
    await this.record(item, disposal.by, attempt);
  }

  private async settle(item: ReturnItemView): Promise<void> {
    const notify = { role: 'cc_manager' as const, departmentId: null, mayDecide: false };
    for (let attempt = 0; ; attempt++) {
      const label = this.labelOf(item);
      const check = await this.tasks.run({
        step: 'return_item', kind: 'return_item', title: TITLES.returnItem(label), candidate: { role: 'site_manager', departmentId: null },
        escalation: notify, dueInMs: this.input.settings.itemDueMs, context: this.context(item),
      });
      const by = check.decidedBy!;
      Object.assign(item, { checkedBy: by, note: check.comment, state: check.data.status === 'missing' ? 'missing' : 'received' });
      if (item.state === 'received' && item.loanId) return this.receiveLoan(item, by, attempt); // INF-13: the loan checks it (INF-6)
      if (item.state === 'received' && check.data.machineRoomDisk === true) {
        item.state = 'virus_check';
        await this.record(item, by, attempt);
        const scan = await this.tasks.run({
          step: 'virus_check', kind: 'virus_check', title: TITLES.virusCheck(item.label), candidate: { role: 'it', departmentId: null },
          escalation: notify, dueInMs: this.input.settings.itemDueMs, context: this.context(item),
        });
        const result = scan.data.result as 'clean' | 'infected';
        // INF-6: an infected disk is not received. Patched: checklists recorded before it replay as they ran.
        if (result === 'infected' && applies('infected-return-quarantined')) return this.quarantine(item, scan.decidedBy!, attempt);
        Object.assign(item, { state: 'received', virusCheck: { result, by: scan.decidedBy! } });
        return this.record(item, scan.decidedBy!, attempt);
      }
      await this.record(item, by, attempt);
      if (item.state === 'received') return;
      const signoff = await this.tasks.run({
        step: 'missing_signoff', kind: 'signoff', title: TITLES.missingSignoff(item.label), candidate: { role: 'cc_manager', departmentId: null },
        escalation: { role: 'leadership', departmentId: null, mayDecide: false }, dueInMs: this.input.settings.signoffDueMs,
        excluded: [{ userId: by, reason: 'reporter' }], context: this.context(item),
      });
      if (signoff.outcome === 'approve') {
        Object.assign(item, { state: 'missing_signed_off', signedOffBy: signoff.decidedBy });
        return this.record(item, signoff.decidedBy!, attempt);
      }
      item.state = 'pending'; // refused: the on-site manager checks the item again
      await this.record(item, signoff.decidedBy!, attempt);
    }
  }
}
