/**
 * Rank the five technique families (and their variants) for a question,
 * deterministically and with reasons: needs from the question's keywords and
 * the explicit constraints (`needs.ts`), a score per vocabulary variant from a
 * documented weight table (`score.ts`), family score = best variant score, and
 * as evidence the knowledge-base studies whose experiments used the variant,
 * most relevant to the question first. Pure.
 *
 * Study relevance (per experiment with the variant; a study takes its best):
 *   SEI observed (need sei-visibility or chemical-contrast)       +2, SEI species listed +1 more
 *   morphology terms recorded (need deposit-morphology)             +1
 *   liquid electrolyte (need liquid-compatibility)                  +1
 *   solid or polymer electrolyte (need solid-state)                 +1
 *   operando mode (need time-resolution)                            +1
 *   internal growth / penetrating morphology / mechanical event
 *     (need penetration-3d)                                         +1
 *   anode-free or full cell (need intact-cell)                      +1
 *   each other question word (≥ 4 letters) found in the label or
 *     an observation summary                                        +0.25 (up to +1)
 * Ties: newer study first, then id.
 * @module
 */
import { TECHNIQUE_FAMILIES, type Experiment, type StudyFile } from '../../schema/files/study-file.ts'
import type { Technique } from '../../schema/files/vocab-files.ts'
import type { KnowledgeBase } from '../kb/validate.ts'
import { deriveNeeds, normaliseQuestion, type Constraints, type Need, type NeedId } from './needs.ts'
import { CONSTRAINT_FACTOR, NEED_WEIGHTS, scoreVariant, type BreakdownItem } from './score.ts'

export type Family = (typeof TECHNIQUE_FAMILIES)[number]

export interface StudyEvidence { id: string; doi: string; year: number; why: string }

export interface VariantRanking {
  id: string
  name: string
  score: number
  strengths: string[]
  limits: string[]
  studies: StudyEvidence[]
  /** Per-need weight and fit behind `score`. */
  breakdown: BreakdownItem[]
}

export interface FamilyRanking {
  family: Family
  score: number
  variants: VariantRanking[]
  strengths: string[]
  limits: string[]
}

export interface Comparison {
  question: string
  needs: Need[]
  ranking: FamilyRanking[]
}

/** At most this many studies are cited per variant, and strengths/limits per family. */
export const MAX_STUDIES_PER_VARIANT = 5
export const MAX_FAMILY_ITEMS = 6

const STOPWORDS = new Set([
  'what', 'which', 'when', 'where', 'with', 'without', 'from', 'into', 'onto', 'over', 'under', 'that', 'this',
  'those', 'these', 'there', 'their', 'does', 'best', 'technique', 'techniques', 'method', 'cell', 'cells',
  'while', 'during', 'about', 'using', 'like', 'show', 'shows', 'see', 'seen', 'study', 'studies', 'lithium',
])

/** Weight per need: the table weight, × CONSTRAINT_FACTOR when a constraint asks for it. */
export function needWeights(needs: readonly Need[]): Map<NeedId, number> {
  const weights = new Map<NeedId, number>()
  for (const n of needs) {
    const w = NEED_WEIGHTS[n.need] * (n.from === 'constraints' ? CONSTRAINT_FACTOR : 1)
    weights.set(n.need, Math.max(weights.get(n.need) ?? 0, w))
  }
  return weights
}

function experimentRelevance(e: Experiment, needs: ReadonlySet<NeedId>, words: readonly string[]): { score: number; reasons: string[] } {
  let score = 0
  const reasons: string[] = []
  if (needs.has('sei-visibility') || needs.has('chemical-contrast')) {
    const sei = e.observations.filter((o) => o.sei)
    if (sei.length) {
      const species = [...new Set(sei.flatMap((o) => o.sei?.species ?? []))]
      score += 2 + (species.length ? 1 : 0)
      reasons.push(species.length ? `SEI observed (${species.join(', ')})` : 'SEI observed')
    }
  }
  if (needs.has('deposit-morphology')) {
    const terms = [...new Set(e.observations.flatMap((o) => o.morphology))]
    if (terms.length) { score += 1; reasons.push(`morphology: ${terms.join(', ')}`) }
  }
  const kind = e.electrolyte.kind
  if (needs.has('liquid-compatibility') && (kind === 'liquid' || kind === 'ionic-liquid-solvate')) {
    score += 1; reasons.push(`${kind === 'liquid' ? 'liquid' : 'solvate ionic-liquid'} electrolyte`)
  }
  if (needs.has('solid-state') && (kind === 'solid-inorganic' || kind === 'polymer')) {
    score += 1; reasons.push(`${kind === 'polymer' ? 'polymer' : 'solid'} electrolyte${e.electrolyte.solid ? ` (${e.electrolyte.solid.id})` : ''}`)
  }
  if (needs.has('time-resolution') && e.technique.mode === 'operando') { score += 1; reasons.push('operando') }
  if (needs.has('penetration-3d')) {
    const inside = e.observations.some((o) => o.growthMode.includes('internal') || o.morphology.includes('penetrating') || o.mechanical.length > 0)
    if (inside) { score += 1; reasons.push('internal growth or mechanical damage recorded') }
  }
  if (needs.has('intact-cell') && (e.cell.configuration === 'anode-free' || e.cell.configuration === 'full-cell')) {
    score += 1; reasons.push(`${e.cell.configuration} cell`)
  }
  if (words.length) {
    const text = normaliseQuestion([e.label, e.cell.configuration, ...e.observations.flatMap((o) => [o.phase, o.summary])].join(' '))
    const found = words.filter((w) => text.includes(w))
    if (found.length) { score += Math.min(1, 0.25 * found.length); reasons.push(`mentions ${found.join(', ')}`) }
  }
  return { score, reasons }
}

function questionWords(question: string): string[] {
  const words = normaliseQuestion(question).split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !STOPWORDS.has(w))
  // crude stem so "soaking" meets "soak" and "dendrites" meets "dendrite"
  return [...new Set(words.map((w) => w.replace(/(?:ing|es|s)$/, '')).filter((w) => w.length >= 4 || w === 'soak'))]
}

/** Knowledge-base studies that used `variant`, most relevant first. */
export function variantEvidence(
  variant: string, studies: readonly StudyFile[], needs: ReadonlySet<NeedId>, words: readonly string[],
): StudyEvidence[] {
  const found: Array<StudyEvidence & { relevance: number }> = []
  for (const s of studies) {
    let best: { score: number; reasons: string[]; e: Experiment } | null = null
    for (const e of s.experiments) {
      if (e.technique.variant !== variant) continue
      const r = experimentRelevance(e, needs, words)
      if (!best || r.score > best.score) best = { ...r, e }
    }
    if (!best) continue
    const why = `${best.e.label}${best.reasons.length ? ` — ${best.reasons.join('; ')}` : ''}`
    found.push({ id: s.id, doi: s.doi, year: s.year, why, relevance: best.score })
  }
  found.sort((a, b) => b.relevance - a.relevance || b.year - a.year || a.id.localeCompare(b.id))
  return found.slice(0, MAX_STUDIES_PER_VARIANT).map(({ relevance: _r, ...rest }) => rest)
}

function rankVariant(t: Technique, weights: ReadonlyMap<NeedId, number>, kb: KnowledgeBase, needSet: ReadonlySet<NeedId>, words: string[]): VariantRanking {
  const s = scoreVariant(t, weights)
  return {
    id: t.id, name: t.name, score: s.score, strengths: s.strengths, limits: s.limits,
    studies: variantEvidence(t.id, kb.studies, needSet, words), breakdown: s.breakdown,
  }
}

const merge = (lists: string[][], max: number): string[] => [...new Set(lists.flat())].slice(0, max)

/**
 * Rank all five technique families for `question` under `constraints`.
 * An empty or unrecognised question still ranks every family (on the baseline
 * terms: access and maturity).
 */
export function compareTechniques(question: string, constraints: Constraints | undefined, kb: KnowledgeBase): Comparison {
  const q = typeof question === 'string' ? question : ''
  const needs = deriveNeeds(q, constraints)
  const weights = needWeights(needs)
  const needSet = new Set(weights.keys())
  const words = questionWords(q)
  const ranking: FamilyRanking[] = TECHNIQUE_FAMILIES.map((family) => {
    const variants = kb.vocab.techniques
      .filter((t) => t.family === family)
      .map((t) => rankVariant(t, weights, kb, needSet, words))
      .sort((a, b) => b.score - a.score || b.studies.length - a.studies.length || a.id.localeCompare(b.id))
    const top = variants[0]
    return {
      family,
      score: top?.score ?? 0,
      variants,
      // the best variant's strengths first, then the others', deduplicated
      strengths: merge(variants.map((v) => v.strengths), MAX_FAMILY_ITEMS),
      // limits of the best variant only: the family's answer is that variant
      limits: (top?.limits ?? []).slice(0, MAX_FAMILY_ITEMS),
    }
  })
  ranking.sort((a, b) => b.score - a.score || TECHNIQUE_FAMILIES.indexOf(a.family) - TECHNIQUE_FAMILIES.indexOf(b.family))
  return { question: q, needs, ranking }
}
