/**
 * Data linters over the real `seeds/`: every file valid, every reference
 * resolving, every study of the review present, numbers consistent, and
 * summaries written in our own words.
 */
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, test } from 'vitest'
import type { StudyFile } from '../../schema/files/study-file.ts'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { checkQuantities } from '../../src/kb/validate-quantities.ts'
import { formatProblem, validateSeeds, type KnowledgeBase } from '../../src/kb/validate.ts'

const REVIEW = '../shared/source/000_c19f1b597cae69d3.txt'

/** Primary studies the review describes with an experiment, by reference number (issue #2). */
const REQUIRED_REFS = [9, 10, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,
  36, 37, 39, 40, 41, 44, 45, 46, 47, 48, 49, 50, 51, 53, 59, 69, 71, 73, 74]
/**
 * Ref. 38 (Zhang 2020, AFM–ETEM) is on the list, but the review cites it only for one sentence about
 * garnet stiffness and describes no experiment of it; it is recorded as context with that gap stated.
 */
const CITED_WITHOUT_EXPERIMENT = [38]

let kb: KnowledgeBase
let problems: string[]
beforeAll(async () => {
  const result = validateSeeds(await readSeedFiles('seeds'))
  kb = result.kb
  problems = result.problems.map(formatProblem)
})

const experiments = () => kb.studies.flatMap((s) => s.experiments.map((e) => ({ study: s, e })))

describe('seed files', () => {
  test('every file passes its schema, unit and cross-reference checks', () => {
    expect(problems).toEqual([])
  })

  test('every primary study of the review is present, each with experiments', () => {
    const primary = kb.studies.filter((s) => s.role === 'primary')
    const covered = new Set(primary.flatMap((s) => s.refs))
    expect(REQUIRED_REFS.filter((r) => !covered.has(r))).toEqual([])
    for (const s of primary) expect(s.experiments.length, s.id).toBeGreaterThan(0)
    for (const ref of CITED_WITHOUT_EXPERIMENT) {
      const study = kb.studies.find((s) => s.refs.includes(ref))
      expect(study?.role, `ref ${ref}`).toBe('context')
      expect(study?.gaps.length, `ref ${ref}`).toBeGreaterThan(0)
    }
  })

  test('the review itself is recorded', () => {
    expect(kb.studies.find((s) => s.role === 'review')?.doi).toBe('10.1039/d5ya00240k')
  })

  test('studies named in the issue have one experiment per condition set', () => {
    const count = (id: string) => kb.studies.find((s) => s.id === id)?.experiments.length ?? 0
    expect(count('huang-2023')).toBeGreaterThanOrEqual(5)
    expect(count('sanchez-2020')).toBeGreaterThanOrEqual(3)
    expect(count('porz-2017')).toBeGreaterThanOrEqual(4)
    expect(count('leenheer-2015')).toBeGreaterThanOrEqual(3)
    expect(count('cheng-2017')).toBeGreaterThanOrEqual(2)
  })

  test('DOIs are well formed, lower-case unique, and ACS Energy Lett. DOIs use the journal code acsenergylett', () => {
    const dois = kb.studies.map((s) => s.doi.toLowerCase())
    expect(new Set(dois).size).toBe(dois.length)
    for (const s of kb.studies) {
      expect(s.doi, s.id).toMatch(/^10\.\d{4,9}\/[^\s"<>]+$/)
      if (s.journal.replace(/\s/g, '').toLowerCase().startsWith('acsenergylett')) expect(s.doi, s.id).toMatch(/^10\.1021\/acsenergylett\./)
    }
  })

  test('every experiment has a technique, a provenance and at least one observation with provenance', () => {
    for (const { study, e } of experiments()) {
      expect(e.technique.variant, e.id).toBeTruthy()
      expect(e.provenance.section, e.id).toBeTruthy()
      expect(e.observations.length, e.id).toBeGreaterThan(0)
      for (const o of e.observations) expect(o.provenance.section, `${study.id} ${e.id}`).toBeTruthy()
    }
  })

  test('every reported number carries a unit that parses', () => {
    for (const s of kb.studies) expect(checkQuantities(s).problems, s.id).toEqual([])
  })

  test('capacity = current density × duration where all three are given (±15 %)', () => {
    for (const s of kb.studies) {
      const parsed = checkQuantities(s).parsed
      s.experiments.forEach((e, i) => {
        const at = (f: string) => parsed.find((p) => p.pointer === `/experiments/${i}/${f}`)?.parsed
        const j = at('currentDensity'), t = at('duration'), q = at('capacity')
        if (!j || !t || !q || j.shape !== 'single' || t.shape !== 'single' || q.shape !== 'single') return
        const expected = (j.values[0] as number) * (t.values[0] as number) / 3600
        expect(Math.abs(expected - (q.values[0] as number)) / expected, e.id).toBeLessThan(0.15)
      })
    }
  })

  test('Coulombic efficiencies are percentages in (0, 100]', () => {
    let n = 0
    for (const s of kb.studies) {
      for (const p of checkQuantities(s).parsed.filter((x) => x.field === 'coulombicEfficiency')) {
        expect(p.parsed.max, `${s.id} ${p.pointer}`).toBeLessThanOrEqual(100)
        expect(p.parsed.min, `${s.id} ${p.pointer}`).toBeGreaterThan(0)
        n++
      }
    }
    expect(n).toBeGreaterThan(0)
  })

  test('corrections say what the review says, what we recorded and why', () => {
    const all = kb.studies.flatMap((s) => s.corrections.map((c) => ({ id: s.id, ...c })))
    expect(all.length).toBeGreaterThanOrEqual(6)
    for (const c of all) expect(c.reviewSays, c.id).not.toBe(c.recorded)
    // The misspelt DOI of Sanchez 2020 (ref. 9) is recorded corrected.
    expect(kb.studies.find((s) => s.id === 'sanchez-2020')?.doi).toBe('10.1021/acsenergylett.0c00215')
  })
})

describe('own words', () => {
  test('no summary, finding, mechanism or note repeats 10 consecutive words of the review', async () => {
    const review = (await readFile(REVIEW, 'utf8')).toLowerCase().replace(/[^a-z0-9]+/g, ' ')
    const shingles = new Set<string>()
    const words = review.split(' ')
    for (let i = 0; i + 10 <= words.length; i++) shingles.add(words.slice(i, i + 10).join(' '))
    const texts: Array<[string, string]> = []
    const collect = (owner: string, node: unknown, key = ''): void => {
      if (typeof node === 'string' && ['summary', 'mechanism', 'note', 'notes', 'description', 'label'].includes(key)) texts.push([owner, node])
      else if (Array.isArray(node)) node.forEach((n) => collect(owner, n, key === 'keyFindings' ? 'summary' : key))
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) collect(owner, v, k)
    }
    for (const s of kb.studies) collect(s.id, s as StudyFile)
    const copied = texts.filter(([, text]) => {
      const w = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ')
      for (let i = 0; i + 10 <= w.length; i++) if (shingles.has(w.slice(i, i + 10).join(' '))) return true
      return false
    })
    expect(copied).toEqual([])
  })
})
