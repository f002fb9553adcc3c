import { describe, expect, test } from 'vitest'
import { COMPACT_CLASSES, classRank, classifyCompactness, classifySolid, latticeParameters, pulseEffectiveness, type LiquidMorphologyClass } from '../../src/sim/morphology.ts'
import { simulate, type SimulationResult } from '../../src/sim/simulate.ts'

type Input = Record<string, unknown>
const run = (id: string, extra: Input = {}, electrolyte: Input = {}, kind = 'liquid'): SimulationResult =>
  simulate({ electrolyte: { kind, id, ...electrolyte }, cellType: 'Li-Cu', substrate: { metal: 'Cu' }, currentDensity_mA_cm2: 1, capacity_mAh_cm2: 1, ...extra })

/** "Same or adjacent class" on the compactness ladder whisker < mossy < granular < dense-columnar. */
function expectSameOrAdjacent(actual: string, expected: LiquidMorphologyClass[]): void {
  const a = classRank(actual as LiquidMorphologyClass)
  expect(a, `class ${actual}`).toBeGreaterThanOrEqual(0)
  const ok = expected.some((e) => Math.abs(classRank(e) - a) <= 1)
  expect(ok, `${actual} vs ${expected.join('/')}`).toBe(true)
}

describe('§10.3 calibration anchor table (same or adjacent class)', () => {
  test('anchor: 1 M LiPF6 EC:EMC, Cu, 1 mA/cm², 1 mAh/cm², 25 °C, 0.1 MPa → whisker / mossy', () => {
    const r = run('LiPF6_EC_EMC_3_7', { stackPressure_kPa: 100 })
    expect(['whisker', 'mossy']).toContain(r.morphology.class)
    expect(r.facts.find((f) => f.name === 'mossy_root_growth')?.value).toBe(true)
  })

  test('anchor: same + 10 wt % FEC → granular', () => {
    const r = run('LiPF6_EC_EMC_3_7', { stackPressure_kPa: 100 }, { additives: [{ id: 'FEC', amount: 10, unit: 'wt%' }] })
    expectSameOrAdjacent(r.morphology.class, ['granular'])
    expect(r.morphology.compactness).toBeGreaterThan(run('LiPF6_EC_EMC_3_7', { stackPressure_kPa: 100 }).morphology.compactness ?? 1)
  })

  test('anchor: 1 M LiTFSI DOL:DME + 2 % LiNO3, 0.5 mA/cm² → granular', () => {
    const r = run('LiTFSI_DOL_DME', { currentDensity_mA_cm2: 0.5 }, { additives: [{ id: 'LiNO3', amount: 2, unit: 'wt%' }] })
    expectSameOrAdjacent(r.morphology.class, ['granular'])
  })

  test('anchor: 4 M LiFSI DME, 0.5–4 mA/cm² → granular', () => {
    for (const J of [0.5, 1, 2, 4]) expectSameOrAdjacent(run('LiFSI_DME_HCE', { currentDensity_mA_cm2: J }).morphology.class, ['granular'])
  })

  test('anchor: good-SEI ether at 350 kPa → dense-columnar (ρ ≥ 0.99)', () => {
    for (const id of ['LiFSI_DME_HCE', 'LHCE_LiFSI_DME_BTFE']) {
      const r = run(id, { stackPressure_kPa: 350, currentDensity_mA_cm2: 0.5 })
      expectSameOrAdjacent(r.morphology.class, ['dense-columnar'])
      expect(r.morphology.relativeDensity).toBeGreaterThanOrEqual(0.99)
    }
  })

  test('anchor: any liquid, GF/D separator, 20 mA/cm², Q ≥ 0.7 mAh/cm² → dendritic', () => {
    for (const id of ['LiPF6_PC_EC_DMC', 'LiPF6_EC_DMC_1_1', 'LiPF6_EC_EMC_3_7']) {
      const r = run(id, { separator: { type: 'GF' }, currentDensity_mA_cm2: 20, capacity_mAh_cm2: 0.7 })
      expect(r.morphology.class).toBe('dendritic')
      expect(r.regime).toBe('transport-limited')
      expect(r.facts.find((f) => f.name === 'dendritic_tip_growth')?.value).toBe(true)
    }
  })

  test('anchor: LiPF6 EC:DMC + 0.05 M CsPF6 → smoother than baseline (one class up)', () => {
    const base = run('LiPF6_EC_DMC_1_1', { stackPressure_kPa: 100 })
    const cs = run('LiPF6_EC_DMC_1_1', { stackPressure_kPa: 100 }, { additives: [{ id: 'CsPF6', amount: 0.05, unit: 'M' }] })
    expect(cs.morphology.compactness).toBeGreaterThan(base.morphology.compactness ?? 1)
    expect(classRank(cs.morphology.class as LiquidMorphologyClass)).toBe(classRank(base.morphology.class as LiquidMorphologyClass) + 1)
  })

  test('anchor: PEO–LiTFSI at 80 °C, J > J_lim(L_PEO) → dendritic after t_dep', () => {
    const probe = run('PEO_LiTFSI', { temperature_C: 80 }, {}, 'polymer')
    const Jlim = probe.quantities.limitingCurrentDensity?.value ?? 0
    const r = run('PEO_LiTFSI', { temperature_C: 80, currentDensity_mA_cm2: 1.5 * Jlim, capacity_mAh_cm2: 5 }, {}, 'polymer')
    expect(r.morphology.class).toBe('dendritic')
    expect(r.quantities.depletionTime?.value).toBeLessThan(r.quantities.timeToShort?.value ?? 0)
    expect(r.quantities.monroeNewmanRatio?.value).toBeLessThan(1)
  })
})

describe('classifier pieces', () => {
  test('class thresholds on K (physics.md §10.3)', () => {
    expect(classifyCompactness(0.2)).toBe('whisker')
    expect(classifyCompactness(0.35)).toBe('mossy')
    expect(classifyCompactness(0.6)).toBe('granular')
    expect(classifyCompactness(0.85)).toBe('dense-columnar')
    expect(COMPACT_CLASSES.map(classRank)).toEqual([0, 1, 2, 3])
  })

  test('solid classes (physics.md §10.3)', () => {
    expect(classifySolid(0.1, 0.3, 0.05, 0.1)).toBe('planar')
    expect(classifySolid(0.1, 0.3, 0.2, 0.1)).toBe('void-formation')
    expect(classifySolid(0.5, 0.3, 0.2, 0.1)).toBe('filament-penetration')
  })

  test('more current, lower compactness; lithiophilic substrate, higher compactness', () => {
    expect(run('LiPF6_EC_DMC_1_1', { currentDensity_mA_cm2: 5 }).morphology.compactness).toBeLessThan(run('LiPF6_EC_DMC_1_1').morphology.compactness ?? 0)
    expect(run('LiPF6_EC_DMC_1_1', { substrate: { metal: 'Ag' } }).morphology.compactness).toBeGreaterThan(run('LiPF6_EC_DMC_1_1').morphology.compactness ?? 1)
  })

  test('§9.3 lattice mapping: compact below J_lim (small p_s, β = 0), DLA past t_dep (p_s = 1, β > 0)', () => {
    const common = { featureSize_m: 1e-6, D_m2_s: 3e-10, j0_A_m2: 70, c0_molm3: 1000, tipVelocity_m_s: 1e-6, S: 0.25, temperature_K: 298.15, tipShield: false, pulseEffectiveness: 0 }
    const below = latticeParameters({ ...common, current_A_m2: 10, limitingCurrent_A_m2: 100, depleted: false })
    expect(below.drift).toBe(0)
    expect(below.damkohler).toBeLessThan(0.1)
    const past = latticeParameters({ ...common, current_A_m2: 200, limitingCurrent_A_m2: 100, depleted: true })
    expect(past.stickingProbability).toBe(1)
    expect(past.drift).toBeGreaterThan(0)
    expect(latticeParameters({ ...common, S: 0.9, current_A_m2: 10, limitingCurrent_A_m2: 100, depleted: false }).relaxHops).toBeGreaterThan(below.relaxHops)
  })

  test('pulses: 1 ms on / 3 ms off is effective, 20 ms pulses are not (Aryanfar 2014)', () => {
    expect(pulseEffectiveness({ tOn_ms: 1, tOff_ms: 3 })).toBeGreaterThan(0.7)
    expect(pulseEffectiveness({ tOn_ms: 20, tOff_ms: 60 })).toBeLessThan(0.05)
    expect(pulseEffectiveness(null)).toBe(0)
    const dc = run('LiPF6_EC_DMC_1_1')
    const pulsed = run('LiPF6_EC_DMC_1_1', { protocol: { tOn_ms: 1, tOff_ms: 3 } })
    expect(pulsed.morphology.compactness).toBeGreaterThan(dc.morphology.compactness ?? 1)
  })
})
