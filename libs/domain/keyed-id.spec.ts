import type { DecideTaskArgs } from '../policy/index.js';
import { decisionUpdateId, keyedUuid } from './keyed-id.js';

const args = (over: Partial<DecideTaskArgs> = {}): DecideTaskArgs => ({
  taskId: 't1',
  actor: { userId: 'u1', roles: ['supervisor'], departmentId: 'd1' },
  outcome: 'approve',
  comment: 'fine',
  data: { a: 1, b: [2, 3] },
  ...over,
});

describe('keyed ids', () => {
  it('the same parts give the same UUID; a part moved across the separator gives another', () => {
    expect(keyedUuid('a', 'b')).toBe(keyedUuid('a', 'b'));
    expect(keyedUuid('a', 'b')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keyedUuid('ab', '')).not.toBe(keyedUuid('a', 'b'));
  });

  it('a decision sent again by the same person with the same form has the same Update id (key order, roles and no-comment spelling aside)', () => {
    const id = decisionUpdateId(args());
    expect(id).toMatch(/^decide:t1:/);
    expect(decisionUpdateId(args({ data: { b: [2, 3], a: 1 } }))).toBe(id);
    expect(decisionUpdateId(args({ actor: { userId: 'u1', roles: ['supervisor', 'auditor'], departmentId: 'd1' } }))).toBe(id);
    expect(decisionUpdateId(args({ comment: undefined, data: undefined }))).toBe(decisionUpdateId(args({ comment: null as never, data: {} })));
  });

  it('another person, task, outcome, comment or form is another Update (checked by the workflow on its own)', () => {
    const id = decisionUpdateId(args());
    for (const other of [
      args({ actor: { userId: 'u2', roles: ['supervisor'], departmentId: 'd1' } }),
      args({ taskId: 't2' }),
      args({ outcome: 'reject' }),
      args({ comment: 'fine.' }),
      args({ data: { a: 2, b: [2, 3] } }),
    ]) {
      expect(decisionUpdateId(other)).not.toBe(id);
    }
  });
});
