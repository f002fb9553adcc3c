import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeTestApp } from '../helpers/deps.ts'

let ctx: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => { ctx = await makeTestApp({ seeds: 'seeds' }) })
afterAll(() => ctx.close())

const post = (path: string, body: unknown) => ctx.app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

describe('techniques', () => {
  test('GET /v1/techniques lists the vocabulary', async () => {
    const body = await (await ctx.app.request('/v1/techniques')).json()
    expect(body.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['planar-om', 'fib-sem', 'liquid-cell-tem', 'in-situ-afm', 'xrt']))
  })

  test('POST /v1/techniques/compare ranks TEM first for nanoscale SEI chemistry in a liquid, citing SEI studies', async () => {
    const res = await post('/v1/techniques/compare', { question: 'SEI composition at the nanoscale in a liquid electrolyte' })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.ranking[0].family).toBe('tem')
    const cited = body.ranking[0].variants.flatMap((v: { studies: Array<{ id: string }> }) => v.studies.map((s) => s.id))
    expect(cited).toEqual(expect.arrayContaining(['hou-2019']))
  })

  test('X-ray ranks first for the 3D structure of filaments in an intact solid-state cell', async () => {
    const body = await (await post('/v1/techniques/compare', { question: '3D internal structure of filaments in an intact solid-state cell' })).json()
    expect(body.ranking[0].family).toBe('xray')
  })

  test('a bad body is a 400 problem naming the field', async () => {
    const res = await post('/v1/techniques/compare', { question: 42 })
    expect(res.status).toBe(400)
    expect((await res.json()).errors[0].pointer).toBe('/body/question')
  })
})

describe('export', () => {
  test('BibTeX of the FEC studies has one entry each, with DOIs', async () => {
    const res = await ctx.app.request('/v1/export?format=bibtex&additive=FEC')
    expect(res.headers.get('content-type')).toContain('application/x-bibtex')
    const text = await res.text()
    expect(text).toContain('@article{huang-2023,')
    expect(text).toContain('@article{gong-2021,')
    expect(text.match(/@article\{/g)?.length).toBe(2)
  })

  test('CSV has a header and one row per experiment of the matching studies', async () => {
    const text = await (await ctx.app.request('/v1/export?format=csv&technique=afm')).text()
    const lines = text.trim().split('\r\n')
    expect(lines[0]).toMatch(/^study_id,/)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.slice(1).every((l) => l.startsWith('lin-2016,'))).toBe(true)
  })

  test('CSL-JSON and JSON-LD parse', async () => {
    const csl = await (await ctx.app.request('/v1/export?format=csljson&technique=xray')).json()
    expect(csl.every((i: { DOI?: string }) => typeof i.DOI === 'string')).toBe(true)
    const ld = await (await ctx.app.request('/v1/export?format=jsonld')).json()
    expect(ld['@context']).toBe('https://schema.org')
  })

  test('an unknown format is a 400 naming format', async () => {
    const res = await ctx.app.request('/v1/export?format=docx')
    expect(res.status).toBe(400)
    expect((await res.json()).errors[0].pointer).toBe('/query/format')
  })
})
