import { DefaultLogger, Runtime } from '@temporalio/worker';

// Tests print the SDK's warnings and errors only; one Runtime per process, so install it once.
try {
  Runtime.install({ logger: new DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: 'ERROR' } } });
} catch {
  // already installed by an earlier test file in this worker process
}
