/**
 * The evidence index at scale: the grouped nearest-evidence search and the grouped
 * matching give exactly what scoring or checking every experiment gives, on the seeds
 * plus a few thousand synthetic experiments, before and after in-place writes.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { readRuleFiles } from '../../src/io/read-rules.ts'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { vocabLookup } from '../../src/kb/rows.ts'
import { validateSeeds, type KnowledgeBase } from '../../src/kb/validate.ts'
import {
  buildEvidenceIndex, distance, features, nearestEvidence, replaceStudyEvidence, studyEvidenceItems, type EvidenceIndex, type EvidenceItem,
} from '../../src/predict/evidence.ts'
import { experimentConditions, type Conditions } from '../../src/predict/kb-config.ts'
import { DEFAULT_TOLERANCE, matchingExperiments } from '../../src/predict/matching.ts'
import { ruleReferences, validateRules } from '../../src/rules/validate.ts'
import { createSynthContext, generateStudies } from '../../src/synth/generate.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'

let kb: KnowledgeBase
let synthetic: StudyFile[]
let index: EvidenceIndex
let queries: Conditions[]

beforeAll(async () => {
  kb = validateSeeds(await readSeedFiles('seeds')).kb
  const rules = validateRules(await readRuleFiles('rules'), ruleReferences(kb)).rules
  synthetic = [...generateStudies(createSynthContext(kb.vocab, rules), { seed: 7, experiments: 3000 })]
  const lookup = vocabLookup(kb.vocab)
  index = buildEvidenceIndex(kb.studies, lookup, synthetic.flatMap((s) => studyEvidenceItems(s, lookup)))
  queries = [...kb.studies, ...synthetic.slice(0, 40)].flatMap((s) => s.experiments.map((e) => experimentConditions(e)))
})

/** Score every item and sort: the definition nearestEvidence must meet. */
function exhaustive(c: Conditions, k: number): string[] {
  const f = features(c, index.lookup)
  return index.items
    .map((item) => ({ item, d: Math.round(distance(f, item.features).d * 1e4) / 1e4 }))
    .sort((x, y) => x.d - y.d || (x.item.studyId < y.item.studyId ? -1 : x.item.studyId > y.item.studyId ? 1 : 0) ||
      (x.item.experimentId < y.item.experimentId ? -1 : x.item.experimentId > y.item.experimentId ? 1 : 0))
    .slice(0, k).map(({ item, d }) => `${item.experimentId} ${d}`)
}
const grouped = (c: Conditions, k: number) => nearestEvidence(index, c, k).map((m) => `${m.experimentId} ${m.distance}`)

/**
 * The matching rules checked on every experiment in index order, written out here (no groups, codes or
 * arrays): every condition given must hold; the solid electrolyte, when given, decides the kind.
 */
function ungroupedMatches(c: Partial<Conditions>, techniques: string[] = []): string[] {
  const { currentDensity_mA_cm2: j, temperature_C: T, substrate } = c
  const e = c.electrolyte
  const given = j !== undefined || T !== undefined || !!substrate || (c.coatings ?? []).length > 0 || techniques.length > 0 ||
    (e?.additives ?? []).length > 0 || (e?.salts ?? []).length > 0 || !!e?.solid
  if (!given) return []
  return index.items.filter(({ features: x }) =>
    (e?.additives ?? []).every((a) => x.additives.includes(a.id)) &&
    (e?.solid ? x.solid === e.solid.id : !e?.kind || x.kind === e.kind) &&
    (j === undefined || (x.j !== null && x.j >= j / DEFAULT_TOLERANCE.currentDensityFactor && x.j <= j * DEFAULT_TOLERANCE.currentDensityFactor)) &&
    (e?.salts ?? []).every((a) => x.salts.includes(a.id)) &&
    (!substrate || x.substrate === substrate || x.coatings.includes(substrate)) &&
    (c.coatings ?? []).every((k) => x.coatings.includes(k)) &&
    (T === undefined || Math.abs((x.temperature ?? 25) - T) <= DEFAULT_TOLERANCE.temperature_C) &&
    (techniques.length === 0 || techniques.some((t) => t === x.technique || t === x.techniqueVariant)),
  ).map((i) => i.experimentId)
}

describe('grouped evidence index', () => {
  test('holds every experiment once, in its group', () => {
    expect(index.items.length).toBeGreaterThan(3000)
    expect([...index.groups.values()].reduce((n, g) => n + g.items.length, 0)).toBe(index.items.length)
    expect(index.groups.size).toBeLessThan(index.items.length)
    const grouped = new Set([...index.groups.values()].flatMap((g) => g.items))
    for (const item of index.items) expect(grouped.has(item)).toBe(true)
  })

  test('nearest evidence equals scoring every experiment, for every seed experiment and 40 synthetic studies as queries', () => {
    for (const c of queries) {
      const all = exhaustive(c, 30)
      for (const k of [1, 8, 30]) expect(grouped(c, k)).toEqual(all.slice(0, k))
    }
  })

  test('property: nearest evidence equals exhaustive scoring for configurations mixed from the knowledge base', () => {
    const pick = fc.constantFrom(...queries)
    const mixed = fc.tuple(pick, pick, fc.double({ min: -2, max: 2, noNaN: true }), fc.integer({ min: -20, max: 80 })).map(([a, b, logJ, T]): Conditions => ({
      ...a, electrolyte: b.electrolyte, currentDensity_mA_cm2: 10 ** logJ, temperature_C: T, substrate: b.substrate,
    }))
    fc.assert(fc.property(mixed, (c) => { expect(grouped(c, 8)).toEqual(exhaustive(c, 8)) }), { numRuns: 150 })
  })

  test('matching experiments equal the per-experiment check, in index order', () => {
    const asks: Array<[Partial<Conditions>, string[]]> = [
      [{ currentDensity_mA_cm2: 3, electrolyte: { kind: 'liquid', salts: [], solvents: [], additives: [{ id: 'FEC' }] } }, []],
      [{ electrolyte: { kind: 'solid', salts: [], solvents: [], additives: [], solid: { id: 'LLZTO' } }, temperature_C: 60 }, []],
      [{ currentDensity_mA_cm2: 0.5, substrate: 'Cu' }, ['tem']],
      ...queries.slice(0, 60).map((c): [Partial<Conditions>, string[]] => [c, []]),
    ]
    let nonEmpty = 0
    for (const [c, t] of asks) {
      const got = matchingExperiments(index, c, t, DEFAULT_TOLERANCE).map((m) => m.item.experimentId)
      expect(got).toEqual(ungroupedMatches(c, t))
      const positions = got.map((id) => index.items.indexOf(index.byId.get(id) as EvidenceItem))
      expect(positions).toEqual([...positions].sort((a, b) => a - b))
      if (got.length > 0) nonEmpty++
    }
    expect(nonEmpty).toBeGreaterThan(20)
  })

  test('after in-place replacements the index answers as one built from scratch', () => {
    const lookup = index.lookup
    const source = synthetic[0] as StudyFile
    const asks = [...queries.slice(0, 50), ...source.experiments.map((e) => experimentConditions(e))]
    const matched = (x: EvidenceIndex, c: Conditions) => matchingExperiments(x, c).map((m) => m.item.experimentId)
    for (const c of asks) matched(index, c) // the index's derived data (study order, per-group arrays) as of before the writes
    const changed = synthetic.slice(0, 30).map((s, i) => ({ ...s, experiments: s.experiments.slice(0, 1 + (i % 2)) }))
    // A new study, sorting between existing ones, with the experiments of one the queries match.
    const added = { ...source, id: `${source.id}-copy`, experiments: source.experiments.map((e) => ({ ...e, id: `${e.id}-copy` })) }
    for (const s of changed) replaceStudyEvidence(index, s.id, studyEvidenceItems(s, lookup))
    for (const c of asks) matched(index, c)
    replaceStudyEvidence(index, added.id, studyEvidenceItems(added, lookup))
    const rebuilt = buildEvidenceIndex(kb.studies, lookup, [...changed, added, ...synthetic.slice(30)].flatMap((s) => studyEvidenceItems(s, lookup)))
    expect(index.items.map((i) => i.experimentId)).toEqual(rebuilt.items.map((i) => i.experimentId))
    expect(index.groups.size).toBe(rebuilt.groups.size)
    for (const c of asks) expect(grouped(c, 8)).toEqual(nearestEvidence(rebuilt, c, 8).map((m) => `${m.experimentId} ${m.distance}`))
    for (const c of asks) expect(matched(index, c)).toEqual(matched(rebuilt, c))
    expect(asks.some((c) => matched(index, c).some((id) => id.endsWith('-copy')))).toBe(true)
  })
})
