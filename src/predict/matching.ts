/**
 * Knowledge-base experiments that match the conditions of a question within
 * a stated tolerance (current density within a factor, temperature within a
 * window; named materials and techniques must be present). Pure.
 * @module
 */
import { groupColumns, groupsWith, studyRank, type EvidenceIndex, type EvidenceItem } from './evidence.ts'
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
  const [jLow, jHigh] = j === undefined ? [-Infinity, Infinity] : [j / tol.currentDensityFactor, j * tol.currentDensityFactor]
  // Additives, electrolyte kind and solid are shared by a group (its key): checked once per group.
  for (const g of groupsWith(index, { additives, solid, kind: kind || undefined })) {
    const js = j === undefined ? null : groupColumns(g).j
    for (let i = 0; i < g.items.length; i++) {
      // An experiment without a current density (NaN) fails a given one.
      if (js !== null && !((js[i] as number) >= jLow && (js[i] as number) <= jHigh)) continue
      const item = g.items[i] as EvidenceItem
      const x = item.features
      if (salts.length > 0 && !salts.every((a) => x.salts.includes(a))) continue
      if (c.substrate && x.substrate !== c.substrate && !x.coatings.includes(c.substrate)) continue
      if (coatings.length > 0 && !coatings.every((k) => x.coatings.includes(k))) continue
      if (T !== undefined && Math.abs(x.temperature - T) > tol.temperature_C) continue
      if (techniques.length > 0 && !techniques.some((t) => t === x.technique || t === x.techniqueVariant)) continue
      out.push({ item, matchedOn })
    }
  }
  // Index order (study, then position in it) by comparing one number per experiment, not study ids
  // (positions stay far below 2^21: a study arrives in one request body of at most 256 KiB).
  const rank = studyRank(index)
  const keys = new Float64Array(out.length)
  const order = new Uint32Array(out.length)
  for (let i = 0; i < out.length; i++) {
    const { item } = out[i] as Match
    keys[i] = (rank.get(item.studyId) as number) * 2 ** 21 + item.ordinal
    order[i] = i
  }
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number))
  const sorted = new Array<Match>(out.length)
  for (let i = 0; i < order.length; i++) sorted[i] = out[order[i] as number] as Match
  return sorted
}
