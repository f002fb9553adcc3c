/**
 * RFC 9457 problem details: one schema, one renderer. Validation failures are
 * 400 with one `errors[]` entry per invalid field (JSON pointer into the
 * request: `/query/jMin`, `/body/currentDensity`); well-formed requests naming
 * something unknown are 422 with suggestions.
 */
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { pathPointer } from '../src/kb/validate.ts'

export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  request_id: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string(), suggestions: z.array(z.string()).optional() })).optional(),
}).openapi('Problem')
export type Problem = z.infer<typeof ProblemSchema>

export interface FieldError { pointer: string; detail: string; suggestions?: string[] }

/** A problem raised by a handler; rendered by the app's onError. */
export class ProblemError extends Error {
  readonly status: ContentfulStatusCode
  readonly type: string
  readonly errors?: FieldError[]
  readonly detail?: string
  constructor(status: ContentfulStatusCode, type: string, title: string, detail?: string, errors?: FieldError[]) {
    super(title)
    this.status = status
    this.type = type
    this.detail = detail
    this.errors = errors
  }
}

export const invalid = (errors: FieldError[], detail?: string) =>
  new ProblemError(400, '/problems/validation-error', 'Request is not valid', detail ?? errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors)

export const unknownTerm = (errors: FieldError[]) =>
  new ProblemError(422, '/problems/unknown-term', 'Unknown term', errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors)

export function problem(c: Context, p: Omit<Problem, 'instance' | 'request_id'> & Record<string, unknown>, headers: Record<string, string> = {}) {
  const body: Problem & Record<string, unknown> = { ...p, instance: c.req.path }
  const id = c.res?.headers.get('x-request-id') ?? (c.get('requestId' as never) as string | undefined)
  if (id) body.request_id = id
  return c.body(JSON.stringify(body), p.status as ContentfulStatusCode, { 'content-type': 'application/problem+json', ...headers })
}

/** Zod issues as field errors under `base` (`/body`, `/body/options`). */
export const issuesAt = (base: string, issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FieldError[] =>
  issues.map((i) => ({ pointer: `${base}${pathPointer(i.path)}`, detail: i.message }))

/** zod issues (from zod-openapi's validator) → field errors with a pointer into the request part. */
export function zodFieldErrors(target: string, issues: Array<{ path: PropertyKey[]; message: string }>): FieldError[] {
  return issuesAt(`/${target === 'json' ? 'body' : target}`, issues)
}
