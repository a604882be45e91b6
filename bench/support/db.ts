/**
 * Direct PostgreSQL access for the benchmark's own bookkeeping (who the demo users are, when the
 * system's read models have caught up) and for the raw SQL side of the inbox comparison.
 */
import pg from 'pg';

export async function withPg<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, application_name: 'custodian-bench' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export interface DirectoryUser {
  userId: string;
  employeeId: string | null;
  departmentId: string | null;
}

/** A user of the seeded demo directory (SEED_DEMO=1), by username. */
export async function directoryUser(c: pg.Client, username: string): Promise<DirectoryUser> {
  const { rows } = await c.query(`SELECT id, employee_id, department_id FROM users WHERE username = $1`, [username]);
  if (!rows[0]) throw new Error(`user ${username} not found: is the demo directory seeded (SEED_DEMO=1)?`);
  return { userId: rows[0].id, employeeId: rows[0].employee_id, departmentId: rows[0].department_id };
}
