/**
 * The CPU half of a synthetic run, batch by batch: generate studies, validate
 * a sample (or all) with `validateStudyDocs`, turn them into rows with
 * `studyRows` and the rows into bulk statements. Pure, so it runs in-process
 * or in a worker thread while the main thread writes the previous batch.
 * @module
 */
import type { RuleFile } from '../../schema/files/rule-file.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import type { InStatement } from '@libsql/client'
import { studyRows, vocabLookup } from '../kb/rows.ts'
import { validateStudyDocs, type SeedProblem, type Vocab } from '../kb/validate.ts'
import { searchDocuments } from '../search/documents.ts'
import { ftsWriteStatements } from '../search/fts.ts'
import { evidenceRecords, evidenceRows } from '../predict/evidence.ts'
import { bulkStatements } from './bulk-rows.ts'
import { createSynthContext, generateStudy, studyPlan, type SynthOptions } from './generate.ts'

export type ValidateMode = 'full' | 'sample' | 'off'

export interface ProduceOptions extends SynthOptions {
  /** Studies per batch (one transaction each). */
  batch: number
  validate: ValidateMode
  /** Also index the studies for full-text search (the statements the API's write path adds). */
  search?: boolean
  /** Return the documents instead of bulk statements (for the API write path). */
  docsOnly?: boolean
  /** Make only batches b with b % shards === shard (several producers in parallel). Default 0 of 1. */
  shard?: number
  shards?: number
}

export interface Batch {
  statements: InStatement[]
  docs?: StudyFile[]
  counts: { studies: number; experiments: number; observations: number; quantities: number; validated: number }
  ms: { generate: number; validate: number; rows: number }
}

export class SynthValidationError extends Error {
  readonly problems: SeedProblem[]
  constructor(problems: SeedProblem[]) {
    super(`synthetic studies failed validation: ${problems.length} problem(s), first: ${problems[0]?.file}: ${problems[0]?.pointer}: ${problems[0]?.message}`)
    this.name = 'SynthValidationError'
    this.problems = problems
  }
}

/** A pull-based producer: each call returns the next batch, or undefined when the run is complete. */
export function createProducer(vocab: Vocab, rules: readonly RuleFile[], opts: ProduceOptions): () => Batch | undefined {
  const ctx = createSynthContext(vocab, rules)
  const lookup = vocabLookup(vocab)
  const plan = studyPlan(opts)
  const shards = Math.max(1, opts.shards ?? 1)
  const shard = opts.shard ?? 0
  let batchIndex = 0
  /** The plan entries of the next batch of this shard (skipping the other shards' batches). */
  const nextPlan = (): Array<{ index: number; experiments: number }> => {
    for (;;) {
      const entries: Array<{ index: number; experiments: number }> = []
      for (let i = 0; i < opts.batch; i++) {
        const p = plan.next()
        if (p.done) break
        entries.push(p.value)
      }
      const mine = batchIndex % shards === shard
      batchIndex++
      if (entries.length === 0 || mine) return entries
    }
  }
  return () => {
    let mark = performance.now()
    const docs: StudyFile[] = nextPlan().map((p) => generateStudy(ctx, opts, p.index, p.experiments))
    if (docs.length === 0) return undefined
    const ms = { generate: performance.now() - mark, validate: 0, rows: 0 }
    mark = performance.now()
    const toCheck = opts.validate === 'full' ? docs : opts.validate === 'sample' ? docs.filter((d) => Number(d.id.slice(d.id.lastIndexOf('-') + 1)) % 50 === 0) : []
    if (toCheck.length > 0) {
      const { problems } = validateStudyDocs(toCheck.map((d) => ({ file: d.id, json: d })), vocab)
      if (problems.length > 0) throw new SynthValidationError(problems)
    }
    ms.validate = performance.now() - mark
    mark = performance.now()
    const rows = docs.map((d) => studyRows(d, lookup, 'user'))
    const statements: InStatement[] = opts.docsOnly ? [] : bulkStatements(rows, docs.flatMap((d) => evidenceRows(evidenceRecords(d))))
    if (opts.search && !opts.docsOnly) statements.push(...ftsWriteStatements(searchDocuments(docs, vocab)))
    ms.rows = performance.now() - mark
    const counts = { studies: rows.length, experiments: 0, observations: 0, quantities: 0, validated: toCheck.length }
    for (const r of rows) {
      counts.experiments += r.experiments.length
      counts.observations += r.observations.length
      counts.quantities += r.quantities.length
    }
    return { statements, counts, ms, ...(opts.docsOnly ? { docs } : {}) }
  }
}
