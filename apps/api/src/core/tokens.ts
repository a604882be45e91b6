/** Injection tokens for values that are not classes. */
export const CONFIG = Symbol('CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const EVENT_STORE = Symbol('EVENT_STORE');
