import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeTestApp } from '../helpers/deps.ts'

let ctx: Awaited<ReturnType<typeof makeTestApp>>
const TOKEN = 'search-after-write-token'
beforeAll(async () => { ctx = await makeTestApp({ seeds: 'seeds', apiToken: TOKEN }) })
afterAll(() => ctx.close())

const get = async (path: string) => { const res = await ctx.app.request(path); return { res, body: await res.json() as Record<string, any> } }
const post = async (path: string, body: unknown) => {
  const res = await ctx.app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } })
  return { res, body: await res.json() as Record<string, any> }
}
const ask = (q: string) => get(`/v1/ask?q=${encodeURIComponent(q)}`)

describe('GET /v1/ask', () => {
  test('"what happens at 3 mA cm-2 with FEC": parsed, predicted compact, evidence within ×2, answer cites Huang 2023', async () => {
    const { res, body } = await ask('what happens at 3 mA cm-2 with FEC')
    expect(res.status).toBe(200)
    expect(body.query.parsed.conditions).toMatchObject({ currentDensity_mA_cm2: 3, electrolyte: { additives: [{ id: 'FEC' }] } })
    expect(body.prediction.morphology.family).toBe('compact')
    expect(body.evidence.tolerance.currentDensityFactor).toBe(2)
    expect(body.evidence.items.every((e: any) => e.conditions.currentDensity_mA_cm2 >= 1.5 && e.conditions.currentDensity_mA_cm2 <= 6)).toBe(true)
    expect(body.answer).toMatch(/Huang 2023/)
  })

  test('"Li||Cu 1 M LiPF6 EC:DEC + 5 wt% FEC at 2 mA/cm2" reads cell, salt, solvents and additive amount', async () => {
    const { body } = await ask('Li||Cu 1 M LiPF6 EC:DEC + 5 wt% FEC at 2 mA/cm2')
    expect(body.query.parsed.conditions).toMatchObject({
      cell: 'Li-Cu', currentDensity_mA_cm2: 2,
      electrolyte: { salts: [{ id: 'LiPF6', concentration_M: 1 }], additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }] },
    })
    expect(body.prediction.rules.map((r: any) => r.id)).toContain('fec-lif-rich-compact')
  })

  test('"garnet LLZTO at 0.5 mA cm⁻² and 60 °C" → solid electrolyte at 60 °C', async () => {
    const { body } = await ask('garnet LLZTO at 0.5 mA cm⁻² and 60 °C')
    expect(body.query.parsed.conditions).toMatchObject({ currentDensity_mA_cm2: 0.5, temperature_C: 60, electrolyte: { solid: { id: 'LLZTO' } } })
    expect(body.prediction.simulation.ran).toBe(true)
  })

  test('"50 µA/cm2 on Cu with LiPON" matches the LiPON/Cu SEM studies', async () => {
    const { body } = await ask('50 µA/cm2 on Cu with LiPON')
    const ids = body.evidence.items.map((e: any) => e.studyId)
    expect(ids).toEqual(expect.arrayContaining(['sagane-2013']))
  })

  test('"compare OM and TEM for SEI" is a technique comparison', async () => {
    const { body } = await ask('compare OM and TEM for SEI')
    expect(body.query.intent).toBe('compare-techniques')
    expect(body.techniques.ranking.length).toBe(5)
    expect(body.prediction).toBeNull()
  })

  test('gibberish gets an answer that says nothing was understood, never a 500', async () => {
    const { res, body } = await ask('qwerty zxcv')
    expect(res.status).toBe(200)
    expect(body.query.unrecognised.length).toBeGreaterThan(0)
  })

  test('an over-long question is a 400 naming q', async () => {
    const { res, body } = await ask('x'.repeat(600))
    expect(res.status).toBe(400)
    expect(body.errors[0].pointer).toBe('/query/q')
  })
})

describe('POST /v1/predict', () => {
  const text = { cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', substrate: 'Cu', currentDensity: '3 mA cm-2', capacity: '1 mAh cm-2', temperature: '25 °C', stackPressure: '0.35 MPa', separator: '25 µm PE' }

  test('the text form and the structured form give the same prediction', async () => {
    const a = await post('/v1/predict', text)
    expect(a.res.status).toBe(200)
    const structured = a.body.configuration
    const b = await post('/v1/predict', structured)
    expect(b.res.status).toBe(200)
    expect(b.body.morphology).toEqual(a.body.morphology)
    expect(a.body.morphology.family).toBe('compact')
  })

  test('a solid electrolyte by name', async () => {
    const { res, body } = await post('/v1/predict', { electrolyte: 'LLZTO', currentDensity: '5 mA cm-2', substrate: 'Au' })
    expect(res.status).toBe(200)
    expect(body.shortRisk.level).toBe('high')
  })

  test('a bad unit is a 400 naming the field; an unknown material is a 422 with suggestions', async () => {
    const bad = await post('/v1/predict', { ...text, currentDensity: '3 mA' })
    expect(bad.res.status).toBe(400)
    expect(bad.body.errors[0].pointer).toBe('/body/currentDensity')
    const unknown = await post('/v1/predict', { ...text, substrate: 'coper' })
    expect(unknown.res.status).toBe(422)
    expect(unknown.body.errors[0]).toMatchObject({ pointer: '/body/substrate', suggestions: expect.arrayContaining(['Cu']) })
  })

  test('structured: a negative current density is a 400 naming it; an unknown additive name is a 422', async () => {
    const neg = await post('/v1/predict', { electrolyte: { salts: [{ id: 'LiPF6' }] }, currentDensity_mA_cm2: -1 })
    expect(neg.res.status).toBe(400)
    expect(neg.body.errors[0].pointer).toBe('/body/currentDensity_mA_cm2')
    const add = await post('/v1/predict', { electrolyte: { additives: [{ id: 'fluoroethylene carbonate' }, { id: 'unicornium' }] }, currentDensity_mA_cm2: 1 })
    expect(add.res.status).toBe(422)
    expect(add.body.errors.map((e: any) => e.pointer)).toEqual(['/body/electrolyte/additives/1/id'])
  })

  test('malformed JSON and a non-JSON content type are clean 4xx problems', async () => {
    expect((await post('/v1/predict', '{"cell": ')).res.status).toBe(400)
    const res = await ctx.app.request('/v1/predict', { method: 'POST', body: 'cell=Li', headers: { 'content-type': 'text/plain' } })
    expect([400, 415]).toContain(res.status)
  })
})

describe('POST /v1/simulate', () => {
  test('fast and detailed modes, with the series asked for', async () => {
    const body = { electrolyte: '1 M LiPF6 in EC:DMC', currentDensity: '20 mA cm-2', capacity: '2 mAh cm-2', separator: 'glass fibre', options: { mode: 'detailed', seed: 3, series: ['voltage'] } }
    const { res, body: out } = await post('/v1/simulate', body)
    expect(res.status).toBe(200)
    expect(out.quantities.sandTime.unit).toBe('s')
    expect(out.series.voltage).toBeDefined()
    expect(out.mode).toBe('detailed')
  })

  test('bad options name the field', async () => {
    const { res, body } = await post('/v1/simulate', { electrolyte: 'LLZTO', currentDensity: '1 mA cm-2', options: { mode: 'turbo' } })
    expect(res.status).toBe(400)
    expect(body.errors[0].pointer).toBe('/body/options/mode')
  })
})

describe('POST /v1/plan', () => {
  test('brackets the transitions over a current-density range, with and without FEC, each row with a technique', async () => {
    const { res, body } = await post('/v1/plan', {
      question: 'does FEC keep Li compact at high current?',
      baseConfiguration: { cell: 'Li||Li', electrolyte: '1 M LiPF6 in EC:DMC', currentDensity: '1 mA cm-2', capacity: '2 mAh cm-2', separator: 'glass fibre' },
      vary: [{ parameter: 'currentDensity', range: ['0.1 mA cm-2', '30 mA cm-2'] }, { parameter: 'additive', values: ['FEC'] }],
    })
    expect(res.status).toBe(200)
    expect(body.rows.length).toBeGreaterThan(3)
    expect(body.rows.length).toBeLessThanOrEqual(12)
    expect(body.rows[0].role).toBe('control')
    expect(body.thresholds.some((t: any) => /limiting current/.test(t.name))).toBe(true)
    expect(body.rows.every((r: any) => r.technique.family && r.why)).toBe(true)
    expect(new Set(body.rows.slice(1).map((r: any) => r.conditions.additive))).toEqual(new Set(['none', 'FEC']))
  })

  test('a range with a bad unit names the element', async () => {
    const { res, body } = await post('/v1/plan', { baseConfiguration: { electrolyte: 'LLZTO', currentDensity: '0.1 mA cm-2' }, vary: [{ parameter: 'currentDensity', range: ['0.1 mA', '1 mA cm-2'] }] })
    expect(res.status).toBe(400)
    expect(body.errors[0].pointer).toBe('/body/vary/0/range/0')
  })
})

describe('GET /v1/search', () => {
  test('chemical names, fields and units; hits carry study id, DOI, score and matching fields', async () => {
    const { body } = await get('/v1/search?q=LiPF6')
    expect(body.total).toBeGreaterThan(5)
    expect(body.hits[0]).toMatchObject({ studyId: expect.any(String), doi: expect.stringMatching(/^10\./), score: expect.any(Number), fields: expect.any(Array) })
    const garnet = await get(`/v1/search?q=${encodeURIComponent('Li7La3Zr2O12')}`)
    expect(garnet.body.total).toBeGreaterThan(0)
    const unit = await get(`/v1/search?q=${encodeURIComponent('5 mA/cm2')}`)
    expect(unit.body.hits.map((h: any) => h.studyId)).toContain('wood-2016')
  })

  test('lunr syntax errors are a 400 with the position', async () => {
    const { res, body } = await get('/v1/search?q=title%3A')
    expect(res.status).toBe(400)
    expect(body).toMatchObject({ start: 0, end: 5 })
    expect(body.errors[0].pointer).toBe('/query/q')
  })

  test('a study written through the API is found right after', async () => {
    expect((await get('/v1/search?q=quasicolumnar')).body.total).toBe(0)
    const doc = JSON.parse(await readFile('test/fixtures/seeds/studies/beta-2021.json', 'utf8'))
    Object.assign(doc, { id: 'omega-2025', doi: '10.9999/search.omega', title: 'Omega study of quasicolumnar lithium' })
    doc.experiments[0].id = 'omega-2025-fec'
    const res = await ctx.app.request('/v1/studies', { method: 'POST', body: JSON.stringify(doc), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(201)
    const { body } = await get('/v1/search?q=quasicolumnar')
    expect(body.hits.map((h: any) => h.studyId)).toEqual(['omega-2025'])
  })
})
