/** The directory's public surface for the API, Temporal activities and the CLI. */
export * from './departments.js';
export * from './employees.js';
export * from './events.js';
export * from './queries.js';
export * from './users.js';
