/**
 * Crash test: the real server (`node --import tsx api/server.ts`) on a temp file
 * database is killed with SIGKILL at a random moment (seeded; stratified over
 * 0–1500 ms after the first write of the round is acknowledged) while writers
 * POST distinct synthetic studies, then restarted — STRESS_ROUNDS times
 * (default 5). After each kill, on disk: `PRAGMA integrity_check` = ok, no
 * foreign-key violation, no partial study (every stored study has exactly the
 * experiment, observation, quantity and evidence rows its document implies), every
 * acknowledged (2xx) write present. After each restart, through the API: every
 * study acknowledged in the round comes back whole from GET /v1/studies/{id}.
 * Also: a kill during the first start-up (seeding) leaves a database the next
 * start completes.
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
import { freePort, getJson, sleep, spawnServer, startServer, writeStudy, type ServerProcess } from '../../src/synth/harness.ts'
import { createRng } from '../../src/synth/prng.ts'

const ROUNDS = Math.max(1, Number(process.env.STRESS_ROUNDS ?? 5))
const SEED = process.env.STRESS_SEED ?? '20261123'
const WRITERS = 4
const TOKEN = 'stress-crash-token'

let dir: string
let ctx: SynthContext
let seedCounts: { studies: number; experiments: number }
const live: ServerProcess[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kb-crash-'))
  const { kb, rules } = await loadSynthInputs('seeds', 'rules')
  ctx = createSynthContext(kb.vocab, rules)
  seedCounts = { studies: kb.studies.length, experiments: kb.studies.reduce((n, s) => n + s.experiments.length, 0) }
})
afterAll(async () => {
  for (const s of live) await s.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const withClient = async <T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = createClient({ url, intMode: 'bigint' })
  try { return await fn(c) } finally { c.close() }
}
const start = async (url: string) => {
  const s = await startServer({ DATABASE_URL: url, API_TOKEN: TOKEN, SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
  live.push(s)
  return s
}

interface RoundStats { round: number; killAfterMs: number; attempted: number; acknowledged: number; committedUnacknowledged: number; statuses: Record<string, number> }

describe.skipIf(!process.env.STRESS)('crash: SIGKILL during writes', () => {
  test(`${ROUNDS} rounds: acknowledged writes survive, no partial study, integrity ok`, async () => {
    const url = `file:${join(dir, 'crash.db')}`
    const rng = createRng(`crash:${SEED}`)
    const sent = new Map<string, StudyFile>()
    const acknowledged = new Set<string>()
    const stats: RoundStats[] = []
    let server = await start(url)

    for (let round = 0; round < ROUNDS; round++) {
      const docs = [...generateStudies(ctx, { seed: SEED, tag: `crash-r${round}`, experiments: 800, perStudy: [3, 10] })]
      for (const d of docs) sent.set(d.id, d)
      const ackedNow = new Set<string>()
      const attempted = new Set<string>()
      const statuses: Record<string, number> = {}
      let next = 0
      let killed = false
      const writer = async () => {
        while (next < docs.length) {
          const doc = docs[next++] as StudyFile
          attempted.add(doc.id)
          const r = await writeStudy(server.base, TOKEN, doc)
          statuses[r.status] = (statuses[r.status] ?? 0) + 1
          if (r.status >= 200 && r.status < 300) ackedNow.add(doc.id)
          else if (r.status === 0 && killed) return
          else if (r.status === 0) throw new Error(`write failed before the kill: ${r.error}\n${server.output()}`)
          else throw new Error(`write of ${doc.id} answered ${r.status}: ${JSON.stringify(r.body)}`)
        }
      }
      const writers = Array.from({ length: WRITERS }, writer)
      // Once writes are flowing (the first is acknowledged, whatever the machine's speed), kill at a
      // moment stratified over 0–1500 ms: round r picks within the r-th slice, so a run covers early and late kills.
      for (const deadline = Date.now() + 60_000; ackedNow.size === 0 && Date.now() < deadline;) await sleep(5)
      const slice = 1500 / ROUNDS
      const killAfterMs = Math.round(slice * round + rng.next() * slice)
      await sleep(killAfterMs)
      killed = true
      const exit = await server.kill('SIGKILL')
      expect(exit.signal).toBe('SIGKILL')
      await Promise.all(writers)
      expect(next).toBeLessThan(docs.length) // the kill came while writes were still being made
      for (const id of ackedNow) acknowledged.add(id)

      // On disk, with no server running: sound, nothing partial, every acknowledged write there.
      const inDb = await withClient(url, async (c) => {
        expect(await soundness(c)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
        expect(await partialStudies(c, 'synth-crash-')).toEqual([])
        const rs = await c.execute(`select id from studies where id like 'synth-crash-%'`)
        return new Set(rs.rows.map((r) => String(r.id)))
      })
      const missing = [...acknowledged].filter((id) => !inDb.has(id))
      expect(missing).toEqual([])
      const unexpected = [...inDb].filter((id) => !sent.has(id))
      expect(unexpected).toEqual([])
      stats.push({
        round, killAfterMs, attempted: attempted.size, acknowledged: ackedNow.size,
        committedUnacknowledged: [...attempted].filter((id) => inDb.has(id) && !ackedNow.has(id)).length, statuses,
      })

      // Restart: the server serves every study acknowledged in this round, whole.
      server = await start(url)
      for (const id of ackedNow) {
        const { status, body } = await getJson(server.base, `/v1/studies/${id}`)
        expect(status).toBe(200)
        expect(body.experiments).toEqual(sent.get(id)?.experiments)
        expect(body.normalised.experiments).toHaveLength(sent.get(id)?.experiments.length ?? -1)
      }
      const health = await getJson(server.base, '/health')
      expect(health.body.counts.studies).toBe(seedCounts.studies + inDb.size)
    }
    await server.kill('SIGTERM')
    console.log(`crash rounds (seed ${SEED}):\n${stats.map((s) => `  round ${s.round}: killed ${s.killAfterMs} ms after the first acknowledged write; ${s.attempted} writes attempted, ${s.acknowledged} acknowledged, ${s.committedUnacknowledged} committed but unacknowledged; statuses ${JSON.stringify(s.statuses)}`).join('\n')}`)
    expect(stats.reduce((n, s) => n + s.acknowledged, 0)).toBeGreaterThan(0)
  })

  test('a kill during the first start-up (while seeding) leaves a database the next start completes', async () => {
    const rng = createRng(`startup:${SEED}`)
    for (let i = 0; i < 2; i++) {
      const url = `file:${join(dir, `startup-${i}.db`)}`
      const s = spawnServer({ DATABASE_URL: url, API_TOKEN: TOKEN, SEEDS_DIR: 'seeds', RULES_DIR: 'rules' }, await freePort())
      live.push(s)
      await sleep(rng.int(500, 3500))
      await s.kill('SIGKILL')
      await withClient(url, async (c) => {
        const tables = await c.execute(`select count(*) from sqlite_master`)
        if (Number(tables.rows[0]?.[0]) > 0) expect((await soundness(c)).integrity).toBe('ok')
      })
      const server = await start(url)
      const health = await getJson(server.base, '/health')
      expect(health.body.counts).toEqual({ studies: seedCounts.studies, experiments: seedCounts.experiments, observations: expect.any(Number) })
      await server.kill('SIGTERM')
      await withClient(url, async (c) => {
        expect(await soundness(c)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 })
        expect(await partialStudies(c)).toEqual([])
      })
    }
  })
})
