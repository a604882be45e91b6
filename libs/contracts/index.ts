export * from './search-attributes.js';

/** The task queue every Custodian workflow and activity runs on (overridable by TEMPORAL_TASK_QUEUE). */
export const DEFAULT_TASK_QUEUE = 'custodian';
