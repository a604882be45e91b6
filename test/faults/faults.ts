/**
 * The faults the run injects in the middle of a load, and how each one is undone. Every fault
 * measures how long the system was impaired and how long it took to answer again.
 */
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { randomUUID } from 'node:crypto';
import { createDataSource } from '../../libs/db/data-source.js';
import { EventStore } from '../../libs/domain/events/event-store.js';
import { createProjectorRegistry } from '../../libs/domain/projectors.js';
import { notify } from '../../libs/domain/tasks/commands.js';
import { mailDeliveryWorkflowId } from '../../libs/policy/mail.js';
import { NOTIFICATION_KINDS } from '../../libs/policy/notifications.js';
import { text } from '../../libs/policy/text.js';
import type { TestSmtp } from '../support/smtp.js';
import { Client, Connection } from '@temporalio/client';
import { hostname } from 'node:os';
import pg from 'pg';
import type { AppProcesses, LocalSystem } from '../../scripts/support/local-system.js';
import type { Supervised } from '../../libs/runtime/supervisor.js';
import type { FaultDirectory } from './directory.js';
import type { Http, Sessions } from './http.js';
import { probePostgresOutage, probeTemporalOutage, type OutageProbes, type ProbeStats } from './outage-probes.js';
import type { CheckResult } from './invariants.js';
import type { Violations } from './violations.js';
import { startExpiringGrants } from './workloads/expiring-grants.js';
import { FLOW_WAIT_MS } from './workloads/inbox.js';
import type { WorkloadContext } from './workloads/types.js';

/** A Temporal service process of the cluster that a round kills and starts again. */
export interface KillableService {
  readonly name: string;
  readonly running: boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
  start(): void;
  ready(timeoutMs?: number): Promise<void>;
}

/**
 * What a fault run drives: LocalSystem (the dev server, `npm run test:faults`) or the cluster
 * (`npm run test:faults -- --cluster`, scripts/support/cluster/fault-system.ts), which adds its
 * Temporal services for the rounds that kill one.
 */
export interface FaultSystem {
  readonly workDir: string;
  apps(opts: Parameters<LocalSystem['apps']>[0]): Promise<AppProcesses>;
  apiReady(procs: AppProcesses, timeoutMs?: number): Promise<void>;
  stopPostgres(): Promise<void>;
  postgres(): Promise<unknown>;
  stopTemporal(): Promise<void>;
  temporal(): Promise<unknown>;
  adopt<T extends Supervised>(child: T): T;
  temporalService?(name: string): KillableService;
}

export interface FaultContext {
  system: FaultSystem;
  procs: AppProcesses;
  http: Http;
  sessions: Sessions;
  violations: Violations;
  probes: OutageProbes;
  log: (m: string) => void;
  /** The load's context, for a fault that brings load of its own. */
  load: WorkloadContext;
  /** The directory enforcing grants, when a fault of the plan needs one (FaultDirectory.start). */
  directory?: FaultDirectory;
  /** The SMTP server the apps send mail to, when a fault of the plan needs one. */
  smtp?: TestSmtp;
}

/** The mail domain of the run's own SMTP server (MAIL_FROM, so every Message-ID ends in it). */
export const FAULT_MAIL_DOMAIN = 'faults.custodian.test';

export interface FaultRecord {
  /** Processes killed or restarted by this fault. */
  kills: number;
  restarts: number;
  /** Time the component was down, and from its restart until the system answered again. */
  downMs: number;
  recoveryMs: number;
  probes?: ProbeStats;
  /** Workflows the fault itself started: the round checks that they complete like the load's. */
  workflowIds?: string[];
  /** The fault's own invariants, checked after the round's workflows completed. */
  check?: () => Promise<CheckResult>;
}

export interface Fault {
  readonly kind: 'worker-kill' | 'api-restart' | 'postgres-restart' | 'temporal-restart' | 'directory-outage' | 'smtp-outage' | 'temporal-service-kill';
  readonly label: string;
  /** The run starts a directory (and gives the apps its LDAP_* settings) when a fault needs it. */
  readonly needsDirectory?: boolean;
  /** The run starts an SMTP server (and gives the apps its settings) when a fault needs it. */
  readonly needsSmtp?: boolean;
  inject(ctx: FaultContext): Promise<FaultRecord>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until a worker process with this pid polls the task queue (its identity names the pid). */
async function waitPolling(ctx: FaultContext, pid: number, timeoutMs = 120_000): Promise<void> {
  const { env, temporalAddress } = ctx.procs.endpoints;
  const identity = `custodian-worker@${hostname()}:${pid}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address: temporalAddress, connectTimeout: 2000 });
      try {
        const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE ?? 'default', dataConverter: custodianDataConverter(env) });
        const q = await client.workflowService.describeTaskQueue({
          namespace: client.options.namespace,
          taskQueue: { name: env.TEMPORAL_TASK_QUEUE ?? 'custodian' },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        });
        if (q.pollers?.some((p) => p.identity === identity)) return;
      } finally {
        await connection.close();
      }
    } catch {
      // Temporal itself may be coming back: keep asking
    }
    if (Date.now() >= deadline) throw new Error(`worker pid ${pid} did not poll the task queue within ${timeoutMs / 1000} s`);
    await sleep(300);
  }
}

/**
 * SIGKILL the worker(s) in the middle of their activities, `times` times, restarting each after the kill.
 * `which: 'one'` kills the first worker only, while the others carry on (the cluster's several workers).
 */
export function workerKill(times = 1, which: 'all' | 'one' = 'all'): Fault {
  return {
    kind: 'worker-kill',
    label: `worker SIGKILL${times === 1 ? '' : ` ×${times}`}${which === 'one' ? ' (one of the workers)' : ''}`,
    async inject(ctx) {
      const rec: FaultRecord = { kills: 0, restarts: 0, downMs: 0, recoveryMs: 0 };
      for (let i = 0; i < times; i++) {
        for (const w of which === 'one' ? ctx.procs.workers.slice(0, 1) : ctx.procs.workers) {
          const t0 = Date.now();
          await w.kill('SIGKILL');
          rec.kills += 1;
          await sleep(1000); // down long enough for its sticky queue and running activities to be orphaned
          const t1 = Date.now();
          w.start();
          rec.restarts += 1;
          await waitPolling(ctx, w.pid!);
          rec.downMs += t1 - t0;
          rec.recoveryMs += Date.now() - t1;
        }
        if (i < times - 1) await sleep(3000); // let the load move on before the next kill
      }
      return rec;
    },
  };
}

/** Restart the API (on the cluster: its first replica, behind the gateway): SIGKILL (a crash, requests in flight are cut) or SIGTERM (a deployment). */
export function apiRestart(signal: 'SIGKILL' | 'SIGTERM', label = 'API'): Fault {
  return {
    kind: 'api-restart',
    label: `${label} restart (${signal})`,
    async inject(ctx) {
      const t0 = Date.now();
      await ctx.procs.api.kill(signal);
      const t1 = Date.now();
      ctx.procs.api.start();
      await ctx.system.apiReady(ctx.procs);
      return { kills: 1, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1 };
    },
  };
}

/**
 * Stop PostgreSQL (fast shutdown: sessions are cut), keep it down for downMs while probing that every
 * answer is a 503 with Retry-After within the hang limit, then start it and wait until the API is ready.
 */
export function postgresRestart(downMs: number): Fault {
  return {
    kind: 'postgres-restart',
    label: `PostgreSQL restart (${downMs / 1000} s down)`,
    async inject(ctx) {
      const t0 = Date.now();
      await ctx.system.stopPostgres();
      const probes = await probePostgresOutage(ctx, downMs);
      const t1 = Date.now();
      await ctx.system.postgres();
      await ctx.system.apiReady(ctx.procs);
      return { kills: 0, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1, probes };
    },
  };
}

/** Stop the Temporal dev server (its state is in a file), keep it down for downMs, start it again. */
export function temporalRestart(downMs: number): Fault {
  return {
    kind: 'temporal-restart',
    label: `Temporal restart (${downMs / 1000} s down)`,
    async inject(ctx) {
      const t0 = Date.now();
      await ctx.system.stopTemporal();
      const probes = await probeTemporalOutage(ctx, downMs);
      const t1 = Date.now();
      await ctx.system.temporal();
      await ctx.system.apiReady(ctx.procs);
      // The workers reconnect on their own: wait until each polls again.
      for (const w of ctx.procs.workers) if (w.pid) await waitPolling(ctx, w.pid);
      return { kills: 0, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1, probes };
    },
  };
}

/**
 * The directory down while grants expire (SYS-1): a batch of `count` grants with windows of seconds
 * becomes active and enforced; slapd is stopped just before the first falls due, stays down until
 * every one has ended in the records and `downMs` longer (the removals fail and are retried), then is
 * started again on the same port with the same data. After the round: every grant ended in the
 * records; each enforced one has exactly one grant.deprovisioned; the directory lists none of them;
 * no grant.deprovisioned was written while the directory was down (it is written only after the
 * directory confirmed the removal).
 */
export function directoryOutage(downMs: number, count = 4, windowMs = 30_000): Fault {
  return {
    kind: 'directory-outage',
    label: `directory down during ${count} expiries (${downMs / 1000} s more)`,
    needsDirectory: true,
    async inject(ctx) {
      const directory = ctx.directory;
      if (!directory) throw new Error('the directory-outage fault needs the run to start a directory');
      const { temporalAddress, env, databaseUrl } = ctx.procs.endpoints;
      const batch = await startExpiringGrants(ctx.load, { temporalAddress, env, taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'custodian', directory, count, windowMs, label: `d${Date.now().toString(36)}` });
      const db = new pg.Client({ connectionString: databaseUrl, application_name: 'custodian-faults' });
      await db.connect();
      const count$ = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].n);
      const problems: string[] = [];
      let downAt: number;
      let upAt: number;
      try {
        const lead = batch.firstDue - Date.now();
        if (lead < 2000) problems.push(`the batch became active too slowly: the first grant was due ${lead} ms after the last enablement, before the directory could go down`);
        await sleep(lead - 2000);
        ctx.log(`  stopping the directory; ${count} grants fall due within ${((batch.lastDue - Date.now()) / 1000).toFixed(1)} s`);
        await directory.stop();
        downAt = Date.now();
        const deadline = batch.lastDue + FLOW_WAIT_MS;
        while ((await count$(`SELECT count(*)::int AS n FROM grants WHERE request_id::text = ANY($1) AND status = 'ended'`, [batch.requestIds])) < count && Date.now() < deadline) await sleep(500);
        ctx.log(`  every grant of the batch ended in the records ${((Date.now() - batch.lastDue) / 1000).toFixed(1)} s after the last due time; directory down ${downMs / 1000} s more`);
        await sleep(downMs);
        // Each removal was tried against the dead directory and failed (shown to IT as pending, with its error).
        const tried = (await db.query(
          `SELECT g.id::text AS grant, coalesce(s.attempts, 0)::int AS attempts FROM grants g LEFT JOIN grant_removal_status s ON s.grant_id = g.id WHERE g.request_id::text = ANY($1)`,
          [batch.requestIds],
        )).rows as { grant: string; attempts: number }[];
        for (const t of tried.filter((x) => x.attempts < 1)) problems.push(`the removal of grant ${t.grant} was not attempted (and failed) while the directory was down: the round did not test it`);
        ctx.log(`  removals failed while down: ${tried.map((t) => t.attempts).join(', ')} attempt(s) per grant; starting the directory again`);
        upAt = Date.now();
        await directory.restart();
        // Back after: until every removal is recorded (the activity's retry back-off decides when it tries again).
        const removedBy = Date.now() + FLOW_WAIT_MS;
        while ((await count$(`SELECT count(*)::int AS n FROM event_log WHERE type = 'grant.deprovisioned' AND payload->>'requestId' = ANY($1)`, [batch.requestIds])) < count && Date.now() < removedBy) await sleep(500);
      } finally {
        await db.end();
        if (!directory.running) await directory.restart();
      }
      return {
        kills: 0,
        restarts: 1,
        downMs: upAt - downAt,
        recoveryMs: Date.now() - upAt,
        workflowIds: batch.workflowIds,
        check: () => checkDirectoryRound(databaseUrl, directory, batch, downAt, upAt, problems),
      };
    },
  };
}

/** The "directory down during expiries" invariants, read from PostgreSQL and the directory itself. */
async function checkDirectoryRound(
  databaseUrl: string,
  directory: FaultDirectory,
  batch: { requestIds: string[]; entries: string[] },
  downAt: number,
  upAt: number,
  earlier: string[],
): Promise<CheckResult> {
  const problems = [...earlier];
  const db = new pg.Client({ connectionString: databaseUrl, application_name: 'custodian-faults' });
  await db.connect();
  try {
    const grants = (
      await db.query(
        `SELECT g.request_id::text AS request, g.id::text AS grant, g.status, g.enforced_by,
                (SELECT count(*)::int FROM event_log e WHERE e.type = 'grant.deprovisioned' AND e.payload->>'grantId' = g.id::text) AS removals,
                (SELECT count(*)::int FROM event_log e WHERE e.type = 'grant.deprovisioned' AND e.payload->>'grantId' = g.id::text AND e.occurred_at < to_timestamp($2::float8 / 1000)) AS early
           FROM grants g WHERE g.request_id::text = ANY($1)`,
        [batch.requestIds, upAt],
      )
    ).rows as { request: string; grant: string; status: string; enforced_by: string | null; removals: number; early: number }[];
    if (grants.length !== batch.requestIds.length) problems.push(`${batch.requestIds.length} grants expected in the records, found ${grants.length}`);
    for (const g of grants) {
      if (g.status !== 'ended') problems.push(`grant ${g.grant} (request ${g.request}) is ${g.status}, not ended`);
      if (g.enforced_by !== 'directory') problems.push(`grant ${g.grant} was not enforced by the directory (${g.enforced_by}): the round tested nothing for it`);
      else if (g.removals !== 1) problems.push(`grant ${g.grant} has ${g.removals} grant.deprovisioned events, expected exactly 1`);
      if (g.early) problems.push(`grant ${g.grant}: grant.deprovisioned written before the directory was back`);
    }
    // Any grant's removal (the access-request load's too), with 2 s for one confirmed just before the stop.
    const whileDown = (
      await db.query(
        `SELECT payload->>'grantId' AS grant, occurred_at FROM event_log WHERE type = 'grant.deprovisioned'
            AND occurred_at > to_timestamp($1::float8 / 1000) AND occurred_at < to_timestamp($2::float8 / 1000)`,
        [downAt + 2000, upAt],
      )
    ).rows as { grant: string; occurred_at: Date }[];
    for (const r of whileDown) problems.push(`grant.deprovisioned for ${r.grant} written at ${r.occurred_at.toISOString()}, while the directory was down`);
    const members = await directory.directory.members(directory.groupDn);
    const still = batch.entries.filter((e) => members.some((m) => m.toLowerCase() === e.toLowerCase()));
    for (const e of still) problems.push(`the directory still lists ${e} in the external-network group`);
    return { name: 'directory down during expiries (SYS-1)', problems, figure: `${grants.filter((g) => g.removals === 1).length}/${batch.requestIds.length} removed once, after the directory was back` };
  } finally {
    await db.end();
  }
}

/**
 * SMTP down during a burst of notifications: the SMTP server (the run's own, on loopback) stops, a burst
 * of `burst` notification mails is queued for one person, every delivery is seen failing while it is
 * down, then it comes back. Invariant: every mail is delivered exactly once (counted per Message-ID at
 * the receiver), none is lost, none is recorded failed (libs/domain/mail: outbox, relay, retried
 * delivery).
 */
export function smtpOutage(burst = 20, downMs = 3000): Fault {
  return {
    kind: 'smtp-outage',
    label: `SMTP down during a burst of ${burst} notification mails (${downMs / 1000} s more)`,
    needsSmtp: true,
    async inject(ctx) {
      const smtp = ctx.smtp;
      if (!smtp) throw new Error('the smtp-outage fault needs the run to start an SMTP server');
      const { databaseUrl } = ctx.procs.endpoints;
      const recipient = 'auditor';
      const address = `auditor-${Date.now().toString(36)}@${FAULT_MAIL_DOMAIN}`;
      const prefs = await ctx.sessions.as(recipient, 'PUT', '/api/me/notification-preferences', { body: { email: address, mailEnabled: true, kinds: [...NOTIFICATION_KINDS], digest: 'off' }, retryForMs: 60_000 });
      if (prefs.status !== 200) throw new Error(`could not turn mail on for ${recipient}: ${prefs.status}`);
      const userId = await ctx.sessions.userId(recipient);
      const ds = createDataSource({ url: databaseUrl, applicationName: 'custodian-faults', poolSize: 2 });
      await ds.initialize();
      const db = ds.manager;
      const problems: string[] = [];
      let downAt: number;
      let upAt: number;
      const sources: string[] = [];
      try {
        await smtp.stop();
        downAt = Date.now();
        ctx.log(`  SMTP stopped; queueing ${burst} notifications for ${recipient}`);
        const events = new EventStore(ds, createProjectorRegistry());
        for (let i = 0; i < burst; i++) {
          const subject = `access-request:${randomUUID()}`;
          sources.push(subject);
          await notify(events, { idempotencyKey: `faults:smtp:${subject}` }, { subject, recipients: [{ userId }], title: text(`Fault run notice ${i + 1}`, `故障演练通知 ${i + 1}`), body: text('SMTP outage round', 'SMTP 中断演练') });
        }
        const rows = async () =>
          (await db.query(`SELECT o.id::text AS id, o.status, coalesce(r.attempts, 0)::int AS attempts FROM mail_outbox o LEFT JOIN mail_relay r ON r.outbox_id = o.id WHERE o.subject = ANY($1)`, [sources])) as { id: string; status: string; attempts: number }[];
        // Down until every mail of the burst was handed to Temporal and tried (and failed) at least once.
        const triedBy = Date.now() + FLOW_WAIT_MS;
        while (Date.now() < triedBy) {
          const r = await rows();
          if (r.length === burst && r.every((x) => x.attempts > 0)) break;
          await sleep(250);
        }
        const tried = await rows();
        if (tried.length !== burst) problems.push(`${tried.length} of ${burst} mails were queued`);
        const untried = tried.filter((x) => x.attempts < 1).length;
        if (untried) problems.push(`${untried} mail(s) were never tried while SMTP was down: the round did not test them`);
        ctx.log(`  every delivery failed while down (${tried.reduce((n, x) => n + x.attempts, 0)} failed tries); SMTP down ${downMs / 1000} s more`);
        await sleep(downMs);
        await smtp.start();
        upAt = Date.now();
        const sentBy = Date.now() + FLOW_WAIT_MS;
        while (Date.now() < sentBy && (await rows()).some((x) => x.status !== 'sent')) await sleep(250);
        ctx.log(`  SMTP back; every mail recorded sent ${((Date.now() - upAt) / 1000).toFixed(1)} s later`);
      } finally {
        if (!smtp.running) await smtp.start();
      }
      const ids = ((await db.query(`SELECT id::text AS id FROM mail_outbox WHERE subject = ANY($1)`, [sources])) as { id: string }[]).map((r) => r.id);
      await ds.destroy();
      return {
        kills: 0,
        restarts: 1,
        downMs: upAt - downAt,
        recoveryMs: Date.now() - upAt,
        workflowIds: ids.map(mailDeliveryWorkflowId),
        check: () => checkSmtpRound(databaseUrl, smtp, sources, burst, problems),
      };
    },
  };
}

/** The "SMTP down during a burst" invariants: each mail at the receiver exactly once (by Message-ID), each row sent, none failed. */
async function checkSmtpRound(databaseUrl: string, smtp: TestSmtp, sources: string[], burst: number, problems: string[]): Promise<CheckResult> {
  const db = new pg.Client({ connectionString: databaseUrl, application_name: 'custodian-faults' });
  await db.connect();
  try {
    const rows = (await db.query(`SELECT id::text AS id, status, error FROM mail_outbox WHERE subject = ANY($1)`, [sources])).rows as { id: string; status: string; error: string | null }[];
    if (rows.length !== burst) problems.push(`${rows.length} outbox rows for a burst of ${burst}`);
    for (const r of rows.filter((x) => x.status !== 'sent')) problems.push(`mail ${r.id} is ${r.status}${r.error ? ` (${r.error})` : ''}, not sent`);
    const received = new Map<string, number>();
    for (const m of smtp.received) if (m.parsed.messageId) received.set(m.parsed.messageId, (received.get(m.parsed.messageId) ?? 0) + 1);
    let once = 0;
    for (const r of rows) {
      const n = received.get(`<${r.id}@${FAULT_MAIL_DOMAIN}>`) ?? 0;
      if (n === 1) once += 1;
      else problems.push(`mail ${r.id} reached the receiver ${n} times (expected exactly once)`);
    }
    return { name: 'each mail delivered exactly once', problems, figure: `${once}/${burst} received once` };
  } finally {
    await db.end();
  }
}

/**
 * The cluster only: SIGKILL one Temporal service process (a history host, matching, the frontend), keep
 * it down for downMs, start it again and wait until it is up and every worker polls again. While the
 * frontend is down the API's answers are probed as for a Temporal outage (a 503, never a 500 or a hang).
 */
export function temporalServiceKill(name: string, downMs: number): Fault {
  return {
    kind: 'temporal-service-kill',
    label: `Temporal ${name} SIGKILL (${downMs / 1000} s down)`,
    async inject(ctx) {
      if (!ctx.system.temporalService) throw new Error(`killing Temporal's ${name} needs the cluster (npm run test:faults -- --cluster)`);
      const service = ctx.system.temporalService(name);
      const t0 = Date.now();
      await service.kill('SIGKILL');
      const probes = name === 'frontend' ? await probeTemporalOutage(ctx, downMs) : (await sleep(downMs), undefined);
      const t1 = Date.now();
      service.start();
      await service.ready(120_000);
      await ctx.system.apiReady(ctx.procs);
      for (const w of ctx.procs.workers) if (w.pid) await waitPolling(ctx, w.pid);
      return { kills: 1, restarts: 1, downMs: t1 - t0, recoveryMs: Date.now() - t1, probes };
    },
  };
}
