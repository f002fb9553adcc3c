/**
 * Shape of one rule file in `rules/`: a json-rules-engine condition tree wrapped
 * with our metadata — what the rule claims, why, which studies support it,
 * what it does to a prediction, and how strongly.
 */
import { z } from 'zod'
import { KEBAB_ID } from './study-file.ts'

export const MORPHOLOGY_FAMILY_VALUES = ['compact', 'mossy', 'whisker', 'dendritic', 'penetrating'] as const
export const LEVELS = ['low', 'moderate', 'high'] as const

/** The closed list of things a rule may do to a prediction. */
export const EffectSchema = z.discriminatedUnion('target', [
  z.strictObject({ target: z.literal('morphology.family'), value: z.enum(MORPHOLOGY_FAMILY_VALUES) }),
  z.strictObject({ target: z.literal('morphology.label'), value: z.string().regex(KEBAB_ID).describe('morphology term id') }),
  z.strictObject({ target: z.literal('growthMode'), value: z.enum(['tip', 'root', 'lateral', 'kinked', 'vertical', 'internal']) }),
  z.strictObject({ target: z.literal('deadLi.level'), value: z.enum(LEVELS) }),
  z.strictObject({ target: z.literal('shortRisk.level'), value: z.enum(LEVELS) }),
  z.strictObject({ target: z.literal('nucleation.density'), value: z.enum(['increases', 'decreases', 'high', 'low']) }),
  z.strictObject({ target: z.literal('nucleation.overpotential'), value: z.enum(['lower', 'higher']) }),
  z.strictObject({ target: z.literal('sei'), value: z.enum(['inorganic-rich', 'lif-rich', 'organic-rich', 'li2co3-shell', 'oxide-shell', 'beam-altered', 'mosaic', 'layered']) }),
  z.strictObject({ target: z.literal('caveat'), value: z.string().min(1).max(300) }),
])
export type Effect = z.infer<typeof EffectSchema>

/** A json-rules-engine condition leaf; `fact` and `operator` are checked against the registries at load. */
const LeafSchema = z.strictObject({
  fact: z.string().min(1),
  operator: z.string().min(1),
  value: z.unknown(),
  path: z.string().regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/).optional(),
  params: z.record(z.string(), z.unknown()).optional(),
})
export type ConditionNode =
  | z.infer<typeof LeafSchema>
  | { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode }
export const ConditionSchema: z.ZodType<ConditionNode> = z.lazy(() => z.union([
  LeafSchema,
  z.strictObject({ all: z.array(ConditionSchema).min(1) }),
  z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  z.strictObject({ not: ConditionSchema }),
]))

/**
 * A case the rule must fire on (or must not): a knowledge-base experiment, or a
 * configuration written out (object in the shape of PredictionConfig). Tests replay them.
 */
export const RuleExampleSchema = z.union([
  z.strictObject({ experiment: z.string().regex(KEBAB_ID), note: z.string().min(1).optional() }),
  z.strictObject({ config: z.record(z.string(), z.unknown()), note: z.string().min(1) }),
])

export const RuleFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(KEBAB_ID),
  title: z.string().min(1),
  rationale: z.string().min(1).describe('why the rule holds, in our own words'),
  studies: z.array(z.string().regex(KEBAB_ID)).min(1).describe('knowledge-base study ids that support it'),
  evidence: z.array(z.strictObject({ study: z.string().regex(KEBAB_ID), figure: z.string().min(1).optional(), note: z.string().min(1).optional() })).min(1),
  /** Also a rule that a counter-study disputes: listed, not ignored. */
  disputedBy: z.array(z.strictObject({ study: z.string().regex(KEBAB_ID), note: z.string().min(1) })).default([]),
  effects: z.array(EffectSchema).min(1),
  strength: z.number().gt(0).lte(1),
  fires: z.array(RuleExampleSchema).min(1).describe('cases from its own studies the rule must fire on'),
  doesNotFire: z.array(RuleExampleSchema).min(1).describe('clearly different cases it must not fire on'),
  priority: z.number().int().min(1).max(100).default(10),
  conditions: z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
  ]),
})
export type RuleFile = z.infer<typeof RuleFileSchema>
