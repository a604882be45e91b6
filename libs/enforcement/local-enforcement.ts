import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'ldapts';
import { DEMO_PASSWORD, DEMO_USERS } from '../domain/seed/demo.js';
import { ensureEntry, SLAPD_PATH, startSlapd, type SlapdHandle } from './slapd.js';
import { SQUID_PATH, startSquid, type SquidHandle } from './squid.js';

/** The managed groups of the local directory: cn values under ou=groups. */
export const LOCAL_GROUPS = { external_network: 'internet-users', usb_media: 'usb-unlocked' } as const;

export interface LocalEnforcement {
  slapd: SlapdHandle;
  squid: SquidHandle;
  /** LDAP_* settings for the worker and the API. */
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/** Whether this machine has Debian's slapd and squid (the tools step installs them). */
export const localEnforcementAvailable = (): boolean => existsSync(SLAPD_PATH) && existsSync(SQUID_PATH);

/**
 * `npm start`'s directory and proxy: OpenLDAP with the managed groups (and, with the demo seed, one
 * entry per demo account with the demo password), and Squid admitting only the external-network group.
 * Secrets are generated once per data directory by the caller and passed in.
 */
export async function startLocalEnforcement(o: {
  dir: string;
  ldapPort: number;
  proxyPort: number;
  adminPassword: string;
  proxyPassword: string;
  demo: boolean;
  log?: (m: string) => void;
}): Promise<LocalEnforcement> {
  // Squid drops to the `proxy` user, which must be able to traverse down to its own folder.
  mkdirSync(o.dir, { recursive: true });
  chmodSync(o.dir, 0o755);
  const slapd = await startSlapd({ dir: join(o.dir, 'slapd'), port: o.ldapPort, adminPassword: o.adminPassword, proxyPassword: o.proxyPassword, log: o.log });
  const placeholder = `cn=nobody,${slapd.suffix}`;
  const admin = new Client({ url: slapd.url });
  try {
    await admin.bind(slapd.adminDn, o.adminPassword);
    for (const cn of Object.values(LOCAL_GROUPS)) await ensureEntry(admin, `cn=${cn},${slapd.groupsDn}`, { objectClass: ['top', 'groupOfNames'], cn, member: placeholder });
    if (o.demo) {
      for (const u of DEMO_USERS) {
        await ensureEntry(admin, `uid=${u.username},${slapd.peopleDn}`, { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid: u.username, cn: u.displayName, sn: u.username, userPassword: DEMO_PASSWORD });
      }
    }
  } catch (e) {
    await slapd.stop();
    throw e;
  } finally {
    await admin.unbind().catch(() => undefined);
  }
  let squid: SquidHandle;
  try {
    squid = await startSquid({
      dir: join(o.dir, 'squid'),
      port: o.proxyPort,
      log: o.log,
      ldap: { host: '127.0.0.1', port: o.ldapPort, bindDn: slapd.proxyDn, bindPassword: o.proxyPassword, peopleBase: slapd.peopleDn, groupsBase: slapd.groupsDn, internetGroupCn: LOCAL_GROUPS.external_network },
    });
  } catch (e) {
    await slapd.stop();
    throw e;
  }
  return {
    slapd,
    squid,
    env: {
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: slapd.adminDn,
      LDAP_BIND_PASSWORD: o.adminPassword,
      LDAP_PEOPLE_BASE: slapd.peopleDn,
      LDAP_GROUP_EXTERNAL_NETWORK: `cn=${LOCAL_GROUPS.external_network},${slapd.groupsDn}`,
      LDAP_GROUP_USB_MEDIA: `cn=${LOCAL_GROUPS.usb_media},${slapd.groupsDn}`,
      LDAP_PLACEHOLDER_MEMBER: placeholder,
      // slapd.ts loads the ppolicy overlay with pwdLockout: a leaver's entry is locked for good (INF-13).
      LDAP_DISABLE_ATTRIBUTE: 'pwdAccountLockedTime',
      LDAP_DISABLE_VALUE: '000001010000Z',
    },
    stop: async () => {
      await squid.stop();
      await slapd.stop();
    },
  };
}
