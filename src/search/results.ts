/**
 * The result shape both engines return, paging, and snippets cut from the
 * original text around the first token that matched.
 * @module
 */
import type { SearchDocKind, SearchDocument, SearchField } from './documents.ts'
import { SEARCH_FIELDS } from './documents.ts'
import { tokenize } from './tokenize.ts'

export interface SearchHit {
  ref: string
  studyId: string
  doi: string
  kind: SearchDocKind
  /** Higher is better. lunr and FTS5 scores are on different scales: compare ranks, not values. */
  score: number
  /** Fields in which a positive (non-prohibited) clause matched, in `SEARCH_FIELDS` order. */
  fields: SearchField[]
  snippet: string
}

export interface SearchResult { total: number; hits: SearchHit[] }

export interface SearchOptions { limit?: number; offset?: number }

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100

export function pageOf(opts: SearchOptions = {}): { limit: number; offset: number } {
  const limit = Number.isFinite(opts.limit) ? Math.min(MAX_LIMIT, Math.max(0, Math.trunc(opts.limit as number))) : DEFAULT_LIMIT
  const offset = Number.isFinite(opts.offset) ? Math.max(0, Math.trunc(opts.offset as number)) : 0
  return { limit, offset }
}

/** Rank order shared by both engines: score (to 1e-9, so summation order does not matter) descending, then ref. */
export const compareHits = (a: { score: number; ref: string }, b: { score: number; ref: string }): number =>
  Math.round(b.score * 1e9) - Math.round(a.score * 1e9) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)

/** Prose first: a snippet from the summary says more than one from the title. */
const SNIPPET_ORDER: readonly SearchField[] = ['summary', 'findings', 'materials', 'morphology', 'conditions', 'text', 'title', 'authors']
const SNIPPET_LENGTH = 200

export const orderFields = (fields: Iterable<SearchField>): SearchField[] => {
  const set = new Set(fields)
  return SEARCH_FIELDS.filter((f) => set.has(f))
}

function cut(text: string, at: number): string {
  const t = text.trim()
  if (t.length <= SNIPPET_LENGTH) return t
  let start = Math.max(0, at - 60)
  if (start > 0) start = t.lastIndexOf(' ', start) + 1
  let end = Math.min(t.length, start + SNIPPET_LENGTH)
  if (end < t.length) {
    const space = t.lastIndexOf(' ', end)
    if (space > start) end = space
  }
  return (start > 0 ? '…' : '') + t.slice(start, end).trim() + (end < t.length ? '…' : '')
}

const PROSE: ReadonlySet<SearchField> = new Set(['summary', 'findings', 'text', 'title'])

/**
 * Tokens of a snippet segment or word, remembered: the tokenizer is pure, and segments recur across
 * documents (a salt's or a morphology's synonym line is the same in every experiment using it), so
 * tokenizing each hit's field anew was most of a large query's snippet time. Bounded by the
 * characters held; emptied when full.
 */
const segmentTokens = new Map<string, readonly string[]>()
const MAX_MEMO_CHARS = 4_000_000
let memoChars = 0
function tokenizeMemo(text: string): readonly string[] {
  let t = segmentTokens.get(text)
  if (!t) {
    if (memoChars + text.length > MAX_MEMO_CHARS) { segmentTokens.clear(); memoChars = 0 }
    segmentTokens.set(detached(text), t = tokenize(text))
    memoChars += text.length
  }
  return t
}

/**
 * A copy of `s` that refers to no larger string: V8 keeps the whole string a slice was cut from alive,
 * so a key cut from a document's text would keep that text (uncounted) for as long as it is held.
 */
const detached = (s: string): string => Buffer.from(s, 'utf16le').toString('utf16le')

/**
 * A short passage of the best matching field: the sentence (prose fields) or line
 * (list fields) holding the most distinct matching tokens, cut around the first one.
 */
export function makeSnippet(doc: SearchDocument, fields: readonly SearchField[], match: (token: string) => boolean): string {
  for (const field of SNIPPET_ORDER) {
    if (!fields.includes(field)) continue
    const segments = doc.fields[field].split(PROSE.has(field) ? /\n|(?<=[.!?;])\s+/ : /\n/)
    let best: string | undefined
    let bestCount = 0
    for (const seg of segments) {
      const count = new Set(tokenizeMemo(seg).filter(match)).size
      if (count > bestCount) { best = seg; bestCount = count }
    }
    if (best === undefined) continue
    let at = 0
    for (const w of best.matchAll(/\S+/g)) {
      if (tokenizeMemo(w[0]).some(match)) { at = w.index; break }
    }
    return cut(best, at)
  }
  const fallback = doc.fields.summary || doc.fields.title || doc.fields.text
  return cut(fallback.split('\n')[0] ?? '', 0)
}
