/**
 * Read a knowledge-base experiment as a configuration (the same shape a
 * researcher submits), and read off what it observed. Used for the evidence
 * search, the leave-one-study-out evaluation and the rule examples.
 * @module
 */
import type { Experiment, Quantity } from '../../schema/files/study-file.ts'
import { parseQuantity, UnitError, type ParsedQuantity } from '../units/parse.ts'
import type { QuantityKind } from '../units/units.ts'
import type { PredictionConfig } from './configuration.ts'

/** A configuration whose current density may be unknown (some studies do not report it). */
export type Conditions = Omit<PredictionConfig, 'currentDensity_mA_cm2'> & { currentDensity_mA_cm2?: number }

const quantity = (q: Quantity | undefined, kind: QuantityKind): ParsedQuantity | undefined => {
  if (!q) return undefined
  try { return parseQuantity(q.reported, kind) } catch (e) { if (e instanceof UnitError) return undefined; throw e }
}
/** One representative value: the value itself, or the geometric mean of a range or list (currents span decades). */
const representative = (p: ParsedQuantity | undefined): number | undefined => {
  if (!p) return undefined
  if (p.values.length === 1) return p.values[0]
  const positive = p.values.filter((v) => v > 0)
  return positive.length === 0 ? p.values[0] : Math.exp(positive.reduce((s, v) => s + Math.log(v), 0) / positive.length)
}

const CELLS: Partial<Record<Experiment['cell']['configuration'], PredictionConfig['cell']>> = {
  'li-li': 'Li-Li', 'li-cu': 'Li-Cu', 'li-substrate': 'Li-Cu', 'anode-free': 'anode-free', 'full-cell': 'Li-cathode',
}

export function experimentConditions(e: Experiment): Conditions {
  const el = e.electrolyte
  const kind: PredictionConfig['electrolyte']['kind'] =
    el.kind === 'solid-inorganic' || el.kind === 'native-layer' ? 'solid' : el.kind === 'polymer' ? 'polymer' : 'liquid'
  const additives = el.additives.map((a) => {
    const amount = quantity(a.amount, a.amount && /M|mol/.test(a.amount.reported) ? 'concentration' : 'massFraction')
    return {
      id: a.id,
      ...(amount ? { amount: amount.values[0] as number, unit: amount.kind === 'concentration' ? 'M' as const : 'wt%' as const } : {}),
    }
  })
  const pressure = quantity(e.stackPressure, 'pressure')
  const o2 = quantity(e.atmosphere?.oxygenPartialPressure, 'pressure')
  const film = e.coatings.find((c) => c.role === 'current-collector-film')
  const c: Conditions = {
    cell: CELLS[e.cell.configuration],
    electrolyte: {
      kind,
      salts: el.salts.map((s) => {
        const c = quantity(s.concentration, 'concentration')
        return { id: s.id, ...(c ? { concentration_M: c.values[0] } : {}) }
      }),
      solvents: el.solvents.map((s) => ({ id: s.id })),
      additives,
      ...(el.solid ? { solid: { id: el.solid.id, ...(el.solid.form ? { form: el.solid.form } : {}) } } : {}),
    },
    substrate: e.substrate?.id ?? e.cell.workingElectrode?.id,
    coatings: e.coatings.filter((x) => x.role !== 'mask').map((x) => x.id),
    currentDensity_mA_cm2: representative(quantity(e.currentDensity, 'currentDensity')),
    strippingCurrentDensity_mA_cm2: representative(quantity(e.strippingCurrentDensity, 'currentDensity')),
    capacity_mAh_cm2: representative(quantity(e.capacity, 'arealCapacity')),
    temperature_C: representative(quantity(e.temperature, 'temperature')),
    stackPressure_kPa: pressure ? (pressure.values[0] as number) / 1000 : undefined,
    cycles: e.cycles,
    technique: e.technique.variant,
    electronDose_e_A2_s: representative(quantity(e.electronDose, 'electronDose')),
    oxygenPartialPressure_Pa: o2?.values[0],
    surfacePreparation: e.surfacePreparation,
    currentCollectorFilmThickness_um: representative(quantity(film?.thickness, 'length')),
  }
  for (const key of Object.keys(c) as (keyof Conditions)[]) if (c[key] === undefined) delete c[key]
  return c
}

export type Level = 'low' | 'moderate' | 'high'

export interface Observed {
  families: string[]
  labels: string[]
  deadLi?: Level
  short?: Level
  ce_percent?: number
}

const LEVEL_RANK: Record<string, number> = { none: 0, low: 1, moderate: 2, high: 3 }

/** What an experiment observed, summarised into the prediction's categories. */
export function experimentObserved(e: Experiment, familyOf: (term: string) => string | undefined): Observed {
  const labels = [...new Set(e.observations.flatMap((o) => o.morphology))]
  const families = [...new Set(labels.flatMap((l) => familyOf(l) ?? []))]
  let dead: number | undefined
  for (const o of e.observations) {
    if (!o.deadLi) continue
    const rank = o.deadLi.level ? LEVEL_RANK[o.deadLi.level] : o.deadLi.present ? LEVEL_RANK.moderate : LEVEL_RANK.low
    dead = Math.max(dead ?? 0, rank ?? 0)
  }
  const shorts = e.observations.flatMap((o) => (o.shortCircuit ? [o.shortCircuit.occurred] : []))
  const ce = e.observations.flatMap((o) => {
    const q = quantity(o.coulombicEfficiency, 'percent')
    return q ? [q.values[0] as number] : []
  })
  const out: Observed = { families, labels }
  if (dead !== undefined) out.deadLi = dead <= 1 ? 'low' : dead === 2 ? 'moderate' : 'high'
  if (shorts.length > 0) out.short = shorts.some(Boolean) ? 'high' : 'low'
  if (ce.length > 0) out.ce_percent = Math.min(...ce)
  return out
}
