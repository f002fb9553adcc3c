/**
 * HTTP latency and throughput of the real server (issue #5): `api/server.ts`, what
 * `npm start` runs, in a child process over a fresh temporary database, so the load
 * generator here does not share the server's event loop. Median and p95 of /v1/ask,
 * /v1/search, /v1/predict with /health as the baseline (sequential requests), then
 * autocannon throughput of each (after a 2 s warm-up) as a ratio to /health under the same load.
 *
 * The text-form prediction is measured twice: one body repeated (its electrolyte string is
 * read once and then served from the parser's interpretation cache) and a body whose
 * electrolyte differs on every request (an FEC amount drawn per request), so every
 * request reads its electrolyte from scratch.
 */
import autocannon from 'autocannon'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startServer } from '../src/synth/harness.ts'
import { round, table, time, type Timing } from './stats.ts'

export interface ApiBench { latency: Array<Timing & { ratio_to_health: number }>; throughput: Array<{ route: string; req_per_s: number; p99_ms: number; non2xx: number; errors: number; ratio_to_health: number }> }

const PREDICT = { cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', substrate: 'Cu', currentDensity: '3 mA cm-2', capacity: '1 mAh cm-2' }
const PREDICT_BODY = JSON.stringify(PREDICT)
let drawn = 0
/** A new electrolyte text per call: `… + 1.001 wt% FEC`, `… + 1.002 wt% FEC`, … */
const freshPredictBody = () => JSON.stringify({ ...PREDICT, electrolyte: `1 M LiPF6 in EC:DEC 1:1 v/v + ${(1 + (++drawn % 9000) / 1000).toFixed(3)} wt% FEC` })
const JSON_HEADERS = { 'content-type': 'application/json' }

export async function benchApi(opts: { seeds?: string; runs?: number; loadSeconds?: number; connections?: number } = {}): Promise<ApiBench> {
  const dir = await mkdtemp(join(tmpdir(), 'li-kb-bench-api-'))
  const server = await startServer({ DATABASE_URL: `file:${join(dir, 'kb.db')}`, SEEDS_DIR: opts.seeds ?? 'seeds', RULES_DIR: 'rules' })
  const base = server.base
  const runs = opts.runs ?? 300
  const get = (path: string) => async () => { const r = await fetch(base + path); await r.arrayBuffer(); if (!r.ok) throw new Error(`${path}: ${r.status}`) }
  const post = (path: string, body: () => string) => async () => {
    const r = await fetch(base + path, { method: 'POST', body: body(), headers: JSON_HEADERS })
    await r.arrayBuffer()
    if (!r.ok) throw new Error(`${path}: ${r.status}`)
  }
  try {
    const health = await time('GET /health', get('/health'), runs)
    const rows = [
      health,
      await time('GET /v1/ask (3 mA cm-2 with FEC)', get(`/v1/ask?q=${encodeURIComponent('what happens at 3 mA cm-2 with FEC')}`), runs),
      await time('GET /v1/ask (garnet LLZTO 0.5 mA cm-2 60 °C)', get(`/v1/ask?q=${encodeURIComponent('garnet LLZTO at 0.5 mA cm⁻² and 60 °C')}`), runs),
      await time('GET /v1/search (LiPF6 dendrit*)', get(`/v1/search?q=${encodeURIComponent('LiPF6 dendrit*')}`), runs),
      await time('GET /v1/search (fluoroethylene)', get('/v1/search?q=fluoroethylene'), runs),
      await time('POST /v1/predict (text form, repeated)', post('/v1/predict', () => PREDICT_BODY), runs),
      await time('POST /v1/predict (text form, new electrolyte each)', post('/v1/predict', freshPredictBody), runs),
    ]
    const latency = rows.map((r) => ({ ...r, ratio_to_health: round(r.median_ms / health.median_ms) }))
    const load = async (route: string, request: autocannon.Request) => {
      await autocannon({ url: base, connections: opts.connections ?? 10, duration: 2, requests: [request] }) // warm-up, not counted
      const r = await autocannon({ url: base, connections: opts.connections ?? 10, duration: opts.loadSeconds ?? 5, requests: [request] })
      return { route, req_per_s: round(r.requests.average), p99_ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors }
    }
    const h = await load('GET /health', { method: 'GET', path: '/health' })
    const p = await load('POST /v1/predict', { method: 'POST', path: '/v1/predict', body: PREDICT_BODY, headers: JSON_HEADERS })
    const f = await load('POST /v1/predict (new electrolyte each)', {
      method: 'POST', path: '/v1/predict', headers: JSON_HEADERS,
      setupRequest: (req) => ({ ...req, body: freshPredictBody() }),
    })
    const a = await load('GET /v1/ask', { method: 'GET', path: `/v1/ask?q=${encodeURIComponent('what happens at 3 mA cm-2 with FEC')}` })
    const throughput = [h, p, f, a].map((x) => ({ ...x, ratio_to_health: round(x.req_per_s / h.req_per_s) }))
    return { latency, throughput }
  } finally {
    await server.kill('SIGTERM')
    await rm(dir, { recursive: true, force: true })
  }
}

export function formatApi(b: ApiBench): string {
  const lat = table(b.latency) + '\n' + b.latency.map((r) => `  ${r.name}: ${r.ratio_to_health}× /health (median)`).join('\n')
  const thr = b.throughput.map((t) => `${t.route.padEnd(40)} ${String(t.req_per_s).padStart(8)} req/s  p99 ${t.p99_ms} ms  non-2xx ${t.non2xx}  errors ${t.errors}  ${t.ratio_to_health}× /health`).join('\n')
  return `${lat}\n\nthroughput (autocannon in this process, server in its own; loopback):\n${thr}`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(formatApi(await benchApi()))
