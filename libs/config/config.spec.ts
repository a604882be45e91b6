import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, decisionLinkSecretOf, durationMs, loadConfig, metricsToken, temporalTls } from './config.js';
import { generatePayloadKey } from './payload-keys.js';

describe('configuration from the environment', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c.API_PORT).toBe(3000);
    expect(c.TEMPORAL_NAMESPACE).toBe('default');
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('rejects a malformed DATABASE_URL, naming the variable and the expected shape', () => {
    expect(() => loadConfig({ DATABASE_URL: 'localhost:5432/db' })).toThrow(ConfigError);
    try {
      loadConfig({ DATABASE_URL: 'localhost:5432/db', API_PORT: '99999' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toMatch(/DATABASE_URL: must be a URL like postgres:\/\//);
      expect(msg).toMatch(/API_PORT/);
    }
  });

  it('rejects a short JWT secret and a malformed Temporal address', () => {
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'http://x' })).toThrow(/TEMPORAL_ADDRESS: must be host:port/);
  });

  it('reads DECISION_LINK_SECRET or its file (at least 32 characters, never echoed), not both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'link-secret-'));
    writeFileSync(join(dir, 'ok'), '# signs decision links\nfile-secret-file-secret-file-secret-0123\n');
    writeFileSync(join(dir, 'short'), 'short\n');
    expect(decisionLinkSecretOf(loadConfig({}))).toBeNull();
    expect(decisionLinkSecretOf(loadConfig({ DECISION_LINK_SECRET: 'env-secret-env-secret-env-secret-0123' }))).toBe('env-secret-env-secret-env-secret-0123');
    expect(decisionLinkSecretOf(loadConfig({ DECISION_LINK_SECRET_FILE: join(dir, 'ok') }))).toBe('file-secret-file-secret-file-secret-0123');
    expect(() => loadConfig({ DECISION_LINK_SECRET: 'too-short-secret' })).toThrow(/DECISION_LINK_SECRET: must be at least 32 characters \(got "\[redacted\]"\)/);
    expect(() => loadConfig({ DECISION_LINK_SECRET_FILE: join(dir, 'short') })).toThrow(/DECISION_LINK_SECRET_FILE: the secret in the file must be at least 32 characters/);
    expect(() => loadConfig({ DECISION_LINK_SECRET_FILE: join(dir, 'missing') })).toThrow(/DECISION_LINK_SECRET_FILE: cannot read the file \(ENOENT\)/);
    expect(() => loadConfig({ DECISION_LINK_SECRET: 'env-secret-env-secret-env-secret-0123', DECISION_LINK_SECRET_FILE: join(dir, 'ok') })).toThrow(/not both/);
  });

  it('takes the worker cache size as a whole number, unset by default (the SDK sizes it)', () => {
    expect(loadConfig({}).TEMPORAL_MAX_CACHED_WORKFLOWS).toBeUndefined();
    expect(loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '10000' }).TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(10_000);
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS/);
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS/);
    expect(loadConfig({}).TEMPORAL_STICKY_TIMEOUT).toBeUndefined();
    expect(loadConfig({ TEMPORAL_STICKY_TIMEOUT: '45s' }).TEMPORAL_STICKY_TIMEOUT).toBe('45s');
    expect(() => loadConfig({ TEMPORAL_STICKY_TIMEOUT: 'soon' })).toThrow(/TEMPORAL_STICKY_TIMEOUT/);
  });

  it('reads the hot path through named statements unless DATABASE_NAMED_STATEMENTS=off (a pooler that cannot keep them)', () => {
    expect(loadConfig({}).DATABASE_NAMED_STATEMENTS).toBe('on');
    expect(loadConfig({ DATABASE_NAMED_STATEMENTS: 'off' }).DATABASE_NAMED_STATEMENTS).toBe('off');
    expect(() => loadConfig({ DATABASE_NAMED_STATEMENTS: 'sometimes' })).toThrow(/DATABASE_NAMED_STATEMENTS/);
  });

  it('takes the start quotas as COUNT/WINDOW or off, 10 access requests in 10 minutes by default', () => {
    expect(loadConfig({})).toMatchObject({ QUOTA_ACCESS_REQUESTS: '10/10m', QUOTA_ONBOARDINGS: '50/1h', QUOTA_OFFBOARDINGS: '50/1h' });
    expect(loadConfig({ QUOTA_ACCESS_REQUESTS: 'off', QUOTA_ONBOARDINGS: '5/30s' })).toMatchObject({ QUOTA_ACCESS_REQUESTS: 'off', QUOTA_ONBOARDINGS: '5/30s' });
    for (const bad of ['0/10m', '10', '10/10', 'lots', '10/10m/2']) {
      expect(() => loadConfig({ QUOTA_OFFBOARDINGS: bad })).toThrow(/QUOTA_OFFBOARDINGS: must be COUNT\/WINDOW such as 10\/10m, or off/);
    }
  });

  it('parses durations', () => {
    expect(durationMs('15m')).toBe(900_000);
    expect(durationMs('7d')).toBe(604_800_000);
  });

  it('validates the payload keys at boot, naming the variable and never echoing a key', () => {
    const key = generatePayloadKey('k1');
    expect(loadConfig({ TEMPORAL_PAYLOAD_KEYS: `${generatePayloadKey('k2')},${key}` }).TEMPORAL_PAYLOAD_KEYS).toContain(key);
    const short = 'k1:' + Buffer.alloc(31, 7).toString('base64');
    expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEYS: short })).toThrow(/TEMPORAL_PAYLOAD_KEYS: key "k1" must be 32 bytes in base64 \(got 31 bytes\)/);
    expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEYS: short })).not.toThrow(new RegExp(short.slice(3, 20).replace(/[+/]/g, '.')));
    expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEYS_FILE: '/nonexistent/keys' })).toThrow(/TEMPORAL_PAYLOAD_KEYS_FILE: cannot read the file \(ENOENT\)/);
    const dir = mkdtempSync(join(tmpdir(), 'custodian-keys-'));
    writeFileSync(join(dir, 'keys'), `${generatePayloadKey('k2')}\n${key}\n`);
    expect(loadConfig({ TEMPORAL_PAYLOAD_KEYS_FILE: join(dir, 'keys') }).TEMPORAL_PAYLOAD_KEYS_FILE).toBe(join(dir, 'keys'));
    writeFileSync(join(dir, 'bad'), 'k1:short\n');
    expect(() => loadConfig({ TEMPORAL_PAYLOAD_KEYS_FILE: join(dir, 'bad') })).toThrow(/TEMPORAL_PAYLOAD_KEYS_FILE: key "k1" must be 32 bytes/);
  });

  it('mTLS to Temporal: certificate and key together or not at all, every file readable, server name only with TLS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custodian-tls-'));
    for (const f of ['client.pem', 'client.key', 'ca.pem']) writeFileSync(join(dir, f), `-----BEGIN ${f}-----\n`);
    const files = { TEMPORAL_TLS_CERT: join(dir, 'client.pem'), TEMPORAL_TLS_KEY: join(dir, 'client.key'), TEMPORAL_TLS_CA: join(dir, 'ca.pem') };
    expect(temporalTls(loadConfig({}))).toBeUndefined();
    const tls = temporalTls(loadConfig({ ...files, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' }));
    expect(tls).toEqual({ serverNameOverride: 'temporal.internal', serverRootCACertificate: Buffer.from('-----BEGIN ca.pem-----\n'), clientCertPair: { crt: Buffer.from('-----BEGIN client.pem-----\n'), key: Buffer.from('-----BEGIN client.key-----\n') } });
    expect(temporalTls(loadConfig({ TEMPORAL_TLS_CA: files.TEMPORAL_TLS_CA }))).toEqual({ serverRootCACertificate: expect.any(Buffer) });
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: files.TEMPORAL_TLS_CERT })).toThrow(/TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
    expect(() => loadConfig({ TEMPORAL_TLS_KEY: files.TEMPORAL_TLS_KEY })).toThrow(/TEMPORAL_TLS_CERT: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together/);
    expect(() => loadConfig({ ...files, TEMPORAL_TLS_CA: join(dir, 'missing.pem') })).toThrow(/TEMPORAL_TLS_CA: cannot read the file \(ENOENT\)/);
    expect(() => loadConfig({ TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' })).toThrow(/TEMPORAL_TLS_SERVER_NAME: only used with TLS/);
  });

  it('takes the Temporal Web UI origin for the codec endpoint as a bare origin', () => {
    expect(loadConfig({ TEMPORAL_UI_ORIGIN: 'http://127.0.0.1:8080' }).TEMPORAL_UI_ORIGIN).toBe('http://127.0.0.1:8080');
    expect(() => loadConfig({ TEMPORAL_UI_ORIGIN: 'http://127.0.0.1:8080/namespaces' })).toThrow(/TEMPORAL_UI_ORIGIN: must be an origin/);
  });

  it('metrics: off by default, loopback by default, a token (or a readable file of one, never echoed) required off loopback, never the API port', () => {
    const none = loadConfig({});
    expect([none.METRICS_HOST, none.METRICS_PORT, none.WORKER_METRICS_PORT]).toEqual(['127.0.0.1', undefined, undefined]);
    expect(loadConfig({ METRICS_PORT: '9464', WORKER_METRICS_PORT: '9465' })).toMatchObject({ METRICS_PORT: 9464, WORKER_METRICS_PORT: 9465 });
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ from API_PORT/);
    expect(() => loadConfig({ METRICS_HOST: '0.0.0.0', WORKER_METRICS_PORT: '9465' })).toThrow(/METRICS_HOST: metrics on an address other than loopback need a bearer token/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(/METRICS_TOKEN: must be at least 16 characters \(got "\[redacted\]"\)/);
    const token = 'a-metrics-token-of-some-length';
    expect(metricsToken(loadConfig({ METRICS_HOST: '0.0.0.0', METRICS_PORT: '9464', METRICS_TOKEN: token }))).toBe(token);
    const dir = mkdtempSync(join(tmpdir(), 'metrics-token-'));
    writeFileSync(join(dir, 'token'), `${token}\n`);
    writeFileSync(join(dir, 'short'), 'abc\n');
    expect(metricsToken(loadConfig({ METRICS_HOST: '0.0.0.0', METRICS_PORT: '9464', METRICS_TOKEN_FILE: join(dir, 'token') }))).toBe(token);
    expect(() => loadConfig({ METRICS_TOKEN_FILE: join(dir, 'short') })).toThrow(/METRICS_TOKEN_FILE: the token in the file must be at least 16 characters/);
    expect(() => loadConfig({ METRICS_TOKEN_FILE: join(dir, 'missing') })).toThrow(/METRICS_TOKEN_FILE: cannot read the file \(ENOENT\)/);
    expect(() => loadConfig({ METRICS_TOKEN: token, METRICS_TOKEN_FILE: join(dir, 'token') })).toThrow(/set METRICS_TOKEN or METRICS_TOKEN_FILE, not both/);
    expect(metricsToken(loadConfig({}))).toBeUndefined();
  });
});
