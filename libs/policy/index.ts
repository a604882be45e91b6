export * from './access-request.js';
export * from './authorization.js';
export * from './account-change.js';
export * from './durations.js';
export * from './errors.js';
export * from './messages.js';
export * from './notifications.js';
export * from './offboarding.js';
export * from './onboarding.js';
export * from './process.js';
export * from './search-attributes.js';
export * from './task-rules.js';
export * from './tasks.js';
export * from './text.js';
export * from './titles.js';
export * from './trust.js';
export * from './workflow-ids.js';

