/**
 * The simulator entry point (physics.md §10.2 pipeline): properties → transport → Chazalviel →
 * nucleation → SEI → morphology → mechanics (pressure / solid electrolyte) → per-cycle loop →
 * short risk → rule-engine facts; optionally the 1D solver (§9.5) and the lattice kernel (§9.3).
 *
 * @module
 */
import { CAL, interpolateKnots } from './calibration.ts'
import { anionMobility, dendriticDepositDensity, tipVelocity, tipVelocityIdeal, transitTime_s } from './chazalviel.ts'
import { resolveConfig, type Assumption, type ResolvedConfig } from './config.ts'
import {
  A_M2_PER_MA_CM2,
  C_M2_PER_MAH_CM2,
  DENSE_LI_M_PER_C_M2,
  KELVIN_OFFSET,
  MOLM3_PER_M,
  OHM_M2_PER_OHM_CM2,
  arrhenius,
  clamp,
  thermalVoltage_V,
} from './constants.ts'
import { runCycles, type CyclingResult } from './cycling.ts'
import { electrolyteProperties, transportPropertyFunctions, type PropertyEvaluation, type SolidElectrolyteId } from './electrolyte.ts'
import { deriveFacts, type Fact } from './facts.ts'
import { growLattice, type LatticeResult } from './lattice.ts'
import {
  CLASS_CENTRES,
  classifyCompactness,
  classifySolid,
  compactness,
  compactnessScore,
  depositFeatureSize_um,
  isolationProbability,
  latticeParameters,
  pulseEffectiveness,
  shapeFactor,
  type CompactnessInput,
  type MorphologyClass,
} from './morphology.ts'
import {
  criticalRadius_m,
  elyGarciaRegime,
  nucleationExchangeCurrent_A_m2,
  nucleationOverpotential_V,
  peiScaling,
  sizeTemperatureFactor,
  substrateBarrier,
  type NucleationRegime,
} from './nucleation.ts'
import { MAX_RELATIVE_DENSITY, highPressurePenalty, pressureCompaction, relativeDensity, zeroPressureDensity } from './pressure.ts'
import { PYBAMM_SEI, chargeTransferResistance_ohm_m2, liMetalExchangeCurrent_A_m2, seiLithiumContent_mol_m2, seiQualityIndex } from './sei.ts'
import { liquidShortRisk, solidShortRisk, type ShortRisk } from './short-risk.ts'
import { solveHalfCycle } from './solver1d.ts'
import {
  PEO_SHEAR_MODULUS_GPA,
  SOLID_MATERIALS,
  criticalCurrentDensity_mA_cm2,
  monroeNewman,
  porzCriterion,
  porzCurrentDensity_mA_cm2,
  solidConductivity_S_cm,
  voidCurrentDensity_mA_cm2,
} from './solid.ts'
import { depletionTime, porousSandFactor, sandTime_s, tortuosityScaledProps, transportRegime, type TransportRegime } from './transport.ts'

export type SimulationMode = 'fast' | 'detailed'
export type SeriesKind = 'voltage' | 'concentration' | 'height' | 'ce' | 'lattice'

export interface SimulateOptions {
  /** 'fast' (default): closed forms + per-cycle loop. 'detailed': also the 1D solver and the 200×200 lattice kernel. */
  mode?: SimulationMode
  /** Seed of the lattice kernel (default 1). */
  seed?: number
  /** Time series to return. 'voltage'/'concentration' run the 1D solver and 'lattice' the kernel in any mode. */
  series?: readonly SeriesKind[]
}

/** A reported quantity: value in `unit`, with the model/correlation and source it came from. */
export interface Quantity {
  value: number
  unit: string
  provenance: string
}

/** The lattice kernel's metrics (src/sim/lattice.ts) and the parameters they were grown with. */
export type LatticeMetrics = Pick<LatticeResult, 'porosity' | 'fractalDimension' | 'roughness' | 'tipRatio' | 'maxHeight' | 'meanHeight' | 'isolatedClusters' | 'truncated'> & {
  parameters: { width: number; height: number; particles: number; stickingProbability: number; drift: number; relaxHops: number; tipShield: boolean; seed: number; featureSize_um: number }
}

export interface MorphologyResult {
  class: MorphologyClass
  /** Compactness K (liquids/polymers; null for inorganic solids). */
  compactness: number | null
  /** Classifier score z (liquids/polymers). */
  score: number | null
  relativeDensity: number
  porosity: number
  featureSize_um: number
  nucleationRegime: NucleationRegime
  lithiophilic: boolean
  lattice?: LatticeMetrics
}

export interface SimulationSeries {
  voltage?: { time_s: number[]; voltage_V: number[]; surfaceConcentration_M: number[] }
  concentration?: { x_um: number[]; c_M: number[] }
  height?: { cycle: number[]; height_um: number[] }
  ce?: { cycle: number[]; ce_pct: number[]; seiLoss_pct: number[]; deadLoss_pct: number[] }
}

/**
 * Simulation result.
 *
 * Convention for quantities that do not apply (e.g. `sandTime` for a solid electrolyte, or
 * `depletionTime` when J ≤ J_lim): they are **omitted** from `quantities` and listed in
 * `notApplicable` with the reason. No value is ever Infinity or NaN.
 */
export interface SimulationResult {
  mode: SimulationMode
  config: ResolvedConfig
  quantities: Record<string, Quantity>
  notApplicable: Record<string, string>
  regime: TransportRegime
  morphology: MorphologyResult
  shortRisk: ShortRisk
  facts: Fact[]
  warnings: string[]
  assumptions: Assumption[]
  series?: SimulationSeries
  lattice?: { width: number; height: number; rows: string[] }
}

class Out {
  readonly quantities: Record<string, Quantity> = {}
  readonly notApplicable: Record<string, string> = {}
  readonly warnings: string[] = []
  set(name: string, value: number, unit: string, provenance: string): void {
    if (Number.isFinite(value)) this.quantities[name] = { value, unit, provenance }
    else this.notApplicable[name] = `not finite (${String(value)}); ${provenance}`
  }
  na(name: string, reason: string): void {
    this.notApplicable[name] = reason
  }
}

const LATTICE_SIZE = 200

/**
 * Run the simulator on a cell configuration.
 *
 * Fast mode: closed forms of physics.md §1–§8 and a per-cycle loop (default 100 cycles).
 * Detailed mode additionally runs the 1D concentrated-solution solver for the first plating
 * half-cycle (§9.5) and the seeded lattice kernel on a 200×200 grid (§9.3).
 *
 * Units: inputs as in {@link CellConfigSchema}; every output quantity states its unit.
 *
 * @throws SimInputError for invalid input (typed, with the offending field)
 */
export function simulate(input: unknown, options: SimulateOptions = {}): SimulationResult {
  const { config, assumptions, warnings: inputWarnings } = resolveConfig(input)
  const mode = options.mode ?? 'fast'
  const out = new Out()
  out.warnings.push(...inputWarnings)
  if (assumptions.length > 0) out.warnings.push(`assumed_defaults: ${assumptions.map((a) => a.field).join(', ')} (see assumptions)`)
  const pressure = assumptions.find((a) => a.field === '/stackPressure_kPa')
  if (pressure) out.warnings.push(`assumed_pressure: stack pressure unknown, ${pressure.value} kPa assumed (coin-cell spring, physics.md §8.1)`)
  const core = config.electrolyte.kind === 'solid' ? runSolid(config, out, options, mode) : runLiquid(config, out, options, mode)
  const result: SimulationResult = {
    mode,
    config,
    quantities: out.quantities,
    notApplicable: out.notApplicable,
    regime: core.regime,
    morphology: core.morphology,
    shortRisk: core.shortRisk,
    facts: core.facts,
    warnings: out.warnings,
    assumptions,
  }
  if (core.series) result.series = core.series
  if (core.lattice) result.lattice = core.lattice
  return result
}

interface CoreResult {
  regime: TransportRegime
  morphology: MorphologyResult
  shortRisk: ShortRisk
  facts: Fact[]
  series?: SimulationSeries
  lattice?: { width: number; height: number; rows: string[] }
}

const pct = (x: number): number => x * 100
const um = (m: number): number => m * 1e6

/** Steady fixed loss Q_fix(S), C/m² [E]: log-linear between the calibration knots. */
function fixedLoss_C_m2(S: number): number {
  return interpolateKnots(CAL.fixedLossKnots.value, S, { log: true, extrapolate: true }) * C_M2_PER_MAH_CM2
}

function reportCycling(out: Out, cyc: CyclingResult, cfg: ResolvedConfig, provenanceCE: string): void {
  if (cyc.cyclesRun === 0) {
    for (const n of ['coulombicEfficiency', 'coulombicEfficiencyFirstCycle', 'coulombicEfficiencyLastCycle', 'coulombicEfficiencyMax', 'seiLossFraction', 'deadLiFraction', 'cyclesTo80', 'cyclesToFailure']) {
      out.na(n, 'the cell shorts during the first plating half-cycle (J > CCD_eff)')
    }
    return
  }
  const runs = `${cyc.cyclesRun} cycle${cyc.cyclesRun === 1 ? '' : 's'}`
  out.set('coulombicEfficiency', pct(cyc.meanCE), '%', `charge-weighted mean over ${runs}; ${provenanceCE}`)
  out.set('coulombicEfficiencyFirstCycle', pct(cyc.firstCE), '%', `cycle 1 (includes the first-contact SEI on the collector [E]); ${provenanceCE}`)
  out.set('coulombicEfficiencyLastCycle', pct(cyc.lastCE), '%', `cycle ${cyc.cyclesRun}; ${provenanceCE}`)
  out.set('coulombicEfficiencyMax', pct(cyc.maxCE), '%', `maximum per-cycle CE over ${runs}; ${provenanceCE}`)
  out.set('seiLossFraction', pct(cyc.meanSeiLoss), '%', `mean f_SEI per cycle = k_s Γ_SEI V_m/d_dep (1 + r_reform) + calendar SEI — physics.md §6.2 [E]`)
  out.set('deadLiFraction', pct(cyc.meanDeadLoss), '%', `mean f_dead per cycle = p_iso + Q_fix/Q — physics.md §6.2 [E]; Fang 2019 [V]`)
  out.set('deadLiCapacity', cyc.deadLi_C_m2 / C_M2_PER_MAH_CM2, 'mAh/cm2', `Σ Q_n f_dead,n over ${runs} — physics.md §6.2`)
  out.set('deadLiThickness', um(cyc.deadLiThickness_m), 'um', `Q_dead V_m/(F ρ_dead), ρ_dead = ${CAL.deadLiRelativeDensity.value} [E] — physics.md §6.2`)
  out.set('liInventory', cyc.inventory_C_m2 / C_M2_PER_MAH_CM2, 'mAh/cm2', `Li remaining after ${runs} (Q + excess − losses) — physics.md §6.2`)
  out.set('capacityRetention', pct(cyc.retention), '%', `Q_n/Q in the last cycle (${cfg.cellType}) — physics.md §6.2`)
  out.set('cyclesTo80', cyc.cyclesTo80, 'cycles', cyc.cyclesTo80Method === 'anode-free equivalent' ? 'anode-free equivalent n80 = ln 0.8 / ln CE — physics.md §6.2 [C]' : `${cyc.cyclesTo80Method}: capacity retention ≥ 80 % — physics.md §6.2`)
  out.set('cyclesToFailure', cyc.cyclesToFailure, 'cycles', cfg.cellType === 'anode-free' ? 'anode-free: 80 % retention — physics.md §6.2' : `${cyc.cyclesToFailureMethod}: Li excess exhausted, n_fail ≈ Q_ex/(Q (1 − CE)) — physics.md §6.2 (Xiao 2020)`)
  if (cfg.electrolyte.kind === 'solid') {
    out.set('interphaseThickness', cyc.interphaseThickness_m * 1e9, 'nm', 'Li|SE interphase under a scaled √t law over the test time [E] (PyBaMM solvent-diffusion form, physics.md §7.1)')
  } else {
    out.set('seiThickness', cyc.seiThickness_m * 1e9, 'nm', `solvent-diffusion law L² = L0² + 2 k_Li V̄ D_sol c_sol t/z over the test time, k_Li = ${CAL.seiCalendarScale.value} [E] — PyBaMM [V], physics.md §7.1`)
  }
}

function ceSeries(cyc: CyclingResult, kinds: ReadonlySet<SeriesKind>, series: SimulationSeries): void {
  const s = cyc.series
  if (!s) return
  const cycle = s.ce.map((_, i) => i + 1)
  if (kinds.has('ce')) series.ce = { cycle, ce_pct: s.ce.map(pct), seiLoss_pct: s.seiLoss.map(pct), deadLoss_pct: s.deadLoss.map(pct) }
  if (kinds.has('height')) series.height = { cycle, height_um: s.height_m.map(um) }
}

// ---------------------------------------------------------------------------
// Liquids and polymers
// ---------------------------------------------------------------------------

function runLiquid(cfg: ResolvedConfig, out: Out, options: SimulateOptions, mode: SimulationMode): CoreResult {
  const kinds = new Set(options.series ?? [])
  const el = cfg.electrolyte
  const T = cfg.temperature_C + KELVIN_OFFSET
  const c0_M = el.concentration_M
  const c0 = c0_M * MOLM3_PER_M
  const props: PropertyEvaluation = electrolyteProperties(el.id, el.correlation ?? undefined, c0_M, T)
  out.warnings.push(...props.warnings)
  const J = cfg.currentDensity_mA_cm2 * A_M2_PER_MA_CM2
  const Js = cfg.strippingCurrentDensity_mA_cm2 * A_M2_PER_MA_CM2
  const Q = cfg.capacity_mAh_cm2 * C_M2_PER_MAH_CM2
  const P = cfg.stackPressure_kPa
  const sep = cfg.separator
  const layer = { length_m: sep.thickness_um * 1e-6, porosity: sep.porosity, tortuosity: sep.tortuosity }

  out.set('ionicConductivity', props.kappa_S_m * 10, 'mS/cm', props.source)
  out.set('saltDiffusivity', props.D_m2_s, 'm2/s', props.source)
  out.set('transferenceNumber', props.tPlus, '1', `${props.source}; clamped to [0.05, 0.95] for Sand/Chazalviel use`)
  out.set('thermodynamicFactor', props.tdf, '1', props.source)

  // --- pulses (Aryanfar 2014): concentration follows the mean current when pulses are short vs t_Sand.
  const g = pulseEffectiveness(cfg.protocol)
  const duty = cfg.protocol ? cfg.protocol.tOn_ms / (cfg.protocol.tOn_ms + cfg.protocol.tOff_ms) : 1
  const peakSand_s = sandTime_s(props.D_m2_s, c0, J, props.tPlus) * porousSandFactor(layer.porosity, layer.tortuosity)
  const Jt = cfg.protocol && cfg.protocol.tOn_ms / 1000 < peakSand_s ? J * duty : J
  const Javg = J * duty
  const halfCycle_s = Q / Javg
  if (cfg.protocol) out.warnings.push(`calibration_used: pulse effectiveness g = ${g.toFixed(2)} from τ_p = ${CAL.pulseTimeScale_ms.value} ms [E] (Aryanfar 2014)`)

  // --- S1 transport (§1) ---
  const dep = depletionTime({ D_m2_s: props.D_m2_s, kappa_S_m: props.kappa_S_m, tPlus: props.tPlus, tdf: props.tdf, c0_molm3: c0, current_A_m2: Jt, layer, temperature_K: T })
  const Jlim = dep.limitingCurrent_A_m2
  const ratio = Jt / Jlim
  const regime = transportRegime(ratio, halfCycle_s, dep.time_s)
  const layerNote = sep.type === 'capillary' || sep.porosity === 1 ? 'free electrolyte' : `${sep.type} ${sep.thickness_um} µm, ε = ${sep.porosity}, τ = ${sep.tortuosity.toFixed(3)}`
  out.set('limitingCurrentDensity', Jlim / A_M2_PER_MA_CM2, 'mA/cm2', `J_lim = 2 c0 F D ε/(τ t_a L) (${layerNote}) — physics.md §1.2 [C]; properties: ${props.correlation}`)
  out.set('currentRatioLimiting', ratio, '1', 'J/J_lim — physics.md §1.5')
  out.set('sandTime', dep.sandTimePorous_s, 's', `t_Sand = π D (c0 F)²/(4 (J t_a)²) × ε²/τ (${layerNote}) — Bai 2016, physics.md §1.2 [C]`)
  const CSand = Jt * dep.sandTimePorous_s
  out.set('sandCapacity', CSand / C_M2_PER_MAH_CM2, 'mAh/cm2', 'C_Sand = J · t_Sand (porous-corrected) — Bai 2016, physics.md §1.2 [C]')
  out.set('capacityRatioSand', Q / CSand, '1', 'Q/C_Sand — physics.md §1.5')
  if (dep.time_s !== null) {
    out.set('depletionTime', dep.time_s, 's', dep.method === 'semi-infinite' ? 't_dep = t_Sand,porous (diffusion layer 4√(D t/τ) < L) — physics.md §1.2 finite-cell rule' : 't_dep from the 1D finite-volume solver (constant c0 properties) — physics.md §1.2 finite-cell rule, §9.5')
  } else {
    out.na('depletionTime', `J ≤ J_lim (${(ratio * 100).toFixed(1)} % of J_lim): the surface never depletes (physics.md §1.2)`)
  }

  // --- Chazalviel (§3) ---
  const vIn = { current_A_m2: Jt, c0_molm3: c0, kappa_S_m: props.kappa_S_m, D_m2_s: props.D_m2_s, tPlus: props.tPlus, temperature_K: T }
  const v = tipVelocity(vIn)
  const phiDep = dendriticDepositDensity(Jt, tipVelocityIdeal(Jt, c0, props.tPlus))
  const tauG = CAL.chazalvielGeometricTortuosity.value === 'tau' ? sep.tortuosity : Math.sqrt(sep.tortuosity)
  const transit = transitTime_s(layer.length_m, layer.porosity, tauG, v) * (1 + CAL.pulseTransitGain.value * g)
  out.set('tipVelocity', um(v), 'um/s', `max(t_a J/(F c0), μ_a J/κ), μ_a = ${anionMobility(props.D_m2_s, props.tPlus, T).toExponential(3)} m²/(V s); realized only after t_dep — Chazalviel 1990, physics.md §3.2 [C]`)
  out.set('dendriticDepositDensity', phiDep, '1', 'φ_dep = c0 V_m/t_a (volume fraction of a tip-growing front) — Chazalviel 1990, physics.md §3.2 [C]')
  let tShortChaz: number | null = null
  if (dep.time_s !== null) {
    tShortChaz = dep.time_s + transit
    out.set('chazalvielTransitTime', transit, 's', `t_transit = τ_g L ε / v_tip, τ_g = ${CAL.chazalvielGeometricTortuosity.value} [E]${g > 0 ? ', pulse-lengthened [E]' : ''} — physics.md §3.2`)
    out.set('chazalvielShortTime', tShortChaz, 's', 't_dep + t_transit under continuous plating — Chazalviel 1990, physics.md §3.2')
  } else {
    out.na('chazalvielShortTime', 'J ≤ J_lim: no Chazalviel short (physics.md §3.2)')
  }

  // --- S2 nucleation (§4) ---
  const { sub, etaN, pei, nucRegime } = nucleationStage(cfg, J, T, out)

  // --- interfacial kinetics ---
  const j0 = liMetalExchangeCurrent_A_m2(c0, T)
  out.set('exchangeCurrentDensity', j0 / A_M2_PER_MA_CM2, 'mA/cm2', 'j0 = 3.5e-8 F c_Li^0.7 c_e^0.3 (Xu2019 via PyBaMM [V]) × Arrhenius [E] — physics.md §7.1')
  out.set('chargeTransferResistance', chargeTransferResistance_ohm_m2(j0, T) / OHM_M2_PER_OHM_CM2, 'Ohm.cm2', 'R_ct = RT/(F j0) per electrode — physics.md §9.6 [C]')

  // --- S3 SEI (§7) ---
  const sei = seiQualityIndex(el.id, el.family, c0_M, el.additives)
  out.warnings.push(...sei.warnings)
  out.set('seiQualityIndex', sei.S, '1', `S = ${sei.contributions.join(', ')} — physics.md §7.2 [E]`)
  const gamma = seiLithiumContent_mol_m2(sei.S) * arrhenius(CAL.seiGammaActivation_J_mol.value, T)

  // --- S4 morphology (§10.3) and S5 pressure (§8.1) ---
  const rhoP = pressureCompaction(P, sei.S)
  const zIn: CompactnessInput = {
    S: sei.S,
    pressureCompaction: rhoP,
    nucleusDiameter_um: pei.diameter_um,
    temperature_K: T,
    lithiophilic: sub.lithiophilic,
    current_mA_cm2: cfg.currentDensity_mA_cm2,
    anionDerivedSolvation: sei.anionDerivedSolvation,
    tipShield: sei.tipShield,
    pulseEffectiveness: g,
  }
  const z = compactnessScore(zIn)
  const K = compactness(z)
  const K0 = compactness(compactnessScore({ ...zIn, pressureCompaction: 0 }))
  const rho0 = zeroPressureDensity(K0)
  const rhoCompact = relativeDensity(P, sei.S, rho0)
  const tipGrowth = regime === 'transport-limited' && dep.time_s !== null
  const fracDendritic = tipGrowth && dep.time_s !== null ? clamp(1 - (Jt * dep.time_s) / Q, 0, 1) : 0
  const cls: MorphologyClass = tipGrowth ? 'dendritic' : classifyCompactness(K)
  const rhoRel = 1 / ((1 - fracDendritic) / rhoCompact + fracDendritic / phiDep)
  const fT = sizeTemperatureFactor(T)
  const dDep = depositFeatureSize_um(K, cfg.currentDensity_mA_cm2, fT)
  const dDendrite = depositFeatureSize_um(CLASS_CENTRES.whisker, cfg.currentDensity_mA_cm2, fT)
  const openFraction = (1 - rhoCompact) / (1 - rho0)
  const liquid = el.kind === 'liquid'
  // Pressing closes the deposit: the open (electrolyte-accessible) fraction scales both the SEI-forming
  // area and the isolation probability (physics.md §8.1: p_iso × (1 − ρ_rel)/(1 − ρ0); exponent and floor [E]).
  const access = Math.max(Math.pow(openFraction, CAL.seiAccessibilityExponent.value), CAL.seiAccessibilityFloor.value)
  const isoFactor =
    Math.pow(cfg.currentDensity_mA_cm2, CAL.isolationCurrentExponent.value) *
    Math.pow((1 - sei.S) / 0.75, CAL.isolationSeiExponent.value) *
    access *
    (liquid ? highPressurePenalty(P) : 1)
  const pIsoCompact = Math.min(isolationProbability(K) * isoFactor, 0.5)
  const pIso = (1 - fracDendritic) * pIsoCompact + fracDendritic * CAL.dendriticIsolation.value
  const spv = ((1 - fracDendritic) * shapeFactor(K) * access) / (dDep * 1e-6) + (fracDendritic * 4) / (dDendrite * 1e-6)
  if (cls === 'dendritic') out.warnings.push('transport_limited: Sand capacity exceeded — tip-growing (dendritic) Li after t_dep (Bai 2016)')
  if (ratio > 0.75 && ratio <= 1) out.warnings.push('near_limiting: J/J_lim > 0.75 (Monroe & Newman 2003)')
  if (liquid && P > 1400) out.warnings.push('excess_pressure_liquid: P > 1.4 MPa shortens cycle life (RSC Adv. 2020)')
  out.warnings.push('calibration_used: morphology classifier weights, deposit-size / isolation anchors and CE loss knobs are [E] (calibration.ts)')

  out.set('compactness', K, '1', `K = 1/(1 + e^−z), z = ${z.toFixed(3)} — physics.md §10.3 [E] weights`)
  out.set('depositFeatureSize', dDep, 'um', 'd_dep: class anchors 0.3/1/5/15 µm interpolated in K, × J^−0.5 × f_T — physics.md §6.3 [E]')
  out.set('depositRelativeDensity', rhoRel, '1', `ρ_rel(P) = ρ0 + (ρmax − ρ0)(1 − e^{−P/P_c}), ρ0 = ${rho0.toFixed(3)}${fracDendritic > 0 ? `, ${(fracDendritic * 100).toFixed(0)} % tip-grown at φ_dep` : ''} — physics.md §8.1 [E] (Fang 2021 [V])`)
  out.set('depositPorosity', 1 - rhoRel, '1', '1 − ρ_rel — physics.md §8.1')
  out.set('depositThickness', um((Q * DENSE_LI_M_PER_C_M2) / rhoRel), 'um', 'h = Q V_m/(F ρ_rel) per half-cycle — physics.md §8.1')

  // --- S6 cycling loop (§6.2) ---
  const substrateIsCollector = platesOnCollector(cfg)
  const cyc = runCycles({
    ...commonCyclingInput(cfg, Q, kinds),
    platingCurrent_A_m2: Javg,
    strippingCurrent_A_m2: Js,
    temperature_K: T,
    surfacePerVolume_m: spv,
    seiLithium_mol_m2: gamma,
    reformFactor: 1 + CAL.seiReformation.value,
    isolation: pIso,
    fixedLoss_C_m2: fixedLoss_C_m2(sei.S),
    firstCycleLoss_C_m2: substrateIsCollector ? CAL.firstCycleLoss_mAh_cm2.value * C_M2_PER_MAH_CM2 * (gamma / CAL.seiGammaCarbonate_mol_m2.value) : 0,
    calendarScale: CAL.seiCalendarScale.value,
    interfaceScale: 0,
    transport: { c0_molm3: c0, D_m2_s: props.D_m2_s, tPlus: props.tPlus, kappa_S_m: props.kappa_S_m, separatorLength_m: (layer.length_m * layer.tortuosity) / layer.porosity },
    solid: null,
  })
  reportCycling(out, cyc, cfg, 'CE_n = 1 − f_SEI − f_dead — physics.md §6.2 [E] calibrated on CP6.1–CP6.7')
  out.set('deadLiResistance', cyc.deadLiResistance_ohm_m2 / OHM_M2_PER_OHM_CM2, 'Ohm.cm2', 'R_dead = h_dead/(κ ε_dead^1.5) — physics.md §9.5 (Chen 2017)')
  if (cyc.transportBlockedCycle !== null) {
    out.warnings.push(`dead_li_transport_limit: from cycle ${cyc.transportBlockedCycle} the dead-Li layer lowers J_lim below J (Chen 2017)`)
  }

  // --- S8 failure / short (§10.4) ---
  const tPlate1 = halfCycle_s
  const shortCandidates: { t: number; why: string }[] = []
  if (tShortChaz !== null && tShortChaz <= halfCycle_s) shortCandidates.push({ t: tShortChaz, why: 'Chazalviel tip growth through the separator in the first plating (t_dep + t_transit) — physics.md §3.2' })
  if (cyc.transportBlockedCycle !== null) {
    shortCandidates.push({ t: (cyc.transportBlockedCycle - 1) * cyc.cycleTime_s + tPlate1 + transit, why: `dead-Li layer pushes J above J_lim in cycle ${cyc.transportBlockedCycle}, then tip growth (t_transit) — Chen 2017; physics.md §3.2, §9.5` })
  }
  let tShort: number | null = null
  const firstShort = shortCandidates.sort((a, b) => a.t - b.t)[0]
  if (firstShort) {
    tShort = firstShort.t
    out.set('timeToShort', tShort, 's', firstShort.why)
  } else {
    out.na('timeToShort', tShortChaz !== null ? `Chazalviel short (${tShortChaz.toFixed(0)} s) would need a longer plating than the half-cycle (${halfCycle_s.toFixed(0)} s)` : `no short mechanism active within ${cfg.cycles} cycles (J ≤ J_lim; dead Li does not block transport)`)
  }
  const risk = liquidShortRisk({
    currentRatio: ratio,
    sandRatio: dep.time_s !== null ? Q / (Jt * dep.time_s) : null,
    morphologyClass: cls,
    deadLiThickness_m: cyc.deadLiThickness_m,
    depositThickness_m: (Q * DENSE_LI_M_PER_C_M2) / rhoRel,
    separatorThickness_m: layer.length_m,
    poreSize_nm: sep.poreSize_nm,
    stackPressure_kPa: P,
  })
  out.set('shortRiskScore', risk.score, '1', `1 − Π(1 − r_i), dominant: ${risk.mechanism} — physics.md §10.4 [E]`)

  let mn: number | null = null
  if (el.kind === 'polymer') {
    mn = monroeNewman(PEO_SHEAR_MODULUS_GPA).ratio
    out.set('monroeNewmanRatio', mn, '1', 'G_SE/G_Li with G(PEO–LiTFSI) ≈ 1e-3 GPa [L] — Monroe & Newman 2005 (reported, not a gate)')
  }

  const morphology: MorphologyResult = {
    class: cls,
    compactness: K,
    score: z,
    relativeDensity: rhoRel,
    porosity: 1 - rhoRel,
    featureSize_um: dDep,
    nucleationRegime: nucRegime,
    lithiophilic: sub.lithiophilic,
  }

  // --- detailed: 1D solver (§9.5) and lattice (§9.3) ---
  const series: SimulationSeries = {}
  let latticeSnapshot: CoreResult['lattice']
  const wantSolver = mode === 'detailed' || kinds.has('voltage') || kinds.has('concentration')
  if (wantSolver) {
    const scaled = tortuosityScaledProps(transportPropertyFunctions(el.id, el.correlation ?? undefined, T), layer.tortuosity)
    const r = solveHalfCycle({
      props: scaled.props,
      c0_molm3: c0,
      length_m: layer.length_m,
      porosity: layer.porosity,
      bruggeman: scaled.bruggeman,
      current_A_m2: Jt,
      duration_s: halfCycle_s,
      temperature_K: T,
      nodes: 40,
      kinetics: {
        j0_A_m2: j0,
        alpha: 0.5,
        freshAreaFactor: (shapeFactor(K) * access * Q * DENSE_LI_M_PER_C_M2) / (dDep * 1e-6),
        deadFraction: clamp(cyc.meanDeadLoss, 0, 1),
      },
      resistances_ohm_m2: { sei: 2 * PYBAMM_SEI.initialThickness_m * PYBAMM_SEI.resistivity_ohm_m },
      recordEvery_s: halfCycle_s / 100,
    })
    const vLast = r.voltage_V[r.voltage_V.length - 1] ?? 0
    out.set('firstCyclePolarization', Math.abs(vLast) * 1000, 'mV', '|V| at the end of the first plating half-cycle, Li‖Li symmetric 1D concentrated-solution model (c-dependent properties, Xu2019 j0, SEI 2×5 nm × 2e5 Ω·m) — physics.md §9.5')
    let cMin = Number.POSITIVE_INFINITY
    for (const c of r.surfaceConcentration_molm3) if (c < cMin) cMin = c
    out.set('minSurfaceConcentration', cMin / MOLM3_PER_M, 'M', 'minimum plating-side surface concentration in the first half-cycle — 1D solver, physics.md §9.5')
    if (r.depletionTime_s !== null) out.set('depletionTimeNumerical', r.depletionTime_s, 's', '1D solver with c-dependent properties, c_s ≤ 1e-3 c0 — physics.md §9.5')
    else out.na('depletionTimeNumerical', 'no depletion within the first plating half-cycle (1D solver, c-dependent properties)')
    if (r.truncated) out.warnings.push('solver_truncated: the 1D solver hit its step cap')
    if (kinds.has('voltage')) series.voltage = { time_s: r.time_s, voltage_V: r.voltage_V, surfaceConcentration_M: r.surfaceConcentration_molm3.map((c) => c / MOLM3_PER_M) }
    if (kinds.has('concentration')) series.concentration = { x_um: r.profile.x_m.map(um), c_M: r.profile.c_molm3.map((c) => c / MOLM3_PER_M) }
  }
  if (mode === 'detailed' || kinds.has('lattice')) {
    const lp = latticeParameters({
      featureSize_m: dDep * 1e-6,
      D_m2_s: props.D_m2_s / sep.tortuosity,
      j0_A_m2: j0,
      current_A_m2: Jt,
      limitingCurrent_A_m2: Jlim,
      c0_molm3: c0,
      depleted: tipGrowth,
      tipVelocity_m_s: v,
      S: sei.S,
      temperature_K: T,
      tipShield: sei.tipShield,
      pulseEffectiveness: g,
    })
    const seed = options.seed ?? 1
    const particles = CAL.latticeParticles.value
    const lr = growLattice({
      width: LATTICE_SIZE,
      height: LATTICE_SIZE,
      particles,
      stickingProbability: lp.stickingProbability,
      drift: lp.drift,
      relaxHops: lp.relaxHops,
      tipShield: lp.tipShield,
      seed,
      snapshot: kinds.has('lattice'),
    })
    morphology.lattice = {
      porosity: lr.porosity,
      fractalDimension: lr.fractalDimension,
      roughness: lr.roughness,
      tipRatio: lr.tipRatio,
      maxHeight: lr.maxHeight,
      meanHeight: lr.meanHeight,
      isolatedClusters: lr.isolatedClusters,
      truncated: lr.truncated,
      parameters: { width: LATTICE_SIZE, height: LATTICE_SIZE, particles, stickingProbability: lp.stickingProbability, drift: lp.drift, relaxHops: lp.relaxHops, tipShield: lp.tipShield, seed, featureSize_um: dDep },
    }
    const lprov = `2D biased-DLA lattice, ${LATTICE_SIZE}×${LATTICE_SIZE}, p_s = ${lp.stickingProbability.toFixed(3)} (Da = ${lp.damkohler.toExponential(2)}), β = ${lp.drift.toFixed(2)}, n_relax = ${lp.relaxHops}, seed ${seed} — physics.md §9.3 [E] mapping`
    out.set('latticePorosity', lr.porosity, '1', lprov)
    out.set('latticeFractalDimension', lr.fractalDimension, '1', `mass–radius (sandbox) dimension; ${lprov}`)
    out.set('latticeRoughness', lr.roughness, '1', `σ_h/⟨h⟩; ${lprov}`)
    out.set('latticeTipRatio', lr.tipRatio, '1', `h_max/⟨h⟩; ${lprov}`)
    out.set('latticeIsolatedClusters', lr.isolatedClusters, '1', `clusters cut off by a stripping pass (p_iso proxy); ${lprov}`)
    if (lr.truncated) out.warnings.push('lattice_truncated: the lattice kernel hit its step cap')
    if (lr.snapshot) latticeSnapshot = lr.snapshot
  }
  ceSeries(cyc, kinds, series)

  const facts = deriveFacts({
    kind: el.kind,
    currentRatio: ratio,
    sandCapacityExceeded: tipGrowth,
    morphologyClass: cls,
    poreSize_nm: sep.poreSize_nm,
    substrateOverpotential_V: sub.etaSub_V,
    nucleationOverpotential_V: etaN,
    nucleationDensity_cm2: pei.density_cm2,
    S: sei.S,
    relativeDensity: rhoRel,
    stackPressure_kPa: P,
    monroeNewmanRatio: mn,
    ccdRatio: null,
    voidRatio: null,
    electronicLeakage: false,
    ce_pct: cyc.cyclesRun > 0 ? pct(cyc.meanCE) : null,
    seiLoss: cyc.meanSeiLoss,
    deadLoss: cyc.meanDeadLoss,
    shortRiskScore: risk.score,
    timeToShort_s: tShort,
    testDuration_s: cyc.cycleTime_s * cfg.cycles,
    temperature_C: cfg.temperature_C,
    propertyExtrapolated: props.warnings.length > 0,
    regime,
    nucleationRegime: nucRegime,
  })
  const result: CoreResult = { regime, morphology, shortRisk: risk, facts }
  if (Object.keys(series).length > 0) result.series = series
  if (latticeSnapshot) result.lattice = latticeSnapshot
  return result
}

/** Nucleation on the substrate (§4), reported; the same stage for liquid and solid cells. */
function nucleationStage(cfg: ResolvedConfig, J: number, T: number, out: Out) {
  const sub = substrateBarrier(cfg.substrate.metal, cfg.substrate.coating?.type ?? null)
  const j0n = nucleationExchangeCurrent_A_m2(cfg.electrolyte.family, T)
  const etaN = nucleationOverpotential_V(sub.etaSub_V, J, j0n, T)
  const pei = peiScaling(etaN, T)
  const nucRegime = elyGarciaRegime(etaN)
  reportNucleation(out, sub.etaSub_V, etaN, pei, sub.substrateClass)
  return { sub, etaN, pei, nucRegime }
}

/** Li plated on a bare current collector (Li‖Cu, anode-free), not on Li. */
const platesOnCollector = (cfg: ResolvedConfig): boolean => cfg.substrate.metal !== 'Li' && (cfg.cellType === 'Li-Cu' || cfg.cellType === 'anode-free')

/** The cycling inputs that do not depend on the kind of electrolyte. */
const commonCyclingInput = (cfg: ResolvedConfig, Q: number, kinds: ReadonlySet<string>) => ({
  cellType: cfg.cellType,
  cycles: cfg.cycles,
  capacity_C_m2: Q,
  liExcess_C_m2: cfg.liExcess_mAh_cm2 * C_M2_PER_MAH_CM2,
  fixedLossTransient: CAL.fixedLossTransient.value,
  fixedLossStabilization_C_m2: CAL.fixedLossStabilization_mAh_cm2.value * C_M2_PER_MAH_CM2,
  deadLiRelativeDensity: CAL.deadLiRelativeDensity.value,
  series: kinds.has('ce') || kinds.has('height'),
})

function reportNucleation(out: Out, etaSub: number, etaN: number, pei: { diameter_um: number; density_cm2: number }, cls: string): void {
  out.set('substrateOverpotential', etaSub * 1000, 'mV', `η_sub of the ${cls} substrate class (coating-adjusted) — Yan 2016 [L], physics.md §4.3 [E] value`)
  out.set('nucleationOverpotential', etaN * 1000, 'mV', `η_n = η_sub + (2RT/F) asinh(J/(2 j0_n)), j0_n [E] — physics.md §4.2`)
  out.set('nucleationDensity', pei.density_cm2, '1/cm2', 'N = N_ref (η/η_ref)³ / f_T³ (Pei 2017 [V] scaling; N_ref [E]) — physics.md §4.2')
  out.set('nucleusDiameter', pei.diameter_um, 'um', 'd = d_ref (η_ref/η) f_T (Pei 2017 [V] scaling; d_ref [E]) — physics.md §4.2')
  out.set('nucleationCoverage', (pei.density_cm2 * Math.PI * (pei.diameter_um * 1e-4) ** 2) / 4, '1', 'N π d²/4 — physics.md §4.4')
  out.set('criticalRadius', criticalRadius_m(Math.max(etaN, 1e-4)) * 1e9, 'nm', `r* = 2γV_m/(F|η|), γ = ${CAL.liSurfaceEnergy_J_m2.value} J/m² — physics.md §4.2 (never the deposit size)`)
}

// ---------------------------------------------------------------------------
// Inorganic solid electrolytes (§5)
// ---------------------------------------------------------------------------

function runSolid(cfg: ResolvedConfig, out: Out, options: SimulateOptions, mode: SimulationMode): CoreResult {
  const kinds = new Set(options.series ?? [])
  const el = cfg.electrolyte
  const id = el.id as SolidElectrolyteId
  const mat = SOLID_MATERIALS[id]
  const s = el.solid
  if (!s) throw new Error('runSolid: unresolved solid options')
  const T = cfg.temperature_C + KELVIN_OFFSET
  const J_mA = cfg.currentDensity_mA_cm2
  const Js_mA = cfg.strippingCurrentDensity_mA_cm2
  const J = J_mA * A_M2_PER_MA_CM2
  const Q = cfg.capacity_mAh_cm2 * C_M2_PER_MAH_CM2
  const P_MPa = cfg.stackPressure_kPa / 1000
  const sigma = solidConductivity_S_cm(mat, T)
  const L_cm = s.thickness_um * 1e-4

  for (const n of ['limitingCurrentDensity', 'sandTime', 'sandCapacity', 'depletionTime', 'tipVelocity', 'chazalvielShortTime']) {
    out.na(n, 'single-ion conductor (t+ ≈ 1, t_a → 0): no salt depletion or Chazalviel front (physics.md §1.6, §3.4)')
  }
  out.set('ionicConductivity', sigma * 1000, 'mS/cm', `σ(25 °C) exp(−E_a/R (1/T − 1/T_ref)), E_a = ${mat.activation_eV} eV — ${mat.source}; physics.md §2.4 [L]`)
  out.set('transferenceNumber', 1, '1', 'single-ion conductor — physics.md §2.4')
  const mn = monroeNewman(mat.shearModulus_GPa)
  out.set('monroeNewmanRatio', mn.ratio, '1', `G_SE/G_Li = ${mat.shearModulus_GPa}/4.25 GPa — Monroe & Newman 2005 [V]; reported, not a safety gate (Porz 2017)`)
  const porz = porzCriterion(mat.fractureToughness_MPa_m05, s.flawSize_um * 1e-6, 1.1)
  out.set('porzCriticalPressure', porz.criticalPressure_Pa / 1e6, 'MPa', `p_crit = K_IC/(Y √(π a)), K_IC = ${mat.fractureToughness_MPa_m05} MPa·m^0.5, a = ${s.flawSize_um} µm, Y = 1.1 — Porz 2017, physics.md §5.2`)
  out.set('porzCriticalOverpotential', porz.criticalOverpotential_V * 1000, 'mV', 'η_c = V_m p_crit / F — Porz 2017, physics.md §5.2 [C]')
  out.set('porzCurrentDensity', porzCurrentDensity_mA_cm2(porz.criticalOverpotential_V, s.asr_ohm_cm2), 'mA/cm2', `η_c/(β ASR), β = ${CAL.porzFocusingFactor.value} [E] — mechanistic cross-check, physics.md §5.2`)
  const ccd = criticalCurrentDensity_mA_cm2({ material: mat, temperature_K: T, stackPressure_MPa: P_MPa, asr_ohm_cm2: s.asr_ohm_cm2, relDensity: s.relDensity })
  const ccdProv = `CCD_0 exp(−ASR/ASR_0) f_T f_ρ f_P, ASR = ${s.asr_ohm_cm2} Ω·cm², ρ = ${s.relDensity}, interlayer ${s.interlayer} — Flatscher 2020 [V] form; physics.md §5.2–5.4 [E] factors`
  out.set('criticalCurrentDensity', ccd, 'mA/cm2', ccdProv)
  const jVoid = voidCurrentDensity_mA_cm2(mat, T, P_MPa, s.interlayer)
  out.set('voidCurrentDensity', jVoid, 'mA/cm2', `J_void = (J_void,0 A(T) + k_P P^n) f_interlayer — physics.md §5.3 [E] (Kasemchainan 2019 [L], Krauskopf 2019 [L])`)
  out.set('currentRatioCCD', J_mA / ccd, '1', 'J/CCD — physics.md §5.5')
  const voidRatio = Js_mA / jVoid
  out.set('strippingRatioVoid', voidRatio, '1', 'J_strip/J_void — physics.md §5.5')
  const ohmic = s.asr_ohm_cm2 + L_cm / sigma
  out.set('ohmicResistance', ohmic, 'Ohm.cm2', 'ASR_int + L/σ — physics.md §5')
  out.warnings.push('calibration_used: CCD factors, void law and solid CE losses are [E] (calibration.ts)')
  const creep = mat.sulfide && P_MPa > CAL.sulfideCreepPressure_MPa.value
  if (creep) out.warnings.push('sulfide_creep: stack pressure above ~25 MPa lets Li creep into the sulfide and short (Doux 2020)')

  const { sub, etaN, pei, nucRegime } = nucleationStage(cfg, J, T, out)

  const substrateIsCollector = platesOnCollector(cfg)
  const cyc = runCycles({
    ...commonCyclingInput(cfg, Q, kinds),
    platingCurrent_A_m2: J,
    strippingCurrent_A_m2: Js_mA * A_M2_PER_MA_CM2,
    temperature_K: T,
    surfacePerVolume_m: 0,
    seiLithium_mol_m2: 0,
    reformFactor: 1,
    isolation: CAL.solidIsolation.value,
    fixedLoss_C_m2: CAL.solidFixedLoss_mAh_cm2.value * C_M2_PER_MAH_CM2,
    firstCycleLoss_C_m2:
      (mat.reactiveInterphase ? CAL.solidFirstCycleLossReactive_mAh_cm2.value : CAL.solidFirstCycleLossStable_mAh_cm2.value) * C_M2_PER_MAH_CM2 * (substrateIsCollector ? 1.5 : 1),
    calendarScale: 0,
    interfaceScale: mat.reactiveInterphase ? CAL.solidInterphaseScaleReactive.value : CAL.solidInterphaseScaleStable.value,
    transport: null,
    solid: { ccd_mA_cm2: ccd, voidLimit_mA_cm2: jVoid, plating_mA_cm2: J_mA, stripping_mA_cm2: Js_mA, stackPressure_MPa: P_MPa, voidIsolation: CAL.voidIsolation.value },
  })
  reportCycling(out, cyc, cfg, 'solid interface: CE_n = 1 − f_interphase − f_dead (voids isolate Li) — physics.md §5.3, §6.2 [E]')
  const ccdEff = cyc.ccdEffective_mA_cm2 ?? ccd
  out.set('criticalCurrentDensityEffective', ccdEff, 'mA/cm2', `CCD (1 − φ_void) after ${Math.max(cyc.cyclesRun, 1)} cycles — physics.md §5.3 [E]`)
  out.set('voidFraction', cyc.voidFraction, '1', 'interfacial void area fraction at the end of the run — physics.md §5.3 [E]')

  const cls = cyc.filamentCycle !== null ? 'filament-penetration' : classifySolid(J_mA, ccd, Js_mA, jVoid)
  const tPlate = Q / J
  let tShort: number | null = null
  if (cyc.filamentCycle !== null) {
    tShort = (cyc.filamentCycle - 1) * cyc.cycleTime_s + tPlate
    out.set('timeToShort', tShort, 's', `upper bound: J > CCD_eff${cyc.filamentCycle > 1 ? ' after void growth' : ''} — filament penetration by the end of plating in cycle ${cyc.filamentCycle} (physics.md §5.5)`)
  } else {
    out.na('timeToShort', `J ≤ CCD_eff for all ${cfg.cycles} cycles`)
  }
  const ccdRatio = J_mA / Math.max(ccdEff, 1e-9)
  const risk = solidShortRisk({ ccdRatio, voidRatio, electronicLeakage: mat.electronicLeakage, creep })
  out.set('shortRiskScore', risk.score, '1', `1 − Π(1 − r_i), dominant: ${risk.mechanism} — [E] analogue of physics.md §10.4 for §5`)
  const rho = cls === 'filament-penetration' ? 1 - cyc.voidFraction : MAX_RELATIVE_DENSITY
  out.set('depositRelativeDensity', rho, '1', 'dense Li under a solid electrolyte (no liquid to fill pores) — physics.md §5 [E]')
  out.set('depositPorosity', 1 - rho, '1', '1 − ρ_rel')

  const series: SimulationSeries = {}
  if (mode === 'detailed') out.warnings.push('detailed_mode: the 1D salt solver and the lattice kernel do not apply to single-ion solid electrolytes; closed forms only')
  if (kinds.has('concentration')) out.warnings.push('series_unavailable: no salt concentration profile in a single-ion conductor')
  if (kinds.has('lattice')) out.warnings.push('series_unavailable: the lattice kernel models liquid electrodeposition (physics.md §9.3)')
  if (kinds.has('voltage')) {
    const v = -(J_mA * 1e-3 * ohmic + 2 * thermalVoltage_V(T) * Math.asinh(J / (2 * liMetalExchangeCurrent_A_m2(1000, T))))
    series.voltage = { time_s: [0, tPlate], voltage_V: [v, v / Math.max(1 - cyc.voidFraction, 0.05)], surfaceConcentration_M: [] }
    out.warnings.push('series_approximate: solid-electrolyte voltage = ohmic + charge transfer (Xu2019 j0 [E] for the Li|SE interface), void-amplified at the end')
  }
  ceSeries(cyc, kinds, series)

  const facts = deriveFacts({
    kind: 'solid',
    currentRatio: 0,
    sandCapacityExceeded: false,
    morphologyClass: cls,
    poreSize_nm: null,
    substrateOverpotential_V: sub.etaSub_V,
    nucleationOverpotential_V: etaN,
    nucleationDensity_cm2: pei.density_cm2,
    S: null,
    relativeDensity: rho,
    stackPressure_kPa: cfg.stackPressure_kPa,
    monroeNewmanRatio: mn.ratio,
    ccdRatio,
    voidRatio,
    electronicLeakage: mat.electronicLeakage,
    ce_pct: cyc.cyclesRun > 0 ? pct(cyc.meanCE) : null,
    seiLoss: cyc.meanSeiLoss,
    deadLoss: cyc.meanDeadLoss,
    shortRiskScore: risk.score,
    timeToShort_s: tShort,
    testDuration_s: cyc.cycleTime_s * cfg.cycles,
    temperature_C: cfg.temperature_C,
    propertyExtrapolated: false,
    regime: 'reaction-limited',
    nucleationRegime: nucRegime,
  })
  const morphology: MorphologyResult = {
    class: cls,
    compactness: null,
    score: null,
    relativeDensity: rho,
    porosity: 1 - rho,
    featureSize_um: pei.diameter_um,
    nucleationRegime: nucRegime,
    lithiophilic: sub.lithiophilic,
  }
  const result: CoreResult = { regime: 'reaction-limited', morphology, shortRisk: risk, facts }
  if (Object.keys(series).length > 0) result.series = series
  return result
}
