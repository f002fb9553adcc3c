/**
 * A synchronous evaluator of rule condition trees over configuration facts,
 * for the synthetic generator only: json-rules-engine is asynchronous and
 * costs about a millisecond per run, far too slow for 10⁵ experiments.
 *
 * It implements the operators of `src/rules/operators.ts` with the engine's
 * semantics (a null or missing fact never satisfies a numeric comparison,
 * `not:` negates an operator, `{ not }` negates a subtree). Simulator facts
 * (`sandCapacityExceeded`, `ccdExceeded`, …) are not computed here: they are
 * missing, so a rule that needs one of them to be true does not fire. That is
 * the "simple conditions" subset the generator draws outcomes from. Pure.
 * @module
 */
import type { ConditionNode, RuleFile } from '../../schema/files/rule-file.ts'

export type FactValues = Readonly<Record<string, unknown>>

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

const OPS: Record<string, (fact: unknown, value: unknown) => boolean> = {
  equal: (f, v) => f === v,
  notEqual: (f, v) => f !== v,
  in: (f, v) => Array.isArray(v) && v.includes(f),
  notIn: (f, v) => Array.isArray(v) && !v.includes(f),
  contains: (f, v) => Array.isArray(f) && f.includes(v),
  doesNotContain: (f, v) => Array.isArray(f) && !f.includes(v),
  lessThan: (f, v) => isNum(f) && isNum(v) && f < v,
  lessThanInclusive: (f, v) => isNum(f) && isNum(v) && f <= v,
  greaterThan: (f, v) => isNum(f) && isNum(v) && f > v,
  greaterThanInclusive: (f, v) => isNum(f) && isNum(v) && f >= v,
  between: (f, v) => isNum(f) && Array.isArray(v) && isNum(v[0]) && isNum(v[1]) && f >= v[0] && f <= v[1],
  containsAny: (f, v) => Array.isArray(f) && Array.isArray(v) && v.some((x) => f.includes(x)),
  containsAll: (f, v) => Array.isArray(f) && Array.isArray(v) && v.every((x) => f.includes(x)),
  isKnown: (f, v) => (f !== null && f !== undefined && f !== 'unknown') === v,
}

type Compiled = (facts: FactValues) => boolean

function compileNode(node: ConditionNode): Compiled {
  if ('all' in node) { const cs = node.all.map(compileNode); return (f) => cs.every((c) => c(f)) }
  if ('any' in node) { const cs = node.any.map(compileNode); return (f) => cs.some((c) => c(f)) }
  if ('not' in node) { const c = compileNode(node.not); return (f) => !c(f) }
  const negate = node.operator.startsWith('not:')
  const name = negate ? node.operator.slice(4) : node.operator
  const op = OPS[name]
  if (!op) throw new Error(`rule-match: unsupported operator "${node.operator}"`)
  if (node.path !== undefined) throw new Error('rule-match: fact paths are not supported')
  const { fact, value } = node
  return negate ? (f) => !op(f[fact] ?? null, value) : (f) => op(f[fact] ?? null, value)
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
