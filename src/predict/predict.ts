/**
 * `predict(configuration)`: literature rules + the fast simulator + the
 * nearest knowledge-base experiments → morphology, dead Li / CE, short risk
 * and nucleation, each explained by the rules that fired and the evidence.
 * Deterministic; how the three sources combine is documented in rules/README.md.
 * @module
 */
import type { RuleProperties } from 'json-rules-engine'
import type { Effect, RuleFile } from '../../schema/files/rule-file.ts'
import type { StudyFile } from '../../schema/files/study-file.ts'
import type { VocabLookup } from '../kb/rows.ts'
import { evaluateRules, type ConditionTrace } from '../rules/engine.ts'
import type { Facts } from '../rules/facts.ts'
import { simulate, type SimulationResult } from '../sim/simulate.ts'
import { configFacts } from './config-facts.ts'
import { findContradictions, nearestEvidence, type Contradiction, type EvidenceIndex, type EvidenceMatch } from './evidence.ts'
import type { Conditions, Level } from './kb-config.ts'
import { NO_SIMULATION, simFacts } from './sim-facts.ts'
import { toSimInput, type MappingNote } from './to-sim.ts'

export interface PredictContext {
  lookup: VocabLookup
  evidence: EvidenceIndex
  rules: RuleFile[]
  compiledRules: RuleProperties[]
  studies: ReadonlyMap<string, StudyFile>
}

export const FAMILIES = ['compact', 'mossy', 'whisker', 'dendritic', 'penetrating'] as const
export type Family = (typeof FAMILIES)[number]
const LEVELS: Level[] = ['low', 'moderate', 'high']

/** Weights of the three sources (rules/README.md, "How predictions combine"). */
export const COMBINATION = {
  simulatorFamily: 0.5,
  evidence: 1,
  evidenceK: 8,
  evidenceMaxDistance: 0.5,
  evidencePower: 4,
  simulatorDeadLi: 0.5,
  riskOfLevel: { low: 0.1, moderate: 0.5, high: 0.9 } as Record<Level, number>,
} as const

/**
 * The simulator's short-risk score without its dead-Li accumulation term. A dead-Li layer filling the
 * electrode gap over many cycles shows up in the knowledge base as rising, arc-shaped overpotential and
 * voltage failure (Chen 2017) and mossy Li is blocked by separators (Bai 2016), so accumulation is
 * reported as a caveat rather than counted as short-circuit risk (rules/README.md).
 */
export function shortRiskWithoutAccumulation(components: Record<string, number>): number {
  return 1 - Object.entries(components).filter(([k]) => k !== 'accumulation').reduce((keep, [, r]) => keep * (1 - r), 1)
}

const SIM_CLASS: Record<string, { family: Family; label: string; growth: string }> = {
  'dense-columnar': { family: 'compact', label: 'columnar', growth: 'lateral' },
  granular: { family: 'compact', label: 'granular', growth: 'lateral' },
  mossy: { family: 'mossy', label: 'mossy', growth: 'root' },
  whisker: { family: 'whisker', label: 'whisker', growth: 'root' },
  dendritic: { family: 'dendritic', label: 'dendritic', growth: 'tip' },
  planar: { family: 'compact', label: 'film', growth: 'lateral' },
  'void-formation': { family: 'compact', label: 'film', growth: 'lateral' },
  'filament-penetration': { family: 'penetrating', label: 'crack-filling', growth: 'internal' },
}
const DEFAULT_LABEL: Record<Family, string> = { compact: 'granular', mossy: 'mossy', whisker: 'whisker', dendritic: 'dendritic', penetrating: 'crack-filling' }

export interface Quantity { value: number; unit: string }
export interface FiredRuleOut {
  id: string; title: string; strength: number; effects: Effect[]
  evidence: Array<{ study: string; doi: string | null; figure?: string; note?: string }>
  disputedBy: Array<{ study: string; doi: string | null; note: string }>
  conditions: ConditionTrace[]
}

export interface Prediction {
  configuration: Conditions
  morphology: { family: Family; label: string; growthMode: string | null; alternatives: Array<{ family: Family; score: number }>; sources: Record<string, number> }
  deadLi: { level: Level; coulombicEfficiency: Quantity | null; deadLiFraction: Quantity | null }
  shortRisk: { level: Level; score: number; timeToShort: Quantity | null; mechanism: string }
  nucleation: { overpotential: Quantity | null; density: Quantity | null; densityTrend: string | null }
  sei: string[]
  rules: FiredRuleOut[]
  evidence: EvidenceMatch[]
  contradictions: Contradiction[]
  confidence: number
  assumptions: Array<{ field: string; value: string; reason: string }>
  caveats: string[]
  simulation: { ran: boolean; regime: string | null; morphologyClass: string | null; quantities: Record<string, Quantity> }
}

export interface PredictOptions {
  /** Leave this study out of the evidence (leave-one-study-out evaluation). */
  excludeStudy?: string
  /** Rules to leave out (e.g. those citing only the excluded study). */
  excludeRules?: ReadonlySet<string>
}

const argmax = <K extends string>(scores: Record<K, number>, order: readonly K[]): K =>
  order.reduce((best, k) => ((scores[k] ?? 0) > (scores[best] ?? 0) + 1e-12 ? k : best), order[0] as K)

function runSimulator(c: Conditions): { result: SimulationResult | null; notes: MappingNote[]; error?: string } {
  if (c.currentDensity_mA_cm2 === undefined) return { result: null, notes: [], error: 'no current density given: the simulator was not run' }
  const { input, notes } = toSimInput({ ...c, currentDensity_mA_cm2: c.currentDensity_mA_cm2 })
  try {
    return { result: simulate(input, { mode: 'fast' }), notes }
  } catch (e) {
    return { result: null, notes, error: `simulator: ${(e as Error).message}` }
  }
}

/** The full fact set for the rule engine. */
export function buildFacts(c: Conditions, lookup: VocabLookup, sim: SimulationResult | null): Facts {
  return { ...configFacts(c, lookup), ...(sim ? simFacts(sim) : NO_SIMULATION) }
}

export async function predict(c: Conditions, ctx: PredictContext, options: PredictOptions = {}): Promise<Prediction> {
  const { result: sim, notes, error } = runSimulator(c)
  const facts = buildFacts(c, ctx.lookup, sim)
  const rules = options.excludeRules ? ctx.rules.filter((r) => !options.excludeRules?.has(r.id)) : ctx.rules
  const compiled = options.excludeRules ? ctx.compiledRules.filter((r) => !options.excludeRules?.has(r.name as string)) : ctx.compiledRules
  const fired = await evaluateRules(rules, compiled, facts)
  const evidence = nearestEvidence(ctx.evidence, c, COMBINATION.evidenceK, options.excludeStudy ? (i) => i.studyId === options.excludeStudy : undefined)
  const weighted = evidence
    .filter((m) => m.distance <= COMBINATION.evidenceMaxDistance)
    .map((m) => ({ m, w: (1 - m.distance) ** COMBINATION.evidencePower }))

  const effects = (target: Effect['target']) => fired.flatMap((f) => f.rule.effects.filter((e) => e.target === target).map((e) => ({ value: e.value, w: f.rule.strength })))

  // Morphology family: rule votes + simulator class + evidence observed families.
  const family = Object.fromEntries(FAMILIES.map((f) => [f, 0])) as Record<Family, number>
  const sources = { rules: 0, simulator: 0, evidence: 0 }
  for (const e of effects('morphology.family')) { family[e.value as Family] += e.w; sources.rules += e.w }
  const simClass = sim ? SIM_CLASS[sim.morphology.class] : undefined
  if (simClass) { family[simClass.family] += COMBINATION.simulatorFamily; sources.simulator += COMBINATION.simulatorFamily }
  const withFamilies = weighted.filter((x) => x.m.observed.families.length > 0)
  const evMass = withFamilies.reduce((s, x) => s + x.w, 0)
  if (evMass > 0) {
    for (const { m, w } of withFamilies) {
      for (const f of m.observed.families) family[f as Family] += (COMBINATION.evidence * w) / evMass / m.observed.families.length
    }
    sources.evidence += COMBINATION.evidence
  }
  // Ties go to the riskier family.
  const chosen = argmax(family, [...FAMILIES].reverse())
  const total = Object.values(family).reduce((a, b) => a + b, 0) || 1
  const alternatives = FAMILIES.map((f) => ({ family: f, score: Number((family[f] / total).toFixed(3)) })).sort((a, b) => b.score - a.score)

  // Label within the chosen family.
  const labels = new Map<string, number>()
  const vote = (label: string, w: number) => { if (ctx.lookup.familyOf.get(label) === chosen) labels.set(label, (labels.get(label) ?? 0) + w) }
  for (const e of effects('morphology.label')) vote(e.value, e.w)
  if (simClass) vote(simClass.label, COMBINATION.simulatorFamily / 2)
  for (const { m, w } of withFamilies) for (const l of m.observed.labels) vote(l, (w / evMass) / Math.max(1, m.observed.labels.length))
  const label = [...labels.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? DEFAULT_LABEL[chosen]

  const growthVotes = new Map<string, number>()
  for (const e of effects('growthMode')) growthVotes.set(e.value, (growthVotes.get(e.value) ?? 0) + e.w)
  if (simClass && simClass.family === chosen) growthVotes.set(simClass.growth, (growthVotes.get(simClass.growth) ?? 0) + 0.25)
  const growthMode = [...growthVotes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null

  // Dead Li: rule levels + simulated CE band + evidence observations.
  const dead: Record<Level, number> = { low: 0, moderate: 0, high: 0 }
  for (const e of effects('deadLi.level')) dead[e.value as Level] += e.w
  const ce = sim?.quantities.coulombicEfficiency
  if (ce) dead[ce.value >= 97 ? 'low' : ce.value >= 90 ? 'moderate' : 'high'] += COMBINATION.simulatorDeadLi
  const deadEv = weighted.filter((x) => x.m.observed.deadLi)
  const deadMass = deadEv.reduce((s, x) => s + x.w, 0)
  for (const { m, w } of deadEv) dead[m.observed.deadLi as Level] += (COMBINATION.evidence * w) / deadMass
  const deadLevel = argmax(dead, [...LEVELS].reverse())

  // Short risk: a weighted mean of the simulator score, rule levels and observed shorts.
  let riskSum = 0, riskW = 0
  if (sim) { riskSum += shortRiskWithoutAccumulation(sim.shortRisk.components); riskW += 1 }
  for (const e of effects('shortRisk.level')) { riskSum += e.w * COMBINATION.riskOfLevel[e.value as Level]; riskW += e.w }
  const shortEv = weighted.filter((x) => x.m.observed.short)
  const shortMass = shortEv.reduce((s, x) => s + x.w, 0)
  for (const { m, w } of shortEv) { riskSum += (w / shortMass) * COMBINATION.riskOfLevel[m.observed.short as Level]; riskW += w / shortMass }
  const riskScore = riskW > 0 ? riskSum / riskW : 0.1
  const riskLevel: Level = riskScore >= 0.6 ? 'high' : riskScore >= 0.3 ? 'moderate' : 'low'
  const shortRules = fired.filter((f) => f.rule.effects.some((e) => e.target === 'shortRisk.level' && e.value !== 'low'))
  const simMechanism = sim ? Object.entries(sim.shortRisk.components).filter(([k, r]) => k !== 'accumulation' && r >= 0.2).sort((a, b) => b[1] - a[1])[0]?.[0] : undefined
  const mechanism = [simMechanism && `simulator: ${simMechanism}`, ...shortRules.map((f) => f.rule.title)].filter(Boolean).join('; ') || 'no short-circuit mechanism predicted'

  const q = (name: string): Quantity | null => {
    const x = sim?.quantities[name]
    return x ? { value: Number(x.value.toPrecision(4)), unit: x.unit } : null
  }
  const trend = effects('nucleation.density').sort((a, b) => b.w - a.w)[0]?.value ?? null

  // Confidence (rules/README.md): evidence count and agreement, nearest distance, rule support; contradictions lower it.
  const close = evidence.filter((m) => m.distance <= 0.35 && m.observed.families.length > 0)
  const agree = close.length === 0 ? 0 : close.filter((m) => m.observed.families.includes(chosen)).length / close.length
  const ruleSupport = Math.min(1, effects('morphology.family').filter((e) => e.value === chosen).reduce((s, e) => s + e.w, 0))
  const contradictions = findContradictions(evidence, ctx.evidence)
  let confidence = 0.1 + 0.35 * Math.min(1, close.length / 3) * agree + 0.25 * (1 - (evidence[0]?.distance ?? 1)) + 0.25 * ruleSupport
  if (contradictions.length > 0) confidence -= 0.1
  confidence = Number(Math.min(0.95, Math.max(0.05, confidence)).toFixed(2))

  const doi = (id: string) => ctx.studies.get(id)?.doi ?? null
  const caveats = [
    ...fired.flatMap((f) => f.rule.effects.filter((e) => e.target === 'caveat').map((e) => e.value)),
    ...fired.filter((f) => f.rule.disputedBy.length > 0).map((f) => `rule "${f.rule.id}" is disputed by ${f.rule.disputedBy.map((d) => d.study).join(', ')}`),
    ...(error ? [error] : []),
    ...(sim?.warnings ?? []),
  ]
  const accumulation = sim?.shortRisk.components.accumulation ?? 0
  if (accumulation >= 0.5) caveats.push(`over ${sim?.config.cycles} cycles the dead-Li layer would reach ${Math.round(accumulation * 100)} % of the separator's accommodation: expect rising, arc-shaped overpotential and voltage failure (Chen 2017)`)
  if (evidence[0] && evidence[0].distance > 0.35) caveats.push(`no knowledge-base experiment is close to this configuration (nearest distance ${evidence[0].distance}): the prediction leans on rules and physics`)
  const assumptions = [
    ...notes.map((n) => ({ field: n.field, value: n.value, reason: n.reason })),
    ...(sim?.assumptions ?? []).map((a) => ({ field: a.field, value: `${a.value}${a.unit ? ' ' + a.unit : ''}`, reason: a.reason })),
  ]

  return {
    configuration: c,
    morphology: { family: chosen, label, growthMode, alternatives, sources },
    deadLi: { level: deadLevel, coulombicEfficiency: q('coulombicEfficiency'), deadLiFraction: q('deadLiFraction') },
    shortRisk: { level: riskLevel, score: Number(riskScore.toFixed(3)), timeToShort: q('timeToShort'), mechanism },
    nucleation: { overpotential: q('nucleationOverpotential'), density: q('nucleationDensity'), densityTrend: trend },
    sei: [...new Set(effects('sei').map((e) => e.value))],
    rules: fired.map((f) => ({
      id: f.rule.id, title: f.rule.title, strength: f.rule.strength, effects: f.rule.effects,
      evidence: f.rule.evidence.map((e) => ({ ...e, doi: doi(e.study) })),
      disputedBy: f.rule.disputedBy.map((d) => ({ ...d, doi: doi(d.study) })),
      conditions: f.conditions,
    })),
    evidence, contradictions, confidence, assumptions, caveats,
    simulation: {
      ran: sim !== null, regime: sim?.regime ?? null, morphologyClass: sim?.morphology.class ?? null,
      quantities: Object.fromEntries(Object.entries(sim?.quantities ?? {}).map(([k, v]) => [k, { value: v.value, unit: v.unit }])),
    },
  }
}
