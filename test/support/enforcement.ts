import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import type { EnforcementSettings } from '../../libs/enforcement/directory-config.js';
import { LdapDirectory, type DirectorySettings } from '../../libs/enforcement/ldap-directory.js';
import { ensureEntry, startSlapd, type SlapdHandle } from '../../libs/enforcement/slapd.js';
import { startSquid, type SquidHandle } from '../../libs/enforcement/squid.js';
import { freePort } from './env.js';

/** A real OpenLDAP, a real Squid that asks it, and a local origin standing in for the Internet. */
export interface EnforcementStack {
  slapd: SlapdHandle;
  squid: SquidHandle;
  origin: { url: string; server: Server };
  directory: LdapDirectory;
  settings: DirectorySettings;
  internetGroupDn: string;
  /** The connector's settings (external network connected) for the worker, and as LDAP_* variables for the API. */
  enforcement: EnforcementSettings;
  apiEnv: Record<string, string>;
  /** Stops slapd (the directory is down) and starts it again on the same port with the same data. */
  stopDirectory(): Promise<void>;
  restartDirectory(): Promise<void>;
  /** Runs Debian's `ldapmodify` as the directory's administrator with this LDIF (a change made by hand). */
  ldapmodify(ldif: string): Promise<void>;
  /** Adds a person with a password to ou=people (idempotent). */
  addPerson(username: string, password: string): Promise<string>;
  /** GET the origin through the proxy as this person: the HTTP status squid or the origin answered. */
  browse(username: string, password: string): Promise<number>;
  stop(): Promise<void>;
}

export const INTERNET_GROUP_CN = 'internet-users';

/** `dir`: where slapd and squid keep their files (default: a new temporary directory). */
export async function startEnforcementStack(opts: { ttlSeconds?: number; dir?: string } = {}): Promise<EnforcementStack> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'custodian-enforce-'));
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // squid runs as `proxy` and must reach its own folder inside
  const adminPassword = 'admin-secret-for-tests';
  const proxyPassword = 'proxy-secret-for-tests';
  const log = process.env.ENFORCEMENT_LOG ? (m: string) => process.stderr.write(`${m}\n`) : undefined;
  const slapdOpts = { dir: join(dir, 'slapd'), port: await freePort(), adminPassword, proxyPassword, log };
  let slapd = await startSlapd(slapdOpts);
  const placeholderMember = `cn=nobody,${slapd.suffix}`;
  const internetGroupDn = `cn=${INTERNET_GROUP_CN},${slapd.groupsDn}`;
  let admin = new Client({ url: slapd.url });
  await admin.bind(slapd.adminDn, adminPassword);
  await ensureEntry(admin, internetGroupDn, { objectClass: ['top', 'groupOfNames'], cn: INTERNET_GROUP_CN, member: placeholderMember });
  const settings: DirectorySettings = {
    url: slapd.url,
    bindDn: slapd.adminDn,
    bindPassword: adminPassword,
    peopleBase: slapd.peopleDn,
    userFilter: '(uid={username})',
    placeholderMember,
    disable: null,
  };
  let squid: SquidHandle;
  try {
    squid = await startSquid({
      dir: join(dir, 'squid'),
      port: await freePort(),
      ttlSeconds: opts.ttlSeconds ?? 2,
      log,
      ldap: { host: '127.0.0.1', port: Number(new URL(slapd.url).port), bindDn: slapd.proxyDn, bindPassword: proxyPassword, peopleBase: slapd.peopleDn, groupsBase: slapd.groupsDn, internetGroupCn: INTERNET_GROUP_CN },
    });
  } catch (e) {
    await slapd.stop();
    throw e;
  }
  const server = createServer((_req, res) => res.end('hello from the Internet'));
  const originPort = await freePort();
  await new Promise<void>((r) => server.listen(originPort, '127.0.0.1', r));
  const proxy = new URL(squid.url);
  const stack: EnforcementStack = {
    slapd,
    squid,
    origin: { url: `http://127.0.0.1:${originPort}/`, server },
    directory: new LdapDirectory(settings),
    settings,
    internetGroupDn,
    enforcement: { directory: settings, groups: { external_network: internetGroupDn }, reconcileEvery: '5m', reconcileMode: 'correct' },
    apiEnv: {
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: slapd.adminDn,
      LDAP_BIND_PASSWORD: adminPassword,
      LDAP_PEOPLE_BASE: slapd.peopleDn,
      LDAP_GROUP_EXTERNAL_NETWORK: internetGroupDn,
      LDAP_PLACEHOLDER_MEMBER: placeholderMember,
    },
    ldapmodify: (ldif) =>
      new Promise<void>((resolve, reject) => {
        const child = execFile('ldapmodify', ['-x', '-H', stack.slapd.url, '-D', stack.slapd.adminDn, '-w', adminPassword], (err, _out, stderr) =>
          err ? reject(new Error(`ldapmodify failed: ${stderr || err.message}`)) : resolve(),
        );
        child.stdin?.end(ldif);
      }),
    async stopDirectory() {
      await admin.unbind().catch(() => undefined);
      await slapd.stop();
    },
    async restartDirectory() {
      slapd = await startSlapd(slapdOpts);
      stack.slapd = slapd;
      admin = new Client({ url: slapd.url });
      await admin.bind(slapd.adminDn, adminPassword);
    },
    async addPerson(username, password) {
      const dn = `uid=${username},${slapd.peopleDn}`;
      await ensureEntry(admin, dn, { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], uid: username, cn: username, sn: username, userPassword: password });
      return dn;
    },
    browse: (username, password) =>
      new Promise<number>((resolve, reject) => {
        const req = request({
          host: proxy.hostname,
          port: Number(proxy.port),
          method: 'GET',
          path: `http://127.0.0.1:${originPort}/`,
          headers: { host: `127.0.0.1:${originPort}`, 'proxy-authorization': `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
        });
        req.once('response', (res) => { res.resume(); resolve(res.statusCode ?? 0); });
        req.once('error', reject);
        req.setTimeout(10_000, () => req.destroy(new Error('proxy request timed out')));
        req.end();
      }),
    async stop() {
      await admin.unbind().catch(() => undefined);
      await new Promise<void>((r) => server.close(() => r()));
      await squid.stop();
      await slapd.stop();
    },
  };
  return stack;
}

/** Polls until `fn` returns `want` (at most timeoutMs): how long a change took to reach the proxy. */
export async function eventually<T>(fn: () => Promise<T>, want: T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (last !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await fn();
  }
  return last;
}
