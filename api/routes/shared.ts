import { ProblemSchema } from '../problem.ts'

const DESCRIPTIONS: Record<number, string> = {
  400: 'invalid request (problem+json naming each invalid field)',
  401: 'missing or wrong bearer token',
  403: 'writes are disabled',
  404: 'not found',
  413: 'request body too large',
  422: 'well-formed request naming something unknown (with suggestions)',
}

/** Problem responses to declare on a route, so the OpenAPI document lists them. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, {
    description: DESCRIPTIONS[s] ?? 'error',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  }])) as Record<S, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>
}
