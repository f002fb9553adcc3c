import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { countRows } from '../../src/io/repo.ts'
import type { Deps } from '../deps.ts'

const HealthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['file', 'memory', 'remote']),
  seedHash: z.string(),
  counts: z.object({ studies: z.number().int(), experiments: z.number().int(), observations: z.number().int() }),
}).openapi('Health')

const route = createRoute({
  method: 'get', path: '/health', operationId: 'health', tags: ['service'],
  summary: 'Service status and knowledge-base counts',
  responses: { 200: { description: 'ok', content: { 'application/json': { schema: HealthSchema } } } },
})

export function healthRoutes(deps: Deps) {
  const kind = deps.database.url === ':memory:' ? 'memory' : deps.database.url.startsWith('file:') ? 'file' : 'remote'
  return new OpenAPIHono().openapi(route, async (c) =>
    c.json({ status: 'ok' as const, database: kind, seedHash: deps.seedHash, counts: await countRows(deps.database.db) }, 200))
}
