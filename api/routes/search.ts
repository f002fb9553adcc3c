/**
 * `GET /v1/search?q=…`: full-text search over studies, experiments and
 * observations with lunr's query syntax (terms, `field:term`, `+required`,
 * `-prohibited`, `term^boost`, `term~1`, `term*`) and lunr's scoring, served
 * from the SQLite FTS5 index that is written with each study (so it needs no
 * rebuild and scales; see src/search/engine.ts). Query errors are 400 with the
 * character positions.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { ftsEngine, searchQueryProblem } from '../../src/search/engine.ts'
import { SearchQueryError } from '../../src/search/query.ts'
import type { Deps } from '../deps.ts'
import { problem } from '../problem.ts'
import { problemResponses } from './shared.ts'

const HitSchema = z.object({
  ref: z.string(), studyId: z.string(), doi: z.string(), kind: z.enum(['study', 'experiment', 'observation']),
  score: z.number(), fields: z.array(z.string()), snippet: z.string(),
}).openapi('SearchHit')

const route = createRoute({
  method: 'get', path: '/search', operationId: 'search', tags: ['knowledge base'],
  summary: 'Full-text search (lunr query syntax) over studies, experiments and observations',
  request: {
    query: z.object({
      q: z.string().min(1).max(200).openapi({ example: 'LiPF6 +dendrit*' }),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).max(10_000).default(0),
    }),
  },
  responses: {
    200: { description: 'hits, best first, with the study id, DOI, score and the fields that matched', content: { 'application/json': { schema: z.object({ query: z.string(), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), hits: z.array(HitSchema) }).openapi('SearchResult') } } },
    ...problemResponses(400),
  },
})

export function searchRoutes(deps: Deps) {
  const engine = ftsEngine(deps.database.client)
  const app = new OpenAPIHono()
  app.openapi(route, async (c) => {
    const { q, limit, offset } = c.req.valid('query')
    try {
      const result = await engine.search(q, { limit, offset })
      return c.json({ query: q, total: result.total, limit, offset, hits: result.hits }, 200)
    } catch (e) {
      if (!(e instanceof SearchQueryError)) throw e
      return problem(c, searchQueryProblem(e)) as never
    }
  })
  return app
}
