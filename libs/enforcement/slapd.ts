import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Attribute, Change, Client } from 'ldapts';
import { assertPortFree } from '../runtime/ports.js';
import { supervise, type Supervised } from '../runtime/supervisor.js';

/** Debian's slapd (package `slapd`); SLAPD_PATH selects another binary. */
export const SLAPD_PATH = process.env.SLAPD_PATH ?? '/usr/sbin/slapd';

export interface SlapdOptions {
  /** Holds slapd.conf and the database; created when missing, kept across restarts. */
  dir: string;
  port: number;
  suffix?: string;
  adminPassword: string;
  /** A read-only account for the proxy's LDAP helpers (bind DN cn=proxy,<suffix>). */
  proxyPassword: string;
  log?: (m: string) => void;
}

export interface SlapdHandle extends Supervised {
  url: string;
  suffix: string;
  adminDn: string;
  proxyDn: string;
  peopleDn: string;
  groupsDn: string;
}

/**
 * The access rules: a person may bind with their own password and change it; the proxy account reads
 * people and groups (to authenticate users and check group membership); the admin (rootdn: Custodian's
 * connector) writes. Nobody reads a password hash, and anonymous callers read nothing.
 */
function slapdConf(o: Required<Pick<SlapdOptions, 'dir' | 'suffix' | 'adminPassword'>>): string {
  return [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'include /etc/ldap/schema/nis.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    'moduleload ppolicy',
    `pidfile ${join(o.dir, 'slapd.pid')}`,
    `argsfile ${join(o.dir, 'slapd.args')}`,
    'database mdb',
    'maxsize 268435456',
    `suffix "${o.suffix}"`,
    `rootdn "cn=admin,${o.suffix}"`,
    `rootpw ${o.adminPassword}`,
    `directory ${join(o.dir, 'data')}`,
    // The password-policy overlay: an entry whose pwdAccountLockedTime is 000001010000Z is locked for
    // good and every bind as it fails (slapo-ppolicy(5)); that is how the connector disables a leaver
    // (LDAP_DISABLE_ATTRIBUTE=pwdAccountLockedTime, LDAP_DISABLE_VALUE=000001010000Z). The overlay
    // honours the lock only under a policy with pwdLockout TRUE (checked on slapd 2.5.13): the default
    // policy below has it, and no pwdMaxFailure, so failed binds never lock anyone by themselves.
    'overlay ppolicy',
    `ppolicy_default "cn=password-policy,${o.suffix}"`,
    'index objectClass eq',
    'index uid,cn,member eq',
    `access to attrs=userPassword by self write by anonymous auth by * none`,
    `access to * by dn.exact="cn=proxy,${o.suffix}" read by self read by * none`,
    '',
  ].join('\n');
}

/**
 * Starts OpenLDAP as a plain process on 127.0.0.1:port (Debian's slapd with its own slapd.conf and an mdb database; installing the package starts nothing) and makes sure the base
 * entries exist: the suffix, ou=people, ou=groups and the proxy's read-only account. Idempotent: a
 * second start on the same dir keeps the data.
 */
export async function startSlapd(opts: SlapdOptions): Promise<SlapdHandle> {
  const suffix = opts.suffix ?? 'dc=custodian,dc=local';
  await assertPortFree(opts.port, '127.0.0.1', 'LDAP_PORT');
  mkdirSync(opts.dir, { recursive: true });
  mkdirSync(join(opts.dir, 'data'), { recursive: true, mode: 0o700 });
  const conf = join(opts.dir, 'slapd.conf');
  writeFileSync(conf, slapdConf({ dir: opts.dir, suffix, adminPassword: opts.adminPassword }), { mode: 0o600 });
  const url = `ldap://127.0.0.1:${opts.port}`;
  // -d 0: stay in the foreground (so the process group is ours) without debug output.
  const log = opts.log;
  const server = supervise({ name: 'OpenLDAP (slapd)', command: SLAPD_PATH, args: ['-f', conf, '-h', `${url}/`, '-d', '0'], onLine: log && ((l) => log(`[slapd] ${l.trim()}`)) });
  const adminDn = `cn=admin,${suffix}`;
  const client = new Client({ url, timeout: 2000, connectTimeout: 1000 });
  try {
    await server.ready({ check: () => client.bind(adminDn, opts.adminPassword) }, { timeoutMs: 30_000, intervalMs: 200 });
    const rdn = suffix.split(',')[0]!.split('=')[1]!;
    await ensureEntry(client, suffix, { objectClass: ['top', 'dcObject', 'organization'], dc: rdn, o: 'Custodian' });
    await ensureEntry(client, `ou=people,${suffix}`, { objectClass: ['top', 'organizationalUnit'], ou: 'people' });
    await ensureEntry(client, `ou=groups,${suffix}`, { objectClass: ['top', 'organizationalUnit'], ou: 'groups' });
    await ensureEntry(client, `cn=password-policy,${suffix}`, { objectClass: ['top', 'organizationalRole', 'pwdPolicy'], cn: 'password-policy', pwdAttribute: 'userPassword', pwdLockout: 'TRUE' });
    await ensureEntry(client, `cn=proxy,${suffix}`, { objectClass: ['top', 'person'], cn: 'proxy', sn: 'proxy', userPassword: opts.proxyPassword });
    // The proxy's password follows the configuration (a restart with another secret still works).
    await client.modify(`cn=proxy,${suffix}`, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userPassword', values: [opts.proxyPassword] }) })]);
  } catch (e) {
    await server.stop();
    throw e;
  } finally {
    await client.unbind().catch(() => undefined);
  }
  return Object.assign(server, { url, suffix, adminDn, proxyDn: `cn=proxy,${suffix}`, peopleDn: `ou=people,${suffix}`, groupsDn: `ou=groups,${suffix}` });
}

/** Adds the entry unless it is there already. */
export async function ensureEntry(client: Client, dn: string, attrs: Record<string, string | string[]>): Promise<void> {
  try {
    await client.add(dn, attrs);
  } catch (e) {
    if ((e as { code?: number }).code !== 68) throw e; // 68: entryAlreadyExists
  }
}
