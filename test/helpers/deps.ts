/**
 * Test dependencies: a fresh, migrated in-memory database seeded from a seed
 * directory (the real `seeds/` or a fixture), and the app built on it.
 */
import { createApp } from '../../api/app.ts'
import { buildDeps } from '../../api/build-deps.ts'
import type { Deps } from '../../api/deps.ts'

export const FIXTURE_SEEDS = 'test/fixtures/seeds'

export async function makeTestDeps(seedsDir = FIXTURE_SEEDS, url = ':memory:'): Promise<Deps> {
  return buildDeps({ DATABASE_URL: url, SEEDS_DIR: seedsDir })
}

export async function makeTestApp(seedsDir = FIXTURE_SEEDS) {
  const deps = await makeTestDeps(seedsDir)
  return { deps, app: createApp(deps), close: () => deps.database.close() }
}
