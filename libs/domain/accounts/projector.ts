import { USERS } from '../../db/rows.js';
import { updateRows } from '../../db/sql.js';
import type { Projector } from '../events/projector.js';
import type { ProjectedEvent } from '../events/types.js';
import { AuthEvent, type LoggedIn, type LoginFailed } from './events.js';

/**
 * Login history as the rate limit needs it: failures per username and per address, and each user's
 * last successful login (which clears that username's failures).
 */
export const authProjector: Projector = {
  name: 'auth',
  tables: ['login_failures'],
  handlers: {
    [AuthEvent.LoginFailed]: async (m, e: ProjectedEvent<LoginFailed>) => {
      await m.query(`INSERT INTO login_failures (event_id, username, ip, occurred_at) VALUES ($1, $2, $3, $4)`, [e.eventId, e.payload.username, e.payload.ip, e.occurredAt]);
    },
    [AuthEvent.LoggedIn]: async (m, e: ProjectedEvent<LoggedIn>) => {
      await updateRows(m, USERS, { id: e.payload.userId }, { lastLoginAt: new Date(e.occurredAt) });
    },
  },
};
