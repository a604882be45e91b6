/**
 * The SYS-5 cut-off against a real directory and a real proxy: N people hold an active external-network
 * grant, each enforced as a member of the directory's internet-users group (OpenLDAP), and Squid lets
 * only that group's members through. IT calls POST /api/emergency/external-access/revoke-all, and the
 * scenario measures, from the call: the group empty (the directory polled), the answer, the proxy
 * denying a sample of the members (a real proxied GET each, as `browse` in the tests does), every grant
 * ended in the records, and every removal recorded (grant.deprovisioned).
 *
 * Raw baseline in the same run, on the same directory and proxy: the N members put back, then the group
 * emptied by one plain LDAP modify (replace) with ldapts: the floor no cut-off can beat. ours ÷ raw is
 * reported under the key `cut-off`: members removed per second and the time to an empty group, and the
 * proxy's denial per sample member (mostly the proxy's cache: see the note in the result).
 *
 * The directory and the proxy are started here on free ports, with an API and a worker of their own
 * (LDAP_* settings, a task queue of this scenario) beside the launcher's, which runs without a directory.
 * The requests are started on Temporal directly (the API allows a person one open request at a time, and
 * the bench would have to sign in N people); every decision still goes through HTTP. The proxy trusts a
 * directory answer for TTL_SECONDS, so its denial lags the directory by up to that much on both sides.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import pg from 'pg';
import { join } from 'node:path';
import { Attribute, Change, Client as LdapClient } from 'ldapts';
import { processSubject } from '../../libs/policy/index.js';
import { freePort } from '../../libs/runtime/ports.js';
import { supervise } from '../../libs/runtime/supervisor.js';
import { projectRoot } from '../../libs/temporal/binaries.js';
import { startEnforcementStack, type EnforcementStack } from '../../test/support/enforcement.js';
import { custodianDataConverter } from '../../libs/temporal/payload-codec.js';
import { startAccessRequest } from '../support/access-direct.js';
import { decide, notYetLive, signIn, watchersFor } from '../support/access-flow.js';
import { benchApp } from '../support/app.js';
import type { DirectoryUser } from '../support/db.js';
import { Api, BENCH_PASSWORD, pollUntil, sleep } from '../support/http.js';
import { LatencyRecorder } from '../support/latency.js';
import { runLoad } from '../support/load.js';
import type { BenchContext, Measured, Scenario, ScenarioResult } from './types.js';

const SIZES = {
  default: { grants: 50, concurrency: 25, sample: 20 },
  full: { grants: 1000, concurrency: 50, sample: 20 },
} as const;
/** How long Squid trusts the directory's answers (group membership, passwords). */
const TTL_SECONDS = 2;
const PASSWORD = 'bench-directory-password';
const TASK_QUEUE = 'bench-cut-off';
/** How long one approval may take to reach an inbox (minutes with 50 in flight on a busy machine). */
const STEP_TIMEOUT_MS = 10 * 60_000;
/** How long any one measured effect may take before the run calls it missing. */
const EFFECT_TIMEOUT_MS = 5 * 60_000;

/** The schedule the API creates when a directory is configured (apps/api/src/enforcement/enforcement.service.ts). */
const RECONCILE_SCHEDULE_ID = 'custodian-directory-reconcile';

const OPS = {
  empty: 'call → group empty',
  answer: 'call → answer',
  denied: 'call → proxy denies member',
  allDenied: 'call → proxy denies whole sample',
  ended: 'call → every grant ended (records)',
  removed: 'call → every removal recorded',
} as const;

/** The API and the worker with the directory's settings, as child processes the system stops on every exit path. */
async function enforcingApps(ctx: BenchContext, baseEnv: Record<string, string>, stack: EnforcementStack) {
  const port = await freePort();
  const env: Record<string, string> = {
    ...baseEnv,
    ...stack.apiEnv,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    API_PORT: String(port),
    SEED_DEMO: '0', // the launcher's API seeded the demo directory already
    // Reconciliation only reports here: a scheduled run must not put back or take away members mid-measurement.
    RECONCILE_MODE: 'report',
  };
  const start = (name: string, entry: string) =>
    ctx.system.adopt(supervise({ name, command: process.execPath, args: ['--import', '@swc-node/register/esm-register', entry], cwd: projectRoot, env, logFile: join(ctx.system.workDir, `${name}.log`), graceMs: 15_000 }));
  const worker = start('cut-off-worker', 'apps/worker/src/main.ts');
  const api = start('cut-off-api', 'apps/api/src/main.ts');
  const baseUrl = `http://127.0.0.1:${port}`;
  await api.ready({ check: async () => {
    if (!worker.running) throw new Error(`the cut-off worker exited; see ${ctx.system.workDir}/cut-off-worker.log`);
    const r = await fetch(`${baseUrl}/health/ready`);
    if (r.status !== 200) throw new Error(`readiness ${r.status}`);
  } }, { timeoutMs: 120_000, intervalMs: 500 });
  return { baseUrl, stop: () => Promise.all([api.stop(), worker.stop()]) };
}

/** Polls every member of the sample through the proxy until each is denied; records each one's time from t0. */
async function proxyDenies(stack: EnforcementStack, sample: string[], t0: number, rec: LatencyRecorder): Promise<number> {
  await Promise.all(
    sample.map(async (u) => {
      const deadline = performance.now() + EFFECT_TIMEOUT_MS;
      while ((await stack.browse(u, PASSWORD)) !== 403) {
        if (performance.now() > deadline) throw new Error(`the proxy still lets ${u} through ${EFFECT_TIMEOUT_MS / 1000} s after the call`);
        await sleep(50);
      }
      rec.record(OPS.denied, performance.now() - t0);
    }),
  );
  return performance.now() - t0;
}

/** Every member of the sample gets through the proxy (the grants are enforced before anything is cut). */
async function proxyAdmits(stack: EnforcementStack, sample: string[]): Promise<void> {
  await Promise.all(
    sample.map((u) =>
      pollUntil(`the proxy to let ${u} through`, async () => ((await stack.browse(u, PASSWORD)) === 200 ? true : undefined), (TTL_SECONDS + 30) * 1000, 250),
    ),
  );
}

export const cutOff: Scenario = {
  id: 'cut-off',
  title: 'Ours: SYS-5 cut-off of N enforced grants (real OpenLDAP + Squid); group empty, answer, proxy denial, records',
  async run(ctx): Promise<ScenarioResult> {
    const { grants, concurrency, sample: sampleSize } = SIZES[ctx.size];
    const base = await benchApp(ctx);
    ctx.progress('starting OpenLDAP and Squid on free ports');
    const stack = await startEnforcementStack({ ttlSeconds: TTL_SECONDS, dir: join(ctx.system.workDir, 'cut-off-enforcement') });
    let apps: Awaited<ReturnType<typeof enforcingApps>> | undefined;
    const connection = await Connection.connect({ address: base.temporalAddress });
    // One connection for the scenario's own reads: the polls below ask every 100 ms.
    const db = new pg.Client({ connectionString: base.databaseUrl, application_name: 'custodian-bench' });
    await db.connect();
    const temporal = new TemporalClient({ connection, namespace: 'default', dataConverter: custodianDataConverter(base.env) });
    try {
      ctx.progress(`starting an API and a worker with the directory's settings (task queue ${TASK_QUEUE})`);
      apps = await enforcingApps(ctx, base.env, stack);
      const api = new Api(apps.baseUrl);
      const run = Math.random().toString(36).slice(2, 8);
      const { deciders } = await signIn(api, 1, run);
      const hr = await api.login('hr');
      const me = await api.call<{ department: { id: string } | null }>(deciders.supervisor, 'GET', '/api/me', undefined, { untimed: true });
      if (!me.department) throw new Error('the supervisor has no department: is the demo directory seeded?');
      const departmentId = me.department.id;

      // N people, each in Custodian (no password: they never sign in here) and in the directory with a password for the proxy.
      const usernames = Array.from({ length: grants }, (_, i) => `cut-${run}-${i}`);
      const people: DirectoryUser[] = new Array(grants);
      const created = await runLoad({
        label: 'people created (API and directory)',
        total: grants,
        concurrency: 10,
        progress: ctx.progress,
        task: async (i) => {
          const u = await api.call<{ id: string }>(hr, 'POST', '/api/users', { username: usernames[i], displayName: `Cut-off ${i}`, roles: ['employee'], departmentId }, { untimed: true });
          await stack.addPerson(usernames[i], PASSWORD);
          people[i] = { userId: u.id, employeeId: null, departmentId };
        },
      });
      if (created.failed) throw new Error(`${created.failed} people could not be created: ${created.errors.join('; ')}`);

      // N requests through the three stages; IT's "done" puts the person in the group before the grant is active.
      const watchers = watchersFor(api, deciders);
      const ids: string[] = [];
      let approved;
      try {
        approved = await runLoad({
          label: 'requests started, approved and enabled',
          total: grants,
          concurrency,
          deadlineMs: 60 * 60_000,
          progress: ctx.progress,
          task: async (i) => {
            const id = await startAccessRequest(temporal, { taskQueue: TASK_QUEUE, requester: people[i], durationMs: 8 * 3600_000, justification: 'bench: cut-off' });
            await decide(api, watchers.supervisor, 'supervisor', id, STEP_TIMEOUT_MS);
            await decide(api, watchers.leadership, 'leadership', id, STEP_TIMEOUT_MS);
            await decide(api, watchers.it, 'it', id, STEP_TIMEOUT_MS);
            ids.push(id);
          },
        });
      } finally {
        for (const w of Object.values(watchers)) await w.stop();
      }
      if (approved.failed) throw new Error(`${approved.failed} requests did not reach IT's enablement: ${approved.errors.join('; ')}`);
      const count = async (sql: string, params: unknown[]) => Number((await db.query(sql, params)).rows[0].n);
      const grantsOf = (where: string) => count(`SELECT count(*)::int AS n FROM grants WHERE request_id::text = ANY($1) AND ${where}`, [ids]);
      await pollUntil('every grant active and enforced by the directory', async () => {
        const n = await grantsOf(`status = 'active' AND enforced_by = 'directory'`);
        ctx.progress(`${n}/${grants} grants active and in the directory`);
        return n === grants ? true : undefined;
      }, STEP_TIMEOUT_MS, 1000);
      const members = await stack.directory.members(stack.internetGroupDn);
      if (members.length !== grants) throw new Error(`the group lists ${members.length} members, expected ${grants}`);
      const sample = usernames.filter((_, i) => i % Math.max(1, Math.floor(grants / sampleSize)) === 0).slice(0, sampleSize);
      ctx.progress(`checking that the proxy lets the ${sample.length} sampled members through`);
      await proxyAdmits(stack, sample);
      const othersOpen = await count(`SELECT count(*)::int AS n FROM access_requests WHERE kind = 'external_network' AND status <> 'ended' AND NOT (id::text = ANY($1))`, [ids]);

      // Ours: the cut-off through HTTP, every effect polled at once from the moment of the call.
      ctx.progress(`IT cuts off external access (${grants} active grants${othersOpen ? `, ${othersOpen} other open requests` : ''})`);
      const ours = new LatencyRecorder();
      const subjects = ids.map((id) => processSubject('access_request', id));
      // SYS-5 is privileged: IT types the password again first (untimed; the cut-off itself is what is measured).
      const stepUp = await api.call<{ accessToken: string }>(deciders.it, 'POST', '/api/auth/reauthenticate', { password: BENCH_PASSWORD }, { untimed: true });
      const it = { ...deciders.it, token: stepUp.accessToken };
      const t0 = performance.now();
      const answer = api.call<{ revoked: number; directoryRemoved: number | null }>(it, 'POST', '/api/emergency/external-access/revoke-all', { reason: 'bench: cut-off' }, { untimed: true }).then((r) => {
        ours.record(OPS.answer, performance.now() - t0);
        return r;
      });
      const emptied = pollUntil('the group to be empty', async () => ((await stack.directory.members(stack.internetGroupDn)).length === 0 ? true : undefined), EFFECT_TIMEOUT_MS, 20).then(() =>
        ours.record(OPS.empty, performance.now() - t0),
      );
      const denied = proxyDenies(stack, sample, t0, ours).then((ms) => ours.record(OPS.allDenied, ms));
      const ended = pollUntil('every grant ended', async () => ((await grantsOf(`status = 'ended'`)) === grants ? true : undefined), EFFECT_TIMEOUT_MS, 100).then(() =>
        ours.record(OPS.ended, performance.now() - t0),
      );
      let lastSaid = 0;
      const removed = pollUntil('every removal recorded', async () => {
        const n = await count(`SELECT count(*)::int AS n FROM event_log WHERE type = 'grant.deprovisioned' AND subject = ANY($1)`, [subjects]);
        // 1,000 workflows take a minute or more to record their ends: say how far they are.
        if (performance.now() - lastSaid > 5000) {
          lastSaid = performance.now();
          ctx.progress(`${await grantsOf(`status = 'ended'`)}/${grants} grants ended, ${n}/${grants} removals recorded, ${((lastSaid - t0) / 1000).toFixed(0)} s after the call`);
        }
        return n === grants ? true : undefined;
      }, EFFECT_TIMEOUT_MS, 100).then(() => ours.record(OPS.removed, performance.now() - t0));
      const [result] = await Promise.all([answer, emptied, denied, ended, removed]);
      const emptySec = ours.summaries()[OPS.empty].p50 / 1000;
      ctx.progress(`cut-off: group empty after ${(emptySec * 1000).toFixed(0)} ms, answer after ${ours.summaries()[OPS.answer].p50.toFixed(0)} ms; now the raw baseline`);

      // Raw: the same members put back in one modify, admitted again by the proxy, then one plain replace.
      const raw = new LatencyRecorder();
      const admin = new LdapClient({ url: stack.settings.url });
      let rawEmptySec: number;
      try {
        await admin.bind(stack.settings.bindDn, stack.settings.bindPassword);
        const memberAttr = (values: string[]) => new Change({ operation: 'replace', modification: new Attribute({ type: 'member', values }) });
        await admin.modify(stack.internetGroupDn, memberAttr(members));
        await proxyAdmits(stack, sample);
        const placeholder = stack.settings.placeholderMember!;
        const r0 = performance.now();
        const rawDenied = proxyDenies(stack, sample, r0, raw).then((ms) => raw.record(OPS.allDenied, ms));
        await admin.modify(stack.internetGroupDn, memberAttr([placeholder]));
        await pollUntil('the group to be empty', async () => ((await stack.directory.members(stack.internetGroupDn)).length === 0 ? true : undefined), EFFECT_TIMEOUT_MS, 20);
        raw.record(OPS.empty, performance.now() - r0);
        await rawDenied;
        rawEmptySec = raw.summaries()[OPS.empty].p50 / 1000;
      } finally {
        await admin.unbind().catch(() => undefined);
      }

      const rawResult: Measured = {
        status: 'measured',
        parameters: { members: grants, sample: sample.length, proxyTtlSec: TTL_SECONDS },
        metrics: { membersRemovedPerSec: grants / rawEmptySec },
        latencies: raw.summaries(),
        compare: { key: 'cut-off', side: 'raw', throughputPerSec: grants / rawEmptySec, latency: OPS.empty, calls: { 'proxy denies': OPS.denied } },
      };
      return {
        status: 'measured',
        parameters: { grants, sample: sample.length, proxyTtlSec: TTL_SECONDS, concurrency },
        metrics: {
          membersRemovedPerSec: grants / emptySec,
          revoked: result.revoked,
          directoryRemoved: result.directoryRemoved ?? -1,
          otherOpenRequests: othersOpen,
          completesRepeatedTaskNotYetLive: notYetLive(watchers),
        },
        latencies: ours.summaries(),
        compare: { key: 'cut-off', side: 'ours', throughputPerSec: grants / emptySec, latency: OPS.empty, calls: { 'proxy denies': OPS.denied } },
        notes: [
          `the proxy trusts a directory answer for ${TTL_SECONDS} s: a member is denied when their cached "allowed" lapses, anywhere within that after the group is empty, `
            + 'and the sample\'s answers, cached together when the proxy was checked before the call, lapse together; so the proxy\'s ours ÷ raw mostly shows where each side\'s call fell in that window',
        ],
        baseline: { id: 'cut-off-raw', title: 'Raw: the same directory emptied by one plain LDAP modify (ldapts replace)', result: rawResult },
      };
    } finally {
      // The reconciliation schedule the cut-off API created points at this scenario's task queue.
      await temporal.schedule.getHandle(RECONCILE_SCHEDULE_ID).delete().catch(() => undefined);
      await connection.close();
      await db.end().catch(() => undefined);
      await apps?.stop();
      await stack.stop();
    }
  },
};
