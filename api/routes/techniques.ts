/**
 * `GET /v1/techniques`: the technique vocabulary. `POST /v1/techniques/compare`:
 * rank technique families and variants for a research question, with the
 * knowledge-base studies that used each for similar questions.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { compareTechniques } from '../../src/techniques/index.ts'
import type { Deps } from '../deps.ts'
import { problemResponses } from './shared.ts'

const ConstraintsSchema = z.strictObject({
  liquidElectrolyte: z.boolean().optional(), intactCell: z.boolean().optional(), nanoscale: z.boolean().optional(),
  timeResolved: z.boolean().optional(), avoidBeamDamage: z.boolean().optional(), solidState: z.boolean().optional(),
  threeD: z.boolean().optional(), chemistry: z.boolean().optional(),
}).openapi('TechniqueConstraints')

const CompareBodySchema = z.strictObject({
  question: z.string().max(500).openapi({ example: 'SEI composition at the nanoscale in a liquid electrolyte' }),
  constraints: ConstraintsSchema.optional(),
}).openapi('TechniqueQuestion')

const list = createRoute({
  method: 'get', path: '/techniques', operationId: 'listTechniques', tags: ['techniques'],
  summary: 'Microscopy techniques: resolution, environment, liquid compatibility, what each reveals, artefacts',
  responses: { 200: { description: 'techniques', content: { 'application/json': { schema: z.object({ total: z.number().int(), items: z.array(z.record(z.string(), z.unknown())) }) } } } },
})
const compare = createRoute({
  method: 'post', path: '/techniques/compare', operationId: 'compareTechniques', tags: ['techniques'],
  summary: 'Rank techniques for a research question',
  request: { body: { required: true, content: { 'application/json': { schema: CompareBodySchema } } } },
  responses: {
    200: { description: 'ranking with needs, strengths, limits and studies', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('TechniqueComparison') } } },
    ...problemResponses(400),
  },
})

export function techniqueRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  app.openapi(list, (c) => {
    const items = deps.store.current.kb.vocab.techniques
    return c.json({ total: items.length, items: items as unknown as Record<string, unknown>[] }, 200)
  })
  app.openapi(compare, (c) => {
    const { question, constraints } = c.req.valid('json')
    return c.json(compareTechniques(question, constraints, deps.store.current.kb) as unknown as Record<string, unknown>, 200)
  })
  return app
}
