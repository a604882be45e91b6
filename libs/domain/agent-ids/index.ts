/** Agent-ID commands and queries for the API and Temporal activities (AID-1, AID-2, INF-12). */
export * from './agent-ids.commands.js';
export * from './agent-ids.queries.js';
export * from './events.js';
