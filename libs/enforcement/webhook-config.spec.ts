import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config.js';
import { loadWebhookSettings } from './webhook-config.js';

const secret = (bytes = 32) => `whsec_${randomBytes(bytes).toString('base64')}`;
const problems = (env: Record<string, string>): string[] => {
  try {
    loadWebhookSettings(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
};

describe('webhook settings (SYS-1, INF-6, AID-2)', () => {
  it('no URL: no webhook connector (kinds without a directory stay manual)', () => {
    expect(loadWebhookSettings({})).toBeNull();
  });

  it('reads one endpoint per kind, several secrets for rotation, and the attempts limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hooks-'));
    writeFileSync(join(dir, 'usb'), `${secret()}\n`);
    const s = loadWebhookSettings({
      WEBHOOK_URL_SPECIAL_AGENT_ID: 'https://dialer.example/hooks/custodian',
      WEBHOOK_SECRET_SPECIAL_AGENT_ID: `${secret()} ${secret(24)}`,
      WEBHOOK_URL_USB_MEDIA: 'http://127.0.0.1:9000/usb',
      WEBHOOK_SECRET_USB_MEDIA_FILE: join(dir, 'usb'),
      WEBHOOK_MAX_ATTEMPTS: '5',
    })!;
    expect(Object.keys(s.endpoints).sort()).toEqual(['special_agent_id', 'usb_media']);
    expect(s.endpoints.special_agent_id!.secrets.map((k) => k.length)).toEqual([32, 24]);
    expect(s.endpoints.usb_media!.secrets).toHaveLength(1);
    expect(s).toMatchObject({ maxAttempts: 5, timeoutMs: 10_000 });
    expect(loadWebhookSettings({ WEBHOOK_URL_USB_MEDIA: 'https://edr.example/', WEBHOOK_SECRET_USB_MEDIA: secret() })!.maxAttempts).toBe(8);
  });

  it('refuses plain http beyond loopback, credentials in the URL, a missing or doubled secret, and a malformed one, without ever echoing a secret', () => {
    const bad = `whsec_${randomBytes(8).toString('base64')}`; // too short
    const found = problems({
      WEBHOOK_URL_SPECIAL_AGENT_ID: 'http://dialer.example/hooks',
      WEBHOOK_SECRET_SPECIAL_AGENT_ID: secret(),
      WEBHOOK_URL_USB_MEDIA: 'https://user:pw@edr.example/',
      WEBHOOK_SECRET_USB_MEDIA: bad,
      WEBHOOK_URL_EXTERNAL_NETWORK: 'https://proxy.example/',
      WEBHOOK_MAX_ATTEMPTS: '0',
    });
    expect([...found].sort()).toEqual([
      'WEBHOOK_URL_SPECIAL_AGENT_ID: must use https:// (plain http:// only for 127.0.0.1 or localhost)',
      'WEBHOOK_URL_USB_MEDIA: must not carry credentials; use WEBHOOK_SECRET_USB_MEDIA',
      'WEBHOOK_SECRET_USB_MEDIA: must be one or more whsec_<base64 of 24 to 64 bytes> separated by spaces',
      'WEBHOOK_SECRET_EXTERNAL_NETWORK / WEBHOOK_SECRET_EXTERNAL_NETWORK_FILE: set exactly one of them',
      'WEBHOOK_MAX_ATTEMPTS: must be a whole number from 1 to 50',
    ].sort());
    expect(found.join('\n')).not.toContain(bad.slice(6));
    expect(problems({ WEBHOOK_SECRET_USB_MEDIA: secret() })).toEqual(['WEBHOOK_SECRET_USB_MEDIA: set without WEBHOOK_URL_USB_MEDIA']);
  });
});
