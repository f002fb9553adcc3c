/**
 * The in-memory snapshot the service answers from: the seed knowledge base
 * (studies, vocabularies, rules and their lookups) and the evidence index of
 * every primary experiment, seed or written through the API. Documents of
 * studies written through the API stay in the database; only their evidence
 * records are held, read from the `evidence` table at start. A write goes to
 * the database first, then replaces that study's block of the evidence index
 * in place and publishes a new snapshot version.
 * @module
 */
import type { RuleProperties } from 'json-rules-engine'
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import * as t from '../../schema/db/tables.ts'
import type { VocabLookup } from '../kb/rows.ts'
import type { KnowledgeBase } from '../kb/validate.ts'
import { buildVocabIndex, type VocabIndex } from '../kb/vocab-index.ts'
import type { ParseOptions } from '../parse/question.ts'
import { buildEvidenceIndex, evidenceItem, evidenceRecords, replaceStudyEvidence, type EvidenceIndex, type EvidenceItem, type EvidenceRecord } from '../predict/evidence.ts'
import { compileRules } from '../rules/engine.ts'
import type { Database } from './db.ts'
import { evidenceInsertStatements, studyWriteStatements, writeAtomically } from './seed.ts'

export interface Snapshot {
  version: number
  /** The seed knowledge base (studies written through the API are in the database and in `evidence`). */
  kb: KnowledgeBase
  lookup: VocabLookup
  vocab: VocabIndex
  /** Every primary experiment, seed or user; updated in place by writes. */
  evidence: EvidenceIndex
  rules: RuleFile[]
  compiledRules: RuleProperties[]
  /** Seed studies by id (rules and technique comparisons cite these; the API refuses to write them). */
  studies: ReadonlyMap<string, StudyFile>
  /** Material categories and morphology terms for the text parsers (one object: the parsers cache on it). */
  parseOptions: ParseOptions
}

/** `lookup`: `vocabLookup(kb.vocab)`, as the user evidence items were built with. */
export function buildSnapshot(kb: KnowledgeBase, rules: RuleFile[], lookup: VocabLookup, userEvidence: readonly EvidenceItem[]): Snapshot {
  return {
    version: 1, kb, lookup, vocab: buildVocabIndex(kb.vocab),
    evidence: buildEvidenceIndex(kb.studies, lookup, userEvidence), rules, compiledRules: compileRules(rules),
    studies: new Map(kb.studies.map((s) => [s.id, s])),
    parseOptions: { materials: kb.vocab.materials, morphology: kb.vocab.morphology },
  }
}

const BACKFILL_BATCH = 500

/**
 * Write evidence records for user studies that have none (a database written before the
 * `evidence` table existed); one atomic batch per `BACKFILL_BATCH` studies. Returns how many.
 */
export async function backfillEvidence(database: Database): Promise<number> {
  let done = 0
  for (;;) {
    const rs = await database.client.execute({
      sql: `SELECT doc FROM studies s WHERE s.origin = 'user' AND s.role = 'primary'
            AND EXISTS (SELECT 1 FROM experiments x WHERE x.study_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.study_id = s.id) LIMIT ?`,
      args: [BACKFILL_BATCH],
    })
    if (rs.rows.length === 0) return done
    const records = rs.rows.flatMap((r) => evidenceRecords(JSON.parse(String(r.doc)) as StudyFile))
    await writeAtomically(database, evidenceInsertStatements(database.db, records), [])
    done += rs.rows.length
  }
}

/** Evidence rows read per query at start-up (each chunk is one JSON array string). */
const LOAD_CHUNK = 20_000

/** Evidence items of the studies written through the API (any order; the index sorts them). */
export async function loadUserEvidence(database: Database, lookup: VocabLookup): Promise<EvidenceItem[]> {
  await backfillEvidence(database)
  const records: EvidenceRecord[] = []
  // SQLite joins each chunk's records into one JSON array: one parse per chunk instead of one per row.
  for (let after = 0; ;) {
    const rs = await database.client.execute({
      sql: `SELECT max(r) AS last, '[' || group_concat(item, ',') || ']' AS items FROM (
              SELECT rowid AS r, item FROM evidence
              WHERE rowid > ? AND study_id NOT IN (SELECT id FROM studies WHERE origin = 'seed') ORDER BY rowid LIMIT ?)`,
      args: [after, LOAD_CHUNK],
    })
    const row = rs.rows[0]
    if (!row || row.last === null) break
    for (const r of JSON.parse(String(row.items)) as EvidenceRecord[]) records.push(r)
    after = Number(row.last)
  }
  return records.map((r) => evidenceItem(r, lookup))
}

export class KbStore {
  #snapshot: Snapshot
  readonly #database: Database

  constructor(database: Database, snapshot: Snapshot) {
    this.#database = database
    this.#snapshot = snapshot
  }

  get current(): Snapshot { return this.#snapshot }

  /**
   * Write a validated user study atomically (replacing an earlier version with the same id), then
   * replace its experiments in the evidence index and publish a new snapshot version. Throws
   * whatever the database throws; nothing changes in memory then.
   */
  async putUserStudy(study: StudyFile): Promise<void> {
    const s = this.#snapshot
    const records = evidenceRecords(study)
    await writeAtomically(this.#database, studyWriteStatements(this.#database.db, study, s.lookup, s.kb.vocab, 'user', records), [study.id])
    replaceStudyEvidence(s.evidence, study.id, records.map((r) => evidenceItem(r, s.lookup)))
    this.#snapshot = { ...s, version: s.version + 1 }
  }
}
