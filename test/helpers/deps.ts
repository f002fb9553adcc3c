/**
 * Test dependencies: a fresh, migrated in-memory database seeded from a seed
 * directory (the real `seeds/` or a fixture), and the app built on it.
 */
import { createApp } from '../../api/app.ts'
import { buildDeps } from '../../api/build-deps.ts'
import type { Deps } from '../../api/deps.ts'

export const FIXTURE_SEEDS = 'test/fixtures/seeds'

export const FIXTURE_RULES = 'test/fixtures/rules'

export async function makeTestDeps(opts: { seeds?: string; rules?: string; url?: string; apiToken?: string } = {}): Promise<Deps> {
  return buildDeps({
    DATABASE_URL: opts.url ?? ':memory:', SEEDS_DIR: opts.seeds ?? FIXTURE_SEEDS,
    RULES_DIR: opts.rules ?? (opts.seeds === 'seeds' ? 'rules' : FIXTURE_RULES), API_TOKEN: opts.apiToken,
  })
}

export async function makeTestApp(opts: Parameters<typeof makeTestDeps>[0] = {}) {
  const deps = await makeTestDeps(opts)
  return { deps, app: createApp(deps), close: () => deps.database.close() }
}
