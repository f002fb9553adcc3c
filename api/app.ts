/**
 * `createApp(deps)`: the Hono application. Everything it needs is passed in,
 * so tests drive it with `app.request()` and no port.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
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
  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      return problem(c, { type: err.type, title: err.message, status: err.status, detail: err.detail, errors: err.errors })
    }
    if (err instanceof HTTPException) {
      const www = err.getResponse().headers.get('www-authenticate')
      return problem(c, { type: 'about:blank', title: err.message || 'Error', status: err.status }, www ? { 'WWW-Authenticate': www } : {})
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

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' })
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Li-metal anode microscopy knowledge base', version: '0.1.0',
      description: 'Studies of in situ / operando microscopy of Li metal anodes (Lindsey, Mondl & Meng, Energy Adv. 2026, 5, 7), with conditions and observations.' },
  })
  app.get('/openapi.json', (c) => c.json(document))
  return app
}
