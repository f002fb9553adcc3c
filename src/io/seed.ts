/**
 * Load `seeds/` into the database: validate everything first (nothing is written
 * when any file is broken), then replace the seed-origin rows in one
 * transaction. A content hash makes loading idempotent.
 * @module
 */
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import * as t from '../../schema/db/tables.ts'
import { studyRows, vocabLookup, type StudyRows } from '../kb/rows.ts'
import { formatProblem, validateSeeds, type KnowledgeBase, type SeedProblem } from '../kb/validate.ts'
import type { Database, Db } from './db.ts'
import { readSeedFiles } from './read-seeds.ts'

export class SeedError extends Error {
  readonly problems: SeedProblem[]
  constructor(problems: SeedProblem[]) {
    super(`seed data has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`)
    this.name = 'SeedError'
    this.problems = problems
  }
}

/** Read and validate the seed directory; throws `SeedError` listing every problem. */
export async function loadSeeds(seedsDir: string): Promise<{ kb: KnowledgeBase; hash: string }> {
  const raw = await readSeedFiles(seedsDir)
  const { kb, problems } = validateSeeds(raw)
  if (problems.length > 0) throw new SeedError(problems)
  const hash = createHash('sha256')
  for (const f of [raw.vocab.techniques, raw.vocab.morphology, raw.vocab.materials, ...raw.studies]) {
    hash.update(f.file).update('\0').update(JSON.stringify(f.json)).update('\0')
  }
  return { kb, hash: hash.digest('hex') }
}

const CHUNK = 200
async function insertChunked<T extends Record<string, unknown>>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

/** Insert one study's rows inside an open transaction. */
export async function insertStudyRows(tx: Pick<Db, 'insert'>, rows: StudyRows): Promise<void> {
  await tx.insert(t.studies).values(rows.study)
  await insertChunked(rows.experiments, (c) => tx.insert(t.experiments).values(c))
  await insertChunked(rows.observations, (c) => tx.insert(t.observations).values(c))
  await insertChunked(rows.quantities, (c) => tx.insert(t.quantities).values(c))
}

export interface SeedResult { reloaded: boolean; hash: string; studies: number; experiments: number; observations: number }

/** Write the knowledge base unless the stored hash says it is already there. */
export async function seedDatabase(database: Database, kb: KnowledgeBase, hash: string): Promise<SeedResult> {
  const counts = {
    studies: kb.studies.length,
    experiments: kb.studies.reduce((n, s) => n + s.experiments.length, 0),
    observations: kb.studies.reduce((n, s) => n + s.experiments.reduce((m, e) => m + e.observations.length, 0), 0),
  }
  const stored = await database.db.select().from(t.meta).where(eq(t.meta.key, 'seed_hash'))
  if (stored[0]?.value === hash) return { reloaded: false, hash, ...counts }
  const lookup = vocabLookup(kb.vocab)
  const vocabRows = [
    ...kb.vocab.techniques.map((v) => ({ kind: 'technique' as const, id: v.id, name: v.name, doc: v as unknown as Record<string, unknown> })),
    ...kb.vocab.morphology.map((v) => ({ kind: 'morphology' as const, id: v.id, name: v.name, doc: v as unknown as Record<string, unknown> })),
    ...kb.vocab.materials.map((v) => ({ kind: 'material' as const, id: v.id, name: v.name, doc: v as unknown as Record<string, unknown> })),
  ]
  await database.withWriteLock(() => database.db.transaction(async (tx) => {
    await tx.delete(t.studies).where(eq(t.studies.origin, 'seed'))
    await tx.delete(t.vocabulary)
    await insertChunked(vocabRows, (c) => tx.insert(t.vocabulary).values(c))
    for (const study of kb.studies) await insertStudyRows(tx, studyRows(study, lookup, 'seed'))
    await tx.insert(t.meta).values({ key: 'seed_hash', value: hash })
      .onConflictDoUpdate({ target: t.meta.key, set: { value: hash } })
  }))
  return { reloaded: true, hash, ...counts }
}
