import { describe, expect, test } from 'vitest'
import { arrhenius } from '../../src/sim/constants.ts'
import {
  PYBAMM_SEI,
  chargeTransferResistance_ohm_m2,
  liMetalExchangeCurrent_A_m2,
  seiCurrentDensity_A_m2,
  seiQualityIndex,
  seiThicknessSolventDiffusion_m,
} from '../../src/sim/sei.ts'
import { simulate } from '../../src/sim/simulate.ts'

const T = 298.15

function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

describe('SEI growth laws (physics.md §7.1)', () => {
  test('CP7.1 solvent-diffusion law: d ln L / d ln t = 0.5 once L ≫ L0 (±0.01)', () => {
    const scale = 1e6
    const t1 = 1e7
    const t2 = 2e7
    const slope = Math.log(seiThicknessSolventDiffusion_m(t2, T, scale) / seiThicknessSolventDiffusion_m(t1, T, scale)) / Math.log(t2 / t1)
    expect(Math.abs(slope - 0.5)).toBeLessThanOrEqual(0.01)
  })

  test('PyBaMM graphite parameters grow the SEI only from 5.0 to 5.5 nm in a day (physics.md §7.1 caveat [C])', () => {
    expect(seiThicknessSolventDiffusion_m(86_400, T) * 1e9).toBeCloseTo(5.5, 1)
  })

  test('CP7.2 Arrhenius with E = 38 kJ/mol: rate(35 °C)/rate(25 °C) = 1.645 (±0.5 %)', () => {
    expectRel(arrhenius(38_000, 308.15), 1.645, 0.005)
    const s = { thickness_m: 10e-9, deltaPhi_V: 0, temperature_K: 308.15 }
    expectRel(seiCurrentDensity_A_m2('solvent-diffusion-limited', s) / seiCurrentDensity_A_m2('solvent-diffusion-limited', { ...s, temperature_K: T }), 1.645, 0.005)
  })

  test('CP7.3 reaction-limited, η_SEI = −0.4 V, 25 °C, j0 = 1.5e-7 A/m²: |j_sei| = 3.60e-4 A/m² (±1 %)', () => {
    // η_SEI = Δφ − U_sei = −0.4 V with U_sei = 0.4 V ⇒ Δφ = 0
    const j = seiCurrentDensity_A_m2('reaction-limited', { thickness_m: PYBAMM_SEI.initialThickness_m, deltaPhi_V: 0, temperature_K: T })
    expect(j).toBeLessThan(0)
    expectRel(-j, 3.6e-4, 0.01)
  })

  test('every SEI law consumes Li (j_sei < 0) below U_sei', () => {
    for (const law of ['reaction-limited', 'electron-migration-limited', 'interstitial-diffusion-limited', 'solvent-diffusion-limited', 'ec-reaction-limited'] as const) {
      expect(seiCurrentDensity_A_m2(law, { thickness_m: 10e-9, deltaPhi_V: 0.05, temperature_K: T })).toBeLessThan(0)
    }
  })

  test('CP7.4 Xu2019 Li-metal j0 at 1 M = 70.6 A/m² (7.06 mA/cm², ±1 %)', () => {
    expectRel(liMetalExchangeCurrent_A_m2(1000, T), 70.6, 0.01)
  })

  test('CP9.3 small-signal R_ct = RT/(F j0) = 3.64 Ω·cm² per electrode at j0 = 70.6 A/m² (±1 %)', () => {
    expectRel(chargeTransferResistance_ohm_m2(70.6, T) * 1e4, 3.64, 0.01)
  })
})

describe('SEI quality index (physics.md §7.2)', () => {
  const ce = (id: string, additives: { id: string; amount: number; unit: string }[] = [], kind = 'liquid') =>
    simulate({ electrolyte: { kind, id, additives }, currentDensity_mA_cm2: 0.5 }).quantities.coulombicEfficiency?.value ?? 0

  test('base values and additive increments; capped at 0.95', () => {
    expect(seiQualityIndex('LiPF6_EC_DMC_1_1', 'carbonate', 1, []).S).toBe(0.25)
    expect(seiQualityIndex('LiPF6_EC_DMC_1_1', 'carbonate', 1, [{ id: 'FEC', amount_wtPct: 10 }]).S).toBeCloseTo(0.45, 10)
    expect(seiQualityIndex('LiPF6_EC_DMC_1_1', 'carbonate', 1, [{ id: 'FEC', amount_wtPct: 2.5 }]).S).toBeCloseTo(0.35, 10)
    expect(seiQualityIndex('LiFSI_F5DEE', 'fluorinatedEther', 1.2, [{ id: 'LiNO3', amount_wtPct: 5 }]).S).toBe(0.95)
    const cs = seiQualityIndex('LiPF6_EC_DMC_1_1', 'carbonate', 1, [{ id: 'CsPF6', amount_wtPct: 1.16 }])
    expect(cs.tipShield).toBe(true)
    expect(seiQualityIndex('LiFSI_DME', 'ether', 4, []).anionDerivedSolvation).toBe(true)
  })

  test('CP7.5 the S ordering feeds the CE ordering (monotone)', () => {
    const cases: [number, number][] = [
      [seiQualityIndex('LiPF6_PC', 'PC', 1, []).S, ce('LiPF6_PC')],
      [seiQualityIndex('LiPF6_EC_DMC_1_1', 'carbonate', 1, []).S, ce('LiPF6_EC_DMC_1_1')],
      [seiQualityIndex('LiPF6_EC_DMC_1_1', 'carbonate', 1, [{ id: 'FEC', amount_wtPct: 10 }]).S, ce('LiPF6_EC_DMC_1_1', [{ id: 'FEC', amount: 10, unit: 'wt%' }])],
      [seiQualityIndex('LiFSI_DME_HCE', 'HCE', 4, []).S, ce('LiFSI_DME_HCE')],
    ]
    for (let i = 1; i < cases.length; i++) {
      expect(cases[i]?.[0]).toBeGreaterThan(cases[i - 1]?.[0] ?? 0)
      expect(cases[i]?.[1]).toBeGreaterThan(cases[i - 1]?.[1] ?? 0)
    }
  })
})
