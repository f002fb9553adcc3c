/**
 * Nucleation (physics.md §4): substrate/coating barrier, nucleation overpotential, classical
 * critical radius and barrier, Pei 2017 size/density scaling with temperature, and the
 * simplified Ely–García regime.
 *
 * @module
 */
import { FARADAY_C_PER_MOL, LI_MOLAR_VOLUME_M3_PER_MOL, Z_LI, arrhenius, thermalVoltage_V } from './constants.ts'
import { CAL } from './calibration.ts'
import type { CoatingType, SubstrateMetal } from './config.ts'
import type { ElectrolyteFamily } from './electrolyte.ts'

export type SubstrateClass = 'lithium' | 'alloying' | 'intermetallic' | 'inert' | 'oxide-passivated' | 'carbon'

/**
 * Substrate classes and default barriers η_sub at ~10–50 µA/cm² in carbonate, mV
 * (physics.md §4.3 table: ranges [L] Yan 2016; the value picked inside each range is [E]).
 */
export const SUBSTRATES: Readonly<Record<SubstrateMetal, { class: SubstrateClass; etaSub_mV: number }>> = {
  Li: { class: 'lithium', etaSub_mV: 0 },
  Au: { class: 'alloying', etaSub_mV: 0.5 },
  Ag: { class: 'alloying', etaSub_mV: 1 },
  Zn: { class: 'alloying', etaSub_mV: 2 },
  Mg: { class: 'alloying', etaSub_mV: 1 },
  Al: { class: 'intermetallic', etaSub_mV: 8 },
  Pt: { class: 'intermetallic', etaSub_mV: 10 },
  In: { class: 'intermetallic', etaSub_mV: 6 },
  Sn: { class: 'intermetallic', etaSub_mV: 12 },
  Si: { class: 'intermetallic', etaSub_mV: 15 },
  Cu: { class: 'inert', etaSub_mV: 35 },
  Ni: { class: 'inert', etaSub_mV: 32 },
  Mo: { class: 'inert', etaSub_mV: 30 },
  SS: { class: 'oxide-passivated', etaSub_mV: 50 },
  Ti: { class: 'oxide-passivated', etaSub_mV: 45 },
  W: { class: 'oxide-passivated', etaSub_mV: 45 },
  C: { class: 'carbon', etaSub_mV: 20 },
}

/**
 * Coatings: multiplier on the base η_sub (physics.md §4.3 "−50 % … −100 %" [E]) and whether the
 * coating is lithiophilic (alloy-forming or Li-conducting seed layer).
 */
export const COATINGS: Readonly<Record<CoatingType, { etaFactor: number; lithiophilic: boolean }>> = {
  Ag: { etaFactor: 0.03, lithiophilic: true },
  Au: { etaFactor: 0.02, lithiophilic: true },
  ZnO: { etaFactor: 0.1, lithiophilic: true },
  Al2O3: { etaFactor: 0.5, lithiophilic: false },
  LiF: { etaFactor: 0.5, lithiophilic: false },
  Li3N: { etaFactor: 0.4, lithiophilic: true },
  polymer: { etaFactor: 1, lithiophilic: false },
  carbon: { etaFactor: 0.7, lithiophilic: false },
}

export interface SubstrateBarrier {
  /** Substrate barrier η_sub, V. */
  etaSub_V: number
  substrateClass: SubstrateClass
  /** Alloying substrate or lithiophilic coating (the §10.3 z-term). */
  lithiophilic: boolean
}

/** Barrier of a substrate with an optional coating (physics.md §4.3). */
export function substrateBarrier(metal: SubstrateMetal, coating: CoatingType | null): SubstrateBarrier {
  const s = SUBSTRATES[metal]
  const c = coating ? COATINGS[coating] : null
  return {
    etaSub_V: (s.etaSub_mV * (c ? c.etaFactor : 1)) / 1000,
    substrateClass: s.class,
    lithiophilic: s.class === 'alloying' || (c?.lithiophilic ?? false),
  }
}

/** Effective exchange current density for nucleation j0_n at T, A/m² ([E] default 0.5 mA/cm², §4.2). */
export function nucleationExchangeCurrent_A_m2(family: ElectrolyteFamily, temperature_K: number): number {
  const base_mA_cm2 =
    family === 'ether' || family === 'HCE' || family === 'LHCE' || family === 'fluorinatedEther'
      ? CAL.nucleationJ0Ether_mA_cm2.value
      : family === 'polymer'
        ? CAL.nucleationJ0Polymer_mA_cm2.value
        : CAL.nucleationJ0_mA_cm2.value
  return base_mA_cm2 * 10 * arrhenius(CAL.interfacialKineticsActivation_J_mol.value, temperature_K)
}

/**
 * Nucleation overpotential on the bare substrate, V (physics.md §4.2):
 * η_n = η_sub + (2RT/F) asinh(J/(2 j0_n)).
 */
export function nucleationOverpotential_V(etaSub_V: number, current_A_m2: number, j0n_A_m2: number, temperature_K: number): number {
  return etaSub_V + 2 * thermalVoltage_V(temperature_K) * Math.asinh(current_A_m2 / (2 * j0n_A_m2))
}

/** Critical radius r* = 2γV_m/(zF|η|), m (physics.md §4.2; nm-scale, never the deposit size). */
export function criticalRadius_m(overpotential_V: number, surfaceEnergy_J_m2 = CAL.liSurfaceEnergy_J_m2.value): number {
  return (2 * surfaceEnergy_J_m2 * LI_MOLAR_VOLUME_M3_PER_MOL) / (Z_LI * FARADAY_C_PER_MOL * Math.abs(overpotential_V))
}

/**
 * Heterogeneous nucleation barrier per nucleus, J (physics.md §4.2):
 * ΔG* = 16πγ³V_m²/(3 (zFη)²) · f(θ), f(θ) = (2 + cos θ)(1 − cos θ)²/4.
 */
export function nucleationBarrier(overpotential_V: number, contactAngle_rad: number, surfaceEnergy_J_m2 = CAL.liSurfaceEnergy_J_m2.value): number {
  const cos = Math.cos(contactAngle_rad)
  const f = ((2 + cos) * (1 - cos) * (1 - cos)) / 4
  const zFeta = Z_LI * FARADAY_C_PER_MOL * overpotential_V
  return ((16 * Math.PI * surfaceEnergy_J_m2 ** 3 * LI_MOLAR_VOLUME_M3_PER_MOL ** 2) / (3 * zFeta * zFeta)) * f
}

/** Temperature factor of the deposit size, exp(E_d/R (1/T_ref − 1/T)) ([E] magnitude, [V] sign; §4.3). */
export function sizeTemperatureFactor(temperature_K: number): number {
  return arrhenius(CAL.nucleusSizeActivation_J_mol.value, temperature_K)
}

/**
 * Pei 2017 scaling (physics.md §4.2 [V abstract]): d = d_ref (η_ref/η), N = N_ref (η/η_ref)³,
 * with the temperature factor f_T: d × f_T and N / f_T³ (fewer, larger nuclei at higher T; N d³
 * is the plated volume and stays fixed). η is floored at the [E] value below which the barrier
 * does not control the size (alloying substrates).
 *
 * @returns nucleus diameter (µm) and areal density (cm⁻²)
 */
export function peiScaling(overpotential_V: number, temperature_K: number): { diameter_um: number; density_cm2: number } {
  const eta = Math.max(overpotential_V, CAL.peiMinOverpotential_V.value)
  const ref = CAL.peiReferenceOverpotential_V.value
  const fT = sizeTemperatureFactor(temperature_K)
  return {
    diameter_um: CAL.peiReferenceDiameter_um.value * (ref / eta) * fT,
    density_cm2: (CAL.peiReferenceDensity_cm2.value * (eta / ref) ** 3) / (fT * fT * fT),
  }
}

export type NucleationRegime = 'long-incubation' | 'intermediate-incubation' | 'short-incubation'

/** Ely–García characteristic overpotential η₀ = 2γV_m/(F r₀), V (physics.md §4.2; 0.12 V for γ = 0.45 J/m², r₀ = 1 nm). */
export function elyGarciaEta0_V(surfaceEnergy_J_m2 = CAL.liSurfaceEnergy_J_m2.value, embryoRadius_m = CAL.embryoRadius_nm.value * 1e-9): number {
  return (2 * surfaceEnergy_J_m2 * LI_MOLAR_VOLUME_M3_PER_MOL) / (FARADAY_C_PER_MOL * embryoRadius_m)
}

/** Simplified Ely–García classifier (physics.md §4.2 [E] thresholds): < η₀ long, ≥ 2η₀ short incubation. */
export function elyGarciaRegime(overpotential_V: number): NucleationRegime {
  const eta0 = elyGarciaEta0_V()
  if (overpotential_V < eta0) return 'long-incubation'
  if (overpotential_V >= 2 * eta0) return 'short-incubation'
  return 'intermediate-incubation'
}
