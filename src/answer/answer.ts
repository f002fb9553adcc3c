/**
 * The short, human-readable answer of `/v1/ask`: what the question was read
 * as, what is predicted and how sure, and which studies support it. Pure.
 * @module
 */
import type { StudyFile } from '../../schema/files/study-file.ts'
import type { ParsedQuestion } from '../parse/question.ts'
import type { Match, Tolerance } from '../predict/matching.ts'
import { citationOf } from '../predict/evidence.ts'
import type { Prediction } from '../predict/predict.ts'
import type { Comparison } from '../techniques/index.ts'


function conditionsText(q: ParsedQuestion, p: Prediction): string {
  const c = p.configuration
  const parts: string[] = []
  if (c.currentDensity_mA_cm2 !== undefined) parts.push(`${c.currentDensity_mA_cm2} mA cm⁻²`)
  if (c.capacity_mAh_cm2 !== undefined) parts.push(`${c.capacity_mAh_cm2} mAh cm⁻²`)
  const e = c.electrolyte
  if (e.solid) parts.push(e.solid.id)
  else if (e.salts.length || e.solvents.length) parts.push([e.salts.map((s) => `${s.concentration_M ? s.concentration_M + ' M ' : ''}${s.id}`).join(' + '), e.solvents.map((s) => s.id).join(':')].filter(Boolean).join(' in '))
  if (e.additives.length) parts.push(`with ${e.additives.map((a) => `${a.amount ? `${a.amount} ${a.unit ?? 'wt%'} ` : ''}${a.id}`).join(', ')}`)
  if (c.substrate) parts.push(`on ${c.substrate}`)
  if (c.coatings.length) parts.push(`coated with ${c.coatings.join(', ')}`)
  if (c.temperature_C !== undefined) parts.push(`at ${c.temperature_C} °C`)
  if (c.stackPressure_kPa !== undefined) parts.push(`under ${c.stackPressure_kPa} kPa`)
  return parts.join(', ') || q.text
}

export function composeAnswer(args: {
  question: ParsedQuestion
  prediction: Prediction | null
  comparison: Comparison | null
  matches: Match[]
  tolerance: Tolerance
  studies: ReadonlyMap<string, StudyFile>
}): string {
  const { question, prediction: p, comparison, matches, tolerance, studies } = args
  // Seed studies are in `studies`; studies written through the API are cited from their evidence records
  // (looked up only for the few cited: a question may match thousands of experiments).
  const cite = (id: string): string => {
    const s = studies.get(id)
    if (s) return citationOf(s)
    return p?.evidence.find((e) => e.studyId === id)?.citation ?? matches.find((m) => m.item.studyId === id)?.item.citation ?? id
  }
  const lines: string[] = []
  if (comparison) {
    const [first, second] = comparison.ranking
    const studyIds = first?.variants.flatMap((v) => v.studies.map((s) => s.id)).slice(0, 3) ?? []
    lines.push(`For this question ${first?.family.toUpperCase()} ranks first (${first?.variants[0]?.name ?? ''}, score ${first?.score.toFixed(2)})` +
      (second ? `, then ${second.family.toUpperCase()} (${second.score.toFixed(2)})` : '') + '.')
    if (first?.strengths[0]) lines.push(`Why: ${first.strengths[0]}${first.limits[0] ? `; limit: ${first.limits[0]}` : ''}.`)
    if (studyIds.length) lines.push(`Studies that used it for similar questions: ${studyIds.map(cite).join(', ')}.`)
  }
  if (p) {
    const ce = p.deadLi.coulombicEfficiency ? `, CE ≈ ${p.deadLi.coulombicEfficiency.value.toFixed(1)} %` : ''
    const tts = p.shortRisk.timeToShort ? ` (time to short ≈ ${Math.round(p.shortRisk.timeToShort.value)} s)` : ''
    lines.push(`At ${conditionsText(question, p)}: expect ${p.morphology.family} Li (${p.morphology.label}${p.morphology.growthMode ? `, ${p.morphology.growthMode} growth` : ''}), ` +
      `${p.deadLi.level} dead Li${ce}, and ${p.shortRisk.level} short-circuit risk${tts}; confidence ${p.confidence.toFixed(2)}.`)
    const ruleStudies = [...new Set(p.rules.flatMap((r) => r.evidence.map((e) => e.study)))].slice(0, 5)
    if (p.rules.length) lines.push(`Rules that apply (${p.rules.length}): ${p.rules.slice(0, 3).map((r) => r.title).join('; ')}${p.rules.length > 3 ? '; …' : ''} — from ${ruleStudies.map(cite).join(', ')}.`)
    if (p.contradictions.length) lines.push(`Note: close experiments disagree (${p.contradictions.slice(0, 2).map((x) => `${x.studies.join(' vs ')} differ in ${x.differs.join(', ') || 'unrecorded conditions'}`).join('; ')}).`)
    if (p.assumptions.some((a) => a.field === '/currentDensity_mA_cm2')) lines.push('No current density was given; 1 mA cm⁻² was assumed.')
  }
  if (matches.length) {
    const ids = new Set<string>() // the first seven studies: six are cited, a seventh means "…"
    for (const m of matches) if (ids.add(m.item.studyId).size > 6) break
    lines.push(`${matches.length} knowledge-base experiment${matches.length > 1 ? 's' : ''} match (current density within ×${tolerance.currentDensityFactor}, named materials present): ${[...ids].slice(0, 6).map(cite).join(', ')}${ids.size > 6 ? ', …' : ''}.`)
  } else if (p) {
    lines.push(`No knowledge-base experiment matches within the tolerance; the nearest is ${p.evidence[0] ? `${cite(p.evidence[0].studyId)} (${p.evidence[0].label})` : 'none'}.`)
  }
  if (!p && !comparison) lines.push(`No operating conditions or technique comparison were recognised${question.unrecognised.length ? ` (not understood: ${question.unrecognised.slice(0, 5).join(', ')})` : ''}; try e.g. "what happens at 3 mA cm-2 with FEC".`)
  return lines.join(' ')
}
