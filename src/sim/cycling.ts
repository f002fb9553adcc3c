/**
 * Per-cycle loop (physics.md §6.2, §5.3, §10.2 S6): CE_n = 1 − f_SEI,n − f_dead,n, Li inventory,
 * dead-Li accumulation and thickness, SEI thickening, dead-Li transport blockage (liquids) and
 * interfacial voids / CCD_eff (solids); then cycles to 80 % and to failure.
 *
 * Allocation-free unless per-cycle series are requested. SI units throughout.
 *
 * @module
 */
import { FARADAY_C_PER_MOL, LI_MOLAR_VOLUME_M3_PER_MOL } from './constants.ts'
import type { CellType } from './config.ts'
import { seiLithium_mol_m2, seiThicknessSolventDiffusion_m } from './sei.ts'
import { limitingCurrent_A_m2 } from './transport.ts'
import { nextVoidFraction } from './solid.ts'

export interface CyclingTransport {
  c0_molm3: number
  /** Free-electrolyte salt diffusivity, m²/s. */
  D_m2_s: number
  tPlus: number
  kappa_S_m: number
  /** Separator diffusion length L τ/ε, m (so that J_lim = 2 c0 F D / (t_a · length)). */
  separatorLength_m: number
}

export interface CyclingSolid {
  /** CCD without voids, mA/cm². */
  ccd_mA_cm2: number
  voidLimit_mA_cm2: number
  plating_mA_cm2: number
  stripping_mA_cm2: number
  stackPressure_MPa: number
  /** Fraction of the Li cut off per unit of new void area (voids isolate Li) [E]. */
  voidIsolation: number
}

export interface CyclingInput {
  cellType: CellType
  cycles: number
  /** Charge plated per half-cycle (nominal), C/m². */
  capacity_C_m2: number
  /** Excess Li inventory, C/m². */
  liExcess_C_m2: number
  /** Time-averaged plating current density, A/m². */
  platingCurrent_A_m2: number
  strippingCurrent_A_m2: number
  temperature_K: number
  /** Electrolyte-accessible deposit surface per deposit volume, k_s a_acc / d_dep, 1/m (0 for a planar solid interface). */
  surfacePerVolume_m: number
  /** Li content of fresh SEI Γ (temperature-scaled), mol/m². */
  seiLithium_mol_m2: number
  /** 1 + r_reform. */
  reformFactor: number
  /** Per-cycle isolation probability p_iso (after pressure and penalties). */
  isolation: number
  /** Steady per-cycle fixed loss Q_fix, C/m². */
  fixedLoss_C_m2: number
  /** Transient amplitude A of Q_fix,n = Q_fix (1 + A e^{−Q_cum/Q_stab}) (interface stabilization, Adams 2018) [E]. */
  fixedLossTransient: number
  /** Stabilization charge Q_stab, C/m² [E]. */
  fixedLossStabilization_C_m2: number
  /** Extra loss of the first cycle (SEI on the bare collector, reactive interphase), C/m². */
  firstCycleLoss_C_m2: number
  /** Li-metal scale k_Li of the solvent-diffusion SEI law on the deposit surface [E]. */
  calendarScale: number
  /** Interface (geometric-area) SEI/interphase thickening scale, used for solids [E]. */
  interfaceScale: number
  /** Relative density of the dead-Li layer ρ_dead [E]. */
  deadLiRelativeDensity: number
  transport: CyclingTransport | null
  solid: CyclingSolid | null
  /** Record per-cycle series. */
  series: boolean
}

export interface CyclingSeries {
  ce: number[]
  seiLoss: number[]
  deadLoss: number[]
  /** Dead-Li layer + fresh deposit height at the end of plating, m. */
  height_m: number[]
  inventory_C_m2: number[]
  voidFraction?: number[]
}

export interface CyclingResult {
  cyclesRun: number
  /** Charge-weighted mean CE over the cycles run (Σ Q_n CE_n / Σ Q_n). */
  meanCE: number
  firstCE: number
  lastCE: number
  maxCE: number
  meanSeiLoss: number
  meanDeadLoss: number
  deadLi_C_m2: number
  deadLiThickness_m: number
  /** SEI on the electrode after the test time under the scaled solvent-diffusion law (k_Li = calendarScale), m. */
  seiThickness_m: number
  /** Interface interphase thickness (interfaceScale law, used for solids), m. */
  interphaseThickness_m: number
  /** Remaining Li inventory, C/m². */
  inventory_C_m2: number
  /** Capacity retention Q_n/Q of the last cycle. */
  retention: number
  /** Dead-Li ionic resistance h_dead/(κ ε_d^1.5), Ω·m² (liquids). */
  deadLiResistance_ohm_m2: number
  /** J_lim through separator + dead-Li layer after the last cycle, A/m² (liquids). */
  finalLimitingCurrent_A_m2: number | null
  /** First cycle at which J exceeded J_lim through the dead-Li layer (Chen 2017), or null. */
  transportBlockedCycle: number | null
  /** Solids: first cycle at which J > CCD_eff (filament short), or null. */
  filamentCycle: number | null
  voidFraction: number
  ccdEffective_mA_cm2: number | null
  /** Cycles to 80 % capacity (simulated or extrapolated, see `cyclesTo80Method`). */
  cyclesTo80: number
  cyclesTo80Method: 'simulated' | 'extrapolated' | 'anode-free equivalent'
  /** Cycles until the Li excess is exhausted (anode-free: = cyclesTo80). */
  cyclesToFailure: number
  cyclesToFailureMethod: 'simulated' | 'extrapolated'
  /** Duration of one full cycle at the nominal capacity, s. */
  cycleTime_s: number
  series?: CyclingSeries
}

/** Cycles to 80 % retention for an anode-free cell at constant CE: ln 0.8 / ln CE (physics.md §6.2 [C]). */
export function cyclesTo80(ce: number): number {
  return Math.log(0.8) / Math.log(ce)
}

/** Cycles until a Li excess is consumed: Q_ex/(Q (1 − CE)) (physics.md §6.2, Xiao 2020 style). */
export function cyclesToExhaustion(excess_C_m2: number, capacity_C_m2: number, ce: number): number {
  return excess_C_m2 / (capacity_C_m2 * (1 - ce))
}

/** Maximum total loss fraction per cycle (keeps CE in (0, 1) for any input). */
const MAX_LOSS = 0.999

/**
 * Run the per-cycle loop (physics.md §6.2): per cycle n, Q_n = min(Q, inventory);
 * f_SEI,n = fresh-surface SEI + calendar thickening of that surface + interface interphase (+ first-cycle
 * collector SEI); f_dead,n = p_iso + Q_fix,n/Q_n (+ Li cut off by new voids); CE_n = 1 − f_SEI,n − f_dead,n.
 */
export function runCycles(input: CyclingInput): CyclingResult {
  const F = FARADAY_C_PER_MOL
  const Vm = LI_MOLAR_VOLUME_M3_PER_MOL
  const Q = input.capacity_C_m2
  const Jp = input.platingCurrent_A_m2
  const Js = input.strippingCurrent_A_m2
  const T = input.temperature_K
  const freshSei = input.surfacePerVolume_m * Vm * input.seiLithium_mol_m2 * input.reformFactor
  const epsDead = 1 - input.deadLiRelativeDensity
  const deadTortuosityFactor = Math.pow(epsDead, 1.5)
  const tr = input.transport
  const sd = input.solid
  const cycleTime = Q / Jp + Q / Js

  const series: CyclingSeries | undefined = input.series
    ? { ce: [], seiLoss: [], deadLoss: [], height_m: [], inventory_C_m2: [], ...(sd ? { voidFraction: [] } : {}) }
    : undefined

  let inventory = Q + input.liExcess_C_m2
  let deadLi = 0
  let time = 0
  let weightedCE = 0
  let plated = 0
  let sumSei = 0
  let sumDead = 0
  let firstCE = 0
  let lastCE = 0
  let maxCE = 0
  let lastQ = Q
  let n80: number | null = null
  let nFail: number | null = null
  let transportBlockedCycle: number | null = null
  let filamentCycle: number | null = null
  let phi = 0
  let ccdEff = sd ? sd.ccd_mA_cm2 : 0
  const seiInitial_m = seiThicknessSolventDiffusion_m(0, T) // L0: the same every cycle
  let interfaceL = seiInitial_m
  let jLim: number | null = null
  let cyclesRun = 0

  for (let n = 1; n <= input.cycles; n++) {
    const Qn = Math.min(Q, inventory)
    // Inventory exhausted (< 1e-9 of a half-cycle): the cell is dead, stop before Q_fix/Q_n blows up.
    if (!(Qn > 1e-9 * Q)) break
    const tPlate = Qn / Jp
    const tCycle = tPlate + Qn / Js

    // Solids: filament penetration once J exceeds the void-reduced CCD (physics.md §5.3).
    if (sd) {
      ccdEff = sd.ccd_mA_cm2 * (1 - phi)
      if (sd.plating_mA_cm2 > ccdEff) {
        filamentCycle = n
        break
      }
    }

    // SEI: fresh-surface formation + calendar thickening of that surface within the cycle (§6.2, §7.1).
    const dLcal = seiThicknessSolventDiffusion_m(tCycle, T, input.calendarScale) - seiInitial_m
    let fSei = freshSei + input.surfacePerVolume_m * Vm * seiLithium_mol_m2(dLcal)
    // Interface (geometric area) interphase thickening, √t in cumulative time.
    const newInterfaceL = seiThicknessSolventDiffusion_m(time + tCycle, T, input.interfaceScale)
    fSei += (seiLithium_mol_m2(newInterfaceL - interfaceL) * F) / Qn
    interfaceL = newInterfaceL
    if (n === 1) fSei += input.firstCycleLoss_C_m2 / Qn

    // Dead Li: isolation + fixed per-cycle cost (§6.2); solids add Li cut off by new voids.
    const fixed = input.fixedLoss_C_m2 * (1 + input.fixedLossTransient * Math.exp(-plated / input.fixedLossStabilization_C_m2))
    let fDead = input.isolation + fixed / Qn
    if (sd) {
      const phiNext = nextVoidFraction(phi, sd.stripping_mA_cm2, sd.voidLimit_mA_cm2, Qn, sd.stackPressure_MPa)
      if (phiNext > phi) fDead += sd.voidIsolation * (phiNext - phi)
      phi = phiNext
    }
    let loss = fSei + fDead
    if (loss > MAX_LOSS) {
      const s = MAX_LOSS / loss
      fSei *= s
      fDead *= s
      loss = MAX_LOSS
    }
    const ce = 1 - loss
    inventory -= Qn * loss
    deadLi += Qn * fDead
    time += tCycle
    weightedCE += Qn * ce
    plated += Qn
    sumSei += fSei
    sumDead += fDead
    if (n === 1) firstCE = ce
    if (ce > maxCE) maxCE = ce
    lastCE = ce
    lastQ = Qn
    cyclesRun = n
    if (n80 === null && Qn < 0.8 * Q) n80 = n
    if (nFail === null && inventory < Q && input.cellType !== 'anode-free') nFail = n

    const hDead = (deadLi * Vm) / (F * input.deadLiRelativeDensity)
    if (tr) {
      jLim = limitingCurrent_A_m2(tr.D_m2_s, tr.c0_molm3, tr.tPlus, tr.separatorLength_m + hDead / deadTortuosityFactor)
      if (transportBlockedCycle === null && Jp > jLim) transportBlockedCycle = n
    }
    if (series) {
      series.ce.push(ce)
      series.seiLoss.push(fSei)
      series.deadLoss.push(fDead)
      series.height_m.push(hDead + (Qn * Vm) / F)
      series.inventory_C_m2.push(inventory)
      series.voidFraction?.push(phi)
    }
  }

  // CCD_eff after the last stripping (the void fraction it left behind), unless a filament already formed.
  if (sd && filamentCycle === null) ccdEff = sd.ccd_mA_cm2 * (1 - phi)
  const meanCE = plated > 0 ? weightedCE / plated : 0
  const deadLiThickness = (deadLi * Vm) / (F * input.deadLiRelativeDensity)
  const ceForExtrapolation = lastCE > 0 ? lastCE : meanCE

  // Cycles to 80 %: anode-free / Li-cathode from the simulated retention (extrapolated geometrically
  // at the last CE); Li‖Cu and Li‖Li report the anode-free equivalent ln 0.8/ln CE (Xiao 2020).
  let c80: number
  let c80Method: CyclingResult['cyclesTo80Method']
  if (input.cellType === 'Li-Cu' || input.cellType === 'Li-Li') {
    c80 = cyclesTo80(meanCE)
    c80Method = 'anode-free equivalent'
  } else if (n80 !== null) {
    c80 = n80
    c80Method = 'simulated'
  } else {
    // Remaining excess is consumed first, then capacity fades geometrically.
    const excessLeft = Math.max(inventory - Q, 0)
    const retention = lastQ / Q
    c80 = cyclesRun + cyclesToExhaustion(excessLeft, Q, ceForExtrapolation) + Math.max(0, Math.log(0.8 / retention) / Math.log(ceForExtrapolation))
    c80Method = 'extrapolated'
  }
  let cFail: number
  let cFailMethod: CyclingResult['cyclesToFailureMethod']
  if (input.cellType === 'anode-free') {
    cFail = c80
    cFailMethod = c80Method === 'simulated' ? 'simulated' : 'extrapolated'
  } else if (nFail !== null) {
    cFail = nFail
    cFailMethod = 'simulated'
  } else {
    cFail = cyclesRun + cyclesToExhaustion(Math.max(inventory - Q, 0), Q, ceForExtrapolation)
    cFailMethod = 'extrapolated'
  }

  const result: CyclingResult = {
    cyclesRun,
    meanCE,
    firstCE,
    lastCE,
    maxCE,
    meanSeiLoss: cyclesRun > 0 ? sumSei / cyclesRun : 0,
    meanDeadLoss: cyclesRun > 0 ? sumDead / cyclesRun : 0,
    deadLi_C_m2: deadLi,
    deadLiThickness_m: deadLiThickness,
    seiThickness_m: seiThicknessSolventDiffusion_m(time, T, input.calendarScale),
    interphaseThickness_m: interfaceL,
    inventory_C_m2: inventory,
    retention: lastQ / Q,
    deadLiResistance_ohm_m2: tr ? deadLiThickness / (tr.kappa_S_m * deadTortuosityFactor) : 0,
    finalLimitingCurrent_A_m2: jLim,
    transportBlockedCycle,
    filamentCycle,
    voidFraction: phi,
    ccdEffective_mA_cm2: sd ? ccdEff : null,
    cyclesTo80: c80,
    cyclesTo80Method: c80Method,
    cyclesToFailure: cFail,
    cyclesToFailureMethod: cFailMethod,
    cycleTime_s: cycleTime,
  }
  if (series) result.series = series
  return result
}
