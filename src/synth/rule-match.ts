/**
 * A synchronous evaluator of rule condition trees over configuration facts,
 * for the synthetic generator only: json-rules-engine is asynchronous and
 * costs about a millisecond per run, far too slow for 10⁵ experiments.
 *
 * It evaluates each comparison with json-rules-engine's own operator objects
 * (`OPERATORS` in src/rules/engine.ts: built-ins, ours, the `not:` decorator);
 * a missing fact is null, and `{ not }` negates a subtree. Simulator facts
 * (`sandCapacityExceeded`, `ccdExceeded`, …) are not computed here: they are
 * missing, so a rule that needs one of them to be true does not fire. That is
 * the "simple conditions" subset the generator draws outcomes from. Pure.
 * @module
 */
import type { ConditionNode, RuleFile } from '../../schema/files/rule-file.ts'
import { OPERATORS } from '../rules/engine.ts'

export type FactValues = Readonly<Record<string, unknown>>

type Compiled = (facts: FactValues) => boolean

function compileNode(node: ConditionNode): Compiled {
  if ('all' in node) { const cs = node.all.map(compileNode); return (f) => cs.every((c) => c(f)) }
  if ('any' in node) { const cs = node.any.map(compileNode); return (f) => cs.some((c) => c(f)) }
  if ('not' in node) { const c = compileNode(node.not); return (f) => !c(f) }
  const op = OPERATORS.get(node.operator)
  if (!op) throw new Error(`rule-match: unsupported operator "${node.operator}"`)
  if (node.path !== undefined) throw new Error('rule-match: fact paths are not supported')
  const { fact, value } = node
  return (f) => op.evaluate(f[fact] ?? null, value)
}

export interface CompiledRule { rule: RuleFile; test: Compiled }

/** Compile every rule once; `matchRules` then tests them against one set of facts. */
export function compileRuleMatchers(rules: readonly RuleFile[]): CompiledRule[] {
  return [...rules].sort((a, b) => a.id.localeCompare(b.id)).map((rule) => ({ rule, test: compileNode(rule.conditions) }))
}

/** The rules whose conditions hold for `facts` (sorted by id). */
export function matchRules(compiled: readonly CompiledRule[], facts: FactValues): RuleFile[] {
  const out: RuleFile[] = []
  for (const c of compiled) if (c.test(facts)) out.push(c.rule)
  return out
}
