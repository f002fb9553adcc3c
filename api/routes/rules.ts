/**
 * `GET /v1/rules`, `GET /v1/rules/{id}`: the literature rule set with the
 * evidence each rule cites (study, DOI, figure).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { Snapshot } from '../../src/io/kb-store.ts'
import type { Deps } from '../deps.ts'
import { ProblemError, ProblemSchema } from '../problem.ts'

const RuleSchema = z.record(z.string(), z.unknown()).openapi('Rule', { description: 'a rule file (rules/**/*.json) with DOIs resolved' })

function withDois(rule: RuleFile, s: Snapshot) {
  const doi = (id: string) => s.studies.get(id)?.doi ?? null
  return {
    ...rule,
    evidence: rule.evidence.map((e) => ({ ...e, doi: doi(e.study) })),
    disputedBy: rule.disputedBy.map((d) => ({ ...d, doi: doi(d.study) })),
  }
}

const list = createRoute({
  method: 'get', path: '/rules', operationId: 'listRules', tags: ['prediction'], summary: 'The literature rules',
  request: { query: z.object({ study: z.string().max(100).optional().openapi({ description: 'only rules citing this study id' }) }) },
  responses: { 200: { description: 'rules', content: { 'application/json': { schema: z.object({ total: z.number().int(), items: z.array(RuleSchema) }) } } } },
})
const one = createRoute({
  method: 'get', path: '/rules/{id}', operationId: 'getRule', tags: ['prediction'], summary: 'One rule with its evidence',
  request: { params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) }) },
  responses: {
    200: { description: 'the rule', content: { 'application/json': { schema: RuleSchema } } },
    404: { description: 'no such rule', content: { 'application/problem+json': { schema: ProblemSchema } } },
  },
})

export function ruleRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  app.openapi(list, (c) => {
    const s = deps.store.current
    const { study } = c.req.valid('query')
    const items = s.rules.filter((r) => !study || r.studies.includes(study)).map((r) => withDois(r, s))
    return c.json({ total: items.length, items }, 200)
  })
  app.openapi(one, (c) => {
    const s = deps.store.current
    const rule = s.rules.find((r) => r.id === c.req.valid('param').id)
    if (!rule) throw new ProblemError(404, 'about:blank', 'Not Found', `no rule with id "${c.req.valid('param').id}"`)
    return c.json(withDois(rule, s), 200)
  })
  return app
}
