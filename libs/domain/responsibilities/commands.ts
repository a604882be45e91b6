import { invalid } from '../../policy/errors.js';
import {
  RESPONSIBILITY_CLAUSES, RESPONSIBILITY_KEY, RESPONSIBILITY_KINDS, RESPONSIBILITY_NAME_MAX, STANDARD_RESPONSIBILITIES, responsibilitySubject, type ResponsibilityKind,
} from '../../policy/responsibilities.js';
import type { LocalizedText } from '../../policy/text.js';
import { command } from '../command.js';
import { ResponsibilityEvent as E, type ResponsibilityAssigned } from './events.js';

export interface AssignResponsibilityInput {
  key: string;
  kind: ResponsibilityKind;
  name: LocalizedText;
  ownerUserId: string;
  deputyUserId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Names the owner and deputy of a responsibility (EQ-1, EQ-3, INF-9), creating it or replacing them.
 * Two different active people: a deputy who is the owner is no deputy. A standard responsibility keeps
 * its kind. Assigning what is already there records nothing (changed: false).
 */
export const assignResponsibility = command(async (uow, input: AssignResponsibilityInput): Promise<{ key: string; changed: boolean }> => {
  if (!RESPONSIBILITY_KEY.test(input.key ?? '')) throw invalid('key must be 3-64 lower-case letters, digits or dashes, e.g. customer-data', { fields: { key: ['format'] } });
  if (!RESPONSIBILITY_KINDS.includes(input.kind)) throw invalid(`kind must be one of ${RESPONSIBILITY_KINDS.join(', ')}`, { fields: { kind: ['unknown'] } });
  const standard = STANDARD_RESPONSIBILITIES.find((s) => s.key === input.key);
  if (standard && standard.kind !== input.kind) throw invalid(`${input.key} is a standard responsibility of kind ${standard.kind}`, { fields: { kind: ['fixed'] } });
  if (!standard && !['information', 'system'].includes(input.kind)) throw invalid(`a ${input.kind} responsibility is the standard one (${STANDARD_RESPONSIBILITIES.find((s) => s.kind === input.kind)!.key}); other keys are kinds information or system`, { fields: { kind: ['fixed'] } });
  const name = { en: input.name?.en?.trim() ?? '', zh: input.name?.zh?.trim() ?? '' };
  for (const lang of ['en', 'zh'] as const)
    if (!name[lang] || name[lang].length > RESPONSIBILITY_NAME_MAX) throw invalid(`name.${lang} must be 1-${RESPONSIBILITY_NAME_MAX} characters`, { fields: { [`name.${lang}`]: ['length'] } });
  if (input.ownerUserId === input.deputyUserId) throw invalid('the deputy must be a different person from the owner', { fields: { deputyUserId: ['same as owner'] } });
  for (const [field, id] of [['ownerUserId', input.ownerUserId], ['deputyUserId', input.deputyUserId]] as const) {
    const [u] = UUID.test(id ?? '') ? await uow.manager.query(`SELECT active FROM users WHERE id = $1`, [id]) : [];
    if (!u) throw invalid(`${field} must be the id of an existing user`, { fields: { [field]: ['unknown'] } });
    if (!u.active) throw invalid(`${field} names a deactivated account: name someone who is still here`, { fields: { [field]: ['inactive'] } });
  }
  await uow.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [responsibilitySubject(input.key)]);
  const [now] = await uow.manager.query(`SELECT kind, name_en, name_zh, owner_user_id, deputy_user_id FROM responsibilities WHERE key = $1`, [input.key]);
  if (now && now.kind !== input.kind) throw invalid(`${input.key} is already a ${now.kind} responsibility; its kind does not change`, { fields: { kind: ['fixed'] } });
  if (now && now.name_en === name.en && now.name_zh === name.zh && now.owner_user_id === input.ownerUserId && now.deputy_user_id === input.deputyUserId) return { key: input.key, changed: false };
  await uow.emit<ResponsibilityAssigned>({
    subject: responsibilitySubject(input.key), type: E.Assigned, clauses: RESPONSIBILITY_CLAUSES[input.kind],
    payload: { key: input.key, kind: input.kind, name, ownerUserId: input.ownerUserId, deputyUserId: input.deputyUserId },
  });
  return { key: input.key, changed: true };
});
