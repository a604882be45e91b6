import { MAX_BODY_DEPTH, nestedDeeperThan } from './http-hardening.js';

/** Built without recursion, like a parsed hostile body: `[[[…]]]` or `{"a":{"a":…}}`. */
function nested(depth: number, kind: 'array' | 'object'): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
}

describe('the JSON body depth limit', () => {
  it('counts the top-level object as level 1 and refuses level 33, for objects and arrays', () => {
    for (const kind of ['array', 'object'] as const) {
      expect(nestedDeeperThan(nested(MAX_BODY_DEPTH, kind), MAX_BODY_DEPTH)).toBe(false);
      expect(nestedDeeperThan(nested(MAX_BODY_DEPTH + 1, kind), MAX_BODY_DEPTH)).toBe(true);
    }
    expect(nestedDeeperThan({ a: 'x', b: [1, 2, { c: null }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: 'x', b: [1, 2, { c: [] }] }, 3)).toBe(true);
  });

  it('answers for a value 1,000,000 levels deep without exhausting the stack (iterative, stops past the limit)', () => {
    expect(nestedDeeperThan(nested(1_000_000, 'array'), MAX_BODY_DEPTH)).toBe(true);
  });
});
