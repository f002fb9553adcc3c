/**
 * Shape of one study file in `seeds/studies/*.json`: a study, its experiments
 * (one condition set each) and what each experiment observed. Shapes only —
 * unit checking and cross-references live in `src/kb/validate.ts`.
 */
import { z } from 'zod'

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** A quantity exactly as the source writes it; the loader parses and normalises it. */
export const QuantitySchema = z.strictObject({
  reported: z.string().min(1).describe('value and unit as the review writes it, e.g. "5 mA cm⁻²"'),
  /** What the area or value refers to, e.g. "point-electrode contact area". */
  basis: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
})
export type Quantity = z.infer<typeof QuantitySchema>

export const ProvenanceSchema = z.strictObject({
  section: z.string().regex(/^\d+(\.\d+)?$/, 'review section number such as "2.1"'),
  figures: z.array(z.string().min(1)).default([]),
})
export type Provenance = z.infer<typeof ProvenanceSchema>

export const TECHNIQUE_FAMILIES = ['optical', 'sem', 'tem', 'afm', 'xray'] as const
export const CELL_CONFIGURATIONS = [
  'li-li', 'li-cu', 'li-substrate', 'anode-free', 'full-cell', 'point-electrode',
  'microelectrode', 'capillary', 'open-cell', 'liquid-cell', 'soak',
] as const
export const ELECTROLYTE_KINDS = [
  'liquid', 'solid-inorganic', 'polymer', 'ionic-liquid-solvate', 'native-layer', 'none',
] as const
export const SOLID_FORMS = ['glass', 'polycrystal', 'single-crystal', 'thin-film', 'pellet', 'chip'] as const
export const PHASES = ['plating', 'stripping', 'cycling', 'rest', 'soak', 'lithiation', 'delithiation', 'beam-exposure'] as const
export const GROWTH_MODES = ['tip', 'root', 'lateral', 'kinked', 'vertical', 'internal'] as const
export const DEAD_LI_LEVELS = ['none', 'low', 'moderate', 'high'] as const
export const MECHANICAL_EVENTS = [
  'transgranular-crack', 'intergranular-crack', 'electrolyte-crack', 'current-collector-crack',
  'void', 'delamination', 'volume-change', 'pulverisation', 'bowl-shaped-spallation',
] as const
export const VOLTAGE_FEATURES = [
  'peaking', 'arc', 'plateau', 'nucleation-overpotential', 'noise', 'flat', 'unstable',
  'cv-peak', 'cutoff-reached', 'rising-overpotential',
] as const
export const CORRECTION_FIELDS = [
  'doi', 'unit', 'reference-number', 'figure', 'duplicate-reference', 'electrode-name',
  'material-name', 'value', 'technique', 'other',
] as const

export const CorrectionSchema = z.strictObject({
  kind: z.enum(CORRECTION_FIELDS),
  reviewSays: z.string().min(1),
  recorded: z.string().min(1),
  reason: z.string().min(1),
  where: z.string().min(1).describe('review section, figure caption or reference list entry'),
})

export const TechniqueRefSchema = z.strictObject({
  family: z.enum(TECHNIQUE_FAMILIES),
  variant: z.string().regex(KEBAB_ID).describe('technique id from seeds/vocab/techniques.json'),
  mode: z.enum(['in-situ', 'operando']),
})

export const ComponentSchema = z.strictObject({
  id: z.string().min(1).describe('material id from seeds/vocab/materials.json'),
  concentration: QuantitySchema.optional(),
  amount: QuantitySchema.optional(),
  note: z.string().min(1).optional(),
})

export const ElectrolyteSchema = z.strictObject({
  kind: z.enum(ELECTROLYTE_KINDS),
  /** Name as the review gives it, e.g. "1 M LiPF₆ in 1:1 EC:DMC". */
  name: z.string().min(1),
  salts: z.array(ComponentSchema).default([]),
  solvents: z.array(ComponentSchema).default([]),
  solventRatio: z.strictObject({ reported: z.string().min(1), note: z.string().min(1).optional() }).optional(),
  additives: z.array(ComponentSchema).default([]),
  solid: z.strictObject({
    id: z.string().min(1),
    form: z.enum(SOLID_FORMS).optional(),
    thickness: QuantitySchema.optional(),
    note: z.string().min(1).optional(),
  }).optional(),
})

export const ElectrodeSchema = z.strictObject({
  id: z.string().min(1).describe('material id'),
  form: z.string().min(1).optional().describe('foil, thin film, wire, grid, needle, chip…'),
  thickness: QuantitySchema.optional(),
  note: z.string().min(1).optional(),
})

export const CoatingSchema = z.strictObject({
  id: z.string().min(1),
  role: z.enum(['coating', 'host', 'interlayer', 'current-collector-film', 'mask']),
  thickness: QuantitySchema.optional(),
  method: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
})

export const PotentialProgramSchema = z.strictObject({
  kind: z.enum(['cv', 'potentiostatic', 'galvanostatic', 'gitt', 'stepped-current', 'stepped-potential', 'beam-injection']),
  range: QuantitySchema.optional(),
  sweepRate: QuantitySchema.optional(),
  hold: QuantitySchema.optional(),
  reference: z.string().min(1).optional(),
  note: z.string().min(1).optional(),
})

export const ObservationSchema = z.strictObject({
  phase: z.enum(PHASES),
  cycle: z.union([z.number().int().positive(), z.enum(['first', 'later', 'extended'])]).optional(),
  morphology: z.array(z.string().regex(KEBAB_ID)).default([]).describe('morphology term ids from seeds/vocab/morphology.json'),
  growthMode: z.array(z.enum(GROWTH_MODES)).default([]),
  nucleation: z.strictObject({
    sites: z.array(z.string().min(1)).default([]),
    densityTrend: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
  }).optional(),
  deadLi: z.strictObject({
    present: z.boolean(),
    level: z.enum(DEAD_LI_LEVELS).optional(),
    note: z.string().min(1).optional(),
  }).optional(),
  sei: z.strictObject({
    species: z.array(z.string().min(1)).default([]),
    structure: z.string().min(1).optional(),
    thickness: QuantitySchema.optional(),
    note: z.string().min(1).optional(),
  }).optional(),
  mechanical: z.array(z.strictObject({ event: z.enum(MECHANICAL_EVENTS), note: z.string().min(1).optional() })).default([]),
  shortCircuit: z.strictObject({
    occurred: z.boolean(),
    time: QuantitySchema.optional(),
    note: z.string().min(1).optional(),
  }).optional(),
  coulombicEfficiency: QuantitySchema.optional(),
  voltage: z.array(z.strictObject({
    feature: z.enum(VOLTAGE_FEATURES),
    value: QuantitySchema.optional(),
    note: z.string().min(1).optional(),
  })).default([]),
  mechanism: z.string().min(1).optional().describe('the mechanism proposed, in our own words'),
  summary: z.string().min(1).describe('what was seen, in our own words'),
  provenance: ProvenanceSchema,
})
export type Observation = z.infer<typeof ObservationSchema>

export const ExperimentSchema = z.strictObject({
  id: z.string().regex(KEBAB_ID),
  label: z.string().min(1),
  technique: TechniqueRefSchema,
  cell: z.strictObject({
    configuration: z.enum(CELL_CONFIGURATIONS),
    description: z.string().min(1).optional(),
    workingElectrode: ElectrodeSchema.optional(),
    counterElectrode: ElectrodeSchema.optional(),
    referenceElectrode: ElectrodeSchema.optional(),
    cathode: ElectrodeSchema.optional(),
  }),
  electrolyte: ElectrolyteSchema,
  /** Where Li is plated: the working electrode surface or current collector. */
  substrate: ElectrodeSchema.optional(),
  coatings: z.array(CoatingSchema).default([]),
  surfacePreparation: z.array(z.enum(['polished', 'acid-etched', 'fractured', 'scratched', 'sputtered', 'as-received', 'heat-treated', 'pristine'])).default([]),
  currentDensity: QuantitySchema.optional(),
  strippingCurrentDensity: QuantitySchema.optional(),
  current: QuantitySchema.optional(),
  cRate: QuantitySchema.optional(),
  potentialProgram: PotentialProgramSchema.optional(),
  capacity: QuantitySchema.optional(),
  charge: QuantitySchema.optional(),
  duration: QuantitySchema.optional(),
  cycles: z.number().int().positive().optional(),
  temperature: QuantitySchema.optional(),
  stackPressure: QuantitySchema.optional(),
  atmosphere: z.strictObject({
    description: z.string().min(1),
    oxygenPartialPressure: QuantitySchema.optional(),
  }).optional(),
  electronDose: QuantitySchema.optional(),
  notes: z.string().min(1).optional(),
  provenance: ProvenanceSchema,
  observations: z.array(ObservationSchema),
})
export type Experiment = z.infer<typeof ExperimentSchema>

export const StudyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(KEBAB_ID),
  role: z.enum(['primary', 'context', 'review']),
  refs: z.array(z.number().int().positive()).describe('reference numbers in the review'),
  authors: z.array(z.string().min(1)).min(1).describe('as the review gives them'),
  year: z.number().int().min(1950).max(2100),
  title: z.string().min(1),
  journal: z.string().min(1),
  volume: z.string().min(1).optional(),
  issue: z.string().min(1).optional(),
  pages: z.string().min(1).optional(),
  doi: z.string().regex(/^10\.\d{4,9}\/\S+$/, 'DOI like 10.1021/acsnano.3c00640'),
  review: z.strictObject({
    sections: z.array(z.string().regex(/^\d+(\.\d+)?$/)).default([]),
    figures: z.array(z.string().min(1)).default([]),
  }),
  techniques: z.array(z.enum(TECHNIQUE_FAMILIES)).default([]),
  summary: z.string().min(1),
  keyFindings: z.array(z.string().min(1)).default([]),
  corrections: z.array(CorrectionSchema).default([]),
  /** What the review leaves too vague to encode, said plainly. */
  gaps: z.array(z.string().min(1)).default([]),
  experiments: z.array(ExperimentSchema).default([]),
})
export type StudyFile = z.infer<typeof StudyFileSchema>
