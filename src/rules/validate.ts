/**
 * Rule linter: shape (zod) plus every fact registered, every operator known,
 * every value of the right type for its fact, every study id and morphology
 * term resolving, effects from the closed list. Pure.
 * @module
 */
import { RuleFileSchema, type ConditionNode, type RuleFile } from '../../schema/files/rule-file.ts'
import { zodProblems, type RawFile, type SeedProblem } from '../kb/validate.ts'
import { FACTS, isFactName } from './facts.ts'
import { isKnownOperator } from './operators.ts'

function checkValue(fact: keyof typeof FACTS, operator: string, value: unknown): string | undefined {
  const type = FACTS[fact].type
  const op = operator.replace(/^not:/, '')
  const scalarOf = (t: string) => (t === 'string[]' ? 'string' : t)
  const isType = (v: unknown, t: string) => (t === 'number' ? typeof v === 'number' : t === 'boolean' ? typeof v === 'boolean' : typeof v === 'string')
  if (op === 'isKnown') return typeof value === 'boolean' ? undefined : 'isKnown takes true or false'
  if (op === 'between') return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number') && type === 'number' ? undefined : 'between takes [low, high] on a number fact'
  if (op === 'in' || op === 'notIn' || op === 'containsAny' || op === 'containsAll') {
    return Array.isArray(value) && value.every((v) => isType(v, scalarOf(type))) ? undefined : `${op} takes a list of ${scalarOf(type)}`
  }
  if (op === 'contains' || op === 'doesNotContain') return type === 'string[]' && typeof value === 'string' ? undefined : `${op} applies to a list fact with a string value`
  if (op.startsWith('less') || op.startsWith('greater')) return type === 'number' && typeof value === 'number' ? undefined : `${op} compares a number fact with a number`
  return isType(value, type) ? undefined : `value must be a ${type} for fact "${fact}"`
}

/** What rule files may refer to in a knowledge base: its study, morphology-term and experiment ids. */
export function ruleReferences(kb: { studies: ReadonlyArray<{ id: string; experiments: ReadonlyArray<{ id: string }> }>; vocab: { morphology: ReadonlyArray<{ id: string }> } }) {
  return {
    studies: new Set(kb.studies.map((s) => s.id)),
    morphology: new Set(kb.vocab.morphology.map((m) => m.id)),
    experiments: new Set(kb.studies.flatMap((s) => s.experiments.map((e) => e.id))),
  }
}

/** Validate rule files against the registries and the knowledge base. */
export function validateRules(files: RawFile[], known: { studies: Set<string>; morphology: Set<string>; experiments?: Set<string> }) {
  const problems: SeedProblem[] = []
  const rules: RuleFile[] = []
  const ids = new Map<string, string>()
  for (const { file, json } of files) {
    const parsed = RuleFileSchema.safeParse(json)
    if (!parsed.success) { problems.push(...zodProblems(file, parsed.error)); continue }
    const rule = parsed.data
    const add = (pointer: string, message: string) => problems.push({ file, pointer, message })
    if (!file.endsWith(`${rule.id}.json`)) add('/id', `id "${rule.id}" must match the file name`)
    if (ids.has(rule.id)) add('/id', `duplicate rule id (also in ${ids.get(rule.id)})`)
    ids.set(rule.id, file)
    rule.studies.forEach((s, i) => { if (!known.studies.has(s)) add(`/studies/${i}`, `unknown study "${s}"`) })
    rule.evidence.forEach((e, i) => {
      if (!known.studies.has(e.study)) add(`/evidence/${i}/study`, `unknown study "${e.study}"`)
      else if (!rule.studies.includes(e.study)) add(`/evidence/${i}/study`, `evidence study "${e.study}" is not listed in studies`)
    })
    rule.disputedBy.forEach((d, i) => { if (!known.studies.has(d.study)) add(`/disputedBy/${i}/study`, `unknown study "${d.study}"`) })
    rule.effects.forEach((e, i) => {
      if (e.target === 'morphology.label' && !known.morphology.has(e.value)) add(`/effects/${i}/value`, `unknown morphology term "${e.value}"`)
    })
    for (const key of ['fires', 'doesNotFire'] as const) {
      rule[key].forEach((ex, i) => {
        if ('experiment' in ex && known.experiments && !known.experiments.has(ex.experiment)) add(`/${key}/${i}/experiment`, `unknown experiment "${ex.experiment}"`)
      })
    }
    const visit = (node: ConditionNode, pointer: string): void => {
      if ('all' in node) node.all.forEach((n, i) => visit(n, `${pointer}/all/${i}`))
      else if ('any' in node) node.any.forEach((n, i) => visit(n, `${pointer}/any/${i}`))
      else if ('not' in node) visit(node.not, `${pointer}/not`)
      else {
        if (!isFactName(node.fact)) { add(`${pointer}/fact`, `unregistered fact "${node.fact}"`); return }
        if (!isKnownOperator(node.operator)) { add(`${pointer}/operator`, `unknown operator "${node.operator}"`); return }
        const bad = checkValue(node.fact, node.operator, node.value)
        if (bad) add(`${pointer}/value`, bad)
      }
    }
    visit(rule.conditions, '/conditions')
    rules.push(rule)
  }
  rules.sort((a, b) => a.id.localeCompare(b.id))
  return { rules, problems }
}
