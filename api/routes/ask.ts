/**
 * `GET /v1/ask?q=…`: the question endpoint. A deterministic parser reads the
 * conditions (and whether techniques are being compared); the answer cites
 * the studies; the prediction, matching experiments and contradictions come
 * with it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { composeAnswer } from '../../src/answer/answer.ts'
import { parseQuestion } from '../../src/parse/question.ts'
import { PredictionConfigSchema } from '../../src/predict/configuration.ts'
import type { Conditions } from '../../src/predict/kb-config.ts'
import { DEFAULT_TOLERANCE, matchingExperiments } from '../../src/predict/matching.ts'
import { predict, type Prediction } from '../../src/predict/predict.ts'
import { compareTechniques } from '../../src/techniques/index.ts'
import type { Deps } from '../deps.ts'
import { invalid } from '../problem.ts'
import { problemResponses } from './shared.ts'

export const MAX_QUERY_LENGTH = 500
const DEFAULT_CURRENT_DENSITY = 1

const route = createRoute({
  method: 'get', path: '/ask', operationId: 'ask', tags: ['prediction'],
  summary: 'Ask in words: "what happens at 3 mA cm-2 with FEC", "garnet LLZTO at 0.5 mA cm⁻² and 60 °C", "compare OM and TEM for SEI"',
  request: { query: z.object({ q: z.string().min(1).max(MAX_QUERY_LENGTH).openapi({ example: 'what happens at 3 mA cm-2 with FEC' }) }) },
  responses: {
    200: { description: 'what the question was read as, the answer, the prediction, matching evidence and contradictions', content: { 'application/json': { schema: z.record(z.string(), z.unknown()).openapi('AskResponse') } } },
    ...problemResponses(400),
  },
})

export function askRoutes(deps: Deps) {
  const app = new OpenAPIHono()
  app.openapi(route, async (c) => {
    const snap = deps.store.current
    const { q } = c.req.valid('query')
    const parsed = parseQuestion(q, snap.vocab, snap.parseOptions)
    const cond = parsed.conditions
    const hasConditions = Object.keys(cond).some((k) => k !== 'technique')
    let prediction: Prediction | null = null
    const assumptions: string[] = [...(parsed.assumptions ?? [])]
    if (parsed.intent === 'predict' || (hasConditions && parsed.intent !== 'compare-techniques')) {
      const input = { ...cond, electrolyte: cond.electrolyte ?? {}, currentDensity_mA_cm2: cond.currentDensity_mA_cm2 ?? DEFAULT_CURRENT_DENSITY }
      if (cond.currentDensity_mA_cm2 === undefined) assumptions.push(`no current density given: ${DEFAULT_CURRENT_DENSITY} mA cm⁻² assumed`)
      const config = PredictionConfigSchema.safeParse(input)
      if (!config.success) throw invalid(config.error.issues.map((i) => ({ pointer: '/query/q', detail: `${i.path.join('.')}: ${i.message}` })))
      prediction = await predict(config.data, snap)
      if (cond.currentDensity_mA_cm2 === undefined) prediction.assumptions.unshift({ field: '/currentDensity_mA_cm2', value: `${DEFAULT_CURRENT_DENSITY} mA/cm2`, reason: 'not in the question' })
    }
    const comparison = parsed.intent === 'compare-techniques' ? compareTechniques(q, undefined, snap.kb) : null
    const matchConditions: Partial<Conditions> = { ...cond, electrolyte: cond.electrolyte as Conditions['electrolyte'] | undefined } as Partial<Conditions>
    const matches = matchingExperiments(snap.evidence, matchConditions, parsed.techniques, DEFAULT_TOLERANCE)
    const answer = composeAnswer({ question: parsed, prediction, comparison, matches, tolerance: DEFAULT_TOLERANCE, studies: snap.studies })
    return c.json({
      query: {
        text: q, intent: parsed.intent, parsed: { conditions: cond, techniques: parsed.techniques, topics: parsed.topics, recognised: parsed.recognised },
        unrecognised: parsed.unrecognised, assumptions, suggestions: parsed.suggestions ?? {},
      },
      answer,
      prediction,
      techniques: comparison,
      evidence: {
        tolerance: DEFAULT_TOLERANCE,
        items: matches.slice(0, 25).map((m) => {
          const { features: _f, ...rest } = m.item
          return { ...rest, matchedOn: m.matchedOn }
        }),
        total: matches.length,
      },
      contradictions: prediction?.contradictions ?? [],
    } as Record<string, unknown>, 200)
  })
  return app
}
