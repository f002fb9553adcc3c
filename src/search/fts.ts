/**
 * The same search behaviour over SQLite FTS5 (libSQL), for corpora where lunr is
 * too slow to build or query. Documents are pre-tokenized with the shared
 * tokenizer and stored as space-separated tokens, so FTS5's `unicode61` tokenizer
 * (whose `tokenchars` match ours) sees exactly the tokens lunr indexes. Queries
 * are parsed by `parseSearchQuery` (lunr's syntax and limits) and translated:
 *
 * - every term is quoted (`"lipf6"`, `"ec:dmc"`); a field clause becomes `{title} : "term"`;
 * - `abc*` (one trailing wildcard) becomes the FTS5 prefix query `"abc"*`; other
 *   wildcard positions (`li*f6`) are expanded through the `fts5vocab` table (GLOB);
 * - `term~n` is expanded by `fuzzyTerms` (as in lunr, see fuzzy.ts) and OR-ed;
 * - plain clauses are OR-ed, `+required` AND-ed, `-prohibited` go after `NOT`; a term
 *   boost `^n` repeats a single-phrase term n times (bm25 sums over query phrases) so the
 *   preselection below sees it;
 * - FTS5 finds the matching rows (so `total` is exact) and orders them by `bm25()`
 *   with the lunr field boosts as column weights; the best `RERANK_POOL` of them are
 *   then re-scored in JS with lunr's own formula (per-field BM25, k1 = 1.2, b = 0.75,
 *   lunr's idf, field boosts, query-vector normalisation) from per-field statistics
 *   kept in SQL (`search_stats`, `fts5vocab`). When a query matches at most
 *   `RERANK_POOL` documents the ranking and scores equal lunr's; beyond that the best
 *   `LARGE_RESULT_POOL` by `bm25()` are re-scored, so which documents reach the top is
 *   decided by the `bm25()` approximation.
 *
 * To score optional terms without making them mandatory when required terms exist
 * (`+a b`), and to express "everything except" (`-a`), every row also holds one
 * sentinel token (a private-use character no user token can contain): `R AND (O OR ⟨all⟩)`
 * and `⟨all⟩ NOT P`. Its idf is clamped to 1e-6 by bm25, so it does not change ranks.
 * @module
 */
import type { Client, InStatement, Row } from '@libsql/client'
import { FIELD_BOOSTS, SEARCH_FIELDS, type SearchDocument, type SearchField } from './documents.ts'
import { SearchQueryError, toParsed, type ParsedSearchQuery, type SearchClause } from './query.ts'
import { compareHits, makeSnippet, orderFields, pageOf, type SearchHit, type SearchOptions, type SearchResult } from './results.ts'
import { fuzzyTerms, fuzzyVocabulary, MAX_EXPANSIONS, type FuzzyVocabulary } from './fuzzy.ts'
import { tokenize } from './tokenize.ts'

export const ftsSchemaSql =
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(ref UNINDEXED, study_id UNINDEXED, kind UNINDEXED, ` +
  `title, authors, summary, findings, materials, morphology, conditions, text, ` +
  `tokenize = "unicode61 remove_diacritics 2 tokenchars '-.+/:%'")`

const LEN_COLS = SEARCH_FIELDS.map((f) => `len_${f}`)

/**
 * Companion objects: `search_doc` keeps each document's DOI, original text (for
 * snippets) and per-field token counts under the integer id used as the FTS rowid,
 * so deleting a study's rows is an indexed lookup; `search_stats` keeps the running
 * document count and field-length sums (triggers); the `fts5vocab` tables list
 * indexed tokens (expansion) and per-field document frequencies (scoring).
 */
export const ftsSupportSql: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS search_doc (id INTEGER PRIMARY KEY, ref TEXT NOT NULL UNIQUE, study_id TEXT NOT NULL, doi TEXT NOT NULL, kind TEXT NOT NULL, fields TEXT NOT NULL, ${LEN_COLS.map((c) => `${c} INTEGER NOT NULL`).join(', ')})`,
  `CREATE INDEX IF NOT EXISTS search_doc_study ON search_doc(study_id)`,
  `CREATE TABLE IF NOT EXISTS search_stats (id INTEGER PRIMARY KEY CHECK (id = 1), docs INTEGER NOT NULL, ${LEN_COLS.map((c) => `${c} INTEGER NOT NULL`).join(', ')})`,
  `INSERT OR IGNORE INTO search_stats (id, docs, ${LEN_COLS.join(', ')}) VALUES (1, 0, ${LEN_COLS.map(() => '0').join(', ')})`,
  `CREATE TRIGGER IF NOT EXISTS search_doc_ai AFTER INSERT ON search_doc BEGIN UPDATE search_stats SET docs = docs + 1, ${LEN_COLS.map((c) => `${c} = ${c} + new.${c}`).join(', ')} WHERE id = 1; END`,
  `CREATE TRIGGER IF NOT EXISTS search_doc_ad AFTER DELETE ON search_doc BEGIN UPDATE search_stats SET docs = docs - 1, ${LEN_COLS.map((c) => `${c} = ${c} - old.${c}`).join(', ')} WHERE id = 1; END`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, row)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocol USING fts5vocab(search_fts, col)`,
]

/** Present in every row's `text` column; matches every document. Never produced by the tokenizer. */
export const ALL_DOCS_TOKEN = '\uE000'

/** Candidates re-scored with lunr's formula; rankings equal lunr's when `total` is at most this. */
export const RERANK_POOL = 500

/**
 * Candidates re-scored when a query matches more than `RERANK_POOL` documents: the ranking is
 * then an approximation anyway, and fetching 500 documents' text was most of such a query's time.
 */
export const LARGE_RESULT_POOL = 100

const BM25 = `bm25(search_fts, 0, 0, 0, ${SEARCH_FIELDS.map((f) => FIELD_BOOSTS[f]).join(', ')})`

/** Create the FTS table and its companions (idempotent). */
export async function ensureFtsSchema(client: Client): Promise<void> {
  await client.batch([ftsSchemaSql, ...ftsSupportSql], 'write')
}

// --------------------------------------------------------------------------
// Writing.

/** The FTS column values for a document (space-separated shared-tokenizer tokens) and their token counts. */
export function ftsColumns(doc: SearchDocument): { columns: Record<SearchField, string>; lengths: Record<SearchField, number> } {
  const columns = {} as Record<SearchField, string>
  const lengths = {} as Record<SearchField, number>
  for (const f of SEARCH_FIELDS) {
    const tokens = tokenize(doc.fields[f])
    columns[f] = tokens.join(' ')
    lengths[f] = tokens.length
  }
  columns.text = columns.text ? `${columns.text} ${ALL_DOCS_TOKEN}` : ALL_DOCS_TOKEN
  return { columns, lengths }
}

const vocabularies = new WeakMap<Client, Promise<FuzzyVocabulary>>()
/** Per client: token → lunr's `documentsWithTerm` (sum over fields of documents holding it). */
const fieldDocCounts = new WeakMap<Client, Map<string, number>>()

/**
 * Forget the cached token vocabulary and document frequencies. `indexDocsFts` and
 * `deleteDocsFts` call it; call it yourself after writing to the tables by other means.
 */
export function invalidateFtsVocabulary(client: Client): void {
  vocabularies.delete(client)
  fieldDocCounts.delete(client)
}

/**
 * Insert or replace documents (by ref) in one write batch — the same statements the service runs
 * inside its study writes (`ftsWriteStatements`).
 */
export async function indexDocsFts(client: Client, docs: readonly SearchDocument[]): Promise<void> {
  await ensureFtsSchema(client)
  try {
    await client.batch(ftsWriteStatements(docs), 'write')
  } finally {
    invalidateFtsVocabulary(client)
  }
}

/**
 * Statements that (re)index documents, for a caller that runs them inside its own write batch or
 * transaction (so a study and its search documents are written atomically). Row ids are assigned by
 * SQLite; the FTS rowid is read back from `search_doc` by ref. Call `invalidateFtsVocabulary` after.
 */
export function ftsWriteStatements(docs: readonly SearchDocument[]): InStatement[] {
  const docCols = `ref, study_id, doi, kind, fields, ${LEN_COLS.join(', ')}`
  const docMarks = Array.from({ length: 5 + LEN_COLS.length }, () => '?').join(', ')
  const ftsCols = `rowid, ref, study_id, kind, ${SEARCH_FIELDS.join(', ')}`
  const stmts: InStatement[] = []
  for (const d of new Map(docs.map((x) => [x.ref, x])).values()) {
    const { columns, lengths } = ftsColumns(d)
    stmts.push(
      { sql: 'DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE ref = ?)', args: [d.ref] },
      { sql: 'DELETE FROM search_doc WHERE ref = ?', args: [d.ref] },
      { sql: `INSERT INTO search_doc (${docCols}) VALUES (${docMarks})`, args: [d.ref, d.studyId, d.doi, d.kind, JSON.stringify(d.fields), ...SEARCH_FIELDS.map((f) => lengths[f])] },
      {
        sql: `INSERT INTO search_fts (${ftsCols}) SELECT id, ref, study_id, kind, ${SEARCH_FIELDS.map(() => '?').join(', ')} FROM search_doc WHERE ref = ?`,
        args: [...SEARCH_FIELDS.map((f) => columns[f]), d.ref],
      },
    )
  }
  return stmts
}

/** Statements removing the search documents of the studies selected by `whereStudyIdIn` (an SQL subquery or id list). */
export function ftsDeleteStatements(studyIds: { ids: readonly string[] } | { subquery: string }): InStatement[] {
  const [clause, args] = 'ids' in studyIds
    ? [`IN (${studyIds.ids.map(() => '?').join(', ') || "''"})`, [...studyIds.ids]]
    : [`IN (${studyIds.subquery})`, []]
  return [
    { sql: `DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_doc WHERE study_id ${clause})`, args },
    { sql: `DELETE FROM search_doc WHERE study_id ${clause}`, args },
  ]
}

/** Remove every document of a study; returns how many were removed. */
export async function deleteDocsFts(client: Client, studyId: string): Promise<number> {
  await ensureFtsSchema(client)
  const [, removed] = await client.batch(ftsDeleteStatements({ ids: [studyId] }), 'write')
  invalidateFtsVocabulary(client)
  return removed?.rowsAffected ?? 0
}

// --------------------------------------------------------------------------
// Expanding fuzzy and wildcard clauses.


async function vocabulary(client: Client): Promise<FuzzyVocabulary> {
  let v = vocabularies.get(client)
  if (!v) {
    v = client.execute('SELECT term, doc FROM search_fts_vocab')
      .then((rs) => fuzzyVocabulary(rs.rows.flatMap((r) => r.term === ALL_DOCS_TOKEN ? [] : [[String(r.term), Number(r.doc)] as const])))
    v.catch(() => vocabularies.delete(client))
    vocabularies.set(client, v)
  }
  return v
}

/** Indexed tokens matching a wildcard pattern (`abc*`, `abc*def`); the pattern starts with ≥ 3 literal characters. */
async function patternTerms(client: Client, pattern: string): Promise<string[]> {
  const prefix = pattern.slice(0, pattern.indexOf('*'))
  const rs = await client.execute({
    sql: 'SELECT term FROM search_fts_vocab WHERE term >= ? AND term < ? AND term GLOB ? ORDER BY doc DESC, term LIMIT ?',
    args: [prefix, prefix + '\u{10FFFF}', pattern, MAX_EXPANSIONS],
  })
  return rs.rows.map((r) => String(r.term)).filter((t) => t !== ALL_DOCS_TOKEN)
}

/**
 * What one clause matches: exact tokens; for a trailing wildcard also the prefix
 * (the MATCH uses FTS5's native prefix query; `terms` lists the indexed tokens with
 * that prefix, for scoring).
 */
export interface Expansion { clause: SearchClause; terms: string[]; prefix?: string }

async function expand(client: Client, clause: SearchClause): Promise<Expansion> {
  if (clause.wildcard === 'prefix') return { clause, terms: await patternTerms(client, clause.term), prefix: clause.term.slice(0, -1) }
  if (clause.wildcard === 'pattern') return { clause, terms: await patternTerms(client, clause.term) }
  if (clause.editDistance > 0) return { clause, terms: fuzzyTerms(await vocabulary(client), clause.term, clause.editDistance) }
  return { clause, terms: [clause.term] }
}

const isEmpty = (e: Expansion): boolean => e.prefix === undefined && e.terms.length === 0

// --------------------------------------------------------------------------
// Translating to an FTS5 MATCH expression.

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`

function clauseExpression(e: Expansion, withBoost: boolean): string {
  const base = e.prefix !== undefined ? `${quote(e.prefix)}*`
    : e.terms.length === 1 ? quote(e.terms[0] as string)
      : `(${e.terms.map(quote).join(' OR ')})`
  // Repeating a phrase n times multiplies its bm25 share by n; only done for single phrases,
  // since it only steers which rows enter the re-scoring pool (final scores apply boosts exactly).
  const single = e.prefix !== undefined || e.terms.length === 1
  const n = withBoost && single ? e.clause.boost : 1
  const boosted = n > 1 ? `(${Array.from({ length: n }, () => base).join(' OR ')})` : base
  return e.clause.fields ? `({${e.clause.fields.join(' ')}} : ${boosted})` : boosted
}

/**
 * The MATCH expression for a parsed query given each clause's expansion, or null
 * when nothing can match (no clauses, or a required clause with no expansion).
 */
export function ftsMatchExpression(parsed: ParsedSearchQuery, expansions: readonly Expansion[]): string | null {
  const required: string[] = []
  const optional: string[] = []
  const prohibited: string[] = []
  for (const e of expansions) {
    if (isEmpty(e)) {
      if (e.clause.presence === 'required') return null
      continue
    }
    if (e.clause.presence === 'required') required.push(clauseExpression(e, true))
    else if (e.clause.presence === 'optional') optional.push(clauseExpression(e, true))
    else prohibited.push(clauseExpression(e, false))
  }
  const all = quote(ALL_DOCS_TOKEN)
  let base: string
  if (parsed.negated) base = all
  else if (required.length > 0) base = required.join(' AND ') + (optional.length > 0 ? ` AND (${optional.join(' OR ')} OR ${all})` : '')
  else if (optional.length > 0) base = optional.join(' OR ')
  else return null
  return prohibited.length > 0 ? `(${base}) NOT (${prohibited.join(' OR ')})` : base
}

// --------------------------------------------------------------------------
// Searching.

/**
 * Occurrences of `token` as a whole token of a space-separated token string (with `prefix`: as the
 * start of a token), counting at most `limit`. Tokens hold no spaces, so two occurrences that both
 * start a token cannot overlap and the search can resume after each match.
 */
function tokenOccurrences(column: string, token: string, prefix = false, limit = Infinity): number {
  let n = 0
  const len = token.length
  for (let i = column.indexOf(token); i !== -1 && n < limit; i = column.indexOf(token, i + len)) {
    if ((i === 0 || column.charCodeAt(i - 1) === 32) && (prefix || i + len === column.length || column.charCodeAt(i + len) === 32)) n++
  }
  return n
}
const hasToken = (column: string, token: string, prefix = false): boolean => tokenOccurrences(column, token, prefix, 1) > 0

/** Few terms: look each up in the column; many (a wide fuzzy or wildcard clause): split the column once. */
const LOOKUP_TERMS = 16

function matcher(expansions: readonly Expansion[]) {
  const positive = expansions.filter((e) => e.clause.presence !== 'prohibited' && !isEmpty(e))
    .map((e) => ({ fields: e.clause.fields, terms: new Set(e.terms), prefix: e.prefix }))
  const test = (p: (typeof positive)[number], tok: string) => p.terms.has(tok) || (p.prefix !== undefined && tok.startsWith(p.prefix))
  const inColumn = (p: (typeof positive)[number], column: string) => p.terms.size > LOOKUP_TERMS
    ? column.split(' ').some((tok) => tok !== '' && test(p, tok))
    : [...p.terms].some((t) => hasToken(column, t)) || (p.prefix !== undefined && hasToken(column, p.prefix, true))
  return {
    /** Whether a positive clause that may search `field` matches a token of its column. */
    inField: (field: SearchField, column: string) => positive.some((p) => (!p.fields || p.fields.includes(field)) && inColumn(p, column)),
    any: (tok: string) => positive.some((p) => test(p, tok)),
  }
}

function ftsError(e: unknown, input: string): never {
  const message = (e as Error)?.message ?? String(e)
  if (/fts5:|syntax error|no such column/i.test(message)) {
    throw new SearchQueryError('INVALID_QUERY', `full-text engine rejected the query: ${message}`, 0, input.length)
  }
  throw e
}

/** lunr's BM25 constants (lunr.Builder defaults). */
const K1 = 1.2
const B = 0.75

/** lunr's idf: `documentsWithTerm` counts a document once per field that holds the term. */
const lunrIdf = (fieldDocs: number, docs: number): number =>
  Math.log(1 + Math.abs((docs - fieldDocs + 0.5) / (fieldDocs + 0.5)))

interface Scorer { score(columns: Record<SearchField, string>, lengths: Record<SearchField, number>): number }

/**
 * lunr's score for a document, from the same inputs lunr uses: per-field term
 * frequencies (counted in the stored token columns) and lengths (`search_doc`),
 * average field lengths (`search_stats`) and per-field document frequencies
 * (`fts5vocab`), the field boosts, and a query vector per field holding each
 * expanded term's summed clause boosts.
 */
async function lunrScorer(client: Client, expansions: readonly Expansion[]): Promise<Scorer> {
  const positive = expansions.filter((e) => e.clause.presence !== 'prohibited')
  const terms = [...new Set(positive.flatMap((e) => e.terms))]
  let cache = fieldDocCounts.get(client)
  if (!cache) fieldDocCounts.set(client, cache = new Map())
  const missing = terms.filter((t) => !cache.has(t))
  // fts5vocab reads a term's whole doclist to count per column: cache the answers until the next write.
  const [statsRs, dfRs] = await client.batch([
    `SELECT docs, ${LEN_COLS.join(', ')} FROM search_stats WHERE id = 1`,
    { sql: `SELECT term, sum(doc) AS n FROM search_fts_vocol WHERE term IN (${missing.map(() => '?').join(', ') || "''"}) GROUP BY term`, args: missing },
  ], 'read')
  const stats = statsRs?.rows[0]
  const docs = Number(stats?.docs ?? 0)
  const avg = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, docs > 0 ? Number(stats?.[`len_${f}`] ?? 0) / docs : 0])) as Record<SearchField, number>
  for (const t of missing) cache.set(t, 0)
  for (const r of dfRs?.rows ?? []) cache.set(String(r.term), Number(r.n))
  if (cache.size > 100_000) fieldDocCounts.delete(client)
  const idf = new Map(terms.flatMap((t) => {
    const n = cache.get(t) ?? 0
    return n > 0 ? [[t, lunrIdf(n, docs)] as const] : []
  }))
  // Query vector per field: term → summed boost, for terms present in the index.
  const query = new Map<SearchField, Map<string, number>>()
  for (const e of positive) {
    for (const f of e.clause.fields ?? SEARCH_FIELDS) {
      const v = query.get(f) ?? new Map<string, number>()
      for (const t of new Set(e.terms)) if (idf.has(t)) v.set(t, (v.get(t) ?? 0) + e.clause.boost)
      query.set(f, v)
    }
  }
  const vectors = [...query].flatMap(([f, v]) => {
    const mag = Math.sqrt([...v.values()].reduce((s, x) => s + x * x, 0))
    return mag > 0 ? [{ f, entries: [...v], mag }] : []
  })
  return {
    score(columns, lengths) {
      let total = 0
      for (const { f, entries, mag } of vectors) {
        const column = columns[f]
        if (!column) continue
        let dot = 0
        for (const [t, q] of entries) {
          const n = tokenOccurrences(column, t)
          if (n === 0) continue
          const w = (idf.get(t) as number) * ((K1 + 1) * n) / (K1 * (1 - B + B * (lengths[f] / (avg[f] || 1))) + n) * FIELD_BOOSTS[f]
          dot += q * (Math.round(w * 1000) / 1000)
        }
        total += dot / mag
      }
      return total
    },
  }
}

export interface FtsSearchOptions extends SearchOptions {
  /** Candidates re-scored with lunr's formula (default `RERANK_POOL`); at least `offset + limit` are. */
  rerankPool?: number
}

/** The columns read for each candidate: its token columns and field lengths. */
const POOL_SELECT = `SELECT search_fts.ref AS ref, search_fts.study_id AS study_id, search_fts.kind AS kind, ${
  SEARCH_FIELDS.map((f) => `search_fts.${f} AS ${f}`).join(', ')}, ${LEN_COLS.map((c) => `search_doc.${c}`).join(', ')}`

/** Run a query (string or parsed) against the FTS5 tables; same result shape and ranking as `searchLunr`. */
export async function searchFts(client: Client, query: string | ParsedSearchQuery, opts: FtsSearchOptions = {}): Promise<SearchResult> {
  const parsed = toParsed(query)
  const { limit, offset } = pageOf(opts)
  if (parsed.clauses.length === 0) return { total: 0, hits: [] }
  const expansions = await Promise.all(parsed.clauses.map((c) => expand(client, c)))
  const expr = ftsMatchExpression(parsed, expansions)
  if (expr === null) return { total: 0, hits: [] }
  let rows: Row[]
  let total: number
  try {
    total = Number((await client.execute({ sql: 'SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?', args: [expr] })).rows[0]?.n ?? 0)
    if (total === 0 || offset >= total) return { total, hits: [] }
    const exact = Math.trunc(opts.rerankPool ?? RERANK_POOL)
    const pool = parsed.negated ? limit : Math.max(total <= exact ? exact : Math.min(exact, LARGE_RESULT_POOL), offset + limit)
    rows = (await client.execute(parsed.negated ? {
      sql: `${POOL_SELECT} FROM search_fts JOIN search_doc ON search_doc.id = search_fts.rowid WHERE search_fts MATCH ?
            ORDER BY search_fts.ref LIMIT ? OFFSET ?`,
      args: [expr, pool, offset],
    } : {
      // The pool is chosen from rowids and scores alone: sorting whole rows (every text column of
      // every match) was most of the time of a query matching thousands of documents.
      sql: `WITH pool AS (SELECT rowid AS id, ${BM25} AS s FROM search_fts WHERE search_fts MATCH ? ORDER BY s, rowid LIMIT ?)
            ${POOL_SELECT} FROM pool JOIN search_fts ON search_fts.rowid = pool.id JOIN search_doc ON search_doc.id = pool.id`,
      args: [expr, pool],
    })).rows
  } catch (e) {
    ftsError(e, parsed.input)
  }
  const scorer = parsed.negated ? null : await lunrScorer(client, expansions)
  const scored = rows.map((row) => {
    const columns = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, String(row[f] ?? '')])) as Record<SearchField, string>
    const lengths = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, Number(row[`len_${f}`] ?? 0)])) as Record<SearchField, number>
    return { row, columns, ref: String(row.ref), score: scorer ? scorer.score(columns, lengths) : 0 }
  })
  const page = parsed.negated ? scored : scored.sort(compareHits).slice(offset, offset + limit)
  const originals = page.length === 0 ? [] : (await client.execute({
    sql: `SELECT ref, doi, fields FROM search_doc WHERE ref IN (${page.map(() => '?').join(', ')})`,
    args: page.map((p) => p.ref),
  })).rows
  const byRef = new Map(originals.map((r) => [String(r.ref), r]))
  const m = matcher(expansions)
  const hits: SearchHit[] = page.map(({ row, columns, ref, score }) => {
    const fields = orderFields(SEARCH_FIELDS.filter((f) => m.inField(f, columns[f])))
    const original = byRef.get(ref)
    const doc: SearchDocument = {
      ref,
      studyId: String(row.study_id),
      doi: String(original?.doi ?? ''),
      kind: String(row.kind) as SearchDocument['kind'],
      fields: JSON.parse(String(original?.fields ?? '{}')) as SearchDocument['fields'],
    }
    return { ref, studyId: doc.studyId, doi: doc.doi, kind: doc.kind, score, fields, snippet: makeSnippet(doc, fields, m.any) }
  })
  return { total, hits }
}
