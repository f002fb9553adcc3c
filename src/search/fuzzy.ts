/**
 * Fuzzy terms (`term~n`) for both search engines: every indexed token within n
 * edits by optimal-string-alignment distance. lunr's own automaton is not that
 * distance (on the seeds `toward~2` matched `outward`, three edits away; see also
 * olivernn/lunr.js#375, #390), so both engines expand a fuzzy clause with this one
 * function over their indexed vocabulary and give the same matches.
 * @module
 */
import { editDistance } from '../text/edit-distance.ts'

/** Maximum tokens one fuzzy or wildcard clause expands to (see `fuzzyTerms` and fts.ts `patternTerms` for which are kept). */
export const MAX_EXPANSIONS = 512

/** Indexed tokens grouped by length, each group ordered by document count (descending), then token. */
export type FuzzyVocabulary = ReadonlyMap<number, readonly string[]>

/** Group `[token, documents containing it]` pairs for `fuzzyTerms`. */
export function fuzzyVocabulary(entries: Iterable<readonly [string, number]>): FuzzyVocabulary {
  const sorted = [...entries].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
  const byLength = new Map<number, string[]>()
  for (const [term] of sorted) {
    const list = byLength.get(term.length)
    if (list) list.push(term)
    else byLength.set(term.length, [term])
  }
  return byLength
}

/**
 * Indexed tokens within `distance` edits (insert, delete, substitute, transpose) of `term`, at most
 * `MAX_EXPANSIONS`: shorter tokens first, and within one length the most frequent first.
 */
export function fuzzyTerms(vocab: FuzzyVocabulary, term: string, distance: number): string[] {
  const out: string[] = []
  for (let len = Math.max(1, term.length - distance); len <= term.length + distance; len++) {
    for (const t of vocab.get(len) ?? []) {
      if (editDistance(term, t, distance) <= distance) out.push(t)
    }
  }
  return out.slice(0, MAX_EXPANSIONS)
}
