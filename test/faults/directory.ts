/**
 * The directory that enforces grants during a fault run (SYS-1, SYS-5): a real OpenLDAP started by the
 * harness on a free port in the run's directory, with the external-network group and an entry for every
 * demo account (the access-request load's grants are provisioned there too). It can be stopped and
 * started again on the same port with the same data, which is the "directory down" fault. No proxy: the
 * invariants read the directory itself.
 */
import { join } from 'node:path';
import { Client } from 'ldapts';
import { DEMO_PASSWORD, DEMO_USERS } from '../../libs/domain/seed/demo.js';
import { LdapDirectory } from '../../libs/enforcement/ldap-directory.js';
import { ensureEntry, startSlapd, type SlapdHandle } from '../../libs/enforcement/slapd.js';
import { freePort } from '../../libs/runtime/ports.js';
import type { FaultSystem } from './faults.js';

const ADMIN_PASSWORD = 'faults-directory-admin';
const PROXY_PASSWORD = 'faults-directory-proxy';
const GROUP_CN = 'internet-users';

export class FaultDirectory {
  private slapd!: SlapdHandle;
  private options!: Parameters<typeof startSlapd>[0];
  groupDn!: string;
  peopleDn!: string;
  directory!: LdapDirectory;
  /** LDAP_* settings for the API and the worker(s). */
  env!: Record<string, string>;

  private constructor(private readonly system: FaultSystem) {}

  static async start(system: FaultSystem, log: (m: string) => void): Promise<FaultDirectory> {
    const d = new FaultDirectory(system);
    d.options = { dir: join(system.workDir, 'slapd'), port: await freePort(), adminPassword: ADMIN_PASSWORD, proxyPassword: PROXY_PASSWORD };
    log(`starting OpenLDAP on 127.0.0.1:${d.options.port}`);
    await d.up();
    const placeholder = `cn=nobody,${d.slapd.suffix}`;
    d.groupDn = `cn=${GROUP_CN},${d.slapd.groupsDn}`;
    d.peopleDn = d.slapd.peopleDn;
    await d.admin(async (c) => {
      await ensureEntry(c, d.groupDn, { objectClass: ['top', 'groupOfNames'], cn: GROUP_CN, member: placeholder });
      for (const u of DEMO_USERS) await d.addPersonWith(c, u.username, DEMO_PASSWORD);
    });
    d.env = {
      LDAP_URL: d.slapd.url,
      LDAP_BIND_DN: d.slapd.adminDn,
      LDAP_BIND_PASSWORD: ADMIN_PASSWORD,
      LDAP_PEOPLE_BASE: d.slapd.peopleDn,
      LDAP_GROUP_EXTERNAL_NETWORK: d.groupDn,
      LDAP_PLACEHOLDER_MEMBER: placeholder,
      // A scheduled reconciliation is a workflow the load did not start (the run flags strays); none runs within a run.
      RECONCILE_EVERY: '24h',
    };
    d.directory = new LdapDirectory({ url: d.slapd.url, bindDn: d.slapd.adminDn, bindPassword: ADMIN_PASSWORD, peopleBase: d.slapd.peopleDn, userFilter: '(uid={username})', placeholderMember: placeholder, disable: null });
    return d;
  }

  private async up(): Promise<void> {
    this.slapd = await startSlapd(this.options);
    this.system.adopt(this.slapd); // stopped with everything else, also on Ctrl-C
  }

  get running(): boolean {
    return this.slapd.running;
  }

  /** The directory is down: slapd is stopped (its data stays). */
  async stop(): Promise<void> {
    await this.slapd.stop();
  }

  /** Started again on the same port with the same data. */
  restart(): Promise<void> {
    return this.up();
  }

  private async admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ url: this.slapd.url });
    try {
      await c.bind(this.slapd.adminDn, ADMIN_PASSWORD);
      return await fn(c);
    } finally {
      await c.unbind().catch(() => undefined);
    }
  }

  private async addPersonWith(c: Client, username: string, password: string): Promise<string> {
    const dn = `uid=${username},${this.slapd.peopleDn}`;
    await ensureEntry(c, dn, { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid: username, cn: username, sn: username, userPassword: password });
    return dn;
  }

  /** Adds a person's entry (idempotent); returns its DN. */
  addPerson(username: string, password: string): Promise<string> {
    return this.admin((c) => this.addPersonWith(c, username, password));
  }

  async stopForGood(): Promise<void> {
    await this.slapd.stop();
  }
}
