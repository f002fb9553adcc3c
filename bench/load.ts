/**
 * Load test of the real HTTP server on loopback (issue: "60 s of mixed traffic (ask,
 * search, predict, studies, with 1 % writes) at 50 connections — zero non-2xx except the
 * expected 4xx, zero errors, p99 reported, throughput as a ratio to /health in the same run").
 *
 * Starts the server on 127.0.0.1 over a fresh temporary file database (migrated, seeded) with an
 * API_TOKEN — by default `api/server.ts` (what `npm start` runs) in a child process on a free
 * port, ready when /health answers; with `--in-process`, `serve()` from
 * @hono/node-server in this process, the port read from the server's address (autocannon then
 * shares the event loop and its CPU with the server) —
 * and runs autocannon twice for the same duration and connections: /health alone (the
 * baseline), then the mixed traffic.
 * The mix is a cycle of 100 requests shared by all connections: ask, search, predict (text and
 * structured), study lists and documents, one POST /v1/studies of a new unique study
 * (1 % writes) and two deliberately invalid requests whose 4xx is expected (search syntax
 * 400, unknown material 422). Every response is classified against the status its request
 * expects; anything else is "unexpected".
 *
 *   npx tsx bench/load.ts                               # 60 s at 50 connections (the issue's numbers)
 *   npx tsx bench/load.ts --duration 5 --connections 20 # CI smoke
 *   npx tsx bench/load.ts --json                        # machine-readable result
 *   npx tsx bench/load.ts --in-process                  # serve() in this process
 *
 * Exit code 1 when any response is unexpected or any request errored. Loopback only; it
 * stops by itself (autocannon's duration, plus a watchdog).
 */
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { createApp } from '../api/app.ts'
import { buildDeps } from '../api/build-deps.ts'
import { startServer } from '../src/synth/harness.ts'
import { machine, percentile, round } from './stats.ts'

export interface LoadOptions {
  duration_s: number; connections: number; seeds?: string
  /** `child` (default): api/server.ts in its own process; `in-process`: serve() in this process. */
  server?: 'child' | 'in-process'
}
export interface RouteLoad {
  /** p50/p99 without each connection's first response */
  route: string; expected: number; requests: number; req_per_s: number; p50_ms: number; p99_ms: number
  ok: number; expected_4xx: number; unexpected: number; unexpected_statuses: Record<string, number>
}
export interface LoadResult {
  duration_s: number; connections: number; server: 'child' | 'in-process'; machine: string
  health: { req_per_s: number; p50_ms: number; p99_ms: number; requests: number; non2xx: number; errors: number; timeouts: number }
  mixed: {
    /** p50/p99: every response (autocannon's); steady_*: without each connection's first response (see first_response) */
    req_per_s: number; p50_ms: number; p99_ms: number; steady_p50_ms: number; steady_p99_ms: number
    first_response: { connections: number; p50_ms: number; max_ms: number }
    requests: number; non2xx: number; expected_4xx: number; unexpected: number
    errors: number; timeouts: number; /** responses autocannon counted that could not be tied to a route (should be 0) */ unattributed: number
    /** 201s to POST /v1/studies */ writes: number; ratio_to_health: number
  }
  routes: RouteLoad[]
  studies: { before: number; after: number }
}

const TOKEN = 'load-test-token-0123456789'
const JSON_HEADERS = { 'content-type': 'application/json' }
const q = (s: string) => encodeURIComponent(s)

interface Mix { route: string; expected: number; weight: number; method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: () => string }

const ASK = ['what happens at 3 mA cm-2 with FEC', 'garnet LLZTO at 0.5 mA cm⁻² and 60 °C', 'compare OM and TEM for SEI', 'does LiNO3 in DME suppress whiskers at 1 mA cm-2']
const SEARCH = ['dendrite', 'LiPF6 +dendrit*', 'title:garnet', 'sei~1 fluoroethylene', 'whisker -mossy']
const PREDICT_TEXT = JSON.stringify({ cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', substrate: 'Cu', currentDensity: '3 mA cm-2', capacity: '1 mAh cm-2' })
const PREDICT_STRUCTURED = JSON.stringify({ currentDensity_mA_cm2: 0.5, electrolyte: { kind: 'solid', solid: { id: 'LLZTO' } }, temperature_C: 60, stackPressure_kPa: 350 })
const PREDICT_UNKNOWN = JSON.stringify({ currentDensity_mA_cm2: 3, electrolyte: { salts: [{ id: 'LiPF6' }], additives: [{ id: 'unobtainium' }] } })

/** The mix: weights sum to 100, so exactly one request in 100 is a write. */
function mix(newStudy: () => string): Mix[] {
  const get = (route: string, path: string, weight: number, expected = 200): Mix => ({ route, expected, weight, method: 'GET', path })
  const post = (route: string, path: string, body: string, weight: number, expected = 200): Mix => ({ route, expected, weight, method: 'POST', path, headers: JSON_HEADERS, body: () => body })
  return [
    ...ASK.map((a) => get('GET /v1/ask', `/v1/ask?q=${q(a)}`, 6)),
    ...SEARCH.map((s) => get('GET /v1/search', `/v1/search?q=${q(s)}`, 5)),
    post('POST /v1/predict', '/v1/predict', PREDICT_TEXT, 12),
    post('POST /v1/predict', '/v1/predict', PREDICT_STRUCTURED, 11),
    get('GET /v1/studies', '/v1/studies?additive=FEC', 5),
    get('GET /v1/studies', '/v1/studies?jMin=2&jMax=6&limit=10', 5),
    get('GET /v1/studies', '/v1/studies?technique=tem&morphology=needle', 4),
    get('GET /v1/studies/{id}', '/v1/studies/wood-2016', 5),
    get('GET /v1/studies/{id}', '/v1/studies/porz-2017', 5),
    { route: 'POST /v1/studies', expected: 201, weight: 1, method: 'POST', path: '/v1/studies', headers: { ...JSON_HEADERS, authorization: `Bearer ${TOKEN}` }, body: newStudy },
    get('GET /v1/search (invalid)', `/v1/search?q=${q('dendrite~5')}`, 1, 400),
    post('POST /v1/predict (unknown)', '/v1/predict', PREDICT_UNKNOWN, 1, 422),
  ]
}

/** Spread each entry's weight evenly over the cycle of 100, so requests of one kind do not come in bursts. */
function interleave(entries: Mix[]): Mix[] {
  const slots = entries.flatMap((m) => Array.from({ length: m.weight }, (_, i) => ({ m, key: (i + 0.5) / m.weight })))
  return slots.sort((a, b) => a.key - b.key).map((s) => s.m)
}


/** A running server; `output`: what a child process printed (an in-process server prints to this process). */
interface Running { url: string; stop(): Promise<void>; output?: () => string }

/** `npm start`'s entry point (api/server.ts) in a child process (src/synth/harness.ts), ready when /health answers. */
async function startChild(databaseUrl: string, seeds: string): Promise<Running> {
  const server = await startServer({ DATABASE_URL: databaseUrl, SEEDS_DIR: seeds, RULES_DIR: 'rules', API_TOKEN: TOKEN })
  const orphan = () => server.child.kill('SIGKILL') // if this process exits first (watchdog, crash), the server goes with it
  process.once('exit', orphan)
  return {
    url: server.base,
    output: server.output,
    stop: async () => {
      await server.kill('SIGTERM')
      process.off('exit', orphan)
    },
  }
}

/** serve() in this process (autocannon shares the event loop, and its CPU, with the server). */
async function startInProcess(databaseUrl: string, seeds: string): Promise<Running> {
  const deps = await buildDeps({ DATABASE_URL: databaseUrl, SEEDS_DIR: seeds, RULES_DIR: 'rules', API_TOKEN: TOKEN })
  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((resolve, reject) => { server.once('listening', () => resolve()); server.once('error', reject) })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => { await new Promise<void>((resolve) => server.close(() => resolve())); deps.database.close() },
  }
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'li-kb-load-'))
  const databaseUrl = `file:${join(dir, 'kb.db')}`
  const mode = opts.server ?? 'child'
  let running: Running | undefined
  try {
    running = mode === 'child' ? await startChild(databaseUrl, opts.seeds ?? 'seeds') : await startInProcess(databaseUrl, opts.seeds ?? 'seeds')
    const result = await measure(running.url, opts, mode)
    const m = result.mixed
    if ((m.unexpected > 0 || m.errors > 0) && running.output) console.error(`server output (its end):\n${running.output().slice(-4000)}`)
    return result
  } finally {
    await running?.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

async function measure(url: string, opts: LoadOptions, mode: 'child' | 'in-process'): Promise<LoadResult> {
  const base = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8')) as Record<string, any>
  delete base.$schema
  const run = Date.now().toString(36)
  let made = 0
  const newStudy = () => {
    const id = `load${run}${made++}-2024`
    const doc = structuredClone(base)
    doc.id = id; doc.doi = `10.9999/load.${id}`; doc.year = 2024; doc.title = `Load-test study ${id}`
    doc.experiments[0].id = `${id}-a`
    return JSON.stringify(doc)
  }
  const entries = interleave(mix(newStudy))
  const studyCount = async () => ((await (await fetch(`${url}/health`)).json()) as { counts: { studies: number } }).counts.studies

  // Preflight: every kind of request answers what it should (so a broken mix fails in a second, not a minute).
  for (const m of new Set(entries)) {
    const res = await fetch(url + m.path, { method: m.method, headers: m.headers, body: m.body?.() })
    await res.arrayBuffer()
    if (res.status !== m.expected) throw new Error(`preflight: ${m.method} ${m.path} answered ${res.status}, expected ${m.expected}`)
  }
  const before = await studyCount()

  const health = await autocannon({ url, connections: opts.connections, duration: opts.duration_s, requests: [{ method: 'GET', path: '/health' }] })

  // One template request whose setupRequest takes the next entry of the cycle from a counter shared by
  // all connections (so writes are 1 % of the requests whatever the duration). The entry travels in the
  // connection's context to onResponse, which autocannon calls just before it emits 'response' (with the
  // latency) for the same response, synchronously: `current` hands the entry over.
  let turn = 0
  let current: Mix | undefined
  let unattributed = 0
  const perRoute = new Map<string, { m: Mix; latencies: number[]; ok: number; expected4xx: number; unexpected: Record<string, number> }>()
  const template: autocannon.Request = {
    setupRequest: (req, context) => {
      const m = entries[turn++ % entries.length] as Mix
      ;(context as { m?: Mix }).m = m
      return { ...req, method: m.method, path: m.path, headers: { ...req.headers, ...m.headers }, body: m.body ? m.body() : Buffer.alloc(0) }
    },
    onResponse: (_status, _body, context) => { current = (context as { m?: Mix }).m },
  }
  let instance!: autocannon.Instance
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({ url, connections: opts.connections, duration: opts.duration_s, requests: [template] }, (err, result) => (err ? reject(err) : resolve(result)))
  })
  // A connection's first response also waits for the server to accept the connection, which a saturated
  // Node server does about once per event-loop turn (a plain node:http server shows the same): with 50
  // connections opened at once, the last ones wait seconds. Those are reported apart from the steady state.
  const seen = new WeakSet<object>()
  const firsts: number[] = []
  const steady: number[] = []
  instance.on('response', (client, statusCode, _bytes, responseTime) => {
    const m = current
    current = undefined
    if (!m) { unattributed++; return }
    let r = perRoute.get(m.route)
    if (!r) { r = { m, latencies: [], ok: 0, expected4xx: 0, unexpected: {} }; perRoute.set(m.route, r) }
    if (seen.has(client)) { steady.push(responseTime); r.latencies.push(responseTime) } else { seen.add(client); firsts.push(responseTime) }
    if (statusCode === m.expected) { if (statusCode < 300) r.ok++; else r.expected4xx++ } else r.unexpected[statusCode] = (r.unexpected[statusCode] ?? 0) + 1
  })
  const mixed = await done
  const after = await studyCount()

  const routes: RouteLoad[] = [...perRoute.values()].map((r) => {
    const sorted = r.latencies.sort((a, b) => a - b)
    const n = r.ok + r.expected4xx + Object.values(r.unexpected).reduce((a, b) => a + b, 0)
    return {
      route: r.m.route, expected: r.m.expected, requests: n, req_per_s: round(n / opts.duration_s),
      p50_ms: round(percentile(sorted, 50)), p99_ms: round(percentile(sorted, 99)), ok: r.ok, expected_4xx: r.expected4xx,
      unexpected: Object.values(r.unexpected).reduce((a, b) => a + b, 0), unexpected_statuses: r.unexpected,
    }
  }).sort((a, b) => b.requests - a.requests)
  const sum = (f: (r: RouteLoad) => number) => routes.reduce((n, r) => n + f(r), 0)
  const expected4xx = sum((r) => r.expected_4xx)
  // Unexpected: a status other than the request's own, a non-2xx on /health, or a non-2xx autocannon saw that no route accounts for.
  const unexpected = sum((r) => r.unexpected) + health.non2xx + Math.max(0, mixed.non2xx - expected4xx - sum((r) => Object.entries(r.unexpected_statuses).filter(([s]) => Number(s) >= 300).reduce((n, [, k]) => n + k, 0)))
  return {
    duration_s: opts.duration_s, connections: opts.connections, server: mode, machine: machine(),
    health: { req_per_s: round(health.requests.average), p50_ms: health.latency.p50, p99_ms: health.latency.p99, requests: health.requests.total, non2xx: health.non2xx, errors: health.errors, timeouts: health.timeouts },
    mixed: {
      req_per_s: round(mixed.requests.average), p50_ms: mixed.latency.p50, p99_ms: mixed.latency.p99, requests: mixed.requests.total, non2xx: mixed.non2xx,
      steady_p50_ms: round(percentile(steady.sort((a, b) => a - b), 50)), steady_p99_ms: round(percentile(steady, 99)),
      first_response: { connections: firsts.length, p50_ms: round(percentile(firsts.sort((a, b) => a - b), 50)), max_ms: round(firsts.at(-1) ?? NaN) },
      expected_4xx: expected4xx, unexpected, errors: mixed.errors, timeouts: mixed.timeouts, unattributed,
      writes: perRoute.get('POST /v1/studies')?.ok ?? 0, ratio_to_health: round(mixed.requests.average / health.requests.average),
    },
    routes,
    studies: { before, after },
  }
}

export function formatLoad(r: LoadResult): string {
  const w = Math.max(...r.routes.map((x) => x.route.length), 24)
  const rows = r.routes.map((x) => `${x.route.padEnd(w)} ${String(x.expected).padStart(4)} ${String(x.requests).padStart(8)} ${String(x.req_per_s).padStart(8)} ${String(x.p50_ms).padStart(7)} ${String(x.p99_ms).padStart(7)} ${String(x.expected_4xx).padStart(6)} ${String(x.unexpected).padStart(6)}${x.unexpected > 0 ? `  ${JSON.stringify(x.unexpected_statuses)}` : ''}`)
  return [
    `load test: ${r.duration_s} s per run at ${r.connections} connections, loopback, server ${r.server === 'child' ? 'api/server.ts in a child process' : 'serve() in the load generator\'s process'} (${r.machine})`,
    `GET /health (baseline): ${r.health.req_per_s} req/s, p50 ${r.health.p50_ms} ms, p99 ${r.health.p99_ms} ms, ${r.health.requests} requests, non-2xx ${r.health.non2xx}, errors ${r.health.errors} (timeouts ${r.health.timeouts})`,
    `mixed traffic: ${r.mixed.req_per_s} req/s = ${r.mixed.ratio_to_health} × /health, ${r.mixed.requests} requests`,
    `  latency p50 ${r.mixed.steady_p50_ms} ms, p99 ${r.mixed.steady_p99_ms} ms (steady state); every response: p50 ${r.mixed.p50_ms} ms, p99 ${r.mixed.p99_ms} ms`,
    `  (each connection's first response waits for the saturated server to accept it: p50 ${r.mixed.first_response.p50_ms} ms, max ${r.mixed.first_response.max_ms} ms over ${r.mixed.first_response.connections} connections)`,
    `  non-2xx ${r.mixed.non2xx} = expected 4xx ${r.mixed.expected_4xx} + unexpected ${r.mixed.unexpected}; errors ${r.mixed.errors} (timeouts ${r.mixed.timeouts}); writes ${r.mixed.writes} (studies ${r.studies.before} → ${r.studies.after})${r.mixed.unattributed ? `; ${r.mixed.unattributed} unattributed` : ''}`,
    '',
    `${'route'.padEnd(w)} want requests    req/s  p50 ms  p99 ms   4xx* unexpd`,
    ...rows,
    `(per-route latencies are steady state; * the expected 4xx of the deliberately invalid requests)`,
    ...(r.server === 'in-process' ? ['note: in-process, autocannon shares the event loop (and its CPU) with the server'] : []),
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: {
    duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '50' },
    'in-process': { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
  } })
  const duration_s = Number(values.duration)
  const connections = Number(values.connections)
  if (!(duration_s > 0 && duration_s <= 600) || !(Number.isInteger(connections) && connections >= 1 && connections <= 1000)) {
    console.error('usage: tsx bench/load.ts [--duration 1..600 seconds] [--connections 1..1000] [--in-process] [--json]')
    process.exit(2)
  }
  // Two runs of duration_s plus start-up and seeding: anything much longer is a hang.
  setTimeout(() => { console.error('load test: watchdog expired'); process.exit(3) }, (2 * duration_s + 120) * 1000).unref()
  const result = await runLoad({ duration_s, connections, server: values['in-process'] ? 'in-process' : 'child' })
  console.log(values.json ? JSON.stringify(result, null, 2) : formatLoad(result))
  process.exit(result.mixed.unexpected > 0 || result.mixed.errors > 0 || result.health.errors > 0 ? 1 : 0)
}
