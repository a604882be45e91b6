import { ApplicationFailure, condition, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import { addReturnItemUpdate } from '../libs/policy/messages.js';
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

  private async add(kind: ReturnItemKind, label: string, by: string): Promise<{ itemId: string }> {
    const item: ReturnItemView = { itemId: uuid4(), kind, label, state: 'pending', checkedBy: null, note: null, virusCheck: null, signedOffBy: null };
    this.items.push(item); // before any await: the checklist cannot close while this item is being listed
    await acts.listReturnItem({ key: keyOf('item', item.itemId, 'listed'), workflowId: workflowInfo().workflowId, employeeId: this.input.employeeId, itemId: item.itemId, kind, label, addedBy: by });
    this.running.push(this.settle(item));
    return { itemId: item.itemId };
  }

  /** A default carrier's label in both languages; a label HR typed stays as typed. */
  private labelOf(item: ReturnItemView) {
    return item.label === RETURN_ITEM_LABELS[item.kind].en ? RETURN_ITEM_LABELS[item.kind] : text(item.label, item.label);
  }

  private context(item: ReturnItemView): TaskContext {
    const { employeeId, employeeUserId, startedBy } = this.input;
    const label = this.labelOf(item);
    return { subjectUserId: employeeUserId, subjectEmployeeId: employeeId, requestedBy: startedBy, summary: text(`Return of: ${label.en}`, `归还：${label.zh}`), details: { itemId: item.itemId, kind: item.kind, label: item.label } };
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
