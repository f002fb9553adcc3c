import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeTestApp } from '../helpers/deps.ts'

let ctx: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => { ctx = await makeTestApp() })
afterAll(() => ctx.close())

const get = async (path: string) => {
  const res = await ctx.app.request(path)
  return { res, body: await res.json() as Record<string, any> }
}

describe('GET /health', () => {
  test('reports status and counts', async () => {
    const { res, body } = await get('/health')
    expect(res.status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', database: 'memory', counts: { studies: 2, experiments: 2, observations: 5 } })
  })
})

describe('GET /v1/studies', () => {
  test('lists all studies newest first with their experiments', async () => {
    const { body } = await get('/v1/studies')
    expect(body.total).toBe(2)
    expect(body.items.map((s: { id: string }) => s.id)).toEqual(['beta-2021', 'alpha-2016'])
  })

  test('filters by additive through its full name', async () => {
    const { body } = await get('/v1/studies?additive=fluoroethylene%20carbonate')
    expect(body.items.map((s: { id: string }) => s.id)).toEqual(['beta-2021'])
    expect(body.items[0].experiments[0]).toMatchObject({ electrolyte: { additives: ['FEC'] }, currentDensity: { min_mA_cm2: 0.5 } })
  })

  test('a current-density range in mA cm⁻² and the same range in µA cm⁻² give the same result', async () => {
    const a = await get('/v1/studies?jMin=2&jMax=6')
    const b = await get('/v1/studies?jMin=2000&jMax=6000&jUnit=uA/cm2')
    const c = await get(`/v1/studies?jMin=${encodeURIComponent('2000 µA cm⁻²')}&jMax=${encodeURIComponent('6 mA/cm2')}`)
    expect(a.body.items.map((s: { id: string }) => s.id)).toEqual(['alpha-2016'])
    expect(b.body.items).toEqual(a.body.items)
    expect(c.body.items).toEqual(a.body.items)
  })

  test('filters by technique family, morphology family and term, substrate', async () => {
    expect((await get('/v1/studies?technique=TEM')).body.total).toBe(1)
    expect((await get('/v1/studies?technique=optical')).body.total).toBe(1)
    expect((await get('/v1/studies?morphology=compact')).body.items[0].id).toBe('beta-2021')
    expect((await get('/v1/studies?morphology=columns')).body.items[0].id).toBe('beta-2021')
    expect((await get('/v1/studies?substrate=copper')).body.items[0].id).toBe('beta-2021')
    expect((await get('/v1/studies?electrolyteClass=carbonate')).body.total).toBe(2)
  })

  test('paginates', async () => {
    const { body } = await get('/v1/studies?limit=1&offset=1')
    expect(body).toMatchObject({ total: 2, limit: 1, offset: 1 })
    expect(body.items.map((s: { id: string }) => s.id)).toEqual(['alpha-2016'])
  })

  test('a bad unit is a 400 problem naming the field', async () => {
    const { res, body } = await get('/v1/studies?jMin=5%20mA')
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(body.errors[0]).toMatchObject({ pointer: '/query/jMin' })
    expect(body.errors[0].detail).toMatch(/current density/)
  })

  test('an unknown additive is a 422 with suggestions', async () => {
    const { res, body } = await get('/v1/studies?additive=FCE')
    expect(res.status).toBe(422)
    expect(body.errors[0]).toMatchObject({ pointer: '/query/additive', suggestions: expect.arrayContaining(['FEC']) })
  })

  test('an out-of-range page size is a 400 naming limit', async () => {
    const { res, body } = await get('/v1/studies?limit=1000')
    expect(res.status).toBe(400)
    expect(body.errors[0].pointer).toBe('/query/limit')
  })

  test('jMin above jMax is refused', async () => {
    const { res } = await get('/v1/studies?jMin=10&jMax=1')
    expect(res.status).toBe(400)
  })
})

describe('GET /v1/studies/{id}', () => {
  test('returns the whole document with normalised quantities', async () => {
    const { res, body } = await get('/v1/studies/beta-2021')
    expect(res.status).toBe(200)
    expect(body.experiments[0].observations[0].summary).toBe('Dense columns grow.')
    expect(body.normalised.quantities).toContainEqual(expect.objectContaining({ field: 'capacity', min: 1, unit: 'mAh/cm2' }))
  })

  test('404 problem for an unknown id', async () => {
    const { res, body } = await get('/v1/studies/nope-1999')
    expect(res.status).toBe(404)
    expect(body).toMatchObject({ status: 404, title: 'Not Found' })
    expect(body.request_id).toBeTruthy()
  })
})

describe('facets and experiments', () => {
  test('studies carry facet counts of the matching studies', async () => {
    const { body } = await get('/v1/studies')
    expect(body.facets.technique).toEqual(expect.arrayContaining([{ value: 'optical', count: 1 }, { value: 'tem', count: 1 }]))
    expect(body.facets.additive).toEqual([{ value: 'FEC', count: 1 }])
    expect(body.facets.year).toEqual(expect.arrayContaining([{ value: '2016', count: 1 }, { value: '2021', count: 1 }]))
  })

  test('GET /v1/experiments filters the same way and counts experiments', async () => {
    const { res, body } = await get('/v1/experiments?morphology=compact')
    expect(res.status).toBe(200)
    expect(body.items.map((e: { id: string }) => e.id)).toEqual(['beta-2021-fec'])
    expect(body.items[0].study).toMatchObject({ id: 'beta-2021', year: 2021 })
    expect(body.facets.morphology).toEqual([{ value: 'compact', count: 1 }])
  })
})
