import SwaggerParser from '@apidevtools/swagger-parser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { makeTestApp } from '../helpers/deps.ts'

let ctx: Awaited<ReturnType<typeof makeTestApp>>
beforeAll(async () => { ctx = await makeTestApp() })
afterAll(() => ctx.close())

describe('OpenAPI document and docs', () => {
  test('GET /openapi.json is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    const doc = await (await ctx.app.request('/openapi.json')).json()
    expect(doc.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined()
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) => Object.values(p))
    expect(ops.every((o) => typeof o.operationId === 'string')).toBe(true)
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['StructuredConfiguration', 'TextConfiguration', 'Problem']))
  })

  test('GET /docs serves Swagger UI with local assets only', async () => {
    const html = await (await ctx.app.request('/docs')).text()
    expect(html).toContain('/docs/assets/swagger-ui-bundle.js')
    expect(html).not.toMatch(/https?:\/\//)
    const js = await ctx.app.request('/docs/assets/swagger-ui-bundle.js')
    expect(js.status).toBe(200)
    expect((await js.arrayBuffer()).byteLength).toBeGreaterThan(100_000)
    expect((await ctx.app.request('/docs/assets/../../package.json')).status).toBe(404)
  })

  test('unknown routes are a 404 problem', async () => {
    const res = await ctx.app.request('/v1/nope')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
  })
})
