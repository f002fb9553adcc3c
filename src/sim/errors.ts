/**
 * Typed simulator errors. The simulator knows nothing about HTTP; the API layer maps
 * `code` to a problem type.
 *
 * @module
 */

/** Closed set of machine-readable input error codes. */
export type SimInputErrorCode =
  | 'MISSING_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_VALUE'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_ELECTROLYTE'
  | 'KIND_MISMATCH'

/** One problem with the input, located by a JSON-pointer-like path (e.g. `/separator/porosity`). */
export interface SimInputIssue {
  field: string
  code: SimInputErrorCode
  message: string
  /** Allowed values, when the field is an enumeration (e.g. the known electrolyte ids). */
  allowed?: readonly string[]
}

/**
 * Bad simulator input. `field` and `code` describe the first issue; `issues` lists all of them.
 */
export class SimInputError extends Error {
  override readonly name = 'SimInputError'
  readonly field: string
  readonly code: SimInputErrorCode
  readonly issues: readonly SimInputIssue[]
  readonly allowed?: readonly string[]

  constructor(issues: readonly SimInputIssue[]) {
    const first = issues[0] ?? { field: '', code: 'INVALID_VALUE' as const, message: 'invalid input' }
    const more = issues.length > 1 ? ` (+${issues.length - 1} more)` : ''
    super(`${first.field || '/'}: ${first.message}${more}`)
    this.field = first.field
    this.code = first.code
    this.issues = issues
    if (first.allowed) this.allowed = first.allowed
  }
}

/** JSON-pointer-like path from a list of keys (RFC 6901 escaping of `~` and `/`). */
export function toPointer(path: readonly PropertyKey[]): string {
  if (path.length === 0) return ''
  return path.map((k) => '/' + String(k).replaceAll('~', '~0').replaceAll('/', '~1')).join('')
}
