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

/**
 * Indexed tokens grouped by length (in no particular order), and how many documents hold each. A
 * listed token with no documents (0 or absent in `docs`) is no longer indexed and is skipped, so a
 * writer can keep the groups current by listing new tokens only.
 */
export interface FuzzyVocabulary {
  readonly byLength: ReadonlyMap<number, readonly string[]>
  readonly docs: ReadonlyMap<string, number>
}

/** The same, with groups a writer adds new tokens to. */
export interface GrowingFuzzyVocabulary extends FuzzyVocabulary { readonly byLength: Map<number, string[]> }

/** Group the tokens of `docs` (token → documents holding it) for `fuzzyTerms`; `docs` is used as is, not copied. */
export function fuzzyVocabulary(docs: ReadonlyMap<string, number>): GrowingFuzzyVocabulary {
  const byLength = new Map<number, string[]>()
  for (const [term, n] of docs) {
    if (n <= 0) continue
    const list = byLength.get(term.length)
    if (list) list.push(term)
    else byLength.set(term.length, [term])
  }
  return { byLength, docs }
}

/**
 * Indexed tokens within `distance` edits (insert, delete, substitute, transpose) of `term`, at most
 * `MAX_EXPANSIONS`: shorter tokens first, and within one length the most frequent first (then in
 * code-unit order). Only the matches are sorted, so the groups need no order and a write need not
 * sort the vocabulary again.
 */
export function fuzzyTerms(vocab: FuzzyVocabulary, term: string, distance: number): string[] {
  const out: Array<{ t: string; n: number }> = []
  for (let len = Math.max(1, term.length - distance); len <= term.length + distance; len++) {
    for (const t of vocab.byLength.get(len) ?? []) {
      if (editDistance(term, t, distance) > distance) continue
      const n = vocab.docs.get(t) ?? 0
      if (n > 0) out.push({ t, n })
    }
  }
  out.sort((a, b) => a.t.length - b.t.length || b.n - a.n || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
  return out.slice(0, MAX_EXPANSIONS).map((m) => m.t)
}
