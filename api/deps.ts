/**
 * What the HTTP layer needs, built once at start-up and passed to `createApp`.
 */
import type { Database } from '../src/io/db.ts'
import type { KnowledgeBase } from '../src/kb/validate.ts'
import type { VocabIndex } from '../src/kb/vocab-index.ts'

export interface Deps {
  database: Database
  kb: KnowledgeBase
  vocab: VocabIndex
  seedHash: string
}
