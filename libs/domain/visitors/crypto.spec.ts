import { randomBytes } from 'node:crypto';
import { maskDocumentNumber, normalizeDocumentNumber } from '../../policy/visitors.js';
import { loadConfig } from '../../config/config.js';
import { parseVisitorKey } from '../../config/visitor-key.js';
import { decryptVisitorField, encryptVisitorField, newVisitKey, unwrapVisitKey } from './crypto.js';

describe('visitor field encryption (INF-1, PIPL)', () => {
  const master = randomBytes(32);

  it('INF-1: a field sealed with the visit key opens with it, and only for the same visit and field', () => {
    const { dataKey, wrapped } = newVisitKey(master, 'visit-a');
    expect(unwrapVisitKey(master, 'visit-a', wrapped).equals(dataKey)).toBe(true);
    const sealed = encryptVisitorField(dataKey, 'visit-a', 'documentNumber', 'G12345678');
    expect(sealed).not.toContain('G12345678');
    expect(decryptVisitorField(dataKey, 'visit-a', 'documentNumber', sealed)).toBe('G12345678');
    // Moved to another visit or field, or opened with another key: refused (GCM authentication).
    expect(() => decryptVisitorField(dataKey, 'visit-b', 'documentNumber', sealed)).toThrow();
    expect(() => decryptVisitorField(dataKey, 'visit-a', 'name', sealed)).toThrow();
    expect(() => decryptVisitorField(randomBytes(32), 'visit-a', 'documentNumber', sealed)).toThrow();
    expect(() => decryptVisitorField(master, 'visit-a', 'documentNumber', sealed)).toThrow();
    // A wrapped key opens only with the master key, and only for its own visit.
    expect(() => unwrapVisitKey(randomBytes(32), 'visit-a', wrapped)).toThrow();
    expect(() => unwrapVisitKey(master, 'visit-b', wrapped)).toThrow();
  });

  it('INF-1: the same value sealed twice gives different ciphertexts (a fresh nonce each time)', () => {
    const { dataKey } = newVisitKey(master, 'v');
    expect(encryptVisitorField(dataKey, 'v', 'name', 'Wei')).not.toBe(encryptVisitorField(dataKey, 'v', 'name', 'Wei'));
  });

  it('INF-1: a document number is shown by its last four characters only', () => {
    expect(maskDocumentNumber('110101199003071234')).toBe('**************1234');
    expect(maskDocumentNumber('e 1234-5678')).toBe('*****5678');
    expect(normalizeDocumentNumber('e 1234-5678')).toBe('E12345678');
    expect(maskDocumentNumber('1234')).toBe('1234');
  });

  it('the master key must be 32 bytes in base64; the error says so without echoing it', () => {
    expect(parseVisitorKey(`# comment\n${master.toString('base64')}\n`).equals(master)).toBe(true);
    const short = randomBytes(31).toString('base64');
    expect(() => parseVisitorKey(short)).toThrow('must be 32 bytes in base64 (got 31 bytes)');
    // At boot the variable is named and its value redacted.
    expect(() => loadConfig({ VISITOR_KEY: short })).toThrow(/VISITOR_KEY: must be 32 bytes in base64 \(got 31 bytes\) \(got "\[redacted\]"\)/);
    expect(() => loadConfig({ VISITOR_KEY_FILE: '/nonexistent/visitor-key' })).toThrow(/VISITOR_KEY_FILE: cannot read the file \(ENOENT\)/);
  });
});
