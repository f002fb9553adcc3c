/**
 * One interface over both engines, so `GET /v1/search` does not care which one
 * answers: lunr for a small in-memory corpus, FTS5 when the corpus is large.
 * Same parser, same limits, same errors, same result shape and — when a query
 * matches at most `RERANK_POOL` documents — the same ranking.
 * @module
 */
import type { Client } from '@libsql/client'
import type lunr from 'lunr'
import { docsByRef, type SearchDocument } from './documents.ts'
import { searchFts, type FtsSearchOptions } from './fts.ts'
import { buildLunrIndex, searchLunr } from './lunr-index.ts'
import { SearchQueryError } from './query.ts'
import type { SearchOptions, SearchResult } from './results.ts'

export interface SearchEngine {
  readonly kind: 'lunr' | 'fts5'
  /** Throws `SearchQueryError` (HTTP 400) for a query the user must fix. */
  search(query: string, opts?: SearchOptions): Promise<SearchResult>
}

export function lunrEngine(docs: readonly SearchDocument[], index: lunr.Index = buildLunrIndex(docs)): SearchEngine {
  const byRef = docsByRef(docs)
  return { kind: 'lunr', search: async (q, opts) => searchLunr(index, byRef, q, opts) }
}

export function ftsEngine(client: Client, defaults: Pick<FtsSearchOptions, 'rerankPool'> = {}): SearchEngine {
  return { kind: 'fts5', search: (q, opts) => searchFts(client, q, { ...defaults, ...opts }) }
}

/**
 * RFC 9457 body for a bad query (matches `ProblemSchema` in api/problem.ts, with
 * `start`/`end`/`code` as extension members).
 */
export function searchQueryProblem(e: SearchQueryError, pointer = '/query/q') {
  return {
    type: '/problems/invalid-search-query',
    title: 'Search query is not valid',
    status: 400 as const,
    detail: `${e.message} (characters ${e.start}–${e.end})`,
    errors: [{ pointer, detail: e.message }],
    code: e.code,
    start: e.start,
    end: e.end,
  }
}
