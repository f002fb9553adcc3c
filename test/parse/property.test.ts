import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import type { VocabIndex } from '../../src/kb/vocab-index.ts'
import { parseConfigurationText } from '../../src/parse/fields.ts'
import { parseQuestion, type ParsedQuestion } from '../../src/parse/question.ts'
import type { ParseOptions } from '../../src/parse/scan.ts'
import { loadSeedVocab } from './helpers.ts'

let vocab: VocabIndex
let options: ParseOptions
beforeAll(async () => { ({ vocab, options } = await loadSeedVocab()) })

/** Pieces of real questions, so random text exercises every pass, not just the "unknown word" path. */
const FRAGMENTS = [
  'Li', '||', '‖', '|', '/', '-', '–', '−', 'Cu', 'LLZTO', 'garnet', 'FEC', 'LiPF6', 'LiPF₆', 'EC:DEC', 'DOL/DME', '1:1', 'v/v',
  '(', ')', '8:2', 'by volume', '5', '0.5', '3,', '-20', '1e3', '×', '10⁻⁶', 'mA', 'µA', 'μA', 'uA', 'cm⁻²', 'cm^-2', 'cm-2',
  '/cm2', 'mAh', '°C', 'C', 'K', 'MPa', 'kPa', 'bar', 'M', 'mol/L', 'wt%', 'wt.', '%', 'µm', 'PE', 'glass fiber', 'GF/D',
  'Celgard 2400', 'compare', 'OM', 'TEM', 'vs', 'SEI', 'dead Li', 'dendrites', '3D', 'In', 'in', 'at', 'with', 'symmetric',
  'anode-free', 'Ag-coated', 'SS', 'FEC-free', 'cycles', 'h', 'C/3', '~', '≤', 'room temperature', ',', '.', '?', ' ', '  ',
]

const arbitraryText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => xs.join(' ').slice(0, 200)),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((xs) => xs.join('').slice(0, 200)),
)

function checkInvariants(text: string, r: ParsedQuestion): void {
  expect(r.text).toBe(text)
  let end = 0
  for (const x of r.recognised) {
    const [a, b] = x.span
    expect(Number.isInteger(a) && Number.isInteger(b)).toBe(true)
    expect(a).toBeGreaterThanOrEqual(end) // in order, no overlap
    expect(b).toBeGreaterThan(a)
    expect(b).toBeLessThanOrEqual(text.length)
    expect(text.slice(a, b)).toBe(x.text)
    end = b
  }
  for (const u of r.unrecognised) expect(text.includes(u)).toBe(true)
  expect(['predict', 'compare-techniques', 'search']).toContain(r.intent)
  // the safety net in parseQuestion must never be what kept it from throwing
  expect(r.assumptions?.some((a) => a.startsWith('the parser failed')) ?? false).toBe(false)
}

describe('properties', () => {
  test('parseQuestion never throws and its spans are inside the text (arbitrary strings)', () => {
    fc.assert(fc.property(arbitraryText, (text) => {
      checkInvariants(text, parseQuestion(text, vocab, options))
    }), { numRuns: 500 })
  })

  test('parseQuestion is deterministic', () => {
    fc.assert(fc.property(arbitraryText, (text) => {
      expect(JSON.stringify(parseQuestion(text, vocab, options))).toBe(JSON.stringify(parseQuestion(text, vocab, options)))
    }), { numRuns: 100 })
  })

  test('parseConfigurationText never throws and names a field for every error', () => {
    const field = fc.oneof(arbitraryText, fc.constant(undefined))
    fc.assert(fc.property(
      fc.record({ cell: field, electrolyte: field, currentDensity: field, temperature: field, separator: field, substrate: field }),
      (f) => {
        const fields = Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))
        const r = parseConfigurationText(fields, vocab, options)
        for (const e of r.errors) expect(e.pointer).toMatch(/^\/[A-Za-z]/)
      },
    ), { numRuns: 100 })
  })
})
