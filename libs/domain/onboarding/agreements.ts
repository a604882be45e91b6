import type { AgreementRef } from '../../policy/index.js';
import { command } from '../command.js';
import type { Projector } from '../events/projector.js';

export const AGREEMENT_SIGNED = 'agreement.signed';

export interface AgreementSigned extends AgreementRef {
  employeeId: string;
  userId: string;
  signedAt: string;
}

/** INF-10, INF-11: who signed which version of the agreement text (its hash proves which text). */
export const agreementsProjector: Projector = {
  name: 'agreements',
  tables: ['agreement_signatures'],
  handlers: {
    [AGREEMENT_SIGNED]: async (m, e) => {
      const p = e.payload as AgreementSigned;
      await m.query(`INSERT INTO agreement_signatures (employee_id, version, text_hash, user_id, signed_at) VALUES ($1, $2, $3, $4, $5)`, [
        p.employeeId, p.version, p.textHash, p.userId, p.signedAt,
      ]);
    },
  },
};

/** The signer is the actor; database errors pass through so the activity retries (command.ts). */
export const signAgreement = command(async (uow, p: AgreementSigned) => {
  await uow.emit({ subject: `employee:${p.employeeId}`, type: AGREEMENT_SIGNED, payload: p, clauses: ['INF-10', 'INF-11'] });
}, { actor: (p) => p.userId, translateErrors: false });
