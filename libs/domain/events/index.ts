export * from './canonical.js';
export * from './event-store.js';
export * from './projector.js';
export * from './rebuild.js';
export * from './types.js';
export * from './verify.js';
