/**
 * Parse a researcher's free-text question ("what happens at 3 mA cm⁻² with
 * FEC?", "Li||Cu 1 M LiPF6 EC:DEC + 5 wt% FEC at 2 mA/cm2", "compare OM and
 * TEM for SEI") into an intent, prediction conditions in canonical units and
 * knowledge-base ids, the techniques and topics it mentions — and an
 * explanation: the span of every piece that was understood, every token that
 * was not, and every assumption made. Deterministic (word lists, the
 * vocabulary index and the unit parser; no model) and total: it never throws.
 * @module
 */
import type { VocabIndex } from '../kb/vocab-index.ts'
import type { PredictionConfigInput } from '../predict/configuration.ts'
import { interpret, type RecognisedSpan } from './interpret.ts'
import { makeClassifier, scanText, type ParseOptions } from './scan.ts'

export type { ParseOptions } from './scan.ts'
export type { RecognisedSpan } from './interpret.ts'

export type QuestionIntent = 'predict' | 'compare-techniques' | 'search'

export interface ParsedQuestion {
  text: string
  intent: QuestionIntent
  /** Conditions in canonical units (mA/cm², mAh/cm², °C, kPa, M, µm) and material ids. */
  conditions: Partial<PredictionConfigInput>
  /** Technique families (`optical`, `tem`…) for generic names, technique ids for specific ones. */
  techniques: string[]
  /** `sei`, `dendrites`, `dead-li`, `nucleation`, `short-circuit`, `3d-structure`, `morphology`, `stripping`… */
  topics: string[]
  /** Every span understood, in text order. */
  recognised: RecognisedSpan[]
  /** Content tokens not understood (stop words excluded), in text order. */
  unrecognised: string[]
  /** Choices the parser made that the text did not spell out. */
  assumptions?: string[]
  /** Nearest vocabulary ids for unrecognised tokens that look like names. */
  suggestions?: Record<string, string[]>
}

/** Longest text read; the rest is reported as an assumption. */
export const MAX_QUESTION_LENGTH = 4000

/** Unrecognised tokens that get vocabulary suggestions (each costs a scan of the vocabulary). */
const MAX_SUGGESTED = 3
/** Chemical formulas, acronyms and technique names: `LiPF7`, `LiBOB`, `cryo-EM`. */
const LOOKS_LIKE_NAME = /^[A-Za-z][A-Za-z0-9()\-–.@]+$/

const TECHNIQUE_NOUN = String.raw`(?:techniques?|methods?|microscop(?:y|ies|es?)|tools?|instruments?|imaging\s+(?:techniques?|methods?|modes?))`
/** "which technique", "what microscopy", "best imaging method", "most suitable tool". */
const WHICH_TECHNIQUE = new RegExp(String.raw`\b(?:which|what|best|better|most\s+suitable|suitable|appropriate|right|ideal|recommended)\s+(?:[\w-]+\s+){0,2}?${TECHNIQUE_NOUN}\b`, 'i')
const CHOICE = /\b(or|better|best|which|vs\.?|versus)\b/i
const PREDICTIVE = /\b(what happens|what will|what would|predict|prediction|expect|will|would|happen|how does|how do|how will|behaves?|behaviou?r|outcome|result in)\b/i
/** Operating conditions as recognised (also when out of range and dropped from `conditions`). */
const OPERATING_AS = new Set(['currentDensity', 'strippingCurrentDensity', 'capacity', 'temperature', 'stackPressure', 'cycles'])
const OPERATING: Array<keyof PredictionConfigInput> = [
  'currentDensity_mA_cm2', 'strippingCurrentDensity_mA_cm2', 'capacity_mAh_cm2', 'temperature_C', 'stackPressure_kPa', 'cycles',
]

export function parseQuestion(text: string, vocab: VocabIndex, options?: ParseOptions): ParsedQuestion {
  const full = typeof text === 'string' ? text : String(text ?? '')
  const input = full.length > MAX_QUESTION_LENGTH ? full.slice(0, MAX_QUESTION_LENGTH) : full
  try {
    const cls = makeClassifier(options)
    const r = interpret(scanText(input, vocab, cls), cls)
    const assumptions = [...r.assumptions]
    if (input.length < full.length) assumptions.push(`only the first ${MAX_QUESTION_LENGTH} characters were read`)

    const conditions = r.conditions
    let intent: QuestionIntent = 'search'
    const nTech = r.techniques.length
    if ((r.compare && nTech >= 1) || WHICH_TECHNIQUE.test(input) || (nTech >= 2 && CHOICE.test(input))) intent = 'compare-techniques'
    else if (OPERATING.some((k) => conditions[k] !== undefined) || r.recognised.some((x) => OPERATING_AS.has(x.as))) intent = 'predict'
    else if (Object.keys(conditions).some((k) => k !== 'technique') && PREDICTIVE.test(input)) intent = 'predict'
    if (intent === 'compare-techniques') delete conditions.technique

    const recognised = intent === 'compare-techniques' || !r.compare
      ? r.recognised
      : r.recognised.map((x) => (x.as === 'intent' ? { ...x, value: 'compare (not of techniques)' } : x))

    const suggestions: Record<string, string[]> = Object.create(null) as Record<string, string[]>
    for (const u of r.unrecognised) {
      if (Object.keys(suggestions).length >= MAX_SUGGESTED) break
      if (!LOOKS_LIKE_NAME.test(u.text) || !/[A-Z0-9]/.test(u.text) || u.text.length > 24) continue
      const ids = [...new Set([
        ...vocab.suggest('material', u.text), ...vocab.suggest('techniqueFamily', u.text), ...vocab.suggest('technique', u.text),
      ])].slice(0, 3)
      if (ids.length) suggestions[u.text] = ids
    }

    const out: ParsedQuestion = {
      text: full, intent, conditions, techniques: r.techniques, topics: r.topics, recognised,
      unrecognised: r.unrecognised.map((u) => u.text),
    }
    if (assumptions.length) out.assumptions = assumptions
    if (Object.keys(suggestions).length) out.suggestions = suggestions
    return out
  } catch (e) {
    // A bug must not take the question down: report the text as not understood.
    return {
      text: full, intent: 'search', conditions: {}, techniques: [], topics: [], recognised: [],
      unrecognised: input.split(/\s+/).filter(Boolean),
      assumptions: [`the parser failed (${(e as Error).message}); nothing was read`],
    }
  }
}
