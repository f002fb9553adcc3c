/**
 * Property tests explore new random inputs on every local run; CI replays one fixed
 * seed so a landing decision does not depend on the draw. `FC_SEED=n` reproduces a
 * reported failure (fast-check prints the seed with the counterexample).
 */
import fc from 'fast-check'

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20261124 : undefined
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ seed })
