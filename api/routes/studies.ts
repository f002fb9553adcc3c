/**
 * `/v1/studies`: list with condition filters (technique, electrolyte class,
 * additive, substrate, morphology, current-density range in any unit) and
 * one study with everything recorded about it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { facetCounts, getStudy, listExperiments, listStudies, type Facets } from '../../src/io/repo.ts'
import type { ExperimentFilter, Page } from '../../src/kb/filters.ts'
import type { Db } from '../../src/io/db.ts'
import type { VocabIndex, VocabKind } from '../../src/kb/vocab-index.ts'
import { parseQuantity, UnitError } from '../../src/units/parse.ts'
import type { Deps } from '../deps.ts'
import { invalid, ProblemError, ProblemSchema, unknownTerm, type FieldError } from '../problem.ts'
import { problemResponses } from './shared.ts'

/** Filters whose facet counts are kept (per knowledge-base version). */
const FACET_CACHE_SIZE = 256

const term = (description: string, example: string) =>
  z.string().min(1).max(200).optional().openapi({ description, example })

export const StudyQuerySchema = z.object({
  technique: term('technique family (optical, sem, tem, afm, xray) or technique name/id (e.g. "FIB-SEM", "liquid-cell-tem")', 'optical'),
  electrolyteClass: term('carbonate, ether, glyme, sulfoxide, mixed, garnet, sulfide, oxynitride, polymer — or an electrolyte kind (liquid, solid-inorganic, polymer)', 'carbonate'),
  additive: term('additive name, abbreviation or formula (FEC, fluoroethylene carbonate, LPF, LiPO2F2, CsPF6…)', 'FEC'),
  salt: term('salt (LiPF6, LiTFSI…)', 'LiPF6'),
  solvent: term('solvent (EC, DMC, DME…)', 'EC'),
  substrate: term('substrate, current collector or coating (Cu, In, Pt, Ag…)', 'Cu'),
  solidElectrolyte: term('solid electrolyte (LLZTO, LiPON, LPS…)', 'LLZTO'),
  morphology: term('morphology family (compact, mossy, whisker, dendritic, penetrating) or term (needle, columnar…)', 'whisker'),
  jMin: z.string().max(50).optional().openapi({ description: 'lower bound of current density: a number in mA cm⁻² (or in jUnit), or a quantity with unit such as "500 µA cm-2"', example: '2' }),
  jMax: z.string().max(50).optional().openapi({ description: 'upper bound of current density, same forms as jMin', example: '6' }),
  jUnit: z.string().max(20).optional().openapi({ description: 'unit for plain-number jMin/jMax (default mA/cm2), e.g. "uA/cm2"', example: 'mA/cm2' }),
  yearMin: z.coerce.number().int().min(1900).max(2100).optional(),
  yearMax: z.coerce.number().int().min(1900).max(2100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type StudyQuery = z.infer<typeof StudyQuerySchema>

const ExperimentSummarySchema = z.object({
  id: z.string(),
  label: z.string(),
  technique: z.object({ family: z.string(), variant: z.string(), mode: z.string() }),
  cell: z.string(),
  electrolyte: z.object({
    kind: z.string(), class: z.string().nullable(), name: z.string(), salts: z.array(z.string()),
    solvents: z.array(z.string()), additives: z.array(z.string()), solid: z.string().nullable(),
  }),
  substrate: z.string().nullable(),
  coatings: z.array(z.string()),
  currentDensity: z.object({ reported: z.string().nullable(), min_mA_cm2: z.number().nullable(), max_mA_cm2: z.number().nullable() }),
  morphologyFamilies: z.array(z.string()),
}).openapi('ExperimentSummary')

const StudyListItemSchema = z.object({
  id: z.string(), year: z.number(), title: z.string(), authors: z.array(z.string()), journal: z.string(), doi: z.string(),
  role: z.string(), techniques: z.array(z.string()), summary: z.string(), experiments: z.array(ExperimentSummarySchema),
}).openapi('StudyListItem')

const FacetList = z.array(z.object({ value: z.string(), count: z.number().int() }))
export const FacetsSchema = z.object({
  technique: FacetList, electrolyteClass: FacetList, additive: FacetList, substrate: FacetList, morphology: FacetList, year: FacetList,
}).openapi('Facets', { description: 'counts of matching studies (on /v1/studies) or experiments (on /v1/experiments) per value' })

export const StudyListSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  filter: z.record(z.string(), z.unknown()),
  facets: FacetsSchema,
  items: z.array(StudyListItemSchema),
}).openapi('StudyList')

const ExperimentListSchema = z.object({
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  filter: z.record(z.string(), z.unknown()),
  facets: FacetsSchema,
  items: z.array(ExperimentSummarySchema.extend({ study: z.object({ id: z.string(), year: z.number(), doi: z.string(), title: z.string() }) })),
}).openapi('ExperimentList')

/** A current-density bound: a plain number in `unit` (default mA/cm²) or a quantity with its own unit. */
export function parseCurrentBound(raw: string, unit: string | undefined, pointer: string): number {
  try {
    const text = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) ? `${raw} ${unit ?? 'mA/cm2'}` : raw
    const q = parseQuantity(text, 'currentDensity')
    if (q.shape !== 'single') throw new UnitError('UNIT_SYNTAX', `"${raw}" must be a single value`)
    if (q.values[0] as number < 0) throw new UnitError('UNIT_SYNTAX', `"${raw}" must not be negative`)
    return q.values[0] as number
  } catch (e) {
    if (e instanceof UnitError) throw invalid([{ pointer, detail: e.message }])
    throw e
  }
}

/** Resolve user terms in a study query to vocabulary ids; every unknown term is reported at once. */
export function resolveStudyFilter(q: StudyQuery, vocab: VocabIndex): ExperimentFilter {
  const errors: FieldError[] = []
  const resolve = (field: keyof StudyQuery, kinds: VocabKind[]): { kind: VocabKind; id: string } | undefined => {
    const value = q[field]
    if (typeof value !== 'string') return undefined
    for (const kind of kinds) {
      const id = vocab.resolve(kind, value)
      if (id) return { kind, id }
    }
    errors.push({ pointer: `/query/${field}`, detail: `unknown ${field} "${value}"`, suggestions: kinds.flatMap((k) => vocab.suggest(k, value)) })
    return undefined
  }
  const f: ExperimentFilter = {}
  const tech = resolve('technique', ['techniqueFamily', 'technique'])
  if (tech) f.technique = tech.kind === 'techniqueFamily' ? { family: tech.id } : { variant: tech.id }
  if (q.electrolyteClass) f.electrolyteClass = q.electrolyteClass.toLowerCase()
  f.additive = resolve('additive', ['material'])?.id
  f.salt = resolve('salt', ['material'])?.id
  f.solvent = resolve('solvent', ['material'])?.id
  f.substrate = resolve('substrate', ['material'])?.id
  f.solidElectrolyte = resolve('solidElectrolyte', ['material'])?.id
  const morph = resolve('morphology', ['morphologyFamily', 'morphology'])
  if (morph) f.morphology = morph.kind === 'morphologyFamily' ? { family: morph.id } : { term: morph.id }
  if (q.jMin !== undefined) f.jMin_mA_cm2 = parseCurrentBound(q.jMin, q.jUnit, '/query/jMin')
  if (q.jMax !== undefined) f.jMax_mA_cm2 = parseCurrentBound(q.jMax, q.jUnit, '/query/jMax')
  if (f.jMin_mA_cm2 !== undefined && f.jMax_mA_cm2 !== undefined && f.jMin_mA_cm2 > f.jMax_mA_cm2) {
    throw invalid([{ pointer: '/query/jMin', detail: 'jMin is greater than jMax' }])
  }
  if (q.yearMin !== undefined || q.yearMax !== undefined) f.year = { min: q.yearMin, max: q.yearMax }
  if (errors.length > 0) throw unknownTerm(errors)
  for (const key of Object.keys(f) as (keyof ExperimentFilter)[]) if (f[key] === undefined) delete f[key]
  return f
}

const listRoute = createRoute({
  method: 'get', path: '/studies', operationId: 'listStudies', tags: ['knowledge base'],
  summary: 'List studies, filtered by experimental conditions',
  request: { query: StudyQuerySchema },
  responses: {
    200: { description: 'matching studies with the experiments that match', content: { 'application/json': { schema: StudyListSchema } } },
    ...problemResponses(400, 422),
  },
})

const experimentsRoute = createRoute({
  method: 'get', path: '/experiments', operationId: 'listExperiments', tags: ['knowledge base'],
  summary: 'List experiments (condition sets) with the same filters as /v1/studies',
  request: { query: StudyQuerySchema },
  responses: {
    200: { description: 'matching experiments', content: { 'application/json': { schema: ExperimentListSchema } } },
    ...problemResponses(400, 422),
  },
})

const getRoute = createRoute({
  method: 'get', path: '/studies/{id}', operationId: 'getStudy', tags: ['knowledge base'],
  summary: 'Everything recorded about one study',
  request: { params: z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'wood-2016' }) }) },
  responses: {
    200: { description: 'the study document with normalised quantities', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('Study') } } },
    404: { description: 'no such study', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ...problemResponses(400),
  },
})

export function studyRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  /** A filtered, paginated list with facet counts of the matching studies or experiments. */
  // Facet counts group every matching experiment six ways (0.8-0.9 s unfiltered at 100k experiments);
  // they change only with a write, so they are kept per knowledge-base version.
  const facetCache = new Map<string, Promise<Facets>>()
  let facetVersion = -1
  const facetsFor = (filter: ExperimentFilter, per: 'study' | 'experiment'): Promise<Facets> => {
    if (deps.store.current.version !== facetVersion) {
      facetCache.clear()
      facetVersion = deps.store.current.version
    }
    const key = `${per} ${JSON.stringify(filter)}`
    let hit = facetCache.get(key)
    if (!hit) {
      if (facetCache.size >= FACET_CACHE_SIZE) facetCache.delete(facetCache.keys().next().value as string)
      hit = facetCounts(deps.database.db, filter, per)
      hit.catch(() => facetCache.delete(key))
      facetCache.set(key, hit)
    }
    return hit
  }
  const page = async <I>(q: StudyQuery, per: 'study' | 'experiment', list: (db: Db, f: ExperimentFilter, p: Page) => Promise<{ total: number; items: I[] }>) => {
    const filter = resolveStudyFilter(q, deps.store.current.vocab)
    const [{ total, items }, facets] = await Promise.all([
      list(deps.database.db, filter, { limit: q.limit, offset: q.offset }),
      facetsFor(filter, per),
    ])
    return { total, limit: q.limit, offset: q.offset, filter: filter as Record<string, unknown>, facets, items }
  }
  app.openapi(listRoute, async (c) => c.json(await page(c.req.valid('query'), 'study', listStudies), 200))
  app.openapi(experimentsRoute, async (c) => c.json(await page(c.req.valid('query'), 'experiment', listExperiments), 200))
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param')
    const study = await getStudy(deps.database.db, id)
    if (!study) throw new ProblemError(404, 'about:blank', 'Not Found', `no study with id "${id}"`)
    return c.json(study, 200)
  })
  return app
}
