import { DefaultLogger, Runtime } from '@temporalio/worker';

// Tests print the SDK's warnings and errors only. The options are remembered by the SDK, so a runtime
// re-created after the shutdown below keeps them.
try {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } } });
} catch {
  // already installed by an earlier test file in this worker process
}

// An installed runtime lives until shut down; without this, Jest's process would never exit. Outside Jest
// (`npm run histories:record` imports this file too) there is no afterAll: that script ends by itself.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    const current = (Runtime as unknown as { _instance?: Runtime })._instance;
    await current?.shutdown().catch(() => undefined);
  });
}
