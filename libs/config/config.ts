import { isIP } from 'node:net';
import { accessSync, constants, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parsePayloadKeys } from './payload-keys.js';
import { parseVisitorKey } from './visitor-key.js';

/**
 * Every setting comes from the environment and is validated once at boot. A bad value stops the
 * process with a message naming the variable and what is wrong; nothing host-, port- or
 * secret-shaped is hard-coded elsewhere.
 */
const port = z.coerce.number().int().min(1).max(65535);
const duration = z
  .string()
  .regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration such as 30s, 15m, 12h or 7d');

const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname.length > 0 && u.pathname.length > 1;
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');

const trustedProxies = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
  .refine(
    (list) => list.length > 0 && list.every((a) => {
      const [ip, bits, extra] = a.split('/');
      const family = isIP(ip);
      if (!family || extra !== undefined) return false;
      return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
    }),
    'must be the gateway addresses, comma-separated IPs or CIDRs (e.g. 172.28.0.10), not a name like loopback or uniquelocal',
  );
const quota = z.string().regex(/^(off|[1-9]\d*\/\d+(ms|s|m|h|d))$/, 'must be COUNT/WINDOW such as 10/10m, or off');

const hostPort = z.string().regex(/^[A-Za-z0-9.\-_]+:\d{1,5}$/, 'must be host:port, e.g. localhost:7233');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(3000),
  /**
   * The addresses of the gateways whose X-Forwarded-For is believed, comma-separated IPs or CIDRs (Express
   * "trust proxy"). Unset: nobody's; the client address is the TCP peer. The client address feeds the login
   * throttle and the audit trail, so a name such as "uniquelocal" (any private address) is refused: any
   * container or host on the network could then forge it.
   */
  TRUST_PROXY: trustedProxies.optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /**
   * The reads behind every request (the session check, the inbox) as named statements, prepared once per
   * connection. `off` for a pooler in transaction mode that cannot keep them (PgBouncer before 1.21, or
   * with max_prepared_statements = 0).
   */
  DATABASE_NAMED_STATEMENTS: z.enum(['on', 'off']).default('on'),
  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('custodian'),
  /** A workflow bundle built ahead of time (bundleWorkflowCode); the worker bundles workflows/ itself if unset. */
  TEMPORAL_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  TEMPORAL_UI_URL: z.string().url().optional(),
  /**
   * The keys of the payload codec (libs/temporal/payload-codec.ts): `id:base64` pairs, the first encrypts,
   * all decrypt. Or a file of them, one a line. The API and the worker refuse to start without one.
   */
  TEMPORAL_PAYLOAD_KEYS: z.string().min(1).optional(),
  TEMPORAL_PAYLOAD_KEYS_FILE: z.string().min(1).optional(),
  /** mTLS to the Temporal cluster (file paths): a client certificate and key (both or neither), a CA, the server name to expect. */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** The Temporal Web UI's origin, allowed by CORS to call the codec endpoint (POST /api/temporal-codec/decode). */
  TEMPORAL_UI_ORIGIN: z
    .string()
    .url()
    .refine((v) => new URL(v).origin === v.replace(/\/$/, ''), 'must be an origin such as http://127.0.0.1:8080 (scheme, host, port; no path)')
    .optional(),
  /**
   * How many workflows a worker keeps in its cache (sticky execution); beyond it a workflow is evicted and
   * replays its history at its next task. Unset: the SDK's default, from the worker's heap limit.
   */
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** How long a workflow task waits for the worker that has the workflow cached (libs/temporal/worker.ts STICKY_QUEUE_TIMEOUT when unset). */
  TEMPORAL_STICKY_TIMEOUT: duration.optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: duration.default('15m'),
  /**
   * Login throttle (libs/auth/login.ts): per (username, client address), the first FREE_FAILURES
   * failures cost nothing, then each waits BACKOFF_BASE doubling up to BACKOFF_MAX; per address,
   * MAX_FAILURES_PER_IP failures within WINDOW block it for the window. A pair quiet for WINDOW is
   * summarised in the audit log.
   */
  LOGIN_THROTTLE_WINDOW: duration.default('15m'),
  LOGIN_THROTTLE_FREE_FAILURES: z.coerce.number().int().min(0).max(100).default(3),
  LOGIN_THROTTLE_BACKOFF_BASE: duration.default('5s'),
  LOGIN_THROTTLE_BACKOFF_MAX: duration.default('15m'),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(100_000).default(20),
  REFRESH_TOKEN_TTL: duration.default('12h'),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  DEFAULT_TIME_ZONE: z.string().min(1).default('Asia/Shanghai'),
  PUBLIC_URL: z.string().url().optional(),
  /** Process timings (the workflows keep the values they started with). INF-10: unsigned agreement → HR. */
  AGREEMENT_ESCALATE_AFTER: duration.default('3d'),
  AGREEMENT_DEADLINE: duration.default('30d'),
  /** Due time of other onboarding tasks and of each return-checklist item before they escalate. */
  TASK_DUE: duration.default('2d'),
  RETURN_ITEM_DUE: duration.default('3d'),
  /** Access requests: longest window per kind, reminder lead, and each approval stage's due time and deadline. */
  ACCESS_MAX_EXTERNAL_NETWORK: duration.default('90d'),
  ACCESS_MAX_SPECIAL_AGENT_ID: duration.default('7d'),
  ACCESS_MAX_USB_MEDIA: duration.default('14d'),
  ACCESS_REMINDER_BEFORE: duration.default('1d'),
  ACCESS_STAGE_DUE: duration.default('2d'),
  ACCESS_STAGE_DEADLINE: duration.default('7d'),
  /** Four eyes on power: a privileged account change's approval is due after TASK_DUE and expires (changing nothing) after this. */
  ACCOUNT_CHANGE_DEADLINE: duration.default('7d'),
  /**
   * Per-user limits on starting processes, each a workflow that lives for days: at most COUNT starts
   * in any WINDOW, then 429 with Retry-After. "off" for load tests only.
   */
  QUOTA_ACCESS_REQUESTS: quota.default('10/10m'),
  QUOTA_ONBOARDINGS: quota.default('50/1h'),
  QUOTA_OFFBOARDINGS: quota.default('50/1h'),
  /** SYS-2: the central plan workstation IPs are handed out from, "first-last" (IPv4, inclusive). */
  WORKSTATION_IP_RANGE: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,3}){3}-\d{1,3}(\.\d{1,3}){3}$/, 'must be an IPv4 range such as 10.20.0.10-10.20.3.250')
    .default('10.20.0.10-10.20.3.250'),
  /** The directory that enforces grants (README "Enforcement"); checked together by libs/enforcement/directory-config.ts. */
  LDAP_URL: z.string().optional(),
  LDAP_BIND_DN: z.string().optional(),
  LDAP_BIND_PASSWORD: z.string().optional(),
  LDAP_BIND_PASSWORD_FILE: z.string().optional(),
  LDAP_PEOPLE_BASE: z.string().optional(),
  LDAP_USER_FILTER: z.string().optional(),
  LDAP_GROUP_EXTERNAL_NETWORK: z.string().optional(),
  LDAP_GROUP_USB_MEDIA: z.string().optional(),
  LDAP_GROUP_SPECIAL_AGENT_ID: z.string().optional(),
  LDAP_PLACEHOLDER_MEMBER: z.string().optional(),
  LDAP_DISABLE_ATTRIBUTE: z.string().optional(),
  LDAP_DISABLE_VALUE: z.string().optional(),
  /**
   * Whether this API brings the recurring duties' Temporal Schedules in line with their definitions at
   * boot (libs/policy/duties.ts). Off for a deployment whose schedules another replica or a job keeps,
   * and in the tests that do not exercise duties (they share one Temporal server).
   */
  DUTY_SCHEDULES: z.enum(['on', 'off']).default('on'),
  /**
   * Visitors (INF-1, PIPL): the master key that wraps each visitor's own data key, 32 bytes in base64,
   * or a file holding it. Unset: the visitor desk answers 503 (nothing personal can be stored).
   */
  VISITOR_KEY: z.string().min(1).optional(),
  /**
   * Signs the decision links in task mails (HMAC-SHA256; libs/domain/mail/decision-links.ts), at least
   * 32 characters, or a file holding it. The API (which checks a link) and the workers (which send the
   * mail) need the same one. Unset: task mails carry the plain task link, and no link can be redeemed.
   */
  DECISION_LINK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DECISION_LINK_SECRET_FILE: z.string().min(1).optional(),
  VISITOR_KEY_FILE: z.string().min(1).optional(),
  /** Days after a visit ends (or, never checked out, began) until its personal data is crypto-shredded. */
  VISITOR_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(180),
  /** Whether this API keeps the daily purge's Temporal Schedule (off in the tests that share one Temporal server). */
  VISITOR_PURGE_SCHEDULE: z.enum(['on', 'off']).default('on'),
  RECONCILE_EVERY: z.string().optional(),
  RECONCILE_MODE: z.string().optional(),
  /** Signed webhooks to the systems without a directory (README "Enforcement"); checked by libs/enforcement/webhook-config.ts. */
  WEBHOOK_URL_EXTERNAL_NETWORK: z.string().optional(),
  WEBHOOK_URL_USB_MEDIA: z.string().optional(),
  WEBHOOK_URL_SPECIAL_AGENT_ID: z.string().optional(),
  WEBHOOK_SECRET_EXTERNAL_NETWORK: z.string().optional(),
  WEBHOOK_SECRET_USB_MEDIA: z.string().optional(),
  WEBHOOK_SECRET_SPECIAL_AGENT_ID: z.string().optional(),
  WEBHOOK_SECRET_EXTERNAL_NETWORK_FILE: z.string().optional(),
  WEBHOOK_SECRET_USB_MEDIA_FILE: z.string().optional(),
  WEBHOOK_SECRET_SPECIAL_AGENT_ID_FILE: z.string().optional(),
  WEBHOOK_MAX_ATTEMPTS: z.string().optional(),
  WEBHOOK_TIMEOUT_MS: z.string().optional(),
  /**
   * Where sign-in checks passwords (libs/auth/login.ts): local (Custodian's own hashes), ldap (a
   * bind as the person in the LDAP_* directory) or both (the directory first, then the local password).
   */
  AUTH_MODE: z.enum(['local', 'ldap', 'both']).default('local'),
  /** Mail notifications (libs/enforcement/mail-config.ts checks them together): unset, mail is off. */
  SMTP_URL: z.string().optional(),
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.string().optional(),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD_FILE: z.string().optional(),
  SMTP_TIMEOUT_MS: z.string().optional(),
  MAIL_FROM: z.string().optional(),
  /** Group-chat bots (WeCom, DingTalk, Feishu) repeating role notifications: a JSON file (libs/enforcement/chat-webhooks.ts). */
  CHAT_WEBHOOKS_FILE: z.string().optional(),
  /** How often the API's relay hands due outbox rows to Temporal; "off" leaves it to other replicas. */
  MAIL_RELAY_EVERY: z.union([z.literal('off'), duration]).default('2s'),
  /**
   * Quiet hours: the call center's working hours (DEFAULT_TIME_ZONE) on the calendar's working days.
   * Outside them reminder and escalation mail and digests wait for the next working morning; daily
   * digests go at the start. "always": no quiet hours (a center staffed around the clock); daily digests at local midnight.
   */
  MAIL_WORKING_HOURS: z
    .string()
    .regex(/^(always|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM-HH:MM, e.g. 08:30-18:00, or always')
    .refine((v) => v === 'always' || v.slice(0, 5) < v.slice(6), 'the start must come before the end')
    .default('08:30-18:00'),
  /**
   * Prometheus metrics (README "Metrics"): never on the public API port. The API serves them on a listener
   * of its own at METRICS_PORT, a worker at WORKER_METRICS_PORT (unset: none), both bound to METRICS_HOST
   * (loopback by default). With METRICS_TOKEN or METRICS_TOKEN_FILE a scrape needs `Authorization: Bearer`;
   * a listener on any other address than loopback must have one.
   */
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  METRICS_PORT: port.optional(),
  WORKER_METRICS_PORT: port.optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  METRICS_TOKEN_FILE: z.string().min(1).optional(),
}).superRefine((c, ctx) => {
  const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (c.TEMPORAL_PAYLOAD_KEYS) {
    try {
      parsePayloadKeys(c.TEMPORAL_PAYLOAD_KEYS);
    } catch (e) {
      problem('TEMPORAL_PAYLOAD_KEYS', (e as Error).message);
    }
  } else if (c.TEMPORAL_PAYLOAD_KEYS_FILE) {
    try {
      parsePayloadKeys(readFileSync(c.TEMPORAL_PAYLOAD_KEYS_FILE, 'utf8'));
    } catch (e) {
      problem('TEMPORAL_PAYLOAD_KEYS_FILE', (e as NodeJS.ErrnoException).code ? `cannot read the file (${(e as NodeJS.ErrnoException).code})` : (e as Error).message);
    }
  }
  for (const k of ['VISITOR_KEY', 'VISITOR_KEY_FILE'] as const) {
    const v = c[k];
    if (!v) continue;
    try {
      parseVisitorKey(k === 'VISITOR_KEY' ? v : readFileSync(v, 'utf8'));
    } catch (e) {
      problem(k, (e as NodeJS.ErrnoException).code ? `cannot read the file (${(e as NodeJS.ErrnoException).code})` : (e as Error).message);
    }
  }
  try {
    decisionLinkSecretOf(c);
  } catch (e) {
    problem(c.DECISION_LINK_SECRET_FILE ? 'DECISION_LINK_SECRET_FILE' : 'DECISION_LINK_SECRET', (e as Error).message.replace(/^DECISION_LINK_SECRET(_FILE)?: /, ''));
  }
  if (!!c.TEMPORAL_TLS_CERT !== !!c.TEMPORAL_TLS_KEY) {
    problem(c.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (a client certificate and its key)');
  }
  for (const k of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'] as const) {
    const file = c[k];
    if (!file) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch (e) {
      problem(k, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (c.METRICS_TOKEN && c.METRICS_TOKEN_FILE) problem('METRICS_TOKEN_FILE', 'set METRICS_TOKEN or METRICS_TOKEN_FILE, not both');
  else if (c.METRICS_TOKEN_FILE) {
    try {
      if (readFileSync(c.METRICS_TOKEN_FILE, 'utf8').trim().length < 16) problem('METRICS_TOKEN_FILE', 'the token in the file must be at least 16 characters');
    } catch (e) {
      problem('METRICS_TOKEN_FILE', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if ((c.METRICS_PORT || c.WORKER_METRICS_PORT) && !isLoopback(c.METRICS_HOST) && !c.METRICS_TOKEN && !c.METRICS_TOKEN_FILE) {
    problem('METRICS_HOST', 'metrics on an address other than loopback need a bearer token: set METRICS_TOKEN or METRICS_TOKEN_FILE');
  }
  if (c.METRICS_PORT !== undefined && c.METRICS_PORT === c.API_PORT) problem('METRICS_PORT', 'must differ from API_PORT (metrics are never served on the public port)');
  if (c.TEMPORAL_TLS_SERVER_NAME && !c.TEMPORAL_TLS_CA && !c.TEMPORAL_TLS_CERT) problem('TEMPORAL_TLS_SERVER_NAME', 'only used with TLS: set TEMPORAL_TLS_CA and/or TEMPORAL_TLS_CERT/KEY');
});

export type AppConfig = z.infer<typeof configSchema>;

const SECRET_SETTINGS = new Set(['JWT_SECRET', 'TEMPORAL_PAYLOAD_KEYS', 'VISITOR_KEY', 'SMTP_URL', 'METRICS_TOKEN', 'DECISION_LINK_SECRET']);

/** The decision links' signing secret (DECISION_LINK_SECRET, or the file's first line), or null when neither is set. Never logged. */
export function decisionLinkSecretOf(config: { DECISION_LINK_SECRET?: string; DECISION_LINK_SECRET_FILE?: string }): string | null {
  if (config.DECISION_LINK_SECRET && config.DECISION_LINK_SECRET_FILE) throw new Error('DECISION_LINK_SECRET_FILE: set DECISION_LINK_SECRET or DECISION_LINK_SECRET_FILE, not both');
  let secret = config.DECISION_LINK_SECRET;
  if (!secret && config.DECISION_LINK_SECRET_FILE) {
    try {
      secret = readFileSync(config.DECISION_LINK_SECRET_FILE, 'utf8').split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('#'));
    } catch (e) {
      throw new Error(`DECISION_LINK_SECRET_FILE: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, { cause: e });
    }
    if (!secret || secret.length < 32) throw new Error('DECISION_LINK_SECRET_FILE: the secret in the file must be at least 32 characters');
  }
  return secret ?? null;
}

/** 127.0.0.0/8, ::1 or localhost: reachable from this host only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The bearer token a metrics scrape must present (METRICS_TOKEN, or the file's content), or undefined for none. */
export function metricsToken(config: Pick<AppConfig, 'METRICS_TOKEN' | 'METRICS_TOKEN_FILE'>): string | undefined {
  if (config.METRICS_TOKEN) return config.METRICS_TOKEN;
  return config.METRICS_TOKEN_FILE ? readFileSync(config.METRICS_TOKEN_FILE, 'utf8').trim() : undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment; throws a ConfigError listing each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    // A secret is never echoed back (the message goes to logs).
    const shown = (k: string) => (SECRET_SETTINGS.has(k) ? '"[redacted]"' : JSON.stringify(cleaned[k] ?? null));
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]))})`));
  }
  return result.data;
}

/** Like loadConfig, but for a process entry point: prints the problems and exits with status 78 (EX_CONFIG). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
}

/** Services that a deployment must provide (the launcher supplies them in development). */
export function requireSetting<K extends keyof AppConfig>(config: AppConfig, key: K): NonNullable<AppConfig[K]> {
  const value = config[key];
  if (value === undefined || value === null) {
    throw new ConfigError([`${String(key)}: is required here but not set`]);
  }
  return value as NonNullable<AppConfig[K]>;
}

/** TLS (mTLS with a client certificate) for the Temporal client and worker connections, or undefined for plaintext. */
export function temporalTls(config: Pick<AppConfig, 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME'>):
  | { serverNameOverride?: string; serverRootCACertificate?: Buffer; clientCertPair?: { crt: Buffer; key: Buffer } }
  | undefined {
  if (!config.TEMPORAL_TLS_CERT && !config.TEMPORAL_TLS_CA) return undefined;
  return {
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(config.TEMPORAL_TLS_CA ? { serverRootCACertificate: readFileSync(config.TEMPORAL_TLS_CA) } : {}),
    ...(config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY ? { clientCertPair: { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) } } : {}),
  };
}

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
export function durationMs(value: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(value);
  if (!m) throw new Error(`not a duration: ${value}`);
  return Number(m[1]) * units[m[2]];
}
