/**
 * Scale benchmark (issue #7): `npm run bench -- --scale 100000`.
 * Uses (or first generates with `npm run synth -- --search`) a synthetic knowledge base of N experiments in
 * `data/synth-<N>.db`, starts the real server on it in a child process, and measures cold start to the first
 * answer, resident memory, and median/p95 latency of /v1/search, /v1/ask, /v1/studies with filters and facets,
 * and /v1/predict, and of a write (PUT of one study, replaced on every run).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { freePort, spawnServer } from '../src/synth/harness.ts'
import { percentile, round } from './stats.ts'

export interface ScaleBench {
  experiments: number
  database: string
  databaseBytes: number
  generation_s: number | null
  coldStartToFirstAnswer_s: number
  rss_MiB: { afterStart: number; afterLoad: number }
  /** first_ms: the first request of its kind (no cache warm); median and p95 over `runs` after 10 more */
  latency: Array<{ name: string; first_ms: number; median_ms: number; p95_ms: number; runs: number; status: number }>
}

const WRITE_TOKEN = 'scale-bench-token-0123456789'
/** The study the write benchmark replaces: a copy of a seed study under its own id and DOI. */
const PROBE_ID = 'bench-probe-2016'

/** Words of the field for distinct search queries (pairs of them). */
const DISTINCT_WORDS = ['lipf6', 'litfsi', 'fec', 'garnet', 'llzo', 'dendrit*', 'mossy', 'whisker', 'sei', 'lif', 'copper', 'dead', 'nucleation',
  'stripping', 'carbonate', 'ether', 'separator', 'pressure', 'cryo', 'operando']
function probeStudy(): Record<string, unknown> {
  const doc = JSON.parse(readFileSync('seeds/studies/wood-2016.json', 'utf8')) as { experiments: Array<{ id: string }> } & Record<string, unknown>
  return {
    ...doc, id: PROBE_ID, doi: '10.9999/bench.probe.2016', title: 'Benchmark write probe (copy of wood-2016)',
    experiments: doc.experiments.map((e, i) => ({ ...e, id: `${PROBE_ID}-${i}` })),
  }
}

const rssMiB = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? round(Number(m[1]) / 1024) : NaN
}

export async function benchScale(experiments: number, runs = 100): Promise<ScaleBench> {
  const file = `data/synth-${experiments}.db`
  let generation_s: number | null = null
  if (!existsSync(file)) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/synth.ts', '--experiments', String(experiments), '--search', '--out', `file:${file}`], { stdio: 'inherit' })
    if (r.status !== 0) throw new Error('synth failed')
    generation_s = round((performance.now() - t0) / 1000)
  }
  const port = await freePort()
  const t0 = performance.now()
  const server = spawnServer({ DATABASE_URL: `file:${file}`, API_TOKEN: WRITE_TOKEN }, port)
  const child = server.child
  const base = server.base
  const askUrl = `${base}/v1/ask?q=${encodeURIComponent('what happens at 3 mA cm-2 with FEC')}`
  // Cold start is probed with a question of its own, so every row's first request is a first.
  const probeUrl = `${base}/v1/ask?q=${encodeURIComponent('Li on Cu at 1 mA cm-2 in carbonate electrolyte')}`
  try {
    let cold = NaN
    for (const deadline = Date.now() + 300_000; Date.now() < deadline;) {
      try { if ((await fetch(probeUrl)).ok) { cold = (performance.now() - t0) / 1000; break } } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 100))
    }
    if (!Number.isFinite(cold)) throw new Error('server did not answer within 300 s')
    const afterStart = rssMiB(child.pid as number)
    const predictBody = JSON.stringify({ cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC + 5 wt% FEC', currentDensity: '3 mA cm-2' })
    const cases: Array<[string, string, RequestInit?]> = [
      ['GET /v1/search?q=LiPF6 dendrit*', `${base}/v1/search?q=${encodeURIComponent('LiPF6 dendrit*')}`],
      ['GET /v1/search?q=fluoroethylene', `${base}/v1/search?q=fluoroethylene`],
      // Fuzzy clauses compare the term with every indexed token of a near length (the first one reads the vocabulary).
      ['GET /v1/search?q=lithum~1 dendrte~2', `${base}/v1/search?q=${encodeURIComponent('lithum~1 dendrte~2')}`],
      ['GET /v1/ask (3 mA cm-2 with FEC)', askUrl],
      ['GET /v1/ask (garnet LLZTO 0.5 mA cm-2 60 °C)', `${base}/v1/ask?q=${encodeURIComponent('garnet LLZTO at 0.5 mA cm⁻² and 60 °C')}`],
      ['GET /v1/studies?additive=FEC&jMin=1&jMax=10', `${base}/v1/studies?additive=FEC&jMin=1&jMax=10`],
      ['GET /v1/studies?technique=tem&morphology=dendritic', `${base}/v1/studies?technique=tem&morphology=dendritic`],
      ['POST /v1/predict', `${base}/v1/predict`, { method: 'POST', body: predictBody, headers: { 'content-type': 'application/json' } }],
      // A write at scale: replacing one study (delete, insert rows, evidence and search documents, splice the index).
      [`PUT /v1/studies/${PROBE_ID}`, `${base}/v1/studies/${PROBE_ID}`, {
        method: 'PUT', body: JSON.stringify(probeStudy()), headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
      }],
    ]
    const latency: ScaleBench['latency'] = []
    const once = async (url: string, init?: RequestInit) => {
      const s = performance.now()
      const res = await fetch(url, init)
      await res.arrayBuffer()
      return { ms: performance.now() - s, status: res.status }
    }
    const searchOnce = (q: string) => once(`${base}/v1/search?q=${encodeURIComponent(q)}`)
    /** A row: median and p95 of `timed`, the highest status among them, and the row's first request. */
    const summary = (name: string, timed: Array<{ ms: number; status: number }>, first = timed[0]) => {
      const ms = timed.map((t) => t.ms).sort((a, b) => a - b)
      const status = Math.max(...timed.map((t) => t.status))
      latency.push({ name, first_ms: round(first?.ms ?? NaN), median_ms: round(percentile(ms, 50)), p95_ms: round(percentile(ms, 95)), runs: timed.length, status })
    }
    for (const [name, url, init] of cases) {
      const timed = []
      for (let i = 0; i < runs + 10; i++) timed.push(await once(url, init))
      summary(name, timed.slice(10), timed[0]) // the first ten warm up
    }
    // Search beyond one repeated query: distinct two-word queries, each asked once (their tokens'
    // postings are read on first use), and a search right after each write (the write's changes
    // are merged into the cached postings on that read).
    const pairs = DISTINCT_WORDS.flatMap((a, i) => DISTINCT_WORDS.slice(i + 1).map((b) => `${a} ${b}`)).slice(0, runs)
    const distinct = []
    for (const q of pairs) distinct.push(await searchOnce(q))
    summary(`GET /v1/search, ${pairs.length} distinct two-word queries once each`, distinct)
    const [, putUrl, putInit] = cases[cases.length - 1] as [string, string, RequestInit]
    const afterWrite = []
    for (let i = 0; i < Math.min(runs, 30); i++) {
      await (await fetch(putUrl, putInit)).arrayBuffer()
      afterWrite.push(await searchOnce('LiPF6 dendrit*'))
    }
    summary('GET /v1/search?q=LiPF6 dendrit* right after each PUT', afterWrite)
    if (latency.some((l) => l.status >= 500)) console.error(`server output (its end):\n${server.output().slice(-4000)}`)
    return {
      experiments, database: file, databaseBytes: statSync(file).size, generation_s,
      coldStartToFirstAnswer_s: round(cold), rss_MiB: { afterStart, afterLoad: rssMiB(child.pid as number) }, latency,
    }
  } finally {
    await server.kill('SIGTERM')
  }
}

export function formatScale(b: ScaleBench): string {
  const w = Math.max(...b.latency.map((l) => l.name.length))
  return [
    `database ${b.database} (${round(b.databaseBytes / 2 ** 20)} MiB)${b.generation_s === null ? '' : `, generated in ${b.generation_s} s`}`,
    `cold start to first /v1/ask answer: ${b.coldStartToFirstAnswer_s} s (target ≤ 5 s)`,
    `RSS: ${b.rss_MiB.afterStart} MiB after start, ${b.rss_MiB.afterLoad} MiB after the latency runs (target ≤ 1024 MiB)`,
    `${'request'.padEnd(w)}  first ms  median ms   p95 ms  status   (targets: search and ask p95 ≤ 20 ms)`,
    ...b.latency.map((l) => `${l.name.padEnd(w)}  ${String(l.first_ms).padStart(8)}  ${String(l.median_ms).padStart(9)}  ${String(l.p95_ms).padStart(7)}  ${l.status}`),
  ].join('\n')
}
