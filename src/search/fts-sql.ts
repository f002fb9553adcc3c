/**
 * SQL fragments shared by the FTS5 engine (fts.ts) and its in-memory postings (postings.ts).
 * @module
 */
import { SEARCH_FIELDS } from './documents.ts'

/** `search_doc`'s token count column of each field, in `SEARCH_FIELDS` order. */
export const LEN_COLS: readonly string[] = SEARCH_FIELDS.map((f) => `len_${f}`)

/**
 * `search_doc` read through its covering index of field lengths: in the table the lengths follow the
 * stored text, so reading them there walks its overflow pages (twice the time of a 50-row pool).
 */
export const DOC_LENGTHS = 'search_doc INDEXED BY search_doc_lengths'

/** A token as an FTS5 string (a phrase of one token). */
export const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`
