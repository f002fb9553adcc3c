import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { solveHalfCycle } from '../../src/sim/solver1d.ts'
import type { Solver1DInput, TransportProps } from '../../src/sim/solver1d.ts'

// physics.md §0 (CODATA)
const F = 96485.33212
const R = 8.314462618
const T = 298.15
// physics.md §1.7 CP1.1–1.3: 1 M LiPF6 (Valøen fit) frozen at c0: D = 3.22e-10 m²/s, t+ = 0.38
const D0 = 3.22e-10
const T_PLUS = 0.38
const C0 = 1000
const KAPPA = 1.19 // S/m, physics.md §2.2 (Valøen, 1 M, 25 °C)
const TDF = 2.13 // physics.md §2.2

const constantProps: TransportProps = { D: () => D0, kappa: () => KAPPA, tPlus: () => T_PLUS, tdf: () => TDF }

/** Analytic semi-infinite Sand time, physics.md §1.2: π D (c0 F)² / (4 (J t_a)²) × ε^{b+1}. */
function sandTime(J_A_m2: number, eps = 1, b = 1.5): number {
  return ((Math.PI * D0 * (C0 * F) ** 2) / (4 * (J_A_m2 * (1 - T_PLUS)) ** 2)) * eps ** (b + 1)
}
/** Limiting current, physics.md §1.2: 2 c0 F D_eff / (t_a L). */
function limitingCurrent(L_m: number, eps = 1, b = 1.5): number {
  return (2 * C0 * F * D0 * eps ** b) / ((1 - T_PLUS) * L_m)
}

function base(overrides: Partial<Solver1DInput>): Solver1DInput {
  return {
    props: constantProps,
    c0_molm3: C0,
    length_m: 25e-6,
    porosity: 1,
    current_A_m2: 10,
    duration_s: 100,
    temperature_K: T,
    ...overrides,
  }
}

/** Total salt per area, ε Σ c Δx over the final cell values (profile excludes the two boundary points). */
function totalSalt(r: ReturnType<typeof solveHalfCycle>, L: number, eps: number): number {
  const cells = r.profile.c_molm3.slice(1, -1)
  const dx = L / cells.length
  return eps * cells.reduce((s, c) => s + c * dx, 0)
}

describe('solveHalfCycle — Sand / depletion checkpoints (physics.md §1.7, §9.6)', () => {
  it('analytic Sand times used below match CP1.1/CP1.2 (2450 s, 612 s)', () => {
    expect(sandTime(50)).toBeCloseTo(2449.9, 0)
    expect(sandTime(100)).toBeCloseTo(612.5, 0)
  })

  it('CP1.3: 5 mm free electrolyte, dx = 2.5 µm, dt = 1 s → t_dep 2457 s / 616 s, within 2 % of analytic 2450 / 612 s', () => {
    for (const [J, ref] of [
      [50, 2457],
      [100, 616],
    ] as const) {
      const r = solveHalfCycle(
        base({ length_m: 5e-3, nodes: 2000, dt_s: 1, current_A_m2: J, duration_s: 4000, stopAtDepletion: true }),
      )
      expect(r.depletionTime_s).not.toBeNull()
      const tDep = r.depletionTime_s!
      expect(Math.abs(tDep / ref - 1)).toBeLessThan(0.02)
      expect(Math.abs(tDep / sandTime(J) - 1)).toBeLessThan(0.02)
      // with stopAtDepletion the run ends exactly at t_dep
      expect(r.time_s.at(-1)).toBeCloseTo(tDep, 9)
    }
  })

  it('CP1.3 (coarse): default N = 100 over the 5 mm gap stays within 5 % of the analytic Sand time', () => {
    for (const J of [50, 100]) {
      const r = solveHalfCycle(base({ length_m: 5e-3, current_A_m2: J, duration_s: 4000, stopAtDepletion: true }))
      expect(Math.abs(r.depletionTime_s! / sandTime(J) - 1)).toBeLessThan(0.05)
    }
  })

  it('CP1.6: 1 cm capillary at 2 mA/cm² (2 J_lim) → t_dep = 15 343 s ± 3 %', () => {
    expect(limitingCurrent(0.01)).toBeCloseTo(10.02, 1) // CP1.5: 1.00 mA/cm²
    const r = solveHalfCycle(base({ length_m: 0.01, current_A_m2: 20, duration_s: 30_000, stopAtDepletion: true }))
    expect(Math.abs(r.depletionTime_s! / 15_343 - 1)).toBeLessThan(0.03)
  })

  it('CP1.7: 1 cm capillary at 1.05 J_lim → t_dep ≈ 8.97e4 s ± 5 %, well above the semi-infinite 5.6e4 s', () => {
    const J = 1.05 * limitingCurrent(0.01)
    const r = solveHalfCycle(base({ length_m: 0.01, current_A_m2: J, duration_s: 3e5, stopAtDepletion: true }))
    expect(Math.abs(r.depletionTime_s! / 8.97e4 - 1)).toBeLessThan(0.05)
    expect(r.depletionTime_s!).toBeGreaterThan(1.5 * sandTime(J))
  })

  it('CP1.8: GF/D 675 µm, ε = 0.9, Bruggeman: 20 mA/cm² → t_dep ≈ 120 s ± 5 %; 12 mA/cm² (< J_lim) never depletes', () => {
    const gfd = { length_m: 675e-6, porosity: 0.9, bruggeman: 1.5 }
    expect(limitingCurrent(675e-6, 0.9) / 10).toBeCloseTo(12.7, 1) // CP1.5
    const r = solveHalfCycle(base({ ...gfd, current_A_m2: 200, duration_s: 3600, stopAtDepletion: true }))
    expect(Math.abs(r.depletionTime_s! / 120 - 1)).toBeLessThan(0.05)
    expect(Math.abs(r.depletionTime_s! / sandTime(200, 0.9) - 1)).toBeLessThan(0.05)
    const below = solveHalfCycle(base({ ...gfd, current_A_m2: 120, duration_s: 20_000 }))
    expect(below.depletionTime_s).toBeNull()
    expect(below.sandLimited).toBe(false)
  })

  it('CP9.1: steady state below J_lim with constant D, t+ — linear profile, c(0) = c0 (1 − J/J_lim) within 0.5 %', () => {
    const L = 100e-6
    const eps = 0.5
    const Jlim = limitingCurrent(L, eps)
    const J = 0.6 * Jlim
    const r = solveHalfCycle(base({ length_m: L, porosity: eps, current_A_m2: J, duration_s: 2000 }))
    const { x_m, c_molm3 } = r.profile
    const c0s = c_molm3[0]!
    const cLs = c_molm3.at(-1)!
    expect(Math.abs(c0s / (C0 * (1 - J / Jlim)) - 1)).toBeLessThan(0.005)
    expect(Math.abs(cLs / (C0 * (1 + J / Jlim)) - 1)).toBeLessThan(0.005)
    // linear: every point on the chord between the two surface values (relative to c0)
    for (let i = 0; i < x_m.length; i++) {
      const lin = c0s + ((cLs - c0s) * x_m[i]!) / L
      expect(Math.abs(c_molm3[i]! - lin) / C0).toBeLessThan(1e-6)
    }
    // and the surface series converged to the same value
    expect(r.surfaceConcentration_molm3.at(-1)).toBeCloseTo(c0s, 6)
  })

  it('stopAtDepletion=false continues Sand-limited: flag set, concentrations ≥ 0, salt conserved', () => {
    const L = 675e-6
    const r = solveHalfCycle(base({ length_m: L, porosity: 0.9, current_A_m2: 200, duration_s: 1000 }))
    expect(r.depletionTime_s).not.toBeNull()
    expect(r.sandLimited).toBe(true)
    expect(r.time_s.at(-1)).toBeCloseTo(1000, 6)
    expect(Math.min(...r.profile.c_molm3)).toBeGreaterThanOrEqual(0)
    expect(Math.min(...r.surfaceConcentration_molm3)).toBeGreaterThanOrEqual(0.999e-3 * C0)
    expect(Math.abs(totalSalt(r, L, 0.9) / (0.9 * C0 * L) - 1)).toBeLessThan(1e-9)
    // the voltage is capped (finite) but larger after depletion
    const vAbs = r.voltage_V.map(Math.abs)
    expect(vAbs.every(Number.isFinite)).toBe(true)
    expect(vAbs.at(-1)!).toBeGreaterThan(vAbs[0]!)
  })
})

describe('solveHalfCycle — voltage (physics.md §9.5)', () => {
  it('CP9.3: small-signal charge-transfer resistance R_ct = RT/(F j0) = 3.64 Ω·cm² per electrode (±1 %)', () => {
    const j0 = 70.6 // A/m², CP7.4 (Xu2019)
    const Rct_ohm_cm2 = ((R * T) / (F * j0)) * 1e4
    expect(Rct_ohm_cm2).toBeCloseTo(3.64, 2)
    for (const alpha of [0.5, 0.3]) {
      const I = 0.01 // A/m² (1 µA/cm²)
      const r = solveHalfCycle(base({ current_A_m2: I, duration_s: 10, kinetics: { j0_A_m2: j0, alpha } }))
      const c = r.components!
      for (let k = 0; k < r.time_s.length; k++) {
        expect(Math.abs(((c.etaW_V[k]! / I) * 1e4) / 3.64 - 1)).toBeLessThan(0.01)
        expect(Math.abs(((c.etaC_V[k]! / I) * 1e4) / 3.64 - 1)).toBeLessThan(0.01)
        // |V| is the sum of its parts (no SEI here)
        expect(-r.voltage_V[k]!).toBeCloseTo(c.etaW_V[k]! + c.etaC_V[k]! + c.electrolyte_V[k]! + c.film_V[k]!, 12)
      }
    }
  })

  it('Butler–Volmer: asinh closed form for α = 0.5 and the Newton solution for α ≠ 0.5 satisfy the BV equation', () => {
    const j0 = 5
    const I = 100
    const f = F / (R * T)
    const sym = solveHalfCycle(base({ current_A_m2: I, duration_s: 1, kinetics: { j0_A_m2: j0 } }))
    expect(sym.components!.etaW_V[0]).toBeCloseTo((2 / f) * Math.asinh(I / (2 * j0)), 12)
    const alpha = 0.3 // α_a; α_c = 0.7
    const asym = solveHalfCycle(base({ current_A_m2: I, duration_s: 1, kinetics: { j0_A_m2: j0, alpha } }))
    const etaW = asym.components!.etaW_V[0]! // cathodic: I = j0 (e^{α_c f|η|} − e^{−α_a f|η|}) at c_s = c0
    const etaC = asym.components!.etaC_V[0]! // anodic: I = j0 (e^{α_a f η} − e^{−α_c f η})
    expect(j0 * (Math.exp(0.7 * f * etaW) - Math.exp(-0.3 * f * etaW))).toBeCloseTo(I, 8)
    expect(j0 * (Math.exp(0.3 * f * etaC) - Math.exp(-0.7 * f * etaC))).toBeCloseTo(I, 8)
    expect(etaC).toBeGreaterThan(etaW) // the smaller anodic coefficient costs more overpotential
  })

  it('electrolyte drop: I L/κ_eff at t = 0 and ohmic + (2RT/F)(1 − t+) TDF ln(c_L/c_0) at steady state', () => {
    const L = 100e-6
    const eps = 0.5
    const kEff = KAPPA * eps ** 1.5
    const J = 0.5 * limitingCurrent(L, eps)
    const r = solveHalfCycle(base({ length_m: L, porosity: eps, current_A_m2: J, duration_s: 2000 }))
    const drop = r.components!.electrolyte_V
    expect(drop[0]).toBeCloseTo((J * L) / kEff, 12)
    const expected = (J * L) / kEff + ((2 * R * T) / F) * (1 - T_PLUS) * TDF * Math.log(1.5 / 0.5)
    expect(Math.abs(drop.at(-1)! / expected - 1)).toBeLessThan(0.005)
  })

  it('series resistances add I·ΣR and the voltage is negative while W plates', () => {
    const res = { sei: 2e-3, dead: 1e-3, contact: 5e-4 } // Ω·m²
    const r = solveHalfCycle(base({ current_A_m2: 10, duration_s: 10, resistances_ohm_m2: res, kinetics: { j0_A_m2: 70.6 } }))
    expect(r.components!.film_V[0]).toBeCloseTo(10 * 3.5e-3, 12)
    expect(r.voltage_V.every((v) => v < 0)).toBe(true)
  })

  it('fresh-area two-pathway kinetics (Wood 2016): η_C rises as C’s fresh Li is consumed, η_W falls as W gains it', () => {
    const r = solveHalfCycle(
      base({ current_A_m2: 10, duration_s: 3600, kinetics: { j0_A_m2: 5, freshAreaFactor: 20 } }),
    )
    const { etaW_V, etaC_V } = r.components!
    expect(etaC_V.at(-1)!).toBeGreaterThan(2 * etaC_V[0]!)
    expect(etaW_V.at(-1)!).toBeLessThan(0.5 * etaW_V[0]!)
    // without the factor both electrodes stay at the single-pathway value
    const flat = solveHalfCycle(base({ current_A_m2: 10, duration_s: 3600, kinetics: { j0_A_m2: 5 } }))
    expect(flat.components!.etaC_V.at(-1)).toBeCloseTo(flat.components!.etaC_V[0]!, 3)
  })
})

describe('solveHalfCycle — numerics', () => {
  // Valøen-like c-dependent properties (physics.md §2.1(a) D form, with a varying t+ to exercise ∂t+/∂x)
  const varying: TransportProps = {
    D: (c) => 1e-4 * 10 ** (-4.43 - 54 / (T - 229 - 5 * Math.max(c, 1) / 1000) - 0.22 * (Math.max(c, 1) / 1000)),
    kappa: (c) => 0.2 + 1.0 * Math.min(c / 1000, 2),
    tPlus: (c) => 0.3 + 0.1 * Math.tanh(c / 1000),
    tdf: (c) => 1 + Math.sqrt(Math.max(c, 0) / 1000),
  }

  it('mass conservation: total salt constant to 1e-9 relative (c-dependent D and t+, through depletion)', () => {
    for (const [L, eps, J] of [
      [25e-6, 0.39, 40],
      [675e-6, 0.9, 250],
      [5e-3, 1, 60],
    ] as const) {
      const r = solveHalfCycle(base({ props: varying, length_m: L, porosity: eps, current_A_m2: J, duration_s: 3000 }))
      expect(Math.abs(totalSalt(r, L, eps) / (eps * C0 * L) - 1)).toBeLessThan(1e-9)
    }
  })

  it('steady state with c-dependent t+: the cation flux −D ∂c/∂x − t+ I/F equals −I/F at every face', () => {
    const L = 50e-6
    const eps = 0.6
    const J = 30
    const r = solveHalfCycle(base({ props: varying, length_m: L, porosity: eps, current_A_m2: J, duration_s: 600, nodes: 200 }))
    const cells = r.profile.c_molm3.slice(1, -1)
    const dx = L / cells.length
    const epsB = eps ** 1.5
    for (let i = 0; i + 1 < cells.length; i++) {
      const a = cells[i]!
      const bb = cells[i + 1]!
      const Df = 0.5 * (varying.D(a) + varying.D(bb)) * epsB
      const tf = 0.5 * (varying.tPlus(a) + varying.tPlus(bb))
      const flux = -Df * ((bb - a) / dx) - (tf * J) / F
      expect(Math.abs(flux / (-J / F) - 1)).toBeLessThan(1e-4)
    }
  })

  it('the internal property table is a harmless approximation (vs calling props at every use)', () => {
    const input = base({ props: varying, length_m: 675e-6, porosity: 0.9, current_A_m2: 200, duration_s: 600, kinetics: { j0_A_m2: 20 } })
    const tabulated = solveHalfCycle(input)
    const direct = solveHalfCycle({ ...input, propertyTablePoints: 0 })
    expect(Math.abs(tabulated.depletionTime_s! / direct.depletionTime_s! - 1)).toBeLessThan(1e-4)
    expect(Math.abs(tabulated.voltage_V.at(-1)! / direct.voltage_V.at(-1)! - 1)).toBeLessThan(1e-4)
  })

  it('determinism: identical inputs give identical outputs', () => {
    const input = base({ props: varying, length_m: 675e-6, porosity: 0.9, current_A_m2: 200, duration_s: 600, kinetics: { j0_A_m2: 20, alpha: 0.4 } })
    expect(solveHalfCycle(input)).toEqual(solveHalfCycle(input))
  })

  it('series length is bounded (≤ 500 points) even for a tiny recordEvery_s', () => {
    const r = solveHalfCycle(base({ duration_s: 1000, recordEvery_s: 1e-3 }))
    expect(r.time_s.length).toBeLessThanOrEqual(500)
    expect(r.time_s.length).toBeGreaterThan(100)
    expect(r.time_s[0]).toBe(0)
    expect(r.time_s.at(-1)).toBeCloseTo(1000, 9)
    for (let k = 1; k < r.time_s.length; k++) expect(r.time_s[k]!).toBeGreaterThan(r.time_s[k - 1]!)
  })

  it('maxSteps caps the work and flags truncation', () => {
    const r = solveHalfCycle(base({ duration_s: 1000, dt_s: 0.01, maxSteps: 50 }))
    expect(r.truncated).toBe(true)
    expect(r.steps + (r.rejectedSteps ?? 0)).toBeLessThanOrEqual(50)
    expect(r.time_s.at(-1)!).toBeLessThan(1000)
  })

  it('rejects invalid inputs with RangeError', () => {
    expect(() => solveHalfCycle(base({ porosity: 0 }))).toThrow(RangeError)
    expect(() => solveHalfCycle(base({ current_A_m2: -1 }))).toThrow(RangeError)
    expect(() => solveHalfCycle(base({ nodes: 2 }))).toThrow(RangeError)
    expect(() => solveHalfCycle(base({ props: { ...constantProps, D: () => Number.NaN } }))).toThrow(RangeError)
  })

  it('property: concentrations stay ≥ 0 and finite, voltages finite, salt conserved (random valid inputs)', () => {
    fc.assert(
      fc.property(
        fc.record({
          D: fc.double({ min: 5e-11, max: 2e-9, noNaN: true }),
          dSlope: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
          tp: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          tpSlope: fc.double({ min: -0.04, max: 0.04, noNaN: true }),
          c0: fc.double({ min: 100, max: 4000, noNaN: true }),
          L: fc.double({ min: 10e-6, max: 5e-3, noNaN: true }),
          eps: fc.double({ min: 0.2, max: 1, noNaN: true }),
          jRatio: fc.double({ min: 0, max: 4, noNaN: true }),
          durRatio: fc.double({ min: 0.1, max: 5, noNaN: true }),
          nodes: fc.integer({ min: 5, max: 120 }),
          alpha: fc.constantFrom(0.5, 0.35, 0.65),
          stop: fc.boolean(),
        }),
        (p) => {
          const props: TransportProps = {
            D: (c) => p.D * Math.exp(p.dSlope * Math.min(c / p.c0, 4)),
            kappa: (c) => 0.05 + (c / p.c0) * 1.0,
            tPlus: (c) => Math.min(0.97, Math.max(0.03, p.tp + p.tpSlope * Math.min(c / p.c0, 4))),
            tdf: () => 1.5,
          }
          const Jlim = (2 * p.c0 * F * p.D * p.eps ** 1.5) / ((1 - p.tp) * p.L)
          const J = p.jRatio * Jlim
          const diffTime = (p.L * p.L) / (p.D * p.eps ** 0.5)
          const input: Solver1DInput = {
            props,
            c0_molm3: p.c0,
            length_m: p.L,
            porosity: p.eps,
            current_A_m2: J,
            duration_s: p.durRatio * diffTime,
            temperature_K: T,
            nodes: p.nodes,
            kinetics: { j0_A_m2: 10, alpha: p.alpha },
            stopAtDepletion: p.stop,
          }
          const r = solveHalfCycle(input)
          for (const c of r.profile.c_molm3) {
            expect(Number.isFinite(c)).toBe(true)
            expect(c).toBeGreaterThanOrEqual(0)
          }
          for (const c of r.surfaceConcentration_molm3) expect(c).toBeGreaterThanOrEqual(0)
          for (const v of r.voltage_V) expect(Number.isFinite(v)).toBe(true)
          const salt = totalSalt(r, p.L, p.eps)
          expect(Math.abs(salt / (p.eps * p.c0 * p.L) - 1)).toBeLessThan(1e-9)
        },
      ),
      { numRuns: 60, seed: 20240611 },
    )
  })
})
