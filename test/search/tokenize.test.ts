import lunr from 'lunr'
import { describe, expect, test } from 'vitest'
import { SEARCH_FIELDS, type SearchDocument } from '../../src/search/documents.ts'
import { buildLunrIndex } from '../../src/search/lunr-index.ts'
import { canonicalUnit, expandToken, normaliseQuery, queryTerms, tokenize } from '../../src/search/tokenize.ts'

describe('shared tokenizer', () => {
  test('chemical names and formulas stay whole, with Unicode subscripts folded', () => {
    expect(tokenize('1 M LiPF₆ in 1:1 EC:DMC')).toEqual(expect.arrayContaining(['lipf6', 'ec:dmc', 'ec', 'dmc', 'in', '1:1', '1m']))
    expect(tokenize('Li₇La₃Zr₂O₁₂ (LLZO)')).toEqual(['li7la3zr2o12', 'llzo'])
    expect(tokenize('Li7La3Zr2O12')).toEqual(['li7la3zr2o12'])
    expect(tokenize('a crumpled Li₂CO₃ shell')).toContain('li2co3')
    expect(tokenize('LiPF6')).toEqual(tokenize('LiPF₆'))
    expect(tokenize('Li6.4La3Zr1.4Ta0.6O12')).toEqual(['li6.4la3zr1.4ta0.6o12'])
  })

  test('compounds are kept whole and also split into their parts', () => {
    expect(expandToken('in-doped')).toEqual(['in-doped', 'in', 'dope'])
    expect(expandToken('li/li+')).toEqual(['li/li+', 'li', 'li+'])
    expect(expandToken('cm-2')).toEqual(['cm-2', 'cm', '2'])
    expect(tokenize('In-doped')).toEqual(['in-doped', 'in', 'dope'])
    expect(tokenize('Li–In alloy')).toEqual(['li-in', 'li', 'in', 'alloy']) // en dash folded
  })

  test('element symbols that are English stop words are kept; other stop words go', () => {
    expect(tokenize('In As At Be He No I S Am')).toEqual(['in', 'as', 'at', 'be', 'he', 'no', 'i', 's', 'am'])
    expect(tokenize('the dendrites and the pits')).toEqual(['dendrit', 'pit'])
  })

  test.each([
    ['3 mA cm-2'], ['3 mA cm⁻²'], ['3 mA/cm2'], ['3mA cm^-2'], ['3 mA·cm⁻²'], ['3.0 mA cm−2'],
  ])('unit-bearing number %s → canonical 3ma/cm2 plus the number and unit words', (text) => {
    const tokens = tokenize(text)
    expect(tokens).toContain('3ma/cm2')
    expect(tokens).toContain('ma')
    expect(tokens.some((t) => t === '3' || t === '3.0')).toBe(true)
  })

  test.each([
    ['500 µA cm⁻²', '500ua/cm2'], ['500 μA cm⁻²', '500ua/cm2'], ['5 wt%', '5wt%'], ['5wt%', '5wt%'],
    ['60 °C', '60degc'], ['60 ℃', '60degc'], ['1 M', '1m'], ['20 mV s⁻¹', '20mv/s'], ['10 mmol L⁻¹', '10mmol/l'],
    ['≤ 0.3 e⁻ Å⁻² s⁻¹', '0.3e/a2/s'], ['5.7 × 10⁻⁷ Pa', '5.7e-7pa'], ['2–20 mA cm⁻²', '2-20ma/cm2'],
    ['0.25 mAh cm⁻²', '0.25mah/cm2'], ['16 days', '16day'], ['1C', '1c'], ['~90%', '90%'],
    ['5.7 × 10^{-6} Pa', '0.0000057pa'], ['4.8×10^-5 Pa', '0.000048pa'],
  ])('%s → %s', (text, canonical) => {
    expect(tokenize(text)).toContain(canonical)
  })

  test('a range gives each end with the unit; a quantity token gives number, unit and unit parts', () => {
    expect(tokenize('2–20 mA cm⁻²')).toEqual(expect.arrayContaining(['2ma/cm2', '20ma/cm2', '2', '20']))
    expect(expandToken('5ma/cm2')).toEqual(['5ma/cm2', '5', 'ma/cm2', 'ma', 'cm2'])
    expect(expandToken('5wt%')).toEqual(['5wt%', '5', 'wt%'])
  })

  test('numbers without units, words after numbers and multiplication signs do not become quantities', () => {
    expect(tokenize('3 dendrites')).toEqual(['3', 'dendrit'])
    expect(tokenize('2 h a day')).toEqual(expect.arrayContaining(['2h']))
    expect(tokenize('2 h a day')).not.toContain('2ha')
    expect(tokenize('5 x 100 um')).toContain('100um')
    expect(tokenize('5 x 100 um')).not.toContain('5e2')
    expect(tokenize('5 x 100 um')).not.toContain('5e0') // 100 is not 10 with an exponent 0
    expect(tokenize('1e-3')).toEqual(['1e-3']) // scientific notation, not 1 × electrons⁻³
  })

  test('canonical unit forms', () => {
    expect(canonicalUnit('ma cm-2')).toBe('ma/cm2')
    expect(canonicalUnit('ma / cm2')).toBe('ma/cm2')
    expect(canonicalUnit('e- a-2 s-1')).toBe('e/a2/s')
    expect(canonicalUnit('ohm cm2')).toBe('ohmcm2')
    expect(canonicalUnit('°c')).toBe('degc')
    expect(canonicalUnit('wt.%')).toBe('wt%')
  })

  test('queries use only the whole form of a term', () => {
    expect(queryTerms('dendrites')).toEqual(['dendrit'])
    expect(queryTerms('in-doped')).toEqual(['in-doped'])
    expect(queryTerms('the')).toEqual([])
    expect(queryTerms('(lipf6)')).toEqual(['lipf6'])
  })

  test('query normalisation escapes colons that are not field prefixes and keeps a map to the input', () => {
    const m = normaliseQuery('EC:DMC title:ec:dmc', SEARCH_FIELDS)
    expect(m.text).toBe('ec\\:dmc title:ec\\:dmc')
    expect(m.map?.length).toBe(m.text.length + 1)
    const q = normaliseQuery('5 mA cm⁻² +LiPF₆', SEARCH_FIELDS)
    expect(q.text).toBe('5ma/cm2 +lipf6')
    expect(q.map?.[q.text.indexOf('+')]).toBe('5 mA cm⁻² '.length)
    expect(normaliseQuery('foo^2 bar~1', SEARCH_FIELDS).text).toBe('foo^2 bar~1') // boost and fuzzy syntax untouched
  })

  test('the lunr index holds exactly the tokens of the shared tokenizer (separator + pipeline are wired)', () => {
    const text = 'Dendrites grew on In-doped Li₇La₃Zr₂O₁₂ at 5 mA cm⁻² in 1 M LiPF₆ EC:DMC (Li/Li+), 5 wt% FEC at 60 °C.'
    const empty = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ''])) as SearchDocument['fields']
    const doc: SearchDocument = { ref: 'study:x', studyId: 'x', doi: '10.1000/x', kind: 'study', fields: { ...empty, summary: text } }
    const index = buildLunrIndex([doc]) as unknown as { invertedIndex: Record<string, unknown> }
    expect(new Set(Object.keys(index.invertedIndex))).toEqual(new Set(tokenize(text)))
    expect(lunr.tokenizer.separator.test('*')).toBe(false)
    expect((lunr as unknown as { QueryLexer: { termSeparator: RegExp } }).QueryLexer.termSeparator).toBe(lunr.tokenizer.separator)
  })
})
