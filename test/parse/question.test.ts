import { beforeAll, describe, expect, test } from 'vitest'
import type { VocabIndex } from '../../src/kb/vocab-index.ts'
import { PredictionConfigSchema } from '../../src/predict/configuration.ts'
import { parseQuestion, type ParsedQuestion } from '../../src/parse/question.ts'
import type { ParseOptions } from '../../src/parse/scan.ts'
import { loadSeedVocab } from './helpers.ts'

let vocab: VocabIndex
let options: ParseOptions
beforeAll(async () => { ({ vocab, options } = await loadSeedVocab()) })
const parse = (text: string): ParsedQuestion => parseQuestion(text, vocab, options)

/** Every recognised span is where it says it is. */
function expectSpansHold(r: ParsedQuestion) {
  for (const x of r.recognised) {
    expect(x.span[0]).toBeGreaterThanOrEqual(0)
    expect(x.span[1]).toBeLessThanOrEqual(r.text.length)
    expect(x.span[0]).toBeLessThan(x.span[1])
    expect(r.text.slice(x.span[0], x.span[1])).toBe(x.text)
  }
  const starts = r.recognised.map((x) => x.span[0])
  expect(starts).toEqual([...starts].sort((a, b) => a - b))
  for (let i = 1; i < r.recognised.length; i++) {
    expect((r.recognised[i] as { span: [number, number] }).span[0]).toBeGreaterThanOrEqual((r.recognised[i - 1] as { span: [number, number] }).span[1])
  }
}

describe('the questions of the brief', () => {
  test('"what happens at 3 mA cm-2 with FEC"', () => {
    const r = parse('what happens at 3 mA cm-2 with FEC')
    expect(r.intent).toBe('predict')
    expect(r.conditions).toEqual({ electrolyte: { kind: 'liquid', additives: [{ id: 'FEC' }] }, currentDensity_mA_cm2: 3 })
    expect(r.unrecognised).toEqual([])
    expect(r.recognised.map((x) => [x.text, x.as])).toEqual([['3 mA cm-2', 'currentDensity'], ['FEC', 'additive']])
    expect(r.recognised[0]?.span).toEqual([16, 25])
    expectSpansHold(r)
  })

  test('"Li||Cu 1 M LiPF6 EC:DEC + 5 wt% FEC at 2 mA/cm2"', () => {
    const r = parse('Li||Cu 1 M LiPF6 EC:DEC + 5 wt% FEC at 2 mA/cm2')
    expect(r.intent).toBe('predict')
    expect(r.conditions).toEqual({
      cell: 'Li-Cu',
      electrolyte: {
        kind: 'liquid',
        salts: [{ id: 'LiPF6', concentration_M: 1 }],
        solvents: [{ id: 'EC' }, { id: 'DEC' }],
        additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }],
      },
      substrate: 'Cu',
      currentDensity_mA_cm2: 2,
    })
    expect(r.recognised.map((x) => x.as)).toEqual(['cell', 'concentration', 'salt', 'solvent', 'solvent', 'amount', 'additive', 'currentDensity'])
    expect(r.unrecognised).toEqual([])
    expectSpansHold(r)
  })

  test('"garnet LLZTO at 0.5 mA cm⁻² and 60 °C"', () => {
    const r = parse('garnet LLZTO at 0.5 mA cm⁻² and 60 °C')
    expect(r.conditions).toEqual({
      electrolyte: { kind: 'solid', solid: { id: 'LLZTO' } }, currentDensity_mA_cm2: 0.5, temperature_C: 60,
    })
    expect(r.recognised.map((x) => x.text)).toEqual(['garnet LLZTO', '0.5 mA cm⁻²', '60 °C'])
    expectSpansHold(r)
  })

  test('"50 µA/cm2 on Cu with LiPON"', () => {
    const r = parse('50 µA/cm2 on Cu with LiPON')
    expect(r.conditions).toEqual({ electrolyte: { kind: 'solid', solid: { id: 'LiPON' } }, substrate: 'Cu', currentDensity_mA_cm2: 0.05 })
    expect(r.unrecognised).toEqual([])
  })

  test('"compare OM and TEM for SEI"', () => {
    const r = parse('compare OM and TEM for SEI')
    expect(r.intent).toBe('compare-techniques')
    expect(r.techniques).toEqual(['optical', 'tem'])
    expect(r.topics).toEqual(['sei'])
    expect(r.conditions).toEqual({})
    expect(r.unrecognised).toEqual([])
    expect(r.recognised.map((x) => x.as)).toEqual(['intent', 'technique', 'technique', 'topic'])
  })
})

// [question, the value the form must produce (a subset of conditions)]
const CURRENT_FORMS: Array<[string, number]> = [
  ['at 2 mA cm⁻²', 2],
  ['at 2 mA·cm−2', 2],
  ['at 2 mA/cm²', 2],
  ['at 2 mA cm^-2', 2],
  ['at 2 mA cm-2', 2],
  ['at 2 mA/cm2', 2],
  ['at 2mA/cm2', 2],
  ['at 50 µA cm-2', 0.05], // micro sign
  ['at 50 μA cm-2', 0.05], // Greek mu
  ['at 50 uA cm-2', 0.05],
  ['at 20 A m^-2', 2],
  ['at 2 mA cm⁻².', 2],
  ['(2 mA cm-2)', 2],
  ['at ~2 mA cm-2', 2],
]

describe('current densities in every spelling', () => {
  test.each(CURRENT_FORMS)('%s', (q, value) => {
    const r = parse(q)
    expect(r.conditions.currentDensity_mA_cm2).toBeCloseTo(value, 12)
    expect(r.intent).toBe('predict')
    expect(r.unrecognised).toEqual([])
    expectSpansHold(r)
  })

  test('a range or list uses the first value and says so', () => {
    const r = parse('2–20 mA cm⁻²')
    expect(r.conditions.currentDensity_mA_cm2).toBe(2)
    expect(r.assumptions?.join(' ')).toMatch(/used the first/)
    expect(parse('at 3, 5 and 7 mA cm-2').conditions.currentDensity_mA_cm2).toBe(3)
  })

  test('a stripping current density after "stripping"', () => {
    const r = parse('plating at 1 mA cm-2 and stripping at 5 mA cm-2')
    expect(r.conditions).toMatchObject({ currentDensity_mA_cm2: 1, strippingCurrentDensity_mA_cm2: 5 })
  })

  test('a current without an area is recognised but not used as a density', () => {
    const r = parse('at 3 mA')
    expect(r.conditions.currentDensity_mA_cm2).toBeUndefined()
    expect(r.recognised[0]).toMatchObject({ text: '3 mA', as: 'quantity', value: { kind: 'current' } })
    expect(r.assumptions?.[0]).toMatch(/current, not a current density/)
  })
})

const CELL_FORMS: Array<[string, Record<string, unknown>]> = [
  ['Li||Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li‖Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li∥Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li|Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li | Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li/Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li-Cu at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'Cu' }],
  ['Li-Li at 1 mA cm-2', { cell: 'Li-Li' }],
  ['Li–Li at 1 mA cm-2', { cell: 'Li-Li' }],
  ['Li||Li at 1 mA cm-2', { cell: 'Li-Li' }],
  ['symmetric cell at 1 mA cm-2', { cell: 'Li-Li' }],
  ['Li symmetric cells at 1 mA cm-2', { cell: 'Li-Li' }],
  ['anode-free cell at 1 mA cm-2', { cell: 'anode-free' }],
  ['anode free at 1 mA cm-2', { cell: 'anode-free' }],
  ['Cu||LiFePO4 at 1 mA cm-2', { cell: 'anode-free', substrate: 'Cu' }],
  ['Li||LFP at 1 mA cm-2', { cell: 'Li-cathode' }],
  ['Li | LLZTO | Li at 0.2 mA cm-2', { cell: 'Li-Li', electrolyte: { kind: 'solid', solid: { id: 'LLZTO' } } }],
  ['Li||SS at 1 mA cm-2', { cell: 'Li-Cu', substrate: 'SS' }],
]

describe('cells', () => {
  test.each(CELL_FORMS)('%s', (q, expected) => {
    const r = parse(q)
    expect(r.conditions).toMatchObject({ ...expected, currentDensity_mA_cm2: expect.any(Number) })
    expect(r.unrecognised).toEqual([])
    expectSpansHold(r)
  })

  test('solvent pairs and alloys are not cells', () => {
    expect(parse('DOL/DME').conditions.cell).toBeUndefined()
    expect(parse('Li-In alloy').conditions.cell).toBeUndefined()
    expect(parse('Li-In alloy').recognised[0]).toMatchObject({ text: 'Li-In alloy', value: 'Li-In' })
  })
})

const OTHER_FORMS: Array<[string, Record<string, unknown>]> = [
  // capacities
  ['1 mAh cm-2', { capacity_mAh_cm2: 1 }],
  ['1 mAh/cm²', { capacity_mAh_cm2: 1 }],
  ['500 µAh cm⁻²', { capacity_mAh_cm2: 0.5 }],
  // temperatures
  ['at 60 °C', { temperature_C: 60 }],
  ['at 60°C', { temperature_C: 60 }],
  ['at 60 ℃', { temperature_C: 60 }],
  ['at 60 C', { temperature_C: 60 }],
  ['at 333 K', { temperature_C: 59.85 }],
  ['at -20°C', { temperature_C: -20 }],
  ['at −20 °C', { temperature_C: -20 }],
  ['at -20 C', { temperature_C: -20 }],
  ['at room temperature', { temperature_C: 25 }],
  // pressures
  ['under 0.35 MPa', { stackPressure_kPa: 350 }],
  ['under 350 kPa', { stackPressure_kPa: 350 }],
  ['under 1 bar', { stackPressure_kPa: 100 }],
  ['under 5 psi', { stackPressure_kPa: 34.4738 }],
  // concentrations
  ['1 M LiPF6', { electrolyte: { kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }] } }],
  ['1.0 mol/L LiPF6', { electrolyte: { kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }] } }],
  ['1 mol L⁻¹ LiPF₆', { electrolyte: { kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }] } }],
  ['4 M LiFSI in DME', { electrolyte: { kind: 'liquid', salts: [{ id: 'LiFSI', concentration_M: 4 }], solvents: [{ id: 'DME' }] } }],
  ['LiTFSI (1 M) in DMSO', { electrolyte: { salts: [{ id: 'LiTFSI', concentration_M: 1 }], solvents: [{ id: 'DMSO' }] } }],
  // solvent ratios
  ['EC:DEC 1:1 v/v', { electrolyte: { solvents: [{ id: 'EC' }, { id: 'DEC' }], solventRatio: { parts: [1, 1], basis: 'v/v' } } }],
  ['EC/DMC (1:1 by volume)', { electrolyte: { solvents: [{ id: 'EC' }, { id: 'DMC' }], solventRatio: { parts: [1, 1], basis: 'v/v' } } }],
  ['DOL/DME 8:2 v/v', { electrolyte: { solvents: [{ id: 'DOL' }, { id: 'DME' }], solventRatio: { parts: [8, 2], basis: 'v/v' } } }],
  ['DME/DOL 1/1', { electrolyte: { solvents: [{ id: 'DME' }, { id: 'DOL' }], solventRatio: { parts: [1, 1], basis: 'unspecified' } } }],
  ['EC:EMC 3:7 by weight', { electrolyte: { solvents: [{ id: 'EC' }, { id: 'EMC' }], solventRatio: { parts: [3, 7], basis: 'w/w' } } }],
  ['ethylene carbonate and diethyl carbonate (1:1)', { electrolyte: { solvents: [{ id: 'EC' }, { id: 'DEC' }], solventRatio: { parts: [1, 1] } } }],
  // additives
  ['5 wt% FEC', { electrolyte: { kind: 'liquid', additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }] } }],
  ['5wt% fluoroethylene carbonate', { electrolyte: { additives: [{ id: 'FEC', amount: 5, unit: 'wt%' }] } }],
  ['2 wt. % LiNO3', { electrolyte: { additives: [{ id: 'LiNO3', amount: 2, unit: 'wt%' }] } }],
  ['10 vol% FEC', { electrolyte: { additives: [{ id: 'FEC', amount: 10, unit: 'vol%' }] } }],
  ['FEC (10 wt%)', { electrolyte: { additives: [{ id: 'FEC', amount: 10, unit: 'wt%' }] } }],
  ['1 M LiPF6 with 0.05 M CsPF6', { electrolyte: { salts: [{ id: 'LiPF6', concentration_M: 1 }], additives: [{ id: 'CsPF6', amount: 0.05, unit: 'M' }] } }],
  ['1 wt% LPF', { electrolyte: { additives: [{ id: 'LiPO2F2', amount: 1, unit: 'wt%' }] } }],
  ['lithium difluorophosphate', { electrolyte: { additives: [{ id: 'LiPO2F2' }] } }],
  // separators
  ['25 µm PE', { separator: { type: 'PE', thickness_um: 25 } }],
  ['a 25 μm PE separator', { separator: { type: 'PE', thickness_um: 25 } }],
  ['glass fiber', { separator: { type: 'GF' } }],
  ['glass fibre separator', { separator: { type: 'GF' } }],
  ['Whatman GF/D', { separator: { type: 'GF' } }],
  ['Celgard 2400', { separator: { type: 'PP' } }],
  // substrates, coatings, solids
  ['on stainless steel', { substrate: 'SS' }],
  ['Ag-coated SS', { substrate: 'SS', coatings: ['Ag'] }],
  ['SS with Ag coating', { substrate: 'SS', coatings: ['Ag'] }],
  ['LLZTO pellet 500 µm thick', { electrolyte: { kind: 'solid', solid: { id: 'LLZTO', form: 'pellet', thickness_um: 500 } } }],
  ['PEO with LiTFSI', { electrolyte: { kind: 'polymer', solid: { id: 'PEO' }, salts: [{ id: 'LiTFSI' }] } }],
  ['argyrodite', { electrolyte: { kind: 'solid', solid: { id: 'Li6PS5Cl' } } }],
  ['30 nm Cu film on LiPON', { substrate: 'Cu', currentCollectorFilmThickness_um: 0.03 }],
  // cycles, gap, dose, oxygen
  ['for 100 cycles', { cycles: 100 }],
  ['a 10 µm gap', { gap_um: 10 }],
  ['0.3 e⁻ Å⁻² s⁻¹', { electronDose_e_A2_s: 0.3 }],
  ['5.7 × 10⁻⁶ Pa O2', { oxygenPartialPressure_Pa: 5.7e-6 }],
  ['polished Li foil', { surfacePreparation: ['polished'] }],
]

describe('conditions in the forms papers write them', () => {
  test.each(OTHER_FORMS)('%s', (q, expected) => {
    const r = parse(q)
    for (const [k, v] of Object.entries(expected)) {
      if (typeof v === 'number') expect(r.conditions[k as keyof typeof r.conditions]).toBeCloseTo(v, 3)
      else expect(r.conditions).toMatchObject({ [k]: v })
    }
    expect(r.unrecognised).toEqual([])
    expectSpansHold(r)
  })

  test('"60 C" and "1 h" are explained as assumptions', () => {
    expect(parse('at 60 C').assumptions).toEqual(['"60 C" read as 60 °C (not a C-rate or coulombs)'])
    const r = parse('at 1 mA cm-2 for 2 h')
    expect(r.conditions.capacity_mAh_cm2).toBe(2)
    expect(r.assumptions?.[0]).toMatch(/capacity taken as current density × time = 2 mAh/)
  })

  test('a small C-rate stays a C-rate', () => {
    const r = parse('cycled at 1C and C/3')
    expect(r.conditions.temperature_C).toBeUndefined()
    expect(r.recognised.filter((x) => x.as === 'quantity').map((x) => (x.value as { kind: string }).kind)).toEqual(['cRate', 'cRate'])
  })

  test('the full electrolyte of the brief', () => {
    const r = parse('0.8 M LiTFSI in DOL/DME 8:2 v/v + 2 wt. % LiNO3 at 0.5 mA cm-2 and 1 mAh cm-2, 25 °C, 350 kPa, 25 µm PE')
    expect(r.conditions).toEqual({
      electrolyte: {
        kind: 'liquid',
        salts: [{ id: 'LiTFSI', concentration_M: 0.8 }],
        solvents: [{ id: 'DOL' }, { id: 'DME' }],
        solventRatio: { parts: [8, 2], basis: 'v/v' },
        additives: [{ id: 'LiNO3', amount: 2, unit: 'wt%' }],
      },
      currentDensity_mA_cm2: 0.5,
      capacity_mAh_cm2: 1,
      temperature_C: 25,
      stackPressure_kPa: 350,
      separator: { type: 'PE', thickness_um: 25 },
    })
    expect(r.unrecognised).toEqual([])
  })

  test('a question with conditions yields a configuration the predictor accepts', () => {
    const r = parse('Li||Cu 1 M LiPF6 in EC:DEC 1:1 v/v + 5 wt% FEC at 2 mA/cm2, 1 mAh cm-2, 25 °C, 25 µm PE, 10 cycles')
    expect(PredictionConfigSchema.safeParse(r.conditions).success).toBe(true)
  })
})

describe('electrolyte kind follows the materials', () => {
  test.each([
    ['LLZTO at 0.1 mA cm-2', 'solid'],
    ['garnet', 'solid'],
    ['Li6PS5Cl', 'solid'],
    ['LiPON', 'solid'],
    ['solid polymer electrolyte', 'polymer'],
    ['PEO', 'polymer'],
    ['1 M LiPF6', 'liquid'],
    ['in DME', 'liquid'],
    ['with FEC', 'liquid'],
  ])('%s → %s', (q, kind) => {
    expect(parse(q).conditions.electrolyte?.kind).toBe(kind)
  })

  test('no electrolyte when none is named', () => {
    expect(parse('at 1 mA cm-2 on Cu').conditions.electrolyte).toBeUndefined()
  })
})

describe('intent, techniques and topics', () => {
  test.each([
    ['compare OM and TEM for SEI', 'compare-techniques'],
    ['which technique shows dead Li best?', 'compare-techniques'],
    ['best technique for dendrites in LLZTO', 'compare-techniques'],
    ['OM vs SEM', 'compare-techniques'],
    ['cryo-TEM versus X-ray tomography for 3D structure', 'compare-techniques'],
    ['should I use AFM or SEM for nucleation?', 'compare-techniques'],
    ['what happens at 3 mA cm-2 with FEC', 'predict'],
    ['what happens at 60 °C', 'predict'],
    ['what happens with FEC', 'predict'],
    ['dendrites in LLZTO', 'search'],
    ['dead Li', 'search'],
    ['compare FEC and LiNO3', 'search'],
    ['what microscopy should I use for SEI?', 'compare-techniques'],
    ['best imaging method for dendrites', 'compare-techniques'],
    ['what does OM imaging show at 1 mA cm-2', 'predict'],
    ['at 2000 mA cm-2', 'predict'],
  ])('%s → %s', (q, intent) => {
    expect(parse(q).intent).toBe(intent)
  })

  test('generic names give families, specific names give technique ids', () => {
    expect(parse('OM, SEM, TEM, AFM and X-ray').techniques).toEqual(['optical', 'sem', 'tem', 'afm', 'xray'])
    expect(parse('HAADF-STEM and UHV-SEM and X-ray tomography').techniques).toEqual(['haadf-stem', 'uhv-sem', 'xrt'])
  })

  test('one technique in a prediction is the observing technique', () => {
    expect(parse('at 1 mA cm-2 seen by liquid-cell TEM').conditions.technique).toBe('liquid-cell-tem')
    expect(parse('compare OM and TEM at 1 mA cm-2').conditions.technique).toBeUndefined()
  })

  test.each([
    ['SEI composition', ['sei']],
    ['solid electrolyte interphase', ['sei']],
    ['Li dendrites', ['dendrites']],
    ['whiskers', ['dendrites']],
    ['dead lithium', ['dead-li']],
    ['inactive Li', ['dead-li']],
    ['nucleation overpotential', ['nucleation']],
    ['short circuit', ['short-circuit']],
    ['short-circuiting through LLZTO', ['short-circuit']],
    ['3D structure', ['3d-structure']],
    ['three-dimensional', ['3d-structure']],
    ['mossy Li and dead Li after stripping', ['dendrites', 'dead-li', 'stripping']],
  ])('topics of %s', (q, topics) => {
    expect(parse(q).topics).toEqual(topics)
  })
})

describe('explanations', () => {
  test('unknown words are listed, stop words are not', () => {
    const r = parse('what happens if I run it at 3 mA cm-2 with FEC and the flux capacitor on')
    expect(r.unrecognised).toEqual(['flux', 'capacitor'])
  })

  test('garbage comes back unrecognised, without conditions', () => {
    const r = parse('asdf qwer 123 zxcv!!')
    expect(r.intent).toBe('search')
    expect(r.conditions).toEqual({})
    expect(r.recognised).toEqual([])
    expect(r.unrecognised).toEqual(['asdf', 'qwer', '123', 'zxcv'])
  })

  test.each(['', '   ', '???', '\u0000\u0001', '🙂🙂', '||||', '1:1:1:1', '-', '1e999 mA cm-2', '.5.5.5', 'µ'])('odd input %j does not throw', (q) => {
    const r = parse(q)
    expectSpansHold(r)
  })

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty __proto__ valueOf'])('object-property names (%s) are plain unknown words', (q) => {
    const r = parse(q)
    expect(r.conditions).toEqual({})
    expect(r.unrecognised).toEqual(q.split(' '))
  })

  test('values the predictor refuses are recognised, dropped from the conditions, and explained', () => {
    const r = parse('at 2000 mA cm-2 and 300 °C with 30 M LiPF6')
    expect(r.intent).toBe('predict')
    expect(r.conditions).toEqual({ electrolyte: { kind: 'liquid', salts: [{ id: 'LiPF6' }] } })
    expect(r.recognised.map((x) => x.as)).toEqual(['currentDensity', 'temperature', 'concentration', 'salt'])
    expect(r.assumptions).toHaveLength(3)
    expect(r.assumptions?.every((a) => /outside what the predictor accepts/.test(a))).toBe(true)
  })

  test('more spellings: glued units, "=", hyphenated names, mode words', () => {
    expect(parse('1M LiPF6 in EC:DMC=1:1').conditions.electrolyte).toEqual({
      kind: 'liquid', salts: [{ id: 'LiPF6', concentration_M: 1 }], solvents: [{ id: 'EC' }, { id: 'DMC' }],
      solventRatio: { parts: [1, 1], basis: 'unspecified' },
    })
    expect(parse('EC:DMC = 1:1 (v:v)').recognised.at(-1)).toMatchObject({ text: '1:1 (v:v)', as: 'solventRatio' })
    expect(parse('on Cu-foil').conditions.substrate).toBe('Cu')
    expect(parse('LiFSI-DME').conditions.electrolyte).toEqual({ kind: 'liquid', salts: [{ id: 'LiFSI' }], solvents: [{ id: 'DME' }] })
    expect(parse('FEC-free electrolyte').conditions).toEqual({})
    expect(parse('in situ OM and operando TEM').techniques).toEqual(['optical', 'tem'])
    expect(parse('1 m LiPF6').conditions.electrolyte?.salts).toEqual([{ id: 'LiPF6', concentration_M: 1 }])
  })

  test('unknown chemical names get suggestions', () => {
    const r = parse('1 M LiPF7 in EC')
    expect(r.unrecognised).toEqual(['LiPF7'])
    expect(r.suggestions?.LiPF7).toContain('LiPF6')
  })

  test('short common words are only materials when capitalised', () => {
    expect(parse('In LLZTO at 60 °C').conditions.substrate).toBeUndefined()
    expect(parse('plating on In at 1 mA cm-2').conditions.substrate).toBe('In')
    expect(parse('these stem from the SEI').techniques).toEqual([])
    expect(parse('STEM of the SEI').techniques).toEqual(['tem'])
  })

  test('spans point into the original text, Unicode and all', () => {
    const text = 'Li‖Cu, 50 μA cm⁻², −20 ℃, 1 mol L⁻¹ LiPF₆'
    const r = parse(text)
    expect(r.recognised.map((x) => x.text)).toEqual(['Li‖Cu', '50 μA cm⁻²', '−20 ℃', '1 mol L⁻¹', 'LiPF₆'])
    expectSpansHold(r)
    expect(r.conditions).toMatchObject({ cell: 'Li-Cu', currentDensity_mA_cm2: 0.05, temperature_C: -20 })
  })

  test('deterministic: the same text gives the same result, every time and in any order', () => {
    const qs = ['Li||Cu 1 M LiPF6 EC:DEC + 5 wt% FEC at 2 mA/cm2', 'compare OM and TEM for SEI', 'asdf 3 mA']
    const first = qs.map((q) => JSON.stringify(parse(q)))
    const again = [...qs].reverse().map((q) => JSON.stringify(parse(q))).reverse()
    expect(again).toEqual(first)
  })

  test('without the material list the built-in categories give the same reading', () => {
    const q = 'Li||Cu 1 M LiPF6 EC:DEC 1:1 v/v + 5 wt% FEC, 0.05 M CsPF6 at 2 mA/cm2 on Ag-coated SS'
    expect(parseQuestion(q, vocab).conditions).toEqual(parse(q).conditions)
  })
})
