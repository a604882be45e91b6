import { EventLog1764000000000 } from './1764000000000-EventLog.js';
import { EventLogChainGuard1764000000050 } from './1764000000050-EventLogChainGuard.js';

/** Every migration in order. Listed explicitly: globs do not survive ESM, bundling or ts sources alike. */
export const migrations = [EventLog1764000000000, EventLogChainGuard1764000000050];
