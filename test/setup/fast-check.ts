/**
 * Property tests explore new random inputs on every local run; `.ci/run` sets `FC_SEED` so CI
 * replays one fixed seed and a landing decision does not depend on the draw. `FC_SEED=n`
 * reproduces a reported failure (fast-check prints the seed with the counterexample).
 */
import fc from 'fast-check'

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : undefined
if (seed !== undefined && Number.isFinite(seed)) fc.configureGlobal({ seed })
