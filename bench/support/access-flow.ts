/**
 * One external-network access request (SYS-1) driven through HTTP the way people do it: the requester
 * submits it; the department supervisor, then leadership, then one IT person each find its task in
 * their inbox (GET /api/tasks) and complete it (POST /api/tasks/:id/complete); the requester watches
 * it until the grant is active. Shared by the end-to-end and the expiry scenarios.
 */
import { Api, BENCH_PASSWORD, HttpError, pollUntil, sleep, type Session } from './http.js';

/** The three deciders, in the order of the stages (SYS-1: supervisor → leadership → IT). */
export const STAGES = ['supervisor', 'leadership', 'it'] as const;
export type Stage = (typeof STAGES)[number];

export interface Deciders {
  supervisor: Session;
  leadership: Session;
  it: Session;
}

/** What the watcher reads of an inbox item (TaskDto): the task, and the process (request) it belongs to. */
interface TaskItem {
  id: string;
  processId: string;
}

/**
 * One person with their inbox open: while someone waits for a task, it lists the inbox over and over
 * (one request at a time, as a browser refreshing would) and hands each request's task to its waiter.
 * One watcher per decider keeps the listing load what a few busy people cause, however many requests
 * are in flight.
 */
export class InboxWatcher {
  /** Decisions refused because the workflow had not yet taken in that the task is open (see decide). */
  notYetLive = 0;
  /** Submissions answered 503 "started but not recorded yet" (counted on the supervisor's watcher, see submit). */
  recordedLate = 0;
  /** Decisions answered 503 (the process did not answer in time) and looked at again (see decide). */
  unavailable = 0;
  private readonly waiters = new Map<string, (taskId: string) => void>();
  private running = true;
  private loop?: Promise<void>;
  private failure?: Error;

  constructor(
    private readonly api: Api,
    readonly who: Session,
    private readonly pauseMs = 50,
  ) {}

  waitFor(requestId: string, timeoutMs: number): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    this.loop ??= this.poll();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(requestId);
        reject(new Error(`no task for request ${requestId} in ${this.who.username}'s inbox after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(requestId, (taskId) => {
        clearTimeout(timer);
        resolve(taskId);
      });
    });
  }

  private async poll(): Promise<void> {
    while (this.running) {
      if (this.waiters.size === 0) {
        await sleep(10);
        continue;
      }
      try {
        const page = await this.api.call<{ items: TaskItem[] }>(this.who, 'GET', '/api/tasks?pageSize=200');
        for (const t of page.items) {
          const waiter = this.waiters.get(t.processId);
          if (waiter) {
            this.waiters.delete(t.processId);
            waiter(t.id);
          }
        }
      } catch (e) {
        // A failing inbox fails every request waiting on it, instead of letting them time out one by one.
        this.failure = e as Error;
        this.running = false;
        for (const rid of [...this.waiters.keys()]) this.waiters.delete(rid);
        throw e;
      }
      await sleep(this.pauseMs);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop?.catch(() => undefined);
  }
}

/** What the benchmark reads of an AccessRequestDto. */
export interface AccessRequestView {
  id: string;
  status: string;
  expiresAt: string | null;
}

export interface DriveOptions {
  /** The window asked for, counted from enablement (SYS-1). */
  durationMinutes: number;
  /** How long one stage may take to show up in an inbox, or the grant to become active. */
  stepTimeoutMs: number;
  /** Stop after this stage (e.g. 'leadership' to leave every request waiting for IT). */
  until?: Stage;
}

/** Submits one request and takes it through the stages; returns its id. */
export async function submitAndApprove(api: Api, requester: Session, watchers: Record<Stage, InboxWatcher>, o: DriveOptions): Promise<string> {
  const body = { kind: 'external_network', justification: 'bench: end-to-end access request', durationMinutes: o.durationMinutes };
  const id = await submit(api, requester, body, watchers.supervisor);
  for (const stage of STAGES) {
    await decide(api, watchers[stage], stage, id, o.stepTimeoutMs);
    if (stage === o.until) break;
  }
  return id;
}

const STARTED_NOT_RECORDED = /access request ([0-9a-f-]{36}) was started but is not recorded yet/;

/**
 * POST /api/access-requests. Under load the API may answer 503 "started but not recorded yet; fetch it
 * again shortly" (apps/api/src/processes/read-model.ts): the request exists and goes on, so the bench
 * does what the answer says (the supervisor's inbox shows it when it is recorded) and counts it
 * (InboxWatcher.recordedLate), instead of failing a request the system accepted.
 */
async function submit(api: Api, requester: Session, body: object, supervisor: InboxWatcher): Promise<string> {
  try {
    return (await api.call<AccessRequestView>(requester, 'POST', '/api/access-requests', body)).id;
  } catch (e) {
    const late = e instanceof HttpError && e.status === 503 ? STARTED_NOT_RECORDED.exec(JSON.stringify(e.body)) : null;
    if (!late) throw e;
    supervisor.recordedLate++;
    return late[1];
  }
}

const NOT_YET_LIVE_RETRIES = 50;

/**
 * The decider of one stage finds the request's task in their inbox and completes it.
 *
 * The inbox can list a task a moment before its workflow has registered it: the openTask activity writes
 * the read model, and the workflow takes the task in only when that activity's result comes back. A
 * decision in between is refused by the workflow as NOT_FOUND ("not open in this process"). A person
 * would click again; the bench does too, after 100 ms, and counts each time (InboxWatcher.notYetLive)
 * so the report shows how often it happens.
 */
export async function decide(api: Api, watcher: InboxWatcher, stage: Stage, requestId: string, timeoutMs: number): Promise<void> {
  const taskId = await watcher.waitFor(requestId, timeoutMs);
  // IT's task is an action carried out ("done"); the others are approvals.
  const outcome = stage === 'it' ? 'done' : 'approve';
  let answered503 = false;
  for (let attempt = 1; ; attempt++) {
    try {
      await api.call(watcher.who, 'POST', `/api/tasks/${taskId}/complete`, { outcome, comment: 'bench' });
      return;
    } catch (e) {
      // A 503 says "did not answer in time; may still be recorded": look again after a moment. A 409 on
      // that second look means the first went through (this stage has no other decider in the bench).
      if (answered503 && e instanceof HttpError && e.status === 409) return;
      if (e instanceof HttpError && e.status === 503 && attempt < NOT_YET_LIVE_RETRIES) {
        answered503 = true;
        watcher.unavailable++;
        await sleep(1000);
        continue;
      }
      const notYetLive = e instanceof HttpError && e.status === 404 && /not open in this process/.test(JSON.stringify(e.body));
      if (!notYetLive || attempt >= NOT_YET_LIVE_RETRIES) throw e;
      watcher.notYetLive++;
      await sleep(100);
    }
  }
}

/** How many decisions the run had to repeat because a workflow had not yet registered its task. */
export const notYetLive = (watchers: Record<Stage, InboxWatcher>): number => STAGES.reduce((n, s) => n + watchers[s].notYetLive, 0);

/** How many decisions the API answered 503 (not seen through in time) in the run. */
export const unavailable = (watchers: Record<Stage, InboxWatcher>): number => STAGES.reduce((n, s) => n + watchers[s].unavailable, 0);

/** How many submissions the API answered "started but not recorded yet" (503) in the run. */
export const recordedLate = (watchers: Record<Stage, InboxWatcher>): number => watchers.supervisor.recordedLate;

/** The requester looks at the request until its grant is active. */
export function awaitActive(api: Api, requester: Session, requestId: string, timeoutMs: number): Promise<AccessRequestView> {
  return pollUntil(
    `request ${requestId} to become active`,
    async () => {
      const r = await api.call<AccessRequestView>(requester, 'GET', `/api/access-requests/${requestId}`);
      return r.status === 'active' ? r : undefined;
    },
    timeoutMs,
    100,
  );
}

/**
 * The people of the run: the demo deciders (supervisor of outbound-1, leader, it) and `count`
 * requesters in outbound-1 — agent1 and agent2, then people hr onboards through the API (INF-10: nobody
 * asks for access before signing the agreement, so each signs it and finishes onboarding first).
 */
export async function signIn(api: Api, count: number, run: string): Promise<{ deciders: Deciders; requesters: Session[] }> {
  const [supervisor, leadership, it, hr, agent1, agent2] = await Promise.all(['supervisor', 'leader', 'it', 'hr', 'agent1', 'agent2'].map((u) => api.login(u)));
  const me = await api.call<{ department: { id: string } | null }>(agent1, 'GET', '/api/me', undefined, { untimed: true });
  if (!me.department) throw new Error('agent1 has no department: is the demo directory seeded?');
  const requesters = [agent1, agent2];
  for (let i = requesters.length; i < count; i++) requesters.push(await onboarded(api, hr, it, `bench-${run}-${i}`, me.department.id));
  return { deciders: { supervisor, leadership, it }, requesters: requesters.slice(0, count) };
}

type TaskRef = { id: string; step: string; processId: string };

/** One new hire onboarded through HTTP, untimed: hr starts it, the person signs (INF-10), IT sets up, the person acknowledges. */
async function onboarded(api: Api, hr: Session, it: Session, username: string, departmentId: string): Promise<Session> {
  const o = { untimed: true };
  const { employeeId } = await api.call<{ employeeId: string }>(hr, 'POST', '/api/onboardings', { fullName: `Bench requester ${username}`, username, departmentId, password: BENCH_PASSWORD }, o);
  const person = await api.login(username);
  const taskOf = (who: Session, step: string) =>
    pollUntil(`${step} of ${username}`, async () => (await api.call<{ items: TaskRef[] }>(who, 'GET', '/api/tasks?pageSize=200', undefined, o)).items.find((t) => t.step === step && t.processId === employeeId), 30_000);
  const agreement = await taskOf(person, 'agreement');
  const { expected } = await api.call<{ expected: Record<string, string> }>(person, 'GET', `/api/tasks/${agreement.id}`, undefined, o);
  await api.call(person, 'POST', `/api/tasks/${agreement.id}/complete`, { outcome: 'done', data: expected }, o);
  await api.call(it, 'POST', `/api/tasks/${(await taskOf(it, 'it_setup')).id}/complete`, { outcome: 'done', data: { emailAccount: `${username}@bench.example`, driveAccount: username } }, o);
  await api.call(person, 'POST', `/api/tasks/${(await taskOf(person, 'fire_safety')).id}/complete`, { outcome: 'done', data: { acknowledged: true } }, o);
  await pollUntil(`onboarding of ${username}`, async () => ((await api.call<{ state: string }>(hr, 'GET', `/api/onboardings/${employeeId}`, undefined, o)).state === 'completed' ? true : undefined), 30_000);
  return person;
}

export function watchersFor(api: Api, d: Deciders): Record<Stage, InboxWatcher> {
  return { supervisor: new InboxWatcher(api, d.supervisor), leadership: new InboxWatcher(api, d.leadership), it: new InboxWatcher(api, d.it) };
}
