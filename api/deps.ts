/**
 * What the HTTP layer needs, built once at start-up and passed to `createApp`.
 */
import type { Database } from '../src/io/db.ts'
import type { KbStore } from '../src/io/kb-store.ts'

export interface Deps {
  database: Database
  /** The knowledge base snapshot (seeds + user studies) with its derived indexes. */
  store: KbStore
  seedHash: string
  /** Bearer token that enables writes; writes answer 403 when unset. */
  apiToken?: string
}
