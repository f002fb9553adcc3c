/**
 * Electrolyte registry and transport-property correlations (physics.md §2).
 *
 * Liquids with a full concentration/temperature correlation (Valøen & Reimers 2005,
 * Landesfeind & Gasteiger 2019, Nyman 2008, Capiglia 1999) are evaluated exactly as
 * written in §2.1; outside each fit's validity window the inputs are clamped and a
 * `property_extrapolated` warning is raised. Electrolytes without a correlation use the
 * §2.3 constants with an Arrhenius (liquids, 17 kJ/mol) or VTF (polymer) temperature law.
 *
 * Units: c in mol/L (M) and T in K at the correlation level, SI (S/m, m²/s) outputs.
 *
 * @module
 */
import { GAS_CONSTANT_J_PER_MOL_K, MOLM3_PER_M, T_REF_K, arrhenius, clamp } from './constants.ts'
import { CAL } from './calibration.ts'

/** Liquid electrolyte ids (physics.md §10.1, plus `LiPF6_PC_EC_DMC`, the Valøen solvent). */
export const LIQUID_ELECTROLYTE_IDS = [
  'LiPF6_EC_DMC_1_1',
  'LiPF6_EC_EMC_3_7',
  'LiPF6_EC_DEC_1_1',
  'LiPF6_PC',
  'LiPF6_PC_EC_DMC',
  'LiPF6_EMC_FEC_19_1',
  'LiTFSI_DOL_DME',
  'LiFSI_DME',
  'LiFSI_DME_HCE',
  'LHCE_LiFSI_DME_BTFE',
  'LiFSI_F5DEE',
  'DualSalt_LiDFOB_LiBF4_FEC_DEC',
] as const
/** Polymer electrolyte ids (physics.md §10.1). */
export const POLYMER_ELECTROLYTE_IDS = ['PEO_LiTFSI'] as const
/** Inorganic solid electrolyte ids (physics.md §10.1). */
export const SOLID_ELECTROLYTE_IDS = ['LLZO', 'LLZTO', 'LPS_glass', 'Li6PS5Cl', 'LiPON'] as const
/** Every electrolyte id the simulator knows. */
export const ELECTROLYTE_IDS = [...LIQUID_ELECTROLYTE_IDS, ...POLYMER_ELECTROLYTE_IDS, ...SOLID_ELECTROLYTE_IDS] as const

export type LiquidElectrolyteId = (typeof LIQUID_ELECTROLYTE_IDS)[number]
export type PolymerElectrolyteId = (typeof POLYMER_ELECTROLYTE_IDS)[number]
export type SolidElectrolyteId = (typeof SOLID_ELECTROLYTE_IDS)[number]
export type ElectrolyteId = (typeof ELECTROLYTE_IDS)[number]
export type ElectrolyteKind = 'liquid' | 'polymer' | 'solid'

/** Transport-property correlations (physics.md §2.1) and the constant/VTF fall-backs (§2.3). */
export const CORRELATION_IDS = ['Valoen2005', 'Landesfeind2019', 'Nyman2008', 'Capiglia1999', 'constant', 'VTF'] as const
export type CorrelationId = (typeof CORRELATION_IDS)[number]

/** Chemistry family; drives SEI (§7.2), morphology (§10.3) and nucleation kinetics (§4.3). */
export type ElectrolyteFamily =
  | 'carbonate'
  | 'PC'
  | 'ether'
  | 'HCE'
  | 'LHCE'
  | 'fluorinatedEther'
  | 'dualSalt'
  | 'polymer'
  | 'solid'

/** Constant transport properties at the nominal concentration and reference temperature. */
export interface ConstantProperties {
  kappa_S_m: number
  D_m2_s: number
  tPlus: number
  tdf: number
  /** Temperature at which the constants hold, K. */
  reference_K: number
  source: string
}

export interface ElectrolyteEntry {
  id: ElectrolyteId
  kind: ElectrolyteKind
  family: ElectrolyteFamily
  description: string
  /** Nominal salt concentration, mol/L (not used for inorganic solids). */
  nominal_M: number
  correlations: readonly CorrelationId[]
  constants?: ConstantProperties
}

const LANDESFEIND = 'Landesfeind & Gasteiger 2019, J. Electrochem. Soc. 166, A3079, physics.md §2.1(b) [V]'
const VALOEN = 'Valøen & Reimers 2005, J. Electrochem. Soc. 152, A882, physics.md §2.1(a) [V]'
const NYMAN = 'Nyman et al. 2008, Electrochim. Acta 53, 6356 (PyBaMM Chen2020), physics.md §2.1(c) [V]'
const CAPIGLIA = 'Capiglia et al. 1999 / Dualfoil (PyBaMM Marquis2019), physics.md §2.1(d) [V]'

function liquid(
  id: LiquidElectrolyteId,
  family: ElectrolyteFamily,
  description: string,
  nominal_M: number,
  correlations: readonly CorrelationId[],
  constants?: ConstantProperties,
): ElectrolyteEntry {
  return constants
    ? { id, kind: 'liquid', family, description, nominal_M, correlations, constants }
    : { id, kind: 'liquid', family, description, nominal_M, correlations }
}

/** Electrolyte registry; the first correlation listed is the default one. */
export const ELECTROLYTES: Readonly<Record<ElectrolyteId, ElectrolyteEntry>> = {
  LiPF6_EC_DMC_1_1: liquid('LiPF6_EC_DMC_1_1', 'carbonate', 'LiPF6 in EC:DMC 1:1 (w:w)', 1, ['Landesfeind2019', 'Valoen2005', 'Capiglia1999']),
  LiPF6_EC_EMC_3_7: liquid('LiPF6_EC_EMC_3_7', 'carbonate', 'LiPF6 in EC:EMC 3:7 (w:w)', 1, ['Landesfeind2019', 'Nyman2008']),
  LiPF6_EC_DEC_1_1: liquid('LiPF6_EC_DEC_1_1', 'carbonate', 'LiPF6 in EC:DEC 1:1', 1, ['constant'], {
    kappa_S_m: 0.75, D_m2_s: 2.5e-10, tPlus: 0.3, tdf: 1, reference_K: T_REF_K,
    source: 'Lundgren, Behm & Lindbergh 2015 (constants), physics.md §2.3 [L]',
  }),
  LiPF6_PC: liquid('LiPF6_PC', 'PC', 'LiPF6 in PC', 1, ['constant'], {
    kappa_S_m: 0.58, D_m2_s: 2e-10, tPlus: 0.35, tdf: 1, reference_K: T_REF_K,
    source: 'physics.md §2.3 constants [L]/[E]',
  }),
  LiPF6_PC_EC_DMC: liquid('LiPF6_PC_EC_DMC', 'carbonate', 'LiPF6 in PC:EC:DMC 10:27:63 (v/v), the Valøen electrolyte', 1, ['Valoen2005']),
  LiPF6_EMC_FEC_19_1: liquid('LiPF6_EMC_FEC_19_1', 'carbonate', 'LiPF6 in EMC:FEC 19:1 (w:w); also for FEC co-solvent', 1, ['Landesfeind2019']),
  LiTFSI_DOL_DME: liquid('LiTFSI_DOL_DME', 'ether', 'LiTFSI in DOL:DME 1:1 (v/v)', 1, ['constant'], {
    kappa_S_m: 1.1, D_m2_s: 5e-10, tPlus: 0.45, tdf: 1, reference_K: T_REF_K,
    source: 'physics.md §2.3 constants ([L] κ; [E] D, t+)',
  }),
  LiFSI_DME: liquid('LiFSI_DME', 'ether', 'LiFSI in DME, 1 M', 1, ['constant'], {
    kappa_S_m: 1.45, D_m2_s: 6e-10, tPlus: 0.5, tdf: 1, reference_K: T_REF_K,
    source: 'physics.md §2.3 constants [E]',
  }),
  LiFSI_DME_HCE: liquid('LiFSI_DME_HCE', 'HCE', 'LiFSI in DME, 4 M (high-concentration electrolyte)', 4, ['constant'], {
    kappa_S_m: 0.4, D_m2_s: 1.5e-10, tPlus: 0.55, tdf: 1, reference_K: T_REF_K,
    source: 'physics.md §2.3 constants [E] (Qian 2015 [V] for CE only)',
  }),
  LHCE_LiFSI_DME_BTFE: liquid('LHCE_LiFSI_DME_BTFE', 'LHCE', 'LiFSI–1.2 DME–3 BTFE localized HCE (~1.2 M)', 1.2, ['constant'], {
    kappa_S_m: 0.25, D_m2_s: 2e-10, tPlus: 0.5, tdf: 1, reference_K: T_REF_K,
    source: 'physics.md §2.3 constants [E]',
  }),
  LiFSI_F5DEE: liquid('LiFSI_F5DEE', 'fluorinatedEther', '1.2 M LiFSI in F5DEE', 1.2, ['constant'], {
    kappa_S_m: 0.3, D_m2_s: 2e-10, tPlus: 0.5, tdf: 1, reference_K: T_REF_K,
    source: 'physics.md §2.3 constants [E] (Yu 2022 [V] for CE only)',
  }),
  DualSalt_LiDFOB_LiBF4_FEC_DEC: liquid('DualSalt_LiDFOB_LiBF4_FEC_DEC', 'dualSalt', '0.6 M LiDFOB + 0.6 M LiBF4 in FEC:DEC (Weber 2019)', 1.2, ['constant'], {
    kappa_S_m: CAL.dualSaltKappa_S_m.value, D_m2_s: CAL.dualSaltD_m2_s.value, tPlus: CAL.dualSaltTPlus.value, tdf: 1, reference_K: T_REF_K,
    source: 'not tabulated in physics.md §2.3; carbonate-like constants [E] (calibration.ts)',
  }),
  PEO_LiTFSI: {
    id: 'PEO_LiTFSI', kind: 'polymer', family: 'polymer', description: 'PEO–LiTFSI, EO:Li ≈ 20', nominal_M: 1.1, correlations: ['VTF'],
    constants: {
      kappa_S_m: 0.1, D_m2_s: 1e-11, tPlus: 0.2, tdf: 1, reference_K: 353.15,
      source: 'Brissot 1999; Pesko 2017, physics.md §2.3 [L]; VTF temperature law [L]/[E]',
    },
  },
  LLZO: { id: 'LLZO', kind: 'solid', family: 'solid', description: 'Al-doped cubic Li7La3Zr2O12 garnet', nominal_M: 0, correlations: [] },
  LLZTO: { id: 'LLZTO', kind: 'solid', family: 'solid', description: 'Ta-doped cubic garnet LLZTO', nominal_M: 0, correlations: [] },
  LPS_glass: { id: 'LPS_glass', kind: 'solid', family: 'solid', description: '75Li2S·25P2S5 / Li3PS4 glass', nominal_M: 0, correlations: [] },
  Li6PS5Cl: { id: 'Li6PS5Cl', kind: 'solid', family: 'solid', description: 'Li6PS5Cl argyrodite', nominal_M: 0, correlations: [] },
  LiPON: { id: 'LiPON', kind: 'solid', family: 'solid', description: 'LiPON thin film (1–3 µm)', nominal_M: 0, correlations: [] },
}

/** True if `id` is a known electrolyte id. */
export function isElectrolyteId(id: string): id is ElectrolyteId {
  return Object.hasOwn(ELECTROLYTES, id)
}

/** Transport properties at one state point, SI units. */
export interface ElectrolyteProperties {
  /** Ionic conductivity κ, S/m. */
  kappa_S_m: number
  /** Fickian salt diffusivity D, m²/s. */
  D_m2_s: number
  /** Cation transference number t+ (clamped to [0.05, 0.95] for Sand/Chazalviel use, §2.1(b) pitfall). */
  tPlus: number
  /** Thermodynamic factor 1 + dln f±/dln c. */
  tdf: number
  correlation: CorrelationId
  source: string
}

/** A property evaluation plus the clamps it needed. */
export interface PropertyEvaluation extends ElectrolyteProperties {
  /** `property_extrapolated: …` messages, one per clamp hit. */
  warnings: string[]
}

// ---------------------------------------------------------------------------
// §2.1 correlations (c in mol/L, T in K). Exported so tests can hit them directly.
// ---------------------------------------------------------------------------

/** Valøen & Reimers 2005 (physics.md §2.1(a) [V]): κ (S/m), D (m²/s), t+ = 0.38, TDF. */
export function valoen2005(c: number, T: number): { kappa_S_m: number; D_m2_s: number; tPlus: number; tdf: number } {
  const D_cm2_s = Math.pow(10, -4.43 - 54 / (T - 229 - 5 * c) - 0.22 * c)
  const inner = -10.5 + 0.074 * T - 6.96e-5 * T * T + c * (0.668 - 0.0178 * T + 2.8e-5 * T * T) + c * c * (0.494 - 8.86e-4 * T)
  const kappa_mS_cm = c * inner * inner
  const tdf = (0.601 - 0.24 * Math.sqrt(c) + 0.982 * (1 - 0.0052 * (T - 294)) * Math.pow(c, 1.5)) / (1 - 0.38)
  return { kappa_S_m: kappa_mS_cm * 0.1, D_m2_s: D_cm2_s * 1e-4, tPlus: 0.38, tdf }
}

type Nine = readonly [number, number, number, number, number, number, number, number, number]
interface LandesfeindCoefficients {
  kappa: readonly [number, number, number, number, number, number]
  D: readonly [number, number, number, number]
  tPlus: Nine
  tdf: Nine
}

/** Landesfeind & Gasteiger 2019 coefficients (physics.md §2.1(b) table [V], via PyBaMM). */
export const LANDESFEIND_COEFFICIENTS = {
  EC_DMC_1_1: {
    kappa: [7.98e-1, 2.28e2, -1.22, 5.09e-1, -4.0e-3, 3.79e-3],
    D: [1.47e3, 1.33, -1.69e3, -5.63e2],
    tPlus: [-7.91, 2.45e-1, 5.28e-2, 6.98e-1, -1.08e-2, -8.21e-5, 7.43e-4, -2.22e-3, 3.07e-5],
    tdf: [-5.58, 7.17, 3.8e-2, 1.91, -6.65e-2, -5.08e-5, 1.1e-1, -6.1e-3, 1.51e-4],
  },
  EC_EMC_3_7: {
    kappa: [5.21e-1, 2.28e2, -1.06, 3.53e-1, -3.59e-3, 1.48e-3],
    D: [1.01e3, 1.01, -1.56e3, -4.87e2],
    tPlus: [-1.28e1, -6.12, 8.21e-2, 9.04e-1, 3.18e-2, -1.27e-4, 1.75e-2, -3.12e-3, -3.96e-5],
    tdf: [2.57e1, -4.51e1, -1.77e-1, 1.94, 2.95e-1, 3.08e-4, 2.59e-1, -9.46e-3, -4.54e-4],
  },
  EMC_FEC_19_1: {
    kappa: [2.51e-2, 1.75e2, 1.23, 2.05e-1, -8.81e-2, 2.83e-3],
    D: [5.86e2, 1.33, -1.38e3, -5.82e2],
    tPlus: [-1.22e1, -3.05, 8.38e-2, 1.78, 1.51e-3, -1.37e-4, -2.45e-2, -5.15e-3, 2.14e-5],
    tdf: [3.22, -1.01e1, -1.58e-2, 6.12, 2.96e-2, 2.42e-5, -2.22e-1, -1.57e-2, 6.3e-6],
  },
} as const satisfies Record<string, LandesfeindCoefficients>
export type LandesfeindSolvent = keyof typeof LANDESFEIND_COEFFICIENTS

function poly9(q: Nine, c: number, T: number): number {
  return q[0] + q[1] * c + q[2] * T + q[3] * c * c + q[4] * c * T + q[5] * T * T + q[6] * c * c * c + q[7] * c * c * T + q[8] * c * T * T
}

/**
 * Landesfeind & Gasteiger 2019 (physics.md §2.1(b) [V]). Raw polynomial t+ (may be negative,
 * see the §2.1(b) pitfall; callers clamp it).
 */
export function landesfeind2019(
  solvent: LandesfeindSolvent,
  c: number,
  T: number,
): { kappa_S_m: number; D_m2_s: number; tPlus: number; tdf: number } {
  const k = LANDESFEIND_COEFFICIENTS[solvent]
  const e = Math.exp(1000 / T)
  const [p1, p2, p3, p4, p5, p6] = k.kappa
  const kappa_mS_cm = (p1 * (1 + (T - p2)) * c * (1 + p3 * Math.sqrt(c) + p4 * (1 + p5 * e) * c)) / (1 + c ** 4 * p6 * e)
  const [d1, d2, d3, d4] = k.D
  const D_m2_s = 1e-10 * d1 * Math.exp(d2 * c) * Math.exp(d3 / T) * Math.exp((d4 * c) / T)
  return { kappa_S_m: kappa_mS_cm * 0.1, D_m2_s, tPlus: poly9(k.tPlus, c, T), tdf: poly9(k.tdf, c, T) }
}

/** Arrhenius activation of κ and D for liquids without a correlation, J/mol (Ecker 2015 via PyBaMM OKane2022, physics.md §2.3 [V]). */
export const LIQUID_TRANSPORT_ACTIVATION_J_MOL = 17_000

/** Nyman et al. 2008 at 25 °C with the Ecker 2015 Arrhenius factor, E_a = 17 kJ/mol (physics.md §2.1(c) [V]). */
export function nyman2008(c: number, T: number): { kappa_S_m: number; D_m2_s: number; tPlus: number; tdf: number } {
  const f = arrhenius(LIQUID_TRANSPORT_ACTIVATION_J_MOL, T)
  const D = 8.794e-11 * c * c - 3.972e-10 * c + 4.862e-10
  const kappa = 0.1297 * c ** 3 - 2.51 * c ** 1.5 + 3.329 * c
  return { kappa_S_m: kappa * f, D_m2_s: D * f, tPlus: 0.2594, tdf: 1 }
}

/** Capiglia 1999 / Dualfoil fit (physics.md §2.1(d) [V]). */
export function capiglia1999(c: number, T: number): { kappa_S_m: number; D_m2_s: number; tPlus: number; tdf: number } {
  const D = 5.34e-10 * Math.exp(-0.65 * c) * Math.exp((37_040 / GAS_CONSTANT_J_PER_MOL_K) * (1 / 298.15 - 1 / T))
  const kappa = (0.0911 + 1.9101 * c - 1.052 * c * c + 0.1554 * c ** 3) * Math.exp((34_700 / GAS_CONSTANT_J_PER_MOL_K) * (1 / 298.15 - 1 / T))
  return { kappa_S_m: kappa, D_m2_s: D, tPlus: 0.4, tdf: 1 }
}

/**
 * VTF law for polymers, κ = A T^-0.5 exp(−B/(T − T0)) (physics.md §2.3 [L]; B [E]),
 * returned as the ratio κ(T)/κ(T_ref). Below the PEO melting point a crystalline fraction
 * (logistic, [E]) scales the ratio down: PEO–LiTFSI is semicrystalline and not usable at RT.
 */
export function vtfFactor(T: number, T_ref: number): number {
  const B = CAL.polymerVtfB_K.value
  const T0 = CAL.polymerVtfT0_K.value
  const amorphous = (x: number): number => Math.exp(-B / (x - T0)) / Math.sqrt(x)
  const crystalline = (x: number): number => {
    const fc = 1 / (1 + Math.exp((x - CAL.polymerMeltingPoint_K.value) / 5))
    return 1 - fc + fc * CAL.polymerCrystallinePenalty.value
  }
  return (amorphous(T) * crystalline(T)) / (amorphous(T_ref) * crystalline(T_ref))
}

// ---------------------------------------------------------------------------
// Validity windows [L] (physics.md §2.1); clamped with a warning outside them.
// ---------------------------------------------------------------------------

interface Window {
  cMin: number
  cMax: number
  TMin: number
  TMax: number
}
const WINDOWS: Record<Exclude<CorrelationId, 'constant' | 'VTF'>, Window> = {
  Valoen2005: { cMin: 0.05, cMax: 4, TMin: 263.15, TMax: 333.15 },
  Landesfeind2019: { cMin: 0.1, cMax: 2, TMin: 263.15, TMax: 323.15 },
  Nyman2008: { cMin: 0.05, cMax: 2, TMin: 263.15, TMax: 333.15 },
  Capiglia1999: { cMin: 0.05, cMax: 2, TMin: 263.15, TMax: 333.15 },
}
/** Constant-property liquids: Arrhenius extrapolation is flagged outside this range, K. */
const CONSTANT_T_WINDOW = { TMin: 253.15, TMax: 333.15 }
/** Polymer VTF window, K. */
const VTF_T_WINDOW = { TMin: 313.15, TMax: 373.15 }
/** t+ clamp for Sand/Chazalviel use (physics.md §2.1(b) pitfall [C]). */
export const T_PLUS_CLAMP = { min: 0.05, max: 0.95 } as const

function landesfeindSolvent(id: ElectrolyteId): LandesfeindSolvent {
  if (id === 'LiPF6_EC_EMC_3_7') return 'EC_EMC_3_7'
  if (id === 'LiPF6_EMC_FEC_19_1') return 'EMC_FEC_19_1'
  return 'EC_DMC_1_1'
}

const fmt = (x: number, d = 3): string => x.toPrecision(d)

/**
 * Transport properties of a liquid or polymer electrolyte at (c, T).
 *
 * @param id electrolyte id (liquid or polymer)
 * @param correlation one of the entry's correlations (default: the first)
 * @param c_M salt concentration, mol/L
 * @param T_K temperature, K
 * @param quiet skip building warning strings (used in solver callbacks)
 */
export function electrolyteProperties(id: ElectrolyteId, correlation: CorrelationId | undefined, c_M: number, T_K: number, quiet = false): PropertyEvaluation {
  const entry = ELECTROLYTES[id]
  const corr = correlation ?? entry.correlations[0]
  if (corr === undefined || entry.kind === 'solid') throw new Error(`electrolyteProperties: ${id} is a solid electrolyte; use solid.ts`)
  const warnings: string[] = []
  let raw: { kappa_S_m: number; D_m2_s: number; tPlus: number; tdf: number }
  let source: string
  if (corr === 'constant' || corr === 'VTF') {
    const k = entry.constants
    if (!k) throw new Error(`electrolyteProperties: ${id} has no constant properties`)
    let f: number
    if (corr === 'VTF') {
      f = vtfFactor(T_K, k.reference_K)
      if (!quiet && (T_K < VTF_T_WINDOW.TMin || T_K > VTF_T_WINDOW.TMax)) {
        warnings.push(`property_extrapolated: ${id} VTF law used at ${fmt(T_K - 273.15)} °C, outside 40–100 °C; below ~60 °C PEO is semicrystalline (physics.md §2.3)`)
      }
    } else {
      f = arrhenius(LIQUID_TRANSPORT_ACTIVATION_J_MOL, T_K, k.reference_K)
      if (!quiet && (T_K < CONSTANT_T_WINDOW.TMin || T_K > CONSTANT_T_WINDOW.TMax)) {
        warnings.push(`property_extrapolated: ${id} constants extrapolated to ${fmt(T_K - 273.15)} °C with Arrhenius 17 kJ/mol (physics.md §2.3)`)
      }
    }
    if (!quiet && Math.abs(c_M / entry.nominal_M - 1) > 0.2) {
      warnings.push(`property_extrapolated: ${id} uses constant properties measured at ${entry.nominal_M} M; they are not rescaled to ${fmt(c_M)} M (physics.md §2.3)`)
    }
    raw = { kappa_S_m: k.kappa_S_m * f, D_m2_s: k.D_m2_s * f, tPlus: k.tPlus, tdf: k.tdf }
    source = k.source
  } else {
    const w = WINDOWS[corr]
    const c = clamp(c_M, w.cMin, w.cMax)
    const T = clamp(T_K, w.TMin, w.TMax)
    if (!quiet && c !== c_M) warnings.push(`property_extrapolated: ${corr} evaluated at ${fmt(c)} M instead of ${fmt(c_M)} M (validity ${w.cMin}–${w.cMax} M)`)
    if (!quiet && T !== T_K) warnings.push(`property_extrapolated: ${corr} evaluated at ${fmt(T - 273.15)} °C instead of ${fmt(T_K - 273.15)} °C (validity ${fmt(w.TMin - 273.15, 2)}–${fmt(w.TMax - 273.15, 2)} °C)`)
    switch (corr) {
      case 'Valoen2005':
        raw = valoen2005(c, T)
        source = VALOEN
        break
      case 'Landesfeind2019':
        raw = landesfeind2019(landesfeindSolvent(id), c, T)
        source = LANDESFEIND
        break
      case 'Nyman2008':
        raw = nyman2008(c, T)
        source = NYMAN
        break
      case 'Capiglia1999':
        raw = capiglia1999(c, T)
        source = CAPIGLIA
        break
    }
  }
  const tPlus = clamp(raw.tPlus, T_PLUS_CLAMP.min, T_PLUS_CLAMP.max)
  if (!quiet && tPlus !== raw.tPlus) {
    warnings.push(`property_extrapolated: ${corr} gives t+ = ${fmt(raw.tPlus, 2)} at ${fmt(c_M)} M, ${fmt(T_K - 273.15)} °C; clamped to ${tPlus} (physics.md §2.1(b) pitfall)`)
  }
  const tdf = Math.max(raw.tdf, 0.1)
  if (!quiet && tdf !== raw.tdf) warnings.push(`property_extrapolated: ${corr} thermodynamic factor ${fmt(raw.tdf, 2)} clamped to 0.1`)
  return { kappa_S_m: Math.max(raw.kappa_S_m, 1e-9), D_m2_s: Math.max(raw.D_m2_s, 1e-16), tPlus, tdf, correlation: corr, source, warnings }
}

/** Properties as functions of c (mol/m³) for the 1D solver (SI, clamped, no warnings). */
export interface TransportPropertyFunctions {
  D(c_molm3: number): number
  kappa(c_molm3: number): number
  tPlus(c_molm3: number): number
  tdf(c_molm3: number): number
}

/**
 * Build concentration-dependent property functions for the 1D solver (physics.md §9.5).
 * With `frozenAt_M` the properties are evaluated once and held constant (the
 * constant-D, constant-t+ setting of the §1.7 checkpoints).
 */
export function transportPropertyFunctions(
  id: ElectrolyteId,
  correlation: CorrelationId | undefined,
  T_K: number,
  frozenAt_M?: number,
): TransportPropertyFunctions {
  if (frozenAt_M !== undefined) {
    const p = electrolyteProperties(id, correlation, frozenAt_M, T_K, true)
    return { D: () => p.D_m2_s, kappa: () => p.kappa_S_m, tPlus: () => p.tPlus, tdf: () => p.tdf }
  }
  const floor_M = 1e-3
  const at = (c_molm3: number): ElectrolyteProperties =>
    electrolyteProperties(id, correlation, Math.max(c_molm3 / MOLM3_PER_M, floor_M), T_K, true)
  return {
    D: (c) => at(c).D_m2_s,
    kappa: (c) => at(c).kappa_S_m,
    tPlus: (c) => at(c).tPlus,
    tdf: (c) => at(c).tdf,
  }
}
