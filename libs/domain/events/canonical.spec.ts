import { canonicalJson, eventHash, GENESIS_HASH } from './canonical.js';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined, so jsonb key order cannot change a hash', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"e":2,"f":1}]},"b":1}');
    expect(canonicalJson({ z: 1, a: 2 })).toBe(canonicalJson(JSON.parse('{"a":2,"z":1}')));
  });

  it('encodes what JSON.stringify would store: toJSON honoured, undefined in arrays as null', () => {
    const value = { at: new Date('2026-01-01T00:00:00.000Z'), list: [1, undefined], custom: { toJSON: () => 'x' } };
    expect(canonicalJson(value)).toBe(canonicalJson(JSON.parse(JSON.stringify(value))));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('hashes every field: changing any one changes the hash', () => {
    const e = { seq: 1, eventId: 'e', subject: 's', type: 't', actor: 'a', payload: { x: 1 }, occurredAt: '2026-01-01T00:00:00.000Z', prevHash: GENESIS_HASH };
    const h = eventHash(e);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    for (const [k, v] of Object.entries({ seq: 2, eventId: 'f', subject: 'S', type: 'T', actor: 'b', payload: { x: 2 }, occurredAt: '2026-01-01T00:00:00.001Z', prevHash: '1'.repeat(64) })) {
      expect(eventHash({ ...e, [k]: v })).not.toBe(h);
    }
  });

  it('hashes clauses when the event has them, and an event without them exactly as before they existed', () => {
    const old = { seq: 1, eventId: 'e', subject: 's', type: 't', actor: 'a', payload: { x: 1 }, occurredAt: '2026-01-01T00:00:00.000Z', prevHash: GENESIS_HASH };
    // The digest of an event written before clauses existed: pinned, so the old chain keeps verifying.
    const before = '216cef59ef7267da3843e278bb68379d39c1d91606de17fc71baad1508e853cc';
    expect(eventHash(old)).toBe(before);
    expect(eventHash({ ...old, clauses: null })).toBe(before);
    expect(eventHash({ ...old, clauses: undefined })).toBe(before);
    const none = eventHash({ ...old, clauses: [] });
    const one = eventHash({ ...old, clauses: ['INF-13'] });
    expect(new Set([before, none, one, eventHash({ ...old, clauses: ['INF-13', 'SYS-1'] }), eventHash({ ...old, clauses: ['SYS-1', 'INF-13'] })]).size).toBe(5);
  });
});
