import { EventLog1764000000000 } from './1764000000000-EventLog.js';
import { TasksAndProcesses1764300000000 } from './1764300000000-TasksAndProcesses.js';
import { AccessAndReturns1764300000001 } from './1764300000001-AccessAndReturns.js';

/** Every migration in order. Listed explicitly: globs do not survive ESM, bundling or ts sources alike. */
export const migrations = [EventLog1764000000000, TasksAndProcesses1764300000000, AccessAndReturns1764300000001];
