import { COMPUTER_CHECKS, COMPUTER_TAG, COMPUTER_TEXT_MAX, computerSubject, type ComputerCheck } from '../../policy/computers.js';
import { invalid, notFound } from '../../policy/errors.js';
import { command } from '../command.js';
import { ComputerEvent as E, type ComputerChecked, type ComputerRegistered } from './events.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const checkTag = (tag: string) => {
  if (!COMPUTER_TAG.test(tag ?? '')) throw invalid('tag must be 2-32 upper-case letters, digits or dashes, e.g. MR-PC-07', { fields: { tag: ['format'] } });
};

/** Puts a machine-room computer in the inventory (INF-6), or changes its room or user; the same again records nothing. */
export const registerComputer = command(async (uow, input: ComputerRegistered): Promise<{ tag: string; changed: boolean }> => {
  checkTag(input.tag);
  const room = input.room?.trim() ?? '';
  if (!room || room.length > COMPUTER_TEXT_MAX) throw invalid(`room must be 1-${COMPUTER_TEXT_MAX} characters`, { fields: { room: ['length'] } });
  if (input.assignedUserId !== null) {
    const [u] = UUID.test(input.assignedUserId ?? '') ? await uow.manager.query(`SELECT active FROM users WHERE id = $1`, [input.assignedUserId]) : [];
    if (!u?.active) throw invalid('assignedUserId must be the id of an active user, or null', { fields: { assignedUserId: ['unknown'] } });
  }
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [computerSubject(input.tag)]);
  const [now] = await uow.manager.query(`SELECT room, assigned_user_id::text AS user FROM computers WHERE tag = $1`, [input.tag]);
  if (now && now.room === room && now.user === input.assignedUserId) return { tag: input.tag, changed: false };
  await uow.emit<ComputerRegistered>({ subject: computerSubject(input.tag), type: E.Registered, payload: { tag: input.tag, room, assignedUserId: input.assignedUserId }, clauses: ['INF-6'] });
  return { tag: input.tag, changed: true };
});

/** Records one check of a computer's locks by the caller (INF-6): who and when are the event's actor and time. */
export const recordComputerCheck = command(async (uow, input: ComputerChecked): Promise<{ tag: string; check: ComputerCheck; ok: boolean }> => {
  checkTag(input.tag);
  if (!COMPUTER_CHECKS.includes(input.check)) throw invalid(`check must be one of ${COMPUTER_CHECKS.join(', ')}`, { fields: { check: ['unknown'] } });
  if (typeof input.ok !== 'boolean') throw invalid('ok must be true or false', { fields: { ok: ['type'] } });
  const note = input.note?.trim() || null;
  if (!input.ok && !note) throw invalid('a failed check needs a note saying what was found', { fields: { note: ['required'] } });
  if (note && note.length > COMPUTER_TEXT_MAX) throw invalid(`note must be at most ${COMPUTER_TEXT_MAX} characters`, { fields: { note: ['length'] } });
  const [c] = await uow.manager.query(`SELECT 1 FROM computers WHERE tag = $1`, [input.tag]);
  if (!c) throw notFound('computer', input.tag);
  await uow.emit<ComputerChecked>({ subject: computerSubject(input.tag), type: E.Checked, payload: { tag: input.tag, check: input.check, ok: input.ok, note }, clauses: ['INF-6'] });
  return { tag: input.tag, check: input.check, ok: input.ok };
});
