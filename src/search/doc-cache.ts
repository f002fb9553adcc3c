/**
 * Search documents as the FTS5 engine reads them for its candidates — stored token columns and field
 * lengths (exact scoring) and, once a document is shown, its DOI and original text (hits and
 * snippets) — kept in memory by document id (the FTS rowid). Building these from SQL rows was a
 * quarter of a large query's time, and the same candidates come back for the next page of a query
 * and for popular queries.
 *
 * Bounded by the characters held (least recently used first). Kept current by the write path: the
 * ids a write removed or added are forgotten (`forget`), and a read begun before that is used for its
 * own query but not stored (`version`). Writes by other processes drop the whole cache (fts.ts).
 * Pure data structure: no IO.
 * @module
 */
import type { SearchDocument, SearchField } from './documents.ts'

export interface CandidateDoc {
  id: number
  ref: string
  studyId: string
  kind: SearchDocument['kind']
  /** The stored (tokenized, space-separated) column of each field. */
  columns: Record<SearchField, string>
  lengths: Record<SearchField, number>
  /** Read when the document is first shown. */
  original?: { doi: string; fields: SearchDocument['fields'] }
}

const charsOf = (d: CandidateDoc): number => {
  let n = 0
  for (const c of Object.values(d.columns)) n += c.length
  if (d.original) for (const t of Object.values(d.original.fields)) n += t.length
  return n
}

export class DocCache {
  static readonly MAX_CHARS = 16_000_000
  readonly #docs = new Map<number, { doc: CandidateDoc; chars: number }>()
  #chars = 0
  /** Bumped by every `forget`: pass the value read before a fetch to `store`. */
  version = 0

  get(id: number): CandidateDoc | undefined {
    const e = this.#docs.get(id)
    if (!e) return undefined
    this.#docs.delete(id) // re-insert: the map's order is the recency order
    this.#docs.set(id, e)
    return e.doc
  }

  /** Keep `doc`, unless a write came since `readAt` (the version before it was read). */
  store(doc: CandidateDoc, readAt: number): void {
    if (readAt !== this.version) return
    this.#remove(doc.id)
    this.#put(doc)
  }

  /** Count what was added to `doc` (its `original`), if it is still the one kept for its id. */
  grew(doc: CandidateDoc): void {
    if (this.#docs.get(doc.id)?.doc !== doc) return
    this.#remove(doc.id)
    this.#put(doc)
  }

  forget(ids: Iterable<number>): void {
    this.version++
    for (const id of ids) this.#remove(id)
  }

  get size(): number { return this.#docs.size }

  #put(doc: CandidateDoc): void {
    const chars = charsOf(doc)
    this.#docs.set(doc.id, { doc, chars })
    this.#chars += chars
    for (const [id] of this.#docs) {
      if (this.#chars <= DocCache.MAX_CHARS) break
      this.#remove(id)
    }
  }

  #remove(id: number): void {
    const e = this.#docs.get(id)
    if (!e) return
    this.#docs.delete(id)
    this.#chars -= e.chars
  }
}
