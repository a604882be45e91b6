import { EventLog1764000000000 } from './1764000000000-EventLog.js';

/** Every migration in order. Listed explicitly: globs do not survive ESM, bundling or ts sources alike. */
export const migrations = [EventLog1764000000000];
