import { describe, expect, test } from 'vitest'
import {
  anionDiffusivity,
  cationDiffusivity,
  dendriticDepositDensity,
  tipVelocity,
  tipVelocityIdeal,
  tipVelocityMeasured,
  transitTime_s,
} from '../../src/sim/chazalviel.ts'
import { valoen2005 } from '../../src/sim/electrolyte.ts'
import { simulate } from '../../src/sim/simulate.ts'

function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

const T = 298.15
const V = valoen2005(1, T)
const um_s = (v: number) => v * 1e6

describe('Chazalviel tip velocity (physics.md §3.2)', () => {
  test('CP3.1 1 M LiPF6, 10 mA/cm²: v_id = 0.643 µm/s, μ_a J/κ = 1.39 µm/s, D− = 4.24e-10, D+ = 2.60e-10 (±1 %)', () => {
    expectRel(um_s(tipVelocityIdeal(100, 1000, V.tPlus)), 0.643, 0.01)
    expectRel(um_s(tipVelocityMeasured(100, V.kappa_S_m, V.D_m2_s, V.tPlus, T)), 1.39, 0.01)
    expectRel(anionDiffusivity(V.D_m2_s, V.tPlus), 4.24e-10, 0.01)
    expectRel(cationDiffusivity(V.D_m2_s, V.tPlus), 2.6e-10, 0.01)
  })

  test('CP3.2 same at 1 mA/cm²: 0.064 / 0.139 µm/s, linear in J (±1 %)', () => {
    expectRel(um_s(tipVelocityIdeal(10, 1000, V.tPlus)), 0.0643, 0.01)
    expectRel(um_s(tipVelocityMeasured(10, V.kappa_S_m, V.D_m2_s, V.tPlus, T)), 0.139, 0.01)
    const input = { current_A_m2: 10, c0_molm3: 1000, kappa_S_m: V.kappa_S_m, D_m2_s: V.D_m2_s, tPlus: V.tPlus, temperature_K: T }
    expectRel(tipVelocity({ ...input, current_A_m2: 70 }), 7 * tipVelocity(input), 1e-12)
    // the conservative default is the larger (measured-κ) form here
    expect(tipVelocity(input)).toBe(tipVelocity(input, 'measured'))
  })

  test('CP3.3 GF/D 675 µm, ε = 0.9, τ = 1.054, 20 mA/cm², ideal v = 1.29 µm/s: t_transit ≈ 500 s, t_short ≈ 620 s (±10 %)', () => {
    const v = tipVelocityIdeal(200, 1000, V.tPlus)
    expectRel(um_s(v), 1.29, 0.01)
    const transit = transitTime_s(675e-6, 0.9, 1.054, v)
    expectRel(transit, 500, 0.1)
    // t_short = t_dep + t_transit, with t_dep (≈ 120 s in physics.md) from the simulator for this cell
    const tDep = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, separator: { type: 'GF' }, currentDensity_mA_cm2: 20, capacity_mAh_cm2: 20 })
      .quantities.depletionTime?.value ?? Number.NaN
    expectRel(tDep + transit, 620, 0.1)
  })

  test('CP3.4 deposit density: 1 M, t+ = 0.38 → 0.021; 4 M, t+ = 0.55 → 0.116 (±1 %)', () => {
    expectRel(dendriticDepositDensity(100, tipVelocityIdeal(100, 1000, 0.38)), 0.021, 0.01)
    expectRel(dendriticDepositDensity(100, tipVelocityIdeal(100, 4000, 0.55)), 0.116, 0.01)
  })
})

describe('CP3.6 Monroe & Newman 2003 orderings (via simulate)', () => {
  const gf = (J: number, extra: Record<string, unknown> = {}) =>
    simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, separator: { type: 'GF' }, currentDensity_mA_cm2: J, capacity_mAh_cm2: 20, ...extra })

  test('CP3.6 short time falls as J rises above J_lim', () => {
    const times = [15, 20, 30, 45].map((J) => gf(J).quantities.chazalvielShortTime?.value ?? Number.NaN)
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThan(times[i - 1] ?? 0)
    expect(gf(20).quantities.chazalvielShortTime?.value).toBeGreaterThan(0)
    expect(gf(20).quantities.timeToShort?.value).toBe(gf(20).quantities.chazalvielShortTime?.value)
  })

  test('CP3.6 the transport risk appears only above 0.75 J_lim and grows with J', () => {
    const Jlim = gf(1).quantities.limitingCurrentDensity?.value ?? 0
    expect(gf(0.7 * Jlim).shortRisk.components.transport).toBe(0)
    const r85 = gf(0.85 * Jlim).shortRisk.components.transport ?? 0
    const r95 = gf(0.95 * Jlim).shortRisk.components.transport ?? 0
    expect(r85).toBeGreaterThan(0)
    expect(r95).toBeGreaterThan(r85)
    expect(gf(0.85 * Jlim).regime).toBe('near-limiting')
  })

  test('CP3.6 a larger gap delays failure, with diminishing returns (sub-proportional in the gap)', () => {
    const cap = (gap: number) =>
      simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, gap_um: gap, currentDensity_mA_cm2: 30, capacity_mAh_cm2: 50 }).quantities.chazalvielShortTime?.value ?? Number.NaN
    const t1 = cap(500)
    const t2 = cap(1000)
    const t4 = cap(2000)
    expect(t2).toBeGreaterThan(t1)
    expect(t4).toBeGreaterThan(t2)
    expect(t2 / t1).toBeLessThan(2)
    expect(t4 / t2).toBeLessThan(2)
  })
})
