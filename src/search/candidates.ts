/**
 * Which documents match a query and which of them to score exactly, from in-memory postings
 * (postings.ts) instead of an FTS5 MATCH over every matching row. Pure: no IO.
 *
 * Matching follows the FTS5 expression `ftsMatchExpression` builds: with required clauses a
 * document needs every one of them, otherwise any optional clause; no prohibited clause may match.
 * A clause matches when any of its tokens is in any of its fields.
 *
 * The documents to score exactly are all matches when there are at most `exact`; otherwise the
 * best `pool` by lunr's formula with each token counted once per field (the postings hold which
 * fields a token is in, not how often). With the corpus statistics of the moment that estimate
 * equals lunr's score whenever a matched token occurs once per field, and is below it otherwise
 * (lunr's term weight grows with the count). For a clause searching every field the postings'
 * stored impacts are used instead, computed with the statistics of when the token was read or its
 * idf last moved by more than 1 % (postings.ts, `rebase`), so they may differ slightly either way.
 * @module
 */
import { SEARCH_FIELDS } from './documents.ts'
import type { TermPostings } from './postings.ts'

const FIELDS = SEARCH_FIELDS.length

export interface CandidateClause {
  presence: 'required' | 'optional' | 'prohibited'
  /** Field indexes (`SEARCH_FIELDS` order) the clause searches. */
  fields: readonly number[]
  tokens: readonly string[]
}

/** One query-vector entry: a token in a field, its coefficient (clause boost / field vector magnitude) and weight function. */
export interface EstimateTerm {
  token: string
  field: number
  coefficient: number
  /** lunr's (rounded) term weight for a token occurring once in a field of `length` tokens. */
  weight(length: number): number
}

export interface CandidateQuery {
  clauses: readonly CandidateClause[]
  estimate: readonly EstimateTerm[]
  postings: ReadonlyMap<string, TermPostings>
  /** Score every match exactly when there are at most this many. */
  exact: number
  /** Otherwise, how many of the best estimated to score exactly. */
  pool: number
}

export interface Candidates { total: number; ids: number[] }

/** What one token contributes: the clause bits it sets (per clause: the clause bit and its field mask) and its estimate per field. */
interface TokenPass {
  postings: TermPostings
  clauses: Array<{ bit: number; fields: number }>
  estimate: Array<EstimateTerm | undefined>
}

const WEIGHT_TABLE = 4096
const ALL_FIELDS = (1 << FIELDS) - 1

export function selectCandidates(q: CandidateQuery): Candidates {
  if (q.clauses.length > 16) throw new RangeError('at most 16 clauses (one bit each in a 16-bit mask)')
  let required = 0
  let optional = 0
  let prohibited = 0
  const tokens = new Map<string, TokenPass>()
  const pass = (token: string): TokenPass | undefined => {
    let p = tokens.get(token)
    const postings = q.postings.get(token)
    if (!p && postings && postings.docs.length > 0) tokens.set(token, p = { postings, clauses: [], estimate: Array.from({ length: FIELDS }, () => undefined) })
    return p
  }
  q.clauses.forEach((c, i) => {
    const bit = 2 ** i
    if (c.presence === 'required') required |= bit
    else if (c.presence === 'optional') optional |= bit
    else prohibited |= bit
    const fields = c.fields.reduce((m, f) => m | (1 << f), 0)
    for (const t of c.tokens) pass(t)?.clauses.push({ bit, fields })
  })
  for (const e of q.estimate) { const p = pass(e.token); if (p) p.estimate[e.field] = e }

  let size = 0
  for (const { postings } of tokens.values()) size = Math.max(size, (postings.docs[postings.docs.length - 1] as number) + 1)
  const { mask, touched, score, matched } = scratch(size)
  let seen = 0
  for (const { postings: { docs, fields, lengths, impact }, clauses, estimate } of tokens.values()) {
    const single = clauses.length === 1 && clauses[0]?.fields === ALL_FIELDS ? (clauses[0]?.bit as number) : -1
    // Every field weighted alike (a clause without a field restriction): the stored impacts are the estimate.
    const c = estimate[0]?.coefficient
    const uniform = c !== undefined && estimate.every((e) => e?.coefficient === c) ? c : -1
    if (single >= 0 && uniform >= 0) {
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i] as number
        const m = mask[d] as number
        if (m === 0) touched[seen++] = d
        mask[d] = m | single
        score[d] = (score[d] as number) + uniform * (impact[i] as number)
      }
      continue
    }
    // Only the fields this token has an estimate for are read below: clear those (a wide fuzzy or
    // wildcard clause takes this path for hundreds of tokens).
    for (let f = 0; f < FIELDS; f++) if (estimate[f] !== undefined) (weightTables[f] as Float64Array).fill(NaN)
    for (let i = 0, k = 0; i < docs.length; i++) {
      const d = docs[i] as number
      const fm = fields[i] as number
      let bits = single
      if (bits < 0) {
        bits = 0
        for (const c of clauses) if ((fm & c.fields) !== 0) bits |= c.bit
      }
      let s = 0
      for (let f = 0, rest = fm; rest !== 0; f++, rest >>= 1) {
        if ((rest & 1) === 0) continue
        const length = lengths[k++] as number
        const e = estimate[f]
        if (e === undefined) continue
        const table = weightTables[f] as Float64Array
        let w = length < WEIGHT_TABLE ? table[length] as number : NaN
        if (w !== w) {
          w = e.coefficient * e.weight(length)
          if (length < WEIGHT_TABLE) table[length] = w
        }
        s += w
      }
      if (bits === 0) continue
      const m = mask[d] as number
      if (m === 0) touched[seen++] = d
      mask[d] = m | bits
      score[d] = (score[d] as number) + s
    }
  }
  // One pass over the touched documents: reset their masks, keep the matches and, among them,
  // the best `pool` by estimate (a bounded min-heap; most documents fall below its floor).
  const heap = new Heap(score, q.pool)
  let total = 0
  for (let i = 0; i < seen; i++) {
    const d = touched[i] as number
    const m = mask[d] as number
    mask[d] = 0
    if ((m & prohibited) !== 0 || (required !== 0 ? (m & required) !== required : (m & optional) === 0)) continue
    matched[total++] = d
    heap.offer(d)
  }
  const ids = total <= q.exact ? Array.from(matched.subarray(0, total)).sort((a, b) => a - b) : heap.best()
  for (let i = 0; i < seen; i++) score[touched[i] as number] = 0
  return { total, ids }
}

/** The `k` ids with the highest score offered (ties: lower id first). */
class Heap {
  readonly #ids: number[] = []
  readonly #score: Float64Array
  readonly #k: number
  #floor = -Infinity // the lowest score kept, once `k` are kept

  constructor(score: Float64Array, k: number) {
    this.#score = score
    this.#k = k
  }

  /** `a` ranks below `b`: lower score, or equal score and higher id. */
  #below(a: number, b: number): boolean {
    const s = this.#score
    return (s[a] as number) < (s[b] as number) || (s[a] === s[b] && a > b)
  }

  offer(d: number): void {
    const h = this.#ids
    if (h.length < this.#k) {
      h.push(d)
      for (let i = h.length - 1; i > 0;) {
        const p = (i - 1) >> 1
        if (!this.#below(h[i] as number, h[p] as number)) break
        const t = h[i] as number
        h[i] = h[p] as number
        h[p] = t
        i = p
      }
      if (h.length === this.#k) this.#floor = this.#score[h[0] as number] as number
    } else if (this.#k > 0 && (this.#score[d] as number) >= this.#floor && this.#below(h[0] as number, d)) {
      h[0] = d
      for (let i = 0; ;) {
        const l = 2 * i + 1
        const r = l + 1
        let m = i
        if (l < h.length && this.#below(h[l] as number, h[m] as number)) m = l
        if (r < h.length && this.#below(h[r] as number, h[m] as number)) m = r
        if (m === i) break
        const t = h[i] as number
        h[i] = h[m] as number
        h[m] = t
        i = m
      }
      this.#floor = this.#score[h[0] as number] as number
    }
  }

  /** The kept ids, best first. */
  best(): number[] {
    return [...this.#ids].sort((a, b) => (this.#below(a, b) ? 1 : this.#below(b, a) ? -1 : 0))
  }
}

/** Per field, lunr's weight by field length for the token being scanned (NaN: not computed yet). */
const weightTables = Array.from({ length: FIELDS }, () => new Float64Array(WEIGHT_TABLE))

/**
 * Working arrays indexed by document id, reused across calls (the selection is synchronous) and
 * left zeroed: only touched entries are written, and they are reset before returning.
 */
let work = { mask: new Uint16Array(0), touched: new Int32Array(0), score: new Float64Array(0), matched: new Int32Array(0) }
function scratch(size: number): typeof work {
  if (work.mask.length < size) {
    const n = Math.max(size, Math.ceil(work.mask.length * 1.25))
    work = { mask: new Uint16Array(n), touched: new Int32Array(n), score: new Float64Array(n), matched: new Int32Array(n) }
  }
  return work
}
