import { HAZARD_TEXT_MAX, hazardSubject } from '../../policy/hazards.js';
import { invalid, notFound } from '../../policy/errors.js';
import { command } from '../command.js';
import { HazardEvent as E, type HazardFixed, type HazardReported } from './events.js';

/*
 * EQ-2, EQ-4: a hazard found is reported at once and stays open until someone records it fixed. Both
 * commands are idempotent by the hazard: reporting it again (the API recorded it, then its workflow's
 * first step) or recording the fix twice emits one event.
 */

/** Records a hazard; `reported: false` when it was recorded already. */
export const reportHazard = command(
  async (uow, input: HazardReported): Promise<{ hazardId: string; reported: boolean }> => {
    const description = input.description?.trim() ?? '';
    if (!description || description.length > HAZARD_TEXT_MAX) throw invalid(`description must be 1-${HAZARD_TEXT_MAX} characters`, { fields: { description: ['length'] } });
    await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [hazardSubject(input.hazardId)]);
    const [held] = await uow.manager.query(`SELECT 1 FROM hazards WHERE hazard_id = $1`, [input.hazardId]);
    if (held) return { hazardId: input.hazardId, reported: false };
    await uow.emit<HazardReported>({ subject: hazardSubject(input.hazardId), type: E.Reported, payload: { ...input, description }, clauses: input.clauses });
    return { hazardId: input.hazardId, reported: true };
  },
  { actor: (i) => i.reportedBy, translateErrors: false },
);

/** Records the hazard removed: it leaves the open list. */
export const recordHazardFixed = command(
  async (uow, input: HazardFixed): Promise<void> => {
    const [row]: { state: string; clauses: string[] }[] = await uow.manager.query(`SELECT state, clauses FROM hazards WHERE hazard_id = $1 FOR UPDATE`, [input.hazardId]);
    if (!row) throw notFound('hazard', input.hazardId);
    if (row.state === 'fixed') return;
    await uow.emit<HazardFixed>({ subject: hazardSubject(input.hazardId), type: E.Fixed, payload: input, clauses: row.clauses as HazardReported['clauses'] });
  },
  { actor: (i) => i.by, translateErrors: false },
);
