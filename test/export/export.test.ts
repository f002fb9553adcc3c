import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { StudyFileSchema, type StudyFile } from '../../schema/files/study-file.ts'
import {
  CSV_COLUMNS, guardFormula, toBibtex, toCslJson, toCsv, toJsonLd,
} from '../../src/export/index.ts'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { formatProblem, validateSeeds, type KnowledgeBase } from '../../src/kb/validate.ts'

let kb: KnowledgeBase
beforeAll(async () => {
  const result = validateSeeds(await readSeedFiles('seeds'))
  expect(result.problems.map(formatProblem)).toEqual([])
  kb = result.kb
})

const byId = (id: string): StudyFile => {
  const s = kb.studies.find((x) => x.id === id)
  if (!s) throw new Error(`no study ${id}`)
  return s
}

/** A minimal study parsed through the real schema (defaults applied), with overrides. */
function makeStudy(over: Record<string, unknown> = {}, experiment: Record<string, unknown> | null = {}): StudyFile {
  return StudyFileSchema.parse({
    id: 'test-2024',
    role: 'primary',
    refs: [1],
    authors: ['A. B. Tester', 'et al.'],
    year: 2024,
    title: 'A title',
    journal: 'J. Test.',
    doi: '10.1234/test.2024',
    review: {},
    techniques: ['optical'],
    summary: 'Our summary.',
    experiments: experiment === null ? [] : [{
      id: 'test-2024-a',
      label: 'Li||Li',
      technique: { family: 'optical', variant: 'planar-om', mode: 'operando' },
      cell: { configuration: 'li-li' },
      electrolyte: { kind: 'liquid', name: '1 M LiPF₆ in EC:DMC' },
      provenance: { section: '2.1', figures: ['Fig. 3'] },
      observations: [{ phase: 'plating', summary: 'seen', provenance: { section: '2.1' } }],
      ...experiment,
    }],
    ...over,
  })
}

/** RFC 4180 parser: returns records of fields; throws on malformed quoting. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i] as string
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i += 2; continue }
        quoted = false; i++
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`junk after closing quote at ${i}`)
        continue
      }
      field += c; i++; continue
    }
    if (c === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`)
      quoted = true; i++; continue
    }
    if (c === ',') { row.push(field); field = ''; i++; continue }
    if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`)
      row.push(field); rows.push(row); row = []; field = ''; i += 2; continue
    }
    if (c === '\n') throw new Error(`bare LF outside quotes at ${i}`)
    field += c; i++
  }
  if (quoted) throw new Error('unterminated quote')
  if (field !== '' || row.length) { row.push(field); rows.push(row) }
  return rows
}

const column = (header: string[], name: string): number => {
  const i = header.indexOf(name)
  if (i < 0) throw new Error(`no column ${name}`)
  return i
}

describe('CSV', () => {
  test('header, one row per experiment (one for a study without), equal field counts, CRLF', () => {
    const csv = toCsv(kb.studies)
    expect(csv.endsWith('\r\n')).toBe(true)
    const rows = parseCsv(csv)
    const [header, ...data] = rows
    expect(header).toEqual([...CSV_COLUMNS])
    for (const r of data) expect(r).toHaveLength(CSV_COLUMNS.length)
    const expected = kb.studies.reduce((n, s) => n + Math.max(1, s.experiments.length), 0)
    expect(data).toHaveLength(expected)
    // study with no experiments: one row, experiment columns empty
    const h = header as string[]
    const cook = data.filter((r) => r[0] === 'cook-2017')
    expect(cook).toHaveLength(1)
    expect(cook[0]?.[column(h, 'experiment_id')]).toBe('')
    expect(cook[0]?.[column(h, 'technique_variant')]).toBe('')
    expect(cook[0]?.[column(h, 'doi')]).toBe(byId('cook-2017').doi)
  })

  test('normalised quantities and reported values', () => {
    const rows = parseCsv(toCsv(kb.studies))
    const h = rows[0] as string[]
    const row = (expId: string) => {
      const r = rows.find((x) => x[column(h, 'experiment_id')] === expId)
      if (!r) throw new Error(expId)
      return (name: string) => r[column(h, name)]
    }
    const s3 = row('sanchez-2020-3ma')
    expect(s3('current_density_reported')).toBe('3 mA cm⁻²')
    expect(s3('current_density_min_mA_cm2')).toBe('3')
    expect(s3('technique_variant')).toBe('planar-om')
    expect(s3('salts')).toBe('LiPF6 (1 M)')
    expect(s3('solvents')).toBe('EC; EMC (1:1 by volume)')
    expect(s3('doi')).toBe('10.1021/acsenergylett.0c00215')
    expect(s3('authors')).toContain('A. J. Sanchez; E. Kazyak')
    // μA → mA, lists → min/max, temperatures as a span
    const all = kb.studies.flatMap((s) => s.experiments)
    const micro = all.find((e) => e.currentDensity?.reported === '500 μA cm⁻²')
    expect(micro).toBeDefined()
    if (micro) expect(row(micro.id)('current_density_min_mA_cm2')).toBe('0.5')
    const list = all.find((e) => e.currentDensity?.reported === '25, 12.5 and 6.3 mA cm⁻²')
    expect(list).toBeDefined()
    if (list) {
      expect(row(list.id)('current_density_min_mA_cm2')).toBe('6.3')
      expect(row(list.id)('current_density_max_mA_cm2')).toBe('25')
    }
    const hot = all.find((e) => e.temperature?.reported === '70 and 80 °C')
    expect(hot).toBeDefined()
    if (hot) expect(row(hot.id)('temperature_C')).toBe('70–80')
    const cap = all.find((e) => e.capacity?.reported === '0.25 mAh cm⁻²')
    expect(cap).toBeDefined()
    if (cap) expect(row(cap.id)('capacity_mAh_cm2')).toBe('0.25')
  })

  test('a value with a comma, quotes and a newline survives the round trip', () => {
    const tricky = 'Li, "dendrites" and\r\nmore, "quoted"'
    const s = makeStudy({ title: tricky, authors: ['X. Ünïcödé', 'Y. Comma, Jr.'] })
    const rows = parseCsv(toCsv([s]))
    const h = rows[0] as string[]
    expect(rows).toHaveLength(2)
    expect(rows[1]?.[column(h, 'title')]).toBe(tricky)
    expect(rows[1]?.[column(h, 'authors')]).toBe('X. Ünïcödé; Y. Comma, Jr.')
    expect(rows[1]?.[column(h, 'electrolyte_name')]).toBe('1 M LiPF₆ in EC:DMC')
  })

  test('formula injection guard: = + - @ prefixed with a quote unless a plain number', () => {
    expect(guardFormula('=SUM(A1:A2)')).toBe("'=SUM(A1:A2)")
    expect(guardFormula('+cmd')).toBe("'+cmd")
    expect(guardFormula('-5 mA')).toBe("'-5 mA")
    expect(guardFormula('@x')).toBe("'@x")
    expect(guardFormula('-20')).toBe('-20')
    expect(guardFormula('+1.5e-3')).toBe('+1.5e-3')
    expect(guardFormula('plain')).toBe('plain')
    const s = makeStudy({ title: '=HYPERLINK("http://x","y")' }, { label: '@label', temperature: { reported: '-20 °C' } })
    const rows = parseCsv(toCsv([s]))
    const h = rows[0] as string[]
    expect(rows[1]?.[column(h, 'title')]).toBe(`'=HYPERLINK("http://x","y")`)
    expect(rows[1]?.[column(h, 'label')]).toBe("'@label")
    expect(rows[1]?.[column(h, 'temperature_C')]).toBe('-20')
  })

  test('property: any title and label round-trip (after the formula guard)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '=', '-', '+', '@', 'μ', '₆', '1', '\t'), minLength: 1, maxLength: 30 })
    fc.assert(fc.property(text, text, (title, label) => {
      const s = makeStudy({ title }, { label })
      const rows = parseCsv(toCsv([s]))
      const h = rows[0] as string[]
      expect(rows).toHaveLength(2)
      expect(rows[1]).toHaveLength(CSV_COLUMNS.length)
      expect(rows[1]?.[column(h, 'title')]).toBe(guardFormula(title))
      expect(rows[1]?.[column(h, 'label')]).toBe(guardFormula(label))
    }), { numRuns: 300 })
  })

  test('UTF-8 text is kept and an optional BOM can be added', () => {
    const csv = toCsv([byId('dachraoui-2024')])
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv)
    expect(csv).toContain('Kühnel')
    expect(csv.startsWith('\uFEFF')).toBe(false)
    expect(toCsv([], { bom: true })).toBe('\uFEFF' + CSV_COLUMNS.join(',') + '\r\n')
  })
})

/** Brace depth over the text, ignoring escaped \{ and \}; null if it ever goes negative. */
function braceDepth(text: string): number | null {
  let depth = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\\') { i++; continue }
    if (c === '{') depth++
    if (c === '}' && --depth < 0) return null
  }
  return depth
}

describe('BibTeX', () => {
  test('one entry per study (review included), balanced braces, corrected Sanchez DOI', () => {
    const bib = toBibtex(kb.studies)
    const keys = [...bib.matchAll(/^@article\{([^,]+),$/gm)].map((m) => m[1])
    expect(keys).toEqual(kb.studies.map((s) => s.id))
    expect(keys).toContain('lindsey-2026')
    const entries = bib.split(/\n(?=@article\{)/)
    expect(entries).toHaveLength(kb.studies.length)
    for (const e of entries) expect(braceDepth(e)).toBe(0)
    expect(bib).toContain('doi = {10.1021/acsenergylett.0c00215}')
    expect(bib).not.toContain('acsenerylett.0c00215')
  })

  test('fields: authors joined with "and", "et al." → "and others", pages with --, Unicode kept', () => {
    const sanchez = toBibtex([byId('sanchez-2020')])
    expect(sanchez).toContain('author = {A. J. Sanchez and E. Kazyak and Y. Chen and K.-H. Chen and E. R. Pattison and N. P. Dasgupta}')
    expect(sanchez).toContain('pages = {994--1004}')
    expect(sanchez).toContain('volume = {5}')
    expect(sanchez).toContain('number = {3}')
    expect(sanchez).toContain('year = {2020}')
    expect(sanchez).toContain('journal = {ACS Energy Lett.}')
    expect(toBibtex([byId('hou-2019')])).toContain('author = {C. Hou and others}')
    expect(toBibtex([byId('dachraoui-2024')])).toContain('R.-S. Kühnel')
  })

  test('LaTeX specials are escaped', () => {
    const bib = toBibtex([makeStudy({ title: '50% of {Li} & $5 #1 under_score', journal: 'A & B' })])
    expect(bib).toContain('title = {{50\\% of \\{Li\\} \\& \\$5 \\#1 under\\_score}}')
    expect(bib).toContain('journal = {A \\& B}')
    expect(braceDepth(bib)).toBe(0)
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('{', '}', '\\', '&', '%', '$', '#', '_', '~', '^', 'a', ' ') }), (title) => {
      const entry = toBibtex([makeStudy({ title: title || 'x' })])
      expect(braceDepth(entry)).toBe(0)
    }))
  })
})

const CslSchema = z.array(z.strictObject({
  id: z.string().min(1),
  type: z.literal('article-journal'),
  title: z.string().min(1),
  'container-title': z.string().min(1),
  author: z.array(z.union([
    z.strictObject({ literal: z.string().min(1) }),
    z.strictObject({ family: z.string().min(1), given: z.string().min(1) }),
  ])),
  issued: z.strictObject({ 'date-parts': z.tuple([z.tuple([z.number().int()])]) }),
  volume: z.string().optional(),
  issue: z.string().optional(),
  page: z.string().optional(),
  DOI: z.string().regex(/^10\./),
  URL: z.string().startsWith('https://doi.org/'),
  note: z.string().optional(),
}))

describe('CSL-JSON', () => {
  test('validates against a CSL schema, one item per study', () => {
    const items = CslSchema.parse(JSON.parse(toCslJson(kb.studies)))
    expect(items.map((i) => i.id)).toEqual(kb.studies.map((s) => s.id))
    const sanchez = items.find((i) => i.id === 'sanchez-2020')
    expect(sanchez).toMatchObject({
      DOI: '10.1021/acsenergylett.0c00215', volume: '5', issue: '3', page: '994-1004',
      'container-title': 'ACS Energy Lett.', issued: { 'date-parts': [[2020]] },
    })
    expect(sanchez?.author[0]).toEqual({ family: 'Sanchez', given: 'A. J.' })
    expect(sanchez?.author[3]).toEqual({ family: 'Chen', given: 'K.-H.' })
    const hou = items.find((i) => i.id === 'hou-2019')
    expect(hou?.author).toEqual([{ family: 'Hou', given: 'C.' }])
    expect(hou?.note).toMatch(/et al/)
  })

  test('single-word names become literals', () => {
    const [item] = CslSchema.parse(JSON.parse(toCslJson([makeStudy({ authors: ['Consortium'] })])))
    expect(item?.author).toEqual([{ literal: 'Consortium' }])
  })
})

describe('JSON-LD', () => {
  test('a schema.org Dataset with one ScholarlyArticle part per study', () => {
    const doc = JSON.parse(toJsonLd(kb.studies, { version: '1', dateModified: '2025-01-01', techniques: kb.vocab.techniques }))
    expect(doc['@context']).toBe('https://schema.org')
    expect(doc['@type']).toBe('Dataset')
    expect(typeof doc.name).toBe('string')
    expect(typeof doc.description).toBe('string')
    expect(doc.citation['@id']).toBe('https://doi.org/10.1039/d5ya00240k')
    expect(doc.license.text).toMatch(/original/)
    expect(doc.hasPart).toHaveLength(kb.studies.length)
    for (const part of doc.hasPart) {
      expect(part['@type']).toBe('ScholarlyArticle')
      expect(part.identifier).toMatch(/^https:\/\/doi\.org\/10\./)
      expect(part.headline).toBe(part.name)
      expect(part.datePublished).toMatch(/^\d{4}$/)
      expect(part.isPartOf['@type']).toBe('Periodical')
      expect(Array.isArray(part.author)).toBe(true)
    }
    const sanchez = doc.hasPart.find((p: { '@id': string }) => p['@id'] === 'https://doi.org/10.1021/acsenergylett.0c00215')
    expect(sanchez.about).toEqual(expect.arrayContaining([
      expect.objectContaining({ '@type': 'DefinedTerm', termCode: 'optical' }),
      expect.objectContaining({ '@type': 'DefinedTerm', termCode: 'planar-om', name: expect.stringContaining('Plan-view') }),
    ]))
    // every key is a JSON-LD keyword or a plain schema.org term
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) { node.forEach(walk); return }
      if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) { expect(k).toMatch(/^(@(context|type|id)|[a-zA-Z]+)$/); walk(v) }
      }
    }
    walk(doc)
  })

  test('a filtered list without the review still cites it through meta, and output is deterministic', () => {
    const subset = [byId('hou-2019'), byId('gong-2021')]
    const text = toJsonLd(subset, { reviewDoi: '10.1039/d5ya00240k' })
    expect(toJsonLd(subset, { reviewDoi: '10.1039/d5ya00240k' })).toBe(text)
    const doc = JSON.parse(text)
    expect(doc.hasPart).toHaveLength(2)
    expect(doc.citation.identifier).toBe('https://doi.org/10.1039/d5ya00240k')
    expect(doc.hasPart[0].author).toEqual([{ '@type': 'Person', name: 'C. Hou' }])
  })
})
