import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { valoen2005 } from '../../src/sim/electrolyte.ts'
import { simulate } from '../../src/sim/simulate.ts'
import {
  depletionTime,
  effectiveDiffusivity,
  limitingCurrent_A_m2,
  porousSandFactor,
  sandCapacity_C_m2,
  sandTime_s,
  transportRegime,
} from '../../src/sim/transport.ts'

function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

// 1 M LiPF6 (Valøen fit) at 25 °C: D = 3.22e-10 m²/s, t+ = 0.38 (physics.md §1.7).
const V = valoen2005(1, 298.15)
const c0 = 1000
const MAH = 36_000
const bruggeman = (eps: number) => ({ porosity: eps, tortuosity: Math.pow(eps, -0.5) })

describe('Sand time and capacity (physics.md §1.2)', () => {
  test('CP1.1 1 M LiPF6, 10 mA/cm²: t_Sand = 612 s, C_Sand = 1.70 mAh/cm² (±1 %)', () => {
    expectRel(sandTime_s(V.D_m2_s, c0, 100, V.tPlus), 612, 0.01)
    expectRel(sandCapacity_C_m2(V.D_m2_s, c0, 100, V.tPlus) / MAH, 1.7, 0.01)
  })

  test('CP1.2 same at 5 mA/cm²: t_Sand = 2450 s, C_Sand = 3.40 mAh/cm² (±1 %)', () => {
    expectRel(sandTime_s(V.D_m2_s, c0, 50, V.tPlus), 2450, 0.01)
    expectRel(sandCapacity_C_m2(V.D_m2_s, c0, 50, V.tPlus) / MAH, 3.4, 0.01)
  })

  test('CP1.1 through simulate(): LiPF6_PC_EC_DMC in a 1 cm capillary at 10 mA/cm²', () => {
    const r = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, gap_um: 10_000, currentDensity_mA_cm2: 10 })
    expectRel(r.quantities.sandTime?.value ?? 0, 612, 0.01)
    expectRel(r.quantities.sandCapacity?.value ?? 0, 1.7, 0.01)
    expect(r.quantities.sandTime?.unit).toBe('s')
  })

  test('CP1.4 d ln t_Sand / d ln J = −2, C_Sand ∝ 1/J, t_Sand ∝ c0² (exact)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-10, max: 1e-8, noNaN: true }),
        fc.double({ min: 10, max: 5000, noNaN: true }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.double({ min: 1.1, max: 10, noNaN: true }),
        (D, c, J, tp, k) => {
          const t = sandTime_s(D, c, J, tp)
          expectRel(sandTime_s(D, c, k * J, tp), t / (k * k), 1e-12)
          expectRel(sandTime_s(D, k * c, J, tp), t * k * k, 1e-12)
          expectRel(sandCapacity_C_m2(D, c, k * J, tp), sandCapacity_C_m2(D, c, J, tp) / k, 1e-12)
        },
      ),
      { numRuns: 200 },
    )
  })

  test('porous-separator factor ε²/τ: 0.095 for ε = 0.39 and 0.768 for ε = 0.9 (Bruggeman, [C])', () => {
    const a = bruggeman(0.39)
    const b = bruggeman(0.9)
    expect(porousSandFactor(a.porosity, a.tortuosity)).toBeCloseTo(0.095, 3)
    expect(porousSandFactor(b.porosity, b.tortuosity)).toBeCloseTo(0.768, 3)
  })

  test('CP1.10 4 M LiFSI/DME has ≈ 14× the Sand capacity of 1 M LiPF6 at equal J (order of magnitude)', () => {
    const hce = sandCapacity_C_m2(1.5e-10, 4000, 50, 0.55)
    const ratio = hce / sandCapacity_C_m2(V.D_m2_s, c0, 50, V.tPlus)
    expect(ratio).toBeGreaterThan(14 / 3)
    expect(ratio).toBeLessThan(14 * 3)
  })
})

describe('limiting current (physics.md §1.2)', () => {
  const jlim = (L_um: number, eps: number) => {
    const b = bruggeman(eps)
    return limitingCurrent_A_m2(effectiveDiffusivity(V.D_m2_s, b.porosity, b.tortuosity), c0, V.tPlus, L_um * 1e-6) / 10
  }
  test('CP1.5 J_lim table: 97.6 / 158 / 12.7 / 1.00 mA/cm² (±2 %)', () => {
    expectRel(jlim(25, 0.39), 97.6, 0.02)
    expectRel(jlim(16, 0.4), 158, 0.02)
    expectRel(jlim(675, 0.9), 12.7, 0.02)
    expectRel(limitingCurrent_A_m2(V.D_m2_s, c0, V.tPlus, 0.01) / 10, 1.0, 0.02)
  })

  test('CP1.5 through simulate(): default PE separator (25 µm, ε = 0.39, Bruggeman) → 97.6 mA/cm²', () => {
    const r = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, currentDensity_mA_cm2: 1 })
    expectRel(r.quantities.limitingCurrentDensity?.value ?? 0, 97.6, 0.02)
  })
})

describe('finite-cell depletion time (physics.md §1.2 finite-cell rule, 1D solver)', () => {
  const base = { D_m2_s: V.D_m2_s, kappa_S_m: V.kappa_S_m, tPlus: V.tPlus, tdf: V.tdf, c0_molm3: c0, temperature_K: 298.15 }
  const capillary = { length_m: 0.01, porosity: 1, tortuosity: 1 }
  const gfd = { length_m: 675e-6, ...bruggeman(0.9) }

  test('CP1.6 1 cm capillary, J = 2 mA/cm²: t_dep = 15 343 s (±3 %)', () => {
    const r = depletionTime({ ...base, current_A_m2: 20, layer: capillary })
    expect(r.time_s).not.toBeNull()
    expectRel(r.time_s ?? 0, 15_343, 0.03)
  })

  test('CP1.7 1 cm capillary, J = 1.05 J_lim: t_dep ≈ 8.97e4 s (±5 %), well above the semi-infinite 5.6e4 s', () => {
    const Jlim = limitingCurrent_A_m2(V.D_m2_s, c0, V.tPlus, 0.01)
    const r = depletionTime({ ...base, current_A_m2: 1.05 * Jlim, layer: capillary })
    expect(r.method).toBe('1D solver')
    expectRel(r.time_s ?? 0, 8.97e4, 0.05)
    expectRel(r.sandTimePorous_s, 5.6e4, 0.02)
  })

  test('CP1.8 GF/D 675 µm, ε = 0.9, J = 20 mA/cm²: t_dep ≈ 120 s (±5 %); none at 12 mA/cm² (< J_lim)', () => {
    const r = depletionTime({ ...base, current_A_m2: 200, layer: gfd })
    expectRel(r.time_s ?? 0, 120, 0.05)
    expectRel(r.sandTimePorous_s, 118, 0.01)
    const below = depletionTime({ ...base, current_A_m2: 120, layer: gfd })
    expect(below.time_s).toBeNull()
    expect(below.method).toBe('no-depletion')
  })

  test('CP8.4 t_Sand(0 °C)/t_Sand(25 °C) = 0.290 for Valøen 1 M, t+ fixed (±1 %)', () => {
    const cold = valoen2005(1, 273.15)
    expectRel(sandTime_s(cold.D_m2_s, c0, 100, 0.38) / sandTime_s(V.D_m2_s, c0, 100, 0.38), 0.29, 0.01)
  })
})

describe('regime (physics.md §1.3)', () => {
  test('CP1.9 below J_lim only reaction-limited (no tip growth); past Sand capacity transport-limited', () => {
    expect(transportRegime(0.5, 1e9, null)).toBe('reaction-limited')
    expect(transportRegime(0.8, 1e9, null)).toBe('near-limiting')
    expect(transportRegime(2, 100, 500)).toBe('near-limiting')
    expect(transportRegime(2, 600, 500)).toBe('transport-limited')
    const below = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, separator: { type: 'GF' }, currentDensity_mA_cm2: 12, capacity_mAh_cm2: 5 })
    expect(below.regime).not.toBe('transport-limited')
    expect(below.morphology.class).not.toBe('dendritic')
    expect(below.notApplicable.depletionTime).toMatch(/J ≤ J_lim/)
  })
})
