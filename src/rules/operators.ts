/**
 * Operators a rule may use: json-rules-engine's built-ins plus a few custom
 * ones, optionally behind the `not:` decorator.
 * @module
 */
import { Operator } from 'json-rules-engine'

export const BUILTIN_OPERATORS = [
  'equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain',
  'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive',
] as const

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

/** Custom operators. A null fact (unknown condition) never satisfies a numeric comparison. */
export const CUSTOM_OPERATORS = [
  new Operator('between', (fact: unknown, range: unknown) =>
    isNumber(fact) && Array.isArray(range) && isNumber(range[0]) && isNumber(range[1]) && fact >= range[0] && fact <= range[1]),
  new Operator('containsAny', (fact: unknown, values: unknown) =>
    Array.isArray(fact) && Array.isArray(values) && values.some((v) => fact.includes(v))),
  new Operator('containsAll', (fact: unknown, values: unknown) =>
    Array.isArray(fact) && Array.isArray(values) && values.every((v) => fact.includes(v))),
  new Operator('isKnown', (fact: unknown, want: unknown) => (fact !== null && fact !== undefined && fact !== 'unknown') === want),
]

const NAMES = new Set<string>([...BUILTIN_OPERATORS, ...CUSTOM_OPERATORS.map((o) => o.name)])

/** True for a registered operator, with or without the `not:` decorator. */
export function isKnownOperator(op: string): boolean {
  return NAMES.has(op.startsWith('not:') ? op.slice(4) : op)
}
