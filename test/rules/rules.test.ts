/**
 * Rule linter and behaviour: every rule file valid against the fact and
 * operator registries and the knowledge base; every rule fires on the cases
 * from its own studies it names, and not on the clearly different ones.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { readRuleFiles } from '../../src/io/read-rules.ts'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { vocabLookup } from '../../src/kb/rows.ts'
import { formatProblem, validateSeeds, type KnowledgeBase } from '../../src/kb/validate.ts'
import { PredictionConfigSchema } from '../../src/predict/configuration.ts'
import { experimentConditions, type Conditions } from '../../src/predict/kb-config.ts'
import { buildFacts } from '../../src/predict/predict.ts'
import { toSimInput } from '../../src/predict/to-sim.ts'
import { compileRules, evaluateRules, forEachLeaf, mayFire } from '../../src/rules/engine.ts'
import { FACTS, type Facts } from '../../src/rules/facts.ts'
import { ruleReferences, validateRules } from '../../src/rules/validate.ts'
import { simulate } from '../../src/sim/simulate.ts'
import type { RuleFile } from '../../schema/files/rule-file.ts'

let kb: KnowledgeBase
let rules: RuleFile[]
let problems: string[]
beforeAll(async () => {
  kb = validateSeeds(await readSeedFiles('seeds')).kb
  const r = validateRules(await readRuleFiles('rules'), ruleReferences(kb))
  rules = r.rules
  problems = r.problems.map(formatProblem)
})

const conditionsOf = (example: RuleFile['fires'][number]): Conditions => {
  if ('experiment' in example) {
    const e = kb.studies.flatMap((s) => s.experiments).find((x) => x.id === example.experiment)
    if (!e) throw new Error(`no experiment ${example.experiment}`)
    return experimentConditions(e)
  }
  return PredictionConfigSchema.partial({ currentDensity_mA_cm2: true }).parse(example.config) as Conditions
}

async function fires(rule: RuleFile, c: Conditions): Promise<boolean> {
  const lookup = vocabLookup(kb.vocab)
  const sim = c.currentDensity_mA_cm2 === undefined ? null : simulate(toSimInput({ ...c, currentDensity_mA_cm2: c.currentDensity_mA_cm2 }).input)
  const fired = await evaluateRules([rule], compileRules([rule]), buildFacts(c, lookup, sim))
  return fired.some((f) => f.rule.id === rule.id)
}

describe('rule files', () => {
  test('every rule passes the linter (facts registered, operators known, studies and terms resolve, effects from the closed list)', () => {
    expect(problems).toEqual([])
    expect(rules.length).toBeGreaterThan(0)
  })

  test('every rule cites at least one study whose DOI is in the knowledge base', () => {
    const ids = new Set(kb.studies.map((s) => s.id))
    for (const r of rules) expect(r.studies.every((s) => ids.has(s)), r.id).toBe(true)
  })

  test('every fact a rule uses is registered with its type', () => {
    const used = JSON.stringify(rules.map((r) => r.conditions)).match(/"fact":"([^"]+)"/g) ?? []
    for (const u of used) expect(Object.keys(FACTS)).toContain(u.slice(8, -1))
  })

  test('each rule fires on the cases from its own studies and not on the clearly different ones', async () => {
    const failures: string[] = []
    for (const rule of rules) {
      for (const ex of rule.fires) if (!(await fires(rule, conditionsOf(ex)))) failures.push(`${rule.id} should fire on ${JSON.stringify(ex).slice(0, 120)}`)
      for (const ex of rule.doesNotFire) if (await fires(rule, conditionsOf(ex))) failures.push(`${rule.id} should not fire on ${JSON.stringify(ex).slice(0, 120)}`)
    }
    expect(failures).toEqual([])
  })
})

describe('the synchronous pre-check in front of json-rules-engine', () => {
  const run = async (facts: Facts, prefilter: boolean) =>
    (await evaluateRules(rules, compileRules(rules), facts, { prefilter })).map((f) => ({ id: f.rule.id, conditions: f.conditions }))

  test('fires exactly what the engine alone fires, with the same traces, on every knowledge-base experiment and rule example', async () => {
    const lookup = vocabLookup(kb.vocab)
    const cases = [
      ...kb.studies.flatMap((s) => s.experiments).map((e) => experimentConditions(e)),
      ...rules.flatMap((r) => [...r.fires, ...r.doesNotFire]).map(conditionsOf),
    ]
    let fired = 0
    for (const c of cases) {
      const sim = c.currentDensity_mA_cm2 === undefined ? null : simulate(toSimInput({ ...c, currentDensity_mA_cm2: c.currentDensity_mA_cm2 }).input)
      const facts = buildFacts(c, lookup, sim)
      const a = await run(facts, true)
      expect(a).toEqual(await run(facts, false))
      fired += a.length
    }
    expect(cases.length).toBeGreaterThan(150)
    expect(fired).toBeGreaterThan(cases.length) // the comparison is not vacuous
  })

  test('property: on random facts built from the values the rules test, never drops a rule the engine fires', async () => {
    const literals = new Map<string, unknown[]>()
    for (const r of rules) forEachLeaf(r.conditions, (o) => literals.set(o.fact, [...(literals.get(o.fact) ?? []), ...(Array.isArray(o.value) ? o.value : [o.value])]))
    const valueOf = (name: string, type: string): fc.Arbitrary<unknown> => {
      const seen = (literals.get(name) ?? []).filter((v) => v !== null && typeof v !== 'object')
      const nums = seen.filter((v): v is number => typeof v === 'number')
      const strings = seen.filter((v): v is string => typeof v === 'string')
      if (type === 'number') return fc.oneof(fc.constant(null), fc.double({ min: -50, max: 1e4, noNaN: true }), ...nums.flatMap((x) => [fc.constant(x), fc.constant(x * 1.0001), fc.constant(x * 0.9999)]))
      if (type === 'boolean') return fc.boolean()
      const word = fc.constantFrom('unknown', 'none', 'other', ...strings)
      return type === 'string[]' ? fc.uniqueArray(word, { maxLength: 3 }) : word
    }
    const facts = fc.record(Object.fromEntries(Object.entries(FACTS).map(([k, d]) => [k, valueOf(k, d.type)]))) as unknown as fc.Arbitrary<Facts>
    await fc.assert(fc.asyncProperty(facts, async (f) => {
      expect(await run(f, true)).toEqual(await run(f, false))
    }), { numRuns: 300 })
    expect(rules.filter((r) => !mayFire(r.conditions, { ...Object.fromEntries(Object.keys(FACTS).map((k) => [k, null])) } as unknown as Facts)).length).toBeGreaterThan(0)
  })
})
