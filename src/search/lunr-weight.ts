/**
 * lunr's term weighting, for the FTS5 engine's exact scores (fts.ts) and its candidate estimate
 * (postings.ts): BM25 per field with lunr.Builder's defaults and lunr's rounding.
 * @module
 */
import { FIELD_BOOSTS, type SearchField } from './documents.ts'

/** lunr's BM25 constants (lunr.Builder defaults). */
const K1 = 1.2
const B = 0.75

/** lunr's idf: `documentsWithTerm` counts a document once per field that holds the term. */
export const lunrIdf = (fieldDocs: number, docs: number): number =>
  Math.log(1 + Math.abs((docs - fieldDocs + 0.5) / (fieldDocs + 0.5)))

/** lunr's weight of a term occurring `n` times in a field of `length` tokens (average `avg`), rounded as lunr rounds it. */
export const termWeight = (idf: number, n: number, length: number, avg: number, f: SearchField): number =>
  Math.round(idf * ((K1 + 1) * n) / (K1 * (1 - B + B * (length / (avg || 1))) + n) * FIELD_BOOSTS[f] * 1000) / 1000
