/**
 * Shapes of the controlled vocabularies in `seeds/vocab/`: techniques, morphology
 * terms and materials, each with synonyms so text written the way papers write
 * it resolves to one id.
 */
import { z } from 'zod'
import { KEBAB_ID, ProvenanceSchema, QuantitySchema, TECHNIQUE_FAMILIES } from './study-file.ts'

export const MORPHOLOGY_FAMILIES = ['compact', 'mossy', 'whisker', 'dendritic', 'penetrating'] as const

/** A claim taken from the review (or from a study as the review reports it). */
const SourcedSchema = z.strictObject({
  provenance: ProvenanceSchema,
  study: z.string().regex(KEBAB_ID).optional().describe('study id when the claim comes from one study'),
})

export const TechniqueSchema = z.strictObject({
  id: z.string().regex(KEBAB_ID),
  family: z.enum(TECHNIQUE_FAMILIES),
  name: z.string().min(1),
  synonyms: z.array(z.string().min(1)).default([]),
  resolution: QuantitySchema.extend({ ...SourcedSchema.shape }).optional(),
  environment: z.string().min(1).describe('vacuum, ambient, liquid cell, inert…'),
  vacuum: z.boolean(),
  liquidCompatible: z.boolean(),
  timeResolved: z.boolean(),
  reveals: z.array(z.string().min(1)).default([]),
  limits: z.array(z.string().min(1)).default([]),
  artefacts: z.array(z.string().min(1)).default([]),
  access: z.enum(['benchtop', 'electron-microscope', 'synchrotron', 'lab-x-ray']),
  provenance: ProvenanceSchema,
})

export const MorphologyTermSchema = z.strictObject({
  id: z.string().regex(KEBAB_ID),
  name: z.string().min(1),
  family: z.enum(MORPHOLOGY_FAMILIES),
  synonyms: z.array(z.string().min(1)).default([]),
  description: z.string().min(1),
})

export const MATERIAL_CATEGORIES = [
  'salt', 'solvent', 'additive', 'substrate', 'solid-electrolyte', 'polymer-electrolyte', 'coating',
  'host', 'cathode', 'sei-species', 'gas', 'other',
] as const

export const MaterialSchema = z.strictObject({
  id: z.string().min(1).regex(/^[A-Za-z0-9@()._+-]+$/),
  name: z.string().min(1),
  categories: z.array(z.enum(MATERIAL_CATEGORIES)).min(1),
  formula: z.string().min(1).optional(),
  synonyms: z.array(z.string().min(1)).default([]),
  electrolyteClass: z.enum(['carbonate', 'ether', 'sulfoxide', 'glyme', 'garnet', 'sulfide', 'oxynitride', 'polymer', 'native-oxide']).optional(),
  lithiophilicity: z.strictObject({
    class: z.enum(['lithiophilic', 'lithiophobic', 'alloying', 'intermetallic', 'intercalating']),
    ...SourcedSchema.shape,
  }).optional(),
  shearModulus: QuantitySchema.extend({ ...SourcedSchema.shape }).optional(),
  notes: z.string().min(1).optional(),
})

export const TechniquesFileSchema = z.strictObject({ $schema: z.string().optional(), techniques: z.array(TechniqueSchema).min(1) })
export const MorphologyFileSchema = z.strictObject({ $schema: z.string().optional(), terms: z.array(MorphologyTermSchema).min(1) })
export const MaterialsFileSchema = z.strictObject({ $schema: z.string().optional(), materials: z.array(MaterialSchema).min(1) })
export type Technique = z.infer<typeof TechniqueSchema>
export type MorphologyTerm = z.infer<typeof MorphologyTermSchema>
export type Material = z.infer<typeof MaterialSchema>
