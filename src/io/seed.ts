/**
 * Load `seeds/` into the database: validate everything first (nothing is written
 * when any file is broken), then replace the seed-origin rows in one
 * transaction. A content hash makes loading idempotent.
 * @module
 */
import { createHash } from 'node:crypto'
import type { InStatement } from '@libsql/client'
import { eq } from 'drizzle-orm'
import * as t from '../../schema/db/tables.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import { studyRows, vocabLookup, type StudyRows, type VocabLookup } from '../kb/rows.ts'
import { formatProblem, validateSeeds, type KnowledgeBase, type SeedProblem, type Vocab } from '../kb/validate.ts'
import { searchDocuments } from '../search/documents.ts'
import { evidenceRecords, evidenceRows, type EvidenceRecord } from '../predict/evidence.ts'
import { ftsDeleteStatements, ftsWriteStatements, invalidateFtsVocabulary, noteSearchChanges, searchDocStateOf, searchDocStateStatements } from '../search/fts.ts'
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
const chunks = <T>(rows: T[]): T[][] => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK))
const statement = (q: { toSQL(): { sql: string; params: unknown[] } }): InStatement => {
  const { sql, params } = q.toSQL()
  return { sql, args: params as InStatement extends { args?: infer A } ? A : never }
}

/** Insert statements for one study's rows (studies, experiments, observations, quantities). */
export function insertStudyStatements(db: Db, rows: StudyRows): InStatement[] {
  return [
    statement(db.insert(t.studies).values(rows.study)),
    ...chunks(rows.experiments).map((c) => statement(db.insert(t.experiments).values(c))),
    ...chunks(rows.terms).map((c) => statement(db.insert(t.experimentTerms).values(c))),
    ...chunks(rows.observations).map((c) => statement(db.insert(t.observations).values(c))),
    ...chunks(rows.quantities).map((c) => statement(db.insert(t.quantities).values(c))),
  ]
}

/** Insert statements for evidence records (the `evidence` table). */
export function evidenceInsertStatements(db: Db, records: readonly EvidenceRecord[]): InStatement[] {
  return chunks(evidenceRows(records)).map((c) => statement(db.insert(t.evidence).values(c)))
}

/**
 * Every statement that writes (or replaces) one study: its rows, its evidence records (pass them
 * when already built) and its full-text search documents. Run them in one batch so a study is
 * never half-written.
 */
export function studyWriteStatements(
  db: Db, study: StudyFile, lookup: VocabLookup, vocab: Vocab, origin: 'seed' | 'user', records: readonly EvidenceRecord[] = evidenceRecords(study),
): InStatement[] {
  return [
    ...ftsDeleteStatements({ ids: [study.id] }),
    statement(db.delete(t.studies).where(eq(t.studies.id, study.id))),
    ...insertStudyStatements(db, studyRows(study, lookup, origin)),
    ...evidenceInsertStatements(db, records),
    ...ftsWriteStatements(searchDocuments([study], vocab)),
  ]
}

/**
 * Run write statements atomically (one batch) under the process write lock. `studies`: the only
 * studies whose search documents the statements change, so the search caches are updated from
 * their documents before and after (none: the caches stay as they are); without it the caches are
 * dropped.
 */
export async function writeAtomically(database: Database, stmts: InStatement[], studies?: readonly string[]): Promise<void> {
  const { client } = database
  await database.withWriteLock(async () => {
    // The studies' search documents are read at the start and the end of the write's own transaction:
    // one round trip, and no other write can land between the two reads.
    const probe = studies !== undefined && studies.length > 0 ? searchDocStateStatements(studies) : []
    const results = await client.batch([...probe, ...stmts, ...probe], 'write') // atomic: when it throws, nothing changed
    if (studies?.length === 0) return
    // The write has committed: a failure from here on only costs the search caches, never the write.
    try {
      if (probe.length > 0) noteSearchChanges(client, searchDocStateOf(results.slice(0, probe.length)), searchDocStateOf(results.slice(-probe.length)))
      else invalidateFtsVocabulary(client)
    } catch {
      invalidateFtsVocabulary(client)
    }
  })
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
  const db = database.db
  const vocabRows = [
    ...kb.vocab.techniques.map((v) => ({ kind: 'technique' as const, id: v.id, name: v.name, doc: v as unknown as Record<string, unknown> })),
    ...kb.vocab.morphology.map((v) => ({ kind: 'morphology' as const, id: v.id, name: v.name, doc: v as unknown as Record<string, unknown> })),
    ...kb.vocab.materials.map((v) => ({ kind: 'material' as const, id: v.id, name: v.name, doc: v as unknown as Record<string, unknown> })),
  ]
  await writeAtomically(database, [
    ...ftsDeleteStatements({ subquery: "SELECT id FROM studies WHERE origin = 'seed'" }),
    statement(db.delete(t.studies).where(eq(t.studies.origin, 'seed'))),
    statement(db.delete(t.vocabulary)),
    ...chunks(vocabRows).map((c) => statement(db.insert(t.vocabulary).values(c))),
    ...kb.studies.flatMap((study) => studyWriteStatements(db, study, lookup, kb.vocab, 'seed')),
    statement(db.insert(t.meta).values({ key: 'seed_hash', value: hash }).onConflictDoUpdate({ target: t.meta.key, set: { value: hash } })),
  ])
  return { reloaded: true, hash, ...counts }
}
