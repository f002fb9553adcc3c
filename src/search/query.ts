/**
 * Parse a user query with lunr's own `QueryParser` — so the syntax is lunr's:
 * terms (OR-ed), `field:term`, `+required`, `-prohibited`, `term^boost`,
 * `term~1` (fuzzy), `term*` (wildcard) — after folding and normalising it with the
 * shared tokenizer, then check the limits that keep lunr (and the FTS5
 * translation) cheap. Every failure is a `SearchQueryError` (HTTP 400) with the
 * position in the string the user typed.
 *
 * Differences from plain `lunr.Index#search`, all deliberate:
 * - `word:` is a field only for the eight search fields; `EC:DMC`, `1:1` are terms.
 * - Quantities are one term: `5 mA cm⁻²` → `5ma/cm2` (see tokenize.ts).
 * - Stop words are dropped from the query (except element symbols); a query left
 *   with no clause matches nothing (lunr would return every document).
 * - Boosts must be 1–10, a term cannot be both fuzzy and wildcard, and a fuzzy term
 *   needs 2 × distance + 1 characters (see `QUERY_LIMITS`).
 * @module
 */
import lunr from 'lunr'
import { SEARCH_FIELDS, type SearchField } from './documents.ts'
import { configureLunr } from './lunr-setup.ts'
import { normaliseQuery, queryTerms, wildcardPattern, type MappedText } from './tokenize.ts'

export const QUERY_LIMITS = {
  maxLength: 200,
  maxClauses: 12,
  maxEditDistance: 2,
  maxWildcards: 2,
  /** Literal characters required before the first `*` of a term. */
  minWildcardPrefix: 3,
  maxBoost: 10,
  /** Fuzzy automata grow with term length × edit distance (a 190-char `~2` term costs lunr ~2.7 s). */
  maxFuzzyTermLength: 20,
  /** `ax~2` matches nearly every short token: a fuzzy term needs 2 × distance + 1 characters. */
  minFuzzyTermLengthPerEdit: 2,
  maxFuzzyClauses: 4,
} as const

export type SearchQueryErrorCode =
  | 'QUERY_TOO_LONG' | 'PARSE_ERROR' | 'TOO_MANY_CLAUSES' | 'EDIT_DISTANCE_TOO_LARGE' | 'TOO_MANY_WILDCARDS'
  | 'WILDCARD_PREFIX_TOO_SHORT' | 'FUZZY_WILDCARD' | 'BOOST_OUT_OF_RANGE' | 'FUZZY_TERM_TOO_LONG'
  | 'FUZZY_TERM_TOO_SHORT' | 'TOO_MANY_FUZZY_TERMS' | 'INVALID_QUERY'

/** A query the user must fix: map to HTTP 400 with `start`/`end` (offsets into the query string, end exclusive). */
export class SearchQueryError extends Error {
  readonly status = 400
  readonly code: SearchQueryErrorCode
  readonly start: number
  readonly end: number
  constructor(code: SearchQueryErrorCode, message: string, start: number, end: number) {
    super(message)
    this.name = 'SearchQueryError'
    this.code = code
    this.start = start
    this.end = end
  }
  toJSON() { return { code: this.code, message: this.message, start: this.start, end: this.end } }
}

export type Presence = 'optional' | 'required' | 'prohibited'

export interface SearchClause {
  /** Index token (normalised, stemmed) — or for wildcards the unstemmed pattern with `*`. */
  term: string
  /** Fields the clause is restricted to; null means all fields. */
  fields: SearchField[] | null
  presence: Presence
  /** Integer 1–10. */
  boost: number
  /** 0 = exact. */
  editDistance: number
  /** `prefix`: one trailing `*` only (`lipf*`); `pattern`: any other wildcard position (`li*f6`). */
  wildcard: 'none' | 'prefix' | 'pattern'
  /** Offsets of the whole clause in the user's string. */
  start: number
  end: number
}

export interface ParsedSearchQuery {
  input: string
  /** The string lunr's parser saw. */
  normalised: string
  clauses: SearchClause[]
  /** Every clause is prohibited: matches all documents except those. */
  negated: boolean
}

interface Lexeme { type: string; str: string; start: number; end: number }
interface LunrParserInternals {
  QueryParser: new (str: string, query: lunr.Query) => { parse(): lunr.Query; lexemes: Lexeme[] }
}

interface Span { start: number; end: number; termStart: number; termEnd: number; edStart?: number; edEnd?: number; boostStart?: number; boostEnd?: number }

/** Map a [start, end) range of the normalised string back to the user's string. */
function mapRange(m: MappedText, start: number, end: number): { start: number; end: number } {
  const map = m.map as number[]
  const s = map[Math.max(0, Math.min(start, m.text.length))] as number
  const e = end > start ? (map[Math.min(end, m.text.length) - 1] as number) + 1 : s
  return { start: s, end: Math.max(s, e) }
}

function clauseSpans(lexemes: Lexeme[]): Span[] {
  const spans: Span[] = []
  let pending: number | undefined
  for (const l of lexemes) {
    if (l.type === 'PRESENCE' || l.type === 'FIELD') pending ??= l.start
    else if (l.type === 'TERM') {
      spans.push({ start: pending ?? l.start, end: l.end, termStart: l.start, termEnd: l.end })
      pending = undefined
    } else if (l.type === 'EDIT_DISTANCE' || l.type === 'BOOST') {
      const last = spans[spans.length - 1]
      if (!last) continue
      last.end = Math.max(last.end, l.end)
      if (l.type === 'EDIT_DISTANCE') { last.edStart = l.start - 1; last.edEnd = l.end } else { last.boostStart = l.start - 1; last.boostEnd = l.end }
    }
  }
  return spans
}

const PRESENCE: Record<number, Presence> = {
  [lunr.Query.presence.OPTIONAL]: 'optional',
  [lunr.Query.presence.REQUIRED]: 'required',
  [lunr.Query.presence.PROHIBITED]: 'prohibited',
}

/** Parse and validate a user query. Throws `SearchQueryError` and nothing else. */
export function parseSearchQuery(input: string): ParsedSearchQuery {
  if (typeof input !== 'string') throw new SearchQueryError('INVALID_QUERY', 'query must be a string', 0, 0)
  if (input.length > QUERY_LIMITS.maxLength) {
    throw new SearchQueryError('QUERY_TOO_LONG', `query is ${input.length} characters; the limit is ${QUERY_LIMITS.maxLength}`, QUERY_LIMITS.maxLength, input.length)
  }
  configureLunr()
  let norm: MappedText
  try {
    norm = normaliseQuery(input, SEARCH_FIELDS)
  } catch (e) {
    throw new SearchQueryError('INVALID_QUERY', `cannot read query: ${(e as Error).message}`, 0, input.length)
  }
  const query = new lunr.Query([...SEARCH_FIELDS])
  const parser = new (lunr as unknown as LunrParserInternals).QueryParser(norm.text, query)
  try {
    parser.parse()
  } catch (e) {
    if (e instanceof lunr.QueryParseError) {
      const r = mapRange(norm, e.start, e.end)
      throw new SearchQueryError('PARSE_ERROR', e.message, r.start, r.end)
    }
    throw new SearchQueryError('PARSE_ERROR', `cannot parse query: ${(e as Error).message}`, 0, input.length)
  }
  const spans = clauseSpans(parser.lexemes ?? [])
  const at = (span: Span | undefined, which: 'clause' | 'term' | 'ed' | 'boost' = 'clause') => {
    if (!span) return { start: 0, end: input.length }
    const [s, e] = which === 'term' ? [span.termStart, span.termEnd]
      : which === 'ed' ? [span.edStart ?? span.start, span.edEnd ?? span.end]
        : which === 'boost' ? [span.boostStart ?? span.start, span.boostEnd ?? span.end]
          : [span.start, span.end]
    return mapRange(norm, s, e)
  }

  if (query.clauses.length > QUERY_LIMITS.maxClauses) {
    const first = at(spans[QUERY_LIMITS.maxClauses])
    throw new SearchQueryError('TOO_MANY_CLAUSES', `query has ${query.clauses.length} terms; the limit is ${QUERY_LIMITS.maxClauses}`, first.start, input.length)
  }

  const clauses: SearchClause[] = []
  let wildcards = 0
  query.clauses.forEach((c, i) => {
    const span = spans[i]
    const raw = c as lunr.Query.Clause & { presence?: number }
    const pos = at(span)
    const editDistance = raw.editDistance ?? 0
    const boost = raw.boost ?? 1
    if (editDistance > QUERY_LIMITS.maxEditDistance) {
      const r = at(span, 'ed')
      throw new SearchQueryError('EDIT_DISTANCE_TOO_LARGE', `edit distance ${editDistance} is larger than ${QUERY_LIMITS.maxEditDistance}`, r.start, r.end)
    }
    if (boost < 1 || boost > QUERY_LIMITS.maxBoost) {
      const r = at(span, 'boost')
      throw new SearchQueryError('BOOST_OUT_OF_RANGE', `boost ${boost} is outside 1–${QUERY_LIMITS.maxBoost}`, r.start, r.end)
    }
    const fields = raw.fields.length === SEARCH_FIELDS.length ? null : (raw.fields as SearchField[])
    const presence = PRESENCE[raw.presence ?? lunr.Query.presence.OPTIONAL] ?? 'optional'
    const base = { fields, presence, boost, editDistance, start: pos.start, end: pos.end }
    if (raw.term.includes('*')) {
      const term = wildcardPattern(raw.term)
      const r = at(span, 'term')
      wildcards += (term.match(/\*/g) ?? []).length
      if (wildcards > QUERY_LIMITS.maxWildcards) {
        throw new SearchQueryError('TOO_MANY_WILDCARDS', `more than ${QUERY_LIMITS.maxWildcards} wildcards`, r.start, r.end)
      }
      if (editDistance > 0) throw new SearchQueryError('FUZZY_WILDCARD', 'a term cannot be both fuzzy (~) and a wildcard (*)', pos.start, pos.end)
      const literal = term.indexOf('*')
      if (literal < QUERY_LIMITS.minWildcardPrefix) {
        throw new SearchQueryError('WILDCARD_PREFIX_TOO_SHORT', `a wildcard needs at least ${QUERY_LIMITS.minWildcardPrefix} characters before it`, r.start, r.end)
      }
      const wildcard = /^[^*]+\*$/.test(term) ? 'prefix' : 'pattern'
      clauses.push({ ...base, term: wildcard === 'prefix' ? term : term.replace(/\*+/g, '*'), wildcard })
      return
    }
    for (const term of queryTerms(raw.term)) {
      if (editDistance > 0 && term.length > QUERY_LIMITS.maxFuzzyTermLength) {
        const r = at(span, 'term')
        throw new SearchQueryError('FUZZY_TERM_TOO_LONG', `fuzzy terms are limited to ${QUERY_LIMITS.maxFuzzyTermLength} characters`, r.start, r.end)
      }
      const minLength = QUERY_LIMITS.minFuzzyTermLengthPerEdit * editDistance + 1
      if (editDistance > 0 && term.length < minLength) {
        const r = at(span)
        throw new SearchQueryError('FUZZY_TERM_TOO_SHORT', `"${term}~${editDistance}" would match almost anything: ~${editDistance} needs a term of at least ${minLength} characters`, r.start, r.end)
      }
      clauses.push({ ...base, term, wildcard: 'none' })
    }
  })
  const fuzzy = clauses.filter((c) => c.editDistance > 0)
  if (fuzzy.length > QUERY_LIMITS.maxFuzzyClauses) {
    const c = fuzzy[QUERY_LIMITS.maxFuzzyClauses] as SearchClause
    throw new SearchQueryError('TOO_MANY_FUZZY_TERMS', `at most ${QUERY_LIMITS.maxFuzzyClauses} fuzzy terms`, c.start, c.end)
  }
  if (clauses.length > QUERY_LIMITS.maxClauses) {
    const c = clauses[QUERY_LIMITS.maxClauses] as SearchClause
    throw new SearchQueryError('TOO_MANY_CLAUSES', `query has ${clauses.length} terms; the limit is ${QUERY_LIMITS.maxClauses}`, c.start, input.length)
  }
  return {
    input,
    normalised: norm.text,
    clauses,
    negated: clauses.length > 0 && clauses.every((c) => c.presence === 'prohibited'),
  }
}

/** Accept a string or an already parsed query. */
export const toParsed = (q: string | ParsedSearchQuery): ParsedSearchQuery => (typeof q === 'string' ? parseSearchQuery(q) : q)
