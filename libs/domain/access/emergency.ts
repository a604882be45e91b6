import { command } from '../command.js';

export const EMERGENCY_CUT_OFF = 'emergency.external_access_cut_off';

export interface EmergencyCutOffDecided {
  reason: string;
  /** Every open external-network request, then split: those with an active grant and those stopped before it. */
  requestIds: string[];
  active: string[];
  stopped: string[];
}

/**
 * SYS-5: the decision to shut all external network access off, recorded first (who, why, which
 * requests) before the directory group is emptied and each request's workflow is told.
 */
export const recordEmergencyCutOff = command(async (uow, p: EmergencyCutOffDecided) => {
  await uow.emit({ subject: 'emergency:external-access', type: EMERGENCY_CUT_OFF, payload: p, clauses: ['SYS-1', 'SYS-5'] });
});
