import type { AuthUser } from '../../../../libs/policy/roles.js';
import type { ExecuteOptions } from '../../../../libs/domain/events/event-store.js';

/** The command context of an HTTP request: the signed-in user is the actor of every event it causes. */
export const asActor = (user: AuthUser): ExecuteOptions => ({ actor: { id: user.userId } });
