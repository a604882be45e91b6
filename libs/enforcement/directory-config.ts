import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { AccessKind } from '../policy/index.js';
import { ConfigError } from '../config/config.js';
import type { DirectorySettings } from './ldap-directory.js';

/**
 * The directory connector's settings (SYS-1, SYS-5, INF-6), read from the environment. Without LDAP_URL
 * there is no connector and every kind of access stays manual: IT enables and disables it by hand. A kind
 * is connected when its group is configured. The bind password comes from LDAP_BIND_PASSWORD or from the
 * file LDAP_BIND_PASSWORD_FILE (a mounted secret), never from the API.
 */
const dn = z.string().min(3).regex(/=/, 'must be a distinguished name such as cn=internet-users,ou=groups,dc=example,dc=com');
const schema = z.object({
  LDAP_URL: z.string().regex(/^ldaps?:\/\/[^\s/]+\/?$/, 'must be ldap://host:port or ldaps://host:port').optional(),
  LDAP_BIND_DN: dn.optional(),
  LDAP_BIND_PASSWORD: z.string().min(1).optional(),
  LDAP_BIND_PASSWORD_FILE: z.string().min(1).optional(),
  LDAP_PEOPLE_BASE: dn.optional(),
  LDAP_USER_FILTER: z.string().includes('{username}', { message: 'must contain {username}, e.g. (uid={username})' }).default('(uid={username})'),
  LDAP_GROUP_EXTERNAL_NETWORK: dn.optional(),
  LDAP_GROUP_USB_MEDIA: dn.optional(),
  LDAP_GROUP_SPECIAL_AGENT_ID: dn.optional(),
  LDAP_PLACEHOLDER_MEMBER: dn.optional(),
  LDAP_DISABLE_ATTRIBUTE: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'must be an attribute name').optional(),
  LDAP_DISABLE_VALUE: z.string().min(1).optional(),
  RECONCILE_EVERY: z.string().regex(/^\d+(s|m|h)$/, 'must be a duration such as 5m').default('5m'),
  RECONCILE_MODE: z.enum(['correct', 'report']).default('correct'),
});

export interface EnforcementSettings {
  directory: DirectorySettings;
  /** The managed group of each connected kind. */
  groups: Partial<Record<AccessKind, string>>;
  reconcileEvery: string;
  reconcileMode: 'correct' | 'report';
}

/** Null when no directory is configured. Throws a ConfigError naming each bad or missing variable. */
export function loadEnforcementSettings(env: Record<string, unknown> = process.env): EnforcementSettings | null {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => v !== undefined && v !== '' && (k.startsWith('LDAP_') || k.startsWith('RECONCILE_'))));
  const r = schema.safeParse(cleaned);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const c = r.data;
  if (!c.LDAP_URL) return null;
  const problems: string[] = [];
  if (!c.LDAP_BIND_DN) problems.push('LDAP_BIND_DN: is required when LDAP_URL is set');
  if (!c.LDAP_PEOPLE_BASE) problems.push('LDAP_PEOPLE_BASE: is required when LDAP_URL is set');
  if (!c.LDAP_BIND_PASSWORD === !c.LDAP_BIND_PASSWORD_FILE) problems.push('LDAP_BIND_PASSWORD / LDAP_BIND_PASSWORD_FILE: set exactly one of them');
  if (!c.LDAP_DISABLE_ATTRIBUTE !== !c.LDAP_DISABLE_VALUE) problems.push('LDAP_DISABLE_ATTRIBUTE / LDAP_DISABLE_VALUE: set both or neither');
  let password = c.LDAP_BIND_PASSWORD ?? '';
  if (c.LDAP_BIND_PASSWORD_FILE) {
    try {
      password = readFileSync(c.LDAP_BIND_PASSWORD_FILE, 'utf8').trim();
    } catch (e) {
      problems.push(`LDAP_BIND_PASSWORD_FILE: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const groups: Partial<Record<AccessKind, string>> = {};
  if (c.LDAP_GROUP_EXTERNAL_NETWORK) groups.external_network = c.LDAP_GROUP_EXTERNAL_NETWORK;
  if (c.LDAP_GROUP_USB_MEDIA) groups.usb_media = c.LDAP_GROUP_USB_MEDIA;
  if (c.LDAP_GROUP_SPECIAL_AGENT_ID) groups.special_agent_id = c.LDAP_GROUP_SPECIAL_AGENT_ID;
  return {
    directory: {
      url: c.LDAP_URL,
      bindDn: c.LDAP_BIND_DN!,
      bindPassword: password,
      peopleBase: c.LDAP_PEOPLE_BASE!,
      userFilter: c.LDAP_USER_FILTER,
      placeholderMember: c.LDAP_PLACEHOLDER_MEMBER ?? null,
      disable: c.LDAP_DISABLE_ATTRIBUTE ? { attribute: c.LDAP_DISABLE_ATTRIBUTE, value: c.LDAP_DISABLE_VALUE! } : null,
    },
    groups,
    reconcileEvery: c.RECONCILE_EVERY,
    reconcileMode: c.RECONCILE_MODE,
  };
}

/**
 * The directory sign-in asks (AUTH_MODE ldap or both): the same LDAP_* connection, null for local. A
 * mode that needs a directory without one is a ConfigError, so the API does not start half-configured.
 */
export function loadSignInDirectory(env: Record<string, unknown> = process.env): DirectorySettings | null {
  const mode = env.AUTH_MODE ?? 'local';
  if (mode === 'local') return null;
  const settings = loadEnforcementSettings(env);
  if (!settings) throw new ConfigError([`AUTH_MODE: ${String(mode)} needs the directory settings (LDAP_URL, LDAP_BIND_DN, LDAP_PEOPLE_BASE, LDAP_BIND_PASSWORD or LDAP_BIND_PASSWORD_FILE)`]);
  return settings.directory;
}
