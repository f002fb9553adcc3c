/**
 * Build the app's dependencies from configuration: open (and migrate) the
 * database, validate and seed the knowledge base, build the lookups.
 */
import type { Config } from '../src/config.ts'
import { openDatabase } from '../src/io/db.ts'
import { loadSeeds, seedDatabase } from '../src/io/seed.ts'
import { buildVocabIndex } from '../src/kb/vocab-index.ts'
import type { Deps } from './deps.ts'

/** Open the database, load and seed the knowledge base, and build the dependencies of the app. */
export async function buildDeps(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN' | 'SEEDS_DIR'>): Promise<Deps> {
  const database = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN)
  const { kb, hash } = await loadSeeds(config.SEEDS_DIR)
  await seedDatabase(database, kb, hash)
  return { database, kb, vocab: buildVocabIndex(kb.vocab), seedHash: hash }
}

