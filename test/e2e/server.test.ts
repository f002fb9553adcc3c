/**
 * End to end through the real server process on a free port and a fresh file
 * database: ask → predict → write (with token) → search finds the new study →
 * restart → it is still there.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startServer, type ServerProcess } from '../../src/synth/harness.ts'

const TOKEN = 'e2e-token-0123456789'
let dir: string
let server: ServerProcess | undefined

/** The real server (api/server.ts) on a free port, ready when /health answers. */
async function start(): Promise<void> {
  server = await startServer({ DATABASE_URL: `file:${join(dir, 'kb.db')}`, API_TOKEN: TOKEN })
}

async function stop(): Promise<void> {
  await server?.kill('SIGTERM')
}

const url = (path: string) => `${server?.base}${path}`
const json = async (res: Response) => ({ status: res.status, body: await res.json() as Record<string, any> })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-e2e-'))
  await start()
}, 90_000)
afterAll(async () => { await stop(); await rm(dir, { recursive: true, force: true }) })

test('ask → predict → write → search → restart → still there', async () => {
  const asked = await json(await fetch(url(`/v1/ask?q=${encodeURIComponent('what happens at 3 mA cm-2 with FEC')}`)))
  expect(asked.status).toBe(200)
  expect(asked.body.prediction.morphology.family).toBeTruthy()

  const predicted = await json(await fetch(url('/v1/predict'), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', currentDensity: '3 mA cm-2' }),
  }))
  expect(predicted.status).toBe(200)

  const doc = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8'))
  doc.id = 'zeta-2025'; doc.doi = '10.9999/e2e.zeta'; doc.title = 'Zeta study of quasicolumnar lithium'
  doc.experiments[0].id = 'zeta-2025-fec'
  const unauthorised = await fetch(url('/v1/studies'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(doc) })
  expect(unauthorised.status).toBe(401)
  const written = await fetch(url('/v1/studies'), {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(doc),
  })
  expect(written.status).toBe(201)

  const found = await json(await fetch(url('/v1/search?q=quasicolumnar')))
  expect(found.body.hits.map((h: { studyId: string }) => h.studyId)).toContain('zeta-2025')

  await stop()
  await start()
  const after = await json(await fetch(url('/v1/studies/zeta-2025')))
  expect(after.status).toBe(200)
  expect(after.body.title).toBe('Zeta study of quasicolumnar lithium')
  const again = await json(await fetch(url('/v1/search?q=quasicolumnar')))
  expect(again.body.hits.map((h: { studyId: string }) => h.studyId)).toContain('zeta-2025')
  const health = await json(await fetch(url('/health')))
  expect(health.body.counts.studies).toBe(52)
}, 120_000)
