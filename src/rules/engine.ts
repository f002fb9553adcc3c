/**
 * Evaluate the rule set against one set of facts. A fresh json-rules-engine
 * `Engine` per evaluation: a shared one gives wrong results under concurrent
 * `run()` calls (ecosystem.md §4.2).
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

function traces(node: unknown, out: ConditionTrace[]): ConditionTrace[] {
  if (!node || typeof node !== 'object') return out
  const n = node as Record<string, unknown>
  for (const key of ['all', 'any'] as const) if (Array.isArray(n[key])) for (const c of n[key] as unknown[]) traces(c, out)
  if (n.not) traces(n.not, out)
  if (typeof n.fact === 'string') {
    out.push({ fact: n.fact, operator: String(n.operator), value: n.value, factValue: n.factResult ?? null, result: n.result === true })
  }
  return out
}

/** The rules whose conditions hold for `facts`, with the condition values that made them fire. */
export async function evaluateRules(rules: RuleFile[], compiled: RuleProperties[], facts: Facts): Promise<FiredRule[]> {
  const engine = new Engine(compiled, { allowUndefinedFacts: false })
  for (const op of CUSTOM_OPERATORS) engine.addOperator(op)
  const { results } = await engine.run(facts as unknown as Record<string, unknown>)
  const byId = new Map(rules.map((r) => [r.id, r]))
  return results
    .map((r) => ({ rule: byId.get(r.name as string) as RuleFile, conditions: traces(r.conditions, []) }))
    .sort((a, b) => a.rule.id.localeCompare(b.rule.id))
}
