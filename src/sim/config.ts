/**
 * Cell configuration: the simulator input schema (zod 4, shared with the API) and the
 * default-resolution step that turns a partial input into a complete configuration plus
 * the list of assumptions that were made (physics.md §10.1).
 *
 * Conventions: canonical battery units with unit-suffixed names; `null` or a missing
 * optional field means "unknown" and falls back to a stated default that is reported as an
 * {@link Assumption} — never silently. Unknown keys are rejected (typos must not be ignored).
 *
 * @module
 */
import { z } from 'zod'
import { CAL } from './calibration.ts'
import {
  CORRELATION_IDS,
  ELECTROLYTES,
  ELECTROLYTE_IDS,
  type CorrelationId,
  type ElectrolyteFamily,
  type ElectrolyteId,
  type ElectrolyteKind,
  type SolidElectrolyteId,
} from './electrolyte.ts'
import { SimInputError, toPointer, type SimInputErrorCode, type SimInputIssue } from './errors.ts'
import { INTERLAYERS, INTERLAYER_EFFECTS, SOLID_MATERIALS, type Interlayer } from './solid.ts'

export const ADDITIVE_IDS = ['FEC', 'LiNO3', 'CsPF6', 'LiDFOB', 'LiPO2F2', 'VC'] as const
export type AdditiveId = (typeof ADDITIVE_IDS)[number]
export const SUBSTRATE_METALS = ['Cu', 'Ni', 'W', 'SS', 'Ti', 'Mo', 'Pt', 'Au', 'Ag', 'In', 'Mg', 'Al', 'Zn', 'Sn', 'Si', 'C', 'Li'] as const
export type SubstrateMetal = (typeof SUBSTRATE_METALS)[number]
export const COATING_TYPES = ['Ag', 'Au', 'ZnO', 'Al2O3', 'LiF', 'Li3N', 'polymer', 'carbon'] as const
export type CoatingType = (typeof COATING_TYPES)[number]
export const CELL_TYPES = ['Li-Cu', 'Li-Li', 'anode-free', 'Li-cathode'] as const
export type CellType = (typeof CELL_TYPES)[number]
export const SEPARATOR_TYPES = ['PE', 'PP', 'GF', 'ceramic', 'none', 'capillary'] as const
export type SeparatorType = (typeof SEPARATOR_TYPES)[number]

const num = (min: number, max: number, opts: { gtMin?: boolean } = {}) =>
  (opts.gtMin ? z.number().gt(min) : z.number().gte(min)).lte(max)

export const AdditiveSchema = z.strictObject({
  id: z.enum(ADDITIVE_IDS),
  amount: num(0, 100, { gtMin: true }),
  unit: z.enum(['wt%', 'M']),
})

export const SolidElectrolyteOptionsSchema = z.strictObject({
  /** Solid (or polymer) electrolyte thickness, µm. */
  thickness_um: num(0.1, 5000, { gtMin: true }).nullish(),
  /** Relative density of the ceramic, 0–1. */
  relDensity: num(0.5, 1).nullish(),
  /** Interfacial area-specific resistance Li|SE, Ω·cm². */
  asr_ohm_cm2: num(0, 1e5).nullish(),
  interlayer: z.enum(INTERLAYERS).nullish(),
  /** Largest surface flaw depth a for the Porz criterion, µm. */
  flawSize_um: num(0.01, 1000, { gtMin: true }).nullish(),
})

export const ElectrolyteSchema = z.strictObject({
  kind: z.enum(['liquid', 'polymer', 'solid']),
  id: z.enum(ELECTROLYTE_IDS),
  /** Transport correlation for liquids that have several (physics.md §2.1). */
  correlation: z.enum(CORRELATION_IDS).nullish(),
  /** Salt concentration, mol/L. */
  concentration_M: num(0.01, 10, { gtMin: true }).nullish(),
  additives: z.array(AdditiveSchema).max(12).nullish(),
  solid: SolidElectrolyteOptionsSchema.nullish(),
})

export const SeparatorSchema = z.strictObject({
  type: z.enum(SEPARATOR_TYPES),
  thickness_um: num(0.1, 1e5, { gtMin: true }).nullish(),
  porosity: num(0, 1, { gtMin: true }).nullish(),
  tortuosity: num(1, 100).nullish(),
  poreSize_nm: num(0, 1e7, { gtMin: true }).nullish(),
})

/** Simulator input (physics.md §10.1) in canonical battery units. */
export const CellConfigSchema = z.strictObject({
  electrolyte: ElectrolyteSchema,
  substrate: z
    .strictObject({
      metal: z.enum(SUBSTRATE_METALS).nullish(),
      coating: z.strictObject({ type: z.enum(COATING_TYPES), thickness_nm: num(0, 1e6).nullish() }).nullish(),
    })
    .nullish(),
  cellType: z.enum(CELL_TYPES).nullish(),
  /** Plating current density, mA/cm² (1e-3 … 50). */
  currentDensity_mA_cm2: num(1e-3, 50),
  /** Stripping current density, mA/cm² (default: the plating value). */
  strippingCurrentDensity_mA_cm2: num(1e-3, 50).nullish(),
  /** Areal capacity per half-cycle, mAh/cm². */
  capacity_mAh_cm2: num(0, 100, { gtMin: true }).nullish(),
  temperature_C: num(-40, 100).nullish(),
  stackPressure_kPa: num(0, 1e5).nullish(),
  separator: SeparatorSchema.nullish(),
  /** Electrode gap for free-electrolyte (capillary) cells, µm. */
  gap_um: num(0.1, 1e5, { gtMin: true }).nullish(),
  cycles: z.number().int().gte(1).lte(10_000).nullish(),
  /** Excess Li inventory (Li foil or reservoir), mAh/cm². */
  liExcess_mAh_cm2: num(0, 1000).nullish(),
  /** Pulsed plating: on time and rest time, ms (physics.md §9.2). */
  protocol: z.strictObject({ tOn_ms: num(0, 1e7, { gtMin: true }), tOff_ms: num(0, 1e7) }).nullish(),
})

export type CellConfigInput = z.input<typeof CellConfigSchema>

/** A default the simulator had to assume. */
export interface Assumption {
  /** JSON-pointer-like path of the field that was missing. */
  field: string
  value: number | string
  unit?: string
  reason: string
}

export interface ResolvedAdditive {
  id: AdditiveId
  /** Amount normalized to wt% (mol/L converted with the [E] electrolyte density). */
  amount_wtPct: number
}

export interface ResolvedSolidOptions {
  thickness_um: number
  relDensity: number
  asr_ohm_cm2: number
  interlayer: Interlayer
  flawSize_um: number
}

export interface ResolvedSeparator {
  type: SeparatorType
  thickness_um: number
  porosity: number
  tortuosity: number
  /** Pore size, nm; null for free electrolyte / membranes without pores. */
  poreSize_nm: number | null
}

/** A complete configuration (every default applied). */
export interface ResolvedConfig {
  electrolyte: {
    kind: ElectrolyteKind
    id: ElectrolyteId
    family: ElectrolyteFamily
    correlation: CorrelationId | null
    concentration_M: number
    additives: ResolvedAdditive[]
    solid: ResolvedSolidOptions | null
  }
  substrate: { metal: SubstrateMetal; coating: { type: CoatingType; thickness_nm: number | null } | null }
  cellType: CellType
  currentDensity_mA_cm2: number
  strippingCurrentDensity_mA_cm2: number
  capacity_mAh_cm2: number
  temperature_C: number
  stackPressure_kPa: number
  /** Ion-transport layer between the electrodes (separator, free gap, or the polymer/solid film). */
  separator: ResolvedSeparator
  cycles: number
  liExcess_mAh_cm2: number
  protocol: { tOn_ms: number; tOff_ms: number } | null
}

/** Molar masses of the additives, g/mol (standard), for M ↔ wt% conversion. */
const ADDITIVE_MOLAR_MASS_G_MOL: Record<AdditiveId, number> = {
  FEC: 106.05,
  LiNO3: 68.95,
  CsPF6: 277.87,
  LiDFOB: 143.77,
  LiPO2F2: 107.91,
  VC: 86.05,
}

/** Separator defaults by type (physics.md §1.4). Tortuosity `null` = Bruggeman τ = ε^-0.5. */
export const SEPARATOR_DEFAULTS: Record<Exclude<SeparatorType, 'none' | 'capillary'>, { thickness_um: number; porosity: number; tortuosity: number | null; poreSize_nm: number; source: string }> = {
  PE: { thickness_um: 25, porosity: 0.39, tortuosity: null, poreSize_nm: 43, source: 'PyBaMM Xu2019: 25 µm, ε = 0.39, Bruggeman [V]; Celgard 2400 pore 43 nm [L]; physics.md §1.4' },
  PP: { thickness_um: 25, porosity: 0.55, tortuosity: null, poreSize_nm: 64, source: 'Celgard 2500 class [L], physics.md §1.4' },
  GF: { thickness_um: 675, porosity: 0.9, tortuosity: null, poreSize_nm: 2700, source: 'Whatman GF/D [L], physics.md §1.4' },
  ceramic: { thickness_um: 60, porosity: 0.4, tortuosity: 1, poreSize_nm: 80, source: 'Bai 2016/2018 nanoporous ceramic/AAO [L], physics.md §1.4' },
}

function mapZodCode(issue: z.core.$ZodIssue, inputAtPath: unknown): SimInputErrorCode {
  switch (issue.code) {
    case 'too_small':
    case 'too_big':
      return 'OUT_OF_RANGE'
    case 'invalid_type':
      return inputAtPath === undefined ? 'MISSING_FIELD' : 'INVALID_TYPE'
    case 'unrecognized_keys':
      return 'UNKNOWN_FIELD'
    case 'invalid_value':
      return inputAtPath === undefined ? 'MISSING_FIELD' : 'INVALID_VALUE'
    default:
      return 'INVALID_VALUE'
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[k]
  }
  return cur
}

/** Map zod issues to {@link SimInputIssue}s with JSON-pointer fields. */
function toIssues(error: z.ZodError, input: unknown): SimInputIssue[] {
  const out: SimInputIssue[] = []
  for (const issue of error.issues) {
    const path = issue.path
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ field: toPointer([...path, key]), code: 'UNKNOWN_FIELD', message: `unknown field "${key}"` })
      }
      continue
    }
    const at = valueAt(input, path)
    const field = toPointer(path)
    const isElectrolyteId = field === '/electrolyte/id'
    const code: SimInputErrorCode = isElectrolyteId && at !== undefined ? 'UNKNOWN_ELECTROLYTE' : mapZodCode(issue, at)
    const base: SimInputIssue = {
      field,
      code,
      message: isElectrolyteId && at !== undefined ? `unknown electrolyte id ${JSON.stringify(at)}; known ids: ${ELECTROLYTE_IDS.join(', ')}` : issue.message,
    }
    if (issue.code === 'invalid_value') base.allowed = issue.values.map(String)
    out.push(base)
  }
  return out
}

/**
 * Validate an input against {@link CellConfigSchema}; throws {@link SimInputError} naming the field.
 */
export function parseCellConfig(input: unknown): z.output<typeof CellConfigSchema> {
  const parsed = CellConfigSchema.safeParse(input)
  if (!parsed.success) throw new SimInputError(toIssues(parsed.error, input))
  return parsed.data
}

/**
 * Validate the input and apply every default (physics.md §1.4, §8.1, §10.1).
 *
 * @returns the complete configuration, the assumptions made (field, value, reason) and
 *   warnings about inputs that were ignored.
 * @throws SimInputError for bad input (negative current, porosity > 1, unknown electrolyte…)
 */
export function resolveConfig(input: unknown): { config: ResolvedConfig; assumptions: Assumption[]; warnings: string[] } {
  const raw = parseCellConfig(input)
  const assumptions: Assumption[] = []
  const warnings: string[] = []
  const assume = <T extends number | string>(field: string, value: T, reason: string, unit?: string): T => {
    assumptions.push(unit === undefined ? { field, value, reason } : { field, value, unit, reason })
    return value
  }

  // --- electrolyte -----------------------------------------------------------
  const e = raw.electrolyte
  const entry = ELECTROLYTES[e.id]
  if (entry.kind !== e.kind) {
    throw new SimInputError([
      {
        field: '/electrolyte/kind',
        code: 'KIND_MISMATCH',
        message: `electrolyte ${e.id} is a ${entry.kind} electrolyte, not ${e.kind}`,
        allowed: [entry.kind],
      },
    ])
  }
  let correlation: CorrelationId | null = null
  if (entry.kind !== 'solid') {
    if (e.correlation != null) {
      if (!entry.correlations.includes(e.correlation)) {
        throw new SimInputError([
          {
            field: '/electrolyte/correlation',
            code: 'INVALID_VALUE',
            message: `correlation ${e.correlation} is not available for ${e.id}`,
            allowed: entry.correlations,
          },
        ])
      }
      correlation = e.correlation
    } else {
      correlation = entry.correlations[0] ?? null
      if (entry.correlations.length > 1 && correlation) {
        assume('/electrolyte/correlation', correlation, `default transport correlation for ${e.id} (alternatives: ${entry.correlations.slice(1).join(', ')}; physics.md §2.1)`)
      }
    }
  } else if (e.correlation != null) {
    warnings.push('input_ignored: /electrolyte/correlation does not apply to inorganic solid electrolytes')
  }

  let concentration_M = entry.nominal_M
  if (entry.kind === 'solid') {
    if (e.concentration_M != null) warnings.push('input_ignored: /electrolyte/concentration_M does not apply to inorganic solid electrolytes')
  } else if (e.concentration_M != null) {
    concentration_M = e.concentration_M
  } else {
    assume('/electrolyte/concentration_M', concentration_M, `nominal concentration of ${e.id}`, 'M')
  }

  const additives: ResolvedAdditive[] = []
  if (e.additives && e.additives.length > 0) {
    if (entry.kind === 'solid') warnings.push('input_ignored: /electrolyte/additives do not apply to inorganic solid electrolytes')
    else {
      for (const a of e.additives) {
        const wt = a.unit === 'wt%' ? a.amount : ((a.amount * ADDITIVE_MOLAR_MASS_G_MOL[a.id]) / (CAL.electrolyteDensity_g_mL.value * 1000)) * 100
        additives.push({ id: a.id, amount_wtPct: wt })
      }
    }
  }

  let solid: ResolvedSolidOptions | null = null
  if (entry.kind === 'solid') {
    const mat = SOLID_MATERIALS[e.id as SolidElectrolyteId]
    const s: z.output<typeof SolidElectrolyteOptionsSchema> = e.solid ?? {}
    const interlayer: Interlayer = s.interlayer ?? assume('/electrolyte/solid/interlayer', 'none' as Interlayer, 'no interlayer given')
    const pick = (key: 'thickness_um' | 'relDensity' | 'asr_ohm_cm2' | 'flawSize_um', def: number, unit: string, why: string): number => {
      const v = s[key]
      return v != null ? v : assume(`/electrolyte/solid/${key}`, def, why, unit)
    }
    solid = {
      thickness_um: pick('thickness_um', mat.defaultThickness_um, 'µm', `typical ${e.id} thickness [E]`),
      relDensity: pick('relDensity', mat.defaultRelDensity, '1', `typical ${e.id} relative density ${mat.densityNote}`),
      asr_ohm_cm2: pick(
        'asr_ohm_cm2',
        mat.defaultAsr_ohm_cm2 * INTERLAYER_EFFECTS[interlayer].asrFactor,
        'Ω·cm²',
        `typical Li|${e.id} interfacial ASR${interlayer === 'none' ? '' : ` with a ${interlayer} interlayer`} [E]`,
      ),
      interlayer,
      flawSize_um: pick('flawSize_um', mat.defaultFlawSize_um, 'µm', 'surface flaw depth for the Porz criterion [E] (physics.md §5.2)'),
    }
  } else if (e.solid != null) {
    if (entry.kind !== 'polymer' || e.solid.thickness_um == null) {
      warnings.push('input_ignored: /electrolyte/solid applies to solid electrolytes (only thickness_um is used for polymers)')
    }
  }

  // --- cell -------------------------------------------------------------------
  const cellType: CellType = raw.cellType ?? assume('/cellType', 'Li-Cu' as CellType, 'not given; Li‖Cu half-cell (the CE test geometry of physics.md §6.4)')
  const defaultMetal: SubstrateMetal = cellType === 'Li-Li' || cellType === 'Li-cathode' ? 'Li' : 'Cu'
  const metal: SubstrateMetal =
    raw.substrate?.metal ?? assume('/substrate/metal', defaultMetal, `not given; working electrode of a ${cellType} cell`)
  const coating = raw.substrate?.coating ? { type: raw.substrate.coating.type, thickness_nm: raw.substrate.coating.thickness_nm ?? null } : null

  const J = raw.currentDensity_mA_cm2
  const Jstrip =
    raw.strippingCurrentDensity_mA_cm2 ??
    assume('/strippingCurrentDensity_mA_cm2', J, 'not given; symmetric cycling at the plating current density', 'mA/cm2')
  const capacity = raw.capacity_mAh_cm2 ?? assume('/capacity_mAh_cm2', 1, 'not given; 1 mAh/cm² per half-cycle (physics.md §6.4 test condition)', 'mAh/cm2')
  const temperature = raw.temperature_C ?? assume('/temperature_C', 25, 'not given; room temperature', '°C')
  const pressure =
    raw.stackPressure_kPa ??
    assume('/stackPressure_kPa', CAL.defaultStackPressure_kPa.value, 'assumed: coin cell with spring, 0.1–0.3 MPa (physics.md §8.1 [E])', 'kPa')
  const cycles = raw.cycles ?? assume('/cycles', 100, 'not given; 100 cycles', 'cycles')

  const defaultExcess =
    cellType === 'anode-free' ? 0 : cellType === 'Li-cathode' ? CAL.liExcessLiCathode_mAh_cm2.value : CAL.liExcessFoil_mAh_cm2.value
  let liExcess: number
  if (raw.liExcess_mAh_cm2 != null) {
    liExcess = raw.liExcess_mAh_cm2
    if (cellType === 'anode-free' && liExcess > 0) warnings.push('inconsistent_input: anode-free cell given a Li excess; it is used as a Li reservoir')
  } else if (cellType === 'anode-free') {
    liExcess = 0
  } else {
    liExcess = assume('/liExcess_mAh_cm2', defaultExcess, cellType === 'Li-cathode' ? 'not given; ~50 µm Li foil [E]' : 'not given; ~250 µm Li foil counter electrode [E]', 'mAh/cm2')
  }

  // --- transport layer ----------------------------------------------------------
  let separator: ResolvedSeparator
  if (entry.kind === 'solid') {
    if (raw.separator != null || raw.gap_um != null) warnings.push('input_ignored: separator/gap do not apply to inorganic solid electrolytes (the electrolyte is the separator)')
    separator = { type: 'none', thickness_um: solid?.thickness_um ?? 500, porosity: 1, tortuosity: 1, poreSize_nm: null }
  } else if (entry.kind === 'polymer') {
    if (raw.separator != null) warnings.push('input_ignored: /separator does not apply to a polymer electrolyte film; use gap_um or electrolyte.solid.thickness_um')
    const L =
      e.solid?.thickness_um ??
      raw.gap_um ??
      assume('/gap_um', CAL.polymerThickness_um.value, 'not given; polymer electrolyte film thickness [E]', 'µm')
    separator = { type: 'none', thickness_um: L, porosity: 1, tortuosity: 1, poreSize_nm: null }
  } else {
    const sep = raw.separator
    if (sep == null) {
      if (raw.gap_um != null) {
        separator = { type: 'capillary', thickness_um: raw.gap_um, porosity: 1, tortuosity: 1, poreSize_nm: null }
        assumptions.push({ field: '/separator', value: 'capillary', reason: 'no separator given with a gap: free electrolyte, ε = τ = 1 (physics.md §1.4, Bai 2016)' })
      } else {
        const d = SEPARATOR_DEFAULTS.PE
        separator = { type: 'PE', thickness_um: d.thickness_um, porosity: d.porosity, tortuosity: Math.pow(d.porosity, -0.5), poreSize_nm: d.poreSize_nm }
        assumptions.push({ field: '/separator', value: 'PE', reason: `not given; ${d.source}` })
      }
    } else if (sep.type === 'none' || sep.type === 'capillary') {
      const L =
        sep.thickness_um ??
        raw.gap_um ??
        assume('/gap_um', sep.type === 'capillary' ? 10_000 : 25, sep.type === 'capillary' ? 'not given; 1 cm capillary (Bai 2016)' : 'not given; 25 µm electrode gap [E]', 'µm')
      if (sep.porosity != null && sep.porosity !== 1) warnings.push(`input_ignored: /separator/porosity for a ${sep.type} cell (free electrolyte, ε = 1)`)
      separator = { type: sep.type, thickness_um: L, porosity: 1, tortuosity: 1, poreSize_nm: null }
    } else {
      const d = SEPARATOR_DEFAULTS[sep.type]
      const thickness = sep.thickness_um ?? raw.gap_um ?? assume('/separator/thickness_um', d.thickness_um, `default for ${sep.type}: ${d.source}`, 'µm')
      const porosity = sep.porosity ?? assume('/separator/porosity', d.porosity, `default for ${sep.type}: ${d.source}`, '1')
      const tortuosity =
        sep.tortuosity ??
        (d.tortuosity === null
          ? assume('/separator/tortuosity', Math.pow(porosity, -0.5), 'Bruggeman τ = ε^-0.5 (physics.md §1.2)', '1')
          : assume('/separator/tortuosity', d.tortuosity, `default for ${sep.type}: ${d.source}`, '1'))
      const poreSize = sep.poreSize_nm ?? assume('/separator/poreSize_nm', d.poreSize_nm, `default for ${sep.type}: ${d.source}`, 'nm')
      separator = { type: sep.type, thickness_um: thickness, porosity, tortuosity, poreSize_nm: poreSize }
    }
  }

  const config: ResolvedConfig = {
    electrolyte: { kind: entry.kind, id: e.id, family: entry.family, correlation, concentration_M, additives, solid },
    substrate: { metal, coating },
    cellType,
    currentDensity_mA_cm2: J,
    strippingCurrentDensity_mA_cm2: Jstrip,
    capacity_mAh_cm2: capacity,
    temperature_C: temperature,
    stackPressure_kPa: pressure,
    separator,
    cycles,
    liExcess_mAh_cm2: liExcess,
    protocol: raw.protocol ?? null,
  }
  return { config, assumptions, warnings }
}
