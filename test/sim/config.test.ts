import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { CellConfigSchema, resolveConfig } from '../../src/sim/config.ts'
import { ELECTROLYTE_IDS } from '../../src/sim/electrolyte.ts'
import { SimInputError } from '../../src/sim/errors.ts'
import { simulate } from '../../src/sim/simulate.ts'

const minimal = { electrolyte: { kind: 'liquid', id: 'LiPF6_EC_DMC_1_1' }, currentDensity_mA_cm2: 1 }

function inputError(input: unknown): SimInputError {
  try {
    resolveConfig(input)
  } catch (e) {
    if (e instanceof SimInputError) return e
    throw e
  }
  throw new Error('expected a SimInputError')
}

describe('bad input → SimInputError naming the field', () => {
  test('negative current density', () => {
    const e = inputError({ ...minimal, currentDensity_mA_cm2: -1 })
    expect(e.field).toBe('/currentDensity_mA_cm2')
    expect(e.code).toBe('OUT_OF_RANGE')
    expect(() => simulate({ ...minimal, currentDensity_mA_cm2: -1 })).toThrow(SimInputError)
  })

  test('porosity > 1', () => {
    const e = inputError({ ...minimal, separator: { type: 'PE', porosity: 1.2 } })
    expect(e.field).toBe('/separator/porosity')
    expect(e.code).toBe('OUT_OF_RANGE')
  })

  test('unknown electrolyte lists the known ids', () => {
    const e = inputError({ ...minimal, electrolyte: { kind: 'liquid', id: 'LiPF6_water' } })
    expect(e.field).toBe('/electrolyte/id')
    expect(e.code).toBe('UNKNOWN_ELECTROLYTE')
    expect(e.allowed).toEqual([...ELECTROLYTE_IDS])
    expect(e.message).toContain('LiPF6_EC_DMC_1_1')
  })

  test('missing required fields, wrong types, unknown keys, kind mismatch, NaN/Infinity', () => {
    expect(inputError({ electrolyte: minimal.electrolyte }).field).toBe('/currentDensity_mA_cm2')
    expect(inputError({ electrolyte: minimal.electrolyte }).code).toBe('MISSING_FIELD')
    expect(inputError({ ...minimal, temperature_C: '25' }).code).toBe('INVALID_TYPE')
    const typo = inputError({ ...minimal, temprature_C: 25 })
    expect(typo.field).toBe('/temprature_C')
    expect(typo.code).toBe('UNKNOWN_FIELD')
    const kind = inputError({ ...minimal, electrolyte: { kind: 'solid', id: 'LiPF6_EC_DMC_1_1' } })
    expect(kind.field).toBe('/electrolyte/kind')
    expect(kind.code).toBe('KIND_MISMATCH')
    expect(inputError({ ...minimal, currentDensity_mA_cm2: Number.NaN }).field).toBe('/currentDensity_mA_cm2')
    expect(inputError({ ...minimal, stackPressure_kPa: Number.POSITIVE_INFINITY }).field).toBe('/stackPressure_kPa')
    expect(inputError({ ...minimal, electrolyte: { ...minimal.electrolyte, correlation: 'Nyman2008' } }).field).toBe('/electrolyte/correlation')
    expect(inputError({ ...minimal, electrolyte: { ...minimal.electrolyte, additives: [{ id: 'FEC', amount: -1, unit: 'wt%' }] } }).field).toBe('/electrolyte/additives/0/amount')
    expect(inputError(null).code).toBe('INVALID_TYPE')
  })

  test('all issues are reported, not only the first', () => {
    const e = inputError({ ...minimal, currentDensity_mA_cm2: -1, temperature_C: 500 })
    expect(e.issues.map((i) => i.field).sort()).toEqual(['/currentDensity_mA_cm2', '/temperature_C'])
  })
})

describe('defaults are reported as assumptions, never silently', () => {
  test('minimal liquid input', () => {
    const { config, assumptions } = resolveConfig(minimal)
    const fields = assumptions.map((a) => a.field)
    expect(config.stackPressure_kPa).toBe(150)
    expect(assumptions.find((a) => a.field === '/stackPressure_kPa')?.reason).toMatch(/assumed/)
    expect(config.temperature_C).toBe(25)
    expect(config.capacity_mAh_cm2).toBe(1)
    expect(config.cycles).toBe(100)
    expect(config.separator).toMatchObject({ type: 'PE', thickness_um: 25, porosity: 0.39 })
    expect(config.separator.tortuosity).toBeCloseTo(Math.pow(0.39, -0.5), 12)
    for (const f of ['/stackPressure_kPa', '/temperature_C', '/capacity_mAh_cm2', '/cycles', '/separator', '/cellType', '/substrate/metal', '/strippingCurrentDensity_mA_cm2', '/electrolyte/concentration_M', '/electrolyte/correlation', '/liExcess_mAh_cm2']) {
      expect(fields).toContain(f)
    }
    for (const a of assumptions) expect(a.reason.length).toBeGreaterThan(5)
  })

  test('given values are not reported as assumptions; null means unknown', () => {
    const { assumptions, config } = resolveConfig({ ...minimal, temperature_C: 40, stackPressure_kPa: null })
    expect(config.temperature_C).toBe(40)
    expect(assumptions.map((a) => a.field)).not.toContain('/temperature_C')
    expect(assumptions.map((a) => a.field)).toContain('/stackPressure_kPa')
  })

  test('separator type defaults (physics.md §1.4) and capillary cells', () => {
    expect(resolveConfig({ ...minimal, separator: { type: 'GF' } }).config.separator).toMatchObject({ thickness_um: 675, porosity: 0.9 })
    expect(resolveConfig({ ...minimal, separator: { type: 'ceramic' } }).config.separator).toMatchObject({ tortuosity: 1 })
    expect(resolveConfig({ ...minimal, gap_um: 10_000 }).config.separator).toEqual({ type: 'capillary', thickness_um: 10_000, porosity: 1, tortuosity: 1, poreSize_nm: null })
  })

  test('solid defaults, cell-type defaults and additive unit conversion', () => {
    const s = resolveConfig({ electrolyte: { kind: 'solid', id: 'Li6PS5Cl' }, currentDensity_mA_cm2: 0.5, cellType: 'Li-Li' })
    expect(s.config.substrate.metal).toBe('Li')
    expect(s.config.electrolyte.solid).toMatchObject({ relDensity: 0.85, interlayer: 'none' })
    expect(s.assumptions.map((a) => a.field)).toContain('/electrolyte/solid/relDensity')
    const af = resolveConfig({ ...minimal, cellType: 'anode-free' })
    expect(af.config.liExcess_mAh_cm2).toBe(0)
    const cs = resolveConfig({ ...minimal, electrolyte: { ...minimal.electrolyte, additives: [{ id: 'CsPF6', amount: 0.05, unit: 'M' }] } })
    expect(cs.config.electrolyte.additives[0]?.amount_wtPct).toBeCloseTo(1.158, 2)
  })

  test('inputs that do not apply are flagged in warnings', () => {
    const r = resolveConfig({ electrolyte: { kind: 'solid', id: 'LLZO', concentration_M: 1 }, currentDensity_mA_cm2: 0.1, separator: { type: 'PE' } })
    expect(r.warnings.length).toBe(2)
  })

  test('the schema is a zod schema usable by the API (JSON Schema export)', () => {
    expect(CellConfigSchema.safeParse(minimal).success).toBe(true)
    const json = z.toJSONSchema(CellConfigSchema, { io: 'input' }) as { required?: string[]; properties?: Record<string, unknown> }
    expect(json.required).toEqual(['electrolyte', 'currentDensity_mA_cm2'])
    expect(Object.keys(json.properties ?? {})).toContain('stackPressure_kPa')
  })
})
