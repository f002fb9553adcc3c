import { describe, expect, test } from 'vitest'
import { simulate } from '../../src/sim/simulate.ts'
import {
  PRESSURE_PER_OVERPOTENTIAL_PA_V,
  SOLID_MATERIALS,
  criticalCurrentDensity_mA_cm2,
  monroeNewman,
  porzCriterion,
  voidCurrentDensity_mA_cm2,
} from '../../src/sim/solid.ts'

const T = 298.15

function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

const solid = (id: string, extra: Record<string, unknown> = {}, options: Record<string, unknown> = {}) =>
  simulate({ electrolyte: { kind: 'solid', id, solid: options }, cellType: 'Li-Li', currentDensity_mA_cm2: 0.1, ...extra })

describe('solid electrolytes (physics.md §5)', () => {
  test('CP5.1 LLZO: Monroe–Newman satisfied and yet CCD(25 °C, 0 MPa) ≤ 0.3 mA/cm² — MN is not a gate', () => {
    const r = solid('LLZO', { stackPressure_kPa: 0 })
    expect(monroeNewman(SOLID_MATERIALS.LLZO.shearModulus_GPa).satisfied).toBe(true)
    expect(r.facts.find((f) => f.name === 'MN_satisfied')?.value).toBe(true)
    expect(r.quantities.criticalCurrentDensity?.value).toBeLessThanOrEqual(0.3)
    // MN satisfied does not prevent filament penetration above the CCD
    const over = solid('LLZO', { stackPressure_kPa: 0, currentDensity_mA_cm2: 0.5 })
    expect(over.morphology.class).toBe('filament-penetration')
    expect(over.facts.find((f) => f.name === 'CCD_exceeded')?.value).toBe(true)
    expect(over.quantities.timeToShort).toBeDefined()
  })

  test('CP5.2 Flatscher: single-crystal LLZO at RT, no pressure: CCD ≤ 0.28 mA/cm², strictly decreasing in ASR', () => {
    const ccd = (asr: number) =>
      criticalCurrentDensity_mA_cm2({ material: SOLID_MATERIALS.LLZO, temperature_K: T, stackPressure_MPa: 0, asr_ohm_cm2: asr, relDensity: 1 })
    let prev = Infinity
    for (const asr of [0, 1, 5, 20, 100, 500]) {
      const c = ccd(asr)
      expect(c).toBeLessThanOrEqual(0.28)
      expect(c).toBeLessThan(prev)
      prev = c
    }
  })

  test('CP5.3 Li6PS5Cl at 99 % vs 85 % density: CCD ≈ 9 vs ≈ 1 mA/cm², factor ≥ 5', () => {
    const at = (rho: number) => solid('Li6PS5Cl', { stackPressure_kPa: 0 }, { relDensity: rho }).quantities.criticalCurrentDensity?.value ?? 0
    const dense = at(0.99)
    const porous = at(0.85)
    expect(dense / porous).toBeGreaterThanOrEqual(5)
    expectRel(dense, 9, 0.5)
    expectRel(porous, 1, 0.5)
  })

  test('CP5.4 Porz: η_c(K_IC = 1, a = 1 µm, Y = 1) = 76 mV; F/V_m = 7.42 MPa/mV (±1 %)', () => {
    const p = porzCriterion(1, 1e-6, 1)
    expectRel(p.criticalOverpotential_V * 1000, 76, 0.01)
    expectRel(p.criticalPressure_Pa / 1e6, 564, 0.01)
    expectRel(PRESSURE_PER_OVERPOTENTIAL_PA_V / 1e6 / 1000, 7.42, 0.01)
    // the other rows of the §5.2 worked table
    expectRel(porzCriterion(1, 10e-6, 1).criticalOverpotential_V * 1000, 24, 0.01)
    expectRel(porzCriterion(0.23, 1e-6, 1).criticalOverpotential_V * 1000, 17.5, 0.01)
  })

  test('CP5.5 J_void(7 MPa) > J_void(3 MPa) for Li6PS5Cl; at 5 MPa a Li‖Li cell runs > 1000 h without voids or shorts', () => {
    const jv = (P: number) => voidCurrentDensity_mA_cm2(SOLID_MATERIALS.Li6PS5Cl, T, P, 'none')
    expect(jv(7)).toBeGreaterThan(jv(3))
    // Kasemchainan anchors (≈0.2 at 3 MPa, ≈1 at 7 MPa [L]) within a factor 2
    expectRel(jv(3), 0.2, 0.5)
    expectRel(jv(7), 1, 0.5)
    // more stack pressure → fewer voids; at low pressure voids lower the effective CCD
    const low = solid('Li6PS5Cl', { stackPressure_kPa: 1000, currentDensity_mA_cm2: 0.5, cycles: 1 })
    const high = solid('Li6PS5Cl', { stackPressure_kPa: 7000, currentDensity_mA_cm2: 0.5, cycles: 1 })
    expect(low.morphology.class).toBe('void-formation')
    expect(low.facts.find((f) => f.name === 'void_risk')?.value).toBe(true)
    expect(high.morphology.class).toBe('planar')
    expect(high.quantities.voidFraction?.value).toBeLessThan(low.quantities.voidFraction?.value ?? 0)
    expect(low.quantities.criticalCurrentDensityEffective?.value).toBeLessThan(low.quantities.criticalCurrentDensity?.value ?? 0)
    // Doux 2020: 5 MPa, 100 cycles of 1 mAh/cm² at 0.2 mA/cm² = 1000 h
    const doux = solid('Li6PS5Cl', { stackPressure_kPa: 5000, currentDensity_mA_cm2: 0.2, capacity_mAh_cm2: 1, cycles: 100 })
    expect(doux.morphology.class).toBe('planar')
    expect(doux.quantities.timeToShort).toBeUndefined()
    expect((doux.quantities.cyclesToFailure?.value ?? 0) * 10).toBeGreaterThan(1000)
  })

  test('CP5.6 LiPON CCD ≫ LLZO CCD at RT', () => {
    const lipon = solid('LiPON').quantities.criticalCurrentDensity?.value ?? 0
    const llzo = solid('LLZO').quantities.criticalCurrentDensity?.value ?? Infinity
    expect(lipon).toBeGreaterThan(10 * llzo)
  })

  test('CCD rises with temperature (Sharafi 2016) and an interlayer lowers the default ASR', () => {
    const cold = solid('LLZO', { temperature_C: 25 }).quantities.criticalCurrentDensity?.value ?? 0
    const hot = solid('LLZO', { temperature_C: 80 }).quantities.criticalCurrentDensity?.value ?? 0
    expect(hot).toBeGreaterThan(cold)
    const au = solid('LLZO', {}, { interlayer: 'Au' })
    expect(au.config.electrolyte.solid?.asr_ohm_cm2).toBeLessThan(solid('LLZO').config.electrolyte.solid?.asr_ohm_cm2 ?? 0)
  })

  test('solid outputs: no Sand/J_lim quantities, with reasons; electronic-leakage fact for garnets, not LiPON', () => {
    const r = solid('LLZO')
    expect(r.quantities.sandTime).toBeUndefined()
    expect(r.notApplicable.sandTime).toMatch(/single-ion/)
    expect(r.facts.find((f) => f.name === 'electronic_leakage_SE')?.value).toBe(true)
    expect(solid('LiPON').facts.find((f) => f.name === 'electronic_leakage_SE')?.value).toBe(false)
  })
})
