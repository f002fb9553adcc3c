/**
 * Solid electrolytes (physics.md §2.4, §5): Monroe–Newman ratio (reported, never a gate),
 * Porz flaw criterion, empirical critical current density (CCD) vs temperature, pressure,
 * interfacial resistance and density, and the stripping-side void limit.
 *
 * Units: mA/cm² for current densities, Ω·cm² for ASR, MPa for pressure at this API
 * (the orchestrator converts), SI inside the Porz formulas.
 *
 * @module
 */
import {
  FARADAY_C_PER_MOL,
  J_PER_MOL_PER_EV,
  LI_MOLAR_VOLUME_M3_PER_MOL,
  LI_SHEAR_MODULUS_GPA,
  T_REF_K,
  arrhenius,
} from './constants.ts'
import { CAL } from './calibration.ts'
import type { SolidElectrolyteId } from './electrolyte.ts'

/** Interlayers between Li and the solid electrolyte (physics.md §5.2–5.4). */
export const INTERLAYERS = ['none', 'Au', 'Ag', 'Al2O3', 'ZnO', 'Si', 'graphite', 'Li3N', 'Mg'] as const
export type Interlayer = (typeof INTERLAYERS)[number]

export interface SolidMaterial {
  /** Ionic conductivity at 25 °C, S/cm. */
  sigma_S_cm: number
  /** Conduction activation energy, eV. */
  activation_eV: number
  shearModulus_GPa: number
  youngsModulus_GPa: number
  /** Fracture toughness K_IC, MPa·m^0.5. */
  fractureToughness_MPa_m05: number
  /** Electronic leakage / internal nucleation risk (Han et al. 2019 [L]). */
  electronicLeakage: boolean
  /** Reacts with Li to form an interphase (sulfides) rather than being kinetically stable. */
  reactiveInterphase: boolean
  sulfide: boolean
  defaultThickness_um: number
  defaultRelDensity: number
  densityNote: string
  defaultAsr_ohm_cm2: number
  defaultFlawSize_um: number
  /** CCD at ASR → 0, 25 °C, 0 MPa and the reference density, mA/cm². */
  ccd0_mA_cm2: number
  ccdReferenceDensity: number
  /** e-folding of CCD with lost relative density, –. */
  ccdDensityScale: number
  /** Void-limited stripping current at 0 MPa, 25 °C, mA/cm². */
  voidLimit0_mA_cm2: number
  source: string
}

/**
 * Material table. Mechanics and conductivity from physics.md §2.4 [L]; CCD anchors from §5.4
 * ([V] Flatscher 2020 for LLZO, [V] Nat. Energy 2025 for dense Li6PS5Cl, [L] others); the
 * remaining entries are [E] defaults kept beside their source.
 */
export const SOLID_MATERIALS: Readonly<Record<SolidElectrolyteId, SolidMaterial>> = {
  LLZO: {
    sigma_S_cm: 5e-4, activation_eV: 0.38, shearModulus_GPa: 58, youngsModulus_GPa: 148, fractureToughness_MPa_m05: 1.1,
    electronicLeakage: true, reactiveInterphase: false, sulfide: false,
    defaultThickness_um: 500, defaultRelDensity: 0.97, densityNote: '(hot-pressed pellet [E])', defaultAsr_ohm_cm2: 20, defaultFlawSize_um: 5,
    ccd0_mA_cm2: 0.28, ccdReferenceDensity: 1, ccdDensityScale: 0.1, voidLimit0_mA_cm2: 0.1,
    source: 'Ni 2012, Wolfenstine 2013 [L]; Flatscher 2020 CCD ≤ 0.28 mA/cm² [V]; Krauskopf 2019 void limit [L]',
  },
  LLZTO: {
    sigma_S_cm: 8e-4, activation_eV: 0.38, shearModulus_GPa: 58, youngsModulus_GPa: 148, fractureToughness_MPa_m05: 1.1,
    electronicLeakage: true, reactiveInterphase: false, sulfide: false,
    defaultThickness_um: 500, defaultRelDensity: 0.97, densityNote: '(hot-pressed pellet [E])', defaultAsr_ohm_cm2: 20, defaultFlawSize_um: 5,
    ccd0_mA_cm2: 0.28, ccdReferenceDensity: 1, ccdDensityScale: 0.1, voidLimit0_mA_cm2: 0.1,
    source: 'garnet values as LLZO (physics.md §2.4 [L]; §5.4 [V]/[L])',
  },
  LPS_glass: {
    sigma_S_cm: 2e-4, activation_eV: 0.4, shearModulus_GPa: 7.5, youngsModulus_GPa: 20, fractureToughness_MPa_m05: 0.23,
    electronicLeakage: true, reactiveInterphase: true, sulfide: true,
    defaultThickness_um: 500, defaultRelDensity: 0.95, densityNote: '(cold-pressed glass [E])', defaultAsr_ohm_cm2: 5, defaultFlawSize_um: 5,
    ccd0_mA_cm2: 1.2, ccdReferenceDensity: 1, ccdDensityScale: 0.1, voidLimit0_mA_cm2: 0.1,
    source: 'Sakuda 2013, McGrogan 2017 [L]; Porz 2017 CCD 0.5–1 mA/cm² [L]',
  },
  Li6PS5Cl: {
    sigma_S_cm: 2e-3, activation_eV: 0.35, shearModulus_GPa: 9.5, youngsModulus_GPa: 25, fractureToughness_MPa_m05: 0.25,
    electronicLeakage: true, reactiveInterphase: true, sulfide: true,
    defaultThickness_um: 500, defaultRelDensity: 0.85, densityNote: '(cold-pressed, 83–90 % typical [L])', defaultAsr_ohm_cm2: 5, defaultFlawSize_um: 5,
    ccd0_mA_cm2: 9.5, ccdReferenceDensity: 0.99, ccdDensityScale: 0.0637, voidLimit0_mA_cm2: 0.1,
    source: 'physics.md §2.4 [L]; CCD 9 mA/cm² at 99 % vs ~1 at 83–90 % density, Nat. Energy 2025 [V]; Kasemchainan 2019 [L]',
  },
  LiPON: {
    sigma_S_cm: 2.5e-6, activation_eV: 0.55, shearModulus_GPa: 31, youngsModulus_GPa: 77, fractureToughness_MPa_m05: 1,
    electronicLeakage: false, reactiveInterphase: false, sulfide: false,
    defaultThickness_um: 2, defaultRelDensity: 1, densityNote: '(sputtered thin film)', defaultAsr_ohm_cm2: 2, defaultFlawSize_um: 0.1,
    ccd0_mA_cm2: 10, ccdReferenceDensity: 1, ccdDensityScale: 0.1, voidLimit0_mA_cm2: 2,
    source: 'Bates 1993, Herbert 2011 [L]; Westover/Dudney CCD ≥ several mA/cm² [L]; K_IC not tabulated, 1 MPa·m^0.5 [E]',
  },
}

/** Shear modulus of PEO–LiTFSI at 60–80 °C, GPa (physics.md §2.4 [L], 1e-4–1e-2). */
export const PEO_SHEAR_MODULUS_GPA = 1e-3

/** Interlayer effects [E]: ASR multiplier (wetting) and void-limit multiplier (Raj 2020 [V abstract]). */
export const INTERLAYER_EFFECTS: Readonly<Record<Interlayer, { asrFactor: number; voidFactor: number }>> = {
  none: { asrFactor: 1, voidFactor: 1 },
  Au: { asrFactor: 0.1, voidFactor: 1.5 },
  Ag: { asrFactor: 0.1, voidFactor: 1.5 },
  Al2O3: { asrFactor: 0.05, voidFactor: 1.2 },
  ZnO: { asrFactor: 0.1, voidFactor: 1.2 },
  Si: { asrFactor: 0.1, voidFactor: 1.2 },
  graphite: { asrFactor: 0.2, voidFactor: 1.5 },
  Li3N: { asrFactor: 0.3, voidFactor: 1.2 },
  Mg: { asrFactor: 0.5, voidFactor: 2 },
}

/**
 * Monroe–Newman ratio G_SE/G_Li and whether it is ≥ 2 (Monroe & Newman 2005 [V], physics.md §5.1).
 * Reported only: Porz 2017 shows it is not sufficient.
 */
export function monroeNewman(shearModulus_GPa: number): { ratio: number; satisfied: boolean } {
  const ratio = shearModulus_GPa / LI_SHEAR_MODULUS_GPA
  return { ratio, satisfied: ratio >= 2 }
}

/**
 * Porz flaw criterion (physics.md §5.2 [C]).
 * p_crit = K_IC/(Y √(π a)); η_c = V_m p_crit / F; J_CCD ≈ η_c/(β · ASR).
 *
 * @param fractureToughness_MPa_m05 K_IC, MPa·m^0.5
 * @param flawSize_m flaw depth a, m
 * @param geometryFactor Y (≈1.1; the §5.2 worked values use 1)
 * @returns p_crit (Pa) and η_c (V)
 */
export function porzCriterion(fractureToughness_MPa_m05: number, flawSize_m: number, geometryFactor = 1): { criticalPressure_Pa: number; criticalOverpotential_V: number } {
  const criticalPressure_Pa = (fractureToughness_MPa_m05 * 1e6) / (geometryFactor * Math.sqrt(Math.PI * flawSize_m))
  return { criticalPressure_Pa, criticalOverpotential_V: (criticalPressure_Pa * LI_MOLAR_VOLUME_M3_PER_MOL) / FARADAY_C_PER_MOL }
}

/** Pressure of Li plated into a flaw per volt of local overpotential, Pa/V: F/V_m (7.42 MPa/mV, physics.md §0 [C]). */
export const PRESSURE_PER_OVERPOTENTIAL_PA_V = FARADAY_C_PER_MOL / LI_MOLAR_VOLUME_M3_PER_MOL

/**
 * Porz-form CCD, mA/cm²: η_c/(β ASR) with β the current-focusing factor [E].
 * @param criticalOverpotential_V η_c, V
 * @param asr_ohm_cm2 interfacial ASR, Ω·cm²
 */
export function porzCurrentDensity_mA_cm2(criticalOverpotential_V: number, asr_ohm_cm2: number, focusing = CAL.porzFocusingFactor.value): number {
  return (criticalOverpotential_V / (focusing * Math.max(asr_ohm_cm2, 1e-3))) * 1000
}

/** Ionic conductivity at T, S/cm, Arrhenius in E_a (physics.md §2.4 [L]). */
export function solidConductivity_S_cm(material: SolidMaterial, temperature_K: number): number {
  return material.sigma_S_cm * arrhenius(material.activation_eV * J_PER_MOL_PER_EV, temperature_K)
}

export interface CcdInput {
  material: SolidMaterial
  temperature_K: number
  stackPressure_MPa: number
  asr_ohm_cm2: number
  relDensity: number
  /** Void area fraction at the interface (0–1); CCD_eff = CCD (1 − φ_void) (physics.md §5.3 [E]). */
  voidFraction?: number
}

/**
 * Effective plating critical current density, mA/cm² (physics.md §5.2–5.4):
 * CCD = CCD_0 · exp(−ASR/ASR_0) (Flatscher 2020 [V] form) · f_T (Arrhenius [L]/[E]) · f_ρ · f_P · (1 − φ_void).
 * Strictly decreasing in ASR, increasing in T and density.
 */
export function criticalCurrentDensity_mA_cm2(input: CcdInput): number {
  const m = input.material
  const fAsr = Math.exp(-input.asr_ohm_cm2 / CAL.ccdAsrScale_ohm_cm2.value)
  const fT = arrhenius(CAL.ccdActivation_J_mol.value, input.temperature_K, T_REF_K)
  const fRho = Math.exp(-(m.ccdReferenceDensity - input.relDensity) / m.ccdDensityScale)
  const P = Math.max(input.stackPressure_MPa, 0)
  let fP = 1 + (CAL.ccdPressureGain.value * P) / (P + CAL.ccdPressureHalf_MPa.value)
  // Sulfides: above ~25 MPa Li creeps into the SE and shorts (Doux 2020 [L]).
  if (m.sulfide && P > CAL.sulfideCreepPressure_MPa.value) fP *= Math.exp(-(P - CAL.sulfideCreepPressure_MPa.value) / 10)
  const phi = input.voidFraction ?? 0
  return m.ccd0_mA_cm2 * fAsr * fT * fRho * fP * (1 - phi)
}

/**
 * Void-limited stripping current density, mA/cm² (physics.md §5.3 [E]):
 * J_void = (J_void,0 · A(T) + k_P · P^n) · f_interlayer. A creep-like power n replaces the
 * linear k_P·P of §5.3 because the two Li6PS5Cl anchors (0.2 mA/cm² at 3 MPa, 1 at 7 MPa [L])
 * need a non-negative intercept.
 */
export function voidCurrentDensity_mA_cm2(material: SolidMaterial, temperature_K: number, stackPressure_MPa: number, interlayer: Interlayer): number {
  const fT = arrhenius(CAL.liCreepActivation_J_mol.value, temperature_K)
  const P = Math.max(stackPressure_MPa, 0)
  const creep = CAL.voidPressureCoefficient.value * Math.pow(P, CAL.voidPressureExponent.value)
  return (material.voidLimit0_mA_cm2 + creep) * fT * INTERLAYER_EFFECTS[interlayer].voidFactor
}

/**
 * Void area fraction after one stripping half-cycle (physics.md §5.3 [E]): the Li the interface
 * cannot resupply, Q (1 − J_void/J_strip), opens voids of characteristic depth h_void; creep
 * under stack pressure refills a fraction P/(P + P_heal) during the next plating.
 *
 * @param voidFraction current void area fraction (0–1)
 * @param capacity_C_m2 stripped charge, C/m²
 */
export function nextVoidFraction(voidFraction: number, strippingCurrent_mA_cm2: number, voidLimit_mA_cm2: number, capacity_C_m2: number, stackPressure_MPa: number): number {
  let phi = voidFraction
  if (strippingCurrent_mA_cm2 > voidLimit_mA_cm2) {
    const lostThickness_m = (capacity_C_m2 * (1 - voidLimit_mA_cm2 / strippingCurrent_mA_cm2) * LI_MOLAR_VOLUME_M3_PER_MOL) / FARADAY_C_PER_MOL
    phi += (1 - phi) * Math.min(1, lostThickness_m / (CAL.voidDepth_um.value * 1e-6))
  }
  const P = Math.max(stackPressure_MPa, 0)
  phi *= 1 - P / (P + CAL.voidHealPressure_MPa.value)
  return Math.min(phi, 0.95)
}
