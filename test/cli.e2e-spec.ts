import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../libs/db/embedded-postgres.js';
import { migrations } from '../libs/db/migrations/index.js';
import { freePort } from './support/env.js';
import { runCliInProcess, runCliProcess } from './support/cli.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { startTestApi } from './support/api.js';

describe('the operator CLI', () => {
  it('help lists every registered command with its summary', async () => {
    const run = await runCliInProcess(['help'], {});
    for (const name of ['migrate', 'audit:verify [--json]', 'projections:rebuild', 'help']) expect(run.stdout).toContain(`  ${name}`);
    expect(run.code).toBe(0);
    expect((await runCliInProcess([], {})).stdout).toBe(run.stdout); // no command = help
  });

  it('an unknown command or argument is a usage error (exit 2) that says what is known', async () => {
    const unknown = await runCliInProcess(['audit:verfiy'], {});
    expect(unknown.stderr).toContain('Unknown command "audit:verfiy". Known: migrate, audit:verify, projections:rebuild, user:create, seed:demo, help');
    expect(unknown.code).toBe(2);
    const flag = await runCliInProcess(['audit:verify', '--jsn'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/x' });
    expect(flag.stderr).toContain('unknown argument(s): --jsn (known: --json)');
    expect(flag.code).toBe(2);
  });

  it('a missing DATABASE_URL with no `npm start` running, or a malformed one, is a configuration error (exit 78) that says what to set', async () => {
    const noLauncher = mkdtempSync(join(tmpdir(), 'custodian-data-'));
    const missing = await runCliInProcess(['audit:verify'], { CUSTODIAN_DATA_DIR: noLauncher });
    expect(missing.stderr).toContain('DATABASE_URL is not set, and no embedded PostgreSQL of `npm start` is running');
    expect(missing.stderr).toContain(`no ${join(noLauncher, 'postgres', 'pgdata', 'postmaster.pid')}`);
    expect(missing.stderr).toContain('DATABASE_URL=postgres://');
    expect(missing.code).toBe(78);
    rmSync(noLauncher, { recursive: true, force: true });
    const bad = await runCliInProcess(['migrate'], { DATABASE_URL: 'mysql://nope' });
    expect(bad.stderr).toContain('DATABASE_URL: must be a URL like postgres://');
    expect(bad.code).toBe(78);
  });

  it('an unreachable database fails (exit 1) without printing its password', async () => {
    const run = await runCliInProcess(['audit:verify'], { DATABASE_URL: 'postgres://u:s3cret@127.0.0.1:1/custodian' });
    expect(run.stderr).toContain('cannot connect to PostgreSQL at postgres://u:***@127.0.0.1:1/custodian');
    expect(run.stderr).not.toContain('s3cret');
    expect(run.code).toBe(1);
  });

  describe('migrate', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase({ empty: true });
    });
    afterAll(async () => db?.drop());

    it('applies every migration to an empty database, then reports it up to date', async () => {
      const first = await runCliInProcess(['migrate'], { DATABASE_URL: db.url });
      expect(first.stdout).toContain(`[db] applied ${migrations.length} migration(s)`);
      expect(first.code).toBe(0);
      const again = await runCliInProcess(['migrate'], { DATABASE_URL: db.url });
      expect(again.stdout).toBe('[db] schema up to date\n');
      expect(again.code).toBe(0);
      const verify = await runCliInProcess(['audit:verify', '--json'], { DATABASE_URL: db.url });
      expect(JSON.parse(verify.stdout)).toEqual({ ok: true, checked: 0, lastSeq: 0, lastHash: '0'.repeat(64) });
    });
  });

  describe('user:create (the first administrator of a deployment without demo accounts)', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => db?.drop());

    it('creates a named user whose roles and creation are on the record, and who can sign in', async () => {
      const noPassword = await runCliInProcess(['user:create', '--username', 'chief', '--display-name', 'Chief', '--role', 'hr'], { DATABASE_URL: db.url });
      expect(noPassword.stderr).toContain('CUSTODIAN_PASSWORD');
      expect(noPassword.code).toBe(2);
      const badRole = await runCliInProcess(['user:create', '--username', 'chief', '--display-name', 'Chief', '--role', 'root'], { DATABASE_URL: db.url, CUSTODIAN_PASSWORD: 'a-long-password-1' });
      expect(badRole.stderr).toContain('unknown role(s): root');
      expect(badRole.code).toBe(2);

      // INF-7: the password policy holds here too: 12 characters, not the username, not a common password.
      for (const weak of ['short-pw', 'chief-password-1', 'qwerty123456']) {
        const r = await runCliInProcess(['user:create', '--username', 'chief', '--display-name', 'Chief', '--role', 'hr'], { DATABASE_URL: db.url, CUSTODIAN_PASSWORD: weak });
        expect(r.stderr).toMatch(/password/);
        expect(r.code).toBe(1);
      }

      const run = await runCliInProcess(['user:create', '--username', 'chief', '--display-name', 'Chief', '--role', 'hr', '--role', 'cc_manager'], {
        DATABASE_URL: db.url,
        CUSTODIAN_PASSWORD: 'a-long-password-1',
      });
      expect(run.stderr).toBe('');
      expect(run.stdout).toContain('[user] created chief (hr, cc_manager)');
      expect(run.code).toBe(0);
      const [event] = await db.dataSource.query(`SELECT actor, payload FROM event_log WHERE type = 'user.created'`);
      expect(event.actor).toBe('system:cli');
      expect(JSON.stringify(event.payload)).not.toContain('a-long-password-1');

      const again = await runCliInProcess(['user:create', '--username', 'chief', '--display-name', 'Chief', '--role', 'hr'], { DATABASE_URL: db.url, CUSTODIAN_PASSWORD: 'a-long-password-1' });
      expect(again.stderr).toContain('username chief is taken');
      expect(again.code).toBe(1);

      const api = await startTestApi(db.url);
      try {
        const login = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'chief', password: 'a-long-password-1' }) });
        expect(login.status).toBe(200);
        const body = await login.json();
        expect(body.user.roles.sort()).toEqual(['cc_manager', 'hr']);
        // INF-10: whoever ran the CLI knows this password; the person sets their own at first sign-in.
        expect(body.user.mustSetPassword).toBe(true);
      } finally {
        await api.close();
      }
    });
  });

  describe('without DATABASE_URL, the embedded database of a running `npm start`', () => {
    let dataDir: string;
    let pg: EmbeddedPostgresHandle | undefined;
    let port: number;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'custodian-data-'));
      chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach its folder
      port = await freePort();
      // What the launcher does (apps/launcher): the server in <data>/postgres, its password beside the data.
      pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), port });
    }, 120_000);
    afterAll(async () => {
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('is found by the real CLI process from the data directory alone, said on stderr without the password; once stopped, the CLI says none is running', async () => {
      const password = new URL(pg!.url).password;
      const migrate = await runCliProcess(['migrate'], { CUSTODIAN_DATA_DIR: dataDir });
      expect(migrate.stderr).toContain(`[cli] DATABASE_URL is not set: using the embedded PostgreSQL of \`npm start\` at postgres://postgres:***@127.0.0.1:${port}/custodian (data: ${join(dataDir, 'postgres')}, pid `);
      expect(migrate.stderr).not.toContain(password);
      expect(migrate.stdout).toContain(`[db] applied ${migrations.length} migration(s)`);
      expect(migrate.code).toBe(0);
      const verify = await runCliProcess(['audit:verify', '--json'], { CUSTODIAN_DATA_DIR: dataDir });
      expect(JSON.parse(verify.stdout)).toEqual({ ok: true, checked: 0, lastSeq: 0, lastHash: '0'.repeat(64) });
      expect(verify.code).toBe(0);
      // DATABASE_URL, when set, wins and nothing is said about the embedded one.
      const given = await runCliInProcess(['audit:verify', '--json'], { CUSTODIAN_DATA_DIR: dataDir, DATABASE_URL: pg!.url });
      expect(given.stderr).toBe('');
      expect(given.code).toBe(0);

      await pg!.stop();
      pg = undefined;
      const stopped = await runCliProcess(['audit:verify'], { CUSTODIAN_DATA_DIR: dataDir });
      expect(stopped.stderr).toContain('DATABASE_URL is not set, and no embedded PostgreSQL of `npm start` is running');
      expect(stopped.stderr).toContain('npm start');
      expect(stopped.code).toBe(78);
    }, 60_000);
  });
});
