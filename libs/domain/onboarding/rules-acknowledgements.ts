import { RULES_CLAUSES } from '../../policy/rules.js';
import { command } from '../command.js';
import type { Projector } from '../events/projector.js';

export const RULES_ACKNOWLEDGED = 'rules.acknowledged';

export interface RulesAcknowledged {
  employeeId: string;
  userId: string;
  version: string;
  textHash: string;
  acknowledgedAt: string;
  /** When the next acknowledgement falls due (a year later by default). */
  nextDueAt: string;
}

/** EQ-5, SYS-3, SYS-4, AID-1: who acknowledged which version of the rules (its hash proves which text), and when next. */
export const rulesAcknowledgementsProjector: Projector = {
  name: 'rules_acknowledgements',
  tables: ['rules_acknowledgements'],
  handlers: {
    [RULES_ACKNOWLEDGED]: async (m, e) => {
      const p = e.payload as RulesAcknowledged;
      await m.query(`INSERT INTO rules_acknowledgements (employee_id, version, text_hash, user_id, acknowledged_at, next_due_at) VALUES ($1, $2, $3, $4, $5, $6)`, [
        p.employeeId, p.version, p.textHash, p.userId, p.acknowledgedAt, p.nextDueAt,
      ]);
    },
  },
};

/** The employee is the actor; database errors pass through so the activity retries (command.ts). */
export const acknowledgeRules = command(async (uow, p: RulesAcknowledged) => {
  await uow.emit({ subject: `employee:${p.employeeId}`, type: RULES_ACKNOWLEDGED, payload: p, clauses: RULES_CLAUSES });
}, { actor: (p) => p.userId, translateErrors: false });
