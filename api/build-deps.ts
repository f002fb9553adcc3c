/**
 * Build the app's dependencies from configuration: open (and migrate) the
 * database, validate and seed the knowledge base, validate the rules, read the
 * evidence records of studies written earlier through the API, and build the snapshot.
 */
import type { Config } from '../src/config.ts'
import { openDatabase } from '../src/io/db.ts'
import { buildSnapshot, KbStore, loadUserEvidence } from '../src/io/kb-store.ts'
import { vocabLookup } from '../src/kb/rows.ts'
import { readRuleFiles } from '../src/io/read-rules.ts'
import { loadSeeds, SeedError, seedDatabase } from '../src/io/seed.ts'
import { ruleReferences, validateRules } from '../src/rules/validate.ts'
import type { Deps } from './deps.ts'

export async function buildDeps(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_AUTH_TOKEN' | 'SEEDS_DIR' | 'RULES_DIR' | 'API_TOKEN'>): Promise<Deps> {
  const { kb, hash } = await loadSeeds(config.SEEDS_DIR)
  const rules = validateRules(await readRuleFiles(config.RULES_DIR), ruleReferences(kb))
  if (rules.problems.length > 0) throw new SeedError(rules.problems)
  const database = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN)
  await seedDatabase(database, kb, hash)
  const lookup = vocabLookup(kb.vocab)
  const user = await loadUserEvidence(database, lookup)
  return { database, store: new KbStore(database, buildSnapshot(kb, rules.rules, lookup, user)), seedHash: hash, apiToken: config.API_TOKEN }
}
