import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';
import { supervise, type Supervised } from './supervisor.js';

// Real child processes (node -e): what the launcher, the tests and the tools start is supervised the same way.
const node = (name: string, script: string, extra: Partial<Parameters<typeof supervise>[0]> = {}) =>
  supervise({ name, command: process.execPath, args: ['-e', script], ...extra });

/** Alive and not a zombie (a reparented grandchild may wait unreaped in a container without init). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether pid is still alive after a short while for the kernel to finish a kill (polled, at most 5 s). */
async function stillAlive(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  return alive(pid);
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => { s.end(); resolve(true); });
    s.once('error', () => resolve(false));
  });

let dir: string;
const started: Supervised[] = [];
const track = <T extends Supervised>(p: T) => (started.push(p), p);

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'custodian-supervisor-'))));
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop({ signal: 'SIGKILL' })));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the local-process supervisor', () => {
  it('waits until a child listens on its port, and after stop() nothing listens there', async () => {
    const port = await freePort();
    const server = track(node('listener', `require('node:net').createServer().listen(${port}, '127.0.0.1')`));
    await server.ready({ port });
    expect(await accepts(port)).toBe(true);
    const exit = await server.stop();
    expect(exit.signal).toBe('SIGTERM');
    expect(server.running).toBe(false);
    expect(await accepts(port)).toBe(false);
  });

  it('waits for an HTTP probe to answer 200', async () => {
    const port = await freePort();
    const server = track(node('http', `let n = 0; require('node:http').createServer((q, r) => { r.statusCode = ++n < 3 ? 503 : 200; r.end(); }).listen(${port}, '127.0.0.1')`));
    await server.ready({ http: `http://127.0.0.1:${port}/health`, status: 200 }, { intervalMs: 50 });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
  });

  it('waits for a log line, appends the output to a log file and passes each line on with a prefix', async () => {
    const logFile = join(dir, 'line.log');
    writeFileSync(logFile, 'earlier run\n');
    const lines: string[] = [];
    const p = track(node('line', `console.log('warming up'); setTimeout(() => console.error('ready to serve'), 200); setInterval(() => {}, 1000)`, { logFile, onLine: (l) => lines.push(`[line] ${l}`) }));
    await p.ready({ logLine: /ready to serve/ });
    await p.stop();
    expect(lines).toEqual(['[line] warming up', '[line] ready to serve']);
    expect(readFileSync(logFile, 'utf8')).toBe('earlier run\nwarming up\nready to serve\n');
  });

  it('stopping the group ends a grandchild too, even one that ignores SIGTERM', async () => {
    const grandchild = `process.on('SIGTERM', () => {}); console.log('grandchild ' + process.pid); setInterval(() => {}, 1000)`;
    const parent = track(node('parent', `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(grandchild)}], { stdio: 'inherit' }); setInterval(() => {}, 1000)`));
    await parent.ready({ logLine: /grandchild \d+/ });
    const grandPid = Number(/grandchild (\d+)/.exec(parent.tail())![1]);
    const parentPid = parent.pid!;
    expect(alive(grandPid)).toBe(true);
    await parent.stop({ graceMs: 10_000 });
    expect(await stillAlive(parentPid)).toBe(false);
    expect(await stillAlive(grandPid)).toBe(false);
  });

  it('a child that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
    const stubborn = track(node('stubborn', `process.on('SIGTERM', () => console.log('not yet')); console.log('up'); setInterval(() => {}, 1000)`, { graceMs: 300 }));
    await stubborn.ready({ logLine: 'up' });
    expect((await stubborn.stop()).signal).toBe('SIGKILL');
  });

  it('stop() is idempotent: concurrent and later calls resolve with the same exit', async () => {
    const p = track(node('twice', `console.log('up'); setInterval(() => {}, 1000)`));
    await p.ready({ logLine: 'up' });
    const [a, b] = await Promise.all([p.stop(), p.stop({ signal: 'SIGKILL' })]);
    expect(a).toBe(b);
    expect(await p.stop()).toBe(a);
    expect(a.signal).toBe('SIGTERM');
  });

  it('a readiness timeout names the process, says what was awaited, quotes the tail of its output and stops it', async () => {
    const port = await freePort();
    const p = track(node('silent-server', `console.log('loading plugins'); console.error('cannot read config: marker-7731'); setInterval(() => {}, 1000)`));
    const err: Error = await p.ready({ port }, { timeoutMs: 1500, intervalMs: 100 }).then(() => new Error('was ready'), (e: Error) => e);
    expect(err.message).toMatch(/^silent-server did not become ready within 1500 ms \(connect ECONNREFUSED/);
    expect(err.message).toMatch(/last output:\nloading plugins\ncannot read config: marker-7731$/);
    expect(p.running).toBe(false);
  });

  it('a child that exits before it is ready fails at once with its exit code and last output', async () => {
    const p = track(node('crasher', `console.error('fatal: marker-4410'); process.exit(3)`));
    await expect(p.ready({ port: await freePort() }, { timeoutMs: 60_000 })).rejects.toThrow(/^crasher exited \(3\) before it was ready; last output:\nfatal: marker-4410$/);
  });

  it('a command that cannot be started reports why', async () => {
    const p = track(supervise({ name: 'missing', command: join(dir, 'no-such-binary') }));
    await expect(p.ready({ logLine: 'never' })).rejects.toThrow(/^missing exited \(spawn .*no-such-binary ENOENT\) before it was ready/);
    expect((await p.exited).error?.message).toMatch(/ENOENT/);
  });

  describe('nothing is left behind when the parent goes', () => {
    // A parent program that supervises a long-running child, prints its pid, then waits or exits.
    const parentProgram = (then: string) => {
      const file = join(dir, `parent-${Math.random().toString(36).slice(2)}.ts`);
      const lib = fileURLToPath(new URL('./supervisor.ts', import.meta.url));
      writeFileSync(file, [
        `import { supervise } from ${JSON.stringify(lib)};`,
        `const child = supervise({ name: 'sleeper', command: process.execPath, args: ['-e', "console.log('up'); setInterval(() => {}, 1000)"] });`,
        `await child.ready({ logLine: 'up' });`,
        `console.log('child ' + child.pid);`,
        then,
      ].join('\n'));
      const parent = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', file], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] });
      const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => parent.once('exit', (code, signal) => resolve({ code, signal })));
      const childPid = new Promise<number>((resolve, reject) => {
        let out = '';
        parent.stdout.on('data', (d) => {
          out += d;
          const m = /child (\d+)/.exec(out);
          if (m) resolve(Number(m[1]));
        });
        void exited.then((e) => reject(new Error(`parent exited (${e.signal ?? e.code}) first: ${out}`)));
      });
      return { parent, exited, childPid };
    };

    it('on SIGINT the parent stops its children and exits 130', async () => {
      const { parent, exited, childPid } = parentProgram('setInterval(() => {}, 1000);');
      const pid = await childPid;
      expect(alive(pid)).toBe(true);
      parent.kill('SIGINT');
      expect(await exited).toEqual({ code: 130, signal: null });
      expect(await stillAlive(pid)).toBe(false);
    });

    it('on process.exit the children are killed', async () => {
      const { exited, childPid } = parentProgram('process.exit(0);');
      const pid = await childPid;
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(await stillAlive(pid)).toBe(false);
    });
  });
});
