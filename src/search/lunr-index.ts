/**
 * In-memory search with lunr 2.3.9 over the flat search documents. The shared
 * tokenizer is wired in three places: each field's extractor runs the text stage
 * (`prepareText`), `lunr.tokenizer.separator` splits like the FTS5 tokenizer, and
 * the registered index pipeline function expands each token (see lunr-setup.ts).
 * Queries are parsed once by `parseSearchQuery` and replayed through
 * `index.query()` with the already-normalised terms (`usePipeline: false`), so
 * lunr and FTS5 execute exactly the same clause list; fuzzy clauses carry their
 * tokens, expanded by the function FTS5 uses (fuzzy.ts).
 * @module
 */
import lunr from 'lunr'
import { FIELD_BOOSTS, SEARCH_FIELDS, type SearchDocument, type SearchField } from './documents.ts'
import { fuzzyTerms, fuzzyVocabulary, type FuzzyVocabulary } from './fuzzy.ts'
import { configureLunr, indexTokenFunction, queryTokenFunction, type ExpandedClause } from './lunr-setup.ts'
import { toParsed, type ParsedSearchQuery } from './query.ts'
import { compareHits, makeSnippet, orderFields, pageOf, type SearchOptions, type SearchResult } from './results.ts'
import { prepareText } from './tokenize.ts'

/** Build the index: ref = `doc.ref`, one lunr field per search field with its boost. */
export function buildLunrIndex(docs: readonly SearchDocument[]): lunr.Index {
  configureLunr()
  return lunr(function () {
    this.ref('ref')
    for (const f of SEARCH_FIELDS) {
      this.field(f, { boost: FIELD_BOOSTS[f], extractor: (d) => prepareText((d as SearchDocument).fields[f]) })
    }
    this.pipeline.reset()
    this.pipeline.add(indexTokenFunction)
    this.searchPipeline.reset()
    this.searchPipeline.add(queryTokenFunction)
    for (const d of docs) this.add(d)
  })
}

/** Load an index serialised with `JSON.stringify(index)`. */
export function loadLunrIndex(json: object): lunr.Index {
  configureLunr()
  return lunr.Index.load(json)
}

const vocabularies = new WeakMap<lunr.Index, FuzzyVocabulary>()

/** The index's tokens with the number of documents holding each (in any field), for fuzzy expansion. */
function vocabularyOf(index: lunr.Index): FuzzyVocabulary {
  let v = vocabularies.get(index)
  if (!v) {
    const inverted = (index as unknown as { invertedIndex: Record<string, Record<string, unknown>> }).invertedIndex
    v = fuzzyVocabulary(new Map(Object.entries(inverted).map(([term, posting]) => {
      const docs = new Set<string>()
      for (const f of SEARCH_FIELDS) for (const ref of Object.keys(posting[f] ?? {})) docs.add(ref)
      return [term, docs.size] as const
    })))
    vocabularies.set(index, v)
  }
  return v
}

const PRESENCE = {
  optional: lunr.Query.presence.OPTIONAL,
  required: lunr.Query.presence.REQUIRED,
  prohibited: lunr.Query.presence.PROHIBITED,
} as const

/** Run a query (string or parsed) and page the results; throws only `SearchQueryError` for bad queries. */
export function searchLunr(
  index: lunr.Index,
  docsByRef: ReadonlyMap<string, SearchDocument>,
  query: string | ParsedSearchQuery,
  opts: SearchOptions = {},
): SearchResult {
  const parsed = toParsed(query)
  const { limit, offset } = pageOf(opts)
  if (parsed.clauses.length === 0) return { total: 0, hits: [] }
  const results = index.query((q) => {
    for (const c of parsed.clauses) {
      q.term(c.term, {
        fields: c.fields ?? [...SEARCH_FIELDS],
        boost: c.boost,
        presence: PRESENCE[c.presence],
        usePipeline: false,
        wildcard: lunr.Query.wildcard.NONE,
        ...(c.editDistance > 0 ? { expandedTerms: fuzzyTerms(vocabularyOf(index), c.term, c.editDistance) } : {}),
      } as Partial<lunr.Query.Clause> & Partial<ExpandedClause>)
    }
  })
  results.sort(compareHits)
  const hits = results.slice(offset, offset + limit).flatMap((r) => {
    const doc = docsByRef.get(r.ref)
    if (!doc) return []
    const metadata = r.matchData.metadata as Record<string, Record<string, unknown>>
    const terms = new Set(Object.keys(metadata))
    const fields = orderFields(Object.values(metadata).flatMap((byField) => Object.keys(byField) as SearchField[]))
    return [{
      ref: r.ref,
      studyId: doc.studyId,
      doi: doc.doi,
      kind: doc.kind,
      score: r.score,
      fields,
      snippet: makeSnippet(doc, fields, (t) => terms.has(t)),
    }]
  })
  return { total: results.length, hits }
}
