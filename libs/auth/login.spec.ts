import { backoffMs, DEFAULT_THROTTLE, loginUsername } from './login.js';
import { checkPasswordPolicy } from '../domain/accounts/passwords.js';

describe('login throttle and password policy', () => {
  it('the back-off starts after the free failures and doubles up to its cap', () => {
    const t = { ...DEFAULT_THROTTLE, freeFailures: 3, backoffBaseMs: 5_000, backoffMaxMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8, 200].map((n) => backoffMs(n, t))).toEqual([0, 0, 0, 5_000, 10_000, 20_000, 40_000, 60_000, 60_000]);
  });

  it('a login username is cut by code point and never carries a lone surrogate', () => {
    const cut = loginUsername(`A${'😀'.repeat(200)}`);
    expect(Array.from(cut)).toHaveLength(128);
    expect(cut.startsWith('a😀')).toBe(true);
    expect(loginUsername('x\uD800y')).toBe('x\uFFFDy');
    expect(JSON.stringify(loginUsername('\uDC00'))).toBe('"\uFFFD"');
  });

  it('INF-7: 12 characters at least, not the username or containing it, not a common password (any case)', () => {
    const refused = (pw: string, user = 'meilin') => {
      try {
        checkPasswordPolicy(pw, user);
        return null;
      } catch (e) {
        return (e as { details?: { fields?: { password?: string[] } } }).details?.fields?.password?.[0];
      }
    };
    expect(refused('eleven-char')).toBe('length');
    expect(refused('meilin-is-great')).toBe('contains username');
    expect(refused('MEILIN123456', 'meilin')).toBe('contains username');
    expect(refused('qwerty123456')).toBe('common');
    expect(refused('1QAZ2WSX3EDC')).toBe('common');
    expect(refused('security-desk-2026', 'it')).toBeNull(); // a 2-letter username may appear inside
    expect(refused('correct horse battery')).toBeNull();
  });
});
