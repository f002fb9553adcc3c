/**
 * What a synthetic experiment observes. Outcomes come from the literature rules
 * (`rules/**`) whose configuration conditions hold for the experiment; when none
 * of them says anything about morphology (or, 15 % of the time, to keep some
 * scatter), from the table below, keyed on electrolyte group × current-density
 * decade. The table is our coarse reading of the review's picture, not data:
 *
 * | group \ J (mA cm⁻²) | 10⁻³–10⁻² | 10⁻²–10⁻¹ | 10⁻¹–1 | 1–10 | 10–10² |
 * |---|---|---|---|---|---|
 * | carbonate, sulfoxide, mixed | granular, particulate | mossy, whisker | mossy, whisker | whisker, dendritic | dendritic, needle |
 * | ether, glyme | spherical, granular | granular, columnar | columnar, mossy | mossy, whisker | dendritic, whisker |
 * | solvate (concentrated) | granular, spherical | columnar, granular | columnar, film | columnar, mossy | mossy, whisker |
 * | garnet | island, film | island, protrusion | protrusion, crack-filling | crack-filling, penetrating-dendrite | penetrating-dendrite |
 * | sulfide | island | island, protrusion | crack-filling, protrusion | pillar, crack-filling | pillar, penetrating-dendrite |
 * | oxynitride (LiPON) | island, rod | island, rod | island, film | film, particulate | film, protrusion |
 * | polymer | particulate, granular | particulate, whisker | whisker, mossy | dendritic, whisker | dendritic, penetrating-dendrite |
 * | native oxide (open-cell TEM) | nanowire, whisker | nanowire, whisker | whisker, rod | whisker, needle | needle, dendritic |
 *
 * Dead Li rises and shorts become likelier with the decade (see `TABLE`). Pure.
 * @module
 */
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { Rng } from './prng.ts'

export type Level = 'none' | 'low' | 'moderate' | 'high'
export type Group = 'carbonate' | 'ether' | 'solvate' | 'garnet' | 'sulfide' | 'oxynitride' | 'polymer' | 'native-oxide'

interface Cell { terms: ReadonlyArray<readonly [string, number]>; deadLi: Level; short: number }

const c = (terms: Cell['terms'], deadLi: Level, short: number): Cell => ({ terms, deadLi, short })

/** Per group, one cell per current-density decade 10⁻³…10². */
export const TABLE: Record<Group, readonly [Cell, Cell, Cell, Cell, Cell]> = {
  carbonate: [
    c([['granular', 2], ['particulate', 1]], 'low', 0.01), c([['mossy', 2], ['whisker', 1]], 'low', 0.02),
    c([['mossy', 2], ['whisker', 2]], 'moderate', 0.05), c([['whisker', 2], ['dendritic', 2], ['mossy', 1]], 'moderate', 0.15),
    c([['dendritic', 3], ['needle', 2]], 'high', 0.4),
  ],
  ether: [
    c([['spherical', 2], ['granular', 2]], 'none', 0.01), c([['granular', 2], ['columnar', 1]], 'low', 0.01),
    c([['columnar', 2], ['mossy', 1]], 'low', 0.03), c([['mossy', 2], ['whisker', 1]], 'moderate', 0.1),
    c([['dendritic', 2], ['whisker', 2]], 'high', 0.3),
  ],
  solvate: [
    c([['granular', 2], ['spherical', 1]], 'none', 0.01), c([['columnar', 2], ['granular', 1]], 'none', 0.01),
    c([['columnar', 2], ['film', 1]], 'low', 0.02), c([['columnar', 2], ['mossy', 1]], 'low', 0.05),
    c([['mossy', 2], ['whisker', 1]], 'moderate', 0.15),
  ],
  garnet: [
    c([['island', 2], ['film', 1]], 'none', 0.02), c([['island', 2], ['protrusion', 1]], 'low', 0.05),
    c([['protrusion', 2], ['crack-filling', 1]], 'low', 0.25), c([['crack-filling', 2], ['penetrating-dendrite', 1]], 'moderate', 0.6),
    c([['penetrating-dendrite', 2], ['crack-filling', 1]], 'moderate', 0.85),
  ],
  sulfide: [
    c([['island', 1]], 'none', 0.02), c([['island', 2], ['protrusion', 1]], 'low', 0.05),
    c([['crack-filling', 2], ['protrusion', 1]], 'low', 0.3), c([['pillar', 2], ['crack-filling', 2]], 'moderate', 0.65),
    c([['pillar', 2], ['penetrating-dendrite', 1]], 'moderate', 0.85),
  ],
  oxynitride: [
    c([['island', 2], ['rod', 1]], 'low', 0.01), c([['island', 2], ['rod', 2]], 'moderate', 0.01),
    c([['island', 1], ['film', 1]], 'low', 0.02), c([['film', 2], ['particulate', 1]], 'low', 0.05),
    c([['film', 2], ['protrusion', 1]], 'moderate', 0.15),
  ],
  polymer: [
    c([['particulate', 2], ['granular', 1]], 'low', 0.02), c([['particulate', 1], ['whisker', 1]], 'low', 0.05),
    c([['whisker', 2], ['mossy', 1]], 'moderate', 0.15), c([['dendritic', 2], ['whisker', 1]], 'moderate', 0.4),
    c([['dendritic', 1], ['penetrating-dendrite', 1]], 'high', 0.7),
  ],
  'native-oxide': [
    c([['nanowire', 2], ['whisker', 1]], 'low', 0), c([['nanowire', 1], ['whisker', 1]], 'low', 0),
    c([['whisker', 2], ['rod', 1]], 'moderate', 0), c([['whisker', 1], ['needle', 1]], 'moderate', 0.02),
    c([['needle', 1], ['dendritic', 1]], 'high', 0.05),
  ],
}

/** Decade index 0…4 of a current density in mA cm⁻² (clamped to the 10⁻³–10² span). */
export const decadeOf = (j: number): 0 | 1 | 2 | 3 | 4 =>
  Math.min(4, Math.max(0, Math.floor(Math.log10(j) + 3))) as 0 | 1 | 2 | 3 | 4

export interface Outcome {
  label: string
  family: string
  growthMode: string[]
  deadLi: Level
  short: boolean
  sei?: string
  nucleation?: string
  /** Rule the morphology came from, or undefined when it came from the table. */
  rule?: RuleFile
  caveat?: string
}

const SHORT_P: Record<string, number> = { low: 0.03, moderate: 0.25, high: 0.6 }
const GROWTH_BY_FAMILY: Record<string, string[]> = {
  compact: ['lateral'], mossy: ['root'], whisker: ['root'], dendritic: ['tip'], penetrating: ['internal'],
}

/**
 * Draw an outcome: from a fired rule with a morphology effect (weighted by strength), else from
 * the table. Dead-Li and short-risk effects of all fired rules override the table's defaults
 * (the strongest rule wins). `familyOf` maps morphology term → family; `terms` are the known terms.
 */
export function drawOutcome(
  rng: Rng, fired: readonly RuleFile[], group: Group, jRep: number,
  familyOf: ReadonlyMap<string, string>, termsByFamily: ReadonlyMap<string, readonly string[]>,
): Outcome {
  const cell = TABLE[group][decadeOf(jRep)]
  const morph = fired.filter((r) => r.effects.some((e) => e.target === 'morphology.family' || e.target === 'morphology.label'))
  const rule = morph.length > 0 && rng.chance(0.85) ? rng.weighted(morph.map((r) => [r, r.strength] as const)) : undefined

  let label: string | undefined
  let family: string | undefined
  const growth: string[] = []
  if (rule) {
    for (const e of rule.effects) {
      if (e.target === 'morphology.label' && familyOf.has(e.value)) label = e.value
      if (e.target === 'morphology.family') family = e.value
      if (e.target === 'growthMode') growth.push(e.value)
    }
    if (label && !family) family = familyOf.get(label)
    if (!label && family) {
      const inFamily = cell.terms.filter(([t]) => familyOf.get(t) === family)
      label = inFamily.length > 0 ? rng.weighted(inFamily) : rng.pick(termsByFamily.get(family) ?? [family])
    }
  }
  if (!label || !family) {
    label = rng.weighted(cell.terms.filter(([t]) => familyOf.has(t)))
    family = familyOf.get(label) ?? 'compact'
  }
  if (growth.length === 0) growth.push(...(GROWTH_BY_FAMILY[family] ?? []))

  const strongest = (target: string): string | undefined => {
    let best: { v: string; s: number } | undefined
    for (const r of fired) for (const e of r.effects) {
      if (e.target === target && (!best || r.strength > best.s)) best = { v: e.value, s: r.strength }
    }
    return best?.v
  }
  const deadLi = (strongest('deadLi.level') as Level | undefined) ?? cell.deadLi
  const shortLevel = strongest('shortRisk.level')
  const short = rng.chance(shortLevel ? (SHORT_P[shortLevel] ?? 0) : cell.short)
  const caveats = fired.flatMap((r) => r.effects.flatMap((e) => (e.target === 'caveat' ? [e.value] : [])))
  return {
    label, family, growthMode: growth, deadLi, short,
    ...(strongest('sei') ? { sei: strongest('sei') } : {}),
    ...(strongest('nucleation.density') ? { nucleation: strongest('nucleation.density') } : {}),
    ...(rule ? { rule } : {}),
    ...(caveats.length > 0 ? { caveat: rng.pick(caveats) } : {}),
  }
}
