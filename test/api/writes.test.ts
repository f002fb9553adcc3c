import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, test } from 'vitest'
import { countRows } from '../../src/io/repo.ts'
import { makeTestApp } from '../helpers/deps.ts'

const TOKEN = 'test-token-123456'
let ctx: Awaited<ReturnType<typeof makeTestApp>> | undefined
afterEach(() => { ctx?.close(); ctx = undefined })

const newStudy = async () => {
  const doc = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8'))
  doc.id = 'gamma-2024'; doc.doi = '10.9999/fixture.gamma'; doc.year = 2024; doc.title = 'Gamma study of columnar growth'
  doc.experiments[0].id = 'gamma-2024-fec'
  return doc
}
const send = (method: string, path: string, body: unknown, token?: string) => ctx!.app.request(path, {
  method, body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
})

describe('writes', () => {
  test('disabled without API_TOKEN: 403 saying how to enable them', async () => {
    ctx = await makeTestApp()
    const res = await send('POST', '/v1/studies', await newStudy())
    expect(res.status).toBe(403)
    expect((await res.json()).detail).toMatch(/API_TOKEN/)
  })

  test('a wrong or missing token is 401; the database is unchanged', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    expect((await send('POST', '/v1/studies', await newStudy())).status).toBe(401)
    expect((await send('POST', '/v1/studies', await newStudy(), 'nope')).status).toBe(401)
    expect(await countRows(ctx.deps.database.db)).toEqual({ studies: 2, experiments: 2, observations: 5 })
  })

  test('POST adds a study that list filters and evidence see at once; PUT replaces it', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    const fecCount = async () => ((await (await ctx!.app.request('/v1/studies?additive=FEC')).json()).facets.additive as Array<{ value: string; count: number }>)
      .find((f) => f.value === 'FEC')?.count ?? 0
    const before = await fecCount()
    expect(before).toBeGreaterThan(0)
    // Hide one FEC term behind the service's back: the second request is answered from the facet cache.
    const { client } = ctx.deps.database
    const term = (await client.execute("SELECT experiment_id FROM experiment_terms WHERE kind = 'additive' AND value = 'FEC' LIMIT 1")).rows[0]
    await client.execute({ sql: "DELETE FROM experiment_terms WHERE kind = 'additive' AND value = 'FEC' AND experiment_id = ?", args: [String(term?.experiment_id)] })
    expect(await fecCount()).toBe(before)
    await client.execute({ sql: "INSERT INTO experiment_terms (kind, value, experiment_id) VALUES ('additive', 'FEC', ?)", args: [String(term?.experiment_id)] })
    const doc = await newStudy()
    const created = await send('POST', '/v1/studies', doc, TOKEN)
    expect(created.status).toBe(201)
    expect(await fecCount()).toBe(before + 1) // a write starts a new knowledge-base version: counts are recomputed
    expect(await created.json()).toMatchObject({ id: 'gamma-2024', created: true, experiments: 1, observations: 1 })
    const list = await (await ctx.app.request('/v1/studies?additive=FEC')).json()
    expect(list.items.map((s: { id: string }) => s.id)).toContain('gamma-2024')
    expect(ctx.deps.store.current.evidence.items.some((e) => e.studyId === 'gamma-2024')).toBe(true)

    doc.title = 'Gamma study, revised'
    const replaced = await send('PUT', '/v1/studies/gamma-2024', doc, TOKEN)
    expect(replaced.status).toBe(200)
    expect((await (await ctx.app.request('/v1/studies/gamma-2024')).json()).title).toBe('Gamma study, revised')
    expect(await countRows(ctx.deps.database.db)).toEqual({ studies: 3, experiments: 3, observations: 6 })
  })

  test('POST of an existing id is 409; PUT of a seed study is 409', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    const doc = await newStudy()
    expect((await send('POST', '/v1/studies', doc, TOKEN)).status).toBe(201)
    expect((await send('POST', '/v1/studies', doc, TOKEN)).status).toBe(409)
    const seed = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8'))
    expect((await send('PUT', '/v1/studies/beta-2021', seed, TOKEN)).status).toBe(409)
  })

  test('an invalid document is 422 with a pointer per problem, and nothing is written', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    const doc = await newStudy()
    doc.experiments[0].currentDensity = { reported: '3 mA' }
    doc.experiments[0].electrolyte.additives[0].id = 'fluorine-magic'
    const res = await send('POST', '/v1/studies', doc, TOKEN)
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const pointers = (await res.json()).errors.map((e: { pointer: string }) => e.pointer)
    expect(pointers).toEqual(expect.arrayContaining(['/body/experiments/0/currentDensity/reported', '/body/experiments/0/electrolyte/additives/0/id']))
    expect(await countRows(ctx.deps.database.db)).toEqual({ studies: 2, experiments: 2, observations: 5 })
  })

  test('a DOI that another study already has is a 409 naming the field', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    const doc = await newStudy()
    doc.doi = '10.9999/FIXTURE.ALPHA'
    const res = await send('POST', '/v1/studies', doc, TOKEN)
    expect(res.status).toBe(409)
    expect((await res.json()).errors[0].pointer).toBe('/body/doi')
  })

  test('malformed JSON is a 400 problem, not a 500', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    const res = await send('POST', '/v1/studies', '{"id": ', TOKEN)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })

  test('PUT with a body id different from the path is a 400', async () => {
    ctx = await makeTestApp({ apiToken: TOKEN })
    const res = await send('PUT', '/v1/studies/other-2024', await newStudy(), TOKEN)
    expect(res.status).toBe(400)
  })
})
