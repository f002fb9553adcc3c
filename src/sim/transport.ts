/**
 * Salt transport (physics.md §1): Sand's time and capacity (with the porous-separator
 * correction), limiting current density, finite-cell depletion time and the transport regime
 * (Bai et al. 2016; Monroe & Newman 2003 near-limiting margin).
 *
 * All functions take and return SI values (m, s, A/m², mol/m³, C/m²).
 *
 * @module
 */
import { FARADAY_C_PER_MOL, Z_LI } from './constants.ts'
import { solveHalfCycle, type TransportProps } from './solver1d.ts'

/** Transport regime flag (physics.md §1.3). */
export type TransportRegime = 'reaction-limited' | 'near-limiting' | 'transport-limited'

/** Near-limiting margin J/J_lim > 0.75 (Monroe & Newman 2003 [V abstract], physics.md §1.3). */
export const NEAR_LIMITING_RATIO = 0.75

/** Effective diffusivity in a porous layer, D_eff = D ε/τ (physics.md §1.2). */
export function effectiveDiffusivity(D_m2_s: number, porosity: number, tortuosity: number): number {
  return (D_m2_s * porosity) / tortuosity
}

/**
 * Sand's time for a semi-infinite free electrolyte, s (physics.md §1.2, Bai 2016):
 * t_Sand = π D (z c0 F)² / (4 (J t_a)²). Infinite when t_a = 0 (single-ion conductor, §1.6).
 *
 * @param D_m2_s salt diffusivity, m²/s
 * @param c0_molm3 bulk concentration, mol/m³
 * @param current_A_m2 current density J, A/m²
 * @param tPlus cation transference number
 */
export function sandTime_s(D_m2_s: number, c0_molm3: number, current_A_m2: number, tPlus: number): number {
  const ta = 1 - tPlus
  const zcF = Z_LI * c0_molm3 * FARADAY_C_PER_MOL
  return (Math.PI * D_m2_s * zcF * zcF) / (4 * (current_A_m2 * ta) ** 2)
}

/** Sand's capacity C_Sand = J · t_Sand, C/m² (divide by 36 000 for mAh/cm²; physics.md §1.2). */
export function sandCapacity_C_m2(D_m2_s: number, c0_molm3: number, current_A_m2: number, tPlus: number): number {
  return current_A_m2 * sandTime_s(D_m2_s, c0_molm3, current_A_m2, tPlus)
}

/** Porous-separator factor t_Sand,porous / t_Sand = ε²/τ (physics.md §1.2 [C]; Bruggeman ⇒ ε^2.5). */
export function porousSandFactor(porosity: number, tortuosity: number): number {
  return (porosity * porosity) / tortuosity
}

/**
 * Limiting current density for a gap/separator of thickness L, A/m² (physics.md §1.2):
 * J_lim = 2 z c0 F D_eff / (t_a L).
 */
export function limitingCurrent_A_m2(D_eff_m2_s: number, c0_molm3: number, tPlus: number, length_m: number): number {
  return (2 * Z_LI * c0_molm3 * FARADAY_C_PER_MOL * D_eff_m2_s) / ((1 - tPlus) * length_m)
}

/** Diffusion-layer thickness 4 √(D t / τ), m (physics.md §1.2 finite-cell rule). */
export function diffusionLayer_m(D_m2_s: number, time_s: number, tortuosity: number): number {
  return 4 * Math.sqrt((D_m2_s * time_s) / tortuosity)
}

/** Geometry of the ion-transport layer between the electrodes. */
export interface TransportLayer {
  length_m: number
  porosity: number
  tortuosity: number
}

export interface DepletionInput {
  /** Constant (c0-evaluated) properties: the setting of the §1.7 checkpoints. */
  D_m2_s: number
  kappa_S_m: number
  tPlus: number
  tdf: number
  c0_molm3: number
  current_A_m2: number
  layer: TransportLayer
  temperature_K: number
}

export type DepletionMethod = 'no-depletion' | 'semi-infinite' | '1D solver'

export interface DepletionResult {
  /** Depletion time at the plating electrode, s; null when J ≤ J_lim (no depletion ever). */
  time_s: number | null
  method: DepletionMethod
  /** Porous semi-infinite Sand time, s. */
  sandTimePorous_s: number
  limitingCurrent_A_m2: number
}

/**
 * Properties for the 1D solver in a layer of porosity ε and tortuosity τ. The solver applies
 * D_eff = D ε^b and κ_eff = κ ε^b; passing D/τ and κ/τ with b = 1 gives exactly D ε/τ and κ ε/τ
 * (physics.md §1.2) for any (ε, τ), Bruggeman or not.
 */
export function tortuosityScaledProps(props: TransportProps, tortuosity: number): { props: TransportProps; bruggeman: number } {
  if (tortuosity === 1) return { props, bruggeman: 1 }
  return {
    props: { D: (c) => props.D(c) / tortuosity, kappa: (c) => props.kappa(c) / tortuosity, tPlus: (c) => props.tPlus(c), tdf: (c) => props.tdf(c) },
    bruggeman: 1,
  }
}

/**
 * Depletion time in a finite cell (physics.md §1.2 finite-cell rule):
 * J ≤ J_lim → no depletion; J > J_lim and 4√(D t_Sand/τ) < L → t_dep = t_Sand,porous;
 * otherwise → the 1D solver of §9.5 with the c0-evaluated (constant) properties.
 */
export function depletionTime(input: DepletionInput): DepletionResult {
  const { layer } = input
  const Deff = effectiveDiffusivity(input.D_m2_s, layer.porosity, layer.tortuosity)
  const Jlim = limitingCurrent_A_m2(Deff, input.c0_molm3, input.tPlus, layer.length_m)
  const tSand = sandTime_s(input.D_m2_s, input.c0_molm3, input.current_A_m2, input.tPlus) * porousSandFactor(layer.porosity, layer.tortuosity)
  if (!(input.current_A_m2 > Jlim)) return { time_s: null, method: 'no-depletion', sandTimePorous_s: tSand, limitingCurrent_A_m2: Jlim }
  if (diffusionLayer_m(input.D_m2_s, tSand, layer.tortuosity) < layer.length_m) {
    return { time_s: tSand, method: 'semi-infinite', sandTimePorous_s: tSand, limitingCurrent_A_m2: Jlim }
  }
  return { time_s: finiteCellDepletion(input, Jlim, tSand), method: '1D solver', sandTimePorous_s: tSand, limitingCurrent_A_m2: Jlim }
}

function finiteCellDepletion(input: DepletionInput, Jlim: number, tSand: number): number {
  const { layer } = input
  const scaled = tortuosityScaledProps(
    { D: () => input.D_m2_s, kappa: () => input.kappa_S_m, tPlus: () => input.tPlus, tdf: () => input.tdf },
    layer.tortuosity,
  )
  // Horizon: one-mode estimate of the finite-cell depletion time, (L²/π²D') ln(8/(π²(1 − J_lim/J))),
  // with D' = D/τ the pore-scale diffusivity; doubled when the solver does not deplete within it.
  const Dp = input.D_m2_s / layer.tortuosity
  const oneMode = ((layer.length_m * layer.length_m) / (Math.PI * Math.PI * Dp)) * Math.log(8 / (Math.PI * Math.PI * (1 - Jlim / input.current_A_m2)))
  let horizon = 1.5 * Math.max(oneMode, tSand)
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = solveHalfCycle({
      props: scaled.props,
      c0_molm3: input.c0_molm3,
      length_m: layer.length_m,
      porosity: layer.porosity,
      bruggeman: scaled.bruggeman,
      current_A_m2: input.current_A_m2,
      duration_s: horizon,
      temperature_K: input.temperature_K,
      nodes: 100,
      dt_s: Math.min(horizon, tSand) / 300,
      recordEvery_s: horizon,
      stopAtDepletion: true,
    })
    if (r.depletionTime_s !== null) return r.depletionTime_s
    horizon *= 2
  }
  // J only marginally above J_lim: depletion beyond 12× the estimate; report the last horizon as a lower bound.
  return horizon
}

/**
 * Transport regime (physics.md §1.3): transport-limited once Sand's capacity is exceeded in the
 * half-cycle (J > J_lim and t ≥ t_dep), near-limiting when J/J_lim > 0.75, else reaction-limited.
 *
 * @param currentRatio J/J_lim
 * @param halfCycle_s plating half-cycle duration, s
 * @param depletion_s depletion time, s (null: none)
 */
export function transportRegime(currentRatio: number, halfCycle_s: number, depletion_s: number | null): TransportRegime {
  if (currentRatio > 1 && depletion_s !== null && halfCycle_s >= depletion_s) return 'transport-limited'
  if (currentRatio > NEAR_LIMITING_RATIO) return 'near-limiting'
  return 'reaction-limited'
}
