import { RETURN_ITEM_KINDS } from '../../libs/policy/index.js';
import { until, type ProcessStack } from '../support/process-stack.js';

/** Ids of the processes and tasks the screen tour opens, all made by the real workflows. */
export interface ScreenData {
  /** agent1's external network grant, active (supervisor, leadership and IT have acted); agent1 has its approval notice, unread. */
  activeRequest: string;
  activeWorkflowId: string;
  /** agent1's USB unlock, waiting for the supervisor: `reviewTask`. */
  pendingRequest: string;
  reviewTask: string;
  /** newhire1's onboarding, agreement signed: IT's `setupTask` waits. */
  onboarding: string;
  setupTask: string;
  /** newhire2 (password below) has just been hired: their `agreementTask` waits for their signature. */
  agreementTask: string;
  /** agent2's offboarding: one item received, one missing (`signoffTask` for the call center manager), the rest open (`returnTask`). */
  offboarding: string;
  returnTask: string;
  signoffTask: string;
}

export const NEWHIRE_PASSWORD = 'newhire-password-2';

type Caller = Awaited<ReturnType<ProcessStack['as']>>;

const ok = (r: { status: number; body: unknown }, what: string) => {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as any;
};

/** The open task of a process at a step, as `who` sees it in their inbox. */
const taskOf = (who: Caller, processId: string, step: string) =>
  until(async () => ((await who('GET', '/api/tasks?pageSize=200')).body.items as any[]).find((t) => t.processId === processId && t.step === step), `${step} of ${processId}`);

async function accessRequests(s: ProcessStack) {
  const [agent1, sup, leader, it] = await Promise.all(['agent1', 'supervisor', 'leader', 'it'].map((u) => s.as(u)));
  const active = ok(await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'Check supplier portal orders for customer calls', durationMinutes: 600 }), 'external request');
  for (const [who, step, outcome] of [[sup, 'supervisor_review', 'approve'], [leader, 'leadership_signoff', 'approve'], [it, 'it_enable', 'done']] as const) {
    ok(await who('POST', `/api/tasks/${(await taskOf(who, active.id, step)).id}/complete`, { outcome, comment: `${step} ok` }), step);
  }
  await until(async () => (await agent1('GET', `/api/access-requests/${active.id}`)).body.status === 'active', 'active grant');
  // The workflow announces the grant just after activating it: wait for the notice, the notifications page shows it.
  await until(async () => ((await agent1('GET', '/api/notifications')).body.items as any[]).some((n) => n.subject === `access-request:${active.id}`), 'approval notice');
  const pending = ok(await agent1('POST', '/api/access-requests', { kind: 'usb_media', justification: 'Export call recordings for the quality review', durationMinutes: 240 }), 'usb request');
  const review = await taskOf(sup, pending.id, 'supervisor_review');
  return { activeRequest: active.id, activeWorkflowId: active.workflowId, pendingRequest: pending.id, reviewTask: review.id };
}

async function onboardings(s: ProcessStack) {
  const [hr, it] = await Promise.all([s.as('hr'), s.as('it')]);
  const [dept] = ok(await hr('GET', '/api/departments'), 'departments').items;
  const first = ok(await hr('POST', '/api/onboardings', { fullName: 'Mei Chen 陈梅', username: 'newhire1', password: 'newhire-password-1', departmentId: dept.id }), 'onboarding 1');
  ok(await hr('POST', '/api/onboardings', { fullName: 'Tao Zhang 张涛', username: 'newhire2', password: NEWHIRE_PASSWORD, departmentId: dept.id }), 'onboarding 2');
  const newhire1 = await s.as('newhire1', 'newhire-password-1');
  const agreement = await until(async () => (await newhire1('GET', '/api/tasks')).body.items[0], 'agreement of newhire1');
  const { expected } = ok(await newhire1('GET', `/api/tasks/${agreement.id}`), 'agreement detail');
  ok(await newhire1('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: { agreementVersion: expected.agreementVersion, textHash: expected.textHash } }), 'signature');
  const setup = await taskOf(it, first.employeeId, 'it_setup');
  const newhire2 = await s.as('newhire2', NEWHIRE_PASSWORD);
  const agreement2 = await until(async () => (await newhire2('GET', '/api/tasks')).body.items[0], 'agreement of newhire2');
  return { onboarding: first.employeeId, setupTask: setup.id, agreementTask: agreement2.id };
}

async function offboarding(s: ProcessStack) {
  const [hr, agent2, site, ccm] = await Promise.all(['hr', 'agent2', 'site', 'ccmanager'].map((u) => s.as(u)));
  const employeeId: string = ok(await agent2('GET', '/api/me'), 'me').employee.id;
  ok(await hr('POST', '/api/offboardings', { employeeId, reason: 'resigned', extraItems: [{ label: 'Headset case 耳机盒' }] }), 'offboarding');
  const items = await until(async () => {
    const tasks = ((await site('GET', '/api/tasks?pageSize=200')).body.items as any[]).filter((t) => t.processId === employeeId && t.step === 'return_item');
    return tasks.length === RETURN_ITEM_KINDS.length + 1 && tasks; // the default items and HR's extra one
  }, 'return checklist');
  const byKind = (kind: string) => items.find((t) => t.context.itemKind === kind)!;
  ok(await site('POST', `/api/tasks/${byKind('documents').id}/complete`, { outcome: 'done', data: { status: 'received' } }), 'received');
  ok(await site('POST', `/api/tasks/${byKind('notes').id}/complete`, { outcome: 'done', data: { status: 'missing' }, comment: 'one notebook lost' }), 'missing');
  const signoff = await taskOf(ccm, employeeId, 'missing_signoff');
  return { offboarding: employeeId, returnTask: byKind('disks').id, signoffTask: signoff.id };
}

/** Makes every kind of screen data through the API and the real workflows (the three flows run side by side). */
export async function makeScreenData(s: ProcessStack): Promise<ScreenData> {
  const [a, on, off] = await Promise.all([accessRequests(s), onboardings(s), offboarding(s)]);
  return { ...a, ...on, ...off };
}
