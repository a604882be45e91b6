import type { AccessKind } from '../libs/policy/index.js';
import {
  recordDrift,
  recordGrantDeprovisioned,
  recordGrantProvisioned,
  recordGroupEmptied,
  recordPersonDeprovisioned,
  recordRemovalFailure,
  type DriftFound,
  type PersonDeprovisioned,
} from '../libs/domain/access/enforcement.js';
import { invalid } from '../libs/policy/errors.js';
import type { EventStore } from '../libs/domain/events/event-store.js';
import type { EnforcementSettings } from '../libs/enforcement/directory-config.js';
import { LdapDirectory, sameDn } from '../libs/enforcement/ldap-directory.js';
import type { EnforcementActivities } from './types.js';

const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Where a grant takes effect (SYS-1, SYS-5, INF-6, INF-13): membership of the kind's managed directory
 * group. Every directory write is idempotent (ldap-directory.ts) and each event is written after the
 * directory confirmed, under the activity's key, so a retry neither adds twice nor records twice. A
 * failure is thrown for Temporal to retry with back-off; a removal's last error is kept for IT to see.
 * Without settings (no LDAP_URL) no kind is connected and IT keeps enabling by hand.
 */
export function createEnforcementActivities(
  events: EventStore,
  settings: EnforcementSettings | null,
  directory = settings ? new LdapDirectory(settings.directory) : null,
): EnforcementActivities & { enforces: (kind: AccessKind) => boolean } {
  const groupOf = (kind: AccessKind): string | null => (directory && settings?.groups[kind]) || null;
  const usernameOf = async (userId: string): Promise<string> => {
    const [u]: { username: string }[] = await events.dataSource.query(`SELECT username FROM users WHERE id::text = $1`, [userId]);
    if (!u) throw invalid(`user ${userId} does not exist`);
    return u.username;
  };

  return {
    /** Whether a managed directory group enforces this kind (a settings read, for grantRoute). */
    enforces: (kind) => groupOf(kind) !== null,

    provisionGrant: async ({ key, requestId, grantId, kind, holderUserId, by }) => {
      const group = groupOf(kind);
      if (!group) return null;
      const username = await usernameOf(holderUserId);
      const entry = await directory!.findUserDn(username);
      // Permanent: retrying will not create the person's directory entry; the request ends not enabled.
      if (!entry) throw invalid(`the directory has no entry for ${username} (filter ${settings!.directory.userFilter}); add the person to the directory, then ask again`);
      await directory!.addMember(group, entry);
      if (!(await directory!.isMember(group, entry))) throw new Error(`the directory did not confirm ${entry} in ${group}`);
      await recordGrantProvisioned(events, { idempotencyKey: key }, { grantId, requestId, kind, system: 'directory', group, entry, by });
      return { group, entry };
    },

    deprovisionGrant: async ({ key, requestId, grantId, kind, group, entry, by, reason }) => {
      try {
        await directory!.removeMember(group, entry);
        if (await directory!.isMember(group, entry)) throw new Error(`the directory still lists ${entry} in ${group}`);
      } catch (e) {
        await recordRemovalFailure(events, { grantId, error: message(e) });
        throw e;
      }
      await recordGrantDeprovisioned(events, { idempotencyKey: key }, { grantId, requestId, kind, system: 'directory', group, entry, by, reason });
    },

    emptyAccessGroup: async ({ key, kind, by, reason }) => {
      const group = groupOf(kind);
      if (!group) return { connected: false, removed: 0 };
      // A retry after the group was emptied and recorded answers what the first attempt removed.
      const done: { removed: number } | null = (await events.dataSource.query(`SELECT result->'value' AS r FROM command_results WHERE key = $1`, [key]))[0]?.r ?? null;
      if (done) return { connected: true, removed: done.removed };
      const entries = await directory!.members(group);
      const removed = await directory!.emptyGroup(group);
      await recordGroupEmptied(events, { idempotencyKey: key }, { kind, group, removed, entries, by, reason });
      return { connected: true, removed };
    },

    reconcileDirectory: async ({ key, mode: asked, by }) => {
      const mode = asked ?? settings?.reconcileMode ?? 'report';
      let found = 0;
      let corrected = 0;
      for (const [kind, group] of Object.entries(settings?.groups ?? {}) as [AccessKind, string][]) {
        if (!directory) break;
        const members = await directory.members(group);
        const active: { id: string; entry: string }[] = await events.dataSource.query(
          `SELECT id::text AS id, enforced_entry AS entry FROM grants WHERE status = 'active' AND kind = $1 AND enforced_by = 'directory' AND enforced_group = $2`,
          [kind, group],
        );
        // A member provisioned in the last few minutes may not have its active grant recorded yet.
        const recent: { entry: string }[] = await events.dataSource.query(
          `SELECT payload->>'entry' AS entry FROM event_log WHERE type = 'grant.provisioned' AND payload->>'group' = $1 AND occurred_at > now() - interval '10 minutes'`,
          [group],
        );
        const expected = [...active.map((a) => a.entry), ...recent.map((r) => r.entry)];
        const drift: Omit<DriftFound, 'driftId'>[] = [];
        for (const m of members) if (!expected.some((x) => sameDn(x, m))) drift.push({ group, entry: m, direction: 'member_without_grant', grantId: null, corrected: mode === 'correct' });
        for (const a of active) if (!members.some((m) => sameDn(m, a.entry))) drift.push({ group, entry: a.entry, direction: 'grant_without_member', grantId: a.id, corrected: mode === 'correct' });
        if (mode === 'correct') {
          for (const d of drift) {
            if (d.direction === 'member_without_grant') await directory.removeMember(group, d.entry);
            else await directory.addMember(group, d.entry);
          }
          corrected += drift.length;
        }
        found += drift.length;
        if (drift.length) await recordDrift(events, { idempotencyKey: `${key}:${kind}` }, { kind, by, found: drift });
      }
      return { found, corrected };
    },

    deprovisionPerson: async ({ key, userId, employeeId, by }) => {
      const groups = [...new Set(Object.values(settings?.groups ?? {}))];
      if (!directory) return { connected: false, entry: null, removedFrom: [], disabled: false };
      const done: PersonDeprovisioned | null = (await events.dataSource.query(`SELECT result->'value' AS r FROM command_results WHERE key = $1`, [key]))[0]?.r ?? null;
      if (done) return { connected: true, entry: done.entry, removedFrom: done.removedFrom, disabled: done.disabled };
      const username = await usernameOf(userId);
      const entry = await directory.findUserDn(username);
      const removedFrom: string[] = [];
      let disabled = false;
      if (entry) {
        // Every managed group, whatever the grants say: a member added by hand leaves too (INF-13).
        for (const group of groups) {
          if (!(await directory.isMember(group, entry))) continue;
          await directory.removeMember(group, entry);
          if (await directory.isMember(group, entry)) throw new Error(`the directory still lists ${entry} in ${group}`);
          removedFrom.push(group);
        }
        disabled = await directory.disableEntry(entry);
      }
      const recorded = await recordPersonDeprovisioned(events, { idempotencyKey: key }, { userId, employeeId, username, entry, groups, removedFrom, disabled, by });
      return { connected: true, entry: recorded.entry, removedFrom: recorded.removedFrom, disabled: recorded.disabled };
    },
  };
}
