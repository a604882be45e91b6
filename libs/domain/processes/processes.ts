import { processSubject, systemActor, type ProcessKind, type ProcessStatusBase, type StepEntry } from '../../policy/index.js';
import { command } from '../command.js';
import type { Projector } from '../events/projector.js';
import { processClauses } from './process-clauses.js';

export const ProcessEvents = {
  started: 'process.started',
  step: 'process.step_recorded',
  finished: 'process.finished',
} as const;

export interface ProcessStarted {
  workflowId: string;
  process: ProcessKind;
  processKey: string;
  employeeId: string | null;
  subjectUserId: string | null;
  departmentId: string | null;
  startedBy: string;
  note?: string | null;
  stage: string;
}
export interface ProcessStepRecorded {
  process: ProcessKind;
  processKey: string;
  step: string;
  state: StepEntry['state'];
  by: string | null;
  detail: Record<string, unknown>;
}
export interface ProcessFinished {
  process: ProcessKind;
  processKey: string;
  state: Exclude<ProcessStatusBase['state'], 'running'>;
  stage: string;
  result: Record<string, unknown>;
}

/** Process timelines (`GET /api/onboardings/:id` shows its steps). */
export const processesProjector: Projector = {
  name: 'processes',
  tables: ['process_steps', 'processes'],
  handlers: {
    [ProcessEvents.started]: async (m, e) => {
      const p = e.payload as ProcessStarted;
      await m.query(
        `INSERT INTO processes (workflow_id, process, process_key, employee_id, subject_user_id, department_id, started_by, note, state, stage, started_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'running', $9, $10)`,
        [p.workflowId, p.process, p.processKey, p.employeeId, p.subjectUserId, p.departmentId, p.startedBy, p.note ?? null, p.stage, e.occurredAt],
      );
    },
    [ProcessEvents.step]: async (m, e) => {
      const p = e.payload as ProcessStepRecorded;
      await m.query(
        `INSERT INTO process_steps (workflow_id, ordinal, step, state, actor, detail, at)
         SELECT pr.workflow_id, (SELECT count(*) FROM process_steps s WHERE s.workflow_id = pr.workflow_id), $3, $4, $5, $6, $7
         FROM processes pr WHERE pr.process = $1 AND pr.process_key = $2`,
        [p.process, p.processKey, p.step, p.state, p.by, JSON.stringify(p.detail), e.occurredAt],
      );
      await m.query(`UPDATE processes SET stage = $3 WHERE process = $1 AND process_key = $2`, [p.process, p.processKey, p.step]);
    },
    [ProcessEvents.finished]: async (m, e) => {
      const p = e.payload as ProcessFinished;
      await m.query(`UPDATE processes SET state = $3, stage = $4, ended_at = $5, result = $6 WHERE process = $1 AND process_key = $2`, [
        p.process, p.processKey, p.state, p.stage, e.occurredAt, JSON.stringify(p.result),
      ]);
    },
  },
};

/*
 * Commands behind the process activities; idempotent by key like every workflow step. The actor is the
 * one who started the process, else the process's system actor; database errors pass through so the
 * activity retries (command.ts).
 */
const subject = (p: { process: ProcessKind; processKey: string }) => processSubject(p.process, p.processKey);

export const startProcess = command(async (uow, p: ProcessStarted) => {
  await uow.emit({ subject: subject(p), type: ProcessEvents.started, payload: p, clauses: await processClauses(uow.manager, p.process, p.processKey) });
}, { actor: (p) => p.startedBy, translateErrors: false });

export const recordProcessStep = command(async (uow, p: ProcessStepRecorded) => {
  await uow.emit({ subject: subject(p), type: ProcessEvents.step, payload: p, clauses: await processClauses(uow.manager, p.process, p.processKey, p.step) });
}, { actor: (p) => p.by ?? systemActor(p.process), translateErrors: false });

export const finishProcess = command(async (uow, p: ProcessFinished) => {
  // SYS-5: an access request ended by the emergency cut-off says so.
  const cutOff = p.result.endReason === 'emergency_cut_off' ? (['SYS-5'] as const) : [];
  await uow.emit({ subject: subject(p), type: ProcessEvents.finished, payload: p, clauses: [...(await processClauses(uow.manager, p.process, p.processKey)), ...cutOff] });
}, { actor: (p) => systemActor(p.process), translateErrors: false });
