import { beforeAll, describe, expect, test } from 'vitest'
import { buildDeps } from '../../api/build-deps.ts'
import type { Snapshot } from '../../src/io/kb-store.ts'
import { evaluateLeaveOneStudyOut } from '../../src/predict/evaluate.ts'
import { predict, type Prediction } from '../../src/predict/predict.ts'
import type { Conditions } from '../../src/predict/kb-config.ts'

let snap: Snapshot
beforeAll(async () => {
  const deps = await buildDeps({ DATABASE_URL: ':memory:', SEEDS_DIR: 'seeds', RULES_DIR: 'rules' })
  snap = deps.store.current
  deps.database.close()
})

const liquid = (additives: Conditions['electrolyte']['additives'] = []): Conditions['electrolyte'] => ({
  kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DEC' }], additives,
})
const base = { coatings: [], surfacePreparation: [] }
const cites = (p: Prediction, study: string) => p.rules.some((r) => r.evidence.some((e) => e.study === study))

describe('predict: what the review supports', () => {
  test('5 wt% FEC in 1 M LiPF6 EC:DEC → compact family, citing Huang 2023', async () => {
    const p = await predict({ ...base, cell: 'Li-Cu', electrolyte: liquid([{ id: 'FEC', amount: 5, unit: 'wt%' }]), substrate: 'Cu', currentDensity_mA_cm2: 3 }, snap)
    expect(p.morphology.family).toBe('compact')
    expect(cites(p, 'huang-2023')).toBe(true)
    const rule = p.rules.find((r) => r.evidence.some((e) => e.study === 'huang-2023'))
    expect(rule?.evidence.find((e) => e.study === 'huang-2023')?.doi).toBe('10.1021/acsnano.3c00640')
  })

  test('garnet LLZTO at 5 mA cm⁻² → high short risk, citing Porz 2017', async () => {
    const p = await predict({ ...base, electrolyte: { kind: 'solid', salts: [], solvents: [], additives: [], solid: { id: 'LLZTO' } }, substrate: 'Au', currentDensity_mA_cm2: 5 }, snap)
    expect(p.shortRisk.level).toBe('high')
    expect(p.morphology.family).toBe('penetrating')
    expect(cites(p, 'porz-2017')).toBe(true)
  })

  test('Cu vs In under a LiTFSI polymer electrolyte → whisker vs compact, citing Cui 2022', async () => {
    const polymer = { kind: 'polymer' as const, salts: [{ id: 'LiTFSI' }], solvents: [], additives: [], solid: { id: 'SPE-LiTFSI' } }
    const cu = await predict({ ...base, electrolyte: polymer, substrate: 'Cu', currentDensity_mA_cm2: 0.1, temperature_C: 60 }, snap)
    const inn = await predict({ ...base, electrolyte: polymer, substrate: 'In', currentDensity_mA_cm2: 0.1, temperature_C: 60 }, snap)
    expect(cu.morphology.family).toBe('whisker')
    expect(inn.morphology.family).toBe('compact')
    expect(cites(cu, 'cui-2022')).toBe(true)
    expect(cites(inn, 'cui-2022')).toBe(true)
  })

  test('the baseline carbonate without additive is not predicted compact with the FEC rule firing', async () => {
    const p = await predict({ ...base, cell: 'Li-Cu', electrolyte: liquid(), substrate: 'Cu', currentDensity_mA_cm2: 3 }, snap)
    expect(p.rules.map((r) => r.id)).not.toContain('fec-lif-rich-compact')
  })

  test('a Sand-capacity-exceeding glass-fibre cell → dendritic with a predicted time to short', async () => {
    const p = await predict({
      ...base, cell: 'Li-Li', electrolyte: { ...liquid(), solvents: [{ id: 'EC' }, { id: 'DMC' }] }, substrate: 'Li',
      currentDensity_mA_cm2: 20, capacity_mAh_cm2: 3, separator: { type: 'GF' },
    }, snap)
    expect(p.morphology.family).toBe('dendritic')
    expect(p.shortRisk.timeToShort?.unit).toBe('s')
  })
})

describe('predict: shape and determinism', () => {
  const fec: Conditions = { ...base, cell: 'Li-Cu', electrolyte: liquid([{ id: 'FEC', amount: 5, unit: 'wt%' }]), substrate: 'Cu', currentDensity_mA_cm2: 3 }

  test('the same configuration gives the same prediction', async () => {
    expect(await predict(fec, snap)).toEqual(await predict(fec, snap))
  })

  test('evidence is sorted by distance and each item says what it observed; alternatives sum to 1', async () => {
    const p = await predict(fec, snap)
    const d = p.evidence.map((e) => e.distance)
    expect([...d].sort((a, b) => a - b)).toEqual(d)
    expect(p.evidence[0]).toMatchObject({ studyId: 'huang-2023', experimentId: 'huang-2023-fec' })
    expect(p.evidence[0]?.observed.families).toEqual(['compact'])
    expect(p.morphology.alternatives.reduce((s, a) => s + a.score, 0)).toBeCloseTo(1, 2)
    expect(p.confidence).toBeGreaterThan(0)
    expect(p.confidence).toBeLessThanOrEqual(0.95)
  })

  test('quantities carry units; assumptions name the defaults used', async () => {
    const p = await predict(fec, snap)
    expect(p.deadLi.coulombicEfficiency?.unit).toBe('%')
    expect(p.nucleation.overpotential?.unit).toBe('mV')
    expect(p.assumptions.some((a) => a.field.includes('capacity'))).toBe(true)
  })

  test('CsPF6: the disputed mossy rule fires and the dispute is shown as a caveat', async () => {
    const p = await predict({ ...fec, electrolyte: liquid([{ id: 'CsPF6', amount: 1, unit: 'wt%' }]) }, snap)
    expect(p.caveats.some((c) => /disputed/.test(c))).toBe(true)
  })

  test('without a current density the simulator is skipped and this is said', async () => {
    const p = await predict({ ...base, electrolyte: liquid(), substrate: 'Cu' }, snap)
    expect(p.simulation.ran).toBe(false)
    expect(p.caveats.join(' ')).toMatch(/no current density/)
  })
})

describe('leave-one-study-out evaluation', () => {
  test('covers every experiment with an observed outcome and reports confusion matrices', async () => {
    const e = await evaluateLeaveOneStudyOut(snap)
    expect(e.cases.length).toBeGreaterThan(50)
    expect(e.family.matrix.flat().reduce((a, b) => a + b, 0)).toBe(e.family.total)
    // Five families: chance is 20 %. The evaluation must do clearly better without seeing the study itself.
    expect(e.family.accuracy).toBeGreaterThan(0.4)
  })
})
