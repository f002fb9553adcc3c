import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { TECHNIQUE_FAMILIES } from '../../schema/files/study-file.ts'
import type { Technique } from '../../schema/files/vocab-files.ts'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { formatProblem, validateSeeds, type KnowledgeBase } from '../../src/kb/validate.ts'
import { compareTechniques, deriveNeeds, type Comparison } from '../../src/techniques/index.ts'

let kb: KnowledgeBase
beforeAll(async () => {
  const result = validateSeeds(await readSeedFiles('seeds'))
  expect(result.problems.map(formatProblem)).toEqual([])
  kb = result.kb
})

const familyStudies = (c: Comparison, family: string): string[] =>
  (c.ranking.find((f) => f.family === family)?.variants ?? []).flatMap((v) => v.studies.map((s) => s.id))

const vocabStrings = (t: Technique): Set<string> => new Set([
  ...t.reveals, ...t.limits, ...t.artefacts, t.environment,
  ...(t.resolution ? [t.resolution.reported, ...(t.resolution.note ? [t.resolution.note] : [])] : []),
])

/** Structural checks every comparison must pass. */
function checkShape(c: Comparison) {
  expect(c.ranking.map((f) => f.family).sort()).toEqual([...TECHNIQUE_FAMILIES].sort())
  for (let i = 1; i < c.ranking.length; i++) {
    expect(c.ranking[i - 1]!.score).toBeGreaterThanOrEqual(c.ranking[i]!.score)
  }
  for (const f of c.ranking) {
    expect(f.score).toBeGreaterThanOrEqual(0)
    expect(f.score).toBeLessThanOrEqual(1)
    const vocab = kb.vocab.techniques.filter((t) => t.family === f.family)
    expect(f.variants.map((v) => v.id).sort()).toEqual(vocab.map((t) => t.id).sort())
    expect(f.score).toBe(Math.max(...f.variants.map((v) => v.score)))
    const familyStrings = new Set(vocab.flatMap((t) => [...vocabStrings(t)]))
    for (const s of [...f.strengths, ...f.limits]) expect(familyStrings.has(s), s).toBe(true)
    for (const v of f.variants) {
      const t = vocab.find((x) => x.id === v.id) as Technique
      const allowed = vocabStrings(t)
      // no invented properties: every strength and limit is the entry's own text
      for (const s of [...v.strengths, ...v.limits]) expect(allowed.has(s), `${v.id}: ${s}`).toBe(true)
      expect(v.name).toBe(t.name)
      // cited studies really used this variant
      for (const s of v.studies) {
        const study = kb.studies.find((x) => x.id === s.id)
        expect(study?.doi).toBe(s.doi)
        expect(study?.year).toBe(s.year)
        expect(study?.experiments.some((e) => e.technique.variant === v.id)).toBe(true)
        expect(s.why.length).toBeGreaterThan(0)
      }
    }
  }
}

describe('compareTechniques', () => {
  test('SEI composition at the nanoscale in a liquid electrolyte → TEM, citing SEI studies', () => {
    const c = compareTechniques('SEI composition at the nanoscale in a liquid electrolyte', undefined, kb)
    checkShape(c)
    expect(c.ranking[0]?.family).toBe('tem')
    expect(c.needs.map((n) => n.need)).toEqual(expect.arrayContaining(['chemical-contrast', 'resolution', 'liquid-compatibility', 'sei-visibility']))
    expect(c.needs.every((n) => n.from === 'question')).toBe(true)
    expect(familyStudies(c, 'tem')).toEqual(expect.arrayContaining(['hou-2019', 'dachraoui-2023', 'gong-2021']))
    const top = c.ranking[0]!.variants[0]!
    expect(['liquid-cell-tem', 'liquid-cell-stem', 'haadf-stem']).toContain(top.id)
    // the best variant's evidence leads with studies that recorded SEI observations
    const first = kb.studies.find((s) => s.id === top.studies[0]?.id)
    expect(first?.experiments.some((e) => e.technique.variant === top.id && e.observations.some((o) => o.sei))).toBe(true)
    expect(top.studies[0]?.why).toMatch(/SEI/)
  })

  test('3D internal structure of filaments in an intact solid-state cell → X-ray tomography', () => {
    const c = compareTechniques('3D internal structure of filaments in an intact solid-state cell', undefined, kb)
    checkShape(c)
    expect(c.ranking[0]?.family).toBe('xray')
    expect(c.ranking[0]?.variants[0]?.id).toBe('xrt')
    expect(c.needs.map((n) => n.need)).toEqual(expect.arrayContaining(['penetration-3d', 'intact-cell', 'solid-state']))
    expect(c.needs.map((n) => n.need)).not.toContain('liquid-compatibility')
    expect(c.ranking[0]?.variants[0]?.studies.map((s) => s.id)).toEqual(expect.arrayContaining(['harry-2014', 'sandoval-2025']))
  })

  test('dendrite morphology over a large area in real time in a coin-cell-like liquid cell → optical', () => {
    const c = compareTechniques('dendrite morphology over a large area in real time in a coin-cell-like liquid cell', undefined, kb)
    checkShape(c)
    expect(c.ranking[0]?.family).toBe('optical')
    expect(c.needs.map((n) => n.need)).toEqual(expect.arrayContaining(['wide-field', 'time-resolution', 'liquid-compatibility']))
    expect(c.ranking[0]?.variants[0]?.studies.length).toBeGreaterThan(0)
  })

  test('surface roughness of the SEI while soaking → AFM', () => {
    const c = compareTechniques('surface roughness of the SEI while soaking', undefined, kb)
    checkShape(c)
    expect(c.ranking[0]?.family).toBe('afm')
    expect(c.ranking[0]?.variants[0]?.studies.map((s) => s.id)).toContain('lin-2016')
    expect(c.ranking[0]?.strengths.some((s) => /roughness/.test(s))).toBe(true)
  })

  test('deterministic: same input, same output, whatever the order of studies and vocabulary', () => {
    const q = 'SEI composition at the nanoscale in a liquid electrolyte'
    const a = compareTechniques(q, { timeResolved: true }, kb)
    expect(compareTechniques(q, { timeResolved: true }, kb)).toEqual(a)
    const shuffled: KnowledgeBase = {
      studies: [...kb.studies].reverse(),
      vocab: { ...kb.vocab, techniques: [...kb.vocab.techniques].reverse() },
    }
    expect(compareTechniques(q, { timeResolved: true }, shuffled)).toEqual(a)
  })

  test('unknown words and empty questions still rank all five families', () => {
    for (const q of ['', '   ', 'zorblax quux frobnicate 🙂', '((()))[]\\^$.*+?', 'nm nm nm nm']) {
      const c = compareTechniques(q, undefined, kb)
      checkShape(c)
      expect(c.ranking).toHaveLength(5)
    }
    expect(compareTechniques('', undefined, kb).needs).toEqual([])
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (q) => {
      const c = compareTechniques(q, undefined, kb)
      expect(c.ranking).toHaveLength(5)
      for (const f of c.ranking) expect(f.score).toBeGreaterThanOrEqual(0)
    }), { numRuns: 100 })
  })

  test('constraints add needs (true only) and move the ranking', () => {
    const needs = deriveNeeds('', { avoidBeamDamage: true, liquidElectrolyte: false, threeD: true })
    expect(needs).toEqual([
      { need: 'avoid-electron-beam', from: 'constraints', matched: 'avoidBeamDamage' },
      { need: 'penetration-3d', from: 'constraints', matched: 'threeD' },
    ])
    const c = compareTechniques('SEI structure at the nanoscale', { avoidBeamDamage: true }, kb)
    checkShape(c)
    const base = compareTechniques('SEI structure at the nanoscale', undefined, kb)
    const temScore = (x: Comparison) => x.ranking.find((f) => f.family === 'tem')!.score
    expect(temScore(c)).toBeLessThan(temScore(base))
    expect(c.ranking[0]?.family).not.toBe('tem')
    expect(c.ranking[0]?.family).not.toBe('sem')
  })

  test('"solid electrolyte" is not read as a liquid; a bare "electrolyte" is', () => {
    expect(deriveNeeds('Li penetration through a garnet solid electrolyte').map((n) => n.need)).toEqual(
      expect.arrayContaining(['solid-state']),
    )
    expect(deriveNeeds('Li penetration through a garnet solid electrolyte').map((n) => n.need)).not.toContain('liquid-compatibility')
    expect(deriveNeeds('dead Li in a carbonate electrolyte').map((n) => n.need)).toContain('liquid-compatibility')
    expect(deriveNeeds('SEI in the electrolyte')).toContainEqual({ need: 'liquid-compatibility', from: 'question', matched: 'electrolyte' })
  })

  test('scores are explained: breakdown weights and fits reproduce the score', () => {
    const c = compareTechniques('3D internal structure of filaments in an intact solid-state cell', { solidState: true }, kb)
    for (const f of c.ranking) for (const v of f.variants) {
      const num = v.breakdown.reduce((s, b) => s + b.weight * b.fit, 0)
      const den = v.breakdown.reduce((s, b) => s + b.weight, 0)
      expect(v.score).toBeCloseTo(num / den, 2)
    }
    // a constraint repeating a question need counts once, at the constraint weight
    const solid = c.ranking[0]!.variants[0]!.breakdown.filter((b) => b.need === 'solid-state')
    expect(solid).toHaveLength(1)
    expect(solid[0]?.weight).toBe(4.5)
  })
})
