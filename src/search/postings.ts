/**
 * In-memory postings for the FTS5 engine, so a query matching most of a large corpus is
 * answered without FTS5 visiting (and `bm25()`-scoring) every matching row per request:
 *
 * - for each queried token, the ids (`search_doc.id`, the FTS rowid) of the documents holding
 *   it with the fields that hold it — read once with FTS5 column filters (`{title} : "token"`),
 *   so a token matches here exactly where a MATCH would find it — and an impact per document;
 * - every document's token count per field (a covering index on `search_doc`).
 *
 * Kept per client, bounded (least recently used tokens are dropped past `MAX_POSTINGS` postings), and
 * kept current by the process's own writes (`applyChanges`, from the study write path): a write
 * queues per-token removals and additions, applied when the token is next read. Writes made by
 * other processes (or without that information) must call `resetPostings`.
 * @module
 */
import type { Client } from '@libsql/client'
import { SEARCH_FIELDS, type SearchField } from './documents.ts'
import { lunrIdf, termWeight } from './lunr-weight.ts'
import { DOC_LENGTHS, LEN_COLS, quote } from './fts-sql.ts'

const FIELDS = SEARCH_FIELDS.length

/**
 * The documents holding one token: their ids ascending; for each a bit mask of the fields holding
 * it (bit i: `SEARCH_FIELDS[i]`); the token counts of those fields, document after document in
 * field order (so a query reads them in sequence, not from a table indexed by id). lunr's
 * `documentsWithTerm` is the number of (document, field) pairs: `lengths.length`.
 */
export interface TermPostings {
  readonly docs: Int32Array
  readonly fields: Uint8Array
  readonly lengths: Uint16Array
  /**
   * Per document, the sum over its fields of lunr's weight for one occurrence, with the idf and
   * average field lengths of `basis` (the corpus when the token was read; later writes do not
   * change it, so the estimate may lag the corpus a little).
   */
  readonly impact: Float32Array
  readonly basis: Basis
}

/** The corpus statistics an impact was computed with. */
export interface Basis { readonly idf: number; readonly avg: readonly number[] }

/** Document count and average field lengths (`SEARCH_FIELDS` order). */
export interface CorpusBasis { readonly docs: number; readonly avg: readonly number[] }

const impactOf = (basis: Basis, mask: number, lengths: ArrayLike<number>, at: number): number => {
  let sum = 0
  for (let f = 0, k = at, rest = mask; rest !== 0; f++, rest >>= 1) {
    if ((rest & 1) !== 0) sum += termWeight(basis.idf, 1, lengths[k++] as number, basis.avg[f] as number, SEARCH_FIELDS[f] as SearchField)
  }
  return sum
}

/** Set bits of each byte value (field masks have 8 bits). */
const POPCOUNT = Uint8Array.from({ length: 256 }, (_, m) => { let n = 0; for (; m; m &= m - 1) n++; return n })

/** Every document's impact from its field mask and the field lengths stored document after document. */
function impacts(basis: Basis, fields: Uint8Array, lengths: Uint16Array): Float32Array {
  const out = new Float32Array(fields.length)
  for (let i = 0, at = 0; i < fields.length; i++) {
    const mask = fields[i] as number
    out[i] = impactOf(basis, mask, lengths, at)
    at += POPCOUNT[mask] as number
  }
  return out
}

/** One document's tokens per field, as the write path knows them. */
export interface DocTokens { id: number; fields: readonly (readonly string[])[] }

/** Postings kept in memory across all tokens before the least recently used are dropped (11–13 bytes each: id, field mask, impact, field lengths). */
const MAX_POSTINGS = 10_000_000

/** Changes queued for one token before its cached postings are dropped instead (a token written to often but not searched). */
const MAX_PENDING = 5_000

/** Tokens read per statement (8 column filters each; SQLite allows 500 compound SELECTs). */
const LOAD_CHUNK = 60

/** An added document's field mask and the token counts of those fields. */
interface Added { fields: number; lengths: number[] }
interface Pending { remove: number[]; add: Map<number, Added> }
interface Entry { postings: TermPostings; pending: Pending | null }

interface State {
  /** Bumped by every change; a read that began before one is used once but not cached. */
  version: number
  entries: Map<string, Entry>
  size: number
  lengths: Promise<Int32Array> | null
}

const states = new WeakMap<Client, State>()
const stateOf = (client: Client): State => {
  let s = states.get(client)
  if (!s) states.set(client, s = { version: 0, entries: new Map(), size: 0, lengths: null })
  return s
}

/** Forget everything cached for this client (after a write this module was not told about). */
export function resetPostings(client: Client): void {
  states.delete(client)
}

/** How many tokens' postings this client holds in memory. */
export function cachedTokens(client: Client): number {
  return states.get(client)?.entries.size ?? 0
}

/** The integers of a `group_concat` of non-negative integers (ascending when the source is). */
export function parseIds(list: unknown): Int32Array {
  if (list === null || list === undefined || list === '') return new Int32Array(0)
  const s = String(list)
  let n = 1
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 44) n++
  const out = new Int32Array(n)
  let k = 0
  let v = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 44) { out[k++] = v; v = 0 } else v = v * 10 + (c - 48)
  }
  out[k] = v
  return out
}

/** A token count as stored (counts beyond 65 535 only blur the estimate, never an exact score). */
const clampLength = (n: number): number => Math.min(n, 0xffff)

/** Merge per-field id lists (each ascending) into documents with field masks and field lengths (`docLengths` as from `fieldLengths`). */
export function fromFieldLists(lists: readonly Int32Array[], docLengths: Int32Array, corpus: CorpusBasis): TermPostings {
  const at = new Int32Array(lists.length)
  let total = 0
  for (const l of lists) total += l.length
  const docs = new Int32Array(total)
  const fields = new Uint8Array(total)
  const lengths = new Uint16Array(total)
  let n = 0
  let k = 0
  // Plain loops, no callbacks: this merge runs once per list entry of a token's first read.
  for (;;) {
    let min = -1
    for (let f = 0; f < lists.length; f++) {
      const l = lists[f] as Int32Array, a = at[f] as number
      if (a < l.length && (min < 0 || (l[a] as number) < min)) min = l[a] as number
    }
    if (min < 0) break
    let mask = 0
    for (let f = 0; f < lists.length; f++) {
      const l = lists[f] as Int32Array, a = at[f] as number
      if (a >= l.length || l[a] !== min) continue
      mask |= 1 << f
      at[f] = a + 1
      lengths[k++] = clampLength(docLengths[min * FIELDS + f] ?? 0)
    }
    docs[n] = min
    fields[n++] = mask
  }
  const basis = { idf: lunrIdf(total, corpus.docs), avg: corpus.avg }
  const masks = fields.slice(0, n)
  return { docs: docs.slice(0, n), fields: masks, lengths, impact: impacts(basis, masks, lengths), basis }
}

async function readTokens(client: Client, tokens: readonly string[], docLengths: Int32Array, corpus: CorpusBasis): Promise<Map<string, TermPostings>> {
  const out = new Map<string, TermPostings>()
  for (let i = 0; i < tokens.length; i += LOAD_CHUNK) {
    const chunk = tokens.slice(i, i + LOAD_CHUNK)
    const parts: string[] = []
    const args: string[] = []
    chunk.forEach((t, ti) => SEARCH_FIELDS.forEach((f, fi) => {
      parts.push(`SELECT ${ti * FIELDS + fi} AS k, group_concat(rowid) AS ids FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid)`)
      args.push(`{${f}} : ${quote(t)}`)
    }))
    const rs = await client.execute({ sql: parts.join(' UNION ALL '), args })
    const lists = chunk.map(() => Array.from({ length: FIELDS }, () => new Int32Array(0)))
    for (const r of rs.rows) {
      const k = Number(r.k)
      ;(lists[Math.floor(k / FIELDS)] as Int32Array[])[k % FIELDS] = parseIds(r.ids)
    }
    chunk.forEach((t, ti) => out.set(t, fromFieldLists(lists[ti] as Int32Array[], docLengths, corpus)))
  }
  return out
}

/** First index of `docs` (ascending) holding an id not below `id`. */
function lowerBound(docs: Int32Array, id: number): number {
  let lo = 0, hi = docs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((docs[mid] as number) < id) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * `p` without the documents in `remove` and with those in `add` (an id may be in both: the added one
 * stays), ascending. The unchanged runs between changed ids are copied whole: a write changes a few
 * documents of postings that may hold a hundred thousand, and copying them entry by entry was most of
 * the first search after a write.
 */
export function applyPending(p: TermPostings, { remove, add }: Pending): TermPostings {
  // Changed ids ascending, each with where it is (or would be) in `p`.
  const changed = Int32Array.from(new Set([...remove, ...add.keys()])).sort()
  const at = Int32Array.from(changed, (id) => lowerBound(p.docs, id))
  const present = (c: number) => p.docs[at[c] as number] === changed[c]
  let docCount = p.docs.length
  let room = p.lengths.length
  for (let c = 0; c < changed.length; c++) {
    const a = add.get(changed[c] as number)
    if (present(c)) { docCount--; room -= POPCOUNT[p.fields[at[c] as number] as number] as number }
    if (a) { docCount++; room += a.lengths.length }
  }
  const docs = new Int32Array(docCount)
  const fields = new Uint8Array(docCount)
  const impact = new Float32Array(docCount)
  const lengths = new Uint16Array(room)
  let n = 0 // next output document
  let k = 0 // next output length
  let i = 0 // next input document
  let li = 0 // its first length
  const copyTo = (end: number) => {
    let width = 0
    for (let j = i; j < end; j++) width += POPCOUNT[p.fields[j] as number] as number
    docs.set(p.docs.subarray(i, end), n)
    fields.set(p.fields.subarray(i, end), n)
    impact.set(p.impact.subarray(i, end), n)
    lengths.set(p.lengths.subarray(li, li + width), k)
    n += end - i
    k += width
    i = end
    li += width
  }
  for (let c = 0; c < changed.length; c++) {
    copyTo(at[c] as number)
    if (present(c)) { li += POPCOUNT[p.fields[i] as number] as number; i++ }
    const id = changed[c] as number
    const a = add.get(id)
    if (!a) continue
    impact[n] = impactOf(p.basis, a.fields, a.lengths, 0)
    docs[n] = id
    fields[n++] = a.fields
    for (const len of a.lengths) lengths[k++] = clampLength(len)
  }
  copyTo(p.docs.length)
  return { docs, fields, lengths, impact, basis: p.basis }
}

/**
 * `p` with its impacts computed again from the corpus statistics of now, when its idf has moved by
 * more than 1 % since they were computed (a token that gained or lost many documents by writes).
 */
function rebase(p: TermPostings, corpus: CorpusBasis): TermPostings {
  const idf = lunrIdf(p.lengths.length, corpus.docs)
  if (Math.abs(idf - p.basis.idf) <= 0.01 * p.basis.idf) return p
  const basis = { idf, avg: corpus.avg }
  return { ...p, impact: impacts(basis, p.fields, p.lengths), basis }
}

function settle(state: State, entry: Entry, corpus: CorpusBasis): TermPostings {
  if (entry.pending) {
    const before = entry.postings.docs.length
    entry.postings = rebase(applyPending(entry.postings, entry.pending), corpus)
    entry.pending = null
    state.size += entry.postings.docs.length - before
  }
  return entry.postings
}

/**
 * Postings of each token (missing tokens are read from the database first). Every token asked
 * for is in the returned map, empty when it is not indexed.
 */
export async function fieldPostings(client: Client, tokens: Iterable<string>, corpus: CorpusBasis): Promise<Map<string, TermPostings>> {
  const state = stateOf(client)
  const out = new Map<string, TermPostings>()
  const missing: string[] = []
  for (const t of new Set(tokens)) {
    const e = state.entries.get(t)
    if (!e) { missing.push(t); continue }
    state.entries.delete(t) // re-insert: the map's order is the recency order
    state.entries.set(t, e)
    out.set(t, settle(state, e, corpus))
  }
  if (missing.length === 0) return out
  const version = state.version
  const read = await readTokens(client, missing, await fieldLengths(client), corpus)
  for (const [t, postings] of read) {
    out.set(t, postings)
    if (stateOf(client) !== state || state.version !== version || state.entries.has(t)) continue
    state.entries.set(t, { postings, pending: null })
    state.size += postings.docs.length
  }
  for (const [t, e] of state.entries) {
    if (state.size <= MAX_POSTINGS) break
    state.entries.delete(t)
    state.size -= e.postings.docs.length
  }
  return out
}

/** Token counts of every document, field by field: `lengths[id * SEARCH_FIELDS.length + field]`. */
function fieldLengths(client: Client): Promise<Int32Array> {
  const state = stateOf(client)
  if (!state.lengths) {
    const read = readLengths(client)
    state.lengths = read
    read.catch(() => { if (state.lengths === read) state.lengths = null })
  }
  return state.lengths
}

async function readLengths(client: Client): Promise<Int32Array> {
  const rs = await client.execute(
    `SELECT group_concat(id) AS id, ${SEARCH_FIELDS.map((f, i) => `group_concat(${LEN_COLS[i]}) AS ${f}`).join(', ')}
     FROM (SELECT id, ${LEN_COLS.join(', ')} FROM ${DOC_LENGTHS} ORDER BY id)`)
  const row = rs.rows[0]
  const ids = parseIds(row?.id)
  const out = new Int32Array((ids.length > 0 ? (ids[ids.length - 1] as number) + 1 : 0) * FIELDS)
  SEARCH_FIELDS.forEach((f, fi) => {
    const values = parseIds(row?.[f])
    ids.forEach((id, i) => { out[id * FIELDS + fi] = values[i] as number })
  })
  return out
}

/**
 * Tell the cache what a write changed: the documents it removed and those it added (an id may be
 * in both when SQLite reuses it). Call after the write committed, before the next read.
 */
export function applyChanges(client: Client, removed: readonly DocTokens[], added: readonly DocTokens[]): void {
  const state = states.get(client)
  if (!state) return
  state.version++
  const masks = (d: DocTokens) => {
    const m = new Map<string, Added>()
    d.fields.forEach((tokens, f) => {
      for (const t of new Set(tokens)) {
        const a = m.get(t) ?? { fields: 0, lengths: [] }
        a.fields |= 1 << f
        a.lengths.push(tokens.length)
        m.set(t, a)
      }
    })
    return m
  }
  const touched = new Set<string>()
  const pending = (t: string): Pending | null => {
    const e = state.entries.get(t)
    if (!e) return null
    touched.add(t)
    return e.pending ??= { remove: [], add: new Map() }
  }
  // Removals first, and each also cancels an addition queued by an earlier write (added, then
  // deleted before the token was read again); an id added back by this write stays.
  for (const d of removed) {
    for (const t of masks(d).keys()) {
      const p = pending(t)
      if (p) { p.remove.push(d.id); p.add.delete(d.id) }
    }
  }
  for (const d of added) for (const [t, m] of masks(d)) pending(t)?.add.set(d.id, m)
  for (const t of touched) {
    const e = state.entries.get(t) as Entry
    if ((e.pending?.remove.length ?? 0) + (e.pending?.add.size ?? 0) <= MAX_PENDING) continue
    state.entries.delete(t)
    state.size -= e.postings.docs.length
  }
  if (state.lengths && added.length > 0) {
    const next = state.lengths.then((lengths) => {
      const size = Math.max(lengths.length, ...added.map((d) => (d.id + 1) * FIELDS))
      let out = lengths
      if (size > lengths.length) {
        out = new Int32Array(Math.max(size, Math.ceil(lengths.length / FIELDS * 1.25) * FIELDS))
        out.set(lengths)
      }
      for (const d of added) d.fields.forEach((tokens, f) => { out[d.id * FIELDS + f] = tokens.length })
      return out
    })
    state.lengths = next
    next.catch(() => { if (state.lengths === next) state.lengths = null })
  }
}
