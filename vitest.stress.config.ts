import { defineConfig } from 'vitest/config'

/**
 * `npm run test:stress`: crash and concurrency tests against the real server in
 * child processes. One file at a time (each spawns servers and the machine has
 * two cores). `STRESS=1` switches the suites on: the default `vitest run`
 * includes test/stress too and skips them there.
 * Bounds: STRESS_ROUNDS (crash rounds, default 5), STRESS_CLIENTS (default 8),
 * STRESS_WRITES (studies per client, default 15), STRESS_SEED.
 */
export default defineConfig({
  test: {
    include: ['test/stress/**/*.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    env: { STRESS: '1' },
  },
})
