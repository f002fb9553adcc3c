/**
 * Rule linter and behaviour: every rule file valid against the fact and
 * operator registries and the knowledge base; every rule fires on the cases
 * from its own studies it names, and not on the clearly different ones.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { readRuleFiles } from '../../src/io/read-rules.ts'
import { readSeedFiles } from '../../src/io/read-seeds.ts'
import { vocabLookup } from '../../src/kb/rows.ts'
import { formatProblem, validateSeeds, type KnowledgeBase } from '../../src/kb/validate.ts'
import { PredictionConfigSchema } from '../../src/predict/configuration.ts'
import { experimentConditions, type Conditions } from '../../src/predict/kb-config.ts'
import { buildFacts } from '../../src/predict/predict.ts'
import { toSimInput } from '../../src/predict/to-sim.ts'
import { compileRules, evaluateRules } from '../../src/rules/engine.ts'
import { FACTS } from '../../src/rules/facts.ts'
import { validateRules } from '../../src/rules/validate.ts'
import { simulate } from '../../src/sim/simulate.ts'
import type { RuleFile } from '../../schema/files/rule-file.ts'

let kb: KnowledgeBase
let rules: RuleFile[]
let problems: string[]
beforeAll(async () => {
  kb = validateSeeds(await readSeedFiles('seeds')).kb
  const r = validateRules(await readRuleFiles('rules'), {
    studies: new Set(kb.studies.map((s) => s.id)),
    morphology: new Set(kb.vocab.morphology.map((m) => m.id)),
    experiments: new Set(kb.studies.flatMap((s) => s.experiments.map((e) => e.id))),
  })
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
