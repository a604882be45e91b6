import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config.js';
import { describeSmtpError } from './mail-sender.js';
import { loadMailSettings } from './mail-config.js';

describe('SMTP settings', () => {
  it('mail is off without SMTP_URL or SMTP_HOST', () => {
    expect(loadMailSettings({ MAIL_FROM: 'a@b.example' })).toBeNull();
  });

  it('reads SMTP_URL with its credentials, and describes the server without them', () => {
    const s = loadMailSettings({ SMTP_URL: 'smtp://mailer:p%40ss@smtp.example.com:2525', MAIL_FROM: 'Custodian <noreply@corp.example>', PUBLIC_URL: 'https://c.example/' })!;
    expect(s.auth).toEqual({ user: 'mailer', pass: 'p@ss' });
    expect(s.describe).toBe('smtp://smtp.example.com:2525');
    expect(s.messageIdDomain).toBe('corp.example');
    expect(s.publicUrl).toBe('https://c.example');
  });

  it('reads host, port, user and the password file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smtp-'));
    writeFileSync(join(dir, 'pw'), 'file-secret\n');
    const s = loadMailSettings({ SMTP_HOST: 'mx.example.com', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASSWORD_FILE: join(dir, 'pw'), MAIL_FROM: 'n@corp.example' })!;
    expect(s.auth).toEqual({ user: 'u', pass: 'file-secret' });
    expect(s.describe).toBe('smtps://mx.example.com:465');
  });

  it('names each bad variable and never echoes the URL or password', () => {
    let err: unknown;
    try {
      loadMailSettings({ SMTP_URL: 'http://user:hunter2@x', SMTP_TIMEOUT_MS: 'soon' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/SMTP_URL: must start with smtp/);
    expect(msg).toMatch(/MAIL_FROM: required/);
    expect(msg).toMatch(/SMTP_TIMEOUT_MS/);
    expect(msg).not.toContain('hunter2');
    expect(() => loadMailSettings({ SMTP_HOST: 'h', SMTP_USER: 'u', MAIL_FROM: 'a@b.example' })).toThrow(/SMTP_PASSWORD_FILE: required/);
  });

  it('an SMTP error shown to administrators carries no credentials', () => {
    const s = loadMailSettings({ SMTP_URL: 'smtp://mailer:s3cr3t@smtp.example.com:25', MAIL_FROM: 'a@b.example' })!;
    const shown = describeSmtpError(Object.assign(new Error('Invalid login: 535 s3cr3t rejected for smtp://mailer:s3cr3t@smtp.example.com'), { code: 'EAUTH' }), s);
    expect(shown).not.toContain('s3cr3t');
    expect(shown).toMatch(/^EAUTH Invalid login: 535/);
  });
});
