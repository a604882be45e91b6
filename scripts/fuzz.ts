/**
 * `npm run test:fuzz [-- --short] [-- --strict] [-- --roles=hr,auditor] [-- --base-url=http://…]`
 *
 * Property-based fuzzing of the whole HTTP API with schemathesis (from PyPI) against the OpenAPI
 * document at /api/docs-json, once anonymously and once with a token of each demo role, so every
 * route is exercised both where it is allowed and where it must be refused. Fails (exit 1) when any
 * request gets a 5xx or a response that breaks the documented schema.
 *
 * It starts the system the way the tests do (embedded PostgreSQL, Temporal dev server, then API and
 * worker through the launcher) on free ports in a temporary directory, and stops all of it at the
 * end, on failure and on Ctrl-C. --base-url fuzzes an instance that is already running instead.
 *
 * Every run also sends hostile bodies in place of every other generated JSON body (a body nested
 * 2,000 levels, lone and split surrogates: scripts/support/fuzz/custodian_roles.py); each must be a 4xx.
 *
 *   --short          the CI form (part of `npm test`, about a minute of fuzzing): one schemathesis run
 *                    whose requests take turns among every role's token and none (hooks in
 *                    scripts/support/fuzz/), phases coverage and fuzzing, 5 examples per operation;
 *                    the default runs once per role, all phases, 50 examples
 *   --max-examples=N examples per operation (overrides --short)
 *   --strict         also check status_code_conformance and content_type_conformance (needs every
 *                    refusal — 400/401/403/404/409/429 — declared on each route)
 *   --seed=N         reproduce a run (the seed is printed)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise } from '../libs/runtime/supervisor.js';
import { toolsDir } from '../libs/temporal/binaries.js';
import { LocalSystem } from './support/local-system.js';

const SCHEMATHESIS = 'schemathesis>=4.32,<5';
const HOOKS_DIR = fileURLToPath(new URL('./support/fuzz/', import.meta.url));
const DEMO_PASSWORD = 'demo-password';
// The demo directory: one account per role. agent2 is a second employee, not a role.
const ACCOUNTS = ['hr', 'agent1', 'supervisor', 'leader', 'it', 'ccmanager', 'site', 'idadmin', 'security', 'auditor'];

const say = (m: string) => process.stdout.write(`[fuzz] ${m}\n`);
const warn = (m: string) => process.stderr.write(`[fuzz] WARNING: ${m}\n`);

function parseArgs(argv: string[]) {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const short = flag('short');
  const maxExamples = Number(value('max-examples') ?? (short ? 5 : 50));
  if (!Number.isInteger(maxExamples) || maxExamples < 1) throw new Error('--max-examples must be a positive integer');
  const seed = Number(value('seed') ?? Math.floor(Math.random() * 2 ** 31));
  const roles = value('roles')?.split(',').filter(Boolean) ?? ACCOUNTS;
  const unknown = roles.filter((r) => !ACCOUNTS.includes(r));
  if (unknown.length) throw new Error(`unknown account(s) ${unknown.join(', ')}; known: ${ACCOUNTS.join(', ')}`);
  const checks = ['not_a_server_error', 'response_schema_conformance', ...(flag('strict') ? ['status_code_conformance', 'content_type_conformance'] : [])];
  // Stateful testing (chains of calls) is the slowest phase: the long form only.
  // The short form keeps coverage (boundary and invalid values, where 500s hide) and fuzzing.
  const phases = short ? 'coverage,fuzzing' : 'examples,coverage,fuzzing,stateful';
  return { short, maxExamples, seed, roles, checks, phases, baseUrl: value('base-url') };
}

/** The schemathesis CLI in the project venv, installed from PyPI on first use. */
function ensureSchemathesis(): string {
  const venv = join(toolsDir, 'venv');
  const bin = join(venv, 'bin', 'schemathesis');
  if (existsSync(bin)) return bin;
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
  if (!python) throw new Error('schemathesis needs Python 3 (python3 not found)');
  mkdirSync(toolsDir, { recursive: true });
  if (!existsSync(join(venv, 'bin', 'pip'))) {
    say(`creating a Python venv in ${venv}`);
    execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  }
  say(`installing ${SCHEMATHESIS} from PyPI into ${venv} (once)`);
  execFileSync(join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', SCHEMATHESIS], { stdio: 'inherit' });
  return bin;
}

/** undefined: the login route does not exist yet (the whole run is then anonymous). */
async function login(baseUrl: string, username: string): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    const r = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (r.status === 404) return undefined;
    if (r.status === 429 && attempt < 4) {
      // Login is rate-limited: wait as told rather than fail.
      const wait = Number(r.headers.get('retry-after') ?? 5);
      say(`login of ${username} rate-limited; retrying in ${wait}s`);
      await new Promise((res) => setTimeout(res, wait * 1000));
      continue;
    }
    const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
    const token = body.accessToken ?? body.access_token ?? body.token;
    if (!r.ok || typeof token !== 'string') throw new Error(`login as ${username} failed: HTTP ${r.status} ${JSON.stringify(body)}`);
    return token;
  }
}

interface RunResult {
  who: string;
  exitCode: number;
  tests: number;
  failures: number;
  errors: number;
  serverErrors: number;
  log: string;
  /** Hostile bodies the hooks sent instead of generated ones (nested JSON, broken surrogates), by kind. */
  hostile: { operations: number; sent: Record<string, number> } | null;
}

function readHostile(path: string): RunResult['hostile'] {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as RunResult['hostile']) : null;
}

/** Counts from the JUnit report: one testcase per operation, failures per check. */
function readJunit(path: string): Pick<RunResult, 'tests' | 'failures' | 'errors' | 'serverErrors'> {
  if (!existsSync(path)) return { tests: 0, failures: 0, errors: 0, serverErrors: 0 };
  const xml = readFileSync(path, 'utf8');
  const sum = (attr: string) => [...xml.matchAll(new RegExp(`<testsuite\\b[^>]*\\b${attr}="(\\d+)"`, 'g'))].reduce((n, m) => n + Number(m[1]), 0);
  return { tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), serverErrors: (xml.match(/Server error/g) ?? []).length };
}

/** One schemathesis run: with one role's token, or (tokens) with every role taking turns. */
async function runSchemathesis(bin: string, who: string, baseUrl: string, auth: { token?: string; tokens?: Record<string, string | null> }, opts: ReturnType<typeof parseArgs>, dir: string): Promise<RunResult> {
  const log = join(dir, `${who}.log`);
  const junit = join(dir, `${who}.junit.xml`);
  const args = [
    'run', `${baseUrl}/api/docs-json`,
    '--url', baseUrl,
    '--checks', opts.checks.join(','),
    '--max-examples', String(opts.maxExamples),
    '--phases', opts.phases,
    '--seed', String(opts.seed),
    '--workers', '1', // two cores: the API, the worker, PostgreSQL and Temporal need the rest
    '--request-timeout', '30',
    '--generation-database', 'none',
    '--report', 'junit', '--report-junit-path', junit,
    '--no-color',
    ...(auth.token ? ['--header', `Authorization: Bearer ${auth.token}`] : []),
  ];
  // The hooks (scripts/support/fuzz/) send hostile bodies in every run, and let roles take turns when given tokens.
  const hostileLog = join(dir, `${who}.hostile.json`);
  const env = {
    ...process.env,
    PYTHONPATH: HOOKS_DIR,
    SCHEMATHESIS_HOOKS: 'custodian_roles',
    CUSTODIAN_FUZZ_HOSTILE_LOG: hostileLog,
    ...(auth.tokens ? { CUSTODIAN_FUZZ_TOKENS: JSON.stringify(auth.tokens) } : {}),
  };
  // cwd = the run's directory: schemathesis leaves nothing in the repository.
  writeFileSync(log, '');
  const run = supervise({ name: `schemathesis (${who})`, command: bin, args, cwd: dir, env, logFile: log });
  // Its output goes to the log; say that it is alive meanwhile (a CI log must not look stuck).
  const started = Date.now();
  const beat = setInterval(() => {
    const last = run.tail().split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
    say(`  ${who}: still running (${((Date.now() - started) / 1000).toFixed(0)} s; last output: ${last.slice(0, 100)})`);
  }, 20_000);
  const { code, error } = await run.exited.finally(() => clearInterval(beat));
  if (error) throw error;
  return { who, exitCode: code ?? 1, log, ...readJunit(junit), hostile: readHostile(hostileLog) };
}

async function fuzz(baseUrl: string, opts: ReturnType<typeof parseArgs>, bin: string, dir: string): Promise<RunResult[]> {
  let runs: { who: string; token?: string; tokens?: Record<string, string | null> }[] = [{ who: 'anonymous' }];
  for (const account of opts.roles) {
    const token = await login(baseUrl, account);
    if (token === undefined) {
      warn('POST /api/auth/login does not exist yet: fuzzing anonymously only (every protected route must answer 401, never 5xx).');
      break;
    }
    runs.push({ who: account, token });
  }
  if (opts.short && runs.length > 1) {
    runs = [{ who: `${runs.length} roles`, tokens: Object.fromEntries(runs.map((r) => [r.who, r.token ?? null])) }];
    say(`one run; requests take turns among: ${Object.keys(runs[0].tokens!).join(', ')}`);
  }
  const results: RunResult[] = [];
  for (const [i, run] of runs.entries()) {
    const started = Date.now();
    say(`(${i + 1}/${runs.length}) ${run.who}: running…`);
    const r = await runSchemathesis(bin, run.who, baseUrl, run, opts, dir);
    say(`(${i + 1}/${runs.length}) ${run.who}: ${r.exitCode === 0 ? 'ok' : 'FAILED'} — ${r.tests} operations, ${r.failures} failing, ${r.serverErrors} server errors (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    if (r.hostile) say(`  hostile bodies over ${r.hostile.operations} operations: ${Object.entries(r.hostile.sent).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`);
    if (r.exitCode !== 0) process.stdout.write(`${readFileSync(r.log, 'utf8').split('\n').slice(-40).join('\n')}\n`);
    results.push(r);
  }
  return results;
}

function summarize(results: RunResult[], opts: ReturnType<typeof parseArgs>, dir: string): boolean {
  const rows = results.map((r) => `  ${r.who.padEnd(11)} ${(r.exitCode === 0 ? 'ok' : 'FAILED').padEnd(7)} ${String(r.tests).padStart(4)} ops  ${String(r.failures).padStart(3)} failing  ${String(r.serverErrors).padStart(3)} server errors`);
  const failed = results.filter((r) => r.exitCode !== 0);
  say(`summary (checks: ${opts.checks.join(', ')}; phases ${opts.phases}; ${opts.maxExamples} examples per operation; seed ${opts.seed})`);
  process.stdout.write(`${rows.join('\n')}\n`);
  say(failed.length ? `${failed.length} run(s) failed; logs and JUnit reports in ${dir} (reproduce with --seed=${opts.seed})` : 'no server error, no response breaking the schema');
  return failed.length === 0;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const bin = ensureSchemathesis();
  say(`schemathesis: ${execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()}`);
  if (opts.baseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'custodian-fuzz-'));
    const ok = summarize(await fuzz(opts.baseUrl.replace(/\/$/, ''), opts, bin, dir), opts, dir);
    process.exitCode = ok ? 0 : 1;
    return;
  }
  let ok = false;
  await LocalSystem.use('fuzz', say, async (system) => {
    // Long enough for the longest run; nothing else about the system differs from `npm start`.
    const { baseUrl } = await system.endpoints({ ACCESS_TOKEN_TTL: '12h' });
    const dir = join(system.workDir, 'fuzz');
    mkdirSync(dir, { recursive: true });
    ok = summarize(await fuzz(baseUrl, opts, bin, dir), opts, dir);
    if (!ok) throw new Error('fuzzing found failures'); // keeps the work directory with the logs
  }).catch((e) => {
    if (!ok) say((e as Error).message);
  });
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  process.stderr.write(`[fuzz] ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
