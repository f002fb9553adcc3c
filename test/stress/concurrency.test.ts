/**
 * Concurrent writers against one real server (child process, temp file
 * database): STRESS_CLIENTS clients (default 8) each POST STRESS_WRITES distinct
 * synthetic studies (default 15) at the same time, interleaved with reads, and
 * replace one of their own with PUT. Every write must be acknowledged, no
 * response may be a 5xx, and afterwards every acknowledged write is present
 * whole (through the API, and on disk after the server stops: integrity ok, no
 * partial study, counts exact).
 *
 * Also: two clients racing to create the same study id, or two studies with the
 * same DOI — one must win (201) and the other be told (409); neither may get a 5xx.
 *
 * Runs with `npm run test:stress` (vitest.stress.config.ts sets STRESS=1).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StudyFile } from '../../schema/files/study-file.ts'
import { loadSynthInputs } from '../../scripts/synth.ts'
import { partialStudies, soundness } from '../../src/synth/check.ts'
import { createSynthContext, generateStudies, type SynthContext } from '../../src/synth/generate.ts'
import { getJson, startServer, writeStudy, type ServerProcess } from '../../src/synth/harness.ts'

const CLIENTS = Math.max(2, Number(process.env.STRESS_CLIENTS ?? 8))
const WRITES = Math.max(1, Number(process.env.STRESS_WRITES ?? 15))
const SEED = process.env.STRESS_SEED ?? '20261123'
const TOKEN = 'stress-concurrency-token'

let dir: string
let ctx: SynthContext
let seedStudies: number
let server: ServerProcess | undefined

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb-concurrency-'))
  const { kb, rules } = await loadSynthInputs('seeds', 'rules')
  ctx = createSynthContext(kb.vocab, rules)
  seedStudies = kb.studies.length
})
afterAll(async () => {
  await server?.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const withClient = async <T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = createClient({ url, intMode: 'bigint' })
  try { return await fn(c) } finally { c.close() }
}

describe.skipIf(!process.env.STRESS)('concurrent writers', () => {
  test(`${CLIENTS} clients × ${WRITES} writes at once: every acknowledged write present, none lost, no 5xx`, async () => {
    const url = `file:${join(dir, 'concurrency.db')}`
    server = await startServer({ DATABASE_URL: url, API_TOKEN: TOKEN, SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
    const base = server.base
    const perClient: StudyFile[][] = Array.from({ length: CLIENTS }, (_, k) =>
      [...generateStudies(ctx, { seed: SEED, tag: `conc-c${k}`, experiments: WRITES * 5, perStudy: [5, 5] })])
    const statuses: Record<string, number> = {}
    const acknowledged = new Map<string, StudyFile>()
    const count = (s: number) => { statuses[s] = (statuses[s] ?? 0) + 1 }
    const t0 = performance.now()

    await Promise.all(perClient.map(async (docs, k) => {
      for (const [i, doc] of docs.entries()) {
        const r = await writeStudy(base, TOKEN, doc)
        count(r.status)
        if (r.status === 201) acknowledged.set(doc.id, doc)
        else throw new Error(`client ${k}: POST ${doc.id} answered ${r.status} ${r.error ?? JSON.stringify(r.body)}`)
        if (i % 3 === k % 3) count((await getJson(base, `/v1/studies?limit=5&offset=${i}`)).status) // reads interleaved
      }
      const mine = docs[k % docs.length] as StudyFile
      const revised = { ...mine, title: `${mine.title} (revised by client ${k})` }
      const r = await writeStudy(base, TOKEN, revised, 'PUT')
      count(r.status)
      if (r.status !== 200) throw new Error(`client ${k}: PUT ${mine.id} answered ${r.status} ${JSON.stringify(r.body)}`)
      acknowledged.set(revised.id, revised)
    }))
    const seconds = (performance.now() - t0) / 1000

    expect(Object.keys(statuses).filter((s) => Number(s) >= 500 || Number(s) === 0)).toEqual([])
    expect(acknowledged.size).toBe(CLIENTS * WRITES)
    for (const [id, doc] of acknowledged) {
      const { status, body } = await getJson(base, `/v1/studies/${id}`)
      expect(status).toBe(200)
      expect(body.title).toBe(doc.title)
      expect(body.experiments).toEqual(doc.experiments)
    }
    const health = await getJson(base, '/health')
    expect(health.body.counts.studies).toBe(seedStudies + CLIENTS * WRITES)
    await server.kill('SIGTERM')
    await withClient(url, async (c) => {
      expect(await soundness(c)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
      expect(await partialStudies(c, 'synth-conc-')).toEqual([])
      expect(Number((await c.execute(`select count(*) from studies where id like 'synth-conc-%'`)).rows[0]?.[0])).toBe(CLIENTS * WRITES)
    })
    console.log(`concurrency: ${CLIENTS} clients, ${CLIENTS * WRITES} POSTs + ${CLIENTS} PUTs in ${seconds.toFixed(1)} s (${((CLIENTS * WRITES + CLIENTS) / seconds).toFixed(1)} writes/s); statuses ${JSON.stringify(statuses)}`)
  })

  test('two clients creating the same id, or two studies with one DOI, at once: one 201, one 409, no 5xx', async () => {
    const url = `file:${join(dir, 'race.db')}`
    server = await startServer({ DATABASE_URL: url, API_TOKEN: TOKEN, SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
    const base = server.base
    const docs = [...generateStudies(ctx, { seed: SEED, tag: 'race', experiments: 60, perStudy: [3, 3] })]
    const outcomes: string[] = []
    for (let i = 0; i + 1 < docs.length; i += 2) {
      const a = docs[i] as StudyFile
      const b = docs[i + 1] as StudyFile
      // Same id, different content (two clients picked the same id) — or same DOI, different ids.
      const sameId = i % 4 === 0
      const rival: StudyFile = sameId
        ? { ...b, id: a.id, experiments: b.experiments.map((e, n) => ({ ...e, id: `${a.id}-x${n + 1}` })) }
        : { ...b, doi: a.doi }
      const [ra, rb] = await Promise.all([writeStudy(base, TOKEN, a), writeStudy(base, TOKEN, rival)])
      const pair = [ra.status, rb.status].sort().join('+')
      outcomes.push(`${sameId ? 'id' : 'doi'}:${pair}`)
      const { body } = await getJson(base, `/v1/studies/${a.id}`)
      const winner = ra.status === 201 ? a : rival
      if (sameId) expect(body.experiments).toEqual(winner.experiments) // the acknowledged winner is what is stored
    }
    await server.kill('SIGTERM')
    const tally = outcomes.reduce<Record<string, number>>((m, o) => ({ ...m, [o]: (m[o] ?? 0) + 1 }), {})
    console.log(`races: ${JSON.stringify(tally)}`)
    expect(outcomes.filter((o) => !o.endsWith(':201+409'))).toEqual([])
    await withClient(url, async (c) => {
      expect(await soundness(c)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
      expect(await partialStudies(c, 'synth-race-')).toEqual([])
    })
  })
})
