import { Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createTlsServer, type Server, type TLSSocket } from 'node:tls';
import { createActivities } from '../activities/index.js';
import { loadConfig, temporalTls } from '../libs/config/config.js';
import { EventStore } from '../libs/domain/events/event-store.js';
import { parseIpRange } from '../libs/domain/onboarding/ip-plan.js';
import { createProjectorRegistry } from '../libs/domain/projectors.js';
import { createCustodianWorker } from '../libs/temporal/worker.js';
import { call, loginAs, startTestApi, type TestApi } from './support/api.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { need, TEST_ENV } from './support/env.js';
import { until } from './support/process-stack.js';
import { testDataConverter, workflowBundle } from './support/temporal.js';

/**
 * The dev server speaks plaintext only (`temporal server start-dev` has no TLS options), so a TLS
 * front that demands a client certificate signed by our CA stands in for an mTLS Temporal cluster:
 * the API's client and the worker's NativeConnection reach Temporal only through it.
 */
function makePki(dir: string): Record<'ca' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey' | 'strangerCert' | 'strangerKey', string> {
  const f = (n: string) => join(dir, n);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const selfSigned = (name: string, cn: string) => ssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.pem`));
  selfSigned('ca', 'custodian-test-ca');
  selfSigned('stranger', 'stranger');
  const signed = (name: string, cn: string, ext: string) => {
    ssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', `/CN=${cn}`, '-keyout', f(`${name}.key`), '-out', f(`${name}.csr`));
    writeFileSync(f(`${name}.ext`), ext);
    ssl('x509', '-req', '-in', f(`${name}.csr`), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', f(`${name}.ext`), '-out', f(`${name}.pem`));
  };
  signed('server', 'temporal.test', 'subjectAltName=DNS:temporal.test\nextendedKeyUsage=serverAuth\n');
  signed('client', 'custodian', 'extendedKeyUsage=clientAuth\n');
  return { ca: f('ca.pem'), serverCert: f('server.pem'), serverKey: f('server.key'), clientCert: f('client.pem'), clientKey: f('client.key'), strangerCert: f('stranger.pem'), strangerKey: f('stranger.key') };
}

describe('mTLS to the Temporal cluster (TEMPORAL_TLS_*)', () => {
  let pki: ReturnType<typeof makePki>;
  let front: Server;
  let frontAddress: string;
  const peers: string[] = [];
  const sockets = new Set<Socket>();
  let db: TestDatabase;
  let api: TestApi;
  let worker: Worker;
  let running: Promise<void>;
  let closeWorker: () => Promise<void>;

  beforeAll(async () => {
    pki = makePki(mkdtempSync(join(tmpdir(), 'custodian-mtls-')));
    const [host, port] = need(TEST_ENV.temporalAddress).split(':');
    front = createTlsServer(
      { key: readFileSync(pki.serverKey), cert: readFileSync(pki.serverCert), ca: readFileSync(pki.ca), requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['h2'] },
      (tls: TLSSocket) => {
        peers.push(String(tls.getPeerCertificate().subject?.CN));
        const upstream = tcpConnect(Number(port), host);
        for (const s of [tls, upstream]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        tls.pipe(upstream).pipe(tls);
      },
    );
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    frontAddress = `127.0.0.1:${(front.address() as { port: number }).port}`;

    db = await createTestDatabase();
    const taskQueue = `custodian-mtls-${randomUUID()}`;
    const tlsEnv = { TEMPORAL_ADDRESS: frontAddress, TEMPORAL_TLS_CERT: pki.clientCert, TEMPORAL_TLS_KEY: pki.clientKey, TEMPORAL_TLS_CA: pki.ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.test' };
    api = await startTestApi(db.url, { SEED_DEMO: '1', TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'error', ...tlsEnv });
    const events = new EventStore(db.dataSource, createProjectorRegistry());
    const created = await createCustodianWorker({
      address: frontAddress,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ dataSource: db.dataSource, events, ipPlan: parseIpRange('10.40.0.10-10.40.0.250') }),
      workflowBundle: workflowBundle(),
      dataConverter: testDataConverter(),
      tls: temporalTls(loadConfig(tlsEnv)),
    });
    worker = created.worker;
    running = worker.run();
    closeWorker = async () => {
      worker.shutdown();
      await running.catch(() => undefined);
      await created.connection.close();
    };
  });
  afterAll(async () => {
    await closeWorker?.();
    await api?.close();
    await db?.drop();
    for (const s of sockets) s.destroy();
    await new Promise((r) => front?.close(r));
  });

  it('the API and the worker run a request through a Temporal front that demands our client certificate', async () => {
    const agent = await loginAs(api.baseUrl, 'agent1');
    const created = await call(api.baseUrl, agent, 'POST', '/api/access-requests', { kind: 'external_network', justification: 'work over mTLS', durationMinutes: 600 });
    expect(created.status).toBe(201);
    const sup = await loginAs(api.baseUrl, 'supervisor');
    const task = await until(async () => (await call(api.baseUrl, sup, 'GET', '/api/tasks')).body.items.find((t: any) => t.processId === created.body.id), 'the review task');
    expect((await call(api.baseUrl, sup, 'POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' })).status).toBe(200);
    expect(peers.length).toBeGreaterThanOrEqual(2); // the API's and the worker's connections
    expect(new Set(peers)).toEqual(new Set(['custodian']));
  });

  it('a client without a certificate, or with one our CA did not sign, is turned away by the front', async () => {
    const ca = readFileSync(pki.ca);
    const attempt = (tls: object) => Connection.connect({ address: frontAddress, tls: { serverNameOverride: 'temporal.test', serverRootCACertificate: ca, ...tls }, connectTimeout: 3000 }).then((c) => c.close().then(() => 'connected'), () => 'refused');
    expect(await attempt({})).toBe('refused');
    expect(await attempt({ clientCertPair: { crt: readFileSync(pki.strangerCert), key: readFileSync(pki.strangerKey) } })).toBe('refused');
    expect(await attempt({ clientCertPair: { crt: readFileSync(pki.clientCert), key: readFileSync(pki.clientKey) } })).toBe('connected');
  });
});
