import type { EntityManager } from 'typeorm';
import { DUTIES, dutyDefinitionProblems, dutyDefinitionSubject, type DutyDefinition } from '../../policy/duties.js';
import { conflict, invalid, notFound } from '../../policy/errors.js';
import { command } from '../command.js';
import { DutyEvent as E, type DutyDefined, type DutyDefinitionRef, type DutyRedefined } from './events.js';

/*
 * The recurring duties' definitions are events (libs/policy/duties.ts): the call-center manager defines,
 * changes, pauses, resumes and deletes them through the API; the built-in ones are seeded once. Every
 * event names the duty's clauses. Each command is idempotent on its own terms: setting what is already
 * there emits nothing (changed: false), so a retry leaves one event in the log.
 */

interface Row {
  definition: DutyDefinition;
  paused: boolean;
  deleted: boolean;
}

/** Serializes the commands on one duty id, defined or not (a row lock cannot hold a row that does not exist yet). */
async function lockDuty(m: EntityManager, dutyId: string): Promise<Row | null> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [dutyDefinitionSubject(dutyId)]);
  const [row]: Row[] = await m.query(`SELECT definition, paused, deleted FROM duty_definitions WHERE duty_id = $1`, [dutyId]);
  return row ?? null;
}

/** The definition as stored: only its own fields, trimmed titles, clauses in a stable order. */
function normalized(d: DutyDefinition): DutyDefinition {
  const problems = dutyDefinitionProblems(d);
  if (Object.keys(problems).length)
    throw invalid(`the duty definition is not valid: ${Object.entries(problems).map(([k, v]) => `${k} ${v}`).join('; ')}`, { fields: Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, [v]])) });
  const owner = 'userId' in d.owner ? { userId: d.owner.userId.trim() } : { role: d.owner.role, departmentId: d.owner.departmentId };
  const c = d.cadence;
  const cadence = c.every === 'week' ? { every: c.every, weekday: c.weekday, at: c.at } : c.every === 'month' ? { every: c.every, day: c.day, at: c.at } : { every: c.every, at: c.at };
  return {
    id: d.id,
    clauses: [...new Set(d.clauses)].sort(),
    title: { en: d.title.en.trim(), zh: d.title.zh.trim() },
    owner,
    cadence,
    dueAt: d.dueAt,
    deadline: d.deadline,
    escalation: d.escalation,
    taskKind: d.taskKind,
    unannounced: d.unannounced ? { until: d.unannounced.until } : null,
    perAgent: d.perAgent ? { confirmBy: d.perAgent.confirmBy } : null,
  };
}

const live = (row: Row | null, dutyId: string): Row => {
  if (!row || row.deleted) throw notFound('duty', dutyId);
  return row;
};

/** Defines a new duty (or again one that was deleted). */
export const defineDuty = command(async (uow, input: DutyDefinition): Promise<{ dutyId: string; changed: boolean }> => {
  const definition = normalized(input);
  const row = await lockDuty(uow.manager, definition.id);
  if (row && !row.deleted) throw conflict(`a duty ${definition.id} is already defined; change it with PUT /api/duties/definitions/${definition.id}`);
  await uow.emit<DutyDefined>({ subject: dutyDefinitionSubject(definition.id), type: E.Defined, payload: { definition, seeded: false }, clauses: definition.clauses });
  return { dutyId: definition.id, changed: true };
});

/** Changes a duty's definition (its id stays). */
export const redefineDuty = command(async (uow, input: DutyDefinition): Promise<{ dutyId: string; changed: boolean }> => {
  const definition = normalized(input);
  const row = live(await lockDuty(uow.manager, definition.id), definition.id);
  if (JSON.stringify(normalized(row.definition)) === JSON.stringify(definition)) return { dutyId: definition.id, changed: false };
  await uow.emit<DutyRedefined>({ subject: dutyDefinitionSubject(definition.id), type: E.Redefined, payload: { definition }, clauses: definition.clauses });
  return { dutyId: definition.id, changed: true };
});

/** Pauses (its schedule stops firing) or resumes a duty. */
export const setDutyPaused = command(async (uow, input: { dutyId: string; paused: boolean }): Promise<{ dutyId: string; changed: boolean }> => {
  const row = live(await lockDuty(uow.manager, input.dutyId), input.dutyId);
  if (row.paused === input.paused) return { dutyId: input.dutyId, changed: false };
  await uow.emit<DutyDefinitionRef>({ subject: dutyDefinitionSubject(input.dutyId), type: input.paused ? E.Paused : E.Resumed, payload: { dutyId: input.dutyId }, clauses: row.definition.clauses });
  return { dutyId: input.dutyId, changed: true };
});

/** Deletes a duty: its schedule goes, its occurrences and events stay. */
export const deleteDuty = command(async (uow, input: { dutyId: string }): Promise<{ dutyId: string; changed: boolean }> => {
  const row = await lockDuty(uow.manager, input.dutyId);
  if (!row || row.deleted) return { dutyId: input.dutyId, changed: false };
  await uow.emit<DutyDefinitionRef>({ subject: dutyDefinitionSubject(input.dutyId), type: E.Deleted, payload: { dutyId: input.dutyId }, clauses: row.definition.clauses });
  return { dutyId: input.dutyId, changed: true };
});

/**
 * Seeds the built-in duties (EQ-6, EQ-8, EQ-7, EQ-3, INF-8) that were never defined. One that a manager
 * deleted keeps its row and is not seeded again. Run by the API at boot; replicas racing agree (the lock).
 */
export const seedDuties = command(
  async (uow, _input: Record<string, never>): Promise<{ seeded: string[] }> => {
    const seeded: string[] = [];
    for (const d of Object.values(DUTIES)) {
      if (await lockDuty(uow.manager, d.id)) continue;
      const definition = normalized(d);
      await uow.emit<DutyDefined>({ subject: dutyDefinitionSubject(d.id), type: E.Defined, payload: { definition, seeded: true }, clauses: definition.clauses });
      seeded.push(d.id);
    }
    return { seeded };
  },
  { actor: () => 'system:duty' },
);
