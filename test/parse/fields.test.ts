import { beforeAll, describe, expect, test } from 'vitest'
import type { VocabIndex } from '../../src/kb/vocab-index.ts'
import {
  parseCellText, parseConfigurationText, parseElectrolyteText, parseSeparatorText, type ConfigurationTextFields,
} from '../../src/parse/fields.ts'
import { DEFAULT_MATERIAL_CATEGORIES } from '../../src/parse/lexicon.ts'
import type { ParseOptions } from '../../src/parse/scan.ts'
import { PredictionConfigSchema } from '../../src/predict/configuration.ts'
import { loadSeedVocab } from './helpers.ts'

let vocab: VocabIndex
let options: ParseOptions
beforeAll(async () => { ({ vocab, options } = await loadSeedVocab()) })

const ELECTROLYTES: Array<[string, Record<string, unknown>]> = [
  ['1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC', {
    kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DEC' }],
    solventRatio: { parts: [1, 1], basis: 'v/v' }, additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }],
  }],
  ['LLZTO', { kind: 'solid', solid: { id: 'LLZTO' } }],
  ['0.8 M LiTFSI in DOL/DME 8:2 v/v', {
    kind: 'liquid', salts: [{ id: 'LiTFSI', concentration_M: 0.8 }], solvents: [{ id: 'DOL' }, { id: 'DME' }],
    solventRatio: { parts: [8, 2], basis: 'v/v' },
  }],
  ['4 M LiFSI in DME', { kind: 'liquid', salts: [{ id: 'LiFSI', concentration_M: 4 }], solvents: [{ id: 'DME' }] }],
  ['1.0 mol/L LiPF₆ in EC/DMC (1:1 by volume)', {
    kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DMC' }],
    solventRatio: { parts: [1, 1], basis: 'v/v' },
  }],
  ['1 M LiTFSI in DOL:DME (1:1) + 2 wt. % LiNO3', {
    salts: [{ id: 'LiTFSI', concentration_M: 1 }], additives: [{ id: 'LiNO3', amount: 2, unit: 'wt%' }],
  }],
  ['1 M LiPF6 EC:DEC with 0.05 M CsPF6', { additives: [{ id: 'CsPF6', amount: 0.05, unit: 'M' }] }],
  ['garnet LLZTO pellet', { kind: 'solid', solid: { id: 'LLZTO', form: 'pellet' } }],
  ['LLZTO pellet 500 µm thick', { kind: 'solid', solid: { id: 'LLZTO', form: 'pellet', thickness_um: 500 } }],
  ['PEO-LiTFSI', { kind: 'polymer', solid: { id: 'PEO' }, salts: [{ id: 'LiTFSI' }] }],
  ['solid polymer electrolyte', { kind: 'polymer', solid: { id: 'SPE-LiTFSI' } }],
  ['LiPON', { kind: 'solid', solid: { id: 'LiPON' } }],
  ['1 M LiPF6 in EC:EMC 3:7 v/v + 10 mmol L⁻¹ ferrocene', { additives: [{ id: 'ferrocene', amount: 0.01, unit: 'M' }] }],
]

describe('parseElectrolyteText', () => {
  test.each(ELECTROLYTES)('%s', (text, expected) => {
    const r = parseElectrolyteText(text, vocab, options)
    expect(r.errors).toEqual([])
    expect(r.electrolyte).toMatchObject(expected)
  })

  test('an unknown salt is an error with suggestions', () => {
    const r = parseElectrolyteText('1 M LiPF7 in EC', vocab, options)
    expect(r.errors).toEqual([{ pointer: '/electrolyte', detail: 'unknown material "LiPF7"', suggestions: expect.arrayContaining(['LiPF6']) }])
  })

  test('a non-electrolyte piece is an error', () => {
    const r = parseElectrolyteText('1 M LiPF6 in EC at 3 mA cm-2', vocab, options)
    expect(r.errors.map((e) => e.detail)).toEqual(['"3 mA cm-2" is not part of an electrolyte (read as currentDensity)'])
  })

  test('a ratio that does not fit the solvents is an error', () => {
    expect(parseElectrolyteText('1 M LiPF6 in EC 1:1:1', vocab, options).errors[0]?.detail).toMatch(/ratio "1:1:1"/)
  })

  test.each(['', '   ', 'nonsense'])('%j is an error, not an exception', (text) => {
    const r = parseElectrolyteText(text, vocab, options)
    expect(r.errors.length).toBeGreaterThan(0)
    expect(r.errors.every((e) => e.pointer === '/electrolyte')).toBe(true)
  })
})

const SEPARATORS: Array<[string, Record<string, unknown>]> = [
  ['25 µm PE', { type: 'PE', thickness_um: 25 }],
  ['25 μm PE separator', { type: 'PE', thickness_um: 25 }],
  ['PP 20 um', { type: 'PP', thickness_um: 20 }],
  ['polypropylene', { type: 'PP' }],
  ['glass fibre', { type: 'GF' }],
  ['glass fiber', { type: 'GF' }],
  ['GF/D', { type: 'GF' }],
  ['Whatman GF/D, 675 µm', { type: 'GF', thickness_um: 675 }],
  ['Celgard 2400', { type: 'PP' }],
  ['PE, 40% porosity', { type: 'PE', porosity: 0.4 }],
  ['PE, porosity 0.45, pore size 50 nm', { type: 'PE', porosity: 0.45, poreSize_nm: 50 }],
  ['ceramic', { type: 'ceramic' }],
  ['none', { type: 'none' }],
  ['no separator', { type: 'none' }],
  ['capillary', { type: 'capillary' }],
]

describe('parseSeparatorText', () => {
  test.each(SEPARATORS)('%s', (text, expected) => {
    const r = parseSeparatorText(text)
    expect(r.errors).toEqual([])
    expect(r.separator).toEqual(expected)
  })

  test.each([['cardboard', /unknown separator/], ['25 mA PE', /./], ['', /no separator/]])('%j is an error', (text, detail) => {
    const r = parseSeparatorText(text)
    expect(r.errors.length).toBeGreaterThan(0)
    expect(r.errors[0]?.pointer).toBe('/separator')
    expect(r.errors[0]?.detail).toMatch(detail)
  })
})

const CELLS: Array<[string, Record<string, unknown>]> = [
  ['Li||Cu', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li‖Cu', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li|Cu', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li/Cu', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li-Cu', { cell: 'Li-Cu' }],
  ['Li-Li', { cell: 'Li-Li' }],
  ['Li||Li', { cell: 'Li-Li' }],
  ['symmetric', { cell: 'Li-Li' }],
  ['symmetric cell', { cell: 'Li-Li' }],
  ['anode-free', { cell: 'anode-free' }],
  ['Cu||LiFePO4', { cell: 'anode-free', substrate: 'Cu' }],
  ['Li||LFP', { cell: 'Li-cathode' }],
  ['Li-cathode', { cell: 'Li-cathode' }],
  ['Li | LLZTO | Li', { cell: 'Li-Li', solid: 'LLZTO' }],
  ['Li|LiPON|Cu', { cell: 'Li-Cu', substrate: 'Cu', solid: 'LiPON' }],
  ['Li||Ni', { cell: 'Li-Cu', substrate: 'Ni' }],
]

describe('parseCellText', () => {
  test.each(CELLS)('%s', (text, expected) => {
    const r = parseCellText(text, vocab, options)
    expect(r.errors).toEqual([])
    expect(r).toMatchObject(expected)
  })

  test('works without the vocabulary for the common notations', () => {
    expect(parseCellText('Li||Cu')).toMatchObject({ cell: 'Li-Cu', substrate: 'Cu', errors: [] })
    expect(parseCellText('Li | LLZTO | Li')).toMatchObject({ cell: 'Li-Li', solid: 'LLZTO', errors: [] })
  })

  test.each(['banana', 'DOL/DME', '', 'Li'])('%j is an error', (text) => {
    const r = parseCellText(text, vocab, options)
    expect(r.cell).toBeUndefined()
    expect(r.errors[0]?.pointer).toBe('/cell')
  })
})

describe('parseConfigurationText', () => {
  test('a repeated field text reads the same from the interpretation cache, and changing a result does not reach the next', () => {
    const fields = { cell: 'Li||Cu', electrolyte: '1 M LiTFSI in DOL:DME 1:1 v/v + 2 wt% LiNO3', currentDensity: '1 mA cm-2' }
    const first = parseConfigurationText(fields, vocab, options)
    expect(first.errors).toEqual([])
    const snapshot = structuredClone(first.config)
    first.config.electrolyte.additives?.push({ id: 'FEC' })
    ;(first.config as { substrate?: string }).substrate = 'Au'
    const second = parseConfigurationText(fields, vocab, options)
    expect(second.config).toEqual(snapshot)
    expect(second.config.electrolyte.additives?.map((a) => a.id)).toEqual(['LiNO3'])
    // a different text is read on its own, not served from another text's entry
    expect(parseConfigurationText({ ...fields, electrolyte: '1 M LiTFSI in DOL:DME 1:1 v/v + 5 wt% FEC' }, vocab, options).config.electrolyte.additives?.map((a) => a.id)).toEqual(['FEC'])
  })

  test('a configuration written the way papers write it', () => {
    const r = parseConfigurationText({
      cell: 'Li||Cu',
      electrolyte: '1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC',
      currentDensity: '0.5 mA cm⁻²',
      capacity: '1 mAh cm-2',
      temperature: '60 °C',
      stackPressure: '0.35 MPa',
      separator: '25 µm PE',
      cycles: '50',
      technique: 'OM',
      coating: 'Ag',
      gap: '100 µm',
      surfacePreparation: 'polished, rinsed in DMC',
    }, vocab, options)
    expect(r.errors).toEqual([])
    expect(r.config).toEqual(PredictionConfigSchema.parse({
      cell: 'Li-Cu',
      electrolyte: {
        kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DEC' }],
        solventRatio: { parts: [1, 1], basis: 'v/v' }, additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }],
      },
      substrate: 'Cu',
      coatings: ['Ag'],
      currentDensity_mA_cm2: 0.5,
      capacity_mAh_cm2: 1,
      temperature_C: 60,
      stackPressure_kPa: 350,
      separator: { type: 'PE', thickness_um: 25 },
      gap_um: 100,
      cycles: 50,
      technique: 'optical',
      surfacePreparation: ['polished', 'rinsed in DMC'],
    }))
  })

  test.each<[ConfigurationTextFields, string, RegExp]>([
    [{ currentDensity: '3 mA' }, '/currentDensity', /current \(mA\), but a current density was expected/],
    [{ currentDensity: '3' }, '/currentDensity', /no unit/],
    [{ currentDensity: '1-3 mA cm-2' }, '/currentDensity', /2 values \(range\)/],
    [{ currentDensity: '1 mA cm-2', capacity: '1 mAh' }, '/capacity', /charge .* areal capacity was expected/],
    [{ currentDensity: '1 mA cm-2', temperature: '60 mV' }, '/temperature', /voltage/],
    [{ currentDensity: '1 mA cm-2', temperature: '500 °C' }, '/temperature', /<=200/],
    [{ currentDensity: '1 mA cm-2', stackPressure: '1 mA cm-2' }, '/stackPressure', /pressure was expected/],
    [{ currentDensity: '1 mA cm-2', separator: 'cardboard' }, '/separator', /unknown separator/],
    [{ currentDensity: '1 mA cm-2', cycles: 'many' }, '/cycles', /whole number/],
    [{ currentDensity: '1 mA cm-2', cell: 'banana' }, '/cell', /cannot read a cell/],
    [{ currentDensity: '1 mA cm-2', electrolyte: '1 M LiPF7' }, '/electrolyte', /unknown material "LiPF7"/],
    [{ currentDensity: '1 mA cm-2', substrate: 'LiPF6' }, '/substrate', /salt material, not a substrate/],
    [{ currentDensity: '1 mA cm-2', technique: 'telescope' }, '/technique', /unknown technique/],
    [{}, '/currentDensity', /required/],
  ])('%j → error at %s', (fields, pointer, detail) => {
    const r = parseConfigurationText(fields, vocab, options)
    const e = r.errors.find((x) => x.pointer === pointer)
    expect(e, JSON.stringify(r.errors)).toBeDefined()
    expect(e?.detail).toMatch(detail)
  })

  test('an unknown substrate gets suggestions', () => {
    const r = parseConfigurationText({ currentDensity: '1 mA cm-2', substrate: 'coper' }, vocab, options)
    expect(r.errors).toEqual([{ pointer: '/substrate', detail: 'unknown material "coper"', suggestions: ['Cu'] }])
  })

  test('"60 C" and "room temperature" are temperatures, with an assumption', () => {
    const a = parseConfigurationText({ currentDensity: '1 mA cm-2', temperature: '60 C' }, vocab, options)
    expect(a.config.temperature_C).toBe(60)
    expect(a.assumptions).toEqual(['"60 C" read as 60 °C'])
    expect(parseConfigurationText({ currentDensity: '1 mA cm-2', temperature: 'RT' }, vocab, options).config.temperature_C).toBe(25)
  })

  test('pressure, gap and dose units convert to the canonical ones', () => {
    const r = parseConfigurationText({
      currentDensity: '50 µA/cm2', stackPressure: '1 bar', gap: '0.1 mm', electronDose: '0.3 e⁻ Å⁻² s⁻¹',
      oxygenPartialPressure: '5.7 × 10⁻⁶ Pa', currentCollectorFilmThickness: '30 nm', strippingCurrentDensity: '1 mA cm-2',
    }, vocab, options)
    expect(r.errors).toEqual([])
    expect(r.config).toMatchObject({
      currentDensity_mA_cm2: 0.05, stackPressure_kPa: 100, gap_um: 100, electronDose_e_A2_s: 0.3,
      oxygenPartialPressure_Pa: 5.7e-6, currentCollectorFilmThickness_um: 0.03, strippingCurrentDensity_mA_cm2: 1,
    })
  })

  test('a solid electrolyte in the cell becomes the electrolyte', () => {
    const r = parseConfigurationText({ cell: 'Li | LLZTO | Li', currentDensity: '0.1 mA cm-2' }, vocab, options)
    expect(r.errors).toEqual([])
    expect(r.config).toMatchObject({ cell: 'Li-Li', electrolyte: { kind: 'solid', solid: { id: 'LLZTO' } } })
  })

  test('unknown fields and non-string values are errors, never exceptions', () => {
    const r = parseConfigurationText({ currentDensity: '1 mA cm-2', colour: 'blue', cycles: {} } as unknown as ConfigurationTextFields, vocab, options)
    expect(r.errors.map((e) => e.pointer).sort()).toEqual(['/colour', '/cycles'])
    expect(parseConfigurationText(null as unknown as ConfigurationTextFields, vocab, options).errors).toHaveLength(1)
  })
})

describe('the built-in material categories', () => {
  test('agree with seeds/vocab/materials.json', async () => {
    const { raw } = await loadSeedVocab()
    const fromSeeds = Object.fromEntries(raw.materials.map((m) => [m.id, m.categories]))
    expect(DEFAULT_MATERIAL_CATEGORIES).toEqual(fromSeeds)
  })
})
