/**
 * Physical constants and unit conversions used by the simulator.
 *
 * Internally every stage works in SI (m, s, A, mol, K, Pa); battery units
 * (mA/cm², mAh/cm², µm, °C, kPa) only appear at the input/output boundary.
 * Each constant names its source and its physics.md tag.
 *
 * @module
 */

/** Faraday constant, C/mol. CODATA 2018, physics.md §0. */
export const FARADAY_C_PER_MOL = 96485.33212
/** Molar gas constant, J/(mol K). CODATA 2018, physics.md §0. */
export const GAS_CONSTANT_J_PER_MOL_K = 8.314462618
/** Li molar mass, g/mol. Standard atomic weight, physics.md §0. */
export const LI_MOLAR_MASS_G_PER_MOL = 6.94
/** Li density, g/cm³. Standard, physics.md §0. */
export const LI_DENSITY_G_PER_CM3 = 0.534
/** Li molar volume V_m, m³/mol. PyBaMM "Lithium metal partial molar volume" (Xu2019, OKane2022), physics.md §0 [V]. */
export const LI_MOLAR_VOLUME_M3_PER_MOL = 1.3e-5
/** Shear modulus of Li used by Monroe & Newman 2005, GPa. physics.md §2.4 [L]. */
export const LI_SHEAR_MODULUS_GPA = 4.25
/** Li⁺ charge number z_c (binary 1:1 salt). physics.md §1.2. */
export const Z_LI = 1

/** 0 °C in K. */
export const KELVIN_OFFSET = 273.15
/** Reference temperature for Arrhenius factors, K (25 °C). physics.md §2.1(d), §7.1. */
export const T_REF_K = 298.15

/** 1 mA/cm² = 10 A/m². physics.md §0. */
export const A_M2_PER_MA_CM2 = 10
/** 1 mAh/cm² = 36 000 C/m². physics.md §0. */
export const C_M2_PER_MAH_CM2 = 36_000
/** 1 mS/cm = 0.1 S/m. physics.md §0. */
export const S_M_PER_MS_CM = 0.1
/** 1 S/cm = 100 S/m. */
export const S_M_PER_S_CM = 100
/** 1 Ω·cm² = 1e-4 Ω·m². */
export const OHM_M2_PER_OHM_CM2 = 1e-4
/** 1 M = 1000 mol/m³. physics.md §0. */
export const MOLM3_PER_M = 1000
/** 1 µm = 1e-6 m. */
export const M_PER_UM = 1e-6
/** 1 nm = 1e-9 m. */
export const M_PER_NM = 1e-9
/** 1 kPa = 1000 Pa. */
export const PA_PER_KPA = 1000
/** 1 eV per particle = 96 485.33 J/mol. */
export const J_PER_MOL_PER_EV = FARADAY_C_PER_MOL

/** Thermal voltage RT/F, V. physics.md §0 (25.69 mV at 25 °C) [C]. */
export function thermalVoltage_V(temperature_K: number): number {
  return (GAS_CONSTANT_J_PER_MOL_K * temperature_K) / FARADAY_C_PER_MOL
}

/**
 * Arrhenius factor exp(E/R · (1/T_ref − 1/T)) (= 1 at T_ref).
 * Used for j0, SEI growth (physics.md §7.1) and liquid transport constants (§2.3).
 * @param activationEnergy_J_mol activation energy, J/mol
 * @param temperature_K temperature, K
 * @param reference_K reference temperature, K (default 298.15 K)
 */
export function arrhenius(activationEnergy_J_mol: number, temperature_K: number, reference_K = T_REF_K): number {
  return Math.exp((activationEnergy_J_mol / GAS_CONSTANT_J_PER_MOL_K) * (1 / reference_K - 1 / temperature_K))
}

/**
 * Thickness of fully dense Li per C/m² of plated charge, m per (C/m²): V_m / (z F).
 * 1 mAh/cm² → 4.85 µm (physics.md §0 [C]).
 */
export const DENSE_LI_M_PER_C_M2 = LI_MOLAR_VOLUME_M3_PER_MOL / FARADAY_C_PER_MOL

/** Clamp x into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x
}
