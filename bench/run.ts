/**
 * `npm run bench` — every benchmark the issues name, from one run:
 *   simulator fast (≤ 1 ms median) and detailed (≤ 50 ms median) modes, the numerical kernels,
 *   predict() on the seed knowledge base (≤ 5 ms median), and HTTP latency / throughput of
 *   /v1/ask, /v1/search, /v1/predict against /health (p95 ≤ 10 ms; predict ≥ 40 % of /health).
 * `npm run bench -- --only api,predict` runs a subset; `--scale N` benchmarks a synthetic knowledge
 * base of N experiments (see bench/scale.ts).
 */
import { parseArgs } from 'node:util'
import { benchApi, formatApi } from './api.ts'
import { benchKernels } from './kernels.ts'
import { benchPredict } from './predict.ts'
import { benchSimulator } from './sim.ts'
import { machine, round, table } from './stats.ts'

const { values } = parseArgs({ options: { only: { type: 'string' }, scale: { type: 'string' }, load: { type: 'string' } } })
const only = new Set((values.only ?? 'sim,kernels,predict,api').split(','))
const print = (title: string, body: string) => console.log(`\n## ${title}\n${body}`)

console.log(`# benchmarks (${machine()})`)
if (values.scale) {
  const { benchScale, formatScale } = await import('./scale.ts')
  print(`scale: ${values.scale} experiments`, formatScale(await benchScale(Number(values.scale))))
} else {
  if (only.has('sim')) print('simulator (targets: fast ≤ 1 ms, detailed ≤ 50 ms median)', table((await benchSimulator()).map((r) => ({ ...r, median_ms: round(r.median_ms), p95_ms: round(r.p95_ms) }))))
  if (only.has('kernels')) print('numerical kernels', table((await benchKernels()).map((r) => ({ ...r, median_ms: round(r.median_ms), p95_ms: round(r.p95_ms) }))))
  if (only.has('predict')) print('predict() on the seed knowledge base (target ≤ 5 ms median)', table(await benchPredict()))
  if (only.has('api')) print('HTTP on loopback (targets: ask and predict p95 ≤ 10 ms; predict throughput ≥ 0.4 × /health)', formatApi(await benchApi({ loadSeconds: Number(values.load ?? 5) })))
}
console.log(`\n(${machine()})`)
