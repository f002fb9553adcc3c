/**
 * Evaluate the rule set against one set of facts. A fresh json-rules-engine
 * `Engine` per evaluation: a shared one gives wrong results under concurrent
 * `run()` calls (ecosystem.md §4.2).
 *
 * Building and running an engine over all rules cost about a millisecond per
 * prediction, most of it json-rules-engine deep-cloning every rule's conditions
 * into its result. So the condition trees are first checked synchronously with
 * the engine's own operator objects (`mayFire`), and only the rules that hold go
 * into the engine, which stays the authority for what fired and why.
 * @module
 */
import { Engine, type RuleProperties } from 'json-rules-engine'
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { Facts } from './facts.ts'
import { CUSTOM_OPERATORS } from './operators.ts'

export interface ConditionTrace { fact: string; operator: string; value: unknown; factValue: unknown; result: boolean }
export interface FiredRule { rule: RuleFile; conditions: ConditionTrace[] }

/** Pre-convert rule files to engine rules once; reuse the result for every evaluation. */
export function compileRules(rules: RuleFile[]): RuleProperties[] {
  return rules.map((r) => ({
    name: r.id,
    priority: r.priority,
    conditions: r.conditions as RuleProperties['conditions'],
    event: { type: 'fired', params: { id: r.id } },
  }))
}

/** Visit every fact comparison of a condition tree, in order: `all`, `any`, then `not`. */
export function forEachLeaf(node: unknown, visit: (leaf: Record<string, unknown> & { fact: string }) => void): void {
  if (!node || typeof node !== 'object') return
  const n = node as Record<string, unknown>
  for (const key of ['all', 'any'] as const) if (Array.isArray(n[key])) for (const c of n[key] as unknown[]) forEachLeaf(c, visit)
  if (n.not) forEachLeaf(n.not, visit)
  if (typeof n.fact === 'string') visit(n as Record<string, unknown> & { fact: string })
}

function traces(node: unknown): ConditionTrace[] {
  const out: ConditionTrace[] = []
  forEachLeaf(node, (n) => out.push({ fact: n.fact, operator: String(n.operator), value: n.value, factValue: n.factResult ?? null, result: n.result === true }))
  return out
}

function newEngine(rules: RuleProperties[]): Engine {
  const engine = new Engine(rules, { allowUndefinedFacts: false })
  for (const op of CUSTOM_OPERATORS) engine.addOperator(op)
  return engine
}

interface OperatorLookup { get(name: string): { evaluate(fact: unknown, value: unknown): boolean } | null }
/** The operator map of an engine (built-ins, the `not:` decorator, ours); read-only here, so one is shared. */
export const OPERATORS = (newEngine([]) as unknown as { operators: OperatorLookup }).operators

/**
 * Whether a condition tree holds for `facts`, evaluated as json-rules-engine does
 * (`all` / `any` / `not`, fact compared with a literal value by the same operator
 * object). A leaf it does not model (condition reference, `path`, `params`, a value
 * naming a fact, a missing fact, an unknown operator) counts as `undecided`; under
 * `not` the answer flips, so `mayFire(x) === false` means the engine cannot fire x.
 */
function holds(node: unknown, facts: Record<string, unknown>, undecided: boolean): boolean {
  if (!node || typeof node !== 'object') return undecided
  const n = node as Record<string, unknown>
  if (Array.isArray(n.all)) return (n.all as unknown[]).every((c) => holds(c, facts, undecided))
  if (Array.isArray(n.any)) return (n.any as unknown[]).some((c) => holds(c, facts, undecided))
  if (n.not !== undefined) return !holds(n.not, facts, !undecided)
  const factRef = n.value !== null && typeof n.value === 'object' && 'fact' in n.value
  if (typeof n.fact !== 'string' || n.path !== undefined || n.params !== undefined || factRef || !(n.fact in facts)) return undecided
  const op = typeof n.operator === 'string' ? OPERATORS.get(n.operator) : null
  return op ? op.evaluate(facts[n.fact], n.value) : undecided
}

/** False only when the engine certainly would not fire a rule with these conditions. */
export const mayFire = (conditions: unknown, facts: Facts): boolean => holds(conditions, facts as unknown as Record<string, unknown>, true)

const factNames = new WeakMap<RuleProperties, string[]>()
/** The facts a rule's conditions name. */
function factsOf(rule: RuleProperties): string[] {
  let names = factNames.get(rule)
  if (!names) {
    const found = new Set<string>()
    forEachLeaf(rule.conditions, (o) => {
      found.add(o.fact)
      if (o.value && typeof o.value === 'object' && typeof (o.value as { fact?: unknown }).fact === 'string') found.add((o.value as { fact: string }).fact)
    })
    factNames.set(rule, names = [...found])
  }
  return names
}

export interface EvaluateOptions {
  /** Skip the synchronous pre-check and give every rule to the engine (tests compare both). */
  prefilter?: boolean
}

/** The rules whose conditions hold for `facts`, with the condition values that made them fire. */
export async function evaluateRules(rules: RuleFile[], compiled: RuleProperties[], facts: Facts, options: EvaluateOptions = {}): Promise<FiredRule[]> {
  const candidates = options.prefilter === false ? compiled : compiled.filter((r) => mayFire(r.conditions, facts))
  if (candidates.length === 0) return []
  // Only the facts these rules name: the engine hashes every fact it is given.
  const all = facts as unknown as Record<string, unknown>
  const given: Record<string, unknown> = {}
  for (const r of candidates) for (const f of factsOf(r)) if (f in all) given[f] = all[f]
  const { results } = await newEngine(candidates).run(given)
  const byId = new Map(rules.map((r) => [r.id, r]))
  return results
    .map((r) => ({ rule: byId.get(r.name as string) as RuleFile, conditions: traces(r.conditions) }))
    .sort((a, b) => a.rule.id.localeCompare(b.rule.id))
}
