import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { assertPortFree } from '../runtime/ports.js';
import { supervise, type Supervised } from '../runtime/supervisor.js';

/** Debian's squid (package `squid`); SQUID_PATH selects another binary. */
export const SQUID_PATH = process.env.SQUID_PATH ?? '/usr/sbin/squid';
const HELPERS = process.env.SQUID_HELPERS_DIR ?? '/usr/lib/squid';

export interface SquidOptions {
  dir: string;
  port: number;
  ldap: {
    host: string;
    port: number;
    /** The read-only account the helpers search with. */
    bindDn: string;
    bindPassword: string;
    peopleBase: string;
    groupsBase: string;
    /** The cn of the group whose members may reach the Internet (SYS-1). */
    internetGroupCn: string;
  };
  /** How long squid trusts an answer of the directory, in seconds (group membership and passwords). */
  ttlSeconds?: number;
  log?: (m: string) => void;
}

export interface SquidHandle extends Supervised {
  /** The proxy's address, for `curl -x`. */
  url: string;
}

const q = (s: string) => `"${s.replace(/"/g, '\\"')}"`;

/**
 * Squid as the call center's Internet gateway (Debian's squid with its LDAP helpers): every request must authenticate with
 * the person's directory password, and only members of the external-network group get through; the
 * directory's answers are trusted for `ttlSeconds`, so a removal takes effect within that time.
 */
function squidConf(o: SquidOptions, pwFile: string): string {
  const ttl = o.ttlSeconds ?? 3;
  const l = o.ldap;
  const common = `-D ${q(l.bindDn)} -W ${pwFile} -h ${l.host} -p ${l.port} -v 3`;
  return [
    `http_port 127.0.0.1:${o.port}`,
    `pid_filename ${join(o.dir, 'squid.pid')}`,
    `cache_log ${join(o.dir, 'cache.log')}`,
    `access_log ${join(o.dir, 'access.log')}`,
    `coredump_dir ${o.dir}`,
    'cache deny all',
    'cache_mem 8 MB',
    'shutdown_lifetime 1 seconds',
    `auth_param basic program ${HELPERS}/basic_ldap_auth -b ${q(l.peopleBase)} -f "uid=%s" ${common}`,
    'auth_param basic children 3 startup=1 idle=1',
    'auth_param basic realm Custodian',
    `auth_param basic credentialsttl ${ttl} seconds`,
    `authenticate_ttl ${ttl} seconds`,
    `external_acl_type directory_group ttl=${ttl} negative_ttl=${ttl} children-max=3 children-startup=1 %LOGIN ${HELPERS}/ext_ldap_group_acl -b ${q(l.groupsBase)} -f "(&(cn=%g)(member=uid=%u,${l.peopleBase}))" ${common}`,
    'acl signed_in proxy_auth REQUIRED',
    `acl internet_users external directory_group ${l.internetGroupCn}`,
    'http_access deny !signed_in',
    'http_access allow internet_users',
    'http_access deny all',
    '',
  ].join('\n');
}

/** Starts squid in the foreground (-N) on 127.0.0.1:port; resolves once it accepts connections. */
export async function startSquid(opts: SquidOptions): Promise<SquidHandle> {
  await assertPortFree(opts.port, '127.0.0.1', 'SQUID_PORT');
  mkdirSync(opts.dir, { recursive: true });
  const pwFile = join(opts.dir, 'ldap-password');
  writeFileSync(pwFile, opts.ldap.bindPassword, { mode: 0o600 });
  const conf = join(opts.dir, 'squid.conf');
  writeFileSync(conf, squidConf(opts, pwFile));
  // Run as root, squid drops to the `proxy` user: its files must be that user's, or it stops with "FATAL: Cannot open … for writing".
  if (process.getuid?.() === 0) {
    try {
      const uid = Number(execFileSync('id', ['-u', 'proxy']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'proxy']).toString().trim());
      for (const f of [opts.dir, pwFile, conf]) chownSync(f, uid, gid);
    } catch {
      /* no proxy user: squid keeps running as the current user */
    }
  }
  const log = opts.log;
  // Its own log is cache.log (squid.conf); stdout and stderr carry only what it says before opening it.
  const server = supervise({ name: `Squid (log: ${join(opts.dir, 'cache.log')})`, command: SQUID_PATH, args: ['-N', '-f', conf], onLine: log && ((l) => log(`[squid] ${l.trim()}`)) });
  await server.ready({ port: opts.port }, { timeoutMs: 30_000, intervalMs: 200 });
  return Object.assign(server, { url: `http://127.0.0.1:${opts.port}` });
}
