/**
 * Chazalviel model (physics.md §3; Chazalviel, Phys. Rev. A 42, 7355 (1990)): once the
 * plating-side concentration vanishes, the ramified front advances at the anion drift
 * velocity. Gives the tip velocity, the deposit density of the tip-growing front and the
 * time to short through a separator.
 *
 * SI throughout (m/s, A/m², mol/m³, S/m, s).
 *
 * @module
 */
import { FARADAY_C_PER_MOL, LI_MOLAR_VOLUME_M3_PER_MOL, Z_LI, thermalVoltage_V } from './constants.ts'

/** Anion diffusivity from (D, t+): D− = D/(2 t+) (physics.md §1.2). */
export function anionDiffusivity(D_m2_s: number, tPlus: number): number {
  return D_m2_s / (2 * tPlus)
}

/** Cation diffusivity from (D, t+): D+ = D/(2 t_a) (physics.md §1.2). */
export function cationDiffusivity(D_m2_s: number, tPlus: number): number {
  return D_m2_s / (2 * (1 - tPlus))
}

/** Anion mobility μ_a = D− F/(RT), m²/(V s) (Nernst–Einstein, physics.md §3.2). */
export function anionMobility(D_m2_s: number, tPlus: number, temperature_K: number): number {
  return anionDiffusivity(D_m2_s, tPlus) / thermalVoltage_V(temperature_K)
}

/** Ideal (dilute) front velocity v = t_a J/(z F c0), m/s (physics.md §3.2). */
export function tipVelocityIdeal(current_A_m2: number, c0_molm3: number, tPlus: number): number {
  return ((1 - tPlus) * current_A_m2) / (Z_LI * FARADAY_C_PER_MOL * c0_molm3)
}

/** "Measured-κ" front velocity v = μ_a J/κ, m/s (physics.md §3.2). */
export function tipVelocityMeasured(current_A_m2: number, kappa_S_m: number, D_m2_s: number, tPlus: number, temperature_K: number): number {
  return (anionMobility(D_m2_s, tPlus, temperature_K) * current_A_m2) / kappa_S_m
}

export type TipVelocityForm = 'ideal' | 'measured' | 'conservative'

export interface TipVelocityInput {
  current_A_m2: number
  c0_molm3: number
  kappa_S_m: number
  D_m2_s: number
  tPlus: number
  temperature_K: number
}

/**
 * Tip velocity, m/s (physics.md §3.2). Default `conservative` = max(ideal, measured-κ): the
 * shortest-time short prediction.
 */
export function tipVelocity(input: TipVelocityInput, form: TipVelocityForm = 'conservative'): number {
  const ideal = tipVelocityIdeal(input.current_A_m2, input.c0_molm3, input.tPlus)
  if (form === 'ideal') return ideal
  const measured = tipVelocityMeasured(input.current_A_m2, input.kappa_S_m, input.D_m2_s, input.tPlus, input.temperature_K)
  return form === 'measured' ? measured : Math.max(ideal, measured)
}

/**
 * Volume fraction of Li in a tip-growing front, φ_dep = J V_m/(z F v) (physics.md §3.2);
 * with the ideal velocity φ_dep = c0 V_m / t_a. Capped at 1.
 */
export function dendriticDepositDensity(current_A_m2: number, velocity_m_s: number): number {
  return Math.min(1, (current_A_m2 * LI_MOLAR_VOLUME_M3_PER_MOL) / (Z_LI * FARADAY_C_PER_MOL * velocity_m_s))
}

/**
 * Transit time of the front through a separator, s (physics.md §3.2):
 * t_transit = τ_g L ε / v (pore current J/ε, path τ_g L; τ_g = τ by default [E]).
 */
export function transitTime_s(length_m: number, porosity: number, geometricTortuosity: number, velocity_m_s: number): number {
  return (geometricTortuosity * length_m * porosity) / velocity_m_s
}
