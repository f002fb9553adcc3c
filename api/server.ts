/**
 * Entry point: configuration → database (migrated, seeded) → app → listen.
 */
import { serve } from '@hono/node-server'
import { loadConfig } from '../src/config.ts'
import { createApp } from './app.ts'
import { buildDeps } from './build-deps.ts'

const config = loadConfig()
const deps = await buildDeps(config)
const app = createApp(deps)
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(`listening on http://${info.address}:${info.port} (database ${config.DATABASE_URL})`)
})
const stop = () => server.close(() => { deps.database.close(); process.exit(0) })
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
