/**
 * HTTP latency and throughput of the real server on loopback (issue #5):
 * median and p95 of /v1/ask, /v1/search, /v1/predict with /health as the
 * baseline (sequential requests), and autocannon throughput of /v1/predict as
 * a ratio of /health under the same load.
 */
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { createApp } from '../api/app.ts'
import { buildDeps } from '../api/build-deps.ts'
import { round, table, time, type Timing } from './stats.ts'

export interface ApiBench { latency: Array<Timing & { ratio_to_health: number }>; throughput: Array<{ route: string; req_per_s: number; p99_ms: number; non2xx: number; errors: number; ratio_to_health: number }> }

const PREDICT_BODY = JSON.stringify({ cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', substrate: 'Cu', currentDensity: '3 mA cm-2', capacity: '1 mAh cm-2' })

export async function benchApi(opts: { seeds?: string; databaseUrl?: string; runs?: number; loadSeconds?: number; connections?: number } = {}): Promise<ApiBench> {
  const deps = await buildDeps({ DATABASE_URL: opts.databaseUrl ?? ':memory:', SEEDS_DIR: opts.seeds ?? 'seeds', RULES_DIR: 'rules' })
  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const runs = opts.runs ?? 300
  const get = (path: string) => async () => { const r = await fetch(base + path); await r.arrayBuffer(); if (!r.ok) throw new Error(`${path}: ${r.status}`) }
  const post = (path: string, body: string) => async () => {
    const r = await fetch(base + path, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
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
      await time('POST /v1/predict (text form)', post('/v1/predict', PREDICT_BODY), runs),
    ]
    const latency = rows.map((r) => ({ ...r, ratio_to_health: round(r.median_ms / health.median_ms) }))
    const load = async (route: string, request: autocannon.Request) => {
      const r = await autocannon({ url: base, connections: opts.connections ?? 10, duration: opts.loadSeconds ?? 5, requests: [request] })
      return { route, req_per_s: round(r.requests.average), p99_ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors }
    }
    const h = await load('GET /health', { method: 'GET', path: '/health' })
    const p = await load('POST /v1/predict', { method: 'POST', path: '/v1/predict', body: PREDICT_BODY, headers: { 'content-type': 'application/json' } })
    const a = await load('GET /v1/ask', { method: 'GET', path: `/v1/ask?q=${encodeURIComponent('what happens at 3 mA cm-2 with FEC')}` })
    const throughput = [h, p, a].map((x) => ({ ...x, ratio_to_health: round(x.req_per_s / h.req_per_s) }))
    return { latency, throughput }
  } finally {
    server.close()
    deps.database.close()
  }
}

export function formatApi(b: ApiBench): string {
  const lat = table(b.latency) + '\n' + b.latency.map((r) => `  ${r.name}: ${r.ratio_to_health}× /health (median)`).join('\n')
  const thr = b.throughput.map((t) => `${t.route.padEnd(18)} ${String(t.req_per_s).padStart(8)} req/s  p99 ${t.p99_ms} ms  non-2xx ${t.non2xx}  errors ${t.errors}  ${t.ratio_to_health}× /health`).join('\n')
  return `${lat}\n\nthroughput (autocannon, loopback):\n${thr}`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(formatApi(await benchApi()))
