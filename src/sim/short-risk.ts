/**
 * Short-risk score (physics.md §10.4 "Short-risk score (liquids) [E]"), plus an analogous [E]
 * score for inorganic solid electrolytes built from the §5 criteria.
 * risk = 1 − Π (1 − r_i); the mechanism is the largest component.
 *
 * @module
 */
import { CAL } from './calibration.ts'
import { clamp } from './constants.ts'
import type { LiquidMorphologyClass } from './morphology.ts'
import { NEAR_LIMITING_RATIO } from './transport.ts'

export interface ShortRisk {
  /** 0–1. */
  score: number
  /** Name of the largest component (e.g. 'transport', 'morphology', 'accumulation', 'ccd'). */
  mechanism: string
  components: Record<string, number>
}

/** r_morph by class (physics.md §10.4 [E]). */
export const MORPHOLOGY_RISK: Readonly<Record<LiquidMorphologyClass, number>> = {
  whisker: 0.15,
  mossy: 0.1,
  granular: 0.03,
  'dense-columnar': 0.01,
  dendritic: 0.8,
}

export interface LiquidRiskInput {
  /** J/J_lim. */
  currentRatio: number
  /** Plated charge per half-cycle over J·t_dep (only when J > J_lim; else null). */
  sandRatio: number | null
  morphologyClass: LiquidMorphologyClass
  /** Dead-Li layer thickness after the simulated cycles, m. */
  deadLiThickness_m: number
  /** Thickness of one half-cycle's deposit, m. */
  depositThickness_m: number
  separatorThickness_m: number
  poreSize_nm: number | null
  stackPressure_kPa: number
}

function combine(components: Record<string, number>): ShortRisk {
  let keep = 1
  let mechanism = 'none'
  let best = 0
  for (const [name, r] of Object.entries(components)) {
    keep *= 1 - r
    if (r > best) {
      best = r
      mechanism = name
    }
  }
  return { score: 1 - keep, mechanism, components }
}

/** Liquid/polymer short-risk score (physics.md §10.4 [E]). */
export function liquidShortRisk(i: LiquidRiskInput): ShortRisk {
  return combine({
    transport: clamp((i.currentRatio - NEAR_LIMITING_RATIO) / 0.25, 0, 1),
    sand: i.sandRatio === null ? 0 : clamp(i.sandRatio, 0, 1),
    morphology: MORPHOLOGY_RISK[i.morphologyClass],
    accumulation: clamp((i.deadLiThickness_m + i.depositThickness_m) / (CAL.separatorAccommodation.value * i.separatorThickness_m), 0, 1),
    pore: i.morphologyClass === 'dendritic' && i.poreSize_nm !== null && i.poreSize_nm < 100 ? 0.2 : 0,
    pressure: i.stackPressure_kPa > 1400 ? 0.1 : 0,
  })
}

export interface SolidRiskInput {
  /** J / CCD_eff (after voids). */
  ccdRatio: number
  /** J_strip / J_void. */
  voidRatio: number
  electronicLeakage: boolean
  /** Sulfide above the creep pressure (Doux 2020). */
  creep: boolean
}

/**
 * Solid-electrolyte short-risk score [E] (physics.md §5): CCD margin, void-driven current focusing,
 * electronic leakage (Han 2019) and Li creep into sulfides at high pressure (Doux 2020).
 */
export function solidShortRisk(i: SolidRiskInput): ShortRisk {
  return combine({
    ccd: clamp((i.ccdRatio - 0.5) / 0.5, 0, 1),
    void: 0.6 * clamp((i.voidRatio - 0.5) / 0.5, 0, 1),
    leakage: i.electronicLeakage ? 0.05 : 0,
    creep: i.creep ? 0.5 : 0,
  })
}
