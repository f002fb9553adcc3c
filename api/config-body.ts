/**
 * Read a configuration from a request body, in either form the API accepts:
 * structured (canonical numbers, material ids or names) or written the way
 * papers write it, field by field (strings with units). Errors name the field
 * (`/body/currentDensity`); unknown materials are 422 with suggestions.
 */
import { z } from '@hono/zod-openapi'
import type { VocabIndex } from '../src/kb/vocab-index.ts'
import type { ParseOptions } from '../src/parse/question.ts'
import { parseConfigurationText, type ConfigurationTextFields } from '../src/parse/fields.ts'
import { PredictionConfigSchema, type PredictionConfig } from '../src/predict/configuration.ts'
import { invalid, issuesAt, unknownTerm, type FieldError } from './problem.ts'

export const TextConfigurationSchema = z.object({
  cell: z.string().max(200).optional().openapi({ example: 'Li||Cu' }),
  electrolyte: z.string().max(500).optional().openapi({ example: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC' }),
  substrate: z.string().max(200).optional().openapi({ example: 'Cu' }),
  coating: z.string().max(200).optional(),
  currentDensity: z.string().max(100).openapi({ example: '3 mA cm-2' }),
  strippingCurrentDensity: z.string().max(100).optional(),
  capacity: z.string().max(100).optional().openapi({ example: '1 mAh cm-2' }),
  temperature: z.string().max(100).optional().openapi({ example: '25 °C' }),
  stackPressure: z.string().max(100).optional().openapi({ example: '0.35 MPa' }),
  separator: z.string().max(200).optional().openapi({ example: '25 µm PE' }),
  cycles: z.string().max(20).optional(),
  technique: z.string().max(100).optional(),
}).openapi('TextConfiguration', { description: 'a configuration written the way papers write it, one string per field' })

export const StructuredConfigurationSchema = PredictionConfigSchema.openapi('StructuredConfiguration', {
  description: 'canonical units (mA/cm², mAh/cm², °C, kPa, M) and material ids, names or synonyms',
})

/**
 * The request body: validated by `readConfiguration` (so errors can name the field in either form);
 * the OpenAPI document lists both forms as components.
 */
export const ConfigurationBodySchema = z.record(z.string(), z.unknown()).openapi('Configuration', {
  description: 'either a StructuredConfiguration (canonical numbers) or a TextConfiguration (strings with units, as papers write them)',
  example: { cell: 'Li||Cu', electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', substrate: 'Cu', currentDensity: '3 mA cm-2', capacity: '1 mAh cm-2', temperature: '25 °C', stackPressure: '0.35 MPa', separator: '25 µm PE' },
})

const prefix = (errors: FieldError[], base: string) => errors.map((e) => ({ ...e, pointer: `${base}${e.pointer}` }))

/** Resolve material names and synonyms in a structured configuration to vocabulary ids. */
function resolveIds(c: PredictionConfig, vocab: VocabIndex, base: string): PredictionConfig {
  const errors: FieldError[] = []
  const id = (text: string, pointer: string) => {
    const found = vocab.resolve('material', text)
    if (!found) errors.push({ pointer: `${base}${pointer}`, detail: `unknown material "${text}"`, suggestions: vocab.suggest('material', text) })
    return found ?? text
  }
  const out: PredictionConfig = {
    ...c,
    electrolyte: {
      ...c.electrolyte,
      salts: c.electrolyte.salts.map((s, i) => ({ ...s, id: id(s.id, `/electrolyte/salts/${i}/id`) })),
      solvents: c.electrolyte.solvents.map((s, i) => ({ ...s, id: id(s.id, `/electrolyte/solvents/${i}/id`) })),
      additives: c.electrolyte.additives.map((a, i) => ({ ...a, id: id(a.id, `/electrolyte/additives/${i}/id`) })),
      ...(c.electrolyte.solid ? { solid: { ...c.electrolyte.solid, id: id(c.electrolyte.solid.id, '/electrolyte/solid/id') } } : {}),
    },
    ...(c.substrate ? { substrate: id(c.substrate, '/substrate') } : {}),
    coatings: c.coatings.map((x, i) => id(x, `/coatings/${i}`)),
  }
  if (c.technique) {
    const t = vocab.resolve('techniqueFamily', c.technique) ?? vocab.resolve('technique', c.technique)
    if (!t) errors.push({ pointer: `${base}/technique`, detail: `unknown technique "${c.technique}"`, suggestions: vocab.suggest('technique', c.technique) })
    else out.technique = t
  }
  if (errors.length > 0) throw unknownTerm(errors)
  return out
}

/**
 * Parse a configuration body. A body with a number `currentDensity_mA_cm2` or an object `electrolyte`
 * is structured; otherwise its fields are read as text. `base` is the pointer prefix (`/body`).
 */
export function readConfiguration(body: unknown, vocab: VocabIndex, base = '/body', options?: ParseOptions): { config: PredictionConfig; assumptions: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid([{ pointer: base, detail: 'expected a JSON object' }])
  const b = body as Record<string, unknown>
  const structured = typeof b.currentDensity_mA_cm2 === 'number' || (typeof b.electrolyte === 'object' && b.electrolyte !== null)
  if (structured) {
    const parsed = PredictionConfigSchema.safeParse(b)
    if (!parsed.success) {
      throw invalid(issuesAt(base, parsed.error.issues))
    }
    return { config: resolveIds(parsed.data, vocab, base), assumptions: [] }
  }
  const r = parseConfigurationText(b as ConfigurationTextFields, vocab, options)
  if (r.errors.length > 0) {
    const errors = prefix(r.errors, base)
    if (errors.every((e) => e.suggestions && e.suggestions.length > 0 && /unknown/.test(e.detail))) throw unknownTerm(errors)
    throw invalid(errors)
  }
  if (r.validated) return { config: r.validated, assumptions: r.assumptions }
  const parsed = PredictionConfigSchema.safeParse(r.config)
  if (!parsed.success) throw invalid(issuesAt(base, parsed.error.issues))
  return { config: parsed.data, assumptions: r.assumptions }
}

