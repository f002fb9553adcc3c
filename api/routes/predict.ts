/**
 * `POST /v1/predict`, `POST /v1/simulate`, `POST /v1/plan`: prediction from
 * rules + simulator + evidence, the raw simulator, and experiment planning.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Snapshot } from '../../src/io/kb-store.ts'
import { planExperiments, type Vary } from '../../src/plan/plan.ts'
import { PredictionConfigSchema } from '../../src/predict/configuration.ts'
import { predict } from '../../src/predict/predict.ts'
import { toSimInput } from '../../src/predict/to-sim.ts'
import { SimInputError } from '../../src/sim/errors.ts'
import { simulate } from '../../src/sim/simulate.ts'
import { parseQuantity, UnitError } from '../../src/units/parse.ts'
import { ConfigurationBodySchema, readConfiguration } from '../config-body.ts'
import type { Deps } from '../deps.ts'
import { invalid, issuesAt } from '../problem.ts'
import { problemResponses } from './shared.ts'

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } })
const Anything = (name: string, description: string) => z.record(z.string(), z.unknown()).openapi(name, { description })

const predictRoute = createRoute({
  method: 'post', path: '/predict', operationId: 'predict', tags: ['prediction'],
  summary: 'Predict morphology, dead Li / CE, short risk and nucleation for a configuration, with the rules and evidence',
  request: { body: { required: true, ...json(ConfigurationBodySchema) } },
  responses: { 200: { description: 'the prediction', ...json(Anything('Prediction', 'see rules/README.md')) }, ...problemResponses(400, 413, 422) },
})

const SimulateOptionsSchema = z.strictObject({
  mode: z.enum(['fast', 'detailed']).default('fast'),
  cycles: z.number().int().min(1).max(10_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31).optional(),
  series: z.array(z.enum(['voltage', 'concentration', 'height', 'ce', 'lattice'])).max(5).optional(),
})
const simulateRoute = createRoute({
  method: 'post', path: '/simulate', operationId: 'simulate', tags: ['prediction'],
  summary: 'Run the physics simulator on a configuration (body: the configuration plus `options`)',
  request: { body: { required: true, ...json(ConfigurationBodySchema) } },
  responses: { 200: { description: 'simulator outputs with units and provenance', ...json(Anything('Simulation', 'src/sim/simulate.ts SimulationResult')) }, ...problemResponses(400, 413, 422) },
})

const VarySchema = z.object({
  parameter: z.enum(['currentDensity', 'capacity', 'temperature', 'stackPressure', 'additive', 'substrate', 'coating', 'solidElectrolyte']),
  range: z.array(z.union([z.number(), z.string().max(50)])).length(2).optional().openapi({ example: ['0.1 mA cm-2', '20 mA cm-2'] }),
  values: z.array(z.string().min(1).max(60)).min(1).max(6).optional().openapi({ example: ['FEC'] }),
})
const PlanBodySchema = z.object({
  question: z.string().max(500).optional(),
  hypothesis: z.string().max(500).optional(),
  baseConfiguration: ConfigurationBodySchema,
  vary: z.array(VarySchema).min(1).max(2),
}).openapi('PlanRequest')
const planRoute = createRoute({
  method: 'post', path: '/plan', operationId: 'plan', tags: ['prediction'],
  summary: 'Propose a small experiment matrix where the predictions change, with the technique to observe each row',
  request: { body: { required: true, ...json(PlanBodySchema) } },
  responses: { 200: { description: 'the plan', ...json(Anything('Plan', 'src/plan/plan.ts Plan')) }, ...problemResponses(400, 413, 422) },
})

const KIND = { currentDensity: 'currentDensity', capacity: 'arealCapacity', temperature: 'temperature', stackPressure: 'pressure' } as const
/** A range end must be a value the configuration itself accepts (no 1e308 mA cm⁻², no −1e308 °C). */
const RANGE_FIELD = {
  currentDensity: ['currentDensity_mA_cm2', 'mA/cm2'], capacity: ['capacity_mAh_cm2', 'mAh/cm2'],
  temperature: ['temperature_C', '°C'], stackPressure: ['stackPressure_kPa', 'kPa'],
} as const

function readVary(v: z.infer<typeof VarySchema>, i: number, snap: Snapshot): Vary {
  const at = `/body/vary/${i}`
  if (v.parameter === 'currentDensity' || v.parameter === 'capacity' || v.parameter === 'temperature' || v.parameter === 'stackPressure') {
    if (!v.range) throw invalid([{ pointer: `${at}/range`, detail: `${v.parameter} needs a range [low, high]` }])
    const parameter = v.parameter
    const range = v.range.map((x, j) => {
      if (typeof x === 'number') return x
      try {
        const q = parseQuantity(x, KIND[parameter])
        return parameter === 'stackPressure' ? (q.values[0] as number) / 1000 : (q.values[0] as number)
      } catch (e) {
        if (e instanceof UnitError) throw invalid([{ pointer: `${at}/range/${j}`, detail: e.message }])
        throw e
      }
    }) as [number, number]
    if (parameter !== 'temperature' && range.some((x) => !(x > 0))) throw invalid([{ pointer: `${at}/range`, detail: 'must be positive' }])
    const [field, unit] = RANGE_FIELD[parameter]
    range.forEach((x, j) => {
      const r = PredictionConfigSchema.shape[field].safeParse(x)
      if (!r.success) throw invalid([{ pointer: `${at}/range/${j}`, detail: `${x} ${unit}: ${r.error.issues[0]?.message ?? 'out of range'}` }])
    })
    return { parameter, range }
  }
  if (!v.values) throw invalid([{ pointer: `${at}/values`, detail: `${v.parameter} needs a list of values` }])
  const values = v.values.map((x, j) => {
    const id = x === 'none' ? x : snap.vocab.resolve('material', x)
    if (!id) throw invalid([{ pointer: `${at}/values/${j}`, detail: `unknown material "${x}"`, suggestions: snap.vocab.suggest('material', x) }])
    return id
  })
  return { parameter: v.parameter, values }
}

export function predictRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  app.openapi(predictRoute, async (c) => {
    const snap = deps.store.current
    const { config, assumptions } = readConfiguration(c.req.valid('json'), snap.vocab, '/body', snap.parseOptions)
    const p = await predict(config, snap)
    return c.json({ ...p, assumptions: [...assumptions.map((a) => ({ field: '', value: '', reason: a })), ...p.assumptions] } as unknown as Record<string, unknown>, 200)
  })
  app.openapi(simulateRoute, async (c) => {
    const snap = deps.store.current
    const { options: rawOptions, ...body } = c.req.valid('json') as Record<string, unknown>
    const options = SimulateOptionsSchema.safeParse(rawOptions ?? {})
    if (!options.success) throw invalid(issuesAt('/body/options', options.error.issues))
    const { config, assumptions } = readConfiguration(body, snap.vocab, '/body', snap.parseOptions)
    const { input, notes } = toSimInput({ ...config, ...(options.data.cycles ? { cycles: options.data.cycles } : {}) })
    try {
      const result = simulate(input, { mode: options.data.mode, seed: options.data.seed, series: options.data.series })
      return c.json({ ...result, mapping: notes, parserAssumptions: assumptions } as unknown as Record<string, unknown>, 200)
    } catch (e) {
      if (e instanceof SimInputError) throw invalid(e.issues.map((i) => ({ pointer: `/body/simulator${i.field}`, detail: i.message })))
      throw e
    }
  })
  app.openapi(planRoute, async (c) => {
    const snap = deps.store.current
    const body = c.req.valid('json')
    const { config } = readConfiguration(body.baseConfiguration, snap.vocab, '/body/baseConfiguration', snap.parseOptions)
    const vary = body.vary.map((v, i) => readVary(v, i, snap))
    const question = body.question ?? body.hypothesis ?? `how do ${vary.map((v) => v.parameter).join(' and ')} change the outcome`
    const plan = await planExperiments(config, vary, question, snap, snap.kb)
    return c.json(plan as unknown as Record<string, unknown>, 200)
  })
  return app
}
