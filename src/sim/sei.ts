/**
 * SEI (physics.md §7): the SEI quality index S from electrolyte and additives (§7.2, [E]
 * weights), the PyBaMM SEI growth laws (§7.1, [V] parameters) with the Arrhenius factor,
 * thickness under the solvent-diffusion law, the Xu2019 Li-metal exchange current and the
 * small-signal charge-transfer resistance.
 *
 * @module
 */
import { FARADAY_C_PER_MOL, LI_MOLAR_VOLUME_M3_PER_MOL, arrhenius, thermalVoltage_V } from './constants.ts'
import { CAL } from './calibration.ts'
import type { AdditiveId, ResolvedAdditive } from './config.ts'
import type { ElectrolyteFamily, ElectrolyteId } from './electrolyte.ts'

/**
 * PyBaMM SEI / plating parameters (physics.md §7.1 [V], OKane2022 / Xu2019; graphite-calibrated).
 */
export const PYBAMM_SEI = {
  partialMolarVolume_m3_mol: 9.585e-5,
  j0_A_m2: 1.5e-7,
  resistivity_ohm_m: 2e5,
  solventDiffusivity_m2_s: 2.5e-22,
  solventConcentration_molm3: 2636,
  ocp_V: 0.4,
  innerElectronConductivity_S_m: 8.95e-14,
  interstitialDiffusivity_m2_s: 1e-20,
  interstitialConcentration_molm3: 15,
  initialThickness_m: 5e-9,
  ecConcentration_molm3: 4541,
  ecDiffusivity_m2_s: 2e-18,
  kineticRate_m_s: 1e-12,
  /** OKane2022 value; Xu2019 uses 0. */
  activation_J_mol: 38_000,
  /** Li per SEI mole: 2 in Xu2019, 1 in OKane2022. */
  liPerSei: 2,
  alpha: 0.5,
  /** Dead-Li decay constant γ0, s⁻¹ (plating.py). */
  deadLiDecay_s: 1e-6,
} as const

export type SeiGrowthLaw =
  | 'reaction-limited'
  | 'electron-migration-limited'
  | 'interstitial-diffusion-limited'
  | 'solvent-diffusion-limited'
  | 'ec-reaction-limited'

export interface SeiState {
  /** SEI thickness L_sei, m. */
  thickness_m: number
  /** Interfacial potential difference Δφ (vs Li), V; Δφ − U_sei is η_inner. */
  deltaPhi_V: number
  temperature_K: number
}

/**
 * SEI reaction current density j_sei, A/m² (negative = Li consumed), PyBaMM `sei_growth.py`
 * (physics.md §7.1 [V]), multiplied by the Arrhenius factor exp(E/R (1/T_ref − 1/T)).
 * η_SEI = Δφ − U_sei (film drop neglected).
 */
export function seiCurrentDensity_A_m2(law: SeiGrowthLaw, state: SeiState, p: typeof PYBAMM_SEI = PYBAMM_SEI): number {
  const T = state.temperature_K
  const Vt = thermalVoltage_V(T)
  const L = state.thickness_m
  const eta = state.deltaPhi_V - p.ocp_V
  const F = FARADAY_C_PER_MOL
  let j: number
  switch (law) {
    case 'reaction-limited':
      j = -p.j0_A_m2 * Math.exp((-p.alpha * eta) / Vt)
      break
    case 'electron-migration-limited':
      j = (p.innerElectronConductivity_S_m * eta) / L
      break
    case 'interstitial-diffusion-limited':
      j = -((F * p.interstitialDiffusivity_m2_s * p.interstitialConcentration_molm3) / L) * Math.exp(-state.deltaPhi_V / Vt)
      break
    case 'solvent-diffusion-limited':
      j = (-F * p.solventDiffusivity_m2_s * p.solventConcentration_molm3) / L
      break
    case 'ec-reaction-limited': {
      const e = Math.exp((-p.alpha * eta) / Vt)
      j = (-F * p.ecConcentration_molm3 * p.kineticRate_m_s * e) / (1 + (L * p.kineticRate_m_s * e) / p.ecDiffusivity_m2_s)
      break
    }
  }
  return j * arrhenius(p.activation_J_mol, T)
}

/**
 * SEI thickness under the solvent-diffusion-limited law (physics.md §7.1):
 * L² = L0² + 2 k V̄ D_sol c_sol t A(T) / z, m. `scale` is the Li-metal factor k_Li ≫ 1 [E]
 * (1 reproduces the graphite-calibrated PyBaMM law: 5.0 → 5.5 nm in one day).
 */
export function seiThicknessSolventDiffusion_m(time_s: number, temperature_K: number, scale = 1, initial_m: number = PYBAMM_SEI.initialThickness_m): number {
  const p = PYBAMM_SEI
  const k = (2 * scale * p.partialMolarVolume_m3_mol * p.solventDiffusivity_m2_s * p.solventConcentration_molm3 * arrhenius(p.activation_J_mol, temperature_K)) / p.liPerSei
  return Math.sqrt(initial_m * initial_m + k * time_s)
}

/** Li consumed per m² of SEI area to grow it by Δ, mol/m²: z Δ/V̄ (physics.md §7.1). */
export function seiLithium_mol_m2(thicknessIncrease_m: number): number {
  return (PYBAMM_SEI.liPerSei * thicknessIncrease_m) / PYBAMM_SEI.partialMolarVolume_m3_mol
}

/**
 * Li-metal exchange current density, A/m² (Xu2019 via PyBaMM, physics.md §7.1 [V]):
 * j0 = 3.5e-8 · F · c_Li^0.7 · c_e^0.3 with c_Li = 1/V_m; 70.6 A/m² at 1 M [C].
 * Temperature: interfacial-kinetics Arrhenius ([E], §8.3).
 */
export function liMetalExchangeCurrent_A_m2(ce_molm3: number, temperature_K = 298.15): number {
  const cLi = 1 / LI_MOLAR_VOLUME_M3_PER_MOL
  return 3.5e-8 * FARADAY_C_PER_MOL * Math.pow(cLi, 0.7) * Math.pow(Math.max(ce_molm3, 0), 0.3) * arrhenius(CAL.interfacialKineticsActivation_J_mol.value, temperature_K)
}

/** Small-signal charge-transfer resistance R_ct = RT/(F j0), Ω·m² (physics.md §9.6 CP9.3). */
export function chargeTransferResistance_ohm_m2(j0_A_m2: number, temperature_K: number): number {
  return thermalVoltage_V(temperature_K) / j0_A_m2
}

// ---------------------------------------------------------------------------
// §7.2 SEI quality index S ∈ [0, 0.95]
// ---------------------------------------------------------------------------

/** Base S by electrolyte (physics.md §7.2 [E]). */
export const SEI_BASE_INDEX: Readonly<Partial<Record<ElectrolyteId, number>>> = {
  LiPF6_EC_DMC_1_1: 0.25,
  LiPF6_EC_EMC_3_7: 0.25,
  LiPF6_EC_DEC_1_1: 0.25,
  LiPF6_PC_EC_DMC: 0.25,
  LiPF6_PC: 0.1,
  // FEC as a co-solvent: carbonate base + the FEC increment.
  LiPF6_EMC_FEC_19_1: 0.45,
  LiTFSI_DOL_DME: 0.45,
  LiFSI_DME: 0.5,
  LiFSI_DME_HCE: 0.8,
  LHCE_LiFSI_DME_BTFE: 0.85,
  LiFSI_F5DEE: 0.9,
  DualSalt_LiDFOB_LiBF4_FEC_DEC: 0.8,
  // Not in the §7.2 table: TFSI-derived LiF-containing SEI on Li under PEO [E].
  PEO_LiTFSI: 0.5,
}

/** Additive increments ΔS at the reference amount (physics.md §7.2 [E]); scaled by min(1, amount/ref). */
export const ADDITIVE_EFFECTS: Readonly<Record<AdditiveId, { deltaS: number; reference_wtPct: number; mechanism: string }>> = {
  FEC: { deltaS: 0.2, reference_wtPct: 5, mechanism: 'LiF-rich, nano-LiF SEI (Brown 2018 [V])' },
  LiNO3: { deltaS: 0.3, reference_wtPct: 1, mechanism: 'Li3N/LiNxOy SEI (Aurbach 2009 [L])' },
  LiDFOB: { deltaS: 0.1, reference_wtPct: 1, mechanism: 'B–O/LiF inorganic SEI [L]' },
  LiPO2F2: { deltaS: 0.1, reference_wtPct: 1, mechanism: 'LiF/Li3PO4 [L]' },
  VC: { deltaS: 0.05, reference_wtPct: 1, mechanism: 'polymeric SEI [L]' },
  CsPF6: { deltaS: 0.05, reference_wtPct: 1.16, mechanism: 'self-healing electrostatic shield (Ding 2013 [L])' },
}

export interface SeiIndex {
  /** SEI quality index S (0–0.95). */
  S: number
  /** CsPF6 electrostatic tip shield active (Ding 2013). */
  tipShield: boolean
  /** Anion-derived (aggregate) solvation: HCE/LHCE (and F5DEE [E]), the §10.3 z-term. */
  anionDerivedSolvation: boolean
  /** Human-readable contributions, e.g. "base LiPF6_EC_DMC_1_1 0.25", "+FEC 0.20". */
  contributions: string[]
  warnings: string[]
}

const CARBONATE_FAMILIES: readonly ElectrolyteFamily[] = ['carbonate', 'PC', 'dualSalt']

/**
 * SEI quality index S from electrolyte and additives (physics.md §7.2; weights [E]; capped at 0.95).
 * LiFSI in DME at ≥ 3 M counts as an HCE.
 */
export function seiQualityIndex(id: ElectrolyteId, family: ElectrolyteFamily, concentration_M: number, additives: readonly ResolvedAdditive[]): SeiIndex {
  const warnings: string[] = []
  let base = SEI_BASE_INDEX[id] ?? 0.5
  // Anion-derived (aggregate) solvation: HCE, LHCE and the F5DEE-type weakly solvating ether [E].
  let hce = family === 'HCE' || family === 'LHCE' || family === 'fluorinatedEther'
  if (id === 'LiFSI_DME' && concentration_M >= 3) {
    base = SEI_BASE_INDEX.LiFSI_DME_HCE ?? 0.8
    hce = true
  }
  const contributions = [`base ${id} ${base.toFixed(2)}`]
  let S = base
  let tipShield = false
  const carbonate = CARBONATE_FAMILIES.includes(family)
  for (const a of additives) {
    const eff = ADDITIVE_EFFECTS[a.id]
    let dS = eff.deltaS * Math.min(1, a.amount_wtPct / eff.reference_wtPct)
    if (a.id === 'FEC' && !carbonate) dS *= CAL.fecInNonCarbonateFactor.value
    if (a.id === 'LiNO3' && carbonate) {
      dS *= CAL.lino3InCarbonateFactor.value
      warnings.push('additive_limited: LiNO3 is poorly soluble in carbonates; its SEI benefit is reduced [E]')
    }
    if (a.id === 'CsPF6' && a.amount_wtPct >= 0.2 * eff.reference_wtPct) tipShield = true
    S += dS
    contributions.push(`+${a.id} ${dS.toFixed(2)}`)
  }
  if (S > 0.95) {
    S = 0.95
    contributions.push('capped at 0.95')
  }
  return { S, tipShield, anionDerivedSolvation: hce, contributions, warnings }
}

/**
 * Li content of freshly formed SEI Γ_SEI, mol/m² (physics.md §6.3 [E]): log-linear in S
 * through 1.5e-3 (S = 0.25, LiF-poor carbonate) and 0.5e-3 (S = 0.8, LiF/Li3N-rich).
 */
export function seiLithiumContent_mol_m2(S: number): number {
  const lo = CAL.seiGammaCarbonate_mol_m2.value
  const hi = CAL.seiGammaInorganic_mol_m2.value
  const x = (S - 0.25) / (0.8 - 0.25)
  return lo * Math.pow(hi / lo, x)
}
