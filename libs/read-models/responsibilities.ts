import type { Db } from '../db/sql.js';
import { STANDARD_RESPONSIBILITIES, type ResponsibilityFlag, type ResponsibilityKind } from '../policy/responsibilities.js';

export interface ResponsibilityView {
  key: string;
  kind: ResponsibilityKind;
  name: { en: string; zh: string };
  owner: { userId: string; displayName: string; active: boolean } | null;
  deputy: { userId: string; displayName: string; active: boolean } | null;
  updatedBy: string | null;
  updatedAt: string | null;
  /** Why it needs the call center manager's attention; empty when it has an active owner and deputy. */
  flags: ResponsibilityFlag[];
}

type Row = { key: string; kind: ResponsibilityKind; name_en: string; name_zh: string; owner_user_id: string | null; owner_name: string | null; owner_active: boolean | null; deputy_user_id: string | null; deputy_name: string | null; deputy_active: boolean | null; updated_by: string | null; updated_at: Date | null };

const person = (id: string | null, name: string | null, active: boolean | null) => (id ? { userId: id, displayName: name ?? id, active: active === true } : null);

/**
 * The register (EQ-1, EQ-3, INF-9): every recorded responsibility and the standard ones not yet
 * assigned, flagged when there is no active owner or deputy (a deactivated account, a leaver, counts as none).
 */
export async function listResponsibilities(db: Db, f: { flagged?: boolean; ownerUserId?: string } = {}): Promise<ResponsibilityView[]> {
  const rows: Row[] = await db.query(
    `SELECT r.key, r.kind, r.name_en, r.name_zh, r.owner_user_id::text, o.display_name AS owner_name, o.active AS owner_active,
            r.deputy_user_id::text, d.display_name AS deputy_name, d.active AS deputy_active, r.updated_by, r.updated_at
       FROM responsibilities r
       LEFT JOIN users o ON o.id = r.owner_user_id
       LEFT JOIN users d ON d.id = r.deputy_user_id
      ORDER BY r.key`,
  );
  const known = new Set(rows.map((r) => r.key));
  const missing: Row[] = STANDARD_RESPONSIBILITIES.filter((s) => !known.has(s.key)).map((s) => ({
    key: s.key, kind: s.kind, name_en: s.name.en, name_zh: s.name.zh, owner_user_id: null, owner_name: null, owner_active: null, deputy_user_id: null, deputy_name: null, deputy_active: null, updated_by: null, updated_at: null,
  }));
  const views = [...missing, ...rows].map((r): ResponsibilityView => {
    const owner = person(r.owner_user_id, r.owner_name, r.owner_active);
    const deputy = person(r.deputy_user_id, r.deputy_name, r.deputy_active);
    const flags: ResponsibilityFlag[] = [];
    if (!owner) flags.push('no_owner');
    else if (!owner.active) flags.push('owner_inactive');
    if (!deputy) flags.push('no_deputy');
    else if (!deputy.active) flags.push('deputy_inactive');
    return { key: r.key, kind: r.kind, name: { en: r.name_en, zh: r.name_zh }, owner, deputy, updatedBy: r.updated_by, updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null, flags };
  });
  return views.filter((v) => (!f.flagged || v.flags.length > 0) && (!f.ownerUserId || v.owner?.userId === f.ownerUserId || v.deputy?.userId === f.ownerUserId));
}

/** The keys of the responsibilities a person is named for, as owner or deputy (the offboarding waits until none). */
export async function responsibilityKeysHeldBy(db: Db, userId: string): Promise<string[]> {
  const rows: { key: string }[] = await db.query(`SELECT key FROM responsibilities WHERE owner_user_id::text = $1 OR deputy_user_id::text = $1 ORDER BY key`, [userId]);
  return rows.map((r) => r.key);
}
