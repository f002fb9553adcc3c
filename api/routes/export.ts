/**
 * `GET /v1/export?format=csv|bibtex|csljson|jsonld` with the filters of
 * `/v1/studies`: the matching studies as a file.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { StudyFile } from '../../schema/files/study-file.ts'
import { toBibtex, toCslJson, toCsv, toJsonLd } from '../../src/export/index.ts'
import { matchingStudyIds, studyDocs } from '../../src/io/repo.ts'
import type { Deps } from '../deps.ts'
import { problemResponses } from './shared.ts'
import { resolveStudyFilter, StudyQuerySchema } from './studies.ts'

const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  bibtex: { type: 'application/x-bibtex; charset=utf-8', ext: 'bib' },
  csljson: { type: 'application/vnd.citationstyles.csl+json', ext: 'json' },
  jsonld: { type: 'application/ld+json', ext: 'jsonld' },
} as const

const ExportQuerySchema = StudyQuerySchema.omit({ limit: true, offset: true }).extend({
  format: z.enum(['csv', 'bibtex', 'csljson', 'jsonld']).openapi({ example: 'bibtex' }),
})

const route = createRoute({
  method: 'get', path: '/export', operationId: 'exportStudies', tags: ['knowledge base'],
  summary: 'Export the matching studies: CSV of experiments, BibTeX, CSL-JSON or JSON-LD (schema.org)',
  request: { query: ExportQuerySchema },
  responses: {
    200: { description: 'the export', content: { 'text/csv': { schema: z.string() }, 'application/x-bibtex': { schema: z.string() }, 'application/vnd.citationstyles.csl+json': { schema: z.string() }, 'application/ld+json': { schema: z.string() } } },
    ...problemResponses(400, 422),
  },
})

export function exportRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  app.openapi(route, async (c) => {
    const q = c.req.valid('query')
    const snap = deps.store.current
    const filter = resolveStudyFilter({ ...q, limit: 100, offset: 0 }, snap.vocab)
    const ids = await matchingStudyIds(deps.database.db, filter)
    const studies = (await studyDocs(deps.database.db, ids)) as unknown as StudyFile[]
    const body = q.format === 'csv' ? toCsv(studies) : q.format === 'bibtex' ? toBibtex(studies)
      : q.format === 'csljson' ? toCslJson(studies) : toJsonLd(studies, { techniques: snap.kb.vocab.techniques })
    const f = FORMATS[q.format]
    return c.body(body, 200, { 'content-type': f.type, 'content-disposition': `attachment; filename="li-anode-kb.${f.ext}"` })
  })
  return app
}
