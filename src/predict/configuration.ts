/**
 * A cell configuration as a researcher describes it, in canonical units and
 * knowledge-base material ids: the input of `predict()`. The API accepts it
 * structured, or field by field as papers write it (see src/parse/).
 * @module
 */
import { z } from 'zod'

const id = z.string().min(1).max(80)
const pos = (max: number) => z.number().gt(0).lte(max)

export const PredictionConfigSchema = z.strictObject({
  cell: z.enum(['Li-Cu', 'Li-Li', 'anode-free', 'Li-cathode']).optional(),
  electrolyte: z.strictObject({
    kind: z.enum(['liquid', 'polymer', 'solid']).optional(),
    salts: z.array(z.strictObject({ id, concentration_M: pos(20).optional() })).max(6).default([]),
    solvents: z.array(z.strictObject({ id, fraction: z.number().gt(0).lte(100).optional() })).max(8).default([]),
    solventRatio: z.strictObject({ parts: z.array(z.number().gt(0)).min(2).max(8), basis: z.enum(['v/v', 'w/w', 'mol', 'unspecified']) }).optional(),
    additives: z.array(z.strictObject({ id, amount: pos(100).optional(), unit: z.enum(['wt%', 'M', 'vol%']).optional() })).max(10).default([]),
    solid: z.strictObject({
      id,
      form: z.enum(['glass', 'polycrystal', 'single-crystal', 'thin-film', 'pellet', 'chip']).optional(),
      thickness_um: pos(1e5).optional(),
      relDensity: z.number().gte(0.5).lte(1).optional(),
      asr_ohm_cm2: z.number().gte(0).lte(1e5).optional(),
    }).optional(),
  }),
  substrate: id.optional(),
  coatings: z.array(id).max(6).default([]),
  currentDensity_mA_cm2: z.number().gte(1e-4).lte(1000),
  strippingCurrentDensity_mA_cm2: z.number().gte(1e-4).lte(1000).optional(),
  capacity_mAh_cm2: pos(100).optional(),
  temperature_C: z.number().gte(-60).lte(200).optional(),
  stackPressure_kPa: z.number().gte(0).lte(1e6).optional(),
  separator: z.strictObject({
    type: z.enum(['PE', 'PP', 'GF', 'ceramic', 'none', 'capillary']),
    thickness_um: pos(1e5).optional(),
    porosity: z.number().gt(0).lte(1).optional(),
    poreSize_nm: pos(1e7).optional(),
  }).optional(),
  gap_um: pos(1e5).optional(),
  cycles: z.number().int().gte(1).lte(10_000).optional(),
  technique: id.optional().describe('technique id or family used to observe (for technique caveats)'),
  electronDose_e_A2_s: z.number().gte(0).lte(1e6).optional(),
  oxygenPartialPressure_Pa: z.number().gte(0).lte(1e6).optional(),
  surfacePreparation: z.array(z.string().min(1).max(40)).max(6).default([]),
  currentCollectorFilmThickness_um: pos(1e4).optional(),
})
export type PredictionConfig = z.infer<typeof PredictionConfigSchema>
export type PredictionConfigInput = z.input<typeof PredictionConfigSchema>
