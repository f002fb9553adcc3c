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
 * A 32-bit set of the characters a string holds (each character hashed to one bit). One edit changes
 * whether at most two characters occur (a substitution drops one and brings one; an insertion or a
 * deletion one; a transposition none), so two strings within n edits differ in at most 2n bits: a
 * test that rejects most of a vocabulary before any edit distance is computed.
 */
export function charMask(s: string): number {
  let m = 0
  for (let i = 0; i < s.length; i++) m |= 1 << (Math.imul(s.charCodeAt(i), 0x9e3779b1) >>> 27)
  return m
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333)
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24)
}

/** Tokens of one length, in no particular order, with their `charMask`s. */
export interface FuzzyGroup { readonly tokens: string[]; readonly masks: number[] }

/**
 * Indexed tokens grouped by length, and how many documents hold each. A listed token with no
 * documents (0 or absent in `docs`) is no longer indexed and is skipped, so a writer keeps the groups
 * current by adding new tokens only (`addFuzzyToken`).
 */
export interface FuzzyVocabulary {
  readonly byLength: ReadonlyMap<number, FuzzyGroup>
  readonly docs: ReadonlyMap<string, number>
}

/** List a token in its group (once: the caller adds only tokens new to `docs`). */
export function addFuzzyToken(vocab: FuzzyVocabulary, token: string): void {
  const byLength = vocab.byLength as Map<number, FuzzyGroup>
  let group = byLength.get(token.length)
  if (!group) byLength.set(token.length, group = { tokens: [], masks: [] })
  group.tokens.push(token)
  group.masks.push(charMask(token))
}

/**
 * Group the tokens of `docs` (token → documents holding it) for `fuzzyTerms`; `docs` is used as is, not
 * copied. Every token is listed, also one at 0: a writer lists a token when it first enters `docs`, so
 * one at 0 that documents hold again later must be listed already.
 */
export function fuzzyVocabulary(docs: ReadonlyMap<string, number>): FuzzyVocabulary {
  const vocab: FuzzyVocabulary = { byLength: new Map(), docs }
  for (const term of docs.keys()) addFuzzyToken(vocab, term)
  return vocab
}

/**
 * Indexed tokens within `distance` edits (insert, delete, substitute, transpose) of `term`, at most
 * `MAX_EXPANSIONS`: shorter tokens first, and within one length the most frequent first (then in
 * code-unit order). Only the matches are sorted, so the groups need no order and a write need not
 * sort the vocabulary again.
 */
export function fuzzyTerms(vocab: FuzzyVocabulary, term: string, distance: number): string[] {
  const out: Array<{ t: string; n: number }> = []
  const mask = charMask(term)
  for (let len = Math.max(1, term.length - distance); len <= term.length + distance; len++) {
    const group = vocab.byLength.get(len)
    if (!group) continue
    for (let i = 0; i < group.tokens.length; i++) {
      if (bitCount(mask ^ (group.masks[i] as number)) > 2 * distance) continue
      const t = group.tokens[i] as string
      if (editDistance(term, t, distance) > distance) continue
      const n = vocab.docs.get(t) ?? 0
      if (n > 0) out.push({ t, n })
    }
  }
  out.sort((a, b) => a.t.length - b.t.length || b.n - a.n || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0))
  return out.slice(0, MAX_EXPANSIONS).map((m) => m.t)
}
