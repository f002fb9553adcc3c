/**
 * `createApp(deps)`: the Hono application. Everything it needs is passed in,
 * so tests drive it with `app.request()` and no port.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Next } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { StructuredConfigurationSchema, TextConfigurationSchema } from './config-body.ts'
import type { Deps } from './deps.ts'
import { problem, ProblemError, zodFieldErrors } from './problem.ts'
import { askRoutes } from './routes/ask.ts'
import { docsRoutes } from './routes/docs.ts'
import { exportRoutes } from './routes/export.ts'
import { healthRoutes } from './routes/health.ts'
import { predictRoutes } from './routes/predict.ts'
import { ruleRoutes } from './routes/rules.ts'
import { searchRoutes } from './routes/search.ts'
import { techniqueRoutes } from './routes/techniques.ts'
import { studyRoutes } from './routes/studies.ts'
import { writeRoutes } from './routes/writes.ts'
import { webRoutes } from './routes/web.ts'

/** Limits on hostile input, each answered with a problem naming it (README "Limits"). */
export const LIMITS = {
  /** Request body, bytes (413). */
  bodyBytes: 256 * 1024,
  /** Nesting of arrays/objects in a JSON body (400), checked before the body is parsed. */
  jsonDepth: 32,
  /** Characters of the raw (percent-encoded) query string (414); each parameter has its own cap in its schema. */
  queryChars: 8192,
} as const

const READ_METHODS = new Set(['GET', 'HEAD'])
const readCors = cors({ origin: '*', allowMethods: ['GET', 'HEAD'], exposeHeaders: ['X-Request-Id'], maxAge: 600 })
/** CORS for reads only: GET/HEAD and their preflights; writes get no CORS headers. */
const corsForReads = (c: Context, next: Next) => {
  const m = c.req.method
  const preflight = m === 'OPTIONS' && READ_METHODS.has((c.req.header('access-control-request-method') ?? '').toUpperCase())
  return READ_METHODS.has(m) || preflight ? readCors(c, next) : next()
}

/** Offset of the first bracket nested deeper than `max` in JSON text (strings skipped), or -1. Linear, no parse. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92) i++
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 123 || ch === 91) { if (++depth > max) return i }
    else if (ch === 125 || ch === 93) depth--
  }
  return -1
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i
/** JSON bodies: nesting depth, then syntax (with the parser's position), before any route validates them. */
const jsonBodyGuard = async (c: Context, next: Next) => {
  if (!c.req.raw.body || !JSON_MEDIA_TYPE.test((c.req.header('content-type') ?? '').split(';')[0]!.trim())) return next()
  const text = await c.req.text()
  const at = tooDeepAt(text, LIMITS.jsonDepth)
  if (at >= 0) {
    const detail = `JSON nesting depth exceeds ${LIMITS.jsonDepth} (at character ${at})`
    return problem(c, { type: '/problems/too-deeply-nested', title: 'JSON body nested too deeply', status: 400, detail, errors: [{ pointer: '/body', detail }] })
  }
  try {
    JSON.parse(text)
  } catch (e) {
    const detail = text.trim() === '' ? 'the body is empty' : (e as Error).message
    return problem(c, { type: '/problems/malformed-json', title: 'Malformed JSON in request body', status: 400, detail, errors: [{ pointer: '/body', detail }] })
  }
  return next()
}

const queryGuard = async (c: Context, next: Next) => {
  const url = c.req.url
  const q = url.indexOf('?')
  if (q >= 0 && url.length - q - 1 > LIMITS.queryChars) {
    const detail = `the query string has ${url.length - q - 1} characters; at most ${LIMITS.queryChars} are accepted`
    return problem(c, { type: '/problems/query-too-long', title: 'Query string too long', status: 414, detail, errors: [{ pointer: '/query', detail }] })
  }
  return next()
}

const tooLarge = (c: Context) => problem(c, {
  type: '/problems/payload-too-large', title: 'Request body too large', status: 413,
  detail: `the request body exceeds ${LIMITS.bodyBytes} bytes`,
})

/** Detail for an HTTPException raised by middleware (bearerAuth, the JSON validator) that carries none. */
function exceptionDetail(status: number, www: string | null): string | undefined {
  if (www?.includes('invalid_token')) return 'wrong bearer token'
  if (www?.includes('invalid_request')) return 'malformed Authorization header: expected "Bearer <token>"'
  if (status === 401) return 'missing Authorization: Bearer <token> header'
  if (status === 415) return 'send the body as JSON with Content-Type: application/json'
  return undefined
}
const STATUS_TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Request body too large', 415: 'Unsupported Media Type' }

export function createApp(deps: Deps) {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = zodFieldErrors(result.target, result.error.issues)
        return problem(c, {
          type: '/problems/validation-error', title: 'Request is not valid', status: 400,
          detail: errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), errors,
        })
      }
    },
  })
  app.use(requestId())
  app.use(secureHeaders())
  app.use(corsForReads)
  app.use(queryGuard)
  app.use(bodyLimit({ maxSize: LIMITS.bodyBytes, onError: tooLarge }))
  app.use(jsonBodyGuard)
  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      return problem(c, { type: err.type, title: err.message, status: err.status, detail: err.detail, errors: err.errors })
    }
    if (err instanceof HTTPException) {
      const www = err.getResponse().headers.get('www-authenticate')
      const detail = exceptionDetail(err.status, www)
      return problem(c, { type: 'about:blank', title: err.message || STATUS_TITLES[err.status] || 'Error', status: err.status, ...(detail ? { detail } : {}) }, www ? { 'WWW-Authenticate': www } : {})
    }
    console.error(err)
    return problem(c, { type: 'about:blank', title: 'Internal Server Error', status: 500 })
  })
  app.notFound((c) => problem(c, { type: 'about:blank', title: 'Not Found', status: 404, detail: `no route for ${c.req.method} ${c.req.path}` }))

  app.route('/', healthRoutes(deps))
  app.route('/v1', studyRoutes(deps))
  app.route('/v1', writeRoutes(deps))
  app.route('/v1', ruleRoutes(deps))
  app.route('/v1', techniqueRoutes(deps))
  app.route('/v1', exportRoutes(deps))
  app.route('/v1', predictRoutes(deps))
  app.route('/v1', askRoutes(deps))
  app.route('/v1', searchRoutes(deps))
  app.route('/', docsRoutes())
  app.route('/', webRoutes())

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  // The two forms a Configuration body may take (validated by readConfiguration).
  app.openAPIRegistry.register('StructuredConfiguration', StructuredConfigurationSchema)
  app.openAPIRegistry.register('TextConfiguration', TextConfigurationSchema)
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Li-metal anode microscopy knowledge base', version: '0.1.0',
      description: 'Studies of in situ / operando microscopy of Li metal anodes (Lindsey, Mondl & Meng, Energy Adv. 2026, 5, 7), with conditions and observations.' },
  })
  app.get('/openapi.json', (c) => c.json(document))
  return app
}
