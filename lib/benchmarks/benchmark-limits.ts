/** How many recent runs GET /api/v1/benchmarks lists by default and at most. */
export const DEFAULT_RUN_COUNT = 20;
export const MAX_RUN_COUNT = 100;
