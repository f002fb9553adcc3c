import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseQuantity, parseRatio, UnitError } from '../../src/units/parse.ts'

// The forms the issue lists, as papers write them, with the canonical value expected.
const TABLE: Array<[string, number[], string, string]> = [
  ['5 mA cm⁻²', [5], 'mA/cm2', 'currentDensity'],
  ['50 μA cm-2', [0.05], 'mA/cm2', 'currentDensity'],
  ['50 µA/cm2', [0.05], 'mA/cm2', 'currentDensity'], // micro sign U+00B5 as well as Greek mu
  ['0.77 mA/cm2', [0.77], 'mA/cm2', 'currentDensity'],
  ['10 A m^-2', [1], 'mA/cm2', 'currentDensity'],
  ['1.074 mA', [1.074], 'mA', 'current'],
  ['0.8 μA', [0.0008], 'mA', 'current'],
  ['C/3', [1 / 3], 'C', 'cRate'],
  ['1C', [1], 'C', 'cRate'],
  ['1 M', [1], 'M', 'concentration'],
  ['0.8 M', [0.8], 'M', 'concentration'],
  ['10 mmol L⁻¹', [0.01], 'M', 'concentration'],
  ['5 wt%', [5], 'wt%', 'massFraction'],
  ['5.7 × 10⁻⁶ Pa', [5.7e-6], 'Pa', 'pressure'],
  ['4.8×10^-5 Pa', [4.8e-5], 'Pa', 'pressure'],
  ['0.35 MPa', [350000], 'Pa', 'pressure'],
  ['70 °C', [70], '°C', 'temperature'],
  ['343.15 K', [70], '°C', 'temperature'],
  ['0.26 μm²', [0.26], 'um2', 'area'],
  ['75 nm²', [0.000075], 'um2', 'area'],
  ['30 nm', [0.03], 'um', 'length'],
  ['1.0 μm', [1], 'um', 'length'],
  ['0.0025 mAh cm⁻²', [0.0025], 'mAh/cm2', 'arealCapacity'],
  ['16 μAh', [0.016], 'mAh', 'charge'],
  ['32 min', [1920], 's', 'time'],
  ['20 mV s⁻¹', [20], 'mV/s', 'sweepRate'],
  ['-4.25 V', [-4.25], 'V', 'voltage'],
  ['−4.25 V', [-4.25], 'V', 'voltage'], // U+2212 minus sign
  ['0.3 e⁻ Å⁻² s⁻¹', [0.3], 'e/A2/s', 'electronDose'],
  ['90 %', [90], '%', 'percent'],
]

describe('parseQuantity: the forms papers write', () => {
  test.each(TABLE)('%s', (text, values, unit, kind) => {
    const q = parseQuantity(text)
    expect(q.unit).toBe(unit)
    expect(q.kind).toBe(kind)
    expect(q.values).toHaveLength(values.length)
    q.values.forEach((v, i) => expect(v).toBeCloseTo(values[i] as number, 10))
    expect(q.reported).toBe(text)
  })

  test('ranges with en dash, hyphen and "to" keep their sign rules', () => {
    expect(parseQuantity('2–20 mA cm⁻²')).toMatchObject({ shape: 'range', min: 2, max: 20 })
    expect(parseQuantity('2-20 mA cm-2')).toMatchObject({ shape: 'range', min: 2, max: 20 })
    expect(parseQuantity('3.5 to -0.25 V')).toMatchObject({ shape: 'range', min: -0.25, max: 3.5 })
  })

  test('lists and qualifiers', () => {
    expect(parseQuantity('0.01, 0.1, 0.5, 1, and 5 mA cm⁻²').values).toEqual([0.01, 0.1, 0.5, 1, 5])
    expect(parseQuantity('~1 mA cm⁻²')).toMatchObject({ approximate: true, values: [1] })
    expect(parseQuantity('≤ 0.3 e⁻ Å⁻² s⁻¹')).toMatchObject({ bound: 'le', values: [0.3] })
  })

  test('refuses incompatible dimensions with a message naming both', () => {
    expect(() => parseQuantity('5 mA', 'currentDensity')).toThrow(/current \(mA\).*current density/)
    expect(() => parseQuantity('5 mA cm⁻²', 'arealCapacity')).toThrow(UnitError)
  })

  test('refuses unknown units, missing units and non-numbers', () => {
    expect(() => parseQuantity('5 furlongs')).toThrow(/unknown unit "furlongs"/)
    expect(() => parseQuantity('5')).toThrow(/no unit/)
    expect(() => parseQuantity('mA cm-2')).toThrow(/no number/)
  })

  test('a modulus is parsed in GPa when asked for', () => {
    expect(parseQuantity('61 GPa', 'modulus')).toMatchObject({ unit: 'GPa', values: [61] })
  })

  test('property: any µA cm⁻² value equals the same value /1000 in mA cm⁻²', () => {
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
      const a = parseQuantity(`${x} uA cm-2`).values[0] as number
      const b = parseQuantity(`${x / 1000} mA/cm2`).values[0] as number
      return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b))
    }), { numRuns: 300 })
  })

  test('property: arbitrary text never crashes with anything but a UnitError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => {
      try { parseQuantity(s) } catch (e) { return e instanceof UnitError }
      return true
    }), { numRuns: 1000 })
  })
})

describe('parseRatio', () => {
  test('solvent ratios with a basis', () => {
    expect(parseRatio('1:1 v/v')).toMatchObject({ parts: [1, 1], basis: 'v/v' })
    expect(parseRatio('3 : 7 by volume')).toMatchObject({ parts: [3, 7], basis: 'v/v' })
    expect(parseRatio('1 : 1 by weight')).toMatchObject({ parts: [1, 1], basis: 'w/w' })
    expect(parseRatio('10:27:63')).toMatchObject({ parts: [10, 27, 63], basis: 'unspecified' })
    expect(() => parseRatio('1:1 by magic')).toThrow(/unknown ratio basis/)
  })
})
