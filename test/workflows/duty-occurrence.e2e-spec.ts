import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { DUTIES, type DutyOccurrenceInput, type DutyOutcome, type DutySnapshot } from '../../libs/policy/duties.js';
import { dutyOccurrenceWorkflow } from '../../workflows/index.js';
import { createFakeActivities } from '../support/fake-activities.js';
import { createTimeSkippingEnv } from '../support/temporal.js';
import { decide, eventually, openTask, person, refusal, withWorker } from '../support/workflow-harness.js';

const site = person('site1', ['site_manager']);
const ccm = person('ccm1', ['cc_manager']);
const agent = person('agent1', ['employee']);

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(async () => env?.teardown());

const input = (date: string): DutyOccurrenceInput => ({ dutyId: 'machine_room_power_off', date });
const start = (taskQueue: string, date: string, workflowId = `duty-${randomUUID()}`) =>
  env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId, args: [input(date)] });

describe('duty occurrence workflow (time-skipping server)', () => {
  it('EQ-6: the power-off check done on time by the site manager is recorded completed, not late, and never escalated', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, '2026-12-04');
      const taskId = await openTask(handle, 'machine_room_power_off');
      const task = fake.inputs('openTask')[0]!.task;
      expect(task).toMatchObject({ process: 'duty', processKey: 'machine_room_power_off:2026-12-04', kind: 'power_off_check', candidate: { role: 'site_manager' }, escalation: { role: 'cc_manager' } });
      // Only the owner role may answer before it is late.
      expect(await refusal(decide(handle, taskId, agent, 'done', { data: { powerOff: true } }))).toBe('FORBIDDEN');
      await decide(handle, taskId, site, 'done', { data: { powerOff: true } });
      await expect(handle.result()).resolves.toMatchObject<Partial<DutyOutcome>>({ result: 'completed', late: false });
      expect(fake.inputs('recordDutyCompleted')).toEqual([expect.objectContaining({ occurrenceId: 'machine_room_power_off:2026-12-04', by: 'site1', late: false, data: { powerOff: true } })]);
      expect(fake.inputs('escalateTask')).toEqual([]);
      expect(fake.inputs('recordDutyLate')).toEqual([]);
      expect(fake.duplicateKeys()).toEqual([]);
    });
  });

  it('EQ-6: past its due time the check escalates to the call-center manager and is recorded late, then completed late', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, '2026-12-07');
      const taskId = await openTask(handle, 'machine_room_power_off');
      await env.sleep('61 minutes');
      await eventually(async () => fake.inputs('recordDutyLate').length === 1, 'duty.late');
      expect(fake.inputs('escalateTask')).toEqual([expect.objectContaining({ taskId, escalation: { role: 'cc_manager', departmentId: null } })]);
      // Power left on needs a comment saying what is still running.
      expect(await refusal(decide(handle, taskId, ccm, 'done', { data: { powerOff: false } }))).toBe('VALIDATION_FAILED');
      await decide(handle, taskId, ccm, 'done', { data: { powerOff: false, leftRunning: 'core switch' }, comment: 'the core switch stays on for the night shift' });
      await expect(handle.result()).resolves.toMatchObject({ result: 'completed', late: true });
      expect(fake.inputs('recordDutyCompleted')).toEqual([expect.objectContaining({ by: 'ccm1', late: true })]);
      expect(fake.inputs('recordDutyMissed')).toEqual([]);
    });
  });

  it('EQ-6: unanswered by the deadline the check is recorded missed and its task closed', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const handle = await start(taskQueue, '2026-12-08');
      const taskId = await openTask(handle, 'machine_room_power_off');
      await env.sleep('25 hours');
      await expect(handle.result()).resolves.toMatchObject({ result: 'missed', late: true, taskId });
      expect(fake.inputs('closeTask')).toEqual([expect.objectContaining({ taskId, status: 'expired' })]);
      expect(fake.inputs('recordDutyLate')).toHaveLength(1);
      expect(fake.inputs('recordDutyMissed')).toEqual([expect.objectContaining({ occurrenceId: 'machine_room_power_off:2026-12-08' })]);
      expect(fake.inputs('recordDutyCompleted')).toEqual([]);
    });
  });

  it('EQ-6: on a day off (a holiday in the calendar) the run records nothing and opens no task', async () => {
    const fake = createFakeActivities({}, new Set(['2026-10-01']));
    await withWorker(
      env,
      async (taskQueue) => {
        const handle = await start(taskQueue, '2026-10-01');
        await expect(handle.result()).resolves.toEqual({ result: 'not_working_day', date: '2026-10-01' });
        expect(fake.calls.map((c) => c.name)).toEqual(['beginDuty']);
      },
      fake,
    );
  });

  it('EQ-6: a scheduled run has no arguments and takes its duty from its workflow id; an id naming no defined duty fails at once, opening nothing', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const scheduled = await env.client.workflow.start('dutyOccurrenceWorkflow', { taskQueue, workflowId: `duty-machine_room_power_off-${randomUUID()}`, args: [] });
      await openTask(scheduled, 'machine_room_power_off');
      expect(fake.inputs('beginDuty')).toEqual([expect.objectContaining({ dutyId: 'machine_room_power_off', workflowId: scheduled.workflowId })]);
      expect(fake.inputs('beginDuty')[0]!.date).toBeUndefined(); // the day of the run, in the worker's time zone
      await decide(scheduled, await openTask(scheduled, 'machine_room_power_off'), site, 'done', { data: { powerOff: true } });
      await expect(scheduled.result()).resolves.toMatchObject({ result: 'completed' });
      const unknown = await env.client.workflow.start('dutyOccurrenceWorkflow', { taskQueue, workflowId: `duty-coffee_machine-${randomUUID()}`, args: [] });
      await expect(unknown.result()).rejects.toThrow();
      // Definitions live in the log now: beginDuty is the one that knows, and refuses for good.
      expect(fake.inputs('beginDuty').map((i) => i.dutyId)).toEqual(['machine_room_power_off', 'coffee_machine']);
      expect(fake.inputs('openTask')).toHaveLength(1);
    });
  });

  it('EQ-6: a duplicated firing for the same date opens no second task', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const first = await start(taskQueue, '2026-12-09');
      await openTask(first, 'machine_room_power_off');
      const second = await start(taskQueue, '2026-12-09');
      await expect(second.result()).resolves.toEqual({ result: 'duplicate', date: '2026-12-09', occurrenceId: 'machine_room_power_off:2026-12-09', heldBy: first.workflowId });
      expect(fake.inputs('openTask')).toHaveLength(1);
      await decide(first, await openTask(first, 'machine_room_power_off'), site, 'done', { data: { powerOff: true } });
      await expect(first.result()).resolves.toMatchObject({ result: 'completed' });
    });
  });
});

describe('duties defined through the API run as their definitions say (time-skipping server)', () => {
  const nightRound: DutySnapshot = {
    id: 'doors_windows_night',
    clauses: ['EQ-7'],
    title: { en: 'EQ-7: doors and windows, night round', zh: 'EQ-7：夜间门窗巡查' },
    owner: { userId: 'guard1' },
    escalation: 'security',
    taskKind: 'doors_windows_check',
  };
  const handover: DutySnapshot = { ...DUTIES.shift_handover_day!, owner: { role: 'site_manager', departmentId: 'machine-room' } };

  it('EQ-7: a duty owned by a named person opens its checklist for that person alone, with the form of its kind checked by the workflow', async () => {
    const fake = createFakeActivities({}, new Set(), { ...DUTIES, doors_windows_night: nightRound });
    await withWorker(
      env,
      async (taskQueue) => {
        const handle = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'doors_windows_night', date: '2026-12-09' }] });
        const taskId = await openTask(handle, 'doors_windows_night');
        expect(fake.inputs('openTask')[0]!.task).toMatchObject({ kind: 'doors_windows_check', assigneeUserId: 'guard1', candidate: null, escalation: { role: 'security' } });
        expect(await refusal(decide(handle, taskId, person('guard2', ['security']), 'done', { data: { secure: true, visitorNoticePosted: true } }))).toBe('FORBIDDEN');
        // An anomaly needs a comment describing it.
        expect(await refusal(decide(handle, taskId, person('guard1', ['security']), 'done', { data: { secure: false, visitorNoticePosted: true } }))).toBe('VALIDATION_FAILED');
        await decide(handle, taskId, person('guard1', ['security']), 'done', { data: { secure: true, visitorNoticePosted: true } });
        await expect(handle.result()).resolves.toMatchObject({ result: 'completed', late: false, occurrenceId: 'doors_windows_night:2026-12-09' });
      },
      fake,
    );
  });

  it('EQ-8: the handover form names who took over and what was handed over; a role owner in one department', async () => {
    const fake = createFakeActivities({}, new Set(), { ...DUTIES, shift_handover_day: handover });
    await withWorker(
      env,
      async (taskQueue) => {
        const handle = await env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'shift_handover_day', date: '2026-12-09' }] });
        const taskId = await openTask(handle, 'shift_handover_day');
        expect(fake.inputs('openTask')[0]!.task).toMatchObject({ kind: 'shift_handover', candidate: { role: 'site_manager', departmentId: 'machine-room' } });
        const onSite = person('site2', ['site_manager'], 'machine-room');
        expect(await refusal(decide(handle, taskId, onSite, 'done', { data: { handedOverTo: 'Li Lei' } }))).toBe('VALIDATION_FAILED');
        await decide(handle, taskId, onSite, 'done', { data: { handedOverTo: 'Li Lei', handedOver: 'keys of cabinet 3, ticket 8812 open' } });
        await expect(handle.result()).resolves.toMatchObject({ result: 'completed' });
        expect(fake.inputs('recordDutyCompleted')[0]).toMatchObject({ data: { handedOverTo: 'Li Lei', handedOver: 'keys of cabinet 3, ticket 8812 open' } });
      },
      fake,
    );
  });
});

describe('EQ-2 unannounced inspections (time-skipping server)', () => {
  it('EQ-2: an unannounced inspection opens at a time drawn inside its window, a different one for every run and day; before it nothing is open', async () => {
    const fake = createFakeActivities();
    const openedAt = new Map<string, number>();
    const open = fake.acts.openTask;
    fake.acts.openTask = async (i) => {
      // The server's (skipped) clock when the step runs: a local activity runs inside the workflow task its timer woke.
      openedAt.set(i.task.processKey, await env.currentTimeMs());
      return open(i);
    };
    await withWorker(
      env,
      async (taskQueue) => {
        const firedAt = await env.currentTimeMs();
        const dates = ['2026-12-14', '2026-12-15', '2026-12-16', '2026-12-17'];
        const handles = await Promise.all(
          dates.map((date) => env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId: 'power_inspection_unannounced', date }] })),
        );
        await eventually(async () => fake.inputs('beginDuty').length === dates.length, 'every run began');
        // The window is open, the checklist is not: nobody has been told when.
        expect(fake.inputs('openTask')).toEqual([]);
        await env.sleep('8 hours'); // the fake's window: eight hours from the firing
        await eventually(async () => openedAt.size === dates.length, 'every inspection opened');
        const times = [...openedAt.values()];
        for (const t of times) {
          expect(t).toBeGreaterThanOrEqual(firedAt);
          expect(t).toBeLessThanOrEqual(firedAt + 8 * 3_600_000 + 5_000);
        }
        // Drawn per run: the delays after each run's own start differ (to the second), not one fixed offset.
        const began = new Map(fake.inputs('beginDuty').map((i) => [`power_inspection_unannounced:${i.date}`, Date.parse(i.at)]));
        const delays = [...openedAt].map(([key, t]) => Math.floor((t - began.get(key)!) / 1000));
        expect(new Set(delays).size).toBe(dates.length);
        expect(fake.inputs('openTask').map((i) => i.task.kind)).toEqual(dates.map(() => 'power_inspection'));
        for (const h of handles) await h.terminate('test over');
      },
      fake,
    );
  });
});

describe('a working day of duties (time-skipping server)', () => {
  it('EQ-6, EQ-7, EQ-8: one day, three duties: the power-off check done on time, the doors and windows check escalated and recorded late, the handover form missed', async () => {
    await withWorker(env, async (taskQueue, fake) => {
      const date = '2026-12-22';
      const run = (dutyId: string) => env.client.workflow.start(dutyOccurrenceWorkflow, { taskQueue, workflowId: `duty-${randomUUID()}`, args: [{ dutyId, date }] });
      const [powerOff, doors, handover] = await Promise.all([run('machine_room_power_off'), run('doors_windows'), run('shift_handover_day')]);
      await decide(powerOff, await openTask(powerOff, 'machine_room_power_off'), site, 'done', { data: { powerOff: true } });
      const doorsTask = await openTask(doors, 'doors_windows');
      await openTask(handover, 'shift_handover_day');
      await env.sleep('61 minutes');
      await eventually(async () => fake.inputs('recordDutyLate').length === 2, 'two duties late');
      await decide(doors, doorsTask, ccm, 'done', { data: { secure: true, visitorNoticePosted: true } });
      await env.sleep('25 hours');
      await expect(powerOff.result()).resolves.toMatchObject({ result: 'completed', late: false, occurrenceId: `machine_room_power_off:${date}` });
      await expect(doors.result()).resolves.toMatchObject({ result: 'completed', late: true, occurrenceId: `doors_windows:${date}` });
      await expect(handover.result()).resolves.toMatchObject({ result: 'missed', late: true, occurrenceId: `shift_handover_day:${date}` });
      expect(fake.inputs('recordDutyLate').map((i) => i.occurrenceId).sort()).toEqual([`doors_windows:${date}`, `shift_handover_day:${date}`]);
      expect(fake.inputs('recordDutyMissed').map((i) => i.occurrenceId)).toEqual([`shift_handover_day:${date}`]);
    });
  });
});
