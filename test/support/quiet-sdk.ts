import { DefaultLogger, Runtime } from '@temporalio/worker';

// Tests print the SDK's warnings and errors only. The options are remembered by the SDK, so a runtime
// re-created after the shutdown below keeps them.
try {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } } });
} catch {
  // already installed by an earlier test file in this worker process
}

// An installed runtime lives until shut down; without this, Jest's process would never exit.
afterAll(async () => {
  const current = (Runtime as unknown as { _instance?: Runtime })._instance;
  await current?.shutdown().catch(() => undefined);
});
