/**
 * 1D concentrated-solution symmetric-cell half-cycle model (physics.md §9.5, Wood et al. 2016 style).
 *
 * Domain x ∈ [0, L]: plating electrode W at x = 0, stripping electrode C at x = L, galvanostatic
 * superficial current I (A/m², magnitude, physics.md §0 sign convention). Cell-centred finite volumes
 * (N cells of width Δx = L/N), implicit Euler in time, Picard iteration on the concentration-dependent
 * D(c) and t+(c), Thomas algorithm, adaptive Δt.
 *
 * Conservation form used (physics.md §9.5 "Salt balance", Newman binary salt). With the ionic current
 * i = −I in +x, the cation flux through a face is
 *     N+ = −D_eff ∂c/∂x + t+ i/F = −D_eff ∂c/∂x − t+ I/F,                       D_eff = D ε^b
 * and each cell obeys ε Δx dc/dt = −(N+_{right} − N+_{left}). At both electrodes the whole current is
 * carried by Li+, N+ = −I/F, which is the physics.md BC D_eff ∂c/∂x = (1 − t+) I/F at x = 0 and x = L.
 * The interior t+ differences reproduce the −(i/F) ∂t+/∂x source exactly, and the face fluxes telescope,
 * so the total salt ε Σ c Δx is conserved to round-off (each Picard iterate is itself conservative).
 *
 * Depletion (physics.md §9.5 "Numerics"): the plating-side surface concentration is obtained by
 * half-cell extrapolation c_s = c_0 − q Δx/(2 D_app), q = (1 − t+) I/F. When c_s would fall below
 * 1e-3 c0 the Li+-carried current is capped ("Sand-limited"): the boundary flux at both electrodes is
 * reduced to the largest value that keeps c_s = 1e-3 c0 (found exactly by superposition of two
 * Thomas solves sharing one factorisation), so concentrations stay positive and salt stays conserved.
 */

import { FARADAY_C_PER_MOL, GAS_CONSTANT_J_PER_MOL_K } from './constants.ts' // physics.md §0, CODATA

/** Depletion threshold c_s ≤ 1e-3 c0 (physics.md §9.5 "Detect depletion"). */
const DEPLETION_FRACTION = 1e-3
/** Adaptive Δt: halve when max |Δc|/c > 5 % (physics.md §9.5 "Numerics"). */
const MAX_RELATIVE_CHANGE = 0.05
/** Grow Δt by ×1.5 (up to dt_max) after a step whose max |Δc|/c < 2 % [E: implementation choice]. */
const GROW_BELOW_RELATIVE_CHANGE = 0.02
const DT_GROWTH = 1.5
/** Default number of finite-volume nodes (physics.md §9.5: "use N = 100 by default"). */
const DEFAULT_NODES = 100
/** Default Bruggeman exponent b (physics.md §9.5 "Bruggeman b = 1.5"; §1.4 PyBaMM Xu2019 [V]). */
const DEFAULT_BRUGGEMAN = 1.5
/** Default charge-transfer coefficient α_a = α_c = 0.5 (physics.md §7.1 "α = 0.5 unless asymmetric"). */
const DEFAULT_ALPHA = 0.5
/**
 * Picard iteration limits [E]: converged when max |c^{k+1} − c^k| ≤ 1e-7 c0, or when the coefficients at the
 * new iterate differ from the lagged ones by ≤ 1e-6 (relative D, absolute t+) — the resulting error in c is
 * second order (≤ 1e-6 × the ≤ 5 % step change), far below the O(Δt) implicit-Euler error; every iterate
 * conserves salt exactly, so the tolerance does not affect conservation. Iteration cap 12.
 */
const PICARD_TOL = 1e-7
const COEF_TOL = 1e-6
const PICARD_MAX_ITER = 12
/** Upper bound on recorded series length (brief: bounded output, ≤ 500 points). */
const MAX_RECORD_POINTS = 500
/** Default recording interval = duration / 200 [E]. */
const DEFAULT_RECORD_DIVISIONS = 200
/**
 * Default dt_max = min(duration/400, t_Sand,porous(c0)/50) before depletion and duration/400 after it [E: keeps
 * t_dep within ~1 % of the converged (fine-grid, small-Δt) solution on the CP1.3/1.6–1.8 cases].
 */
const DEFAULT_DT_DIVISIONS = 400
const DEFAULT_DT_PER_SAND = 50
/** Default hard cap on accepted + rejected steps [E]; hitting it sets `truncated`. */
const DEFAULT_MAX_STEPS = 200_000
/**
 * Default property-table size [E]: D, t+, κ and TDF are tabulated lazily per call on a uniform grid
 * c ∈ [0, 3 c0] (a node is evaluated the first time it is needed) and interpolated linearly (relative
 * error ≲ 1e-5 for the §2.1 correlations); concentrations
 * outside the table call `props` directly. Set `propertyTablePoints: 0` to always call `props`.
 */
const DEFAULT_TABLE_POINTS = 512
const TABLE_SPAN_C0 = 3

/** Concentration-dependent transport properties, SI units (m²/s, S/m, –, –); c in mol/m³. */
export interface TransportProps {
  /** Fickian salt diffusivity D(c) [m²/s] (free electrolyte; Bruggeman is applied by the solver). */
  D(c_molm3: number): number
  /** Ionic conductivity κ(c) [S/m] (free electrolyte). */
  kappa(c_molm3: number): number
  /** Cation transference number t+(c) [–]. */
  tPlus(c_molm3: number): number
  /** Thermodynamic factor 1 + dln f±/dln c [–]. */
  tdf(c_molm3: number): number
}

export interface Solver1DInput {
  props: TransportProps
  /** Initial (bulk) salt concentration c0 [mol/m³]; also the reference for j0(c). */
  c0_molm3: number
  /** Electrode gap / separator thickness L [m]. */
  length_m: number
  /** Separator porosity ε (0 < ε ≤ 1); ε = 1 is a free-electrolyte (capillary) cell. */
  porosity: number
  /** Bruggeman exponent b, D_eff = D ε^b and κ_eff = κ ε^b (default 1.5, physics.md §9.5). */
  bruggeman?: number
  /** Galvanostatic superficial current density magnitude I ≥ 0 [A/m²] (W plates, C strips). */
  current_A_m2: number
  /** Half-cycle duration [s]. */
  duration_s: number
  /** Temperature [K]. Properties are assumed already evaluated at this T; used in RT/F. */
  temperature_K: number
  /** Number of finite-volume cells N (default 100). */
  nodes?: number
  /** Maximum time step [s] (default min(duration/400, t_Sand,porous/50)); the solver halves it adaptively. */
  dt_s?: number
  /**
   * Butler–Volmer kinetics per electrode. Without it the interfacial overpotentials are zero.
   * - `j0_A_m2`: exchange current density of the bulk pathway at c = c0 [A/m²];
   * - `alpha`: anodic transfer coefficient α_a (α_c = 1 − α_a), default 0.5;
   * - `freshAreaFactor`: fresh/dendritic-pathway area A_f (per geometric area) when that electrode holds
   *   one half-cycle's worth (I·duration/F) of fresh Li (Wood 2016 two-pathway model, physics.md §9.5).
   *   A_f scales linearly with the fresh inventory n_f: electrode C starts with one half-cycle of fresh
   *   Li (deposited in the previous half-cycle) and consumes it, electrode W starts with none and
   *   accumulates it. Default 0 (single pathway).
   */
  kinetics?: {
    j0_A_m2: number
    alpha?: number
    freshAreaFactor?: number
    /** (added) exchange current density of the fresh pathway at c0 [A/m²]; default = j0_A_m2. */
    freshJ0_A_m2?: number
    /** (added) fraction of plated Li that becomes dead (not fresh-pathway area) on W, 0…1; default 0. */
    deadFraction?: number
  }
  /**
   * Series resistances [Ω·m²]: `sei` = R_SEI,W + R_SEI,C (sum over both electrodes), `dead` = R_dead,
   * `contact` = R_contact (physics.md §9.5 "Cell voltage").
   */
  resistances_ohm_m2?: { sei?: number; dead?: number; contact?: number }
  /** Recording interval for the time series [s] (default duration/200; series capped at 500 points). */
  recordEvery_s?: number
  /** Stop at the depletion (Sand) time instead of continuing Sand-limited to duration_s (default false). */
  stopAtDepletion?: boolean
  /** (added) Hard cap on solver steps (accepted + rejected), default 200 000; hitting it sets `truncated`. */
  maxSteps?: number
  /** (added) Points of the internal property table on [0, 3 c0] (default 512; 0 = call `props` at every use). */
  propertyTablePoints?: number
}

export interface Solver1DResult {
  /** Time [s] at which c_s(x = 0) first reached 1e-3 c0 (linear interpolation in time), or null. */
  depletionTime_s: number | null
  /** Recorded times [s] (t = 0 first, last point = end of the run). */
  time_s: number[]
  /** Cell voltage V_W − V_C [V]; negative while W is plated (usual Li‖Li plot convention, physics.md §9.5). */
  voltage_V: number[]
  /** Surface concentration at the plating electrode (x = 0) [mol/m³], half-cell extrapolation. */
  surfaceConcentration_molm3: number[]
  /** Final profile: x = 0, the N cell centres, x = L (boundary values are the extrapolated surface values). */
  profile: { x_m: number[]; c_molm3: number[] }
  /** Accepted time steps. */
  steps: number
  /** (added) Surface concentration at the stripping electrode (x = L) [mol/m³], aligned with time_s. */
  surfaceConcentrationC_molm3?: number[]
  /** (added) Magnitudes [V] of the voltage terms, aligned with time_s: |η_W|, |η_C|, |Δφ_e|, I·ΣR. */
  components?: { etaW_V: number[]; etaC_V: number[]; electrolyte_V: number[]; film_V: number[] }
  /** (added) True once the Li+-carried current had to be capped because c_s hit 1e-3 c0. */
  sandLimited?: boolean
  /** (added) True if `maxSteps` was reached before duration_s. */
  truncated?: boolean
  /** (added) Rejected (halved) time steps. */
  rejectedSteps?: number
  /** (added) Total tridiagonal solves (Picard iterations over all accepted and rejected steps). */
  linearSolves?: number
}

function requireFinite(name: string, v: number, min: number, max = Infinity, minInclusive = true): void {
  const ok = Number.isFinite(v) && (minInclusive ? v >= min : v > min) && v <= max
  if (!ok) throw new RangeError(`solveHalfCycle: ${name} = ${v} is outside ${minInclusive ? '[' : '('}${min}, ${max}]`)
}

/**
 * Solve one galvanostatic half-cycle of a symmetric Li‖Li cell (physics.md §9.5).
 *
 * Units: all SI — c [mol/m³], x [m], t [s], I [A/m²], V [V], R [Ω·m²], T [K].
 * Returns the depletion (Sand) time, a bounded voltage / surface-concentration series and the final profile.
 * Deterministic and pure; allocates its buffers once per call (no per-step allocation).
 * @throws RangeError on invalid inputs or non-finite property values.
 */
export function solveHalfCycle(input: Solver1DInput): Solver1DResult {
  const { props } = input
  const c0 = input.c0_molm3
  const L = input.length_m
  const eps = input.porosity
  const b = input.bruggeman ?? DEFAULT_BRUGGEMAN
  const I = input.current_A_m2
  const duration = input.duration_s
  const T = input.temperature_K
  const N = input.nodes ?? DEFAULT_NODES
  requireFinite('c0_molm3', c0, 0, Infinity, false)
  requireFinite('length_m', L, 0, Infinity, false)
  requireFinite('porosity', eps, 0, 1, false)
  requireFinite('bruggeman', b, 0, 10)
  requireFinite('current_A_m2', I, 0)
  requireFinite('duration_s', duration, 0)
  requireFinite('temperature_K', T, 0, Infinity, false)
  if (!Number.isInteger(N) || N < 3 || N > 1_000_000) throw new RangeError(`solveHalfCycle: nodes = ${N} must be an integer in [3, 1e6]`)
  if (input.dt_s !== undefined) requireFinite('dt_s', input.dt_s, 0, Infinity, false)
  if (input.recordEvery_s !== undefined) requireFinite('recordEvery_s', input.recordEvery_s, 0, Infinity, false)
  const maxSteps = input.maxSteps ?? DEFAULT_MAX_STEPS
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new RangeError(`solveHalfCycle: maxSteps = ${maxSteps} must be a positive integer`)
  const tablePoints = input.propertyTablePoints ?? DEFAULT_TABLE_POINTS
  if (!Number.isInteger(tablePoints) || (tablePoints !== 0 && tablePoints < 16) || tablePoints > 1_000_000)
    throw new RangeError(`solveHalfCycle: propertyTablePoints = ${tablePoints} must be 0 or an integer in [16, 1e6]`)
  const kin = input.kinetics
  if (kin) {
    requireFinite('kinetics.j0_A_m2', kin.j0_A_m2, 0, Infinity, false)
    if (kin.alpha !== undefined) requireFinite('kinetics.alpha', kin.alpha, 0, 1, false)
    if (kin.alpha !== undefined && kin.alpha >= 1) throw new RangeError('solveHalfCycle: kinetics.alpha must be < 1')
    if (kin.freshAreaFactor !== undefined) requireFinite('kinetics.freshAreaFactor', kin.freshAreaFactor, 0)
    if (kin.freshJ0_A_m2 !== undefined) requireFinite('kinetics.freshJ0_A_m2', kin.freshJ0_A_m2, 0)
    if (kin.deadFraction !== undefined) requireFinite('kinetics.deadFraction', kin.deadFraction, 0, 1)
  }
  const res = input.resistances_ohm_m2
  const rSum = (res?.sei ?? 0) + (res?.dead ?? 0) + (res?.contact ?? 0)
  requireFinite('sum of resistances_ohm_m2', rSum, 0)

  const F = FARADAY_C_PER_MOL
  const invF = 1 / F
  const RT_F = (GAS_CONSTANT_J_PER_MOL_K * T) / F // thermal voltage (physics.md §0: 25.69 mV at 25 °C)
  const dx = L / N
  const halfDx = 0.5 * dx
  const epsB = Math.pow(eps, b) // Bruggeman: D_eff = D ε^b, κ_eff = κ ε^b (physics.md §1.2, §9.5)
  const cThr = DEPLETION_FRACTION * c0 // physics.md §9.5: depletion when c_s ≤ 1e-3 c0

  // Properties: guarded, lazily tabulated on [0, 3 c0] (see PropertyTable).
  const P = new PropertyTable(props, TABLE_SPAN_C0 * c0, tablePoints)

  // ---------- buffers (allocated once per call) ----------
  const cOld = new Float64Array(N) // accepted state c^n [mol/m³]
  const dOld = new Float64Array(N) // D_eff(c^n) [m²/s]
  const tOld = new Float64Array(N) // t+(c^n)
  const cNew = new Float64Array(N) // latest Picard iterate
  const dNew = new Float64Array(N) // D_eff at the latest iterate
  const tNew = new Float64Array(N) // t+ at the latest iterate
  const dUse = new Float64Array(N) // coefficients used by the current linear solve
  const tUse = new Float64Array(N)
  const q = new Float64Array(N) // reverse-Thomas multipliers: c_i = y_i + q_i c_{i−1}
  const yu = new Float64Array(N) // reverse-swept storage RHS
  const yw = new Float64Array(N) // reverse-swept unit-current RHS

  cOld.fill(c0)
  dOld.fill(P.rawD(c0) * epsB)
  tOld.fill(P.rawT(c0))

  // ---------- time-step defaults ----------
  // Porous semi-infinite Sand time at c0 (physics.md §1.2): t = π D_eff ε c0² / (4 q_s²), q_s = (1 − t+) I/F,
  // i.e. π D (c0 F)² / (4 (J t_a)²) × ε^{b+1} (the ε^2.5 factor for Bruggeman).
  const qs0 = ((1 - tOld[0]!) * I) / F
  const tSandEst = qs0 > 0 ? (Math.PI * dOld[0]! * eps * c0 * c0) / (4 * qs0 * qs0) : Infinity
  let dtMax = input.dt_s ?? Math.max(Math.min(duration / DEFAULT_DT_DIVISIONS, tSandEst / DEFAULT_DT_PER_SAND), 1e-12)
  // After depletion the Sand transient no longer needs resolving: the default dt_max relaxes to duration/400.
  const dtMaxAfterDepletion = input.dt_s ?? Math.max(dtMax, duration / DEFAULT_DT_DIVISIONS)
  const dtMin = dtMax * 2 ** -40
  let recordEvery = input.recordEvery_s ?? duration / DEFAULT_RECORD_DIVISIONS
  if (duration > 0 && duration / recordEvery > MAX_RECORD_POINTS - 2) recordEvery = duration / (MAX_RECORD_POINTS - 2)

  // ---------- kinetics state (physics.md §9.5 "Interfacial kinetics") ----------
  const alphaA = kin?.alpha ?? DEFAULT_ALPHA
  const alphaC = 1 - alphaA
  const j0Bulk = kin?.j0_A_m2 ?? 0
  const freshFactor = kin?.freshAreaFactor ?? 0
  const j0Fresh = kin?.freshJ0_A_m2 ?? j0Bulk
  const deadFraction = kin?.deadFraction ?? 0
  const nRef = (I * duration) / F // mol/m² of Li moved in one half-cycle
  const twoPathway = kin !== undefined && freshFactor > 0 && nRef > 0
  let nFreshW = 0 // fresh inventory on W [mol/m²]: none at the start of plating
  let nFreshC = twoPathway ? nRef : 0 // C holds the previous half-cycle's fresh deposit

  /** Effective exchange current j0_eff = A_b j0_b + A_f j0_f with A_b = 1, A_f = f_A n_f / n_ref (physics.md §9.5). */
  const j0Effective = (nFresh: number): number => (twoPathway ? j0Bulk + ((freshFactor * nFresh) / nRef) * j0Fresh : j0Bulk)

  // ---------- outputs ----------
  const time_s: number[] = []
  const voltage_V: number[] = []
  const cSurfW: number[] = []
  const cSurfC: number[] = []
  const etaWs: number[] = []
  const etaCs: number[] = []
  const elecs: number[] = []
  const films: number[] = []

  let t = 0
  let steps = 0
  let rejected = 0
  let linearSolves = 0
  let depletionTime: number | null = null
  let sandLimited = false
  let truncated = false
  let iEff = I // Li+-carried current of the last accepted step (< I only when Sand-limited)

  /** Half-cell extrapolation at W (physics.md §9.5): c_s = c_0 − q Δx/(2 D_app), q = (1 − t+) I_eff/F. */
  const surfaceW = (ie: number): number => cOld[0]! - ((1 - tOld[0]!) * ie * invF * halfDx) / dOld[0]!
  /** Half-cell extrapolation at C: c_s = c_{N−1} + q Δx/(2 D_app). */
  const surfaceC = (ie: number): number => cOld[N - 1]! + ((1 - tOld[N - 1]!) * ie * invF * halfDx) / dOld[N - 1]!

  const record = (): void => {
    // At t = 0 no flux has acted yet: the surface values equal the uniform initial concentration.
    const ieRec = t > 0 ? iEff : 0
    const csW = surfaceW(ieRec)
    const csC = surfaceC(ieRec)
    const dPhi = electrolyteDrop(P, cOld, N, dx, epsB, I, RT_F, csW > cThr ? csW : cThr, csC > cThr ? csC : cThr, cThr)
    const etaW = kin ? etaMagnitude(I, j0Effective(nFreshW), csW, c0, cThr, alphaA, alphaC, RT_F, true) : 0
    const etaC = kin ? etaMagnitude(I, j0Effective(nFreshC), csC, c0, cThr, alphaA, alphaC, RT_F, false) : 0
    const film = I * rSum // physics.md §9.5: I (R_SEI,W + R_SEI,C + R_dead + R_contact)
    const vMag = etaW + etaC + dPhi + film // physics.md §9.5: |V| = |η_W| + |η_C| + |Δφ_e| + I ΣR
    time_s.push(t)
    voltage_V.push(vMag === 0 ? 0 : -vMag) // sign convention at output: negative while W plates (§9.5)
    cSurfW.push(csW)
    cSurfC.push(csC)
    etaWs.push(etaW)
    etaCs.push(etaC)
    elecs.push(dPhi)
    films.push(film)
  }

  // Per-solve outputs of `iterate` (kept in closure variables to avoid allocating result objects).
  let solveIe = I // Li+-carried current chosen by the last solve
  let solveCsFull = c0 // uncapped W surface concentration of the last solve
  let solveRel = 0 // max |c − c^n| / max(c^n, c_thr) of the last solve
  let solveCoefChange = 0 // max relative change of D_eff / absolute change of t+ vs the coefficients used
  let solvePicardChange = 0 // max |c^{k+1} − c^k| of the last solve

  /**
   * One implicit-Euler linear solve with frozen coefficients (dUse, tUse), physics.md §9.5 salt balance:
   *   ε Δx/Δt (c_i − c_i^n) = g_{i+½}(c_{i+1} − c_i) − g_{i−½}(c_i − c_{i−1}) + I_eff (T_{i+½} − T_{i−½})/F,
   * g = D_f/Δx (D_f = arithmetic mean of cell D_eff), T_f = face t+ in the interior and T = 1 at both
   * electrodes (the whole current is carried by Li+ there: D_eff ∂c/∂x = (1 − t+) I/F, §9.5 BCs).
   * Superposition c = u + I_eff w (same matrix for both right-hand sides). Reverse Thomas elimination
   * (from x = L towards x = 0) so that c_0 — which decides the Sand cap on I_eff — comes first in the
   * substitution pass; that single pass also forms c, evaluates D_eff(c), t+(c) and the change norms.
   */
  const iterate = (dtStep: number): void => {
    linearSolves++
    const e = (eps * dx) / dtStep
    const invDx = 1 / dx
    // Reverse elimination: m_i = diag_i − g_R q_{i+1}, q_i = g_L/m_i, y_i = (r_i + g_R y_{i+1})/m_i.
    let gR = 0
    let tR = 1 // T_{N−½} = 1
    let qNext = 0
    let yuNext = 0
    let ywNext = 0
    for (let i = N - 1; i >= 0; i--) {
      const gL = i > 0 ? 0.5 * (dUse[i]! + dUse[i - 1]!) * invDx : 0
      const tL = i > 0 ? 0.5 * (tUse[i]! + tUse[i - 1]!) : 1 // T_{−½} = 1
      const invM = 1 / (e + gL + gR - gR * qNext)
      qNext = gL * invM
      yuNext = (e * cOld[i]! + gR * yuNext) * invM
      ywNext = ((tR - tL) * invF + gR * ywNext) * invM
      q[i] = qNext
      yu[i] = yuNext
      yw[i] = ywNext
      gR = gL
      tR = tL
    }
    // c_s(W) is affine in I_eff: c_s = u_0 + I_eff (w_0 − (1 − t+_0) Δx/(2 F D_0)) (half-cell extrapolation).
    let uPrev = yu[0]!
    let wPrev = yw[0]!
    const slope = wPrev - ((1 - tUse[0]!) * halfDx * invF) / dUse[0]!
    const csFull = uPrev + I * slope
    let ie = I
    if (csFull < cThr && slope < 0) {
      // Sand-limited: largest Li+-carried current keeping c_s = 1e-3 c0 (physics.md §9.5 "cap").
      ie = (cThr - uPrev) / slope
      if (ie < 0) ie = 0
      if (ie > I) ie = I
    }
    // Forward substitution + coefficient update + norms, one pass.
    const tD = P.D
    const tT = P.T
    const invH = P.invH
    const lastNode = P.last
    let rel = 0
    let coef = 0
    let pic = 0
    for (let i = 0; i < N; i++) {
      if (i > 0) {
        const qi = q[i]!
        uPrev = yu[i]! + qi * uPrev
        wPrev = yw[i]! + qi * wPrev
      }
      const ci = uPrev + ie * wPrev
      const dp = Math.abs(ci - cNew[i]!)
      if (dp > pic) pic = dp
      cNew[i] = ci
      const co = cOld[i]!
      const r = Math.abs(ci - co) / (co > cThr ? co : cThr)
      if (r > rel) rel = r
      let d: number
      let tp: number
      const sIdx = ci * invH
      if (sIdx >= 0 && sIdx < lastNode) {
        const k = sIdx | 0
        if (tD[k + 1]! !== tD[k + 1]! || tD[k]! !== tD[k]!) P.fillAround(k)
        const f = sIdx - k
        const d1 = tD[k]!
        const t1 = tT[k]!
        d = (d1 + f * (tD[k + 1]! - d1)) * epsB
        tp = t1 + f * (tT[k + 1]! - t1)
      } else {
        d = P.rawD(ci) * epsB
        tp = P.rawT(ci)
      }
      const dd = Math.abs(d - dUse[i]!) / dUse[i]!
      const dtp = Math.abs(tp - tUse[i]!)
      if (dd > coef) coef = dd
      if (dtp > coef) coef = dtp
      dNew[i] = d
      tNew[i] = tp
    }
    solveIe = ie
    solveCsFull = csFull
    solveRel = rel
    solveCoefChange = coef
    solvePicardChange = pic
  }

  /**
   * Picard iteration for one implicit step of length dtStep from c^n (coefficients lagged one iterate).
   * Leaves the converged state in cNew / dNew / tNew and returns true, or false if it did not converge.
   */
  const implicitStep = (dtStep: number): boolean => {
    dUse.set(dOld)
    tUse.set(tOld)
    for (let k = 0; k < PICARD_MAX_ITER; k++) {
      iterate(dtStep)
      // Converged when the coefficients at the new iterate match those used (exactly for constant
      // properties: then cNew is the fixed point) or when the iterate stopped moving.
      if (solveCoefChange <= COEF_TOL) return true
      if (k > 0 && solvePicardChange <= PICARD_TOL * c0) return true
      dUse.set(dNew)
      tUse.set(tNew)
    }
    return false
  }

  // Fresh-inventory update over an accepted step (physics.md §9.5: dn_f/dt(W) = +I/F (1 − f_dead),
  // dn_f/dt(C) = −I_f/F with I_f = I A_f j0_f / j0_eff; implicit Euler, positive root of the quadratic).
  const advanceFresh = (dtStep: number, ie: number): void => {
    if (!twoPathway) return
    const a = ie * invF
    nFreshW += a * (1 - deadFraction) * dtStep
    const k = (freshFactor * j0Fresh) / (nRef * j0Bulk)
    // n' + a Δt k n'/(1 + k n') = n  ⇒  k n'² + (1 + a k Δt − k n) n' − n = 0
    const B = 1 + a * k * dtStep - k * nFreshC
    nFreshC = (-B + Math.sqrt(B * B + 4 * k * nFreshC)) / (2 * k)
  }

  record()
  let nextRecord = recordEvery
  let dt = dtMax
  let csWOld = surfaceW(I) // value an infinitesimal first step would produce
  const stopAtDepletion = input.stopAtDepletion ?? false

  while (t < duration * (1 - 1e-12)) {
    if (steps + rejected >= maxSteps) {
      truncated = true
      break
    }
    let dtTry = Math.min(dt, duration - t)
    const converged = implicitStep(dtTry)
    // Adaptive Δt (physics.md §9.5): halve when max |Δc|/c > 5 % (or when Picard did not converge).
    if ((!converged || solveRel > MAX_RELATIVE_CHANGE) && dtTry > dtMin) {
      rejected++
      dt = dtTry / 2
      continue
    }
    let ie = solveIe
    const rel = solveRel
    let stopNow = false
    if (depletionTime === null && ie < I * (1 - 1e-12)) {
      // First step whose uncapped solution crosses c_s = 1e-3 c0: interpolate t_dep linearly in time.
      const denom = csWOld - solveCsFull
      const theta = denom > 0 ? Math.min(1, Math.max(0, (csWOld - cThr) / denom)) : 1
      depletionTime = t + theta * dtTry
      dtMax = dtMaxAfterDepletion
      if (stopAtDepletion) {
        // Land on t_dep with one more (capped if needed) implicit sub-step.
        if (theta < 1 && theta * dtTry > dtMin) {
          dtTry = theta * dtTry
          implicitStep(dtTry)
          ie = solveIe
        }
        stopNow = true
      }
    }
    // Accept.
    advanceFresh(dtTry, ie)
    t = stopNow && depletionTime !== null ? depletionTime : t + dtTry
    steps++
    cOld.set(cNew)
    dOld.set(dNew)
    tOld.set(tNew)
    iEff = ie
    if (ie < I * (1 - 1e-12)) sandLimited = true
    csWOld = surfaceW(ie)
    dt = rel < GROW_BELOW_RELATIVE_CHANGE ? Math.min(dtTry * DT_GROWTH, dtMax) : Math.min(dtTry, dtMax)
    if (stopNow) break
    if (t >= nextRecord * (1 - 1e-12) && t < duration * (1 - 1e-12)) {
      record()
      while (nextRecord <= t * (1 + 1e-12)) nextRecord += recordEvery
    }
  }
  if (time_s[time_s.length - 1] !== t) record()

  // Final profile: x = 0, cell centres, x = L.
  const x_m: number[] = [0]
  const c_molm3: number[] = [surfaceW(iEff)]
  for (let i = 0; i < N; i++) {
    x_m.push((i + 0.5) * dx)
    c_molm3.push(cOld[i]!)
  }
  x_m.push(L)
  c_molm3.push(surfaceC(iEff))

  return {
    depletionTime_s: depletionTime,
    time_s,
    voltage_V,
    surfaceConcentration_molm3: cSurfW,
    profile: { x_m, c_molm3 },
    steps,
    surfaceConcentrationC_molm3: cSurfC,
    components: { etaW_V: etaWs, etaC_V: etaCs, electrolyte_V: elecs, film_V: films },
    sandLimited,
    truncated,
    rejectedSteps: rejected,
    linearSolves,
  }
}

/**
 * |η| [V] at one electrode (physics.md §9.5 "Interfacial kinetics"):
 *   i = j0 (c_s/c_ref)^{α_a} [e^{α_a F η/RT} − e^{−α_c F η/RT}],  c_ref = c0.
 * All pathways share η and α, so they add into one effective j0 (see j0Effective). For plating
 * (cathodic, η < 0) the magnitude solves j0' [e^{α_c f|η|} − e^{−α_a f|η|}] = i, for stripping
 * j0' [e^{α_a f η} − e^{−α_c f η}] = i (f = F/RT). α_a = α_c = 0.5: closed form |η| = (2RT/F) asinh(i/(2 j0'))
 * (§9.5 "asinh closed form"); otherwise a safeguarded Newton iteration on the monotone residual.
 * c_s is floored at the depletion threshold, which caps η after Sand's time (§9.5 "cap η").
 */
function etaMagnitude(
  i: number,
  j0: number,
  cs: number,
  c0: number,
  cThr: number,
  alphaA: number,
  alphaC: number,
  RT_F: number,
  cathodic: boolean,
): number {
  if (i <= 0 || j0 <= 0) return 0
  const j0c = j0 * Math.pow((cs > cThr ? cs : cThr) / c0, alphaA)
  if (alphaA === 0.5) return 2 * RT_F * Math.asinh(i / (2 * j0c))
  const a1 = cathodic ? alphaC : alphaA // exponent of the driving branch
  const a2 = cathodic ? alphaA : alphaC
  const target = i / j0c
  // Newton on g(x) = e^{a1 x} − e^{−a2 x} − target, x = F|η|/RT, bracketed by [lo, hi].
  let x = Math.max(Math.log(target) / a1, target / (a1 + a2), 0)
  let lo = 0
  let hi = Math.max(2 * x, 1)
  while (Math.exp(a1 * hi) - Math.exp(-a2 * hi) < target) hi *= 2
  for (let it = 0; it < 100; it++) {
    const e1 = Math.exp(a1 * x)
    const e2 = Math.exp(-a2 * x)
    const g = e1 - e2 - target
    if (g > 0) hi = x
    else lo = x
    let xn = x - g / (a1 * e1 + a2 * e2)
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi)
    const done = Math.abs(xn - x) <= 1e-14 * (1 + x)
    x = xn
    if (done) break
  }
  return x * RT_F
}

/**
 * |Δφ_e| [V], concentrated-solution electrolyte potential drop (physics.md §9.5):
 *   Δφ_e = I ∫_0^L dx/κ_eff + (2RT/F) ∫_0^L (1 − t+) TDF d ln c,   κ_eff = κ ε^b,
 * midpoint rule for the ohmic term (exact for constant κ) and trapezoidal (1 − t+)·TDF over each ln c
 * increment: x = 0 → cell 0 (half cell), cell i → i+1, cell N−1 → x = L (half cell). Both terms are
 * positive while W plates (c increases with x and the ionic current flows towards W).
 */
function electrolyteDrop(
  P: PropertyTable,
  c: Float64Array,
  N: number,
  dx: number,
  epsB: number,
  I: number,
  RT_F: number,
  csW: number,
  csC: number,
  cFloor: number,
): number {
  const tK = P.K
  const tT = P.T
  const tF = P.F
  const tD = P.D
  const invH = P.invH
  const lastNode = P.last
  let ohmic = 0
  let diffusion = 0
  let prevLn = Math.log(csW)
  let prevFac = P.diffusionFactor(csW)
  for (let i = 0; i < N; i++) {
    const ci = c[i]! > cFloor ? c[i]! : cFloor
    let kap: number
    let fac: number
    const sIdx = ci * invH
    if (sIdx < lastNode) {
      const k = sIdx | 0
      if (tD[k + 1]! !== tD[k + 1]! || tD[k]! !== tD[k]!) P.fillAround(k)
      const f = sIdx - k
      const k1 = tK[k]!
      const t1 = tT[k]!
      const f1 = tF[k]!
      kap = k1 + f * (tK[k + 1]! - k1)
      fac = (1 - (t1 + f * (tT[k + 1]! - t1))) * (f1 + f * (tF[k + 1]! - f1))
    } else {
      kap = P.rawK(ci)
      fac = P.diffusionFactor(ci)
    }
    ohmic += dx / (kap * epsB)
    const lnc = Math.log(ci)
    diffusion += 0.5 * (prevFac + fac) * (lnc - prevLn)
    prevLn = lnc
    prevFac = fac
  }
  const facC = P.diffusionFactor(csC)
  diffusion += 0.5 * (prevFac + facC) * (Math.log(csC) - prevLn)
  return Math.abs(I * ohmic + 2 * RT_F * diffusion)
}

/**
 * Guarded, lazily tabulated property evaluation: throws on non-finite values, floors D and κ at 1e-30 and
 * clamps t+ to [0, 1]. With n > 0 points the four properties are tabulated on the uniform grid
 * c_k = k·cMax/(n − 1) (node 0 at a tiny positive c so correlations singular at 0 stay finite). A node is
 * evaluated the first time a concentration in an adjacent interval is needed (NaN marks "not yet"), and
 * the solver interpolates linearly inline. Outside [0, cMax) — or with n = 0 — `props` is called directly.
 */
class PropertyTable {
  readonly D: Float64Array
  readonly K: Float64Array
  readonly T: Float64Array
  readonly F: Float64Array
  readonly invH: number
  /** Index of the last node; a lookup is in range when 0 ≤ c·invH < last (never, when n = 0). */
  readonly last: number
  private readonly h: number
  private readonly props: TransportProps

  constructor(props: TransportProps, cMax: number, n: number) {
    this.props = props
    this.D = new Float64Array(n).fill(Number.NaN)
    this.K = new Float64Array(n).fill(Number.NaN)
    this.T = new Float64Array(n).fill(Number.NaN)
    this.F = new Float64Array(n).fill(Number.NaN)
    this.last = n > 1 ? n - 1 : 0
    this.h = n > 1 ? cMax / (n - 1) : 1
    this.invH = n > 1 ? 1 / this.h : 0
  }

  private check(name: string, c: number, v: number): number {
    if (!Number.isFinite(v)) throw new RangeError(`solveHalfCycle: props.${name}(${c}) = ${v} is not finite`)
    return v
  }
  rawD(c: number): number {
    const v = this.check('D', c, this.props.D(c))
    return v > 1e-30 ? v : 1e-30
  }
  rawK(c: number): number {
    const v = this.check('kappa', c, this.props.kappa(c))
    return v > 1e-30 ? v : 1e-30
  }
  rawT(c: number): number {
    const v = this.check('tPlus', c, this.props.tPlus(c))
    return v < 0 ? 0 : v > 1 ? 1 : v
  }
  rawF(c: number): number {
    return this.check('tdf', c, this.props.tdf(c))
  }
  /** (1 − t+) · TDF at c: integrand factor of the diffusion potential (physics.md §9.5), direct evaluation. */
  diffusionFactor(c: number): number {
    return (1 - this.rawT(c)) * this.rawF(c)
  }
  /** Evaluate nodes k and k + 1 if not yet done. */
  fillAround(k: number): void {
    for (let j = k; j <= k + 1; j++) {
      if (this.D[j] === this.D[j]) continue
      const c = j === 0 ? Math.min(1e-9 * this.h, 1e-12) : j * this.h
      this.D[j] = this.rawD(c)
      this.K[j] = this.rawK(c)
      this.T[j] = this.rawT(c)
      this.F[j] = this.rawF(c)
    }
  }
}
