/**
 * Knowledge-base experiments that match the conditions of a question within
 * a stated tolerance (current density within a factor, temperature within a
 * window; named materials and techniques must be present). Pure.
 * @module
 */
import type { EvidenceIndex, EvidenceItem } from './evidence.ts'
import type { Conditions } from './kb-config.ts'

export interface Tolerance {
  /** An experiment matches when its current density is within [J/f, J·f]. */
  currentDensityFactor: number
  /** ± window on temperature, °C (experiments without a temperature are taken as room temperature). */
  temperature_C: number
}
export const DEFAULT_TOLERANCE: Tolerance = { currentDensityFactor: 2, temperature_C: 15 }

export interface Match { item: EvidenceItem; matchedOn: string[] }

/**
 * Experiments satisfying every condition that is given. An experiment that does not report a value the
 * question constrains (e.g. no current density) does not match on it.
 */
export function matchingExperiments(
  index: EvidenceIndex, c: Partial<Conditions>, techniques: string[] = [], tol: Tolerance = DEFAULT_TOLERANCE,
): Match[] {
  const out: Match[] = []
  for (const item of index.items) {
    const x = item.conditions
    const on: string[] = []
    const j = c.currentDensity_mA_cm2
    if (j !== undefined) {
      if (x.currentDensity_mA_cm2 === undefined || x.currentDensity_mA_cm2 < j / tol.currentDensityFactor || x.currentDensity_mA_cm2 > j * tol.currentDensityFactor) continue
      on.push('current density')
    }
    const additives = c.electrolyte?.additives ?? []
    if (additives.length > 0) {
      if (!additives.every((a) => x.electrolyte.additives.some((b) => b.id === a.id))) continue
      on.push('additives')
    }
    const salts = c.electrolyte?.salts ?? []
    if (salts.length > 0) {
      if (!salts.every((a) => x.electrolyte.salts.some((b) => b.id === a.id))) continue
      on.push('salt')
    }
    if (c.electrolyte?.solid) {
      if (x.electrolyte.solid?.id !== c.electrolyte.solid.id) continue
      on.push('solid electrolyte')
    } else if (c.electrolyte?.kind && item.features.kind !== c.electrolyte.kind) continue
    if (c.substrate) {
      if (x.substrate !== c.substrate && !x.coatings.includes(c.substrate)) continue
      on.push('substrate')
    }
    const coatings = c.coatings ?? []
    if (coatings.length > 0) {
      if (!coatings.every((k) => x.coatings.includes(k))) continue
      on.push('coating')
    }
    if (c.temperature_C !== undefined) {
      if (Math.abs((x.temperature_C ?? 25) - c.temperature_C) > tol.temperature_C) continue
      on.push('temperature')
    }
    if (techniques.length > 0) {
      const family = item.features.technique
      const variant = x.technique
      if (!techniques.some((t) => t === family || t === variant)) continue
      on.push('technique')
    }
    if (on.length > 0) out.push({ item, matchedOn: on })
  }
  return out
}
