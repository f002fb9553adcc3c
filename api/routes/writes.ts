/**
 * `POST /v1/studies`, `PUT /v1/studies/{id}`: add or replace a study with its
 * experiments and observations. The body is validated exactly like a seed
 * file, the write is one transaction, and search and prediction evidence see
 * it as soon as the response is sent. Writes need `Authorization: Bearer
 * <API_TOKEN>`; without API_TOKEN they are disabled.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context, Next } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { validateStudyDocs } from '../../src/kb/validate.ts'
import { takenIdentifiers } from '../../src/io/repo.ts'
import type { Deps } from '../deps.ts'
import { invalid, ProblemError } from '../problem.ts'
import { problemResponses } from './shared.ts'

const StudyBodySchema = z.record(z.string(), z.unknown()).openapi('StudyDocument', {
  description: 'a study document in the shape of seeds/studies/*.json (schema/files/study-file.ts)',
})
const WriteResultSchema = z.object({ id: z.string(), created: z.boolean(), experiments: z.number().int(), observations: z.number().int(), version: z.number().int() }).openapi('WriteResult')

const writeResponses = {
  200: { description: 'replaced', content: { 'application/json': { schema: WriteResultSchema } } },
  201: { description: 'created', content: { 'application/json': { schema: WriteResultSchema } } },
  ...problemResponses(400, 401, 403, 409, 413, 422),
}
const body = { required: true, content: { 'application/json': { schema: StudyBodySchema } } }

const createStudy = createRoute({
  method: 'post', path: '/studies', operationId: 'createStudy', tags: ['knowledge base'],
  summary: 'Add a study (bearer token)', security: [{ bearerAuth: [] }],
  request: { body }, responses: writeResponses,
})
const replaceStudy = createRoute({
  method: 'put', path: '/studies/{id}', operationId: 'replaceStudy', tags: ['knowledge base'],
  summary: 'Add or replace a study (bearer token)', security: [{ bearerAuth: [] }],
  request: { params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' } }) }), body },
  responses: writeResponses,
})

/** Writes are refused with a 403 that says how to enable them when no token is configured. */
export function requireWriteToken(token: string | undefined) {
  const auth = token ? bearerAuth({ token }) : undefined
  return async (c: Context, next: Next) => {
    if (!auth) throw new ProblemError(403, '/problems/writes-disabled', 'Writes are disabled', 'start the service with API_TOKEN=<secret> and send Authorization: Bearer <secret>')
    return auth(c, next)
  }
}

export function writeRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  const guard = requireWriteToken(deps.apiToken)
  app.use('/studies', async (c, next) => (c.req.method === 'POST' ? guard(c, next) : next()))
  app.use('/studies/:id', async (c, next) => (c.req.method === 'PUT' ? guard(c, next) : next()))

  const save = async (body: unknown, expectedId: string | undefined, mode: 'create' | 'replace') => {
    const snap = deps.store.current
    const b = body as { id?: unknown; doi?: unknown; experiments?: unknown }
    const id = typeof b.id === 'string' ? b.id : undefined
    if (expectedId !== undefined && id !== expectedId) throw invalid([{ pointer: '/body/id', detail: `must equal the path id "${expectedId}"` }])
    if (id && snap.studies.has(id)) throw new ProblemError(409, '/problems/conflict', 'Seed study', `"${id}" comes from seeds/ and is changed there, not through the API`)
    // Duplicate checks against the database: only the identifiers this document uses are looked up.
    const experimentIds = Array.isArray(b.experiments)
      ? b.experiments.flatMap((e) => (typeof (e as { id?: unknown })?.id === 'string' ? [(e as { id: string }).id] : [])).slice(0, 1000)
      : []
    const taken = await takenIdentifiers(deps.database.db, { id, doi: typeof b.doi === 'string' ? b.doi : undefined, experimentIds })
    if (taken.exists && mode === 'create') throw new ProblemError(409, '/problems/conflict', 'Study exists', `a study with id "${id}" exists; use PUT /v1/studies/${id} to replace it`)
    const { studies, problems } = validateStudyDocs([{ file: 'body', json: body }], snap.kb.vocab, { experiments: taken.experiments, dois: taken.dois })
    const study = studies[0]
    if (problems.length > 0 || !study) {
      const clash = problems.filter((p) => /^duplicate/.test(p.message))
      const errors = problems.map((p) => ({ pointer: `/body${p.pointer}`, detail: p.message }))
      if (clash.length > 0) throw new ProblemError(409, '/problems/conflict', 'Conflicts with an existing study', errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors)
      throw new ProblemError(422, '/problems/invalid-study', 'Study document is not valid', `${errors.length} problem(s)`, errors)
    }
    try {
      await deps.store.putUserStudy(study)
    } catch (e) {
      // A concurrent write took the DOI or an experiment id between the check above and this write.
      if (/UNIQUE constraint failed/i.test(String((e as Error)?.message ?? e))) {
        throw new ProblemError(409, '/problems/conflict', 'Conflicts with an existing study', `another study holds an identifier of "${study.id}" (DOI or experiment id)`)
      }
      throw e
    }
    return {
      id: study.id, created: !taken.exists, experiments: study.experiments.length,
      observations: study.experiments.reduce((n, e) => n + e.observations.length, 0), version: deps.store.current.version,
    }
  }

  app.openapi(createStudy, async (c) => c.json(await save(c.req.valid('json'), undefined, 'create'), 201))
  app.openapi(replaceStudy, async (c) => {
    const result = await save(c.req.valid('json'), c.req.valid('param').id, 'replace')
    return c.json(result, result.created ? 201 : 200)
  })
  return app
}
