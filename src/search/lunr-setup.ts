/**
 * Process-wide lunr configuration for the shared tokenizer. lunr keeps its
 * separator in two globals — `lunr.tokenizer.separator` (indexing) and
 * `lunr.QueryLexer.termSeparator` (query parsing), the second copied from the
 * first only once at load (olivernn/lunr.js#493) — so both are set here, and the
 * pipeline functions are registered once so serialised indexes can be loaded.
 * `TokenSet.fromClause` is wrapped so a clause carrying `expandedTerms` matches
 * exactly those tokens (fuzzy clauses; lunr's automaton misses some, see fuzzy.ts).
 * `TokenSet.prototype.toString` is replaced: lunr keys nodes by `label + childId`
 * while minimising its token DAWG, so a digit label runs into the id ("3" + 12 =
 * "31" + 2) and unrelated nodes merge. With digit-bearing chemical tokens that
 * dropped `c3h6o3` and `cm-3` from the index and invented `c3h6o2/smtd.…`.
 * Every lunr index in the process sees these settings.
 * @module
 */
import lunr from 'lunr'
import { expandToken, LUNR_SEPARATOR, prepareText, queryTerms } from './tokenize.ts'

export const INDEX_PIPELINE_LABEL = 'liAnodeSearchIndexToken'
export const QUERY_PIPELINE_LABEL = 'liAnodeSearchQueryToken'

/** Index pipeline: one raw token → its whole form and parts (see tokenize.ts). */
export const indexTokenFunction: lunr.PipelineFunction = (token) => {
  const out = expandToken(token.toString())
  return out.map((s) => token.clone(() => s)) as unknown as lunr.Token
}

/**
 * Search pipeline, used only by a plain `index.search()` (our own path hands lunr
 * already-normalised terms): fold the term, then take its whole form.
 */
export const queryTokenFunction: lunr.PipelineFunction = (token) => {
  const out = queryTerms(prepareText(token.toString()))
  return out.map((s) => token.clone(() => s)) as unknown as lunr.Token
}

let configured = false

/** A clause whose matching tokens were computed by us (see fuzzy.ts); lunr matches exactly these. */
export interface ExpandedClause { expandedTerms: readonly string[] }

type FromClause = (clause: object) => lunr.TokenSet
interface TokenSetNode { final: boolean; edges: Record<string, TokenSetNode & { id: number }>; _str?: string }

/** lunr's node signature with a terminator after each child id (a label is one UTF-16 unit), so it is unambiguous. */
function tokenSetSignature(this: TokenSetNode): string {
  if (this._str) return this._str
  let str = this.final ? '1' : '0'
  for (const label of Object.keys(this.edges).sort()) str += `${label}${(this.edges[label] as { id: number }).id},`
  return str
}
const hasExpansion = (c: object): c is ExpandedClause => Array.isArray((c as Partial<ExpandedClause>).expandedTerms)

interface LunrGlobals {
  QueryLexer: { termSeparator: RegExp }
  Pipeline: { registeredFunctions: Record<string, unknown> }
}

/** Idempotent. */
export function configureLunr(): void {
  const g = lunr as unknown as LunrGlobals
  if (configured && lunr.tokenizer.separator === LUNR_SEPARATOR && g.QueryLexer.termSeparator === LUNR_SEPARATOR) return
  lunr.tokenizer.separator = LUNR_SEPARATOR
  g.QueryLexer.termSeparator = LUNR_SEPARATOR
  if (!(INDEX_PIPELINE_LABEL in g.Pipeline.registeredFunctions)) lunr.Pipeline.registerFunction(indexTokenFunction, INDEX_PIPELINE_LABEL)
  if (!(QUERY_PIPELINE_LABEL in g.Pipeline.registeredFunctions)) lunr.Pipeline.registerFunction(queryTokenFunction, QUERY_PIPELINE_LABEL)
  if (!configured) {
    const tokenSet = lunr.TokenSet as unknown as { fromClause: FromClause; fromArray(sorted: string[]): lunr.TokenSet }
    const original = tokenSet.fromClause
    tokenSet.fromClause = (clause) => hasExpansion(clause) ? tokenSet.fromArray([...new Set(clause.expandedTerms)].sort()) : original(clause)
    ;(lunr.TokenSet.prototype as unknown as { toString: () => string }).toString = tokenSetSignature
  }
  configured = true
}

configureLunr()
