import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ADDITIVE_IDS, CELL_TYPES, SEPARATOR_TYPES, SUBSTRATE_METALS } from '../../src/sim/config.ts'
import { ELECTROLYTES, ELECTROLYTE_IDS } from '../../src/sim/electrolyte.ts'
import { FACT_NAMES } from '../../src/sim/facts.ts'
import { INTERLAYERS } from '../../src/sim/solid.ts'
import { simulate, type SimulationResult } from '../../src/sim/simulate.ts'

const REQUIRED_LIQUID = [
  'limitingCurrentDensity',
  'sandTime',
  'sandCapacity',
  'tipVelocity',
  'nucleationOverpotential',
  'nucleationDensity',
  'coulombicEfficiency',
  'deadLiFraction',
  'depositPorosity',
]

/** Every number anywhere in the result is finite (JSON output never carries Infinity/NaN). */
function allFinite(x: unknown, path = ''): string[] {
  if (typeof x === 'number') return Number.isFinite(x) ? [] : [path]
  if (Array.isArray(x)) return x.flatMap((v, i) => allFinite(v, `${path}/${i}`))
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => allFinite(v, `${path}/${k}`))
  return []
}

function checkInvariants(r: SimulationResult): void {
  expect(allFinite(r)).toEqual([])
  for (const [name, q] of Object.entries(r.quantities)) {
    expect(q.unit, name).toBeTypeOf('string')
    expect(q.provenance.length, name).toBeGreaterThan(5)
    expect(r.notApplicable[name], name).toBeUndefined()
  }
  const q = r.quantities
  const ce = q.coulombicEfficiency?.value
  if (ce !== undefined) {
    expect(ce / 100).toBeGreaterThan(0)
    expect(ce / 100).toBeLessThan(1)
  }
  for (const n of ['seiLossFraction', 'deadLiFraction']) {
    const v = q[n]?.value
    if (v !== undefined) {
      expect(v).toBeGreaterThanOrEqual(0)
      expect(v).toBeLessThan(100)
    }
  }
  for (const n of ['depositPorosity', 'depositRelativeDensity', 'compactness', 'shortRiskScore', 'voidFraction', 'transferenceNumber']) {
    const v = q[n]?.value
    if (v !== undefined) {
      expect(v, n).toBeGreaterThanOrEqual(0)
      expect(v, n).toBeLessThanOrEqual(1)
    }
  }
  for (const n of ['sandTime', 'depletionTime', 'timeToShort', 'limitingCurrentDensity', 'nucleationDensity', 'nucleationOverpotential', 'criticalCurrentDensity', 'cyclesTo80', 'cyclesToFailure', 'liInventory', 'deadLiThickness']) {
    const v = q[n]?.value
    if (v !== undefined) expect(v, n).toBeGreaterThanOrEqual(0)
  }
  expect(r.shortRisk.score).toBeGreaterThanOrEqual(0)
  expect(r.shortRisk.score).toBeLessThanOrEqual(1)
  expect(r.facts.map((f) => f.name)).toEqual([...FACT_NAMES])
  for (const f of r.facts) expect(f.source.length, f.name).toBeGreaterThan(5)
  expect(JSON.parse(JSON.stringify(r)).quantities).toEqual(r.quantities)
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })

const configArb = fc
  .record({
    id: fc.constantFrom(...ELECTROLYTE_IDS),
    concentration_M: optional(fc.double({ min: 0.05, max: 6, noNaN: true })),
    additives: optional(fc.array(fc.record({ id: fc.constantFrom(...ADDITIVE_IDS), amount: fc.double({ min: 0.01, max: 20, noNaN: true }), unit: fc.constantFrom('wt%', 'M') }), { maxLength: 3 })),
    solid: optional(
      fc.record({
        thickness_um: optional(fc.double({ min: 1, max: 1000, noNaN: true })),
        relDensity: optional(fc.double({ min: 0.6, max: 1, noNaN: true })),
        asr_ohm_cm2: optional(fc.double({ min: 0, max: 1000, noNaN: true })),
        interlayer: optional(fc.constantFrom(...INTERLAYERS)),
      }),
    ),
    metal: optional(fc.constantFrom(...SUBSTRATE_METALS)),
    cellType: optional(fc.constantFrom(...CELL_TYPES)),
    J: fc.double({ min: 1e-3, max: 50, noNaN: true }),
    Js: optional(fc.double({ min: 1e-3, max: 50, noNaN: true })),
    Q: optional(fc.double({ min: 0.01, max: 20, noNaN: true })),
    T: optional(fc.double({ min: -40, max: 100, noNaN: true })),
    P: optional(fc.double({ min: 0, max: 1e5, noNaN: true })),
    separator: optional(
      fc.record({
        type: fc.constantFrom(...SEPARATOR_TYPES),
        thickness_um: optional(fc.double({ min: 1, max: 2000, noNaN: true })),
        porosity: optional(fc.double({ min: 0.05, max: 1, noNaN: true })),
        tortuosity: optional(fc.double({ min: 1, max: 10, noNaN: true })),
      }),
    ),
    gap_um: optional(fc.double({ min: 5, max: 20_000, noNaN: true })),
    cycles: optional(fc.integer({ min: 1, max: 300 })),
    protocol: optional(fc.record({ tOn_ms: fc.double({ min: 0.1, max: 1000, noNaN: true }), tOff_ms: fc.double({ min: 0, max: 1000, noNaN: true }) })),
  })
  .map((c) => {
    const kind = ELECTROLYTES[c.id].kind
    const strip = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined))
    return strip({
      electrolyte: strip({ kind, id: c.id, concentration_M: c.concentration_M, additives: c.additives, solid: c.solid && strip(c.solid) }),
      substrate: c.metal ? { metal: c.metal } : undefined,
      cellType: c.cellType,
      currentDensity_mA_cm2: c.J,
      strippingCurrentDensity_mA_cm2: c.Js,
      capacity_mAh_cm2: c.Q,
      temperature_C: c.T,
      stackPressure_kPa: c.P,
      separator: c.separator && strip(c.separator),
      gap_um: c.gap_um,
      cycles: c.cycles,
      protocol: c.protocol,
    })
  })

describe('simulate(): outputs', () => {
  test('liquid fast mode reports the required quantities with units and provenance', () => {
    const r = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_EC_DMC_1_1' }, currentDensity_mA_cm2: 1 })
    expect(r.mode).toBe('fast')
    for (const n of REQUIRED_LIQUID) expect(r.quantities[n], n).toBeDefined()
    expect(r.quantities.limitingCurrentDensity?.unit).toBe('mA/cm2')
    expect(r.quantities.sandTime?.unit).toBe('s')
    expect(r.quantities.coulombicEfficiency?.unit).toBe('%')
    expect(r.quantities.sandTime?.provenance).toMatch(/Bai 2016/)
    // J ≤ J_lim: depletion time and Chazalviel short are omitted with a reason
    expect(r.quantities.depletionTime).toBeUndefined()
    expect(r.notApplicable.depletionTime).toMatch(/J ≤ J_lim/)
    expect(r.regime).toBe('reaction-limited')
    expect(r.warnings.some((w) => w.startsWith('calibration_used'))).toBe(true)
    expect(r.warnings.some((w) => w.startsWith('assumed_pressure'))).toBe(true)
    expect(r.assumptions.length).toBeGreaterThan(0)
    expect(r.series).toBeUndefined()
    expect(r.lattice).toBeUndefined()
    checkInvariants(r)
  })

  test('transport-limited liquid: depletion time, time to short, regime', () => {
    const r = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, separator: { type: 'GF' }, currentDensity_mA_cm2: 20, capacity_mAh_cm2: 1 })
    expect(r.regime).toBe('transport-limited')
    expect(r.quantities.depletionTime?.value).toBeGreaterThan(100)
    expect(r.quantities.timeToShort?.value).toBeGreaterThan(r.quantities.depletionTime?.value ?? Infinity)
    expect(r.shortRisk.score).toBeGreaterThan(0.5)
    expect(r.facts.find((f) => f.name === 'short_risk_high')?.value).toBe(true)
    checkInvariants(r)
  })

  test('solid outputs: CCD with provenance, no liquid transport quantities', () => {
    const r = simulate({ electrolyte: { kind: 'solid', id: 'LLZO' }, currentDensity_mA_cm2: 0.1, cellType: 'Li-Li' })
    expect(r.quantities.criticalCurrentDensity?.provenance).toMatch(/Flatscher/)
    for (const n of ['limitingCurrentDensity', 'sandTime', 'depletionTime', 'tipVelocity']) expect(r.notApplicable[n], n).toBeDefined()
    checkInvariants(r)
  })

  test('series on request: voltage, concentration, height, ce', () => {
    const r = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_EC_DMC_1_1' }, currentDensity_mA_cm2: 2, cycles: 20 }, { series: ['voltage', 'concentration', 'height', 'ce'] })
    const s = r.series
    expect(s?.voltage?.time_s.length).toBeGreaterThan(10)
    expect(s?.voltage?.voltage_V.every((v) => v < 0)).toBe(true)
    expect(s?.voltage?.time_s.length).toBe(s?.voltage?.voltage_V.length)
    expect(s?.concentration?.c_M[0]).toBeLessThan(1)
    expect(s?.concentration?.c_M.at(-1)).toBeGreaterThan(1)
    expect(s?.ce?.ce_pct).toHaveLength(20)
    expect(s?.height?.height_um).toHaveLength(20)
    const h = s?.height?.height_um ?? []
    for (let i = 1; i < h.length; i++) expect(h[i]).toBeGreaterThanOrEqual(h[i - 1] ?? Infinity)
    expect(r.quantities.firstCyclePolarization?.value).toBeGreaterThan(0)
    checkInvariants(r)
  })

  test('detailed mode: 1D solver + seeded 200×200 lattice, deterministic for a seed', () => {
    const input = { electrolyte: { kind: 'liquid', id: 'LiPF6_EC_DMC_1_1' }, currentDensity_mA_cm2: 1 }
    const a = simulate(input, { mode: 'detailed', seed: 7, series: ['lattice'] })
    const b = simulate(input, { mode: 'detailed', seed: 7 })
    expect(a.mode).toBe('detailed')
    expect(a.morphology.lattice?.parameters.width).toBe(200)
    expect(a.morphology.lattice?.porosity).toBe(b.morphology.lattice?.porosity)
    expect(a.quantities.latticeFractalDimension).toBeDefined()
    expect(a.quantities.firstCyclePolarization).toBeDefined()
    expect(a.lattice?.width).toBe(200)
    expect(a.lattice?.rows.length).toBe(a.lattice?.height)
    expect(a.lattice?.rows.every((row) => row.length === 200)).toBe(true)
    expect(b.lattice).toBeUndefined()
    // the fast-mode physics is unchanged by the detailed extras
    expect(a.quantities.coulombicEfficiency).toEqual(simulate(input).quantities.coulombicEfficiency)
    checkInvariants(a)
  })

  test('detailed mode past t_dep: the lattice gets drift and p_s = 1', () => {
    const r = simulate({ electrolyte: { kind: 'liquid', id: 'LiPF6_PC_EC_DMC' }, separator: { type: 'GF' }, currentDensity_mA_cm2: 20, capacity_mAh_cm2: 3 }, { mode: 'detailed' })
    expect(r.morphology.lattice?.parameters.stickingProbability).toBe(1)
    expect(r.morphology.lattice?.parameters.drift).toBeGreaterThan(0)
    // c-dependent D (larger at low c, Valøen) delays depletion relative to the constant-property t_dep
    expect(r.quantities.depletionTimeNumerical?.value).toBeGreaterThan(r.quantities.depletionTime?.value ?? Infinity)
    checkInvariants(r)
  })
})

describe('simulate(): properties (fast-check)', () => {
  test('outputs are finite and in range for any valid input', () => {
    fc.assert(
      fc.property(configArb, (input) => {
        checkInvariants(simulate(input))
      }),
      { numRuns: 200 },
    )
  })

  test('CE stays in (0, 1) and every fact carries a source for any valid liquid input', () => {
    fc.assert(
      fc.property(configArb.filter((c) => ELECTROLYTES[(c.electrolyte as { id: (typeof ELECTROLYTE_IDS)[number] }).id].kind !== 'solid'), (input) => {
        const r = simulate(input)
        const ce = r.quantities.coulombicEfficiency?.value ?? Number.NaN
        expect(ce).toBeGreaterThan(0)
        expect(ce).toBeLessThan(100)
      }),
      { numRuns: 200 },
    )
  })
})
