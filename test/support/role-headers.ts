import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import type { Role } from '../../libs/policy/roles.js';
import type { TestApi } from './api.js';

/**
 * Request headers that authenticate a caller holding `role` on the test API: a Bearer access token
 * for a user `test_<role>` that holds only that role.
 *
 * The user is written straight into the read model and the token is signed with the API's own key,
 * so this emits no event and no login: tests that count or list events see only their own. The
 * flip side: such a user is not in the log, so do not use it in a test that compares a rebuild (log in
 * a user created by commands instead, e.g. the demo seed and loginAs()).
 */
export async function roleHeaders(api: TestApi, role: Role): Promise<Record<string, string>> {
  const ds = api.app.get(DataSource);
  const [{ id }]: { id: string }[] = await ds.query(
    `INSERT INTO users (id, username, display_name, employee_id, department_id, active, locale, time_zone, created_at, updated_at)
     VALUES (gen_random_uuid(), $1, $1, NULL, NULL, true, 'en', 'UTC', now(), now())
     ON CONFLICT (username) DO UPDATE SET active = true RETURNING id`,
    [`test_${role}`],
  );
  await ds.query(`INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, role]);
  const [{ sv }]: { sv: number }[] = await ds.query(`SELECT COALESCE((SELECT session_version FROM user_sessions WHERE user_id = $1), 0) AS sv`, [id]);
  const token = await api.app.get(JwtService).signAsync({ sub: id, typ: 'access', sv });
  return { authorization: `Bearer ${token}` };
}
