import * as api from '../api/index.js';
import { useLoad } from './hooks.js';

/**
 * Names for user ids (steps, checks and audit entries carry ids). Only directory readers may list
 * users; for anyone else, or on failure, ids are shown as they are.
 */
export function useUserNames(enabled: boolean): (id: string | null | undefined) => string | null {
  const users = useLoad(() => (enabled ? api.listUsers().catch(() => null) : Promise.resolve(null)), [enabled]);
  const names = new Map((users.data?.items ?? []).map((u) => [u.id, u.displayName]));
  return (id) => (id ? (names.get(id) ?? id) : null);
}
