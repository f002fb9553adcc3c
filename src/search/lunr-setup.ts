/**
 * Process-wide lunr configuration for the shared tokenizer. lunr keeps its
 * separator in two globals — `lunr.tokenizer.separator` (indexing) and
 * `lunr.QueryLexer.termSeparator` (query parsing), the second copied from the
 * first only once at load (olivernn/lunr.js#493) — so both are set here, and the
 * pipeline functions are registered once so serialised indexes can be loaded.
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
  configured = true
}

configureLunr()
