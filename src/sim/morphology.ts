/**
 * Morphology (physics.md §10.3, §9.3): the compactness score and class for liquids/polymers,
 * the solid-electrolyte classes, deposit feature size and isolation probability by
 * compactness (§6.3 class anchors, interpolated), and the physical → lattice parameter
 * mapping of the 2D kernel.
 *
 * @module
 */
import { FARADAY_C_PER_MOL, arrhenius, clamp, thermalVoltage_V } from './constants.ts'
import { CAL, interpolateKnots } from './calibration.ts'

/** Liquid/polymer classes ordered by compactness (dendritic is the transport-limited class). */
export const COMPACT_CLASSES = ['whisker', 'mossy', 'granular', 'dense-columnar'] as const
export type CompactClass = (typeof COMPACT_CLASSES)[number]
export type LiquidMorphologyClass = 'dendritic' | CompactClass
export type SolidMorphologyClass = 'planar' | 'void-formation' | 'filament-penetration'
export type MorphologyClass = LiquidMorphologyClass | SolidMorphologyClass

/** Centres of the class intervals of K, where the §6.3/§8.1 class anchors are placed [E]. */
export const CLASS_CENTRES = { whisker: 0.175, mossy: 0.475, granular: 0.725, 'dense-columnar': 0.925 } as const

/** Class thresholds on K (physics.md §10.3 [E]). */
export const CLASS_THRESHOLDS = { granular: 0.6, denseColumnar: 0.85, mossy: 0.35 } as const

export interface CompactnessInput {
  /** SEI quality index S. */
  S: number
  /** Normalized pressure compaction ρ_P (0–1). */
  pressureCompaction: number
  /** Pei nucleus diameter, µm. */
  nucleusDiameter_um: number
  temperature_K: number
  /** Alloying substrate or lithiophilic coating. */
  lithiophilic: boolean
  /** Plating current density, mA/cm². */
  current_mA_cm2: number
  /** HCE/LHCE (anion-derived solvation). */
  anionDerivedSolvation: boolean
  /** CsPF6 electrostatic shield (Ding 2013 [L]; "one class up" anchor). */
  tipShield: boolean
  /** Pulse effectiveness g ∈ [0, 1] (Aryanfar 2014; 0 = DC). */
  pulseEffectiveness: number
}

/**
 * Compactness score z (physics.md §10.3, all weights [E]):
 * z = 3.0 (S − 0.5) + 2.0 (ρ_P − 0.5) + 0.8 log10(d_nuc/1 µm) + 0.6 (T − 298)/35
 *     + 0.8 [lithiophilic] − 0.7 log10(J/1 mA cm⁻²) + 0.5 [HCE/LHCE]
 * plus two [E] terms not in §10.3: the CsPF6 tip shield and pulsed plating.
 */
export function compactnessScore(i: CompactnessInput): number {
  const w = CAL.morphologyWeights.value
  return (
    w.sei * (i.S - 0.5) +
    w.pressure * (i.pressureCompaction - 0.5) +
    w.nucleusSize * Math.log10(i.nucleusDiameter_um) +
    (w.temperature * (i.temperature_K - 298)) / 35 +
    (i.lithiophilic ? w.lithiophilic : 0) -
    w.current * Math.log10(i.current_mA_cm2) +
    (i.anionDerivedSolvation ? w.anionSolvation : 0) +
    (i.tipShield ? w.tipShield : 0) +
    w.pulse * i.pulseEffectiveness
  )
}

/** Compactness K = 1/(1 + e^−z) (physics.md §10.3). */
export function compactness(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

/** Class from compactness K (physics.md §10.3). */
export function classifyCompactness(K: number): CompactClass {
  if (K >= CLASS_THRESHOLDS.denseColumnar) return 'dense-columnar'
  if (K >= CLASS_THRESHOLDS.granular) return 'granular'
  if (K >= CLASS_THRESHOLDS.mossy) return 'mossy'
  return 'whisker'
}

/** Index of a class on the compactness ladder (dendritic = −1). */
export function classRank(c: LiquidMorphologyClass): number {
  return c === 'dendritic' ? -1 : COMPACT_CLASSES.indexOf(c)
}

/**
 * Solid-electrolyte class (physics.md §10.3): filament penetration if J > CCD_eff,
 * void formation if J_strip > J_void, else planar.
 */
export function classifySolid(current_mA_cm2: number, ccdEffective_mA_cm2: number, strippingCurrent_mA_cm2: number, voidLimit_mA_cm2: number): SolidMorphologyClass {
  if (current_mA_cm2 > ccdEffective_mA_cm2) return 'filament-penetration'
  if (strippingCurrent_mA_cm2 > voidLimit_mA_cm2) return 'void-formation'
  return 'planar'
}

/**
 * Characteristic deposit diameter d_dep, µm (physics.md §6.3 [E]): class anchors whisker 0.3,
 * mossy 1, granular 5, dense-columnar 15 µm at 1 mA/cm², 25 °C, log-interpolated in K (linear
 * extrapolation at the ends, capped), × (J/1 mA cm⁻²)^−0.5 × the nucleus-size temperature factor.
 */
export function depositFeatureSize_um(K: number, current_mA_cm2: number, temperatureFactor: number): number {
  const d = clamp(interpolateKnots(CAL.depositSizeAnchors.value, K, { log: true, extrapolate: true }), 0.1, 60)
  return d * Math.pow(current_mA_cm2, CAL.depositSizeCurrentExponent.value) * temperatureFactor
}

/** Isolation probability p_iso per cycle (physics.md §6.3 [E] class anchors, log-interpolated in K). */
export function isolationProbability(K: number): number {
  return clamp(interpolateKnots(CAL.isolationAnchors.value, K, { log: true, extrapolate: true }), 2e-4, 0.3)
}

/** Surface shape factor k_s: 4 for whiskers/cylinders, 6 for granules (physics.md §6.2), linear in K between. */
export function shapeFactor(K: number): number {
  return 4 + 2 * clamp((K - 0.475) / (0.725 - 0.475), 0, 1)
}

// ---------------------------------------------------------------------------
// §9.3 physical → lattice mapping
// ---------------------------------------------------------------------------

export interface LatticeMappingInput {
  /** Deposit feature size (lattice spacing a), m. */
  featureSize_m: number
  /** Pore-scale salt diffusivity, m²/s. */
  D_m2_s: number
  /** Li-metal exchange current density, A/m². */
  j0_A_m2: number
  current_A_m2: number
  limitingCurrent_A_m2: number
  c0_molm3: number
  /** Transport-limited (past t_dep) in this half-cycle. */
  depleted: boolean
  /** Front (anion drift) velocity, m/s. */
  tipVelocity_m_s: number
  S: number
  temperature_K: number
  tipShield: boolean
  pulseEffectiveness: number
}

export interface LatticeParameters {
  stickingProbability: number
  drift: number
  relaxHops: number
  tipShield: boolean
  damkohler: number
  peclet: number
}

/**
 * Map physical state to lattice parameters (physics.md §9.3, mapping [E]):
 * p_s = Da/(1 + Da), Da = k_eff a / D, k_eff = j0 e^{αFη/RT}/(F c_s), c_s = c0 (1 − J/J_lim) (→ 0 past t_dep);
 * β = 0 below J_lim, else min(0.9, max(Pe_lat, β0 (1 − J_lim/J))), Pe_lat = v a / D;
 * n_relax = round(n0 · S · exp(E_s/R (1/T_ref − 1/T))).
 */
export function latticeParameters(m: LatticeMappingInput): LatticeParameters {
  const Vt = thermalVoltage_V(m.temperature_K)
  const eta = 2 * Vt * Math.asinh(m.current_A_m2 / (2 * m.j0_A_m2))
  const ratio = m.current_A_m2 / m.limitingCurrent_A_m2
  const cs = m.depleted ? 0 : m.c0_molm3 * Math.max(1 - ratio, 1e-3)
  const kEff = (m.j0_A_m2 * Math.exp((0.5 * eta) / Vt)) / FARADAY_C_PER_MOL
  const Da = cs > 0 ? (kEff * m.featureSize_m) / (m.D_m2_s * cs) : Number.POSITIVE_INFINITY
  const ps = Number.isFinite(Da) ? Da / (1 + Da) : 1
  const peclet = (m.tipVelocity_m_s * m.featureSize_m) / m.D_m2_s
  let drift = 0
  if (ratio > 1) drift = Math.min(0.9, Math.max(peclet, CAL.latticeDriftScale.value * (1 - 1 / ratio)))
  drift *= 1 - CAL.pulseDriftReduction.value * m.pulseEffectiveness
  const hops = Math.round(CAL.latticeRelaxHops.value * m.S * arrhenius(CAL.surfaceDiffusionActivation_J_mol.value, m.temperature_K))
  return {
    stickingProbability: clamp(ps, CAL.latticeMinSticking.value, 1),
    drift,
    relaxHops: Math.min(hops, 20),
    tipShield: m.tipShield,
    damkohler: Number.isFinite(Da) ? Da : 1e12,
    peclet,
  }
}

/**
 * Pulse effectiveness g ∈ [0, 1] (Aryanfar 2014 [V abstract]: 1 ms on / 3 ms off shortens dendrites
 * ~2.5×, 20 ms pulses are ineffective; τ_c ~ 1 ms): g = e^{−t_on/τ_p} · min(1, t_off/(3 t_on)) [E].
 */
export function pulseEffectiveness(protocol: { tOn_ms: number; tOff_ms: number } | null): number {
  if (!protocol) return 0
  return Math.exp(-protocol.tOn_ms / CAL.pulseTimeScale_ms.value) * Math.min(1, protocol.tOff_ms / (3 * protocol.tOn_ms))
}
