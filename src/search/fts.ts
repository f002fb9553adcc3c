/**
 * The same search behaviour over SQLite FTS5 (libSQL), for corpora where lunr is
 * too slow to build or query. Documents are pre-tokenized with the shared
 * tokenizer and stored as space-separated tokens, so FTS5's `unicode61` tokenizer
 * (whose `tokenchars` match ours) sees exactly the tokens lunr indexes. Queries
 * are parsed by `parseSearchQuery` (lunr's syntax and limits); each clause is expanded to
 * indexed tokens: `term~n` by `fuzzyTerms` (as in lunr, see fuzzy.ts), `abc*` and `li*f6`
 * from the token vocabulary (the `MAX_EXPANSIONS` held by most documents).
 *
 * Which documents match, and which to score:
 * - normally from in-memory postings (postings.ts: for each queried token, the documents and
 *   fields holding it, read once from FTS5 and kept current by the write path), which count the
 *   matches exactly and estimate lunr's score for each (candidates.ts) without FTS5 visiting
 *   every matching row per query;
 * - by FTS5 alone (`pickByMatch`) for a negated query (`-a`: nearly everything matches) and for
 *   a prefix holding more tokens than an expansion keeps (only FTS5's native `"abc"*` matches
 *   them all). The query becomes a MATCH expression: every term quoted, a field clause
 *   `{title} : "term"`, plain clauses OR-ed, `+required` AND-ed, `-prohibited` after `NOT`;
 *   FTS5 counts the rows and orders them by `bm25()` with the lunr field boosts as column weights
 *   (a term boost `^n` repeats a single-phrase term n times so that order sees it).
 *
 * The candidates are then scored in JS with lunr's own formula (per-field BM25, k1 = 1.2,
 * b = 0.75, lunr's idf, field boosts, query-vector normalisation; lunr-weight.ts) from their
 * stored token columns and the statistics kept in SQL (`search_stats`). When a query matches at
 * most `RERANK_POOL` documents all of them are scored, so ranking and scores equal lunr's; beyond
 * that the best `LARGE_RESULT_POOL` by the estimate (by `bm25()` on the FTS5-only path) are.
 *
 * To score optional terms without making them mandatory when required terms exist
 * (`+a b`), and to express "everything except" (`-a`), every row also holds one
 * sentinel token (a private-use character no user token can contain): `R AND (O OR ⟨all⟩)`
 * and `⟨all⟩ NOT P`. Its idf is clamped to 1e-6 by bm25, so it does not change ranks.
 * @module
 */
import type { Client, InStatement, ResultSet, Row } from '@libsql/client'
import { FIELD_BOOSTS, SEARCH_FIELDS, type SearchDocument, type SearchField } from './documents.ts'
import { SearchQueryError, toParsed, type ParsedSearchQuery, type SearchClause } from './query.ts'
import { compareHits, makeSnippet, orderFields, pageOf, type SearchHit, type SearchOptions, type SearchResult } from './results.ts'
import { addFuzzyToken, fuzzyTerms, fuzzyVocabulary, MAX_EXPANSIONS, type FuzzyVocabulary } from './fuzzy.ts'
import { tokenize } from './tokenize.ts'
import { applyChanges, fieldPostings, resetPostings, type DocTokens } from './postings.ts'
import { selectCandidates } from './candidates.ts'
import { lunrIdf, termWeight } from './lunr-weight.ts'
import { DocCache, type CandidateDoc } from './doc-cache.ts'
import { DOC_LENGTHS, LEN_COLS, quote } from './fts-sql.ts'

export const ftsSchemaSql =
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(ref UNINDEXED, study_id UNINDEXED, kind UNINDEXED, ` +
  `title, authors, summary, findings, materials, morphology, conditions, text, ` +
  `tokenize = "unicode61 remove_diacritics 2 tokenchars '-.+/:%'")`


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
  // Every document's field lengths in a few MB, without reading the stored text (postings.ts).
  `CREATE INDEX IF NOT EXISTS search_doc_lengths ON search_doc(id, ${LEN_COLS.join(', ')})`,
  `CREATE TABLE IF NOT EXISTS search_stats (id INTEGER PRIMARY KEY CHECK (id = 1), docs INTEGER NOT NULL, ${LEN_COLS.map((c) => `${c} INTEGER NOT NULL`).join(', ')}, changes INTEGER NOT NULL DEFAULT 0)`,
  `INSERT OR IGNORE INTO search_stats (id, docs, ${LEN_COLS.join(', ')}) VALUES (1, 0, ${LEN_COLS.map(() => '0').join(', ')})`,
  `CREATE TRIGGER IF NOT EXISTS search_doc_ai AFTER INSERT ON search_doc BEGIN UPDATE search_stats SET docs = docs + 1, ${LEN_COLS.map((c) => `${c} = ${c} + new.${c}`).join(', ')} WHERE id = 1; END`,
  `CREATE TRIGGER IF NOT EXISTS search_doc_ad AFTER DELETE ON search_doc BEGIN UPDATE search_stats SET docs = docs - 1, ${LEN_COLS.map((c) => `${c} = ${c} - old.${c}`).join(', ')} WHERE id = 1; END`,
  // Every document written or deleted counts one change: a process sees others' writes by it (searchStats).
  `CREATE TRIGGER IF NOT EXISTS search_doc_changes_ai AFTER INSERT ON search_doc BEGIN UPDATE search_stats SET changes = changes + 1 WHERE id = 1; END`,
  `CREATE TRIGGER IF NOT EXISTS search_doc_changes_ad AFTER DELETE ON search_doc BEGIN UPDATE search_stats SET changes = changes + 1 WHERE id = 1; END`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocab USING fts5vocab(search_fts, row)`,
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts_vocol USING fts5vocab(search_fts, col)`,
]

/** Present in every row's `text` column; matches every document. Never produced by the tokenizer. */
export const ALL_DOCS_TOKEN = '\uE000'

/** Candidates re-scored with lunr's formula; rankings equal lunr's when `total` is at most this. */
export const RERANK_POOL = 500

/**
 * Candidates re-scored when a query matches more than `RERANK_POOL` documents: the ranking is
 * then an approximation anyway, and fetching the candidates' text is a large part of such a
 * query's time. On the 100k synthetic corpus the top 20 of eleven large queries were the same
 * with 50 and with 100 candidates chosen by the postings estimate.
 */
export const LARGE_RESULT_POOL = 50

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

/**
 * The indexed tokens and how many documents hold each, loaded once per client and then kept
 * current by `noteSearchChanges` (in place) while `at`, the change count it reflects, is the one
 * a write starts from. A token no document holds any more stays at 0 (`zeros` of them) until they
 * are many; the fuzzy view lists every token of `docs`, once.
 */
interface Vocabulary { docs: Map<string, number>; fuzzy: FuzzyVocabulary | null; at: number; zeros: number }

/** Tokens at 0 kept before they are dropped (and the fuzzy view derived again). */
const MAX_ZERO_TOKENS = 10_000

/**
 * Wildcard pattern → its expansion when complete (fewer than `MAX_EXPANSIONS` tokens), kept
 * current by `noteSearchChanges`: a token of an added document that matches joins it (a token no
 * longer indexed may stay, holding no documents). Patterns start with ≥ 3 literal characters, so
 * a token is tested only against the patterns sharing its first three.
 */
class PatternCache {
  static readonly MAX = 1_000
  readonly #patterns = new Map<string, { re: RegExp; terms: Set<string> }>()
  readonly #byHead = new Map<string, Set<string>>()

  get(pattern: string): string[] | undefined {
    const e = this.#patterns.get(pattern)
    return e && [...e.terms]
  }

  set(pattern: string, terms: readonly string[]): void {
    if (this.#patterns.size >= PatternCache.MAX) { this.#patterns.clear(); this.#byHead.clear() }
    const head = pattern.slice(0, 3)
    const same = this.#byHead.get(head) ?? new Set<string>()
    this.#byHead.set(head, same.add(pattern))
    this.#patterns.set(pattern, { re: glob(pattern), terms: new Set(terms) })
  }

  #delete(pattern: string): void {
    this.#patterns.delete(pattern)
    this.#byHead.get(pattern.slice(0, 3))?.delete(pattern)
  }

  /** Add indexed tokens to the expansions they match; an expansion reaching the limit is dropped (it may be truncated). */
  add(tokens: Iterable<string>): void {
    for (const t of tokens) {
      for (const pattern of this.#byHead.get(t.slice(0, 3)) ?? []) {
        const e = this.#patterns.get(pattern)
        if (!e || e.terms.has(t) || !e.re.test(t)) continue
        e.terms.add(t)
        if (e.terms.size >= MAX_EXPANSIONS) this.#delete(pattern)
      }
    }
  }
}

/**
 * What a process keeps per client, dropped together by `invalidateFtsVocabulary` (with the postings,
 * which postings.ts keeps). A read that awaits checks, before keeping what it read, that the object
 * is still the client's and `syncedAt` has not moved.
 */
interface ClientCaches {
  /** The `search_stats.changes` count the caches reflect (unset: not known yet). */
  syncedAt?: number
  vocabulary?: Promise<Vocabulary>
  /** Token → lunr's `documentsWithTerm` (sum over fields of documents holding it); until the next write. */
  fieldDocs?: Map<string, number>
  patterns?: PatternCache
  /** Candidates' stored columns and originals (doc-cache.ts). */
  readonly docs: DocCache
}

const clientCaches = new WeakMap<Client, ClientCaches>()
const cachesOf = (client: Client): ClientCaches => {
  let c = clientCaches.get(client)
  if (!c) clientCaches.set(client, c = { docs: new DocCache() })
  return c
}

/**
 * Forget the cached vocabulary, document frequencies and postings. `indexDocsFts` and
 * `deleteDocsFts` call it; call it yourself after writing to the tables by other means.
 */
export function invalidateFtsVocabulary(client: Client): void {
  clientCaches.delete(client)
  resetPostings(client)
}

/** The change count and the search documents of some studies as the index holds them (id and tokens per field). */
export interface SearchDocState { changes: number; docs: DocTokens[] }

/**
 * The two statements that read a `SearchDocState` of these studies: put them before and after a
 * write's statements in its batch, and pass both states (`searchDocStateOf`) to `noteSearchChanges`.
 */
export function searchDocStateStatements(studyIds: readonly string[]): InStatement[] {
  return [
    'SELECT changes FROM search_stats WHERE id = 1',
    {
      sql: `SELECT rowid AS id, ${SEARCH_FIELDS.join(', ')} FROM search_fts
            WHERE rowid IN (SELECT id FROM search_doc WHERE study_id IN (${studyIds.map(() => '?').join(', ') || "''"}))`,
      args: [...studyIds],
    },
  ]
}

/** The state the two `searchDocStateStatements` read. */
export function searchDocStateOf([stats, rs]: readonly ResultSet[]): SearchDocState {
  // The FTS columns hold the tokens, space-separated (ftsColumns), and `text` the every-document token.
  const tokens = (column: unknown) => String(column ?? '').split(' ').filter((t) => t !== '' && t !== ALL_DOCS_TOKEN)
  return {
    changes: Number(stats?.rows[0]?.changes ?? 0),
    docs: (rs?.rows ?? []).map((r) => ({ id: Number(r.id), fields: SEARCH_FIELDS.map((f) => tokens(r[f])) })),
  }
}

/** The state of these studies' search documents now (a read of its own). */
export async function searchDocState(client: Client, studyIds: readonly string[]): Promise<SearchDocState> {
  return searchDocStateOf(await client.batch(searchDocStateStatements(studyIds), 'read'))
}

/**
 * After a committed write: update the cached vocabulary and postings from the documents it removed
 * and added (read by `searchDocStateStatements` before and after it) instead of reading them again —
 * when the caches reflected the state before it and nothing else was written meanwhile; otherwise
 * drop them.
 */
export function noteSearchChanges(client: Client, before: SearchDocState, after: SearchDocState): void {
  const { docs: removed } = before
  const { docs: added } = after
  const own = after.changes - before.changes === removed.length + added.length
  const c = clientCaches.get(client)
  if (!c || c.syncedAt !== before.changes || !own) {
    invalidateFtsVocabulary(client)
    return
  }
  c.syncedAt = after.changes
  c.fieldDocs = undefined
  applyChanges(client, removed, added)
  c.docs.forget([...removed, ...added].map((d) => d.id))
  c.patterns?.add(new Set(added.flatMap((d) => d.fields.flat())))
  const pending = c.vocabulary
  if (!pending) return
  // A vocabulary read after this write committed (by a search meanwhile) already holds it: read anew.
  const updated = pending.then((v) => {
    if (v.at === after.changes) return v
    if (v.at !== before.changes) return readVocabulary(client)
    // A token no document holds any more stays at 0 (the fuzzy groups, which list each token of
    // `docs` once, skip it); a token new to `docs` joins its group. Nothing is sorted again.
    const count = (d: DocTokens, by: number) => {
      for (const t of new Set(d.fields.flat())) {
        const was = v.docs.get(t)
        const n = Math.max(0, (was ?? 0) + by)
        v.docs.set(t, n)
        if (was === undefined && v.fuzzy) addFuzzyToken(v.fuzzy, t)
        v.zeros += (n === 0 ? 1 : 0) - (was === 0 ? 1 : 0)
      }
    }
    for (const d of removed) count(d, -1)
    for (const d of added) count(d, 1)
    if (v.zeros > MAX_ZERO_TOKENS) {
      for (const [t, n] of v.docs) if (n === 0) v.docs.delete(t)
      v.zeros = 0
      v.fuzzy = null
    }
    v.at = after.changes
    return v
  })
  updated.catch(() => { if (c.vocabulary === updated) c.vocabulary = undefined })
  c.vocabulary = updated
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


/** Every indexed token with its document count, and the change count they reflect (one read transaction). */
async function readVocabulary(client: Client): Promise<Vocabulary> {
  const [stats, rs] = await client.batch(['SELECT changes FROM search_stats WHERE id = 1', 'SELECT term, doc FROM search_fts_vocab'], 'read')
  return {
    docs: new Map((rs?.rows ?? []).flatMap((r) => r.term === ALL_DOCS_TOKEN || Number(r.doc) === 0 ? [] : [[String(r.term), Number(r.doc)] as const])),
    fuzzy: null,
    at: Number(stats?.rows[0]?.changes ?? 0),
    zeros: 0,
  }
}

async function vocabulary(client: Client): Promise<Vocabulary> {
  const c = cachesOf(client)
  if (!c.vocabulary) {
    const read = readVocabulary(client)
    read.catch(() => { if (c.vocabulary === read) c.vocabulary = undefined })
    c.vocabulary = read
  }
  return c.vocabulary
}

const glob = (pattern: string): RegExp => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&')).join('.*')}$`)

/**
 * Indexed tokens matching a wildcard pattern (`abc*`, `abc*def`; it starts with ≥ 3 literal
 * characters): the `MAX_EXPANSIONS` held by most documents.
 */
async function patternTerms(client: Client, pattern: string): Promise<string[]> {
  const c = cachesOf(client)
  const cached = c.patterns?.get(pattern)
  if (cached) return cached
  const synced = c.syncedAt
  const prefix = pattern.slice(0, pattern.indexOf('*'))
  const rs = await client.execute({
    sql: 'SELECT term FROM search_fts_vocab WHERE term >= ? AND term < ? AND term GLOB ? ORDER BY doc DESC, term LIMIT ?',
    args: [prefix, prefix + '\u{10FFFF}', pattern, MAX_EXPANSIONS],
  })
  const terms = rs.rows.map((r) => String(r.term)).filter((t) => t !== ALL_DOCS_TOKEN)
  // Kept only when complete and read in the state the caches reflect (no write came in between).
  if (terms.length < MAX_EXPANSIONS && synced !== undefined && clientCaches.get(client) === c && c.syncedAt === synced) {
    c.patterns ??= new PatternCache()
    c.patterns.set(pattern, terms)
  }
  return terms
}

async function fuzzyVocab(client: Client): Promise<FuzzyVocabulary> {
  const v = await vocabulary(client)
  return v.fuzzy ??= fuzzyVocabulary(v.docs)
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
  if (clause.editDistance > 0) return { clause, terms: fuzzyTerms(await fuzzyVocab(client), clause.term, clause.editDistance) }
  return { clause, terms: [clause.term] }
}

const isEmpty = (e: Expansion): boolean => e.prefix === undefined && e.terms.length === 0

// --------------------------------------------------------------------------
// Translating to an FTS5 MATCH expression.


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

/** Few terms: look each up in the column; many (a wide fuzzy or wildcard clause): test the column's tokens. */
const LOOKUP_TERMS = 16

/** Whether a token of a space-separated token string passes `test`; stops at the first (no split of the whole column). */
function someToken(column: string, test: (token: string) => boolean): boolean {
  for (let i = 0; i < column.length;) {
    let j = column.indexOf(' ', i)
    if (j === -1) j = column.length
    if (j > i && test(column.slice(i, j))) return true
    i = j + 1
  }
  return false
}

function matcher(expansions: readonly Expansion[]) {
  const positive = expansions.filter((e) => e.clause.presence !== 'prohibited' && !isEmpty(e))
    .map((e) => {
      const terms = new Set(e.terms)
      return { fields: e.clause.fields, terms, list: [...terms], prefix: e.prefix }
    })
  const test = (p: (typeof positive)[number], tok: string) => p.terms.has(tok) || (p.prefix !== undefined && tok.startsWith(p.prefix))
  // Plain loops below: they run for every field of every hit and every token of its snippet, and a
  // callback (or a copy of the terms) each was most of a large query's allocation.
  const inColumn = (p: (typeof positive)[number], column: string) => {
    if (p.list.length > LOOKUP_TERMS) return someToken(column, (tok) => test(p, tok))
    for (let i = 0; i < p.list.length; i++) if (hasToken(column, p.list[i] as string)) return true
    return p.prefix !== undefined && hasToken(column, p.prefix, true)
  }
  return {
    /** Whether a positive clause that may search `field` matches a token of its column. */
    inField: (field: SearchField, column: string) => {
      for (let i = 0; i < positive.length; i++) {
        const p = positive[i] as (typeof positive)[number]
        if ((!p.fields || p.fields.includes(field)) && inColumn(p, column)) return true
      }
      return false
    },
    any: (tok: string) => {
      for (let i = 0; i < positive.length; i++) if (test(positive[i] as (typeof positive)[number], tok)) return true
      return false
    },
  }
}

function ftsError(e: unknown, input: string): never {
  const message = (e as Error)?.message ?? String(e)
  if (/fts5:|syntax error|no such column/i.test(message)) {
    throw new SearchQueryError('INVALID_QUERY', `full-text engine rejected the query: ${message}`, 0, input.length)
  }
  throw e
}

/**
 * The query as lunr scores it: each indexed term's idf, and per field a query vector holding each
 * expanded term's summed clause boosts, with its magnitude.
 */
interface QueryWeights {
  idf: Map<string, number>
  avg: Record<SearchField, number>
  vectors: Array<{ f: SearchField; entries: Array<[string, number]>; mag: number }>
}

interface CorpusStats { docs: number; avg: Record<SearchField, number>; changes: number }

/**
 * Document count, average field lengths and change count; when the change count is not the one the
 * caches reflect (another process or connection wrote), the caches are dropped first.
 */
async function searchStats(client: Client): Promise<CorpusStats> {
  const stats = (await client.execute(`SELECT docs, changes, ${LEN_COLS.join(', ')} FROM search_stats WHERE id = 1`)).rows[0]
  const docs = Number(stats?.docs ?? 0)
  const changes = Number(stats?.changes ?? 0)
  if (clientCaches.get(client)?.syncedAt !== changes) {
    invalidateFtsVocabulary(client)
    cachesOf(client).syncedAt = changes
  }
  return { docs, changes, avg: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, docs > 0 ? Number(stats?.[`len_${f}`] ?? 0) / docs : 0])) as Record<SearchField, number> }
}

/** `fieldDocs(t)`: lunr's `documentsWithTerm`, the number of (document, field) pairs holding `t`. */
function queryWeights(expansions: readonly Expansion[], { docs, avg }: CorpusStats, fieldDocs: (t: string) => number): QueryWeights {
  const positive = expansions.filter((e) => e.clause.presence !== 'prohibited')
  const idf = new Map([...new Set(positive.flatMap((e) => e.terms))].flatMap((t) => {
    const n = fieldDocs(t)
    return n > 0 ? [[t, lunrIdf(n, docs)] as const] : []
  }))
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
  return { idf, avg, vectors }
}

/**
 * lunr's score for a document, from the same inputs lunr uses: per-field term frequencies (counted
 * in the stored token columns) and lengths (`search_doc`), average field lengths (`search_stats`),
 * per-field document frequencies, the field boosts and the query vectors.
 */
function lunrScore({ idf, avg, vectors }: QueryWeights, columns: Record<SearchField, string>, lengths: Record<SearchField, number>): number {
  let total = 0
  for (const { f, entries, mag } of vectors) {
    const column = columns[f]
    if (!column) continue
    let dot = 0
    for (const [t, q] of entries) {
      const n = tokenOccurrences(column, t)
      if (n > 0) dot += q * termWeight(idf.get(t) as number, n, lengths[f], avg[f], f)
    }
    total += dot / mag
  }
  return total
}

/** Per-field document frequencies from `fts5vocab` (it reads each term's whole doclist: cached until the next write). */
async function vocabFieldDocs(client: Client, terms: readonly string[]): Promise<(t: string) => number> {
  const c = cachesOf(client)
  const cache = c.fieldDocs ??= new Map()
  const missing = [...new Set(terms)].filter((t) => !cache.has(t))
  if (missing.length > 0) {
    const rs = await client.execute({ sql: `SELECT term, sum(doc) AS n FROM search_fts_vocol WHERE term IN (${missing.map(() => '?').join(', ')}) GROUP BY term`, args: missing })
    for (const t of missing) cache.set(t, 0)
    for (const r of rs.rows) cache.set(String(r.term), Number(r.n))
  }
  if (cache.size > 100_000) c.fieldDocs = undefined
  return (t) => cache.get(t) ?? 0
}

export interface FtsSearchOptions extends SearchOptions {
  /** Candidates re-scored with lunr's formula (default `RERANK_POOL`); at least `offset + limit` are. */
  rerankPool?: number
  /**
   * How matches are found: from the in-memory postings where they apply (default), or by FTS5
   * alone (`'match'`: the reference the postings are tested and measured against).
   */
  candidates?: 'postings' | 'match'
}

/** The columns read for each candidate: its token columns and field lengths. */
const POOL_SELECT = `SELECT search_doc.id AS id, search_fts.ref AS ref, search_fts.study_id AS study_id, search_fts.kind AS kind, ${
  SEARCH_FIELDS.map((f) => `search_fts.${f} AS ${f}`).join(', ')}, ${LEN_COLS.map((c) => `search_doc.${c}`).join(', ')}`

/** The matches' count and the documents to score (all matches up to the exact pool, else the best estimated). */
interface Picked { total: number; docs: CandidateDoc[]; weights: QueryWeights | null }

const candidateDoc = (row: Row): CandidateDoc => ({
  id: Number(row.id), ref: String(row.ref), studyId: String(row.study_id), kind: String(row.kind) as CandidateDoc['kind'],
  columns: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, String(row[f] ?? '')])) as Record<SearchField, string>,
  lengths: Object.fromEntries(SEARCH_FIELDS.map((f) => [f, Number(row[`len_${f}`] ?? 0)])) as Record<SearchField, number>,
})

/** The candidates `ids`, from the cache or read (and kept). */
async function candidateDocs(client: Client, ids: readonly number[]): Promise<CandidateDoc[]> {
  const cache = cachesOf(client).docs
  const readAt = cache.version
  const docs: CandidateDoc[] = []
  const missing: number[] = []
  for (const id of ids) {
    const d = cache.get(id)
    if (d) docs.push(d)
    else missing.push(id)
  }
  if (missing.length === 0) return docs
  // Ids are integers from the postings, so they are written into the statement.
  const rows = (await client.execute(`${POOL_SELECT} FROM ${DOC_LENGTHS} JOIN search_fts ON search_fts.rowid = search_doc.id WHERE search_doc.id IN (${missing.join(', ')})`)).rows
  for (const row of rows) {
    const d = candidateDoc(row)
    cache.store(d, readAt)
    docs.push(d)
  }
  return docs
}

const NO_TEXT = Object.fromEntries(SEARCH_FIELDS.map((f) => [f, ''])) as SearchDocument['fields']

/** Add each document's DOI and original text where it is not known yet (and keep them). */
async function withOriginals(client: Client, docs: readonly CandidateDoc[]): Promise<void> {
  const missing = docs.filter((d) => !d.original)
  if (missing.length === 0) return
  const rows = (await client.execute(`SELECT id, ref, doi, fields FROM search_doc WHERE id IN (${missing.map((d) => d.id).join(', ')})`)).rows
  const byId = new Map(rows.map((r) => [Number(r.id), r]))
  const cache = cachesOf(client).docs
  for (const d of missing) {
    const r = byId.get(d.id)
    // Deleted (or its id reused by another document) since its columns were read: shown without text this once.
    if (!r || String(r.ref) !== d.ref) continue
    d.original = { doi: String(r.doi ?? ''), fields: JSON.parse(String(r.fields)) as SearchDocument['fields'] }
    cache.grew(d) // kept only while no write has replaced it
  }
}

/**
 * Candidates from FTS5 alone: it counts the matches and orders them by `bm25()` (for a negated
 * query, by ref). Used where the postings cannot stand in for the MATCH: a negated query (it
 * matches nearly everything) and a prefix with more tokens than an expansion keeps.
 */
async function pickByMatch(client: Client, parsed: ParsedSearchQuery, expansions: readonly Expansion[], expr: string, stats: CorpusStats, exact: number, page: { limit: number; offset: number }): Promise<Picked> {
  const { limit, offset } = page
  let docs: CandidateDoc[]
  let total: number
  try {
    total = Number((await client.execute({ sql: 'SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ?', args: [expr] })).rows[0]?.n ?? 0)
    if (total === 0 || offset >= total) return { total, docs: [], weights: null }
    const pool = parsed.negated ? limit : Math.max(total <= exact ? exact : Math.min(exact, LARGE_RESULT_POOL), offset + limit)
    docs = (await client.execute(parsed.negated ? {
      sql: `${POOL_SELECT} FROM search_fts JOIN ${DOC_LENGTHS} ON search_doc.id = search_fts.rowid WHERE search_fts MATCH ?
            ORDER BY search_fts.ref LIMIT ? OFFSET ?`,
      args: [expr, pool, offset],
    } : {
      // The pool is chosen from rowids and scores alone: sorting whole rows (every text column of
      // every match) was most of the time of a query matching thousands of documents.
      sql: `WITH pool AS (SELECT rowid AS id, ${BM25} AS s FROM search_fts WHERE search_fts MATCH ? ORDER BY s, rowid LIMIT ?)
            ${POOL_SELECT} FROM pool JOIN search_fts ON search_fts.rowid = pool.id JOIN ${DOC_LENGTHS} ON search_doc.id = pool.id`,
      args: [expr, pool],
    })).rows.map(candidateDoc)
  } catch (e) {
    ftsError(e, parsed.input)
  }
  if (parsed.negated) return { total, docs, weights: null }
  const terms = expansions.filter((e) => e.clause.presence !== 'prohibited').flatMap((e) => e.terms)
  return { total, docs, weights: queryWeights(expansions, stats, await vocabFieldDocs(client, terms)) }
}

/** Each field's position in `SEARCH_FIELDS` (the postings' field bits). */
const FIELD_INDEX = new Map(SEARCH_FIELDS.map((f, i) => [f, i]))

/**
 * Candidates from the in-memory field postings (postings.ts, candidates.ts): the same matches as
 * the MATCH expression, counted without visiting them in SQL; beyond `exact` matches the pool is
 * the best by lunr's formula with each term counted once per field.
 */
async function pickByPostings(client: Client, expansions: readonly Expansion[], stats: CorpusStats, exact: number, page: { limit: number; offset: number }): Promise<Picked> {
  const postings = await fieldPostings(client, expansions.flatMap((e) => e.terms), { docs: stats.docs, avg: SEARCH_FIELDS.map((f) => stats.avg[f]) })
  const fieldDocs = (t: string) => postings.get(t)?.lengths.length ?? 0
  const weights = queryWeights(expansions, stats, fieldDocs)
  const { total, ids } = selectCandidates({
    clauses: expansions.map((e) => ({
      presence: e.clause.presence,
      fields: (e.clause.fields ?? SEARCH_FIELDS).map((f) => FIELD_INDEX.get(f) as number),
      tokens: e.terms,
    })),
    estimate: weights.vectors.flatMap(({ f, entries, mag }) => entries.map(([token, q]) => {
      const idf = weights.idf.get(token) as number
      return { token, field: FIELD_INDEX.get(f) as number, coefficient: q / mag, weight: (length: number) => termWeight(idf, 1, length, stats.avg[f], f) }
    })),
    postings,
    exact,
    pool: Math.max(Math.min(exact, LARGE_RESULT_POOL), page.offset + page.limit),
  })
  if (total === 0 || page.offset >= total) return { total, docs: [], weights }
  return { total, docs: await candidateDocs(client, ids), weights }
}

/** Run a query (string or parsed) against the FTS5 tables; same result shape and ranking as `searchLunr`. */
export async function searchFts(client: Client, query: string | ParsedSearchQuery, opts: FtsSearchOptions = {}): Promise<SearchResult> {
  const parsed = toParsed(query)
  const { limit, offset } = pageOf(opts)
  if (parsed.clauses.length === 0) return { total: 0, hits: [] }
  const stats = await searchStats(client)
  const expansions = await Promise.all(parsed.clauses.map((c) => expand(client, c)))
  const expr = ftsMatchExpression(parsed, expansions)
  if (expr === null) return { total: 0, hits: [] }
  const exact = Math.trunc(opts.rerankPool ?? RERANK_POOL)
  // A prefix holding more tokens than an expansion keeps: only FTS5's native prefix query matches them all.
  const byMatch = opts.candidates === 'match' || parsed.negated || expansions.some((e) => e.prefix !== undefined && e.terms.length >= MAX_EXPANSIONS)
  const { total, docs, weights } = byMatch
    ? await pickByMatch(client, parsed, expansions, expr, stats, exact, { limit, offset })
    : await pickByPostings(client, expansions, stats, exact, { limit, offset })
  if (total === 0 || offset >= total) return { total, hits: [] }
  const scored = docs.map((doc) => ({ doc, ref: doc.ref, score: weights ? lunrScore(weights, doc.columns, doc.lengths) : 0 }))
  const page = parsed.negated ? scored : scored.sort(compareHits).slice(offset, offset + limit)
  await withOriginals(client, page.map((p) => p.doc))
  const m = matcher(expansions)
  const hits: SearchHit[] = page.map(({ doc, ref, score }) => {
    const fields = orderFields(SEARCH_FIELDS.filter((f) => m.inField(f, doc.columns[f])))
    const { doi, fields: text } = doc.original ?? { doi: '', fields: NO_TEXT }
    const shown: SearchDocument = { ref, studyId: doc.studyId, doi, kind: doc.kind, fields: text }
    return { ref, studyId: doc.studyId, doi, kind: doc.kind, score, fields, snippet: makeSnippet(shown, fields, m.any) }
  })
  return { total, hits }
}
