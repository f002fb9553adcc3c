/**
 * Stack pressure in liquid cells (physics.md §8.1, Fang et al. 2021; RSC Adv. 2020):
 * deposit relative density vs pressure and the high-pressure cycle-life penalty.
 *
 * ρ_rel(P) = ρ0 + (ρmax − ρ0)(1 − exp(−P/P_c)) [E]. Unlike §8.1 the high-pressure factor
 * g_high is *not* applied to the density (more pressure never makes a deposit less dense:
 * a property test); the > 1.4 MPa penalty acts on isolation losses and the short-risk score.
 *
 * @module
 */
import { CAL, interpolateKnots } from './calibration.ts'

/** Pressure above which liquid cells lose cycle life (RSC Adv. 2020 [V]: 1.39 MPa), kPa. */
export const EXCESS_PRESSURE_LIQUID_KPA = 1400

/**
 * Compaction pressure scale P_c, kPa [E]: 60 kPa for a good (inorganic-rich) SEI, S ≥ 0.7,
 * rising linearly to 150 kPa at S ≤ 0.25 (physics.md §8.1).
 */
export function compactionPressure_kPa(S: number): number {
  const hi = CAL.compactionPressurePoorSei_kPa.value
  const lo = CAL.compactionPressureGoodSei_kPa.value
  if (S >= 0.7) return lo
  if (S <= 0.25) return hi
  return hi + ((S - 0.25) / 0.45) * (lo - hi)
}

/**
 * Normalized compaction ρ_P = (ρ_rel − ρ0)/(ρmax − ρ0) = 1 − exp(−P/P_c) (physics.md §8.1, §10.3).
 * Non-decreasing in P.
 */
export function pressureCompaction(stackPressure_kPa: number, S: number): number {
  return 1 - Math.exp(-Math.max(stackPressure_kPa, 0) / compactionPressure_kPa(S))
}

/** Maximum relative density of a pressed Li deposit (physics.md §8.1 [E]; Fang 2021 reports 99.49 %). */
export const MAX_RELATIVE_DENSITY = 0.997

/**
 * Zero-pressure relative density ρ0 from the zero-pressure compactness K0 [E]: piecewise-linear
 * through the §8.1 class values (whisker 0.3, mossy 0.5, granular 0.7) and dense-columnar 0.8,
 * placed at the class centres of K.
 */
export function zeroPressureDensity(compactnessAtZeroPressure: number): number {
  return interpolateKnots(CAL.zeroPressureDensityKnots.value, compactnessAtZeroPressure, { log: false, extrapolate: false })
}

/** Relative density ρ_rel(P) = ρ0 + (ρmax − ρ0) ρ_P (physics.md §8.1). */
export function relativeDensity(stackPressure_kPa: number, S: number, rho0: number): number {
  return rho0 + (MAX_RELATIVE_DENSITY - rho0) * pressureCompaction(stackPressure_kPa, S)
}

/**
 * Cycle-life penalty multiplier on isolation losses above 1.4 MPa in liquids (RSC Adv. 2020 [V]
 * threshold; slope [E]): 1 below, 1 + k (P − 1.4 MPa)/1 MPa above.
 */
export function highPressurePenalty(stackPressure_kPa: number): number {
  if (stackPressure_kPa <= EXCESS_PRESSURE_LIQUID_KPA) return 1
  return 1 + (CAL.highPressurePenaltySlope_per_MPa.value * (stackPressure_kPa - EXCESS_PRESSURE_LIQUID_KPA)) / 1000
}
