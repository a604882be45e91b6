// Every workflow the worker registers. Deterministic code only: see eslint.config.js for the boundary.
export {};
