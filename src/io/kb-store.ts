/**
 * The in-memory snapshot of the knowledge base the service answers from:
 * seed studies plus studies written through the API, with the lookups,
 * evidence index and rules derived from them. A write rebuilds the derived
 * pieces and swaps the snapshot; readers keep the one they started with.
 * @module
 */
import { eq } from 'drizzle-orm'
import type { RuleProperties } from 'json-rules-engine'
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import * as t from '../../schema/db/tables.ts'
import { vocabLookup, type VocabLookup } from '../kb/rows.ts'
import type { KnowledgeBase } from '../kb/validate.ts'
import { buildVocabIndex, type VocabIndex } from '../kb/vocab-index.ts'
import type { ParseOptions } from '../parse/question.ts'
import { buildEvidenceIndex, type EvidenceIndex } from '../predict/evidence.ts'
import { compileRules } from '../rules/engine.ts'
import type { Database } from './db.ts'
import { studyWriteStatements, writeAtomically } from './seed.ts'

export interface Snapshot {
  version: number
  /** Ids of studies that come from seeds/ (changed there, never through the API). */
  seedIds: ReadonlySet<string>
  kb: KnowledgeBase
  lookup: VocabLookup
  vocab: VocabIndex
  evidence: EvidenceIndex
  rules: RuleFile[]
  compiledRules: RuleProperties[]
  studies: ReadonlyMap<string, StudyFile>
  /** Material categories and morphology terms for the text parsers (one object: the parsers cache on it). */
  parseOptions: ParseOptions
}

export function buildSnapshot(kb: KnowledgeBase, rules: RuleFile[], seedIds: ReadonlySet<string>, version = 1): Snapshot {
  const lookup = vocabLookup(kb.vocab)
  return {
    version, seedIds, kb, lookup, vocab: buildVocabIndex(kb.vocab),
    evidence: buildEvidenceIndex(kb.studies, lookup), rules, compiledRules: compileRules(rules),
    studies: new Map(kb.studies.map((s) => [s.id, s])),
    parseOptions: { materials: kb.vocab.materials, morphology: kb.vocab.morphology },
  }
}

/**
 * Studies written through the API earlier (they are in the database, not in seeds/). Each document was
 * validated in full when it was written; at start-up only its shape is trusted, so a large database starts fast.
 */
export async function loadUserStudies(database: Database): Promise<StudyFile[]> {
  const rows = await database.db.select({ doc: t.studies.doc }).from(t.studies).where(eq(t.studies.origin, 'user'))
  return rows.map((r) => r.doc as unknown as StudyFile)
}

export class KbStore {
  #snapshot: Snapshot
  readonly #database: Database
  readonly #listeners: Array<(s: Snapshot) => void> = []

  constructor(database: Database, snapshot: Snapshot) {
    this.#database = database
    this.#snapshot = snapshot
  }

  get current(): Snapshot { return this.#snapshot }

  /** Called with each new snapshot (e.g. to rebuild a search index). */
  onChange(listener: (s: Snapshot) => void): void { this.#listeners.push(listener) }

  /**
   * Write a validated user study atomically (replacing an earlier version with the same id), then
   * publish a new snapshot. Throws whatever the database throws; nothing is published then.
   */
  async putUserStudy(study: StudyFile): Promise<void> {
    const s = this.#snapshot
    await writeAtomically(this.#database, studyWriteStatements(this.#database.db, study, s.lookup, s.kb.vocab, 'user'))
    const studies = [...s.kb.studies.filter((x) => x.id !== study.id), study].sort((a, b) => a.id.localeCompare(b.id))
    const kb = { ...s.kb, studies }
    this.#snapshot = {
      ...s, version: s.version + 1, kb, evidence: buildEvidenceIndex(studies, s.lookup), studies: new Map(studies.map((x) => [x.id, x])),
    }
    for (const l of this.#listeners) l(this.#snapshot)
  }
}
