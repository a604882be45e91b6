import pg from 'pg';
import { startProcessStack, until, type ProcessStack } from './support/process-stack.js';
import { startWorkerProcess, stopAllWorkers, type WorkerProcess } from './support/worker-process.js';

let s: ProcessStack;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  s = await startProcessStack({ inProcessWorker: false });
});
// Whatever happened (a failed expectation, a timeout), no worker child outlives its test: each is
// stopped with its whole process group, by SIGKILL when SIGTERM is not enough.
afterEach(async () => stopAllWorkers());
afterAll(async () => {
  await stopAllWorkers();
  await s?.close();
});

const count = async (sql: string, params: unknown[]) => ((await s.db.dataSource.query(sql, params)) as unknown[]).length;

describe('a worker killed in the middle of an onboarding', () => {
  it('AID-1: SIGKILL inside the agent-ID step, restart: the onboarding finishes with exactly one agent ID and one event per step', async () => {
    worker = await startWorkerProcess(s.db.url, s.taskQueue);
    const hr = await s.as('hr');
    const [dept] = (await hr('GET', '/api/departments')).body.items;
    const started = await hr('POST', '/api/onboardings', { fullName: 'Crash Test 测试', username: 'newhire2', password: 'newhire-password-2', departmentId: dept.id });
    expect(started.status).toBe(201);
    const employeeId: string = started.body.employeeId;
    const newhire = await s.as('newhire2', 'newhire-password-2');
    const agreement = await until(async () => (await newhire('GET', '/api/tasks')).body.items[0], 'agreement task');

    // Hold the employee's row, so the worker's agent-ID command blocks inside its transaction.
    const blocker = new pg.Client({ connectionString: s.db.url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1 FROM employees WHERE id = $1 FOR UPDATE', [employeeId]);
    const signed = await newhire('POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: { agreementVersion: agreement.expected.agreementVersion, textHash: agreement.expected.textHash } });
    expect(signed.status).toBe(200);
    await until(
      async () => (await s.db.dataSource.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'custodian-worker' AND wait_event_type = 'Lock'`)).length > 0,
      'the worker blocked in the agent-ID step',
    );
    await worker.stop('SIGKILL');
    await blocker.query('ROLLBACK');
    await blocker.end();

    // A new worker picks the onboarding up; the step is retried once its start-to-close timeout passes.
    worker = await startWorkerProcess(s.db.url, s.taskQueue);
    const it = await s.as('it');
    const setup = await until(async () => (await it('GET', '/api/tasks?kind=account_setup')).body.items.find((t: any) => t.processId === employeeId), 'IT setup task', 60_000);
    expect((await it('POST', `/api/tasks/${setup.id}/complete`, { outcome: 'done', data: { emailAccount: 'newhire2@corp.example', driveAccount: 'newhire2' } })).status).toBe(200);
    const fire = await until(async () => (await newhire('GET', '/api/tasks')).body.items.find((t: any) => t.kind === 'acknowledgement'), 'fire-safety task');
    expect((await newhire('POST', `/api/tasks/${fire.id}/complete`, { outcome: 'done', data: { acknowledged: true } })).status).toBe(200);
    const done = await until(async () => {
      const r = (await hr('GET', `/api/onboardings/${employeeId}`)).body;
      return r.state === 'completed' && r;
    }, 'onboarding completed');

    // Exactly one agent ID, assigned once.
    expect(await s.db.dataSource.query(`SELECT code FROM agent_ids WHERE holder_employee_id = $1`, [employeeId])).toEqual([{ code: done.agentId }]);
    expect(await count(`SELECT 1 FROM event_log WHERE type = 'agent_id.assigned' AND payload->>'employeeId' = $1`, [employeeId])).toBe(1);
    // Exactly one event per step of the timeline, per task transition, and per onboarding record.
    const steps: { step: string; state: string; n: number }[] = await s.db.dataSource.query(
      `SELECT payload->>'step' AS step, payload->>'state' AS state, count(*)::int AS n FROM event_log WHERE subject = $1 AND type = 'process.step_recorded' GROUP BY 1, 2 ORDER BY min(seq)`,
      [`onboarding:${employeeId}`],
    );
    expect(steps).toEqual(['agreement', 'agent_id', 'it_setup', 'fire_safety', 'active'].map((step) => ({ step, state: 'completed', n: 1 })));
    const perTask: { type: string; n: number }[] = await s.db.dataSource.query(
      `SELECT e.type, count(*)::int AS n FROM event_log e JOIN tasks t ON e.subject = 'task:' || t.id WHERE t.process_key = $1 GROUP BY e.type, t.id`,
      [employeeId],
    );
    expect(perTask.every((r) => r.n === 1)).toBe(true);
    expect(perTask.filter((r) => r.type === 'task.opened')).toHaveLength(3);
    for (const type of ['process.started', 'process.finished', 'agreement.signed', 'ip.allocated']) {
      expect([type, await count(`SELECT 1 FROM event_log WHERE type = $1 AND (payload->>'employeeId' = $2 OR payload->>'processKey' = $2)`, [type, employeeId])]).toEqual([type, 1]);
    }
    const [{ status }] = await s.db.dataSource.query(`SELECT status FROM employees WHERE id = $1`, [employeeId]);
    expect(status).toBe('active');
  }, 180_000); // a retried step waits out its start-to-close timeout; the whole suite shares two cores
});

describe('a decision sent again while the first waits for a worker', () => {
  it('the supervisor sends the same form twice (the first answer lost) while the worker is frozen: both answers are the one decision, neither is 409, and one decision event is written', async () => {
    worker = await startWorkerProcess(s.db.url, s.taskQueue);
    const [agent1, sup] = await Promise.all([s.as('agent1'), s.as('supervisor')]);
    const created = await agent1('POST', '/api/access-requests', { kind: 'external_network', justification: 'supplier research', durationMinutes: 600 });
    expect(created.status).toBe(201);
    const review = await until(
      async () => (await sup('GET', '/api/tasks')).body.items.find((t: any) => t.processId === created.body.id && t.step === 'supervisor_review'),
      'supervisor review task',
    );

    // SIGSTOP the worker's process group: the server takes both Updates in, but no workflow code runs
    // (and nothing is recorded) until it goes on. Without one Update id per form, the second would be
    // refused "already decided" by the workflow once the first was accepted, before the inbox showed it.
    const form = { outcome: 'approve', comment: 'fine' };
    const group = -worker.child.pid!;
    process.kill(group, 'SIGSTOP');
    let answers: Awaited<ReturnType<typeof sup>>[];
    try {
      const first = sup('POST', `/api/tasks/${review.id}/complete`, form);
      await new Promise((r) => setTimeout(r, 1500));
      const second = sup('POST', `/api/tasks/${review.id}/complete`, form);
      await new Promise((r) => setTimeout(r, 1500));
      process.kill(group, 'SIGCONT');
      answers = await Promise.all([first, second]);
    } finally {
      process.kill(group, 'SIGCONT');
    }
    expect(answers.map((a) => [a.status, a.body.status])).toEqual([
      [200, 'decided'],
      [200, 'decided'],
    ]);
    expect(await count(`SELECT 1 FROM event_log WHERE type = 'task.decided' AND subject = $1`, [`task:${review.id}`])).toBe(1);
    // Once the decision is recorded, anything sent again is refused early from the inbox: 409.
    expect((await sup('POST', `/api/tasks/${review.id}/complete`, form)).status).toBe(409);
  }, 120_000);
});

describe('an access request sent while no worker runs', () => {
  it('SYS-1: the POST is 201 at once (the API records the request right after starting its workflow); once a worker runs, the workflow finds it recorded and opens the supervisor review; the same POST under its key gets the same request, recorded once', async () => {
    const agent = await s.as('agent1');
    const body = { kind: 'external_network', justification: 'no worker yet', durationMinutes: 120 };
    const key = { 'Idempotency-Key': 'no-worker-0001' };
    const first = await agent('POST', '/api/access-requests', body, key);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'pending', stage: 'submitted', justification: 'no worker yet' });
    const wf = first.body.workflowId as string;
    const events = async () => ((await s.db.dataSource.query(`SELECT type FROM event_log WHERE subject = $1 ORDER BY seq`, [`access-request:${first.body.id}`])) as { type: string }[]).map((t) => t.type);
    expect(await events()).toEqual(['process.started', 'access_request.submitted']);
    expect(await count(`SELECT 1 FROM tasks WHERE workflow_id = $1`, [wf])).toBe(0);

    worker = await startWorkerProcess(s.db.url, s.taskQueue);
    await until(async () => (await count(`SELECT 1 FROM tasks WHERE workflow_id = $1 AND step = 'supervisor_review' AND status = 'open'`, [wf])) === 1, 'the supervisor review');
    const again = await agent('POST', '/api/access-requests', body, key);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, workflowId: wf, stage: 'supervisor_review' });
    // The workflow's own record of the same facts added nothing: the request's events are still the two.
    expect(await events()).toEqual(['process.started', 'access_request.submitted']);
  }, 120_000);
});

