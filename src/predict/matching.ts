/**
 * Knowledge-base experiments that match the conditions of a question within
 * a stated tolerance (current density within a factor, temperature within a
 * window; named materials and techniques must be present). Pure.
 * @module
 */
import { inIndexOrder, type EvidenceGroup, type EvidenceIndex, type EvidenceItem } from './evidence.ts'
import type { Conditions } from './kb-config.ts'

export interface Tolerance {
  /** An experiment matches when its current density is within [J/f, J·f]. */
  currentDensityFactor: number
  /** ± window on temperature, °C (experiments without a temperature are taken as room temperature). */
  temperature_C: number
}
export const DEFAULT_TOLERANCE: Tolerance = { currentDensityFactor: 2, temperature_C: 15 }

export interface Match { item: EvidenceItem; matchedOn: string[] }

/** False when no experiment with these shared conditions can match `c` (the per-experiment checks below, in part). */
function groupMayMatch(f: EvidenceGroup['features'], c: Partial<Conditions>): boolean {
  const additives = c.electrolyte?.additives ?? []
  if (!additives.every((a) => f.additives.includes(a.id))) return false
  if (c.electrolyte?.solid) return f.solid === c.electrolyte.solid.id
  return !c.electrolyte?.kind || f.kind === c.electrolyte.kind
}

/**
 * Experiments satisfying every condition that is given. An experiment that does not report a value the
 * question constrains (e.g. no current density) does not match on it.
 */
export function matchingExperiments(
  index: EvidenceIndex, c: Partial<Conditions>, techniques: string[] = [], tol: Tolerance = DEFAULT_TOLERANCE,
): Match[] {
  const j = c.currentDensity_mA_cm2
  const additives = (c.electrolyte?.additives ?? []).map((a) => a.id)
  const salts = (c.electrolyte?.salts ?? []).map((a) => a.id)
  const solid = c.electrolyte?.solid?.id
  const kind = c.electrolyte?.kind
  const coatings = c.coatings ?? []
  const T = c.temperature_C
  // What a match matched on depends on the question alone: every condition given had to hold.
  const matchedOn = [
    ...(j !== undefined ? ['current density'] : []), ...(additives.length ? ['additives'] : []), ...(salts.length ? ['salt'] : []),
    ...(solid ? ['solid electrolyte'] : []), ...(c.substrate ? ['substrate'] : []), ...(coatings.length ? ['coating'] : []),
    ...(T !== undefined ? ['temperature'] : []), ...(techniques.length ? ['technique'] : []),
  ]
  if (matchedOn.length === 0) return []
  const out: Match[] = []
  // Additives, electrolyte kind and solid are shared by a group (its key): checked once per group.
  for (const g of index.groups.values()) {
    if (!groupMayMatch(g.features, c)) continue
    for (const item of g.items) {
      const x = item.features
      if (j !== undefined && (x.j === null || x.j < j / tol.currentDensityFactor || x.j > j * tol.currentDensityFactor)) continue
      if (salts.length > 0 && !salts.every((a) => x.salts.includes(a))) continue
      if (c.substrate && x.substrate !== c.substrate && !x.coatings.includes(c.substrate)) continue
      if (coatings.length > 0 && !coatings.every((k) => x.coatings.includes(k))) continue
      if (T !== undefined && Math.abs((x.temperature ?? 25) - T) > tol.temperature_C) continue
      if (techniques.length > 0 && !techniques.some((t) => t === x.technique || t === x.techniqueVariant)) continue
      out.push({ item, matchedOn })
    }
  }
  return out.sort((a, b) => inIndexOrder(a.item, b.item))
}
