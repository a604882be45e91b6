import { ConfigError, durationMs, loadConfig } from './config.js';

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

  it('takes the worker cache size as a whole number, unset by default (the SDK sizes it)', () => {
    expect(loadConfig({}).TEMPORAL_MAX_CACHED_WORKFLOWS).toBeUndefined();
    expect(loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '10000' }).TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(10_000);
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS/);
    expect(() => loadConfig({ TEMPORAL_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/TEMPORAL_MAX_CACHED_WORKFLOWS/);
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
});
